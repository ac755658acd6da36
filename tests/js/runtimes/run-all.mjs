// Runs each runtime runner in turn (each prints its own "N passed, N failed"), then prints a
// table and the total as the final line. Called by run.sh after the package is installed.
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { HERE, parseCounts } from './common.mjs';

const RUNNERS = {
  deno: ['cli.mjs', 'deno'],
  bun: ['cli.mjs', 'bun'],
  workerd: ['workerd.mjs'],
  chromium: ['browser.mjs'],
  examples: ['examples.mjs'],
  quickstart: ['quickstart.mjs'],
};
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(RUNNERS);
for (const w of wanted)
  if (!RUNNERS[w]) {
    console.error(`unknown runner ${w}; known: ${Object.keys(RUNNERS).join(' ')}`);
    process.exit(2);
  }

function runOne(args) {
  return new Promise((res) => {
    let out = '';
    const child = spawn(process.execPath, [join(HERE, args[0]), ...args.slice(1)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.on('close', (code) => res({ code, out }));
  });
}

const rows = [];
let passed = 0;
let failed = 0;
for (const name of wanted) {
  console.log(`== ${name}`);
  const { code, out } = await runOne(RUNNERS[name]);
  const counts = parseCounts(out) ?? { passed: 0, failed: 1 };
  // A runner that died without a failure count still counts as one failure.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  rows.push(
    `${name.padEnd(11)} ${String(counts.passed).padStart(5)} passed, ${counts.failed} failed${code === 0 ? '' : ` (exit ${code})`}`,
  );
}
console.log('== runtimes summary');
for (const r of rows) console.log(`  ${r}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
