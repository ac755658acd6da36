// @ts-check
// The public API: one line a module. Every runtime entry re-exports this file once its wasm
// module is initialised, so a new export needs no edit anywhere else.
export * from './core.js';
export * from './url.js';
export * from './request.js';
export * from './adapters/index.js';
export * from './state/index.js';
export * from './samples.js';
