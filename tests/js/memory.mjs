// Memory test of the npm package (issue 6): 1,000,000 mixed valid and invalid calls, after a
// 20,000-call warm-up, must leave the process's RSS, its ArrayBuffer memory and the wasm
// module's linear memory flat. Run against the package installed from the `npm pack` tarball:
//   node --expose-gc tests/js/memory.mjs [SCRATCH_DIR]   (make test-js-robustness)
// SCRATCH_DIR defaults to build/scratch/node (where `make test-pkg` installs the tarball).
// Env: MEMORY_CALLS (default 1000000) for a shorter run while debugging.
//
// The mix, per 20 calls: a cached Verifier on a string (5) and on bytes (1); one-shot verify,
// one key, string (2), two keys (1), bytes (1); tampered bodies, each one a new string
// (SIGNATURE_MISMATCH, 3); malformed string and bytes (MALFORMED_JSON, 2); bad arguments
// (TypeError, 2); parse (1); an expired callback (EXPIRED, 1); a non-ASCII body (the JSON path,
// 1). Once per 1,000 calls each: explain, sign, a new Verifier (left to the garbage collector)
// and generateKey; once per 5,000 calls: a 500 KB body, alternately a string and bytes.
// Every call's outcome is checked too (counted per kind). After all that, the whole JS suite
// (tests/js/suite.mjs: the boundary matrix, the fuzz corpus) runs twice with garbage collections
// in between, and the process must survive it with verify still working and wasm memory under
// 64 MiB: a wasm heap corrupted by a hostile value shows up later, as a trap when a finalizer
// frees a collected object.
//
// Bounds (generous: a leak of 64 bytes per call is 64 MB): growth after the warm-up of at most
// 64 MiB of RSS, 64 MiB of ArrayBuffer memory, 16 MiB of live JS heap (heapUsed after a full
// collection) and 16 MiB of wasm memory. The figures are printed. RSS does grow by some 20-30
// MiB over the first million calls without any leak: V8 enlarges its heap (heapTotal, printed)
// for the allocation rate of the loop — heapUsed stays flat, and heapTotal stops near 36 MiB
// (measured: the same after 1 and 3 million calls of one kind).
// Last line: "N passed, N failed" (checks, not calls); exit status 1 on any failure.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runSuite } from './suite.mjs';

const MiB = 1 << 20;
const BOUND_RSS = 64 * MiB;
const BOUND_ARRAY_BUFFERS = 64 * MiB;
const BOUND_WASM = 16 * MiB; // none is legitimate: the warm-up reaches the largest body
const BOUND_HEAP_USED = 16 * MiB; // live JS objects after a full collection
const WARMUP = 20000;
const KINDS = 20; // the distinct tally names in call()
const CALLS = Number(process.env.MEMORY_CALLS ?? 1000000);

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = resolve(process.argv[2] ?? join(root, 'build/scratch/node'));

// The wasm module's memory, caught the first time the package's glue reads its buffer (the hook
// is removed right after loading, so the loop runs on the untouched prototype).
const bufferDescriptor = Object.getOwnPropertyDescriptor(WebAssembly.Memory.prototype, 'buffer');
const memories = new Set();
Object.defineProperty(WebAssembly.Memory.prototype, 'buffer', {
  ...bufferDescriptor,
  get() {
    memories.add(this);
    return bufferDescriptor.get.call(this);
  },
});

