// The receiver-state tests (issue 13) against the package installed from its npm tarball, with
// a real Debian redis-server of our own and workerd.
//   node tests/state/run.mjs SCRATCH_APP REDIS_SERVER_BIN
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  KEY,
  Tally,
  close,
  connect,
  loadPackage,
  notifications,
  rng,
  runNode,
  shuffle,
  startRedis,
} from './lib.mjs';
import { runDurableObject } from './durable-object.mjs';
import { runExamples } from './examples.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const [appArg, redisBin] = process.argv.slice(2);
if (!appArg || !redisBin)
  throw new Error('usage: node tests/state/run.mjs SCRATCH_APP REDIS_SERVER_BIN');
const app = resolve(appArg);
const hw = await loadPackage(app);
const t = new Tally('state');
const NOW = 1_800_000_000;
const TOL = 100000;
const scratch = mkdtempSync(join(tmpdir(), 'hwlc-state-'));
const isStore = (code) => (e) => e instanceof hw.StoreError && e.code === code;
const stream = (s) => ({ domain: 'push.example.com', app: 'live', stream: s });
const verify = (body, now = NOW) => hw.verify(body, { key: KEY, now, toleranceSeconds: TOL });

/** Applies bodies in time order to a memory tracker: the reference. */
async function inOrder(bodies) {
  const tracker = hw.createStreamTracker({ store: hw.memoryStore(), toleranceSeconds: TOL });
  for (const b of [...bodies].sort((x, y) => x.at - y.at))
    await tracker.apply(verify(b.body), { now: NOW });
  return tracker;
}

async function finalStates(tracker, expected) {
  const out = {};
  for (const s of expected.keys()) out[s] = await tracker.get(stream(s));
  return out;
}

