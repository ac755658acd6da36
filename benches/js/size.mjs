// make bench, size part. 1) What a Worker ships: examples/cloudflare-worker/src/index.js (on
// huaweicloud-live-callback/verify) and a minimal Worker that verifies, once on the verify-only
// build (size-min-worker-lean.mjs) and once on the full package (size-min-worker.mjs), bundled
// with esbuild the way wrangler does (minified, conditions workerd/worker/browser, every .wasm
// import kept external as its own module); JS minified bytes, gzip -9 of the JS, gzip -9 of
// the .wasm, the sum. The target is on the example Worker.
// 2) Where the .wasm's bytes go, for each build: twiggy on a build that keeps names
// (BENCH_NAMED_WASM and BENCH_NAMED_WASM_LEAN, made by scripts/bench.sh with wasm-bindgen
// --keep-debug from the same cargo outputs), aggregated by crate, plus the bytes of core::fmt
// and of the allocator (items whose name has core::fmt / dlmalloc / the allocator crate).
// Env: BENCH_TWIGGY (twiggy binary), BENCH_NAMED_WASM, BENCH_NAMED_WASM_LEAN.
// Run from build/bench: node size.mjs
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { basename, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { BENCH_DIR, ROOT, int, mark, save } from './bench-util.mjs';

const require = createRequire(import.meta.url);
const esbuild = require('esbuild');
const TARGET = 30720;
const gz = (file) => execFileSync('gzip', ['-9c', file], { maxBuffer: 1 << 28 }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

const outdir = join(BENCH_DIR, 'size');
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
// The example imports the package by name: bundle a copy placed where build/bench/node_modules
// (the packed package) resolves.
copyFileSync(
  join(ROOT, 'examples/cloudflare-worker/src/index.js'),
  join(outdir, 'example-worker.js'),
);
copyFileSync(join(BENCH_DIR, 'size-min-worker.mjs'), join(outdir, 'min-worker.js'));
copyFileSync(join(BENCH_DIR, 'size-min-worker-lean.mjs'), join(outdir, 'min-worker-lean.js'));

/** @param {string} pkgEntry the package's file the bundle must hold (workerd.mjs, verify/workerd.mjs) */
async function bundle(entry, name, pkgEntry) {
  const wasm = new Set();
  const out = join(outdir, `${name}.bundle.js`);
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'wasm-external',
        setup(build) {
          build.onResolve({ filter: /\.wasm(\?module)?$/ }, (args) => {
            wasm.add(resolve(args.resolveDir, args.path.replace(/\?module$/, '')));
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  const inputs = Object.keys(result.metafile.inputs);
  if (!inputs.some((p) => p.endsWith(`node_modules/huaweicloud-live-callback/${pkgEntry}`))) {
    throw new Error(
      `${name}: the bundle does not hold the package's ${pkgEntry}: ${inputs.join(', ')}`,
    );
  }
  if (wasm.size !== 1)
    throw new Error(`${name}: expected one .wasm import, got ${[...wasm].join(', ')}`);
  const [w] = wasm;
  const js = statSync(out).size;
  const jsGz = gz(out);
  const wasmGz = gz(w);
  return {
    name,
    js,
    jsGz,
    wasm: basename(w),
    wasmRaw: statSync(w).size,
    wasmGz,
    total: jsGz + wasmGz,
  };
}

const rows = [
  await bundle(
    join(outdir, 'example-worker.js'),
    'examples/cloudflare-worker',
    'verify/workerd.mjs',
  ),
  await bundle(join(outdir, 'min-worker-lean.js'), 'minimal Worker, /verify', 'verify/workerd.mjs'),
  await bundle(join(outdir, 'min-worker.js'), 'minimal Worker, full build', 'workerd.mjs'),
];
console.log(
  'What a Worker imports (esbuild --minify, workerd condition, .wasm external; gzip -9):',
);
console.log(
  `  ${'Worker'.padEnd(28)} ${'JS min'.padStart(8)} ${'JS gz'.padStart(8)} ${'wasm'.padStart(8)} ${'wasm gz'.padStart(8)} ${'JS gz + wasm gz'.padStart(16)}`,
);
for (const r of rows) {
  console.log(
    `  ${r.name.padEnd(28)} ${String(r.js).padStart(8)} ${String(r.jsGz).padStart(8)} ${String(r.wasmRaw).padStart(8)} ${String(r.wasmGz).padStart(8)} ${`${r.total} (${kib(r.total)})`.padStart(16)}`,
  );
}

// ---- twiggy, by crate
const twiggy = process.env.BENCH_TWIGGY || 'twiggy';
const builds = [
  [
    'verify-only build (huaweicloud-live-callback/verify)',
    process.env.BENCH_NAMED_WASM_LEAN,
    rows[1],
  ],
  ['full build (huaweicloud-live-callback)', process.env.BENCH_NAMED_WASM, rows[2]],
];
const crates = {};
for (const [title, named, row] of builds) {
  if (!named) {
    console.log(`\n(${title}: no named .wasm, twiggy table skipped)`);
    continue;
  }
  const csv = execFileSync(twiggy, ['top', '-n', '100000', '--format', 'csv', named], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const items = parseCsv(csv)
    .slice(1)
    .filter((r) => r.length >= 2)
    .map((r) => ({ name: r[0], bytes: Number(r[1]) }));
  const total = items.reduce((s, x) => s + x.bytes, 0);
  const fileSize = statSync(named).size;
  const by = new Map();
  for (const it of items) {
    const c = crateOf(it.name);
    by.set(c, (by.get(c) ?? 0) + it.bytes);
  }
  const sorted = [...by.entries()].sort((a, b) => b[1] - a[1]);
  const sum = (re) => items.filter((it) => re.test(it.name)).reduce((s, x) => s + x.bytes, 0);
  const fmt = sum(/\b(core|alloc)(\[[0-9a-f]+\])?::fmt::/);
  const alloc = sum(/\b(dlmalloc|talc)(\[[0-9a-f]+\])?::|__rdl_|__rust_(alloc|dealloc|realloc)/);
  crates[title] = { crates: sorted, coreFmtBytes: fmt, allocatorBytes: alloc };
  console.log(
    `\n${title}: .wasm by crate, twiggy ${execFileSync(twiggy, ['--version'], { encoding: 'utf8' }).trim().split(' ').pop()} on a named build (wasm-bindgen --keep-debug of`,
  );
  console.log(
    `the same cargo output, before wasm-opt: ${int(fileSize)} bytes, ${items.length} items summing to ${int(total)} bytes; the shipped .wasm is wasm-opt'ed and stripped: ${int(row.wasmRaw)} bytes)`,
  );
  for (const [c, b] of sorted)
    console.log(
      `  ${c.padEnd(57)} ${int(b).padStart(7)} bytes ${((100 * b) / total).toFixed(1).padStart(5)}%`,
    );
  console.log(`  items named core::fmt: ${int(fmt)} bytes; allocator items: ${int(alloc)} bytes`);
  console.log('  top 10 items (custom sections left out: they are not shipped):');
  const shipped = items.filter((it) => !crateOf(it.name).startsWith('custom sections'));
  for (const it of shipped.slice(0, 10))
    console.log(
      `    ${String(it.bytes).padStart(7)}  ${crateOf(it.name).padEnd(26)} ${shorten(it.name)}`,
    );
}

const [ex, lean, full] = rows;
console.log('\ntargets (size):');
console.log(
  `  Worker on /verify (JS gz + wasm gz) <= 30 KiB (${TARGET} bytes): ${ex.total} bytes  ${mark(ex.total <= TARGET)}`,
);
console.log(
  `  (minimal Worker: ${lean.total} bytes on /verify, ${full.total} bytes on the full build)`,
);
save(
  'size',
  [
    {
      name: `size: examples/cloudflare-worker (on /verify) JS gz + wasm gz <= ${TARGET} bytes (30 KiB)`,
      figure: `${ex.total} bytes (JS ${ex.jsGz} + wasm ${ex.wasmGz}); full build, minimal Worker: ${full.total}`,
      met: ex.total <= TARGET,
    },
  ],
  { rows, crates },
);

/** The crate an item belongs to: the path before the first `[`/`::` (rustc v0 names keep a `[hash]`). */
function crateOf(name) {
  if (/^data\[\d+\]$/.test(name)) return 'data segments';
  if (/custom section|subsection|"name" headers|'name' headers/.test(name))
    return 'custom sections (names, producers; stripped when shipped)';
  if (/ shim$/.test(name)) return 'wasm-bindgen shims';
  if (
    /^"?(export|import) /.test(name) ||
    /^(elem|type|table|memory|global)\[\d+\]/.test(name) ||
    /section headers$/.test(name)
  ) {
    return 'wasm tables, types, imports, exports, headers';
  }
  if (/^(__wbindgen|__wbg_|__externref|__instance_terminated)/.test(name))
    return 'wasm-bindgen runtime';
  const n = name.replace(/^[<&*(]+/, '').replace(/^(const |mut |dyn |impl )+/, '');
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\[|::)/.exec(n);
  if (m) return m[1] === '__rustc' ? 'std (__rustc alloc shims)' : m[1];
  if (/^(__[a-z0-9_]+|mem(cmp|cpy|set|move)|bcmp)$/.test(n)) return 'compiler_builtins';
  return 'hwlc #[wasm_bindgen] exports';
}

function shorten(name) {
  return name.replace(/\[[0-9a-f]{16}\]/g, '');
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
