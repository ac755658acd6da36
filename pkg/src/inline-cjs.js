// @ts-check
// Source of dist/inline.cjs (esbuild, scripts/build-pkg.sh): dist/inline.mjs as CommonJS, for
// `require` under the `browser` condition (Jest with jsdom) and of the ./inline subpath, and
// node.cjs's fallback where a runtime cannot require an ES module (Node < 20.19 / 22.12, Jest:
// src/require-esm.cjs). One file: the base64 (dist/wasm-inline.cjs) is bundled in.
import { initInline } from './inline.js';

initInline(require('../dist/wasm-inline.cjs'));
export * from './api.js';
