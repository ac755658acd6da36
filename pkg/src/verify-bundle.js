// @ts-check
// Input of dist/lean/api.mjs (scripts/build-pkg.sh, esbuild, tree-shaken): the verify-only API
// with its OWN copy of wasm.js and core.js, so that a bundle or page that loads both
// huaweicloud-live-callback and huaweicloud-live-callback/verify keeps two module states (one
// per .wasm) instead of one whose bindings the second entry would overwrite. pkg/verify/workerd.mjs
// hands it the verify-only bindings. CallbackError is bundled in too; src/error.js's registry
// makes it one class with the full build's.
export { setBindings } from './wasm.js';
export { wasmBytes } from './base64.js';
export * from './verify-api.js';
