// tests/packaging/run.mjs — the packaging tests (issue 11): for each toolchain a tiny app in
// tests/packaging/<toolchain>/ (its toolchain pinned in package.json + package-lock.json, installed
// by run.sh with `npm ci`) gets the package from the `npm pack` tarball, is built with the
// toolchain's defaults (no plugin, no config) and run: browser bundles in headless Chromium,
// server bundles with node / bun / as compiled binaries, test runners as themselves. Every app
// runs lib/check.mjs on two vectors of tests/vectors/callbacks.json (valid, and tampered:
// SIGNATURE_MISMATCH); the apps of LEAN_APPS run it on huaweicloud-live-callback/verify too.
//   node tests/packaging/run.mjs TARBALL [toolchain ...]
// One line per toolchain, then "N passed, N failed" (one count per check); exit 1 on failure.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  closeBrowser,
  freePort,
  installTarball,
  prepareApp,
  run,
  runPage,
  start,
  staticServer,
  writePage,
} from './lib/harness.mjs';
import { judge } from './lib/check.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const bin = (app, name) => join(app, 'node_modules', '.bin', name);
const DENO_ENV = (app) => ({ DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(app, 'dist', 'deno-dir') });
const tail = (s, n = 2500) => (s.length > n ? `…${s.slice(-n)}` : s);

/** Runs a build step; throws with its output when it fails. */
async function sh(app, cmd, args, opts = {}) {
  const r = await run(cmd, args, { cwd: app, timeoutMs: 240000, ...opts });
  if (r.code !== 0)
    throw new Error(`${[cmd, ...args].join(' ')} exited ${r.code}:\n${tail(r.stdout + r.stderr)}`);
  return r;
}

// The apps that load huaweicloud-live-callback/verify next to the package (their src/ imports
// both and passes the subpath to check()): judge() requires its observations there.
const LEAN_APPS = new Set(['vite8', 'webpack', 'esbuild', 'jest', 'vitest', 'vitest-workers']);
let leanApp = false;

function verdict(cases, value, problems = []) {
  return [...problems, ...(value === undefined ? [] : judge(cases, value, { lean: leanApp }))];
}

/**
 * The .js files under `dir` that carry the Node `require` entry (node.cjs, verify/node.cjs: their
 * loader src/require-esm.cjs reads process.features.require_module) instead of the browser build.
 */
function nodeBuildIn(dir) {
  const found = [];
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.[cm]?js$/.test(n) && readFileSync(p, 'utf8').includes('require_module'))
        found.push(`${p} carries the Node require entry of the package`);
    }
  };
  walk(dir);
  return found;
}

/**
 * A Node bundle of an app that loads both entries must hold each .wasm once (full and
 * verify-only: two base64 texts), not also the CommonJS fallback builds' copies.
 */
function onceEach(dir) {
  let copies = 0;
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.[cm]?js$/.test(n))
        copies += (readFileSync(p, 'utf8').match(/["'`]AGFzbQ/g) ?? []).length; // "\0asm"…
    }
  };
  walk(dir);
  return copies === 2 ? [] : [`${dir} holds ${copies} base64 .wasm texts, expected 2`];
}

/** Serves `dir` on 127.0.0.1 and checks the page at `page` in Chromium. */
async function inChromium(cases, dir, page = 'index.html') {
  const srv = await staticServer(dir);
  try {
    const { value, problems } = await runPage(`${srv.origin}/${page}`);
    return [...verdict(cases, value, problems), ...nodeBuildIn(dir)];
  } finally {
    await srv.close();
  }
}

/**
 * A server process's observations (the last stdout line, JSON). A bundle or binary (`alone`)
 * runs with the installed package moved away, as where it is deployed: what it needs must be in it.
 */
async function onServer(cases, app, cmd, args, { env = {}, alone = false } = {}) {
  const installed = join(app, 'node_modules', 'huaweicloud-live-callback');
  const hidden = join(app, 'node_modules', '.huaweicloud-live-callback-hidden');
  if (alone) renameSync(installed, hidden);
  let r;
  try {
    r = await sh(app, cmd, args, { timeoutMs: 60000, env });
  } finally {
    if (alone) renameSync(hidden, installed);
  }
  const line = r.stdout.trim().split('\n').pop();
  let value;
  try {
    value = JSON.parse(line);
  } catch {
    return [`no JSON on stdout of ${cmd}: ${tail(r.stdout + r.stderr)}`];
  }
  return verdict(cases, value);
}

