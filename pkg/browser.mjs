// @ts-check
// Browsers and bundlers (`browser` condition): the inline build — the .wasm as base64, compiled
// synchronously, no top-level await, no .wasm asset for a bundler or dev server to get right.
// A file of its own so that an import map can name it; `require` gets dist/inline.cjs.
export * from './inline.mjs';
