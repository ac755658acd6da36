// @ts-check
// Node.js and Bun, ES modules: the CommonJS build (node.cjs), so that `import` and `require` in
// one process share one module instance (one CallbackError class, one wasm instance).
// TypeScript models node.cjs's `module.exports = require(…)` as `export =`, which it does not let
// `export *` re-export; Node's CommonJS analysis does (the published types are index.d.ts).
// @ts-expect-error TS2498
export * from './node.cjs';
