// @ts-check
'use strict';
// huaweicloud-live-callback/verify in Node.js, CommonJS; node.mjs loads this same module.
module.exports = require('../dist/lean/node.cjs');
