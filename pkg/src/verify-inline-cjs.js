// @ts-check
// Source of dist/lean/inline.cjs (esbuild, scripts/build-pkg.sh): verify/inline.mjs as CommonJS,
// the fallback of verify/node.cjs where a runtime cannot require an ES module (Node < 20.19 /
// 22.12, Jest; see src/require-esm.cjs) and `require` under the `browser` condition (Jest with
// jsdom). The base64 stays in dist/lean/wasm-inline.cjs (external to the bundle; build-pkg.sh
// points the require at the file beside dist/lean/inline.cjs).
import * as bindings from '../dist/lean/hwlc.js';
import { wasmBytes } from './base64.js';
import { setBindings } from './wasm.js';

bindings.initSync({ module: wasmBytes(require('../dist/lean/wasm-inline.cjs')) });
setBindings(bindings);
export * from './verify-api.js';
