// Where a cold start goes, step by step, for one inline build (dist/lean/inline.mjs or
// dist/inline.mjs): make bench's cold section prints it for /verify, and by hand
//   node benches/js/cold-steps.mjs [--runs N] FILE
// A copy of FILE gets a performance.now() mark at each step of its start-up (anchored on the
// esbuild output's text: each anchor must occur once, or this fails), and fresh Node processes
// (pinned to one CPU, as cold-ab.mjs pins them) import it and run the first new Verifier() and
// verify of the 454-byte stream notification. The steps are differences of consecutive marks;
// medians over the processes. One more process, under V8's --trace-wasm-compilation-times,
// counts the wasm functions Liftoff compiles lazily (on their first call) before the first
// verify returns. An empty module imported the same way is timed alongside: the loader's own
// cost, which no package can save. So is the package under V8's --no-wasm-lazy-compilation, a
// model only (a library cannot set V8 flags), and each process makes a second new Verifier() +
// verify(): together they split the first calls into Liftoff's lazy compilation, the JS
// functions' first runs and the work itself, and give what the file would cost if its first
// calls compiled nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { BODIES, median, pick, pinPrefix } from './bench-util.mjs';

// [label of the step that ends at the mark, text the mark goes before or after, 'before'|'after']
const ANCHORS = [
  ['top level, decode the base64 .wasm', 'module = new WebAssembly.Module(module);', 'before'],
  ['new WebAssembly.Module', 'module = new WebAssembly.Module(module);', 'after'],
  [
    'new WebAssembly.Instance',
    'const instance = new WebAssembly.Instance(module, imports);',
    'after',
  ],
  ['setBindings (first wasm calls)', 'setBindings(hwlc_exports);', 'after'],
];
const MARK = (label) =>
  `globalThis.__hwlcColdSteps.push([${JSON.stringify(label)}, performance.now()]);`;

/** The instrumented copy of `source` (text). */
function instrument(source, file) {
  let out = `${MARK('load, parse and compile the file')}\n${source}`;
  for (const [label, anchor, where] of ANCHORS) {
    const parts = out.split(anchor);
    if (parts.length !== 2)
      throw new Error(
        `cold-steps: ${file}: expected ${JSON.stringify(anchor)} once, found ${parts.length - 1}`,
      );
    out = parts.join(where === 'before' ? `${MARK(label)}${anchor}` : `${anchor}${MARK(label)}`);
  }
  return out;
}

// The child: import F, then the first new Verifier and verify; prints the marks relative to t0.
if (process.env.BENCH_STEPS_CHILD) {
  const c = JSON.parse(process.env.BENCH_CASE);
  globalThis.__hwlcColdSteps = [];
  const t0 = performance.now();
  const lib = await import(process.env.BENCH_STEPS_CHILD);
  globalThis.__hwlcColdSteps.push(['rest of the import', performance.now()]);
  const v = new lib.Verifier({ keys: [c.key] });
  globalThis.__hwlcColdSteps.push(['first new Verifier()', performance.now()]);
  const r = v.verify(c.body, { now: c.now });
  globalThis.__hwlcColdSteps.push(['first verify()', performance.now()]);
  if (r.event !== 'PUBLISH') throw new Error(`the first verify answered ${r.event}`);
  // The same pair once more: what it costs once nothing is left to compile (not in the traced
  // process, whose count ends with the first verify).
  if (!process.env.BENCH_STEPS_TRACE) {
    new lib.Verifier({ keys: [c.key] }).verify(c.body, { now: c.now });
    globalThis.__hwlcColdSteps.push(['second new Verifier() + verify()', performance.now()]);
  }
  process.stdout.write(JSON.stringify(globalThis.__hwlcColdSteps.map(([k, t]) => [k, t - t0])));
  process.exit(0);
}

/**
 * @param {string} file an inline build (ES module exporting Verifier)
 * @param {number} runs fresh processes per module
 */
