'use strict';
// Node.js, CommonJS: wasm-bindgen's nodejs glue reads dist/hwlc_bg.wasm synchronously.
const bindings = require('./dist/hwlc.cjs');
const { makeApi } = require('./dist/wrap.cjs');

const api = makeApi(bindings);
exports.verify = api.verify;
exports.Verifier = api.Verifier;
exports.parse = api.parse;
exports.sign = api.sign;
exports.explain = api.explain;
exports.generateKey = api.generateKey;
exports.CallbackError = api.CallbackError;
