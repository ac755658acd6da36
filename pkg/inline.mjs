// @ts-check
// Node.js and Bun (through node.mjs), browsers, bundlers, Deno, and any other runtime
// (`browser`, `deno`, `default`, and the `./inline` subpath): the .wasm travels inside a JS
// module as base64, so loading needs no file, no fetch, no asset handling by a bundler, no
// permission and no top-level await; it is compiled synchronously (far below Chromium's 8 MB
// limit for synchronous compilation on the main thread). Node's `require` gets this module
// itself (node.cjs, src/require-esm.cjs); `require` under the `browser` condition (Jest with
// jsdom) gets dist/inline.cjs.
// The module graph is one file, dist/inline.mjs (built from src/inline-esm.js by
// scripts/build-pkg.sh): Node imports it far faster than the 26 modules it is made of.
export * from './dist/inline.mjs';
