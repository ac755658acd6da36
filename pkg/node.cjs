// @ts-check
'use strict';
// Node.js, CommonJS. node.mjs loads this same module, so `import` and `require` share one state.
module.exports = require('./dist/node.cjs');
