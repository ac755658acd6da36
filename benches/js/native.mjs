// make bench, native Rust: reads what `cargo bench --bench verify` (criterion) just wrote,
// target/criterion/<group>/Verifier__verify (cached key)/new/estimates.json, and compares it
// with our cached Verifier in Node (ns per verify in wasm = 1e9 / ops/s). Estimates older than
// BENCH_NATIVE_T0 (epoch ms, set by scripts/bench.sh before cargo bench) are refused, so a stale
// run is never reported.
// Which wasm figure: the target uses one measured here, right after criterion (9 batches of
// 20,000 calls, median), because on a shared machine the load changes within minutes and section
// a's figure (results/node.txt, taken a minute or more earlier) can differ from it by several
// times; section a's figure is printed next to it for information.
// Run from build/bench: node native.mjs
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as lib from 'huaweicloud-live-callback';
import { interleave } from './peers.mjs';
import { BODIES, RESULTS, ROOT, mark, parseNodeOutput, pick, save } from './bench-util.mjs';

const TARGET = 2.5;
const T0 = Number(process.env.BENCH_NATIVE_T0 ?? 0);
const CRITERION = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'criterion');
const ours = 'ours: new Verifier().verify';

let node = null;
try {
  node = parseNodeOutput(readFileSync(join(RESULTS, 'node.txt'), 'utf8')).tables;
} catch {
  /* reported below */
}

const rows = [];
for (const b of BODIES) {
  const file = join(
    CRITERION,
    b.criterion,
    'Verifier__verify (cached key)',
    'new',
    'estimates.json',
  );
  if (statSync(file).mtimeMs < T0)
    throw new Error(`${file} is older than this run: did cargo bench run?`);
  const est = JSON.parse(readFileSync(file, 'utf8'));
  // criterion's headline figure: the slope of the linear fit (the mean when there is none).
  const nativeNs = (est.slope ?? est.mean).point_estimate;
  const medianNs = est.median.point_estimate;
  const ops = node?.[b.label]?.[ours];
  const wasmNs = ops ? 1e9 / ops : null;
  const c = pick(b.name, b.bytes);
  const verifier = new lib.Verifier({ keys: [c.key] });
  const again = await interleave(
    { ours: (x, t) => verifier.verify(x, { now: t }) },
    c.body,
    c.now,
    { rounds: 9, batch: 20000, clock: () => performance.now() },
  );
  const nowNs = 1e9 / again.ours;
  rows.push({
    label: b.label,
    nativeNs,
    medianNs,
    sectionANs: wasmNs,
    sectionARatio: wasmNs ? wasmNs / nativeNs : null,
    wasmNs: nowNs,
    ratio: nowNs / nativeNs,
  });
}
const ns = (x) => (x ? `${x.toFixed(0)} ns` : 'n/a');
console.log(
  'Verifier::verify with a cached key: native (criterion slope, median in brackets) and the wasm build in Node',
);
console.log(
  "(measured right after criterion, which the target uses; and section a's figure, for information):",
);
console.log(
  `  ${'body'.padEnd(32)} ${'native'.padStart(16)} ${'wasm'.padStart(10)} ${'wasm/native'.padStart(11)} ${'wasm (a)'.padStart(11)} ${'wasm/native'.padStart(11)}`,
);
for (const r of rows) {
  console.log(
    `  ${r.label.padEnd(32)} ${`${r.nativeNs.toFixed(0)} ns (${r.medianNs.toFixed(0)})`.padStart(16)} ${ns(r.wasmNs).padStart(10)} ${`${r.ratio.toFixed(2)}x`.padStart(11)} ${ns(r.sectionANs).padStart(11)} ${(r.sectionARatio ? `${r.sectionARatio.toFixed(2)}x` : 'n/a').padStart(11)}`,
  );
}
console.log('\ntargets (native):');
const targets = rows.map((r) => ({
  name: `native: wasm in Node within ${TARGET}x of native Rust, ${r.label}`,
  figure: `${r.ratio.toFixed(2)}x (${r.wasmNs.toFixed(0)} ns vs ${r.nativeNs.toFixed(0)} ns)`,
  met: r.ratio <= TARGET,
}));
for (const t of targets) console.log(`  ${t.name}: ${t.figure}  ${mark(t.met)}`);
save('native', targets, { rows });
