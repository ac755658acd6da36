'use strict';
// Runs tests/js/suite.mjs in Node.js against the package loaded with require() from the scratch
// project where `make test-pkg` installed the `npm pack` tarball (not from the source tree): the
// full package, and the suite's verify and parse checks on huaweicloud-live-callback/verify.
//   node tests/js/run-node.cjs [SCRATCH_DIR]                  (default build/scratch/node)
//   node --no-experimental-require-module tests/js/run-node.cjs [SCRATCH_DIR]
// node.cjs and verify/node.cjs require the ES module builds (require(esm), pkg/src/
// require-esm.cjs): where Node can (process.features.require_module), require() must give the ES
// module namespace itself, with no warning on stderr; where it cannot (older Node, or the flag
// above), the CommonJS builds (dist/inline.cjs, dist/lean/inline.cjs): a second module instance
// beside `import`'s, which this runner says, and checks that it is that build and that it works.
// Last line: "N passed, N failed"; exit status 1 on any failure.
const { spawnSync } = require('node:child_process');
const { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join, resolve } = require('node:path');
const { pathToFileURL } = require('node:url');

const ESM = process.features.require_module === true;

/** Whether `m` is what this Node's require() should give: an ES module namespace, or not. */
const isNamespace = (m) =>
  m !== null && typeof m === 'object' && m[Symbol.toStringTag] === 'Module';

