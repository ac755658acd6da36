// @ts-check
'use strict';
// Node.js, CommonJS: dist/inline.mjs, the file `import` loads, through require(esm): one module
// instance with `import`; where a runtime cannot require an ES module (Node < 20.19 / 22.12,
// Jest), the CommonJS build dist/inline.cjs, a second instance (see src/require-esm.cjs).
const { requireEsm } = require('./src/require-esm.cjs');

module.exports = requireEsm(
  () => require('./dist/inline.mjs'),
  () => require('./dist/inline.cjs'),
);
