// Shared helpers for the runtime runners in tests/js/runtimes/ (run by Node; owner: runtimes).
// Nothing here touches the package under test: the runners import it from the scratch
// project that run.sh installs from the `npm pack` tarball.
import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '../../..');
export const PKG_NAME = 'huaweicloud-live-callback';
export const BIN = join(HERE, 'node_modules', '.bin');
// THE suite and the shared vectors (overridable only to debug a runner in isolation).
export const SUITE = process.env.RUNTIMES_SUITE || join(ROOT, 'tests', 'js', 'suite.mjs');
export const VECTORS =
  process.env.RUNTIMES_VECTORS || join(ROOT, 'tests', 'vectors', 'callbacks.json');
// The fuzz regression inputs, packed by scripts/gen_fuzz_corpus.py (the suite's 4th argument).
export const CORPUS =
  process.env.RUNTIMES_CORPUS || join(ROOT, 'tests', 'fuzz-regressions', 'corpus.json');

/** Copies the suite, the vectors and the fuzz corpus into the scratch project (next to the runner entries). */
export function copySuite(app) {
  copyFileSync(SUITE, join(app, 'suite.mjs'));
  copyFileSync(VECTORS, join(app, 'callbacks.json'));
  copyFileSync(CORPUS, join(app, 'corpus.json'));
  // The suite's modules (tests/js/suites/: url.mjs and its generated vectors), next to it.
  const suites = join(dirname(SUITE), 'suites');
  mkdirSync(join(app, 'suites'), { recursive: true });
  for (const f of readdirSync(suites)) copyFileSync(join(suites, f), join(app, 'suites', f));
}

/** The scratch project (package installed from the tarball); run.sh sets RUNTIMES_APP. */
export function appDir() {
  const dir = process.env.RUNTIMES_APP || join(ROOT, 'build', 'runtimes', 'app');
  const manifest = join(dir, 'node_modules', PKG_NAME, 'package.json');
  if (!existsSync(manifest)) {
    throw new Error(
      `${manifest} is missing: run tests/js/runtimes/run.sh (it packs and installs the package)`,
    );
  }
  return dir;
}

export function installedPackageDir(app) {
  return join(app, 'node_modules', PKG_NAME);
}

/**
 * Resolves the "." entry of a package.json exports map the way Node's algorithm does
 * (first matching key in object order wins, arrays are tried in order, "default" always
 * matches). Returns the relative target such as "./dist/workerd.js", or null.
 */
export function resolveExport(manifest, conditions) {
  let target = manifest.exports;
  if (target === undefined) return null;
  if (
    typeof target === 'object' &&
    target !== null &&
    !Array.isArray(target) &&
    Object.keys(target).some((k) => k.startsWith('.'))
  ) {
    target = target['.'];
  }
  const pick = (t) => {
    if (typeof t === 'string') return t;
    if (Array.isArray(t)) {
      for (const x of t) {
        const r = pick(x);
        if (r) return r;
      }
      return null;
    }
    if (t && typeof t === 'object') {
      for (const [k, v] of Object.entries(t)) {
        if (k === 'default' || conditions.includes(k)) {
          const r = pick(v);
          if (r) return r;
        }
      }
    }
    return null;
  };
  return pick(target);
}

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** A free loopback TCP port (for servers that cannot report the port they bound). */
export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/**
 * Runs a command to completion with a hard timeout; resolves { code, stdout, stderr }.
 * The child gets its own process group so that a timeout kills it and its children.
 */
export function run(cmd, args, { cwd, env, timeoutMs = 120000, input } = {}) {
  return new Promise((res) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      res({ code: 127, stdout, stderr: stderr + String(e) });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      res({
        code: timedOut ? 124 : (code ?? 128),
        signal,
        stdout,
        stderr: timedOut ? `${stderr}\n[timed out after ${timeoutMs} ms]` : stderr,
      });
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/**
 * Starts a long-running process (a server); returns { child, output(), waitFor(re, ms), stop() }.
 * extraFds: number of extra pipes to open after stdio (fd 3, 4, ...).
 */
export function start(cmd, args, { cwd, env, extraFds = 0 } = {}) {
  const stdio = ['ignore', 'pipe', 'pipe'];
  for (let i = 0; i < extraFds; i++) stdio.push('pipe');
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio, detached: true });
  let out = '';
  const waiters = [];
  const feed = (d) => {
    out += d;
    for (const w of [...waiters]) {
      const m = w.re.exec(out);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        clearTimeout(w.timer);
        w.res(m);
      }
    }
  };
  child.stdout.on('data', feed);
  child.stderr.on('data', feed);
  let exited = false;
  child.on('exit', () => {
    exited = true;
    for (const w of waiters.splice(0)) {
      clearTimeout(w.timer);
      w.rej(new Error(`${cmd} exited before printing ${w.re}; output:\n${out}`));
    }
  });
  return {
    child,
    output: () => out,
    waitFor(re, ms = 30000) {
      const m = re.exec(out);
      if (m) return Promise.resolve(m);
      if (exited)
        return Promise.reject(new Error(`${cmd} exited before printing ${re}; output:\n${out}`));
      return new Promise((res, rej) => {
        const w = {
          re,
          res,
          rej,
          timer: setTimeout(() => {
            waiters.splice(waiters.indexOf(w), 1);
            rej(new Error(`timed out waiting for ${re}; output:\n${out}`));
          }, ms),
        };
        waiters.push(w);
      });
    },
    stop() {
      if (exited) return Promise.resolve();
      return new Promise((res) => {
        child.once('exit', () => res());
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          res();
        }
        setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }, 3000).unref();
      });
    },
  };
}

/** Counts checks and prints the closing line; exit code 1 on any failure. */
export class Tally {
  constructor(label) {
    this.label = label;
    this.passed = 0;
    this.failed = 0;
    this.failures = [];
  }
  ok(cond, name, detail = '') {
    if (cond) {
      this.passed++;
    } else {
      this.failed++;
      this.failures.push(name);
      console.log(`  FAIL ${this.label}: ${name}${detail ? ` — ${detail}` : ''}`);
    }
    return cond;
  }
  add({ passed, failed, failures = [] }) {
    this.passed += passed;
    this.failed += failed;
    for (const f of failures) {
      const text = typeof f === 'string' ? f : JSON.stringify(f);
      this.failures.push(text);
      console.log(`  FAIL ${this.label}: ${text}`);
    }
  }
  /** Adds a sub-tally whose failures were already printed. */
  merge(sub) {
    this.passed += sub.passed;
    this.failed += sub.failed;
    this.failures.push(...sub.failures);
  }
  finish() {
    console.log(`${this.label}: ${this.passed} passed, ${this.failed} failed`);
    console.log(`${this.passed} passed, ${this.failed} failed`);
    process.exitCode = this.failed === 0 && this.passed > 0 ? 0 : 1;
  }
}

/** Parses the last "N passed, N failed" line of a child's output. */
export function parseCounts(text) {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^\d+ passed, \d+ failed$/.test(l));
  if (lines.length === 0) return null;
  const [, p, f] = /^(\d+) passed, (\d+) failed$/.exec(lines[lines.length - 1]);
  return { passed: Number(p), failed: Number(f) };
}
