// @ts-check
// Source of dist/lean/inline.mjs (esbuild, scripts/build-pkg.sh), which pkg/verify/inline.mjs
// re-exports: the verify-only inline build (the lean glue, the verify API with its own module
// state: see src/verify-bundle.js) as ONE ES module file, as src/inline-esm.js is for the full
// package. The base64 .wasm (dist/lean/wasm-inline.mjs) and CallbackError (src/error.js) stay
// modules of their own.
import * as bindings from '../dist/lean/hwlc.js';
import wasmBase64 from '../dist/lean/wasm-inline.mjs';
import { wasmBytes } from './base64.js';
import { setBindings } from './wasm.js';

bindings.initSync({ module: wasmBytes(wasmBase64) });
setBindings(bindings);
export * from './verify-api.js';
