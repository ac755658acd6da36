// huaweicloud-live-callback/verify reaches no wasm export its verify-only module lacks.
// The lean .wasm is the bindings crate without the `tools` feature: the exports the full glue
// has and the lean glue has not (sign, options_explain, …) exist only in the full build. This
// test finds them by comparing the two glue modules and the two .wasm files, then checks that
// the lean JS every runtime loads (dist/lean/api.mjs for workerd; dist/lean/inline.mjs for Node,
// Bun, Deno, browsers and bundlers; dist/lean/inline.cjs where a runtime cannot require an ES
// module: Jest, older Node) calls none of them, and that the lean entries import no module of
// pkg/src directly (their module state must be their own: see pkg/src/verify-bundle.js), and that
// both builds loaded together share one CallbackError class (pkg/src/error.js's registry, also
// checked by itself: fresh realms, a foreign value at its key, a frozen globalThis).
//   node tests/js/lean-exports.mjs      (after make pkg; make test-lean)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import vm from 'node:vm';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'pkg/dist');
let passed = 0;
let failed = 0;
const ok = (cond, what, detail = '') => {
  if (cond) passed++;
  else {
    failed++;
    console.log(`FAIL ${what}${detail ? `: ${detail}` : ''}`);
  }
};

/** Export names of a wasm-bindgen glue module, with `Class#method` for its classes. */
async function glueNames(file) {
  const m = await import(pathToFileURL(file).href);
  const names = new Set();
  for (const [name, v] of Object.entries(m)) {
    if (name === 'default' || name === 'initSync') continue;
    names.add(name);
    if (typeof v === 'function' && v.prototype) {
      for (const p of Object.getOwnPropertyNames(v.prototype))
        if (p !== 'constructor') names.add(`${name}#${p}`);
    }
  }
  return names;
}
const wasmExports = (file) =>
  new Set(
    WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(file))).map((e) => e.name),
  );

const full = await glueNames(join(dist, 'hwlc.js'));
const lean = await glueNames(join(dist, 'lean/hwlc.js'));
const missing = [...full].filter((n) => !lean.has(n));
ok(
  missing.includes('sign') && missing.includes('options_explain'),
  'the lean glue lacks sign and options_explain',
  `missing: ${missing.join(', ')}`,
);
ok(
  [...lean].every((n) => full.has(n)),
  'every lean glue export is also in the full glue',
  [...lean].filter((n) => !full.has(n)).join(', '),
);
const fullWasm = wasmExports(join(dist, 'hwlc_bg.wasm'));
const leanWasm = wasmExports(join(dist, 'lean/hwlc-lean_bg.wasm'));
ok(
  fullWasm.has('sign') && !leanWasm.has('sign'),
  'the lean .wasm has no sign export (the full one has)',
);
ok(
  [...fullWasm].some((n) => /explain/.test(n)) && ![...leanWasm].some((n) => /explain/.test(n)),
  'the lean .wasm has no explain export (the full one has)',
);

