// Runs every snippet of README.md's JavaScript section, exactly as written there, against the package
// installed from the npm tarball: each code block preceded by `<!-- snippet: NAME -->` is
// written to the scratch project and run in its runtime.
//   worker            bundled like wrangler does, served by workerd
//   node-esm, node-cjs started with node
//   deno              started with `deno run` (the flags the document gives)
//   bun               started with `bun`
//   browser           the page, served from the scratch project, driven in headless Chromium
// Servers get the checks of http-checks.mjs; the page must explain a good and a tampered callback.
//   node tests/js/runtimes/quickstart.mjs
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BIN,
  ROOT,
  appDir,
  freePort,
  installedPackageDir,
  readJson,
  resolveExport,
  start,
  Tally,
  PKG_NAME,
} from './common.mjs';
import { bundleWorker, serveWorker } from './workerd-host.mjs';
import { checkReceiver, loadLib, makeBodies, testKeys } from './http-checks.mjs';
import { openPage } from './browser.mjs';

const DOC = join(ROOT, 'README.md');
const EXPECTED = ['worker', 'node-esm', 'node-cjs', 'deno', 'bun', 'browser'];
// The commands the document tells the reader to run; the test runs the same ones.
const DENO_COMMAND = 'deno run --allow-net --allow-env server.js';
const BUN_COMMAND = 'bun server.js';
const HTTP_COMMAND = 'python3 -m http.server --bind 127.0.0.1 8000';

const tally = new Tally('quickstart');
const app = appDir();
const lib = await loadLib(app);
const keys = testKeys();
const keySetting = `${keys.primary},${keys.secondary}`;
const doc = readFileSync(DOC, 'utf8');

const snippets = new Map();
for (const m of doc.matchAll(/<!-- snippet: ([\w-]+) -->\n```\w+\n([\s\S]*?)```/g))
  snippets.set(m[1], m[2]);
tally.ok(
  EXPECTED.every((n) => snippets.has(n)) && snippets.size === EXPECTED.length,
  `README.md has exactly the snippets ${EXPECTED.join(', ')}`,
  `found ${[...snippets.keys()].join(', ')}`,
);
tally.ok(
  [DENO_COMMAND, BUN_COMMAND, HTTP_COMMAND].every((c) => doc.includes(`\`${c}\``)),
  'README.md gives the Deno, Bun and static-server commands the test runs',
);

const dir = join(app, 'quickstart');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
// Deno uses the node_modules npm installed (as the document says).
writeFileSync(
  join(app, 'deno.json'),
  `${JSON.stringify({ nodeModulesDir: 'manual', lock: false }, null, 2)}\n`,
);

async function section(name, fn) {
  if (!snippets.has(name)) return;
  const sub = new Tally(name);
  try {
    await fn(sub, snippets.get(name));
  } catch (e) {
    sub.ok(false, `${name} snippet ran`, String(e?.stack || e));
  }
  console.log(`  quickstart| ${name}: ${sub.passed} passed, ${sub.failed} failed`);
  tally.merge(sub);
}

