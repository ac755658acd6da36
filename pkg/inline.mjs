// Deno and any other runtime: the .wasm travels inside a JS module as base64, so loading needs
// no file system, no fetch and no permission; it is compiled synchronously.
import * as bindings from './dist/hwlc.js';
import wasmBase64 from './dist/wasm-inline.mjs';
import { setBindings } from './src/wasm.js';

const text = atob(wasmBase64);
const bytes = new Uint8Array(text.length);
for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
bindings.initSync({ module: bytes });
setBindings(bindings);
export * from './src/api.js';
