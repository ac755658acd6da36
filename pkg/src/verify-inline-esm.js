// @ts-check
// Source of dist/lean/inline.mjs (esbuild, scripts/build-pkg.sh), which the exports map names
// for huaweicloud-live-callback/verify in every runtime but workerd: the verify-only inline
// build (the lean glue, the base64 .wasm, the verify API with its own module state: see
// src/verify-bundle.js; CallbackError, one class with the full build's through src/error.js's
// registry) as ONE ES module file, as src/inline-esm.js is for the full package.
import * as bindings from '../dist/lean/hwlc.js';
import wasmBase64 from '../dist/lean/wasm-inline.mjs';
import { wasmBytes } from './base64.js';
import { setBindings } from './wasm.js';

bindings.initSync({ module: wasmBytes(wasmBase64) });
setBindings(bindings);
export * from './verify-api.js';
