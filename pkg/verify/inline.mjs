// @ts-check
// huaweicloud-live-callback/verify in Node.js and Bun (through node.mjs), Deno and any other
// runtime: the verify-only .wasm inside a JS module as base64, compiled synchronously (see
// ../inline.mjs); the glue and the verify API are one file, dist/lean/inline.mjs (built from
// src/verify-inline-esm.js by scripts/build-pkg.sh).
export * from '../dist/lean/inline.mjs';
