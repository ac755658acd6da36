// Runs every block of README.md marked `<!-- adapter-snippet: NAME -->`, exactly as written,
// against the package installed from its npm tarball and the frameworks pinned here:
//   node-http express connect fastify koa hono   started with node (HUAWEI_CALLBACK_KEY, PORT,
//                                                HOST=127.0.0.1), then tests/js/runtimes'
//                                                checkReceiver (200/401/405, logged codes) and 413
//   next, lambda                                 imported; real Requests / API Gateway events
//   worker                                       bundled like wrangler does, served by workerd
// The snippets live in build/scratch/adapters-readme/, whose node_modules/ links the installed
// package and the frameworks (no npm run there, so nothing prunes through the links).
import { mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort, start } from '../js/runtimes/common.mjs';
import { checkReceiver, makeBodies, testKeys } from '../js/runtimes/http-checks.mjs';
import { bundleWorker, serveWorker } from '../js/runtimes/workerd-host.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const EXPECTED = [
  'node-http',
  'express',
  'connect',
  'fastify',
  'koa',
  'hono',
  'next',
  'lambda',
  'worker',
];
const LINKED = ['express', 'connect', 'fastify', 'koa', '@koa/router', 'hono', '@hono/node-server'];

export function snippets() {
  const doc = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const found = new Map();
  for (const m of doc.matchAll(/<!-- adapter-snippet: ([\w-]+) -->\n```js\n([\s\S]*?)```/g))
    found.set(m[1], m[2]);
  return found;
}

function prepareDir(app) {
  const dir = join(ROOT, 'build', 'scratch', 'adapters-readme');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  const link = (name, target) => {
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(target, join(dir, 'node_modules', name), 'dir');
  };
  link('huaweicloud-live-callback', resolve(app, 'node_modules', 'huaweicloud-live-callback'));
  // "express" in the README is Express 5 (the current major); Express 4 is covered by servers.mjs.
  link('express', join(HERE, 'node_modules', 'express5'));
  for (const name of LINKED.slice(1)) link(name, join(HERE, 'node_modules', name));
  return dir;
}

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

async function oversized(t, name, url) {
  const res = await fetch(url, {
    method: 'POST',
    body: ' '.repeat(1048577),
    headers: { 'content-type': 'application/json' },
    signal: AbortSignal.timeout(30000),
  }).catch((e) => ({ status: `error ${e.cause?.code || e.message}` }));
  t.ok(res.status === 413, `${name}: a body above 1 MiB -> 413`, `${res.status}`);
}

