// make bench, cold start: instantiate + first verify, for the full package and for its
// verify-only build (huaweicloud-live-callback/verify; the targets are on the latter).
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
//           this figure is far noisier than the Node one. Two more Workers split the /verify
//           figure into steps: the import alone (worker-cold-lean-import.mjs) and + new Verifier
//           (worker-cold-lean-new.mjs).
// Run from build/bench: node coldstart.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { BENCH_DIR, BODIES, ROOT, mark, median, pick, save } from './bench-util.mjs';
import { coldSteps, formatSteps } from './cold-steps.mjs';

const { bundleWorker, serveWorker } = await import(
  pathToFileURL(join(ROOT, 'tests/js/runtimes/workerd-host.mjs')).href
);
const TARGET = 5; // ms, Node: import + first verify of /verify
const WTARGET = 3; // ms, workerd: /verify's Worker minus the baseline
const LEAN = 'huaweicloud-live-callback/verify';
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const WRUNS = Number(process.env.BENCH_COLD_WORKERD_RUNS ?? 9);
const c = pick(BODIES[0].name, BODIES[0].bytes);
const f = (x) => x.toFixed(2);

// ---- Node
const EMPTY = 'bench-cold-empty';
mkdirSync(join(BENCH_DIR, 'node_modules', EMPTY), { recursive: true });
writeFileSync(
  join(BENCH_DIR, 'node_modules', EMPTY, 'package.json'),
  JSON.stringify({
    name: EMPTY,
    version: '0.0.0',
    type: 'module',
    exports: { '.': { node: { import: './index.mjs' }, default: './index.mjs' } },
  }),
);
writeFileSync(join(BENCH_DIR, 'node_modules', EMPTY, 'index.mjs'), 'export const empty = true;\n');
// Three kinds of process, alternated round by round: the full package, /verify, the empty one.
const node = [];
const lean = [];
const empty = [];
const kinds = [
  ['full', node],
  ['lean', lean],
  ['empty', empty],
];
for (let i = 0; i <= RUNS; i++) {
  for (let k = 0; k < kinds.length; k++) {
    const [kind, into] = kinds[(i + k) % kinds.length];
    const env = {
      ...process.env,
      BENCH_CASE: JSON.stringify(c),
      BENCH_COLD_IMPORT: kind === 'empty' ? EMPTY : '',
      BENCH_COLD_PACKAGE: kind === 'lean' ? LEAN : '',
    };
    const r = spawnSync(process.execPath, [join(BENCH_DIR, 'coldstart-child.mjs')], {
      cwd: BENCH_DIR,
      env,
      encoding: 'utf8',
      timeout: 60000,
    });
    if (r.status !== 0)
      throw new Error(`coldstart-child.mjs (${kind}) failed (${r.status}): ${r.stderr}`);
    const m = JSON.parse(r.stdout);
    if (m.event !== 'PUBLISH') throw new Error(`first verify (${kind}) answered ${r.stdout}`);
    if (i > 0) into.push(m);
  }
}
const med = (list) => ({
  importMs: median(list.map((m) => m.importMs)),
  firstVerifyMs: median(list.map((m) => m.firstVerifyMs)),
  totalMs: median(list.map((m) => m.totalMs)),
  range: `${f(Math.min(...list.map((m) => m.totalMs)))}..${f(Math.max(...list.map((m) => m.totalMs)))}`,
});
const nodeMed = { ...med(node), emptyImportMs: median(empty.map((m) => m.importMs)) };
const leanMed = med(lean);
console.log(
  `Node ${process.version}, ${RUNS} fresh processes each (median; min..max of the total):`,
);
console.log(`  ${''.padEnd(32)} ${'full'.padStart(9)} ${'/verify'.padStart(9)}`);
console.log(
  `  ${'await import(package)'.padEnd(32)} ${f(nodeMed.importMs).padStart(6)} ms ${f(leanMed.importMs).padStart(6)} ms`,
);
console.log(
  `  ${'first new Verifier().verify()'.padEnd(32)} ${f(nodeMed.firstVerifyMs).padStart(6)} ms ${f(leanMed.firstVerifyMs).padStart(6)} ms`,
);
console.log(
  `  ${'import + first verify'.padEnd(32)} ${f(nodeMed.totalMs).padStart(6)} ms ${f(leanMed.totalMs).padStart(6)} ms  (full ${nodeMed.range}, /verify ${leanMed.range})`,
);
console.log(
  `  for comparison, await import() of an empty package: ${f(nodeMed.emptyImportMs)} ms (${RUNS} processes, alternated)`,
);

// Where /verify's time goes (cold-steps.mjs: an instrumented copy of the file the exports map
// gives Node, the same first verify).
const steps = coldSteps(fileURLToPath(import.meta.resolve(LEAN)), RUNS);
console.log(
  `/verify in Node step by step (cold-steps.mjs: ${RUNS} more processes of an instrumented copy${steps.pinned ? ', pinned to CPU 1' : ''}; medians):`,
);
for (const line of formatSteps(steps)) console.log(line);

