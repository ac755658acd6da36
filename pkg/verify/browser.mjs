// @ts-check
// huaweicloud-live-callback/verify in browsers and bundlers: the verify-only .wasm as a separate
// asset, fetched and compiled by streaming before the module finishes loading (see ../browser.mjs).
import * as bindings from '../dist/lean/hwlc.js';
import { setBindings } from '../dist/lean/api.mjs';

await bindings.default({
  module_or_path: new URL('../dist/lean/hwlc-lean_bg.wasm', import.meta.url),
});
setBindings(bindings);
export { CallbackError, Verifier, parse, verify } from '../dist/lean/api.mjs';
