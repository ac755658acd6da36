// THE JavaScript test suite of the huaweicloud-live-callback package, written once against its
// public API and run unchanged by every runtime runner (Node ESM and CJS, Deno, Bun, workerd,
// Chromium).
//
// Contract:
//   import { runSuite } from './suite.mjs';
//   const { passed, failed, failures } = runSuite(lib, vectors, log);
// - `lib`: the package's exports (verify, Verifier, parse, sign, explain, generateKey,
//   CallbackError), however the runtime loaded them (import, require, bundle).
// - `vectors`: the parsed tests/vectors/callbacks.json (schema: tests/vectors/README.md).
// - `log`: optional, called with one string per failure (and nothing else).
// - Synchronous; uses no runtime API beyond ECMAScript and globalThis.crypto (for
//   generateKey); never throws: an unexpected exception is a failure of that check.
// - Returns counts of checks and `failures`: an array of "check name: what went wrong"
//   strings. The runner prints its own final line `N passed, N failed`.

const CODES = [
  'MALFORMED_JSON', 'UNKNOWN_CALLBACK', 'MISSING_FIELD', 'INVALID_FIELD', 'DUPLICATE_FIELD',
  'MISSING_SIGNATURE', 'SIGNATURE_MISMATCH', 'EXPIRED', 'TIMESTAMP_IN_FUTURE',
  'MD5_NOT_ALLOWED', 'INVALID_KEY', 'BODY_TOO_LARGE',
];
const KEY = 'Pv4kQ9mZt2Lx7Wc3Rb8Nh5Jd1Fs6Gy0Ue2Ka7Mo9';
const INTEGER_FIELDS = new Set([
  'publish_timestamp', 'auth_timestamp', 'file_size', 'record_duration', 'width', 'height',
]);

function show(v) {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Error) return `${v.name}(${v.code ?? ''}) ${v.message}`;
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 200 ? `${s.slice(0, 200)}…` : s;
  } catch {
    return String(v);
  }
}

function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
}

function hexToBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** A case's body: a string (`body`, `bodyRepeat`) or bytes (`bodyHex`). */
function caseBody(c) {
  if (typeof c.body === 'string') return c.body;
  if (typeof c.bodyHex === 'string') return hexToBytes(c.bodyHex);
  const r = c.bodyRepeat;
  return r.prefix + r.unit.repeat(r.count) + (r.middle ?? '') + (r.close ?? '').repeat(r.count) + r.suffix;
}

/** A vector integer (number, or a decimal string above 2^53 - 1) as an API value. */
function int(v) {
  return typeof v === 'string' ? BigInt(v) : v;
}

function caseKeys(c) {
  return c.keys.map((k) => (k.id === null || k.id === undefined ? { key: k.key } : { id: k.id, key: k.key }));
}

/** The options without `now` (for `new Verifier`) and with it (for `verify`, `explain`). */
function caseOptions(c) {
  const o = c.options;
  const base = { keys: caseKeys(c) };
  if (o.toleranceSeconds !== undefined) base.toleranceSeconds = int(o.toleranceSeconds);
  if (o.maxFutureSeconds !== undefined) base.maxFutureSeconds = int(o.maxFutureSeconds);
  if (o.allowMd5 !== undefined) base.allowMd5 = o.allowMd5;
  if (o.maxBodyBytes !== undefined) base.maxBodyBytes = int(o.maxBodyBytes);
  return { base, now: int(o.now), full: { ...base, now: int(o.now) } };
}

