// Browsers and bundlers: the .wasm is a separate asset (bundlers pick up the `new URL(…,
// import.meta.url)`), fetched and compiled by streaming before the module finishes loading.
import * as bindings from './dist/hwlc.js';
import { makeApi } from './src/wrap.js';
import { setApi } from './src/core.js';

await bindings.default({ module_or_path: new URL('./dist/hwlc_bg.wasm', import.meta.url) });

const api = makeApi(bindings);
setApi(api); // interim, until the lead's ES module layout (src/api.js) lands
export const { verify, Verifier, parse, sign, explain, generateKey, CallbackError } = api;
export * from './src/request.js';
export * from './src/adapters/index.js';
