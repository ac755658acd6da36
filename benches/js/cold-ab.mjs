// Cold start A/B for a change to the package's start-up: fresh Node processes alternate between
// two or more builds of the same entry, so that both see the same machine (make bench's cold
// section gives absolute figures, which move with the machine from day to day by 2x).
//   node benches/js/cold-ab.mjs [--runs N] FILE...
// FILE: an ES module build that exports Verifier, e.g. pkg/dist/lean/inline.mjs of this tree
// and of an older one checked out with `git worktree add` and built with scripts/build-pkg.sh.
// Each process is coldstart-child.mjs (import, then the first new Verifier().verify of the
// 454-byte stream notification), pinned to one CPU as make bench pins it (taskset, when
// present). Prints the median import, first-verify and total per FILE, and each FILE's total
// against the first one's.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BODIES, median, pick, pinPrefix } from './bench-util.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let runs = 21;
if (args[0] === '--runs') {
  runs = Number(args[1]);
  args.splice(0, 2);
}
if (!(Number.isInteger(runs) && runs > 0) || args.length === 0) {
  console.error('usage: node benches/js/cold-ab.mjs [--runs N] FILE...');
  process.exit(2);
}
const files = args.map((f) => resolve(f));
for (const f of files) {
  if (!existsSync(f)) {
    console.error(`cold-ab: no such file: ${f}`);
    process.exit(2);
  }
}
const c = pick(BODIES[0].name, BODIES[0].bytes);
const pin = pinPrefix();
const results = files.map(() => []);
// Round 0 warms the file cache and is not counted; each round starts at another file.
for (let round = 0; round <= runs; round++) {
  for (let k = 0; k < files.length; k++) {
    const i = (round + k) % files.length;
    const [cmd, ...pre] = [...pin, process.execPath];
    const r = spawnSync(cmd, [...pre, join(HERE, 'coldstart-child.mjs')], {
      env: {
        ...process.env,
        BENCH_CASE: JSON.stringify(c),
        BENCH_COLD_IMPORT: '',
        BENCH_COLD_PACKAGE: pathToFileURL(files[i]).href,
      },
      encoding: 'utf8',
      timeout: 60000,
    });
    if (r.status !== 0) throw new Error(`${files[i]}: exit ${r.status}: ${r.stderr}`);
    const m = JSON.parse(r.stdout);
    if (m.event !== 'PUBLISH')
      throw new Error(`${files[i]}: the first verify answered ${r.stdout}`);
    if (round > 0) results[i].push(m);
  }
}
const f2 = (x) => x.toFixed(2).padStart(8);
const totals = results.map((rs) => median(rs.map((m) => m.totalMs)));
console.log(
  `${runs} processes per file, alternated${pin.length ? ', pinned to CPU 1' : ''} (medians, ms):`,
);
console.log(
  `  ${'import'.padStart(8)} ${'1st verify'.padStart(10)} ${'total'.padStart(8)}  vs first  file`,
);
results.forEach((rs, i) => {
  const imp = median(rs.map((m) => m.importMs));
  const first = median(rs.map((m) => m.firstVerifyMs));
  const ratio = i === 0 ? '        ' : `${(totals[i] / totals[0]).toFixed(3).padStart(7)}x`;
  console.log(`  ${f2(imp)} ${f2(first).padStart(10)} ${f2(totals[i])}  ${ratio}  ${files[i]}`);
});
