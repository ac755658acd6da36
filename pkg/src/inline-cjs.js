// @ts-check
// Source of dist/inline.cjs (esbuild, scripts/build-pkg.sh): pkg/inline.mjs as CommonJS, for
// `require` under the `browser` condition (Jest with jsdom) and of the ./inline subpath. The
// base64 stays in dist/wasm-inline.cjs (external to the bundle), which dist/node.cjs shares.
import { initInline } from './inline.js';

initInline(require('../dist/wasm-inline.cjs'));
export * from './api.js';
