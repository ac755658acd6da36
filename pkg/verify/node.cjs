// @ts-check
'use strict';
// huaweicloud-live-callback/verify in Node.js, CommonJS: dist/lean/inline.mjs, the file `import`
// loads, through require(esm): one module instance with `import`; where a runtime cannot require
// an ES module (Node < 20.19 / 22.12, Jest), the CommonJS build dist/lean/inline.cjs (see
// ../src/require-esm.cjs).
const { requireEsm } = require('../src/require-esm.cjs');

module.exports = requireEsm(
  () => require('../dist/lean/inline.mjs'),
  () => require('../dist/lean/inline.cjs'),
);
