// Cloudflare Workers (workerd) and other "worker" runtimes: the .wasm is imported as a module
// (a WebAssembly.Module) and instantiated synchronously; nothing is compiled from bytes at run
// time, which workerd forbids.
import wasmModule from './dist/hwlc_bg.wasm';
import * as bindings from './dist/hwlc.js';
import { makeApi } from './src/wrap.js';
import { setApi } from './src/core.js';
import * as request from './src/request.js';
import * as adapters from './src/adapters/index.js';

bindings.initSync({ module: wasmModule });

const api = makeApi(bindings);
setApi(api); // interim, until the lead's ES module layout (src/api.js) lands
export const { verify, Verifier, parse, sign, explain, generateKey, CallbackError } = api;
// Re-bound here rather than `export *`: with "sideEffects": false, a bundler (esbuild) keeps
// this module's statements (the wasm initialisation, setApi) only when one of ITS OWN exports
// is used; a bundle importing only re-exported names would drop them.
export const { verifyRequest, createHandler, createNodeMiddleware } = request;
export const { createFastifyPlugin, createKoaMiddleware, createHonoMiddleware, nextRouteHandler, createLambdaHandler } = adapters;
