// Vitest: the package as Vitest loads it for the environment or pool in use.
import { expect, test } from 'vitest';
import * as lib from 'huaweicloud-live-callback';
import * as lean from 'huaweicloud-live-callback/verify';
import { check, judge } from './src/check.js';
import cases from './src/cases.js';

test('verifies a signed vector and rejects a tampered one (also with /verify)', () => {
  expect(judge(cases, check(lib, cases, lean), { lean: true })).toEqual([]);
});