/** Polls until `url` answers at all (servers that print no "listening" line). */
async function waitForHttp(url, host, ms = 30000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      if (host.child.exitCode !== null || Date.now() > until)
        throw new Error(`no HTTP server at ${url}; output:\n${host.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function server(sub, _name, file, code, cmd, args, env, opts) {
  writeFileSync(join(dir, file), code);
  const port = await freePort();
  const host = start(cmd, args, {
    cwd: dir,
    env: { HUAWEI_CALLBACK_KEY: keySetting, PORT: String(port), ...env },
  });
  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitForHttp(url, host);
    await checkReceiver(sub, url, lib, { logs: host.output, jsonLogs: false, ...opts });
  } finally {
    await host.stop();
  }
}

await section('worker', async (sub, code) => {
  mkdirSync(join(dir, 'worker', 'src'), { recursive: true });
  writeFileSync(join(dir, 'worker', 'src', 'index.js'), code);
  const outdir = join(ROOT, 'build', 'runtimes', 'quickstart-worker');
  const { modules } = await bundleWorker({ entry: join(dir, 'worker', 'src', 'index.js'), outdir });
  const srv = await serveWorker({
    dir: outdir,
    modules,
    textBindings: { HUAWEI_CALLBACK_KEY: keySetting },
  });
  try {
    await checkReceiver(sub, srv.url, lib, { logs: srv.host.output, jsonLogs: false });
  } finally {
    await srv.host.stop();
  }
});

await section('node-esm', (sub, code) =>
  server(
    sub,
    'node-esm',
    'server.mjs',
    code,
    process.execPath,
    ['server.mjs'],
    {},
    { has405: false },
  ),
);
await section('node-cjs', (sub, code) =>
  server(
    sub,
    'node-cjs',
    'server.cjs',
    code,
    process.execPath,
    ['server.cjs'],
    {},
    { has405: false },
  ),
);
await section('deno', (sub, code) => {
  const [, ...args] = DENO_COMMAND.split(' ');
  return server(sub, 'deno', 'server.js', code, join(BIN, 'deno'), args, {
    DENO_DIR: join(ROOT, 'build', 'runtimes', 'deno-dir'),
    DENO_NO_UPDATE_CHECK: '1',
    NO_COLOR: '1',
  });
});
await section('bun', (sub, code) => {
  const [, ...args] = BUN_COMMAND.split(' ');
  return server(sub, 'bun', 'server.js', code, join(BIN, 'bun'), args, {
    DO_NOT_TRACK: '1',
    NO_COLOR: '1',
  });
});

await section('browser', async (sub, code) => {
  const target = resolveExport(readJson(join(installedPackageDir(app), 'package.json')), [
    'browser',
    'import',
    'default',
  ]);
  sub.ok(
    code.includes(`"/node_modules/${PKG_NAME}/${target.replace(/^\.\//, '')}"`),
    "the import map in the snippet points at the exports map's browser entry",
    `browser entry is ${target}`,
  );
  // As the document says: explain.html next to node_modules/, served by Python's http.server.
  writeFileSync(join(app, 'explain.html'), code);
  const port = await freePort();
  const [py, ...pyArgs] = HTTP_COMMAND.split(' ');
  const http = start(py, [...pyArgs.slice(0, -1), String(port)], { cwd: app });
  let opened;
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, http);
    opened = await openPage(`http://127.0.0.1:${port}/explain.html`);
    const { page, problems } = opened;
    const b = makeBodies(lib, keys);
    const check = async (body, key) => {
      await page.fill('#body', body);
      await page.fill('#key', key);
      await page.evaluate(() => {
        document.querySelector('#out').textContent = '';
      });
      await page.click('#check');
      await page.waitForFunction(() => document.querySelector('#out').textContent !== '', null, {
        timeout: 30000,
      });
      return JSON.parse(await page.textContent('#out'));
    };
    const good = await check(b.publish, keys.primary);
    sub.ok(
      good.matches === true && good.error === null,
      'the page explains a good callback as matching',
      JSON.stringify(good).slice(0, 1500),
    );
    const bad = await check(b.tampered, keys.primary);
    sub.ok(
      bad.matches === false && bad.error && bad.error.code === 'SIGNATURE_MISMATCH',
      'the page explains a tampered callback as SIGNATURE_MISMATCH',
      JSON.stringify(bad).slice(0, 1500),
    );
    const wrong = await check(b.publish, keys.other);
    sub.ok(
      wrong.matches === false,
      'the page explains a callback checked with the wrong key as not matching',
      JSON.stringify(wrong).slice(0, 1500),
    );
    sub.ok(
      problems.length === 0,
      'no console error, page error or failed request',
      problems.join('\n'),
    );
  } finally {
    if (opened) await opened.close();
    await http.stop();
  }
});

tally.finish();
