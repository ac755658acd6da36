// @ts-check
// Cloudflare Workers (workerd) and other "worker" runtimes: the .wasm is imported as a module
// (a WebAssembly.Module) and instantiated synchronously; nothing is compiled from bytes at run
// time, which workerd forbids.
import wasmModule from './dist/hwlc_bg.wasm';
import * as bindings from './dist/hwlc.js';
import { setBindings } from './src/wasm.js';

bindings.initSync({ module: wasmModule });
setBindings(bindings);
export * from './src/api.js';
