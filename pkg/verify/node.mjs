// @ts-check
// huaweicloud-live-callback/verify in Node.js and Bun, ES modules: the CommonJS build, so that
// `import` and `require` share one module instance (see ../node.mjs).
// TypeScript models node.cjs's `module.exports = require(…)` as `export =`, which it does not let
// `export *` re-export; Node's CommonJS analysis does (the published types are index.d.ts).
// @ts-expect-error TS2498
export * from './node.cjs';
