// @ts-check
// huaweicloud-live-callback/verify in Node.js and Bun, built by esbuild into dist/lean/node.cjs
// (scripts/build-pkg.sh), which both `require` (verify/node.cjs) and `import` (verify/node.mjs)
// load. The verify-only .wasm is read from beside the built file and compiled synchronously, or
// where an application bundler took the code alone, comes from dist/lean/wasm-inline.cjs (see
// src/node-wasm.js; build-pkg.sh points the require at the file beside dist/lean/node.cjs).
import * as bindings from '../dist/lean/hwlc.js';
import { nodeWasm } from './node-wasm.js';
import { setBindings } from './wasm.js';

bindings.initSync({
  module: nodeWasm('hwlc-lean_bg.wasm', () => require('../dist/lean/wasm-inline.cjs')),
});
setBindings(bindings);
export * from './verify-api.js';
