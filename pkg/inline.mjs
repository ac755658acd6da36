// Deno and any other runtime: the .wasm travels inside a JS module as base64, so loading needs
// no file system, no fetch and no permission; it is compiled synchronously.
import * as bindings from './dist/hwlc.js';
import wasmBase64 from './dist/wasm-inline.mjs';
import { makeApi } from './src/wrap.js';
import { setApi } from './src/core.js';
import * as request from './src/request.js';
import * as adapters from './src/adapters/index.js';

const text = atob(wasmBase64);
const bytes = new Uint8Array(text.length);
for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
bindings.initSync({ module: bytes });

const api = makeApi(bindings);
setApi(api); // interim, until the lead's ES module layout (src/api.js) lands
export const { verify, Verifier, parse, sign, explain, generateKey, CallbackError } = api;
// Re-bound here rather than `export *`: with "sideEffects": false, a bundler (esbuild) keeps
// this module's statements (the wasm initialisation, setApi) only when one of ITS OWN exports
// is used; a bundle importing only re-exported names would drop them.
export const { verifyRequest, createHandler, createNodeMiddleware } = request;
export const { createFastifyPlugin, createKoaMiddleware, createHonoMiddleware, nextRouteHandler, createLambdaHandler } = adapters;