export async function readme(t, lib, app) {
  const found = snippets();
  t.ok(
    EXPECTED.every((n) => found.has(n)) && found.size === EXPECTED.length,
    `README.md has exactly the adapter snippets ${EXPECTED.join(', ')}`,
    [...found.keys()].join(', '),
  );
  const dir = prepareDir(app);
  const keys = testKeys();
  const env = { HUAWEI_CALLBACK_KEY: `${keys.primary},${keys.secondary}`, HOST: '127.0.0.1' };

  for (const name of ['node-http', 'express', 'connect', 'fastify', 'koa', 'hono']) {
    if (!found.has(name)) continue;
    const file = join(dir, `${name}.mjs`);
    writeFileSync(file, found.get(name));
    const port = await freePort();
    const host = start(process.execPath, [file], { cwd: dir, env: { ...env, PORT: String(port) } });
    const base = `http://127.0.0.1:${port}`;
    const url = name === 'node-http' ? `${base}/` : `${base}/huawei/callback`;
    try {
      await waitForHttp(url, host);
      const before = [t.passed, t.failed];
      const sub = { ok: (c, n, d) => t.ok(c, `${name}: ${n}`, d) };
      await checkReceiver(sub, url, lib, { logs: host.output, jsonLogs: false, has405: true });
      await oversized(t, name, url);
      console.log(
        `    readme ${name}: ${t.passed - before[0]} passed, ${t.failed - before[1]} failed`,
      );
    } catch (e) {
      t.ok(false, `${name}: the snippet ran`, e?.stack || e);
    } finally {
      await host.stop();
    }
  }

  const b = makeBodies(lib, keys);
  if (found.has('next')) {
    writeFileSync(join(dir, 'route.mjs'), found.get('next'));
    process.env.HUAWEI_CALLBACK_KEY = env.HUAWEI_CALLBACK_KEY;
    const { POST } = await import(pathToFileURL(join(dir, 'route.mjs')).href);
    const post = (body) =>
      POST(new Request('http://127.0.0.1/huawei/callback', { method: 'POST', body }), {
        params: Promise.resolve({}),
      });
    const statuses = [];
    for (const body of [
      b.publish,
      b.publishDone,
      b.recordWithSecondKey,
      b.tampered,
      b.expired,
      ' '.repeat(1048577),
    ])
      statuses.push((await post(body)).status);
    t.ok(
      statuses.join() === '200,200,200,401,401,413',
      'next: the route handler answers 200, 200, 200, 401, 401, 413',
      statuses.join(),
    );
  }
  if (found.has('lambda')) {
    writeFileSync(join(dir, 'lambda.mjs'), found.get('lambda'));
    process.env.HUAWEI_CALLBACK_KEY = env.HUAWEI_CALLBACK_KEY;
    const { handler } = await import(pathToFileURL(join(dir, 'lambda.mjs')).href);
    const event = (body, method = 'POST') => ({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/',
      headers: {},
      requestContext: { http: { method, path: '/' } },
      body: Buffer.from(body).toString('base64'),
      isBase64Encoded: true,
    });
    const statuses = [];
    for (const [body, method] of [
      [b.publish],
      [b.recordWithSecondKey],
      [b.tampered],
      [b.expired],
      ['', 'GET'],
    ])
      statuses.push((await handler(event(body, method), {})).statusCode);
    t.ok(
      statuses.join() === '200,200,401,401,405',
      'lambda: the handler answers 200, 200, 401, 401, 405 to function URL events',
      statuses.join(),
    );
  }
  if (found.has('worker')) {
    mkdirSync(join(dir, 'worker', 'src'), { recursive: true });
    writeFileSync(join(dir, 'worker', 'src', 'index.js'), found.get('worker'));
    const outdir = join(ROOT, 'build', 'adapters', 'readme-worker');
    const { modules } = await bundleWorker({
      entry: join(dir, 'worker', 'src', 'index.js'),
      outdir,
    });
    const srv = await serveWorker({
      dir: outdir,
      modules,
      textBindings: { HUAWEI_CALLBACK_KEY: env.HUAWEI_CALLBACK_KEY },
    });
    try {
      const sub = { ok: (c, n, d) => t.ok(c, `worker: ${n}`, d) };
      await checkReceiver(sub, srv.url, lib, {
        logs: srv.host.output,
        jsonLogs: false,
        has405: true,
      });
      await oversized(t, 'worker', srv.url);
    } finally {
      await srv.host.stop();
    }
    // A key that is itself invalid: createHandler throws on the first request, workerd answers 500.
    const bad = await serveWorker({
      dir: outdir,
      modules,
      textBindings: { HUAWEI_CALLBACK_KEY: 'too-short' },
    });
    try {
      const r = await fetch(bad.url, {
        method: 'POST',
        body: b.publish,
        signal: AbortSignal.timeout(30000),
      });
      t.ok(r.status === 500, 'worker: an invalid configured key -> 500, not 401', `${r.status}`);
      t.ok(
        /INVALID_KEY|invalid key/.test(bad.host.output()) &&
          !bad.host.output().includes('too-short'),
        'worker: the log names INVALID_KEY, not the key',
        bad.host.output().slice(-500),
      );
    } finally {
      await bad.host.stop();
    }
  }
}
