// Browsers and bundlers: the .wasm is a separate asset (bundlers pick up the `new URL(…,
// import.meta.url)`), fetched and compiled by streaming before the module finishes loading.
import * as bindings from './dist/hwlc.js';
import { makeApi } from './src/wrap.js';

await bindings.default({ module_or_path: new URL('./dist/hwlc_bg.wasm', import.meta.url) });

export const { verify, Verifier, parse, sign, explain, generateKey, CallbackError } = makeApi(bindings);
