// The Durable Object store in workerd: examples/worker-durable-object bundled like wrangler
// bundles it and served by the workerd binary (tests/js/runtimes' pinned tooling) with a
// generated config that declares its Durable Object namespace (in-memory storage), once
// SQLite-backed (as wrangler.toml's new_sqlite_classes deploys it) and once key-value-backed.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEY, notifications, rng, shuffle } from './lib.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const RUNTIMES = join(ROOT, 'tests', 'js', 'runtimes');

/** Serves a bundle with a Durable Object namespace; resolves { url, host }. */
async function serve({ dir, modules, serveConfig, compatibilityDate, sql }) {
  const q = (s) => JSON.stringify(s);
  const config = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
${modules.map((m) => `    (name = ${q(m.name)}, ${m.type} = embed ${q(m.file)})`).join(',\n')}
  ],
  bindings = [
    (name = "HUAWEI_CALLBACK_KEY", text = ${q(KEY)}),
    (name = "STREAMS", durableObjectNamespace = "StreamStatus"),
  ],
  durableObjectNamespaces = [ (className = "StreamStatus", uniqueKey = "hwlc-state-test-streams"${sql ? ', enableSql = true' : ''}) ],
  durableObjectStorage = (inMemory = void),
  compatibilityDate = ${q(compatibilityDate)},
);
`;
  const { port, host } = await serveConfig(dir, config);
  return { url: `http://127.0.0.1:${port}`, host };
}

export async function runDurableObject(hw, t, app) {
  for (const sql of [true, false]) await runOnce(hw, t, app, sql);
  await runSweep(t, app);
}

/** Expired claims are swept by later writes; live ones never. */
async function runSweep(t, app) {
  const { bundleWorker, serveConfig } = await import(join(RUNTIMES, 'workerd-host.mjs'));
  const entry = join(app, 'do-sweep.mjs');
  cpSync(join(HERE, 'fixtures', 'do-sweep.mjs'), entry);
  const outdir = join(ROOT, 'build', 'state', 'do-sweep');
  const { modules } = await bundleWorker({ entry, outdir });
  let server;
  try {
    server = await serve({
      dir: outdir,
      modules,
      serveConfig,
      compatibilityDate: '2025-09-01',
      sql: true,
    });
    const r = await (await fetch(`${server.url}/`, { signal: AbortSignal.timeout(60000) })).json();
    t.eq(
      [r.first, r.fresh, r.still],
      [300, 300, 300],
      'workerd DO sweep: 300 claims stored, 300 new ones claimed after they expired, all still held',
    );
    console.log(`  workerd DO sweep: ${JSON.stringify(r)}`);
    t.ok(
      r.after < 600 - 100,
      'workerd DO sweep: the new claims swept at least 100 of the 300 expired ones',
      JSON.stringify(r),
    );
  } catch (e) {
    t.ok(
      false,
      'workerd DO sweep ran',
      String(e && (e.stack || e)) + (server ? server.host.output().slice(-2000) : ''),
    );
  } finally {
    if (server) await server.host.stop();
  }
}

