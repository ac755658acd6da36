// @ts-check
// The .wasm bytes for the two Node.js builds (src/node.js → dist/node.cjs, src/verify-node.js →
// dist/lean/node.cjs): read from beside the built file, and only where that file is not there
// because an application bundler took the code alone (esbuild --platform=node, `bun build
// --target=bun`, `bun build --compile`, webpack for node …) from `inline()`, the caller's static
// require of its wasm-inline.cjs (so that those bundlers take it in; loaded only then).
// node:fs is reached through process.getBuiltinModule where it exists (Node 20.16+, Bun), as a
// bundler's ES module output cannot `require` it (esbuild's throws "Dynamic require of
// node:fs"); no node:path, no import.meta.
import { wasmBytes } from './base64.js';

/**
 * @param {string} name the .wasm's file name beside the built file
 * @param {() => string} inline the base64 text of the same .wasm
 */
export function nodeWasm(name, inline) {
  try {
    const p = /** @type {any} */ (globalThis).process;
    const fs =
      (p && typeof p.getBuiltinModule === 'function' && p.getBuiltinModule('node:fs')) ||
      require('node:fs');
    // Throws ENOENT beside a bundle, or ReferenceError where an ES module bundle has no __dirname.
    return fs.readFileSync(`${__dirname}/${name}`);
  } catch {
    return wasmBytes(inline());
  }
}
