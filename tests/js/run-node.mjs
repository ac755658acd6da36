// Runs tests/js/suite.mjs in Node.js against the package loaded as an ES module from the scratch
// project where `make test-pkg` installed the `npm pack` tarball (not from the source tree).
//   node tests/js/run-node.mjs [SCRATCH_DIR]   (default build/scratch/node)
// Last line: "N passed, N failed"; exit status 1 on any failure.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runSuite } from './suite.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = resolve(process.argv[2] ?? join(root, 'build/scratch/node'));
let lib;
let resolved;
try {
  // A module inside the scratch project, so that Node's own ESM resolution picks the entry.
  const loader = join(scratch, 'load-esm.mjs');
  writeFileSync(
    loader,
    "export * as lib from 'huaweicloud-live-callback';\nexport const resolved = import.meta.resolve('huaweicloud-live-callback');\n",
  );
  ({ lib, resolved } = await import(pathToFileURL(loader).href));
  if (!resolved.endsWith('/node_modules/huaweicloud-live-callback/dist/inline.mjs'))
    throw new Error(`resolved to ${resolved}, expected node_modules/…/dist/inline.mjs`);
} catch (e) {
  console.error(`run-node.mjs: cannot load the installed package from ${scratch}: ${e.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const vectors = JSON.parse(readFileSync(join(root, 'tests/vectors/callbacks.json'), 'utf8'));
const corpus = JSON.parse(readFileSync(join(root, 'tests/fuzz-regressions/corpus.json'), 'utf8'));
console.log(`node ${process.version} ESM: ${resolved}`);
const r = runSuite(lib, vectors, (line) => console.log(`FAIL ${line}`), corpus);
// The dual package hazard (issue 11): `import` and `require` in one process must give one
// module instance, so that `instanceof CallbackError` holds across them. node.cjs requires
// dist/inline.mjs (require(esm)) for that; a Node that cannot (process.features.require_module
// not true: Node < 20.19 / 22.12) gets the CommonJS build instead, a second instance: there the
// checks below are reversed (two instances, each working), and the run says so, but for
// CallbackError, one class in every case (pkg/src/error.js's registry).
const ONE = process.features.require_module === true;
if (!ONE)
  console.log(
    `node ${process.version} cannot require an ES module: require() gives the CommonJS builds (dist/inline.cjs, dist/lean/inline.cjs), a SECOND module instance beside import — expected here, checked as such`,
  );
const same = (a, b, name) => (a === b) === (ONE || name === 'CallbackError');
const required = createRequire(join(scratch, 'package.json'))('huaweicloud-live-callback');
for (const name of Object.keys(lib)) {
  if (same(required[name], lib[name], name)) r.passed++;
  else {
    r.failed++;
    console.log(
      `FAIL import and require give ${required[name] === lib[name] ? 'the same' : 'two different'} ${name}`,
    );
  }
}
try {
  lib.verify('{', { key: 'k'.repeat(40) });
  r.failed++;
  console.log('FAIL verify of "{" did not throw');
} catch (e) {
  if (e instanceof required.CallbackError && e.code === 'MALFORMED_JSON') r.passed++;
  else {
    r.failed++;
    console.log(
      `FAIL an error thrown through import is not instanceof the required CallbackError: ${e}`,
    );
  }
}
// huaweicloud-live-callback/verify, the verify-only build: the suite's verify and parse checks
// (the full package signs the inputs), one module instance for import and require, and one
// CallbackError class with the full package (pkg/src/error.js), though another .wasm and state.
try {
  const loader = join(scratch, 'load-esm-verify.mjs');
  writeFileSync(
    loader,
    "export * as lean from 'huaweicloud-live-callback/verify';\nexport const resolved = import.meta.resolve('huaweicloud-live-callback/verify');\n",
  );
  const { lean, resolved: leanResolved } = await import(pathToFileURL(loader).href);
  if (!leanResolved.endsWith('/node_modules/huaweicloud-live-callback/dist/lean/inline.mjs'))
    throw new Error(`resolved to ${leanResolved}, expected node_modules/…/dist/lean/inline.mjs`);
  console.log(`node ${process.version} ESM: ${leanResolved}`);
  const l = runSuite(lean, vectors, (line) => console.log(`FAIL lean: ${line}`), corpus, {
    lean: true,
    signer: lib,
  });
  r.passed += l.passed;
  r.failed += l.failed;
  console.log(`  huaweicloud-live-callback/verify: ${l.passed} passed, ${l.failed} failed`);
  const leanRequired = createRequire(join(scratch, 'package.json'))(
    'huaweicloud-live-callback/verify',
  );
  if (lean.CallbackError === lib.CallbackError) r.passed++;
  else {
    r.failed++;
    console.log('FAIL lean: its CallbackError is not the full package one');
  }
  for (const name of Object.keys(lean)) {
    if (same(leanRequired[name], lean[name], name)) r.passed++;
    else {
      r.failed++;
      console.log(
        `FAIL lean: import and require give ${leanRequired[name] === lean[name] ? 'the same' : 'two different'} ${name}`,
      );
    }
  }
  // One module state: a Verifier constructed through require verifies through import's verify
  // path (same class), and an error thrown through the imported /verify is an instance of the
  // required one's CallbackError (and of the full package's).
  const thrown = (f) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return undefined;
  };
  const e = thrown(() => lean.parse('{'));
  if (
    e instanceof leanRequired.CallbackError &&
    e instanceof lib.CallbackError &&
    e.code === 'MALFORMED_JSON'
  )
    r.passed++;
  else {
    r.failed++;
    console.log(
      `FAIL lean: an error thrown through import is not instanceof the required CallbackError: ${e}`,
    );
  }
  const v = new leanRequired.Verifier({ key: 'k'.repeat(40) });
  if (v instanceof lean.Verifier === ONE) r.passed++;
  else {
    r.failed++;
    console.log(
      `FAIL lean: a required Verifier is ${ONE ? 'not ' : ''}instanceof the imported one`,
    );
  }
} catch (e) {
  r.failed++;
  console.log(`FAIL huaweicloud-live-callback/verify: ${e?.stack || e}`);
}
console.log(`${r.passed} passed, ${r.failed} failed`);
process.exit(r.failed === 0 && r.passed > 0 ? 0 : 1);
