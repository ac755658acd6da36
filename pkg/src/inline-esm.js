// @ts-check
// Source of dist/inline.mjs (esbuild, scripts/build-pkg.sh), which pkg/inline.mjs re-exports:
// the inline build's module graph (src/api.js and every module it imports, the wasm-bindgen
// glue: 26 modules) as ONE ES module file, because Node pays for each module of a graph: the one
// file imports several times faster than the graph did (make bench's cold section measures the
// import). The base64 .wasm (dist/wasm-inline.mjs) and CallbackError (src/error.js, shared with
// the verify-only build) stay modules of their own. Bundlers take the file as it is.
import wasmBase64 from '../dist/wasm-inline.mjs';
import { initInline } from './inline.js';

initInline(wasmBase64);
export * from './api.js';
