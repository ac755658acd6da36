// Jest, CommonJS test file (Jest runs CommonJS without a Babel config): the package as Jest's
// resolver picks it for the environment given on the command line (node: `node` + `require`;
// jsdom: `browser` + `require`).
const lib = require('huaweicloud-live-callback');
const { check, judge } = require('./src/check.cjs');
const cases = require('./src/cases.json');

test('verifies a signed vector and rejects a tampered one', () => {
  expect(judge(cases, check(lib, cases))).toEqual([]);
});
