// make bench, memory: BENCH_MEMORY_CALLS (1,000,000) verifies in one Node process, cycling
// through valid, tampered (SIGNATURE_MISMATCH) and malformed (MALFORMED_JSON; strings, and bytes for bodyHex cases) bodies of the
// vector file, every outcome checked against the vector's expectation. After a warm-up of
// 10,000 calls and a full GC: RSS, V8 heap, arrayBuffers, and the size of the package's
// WebAssembly.Memory — the package does not export it, so this runner wraps the global
// WebAssembly.Instance constructor before importing the package and reads exports.memory of
// the instances created. Then again after the run (and a full GC); prints the growth.
// Run from build/bench: node --expose-gc memory.mjs
import { BODIES, cases, int, mark, pick, save } from './bench-util.mjs';

if (typeof gc !== 'function') throw new Error('run with node --expose-gc');
const CALLS = Number(process.env.BENCH_MEMORY_CALLS ?? 1_000_000);
const WARMUP = 10_000;
const MIB = 1 << 20;
const RSS_TARGET = 4 * MIB;
const WASM_TARGET = 64 * 1024; // one wasm page

const instances = [];
WebAssembly.Instance = new Proxy(WebAssembly.Instance, {
  construct(target, args, newTarget) {
    const inst = Reflect.construct(target, args, newTarget);
    instances.push(inst);
    return inst;
  },
});
const lib = await import('huaweicloud-live-callback');
const wasmBytes = () => {
  const mems = instances
    .map((i) => i.exports.memory)
    .filter((m) => m instanceof WebAssembly.Memory);
  return mems.length ? mems.reduce((s, m) => s + m.buffer.byteLength, 0) : null;
};

// The mix: callback-sized cases (body or bodyHex, at most 4 KiB; not the 200 KB nesting bombs)
// with one key and only `now` as option, by expected outcome.
const simple = (c) =>
  c.keys.length === 1 &&
  Object.keys(c.options).join() === 'now' &&
  (c.body !== undefined || c.bodyHex !== undefined) &&
  c.bodyLength <= 4096;
const byKind = {
  valid: BODIES.map((b) => ({ ...pick(b.name, b.bytes), expect: null, name: b.name })),
  tampered: cases().filter((c) => simple(c) && c.expect.error === 'SIGNATURE_MISMATCH'),
  malformed: cases().filter((c) => simple(c) && c.expect.error === 'MALFORMED_JSON'),
};
for (const k of ['tampered', 'malformed']) {
  byKind[k] = byKind[k].map((c) => ({
    body: c.body ?? new Uint8Array(Buffer.from(c.bodyHex, 'hex')),
    key: c.keys[0].key,
    now: Number(c.options.now),
    expect: c.expect.error,
    name: c.name,
  }));
  if (byKind[k].length === 0) throw new Error(`no ${k} vector case`);
}
const verifiers = new Map();
const plan = [];
for (let i = 0; plan.length < 3 * Math.max(...Object.values(byKind).map((l) => l.length)); i++) {
  for (const k of ['valid', 'tampered', 'malformed']) {
    const c = byKind[k][i % byKind[k].length];
    if (!verifiers.has(c.key)) verifiers.set(c.key, new lib.Verifier({ keys: [c.key] }));
    plan.push({ ...c, verifier: verifiers.get(c.key), opts: { now: c.now } });
  }
}

const tally = { ok: 0, rejected: 0 };
function run(n) {
  for (let i = 0; i < n; i++) {
    const p = plan[i % plan.length];
    try {
      p.verifier.verify(p.body, p.opts);
      if (p.expect !== null) throw new Error(`${p.name} verified but should fail with ${p.expect}`);
      tally.ok++;
    } catch (e) {
      if (!(e instanceof lib.CallbackError) || e.code !== p.expect)
        throw new Error(`${p.name}: ${e?.code} ${e?.message} (expected ${p.expect ?? 'ok'})`);
      tally.rejected++;
    }
  }
}
const snapshot = () => {
  gc();
  const m = process.memoryUsage();
  return {
    rss: m.rss,
    heapUsed: m.heapUsed,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    wasm: wasmBytes(),
  };
};

run(WARMUP);
tally.ok = tally.rejected = 0;
const before = snapshot();
const t0 = process.hrtime.bigint();
run(CALLS);
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
const after = snapshot();
const maxRss = process.resourceUsage().maxRSS * 1024;

const counts = Object.fromEntries(Object.entries(byKind).map(([k, l]) => [k, l.length]));
console.log(
  `${int(CALLS)} verifies after ${int(WARMUP)} warm-up calls (Node ${process.version}), cycling ${counts.valid} valid, ${counts.tampered} tampered, ${counts.malformed} malformed bodies:`,
);
console.log(
  `  ${int(tally.ok)} accepted, ${int(tally.rejected)} rejected with the expected code, in ${secs.toFixed(1)} s`,
);
const mib = (b) => (b === null ? 'n/a' : `${(b / MIB).toFixed(2)} MiB`);
const diff = (a, b) =>
  a === null || b === null ? 'n/a' : `${b - a >= 0 ? '+' : ''}${int(b - a)} bytes`;
console.log(`  ${''.padEnd(26)} ${'before'.padStart(11)} ${'after'.padStart(11)}  growth`);
for (const [k, label] of [
  ['rss', 'RSS'],
  ['heapUsed', 'V8 heap used'],
  ['external', 'external'],
  ['arrayBuffers', 'arrayBuffers'],
  ['wasm', 'WebAssembly.Memory'],
]) {
  console.log(
    `  ${label.padEnd(26)} ${mib(before[k]).padStart(11)} ${mib(after[k]).padStart(11)}  ${diff(before[k], after[k])}`,
  );
}
console.log(`  peak RSS (getrusage maxrss): ${mib(maxRss)}`);
const rssGrowth = after.rss - before.rss;
const wasmGrowth = before.wasm === null ? null : after.wasm - before.wasm;
const flat = rssGrowth <= RSS_TARGET && (wasmGrowth === null || wasmGrowth <= WASM_TARGET);
console.log('\ntargets (memory):');
console.log(
  `  flat: RSS growth <= 4 MiB and wasm memory growth <= 64 KiB: RSS ${diff(before.rss, after.rss)}, wasm ${diff(before.wasm, after.wasm)}  ${mark(flat)}`,
);
save(
  'memory',
  [
    {
      name: `memory: ${int(CALLS)} mixed verifies, RSS growth <= 4 MiB and WebAssembly.Memory growth <= 64 KiB`,
      figure: `RSS ${diff(before.rss, after.rss)}, wasm ${diff(before.wasm, after.wasm)}`,
      met: flat,
    },
  ],
  { before, after, maxRss, tally, secs },
);