// ------------------------------------------------------------------ memory store
async function memory() {
  let clock = 1_000_000;
  const store = hw.memoryStore({ maxEntries: 3, clock: () => clock });
  const tracker = hw.createStreamTracker({
    store,
    toleranceSeconds: 1,
    maxFutureSeconds: 0,
    maxSessionSeconds: 9,
    clock: () => clock,
  });
  const now = Math.floor(clock / 1000);
  const sign = (s, event, pts, at) =>
    verify(
      hw.sign(
        { event, ...stream(s), publish_timestamp: String(pts) },
        { key: KEY, authTimestamp: at },
      ).body,
      now,
    );
  // Claim TTL = tolerance + max future = 1 s; state TTL = 9 + 1 = 10 s.
  for (const s of ['a', 'b', 'c'])
    t.eq(
      (await tracker.apply(sign(s, 'PUBLISH', now - 1, now))).change,
      'started',
      `memory: ${s} started`,
    );
  t.eq(store.size(), { states: 3, claims: 3 }, 'memory: three states and three claims');
  await t.rejects(
    tracker.apply(sign('d', 'PUBLISH', now - 1, now)),
    isStore('STORE_FULL'),
    'memory: a fourth stream is STORE_FULL (no live entry evicted)',
  );
  t.eq(await tracker.get(stream('d')), undefined, 'memory: the refused stream has no state');
  t.eq(
    await tracker.claim(sign('a', 'PUBLISH', now - 1, now)),
    { claimed: false, key: (await tracker.keys(sign('a', 'PUBLISH', now - 1, now))).claim },
    'memory: a replay is not claimed again',
  );
  clock += 999;
  t.eq(
    (await tracker.claim(sign('a', 'PUBLISH', now - 1, now))).claimed,
    false,
    'memory: claim still held at 999 ms',
  );
  clock += 1;
  t.eq(
    (await tracker.claim(sign('a', 'PUBLISH', now - 1, now))).claimed,
    true,
    'memory: claim free again at its TTL (1000 ms)',
  );
  t.eq(
    await tracker.get(stream('a')),
    { live: true, session: now - 1 },
    'memory: state kept within its TTL',
  );
  clock += 9000;
  t.eq(await tracker.get(stream('a')), undefined, 'memory: state gone after its TTL (10 s)');
  const n2 = Math.floor(clock / 1000);
  const r = await tracker.apply(
    verify(
      hw.sign(
        { event: 'PUBLISH_DONE', ...stream('d'), publish_timestamp: String(n2 - 2) },
        { key: KEY, authTimestamp: n2 },
      ).body,
      n2,
    ),
  );
  t.eq(
    r,
    { change: 'ended', state: { live: false, session: n2 - 2 } },
    'memory: room again once entries expired',
  );
  // A store that fails makes apply/claim/get reject, never resolve.
  const broken = {
    join: async () => {
      throw new Error('disk on fire');
    },
    read: async () => {
      throw new Error('disk on fire');
    },
    claim: async () => {
      throw new Error('disk on fire');
    },
  };
  const bt = hw.createStreamTracker({ store: broken });
  const v = verify(
    hw.sign(
      { event: 'PUBLISH', ...stream('x'), publish_timestamp: String(NOW - 5) },
      { key: KEY, authTimestamp: NOW },
    ).body,
  );
  await t.rejects(
    bt.apply(v, { now: NOW }),
    (e) => isStore('STORE_FAILED')(e) && e.cause?.message === 'disk on fire',
    'broken store: apply rejects STORE_FAILED with the cause',
  );
  await t.rejects(bt.claim(v), isStore('STORE_FAILED'), 'broken store: claim rejects');
  await t.rejects(bt.get(stream('x')), isStore('STORE_FAILED'), 'broken store: get rejects');
  const liar = { join: async () => 'nope', read: async () => undefined, claim: async () => true };
  await t.rejects(
    hw.createStreamTracker({ store: liar }).apply(v, { now: NOW }),
    (e) => e instanceof TypeError,
    'a store answering nonsense makes apply reject',
  );
  // Out-of-bounds and missing publish_timestamp: the core's codes, state untouched.
  const mt = hw.createStreamTracker({ store: hw.memoryStore(), toleranceSeconds: TOL });
  await mt.apply(v, { now: NOW });
  const forged = {
    ...v,
    callback: { ...v.callback, event: 'PUBLISH', publish_timestamp: 9999999999 },
  };
  await t.rejects(
    mt.apply(forged, { now: NOW }),
    (e) => e.code === 'INVALID_FIELD' && /9999999999/.test(e.message),
    'publish_timestamp 9999999999 is INVALID_FIELD',
  );
  const { publish_timestamp: _, ...noTs } = v.callback;
  await t.rejects(
    mt.apply({ ...v, callback: noTs }, { now: NOW }),
    (e) => e.code === 'MISSING_FIELD',
    'no publish_timestamp is MISSING_FIELD',
  );
  t.eq(
    await mt.get(stream('x')),
    { live: true, session: NOW - 5 },
    'refused notifications left the state alone',
  );
  const rec = verify(
    hw.sign(
      {
        event_type: 'RECORD_FILE_COMPLETE',
        publish_domain: 'push.example.com',
        app: 'live',
        stream: 'x',
        download_url: 'https://obs.example.com/live/x/1.mp4',
      },
      { key: KEY, authTimestamp: NOW },
    ).body,
  );
  await t.rejects(
    mt.apply(rec, { now: NOW }),
    (e) => e.code === 'UNKNOWN_CALLBACK',
    'a recording callback cannot change stream state',
  );
  t.eq((await mt.claimFile(rec)).claimed, true, 'claimFile: first time');
  const retry = verify(
    hw.sign(
      {
        event_type: 'RECORD_FILE_COMPLETE',
        publish_domain: 'push.example.com',
        app: 'live',
        stream: 'x',
        download_url: 'https://obs.example.com/live/x/1.mp4',
        job_id: 'other',
      },
      { key: KEY, authTimestamp: NOW + 30 },
    ).body,
    NOW + 30,
  );
  t.eq(
    (await mt.claimFile(retry)).claimed,
    false,
    'claimFile: the re-signed retry of the same file is a duplicate',
  );
  t.eq((await mt.claim(retry)).claimed, true, 'claim: the retry is another delivery');
  // Replay of a claimed notification with another publish_timestamp: duplicate, not applied.
  const replay = { ...v, callback: { ...v.callback, publish_timestamp: NOW + 30 } };
  t.eq(
    (await mt.apply(replay, { now: NOW })).change,
    'duplicate',
    'a replay with a changed publish_timestamp is a duplicate (claimed with the first delivery)',
  );
  t.eq(await mt.get(stream('x')), { live: true, session: NOW - 5 }, 'the replay changed nothing');
  // Wrong arguments: TypeErrors that name the argument (rejections for the async methods).
  const typeErr = (re) => (e) => e instanceof TypeError && re.test(e.message);
  await t.rejects(
    mt.apply(null),
    typeErr(/^verified must be/),
    'apply(null) is a TypeError naming verified',
  );
  await t.rejects(
    mt.apply({ kind: 'stream' }),
    typeErr(/^verified must be the result of verify/),
    'apply without callback is a TypeError',
  );
  await t.rejects(
    mt.apply({ ...v, callback: { ...v.callback, publish_timestamp: '1' } }, { now: NOW }),
    typeErr(/publish_timestamp/),
    'a string publish_timestamp is a TypeError',
  );
  await t.rejects(
    mt.get({ domain: 'd', app: 1, stream: 's' }),
    typeErr(/^stream\.app must be a string/),
    'get with a number app is a TypeError',
  );
  await t.rejects(
    mt.apply(v, { now: -1 }),
    typeErr(/options\.now/),
    'a negative now is a TypeError',
  );
  const throws = (f, test, name) => {
    try {
      f();
      t.ok(false, name, 'did not throw');
    } catch (e) {
      t.ok(test(e), name, String(e));
    }
  };
  throws(
    () => hw.createStreamTracker({ store: {} }),
    typeErr(/options\.store must have a join/),
    'a store without join() is a TypeError',
  );
  throws(
    () => hw.createStreamTracker(),
    typeErr(/^options must be/),
    'createStreamTracker() is a TypeError',
  );
  throws(
    () => hw.createStreamTracker({ store: hw.memoryStore(), claims: 'yes' }),
    typeErr(/options\.claims/),
    'claims must be a boolean',
  );
  throws(
    () => hw.memoryStore({ maxEntries: 0 }),
    (e) => e instanceof RangeError,
    'maxEntries 0 is a RangeError',
  );
  throws(
    () => hw.redisStore({}),
    typeErr(/^client must be a node-redis/),
    'redisStore({}) is a TypeError',
  );
  throws(
    () => hw.durableObjectStore({ get() {} }),
    typeErr(/^storage must be a Durable Object/),
    'durableObjectStore without transaction() is a TypeError',
  );
}

