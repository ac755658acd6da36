// @ts-check
// Node.js and Bun, built by esbuild into dist/node.cjs (scripts/build-pkg.sh), which both
// `require` (node.cjs) and `import` (node.mjs) load: one module instance, one CallbackError.
// The .wasm is read from beside this file and compiled synchronously. Where it is not there
// because an application bundler took the code alone (esbuild --platform=node, `bun build
// --target=bun`, `bun build --compile`, webpack for node …), the same bytes come from
// dist/wasm-inline.cjs: a static require, so those bundlers take it in; loaded only then.
// node:fs is reached through process.getBuiltinModule where it exists (Node 20.16+, Bun), as a
// bundler's ES module output cannot `require` it (esbuild's throws "Dynamic require of
// node:fs"); no node:path, no import.meta.
import * as bindings from '../dist/hwlc.js';
import { wasmBytes } from './base64.js';
import { setBindings } from './wasm.js';

function load() {
  try {
    const p = /** @type {any} */ (globalThis).process;
    const fs =
      (p && typeof p.getBuiltinModule === 'function' && p.getBuiltinModule('node:fs')) ||
      require('node:fs');
    // Throws ENOENT beside a bundle, or ReferenceError where an ES module bundle has no __dirname.
    return fs.readFileSync(`${__dirname}/hwlc_bg.wasm`);
  } catch {
    return wasmBytes(require('../dist/wasm-inline.cjs'));
  }
}

bindings.initSync({ module: load() });
setBindings(bindings);
export * from './api.js';
