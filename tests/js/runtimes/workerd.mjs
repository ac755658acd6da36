// Runs tests/js/suite.mjs inside workerd: the package installed from the npm tarball is
// bundled into a test Worker (fixtures/worker-suite.mjs) like wrangler bundles one, served by
// the workerd binary on a loopback port, fetched, and the suite's results come back as JSON.
//   node tests/js/runtimes/workerd.mjs
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  HERE,
  ROOT,
  appDir,
  copySuite,
  installedPackageDir,
  readJson,
  resolveExport,
  Tally,
} from './common.mjs';
import { bundleWorker, serveWorker, WORKER_CONDITIONS } from './workerd-host.mjs';

const tally = new Tally('workerd');
const app = appDir();
copySuite(app);
copyFileSync(join(HERE, 'fixtures/worker-suite.mjs'), join(app, 'worker-suite.mjs'));

const outdir = join(ROOT, 'build', 'runtimes', 'workerd-suite');
const { modules, inputs } = await bundleWorker({
  entry: join(app, 'worker-suite.mjs'),
  outdir,
  jsonModules: [join(app, 'callbacks.json'), join(app, 'corpus.json')],
});

// The bundle must hold the package's `workerd` entry and keep the .wasm as its own module.
const pkgDir = installedPackageDir(app);
const manifest = readJson(join(pkgDir, 'package.json'));
const target = resolveExport(manifest, [...WORKER_CONDITIONS, 'import', 'default']);
const want = target
  ? fileURLToPath(new URL(target, pathToFileURL(join(pkgDir, 'package.json'))))
  : null;
tally.ok(
  want !== null && inputs.includes(want),
  'the bundle contains the entry the exports map gives for "workerd"',
  `${want} not among ${inputs.filter((p) => p.includes('node_modules')).join(', ')}`,
);
tally.ok(
  modules.some((m) => m.type === 'wasm'),
  'the .wasm is a separate CompiledWasm module',
  JSON.stringify(modules),
);
tally.ok(
  modules.some((m) => m.type === 'json' && m.name === 'callbacks.json'),
  'the vectors are a JSON module',
  JSON.stringify(modules),
);
tally.ok(
  modules.some((m) => m.type === 'json' && m.name === 'corpus.json'),
  'the fuzz corpus is a JSON module',
  JSON.stringify(modules),
);

let server;
try {
  server = await serveWorker({ dir: outdir, modules });
  const res = await fetch(server.url, { signal: AbortSignal.timeout(120000) });
  const text = await res.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    /* reported below */
  }
  if (
    tally.ok(
      res.status === 200 && body && typeof body.passed === 'number',
      'the test Worker answered the suite results as JSON',
      `HTTP ${res.status}: ${text.slice(0, 2000)}\n${server.host.output().slice(-2000)}`,
    )
  ) {
    console.log(`  workerd| suite: ${body.passed} passed, ${body.failed} failed`);
    tally.add({ passed: body.passed, failed: body.failed, failures: body.failures });
    tally.ok(body.passed > 0, 'the suite ran at least one test in workerd');
  }
  tally.ok(
    !/uncaught|error:/i.test(server.host.output()),
    'workerd logged no error',
    server.host.output().slice(-2000),
  );
} catch (e) {
  tally.ok(false, 'workerd served the test Worker', String(e?.stack || e));
} finally {
  if (server) await server.host.stop();
}
tally.finish();
