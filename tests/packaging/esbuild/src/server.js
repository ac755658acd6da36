// The server app: the package and its /verify subpath as the bundle (or runtime) delivers them;
// the observations on stdout for the runner (tests/packaging/run.mjs) to judge.
import * as lib from 'huaweicloud-live-callback';
import * as lean from 'huaweicloud-live-callback/verify';
import { check } from './check.js';
import cases from './cases.js';

console.log(JSON.stringify(check(lib, cases, lean)));
