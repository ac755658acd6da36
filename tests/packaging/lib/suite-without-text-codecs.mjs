// THE JS suite (tests/js/suite.mjs, every vector and the fuzz corpus) against the installed
// package's dist/inline.cjs, and its verify and parse checks against dist/lean/inline.cjs (the
// /verify subpath) — what Jest's jsdom environment gets — in a Node with no
// TextEncoder and no TextDecoder while it loads, as in that environment (it binds the UTF-8
// fallbacks of pkg/src/text-fallback.js then, and keeps them): they must give the results of the
// real codecs. The globals come back afterwards for the suite itself.
//   node tests/packaging/lib/suite-without-text-codecs.mjs APP_DIR
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { ROOT } from './cases.mjs';

const app = resolve(process.argv[2]);
const saved = { TextEncoder: globalThis.TextEncoder, TextDecoder: globalThis.TextDecoder };
delete globalThis.TextEncoder;
delete globalThis.TextDecoder;
if (typeof TextEncoder !== 'undefined' || typeof TextDecoder !== 'undefined')
  throw new Error('the text codecs are still there');
const lib = createRequire(join(app, 'package.json'))('huaweicloud-live-callback/inline');
// No subpath names the lean CommonJS build under Node's conditions (verify/node.cjs requires
// dist/lean/inline.mjs there): the installed file itself.
const lean = createRequire(join(app, 'package.json'))(
  join(app, 'node_modules/huaweicloud-live-callback/dist/lean/inline.cjs'),
);
Object.assign(globalThis, saved);
const { runSuite } = await import(join(ROOT, 'tests/js/suite.mjs'));
const vectors = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/callbacks.json'), 'utf8'));
const corpus = JSON.parse(readFileSync(join(ROOT, 'tests/fuzz-regressions/corpus.json'), 'utf8'));
const r = runSuite(lib, vectors, (line) => console.log(`FAIL ${line}`), corpus);
const l = runSuite(lean, vectors, (line) => console.log(`FAIL lean: ${line}`), corpus, {
  lean: true,
  signer: lib,
});
console.log(`  dist/lean/inline.cjs: ${l.passed} passed, ${l.failed} failed`);
r.passed += l.passed;
r.failed += l.failed;
if (lib.CallbackError !== lean.CallbackError) {
  r.failed++;
  console.log('FAIL dist/inline.cjs and dist/lean/inline.cjs have two CallbackError classes');
} else r.passed++;
console.log(`${r.passed} passed, ${r.failed} failed`);
process.exit(r.failed === 0 && r.passed > 0 ? 0 : 1);
