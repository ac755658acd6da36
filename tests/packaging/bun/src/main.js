// The browser app: the package as a bundler (or dev server) delivers it, the check, the result
// on window for the runner (tests/packaging/run.mjs) to read.
import * as lib from 'huaweicloud-live-callback';
import { check } from './check.js';
import cases from './cases.js';

window.__result = check(lib, cases);
window.__done = true;