// ------------------------------------------------------------ redis: basic, Lua vs core
async function redisBasics(redis, kind) {
  const c = await connect(kind, redis.port);
  try {
    const store = hw.redisStore(c, { prefix: `t:${kind}:` });
    const mem = hw.memoryStore();
    // The Lua copy of the join against the core's (the memory store runs the core's join):
    // random pairs of encoded states, all lengths up to 2^65 - 1.
    const rand = rng(7 + kind.length);
    const enc = () => {
      const pick = rand(6);
      if (pick === 0) return String(rand(4));
      if (pick === 1) return '36893488147419103231';
      if (pick === 2) return String(BigInt(rand(2 ** 31)) * 2n ** 34n + BigInt(rand(2 ** 31)));
      return String(2 * (NOW - 1000 + rand(2000)) + rand(2));
    };
    let agree = 0;
    for (let i = 0; i < 200; i++) {
      const [a, b] = [enc(), enc()];
      const key = `lua${i}`;
      const ra = [await store.join(key, a, 60000), await store.join(key, b, 60000)];
      const rm = [await mem.join(key, a, 60000), await mem.join(key, b, 60000)];
      if (
        JSON.stringify(ra) === JSON.stringify(rm) &&
        (await store.read(key)) === (await mem.read(key))
      )
        agree++;
      else
        t.ok(
          false,
          `${kind}: Lua join agrees with the core's`,
          `${a} ⊔ ${b}: redis ${JSON.stringify(ra)} ${await store.read(key)}, core ${JSON.stringify(rm)} ${await mem.read(key)}`,
        );
    }
    t.eq(agree, 200, `${kind}: the Lua join agrees with the core's on 200 random pairs`);
    // Claims inside the join.
    t.eq(
      await store.join('cj', '10', 60000, 'claim1', 60000),
      { duplicate: false, old: undefined },
      `${kind}: join with a new claim applies`,
    );
    t.eq(
      await store.join('cj', '12', 60000, 'claim1', 60000),
      { duplicate: true, old: '10' },
      `${kind}: join with a taken claim applies nothing`,
    );
    t.eq(await store.read('cj'), '10', `${kind}: state unchanged by the duplicate`);
    // A corrupt stored value: the script fails and changes nothing.
    const send = (args) =>
      typeof c.call === 'function' ? c.call(args[0], ...args.slice(1)) : c.sendCommand(args);
    await send(['SET', `t:${kind}:bad`, 'abc']);
    await t.rejects(
      store.join('bad', '10', 60000, 'claim2', 60000),
      isStore('STORE_FAILED'),
      `${kind}: a corrupt state is an error`,
    );
    t.eq(await store.read('bad'), 'abc', `${kind}: the corrupt value is left alone`);
    t.eq(
      await store.claim('claim2', 60000),
      true,
      `${kind}: the failed join did not take its claim`,
    );
    // Claim TTL: once per key, for the TTL.
    const tracker = hw.createStreamTracker({ store, toleranceSeconds: 1, maxFutureSeconds: 0 });
    const v = hw.verify(
      hw.sign(
        { event: 'PUBLISH', ...stream('ttl'), publish_timestamp: String(NOW) },
        { key: KEY, authTimestamp: NOW },
      ).body,
      { key: KEY, now: NOW },
    );
    const first = await tracker.claim(v);
    t.eq(first.claimed, true, `${kind}: first claim`);
    t.eq((await tracker.claim(v)).claimed, false, `${kind}: second claim is a duplicate`);
    const pttl = Number(await send(['PTTL', `t:${kind}:${first.key}`]));
    t.ok(
      pttl > 0 && pttl <= 1000,
      `${kind}: the claim's TTL is tolerance + max future (1000 ms)`,
      String(pttl),
    );
    let again = false;
    for (let i = 0; i < 60 && !again; i++) {
      await new Promise((r) => setTimeout(r, 50));
      again = (await tracker.claim(v)).claimed;
    }
    t.ok(again, `${kind}: claimable again after the TTL`);
    // NOSCRIPT: after SCRIPT FLUSH the store falls back to EVAL (and caches the script again).
    await send(['SCRIPT', 'FLUSH']);
    t.eq(
      await store.join('ns', '20', 60000),
      { duplicate: false, old: undefined },
      `${kind}: join works after SCRIPT FLUSH (EVAL fallback)`,
    );
    t.eq(
      await store.join('ns', '21', 60000),
      { duplicate: false, old: '20' },
      `${kind}: and again with EVALSHA`,
    );
  } finally {
    await close(c);
  }
}

