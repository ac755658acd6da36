// The same check as the package's verify, written with other HMAC implementations: JSON.parse,
// string-to-sign, HMAC-SHA256, constant-time compare, expiry. Shared by the Node and workerd
// benchmarks so that every runtime measures the same code.

const TOLERANCE = 300;

/** The spec's string-to-sign for either kind (absent fields are empty). */
export function stringToSign(cb) {
  if (typeof cb.event === 'string') {
    return cb.event + cb.domain + cb.app + cb.stream + cb.auth_timestamp;
  }
  return (
    String(cb.auth_timestamp) +
    cb.event_type +
    cb.publish_domain +
    cb.app +
    cb.stream +
    (cb.download_url ?? '') +
    (cb.play_url ?? '')
  );
}

function checkTime(cb, now) {
  if (now > cb.auth_timestamp + TOLERANCE) throw new Error('EXPIRED');
  return cb;
}

/** Constant-time comparison of two equal-length hex strings (case-insensitive). */
export function hexEqual(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a.charCodeAt(i) | 0x20) ^ (b.charCodeAt(i) | 0x20);
  return diff === 0;
}

/** node:crypto, the idiomatic way. */
export function nodeCrypto(crypto, key) {
  const { createHmac, timingSafeEqual } = crypto;
  return (body, now) => {
    const cb = JSON.parse(body);
    const mac = createHmac('sha256', key).update(stringToSign(cb)).digest();
    const got = Buffer.from(cb.auth_sign, 'hex');
    if (got.length !== mac.length || !timingSafeEqual(mac, got))
      throw new Error('SIGNATURE_MISMATCH');
    return checkTime(cb, now);
  };
}

/** hash-wasm with one reused HMAC instance (created asynchronously once). */
export async function hashWasm(hw, key) {
  const hmac = await hw.createHMAC(hw.createSHA256(), key);
  return (body, now) => {
    const cb = JSON.parse(body);
    hmac.init();
    hmac.update(stringToSign(cb));
    if (!hexEqual(hmac.digest('hex'), cb.auth_sign)) throw new Error('SIGNATURE_MISMATCH');
    return checkTime(cb, now);
  };
}

/** js-sha256, pure JavaScript. */
export function jsSha256(sha256, key) {
  return (body, now) => {
    const cb = JSON.parse(body);
    if (!hexEqual(sha256.hmac(key, stringToSign(cb)), cb.auth_sign))
      throw new Error('SIGNATURE_MISMATCH');
    return checkTime(cb, now);
  };
}

/** Web Crypto (async only): crypto.subtle.verify compares in constant time. */
export async function webCrypto(subtle, key) {
  const enc = new TextEncoder();
  const k = await subtle.importKey(
    'raw',
    enc.encode(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const hexBytes = (h) => {
    const out = new Uint8Array(h.length >> 1);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(h.substr(i * 2, 2), 16);
    return out;
  };
  return async (body, now) => {
    const cb = JSON.parse(body);
    const ok = await subtle.verify('HMAC', k, hexBytes(cb.auth_sign), enc.encode(stringToSign(cb)));
    if (!ok) throw new Error('SIGNATURE_MISMATCH');
    return checkTime(cb, now);
  };
}

/**
 * Runs `impls` ({name: fn(body, now) | async fn}) in interleaved rounds: each round runs every
 * implementation for `batch` calls, in a rotated order, and records ops/s. Returns the median
 * ops/s of each. `clock()` returns milliseconds.
 */
export async function interleave(impls, body, now, { rounds = 15, batch = 20000, clock }) {
  const names = Object.keys(impls);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length];
      const fn = impls[name];
      const n = name.startsWith('webcrypto') ? Math.max(1, batch >> 3) : batch;
      const t0 = clock();
      if (name.startsWith('webcrypto')) {
        for (let k = 0; k < n; k++) await fn(body, now);
      } else {
        for (let k = 0; k < n; k++) fn(body, now);
      }
      samples[name].push((n * 1000) / (clock() - t0));
    }
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[s.length >> 1];
  };
  return Object.fromEntries(names.map((n) => [n, median(samples[n])]));
}

/** A table of ops/s and ratios against `base`, as text lines. */
export function table(title, results, base) {
  const lines = [title];
  const w = Math.max(...Object.keys(results).map((n) => n.length));
  for (const [name, ops] of Object.entries(results)) {
    const ratio = ops / results[base];
    lines.push(
      `  ${name.padEnd(w)}  ${Math.round(ops).toLocaleString('en-US').padStart(10)} ops/s  ${ratio.toFixed(2)}x ${base}`,
    );
  }
  return lines.join('\n');
}
