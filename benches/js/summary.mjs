// make bench, the summary: every target of every section, met or MISSED, with its figure.
// The Node section's targets come from node.mjs's own output (results/node.txt); the others
// from results/<section>.json. A selected section (BENCH_SECTIONS, default all) that did not
// produce results is listed as NOT RUN. Run from build/bench: node summary.mjs; exit status 1
// when a selected section did not run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS, load, parseNodeOutput } from './bench-util.mjs';

const selected = (process.env.BENCH_SECTIONS || 'node workerd size cold native memory http').split(
  /\s+/,
);
const sections = [
  [
    'a',
    'node',
    () => {
      const t = parseNodeOutput(readFileSync(join(RESULTS, 'node.txt'), 'utf8')).targets;
      return t.length ? t.map((x) => ({ ...x, name: `Node: ${x.name}` })) : null;
    },
  ],
  ['b', 'workerd', () => load('workerd')?.targets],
  ['c', 'size', () => load('size')?.targets],
  ['d', 'cold', () => load('cold')?.targets],
  ['e', 'native', () => load('native')?.targets],
  ['f', 'memory', () => load('memory')?.targets],
  ['h', 'http', () => load('http')?.targets],
];
let missing = 0;
let met = 0;
let missed = 0;
console.log('summary of targets:');
for (const [letter, title, get] of sections) {
  if (!selected.includes(title)) continue;
  let targets = null;
  try {
    targets = get();
  } catch {
    targets = null;
  }
  if (!targets) {
    missing++;
    console.log(`  NOT RUN  ${letter}. ${title}`);
    continue;
  }
  for (const t of targets) {
    if (t.met) met++;
    else missed++;
    console.log(`  ${(t.met ? 'met' : 'MISSED').padEnd(7)}  ${letter}. ${t.name}: ${t.figure}`);
  }
}
console.log(`${met} met, ${missed} MISSED${missing ? `, ${missing} section(s) NOT RUN` : ''}`);
process.exitCode = missing ? 1 : 0;