let lib;
try {
  const loader = join(scratch, 'load-esm.mjs');
  writeFileSync(loader, "export * as lib from 'huaweicloud-live-callback';\n");
  ({ lib } = await import(pathToFileURL(loader).href));
} catch (e) {
  console.error(`memory.mjs: cannot load the installed package from ${scratch}: ${e.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

let passed = 0;
let failed = 0;
const check = (ok, name, detail = '') => {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`);
  }
};
// A wasm trap in a FinalizationRegistry callback (freeing a collected Verifier from a corrupted
// wasm heap) is thrown from no call of ours: it would kill the process without a count.
process.on('uncaughtException', (e) => {
  check(
    false,
    'no uncaught exception (e.g. a wasm trap in a finalizer freeing a collected object)',
    `${e?.name}: ${e?.message}\n${e?.stack}`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(1);
});

// ---------------------------------------------------------------- inputs
const vectors = JSON.parse(readFileSync(join(root, 'tests/vectors/callbacks.json'), 'utf8'));
const doc = vectors.cases.find(
  (c) =>
    c.expect.ok &&
    typeof c.body === 'string' &&
    c.expect.kind === 'stream' &&
    c.expect.algorithm === 'HMAC-SHA256' &&
    c.keys.length === 1,
);
const KEY = doc.keys[0].key;
const NOW = doc.options.now;
const OTHER = 'Ot6wE1rY4uI9oP2aS7dF3gH8jK5lZ0xC4vB9nM2q';
const enc = new TextEncoder();
const body = doc.body;
const bytes = enc.encode(body);
const one = { key: KEY, now: NOW };
const two = { keys: [OTHER, KEY], now: NOW };
const perCall = { now: NOW };
const malformed = body.slice(0, -2);
const malformedBytes = enc.encode(malformed);
const unicode = lib.sign(
  { domain: 'push.example.com', app: 'live', stream: '直播-ü', event: 'PUBLISH' },
  { key: KEY, authTimestamp: NOW },
).body;
const large = lib.sign(
  {
    domain: 'push.example.com',
    app: 'live',
    stream: 's',
    event: 'PUBLISH',
    user_args: `a=${'x'.repeat(500000)}`,
  },
  { key: KEY, authTimestamp: NOW },
).body;
const largeBytes = enc.encode(large);
const verifier = new lib.Verifier({ keys: [KEY] });

// ---------------------------------------------------------------- the mix
const kinds = {};
const tally = (kind, ok) => {
  kinds[kind] ??= { calls: 0, wrong: 0, example: '' };
  const k = kinds[kind];
  k.calls++;
  if (!ok) k.wrong++;
};
const accepted = (kind, fn) => {
  try {
    const v = fn();
    const ok = v.keyIndex >= 0 && v.callback.app === 'live';
    tally(kind, ok);
    if (!ok) kinds[kind].example ||= JSON.stringify(v).slice(0, 200);
  } catch (e) {
    tally(kind, false);
    kinds[kind].example ||= `${e?.name}: ${e?.message}`;
  }
};
const refused = (kind, fn, code) => {
  try {
    fn();
    tally(kind, false);
    kinds[kind].example ||= 'accepted';
  } catch (e) {
    const ok =
      code === 'TypeError'
        ? e instanceof TypeError
        : e instanceof lib.CallbackError && e.code === code;
    tally(kind, ok);
    if (!ok) kinds[kind].example ||= `${e?.name}: ${e?.code} ${e?.message}`;
  }
};

const plain = (kind, fn) => {
  try {
    const ok = fn();
    tally(kind, ok);
    if (!ok) kinds[kind].example ||= 'a wrong result';
  } catch (e) {
    tally(kind, false);
    kinds[kind].example ||= `${e?.name}: ${e?.message}`;
  }
};

function call(i) {
  const m = i % 1000;
  if (m === 500) {
    return plain('explain', () => lib.explain(body, one).verdict === 'VALID');
  }
  if (m === 501) {
    return plain(
      'sign',
      () =>
        lib.sign(
          { domain: 'd', app: 'live', stream: `s${i}`, event: 'PUBLISH' },
          { key: KEY, authTimestamp: NOW },
        ).callback.auth_sign.length === 64,
    );
  }
  if (m === 502)
    return accepted('new Verifier (left to the GC)', () =>
      new lib.Verifier({ keys: [OTHER, KEY] }).verify(body, perCall),
    );
  if (m === 503) return plain('generateKey', () => lib.generateKey().length === 64);
  if (i % 5000 === 4000)
    return accepted('500 KB string body', () => verifier.verify(large, perCall));
  if (i % 5000 === 4001)
    return accepted('500 KB Uint8Array body', () => lib.verify(largeBytes, one));
  switch (i % 20) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
      return accepted('Verifier, string', () => verifier.verify(body, perCall));
    case 5:
      return accepted('Verifier, bytes', () => verifier.verify(bytes, perCall));
    case 6:
    case 7:
      return accepted('verify, one key, string', () => lib.verify(body, one));
    case 8:
      return accepted('verify, two keys, string', () => lib.verify(body, two));
    case 9:
      return accepted('verify, one key, bytes', () => lib.verify(bytes, one));
    case 10:
    case 11:
      return refused(
        'tampered (a new string each call), Verifier',
        () => verifier.verify(body.replace('"live"', `"l${i}"`), perCall),
        'SIGNATURE_MISMATCH',
      );
    case 12:
      return refused(
        'tampered, verify',
        () => lib.verify(body.replace('"live"', `"L${i}"`), one),
        'SIGNATURE_MISMATCH',
      );
    case 13:
      return refused(
        'malformed string',
        () => verifier.verify(malformed, perCall),
        'MALFORMED_JSON',
      );
    case 14:
      return refused('malformed bytes', () => lib.verify(malformedBytes, one), 'MALFORMED_JSON');
    case 15:
      return refused('bad argument: a number for body', () => lib.verify(i, one), 'TypeError');
    case 16:
      return refused(
        'bad argument: a negative now',
        () => verifier.verify(body, { now: -i }),
        'TypeError',
      );
    case 17:
      return plain('parse', () => lib.parse(body).callback.app === 'live');
    case 18:
      return refused('expired', () => verifier.verify(body, { now: NOW + 100000 + i }), 'EXPIRED');
    default:
      return accepted('non-ASCII body (JSON path)', () => lib.verify(unicode, one));
  }
}

