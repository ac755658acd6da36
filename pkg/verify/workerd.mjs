// @ts-check
// huaweicloud-live-callback/verify in Cloudflare Workers (workerd) and other "worker" runtimes:
// the verify-only .wasm imported as a module and instantiated synchronously (see ../workerd.mjs).
import wasmModule from '../dist/lean/hwlc-lean_bg.wasm';
import * as bindings from '../dist/lean/hwlc.js';
import { setBindings } from '../dist/lean/api.mjs';

bindings.initSync({ module: wasmModule });
setBindings(bindings);
export { CallbackError, Verifier, parse, verify } from '../dist/lean/api.mjs';
