// Node.js and Bun, ES modules: the .wasm is read from the package and compiled synchronously.
import { readFileSync } from 'node:fs';
import * as bindings from './dist/hwlc.js';
import { makeApi } from './src/wrap.js';
import { setApi } from './src/core.js';

bindings.initSync({ module: readFileSync(new URL('./dist/hwlc_bg.wasm', import.meta.url)) });

const api = makeApi(bindings);
setApi(api); // interim, until the lead's ES module layout (src/api.js) lands
export const { verify, Verifier, parse, sign, explain, generateKey, CallbackError } = api;
export * from './src/request.js';
export * from './src/adapters/index.js';