/** Round trips per apply, counted by instrumenting the client. */
async function roundTrips(redis) {
  const c = await connect('redis4', redis.port);
  try {
    const calls = [];
    const counted = {
      sendCommand: (args) => {
        calls.push(args[0]);
        return c.sendCommand(args);
      },
    };
    const tracker = hw.createStreamTracker({
      store: hw.redisStore(counted, { prefix: 'rt:' }),
      toleranceSeconds: TOL,
    });
    const { bodies } = notifications(hw, { streams: 10, seed: 3, now: NOW });
    await tracker.apply(verify(bodies[0].body), { now: NOW });
    const first = calls.length;
    for (const b of bodies.slice(1)) await tracker.apply(verify(b.body), { now: NOW });
    const per = (calls.length - first) / (bodies.length - 1);
    t.eq(per, 1, 'redis: one round trip per apply in the common case (EVALSHA)');
    t.ok(
      calls.slice(first).every((x) => x === 'EVALSHA'),
      'redis: only EVALSHA after the first',
      calls.join(' '),
    );
  } finally {
    await close(c);
  }
}

// ------------------------------------------- redis: concurrent processes agree with time order
async function concurrency(redis) {
  const { bodies, expected } = notifications(hw, { streams: 40, seed: 11, now: NOW });
  const ref = await inOrder(bodies);
  const refStates = await finalStates(ref, expected);
  t.eq(
    refStates,
    Object.fromEntries(expected),
    'in-order application gives the maximum of {session, ended} per stream',
  );
  const rand = rng(5);
  const kinds = ['redis4', 'ioredis', 'redis5'];
  // Shuffled halves (every notification in one half), plus duplicates sprinkled in both.
  const parts = kinds.map(() => []);
  for (const b of shuffle(bodies, rand)) parts[rand(2)].push(b.body);
  for (let i = 0; i < bodies.length / 3; i++) parts[rand(3)].push(bodies[rand(bodies.length)].body);
  const files = parts.map((p, i) => {
    const f = join(scratch, `part${i}.json`);
    writeFileSync(f, JSON.stringify(shuffle(p, rand)));
    return f;
  });
  const results = await Promise.all(
    kinds.map((k, i) =>
      runNode([join(HERE, 'apply-worker.mjs'), app, String(redis.port), k, files[i], String(NOW)]),
    ),
  );
  for (const [i, r] of results.entries()) {
    t.ok(r.code === 0, `process ${i} (${kinds[i]}) applied its share`, r.stderr.slice(-2000));
  }
  const c = await connect('redis4', redis.port);
  try {
    const tracker = hw.createStreamTracker({ store: hw.redisStore(c), toleranceSeconds: TOL });
    t.eq(
      await finalStates(tracker, expected),
      refStates,
      `${kinds.length} processes applying shuffled halves concurrently agree with the in-order state (${bodies.length} notifications, ${expected.size} streams)`,
    );
  } finally {
    await close(c);
  }
}

