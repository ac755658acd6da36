// Browsers and bundlers: the .wasm is a separate asset (bundlers pick up the `new URL(…,
// import.meta.url)`), fetched and compiled by streaming before the module finishes loading.
import * as bindings from './dist/hwlc.js';
import { setBindings } from './src/wasm.js';

await bindings.default({ module_or_path: new URL('./dist/hwlc_bg.wasm', import.meta.url) });
setBindings(bindings);
export * from './src/api.js';
