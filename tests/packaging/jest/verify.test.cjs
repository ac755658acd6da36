// Jest, CommonJS test file (Jest runs CommonJS without a Babel config): the package and its
// /verify subpath as Jest's resolver picks them for the environment given on the command line
// (node: `node` + `require` → node.cjs, verify/node.cjs, which fall back to the CommonJS builds
// as Jest's runtime cannot require an ES module; jsdom: `browser` + `require` → dist/inline.cjs,
// dist/lean/inline.cjs).
const lib = require('huaweicloud-live-callback');
const lean = require('huaweicloud-live-callback/verify');
const { check, judge } = require('./src/check.cjs');
const cases = require('./src/cases.json');

test('verifies a signed vector and rejects a tampered one (also with /verify)', () => {
  expect(judge(cases, check(lib, cases, lean), { lean: true })).toEqual([]);
});
