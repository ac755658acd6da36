// @ts-check
// Source of dist/lean/inline.cjs (esbuild, scripts/build-pkg.sh): dist/lean/inline.mjs as CommonJS,
// the fallback of verify/node.cjs where a runtime cannot require an ES module (Node < 20.19 /
// 22.12, Jest; see src/require-esm.cjs) and `require` under the `browser` condition (Jest with
// jsdom). One file: the base64 (dist/lean/wasm-inline.cjs) is bundled in.
import * as bindings from '../dist/lean/hwlc.js';
import { wasmBytes } from './base64.js';
import { setBindings } from './wasm.js';

bindings.initSync({ module: wasmBytes(require('../dist/lean/wasm-inline.cjs')) });
setBindings(bindings);
export * from './verify-api.js';
