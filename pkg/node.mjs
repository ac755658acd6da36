// Node.js and Bun, ES modules: the .wasm is read from the package and compiled synchronously.
import { readFileSync } from 'node:fs';
import * as bindings from './dist/hwlc.js';
import { makeApi } from './src/wrap.js';

bindings.initSync({ module: readFileSync(new URL('./dist/hwlc_bg.wasm', import.meta.url)) });

export const { verify, Verifier, parse, sign, explain, generateKey, CallbackError } = makeApi(bindings);
