'use strict';
// Runs tests/js/suite.mjs in Node.js against the package loaded with require() from the scratch
// project where `make test-pkg` installed the `npm pack` tarball (not from the source tree).
//   node tests/js/run-node.cjs [SCRATCH_DIR]   (default build/scratch/node)
// Last line: "N passed, N failed"; exit status 1 on any failure.
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join, resolve } = require('node:path');
const { pathToFileURL } = require('node:url');

async function main() {
  const root = resolve(__dirname, '../..');
  const scratch = resolve(process.argv[2] || join(root, 'build/scratch/node'));
  let lib;
  let resolved;
  try {
    // Node's own CommonJS resolution, from inside the scratch project.
    const requireThere = createRequire(join(scratch, 'package.json'));
    resolved = requireThere.resolve('huaweicloud-live-callback');
    if (!resolved.endsWith(join('node_modules', 'huaweicloud-live-callback', 'node.cjs'))) {
      throw new Error(`resolved to ${resolved}, expected node_modules/…/node.cjs`);
    }
    lib = requireThere('huaweicloud-live-callback');
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
  console.log(`node ${process.version} CJS: ${resolved}`);
  const r = runSuite(lib, vectors, (line) => console.log(`FAIL ${line}`), corpus);
  console.log(`${r.passed} passed, ${r.failed} failed`);
  return r.failed === 0 && r.passed > 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
