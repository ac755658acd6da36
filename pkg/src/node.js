// Node.js and Bun, built by esbuild into dist/node.cjs (scripts/build-pkg.sh), which both
// `require` (node.cjs) and `import` (node.mjs) load: one module instance, one CallbackError.
// The .wasm is read from the package and compiled synchronously. Where there is no .wasm beside
// this code because an application bundler took the code alone (esbuild --platform=node,
// `bun build --target=bun`, `bun build --compile`, webpack for node …), the same bytes come
// from dist/wasm-inline.cjs (a static require, so those bundlers take it in), loaded only then.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as bindings from '../dist/hwlc.js';
import { wasmBytes } from './base64.js';
import { setBindings } from './wasm.js';

function load() {
  try {
    return readFileSync(join(__dirname, 'hwlc_bg.wasm'));
  } catch {
    // ENOENT next to a bundle, or no __dirname at all in an ES module bundle.
    return wasmBytes(require('../dist/wasm-inline.cjs'));
  }
}

bindings.initSync({ module: load() });
setBindings(bindings);
export * from './api.js';