// The lean JS: a call or a property read of a missing name, in any spelling (.x, ["x"], 'x').
// What to look for: a missing function or class by its name; a method missing from a class the
// lean glue has too (Verifier#x) by its name, unless a lean class has a method of that
// name (free, key: a read of it proves nothing). A missing class's methods are covered by the
// class itself (nothing can call them without constructing it).
const leanMethods = new Set([...lean].filter((n) => n.includes('#')).map((n) => n.split('#')[1]));
const sought = missing.filter(
  (n) => !n.includes('#') || (lean.has(n.split('#')[0]) && !leanMethods.has(n.split('#')[1])),
);
ok(
  sought.includes('sign') && sought.includes('options_explain'),
  'sign and options_explain are among the names sought',
  sought.join(', '),
);
for (const file of ['lean/api.mjs', 'lean/inline.mjs', 'lean/inline.cjs']) {
  const text = readFileSync(join(dist, file), 'utf8');
  for (const name of sought) {
    const method = name.includes('#') ? name.split('#')[1] : name;
    const re = new RegExp(`\\.${method}\\b|\\[\\s*["'\`]${method}["'\`]\\s*\\]`);
    const hit = re.exec(text);
    ok(
      hit === null,
      `dist/${file} reaches no ${name} (missing from the lean module)`,
      hit && text.slice(Math.max(0, hit.index - 80), hit.index + 40),
    );
  }
  ok(
    /\bverify_input\b/.test(text) && /\bparse_input\b/.test(text),
    `dist/${file} is the verify API (it calls verify_input and parse_input)`,
  );
}
for (const f of readdirSync(join(root, 'pkg/verify'))) {
  const text = readFileSync(join(root, 'pkg/verify', f), 'utf8');
  const imports = [...text.matchAll(/(?:from|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
  ok(
    imports.length > 0 &&
      imports.every(
        (p) =>
          p.startsWith('../dist/lean/') ||
          // verify/node.cjs's loader (no module state: src/require-esm.cjs).
          p === '../src/require-esm.cjs',
      ),
    `pkg/verify/${f} loads only dist/lean/ (its own module state)`,
    imports.join(', '),
  );
}

// The builds every runtime but workerd loads are one file each, importing nothing: Node's loader
// pays for every module at start-up (make bench's cold section).
for (const file of ['inline.mjs', 'inline.cjs', 'lean/inline.mjs', 'lean/inline.cjs']) {
  // Comments aside (their JSDoc types name import('../index.js')).
  const text = readFileSync(join(dist, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const hit = /^\s*import\b|\bimport\s*\(|\brequire\s*\(\s*['"]/m.exec(text);
  ok(hit === null, `dist/${file} imports nothing`, hit && text.slice(hit.index, hit.index + 80));
}

// One CallbackError class when both builds are loaded (pkg/src/error.js's registry): an error
// from either build is an instance of the class both export, in Node (node.cjs and
// verify/node.cjs, which require the ES module builds), with the ES module builds
// (dist/inline.mjs, dist/lean/inline.mjs: what Node's `import`, browsers, bundlers and Deno
// load), in the CommonJS builds (dist/inline.cjs, dist/lean/inline.cjs: Jest, older Node), and
// across the ES module and CommonJS builds (two module instances there, one class). Each build
// keeps its own wasm: a body the full build signs verifies in both, and a tampered one fails in
// both with SIGNATURE_MISMATCH.
const require = createRequire(import.meta.url);
const KEY = 'k'.repeat(32);
/** @param {() => unknown} f */
const thrown = (f) => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
};
/** @param {string} what @param {any} full @param {any} lean */
function sameClass(what, full, lean) {
  ok(full.CallbackError === lean.CallbackError, `${what}: one CallbackError class for both builds`);
  const signed = full.sign(
    { event: 'PUBLISH', domain: 'push.example.com', app: 'live', stream: 's1' },
    { key: KEY, authTimestamp: 1700000000 },
  );
  const opts = { key: KEY, now: 1700000000 };
  ok(lean.verify(signed.body, opts).callback.stream === 's1', `${what}: the lean build verifies`);
  ok(full.verify(signed.body, opts).callback.stream === 's1', `${what}: the full build verifies`);
  const tampered = signed.body.replace('s1', 's2');
  ok(tampered !== signed.body, `${what}: the tampered body differs`);
  for (const [name, m] of [
    ['lean', lean],
    ['full', full],
  ]) {
    const e = /** @type {any} */ (thrown(() => m.verify(tampered, opts)));
    ok(
      e instanceof full.CallbackError &&
        e instanceof lean.CallbackError &&
        e.code === 'SIGNATURE_MISMATCH' &&
        e.name === 'CallbackError',
      `${what}: an error of the ${name} build is an instance of both exports' CallbackError`,
      String(e),
    );
    const p = /** @type {any} */ (thrown(() => m.parse('{')));
    ok(
      p instanceof full.CallbackError && p instanceof lean.CallbackError,
      `${what}: a parse error of the ${name} build is an instance of both`,
      String(p),
    );
  }
}
const cjsFull = require(join(root, 'pkg/node.cjs'));
const cjsLean = require(join(root, 'pkg/verify/node.cjs'));
sameClass('Node (node.cjs, verify/node.cjs)', cjsFull, cjsLean);
const esmLean = await import(pathToFileURL(join(dist, 'lean/inline.mjs')).href);
ok(
  Object.keys(esmLean).sort().join() === Object.keys(cjsLean).sort().join() &&
    Object.keys(esmLean).every((k) => esmLean[k] === cjsLean[k]),
  'dist/lean/inline.mjs exports what verify/node.cjs does, the same values',
  `${Object.keys(esmLean)} / ${Object.keys(cjsLean)}`,
);
const esmFull = await import(pathToFileURL(join(dist, 'inline.mjs')).href);
ok(esmFull.CallbackError === cjsFull.CallbackError, 'Node: import and require share the class');
sameClass('ES module builds (dist/inline.mjs, dist/lean/inline.mjs)', esmFull, esmLean);
const cjsBuildFull = require(join(dist, 'inline.cjs'));
const cjsBuildLean = require(join(dist, 'lean/inline.cjs'));
ok(
  cjsBuildFull.verify !== esmFull.verify && cjsBuildLean.verify !== esmLean.verify,
  'the CommonJS builds are module instances of their own',
);
sameClass('CommonJS builds (dist/inline.cjs, dist/lean/inline.cjs)', cjsBuildFull, cjsBuildLean);
sameClass('ES module full build, CommonJS lean build', esmFull, cjsBuildLean);
sameClass('CommonJS full build, ES module lean build', cjsBuildFull, esmLean);

// The registry itself (pkg/src/error.js), in fresh realms (node:vm contexts) that load the lean
// CommonJS build, one file that needs nothing from Node but atob: a second copy exports the
// first copy's class; a value at the key that is not an Error class is ignored (the copy keeps
// its own); a frozen globalThis leaves each copy its own class, and loading still works.
const REGISTRY = Symbol.for('huaweicloud-live-callback/CallbackError@1');
const leanCjs = readFileSync(join(dist, 'lean/inline.cjs'), 'utf8');
/** @param {object} context @returns {any} the build's exports, loaded in that realm */
function loadIn(context) {
  const m = { exports: {} };
  vm.runInContext(`(function (module, exports) {${leanCjs}\n})`, context)(m, m.exports);
  return m.exports;
}
/** @param {any} lib @returns {any} the error lib.parse('{') throws */
const parseError = (lib) => thrown(() => lib.parse('{'));
{
  const realm = vm.createContext({ atob });
  const first = loadIn(realm);
  const second = loadIn(realm);
  ok(
    first.CallbackError === second.CallbackError,
    "a second copy in a realm exports the first copy's class",
  );
  ok(first.verify !== second.verify, 'the two copies are module instances of their own');
  ok(
    parseError(second) instanceof first.CallbackError,
    "an error of the second copy is instanceof the first copy's class",
  );
  ok(
    vm.runInContext('globalThis', realm)[REGISTRY] === first.CallbackError,
    "the class is registered on the realm's globalThis",
  );
  ok(first.CallbackError !== cjsBuildLean.CallbackError, 'each realm has its own registry');
}
{
  const realm = vm.createContext({ atob });
  vm.runInContext('globalThis', realm)[REGISTRY] = 42;
  const lib = loadIn(realm);
  const e = parseError(lib);
  ok(
    typeof lib.CallbackError === 'function' &&
      e instanceof lib.CallbackError &&
      e.code === 'MALFORMED_JSON',
    'a registry value that is not an Error class is ignored',
    String(e),
  );
}
{
  // A frozen globalThis: in a child process (Node's own lazy globals are read before freezing).
  const dir = mkdtempSync(join(tmpdir(), 'hwlc-frozen-'));
  try {
    const script = join(dir, 'frozen.cjs');
    writeFileSync(
      script,
      `'use strict';
void [TextEncoder, TextDecoder, atob];
Object.freeze(globalThis);
const p = ${JSON.stringify(join(dist, 'lean/inline.cjs'))};
const first = require(p);
delete require.cache[p];
const second = require(p);
let e;
try { first.parse('{'); } catch (x) { e = x; }
process.stdout.write(JSON.stringify({
  instance: e instanceof first.CallbackError, name: e.name, code: e.code,
  shared: first.CallbackError === second.CallbackError,
}));
`,
    );
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60000 });
    const got = r.status === 0 ? JSON.parse(r.stdout) : {};
    ok(
      got.instance === true && got.name === 'CallbackError' && got.code === 'MALFORMED_JSON',
      'under a frozen globalThis the build loads and throws its CallbackError',
      `${r.status} ${r.stdout} ${r.stderr.slice(0, 300)}`,
    );
    ok(got.shared === false, 'under a frozen globalThis each copy keeps its own class', r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
