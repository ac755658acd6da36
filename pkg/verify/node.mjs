// @ts-check
// huaweicloud-live-callback/verify in Node.js and Bun, ES modules: the CommonJS build, so that
// `import` and `require` share one module instance (see ../node.mjs). Not createRequire(): that
// imports about 14 ms faster in Node 20 (medians of 15 fresh processes, alternated, load 4.6:
// 9.3 ms against 23.8 ms), but bundlers cannot follow it (esbuild --platform=node output threw
// "Cannot find module './node.cjs'" in tests/packaging/esbuild).
// TypeScript models node.cjs's `module.exports = require(…)` as `export =`, which it does not let
// `export *` re-export; Node's CommonJS analysis does (the published types are index.d.ts).
// @ts-expect-error TS2498
export * from './node.cjs';
