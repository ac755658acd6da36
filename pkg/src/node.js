// Node.js and Bun, built by esbuild into dist/node.cjs (scripts/build-pkg.sh), which both
// `require` (node.cjs) and `import` (node.mjs) load: one module instance, one CallbackError.
// The .wasm is read from the package and compiled synchronously.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as bindings from '../dist/hwlc.js';
import { setBindings } from './wasm.js';

bindings.initSync({ module: readFileSync(join(__dirname, 'hwlc_bg.wasm')) });
setBindings(bindings);
export * from './api.js';
