// Helpers of the state tests: the package under test (installed from its npm tarball), a
// redis-server of our own on a free loopback port, the clients, and the notifications.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const KEY = 'Pv4kQ9mZt2Lx7Wc3Rb8Nh5Jd1Fs6Gy0Ue2Ka7Mo9';
const require = createRequire(import.meta.url);

/** The package as installed in the scratch project `app` (the file Node's `import` resolves to). */
export async function loadPackage(app) {
  return import(
    pathToFileURL(join(app, 'node_modules', 'huaweicloud-live-callback', 'dist', 'inline.mjs')).href
  );
}

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every redis-server started here, so that an exit on failure still stops them. */
const running = new Set();
process.on('exit', () => {
  for (const r of running) r.killNow();
});

/**
 * Starts `redis-server` (daemonized, no persistence) on a free 127.0.0.1 port, or on `port`.
 * @returns {Promise<{ port: number, pid: number, stop(): Promise<void>, killNow(): void }>}
 */
export async function startRedis(bin, port) {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'hwlc-redis-'));
  const pidfile = join(dir, 'redis.pid');
  const r = spawnSync(
    bin,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
      '--pidfile',
      pidfile,
      '--dir',
      dir,
      '--logfile',
      join(dir, 'redis.log'),
    ],
    { timeout: 20000 },
  );
  if (r.status !== 0) throw new Error(`${bin} failed to start (${r.status}): ${r.stderr}`);
  let pid = 0;
  for (let i = 0; i < 100 && pid === 0; i++) {
    if (existsSync(pidfile)) pid = Number(readFileSync(pidfile, 'utf8').trim()) || 0;
    if (pid === 0) await sleep(50);
  }
  if (pid === 0) throw new Error(`redis-server wrote no pidfile ${pidfile}`);
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const h = {
    port,
    pid,
    killNow() {
      if (alive())
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      running.delete(h);
    },
    async stop(signal = 'SIGTERM') {
      if (alive())
        try {
          process.kill(pid, signal);
        } catch {
          /* gone */
        }
      for (let i = 0; i < 100 && alive(); i++) await sleep(50);
      if (alive()) process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 100 && alive(); i++) await sleep(50);
      running.delete(h);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  running.add(h);
  // Ready when it answers PING (bounded).
  for (let i = 0; ; i++) {
    const c = await connect('redis4', port).catch(() => null);
    if (c) {
      const pong = await c.sendCommand(['PING']).catch(() => null);
      await close(c);
      if (pong === 'PONG') break;
    }
    if (i >= 100) {
      await h.stop();
      throw new Error(`redis-server on port ${port} does not answer PING`);
    }
    await sleep(50);
  }
  return h;
}

/**
 * A connected client that fails instead of queueing while disconnected.
 * kind: 'redis4' (node-redis v4), 'redis5' (node-redis v5), 'ioredis'.
 */
export async function connect(kind, port) {
  if (kind === 'ioredis') {
    const { default: Redis } = await import('ioredis');
    const c = new Redis({
      host: '127.0.0.1',
      port,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 5000,
    });
    c.on('error', () => {});
    await c.connect();
    return c;
  }
  const { createClient } = kind === 'redis5' ? require('redis5') : require('redis');
  const c = createClient({
    url: `redis://127.0.0.1:${port}`,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: false, connectTimeout: 5000 },
  });
  c.on('error', () => {});
  await c.connect();
  return c;
}

export async function close(c) {
  try {
    if (typeof c.disconnect === 'function' && typeof c.call === 'function') c.disconnect();
    else await c.disconnect();
  } catch {
    /* already closed */
  }
}

/** A deterministic PRNG (xorshift32). */
export function rng(seed) {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

export function shuffle(list, rand) {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rand(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * Signed notifications for `streams` streams, each a few sessions (a PUBLISH signed 0..9 s after
 * the session started, a PUBLISH_DONE for most; sessions may overlap), all signed before `now`.
 * Returns { bodies, expected: Map(streamName -> { live, session }) } where `expected` is the
 * maximum of { session, ended } per stream (the reducer's definition).
 */
export function notifications(hw, { streams, seed, now, span = 5000 }) {
  const rand = rng(seed);
  const bodies = [];
  const expected = new Map();
  const step = Math.max(2, Math.floor(span / 7));
  for (let s = 0; s < streams; s++) {
    const stream = `room${s}`;
    let start = now - span + rand(Math.max(1, Math.floor(span / 50)));
    let best = null;
    const n = 1 + rand(4);
    for (let i = 0; i < n; i++) {
      const at = start + rand(10);
      const pub = {
        event: 'PUBLISH',
        domain: 'push.example.com',
        app: 'live',
        stream,
        publish_timestamp: String(start),
        client_ip: '100.111.*.*',
      };
      bodies.push({ stream, body: hw.sign(pub, { key: KEY, authTimestamp: at }).body, at });
      const fact = { session: start, ended: false };
      let last = fact;
      if (rand(4) !== 0) {
        const doneAt = Math.min(now - 1, at + 1 + rand(Math.floor(span / 10)));
        bodies.push({
          stream,
          body: hw.sign({ ...pub, event: 'PUBLISH_DONE' }, { key: KEY, authTimestamp: doneAt })
            .body,
          at: doneAt,
        });
        last = { session: start, ended: true };
      }
      if (
        best === null ||
        last.session > best.session ||
        (last.session === best.session && last.ended)
      )
        best = last;
      start += 1 + rand(step);
      if (start > now - Math.floor(span / 8)) break;
    }
    expected.set(stream, { live: !best.ended, session: best.session });
  }
  return { bodies, expected };
}

/** Counts checks; prints "N passed, N failed" last; exit code 1 on any failure. */
export class Tally {
  constructor(label) {
    this.label = label;
    this.passed = 0;
    this.failed = 0;
  }
  ok(cond, name, detail = '') {
    if (cond) this.passed++;
    else {
      this.failed++;
      console.log(`  FAIL ${this.label}: ${name}${detail ? ` — ${detail}` : ''}`);
    }
    return cond;
  }
  eq(a, b, name) {
    const ja = JSON.stringify(a);
    const jb = JSON.stringify(b);
    return this.ok(ja === jb, name, `${ja} !== ${jb}`);
  }
  async rejects(p, test, name) {
    try {
      const v = await p;
      return this.ok(false, name, `resolved ${JSON.stringify(v)}`);
    } catch (e) {
      return this.ok(test(e), name, String(e && (e.stack || e)));
    }
  }
}

/** Runs a Node script to completion (bounded); resolves { code, stdout, stderr }. */
export function runNode(args, timeoutMs = 120000) {
  return new Promise((res) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      res({ code, stdout, stderr });
    });
  });
}
