// huaweicloud-live-callback/verify in Node.js and Bun, ES modules: the CommonJS build, so that
// `import` and `require` share one module instance (see ../node.mjs). Loaded with require() and
// its four names exported one by one rather than `export * from './node.cjs'`: Node's ES module
// loader takes about 14 ms more for the latter (medians of 15 fresh processes each, alternated,
// Node 20.20.2, load average 4.6: 23.8 ms against 9.3 ms for the import).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const { CallbackError, Verifier, parse, verify } = require('./node.cjs');
