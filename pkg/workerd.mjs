// Cloudflare Workers (workerd) and other "worker" runtimes: the .wasm is imported as a module
// (a WebAssembly.Module) and instantiated synchronously; nothing is compiled from bytes at run
// time, which workerd forbids.
import wasmModule from './dist/hwlc_bg.wasm';
import * as bindings from './dist/hwlc.js';
import { makeApi } from './src/wrap.js';

bindings.initSync({ module: wasmModule });

export const { verify, Verifier, parse, sign, explain, generateKey, CallbackError } = makeApi(bindings);
