// @ts-check
// Node.js and Bun, ES modules: the inline build (inline.mjs), a genuine ES module: no CommonJS
// in the way of `import` (importing a CommonJS bundle cost Node 20 ~15 ms more). node.cjs
// `require`s this same file (require(esm)), so `import` and `require` share one module instance.
export * from './inline.mjs';