async function main() {
  const root = resolve(__dirname, '../..');
  const scratch = resolve(process.argv[2] || join(root, 'build/scratch/node'));
  const requireThere = createRequire(join(scratch, 'package.json'));
  let lib;
  let lean;
  let resolved;
  try {
    // Node's own CommonJS resolution, from inside the scratch project.
    resolved = requireThere.resolve('huaweicloud-live-callback');
    if (!resolved.endsWith(join('node_modules', 'huaweicloud-live-callback', 'node.cjs'))) {
      throw new Error(`resolved to ${resolved}, expected node_modules/…/node.cjs`);
    }
    lib = requireThere('huaweicloud-live-callback');
    const leanResolved = requireThere.resolve('huaweicloud-live-callback/verify');
    if (!leanResolved.endsWith(join('huaweicloud-live-callback', 'verify', 'node.cjs'))) {
      throw new Error(`/verify resolved to ${leanResolved}, expected …/verify/node.cjs`);
    }
    lean = requireThere('huaweicloud-live-callback/verify');
  } catch (e) {
    console.error(
      `run-node.cjs: cannot require the installed package from ${scratch}: ${e.message}`,
    );
    console.log('0 passed, 1 failed');
    return 1;
  }
  // The suite is an ES module (one file for every runtime); the package itself was required.
  const { runSuite } = await import(pathToFileURL(join(__dirname, 'suite.mjs')).href);
  const vectors = JSON.parse(readFileSync(join(root, 'tests/vectors/callbacks.json'), 'utf8'));
  const corpus = JSON.parse(readFileSync(join(root, 'tests/fuzz-regressions/corpus.json'), 'utf8'));
  console.log(
    ESM
      ? `node ${process.version} CJS: ${resolved} (require(esm): the ES module builds, one module instance with import)`
      : `node ${process.version} CJS: ${resolved} — this Node cannot require an ES module` +
          ' (process.features.require_module is not true): require() gives the CommonJS builds' +
          ' dist/inline.cjs and dist/lean/inline.cjs, a SECOND module instance beside import' +
          ' (CallbackError stays one class: pkg/src/error.js)',
  );
  const r = runSuite(lib, vectors, (line) => console.log(`FAIL ${line}`), corpus);
  const l = runSuite(lean, vectors, (line) => console.log(`FAIL lean: ${line}`), corpus, {
    lean: true,
    signer: lib,
  });
  console.log(`  huaweicloud-live-callback/verify: ${l.passed} passed, ${l.failed} failed`);
  r.passed += l.passed;
  r.failed += l.failed;
  const ok = (cond, what) => {
    if (cond) r.passed++;
    else {
      r.failed++;
      console.log(`FAIL ${what}`);
    }
  };
  const kind = ESM ? 'the ES module namespace' : 'the CommonJS build';
  ok(isNamespace(lib) === ESM, `require('huaweicloud-live-callback') gives ${kind}`);
  ok(isNamespace(lean) === ESM, `require('huaweicloud-live-callback/verify') gives ${kind}`);
  ok(lib.CallbackError === lean.CallbackError, 'the full and /verify builds share CallbackError');
  ok(lib.verify !== lean.verify, 'the full and /verify builds are two modules (two .wasm)');
  // A fresh process requiring both from inside the scratch project: nothing on stderr (no
  // ExperimentalWarning for require(esm), which Node 20.19 / 22.12 print only for a require()
  // from outside node_modules), and both verify.
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      '-e',
      "const a = require('huaweicloud-live-callback'); const b = require('huaweicloud-live-callback/verify'); process.stdout.write(String(typeof a.verify === 'function' && typeof b.verify === 'function'));",
    ],
    { cwd: scratch, encoding: 'utf8', timeout: 60000 },
  );
  ok(
    child.status === 0 && child.stdout === 'true' && child.stderr === '',
    `a fresh process requires both entries silently (exit ${child.status}, stdout ${JSON.stringify(child.stdout)}, stderr ${JSON.stringify(child.stderr)})`,
  );
  // The fallback is taken on the runtime's refusal to require an ES module only
  // (src/require-esm.cjs): a genuine failure of the ES module surfaces. A copy of the installed
  // package whose ES module build's base64 .wasm (in dist/inline.mjs) is not a wasm module:
  // require() must throw the CompileError where it loads dist/inline.mjs, never fall back to
  // dist/inline.cjs (whose .wasm is intact); where it cannot load an ES module, it gives the
  // intact CommonJS build.
  const broken = join(scratch, 'broken-esm');
  rmSync(broken, { recursive: true, force: true });
  try {
    const installed = join(scratch, 'node_modules', 'huaweicloud-live-callback');
    const copy = join(broken, 'node_modules', 'huaweicloud-live-callback');
    mkdirSync(copy, { recursive: true });
    cpSync(installed, copy, { recursive: true });
    const esm = join(copy, 'dist', 'inline.mjs');
    const text = readFileSync(esm, 'utf8');
    // The .wasm's base64 starts with its magic, "\0asm": AGFzbQ.
    const wasm = /"AGFzbQ[A-Za-z0-9+/=]{1000,}"/g;
    const found = text.match(wasm)?.length ?? 0;
    if (found !== 1) throw new Error(`dist/inline.mjs holds ${found} base64 .wasm strings, not 1`);
    writeFileSync(esm, text.replace(wasm, '"AGFzbQEAAAAB"'));
    writeFileSync(join(broken, 'package.json'), '{"private":true}\n');
    const b = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        '-e',
        "try { const m = require('huaweicloud-live-callback'); process.stdout.write(typeof m.verify); } catch (e) { process.stdout.write(e.constructor.name); }",
      ],
      { cwd: broken, encoding: 'utf8', timeout: 60000 },
    );
    ok(
      b.status === 0 && b.stdout === (ESM ? 'CompileError' : 'function'),
      `a broken ES module build: require() ${ESM ? 'throws its CompileError' : 'gives the CommonJS build'} (got ${JSON.stringify(b.stdout)}, exit ${b.status}, stderr ${JSON.stringify(b.stderr.slice(0, 300))})`,
    );
  } finally {
    rmSync(broken, { recursive: true, force: true });
  }
  // The decision itself, with each kind of failure (the installed helper).
  const { requireEsm } = require(
    join(scratch, 'node_modules', 'huaweicloud-live-callback', 'src', 'require-esm.cjs'),
  );
  const outcome = (esmThrows) => {
    try {
      return requireEsm(
        () => {
          if (esmThrows) throw esmThrows;
          return 'esm';
        },
        () => 'cjs',
      );
    } catch (e) {
      return e === esmThrows ? 'rethrown' : `another error: ${e}`;
    }
  };
  const refusal = Object.assign(new Error('Must use import to load ES Module: x.mjs'), {
    code: 'ERR_REQUIRE_ESM',
  });
  for (const [what, thrown, want] of [
    ['loads', undefined, ESM ? 'esm' : 'cjs'],
    ['ERR_REQUIRE_ESM', refusal, 'cjs'],
    ['a CompileError', new WebAssembly.CompileError('bad'), ESM ? 'rethrown' : 'cjs'],
    ['a SyntaxError', new SyntaxError("Unexpected token 'export'"), ESM ? 'rethrown' : 'cjs'],
    [
      'an error of another code',
      Object.assign(new Error('x'), { code: 'ENOENT' }),
      ESM ? 'rethrown' : 'cjs',
    ],
  ]) {
    const got = outcome(thrown);
    ok(got === want, `requireEsm when the ES module ${what}: ${want} expected, got ${got}`);
  }
  console.log(`${r.passed} passed, ${r.failed} failed`);
  return r.failed === 0 && r.passed > 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