/** Polls `url` until it answers 200 (at most `ms`). */
async function waitHttp(url, server, ms = 60000) {
  const until = Date.now() + ms;
  for (let i = 0; Date.now() < until && i < 600; i++) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${ms} ms; output:\n${tail(server.output())}`);
}

/** Starts a dev/preview server on a free port, checks its page in Chromium, stops it. */
async function served(cases, app, cmd, args) {
  const port = await freePort();
  const server = start(
    cmd,
    [...args, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: app },
  );
  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitHttp(url, server);
    const { value, problems } = await runPage(url);
    const all = verdict(cases, value, problems);
    return all.length ? [...all, `server output: ${tail(server.output(), 1500)}`] : all;
  } finally {
    await server.stop();
  }
}

const vite = {
  build: async (app, cases) => {
    await sh(app, bin(app, 'vite'), ['build']);
    return inChromium(cases, join(app, 'dist'));
  },
  preview: async (app, cases) => served(cases, app, bin(app, 'vite'), ['preview']),
  // A fresh dependency pre-bundle, as on a user's first `vite`: the cache would hold the last tarball.
  dev: async (app, cases) => {
    rmSync(join(app, 'node_modules', '.vite'), { recursive: true, force: true });
    return served(cases, app, bin(app, 'vite'), []);
  },
};

/** esbuild/bun-style browser bundle: out/main.js loaded by a generated page. */
async function bundlePage(cases, out, module) {
  writePage(out, 'main.js', { module });
  return inChromium(cases, out);
}

export const TOOLCHAINS = {
  vite5: vite,
  vite6: vite,
  vite7: vite,
  vite8: vite,
  webpack: {
    // webpack's defaults: entry ./src/index.js, output dist/main.js, mode production, target web.
    build: async (app, cases) => {
      await sh(app, bin(app, 'webpack'), []);
      return bundlePage(cases, join(app, 'dist'), false);
    },
    // A CommonJS server (require) for Node: the `node` + `require` + `module` conditions. The
    // `module` condition gives the bundle the ES module entries, not node.cjs, whose fallback
    // would put a second copy of each build (and its .wasm) in the bundle.
    'node-require': async (app, cases) => {
      await sh(app, bin(app, 'webpack'), [
        '--target',
        'node',
        '--entry',
        './src/server-require.cjs',
        '--output-path',
        'dist/node-require',
      ]);
      return [
        ...(await onServer(cases, app, 'node', ['dist/node-require/main.js'], { alone: true })),
        ...onceEach(join(app, 'dist/node-require')),
      ];
    },
  },
  rollup: {
    // Rollup resolves no bare import without @rollup/plugin-node-resolve (it leaves it external):
    // the plugin, with its defaults, is the one thing added.
    es: async (app, cases) => {
      await sh(app, bin(app, 'rollup'), [
        'src/main.js',
        '-p',
        'node-resolve',
        '-f',
        'es',
        '-o',
        'dist/es/main.js',
      ]);
      return bundlePage(cases, join(app, 'dist/es'), true);
    },
    iife: async (app, cases) => {
      await sh(app, bin(app, 'rollup'), [
        'src/main.js',
        '-p',
        'node-resolve',
        '-f',
        'iife',
        '-o',
        'dist/iife/main.js',
      ]);
      return bundlePage(cases, join(app, 'dist/iife'), false);
    },
  },
  esbuild: {
    'browser-esm': async (app, cases) => {
      await sh(app, bin(app, 'esbuild'), [
        'src/main.js',
        '--bundle',
        '--platform=browser',
        '--format=esm',
        '--outfile=dist/esm/main.js',
      ]);
      return bundlePage(cases, join(app, 'dist/esm'), true);
    },
    'browser-iife': async (app, cases) => {
      await sh(app, bin(app, 'esbuild'), [
        'src/main.js',
        '--bundle',
        '--platform=browser',
        '--format=iife',
        '--outfile=dist/iife/main.js',
      ]);
      return bundlePage(cases, join(app, 'dist/iife'), false);
    },
    'node-esm': async (app, cases) => {
      await sh(app, bin(app, 'esbuild'), [
        'src/server.js',
        '--bundle',
        '--platform=node',
        '--format=esm',
        '--outfile=dist/node-esm/server.mjs',
      ]);
      return onServer(cases, app, 'node', ['dist/node-esm/server.mjs'], { alone: true });
    },
    'node-cjs': async (app, cases) => {
      await sh(app, bin(app, 'esbuild'), [
        'src/server.js',
        '--bundle',
        '--platform=node',
        '--format=cjs',
        '--outfile=dist/node-cjs/server.cjs',
      ]);
      return onServer(cases, app, 'node', ['dist/node-cjs/server.cjs'], { alone: true });
    },
    'node-require': async (app, cases) => {
      await sh(app, bin(app, 'esbuild'), [
        'src/server-require.cjs',
        '--bundle',
        '--platform=node',
        '--format=cjs',
        '--outfile=dist/node-require/server.cjs',
      ]);
      return [
        ...(await onServer(cases, app, 'node', ['dist/node-require/server.cjs'], { alone: true })),
        ...onceEach(join(app, 'dist/node-require')),
      ];
    },
  },
  parcel: {
    build: async (app, cases) => {
      rmSync(join(app, '.parcel-cache'), { recursive: true, force: true });
      await sh(app, bin(app, 'parcel'), ['build', 'index.html', '--no-autoinstall']);
      return inChromium(cases, join(app, 'dist'));
    },
  },
  bun: {
    browser: async (app, cases) => {
      await sh(app, bin(app, 'bun'), [
        'build',
        'src/main.js',
        '--target=browser',
        '--outdir=dist/browser',
      ]);
      return bundlePage(cases, join(app, 'dist/browser'), true);
    },
    'target-bun': async (app, cases) => {
      await sh(app, bin(app, 'bun'), [
        'build',
        'src/server.js',
        '--target=bun',
        '--outdir=dist/bun',
      ]);
      return onServer(cases, app, bin(app, 'bun'), ['dist/bun/server.js'], { alone: true });
    },
    compile: async (app, cases) => {
      await sh(app, bin(app, 'bun'), [
        'build',
        'src/server.js',
        '--compile',
        '--outfile=dist/compiled/server',
      ]);
      return onServer(cases, app, join(app, 'dist/compiled/server'), [], { alone: true });
    },
  },
  // `deno compile` is not here: it downloads its base binary (denort) from Deno's own server at
  // compile time, which no package registry ships, so it cannot run on this machine or in CI.
  deno: {
    // Deno 2 with a package.json: bare imports resolve from node_modules, `deno` condition.
    run: async (app, cases) =>
      onServer(cases, app, bin(app, 'deno'), ['run', 'src/server.js'], { env: DENO_ENV(app) }),
    bundle: async (app, cases) => {
      await sh(
        app,
        bin(app, 'deno'),
        ['bundle', '--platform=deno', '-o', 'dist/bundle.js', 'src/server.js'],
        { env: DENO_ENV(app) },
      );
      return onServer(cases, app, bin(app, 'deno'), ['run', 'dist/bundle.js'], {
        env: DENO_ENV(app),
        alone: true,
      });
    },
  },
  jest: {
    node: async (app) => jestRun(app, 'node'),
    jsdom: async (app) => jestRun(app, 'jsdom'),
    // What jsdom gets (dist/inline.cjs, its UTF-8 fallbacks) against THE suite, not two vectors.
    'suite-without-text-codecs': async (app) => {
      const r = await run('node', [join(HERE, 'lib', 'suite-without-text-codecs.mjs'), app], {
        timeoutMs: 180000,
      });
      return r.code === 0 ? [] : [tail(r.stdout + r.stderr)];
    },
  },
  vitest: {
    node: async (app) => vitestRun(app, ['--environment', 'node']),
    jsdom: async (app) => vitestRun(app, ['--environment', 'jsdom']),
  },
  'vitest-workers': {
    workers: async (app) => vitestRun(app, []),
  },
};

async function jestRun(app, env) {
  const r = await run(bin(app, 'jest'), ['--ci', `--env=${env}`], { cwd: app, timeoutMs: 180000 });
  const out = r.stdout + r.stderr;
  if (r.code !== 0 || !/Tests:\s+1 passed, 1 total/.test(out))
    return [`jest --env=${env} exited ${r.code}:\n${tail(out)}`];
  return [];
}

async function vitestRun(app, args) {
  const r = await run(bin(app, 'vitest'), ['run', ...args], {
    cwd: app,
    timeoutMs: 180000,
    env: { CI: '1', NO_COLOR: '1' },
  });
  const out = r.stdout + r.stderr;
  if (r.code !== 0 || !/Tests\s+1 passed \(1\)/.test(out))
    return [`vitest run ${args.join(' ')} exited ${r.code}:\n${tail(out)}`];
  return [];
}

async function main() {
  const [given, ...only] = process.argv.slice(2);
  const tarball = given && resolve(given);
  if (!tarball || !existsSync(tarball)) {
    console.error('usage: node tests/packaging/run.mjs TARBALL [toolchain ...]');
    console.log('0 passed, 1 failed');
    process.exit(2);
  }
  const names = only.length ? only : Object.keys(TOOLCHAINS);
  let passed = 0;
  let failed = 0;
  const lines = [];
  try {
    for (const name of names) {
      const checks = TOOLCHAINS[name];
      const app = join(HERE, name);
      if (!checks) {
        failed++;
        lines.push(`${name}: unknown toolchain`);
        console.log(lines.at(-1));
        continue;
      }
      const results = [];
      leanApp = LEAN_APPS.has(name);
      try {
        await installTarball(app, tarball);
        const cases = prepareApp(app);
        rmSync(join(app, 'dist'), { recursive: true, force: true });
        for (const [check, fn] of Object.entries(checks)) {
          let problems;
          try {
            problems = await fn(app, cases);
          } catch (e) {
            problems = [String(e?.message || e)];
          }
          results.push({ check, problems });
        }
      } catch (e) {
        results.push({ check: 'install', problems: [String(e?.message || e)] });
      }
      for (const { check, problems } of results) {
        if (problems.length === 0) passed++;
        else {
          failed++;
          console.log(
            `  FAIL ${name} ${check}:\n    ${problems.join('\n').split('\n').join('\n    ')}`,
          );
        }
      }
      const line = `${name.padEnd(15)} ${results.every((r) => r.problems.length === 0) ? 'PASS' : 'FAIL'}  ${results.map((r) => `${r.check} ${r.problems.length ? 'FAIL' : 'ok'}`).join(', ')}`;
      lines.push(line);
      console.log(line);
    }
  } finally {
    await closeBrowser();
  }
  console.log('packaging summary:');
  for (const l of lines) console.log(`  ${l}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

await main();