// ---------------------------------------------------------------- measuring
const wasmBytes = () =>
  [...memories].reduce((n, m) => n + bufferDescriptor.get.call(m).byteLength, 0);
const settle = async () => {
  if (typeof globalThis.gc !== 'function') return;
  // Twice, with turns of the event loop between: FinalizationRegistry callbacks (which free the
  // wasm side of collected Verifiers) run as tasks after a collection.
  for (let r = 0; r < 3; r++) {
    globalThis.gc();
    await new Promise((res) => setImmediate(res));
  }
};
const sample = () => {
  const u = process.memoryUsage();
  return {
    rss: u.rss,
    heapTotal: u.heapTotal,
    heapUsed: u.heapUsed,
    external: u.external,
    arrayBuffers: u.arrayBuffers,
    wasm: wasmBytes(),
  };
};
const mb = (n) => `${(n / MiB).toFixed(1)} MiB`;
const signedMb = (n) => `${n >= 0 ? '+' : ''}${(n / MiB).toFixed(1)} MiB`;

try {
  lib.verify(body, one); // the first call reads wasm memory: the hook catches it
} finally {
  Object.defineProperty(WebAssembly.Memory.prototype, 'buffer', bufferDescriptor);
}
check(memories.size === 1, "the wasm module's memory was found", `${memories.size} memories`);
check(
  typeof globalThis.gc === 'function',
  'run with --expose-gc (the figures are taken after a collection)',
);

const t0 = Date.now();
for (let i = 0; i < WARMUP; i++) call(i);
await settle();
const before = sample();
const trajectory = [];
const step = Math.max(1, Math.floor(CALLS / 5));
for (let i = 0; i < CALLS; i++) {
  call(WARMUP + i);
  if ((i + 1) % step === 0 && i + 1 < CALLS)
    trajectory.push(`${(i + 1) / 1000}k ${mb(process.memoryUsage().rss)}`);
}
await settle();
const after = sample();
const seconds = (Date.now() - t0) / 1000;

let total = 0;
check(
  Object.keys(kinds).length === KINDS,
  `all ${KINDS} kinds of call were made`,
  Object.keys(kinds).join(', '),
);
for (const [kind, k] of Object.entries(kinds)) {
  total += k.calls;
  check(
    k.calls > 0 && k.wrong === 0,
    `${kind}: ${k.calls} calls, every outcome as expected`,
    `${k.wrong} wrong, e.g. ${k.example}`,
  );
}
check(total === WARMUP + CALLS, `${WARMUP + CALLS} calls made`, `${total}`);

