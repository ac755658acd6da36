// examples/node-redis: two instances of the example server sharing one redis-server of our own,
// fed shuffled notifications alternately and concurrently; then Redis is stopped.
// (examples/worker-durable-object is run by durable-object.mjs.)
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEY, notifications, rng, shuffle, startRedis } from './lib.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');

export async function runExamples(hw, t, app, redisBin) {
  const { start } = await import(join(ROOT, 'tests', 'js', 'runtimes', 'common.mjs'));
  const dir = join(app, 'examples', 'node-redis');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'examples', 'node-redis'), dir, {
    recursive: true,
    filter: (p) => !p.includes('node_modules'),
  });
  // The example's own dependency, from the pinned test clients (node-redis v4).
  const link = join(app, 'node_modules', 'redis');
  if (!existsSync(link)) symlinkSync(join(HERE, 'node_modules', 'redis'), link, 'dir');
  const redis = await startRedis(redisBin);
  const servers = [];
  try {
    for (let i = 0; i < 2; i++) {
      const s = start(process.execPath, [join(dir, 'server.mjs')], {
        cwd: dir,
        env: {
          HUAWEI_CALLBACK_KEY: KEY,
          REDIS_URL: `redis://127.0.0.1:${redis.port}`,
          PORT: '0',
          HOST: '127.0.0.1',
        },
      });
      servers.push(s);
      const m = await s.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, 30000);
      s.url = m[1];
    }
    const post = async (url, body) => {
      const r = await fetch(`${url}/`, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(30000),
      });
      return { status: r.status, value: await r.json() };
    };
    const status = async (url, s) => {
      const r = await fetch(`${url}/status?domain=push.example.com&app=live&stream=${s}`, {
        signal: AbortSignal.timeout(30000),
      });
      return r.json();
    };
    const now = Math.floor(Date.now() / 1000);
    const { bodies, expected } = notifications(hw, { streams: 8, seed: 29, now, span: 240 });
    const rand = rng(31);
    const all = shuffle(
      [...bodies, ...bodies.filter(() => rand(3) === 0)].map((b) => b.body),
      rand,
    );
    const answers = [];
    for (let i = 0; i < all.length; i += 10) {
      answers.push(
        ...(await Promise.all(
          all.slice(i, i + 10).map((b, j) => post(servers[(i + j) % 2].url, b)),
        )),
      );
    }
    t.ok(
      answers.every((a) => a.status === 200),
      `node-redis example: ${all.length} notifications across two instances answered 200`,
      JSON.stringify(answers.filter((a) => a.status !== 200).slice(0, 3)),
    );
    const got = [{}, {}];
    for (const s of expected.keys())
      for (let i = 0; i < 2; i++) got[i][s] = await status(servers[i].url, s);
    t.eq(
      got[0],
      Object.fromEntries(expected),
      'node-redis example: instance 1 shows the in-order state',
    );
    t.eq(got[1], got[0], 'node-redis example: instance 2 agrees');
    const done = bodies.find((b) => b.body.includes('PUBLISH_DONE'));
    const forged = done.body.replace(
      /"publish_timestamp":"\d+"/,
      '"publish_timestamp":"9999999999"',
    );
    t.eq(
      await post(servers[0].url, forged),
      { status: 400, value: { refused: 'INVALID_FIELD' } },
      'node-redis example: publish_timestamp 9999999999 is 400 INVALID_FIELD',
    );
    t.eq(
      (
        await post(
          servers[1].url,
          bodies[0].body.replace(/"auth_sign":"[0-9a-f]/, '"auth_sign":"z'),
        )
      ).status,
      401,
      'node-redis example: a bad signature is 401',
    );
    const shifted = bodies[0].body.replace(
      '"app":"live","stream":"room',
      '"app":"liver","stream":"oom',
    );
    t.ok(
      shifted !== bodies[0].body && (await post(servers[0].url, shifted)).status === 401,
      'node-redis example: a boundary-shifted variant (app liver) is 401: the example pins its apps',
    );
    await redis.stop('SIGKILL');
    const down = await post(servers[0].url, bodies[0].body);
    t.eq(
      down,
      { status: 500, value: { error: 'store' } },
      'node-redis example: Redis down is 500 (Huawei retries), never 200',
    );
  } catch (e) {
    t.ok(
      false,
      'node-redis example ran',
      String(e && (e.stack || e)) +
        servers
          .map((s) => s.output())
          .join('\n')
          .slice(-2000),
    );
  } finally {
    for (const s of servers) await s.stop();
    await redis.stop();
  }
}
