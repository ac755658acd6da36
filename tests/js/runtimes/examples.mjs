// Tests the examples against the package installed from the npm tarball:
//  - examples/cloudflare-worker: src/index.js bundled like wrangler bundles it, served by
//    workerd with HUAWEI_CALLBACK_KEY = "<primary>,<secondary>" (rotation);
//  - examples/node/server.mjs: started with node on a loopback port.
// Both get the checks of http-checks.mjs (200 / generic 401 + logged code / 405).
//   node tests/js/runtimes/examples.mjs
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, appDir, start, Tally } from './common.mjs';
import { bundleWorker, serveWorker } from './workerd-host.mjs';
import { checkReceiver, loadLib, testKeys } from './http-checks.mjs';

const tally = new Tally('examples');
const app = appDir();
const lib = await loadLib(app);
const keys = testKeys();
const keySetting = `${keys.primary},${keys.secondary}`;

// Copies an example into the scratch project so that its bare import of the package resolves
// to the installed tarball, as in a user's project.
function stage(name) {
  const dir = join(app, 'examples', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'examples', name), dir, {
    recursive: true,
    filter: (p) => !p.includes('node_modules'),
  });
  return dir;
}

// --- Cloudflare Worker in workerd, from the entry and compatibility date of its wrangler.toml
{
  const dir = stage('cloudflare-worker');
  const toml = readFileSync(join(dir, 'wrangler.toml'), 'utf8');
  const setting = (name) => (new RegExp(`^${name}\\s*=\\s*"([^"]+)"`, 'm').exec(toml) ?? [])[1];
  const main = setting('main');
  const compatibilityDate = setting('compatibility_date');
  tally.ok(
    main !== undefined && compatibilityDate !== undefined,
    'wrangler.toml names main and compatibility_date',
    toml,
  );
  const outdir = join(ROOT, 'build', 'runtimes', 'example-worker');
  let server;
  try {
    const { modules } = await bundleWorker({ entry: join(dir, main ?? 'src/index.js'), outdir });
    tally.ok(
      modules.some((m) => m.type === 'wasm'),
      'worker example: the .wasm is a CompiledWasm module of the bundle',
    );
    server = await serveWorker({
      dir: outdir,
      modules,
      compatibilityDate,
      textBindings: { HUAWEI_CALLBACK_KEY: keySetting },
    });
    console.log(`  examples| cloudflare-worker served by workerd at ${server.url}`);
    const sub = new Tally('cloudflare-worker');
    await checkReceiver(sub, server.url, lib, { logs: server.host.output });
    console.log(`  examples| cloudflare-worker: ${sub.passed} passed, ${sub.failed} failed`);
    tally.merge(sub);
  } catch (e) {
    tally.ok(false, 'worker example ran in workerd', String(e?.stack || e));
  } finally {
    if (server) await server.host.stop();
  }
  // Misconfiguration (no key) is a 500, not a 401.
  try {
    const { modules } = await bundleWorker({ entry: join(dir, main ?? 'src/index.js'), outdir });
    server = await serveWorker({
      dir: outdir,
      modules,
      compatibilityDate,
      textBindings: { HUAWEI_CALLBACK_KEY: '' },
    });
    const { makeBodies } = await import('./http-checks.mjs');
    const res = await fetch(server.url, {
      method: 'POST',
      body: makeBodies(lib, keys).publish,
      signal: AbortSignal.timeout(30000),
    });
    tally.ok(res.status === 500, 'worker example without a key -> 500', `got ${res.status}`);
  } catch (e) {
    tally.ok(false, 'worker example without a key ran in workerd', String(e?.stack || e));
  } finally {
    if (server) await server.host.stop();
  }
}

// --- node:http server
{
  const dir = stage('node');
  const host = start(process.execPath, [join(dir, 'server.mjs')], {
    cwd: dir,
    env: { HUAWEI_CALLBACK_KEY: keySetting, PORT: '0', HOST: '127.0.0.1' },
  });
  try {
    const m = await host.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const url = `${m[1]}/`;
    console.log(`  examples| node server at ${url}`);
    const sub = new Tally('node-server');
    await checkReceiver(sub, url, lib, { logs: host.output });
    const big = await fetch(url, {
      method: 'POST',
      body: 'x'.repeat(1024 * 1024 + 1),
      signal: AbortSignal.timeout(30000),
    }).catch((e) => ({ status: String(e) }));
    sub.ok(big.status === 413, 'a body over 1 MiB -> 413', `got ${big.status}`);
    console.log(`  examples| node server: ${sub.passed} passed, ${sub.failed} failed`);
    tally.merge(sub);
  } catch (e) {
    tally.ok(false, 'node example server ran', String(e?.stack || e));
  } finally {
    await host.stop();
  }
  // Without a key the server refuses to start.
  const bad = start(process.execPath, [join(dir, 'server.mjs')], {
    cwd: dir,
    env: { HUAWEI_CALLBACK_KEY: '', PORT: '0' },
  });
  const code = await new Promise((res) => bad.child.on('exit', (c) => res(c)));
  tally.ok(
    code !== 0 && /INVALID_KEY|CallbackError|key/i.test(bad.output()),
    'node example without a key exits non-zero at start-up',
    bad.output().slice(-1000),
  );
}

tally.finish();
