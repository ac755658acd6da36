// The server app: the package as the bundle (or runtime) delivers it; the observations on stdout
// for the runner (tests/packaging/run.mjs) to judge.
import * as lib from 'huaweicloud-live-callback';
import { check } from './check.js';
import cases from './cases.js';

console.log(JSON.stringify(check(lib, cases)));