export function coldSteps(file, runs) {
  const dir = mkdtempSync(join(tmpdir(), 'hwlc-cold-steps-'));
  try {
    const copy = join(dir, 'instrumented.mjs');
    writeFileSync(copy, instrument(readFileSync(file, 'utf8'), file));
    const empty = join(dir, 'empty.mjs');
    writeFileSync(
      empty,
      `globalThis.__hwlcColdSteps.push(['load, parse and compile the file', performance.now()]);
export class Verifier { verify() { return { event: 'PUBLISH' }; } }\n`,
    );
    const c = pick(BODIES[0].name, BODIES[0].bytes);
    const pin = pinPrefix();
    const child = (target, flags = [], env = {}) => {
      const [cmd, ...pre] = [...pin, process.execPath];
      const r = spawnSync(cmd, [...pre, ...flags, fileURLToPath(import.meta.url)], {
        env: {
          ...process.env,
          BENCH_CASE: JSON.stringify(c),
          BENCH_STEPS_CHILD: pathToFileURL(target).href,
          ...env,
        },
        encoding: 'utf8',
        timeout: 60000,
        maxBuffer: 64 * 1048576,
      });
      if (r.status !== 0) throw new Error(`cold-steps: ${target}: exit ${r.status}: ${r.stderr}`);
      return r.stdout;
    };
    // 'eager': the package under V8's --no-wasm-lazy-compilation, a model only (no library can
    // set a V8 flag): every wasm function compiled in new WebAssembly.Module, none on its first
    // call, which splits the first calls' time into Liftoff's lazy compilation and the rest.
    const samples = { pkg: [], empty: [], eager: [] };
    const kinds = Object.keys(samples);
    // Round 0 warms the file cache and is not counted; the three kinds rotate.
    for (let round = 0; round <= runs; round++) {
      for (const which of kinds.map((_, k) => kinds[(round + k) % kinds.length])) {
        const out =
          which === 'empty'
            ? child(empty)
            : child(copy, which === 'eager' ? ['--no-wasm-lazy-compilation'] : []);
        if (round > 0) samples[which].push(JSON.parse(out));
      }
    }
    const at = (marks, label) => marks.find(([l]) => l === label)[1];
    const steps = (list) =>
      list[0].map(([label], i) => ({
        label,
        ms: median(list.map((marks) => marks[i][1] - (i === 0 ? 0 : marks[i - 1][1]))),
      }));
    // The trace goes to stdout ahead of the marks' JSON (the last line).
    const trace = child(copy, ['--trace-wasm-compilation-times'], { BENCH_STEPS_TRACE: '1' });
    let functions = 0;
    let bytes = 0;
    for (const m of trace.matchAll(/using Liftoff.*bodysize (\d+)/g)) {
      functions++;
      bytes += Number(m[1]);
    }
    return {
      steps: steps(samples.pkg),
      total: median(samples.pkg.map((marks) => at(marks, 'first verify()'))),
      empty: steps(samples.empty),
      emptyTotal: median(samples.empty.map((marks) => at(marks, 'first verify()'))),
      eager: steps(samples.eager),
      lazy: { functions, bytes },
      runs,
      pinned: pin.length > 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The report, as lines. */
export function formatSteps(s) {
  const f = (x) => x.toFixed(2).padStart(6);
  const ms = (steps, label) => steps.find((st) => st.label === label).ms;
  const SECOND = 'second new Verifier() + verify()';
  const empty = new Map(s.empty.map((st) => [st.label, st.ms]));
  const lines = s.steps
    .filter((st) => st.label !== SECOND)
    .map((st) => {
      const e = empty.get(st.label);
      return `  ${st.label.padEnd(34)} ${f(st.ms)} ms${e === undefined ? '' : `   (empty module ${f(e).trim()} ms)`}`;
    });
  lines.push(
    `  ${'total'.padEnd(34)} ${f(s.total)} ms   (empty module ${f(s.emptyTotal).trim()} ms)`,
  );
  lines.push(
    `  wasm functions Liftoff compiled on their first call: ${s.lazy.functions}, ${s.lazy.bytes.toLocaleString('en-US')} bytes of code`,
  );
  const first = (steps) => ms(steps, 'first new Verifier()') + ms(steps, 'first verify()');
  const second = ms(s.steps, SECOND);
  lines.push(`  ${SECOND.padEnd(34)} ${f(second)} ms   (nothing left to compile)`);
  lines.push(
    `  model, V8's --no-wasm-lazy-compilation (no library can set it): new WebAssembly.Module ${f(ms(s.eager, 'new WebAssembly.Module')).trim()} ms, first new Verifier() + verify() ${f(first(s.eager)).trim()} ms;`,
    `    so of the first calls' ${f(first(s.steps)).trim()} ms, Liftoff's lazy compilation is about ${f(first(s.steps) - first(s.eager)).trim()} ms, the JS functions' first runs about ${f(first(s.eager) - second).trim()} ms`,
    `  the steps before the first calls, plus the second pair: ${f(s.total - first(s.steps) + second).trim()} ms (the file's cost if its first calls compiled nothing)`,
  );
  return lines;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let runs = 15;
  if (args[0] === '--runs') {
    runs = Number(args[1]);
    args.splice(0, 2);
  }
  if (!(Number.isInteger(runs) && runs > 0) || args.length !== 1) {
    console.error('usage: node benches/js/cold-steps.mjs [--runs N] FILE');
    process.exit(2);
  }
  const s = coldSteps(resolve(args[0]), runs);
  console.log(
    `${args[0]}: ${runs} fresh processes, alternated with an empty module and the eager model${s.pinned ? ', pinned to CPU 1' : ''} (medians, ms from just before import()):`,
  );
  for (const line of formatSteps(s)) console.log(line);
}
