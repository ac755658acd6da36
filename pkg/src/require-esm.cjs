// @ts-check
'use strict';
// How node.cjs and verify/node.cjs load the package for `require`: the ES module build itself
// (dist/inline.mjs, dist/lean/inline.mjs: what `import` loads) through require(esm), so that
// `require` and `import` share ONE module instance (one wasm instance). That holds in Node >=
// 20.19 and >= 22.12 (require(esm) unflagged; no warning from inside node_modules), in Bun (its
// `bun` condition names the ES module build for both) and in Deno (its `deno` condition too).
// Bundlers for Node (esbuild --platform=node, webpack --target node) never get here for the
// package's own conditions: the exports map's `module` condition (under `node`), which they
// honour and Node and Jest do not, names the ES module build for their `require` too, so a
// bundle holds one copy of each build, not also the fallback's.
// Where require(esm) is not available, the CommonJS build of the same code is loaded instead
// (dist/inline.cjs, dist/lean/inline.cjs): a SECOND module instance (a second .wasm instance)
// beside the one `import` gives; CallbackError stays one class across them (src/error.js's
// registry), so `instanceof` holds. That is:
//   - Node < 20.19, 22.0-22.11 and 23.0-23.4 without --experimental-require-module:
//     process.features.require_module is false there (Node >= 20.19 / 22.10), or require() of
//     an ES module throws ERR_REQUIRE_ESM (older Node, where the feature flag does not exist);
//   - Jest's own module runtime (jest-runtime 30 on Node < 24.9; older Jest everywhere): its
//     require() of an ES module throws an Error whose code is ERR_REQUIRE_ESM ("Must use import
//     to load ES Module").
// Only that refusal selects the fallback: anything else the ES module throws while loading (a
// wasm compile error, a missing file, a SyntaxError) is rethrown, never papered over.

/**
 * @param {unknown} e
 * @returns {boolean} whether `e` is the runtime refusing to `require` an ES module
 */
function refusesEsm(e) {
  return e !== null && typeof e === 'object' && /** @type {any} */ (e).code === 'ERR_REQUIRE_ESM';
}

/**
 * The ES module entry through `esm()` (require(esm)); `cjs()`, the CommonJS build, where the
 * runtime cannot require an ES module.
 * @template T
 * @param {() => T} esm `() => require('./dist/inline.mjs')`
 * @param {() => T} cjs `() => require('./dist/inline.cjs')`
 * @returns {T}
 */
function requireEsm(esm, cjs) {
  const p = /** @type {any} */ (globalThis).process;
  if (p?.features?.require_module === false) return cjs();
  try {
    return esm();
  } catch (e) {
    if (refusesEsm(e)) return cjs();
    throw e;
  }
}

module.exports = { requireEsm, refusesEsm };