console.log(
  `node ${process.version}, ${WARMUP} warm-up + ${CALLS} calls in ${seconds.toFixed(1)} s (${Object.keys(kinds).length} kinds)`,
);
console.log(
  `rss before ${mb(before.rss)}, after ${mb(after.rss)}, growth ${signedMb(after.rss - before.rss)} (bound ${mb(BOUND_RSS)}); during: ${trajectory.join(', ')}`,
);
console.log(
  `arrayBuffers before ${mb(before.arrayBuffers)}, after ${mb(after.arrayBuffers)}, growth ${signedMb(after.arrayBuffers - before.arrayBuffers)} (bound ${mb(BOUND_ARRAY_BUFFERS)})`,
);
console.log(
  `wasm memory before ${mb(before.wasm)}, after ${mb(after.wasm)}, growth ${signedMb(after.wasm - before.wasm)} (bound ${mb(BOUND_WASM)})`,
);
console.log(
  `heapTotal before ${mb(before.heapTotal)}, after ${mb(after.heapTotal)}; heapUsed before ${mb(before.heapUsed)}, after ${mb(after.heapUsed)}; external before ${mb(before.external)}, after ${mb(after.external)}`,
);
check(
  after.rss - before.rss <= BOUND_RSS,
  'RSS growth within the bound',
  signedMb(after.rss - before.rss),
);
check(
  after.arrayBuffers - before.arrayBuffers <= BOUND_ARRAY_BUFFERS,
  'ArrayBuffer growth within the bound',
  signedMb(after.arrayBuffers - before.arrayBuffers),
);
check(
  after.heapUsed - before.heapUsed <= BOUND_HEAP_USED,
  'live JS heap (heapUsed after a collection) growth within the bound',
  signedMb(after.heapUsed - before.heapUsed),
);
check(
  after.wasm - before.wasm <= BOUND_WASM,
  'wasm memory growth within the bound',
  signedMb(after.wasm - before.wasm),
);
// ---------------------------------------------------------------- aftermath
// Then the whole JS suite, twice, with collections in between: every hostile value of the
// boundary matrix and every fuzz regression input, and finalizers freeing what the suite left
// behind (its own failures are test-pkg's and test-runtimes' to report; here only surviving it
// counts). Last, so that a module the suite leaves dead does not hide the figures above.
const corpus = JSON.parse(readFileSync(join(root, 'tests/fuzz-regressions/corpus.json'), 'utf8'));
// Plus, each round, a body whose length getter says 5 and then 10^9 (a Uint8Array subclass) in
// parse, explain and verify: with the package of 2026-11-21 this traps in wasm, and two rounds
// later a finalizer traps on the corrupted wasm heap ("memory access out of bounds" in
// OptionsFinalization / VerifierFinalization), killing the process.
const liar = (lies) => {
  let n = 0;
  const Liar = class extends Uint8Array {
    get length() {
      const i = n++;
      return i < lies.length ? lies[i] : super.length;
    }
  };
  return new Liar(5);
};
for (let round = 1; round <= 2; round++) {
  try {
    const r = runSuite(lib, vectors, () => {}, corpus);
    console.log(
      `the suite, round ${round}: ${r.passed} passed, ${r.failed} failed (reported by make test-pkg)`,
    );
  } catch (e) {
    console.log(
      `the suite, round ${round}: threw ${e?.name}: ${e?.message} (the module is broken; see below)`,
    );
  }
  for (const f of [
    () => lib.parse(liar([5, 1e9])),
    () => lib.explain(liar([5, 1e9]), one),
    () => lib.verify(liar([5, 1e9]), one),
  ]) {
    try {
      f();
    } catch {
      // The suite judges the error itself; here only what happens afterwards counts.
    }
  }
  await settle();
}
let after2 = '';
try {
  after2 = lib.verify(body, one).callback.app;
} catch (e) {
  after2 = `${e?.name}: ${e?.message}`;
}
check(after2 === 'live', 'after the suite twice and collections, verify still works', after2);
// The suite's largest legitimate bodies (5 MiB, and a 5 MiB string under an 8 MiB limit, for
// which the input buffer takes 3 bytes a character) leave wasm memory near 26 MiB.
const BOUND_WASM_AFTER_SUITE = 64 * MiB;
check(
  wasmBytes() <= BOUND_WASM_AFTER_SUITE,
  `wasm memory after the suite at most ${mb(BOUND_WASM_AFTER_SUITE)}`,
  mb(wasmBytes()),
);

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
