// @ts-check
// Node.js and Bun, ES modules: the inline build (inline.mjs), a genuine ES module, with no
// CommonJS in the way of `import` (an ES module importing a CommonJS bundle was the slow part of
// Node's cold start: make bench's cold section). node.cjs `require`s this same file
// (require(esm)), so `import` and `require` share one module instance.
export * from './inline.mjs';
