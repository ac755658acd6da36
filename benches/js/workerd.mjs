// make bench, workerd part: bundles worker-bench.mjs like wrangler bundles a Worker (esbuild,
// conditions workerd/worker/browser, the package's .wasm kept as a CompiledWasm module — the
// helpers of tests/js/runtimes/workerd-host.mjs), serves it with the pinned workerd binary and
// asks it for ops/s of our Verifier.verify against crypto.subtle on the same body.
//
// Clocks: in production workerd, performance.now()/Date.now() only advance across I/O. The
// Worker first answers /probe (a 2e7-iteration synchronous loop): when the clocks advance
// inside it (workerd run locally: they do, at 1 ms resolution), the interleaved rounds are
// timed inside the Worker with batches of tens of milliseconds; otherwise (or with
// BENCH_WORKERD_CLOCK=outside) every batch is one request timed by this client, minus the
// median of empty requests. Run from build/bench: node workerd.mjs
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { BENCH_DIR, BODIES, ROOT, int, mark, median, pick, save } from './bench-util.mjs';

const { bundleWorker, serveWorker } = await import(
  pathToFileURL(join(ROOT, 'tests/js/runtimes/workerd-host.mjs')).href
);

const ROUNDS = Number(process.env.BENCH_WORKERD_ROUNDS ?? 15);
const BATCH = Number(process.env.BENCH_WORKERD_BATCH ?? 40000);
const TARGET = 5;
const OURS = 'ours: Verifier.verify (sync)';
const SUBTLE = 'webcrypto: crypto.subtle (async)';

const outdir = join(BENCH_DIR, 'workerd', 'bench');
const { modules, inputs } = await bundleWorker({
  entry: join(BENCH_DIR, 'worker-bench.mjs'),
  outdir,
});
const entry = inputs.find((p) => p.endsWith('/node_modules/huaweicloud-live-callback/workerd.mjs'));
if (!entry)
  throw new Error(`the bundle does not use the package's workerd entry: ${inputs.join(', ')}`);
if (!modules.some((m) => m.type === 'wasm')) throw new Error('the .wasm is not a separate module');

const CASES = Object.fromEntries(BODIES.map((b) => [b.label, pick(b.name, b.bytes)]));
const server = await serveWorker({
  dir: outdir,
  modules,
  textBindings: { CASES: JSON.stringify(CASES) },
});
const get = async (path) => {
  const res = await fetch(new URL(path, server.url), { signal: AbortSignal.timeout(300000) });
  const text = await res.text();
  if (res.status !== 200)
    throw new Error(`${path}: HTTP ${res.status}: ${text}\n${server.host.output().slice(-2000)}`);
  return text;
};

const ratios = {};
let mode;
try {
  const probe = JSON.parse(await get('/probe'));
  mode = process.env.BENCH_WORKERD_CLOCK === 'outside' || !probe.advances ? 'outside' : 'inside';
  console.log(
    `workerd ${modules.length} modules (${modules.map((m) => `${m.name}: ${m.type}`).join(', ')}); entry ${entry.slice(entry.indexOf('node_modules/'))}`,
  );
  console.log(
    `clock probe: module top level reads performance.now()=${probe.topLevelClock[0]}, Date.now()=${probe.topLevelClock[1]}; ` +
      `a synchronous 2e7-iteration loop inside a request: performance.now() +${probe.loop.perfMs} ms, Date.now() +${probe.loop.dateMs} ms`,
  );
  console.log(
    mode === 'inside'
      ? `=> timed inside the Worker (clocks advance in a synchronous loop here; 1 ms resolution, batches of ${int(BATCH)} / ${int(BATCH >> 3)} calls)`
      : '=> timed from outside: one request per batch, client-side clock, minus the median empty request',
  );

  for (const { label } of BODIES) {
    const c = encodeURIComponent(label);
    let res;
    if (mode === 'inside') {
      res = JSON.parse(await get(`/run?case=${c}&rounds=${ROUNDS}&batch=${BATCH}`));
    } else {
      const empty = [];
      for (let i = 0; i < 31; i++) {
        const t0 = performance.now();
        await get(`/batch?case=${c}&impl=noop&n=0`);
        empty.push(performance.now() - t0);
      }
      const base = median(empty);
      const impls = [
        ['ours', OURS, BATCH],
        ['subtle', SUBTLE, BATCH >> 3],
      ];
      const samples = { [OURS]: [], [SUBTLE]: [] };
      for (let r = 0; r < ROUNDS; r++) {
        for (let i = 0; i < impls.length; i++) {
          const [key, name, n] = impls[(i + r) % impls.length];
          const t0 = performance.now();
          const done = Number(await get(`/batch?case=${c}&impl=${key}&n=${n}`));
          const ms = performance.now() - t0 - base;
          if (done !== n) throw new Error(`batch ran ${done} of ${n}`);
          samples[name].push((n * 1000) / ms);
        }
      }
      res = { [OURS]: median(samples[OURS]), [SUBTLE]: median(samples[SUBTLE]) };
    }
    const ratio = res[OURS] / res[SUBTLE];
    ratios[label] = ratio;
    console.log(`${label} (workerd, one isolate, median of ${ROUNDS} interleaved rounds)`);
    for (const name of [OURS, SUBTLE]) {
      console.log(
        `  ${name.padEnd(33)} ${int(res[name]).padStart(10)} ops/s  ${(res[name] / res[SUBTLE]).toFixed(2)}x crypto.subtle`,
      );
    }
  }
} finally {
  await server.host.stop();
}
const log = server.host.output();
if (/uncaught|error:/i.test(log)) console.log(`workerd logged:\n${log.slice(-2000)}`);

const stream = ratios[BODIES[0].label];
const record = ratios[BODIES[1].label];
console.log('\ntargets (workerd):');
console.log(
  `  Verifier.verify >= ${TARGET.toFixed(1)}x crypto.subtle (stream body): ${stream.toFixed(2)}x  ${mark(stream >= TARGET)}`,
);
console.log(`  (recording body, for information: ${record.toFixed(2)}x)`);
save(
  'workerd',
  [
    {
      name: `workerd: Verifier.verify >= ${TARGET.toFixed(1)}x crypto.subtle (stream body, timed ${mode})`,
      figure: `${stream.toFixed(2)}x`,
      met: stream >= TARGET,
    },
  ],
  { ratios, mode },
);