// ----------------------------------------------- redis stopped mid-run: errors, never wrong
async function stoppedMidRun(kind) {
  const redis = await startRedis(redisBin);
  const port = redis.port;
  const { bodies, expected } = notifications(hw, { streams: 8, seed: 23 + kind.length, now: NOW });
  const order = shuffle(bodies, rng(9));
  const ref = hw.createStreamTracker({ store: hw.memoryStore(), toleranceSeconds: TOL });
  let c = await connect(kind, port);
  let restarted;
  try {
    const tracker = hw.createStreamTracker({ store: hw.redisStore(c), toleranceSeconds: TOL });
    const cut = Math.floor(order.length / 2);
    let agree = true;
    for (const b of order.slice(0, cut)) {
      const [x, y] = [
        await tracker.apply(verify(b.body), { now: NOW }),
        await ref.apply(verify(b.body), { now: NOW }),
      ];
      if (JSON.stringify(x) !== JSON.stringify(y)) agree = false;
    }
    t.ok(agree, `${kind}: before the stop, every result equals the reference's`);
    await redis.stop('SIGKILL');
    let rejected = 0;
    let resolved = 0;
    let hung = 0;
    for (const b of order.slice(cut)) {
      const outcome = await Promise.race([
        tracker.apply(verify(b.body), { now: NOW }).then(
          () => 'resolved',
          (e) =>
            e instanceof hw.StoreError && e.code === 'STORE_FAILED' ? 'rejected' : `other ${e}`,
        ),
        new Promise((r) => setTimeout(() => r('hung'), 10000)),
      ]);
      if (outcome === 'rejected') rejected++;
      else if (outcome === 'hung') hung++;
      else resolved++;
    }
    t.eq(
      { rejected, resolved, hung },
      { rejected: order.length - cut, resolved: 0, hung: 0 },
      `${kind}: with Redis stopped every apply rejects with StoreError STORE_FAILED`,
    );
    await t.rejects(
      tracker.get(stream('room0')),
      isStore('STORE_FAILED'),
      `${kind}: get rejects too`,
    );
    await t.rejects(
      tracker.claim(verify(order[0].body)),
      isStore('STORE_FAILED'),
      `${kind}: claim rejects too`,
    );
    // Huawei delivers again (the handler answered 500): a new Redis, everything re-applied.
    await close(c);
    restarted = await startRedis(redisBin, port);
    c = await connect(kind, port);
    const t2 = hw.createStreamTracker({
      store: hw.redisStore(c),
      toleranceSeconds: TOL,
      claims: false,
    });
    for (const b of shuffle(bodies, rng(4))) await t2.apply(verify(b.body), { now: NOW });
    t.eq(
      await finalStates(t2, expected),
      Object.fromEntries(expected),
      `${kind}: after the redeliveries the state is the in-order state`,
    );
  } finally {
    await close(c);
    await redis.stop();
    if (restarted) await restarted.stop();
  }
}

let redis;
try {
  await memory();
  redis = await startRedis(redisBin);
  for (const kind of ['redis4', 'redis5', 'ioredis']) await redisBasics(redis, kind);
  await roundTrips(redis);
  await concurrency(redis);
  await redis.stop();
  redis = undefined;
  for (const kind of ['redis4', 'ioredis']) await stoppedMidRun(kind);
  await runDurableObject(hw, t, app);
  await runExamples(hw, t, app, redisBin);
} catch (e) {
  t.ok(false, 'the state tests ran to the end', String(e && (e.stack || e)));
} finally {
  if (redis) await redis.stop();
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`state: ${t.passed} passed, ${t.failed} failed`);
process.exitCode = t.failed === 0 && t.passed > 0 ? 0 : 1;
