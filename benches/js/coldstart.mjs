// make bench, cold start: instantiate + first verify.
//  Node:    BENCH_COLD_RUNS (15) fresh processes of coldstart-child.mjs, each timing from before
//           `await import('huaweicloud-live-callback')` to after the first verify; medians
//           (one extra process first, not counted, warms the file cache). For information,
//           alternated with as many processes importing an empty package (created in
//           node_modules/bench-cold-empty): what Node's ES module loader costs by itself.
//  workerd: the module top level cannot be timed inside workerd (both clocks read 0 there) and
//           the wasm is compiled when workerd loads the config, so the package's cost is taken
//           from outside: time from spawning a fresh workerd process to the end of its first
//           response, for worker-cold.mjs (package, new Verifier + verify in the first request)
//           and worker-cold-baseline.mjs (the same Worker without the package), alternated,
//           BENCH_COLD_WORKERD_RUNS (9) each; the package's cold cost is the difference of the
//           medians. Process start-up is tens of ms and varies by a few ms from run to run, so
//           this figure is far noisier than the Node one.
// Run from build/bench: node coldstart.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { BENCH_DIR, BODIES, ROOT, mark, median, pick, save } from './bench-util.mjs';

const { bundleWorker, serveWorker } = await import(pathToFileURL(join(ROOT, 'tests/js/runtimes/workerd-host.mjs')).href);
const TARGET = 5;
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const WRUNS = Number(process.env.BENCH_COLD_WORKERD_RUNS ?? 9);
const c = pick(BODIES[0].name, BODIES[0].bytes);
const f = (x) => x.toFixed(2);

// ---- Node
const EMPTY = 'bench-cold-empty';
mkdirSync(join(BENCH_DIR, 'node_modules', EMPTY), { recursive: true });
writeFileSync(join(BENCH_DIR, 'node_modules', EMPTY, 'package.json'), JSON.stringify({
  name: EMPTY, version: '0.0.0', type: 'module', exports: { '.': { node: { import: './index.mjs' }, default: './index.mjs' } },
}));
writeFileSync(join(BENCH_DIR, 'node_modules', EMPTY, 'index.mjs'), 'export const empty = true;\n');
const node = [];
const empty = [];
for (let i = 0; i <= RUNS; i++) {
  for (const only of i % 2 ? ['', EMPTY] : [EMPTY, '']) {
    const r = spawnSync(process.execPath, [join(BENCH_DIR, 'coldstart-child.mjs')], {
      cwd: BENCH_DIR, env: { ...process.env, BENCH_CASE: JSON.stringify(c), BENCH_COLD_IMPORT: only }, encoding: 'utf8', timeout: 60000,
    });
    if (r.status !== 0) throw new Error(`coldstart-child.mjs failed (${r.status}): ${r.stderr}`);
    const m = JSON.parse(r.stdout);
    if (m.event !== 'PUBLISH') throw new Error(`first verify answered ${r.stdout}`);
    if (i > 0) (only ? empty : node).push(m);
  }
}
const nodeMed = {
  importMs: median(node.map((m) => m.importMs)),
  firstVerifyMs: median(node.map((m) => m.firstVerifyMs)),
  totalMs: median(node.map((m) => m.totalMs)),
  emptyImportMs: median(empty.map((m) => m.importMs)),
};
console.log(`Node ${process.version}, ${RUNS} fresh processes (median; min..max of the total):`);
console.log(`  await import(package)            ${f(nodeMed.importMs).padStart(7)} ms`);
console.log(`  first new Verifier().verify()    ${f(nodeMed.firstVerifyMs).padStart(7)} ms`);
console.log(`  import + first verify            ${f(nodeMed.totalMs).padStart(7)} ms  (${f(Math.min(...node.map((m) => m.totalMs)))}..${f(Math.max(...node.map((m) => m.totalMs)))})`);
console.log(`  for comparison, await import() of an empty package: ${f(nodeMed.emptyImportMs)} ms (${RUNS} processes, alternated)`);

// ---- workerd
const variants = {};
for (const [key, entry] of [['package', 'worker-cold.mjs'], ['baseline', 'worker-cold-baseline.mjs']]) {
  const outdir = join(BENCH_DIR, 'workerd', `cold-${key}`);
  const { modules } = await bundleWorker({ entry: join(BENCH_DIR, entry), outdir });
  variants[key] = { outdir, modules, samples: [] };
}
if (!variants.package.modules.some((m) => m.type === 'wasm')) throw new Error('the cold Worker has no .wasm module');
const CASE = JSON.stringify(c);
for (let i = 0; i <= WRUNS; i++) {
  for (const key of i % 2 ? ['package', 'baseline'] : ['baseline', 'package']) {
    const v = variants[key];
    const t0 = performance.now();
    const server = await serveWorker({ dir: v.outdir, modules: v.modules, textBindings: { CASE } });
    const tListen = performance.now();
    let body;
    try {
      const res = await fetch(server.url, { signal: AbortSignal.timeout(60000) });
      body = await res.json();
    } finally {
      var t1 = performance.now(); // eslint-disable-line no-var
      await server.host.stop();
    }
    if (body.event !== 'PUBLISH') throw new Error(`${key}: first response ${JSON.stringify(body)}`);
    // Run 0 of each warms the file cache and is not counted.
    if (i > 0) v.samples.push({ total: t1 - t0, listen: tListen - t0, first: t1 - tListen, inside: body.insideMs });
  }
}
const wmed = (key, field) => median(variants[key].samples.map((s) => s[field]));
console.log(`workerd, ${WRUNS} fresh processes per Worker, alternated (median ms). Inside workerd the module top level`);
console.log('reads both clocks as 0 and the .wasm is compiled while the config loads, so the package\'s cold cost is');
console.log('taken from outside: spawn to the end of the first response, with the package minus without it:');
console.log(`  ${'Worker'.padEnd(22)} ${'spawn->listening'.padStart(17)} ${'->1st response'.padStart(15)} ${'total'.padStart(8)}  ${'1st verify inside (1 ms clock)'}`);
for (const key of ['package', 'baseline']) {
  console.log(`  ${(key === 'package' ? 'with the package' : 'baseline (no package)').padEnd(22)} ${f(wmed(key, 'listen')).padStart(17)} ${f(wmed(key, 'first')).padStart(15)} ${f(wmed(key, 'total')).padStart(8)}  ${wmed(key, 'inside')} ms`);
}
const wDelta = wmed('package', 'total') - wmed('baseline', 'total');
console.log(`  package's cold cost = difference of the total medians: ${f(wDelta)} ms`);

console.log('\ntargets (cold start):');
console.log(`  Node import + first verify <= ${TARGET} ms:        ${f(nodeMed.totalMs)} ms  ${mark(nodeMed.totalMs <= TARGET)}`);
console.log(`  workerd package vs baseline first response <= ${TARGET} ms: ${f(wDelta)} ms  ${mark(wDelta <= TARGET)}`);
save('cold', [
  { name: `cold start, Node: import + first verify <= ${TARGET} ms (median of ${RUNS} processes)`, figure: `${f(nodeMed.totalMs)} ms`, met: nodeMed.totalMs <= TARGET },
  { name: `cold start, workerd: spawn-to-first-response, package minus baseline <= ${TARGET} ms (medians of ${WRUNS})`, figure: `${f(wDelta)} ms`, met: wDelta <= TARGET },
], { node: nodeMed, workerd: { package: variants.package.samples, baseline: variants.baseline.samples } });
