// @ts-check
// The public surface of huaweicloud-live-callback/verify, the verify-only build: its .wasm is the
// bindings crate without the `tools` feature (no explain, no sign), so only what calls the exports
// that module has is exported here. Nothing else may be added: tests/js/lean-exports.mjs checks
// that the lean bundle reaches no wasm export the lean module lacks.
export { verify, Verifier, parse, CallbackError } from './core.js';
