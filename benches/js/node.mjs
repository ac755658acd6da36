// make bench, Node part: our package next to node:crypto, hash-wasm, js-sha256 (pure JS) and Web
// Crypto, on the same bodies, in one process, interleaved rounds, medians, ratios against
// node:crypto. Run from a scratch project where the packed package and the peers are installed
// (scripts/bench.sh does that): node node.mjs <vectors.json>
import { readFileSync } from 'node:fs';
import * as crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import * as hw from 'hash-wasm';
import { sha256 } from 'js-sha256/build/sha256.min.mjs';
import * as lib from 'huaweicloud-live-callback';
import { nodeCrypto, hashWasm, jsSha256, webCrypto, interleave, table } from './peers.mjs';

const vectors = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const pick = (name) => {
  const c = vectors.cases.find((x) => x.name === name);
  if (!c) throw new Error(`no vector case ${name}`);
  return { body: c.body, key: c.keys[0].key, now: Number(c.options.now) };
};
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const BATCH = Number(process.env.BENCH_BATCH ?? 20000);
const clock = () => performance.now();

const results = {};
for (const [label, name] of [
  ['stream notification, 454 bytes', 'stream/PUBLISH/hmac/valid-compact'],
  ['recording callback, 709 bytes', 'record/RECORD_FILE_COMPLETE/hmac/valid-compact'],
]) {
  const { body, key, now } = pick(name);
  const bytes = new TextEncoder().encode(body);
  const verifier = new lib.Verifier({ keys: [key] });
  // Issue 9: what the value options cost (the shape checks run in every row).
  const pinned = new lib.Verifier({
    keys: [key],
    domains: ['other.example.com', 'push.example.com'],
    apps: ['live'],
  });
  const loose = new lib.Verifier({ keys: [key], allowUnknownEvents: true });
  const impls = {
    'ours: new Verifier().verify': (b, t) => verifier.verify(b, { now: t }),
    // The same body as UTF-8 bytes (what a server reads, and what receive.js passes on): an
    // ASCII body takes the result words whether it arrives as a string or as bytes.
    'ours: Verifier.verify(bytes)': (_b, t) => verifier.verify(bytes, { now: t }),
    'ours: + domains, apps': (b, t) => pinned.verify(b, { now: t }),
    'ours: + allowUnknownEvents': (b, t) => loose.verify(b, { now: t }),
    'ours: verify(body, opts)': (b, t) => lib.verify(b, { keys: [key], now: t }),
    'node:crypto': nodeCrypto(crypto, key),
    'hash-wasm (reused)': await hashWasm(hw, key),
    'js-sha256 (pure JS)': jsSha256(sha256, key),
    'webcrypto (async)': await webCrypto(crypto.webcrypto.subtle, key),
  };
  // Every implementation must accept the body and agree it is valid before it is timed.
  for (const [n, fn] of Object.entries(impls)) {
    const r = await fn(body, now);
    if (!r) throw new Error(`${n} did not verify ${name}`);
  }
  if (Buffer.byteLength(body) !== Number(label.match(/(\d+) bytes/)[1]))
    throw new Error(`body size of ${name}`);
  results[label] = await interleave(impls, body, now, { rounds: ROUNDS, batch: BATCH, clock });
  console.log(
    table(
      `${label} (Node ${process.version}, median of ${ROUNDS} interleaved rounds)`,
      results[label],
      'node:crypto',
    ),
  );
}

const s = results['stream notification, 454 bytes'];
const r = results['recording callback, 709 bytes'];
const cached = s['ours: new Verifier().verify'] / s['node:crypto'];
const plain = s['ours: verify(body, opts)'] / s['node:crypto'];
const recordRatio = s['ours: new Verifier().verify'] / r['ours: new Verifier().verify'];
console.log('\noption costs (verifies/s with the option / without, same process, interleaved):');
for (const [label, res] of [
  ['stream', s],
  ['record', r],
]) {
  for (const opt of ['ours: + domains, apps', 'ours: + allowUnknownEvents']) {
    console.log(
      `  ${label} ${opt.slice(6)}: ${(res[opt] / res['ours: new Verifier().verify']).toFixed(3)}x`,
    );
  }
}
const mark = (ok) => (ok ? 'met' : 'MISSED');
console.log('\ntargets (Node):');
console.log(
  `  new Verifier().verify >= 2.0x node:crypto: ${cached.toFixed(2)}x  ${mark(cached >= 2)}`,
);
console.log(
  `  verify(body, opts)    >= 1.0x node:crypto: ${plain.toFixed(2)}x  ${mark(plain >= 1)}`,
);
console.log(
  `  record cost within 1.3x of stream:        ${recordRatio.toFixed(2)}x  ${mark(recordRatio <= 1.3)}`,
);
