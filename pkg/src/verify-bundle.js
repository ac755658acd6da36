// @ts-check
// Input of dist/lean/api.mjs (scripts/build-pkg.sh, esbuild, tree-shaken): the verify-only API
// with its OWN copy of wasm.js and core.js, so that a bundle or page that loads both
// huaweicloud-live-callback and huaweicloud-live-callback/verify keeps two module states (one
// per .wasm) instead of one whose bindings the second entry would overwrite. The pkg/verify/*.mjs
// entries hand it the verify-only bindings.
export { setBindings } from './wasm.js';
export * from './verify-api.js';