// ---- workerd
const variants = {};
const WKEYS = ['package', 'lean', 'lean-import', 'lean-new', 'baseline'];
for (const [key, entry] of [
  ['package', 'worker-cold.mjs'],
  ['lean', 'worker-cold-lean.mjs'],
  // The lean Worker's cost step by step: the import alone, then + new Verifier.
  ['lean-import', 'worker-cold-lean-import.mjs'],
  ['lean-new', 'worker-cold-lean-new.mjs'],
  ['baseline', 'worker-cold-baseline.mjs'],
]) {
  const outdir = join(BENCH_DIR, 'workerd', `cold-${key}`);
  const { modules } = await bundleWorker({ entry: join(BENCH_DIR, entry), outdir });
  variants[key] = { outdir, modules, samples: [] };
}
for (const key of ['package', 'lean', 'lean-import', 'lean-new']) {
  if (!variants[key].modules.some((m) => m.type === 'wasm'))
    throw new Error(`the cold Worker (${key}) has no .wasm module`);
}
const CASE = JSON.stringify(c);
for (let i = 0; i <= WRUNS; i++) {
  for (const key of WKEYS.map((_, k) => WKEYS[(i + k) % WKEYS.length])) {
    const v = variants[key];
    const t0 = performance.now();
    const server = await serveWorker({ dir: v.outdir, modules: v.modules, textBindings: { CASE } });
    const tListen = performance.now();
    let body;
    try {
      const res = await fetch(server.url, { signal: AbortSignal.timeout(60000) });
      body = await res.json();
    } finally {
      // biome-ignore lint/correctness/noInnerDeclarations: var on purpose, read after the block
      var t1 = performance.now();
      await server.host.stop();
    }
    if (body.event !== 'PUBLISH') throw new Error(`${key}: first response ${JSON.stringify(body)}`);
    // Run 0 of each warms the file cache and is not counted.
    if (i > 0)
      v.samples.push({
        total: t1 - t0,
        listen: tListen - t0,
        first: t1 - tListen,
        inside: body.insideMs,
      });
  }
}
const wmed = (key, field) => median(variants[key].samples.map((s) => s[field]));
console.log(
  `workerd, ${WRUNS} fresh processes per Worker, alternated (median ms). Inside workerd the module top level`,
);
console.log(
  "reads both clocks as 0 and the .wasm is compiled while the config loads, so the package's cold cost is",
);
console.log(
  'taken from outside: spawn to the end of the first response, with the package minus without it:',
);
console.log(
  `  ${'Worker'.padEnd(22)} ${'spawn->listening'.padStart(17)} ${'->1st response'.padStart(15)} ${'total'.padStart(8)}  ${'1st verify inside (1 ms clock)'}`,
);
const LABEL = {
  package: 'full package',
  lean: '/verify',
  'lean-import': '/verify, import only',
  'lean-new': '/verify, + new Verifier',
  baseline: 'baseline (no package)',
};
for (const key of WKEYS) {
  console.log(
    `  ${LABEL[key].padEnd(22)} ${f(wmed(key, 'listen')).padStart(17)} ${f(wmed(key, 'first')).padStart(15)} ${f(wmed(key, 'total')).padStart(8)}  ${wmed(key, 'inside')} ms`,
  );
}
const wDelta = wmed('package', 'total') - wmed('baseline', 'total');
const wLean = wmed('lean', 'total') - wmed('baseline', 'total');
console.log(
  `  cold cost = difference of the total medians: full package ${f(wDelta)} ms, /verify ${f(wLean)} ms`,
);
const wImport = wmed('lean-import', 'total') - wmed('baseline', 'total');
const wNew = wmed('lean-new', 'total') - wmed('lean-import', 'total');
const wVerify = wmed('lean', 'total') - wmed('lean-new', 'total');
console.log(
  `  /verify step by step (differences of the total medians): import ${f(wImport)} ms, new Verifier ${f(wNew)} ms, first verify ${f(wVerify)} ms`,
);

console.log('\ntargets (cold start, on huaweicloud-live-callback/verify):');
console.log(
  `  Node import + first verify <= ${TARGET} ms:        ${f(leanMed.totalMs)} ms  ${mark(leanMed.totalMs <= TARGET)} (full package: ${f(nodeMed.totalMs)} ms)`,
);
console.log(
  `  workerd /verify minus baseline <= ${WTARGET} ms:     ${f(wLean)} ms  ${mark(wLean <= WTARGET)} (full package: ${f(wDelta)} ms)`,
);
save(
  'cold',
  [
    {
      name: `cold start, Node: import + first verify of /verify <= ${TARGET} ms (median of ${RUNS} processes)`,
      figure: `${f(leanMed.totalMs)} ms (full package ${f(nodeMed.totalMs)} ms)`,
      met: leanMed.totalMs <= TARGET,
    },
    {
      name: `cold start, workerd: spawn-to-first-response, /verify minus baseline <= ${WTARGET} ms (medians of ${WRUNS})`,
      figure: `${f(wLean)} ms (full package ${f(wDelta)} ms)`,
      met: wLean <= WTARGET,
    },
  ],
  {
    node: nodeMed,
    lean: leanMed,
    workerd: {
      package: variants.package.samples,
      lean: variants.lean.samples,
      leanImport: variants['lean-import'].samples,
      leanNew: variants['lean-new'].samples,
      baseline: variants.baseline.samples,
    },
  },
);
