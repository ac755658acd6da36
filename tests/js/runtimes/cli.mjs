// Runs tests/js/suite.mjs in Deno or Bun (npm binaries pinned in this folder's package.json)
// against the package installed from the `npm pack` tarball in the scratch project.
//   node tests/js/runtimes/cli.mjs deno|bun
// Prints the runtime's own "N passed, N failed" and checks that the runtime resolved the
// package through its own export condition.
import { copyFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  HERE,
  ROOT,
  BIN,
  appDir,
  copySuite,
  installedPackageDir,
  readJson,
  resolveExport,
  run,
  parseCounts,
  Tally,
} from './common.mjs';

const which = process.argv[2];
const CONDITIONS = {
  // Deno 2 resolves npm packages with these conditions (in this order of preference).
  deno: ['deno', 'node', 'import', 'default'],
  // Bun's runtime conditions for an ESM import.
  bun: ['bun', 'node', 'import', 'default'],
};
if (!CONDITIONS[which]) {
  console.error('usage: cli.mjs deno|bun');
  process.exit(2);
}

const tally = new Tally(which);
const app = appDir();
copySuite(app);
copyFileSync(join(HERE, 'fixtures/cli-entry.mjs'), join(app, 'cli-entry.mjs'));

const scratch = join(ROOT, 'build', 'runtimes');
let cmd;
let args;
let env;
if (which === 'deno') {
  // Use the node_modules that npm installed (no registry access, no lockfile changes).
  writeFileSync(
    join(app, 'deno.json'),
    `${JSON.stringify({ nodeModulesDir: 'manual', lock: false }, null, 2)}\n`,
  );
  mkdirSync(join(scratch, 'deno-dir'), { recursive: true });
  cmd = join(BIN, 'deno');
  args = [
    'run',
    '--allow-read',
    '--no-prompt',
    '--config',
    join(app, 'deno.json'),
    'cli-entry.mjs',
  ];
  env = { DENO_DIR: join(scratch, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
} else {
  cmd = join(BIN, 'bun');
  args = ['run', '--no-install', 'cli-entry.mjs'];
  env = { BUN_INSTALL_CACHE_DIR: join(scratch, 'bun-cache'), DO_NOT_TRACK: '1', NO_COLOR: '1' };
}

const r = await run(cmd, args, { cwd: app, env, timeoutMs: 180000 });
process.stdout.write(
  r.stdout
    .split('\n')
    .filter((l) => /^(RUNTIME|RESOLVED|FAIL)/.test(l))
    .map((l) => `  ${which}| ${l}\n`)
    .join(''),
);
const counts = parseCounts(r.stdout);
if (
  !tally.ok(
    counts !== null,
    `${which} printed a closing "N passed, N failed" line`,
    `exit ${r.code}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`,
  )
) {
  tally.finish();
} else {
  tally.passed += counts.passed;
  tally.failed += counts.failed;
  tally.ok(counts.passed > 0, `${which} ran at least one suite test`);
  tally.ok(
    r.code === (counts.failed === 0 ? 0 : 1),
    `${which} exit code ${r.code} agrees with its counts`,
    r.stderr.slice(-2000),
  );
  tally.ok(
    !/error/i.test(r.stderr.replace(/^.*(warn|Warning).*$/gim, '')),
    `${which} wrote no error to stderr`,
    r.stderr.slice(-2000),
  );

  // Which file did the runtime load? It must be the one the exports map gives for its conditions.
  const manifest = readJson(join(installedPackageDir(app), 'package.json'));
  const expected = resolveExport(manifest, CONDITIONS[which]);
  const m = /^RESOLVED (\S+)$/m.exec(r.stdout);
  const got = m ? (m[1].startsWith('file:') ? fileURLToPath(m[1]) : m[1]) : null;
  const want = expected
    ? fileURLToPath(
        new URL(expected, pathToFileURL(join(installedPackageDir(app), 'package.json'))),
      )
    : null;
  tally.ok(
    want && got?.endsWith(want.slice(app.length)),
    `${which} loaded the "${CONDITIONS[which][0]}" entry of the installed package`,
    `loaded ${got}, exports map gives ${want}`,
  );
  tally.finish();
}
