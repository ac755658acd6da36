// @ts-check
// huaweicloud-live-callback/verify in Deno and any other runtime: the verify-only .wasm inside a
// JS module as base64, compiled synchronously (see ../inline.mjs).
import * as bindings from '../dist/lean/hwlc.js';
import wasmBase64 from '../dist/lean/wasm-inline.mjs';
import { setBindings, wasmBytes } from '../dist/lean/api.mjs';

bindings.initSync({ module: wasmBytes(wasmBase64) });
setBindings(bindings);
export { CallbackError, Verifier, parse, verify } from '../dist/lean/api.mjs';
