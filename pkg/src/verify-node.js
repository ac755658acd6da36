// @ts-check
// huaweicloud-live-callback/verify in Node.js and Bun, built by esbuild into dist/lean/node.cjs
// (scripts/build-pkg.sh), which both `require` (verify/node.cjs) and `import` (verify/node.mjs)
// load. The verify-only .wasm is read from the package and compiled synchronously.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as bindings from '../dist/lean/hwlc.js';
import { setBindings } from './wasm.js';

bindings.initSync({ module: readFileSync(join(__dirname, 'hwlc-lean_bg.wasm')) });
setBindings(bindings);
export * from './verify-api.js';
