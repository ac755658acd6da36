// Helpers shared by the make bench runners (scripts/bench.sh copies benches/js/*.mjs into the
// scratch project build/bench/, where the packed package and the peers are installed).
// Every runner writes its targets to results/<section>.json; summary.mjs prints them all.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = process.env.BENCH_ROOT || resolve(BENCH_DIR, '../..');
export const VECTORS =
  process.env.BENCH_VECTORS || join(ROOT, 'tests', 'vectors', 'callbacks.json');
export const RESULTS = join(BENCH_DIR, 'results');

/** The two bodies every speed figure is measured on (the same as node.mjs and benches/verify.rs). */
export const BODIES = [
  {
    label: 'stream notification, 454 bytes',
    name: 'stream/PUBLISH/hmac/valid-compact',
    bytes: 454,
    criterion: 'stream-454B',
  },
  {
    label: 'recording callback, 709 bytes',
    name: 'record/RECORD_FILE_COMPLETE/hmac/valid-compact',
    bytes: 709,
    criterion: 'record-709B',
  },
];

let vectors = null;
export function cases() {
  vectors ??= JSON.parse(readFileSync(VECTORS, 'utf8'));
  return vectors.cases;
}

/** { body, key, now } of a named vector case (first key), checked against its expected size. */
export function pick(name, bytes) {
  const c = cases().find((x) => x.name === name);
  if (!c) throw new Error(`no vector case ${name}`);
  const out = { body: c.body, key: c.keys[0].key, now: Number(c.options.now) };
  if (bytes !== undefined && Buffer.byteLength(out.body) !== bytes)
    throw new Error(`${name} is not ${bytes} bytes`);
  return out;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/**
 * The command prefix that pins a child process to CPU 1 as scripts/bench.sh pins the timed
 * sections (`taskset -c 1`), or [] where taskset or a second CPU is missing.
 */
export function pinPrefix() {
  return spawnSync('taskset', ['-c', '1', 'true']).status === 0 ? ['taskset', '-c', '1'] : [];
}
export const mark = (ok) => (ok ? 'met' : 'MISSED');
export const int = (x) => Math.round(x).toLocaleString('en-US');

/** results/<section>.json: { section, targets: [{ name, figure, met }], ...extra }. */
export function save(section, targets, extra = {}) {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(
    join(RESULTS, `${section}.json`),
    JSON.stringify({ section, targets, ...extra }, null, 2),
  );
}

export function load(section) {
  try {
    return JSON.parse(readFileSync(join(RESULTS, `${section}.json`), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Parses what node.mjs prints: per table, { title, rows: { name: ops/s } }, and its target lines
 * ("  <name>: <figure>  met|MISSED").
 */
export function parseNodeOutput(text) {
  const tables = {};
  const targets = [];
  let current = null;
  let inTargets = false;
  for (const line of text.split('\n')) {
    const title = /^(\S.*?) \(Node v[\d.]+/.exec(line);
    if (title) {
      current = tables[title[1]] = {};
      inTargets = false;
      continue;
    }
    if (/^targets \(Node\):/.test(line)) {
      inTargets = true;
      current = null;
      continue;
    }
    const row = /^ {2}(\S.*?) {2,}([\d,]+) ops\/s {2}[\d.]+x /.exec(line);
    if (row && current) {
      current[row[1].trim()] = Number(row[2].replace(/,/g, ''));
      continue;
    }
    const t = /^ {2}(\S.*?):\s+(\S+)\s+(met|MISSED)\s*$/.exec(line);
    if (t && inTargets)
      targets.push({ name: t[1].replace(/\s+/g, ' '), figure: t[2], met: t[3] === 'met' });
  }
  return { tables, targets };
}
