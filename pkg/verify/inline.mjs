// @ts-check
// huaweicloud-live-callback/verify in Deno and any other runtime: the verify-only .wasm inside a
// JS module as base64, compiled synchronously (see ../inline.mjs).
import * as bindings from '../dist/lean/hwlc.js';
import wasmBase64 from '../dist/lean/wasm-inline.mjs';
import { setBindings } from '../dist/lean/api.mjs';

const text = atob(wasmBase64);
const bytes = new Uint8Array(text.length);
for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
bindings.initSync({ module: bytes });
setBindings(bindings);
export { CallbackError, Verifier, parse, verify } from '../dist/lean/api.mjs';
