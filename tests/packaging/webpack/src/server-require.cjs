// The server app written with require(): the package and its /verify subpath as the bundle
// delivers them (esbuild --platform=node resolves `require` to node.cjs / verify/node.cjs).
const lib = require('huaweicloud-live-callback');
const lean = require('huaweicloud-live-callback/verify');
const { check } = require('./check.cjs');
const cases = require('./cases.json');

console.log(JSON.stringify(check(lib, cases, lean)));
