// @ts-check
// Source of dist/inline.mjs (esbuild, scripts/build-pkg.sh), which the exports map names for
// every runtime but workerd: the inline build's module graph (src/api.js and every module it
// imports, the wasm-bindgen glue, the base64 .wasm, CallbackError) as ONE ES module file,
// because Node pays for each module of a graph at start-up (make bench's cold section
// measures the import). Bundlers take the file as it is.
import wasmBase64 from '../dist/wasm-inline.mjs';
import { initInline } from './inline.js';

initInline(wasmBase64);
export * from './api.js';
