// Runs tests/js/suite.mjs in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): a static page imports the package's `browser` build out of the scratch
// project (installed from the npm tarball) through an import map, from a loopback HTTP server
// started here. Any console error, page error or failed request fails the run.
//   node tests/js/runtimes/browser.mjs
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { createRequire } from 'node:module';
import {
  PKG_NAME,
  appDir,
  copySuite,
  installedPackageDir,
  readJson,
  resolveExport,
  Tally,
} from './common.mjs';

const require = createRequire(import.meta.url);
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/** Serves `root` (read-only, GET/HEAD) on 127.0.0.1 with an OS-chosen port. */
export function staticServer(root) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/favicon.ico') {
      // asked for by Chromium on its own; not a failure of the page
      res.writeHead(204).end();
      return;
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] || 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  });
  return new Promise((res) =>
    server.listen(0, '127.0.0.1', () =>
      res({ server, origin: `http://127.0.0.1:${server.address().port}` }),
    ),
  );
}

/** Import map that points the bare package name at the exports map's `browser` entry. */
export function importMap(app) {
  const manifest = readJson(join(installedPackageDir(app), 'package.json'));
  const target = resolveExport(manifest, ['browser', 'import', 'default']);
  if (!target) throw new Error('the installed package has no browser/import/default export');
  return {
    target,
    map: { imports: { [PKG_NAME]: `/node_modules/${PKG_NAME}/${target.replace(/^\.\//, '')}` } },
  };
}

/**
 * Launches Chromium and opens `url`; returns { page, problems, close() }. `problems` collects
 * console errors, uncaught page errors, failed requests and HTTP errors as they happen.
 */
export async function openPage(url, { timeoutMs = 120000 } = {}) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    timeout: 60000,
  });
  const problems = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      // Chromium asks for /favicon.ico on its own; a 404 for it is no failure of the page.
      if (m.type() === 'error' && !/\/favicon\.ico$/.test(m.location()?.url ?? ''))
        problems.push(`console error: ${m.text()} (${m.location()?.url ?? ''})`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) =>
      problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`),
    );
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    });
    await page.goto(url, { timeout: timeoutMs });
    return { page, problems, close: () => browser.close() };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/** Opens `url`, waits for window.__done and returns { value: window.__result, problems }. */
export async function runPage(url, { timeoutMs = 120000 } = {}) {
  const { page, problems, close } = await openPage(url, { timeoutMs });
  try {
    await page.waitForFunction(() => window.__done === true, null, { timeout: timeoutMs });
    return { value: await page.evaluate(() => window.__result), problems };
  } finally {
    await close();
  }
}

async function main() {
  const tally = new Tally('chromium');
  const app = appDir();
  copySuite(app);
  const { target, map } = importMap(app);
  writeFileSync(
    join(app, 'suite.html'),
    `<!doctype html>
<meta charset="utf-8">
<title>huaweicloud-live-callback suite</title>
<script type="importmap">${JSON.stringify(map)}</script>
<script type="module">
  import * as lib from '${PKG_NAME}';
  import { runSuite } from '/suite.mjs';
  import vectors from '/callbacks.json' with { type: 'json' };
  import corpus from '/corpus.json' with { type: 'json' };
  try {
    const logs = [];
    const r = runSuite(lib, vectors, (...args) => logs.push(args.map(String).join(' ')), corpus);
    window.__result = { passed: r.passed, failed: r.failed, failures: r.failures ?? [], logs: logs.slice(-200) };
  } catch (e) {
    window.__result = { error: String(e && e.stack || e) };
  }
  window.__done = true;
</script>
`,
  );
  const { server, origin } = await staticServer(app);
  try {
    console.log(`  chromium| browser entry ${target}`);
    const { value, problems } = await runPage(`${origin}/suite.html`);
    if (
      tally.ok(
        value && typeof value.passed === 'number',
        'the page reported the suite results',
        JSON.stringify(value).slice(0, 2000),
      )
    ) {
      console.log(`  chromium| suite: ${value.passed} passed, ${value.failed} failed`);
      tally.add({ passed: value.passed, failed: value.failed, failures: value.failures });
      tally.ok(value.passed > 0, 'the suite ran at least one test in Chromium');
    }
    tally.ok(
      problems.length === 0,
      'no console error, page error or failed request',
      problems.join('\n'),
    );
  } catch (e) {
    tally.ok(false, 'Chromium ran the page', String(e?.stack || e));
  } finally {
    server.close();
  }
  tally.finish();
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await main();
