// make bench, section "state": the receiver-state tracker (issue 13).
//  - memory store: time per `apply` (claims on and off), next to `verify` of the same bodies;
//  - Redis (a redis-server of our own on a free loopback port, node-redis v4): round trips per
//    apply counted by instrumenting the client AND by the server (INFO commandstats), and the
//    time per apply over loopback.
// Figures only, no assertions.
//   node state.mjs REDIS_SERVER_BIN    (run by scripts/bench.sh in build/bench)
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, int, median } from './bench-util.mjs';

const hw = await import('huaweicloud-live-callback');
const lib = await import(pathToFileURL(join(ROOT, 'tests', 'state', 'lib.mjs')).href);
const redisBin = process.argv[2];
const NOW = 1_800_000_000;
const TOL = 100000;
const STREAMS = 1000;
const { bodies } = lib.notifications(hw, { streams: STREAMS, seed: 99, now: NOW });
const verified = bodies.map((b) =>
  hw.verify(b.body, { key: lib.KEY, now: NOW, toleranceSeconds: TOL }),
);
const order = lib.shuffle(verified, lib.rng(1));
console.log(
  `${order.length} notifications of ${STREAMS} streams (shuffled), Node ${process.version}`,
);

function time(_label, rounds, f) {
  const per = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    f();
    per.push(Number(process.hrtime.bigint() - t0) / order.length);
  }
  return median(per);
}
async function timeAsync(rounds, f) {
  const per = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    await f(r);
    per.push(Number(process.hrtime.bigint() - t0) / order.length);
  }
  return median(per);
}

// verify alone, as the unit
const verifier = new hw.Verifier({ keys: [lib.KEY], toleranceSeconds: TOL });
const verifyNs = time('verify', 7, () => {
  for (const b of bodies) verifier.verify(b.body, { now: NOW });
});
const mem = async (claims) =>
  timeAsync(7, async () => {
    const tracker = hw.createStreamTracker({
      store: hw.memoryStore(),
      toleranceSeconds: TOL,
      claims,
    });
    for (const v of order) await tracker.apply(v, { now: NOW });
  });
const memNoClaim = await mem(false);
const memClaim = await mem(true);
console.log(`verify (Verifier, same bodies):          ${int(verifyNs)} ns per callback`);
console.log(
  `apply, memory store, claims off:         ${int(memNoClaim)} ns per callback (${(memNoClaim / verifyNs).toFixed(2)}x a verify)`,
);
console.log(
  `apply, memory store, claim + join:       ${int(memClaim)} ns per callback (${(memClaim / verifyNs).toFixed(2)}x a verify)`,
);

if (!redisBin) {
  console.log('redis: no redis-server given, skipped');
} else {
  const redis = await lib.startRedis(redisBin);
  try {
    const c = await lib.connect('redis4', redis.port);
    const sent = [];
    const counted = {
      sendCommand: (args) => {
        sent.push(args[0]);
        return c.sendCommand(args);
      },
    };
    const stats = async () => {
      const info = await c.sendCommand(['INFO', 'commandstats']);
      const calls = (name) =>
        Number((new RegExp(`cmdstat_${name}:calls=(\\d+)`).exec(info) ?? [])[1] ?? 0);
      return { evalsha: calls('evalsha'), eval: calls('eval') };
    };
    let round = 0;
    const before = await stats();
    const redisNs = await timeAsync(5, async () => {
      const tracker = hw.createStreamTracker({
        store: hw.redisStore(counted, { prefix: `bench${round++}:` }),
        toleranceSeconds: TOL,
      });
      for (const v of order) await tracker.apply(v, { now: NOW });
    });
    const after = await stats();
    const applies = 5 * order.length;
    const scripts = after.evalsha - before.evalsha + after.eval - before.eval;
    console.log(
      `redis: round trips per apply (client):   ${(sent.length / applies).toFixed(4)} (${sent.length} commands for ${applies} applies: ${[...new Set(sent)].join(', ')}; the first apply of each store also sends EVAL when the script is not cached)`,
    );
    console.log(
      `redis: scripts run per apply (server):   ${(scripts / applies).toFixed(4)} (INFO commandstats evalsha ${after.evalsha - before.evalsha}, eval ${after.eval - before.eval})`,
    );
    console.log(
      `apply, redis store over loopback:        ${int(redisNs)} ns per callback (${(redisNs / memClaim).toFixed(1)}x the memory store), sequential, one client`,
    );
    await lib.close(c);
  } finally {
    await redis.stop();
  }
}
