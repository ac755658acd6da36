// Cloudflare Workers (workerd) and other "worker" runtimes: the .wasm is imported as a module
// (a WebAssembly.Module) and instantiated synchronously; nothing is compiled from bytes at run
// time, which workerd forbids.
import wasmModule from './dist/hwlc_bg.wasm';
import * as bindings from './dist/hwlc.js';
import { makeApi } from './src/wrap.js';
import { setApi } from './src/core.js';

bindings.initSync({ module: wasmModule });

const api = makeApi(bindings);
setApi(api); // interim, until the lead's ES module layout (src/api.js) lands
export const { verify, Verifier, parse, sign, explain, generateKey, CallbackError } = api;
export * from './src/request.js';
export * from './src/adapters/index.js';