async function runOnce(hw, t0, app, sql) {
  const label = sql ? 'workerd DO (SQLite)' : 'workerd DO (KV)';
  // The checks' names carry the storage backend.
  const t = {
    ok: (c, name, d) => t0.ok(c, name.replace('workerd DO', label), d),
    eq: (a, b, name) => t0.eq(a, b, name.replace('workerd DO', label)),
  };
  const { bundleWorker, serveConfig } = await import(join(RUNTIMES, 'workerd-host.mjs'));
  // Staged inside the scratch project so that the bare import resolves to the installed tarball.
  const dir = join(app, 'examples', 'worker-durable-object');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'examples', 'worker-durable-object'), dir, {
    recursive: true,
    filter: (p) => !p.includes('node_modules'),
  });
  const outdir = join(ROOT, 'build', 'state', 'worker-durable-object');
  const { modules } = await bundleWorker({ entry: join(dir, 'src', 'index.js'), outdir });
  let server;
  try {
    server = await serve({
      dir: outdir,
      modules,
      serveConfig,
      compatibilityDate: '2025-09-01',
      sql,
    });
    const post = async (body) => {
      const r = await fetch(`${server.url}/`, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(30000),
      });
      const text = await r.text();
      let value;
      try {
        value = JSON.parse(text);
      } catch {
        value = text;
      }
      return { status: r.status, value };
    };
    const status = async (s) => {
      const r = await fetch(`${server.url}/status?domain=push.example.com&app=live&stream=${s}`, {
        signal: AbortSignal.timeout(30000),
      });
      return { status: r.status, value: await r.json() };
    };
    const now = Math.floor(Date.now() / 1000);
    const { bodies, expected } = notifications(hw, { streams: 6, seed: 17, now, span: 240 });
    const rand = rng(21);
    const all = shuffle(
      [...bodies, ...bodies.filter(() => rand(3) === 0)].map((b) => b.body),
      rand,
    );
    const answers = [];
    for (let i = 0; i < all.length; i += 12)
      answers.push(...(await Promise.all(all.slice(i, i + 12).map(post))));
    t.ok(
      answers.every((a) => a.status === 200 && typeof a.value.change === 'string'),
      `workerd DO: ${all.length} notifications (shuffled, duplicates, 12 at a time) answered 200 {change, state}`,
      JSON.stringify(answers.filter((a) => a.status !== 200).slice(0, 3)) +
        server.host.output().slice(-1500),
    );
    t.ok(
      answers.filter((a) => a.value.change === 'duplicate').length >= all.length - bodies.length,
      'workerd DO: every repeated delivery is a duplicate',
    );
    const got = {};
    for (const s of expected.keys()) got[s] = (await status(s)).value;
    t.eq(
      got,
      Object.fromEntries(expected),
      'workerd DO: the live status of every stream is the in-order state',
    );
    // A PUBLISH_DONE rewritten to publish_timestamp 9999999999: refused, nothing changed.
    const done = bodies.find((b) => b.body.includes('PUBLISH_DONE'));
    const forged = done.body.replace(
      /"publish_timestamp":"\d+"/,
      '"publish_timestamp":"9999999999"',
    );
    const fr = await post(forged);
    t.eq(
      fr,
      { status: 400, value: { refused: 'INVALID_FIELD' } },
      'workerd DO: publish_timestamp 9999999999 is refused (400 INVALID_FIELD)',
    );
    t.eq(
      (await status(done.stream)).value,
      expected.get(done.stream),
      'workerd DO: the forged notification changed nothing',
    );
    const shifted = bodies[0].body.replace(
      '"app":"live","stream":"room',
      '"app":"liver","stream":"oom',
    );
    t.ok(
      shifted !== bodies[0].body && (await post(shifted)).status === 401,
      'workerd DO: a boundary-shifted variant (app liver) is 401: the example pins its apps',
    );
    const bad = bodies[0].body.replace(/"auth_sign":"[0-9a-f]/, '"auth_sign":"z');
    t.eq((await post(bad)).status, 401, 'workerd DO: a bad signature is 401');
    t.eq(
      await status('nobody'),
      { status: 404, value: {} },
      'workerd DO: an unknown stream is 404 {}',
    );
    // Recordings: each file once, across re-signed retries.
    const rec = (at) =>
      hw.sign(
        {
          event_type: 'RECORD_FILE_COMPLETE',
          publish_domain: 'push.example.com',
          app: 'live',
          stream: 'room0',
          download_url: 'https://obs.example.com/live/room0/1.mp4',
        },
        { key: KEY, authTimestamp: at },
      ).body;
    t.eq(
      (await post(rec(now))).value,
      { file: 'new' },
      'workerd DO: RECORD_FILE_COMPLETE is a new file',
    );
    t.eq(
      (await post(rec(now - 5))).value,
      { file: 'duplicate' },
      'workerd DO: its re-signed retry is a duplicate',
    );
    t.ok(
      !/uncaught|error:/i.test(server.host.output()),
      'workerd DO: workerd logged no error',
      server.host.output().slice(-2000),
    );
  } catch (e) {
    t.ok(
      false,
      'workerd DO: the Durable Object example ran in workerd',
      String(e && (e.stack || e)) + (server ? server.host.output().slice(-2000) : ''),
    );
  } finally {
    if (server) await server.host.stop();
  }
}