export function runSuite(lib, vectors, log = () => {}) {
  let passed = 0;
  let failed = 0;
  const failures = [];
  const fail = (name, why) => {
    failed++;
    const line = `${name}: ${why}`;
    failures.push(line);
    log(line);
  };
  /** One named check: `fn` returns nothing (pass) or a string (why it failed), or throws. */
  const check = (name, fn) => {
    try {
      const why = fn();
      if (why === undefined || why === true) passed++;
      else fail(name, why);
    } catch (e) {
      fail(name, `unexpected exception ${show(e)}`);
    }
  };
  /** `fn` must throw a CallbackError with `code`; returns a failure reason or undefined. */
  const throwsCode = (fn, code) => {
    try {
      const r = fn();
      return `expected CallbackError ${code}, got a result ${show(r)}`;
    } catch (e) {
      if (!(e instanceof lib.CallbackError)) return `expected CallbackError ${code}, got ${show(e)}`;
      if (!(e instanceof Error) || e.name !== 'CallbackError') return `CallbackError is not a named Error: ${show(e)}`;
      if (e.code !== code) return `expected code ${code}, got ${e.code} (${e.message})`;
      if (typeof e.message !== 'string' || e.message.length === 0) return 'empty message';
      return undefined;
    }
  };
  /** `fn` must throw a TypeError naming `arg`, or a CallbackError with a known code. */
  const throwsArgError = (fn, arg) => {
    try {
      const r = fn();
      return `expected an error about ${arg}, got a result ${show(r)}`;
    } catch (e) {
      if (e instanceof TypeError) return e.message.includes(arg) ? undefined : `TypeError does not name ${arg}: ${e.message}`;
      if (e instanceof lib.CallbackError && CODES.includes(e.code)) return undefined;
      return `expected TypeError or CallbackError, got ${show(e)}`;
    }
  };

  const cases = Array.isArray(vectors?.cases) ? vectors.cases : [];
  check('vectors: the file has cases and signer vectors', () =>
    cases.length > 0 && Array.isArray(vectors.sign) && vectors.sign.length > 0 ? undefined : 'no cases');

  // A known-good body and verifier, to prove the module still works after each error.
  const good = lib.sign(
    { domain: 'push.example.com', app: 'live', stream: 's', event: 'PUBLISH' },
    { key: KEY, authTimestamp: 1587954140 },
  );
  const stillWorks = () => {
    const v = lib.verify(good.body, { keys: [KEY], now: 1587954200 });
    return v.kind === 'stream' && v.callback.auth_sign === good.callback.auth_sign ? undefined : `after the error, verify returned ${show(v)}`;
  };

  // ---------------------------------------------------------------- every vector case
  for (const c of cases) {
    const body = caseBody(c);
    const { base, now, full } = caseOptions(c);
    const e = c.expect;

    const checkVerified = (v) => {
      const wantKind = e.kind;
      if (v.kind !== wantKind) return `kind ${show(v.kind)}, expected ${show(wantKind)}`;
      if (v.event !== e.event) return `event ${show(v.event)}, expected ${show(e.event)}`;
      if (v.algorithm !== e.algorithm) return `algorithm ${show(v.algorithm)}, expected ${show(e.algorithm)}`;
      if (v.keyIndex !== e.keyIndex) return `keyIndex ${v.keyIndex}, expected ${e.keyIndex}`;
      if ((v.keyId ?? null) !== (e.keyId ?? null)) return `keyId ${show(v.keyId)}, expected ${show(e.keyId)}`;
      if (e.keyId === null && 'keyId' in v) return 'keyId is present for a key without id (absent fields are omitted)';
      if (v.bodyAuthenticated !== e.bodyAuthenticated) return `bodyAuthenticated ${v.bodyAuthenticated}`;
      if (!deepEqual(v.signedFields, e.signedFields)) return `signedFields ${show(v.signedFields)}`;
      const cb = v.callback;
      if (cb === null || typeof cb !== 'object') return `callback ${show(cb)}`;
      if (cb.auth_sign !== undefined && e.signature !== undefined && cb.auth_sign.toLowerCase() !== e.signature) {
        return `callback.auth_sign ${show(cb.auth_sign)} is not the expected signature`;
      }
      if (e.parsed) {
        const want = Object.keys(e.parsed).sort();
        const got = Object.keys(cb).sort();
        if (!deepEqual(want, got)) return `callback fields ${show(got)}, expected ${show(want)}`;
        for (const k of want) {
          const w = e.parsed[k];
          const g = cb[k];
          if (INTEGER_FIELDS.has(k)) {
            if (typeof g !== 'number' || g !== Number(w)) return `callback.${k} ${show(g)}, expected the number ${w}`;
          } else if (g !== w) {
            return `callback.${k} ${show(g)}, expected ${show(w)}`;
          }
        }
      }
      return undefined;
    };

    check(`verify ${c.name}`, () => {
      if (e.ok) return checkVerified(lib.verify(body, full));
      return throwsCode(() => lib.verify(body, full), e.error);
    });

    check(`Verifier ${c.name}`, () => {
      let verifier;
      try {
        verifier = new lib.Verifier(base);
      } catch (err) {
        if (!e.ok && e.error === 'INVALID_KEY') return throwsCode(() => { throw err; }, 'INVALID_KEY');
        throw err;
      }
      if (!e.ok && e.error === 'INVALID_KEY') return 'new Verifier accepted keys the vector says are invalid';
      // Twice: the cached key state must give the same answer again.
      for (let i = 0; i < 2; i++) {
        const why = e.ok
          ? checkVerified(verifier.verify(body, { now }))
          : throwsCode(() => verifier.verify(body, { now }), e.error);
        if (why) return i ? `second call: ${why}` : why;
      }
      return undefined;
    });

    check(`explain ${c.name}`, () => {
      const x = lib.explain(body, full);
      const code = x.error === null ? null : x.error.code;
      if (code !== (e.ok ? null : e.error)) return `explain error ${show(x.error)}, expected ${e.ok ? 'none' : e.error}`;
      if (e.ok && x.matches !== true) return 'matches is false for a valid callback';
      if (e.error === 'SIGNATURE_MISMATCH' && x.matches !== false) return 'matches is true for a mismatch';
      if (e.stringToSign !== undefined) {
        // For MD5 both the vector and explain leave the key out of the string-to-sign.
        const sts = e.stringToSign;
        if (x.stringToSign !== sts) return `stringToSign ${show(x.stringToSign)}, expected ${show(sts)}`;
        if (x.expectedSignature !== e.signature) return `expectedSignature ${show(x.expectedSignature)}, expected ${e.signature}`;
        if (x.kind !== e.kind || x.event !== e.event || x.algorithm !== e.algorithm) {
          return `kind/event/algorithm ${show([x.kind, x.event, x.algorithm])}`;
        }
        if (x.timing === null || x.timing.authTimestamp !== Number(e.authTimestamp)) return `timing ${show(x.timing)}`;
        if (x.parts.map((p) => p.value).join('') !== x.stringToSign) return 'parts do not concatenate to stringToSign';
      }
      if (e.ok) {
        const verdict = e.algorithm === 'MD5' ? 'WEAK' : 'VALID';
        if (x.verdict !== verdict) return `verdict ${x.verdict}, expected ${verdict}`;
        if (x.keyIndex !== e.keyIndex || x.keyId !== e.keyId) return `keyIndex/keyId ${x.keyIndex}/${show(x.keyId)}`;
        if (x.bodyAuthenticated !== e.bodyAuthenticated) return `bodyAuthenticated ${x.bodyAuthenticated}`;
        if (!deepEqual(x.signedFields, e.signedFields)) return `signedFields ${show(x.signedFields)}`;
        if (!deepEqual(x.callback, lib.verify(body, full).callback)) return 'explain.callback differs from verify().callback';
      }
      const text = JSON.stringify(x);
      for (const k of c.keys) if (text.includes(k.key)) return 'the explanation contains a key';
      return undefined;
    });

    if (e.ok) {
      check(`parse ${c.name}`, () => {
        const p = lib.parse(body, { maxBodyBytes: base.maxBodyBytes });
        const v = lib.verify(body, full);
        if (p.kind !== v.kind || p.event !== v.event) return `parse gave ${p.kind}/${p.event}`;
        if (!deepEqual(p.callback, v.callback)) return `parse().callback differs from verify().callback: ${show(p.callback)}`;
        return undefined;
      });
    }
  }

  // ---------------------------------------------------------------- body forms agree
  const doc = cases.find((c) => c.expect.ok && typeof c.body === 'string' && c.expect.kind === 'stream');
  if (doc) {
    const { full } = caseOptions(doc);
    const want = lib.verify(doc.body, full);
    const bytes = new TextEncoder().encode(doc.body);
    const forms = {
      Uint8Array: bytes,
      ArrayBuffer: bytes.slice().buffer,
      'Uint8Array at an offset': new Uint8Array(new Uint8Array([1, 2, 3, ...bytes]).buffer, 3),
      DataView: new DataView(bytes.slice().buffer),
    };
    for (const [what, b] of Object.entries(forms)) {
      check(`body as ${what} gives the same result as a string`, () =>
        deepEqual(lib.verify(b, full), want) ? undefined : `got ${show(lib.verify(b, full))}`);
    }
    check('Verifier.verify without { now } uses the current time (an old callback is EXPIRED)', () =>
      throwsCode(() => new lib.Verifier({ keys: full.keys }).verify(doc.body), 'EXPIRED'));
  }

  // ---------------------------------------------------------------- signer vectors
  for (const s of Array.isArray(vectors?.sign) ? vectors.sign : []) {
    check(`sign ${s.name}`, () => {
      const ts = int(s.authTimestamp);
      const out = lib.sign(s.fields, { key: s.key, algorithm: s.algorithm, authTimestamp: ts });
      if (typeof out.body !== 'string') return `body ${show(out.body)}`;
      if (out.callback.auth_sign !== s.signature) return `auth_sign ${out.callback.auth_sign}, expected ${s.signature}`;
      if (out.callback.auth_timestamp !== Number(s.authTimestamp)) return `auth_timestamp ${out.callback.auth_timestamp}`;
      const v = lib.verify(out.body, { keys: [s.key], now: ts, allowMd5: true });
      if (v.kind !== s.kind || v.algorithm !== s.algorithm) return `verify gave ${v.kind}/${v.algorithm}`;
      if (!deepEqual(v.callback, out.callback)) return `verify().callback ${show(v.callback)} differs from sign().callback`;
      const x = lib.explain(out.body, { keys: [s.key], now: ts, allowMd5: true });
      const sts = s.stringToSign;
      if (x.stringToSign !== sts) return `explain stringToSign ${show(x.stringToSign)}, expected ${show(sts)}`;
      if (x.expectedSignature !== s.signature) return `explain expectedSignature ${x.expectedSignature}`;
      return undefined;
    });
  }

  // ---------------------------------------------------------------- sign → verify round trips
  const generated = lib.generateKey();
  const roundTrips = [
    ['stream with every field', { domain: 'd.example', app: 'live', stream: '直播-ü "q" \\', user_args: 'a=1&b=2', client_ip: '100.111.*.*', node_ip: '1.2.3.4', publish_timestamp: '1587954134', event: 'PUBLISH_DONE' }, 'HMAC-SHA256'],
    ['record HMAC with every field', { project_id: 'p', job_id: 'j', task_id: 't', event_type: 'RECORD_FILE_COMPLETE', publish_domain: 'push.example.com', app: 'live', stream: 's', record_format: 'HLS', download_url: 'https://x/y.m3u8', play_url: 'https://x/p', asset_id: 'a', file_size: 3957964, record_duration: 120, start_time: '2020-03-08T14:10:25Z', end_time: '2020-03-08T14:12:25Z', width: 1280, height: 720, obs_location: 'cn-north-4', obs_bucket: 'b', obs_object: 'o', error_message: 'none' }, 'HMAC-SHA256'],
    ['record MD5', { event_type: 'RECORD_START', publish_domain: 'p', app: 'a', stream: 's' }, 'MD5'],
    ['unknown event name', { event_type: 'RECORD_SOMETHING_NEW', publish_domain: 'p', app: 'a', stream: 's' }, 'HMAC-SHA256'],
  ];
  for (const [what, cb, algorithm] of roundTrips) {
    check(`sign → verify round trip: ${what}`, () => {
      const out = lib.sign(cb, { key: generated, algorithm, authTimestamp: 1700000000 });
      const v = new lib.Verifier({ keys: ['x'.repeat(32), { id: 'gen', key: generated }], allowMd5: true }).verify(out.body, { now: 1700000001 });
      if (v.keyIndex !== 1 || v.keyId !== 'gen') return `keyIndex/keyId ${v.keyIndex}/${v.keyId}`;
      if (v.algorithm !== algorithm || v.bodyAuthenticated !== (algorithm !== 'MD5')) return `algorithm ${v.algorithm}`;
      for (const [k, val] of Object.entries(cb)) {
        const got = v.callback[k];
        if (INTEGER_FIELDS.has(k) ? got !== Number(val) : got !== val) return `callback.${k} ${show(got)}, expected ${show(val)}`;
      }
      const p = lib.parse(out.body);
      if (!deepEqual(p.callback, v.callback) || p.kind !== v.kind) return 'parse differs from verify';
      const tampered = out.body.replace('"app":"', '"app":"X');
      if (algorithm !== 'MD5') return throwsCode(() => lib.verify(tampered, { key: generated, now: 1700000001 }), 'SIGNATURE_MISMATCH');
      const weak = lib.verify(tampered, { key: generated, now: 1700000001, allowMd5: true });
      return weak.bodyAuthenticated === false ? undefined : 'MD5 reported as body-authenticated';
    });
  }
  check('sign: user_args spelled usr_args comes back as user_args', () => {
    const out = lib.sign({ domain: 'd', app: 'a', stream: 's', usr_args: 'x=1', event: 'PUBLISH' }, { key: KEY, authTimestamp: 5 });
    return out.callback.user_args === 'x=1' && !('usr_args' in out.callback) ? undefined : show(out.callback);
  });
  check('sign: MD5 on a stream notification is INVALID_FIELD', () =>
    throwsCode(() => lib.sign({ domain: 'd', app: 'a', stream: 's', event: 'PUBLISH' }, { key: KEY, algorithm: 'MD5', authTimestamp: 1 }), 'INVALID_FIELD'));
  check('sign: the core\'s strict rules apply to the object (a number for app)', () =>
    throwsCode(() => lib.sign({ domain: 'd', app: 7, stream: 's', event: 'PUBLISH' }, { key: KEY, authTimestamp: 1 }), 'INVALID_FIELD'));
  check('sign: neither event nor event_type is UNKNOWN_CALLBACK', () =>
    throwsCode(() => lib.sign({ domain: 'd' }, { key: KEY, authTimestamp: 1 }), 'UNKNOWN_CALLBACK'));
  check('sign: a short key is INVALID_KEY', () =>
    throwsCode(() => lib.sign(good.callback, { key: 'short', authTimestamp: 1 }), 'INVALID_KEY'));
  check('sign: an unknown algorithm is refused', () =>
    throwsArgError(() => lib.sign(good.callback, { key: KEY, algorithm: 'SHA1', authTimestamp: 1 }), 'algorithm'));
  check('sign: authTimestamp is required', () =>
    throwsArgError(() => lib.sign(good.callback, { key: KEY }), 'authTimestamp'));
  check('sign: authTimestamp 2^64 - 1 as a bigint is exact', () => {
    const out = lib.sign(good.callback, { key: KEY, authTimestamp: 18446744073709551615n });
    return out.body.includes('"auth_timestamp":18446744073709551615') ? undefined : out.body;
  });

  // ---------------------------------------------------------------- generateKey
  check('generateKey: default, 32 and 128 characters of letters and digits, at least one of each', () => {
    for (const [arg, len] of [[undefined, 64], [32, 32], [128, 128]]) {
      for (let i = 0; i < 20; i++) {
        const k = lib.generateKey(arg);
        if (k.length !== len || !/^[A-Za-z0-9]+$/.test(k) || !/[0-9]/.test(k) || !/[A-Za-z]/.test(k)) return `generateKey(${arg}) = ${show(k)}`;
      }
    }
    return lib.generateKey() === lib.generateKey() ? 'two keys are equal' : undefined;
  });
  check('generateKey: lengths outside 32..128 are refused', () => {
    for (const n of [31, 129, 40.5, -1]) {
      const why = throwsArgError(() => lib.generateKey(n), 'length');
      if (why) return `${n}: ${why}`;
    }
    return undefined;
  });

  // ---------------------------------------------------------------- bad arguments
  const bad = [
    ['a number for body', () => lib.verify(42, { keys: [KEY] }), 'body'],
    ['null body', () => lib.verify(null, { keys: [KEY] }), 'body'],
    ['a plain object for body', () => lib.verify({ domain: 'd' }, { keys: [KEY] }), 'body'],
    ['undefined options', () => lib.verify(good.body, undefined), 'options'],
    ['a string for options', () => lib.verify(good.body, KEY), 'options'],
    ['keys not an array', () => lib.verify(good.body, { keys: KEY }), 'keys'],
    ['a number in keys', () => lib.verify(good.body, { keys: [42] }), 'keys[0]'],
    ['a key object without key', () => lib.verify(good.body, { keys: [{ id: 'a' }] }), 'keys[0]'],
    ['both key and keys', () => lib.verify(good.body, { key: KEY, keys: [KEY] }), 'key'],
    ['a negative now', () => lib.verify(good.body, { keys: [KEY], now: -1 }), 'now'],
    ['a fractional now', () => lib.verify(good.body, { keys: [KEY], now: 1.5 }), 'now'],
    ['NaN for now', () => lib.verify(good.body, { keys: [KEY], now: NaN }), 'now'],
    ['a string for now', () => lib.verify(good.body, { keys: [KEY], now: '1587954200' }), 'now'],
    ['a bigint now above 2^64 - 1', () => lib.verify(good.body, { keys: [KEY], now: 2n ** 64n }), 'now'],
    ['a string for allowMd5', () => lib.verify(good.body, { keys: [KEY], allowMd5: 'yes' }), 'allowMd5'],
    ['a negative toleranceSeconds', () => lib.verify(good.body, { keys: [KEY], toleranceSeconds: -5 }), 'toleranceSeconds'],
    ['a string for maxBodyBytes', () => lib.verify(good.body, { keys: [KEY], maxBodyBytes: '10' }), 'maxBodyBytes'],
    ['Verifier.verify with a number body', () => new lib.Verifier({ keys: [KEY] }).verify(7), 'body'],
    ['Verifier.verify with a string for options', () => new lib.Verifier({ keys: [KEY] }).verify(good.body, 'now'), 'options'],
    ['new Verifier(undefined)', () => new lib.Verifier(), 'options'],
    ['parse(undefined)', () => lib.parse(undefined), 'body'],
    ['explain with a number body', () => lib.explain(1, { keys: [KEY] }), 'body'],
    ['explain(body, undefined)', () => lib.explain(good.body), 'options'],
    ['sign(null)', () => lib.sign(null, { key: KEY, authTimestamp: 1 }), 'callback'],
    ['sign(callback, undefined)', () => lib.sign(good.callback), 'options'],
    ['sign with a cyclic object', () => { const o = { event: 'PUBLISH' }; o.self = o; return lib.sign(o, { key: KEY, authTimestamp: 1 }); }, 'callback'],
  ];
  for (const [what, fn, arg] of bad) {
    check(`bad argument: ${what}`, () => throwsArgError(fn, arg) ?? stillWorks());
  }
  const coded = [
    ['no keys', () => lib.verify(good.body, { keys: [] }), 'INVALID_KEY'],
    ['no key option at all', () => lib.verify(good.body, {}), 'INVALID_KEY'],
    ['a short key', () => lib.verify(good.body, { key: 'short' }), 'INVALID_KEY'],
    ['a key with a space', () => new lib.Verifier({ keys: [`${KEY} `] }), 'INVALID_KEY'],
    ['a 2 MiB key', () => new lib.Verifier({ keys: ['k'.repeat(2 << 20)] }), 'INVALID_KEY'],
    ['a key with a lone surrogate (32 characters otherwise valid)', () => new lib.Verifier({ keys: [`${KEY.slice(0, 31)}\ud800`] }), 'INVALID_KEY'],
    ['a 5 MiB string body', () => lib.verify('x'.repeat(5 << 20), { keys: [KEY] }), 'BODY_TOO_LARGE'],
    ['a 2 MiB string of 3-byte characters', () => lib.verify('直'.repeat(2 << 20), { keys: [KEY] }), 'BODY_TOO_LARGE'],
    ['400,000 3-byte characters (1.2 MB) under the default 1 MiB', () => lib.verify('直'.repeat(400000), { keys: [KEY] }), 'BODY_TOO_LARGE'],
    ['a 5 MiB Uint8Array', () => lib.verify(new Uint8Array(5 << 20), { keys: [KEY] }), 'BODY_TOO_LARGE'],
    ['parse of a 5 MiB string', () => lib.parse('x'.repeat(5 << 20)), 'BODY_TOO_LARGE'],
    ['an empty body', () => lib.verify('', { keys: [KEY] }), 'MALFORMED_JSON'],
    ['invalid UTF-8', () => lib.verify(new Uint8Array([0x7b, 0xff, 0x7d]), { keys: [KEY] }), 'MALFORMED_JSON'],
    ['a lone surrogate in a string body', () => lib.verify('{"event":"\ud800","domain":"d","app":"a","stream":"s"}', { keys: [KEY] }), 'MISSING_SIGNATURE'],
    ['100,000 nested arrays', () => lib.parse(`{"a":${'['.repeat(100000)}${']'.repeat(100000)}}`), 'MALFORMED_JSON'],
    ['Verifier: a body one byte over maxBodyBytes', () => new lib.Verifier({ keys: [KEY], maxBodyBytes: good.body.length - 1 }).verify(good.body, { now: 1587954200 }), 'BODY_TOO_LARGE'],
  ];
  for (const [what, fn, code] of coded) {
    check(`CallbackError ${code}: ${what}`, () => throwsCode(fn, code) ?? stillWorks());
  }
  check('explain reports a 5 MiB body as a problem instead of throwing', () => {
    const x = lib.explain(`${good.body.slice(0, -1)},"pad":"${'x'.repeat(5 << 20)}"}`, { keys: [KEY], now: 1587954200 });
    if (x.error === null || x.error.code !== 'BODY_TOO_LARGE') return `error ${show(x.error)}`;
    return x.matches && x.kind === 'stream' ? undefined : 'explain stopped at the size problem';
  });
  check('explain refuses a body above 16 MiB before copying it', () =>
    throwsCode(() => lib.explain('x'.repeat(17 << 20), { keys: [KEY] }), 'BODY_TOO_LARGE') ?? stillWorks());
  check('a body exactly maxBodyBytes long is accepted', () => {
    const v = new lib.Verifier({ keys: [KEY], maxBodyBytes: good.body.length }).verify(good.body, { now: 1587954200 });
    return v.kind === 'stream' ? undefined : show(v);
  });
  check('a detached ArrayBuffer is refused with an error that names body', () => {
    const buf = new TextEncoder().encode(good.body).buffer;
    const view = new Uint8Array(buf);
    if (typeof buf.transfer === 'function') buf.transfer();
    else if (typeof structuredClone === 'function') structuredClone(buf, { transfer: [buf] });
    else return 'this runtime cannot detach an ArrayBuffer (neither transfer nor structuredClone)';
    if (buf.byteLength !== 0) return 'the buffer did not detach';
    return throwsArgError(() => lib.verify(buf, { keys: [KEY] }), 'body') ?? throwsArgError(() => lib.verify(view, { keys: [KEY] }), 'body') ?? stillWorks();
  });
  check('CallbackError: messages never contain the key', () => {
    const k = `${KEY.slice(0, 30)} x`;
    try {
      lib.verify(good.body, { keys: [{ id: 'rot', key: k }] });
      return 'accepted a key with a space';
    } catch (e) {
      return e.message.includes(k) || e.message.includes(KEY.slice(0, 30)) ? `message shows the key: ${e.message}` : undefined;
    }
  });
  check('errors, then a valid verify still works (many times over)', () => {
    const v = new lib.Verifier({ keys: [KEY] });
    for (let i = 0; i < 200; i++) {
      const why = throwsCode(() => v.verify(`{"domain":"d${i}"`, { now: 1587954200 }), 'MALFORMED_JSON')
        ?? throwsCode(() => v.verify(good.body.replace('"live"', `"l${i}"`), { now: 1587954200 }), 'SIGNATURE_MISMATCH');
      if (why) return `round ${i}: ${why}`;
      if (v.verify(good.body, { now: 1587954200 }).callback.app !== 'live') return `round ${i}: valid body refused`;
    }
    return stillWorks();
  });
  check('CallbackError is exported and constructible', () => {
    const e = new lib.CallbackError('EXPIRED', 'm');
    return e instanceof Error && e.code === 'EXPIRED' && e.message === 'm' && e.name === 'CallbackError' ? undefined : show(e);
  });

  return { passed, failed, failures };
}
