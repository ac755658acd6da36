// @ts-check
// huaweicloud-live-callback/verify in browsers and bundlers (`browser` condition): the inline
// build, as for the full package (see ../browser.mjs) — the verify-only .wasm as base64, compiled
// synchronously: no top-level await, no .wasm asset for a bundler or dev server to get right.
// A file of its own so that an import map can name it.
export * from './inline.mjs';
