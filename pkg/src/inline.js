// @ts-check
// The inline builds (dist/inline.mjs from src/inline-esm.js, dist/inline.cjs from
// src/inline-cjs.js): the wasm-bindgen module instantiated synchronously from the base64 text of
// the .wasm that each of them bundles (dist/wasm-inline.mjs or dist/wasm-inline.cjs, both written
// by scripts/build-pkg.sh).
import * as bindings from '../dist/hwlc.js';
import { wasmBytes } from './base64.js';
import { setBindings } from './wasm.js';

/** @param {string} base64 the .wasm */
export function initInline(base64) {
  bindings.initSync({ module: wasmBytes(base64) });
  setBindings(bindings);
}
