// make bench, cold start in Node: one fresh process (spawned by coldstart.mjs). Times from just
// before `await import('huaweicloud-live-callback')` (compile + instantiate the .wasm) to just
// after the first `new Verifier(...).verify(...)`. The case comes in BENCH_CASE (JSON), read
// before the clock starts.
import { performance } from 'node:perf_hooks';

const c = JSON.parse(process.env.BENCH_CASE);
const t0 = performance.now();
const lib = await import('huaweicloud-live-callback');
const t1 = performance.now();
const r = new lib.Verifier({ keys: [c.key] }).verify(c.body, { now: c.now });
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, firstVerifyMs: t2 - t1, totalMs: t2 - t0, event: r.event }));
