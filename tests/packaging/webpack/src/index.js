// The browser app: the package and its /verify subpath as a bundler (or dev server) delivers
// them, the check, the result on window for the runner (tests/packaging/run.mjs) to read.
import * as lib from 'huaweicloud-live-callback';
import * as lean from 'huaweicloud-live-callback/verify';
import { check } from './check.js';
import cases from './cases.js';

window.__result = check(lib, cases, lean);
window.__done = true;
