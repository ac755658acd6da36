// make bench, cold start in Node: one fresh process (spawned by coldstart.mjs). Times from just
// before `await import('huaweicloud-live-callback')` (compile + instantiate the .wasm) to just
// after the first `new Verifier(...).verify(...)`. The case comes in BENCH_CASE (JSON), read
// before the clock starts. With BENCH_COLD_IMPORT=<name> it only times `await import(name)` of
// that package (coldstart.mjs's empty package: what Node's module loader costs by itself); with
// BENCH_COLD_PACKAGE=<specifier> it times that entry instead (huaweicloud-live-callback/verify).
import { performance } from 'node:perf_hooks';

const only = process.env.BENCH_COLD_IMPORT;
const c = JSON.parse(process.env.BENCH_CASE);
const t0 = performance.now();
const lib = await import(only || process.env.BENCH_COLD_PACKAGE || 'huaweicloud-live-callback');
const t1 = performance.now();
const r = only
  ? { event: 'PUBLISH' }
  : new lib.Verifier({ keys: [c.key] }).verify(c.body, { now: c.now });
const t2 = performance.now();
process.stdout.write(
  JSON.stringify({ importMs: t1 - t0, firstVerifyMs: t2 - t1, totalMs: t2 - t0, event: r.event }),
);
