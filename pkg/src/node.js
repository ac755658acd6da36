// @ts-check
// Node.js and Bun, built by esbuild into dist/node.cjs (scripts/build-pkg.sh), which both
// `require` (node.cjs) and `import` (node.mjs) load: one module instance, one CallbackError.
// The .wasm is read from beside this file and compiled synchronously, or where an application
// bundler took the code alone, comes from dist/wasm-inline.cjs (see src/node-wasm.js).
import * as bindings from '../dist/hwlc.js';
import { nodeWasm } from './node-wasm.js';
import { setBindings } from './wasm.js';

bindings.initSync({ module: nodeWasm('hwlc_bg.wasm', () => require('../dist/wasm-inline.cjs')) });
setBindings(bindings);
export * from './api.js';
