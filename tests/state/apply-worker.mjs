// One receiver process of the concurrency test: verifies its share of the notifications and
// applies them to the shared Redis, several at a time.
//   node apply-worker.mjs APP PORT CLIENT(redis4|redis5|ioredis) BODIES.json NOW
import { readFileSync } from 'node:fs';
import { KEY, close, connect, loadPackage } from './lib.mjs';

const [app, port, kind, file, nowArg] = process.argv.slice(2);
const hw = await loadPackage(app);
const now = Number(nowArg);
const bodies = JSON.parse(readFileSync(file, 'utf8'));
const client = await connect(kind, Number(port));
const tracker = hw.createStreamTracker({ store: hw.redisStore(client), toleranceSeconds: 100000 });
const changes = {};
let i = 0;
async function lane() {
  while (i < bodies.length) {
    const body = bodies[i++];
    const v = hw.verify(body, { key: KEY, now, toleranceSeconds: 100000 });
    const { change } = await tracker.apply(v, { now });
    changes[change] = (changes[change] ?? 0) + 1;
  }
}
await Promise.all(Array.from({ length: 8 }, lane));
await close(client);
console.log(JSON.stringify({ kind, applied: bodies.length, changes }));
