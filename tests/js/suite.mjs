// THE JavaScript test suite of the huaweicloud-live-callback package, written once against its
// public API and run unchanged by every runtime runner (Node ESM and CJS, Deno, Bun, workerd,
// Chromium).
//
// Contract:
//   import { runSuite } from './suite.mjs';
//   const { passed, failed, failures } = runSuite(lib, vectors, log, corpus, options);
// - `lib`: the package's exports (verify, Verifier, parse, sign, explain, generateKey,
//   CallbackError), however the runtime loaded them (import, require, bundle). Or those of
//   huaweicloud-live-callback/verify (verify, Verifier, parse, CallbackError only): then
//   `options.signer` is the full package, whose sign and generateKey make the inputs, and the
//   checks of sign, explain and generateKey themselves are left out (`options.lean: true` says
//   that this is meant, and checks that lib exports exactly those four names).
// - `vectors`: the parsed tests/vectors/callbacks.json (schema: tests/vectors/README.md).
// - `log`: optional, called with one string per failure (and nothing else).
// - `corpus`: the parsed tests/fuzz-regressions/corpus.json (the fuzz regression inputs, packed
//   by scripts/gen_fuzz_corpus.py); every runner passes it, and its absence is a failure.
// - Synchronous; uses no runtime API beyond ECMAScript and globalThis.crypto (for
//   generateKey); never throws: an unexpected exception is a failure of that check.
// - Returns counts of checks and `failures`: an array of "check name: what went wrong"
//   strings. The runner prints its own final line `N passed, N failed`.

import { runUrlSuite } from './suites/url.mjs';
import { caseBody, caseOptions, vectorInt as int } from './suites/cases.mjs';

const CODES = [
  'MALFORMED_JSON',
  'UNKNOWN_CALLBACK',
  'MISSING_FIELD',
  'INVALID_FIELD',
  'DUPLICATE_FIELD',
  'MISSING_SIGNATURE',
  'SIGNATURE_MISMATCH',
  'EXPIRED',
  'TIMESTAMP_IN_FUTURE',
  'MD5_NOT_ALLOWED',
  'INVALID_KEY',
  'BODY_TOO_LARGE',
  'UNEXPECTED_VALUE',
  'UNSUPPORTED_METHOD',
];
const KEY = 'Pv4kQ9mZt2Lx7Wc3Rb8Nh5Jd1Fs6Gy0Ue2Ka7Mo9';
const INTEGER_FIELDS = new Set([
  'publish_timestamp',
  'auth_timestamp',
  'file_size',
  'record_duration',
  'width',
  'height',
]);

function show(v) {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Error) return `${v.name}(${v.code ?? ''}) ${v.message}`;
  try {
    const s = JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x));
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
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

/**
 * An integer as the package returns it (issue 9): a number up to 2^53 - 1, a bigint above,
 * never a rounded number. `w` is the vector file's value (a decimal string or a number).
 */
function exactInt(w) {
  const big = BigInt(w);
  return big > BigInt(Number.MAX_SAFE_INTEGER) ? big : Number(big);
}

/** The options without `now` (for `new Verifier`) and with it (for `verify`, `explain`): the
 * shared reader (./suites/cases.mjs) with no defaults, so absent options keep the package's. */
function caseOptionsSplit(c) {
  const full = caseOptions(c);
  const { now, ...base } = full;
  return { base, now, full };
}

export function runSuite(lib, vectors, log = () => {}, corpus = undefined, options = {}) {
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
      if (!(e instanceof lib.CallbackError))
        return `expected CallbackError ${code}, got ${show(e)}`;
      if (!(e instanceof Error) || e.name !== 'CallbackError')
        return `CallbackError is not a named Error: ${show(e)}`;
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
      if (e instanceof TypeError)
        return e.message.includes(arg) ? undefined : `TypeError does not name ${arg}: ${e.message}`;
      if (e instanceof lib.CallbackError && CODES.includes(e.code)) return undefined;
      return `expected TypeError or CallbackError, got ${show(e)}`;
    }
  };

  // The full package, or the verify-only build (options.lean) with the full one as the signer.
  const tools = !options.lean;
  const signer = tools ? lib : options.signer;
  /** A check of sign, explain or generateKey: only where lib has them. */
  const toolCheck = tools ? check : () => {};
  /** Table rows whose call needs sign, explain or generateKey of lib are left out of a lean run. */
  const usable = (row) =>
    tools ||
    !row.some(
      (x) => typeof x === 'function' && /lib\.(sign|explain|generateKey)\b/.test(String(x)),
    );
  if (!tools) {
    check('lean: lib exports exactly CallbackError, Verifier, parse and verify', () => {
      const names = Object.keys(lib).sort().join(',');
      return names === 'CallbackError,Verifier,parse,verify' ? undefined : `lib exports ${names}`;
    });
    check('lean: options.signer is the full package', () =>
      signer && typeof signer.sign === 'function' && typeof signer.generateKey === 'function'
        ? undefined
        : 'no signer',
    );
    if (!signer) return { passed, failed, failures };
  }

  const cases = Array.isArray(vectors?.cases) ? vectors.cases : [];
  check('vectors: the file has cases and signer vectors', () =>
    cases.length > 0 && Array.isArray(vectors.sign) && vectors.sign.length > 0
      ? undefined
      : 'no cases',
  );

  // A known-good body and verifier, to prove the module still works after each error.
  const good = signer.sign(
    { domain: 'push.example.com', app: 'live', stream: 's', event: 'PUBLISH' },
    { key: KEY, authTimestamp: 1587954140 },
  );
  const stillWorks = () => {
    const v = lib.verify(good.body, { keys: [KEY], now: 1587954200 });
    return v.kind === 'stream' && v.callback.auth_sign === good.callback.auth_sign
      ? undefined
      : `after the error, verify returned ${show(v)}`;
  };

  // ---------------------------------------------------------------- every vector case
  for (const c of cases) {
    const body = caseBody(c);
    const { base, now, full } = caseOptionsSplit(c);
    const e = c.expect;

    const checkVerified = (v) => {
      const wantKind = e.kind;
      if (v.kind !== wantKind) return `kind ${show(v.kind)}, expected ${show(wantKind)}`;
      if (v.event !== e.event) return `event ${show(v.event)}, expected ${show(e.event)}`;
      if (v.algorithm !== e.algorithm)
        return `algorithm ${show(v.algorithm)}, expected ${show(e.algorithm)}`;
      if (v.keyIndex !== e.keyIndex) return `keyIndex ${v.keyIndex}, expected ${e.keyIndex}`;
      if ((v.keyId ?? null) !== (e.keyId ?? null))
        return `keyId ${show(v.keyId)}, expected ${show(e.keyId)}`;
      if (e.keyId === null && 'keyId' in v)
        return 'keyId is present for a key without id (absent fields are omitted)';
      if (v.bodyAuthenticated !== e.bodyAuthenticated)
        return `bodyAuthenticated ${v.bodyAuthenticated}`;
      if (!deepEqual(v.signedFields, e.signedFields)) return `signedFields ${show(v.signedFields)}`;
      const cb = v.callback;
      if (cb === null || typeof cb !== 'object') return `callback ${show(cb)}`;
      if (
        cb.auth_sign !== undefined &&
        e.signature !== undefined &&
        cb.auth_sign.toLowerCase() !== e.signature
      ) {
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
            if (g !== exactInt(w)) return `callback.${k} ${show(g)}, expected ${show(exactInt(w))}`;
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
        if (!e.ok && e.error === 'INVALID_KEY')
          return throwsCode(() => {
            throw err;
          }, 'INVALID_KEY');
        throw err;
      }
      if (!e.ok && e.error === 'INVALID_KEY')
        return 'new Verifier accepted keys the vector says are invalid';
      // Twice: the cached key state must give the same answer again.
      for (let i = 0; i < 2; i++) {
        const why = e.ok
          ? checkVerified(verifier.verify(body, { now }))
          : throwsCode(() => verifier.verify(body, { now }), e.error);
        if (why) return i ? `second call: ${why}` : why;
      }
      return undefined;
    });

    toolCheck(`explain ${c.name}`, () => {
      const x = lib.explain(body, full);
      const code = x.error === null ? null : x.error.code;
      if (code !== (e.ok ? null : e.error))
        return `explain error ${show(x.error)}, expected ${e.ok ? 'none' : e.error}`;
      if (e.ok && x.matches !== true) return 'matches is false for a valid callback';
      if (e.error === 'SIGNATURE_MISMATCH' && x.matches !== false)
        return 'matches is true for a mismatch';
      if (e.stringToSign !== undefined) {
        // For MD5 both the vector and explain leave the key out of the string-to-sign.
        const sts = e.stringToSign;
        if (x.stringToSign !== sts)
          return `stringToSign ${show(x.stringToSign)}, expected ${show(sts)}`;
        if (x.expectedSignature !== e.signature)
          return `expectedSignature ${show(x.expectedSignature)}, expected ${e.signature}`;
        if (x.kind !== e.kind || x.event !== e.event || x.algorithm !== e.algorithm) {
          return `kind/event/algorithm ${show([x.kind, x.event, x.algorithm])}`;
        }
        if (x.timing === null || x.timing.authTimestamp !== exactInt(e.authTimestamp))
          return `timing ${show(x.timing)}`;
        if (x.parts.map((p) => p.value).join('') !== x.stringToSign)
          return 'parts do not concatenate to stringToSign';
      }
      if (e.ok) {
        const verdict = e.algorithm === 'MD5' ? 'WEAK' : 'VALID';
        if (x.verdict !== verdict) return `verdict ${x.verdict}, expected ${verdict}`;
        if (x.keyIndex !== e.keyIndex || x.keyId !== e.keyId)
          return `keyIndex/keyId ${x.keyIndex}/${show(x.keyId)}`;
        if (x.bodyAuthenticated !== e.bodyAuthenticated)
          return `bodyAuthenticated ${x.bodyAuthenticated}`;
        if (!deepEqual(x.signedFields, e.signedFields))
          return `signedFields ${show(x.signedFields)}`;
        if (!deepEqual(x.callback, lib.verify(body, full).callback))
          return 'explain.callback differs from verify().callback';
      }
      const text = JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? String(v) : v));
      for (const k of c.keys) if (text.includes(k.key)) return 'the explanation contains a key';
      return undefined;
    });

    if (e.ok) {
      check(`parse ${c.name}`, () => {
        const p = lib.parse(body, { maxBodyBytes: base.maxBodyBytes });
        const v = lib.verify(body, full);
        if (p.kind !== v.kind || p.event !== v.event) return `parse gave ${p.kind}/${p.event}`;
        if (!deepEqual(p.callback, v.callback))
          return `parse().callback differs from verify().callback: ${show(p.callback)}`;
        return undefined;
      });
    }
  }

  // ---------------------------------------------------------------- body forms agree
  const doc = cases.find(
    (c) => c.expect.ok && typeof c.body === 'string' && c.expect.kind === 'stream',
  );
  if (doc) {
    const { full } = caseOptionsSplit(doc);
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
        deepEqual(lib.verify(b, full), want) ? undefined : `got ${show(lib.verify(b, full))}`,
      );
    }
    check(
      'Verifier.verify without { now } uses the current time (an old callback is EXPIRED)',
      () => throwsCode(() => new lib.Verifier({ keys: full.keys }).verify(doc.body), 'EXPIRED'),
    );
  }

  // ---------------------------------------------------------------- signer vectors
  for (const s of Array.isArray(vectors?.sign) ? vectors.sign : []) {
    toolCheck(`sign ${s.name}`, () => {
      const ts = int(s.authTimestamp);
      const out = lib.sign(s.fields, { key: s.key, algorithm: s.algorithm, authTimestamp: ts });
      if (typeof out.body !== 'string') return `body ${show(out.body)}`;
      if (out.callback.auth_sign !== s.signature)
        return `auth_sign ${out.callback.auth_sign}, expected ${s.signature}`;
      if (out.callback.auth_timestamp !== exactInt(s.authTimestamp))
        return `auth_timestamp ${show(out.callback.auth_timestamp)}`;
      const v = lib.verify(out.body, {
        keys: [s.key],
        now: ts,
        allowMd5: true,
        allowUnknownEvents: true,
      });
      if (v.kind !== s.kind || v.algorithm !== s.algorithm)
        return `verify gave ${v.kind}/${v.algorithm}`;
      if (!deepEqual(v.callback, out.callback))
        return `verify().callback ${show(v.callback)} differs from sign().callback`;
      const x = lib.explain(out.body, { keys: [s.key], now: ts, allowMd5: true });
      const sts = s.stringToSign;
      if (x.stringToSign !== sts)
        return `explain stringToSign ${show(x.stringToSign)}, expected ${show(sts)}`;
      if (x.expectedSignature !== s.signature)
        return `explain expectedSignature ${x.expectedSignature}`;
      return undefined;
    });
  }

  // ---------------------------------------------------------------- sign → verify round trips
  const generated = signer.generateKey();
  const roundTrips = [
    [
      'stream with every field',
      {
        domain: 'd.example',
        app: 'live',
        stream: '直播-ü "q" \\',
        user_args: 'a=1&b=2',
        client_ip: '100.111.*.*',
        node_ip: '1.2.3.4',
        publish_timestamp: '1587954134',
        event: 'PUBLISH_DONE',
      },
      'HMAC-SHA256',
    ],
    [
      'record HMAC with every field',
      {
        project_id: 'p',
        job_id: 'j',
        task_id: 't',
        event_type: 'RECORD_FILE_COMPLETE',
        publish_domain: 'push.example.com',
        app: 'live',
        stream: 's',
        record_format: 'HLS',
        download_url: 'https://x/y.m3u8',
        play_url: 'https://x/p',
        asset_id: 'a',
        file_size: 3957964,
        record_duration: 120,
        start_time: '2020-03-08T14:10:25Z',
        end_time: '2020-03-08T14:12:25Z',
        width: 1280,
        height: 720,
        obs_location: 'cn-north-4',
        obs_bucket: 'b',
        obs_object: 'o',
        error_message: 'none',
      },
      'HMAC-SHA256',
    ],
    [
      'record MD5',
      { event_type: 'RECORD_START', publish_domain: 'p', app: 'a', stream: 's' },
      'MD5',
    ],
    [
      'unknown event name',
      { event_type: 'RECORD_SOMETHING_NEW', publish_domain: 'p', app: 'a', stream: 's' },
      'HMAC-SHA256',
    ],
  ];
  for (const [what, cb, algorithm] of roundTrips) {
    check(`sign → verify round trip: ${what}`, () => {
      const out = signer.sign(cb, { key: generated, algorithm, authTimestamp: 1700000000 });
      const v = new lib.Verifier({
        keys: ['x'.repeat(32), { id: 'gen', key: generated }],
        allowMd5: true,
        allowUnknownEvents: true,
      }).verify(out.body, { now: 1700000001 });
      if (v.keyIndex !== 1 || v.keyId !== 'gen') return `keyIndex/keyId ${v.keyIndex}/${v.keyId}`;
      if (v.algorithm !== algorithm || v.bodyAuthenticated !== (algorithm !== 'MD5'))
        return `algorithm ${v.algorithm}`;
      for (const [k, val] of Object.entries(cb)) {
        const got = v.callback[k];
        if (INTEGER_FIELDS.has(k) ? got !== Number(val) : got !== val)
          return `callback.${k} ${show(got)}, expected ${show(val)}`;
      }
      const p = lib.parse(out.body);
      if (!deepEqual(p.callback, v.callback) || p.kind !== v.kind)
        return 'parse differs from verify';
      const tampered = out.body.replace('"app":"', '"app":"X');
      if (algorithm !== 'MD5')
        return throwsCode(
          () => lib.verify(tampered, { key: generated, now: 1700000001 }),
          'SIGNATURE_MISMATCH',
        );
      const weak = lib.verify(tampered, { key: generated, now: 1700000001, allowMd5: true });
      return weak.bodyAuthenticated === false ? undefined : 'MD5 reported as body-authenticated';
    });
  }
  toolCheck('sign: user_args spelled usr_args comes back as user_args', () => {
    const out = lib.sign(
      { domain: 'd', app: 'a', stream: 's', usr_args: 'x=1', event: 'PUBLISH' },
      { key: KEY, authTimestamp: 5 },
    );
    return out.callback.user_args === 'x=1' && !('usr_args' in out.callback)
      ? undefined
      : show(out.callback);
  });
  toolCheck('sign: MD5 on a stream notification is INVALID_FIELD', () =>
    throwsCode(
      () =>
        lib.sign(
          { domain: 'd', app: 'a', stream: 's', event: 'PUBLISH' },
          { key: KEY, algorithm: 'MD5', authTimestamp: 1 },
        ),
      'INVALID_FIELD',
    ),
  );
  toolCheck("sign: the core's strict rules apply to the object (a number for app)", () =>
    throwsCode(
      () =>
        lib.sign(
          { domain: 'd', app: 7, stream: 's', event: 'PUBLISH' },
          { key: KEY, authTimestamp: 1 },
        ),
      'INVALID_FIELD',
    ),
  );
  toolCheck('sign: neither event nor event_type is UNKNOWN_CALLBACK', () =>
    throwsCode(() => lib.sign({ domain: 'd' }, { key: KEY, authTimestamp: 1 }), 'UNKNOWN_CALLBACK'),
  );
  toolCheck('sign: a short key is INVALID_KEY', () =>
    throwsCode(() => lib.sign(good.callback, { key: 'short', authTimestamp: 1 }), 'INVALID_KEY'),
  );
  toolCheck('sign: an unknown algorithm is refused', () =>
    throwsArgError(
      () => lib.sign(good.callback, { key: KEY, algorithm: 'SHA1', authTimestamp: 1 }),
      'algorithm',
    ),
  );
  toolCheck('sign: authTimestamp is required', () =>
    throwsArgError(() => lib.sign(good.callback, { key: KEY }), 'authTimestamp'),
  );
  toolCheck('sign: authTimestamp 2^64 - 1 as a bigint is exact', () => {
    const out = lib.sign(good.callback, { key: KEY, authTimestamp: 18446744073709551615n });
    return out.body.includes('"auth_timestamp":18446744073709551615') ? undefined : out.body;
  });

  // ---------------------------------------------------------------- generateKey
  toolCheck(
    'generateKey: default, 32 and 128 characters of letters and digits, at least one of each',
    () => {
      for (const [arg, len] of [
        [undefined, 64],
        [32, 32],
        [128, 128],
      ]) {
        for (let i = 0; i < 20; i++) {
          const k = lib.generateKey(arg);
          if (
            k.length !== len ||
            !/^[A-Za-z0-9]+$/.test(k) ||
            !/[0-9]/.test(k) ||
            !/[A-Za-z]/.test(k)
          )
            return `generateKey(${arg}) = ${show(k)}`;
        }
      }
      // biome-ignore lint/suspicious/noSelfCompare: two calls, two random keys
      return lib.generateKey() === lib.generateKey() ? 'two keys are equal' : undefined;
    },
  );
  toolCheck('generateKey: lengths outside 32..128 are a RangeError in plain words', () => {
    for (const n of [31, 129, 40.5, -1, 16]) {
      try {
        const r = lib.generateKey(n);
        return `${n}: expected a RangeError, got ${show(r)}`;
      } catch (e) {
        if (!(e instanceof RangeError) || !/32 to 128/.test(e.message)) return `${n}: ${show(e)}`;
      }
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
    [
      'a bigint now above 2^64 - 1',
      () => lib.verify(good.body, { keys: [KEY], now: 2n ** 64n }),
      'now',
    ],
    [
      'a string for allowMd5',
      () => lib.verify(good.body, { keys: [KEY], allowMd5: 'yes' }),
      'allowMd5',
    ],
    [
      'a negative toleranceSeconds',
      () => lib.verify(good.body, { keys: [KEY], toleranceSeconds: -5 }),
      'toleranceSeconds',
    ],
    [
      'a string for maxBodyBytes',
      () => lib.verify(good.body, { keys: [KEY], maxBodyBytes: '10' }),
      'maxBodyBytes',
    ],
    [
      'Verifier.verify with a number body',
      () => new lib.Verifier({ keys: [KEY] }).verify(7),
      'body',
    ],
    [
      'Verifier.verify with a string for options',
      () => new lib.Verifier({ keys: [KEY] }).verify(good.body, 'now'),
      'options',
    ],
    ['new Verifier(undefined)', () => new lib.Verifier(), 'options'],
    ['parse(undefined)', () => lib.parse(undefined), 'body'],
    ['explain with a number body', () => lib.explain(1, { keys: [KEY] }), 'body'],
    ['explain(body, undefined)', () => lib.explain(good.body), 'options'],
    ['sign(null)', () => lib.sign(null, { key: KEY, authTimestamp: 1 }), 'callback'],
    ['sign(callback, undefined)', () => lib.sign(good.callback), 'options'],
    [
      'sign with a cyclic object',
      () => {
        const o = { event: 'PUBLISH' };
        o.self = o;
        return lib.sign(o, { key: KEY, authTimestamp: 1 });
      },
      'callback',
    ],
  ];
  for (const [what, fn, arg] of bad.filter(usable)) {
    check(`bad argument: ${what}`, () => throwsArgError(fn, arg) ?? stillWorks());
  }
  const coded = [
    ['no keys', () => lib.verify(good.body, { keys: [] }), 'INVALID_KEY'],
    ['no key option at all', () => lib.verify(good.body, {}), 'INVALID_KEY'],
    ['a short key', () => lib.verify(good.body, { key: 'short' }), 'INVALID_KEY'],
    ['a key with a space', () => new lib.Verifier({ keys: [`${KEY} `] }), 'INVALID_KEY'],
    ['a 2 MiB key', () => new lib.Verifier({ keys: ['k'.repeat(2 << 20)] }), 'INVALID_KEY'],
    [
      'a key with a lone surrogate (32 characters otherwise valid)',
      () => new lib.Verifier({ keys: [`${KEY.slice(0, 31)}\ud800`] }),
      'INVALID_KEY',
    ],
    [
      'a 5 MiB string body',
      () => lib.verify('x'.repeat(5 << 20), { keys: [KEY] }),
      'BODY_TOO_LARGE',
    ],
    [
      'a 2 MiB string of 3-byte characters',
      () => lib.verify('直'.repeat(2 << 20), { keys: [KEY] }),
      'BODY_TOO_LARGE',
    ],
    [
      '400,000 3-byte characters (1.2 MB) under the default 1 MiB',
      () => lib.verify('直'.repeat(400000), { keys: [KEY] }),
      'BODY_TOO_LARGE',
    ],
    [
      'a 5 MiB Uint8Array',
      () => lib.verify(new Uint8Array(5 << 20), { keys: [KEY] }),
      'BODY_TOO_LARGE',
    ],
    ['parse of a 5 MiB string', () => lib.parse('x'.repeat(5 << 20)), 'BODY_TOO_LARGE'],
    ['an empty body', () => lib.verify('', { keys: [KEY] }), 'MALFORMED_JSON'],
    [
      'invalid UTF-8',
      () => lib.verify(new Uint8Array([0x7b, 0xff, 0x7d]), { keys: [KEY] }),
      'MALFORMED_JSON',
    ],
    [
      'a lone surrogate in a string body',
      () => lib.verify('{"event":"\ud800","domain":"d","app":"a","stream":"s"}', { keys: [KEY] }),
      'MALFORMED_JSON',
    ],
    [
      '100,000 nested arrays',
      () => lib.parse(`{"a":${'['.repeat(100000)}${']'.repeat(100000)}}`),
      'MALFORMED_JSON',
    ],
    [
      'Verifier: a body one byte over maxBodyBytes',
      () =>
        new lib.Verifier({ keys: [KEY], maxBodyBytes: good.body.length - 1 }).verify(good.body, {
          now: 1587954200,
        }),
      'BODY_TOO_LARGE',
    ],
  ];
  for (const [what, fn, code] of coded.filter(usable)) {
    check(`CallbackError ${code}: ${what}`, () => throwsCode(fn, code) ?? stillWorks());
  }
  toolCheck('explain reports a 5 MiB body as a problem instead of throwing', () => {
    const x = lib.explain(`${good.body.slice(0, -1)},"pad":"${'x'.repeat(5 << 20)}"}`, {
      keys: [KEY],
      now: 1587954200,
    });
    if (x.error === null || x.error.code !== 'BODY_TOO_LARGE') return `error ${show(x.error)}`;
    return x.matches && x.kind === 'stream' ? undefined : 'explain stopped at the size problem';
  });
  toolCheck(
    'explain refuses a body above 16 MiB before copying it',
    () =>
      throwsCode(() => lib.explain('x'.repeat(17 << 20), { keys: [KEY] }), 'BODY_TOO_LARGE') ??
      stillWorks(),
  );
  check('a body exactly maxBodyBytes long is accepted', () => {
    const v = new lib.Verifier({ keys: [KEY], maxBodyBytes: good.body.length }).verify(good.body, {
      now: 1587954200,
    });
    return v.kind === 'stream' ? undefined : show(v);
  });
  check('a detached ArrayBuffer is refused with an error that names body', () => {
    const buf = new TextEncoder().encode(good.body).buffer;
    const view = new Uint8Array(buf);
    if (typeof buf.transfer === 'function') buf.transfer();
    else if (typeof structuredClone === 'function') structuredClone(buf, { transfer: [buf] });
    else return 'this runtime cannot detach an ArrayBuffer (neither transfer nor structuredClone)';
    if (buf.byteLength !== 0) return 'the buffer did not detach';
    return (
      throwsArgError(() => lib.verify(buf, { keys: [KEY] }), 'body') ??
      throwsArgError(() => lib.verify(view, { keys: [KEY] }), 'body') ??
      stillWorks()
    );
  });
  check('CallbackError: messages never contain the key', () => {
    const k = `${KEY.slice(0, 30)} x`;
    try {
      lib.verify(good.body, { keys: [{ id: 'rot', key: k }] });
      return 'accepted a key with a space';
    } catch (e) {
      return e.message.includes(k) || e.message.includes(KEY.slice(0, 30))
        ? `message shows the key: ${e.message}`
        : undefined;
    }
  });
  check('errors, then a valid verify still works (many times over)', () => {
    const v = new lib.Verifier({ keys: [KEY] });
    for (let i = 0; i < 200; i++) {
      const why =
        throwsCode(() => v.verify(`{"domain":"d${i}"`, { now: 1587954200 }), 'MALFORMED_JSON') ??
        throwsCode(
          () => v.verify(good.body.replace('"live"', `"l${i}"`), { now: 1587954200 }),
          'SIGNATURE_MISMATCH',
        );
      if (why) return `round ${i}: ${why}`;
      if (v.verify(good.body, { now: 1587954200 }).callback.app !== 'live')
        return `round ${i}: valid body refused`;
    }
    return stillWorks();
  });
  check('CallbackError is exported and constructible', () => {
    const e = new lib.CallbackError('EXPIRED', 'm');
    return e instanceof Error &&
      e.code === 'EXPIRED' &&
      e.message === 'm' &&
      e.name === 'CallbackError'
      ? undefined
      : show(e);
  });

  // ---------------------------------------------------------------- hardening (issue 9)
  // The re-split cases themselves are in the vector file (resplit-*); these are the JS-only holes.
  {
    const S_KEY = KEY;
    const stream = { event: 'PUBLISH', domain: 'push.example.com', app: 'live', stream: 's1' };
    const ts = 1700000000;
    const signedStream = signer.sign(stream, { key: S_KEY, authTimestamp: ts }).body;
    const md5 = signer.sign(
      { event_type: 'RECORD_START', publish_domain: 'push.example.com', app: 'live', stream: 's1' },
      { key: S_KEY, algorithm: 'MD5', authTimestamp: ts },
    ).body;
    const md5Tampered = md5.replace('"stream":"s1"', '"stream":"someone-else"');
    const polluted = (props, fn) => {
      const saved = props.map((p) => [p, Object.getOwnPropertyDescriptor(Object.prototype, p)]);
      try {
        for (const p of props)
          Object.defineProperty(Object.prototype, p.name, {
            value: p.value,
            configurable: true,
            writable: true,
          });
        return fn();
      } finally {
        for (const [p, d] of saved) {
          if (d) Object.defineProperty(Object.prototype, p.name, d);
          else delete Object.prototype[p.name];
        }
      }
    };
    check('hardening: Object.prototype.allowMd5 does not make an MD5 body verify', () =>
      polluted(
        [{ name: 'allowMd5', value: true }],
        () =>
          throwsCode(() => lib.verify(md5Tampered, { key: S_KEY, now: ts }), 'MD5_NOT_ALLOWED') ??
          throwsCode(
            () => new lib.Verifier({ key: S_KEY }).verify(md5Tampered, { now: ts }),
            'MD5_NOT_ALLOWED',
          ),
      ),
    );
    check(
      'hardening: Object.prototype.toleranceSeconds / now do not revive a year-old callback',
      () =>
        polluted(
          [
            { name: 'toleranceSeconds', value: 1e12 },
            { name: 'now', value: ts },
          ],
          () =>
            throwsCode(
              () => lib.verify(signedStream, { key: S_KEY, now: ts + 366 * 86400 }),
              'EXPIRED',
            ) ??
            throwsCode(
              () =>
                new lib.Verifier({ key: S_KEY }).verify(signedStream, { now: ts + 366 * 86400 }),
              'EXPIRED',
            ),
        ),
    );
    check('hardening: Object.prototype.allowUnknownEvents and .domains are not read', () => {
      const unknown = signer.sign(
        { ...stream, event: 'PUBLISH_PAUSED' },
        { key: S_KEY, authTimestamp: ts },
      ).body;
      return polluted(
        [
          { name: 'allowUnknownEvents', value: true },
          { name: 'domains', value: ['evil.example.com'] },
        ],
        () => {
          const v = lib.verify(signedStream, { key: S_KEY, now: ts }); // a polluted domains list would refuse it
          return (
            (v.event === 'PUBLISH' ? undefined : show(v)) ??
            throwsCode(() => lib.verify(unknown, { key: S_KEY, now: ts }), 'UNEXPECTED_VALUE')
          );
        },
      );
    });
    check('hardening: inherited keys are not read (no key configured)', () =>
      polluted([{ name: 'keys', value: [S_KEY] }], () =>
        throwsCode(() => lib.verify(signedStream, { now: ts }), 'INVALID_KEY'),
      ),
    );
    check(
      'hardening: a class instance whose options are prototype getters is read as no options',
      () =>
        throwsCode(
          () =>
            lib.verify(
              signedStream,
              new (class {
                get keys() {
                  return [S_KEY];
                }
              })(),
            ),
          'INVALID_KEY',
        ),
    );
    toolCheck(
      "hardening: sign reads only the callback's own fields (an inherited toJSON or field changes nothing)",
      () =>
        polluted(
          [
            {
              name: 'toJSON',
              value() {
                return { event: 'PUBLISH_DONE', domain: 'x', app: 'y', stream: 'z' };
              },
            },
            { name: 'user_args', value: 'injected' },
          ],
          () => {
            const out = lib.sign(stream, { key: S_KEY, authTimestamp: ts });
            return out.body === signedStream ? undefined : `sign wrote ${out.body}`;
          },
        ),
    );
    // 3. Lone surrogates: never collapsed into U+FFFD.
    const lone = signer
      .sign({ ...stream, stream: 's\uFFFD' }, { key: S_KEY, authTimestamp: ts })
      .body.replace('s\uFFFD', 's\uD800');
    for (const [what, fn] of [
      ['verify', () => lib.verify(lone, { key: S_KEY, now: ts })],
      ['Verifier', () => new lib.Verifier({ key: S_KEY }).verify(lone, { now: ts })],
      ['parse', () => lib.parse(lone)],
    ]) {
      check(`hardening: a lone surrogate in a string body is MALFORMED_JSON (${what})`, () =>
        throwsCode(fn, 'MALFORMED_JSON'),
      );
    }
    toolCheck(
      'hardening: explain reports a lone surrogate in a string body as MALFORMED_JSON',
      () => {
        const x = lib.explain(lone, { key: S_KEY, now: ts });
        return x.verdict === 'MALFORMED' && x.error?.code === 'MALFORMED_JSON'
          ? undefined
          : show(x.error);
      },
    );
    check('hardening: a surrogate pair (well-formed UTF-16) still verifies', () => {
      const body = signer.sign(
        { ...stream, stream: 's\uD83C\uDFA5' },
        { key: S_KEY, authTimestamp: ts },
      ).body;
      return lib.verify(body, { key: S_KEY, now: ts }).callback.stream === 's\uD83C\uDFA5'
        ? undefined
        : 'changed';
    });
    // 4. Integers above 2^53: exact, as bigint.
    toolCheck('hardening: auth_timestamp 9007199254740993 comes back exactly (bigint)', () => {
      const big = 9007199254740993n;
      const out = lib.sign(stream, { key: S_KEY, authTimestamp: big });
      const v = lib.verify(out.body, { key: S_KEY, now: big });
      const p = lib.parse(out.body);
      const x = lib.explain(out.body, { key: S_KEY, now: big });
      for (const [what, got] of [
        ['sign', out.callback.auth_timestamp],
        ['verify', v.callback.auth_timestamp],
        ['parse', p.callback.auth_timestamp],
        ['explain', x.timing?.authTimestamp],
      ]) {
        if (got !== big) return `${what}: ${show(got)}`;
      }
      return typeof lib.verify(signedStream, { key: S_KEY, now: ts }).callback.auth_timestamp ===
        'number'
        ? undefined
        : 'small values are not numbers';
    });
    check(
      'hardening: file_size 2^64 - 1 comes back exactly (bigint), through words and the JSON wire',
      () => {
        const cb = {
          event_type: 'RECORD_FILE_COMPLETE',
          publish_domain: 'push.example.com',
          app: 'live',
          stream: 's1',
          download_url: 'https://obs.example.com/x.mp4',
          file_size: 18446744073709551615n,
        };
        const body = signer.sign(cb, { key: S_KEY, authTimestamp: ts }).body;
        const escaped = body.replace('"stream":"s1"', '"stream":"\\u0073\\u0031"'); // forces the JSON wire
        for (const b of [body, escaped]) {
          const got = lib.verify(b, { key: S_KEY, now: ts }).callback.file_size;
          if (got !== 18446744073709551615n) return show(got);
        }
        return undefined;
      },
    );
    // 5. Every property read once: a getter that turns into a number on its second read.
    const flipping = (first, later) => {
      let n = 0;
      return {
        get() {
          n += 1;
          return n === 1 ? first : later;
        },
        enumerable: true,
      };
    };
    for (const [what, fn] of [
      [
        'keys[0].key',
        () =>
          lib.verify(signedStream, {
            keys: [Object.defineProperty({}, 'key', flipping(S_KEY, 12345))],
            now: ts,
          }),
      ],
      [
        'keys[0].id',
        () =>
          lib.verify(signedStream, {
            keys: [Object.defineProperties({ key: S_KEY }, { id: flipping('a', 7) })],
            now: ts,
          }),
      ],
      [
        'key',
        () =>
          lib.verify(
            signedStream,
            Object.defineProperties({ now: ts }, { key: flipping(S_KEY, 1) }),
          ),
      ],
      [
        'options.now',
        () =>
          lib.verify(
            signedStream,
            Object.defineProperties({ key: S_KEY }, { now: flipping(ts, 'x') }),
          ),
      ],
      [
        'options.domains',
        () =>
          lib.verify(
            signedStream,
            Object.defineProperties(
              { key: S_KEY, now: ts },
              { domains: flipping(['push.example.com'], 5) },
            ),
          ),
      ],
      [
        'Verifier keys',
        () =>
          new lib.Verifier(Object.defineProperties({}, { keys: flipping([S_KEY], 3) })).verify(
            signedStream,
            { now: ts },
          ),
      ],
      [
        'sign key',
        () =>
          lib.sign(
            stream,
            Object.defineProperties({ authTimestamp: ts }, { key: flipping(S_KEY, 9) }),
          ),
      ],
      [
        'sign callback.stream',
        () =>
          lib.sign(Object.defineProperties({ ...stream }, { stream: flipping('s1', 42) }), {
            key: S_KEY,
            authTimestamp: ts,
          }),
      ],
    ].filter(usable)) {
      check(`hardening: a getter read once (${what}) gives the ordinary result`, () => {
        try {
          const r = fn();
          return r && (r.event === 'PUBLISH' || typeof r.body === 'string') ? undefined : show(r);
        } catch (e) {
          return `threw ${show(e)}`;
        }
      });
    }
    // 6. No key value in any error, whatever its type.
    for (const [what, bad] of [
      ['a number', 123456789012345],
      ['a bigint', 98765432109876543210n],
      ['an object', { toString: () => 'SECRETSECRET' }],
    ]) {
      const needle = typeof bad === 'object' ? 'SECRETSECRET' : String(bad);
      for (const [where, fn] of [
        ['verify key', () => lib.verify(signedStream, { key: bad })],
        ['verify keys[0]', () => lib.verify(signedStream, { keys: [bad] })],
        ['keys[0].key', () => lib.verify(signedStream, { keys: [{ key: bad }] })],
        ['Verifier', () => new lib.Verifier({ keys: [bad] })],
        ['explain', () => lib.explain(signedStream, { key: bad })],
        ['sign', () => lib.sign(stream, { key: bad, authTimestamp: ts })],
      ].filter(usable)) {
        check(`hardening: ${what} given as a key is not echoed (${where})`, () => {
          try {
            fn();
            return 'no error';
          } catch (e) {
            return String(e?.message).includes(needle) || String(e).includes(needle)
              ? `the error shows the key: ${e.message}`
              : undefined;
          }
        });
      }
    }
    // 1. The options, in JS.
    check(
      'hardening: domains and apps refuse other values with UNEXPECTED_VALUE naming the field, value and list',
      () => {
        try {
          lib.verify(signedStream, { key: S_KEY, now: ts, apps: ['other'] });
          return 'accepted';
        } catch (e) {
          return e.code === 'UNEXPECTED_VALUE' &&
            e.message.includes('app') &&
            e.message.includes('"live"') &&
            e.message.includes('["other"]')
            ? undefined
            : show(e);
        }
      },
    );
    check('hardening: a domains entry that is not a host name is INVALID_KEY at construction', () =>
      throwsCode(() => new lib.Verifier({ key: S_KEY, domains: ['not a host'] }), 'INVALID_KEY'),
    );
    check('hardening: domains must be an array of strings', () =>
      throwsArgError(
        () => lib.verify(signedStream, { key: S_KEY, domains: 'push.example.com' }),
        'options.domains',
      ),
    );
    toolCheck(
      'hardening: explain names the open boundaries, and none once domains and apps are set',
      () => {
        const open = lib
          .explain(signedStream, { key: S_KEY, now: ts })
          .openBoundaries.map((b) => `${b.before}|${b.after}`)
          .join(' ');
        const closed = lib.explain(signedStream, {
          key: S_KEY,
          now: ts,
          domains: ['push.example.com'],
          apps: ['live'],
        }).openBoundaries;
        return open === 'domain|app app|stream' && closed.length === 0
          ? undefined
          : `${open} / ${show(closed)}`;
      },
    );
    toolCheck('hardening: sign refuses a millisecond authTimestamp in plain words', () => {
      try {
        lib.sign(stream, { key: S_KEY, authTimestamp: 1700000000000 });
        return 'accepted';
      } catch (e) {
        return e instanceof TypeError && /milliseconds/.test(e.message) ? undefined : show(e);
      }
    });
  }

  // ---------------------------------------------------------------- the JS boundary (issue 6)
  // Every API entry × a table of hostile JS values. A call may succeed, or throw
  //  - a CallbackError with a documented code, or
  //  - a TypeError (a RangeError for generateKey's length) whose message names the argument
  //    (e.g. "options.now"), or
  //  - the caller's own exception, unchanged: a value that runs caller code (a Proxy trap, a
  //    getter, toJSON) and that code throws. The package does not catch, wrap or convert such
  //    an exception — except sign(), which reports a callback JSON.stringify cannot serialise
  //    as a TypeError naming `callback` (and there, too, never as a CallbackError);
  // and never anything else: no WebAssembly.RuntimeError (a trap: a panic or an out-of-bounds
  // access in wasm), no plain Error, no non-Error value. After EACH call the module
  // must still verify a vector from the file (one-shot verify of a string and of bytes, and a
  // Verifier built before the first hostile call), so a trap that leaves wasm state poisoned
  // is caught even when it is not the error that reaches the caller.
  const known = cases.find(
    (c) =>
      c.expect.ok &&
      typeof c.body === 'string' &&
      c.expect.kind === 'stream' &&
      c.expect.algorithm === 'HMAC-SHA256',
  );
  check(
    'boundary: the vector file has a valid HMAC stream case to verify between hostile calls',
    () => (known ? undefined : 'no such case'),
  );
  let stillKnown = () => undefined;
  // Set-up outside any check (a Verifier, a signed body, the reference result) must not make
  // runSuite throw: an exception there is one failure, and the section stops.
  if (known)
    try {
      const K = caseOptionsSplit(known);
      const knownBytes = new TextEncoder().encode(known.body);
      const knownVerifier = new lib.Verifier(K.base);
      const knownKey = known.keys[0].key;
      const knownWorks = () => {
        const want = known.expect.signature;
        const a = lib.verify(known.body, K.full);
        if (a.callback.auth_sign !== want || a.keyIndex !== known.expect.keyIndex)
          return `afterwards, verify(string) gave ${show(a)}`;
        const b = lib.verify(knownBytes, K.full);
        if (b.callback.auth_sign !== want) return `afterwards, verify(Uint8Array) gave ${show(b)}`;
        const c = knownVerifier.verify(known.body, { now: K.now });
        if (c.callback.auth_sign !== want || c.keyId !== known.expect.keyId)
          return `afterwards, the Verifier built before gave ${show(c)}`;
        return undefined;
      };
      stillKnown = knownWorks;

      class CallerError extends Error {}
      const CALLER = new CallerError("thrown by the caller's own code");
      const raise = () => {
        throw CALLER;
      };
      const traps = {};
      for (const t of [
        'get',
        'set',
        'has',
        'deleteProperty',
        'ownKeys',
        'getOwnPropertyDescriptor',
        'defineProperty',
        'getPrototypeOf',
        'setPrototypeOf',
        'isExtensible',
        'preventExtensions',
        'apply',
        'construct',
      ])
        traps[t] = raise;
      const GETTERS = [
        'keys',
        'key',
        'id',
        'now',
        'toleranceSeconds',
        'maxFutureSeconds',
        'allowMd5',
        'maxBodyBytes',
        'algorithm',
        'authTimestamp',
        'event',
        'event_type',
        'domain',
        'app',
        'stream',
        'auth_sign',
        'toJSON',
        'length',
        'buffer',
        'byteLength',
        'byteOffset',
        'then',
        'constructor',
      ];
      const withThrowingGetters = (target) => {
        for (const k of GETTERS)
          Object.defineProperty(target, k, { get: raise, enumerable: true, configurable: true });
        return target;
      };
      /** Detaches `buf` (ES2024 transfer, else structuredClone with transfer); false if it cannot. */
      const detach = (buf) => {
        if (typeof buf.transfer === 'function') buf.transfer();
        else if (typeof structuredClone === 'function') structuredClone(buf, { transfer: [buf] });
        return buf.byteLength === 0;
      };
      const detachedBuffer = () => {
        const buf = knownBytes.slice().buffer;
        return detach(buf) ? buf : null;
      };
      const resizable = (n) => {
        try {
          const buf = new ArrayBuffer(n, { maxByteLength: 2 * n });
          return typeof buf.resize === 'function' && buf.resizable === true ? buf : null;
        } catch {
          return null;
        }
      };
      /** A Uint8Array subclass holding `content` whose getter `prop` answers `lies` in turn, then the truth. */
      const liar = (content, prop, lies) => {
        let n = 0;
        const Liar = class extends Uint8Array {
          get [prop]() {
            const i = n++;
            return i < lies.length ? lies[i] : super[prop];
          }
        };
        const v = new Liar(content.length);
        v.set(content);
        return v;
      };
      const HEAD = knownBytes.slice(0, 5); // the known body's first 5 bytes
      const HUGE = 'k'.repeat(5 << 20); // 5 MiB
      const HUGE3 = '直'.repeat(1 << 20); // 1 Mi characters, 3 MiB of UTF-8
      const BIG_BYTES = new Uint8Array(3 << 20).fill(0x7b); // 3 MiB of '{'

      // [label, () => value (fresh; null: not available in this runtime), runs caller code that throws]
      const HOSTILE = [
        ['undefined', () => undefined],
        ['null', () => null],
        ['true', () => true],
        ['false', () => false],
        ['0', () => 0],
        ['-0', () => -0],
        ['-1', () => -1],
        ['1.5', () => 1.5],
        ['NaN', () => NaN],
        ['Infinity', () => Infinity],
        ['-Infinity', () => -Infinity],
        ['2**53', () => 2 ** 53],
        ['2**64', () => 2 ** 64],
        ['Number.MAX_VALUE', () => Number.MAX_VALUE],
        ['Number.MIN_VALUE', () => Number.MIN_VALUE],
        ['1n', () => 1n],
        ['-1n', () => -1n],
        ['2n**64n', () => 2n ** 64n],
        ['2n**64n - 1n', () => 2n ** 64n - 1n],
        ["'str'", () => 'str'],
        ["''", () => ''],
        ['a lone surrogate', () => '\ud800'],
        ['a string with NUL', () => `a\u0000b${'c'.repeat(40)}`],
        ['a 5 MiB string', () => HUGE],
        ['a 1 Mi-character string of 3-byte characters', () => HUGE3],
        ['Symbol()', () => Symbol('hostile')],
        ['Symbol.iterator', () => Symbol.iterator],
        ['{}', () => ({})],
        ['[]', () => []],
        ['[undefined]', () => [undefined]],
        ['[null]', () => [null]],
        // biome-ignore lint/suspicious/noSparseArray: the input under test is a sparse array
        ['a sparse array', () => [, , ,]],
        ['Object.create(null)', () => Object.create(null)],
        ['a frozen object', () => Object.freeze({ a: 1 })],
        ['a frozen empty array', () => Object.freeze([])],
        ['() => {}', () => () => {}],
        ['a class', () => class {}],
        ['a Date', () => new Date(0)],
        ['a RegExp', () => /x/g],
        ['new String(the known body)', () => new String(known.body)], // eslint-disable-line no-new-wrappers
        ['new Number(1)', () => new Number(1)], // eslint-disable-line no-new-wrappers
        ['a Map', () => new Map([['keys', [knownKey]]])],
        ['a Set', () => new Set([knownKey])],
        ['a Promise', () => Promise.resolve(known.body)],
        ['an array-like of the body bytes', () => ({ length: knownBytes.length, ...knownBytes })],
        ['{ keys: [a 5 MiB string] }', () => ({ keys: [HUGE] })],
        [
          '{ keys: [an object with throwing getters] }',
          () => ({ keys: [withThrowingGetters({})] }),
          true,
        ],
        [
          'an object whose toString, valueOf and toPrimitive throw',
          () => ({ toString: raise, valueOf: raise, [Symbol.toPrimitive]: raise }),
          true,
        ],
        ['an object with throwing getters', () => withThrowingGetters({}), true],
        ['an array with throwing getters', () => withThrowingGetters([]), true],
        ['a Proxy that throws on every trap', () => new Proxy({}, traps), true],
        ['a Proxy of an array that throws on every trap', () => new Proxy([knownKey], traps), true],
        ['a Proxy of a function that throws on every trap', () => new Proxy(() => {}, traps), true],
        [
          'a revoked Proxy',
          () => {
            const r = Proxy.revocable({}, {});
            r.revoke();
            return r.proxy;
          },
        ],
        [
          'a Uint8Array of a detached ArrayBuffer',
          () => {
            const b = knownBytes.slice().buffer;
            const v = new Uint8Array(b);
            return detach(b) ? v : null;
          },
        ],
        [
          'a Uint8Array at an offset of a detached ArrayBuffer',
          () => {
            const b = knownBytes.slice().buffer;
            const v = new Uint8Array(b, 3, 10);
            return detach(b) ? v : null;
          },
        ],
        [
          'a DataView of a detached ArrayBuffer',
          () => {
            const b = knownBytes.slice().buffer;
            const v = new DataView(b);
            return detach(b) ? v : null;
          },
        ],
        ['a detached ArrayBuffer', detachedBuffer],
        [
          'a length-tracking Uint8Array of a resizable ArrayBuffer shrunk to 0',
          () => {
            const b = resizable(64);
            if (!b) return null;
            const v = new Uint8Array(b);
            b.resize(0);
            return v;
          },
        ],
        [
          'a Uint8Array out of bounds of a shrunk resizable ArrayBuffer',
          () => {
            const b = resizable(64);
            if (!b) return null;
            const v = new Uint8Array(b, 8, 32);
            b.resize(16);
            return v;
          },
        ],
        [
          'a DataView out of bounds of a shrunk resizable ArrayBuffer',
          () => {
            const b = resizable(64);
            if (!b) return null;
            const v = new DataView(b, 8, 32);
            b.resize(16);
            return v;
          },
        ],
        [
          'a SharedArrayBuffer',
          () => (typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(16) : null),
        ],
        [
          'a Uint8Array of a SharedArrayBuffer',
          () =>
            typeof SharedArrayBuffer === 'function'
              ? new Uint8Array(new SharedArrayBuffer(16))
              : null,
        ],
        ['a DataView', () => new DataView(new ArrayBuffer(8))],
        ['an Int32Array', () => new Int32Array([1, -2, 0x7b227d])],
        ['a Float64Array', () => new Float64Array([NaN, -0, 1e308])],
        ['a BigInt64Array', () => new BigInt64Array([-1n])],
        ['an empty Uint8Array', () => new Uint8Array(0)],
        ['a 3 MiB Uint8Array', () => BIG_BYTES],
        ['an ArrayBuffer', () => new ArrayBuffer(4)],
        // Node's Buffer is a Uint8Array subclass too: the package must not trust a subclass's
        // own getters for the length it copies and the length it hands to wasm.
        [
          'a Uint8Array subclass whose length grows on its 2nd read',
          () => liar(HEAD, 'length', [5, knownBytes.length]),
        ],
        [
          'a Uint8Array subclass whose length grows on its 3rd read',
          () => liar(HEAD, 'length', [5, 5, knownBytes.length]),
        ],
        [
          'a Uint8Array subclass whose length is 64 MiB from its 2nd read',
          () => liar(HEAD, 'length', [5, 2 ** 26]),
        ],
        [
          'a Uint8Array subclass whose length is -1 on its 3rd read',
          () => liar(HEAD, 'length', [5, 5, -1]),
        ],
        [
          'a Uint8Array subclass whose byteLength, byteOffset and buffer lie',
          () => {
            const v = liar(HEAD, 'byteLength', [0, 1e9, 3]);
            Object.defineProperty(v, 'byteOffset', { get: () => 1e9 });
            Object.defineProperty(v, 'buffer', { get: () => new ArrayBuffer(0) });
            return v;
          },
        ],
      ];

      const good = signer.sign(
        { domain: 'd.example', app: 'live', stream: 's', event: 'PUBLISH' },
        { key: knownKey, authTimestamp: K.now },
      );
      const fields = { ...good.callback };
      delete fields.auth_sign;
      delete fields.auth_timestamp;
      const keysWith = (v) => ({ ...K.full, keys: [v] });
      const optWith = (name, v) => ({ ...K.full, [name]: v });
      const baseWith = (name, v) => ({ ...K.base, [name]: v });
      const signOpts = { key: knownKey, authTimestamp: 1 };
      // [entry, the argument a TypeError must name, call]
      const ENTRIES = [
        ['verify body', 'body', (v) => lib.verify(v, K.full)],
        ['verify options', 'options', (v) => lib.verify(known.body, v)],
        ['verify options.keys', 'options.keys', (v) => lib.verify(known.body, optWith('keys', v))],
        ['verify options.keys[0]', 'options.keys[0]', (v) => lib.verify(known.body, keysWith(v))],
        [
          'verify options.keys[0].id',
          'options.keys[0]',
          (v) => lib.verify(known.body, keysWith({ id: v, key: knownKey })),
        ],
        [
          'verify options.keys[0].key',
          'options.keys[0]',
          (v) => lib.verify(known.body, keysWith({ id: 'a', key: v })),
        ],
        [
          'verify options.key',
          'options.key',
          (v) => lib.verify(known.body, { key: v, now: K.now }),
        ],
        ['verify options.now', 'options.now', (v) => lib.verify(known.body, optWith('now', v))],
        [
          'verify options.toleranceSeconds',
          'options.toleranceSeconds',
          (v) => lib.verify(known.body, optWith('toleranceSeconds', v)),
        ],
        [
          'verify options.maxFutureSeconds',
          'options.maxFutureSeconds',
          (v) => lib.verify(known.body, optWith('maxFutureSeconds', v)),
        ],
        [
          'verify options.maxBodyBytes',
          'options.maxBodyBytes',
          (v) => lib.verify(known.body, optWith('maxBodyBytes', v)),
        ],
        [
          'verify options.allowMd5',
          'options.allowMd5',
          (v) => lib.verify(known.body, optWith('allowMd5', v)),
        ],
        ['new Verifier options', 'options', (v) => new lib.Verifier(v)],
        ['new Verifier options.keys', 'options.keys', (v) => new lib.Verifier(baseWith('keys', v))],
        [
          'new Verifier options.keys[0]',
          'options.keys[0]',
          (v) => new lib.Verifier({ ...K.base, keys: [v] }),
        ],
        ['new Verifier options.key', 'options.key', (v) => new lib.Verifier({ key: v })],
        [
          'new Verifier options.toleranceSeconds',
          'options.toleranceSeconds',
          (v) => new lib.Verifier(baseWith('toleranceSeconds', v)),
        ],
        [
          'new Verifier options.maxFutureSeconds',
          'options.maxFutureSeconds',
          (v) => new lib.Verifier(baseWith('maxFutureSeconds', v)),
        ],
        [
          'new Verifier options.maxBodyBytes',
          'options.maxBodyBytes',
          (v) => new lib.Verifier(baseWith('maxBodyBytes', v)),
        ],
        [
          'new Verifier options.allowMd5',
          'options.allowMd5',
          (v) => new lib.Verifier(baseWith('allowMd5', v)),
        ],
        ['Verifier#verify body', 'body', (v) => knownVerifier.verify(v, { now: K.now })],
        ['Verifier#verify options', 'options', (v) => knownVerifier.verify(known.body, v)],
        [
          'Verifier#verify options.now',
          'options.now',
          (v) => knownVerifier.verify(known.body, { now: v }),
        ],
        ['parse body', 'body', (v) => lib.parse(v)],
        ['parse options', 'options', (v) => lib.parse(known.body, v)],
        [
          'parse options.maxBodyBytes',
          'options.maxBodyBytes',
          (v) => lib.parse(known.body, { maxBodyBytes: v }),
        ],
        ['sign callback', 'callback', (v) => lib.sign(v, signOpts)],
        ['sign callback.app', 'callback', (v) => lib.sign({ ...fields, app: v }, signOpts)],
        [
          'sign callback.auth_timestamp',
          'callback',
          (v) => lib.sign({ ...fields, auth_timestamp: v }, signOpts),
        ],
        ['sign options', 'options', (v) => lib.sign(fields, v)],
        ['sign options.key', 'options.key', (v) => lib.sign(fields, { ...signOpts, key: v })],
        [
          'sign options.algorithm',
          'options.algorithm',
          (v) => lib.sign(fields, { ...signOpts, algorithm: v }),
        ],
        [
          'sign options.authTimestamp',
          'options.authTimestamp',
          (v) => lib.sign(fields, { ...signOpts, authTimestamp: v }),
        ],
        ['explain body', 'body', (v) => lib.explain(v, K.full)],
        ['explain options', 'options', (v) => lib.explain(known.body, v)],
        [
          'explain options.keys',
          'options.keys',
          (v) => lib.explain(known.body, optWith('keys', v)),
        ],
        ['explain options.keys[0]', 'options.keys[0]', (v) => lib.explain(known.body, keysWith(v))],
        ['explain options.now', 'options.now', (v) => lib.explain(known.body, optWith('now', v))],
        [
          'explain options.maxBodyBytes',
          'options.maxBodyBytes',
          (v) => lib.explain(known.body, optWith('maxBodyBytes', v)),
        ],
        ['generateKey length', 'length', (v) => lib.generateKey(v)],
      ];

      /** The rule above, for one call; returns a failure reason or undefined. */
      const judge = (call, value, arg, runsCallerCode) => {
        try {
          call(value);
        } catch (e) {
          if (e === CALLER) {
            if (!runsCallerCode)
              return "the caller's exception, from a value that runs no caller code";
          } else if (typeof WebAssembly === 'object' && e instanceof WebAssembly.RuntimeError) {
            return `a wasm trap: ${show(e)}`;
          } else if (e instanceof lib.CallbackError) {
            if (!CODES.includes(e.code))
              return `a CallbackError with an undocumented code: ${show(e)}`;
            if (!(e instanceof Error) || typeof e.message !== 'string' || e.message.length === 0)
              return `a CallbackError without a message: ${show(e)}`;
          } else if (e instanceof TypeError || e instanceof RangeError) {
            if (typeof e.message !== 'string' || !e.message.includes(arg))
              return `a ${e.name} that does not name ${arg}: ${e.message}`;
          } else {
            return `${e instanceof Error ? 'threw' : 'threw a non-Error'} ${show(e)}`;
          }
        }
        return knownWorks();
      };
      // The judge itself can fail: prove it on stand-ins before trusting its verdicts.
      check(
        'boundary: the judge refuses a trap, a plain Error, a non-Error, an unnamed TypeError, an unknown code',
        () => {
          const trap =
            typeof WebAssembly === 'object'
              ? new WebAssembly.RuntimeError('unreachable')
              : new Error('x');
          const standIns = [
            [
              'a wasm trap',
              () => {
                throw trap;
              },
            ],
            [
              'a plain Error',
              () => {
                throw new Error('x');
              },
            ],
            [
              'a string',
              () => {
                throw 'x';
              },
            ], // eslint-disable-line no-throw-literal
            [
              'a TypeError naming another argument',
              () => {
                throw new TypeError('options.now must be …');
              },
            ],
            [
              'an unknown code',
              () => {
                throw new lib.CallbackError('NOT_A_CODE', 'x');
              },
            ],
            ["the caller's exception from a value that runs no caller code", raise],
          ];
          for (const [what, fn] of standIns)
            if (judge(fn, undefined, 'body', false) === undefined) return `accepted ${what}`;
          if (
            judge(
              () => {
                throw new TypeError('body must be …');
              },
              undefined,
              'body',
              false,
            ) !== undefined
          )
            return 'refused a TypeError naming body';
          return judge(raise, undefined, 'body', true);
        },
      );
      for (const [entry, arg, call] of ENTRIES.filter(usable)) {
        for (const [label, make, runsCallerCode = false] of HOSTILE) {
          let value;
          try {
            value = make();
          } catch {
            value = null;
          }
          if (value === null && label !== 'null') continue; // not available in this runtime
          check(`boundary: ${entry} ← ${label}`, () => judge(call, value, arg, runsCallerCode));
        }
      }
      check('boundary: this runtime can detach an ArrayBuffer (the detached rows ran)', () =>
        detachedBuffer() === null
          ? 'neither ArrayBuffer.prototype.transfer nor structuredClone with transfer'
          : undefined,
      );

      // Valid arguments in unusual containers give exactly the ordinary result.
      const want = lib.verify(known.body, K.full);
      const same = (what, got) => (deepEqual(got, want) ? undefined : `${what}: ${show(got)}`);
      const odd = [
        [
          'frozen options and keys',
          () =>
            lib.verify(
              known.body,
              Object.freeze({
                ...K.full,
                keys: Object.freeze(K.full.keys.map((k) => Object.freeze({ ...k }))),
              }),
            ),
        ],
        [
          'options with a null prototype',
          () => lib.verify(known.body, Object.assign(Object.create(null), K.full)),
        ],
        [
          'options from own getters',
          () =>
            lib.verify(
              known.body,
              Object.defineProperties(
                {},
                { keys: { get: () => K.full.keys, enumerable: true }, now: { get: () => K.now } },
              ),
            ),
        ],
        ['options as a transparent Proxy', () => lib.verify(known.body, new Proxy(K.full, {}))],
        [
          'keys as an Array subclass',
          () =>
            lib.verify(known.body, { ...K.full, keys: class extends Array {}.from(K.full.keys) }),
        ],
        ['now as a bigint', () => lib.verify(known.body, { ...K.full, now: BigInt(K.now) })],
        [
          'a Verifier from frozen options',
          () =>
            new lib.Verifier(Object.freeze({ ...K.base })).verify(
              known.body,
              Object.freeze({ now: K.now }),
            ),
        ],
        [
          'the body in a Uint8Array inside a larger buffer of garbage',
          () => {
            const b = new Uint8Array(knownBytes.length + 20).fill(0xff);
            b.set(knownBytes, 10);
            return lib.verify(b.subarray(10, 10 + knownBytes.length), K.full);
          },
        ],
        [
          'the body in a length-tracking view of a resizable ArrayBuffer',
          () => {
            const buf = resizable(knownBytes.length);
            if (!buf) return want;
            const v = new Uint8Array(buf);
            v.set(knownBytes);
            return lib.verify(v, K.full);
          },
        ],
        [
          "the body in a Uint8Array subclass (like Node's Buffer)",
          () => {
            const v = new (class extends Uint8Array {})(knownBytes.length);
            v.set(knownBytes);
            return lib.verify(v, K.full);
          },
        ],
        [
          'the body in a Uint8Array subclass, through a Verifier',
          () => {
            const v = new (class extends Uint8Array {})(knownBytes.length);
            v.set(knownBytes);
            return knownVerifier.verify(v, { now: K.now });
          },
        ],
        [
          'the body in a SharedArrayBuffer',
          () => {
            if (typeof SharedArrayBuffer !== 'function') return want;
            const v = new Uint8Array(new SharedArrayBuffer(knownBytes.length));
            v.set(knownBytes);
            return lib.verify(v.buffer, K.full);
          },
        ],
        [
          'the body in a Uint8Array of a SharedArrayBuffer, through a Verifier',
          () => {
            if (typeof SharedArrayBuffer !== 'function') return want;
            const v = new Uint8Array(new SharedArrayBuffer(knownBytes.length));
            v.set(knownBytes);
            return knownVerifier.verify(v, { now: K.now });
          },
        ],
      ];
      for (const [what, fn] of odd)
        check(`boundary: ${what} give the ordinary result`, () => same(what, fn()) ?? knownWorks());
      // u64 arguments cross into wasm as two u32 halves: values around and above 2^32 must keep
      // their exact meaning (no wrap, no truncation to 32 or 53 bits).
      check('boundary: maxBodyBytes above 2^32 does not wrap around', () => {
        for (const m of [
          2 ** 32,
          2 ** 32 + 10,
          2 ** 53,
          2 ** 64,
          2n ** 32n + 10n,
          2n ** 64n - 1n,
        ]) {
          for (const [what, fn] of [
            ['verify', () => lib.verify(known.body, { ...K.full, maxBodyBytes: m })],
            [
              'Verifier',
              () =>
                new lib.Verifier({ ...K.base, maxBodyBytes: m }).verify(known.body, { now: K.now }),
            ],
            ['parse', () => lib.parse(known.body, { maxBodyBytes: m })],
          ]) {
            let r;
            try {
              r = fn();
            } catch (e) {
              return `${what} with maxBodyBytes ${show(m)}: ${show(e)}`;
            }
            if (r.callback.auth_sign !== known.expect.signature)
              return `${what} with maxBodyBytes ${show(m)}: ${show(r)}`;
          }
        }
        return undefined;
      });
      check(
        'boundary: toleranceSeconds and maxFutureSeconds above 2^32 are exact to the second',
        () => {
          const ts = Number(known.expect.authTimestamp);
          for (const d of [2 ** 32 - 1, 2 ** 32, 2 ** 32 + 5, 2 ** 40 + 3]) {
            for (const dd of [d, BigInt(d)]) {
              const edge = typeof dd === 'bigint' ? BigInt(ts) + dd : ts + dd;
              const ok = lib.verify(known.body, { ...K.full, toleranceSeconds: dd, now: edge });
              if (ok.callback.auth_sign !== known.expect.signature)
                return `tolerance ${show(dd)} at its edge: ${show(ok)}`;
              const why = throwsCode(
                () =>
                  lib.verify(known.body, {
                    ...K.full,
                    toleranceSeconds: dd,
                    now: typeof edge === 'bigint' ? edge + 1n : edge + 1,
                  }),
                'EXPIRED',
              );
              if (why) return `tolerance ${show(dd)}, one second after its edge: ${why}`;
            }
            // A callback stamped 2^50: now = 2^50 - d is just inside maxFutureSeconds d.
            const far = signer.sign(fields, { key: knownKey, authTimestamp: 2n ** 50n });
            const edge = 2 ** 50 - d;
            const ok = lib.verify(far.body, { key: knownKey, maxFutureSeconds: d, now: edge });
            if (ok.callback.auth_sign !== far.callback.auth_sign)
              return `maxFutureSeconds ${d} at its edge: ${show(ok)}`;
            const why = throwsCode(
              () => lib.verify(far.body, { key: knownKey, maxFutureSeconds: d, now: edge - 1 }),
              'TIMESTAMP_IN_FUTURE',
            );
            if (why) return `maxFutureSeconds ${d}, one second beyond: ${why}`;
          }
          const max = 2n ** 64n - 1n;
          const v = new lib.Verifier({ ...K.base, toleranceSeconds: max }).verify(known.body, {
            now: max,
          });
          return v.callback.auth_sign === known.expect.signature
            ? undefined
            : `tolerance and now 2^64 - 1: ${show(v)}`;
        },
      );
      check(
        'boundary: a Uint8Array whose length getter lies cannot make verify read the previous body',
        () => {
          // The previous call leaves the known body in the package's input buffer in wasm memory; the
          // lying view holds only its first 5 bytes. Verifying 5 bytes cannot succeed.
          for (const [what, fn] of [
            ['Verifier#verify', (v) => knownVerifier.verify(v, { now: K.now })],
            ['verify', (v) => lib.verify(v, K.full)],
          ]) {
            for (const lies of [
              [5, knownBytes.length],
              [5, 5, knownBytes.length],
            ]) {
              knownWorks();
              let r;
              try {
                r = fn(liar(HEAD, 'length', lies));
              } catch {
                continue;
              }
              return `${what} of 5 bytes (length reads ${lies.join(', ')}) accepted ${show(r.callback)}`;
            }
          }
          return undefined;
        },
      );
      // Getters that call the package again, mid-call, with bodies large enough to grow the input
      // buffer and wasm memory (stale views) and to release it again.
      check(
        'boundary: getters that re-enter the package (and grow wasm memory) give the ordinary result',
        () => {
          let big = 1 << 20;
          const reenter = () => {
            big += 4096; // a new, larger body each time: the input buffer grows
            try {
              lib.verify(`{"pad":"${'p'.repeat(big)}"}`, {
                key: knownKey,
                now: K.now,
                maxBodyBytes: 4 << 20,
              });
            } catch {
              /* MISSING_FIELD etc. */
            }
            if (tools) lib.explain(known.body, K.full);
            lib.parse(known.body);
          };
          const opts = {
            get keys() {
              reenter();
              return K.full.keys;
            },
            get now() {
              reenter();
              return K.now;
            },
          };
          const Sneaky = class extends Uint8Array {
            get byteLength() {
              reenter();
              return super.byteLength;
            }
          };
          const body = new Sneaky(knownBytes.length);
          body.set(knownBytes);
          for (const [what, fn] of [
            ['verify(string) with re-entering getters', () => lib.verify(known.body, opts)],
            ['verify(bytes) whose byteLength getter re-enters', () => lib.verify(body, K.full)],
            [
              'Verifier#verify(bytes) with both',
              () =>
                knownVerifier.verify(body, {
                  get now() {
                    reenter();
                    return K.now;
                  },
                }),
            ],
            [
              'new Verifier with a re-entering keys getter',
              () => new lib.Verifier(opts).verify(known.body, { now: K.now }),
            ],
            [
              'explain with both',
              () => lib.explain(body, opts).callback && lib.verify(known.body, K.full),
            ],
          ].filter(usable)) {
            const why = same(what, fn());
            if (why) return why;
          }
          return undefined;
        },
      );
      check(
        'boundary: Verifier#verify without its Verifier, and Verifier without new, throw a TypeError',
        () => {
          const detachedMethod = knownVerifier.verify;
          for (const [what, fn] of [
            ['a detached method', () => detachedMethod(known.body, { now: K.now })],
            [
              'verify.call({})',
              () => lib.Verifier.prototype.verify.call({}, known.body, { now: K.now }),
            ],
            [
              'verify.call(a Proxy that throws)',
              () => lib.Verifier.prototype.verify.call(new Proxy({}, traps), known.body),
            ],
            ['Verifier() without new', () => lib.Verifier(K.base)],
          ]) {
            try {
              fn();
              return `${what} returned`;
            } catch (e) {
              if (!(e instanceof TypeError)) return `${what}: ${show(e)}`;
            }
            const why = knownWorks();
            if (why) return `${what}: ${why}`;
          }
          return undefined;
        },
      );
      check('boundary: an options getter read twice cannot change what was validated', () => {
        let reads = 0;
        const opts = {
          get keys() {
            reads++;
            return reads === 1 ? K.full.keys : [42];
          },
          now: K.now,
        };
        const got = lib.verify(known.body, opts);
        return same('keys [ok, then 42]', got);
      });
    } catch (e) {
      fail('boundary: set-up', `unexpected exception ${show(e)}`);
    }

  // ---------------------------------------------------------------- fuzz regression corpus
  // tests/fuzz-regressions/<target>/ (the inputs the Rust replay runs), packed into corpus.json by
  // scripts/gen_fuzz_corpus.py. Each input, as bytes (and for the targets with a 12-byte options
  // header, also the body after it), goes through parse, verify (one-shot and a Verifier, two
  // keys, now = its auth_timestamp) and explain; each must succeed or throw a CallbackError with a
  // documented code, and they must agree with each other:
  //  - a body parse refuses, verify refuses with parse's very error (code and message);
  //  - explain's `error` is verify's error (code and message), or null when verify accepts;
  //  - the one-shot verify, the Verifier and explain accept the same bodies, with the same result;
  //  - a valid UTF-8 body gives the same outcome as a string as it does as bytes (the string hot
  //    path builds the result from u32 words and body slices, the bytes path from JSON);
  //  - what verify accepts, parse reads to the same callback.
  // A body parse accepts is also re-signed (its auth_sign replaced by explain's expected
  // signature for the second key) and checked the same way, so acceptance is reached too.
  const KEY_A = 'Fz7kQ2mWxLvBnRtYpJhDgScUaVqZwXkN';
  check('fuzz corpus: the runner passed tests/fuzz-regressions/corpus.json with inputs', () =>
    corpus && Array.isArray(corpus.inputs) && corpus.inputs.length > 0
      ? undefined
      : `got ${show(corpus)}`,
  );
  if (corpus && Array.isArray(corpus.inputs))
    try {
      const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
      const keys = [
        { id: 'a', key: KEY_A },
        { id: 'p', key: KEY },
      ];
      const corpusVerifier = new lib.Verifier({ keys, allowMd5: true });
      const fromBase64 = (s) => {
        const bin = atob(s);
        const out = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
        return out;
      };
      /** { ok: value } or { error: CallbackError }; anything else is thrown as a failure reason. */
      const outcome = (what, fn) => {
        try {
          return { ok: fn() };
        } catch (e) {
          if (
            e instanceof lib.CallbackError &&
            CODES.includes(e.code) &&
            typeof e.message === 'string' &&
            e.message
          )
            return { error: e };
          throw new Error(`${what} threw ${show(e)}`);
        }
      };
      const sameOutcome = (a, b) =>
        a.error || b.error
          ? Boolean(
              a.error &&
                b.error &&
                a.error.code === b.error.code &&
                a.error.message === b.error.message,
            )
          : deepEqual(a.ok, b.ok);
      const brief = (o) =>
        o.error ? `${o.error.code} ${o.error.message}` : `accepted ${show(o.ok)}`;
      let accepted = 0;
      let parsedOk = 0;
      const codes = new Set();
      const checkBody = (bytes) => {
        const p = outcome('parse', () => lib.parse(bytes));
        const ts =
          p.ok &&
          typeof p.ok.callback.auth_timestamp === 'number' &&
          Number.isSafeInteger(p.ok.callback.auth_timestamp)
            ? p.ok.callback.auth_timestamp
            : 1700000000;
        const opts = { keys, now: ts, allowMd5: true };
        const v = outcome('verify', () => lib.verify(bytes, opts));
        const w = outcome('Verifier#verify', () => corpusVerifier.verify(bytes, { now: ts }));
        if (!sameOutcome(v, w)) return `verify: ${brief(v)}; Verifier#verify: ${brief(w)}`;
        if (p.error && !sameOutcome(p, v)) return `parse: ${brief(p)}; verify: ${brief(v)}`;
        if (v.ok && !deepEqual(v.ok.callback, p.ok.callback))
          return `verify's callback ${show(v.ok.callback)} differs from parse's ${show(p.ok.callback)}`;
        let x;
        try {
          // (In a lean run the full package explains: the two builds must agree.)
          x = signer.explain(bytes, opts);
        } catch (e) {
          return `explain threw ${show(e)}`;
        }
        if (
          v.ok
            ? x.error !== null
            : x.error === null ||
              x.error.code !== v.error.code ||
              x.error.message !== v.error.message
        ) {
          return `explain error ${show(x.error)}; verify: ${brief(v)}`;
        }
        if (v.ok && (x.keyIndex !== v.ok.keyIndex || !deepEqual(x.callback, v.ok.callback)))
          return `explain keyIndex/callback ${x.keyIndex} ${show(x.callback)} differ from verify's`;
        let text = null;
        try {
          text = fatal.decode(bytes);
        } catch {
          /* not UTF-8: bytes only */
        }
        if (text !== null) {
          const ps = outcome('parse(string)', () => lib.parse(text));
          if (!sameOutcome(ps, p)) return `parse(string): ${brief(ps)}; parse(bytes): ${brief(p)}`;
          const vs = outcome('verify(string)', () => lib.verify(text, opts));
          if (!sameOutcome(vs, v))
            return `verify(string): ${brief(vs)}; verify(bytes): ${brief(v)}`;
          const ws = outcome('Verifier#verify(string)', () =>
            corpusVerifier.verify(text, { now: ts }),
          );
          if (!sameOutcome(ws, v))
            return `Verifier#verify(string): ${brief(ws)}; verify(bytes): ${brief(v)}`;
        }
        if (p.ok) parsedOk++;
        if (v.ok) accepted++;
        else codes.add(v.error.code);
        return { p, x };
      };
      /** The body with its auth_sign replaced by the expected signature for `keys[1]`, or null. */
      const resigned = (bytes, x) => {
        const got = x.receivedSignature;
        const k = Array.isArray(x.keys) ? x.keys[1] : undefined;
        if (
          typeof got !== 'string' ||
          got.length === 0 ||
          !k ||
          typeof k.expectedSignature !== 'string'
        )
          return null;
        const latin = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 65536)));
        const at = latin.indexOf(`"${got}"`);
        if (bytes.length > 65536 || at < 0 || latin.indexOf(`"${got}"`, at + 1) >= 0) return null;
        const sig = new TextEncoder().encode(k.expectedSignature);
        const out = new Uint8Array(bytes.length - got.length + sig.length);
        out.set(bytes.subarray(0, at + 1), 0);
        out.set(sig, at + 1);
        out.set(bytes.subarray(at + 1 + got.length), at + 1 + sig.length);
        return out;
      };
      const header = corpus.headerBytes ?? {};
      for (const input of corpus.inputs) {
        const bytes = fromBase64(input.base64);
        const variants = [['', bytes]];
        const h = header[input.target];
        if (typeof h === 'number' && bytes.length > h)
          variants.push([' (body after the header)', bytes.subarray(h)]);
        for (const [suffix, body] of variants) {
          check(`fuzz corpus: ${input.target}/${input.name}${suffix}`, () => {
            const r = checkBody(body);
            if (typeof r === 'string') return r;
            if (!r.p.ok) return stillKnown();
            const again = resigned(body, r.x);
            if (again === null) return stillKnown();
            const r2 = checkBody(again);
            return typeof r2 === 'string' ? `re-signed: ${r2}` : stillKnown();
          });
        }
      }
      check('fuzz corpus: reaches parse success, acceptance and at least four error codes', () =>
        parsedOk > 0 && accepted > 0 && codes.size >= 4
          ? undefined
          : `${parsedOk} parsed, ${accepted} accepted, codes ${[...codes].join(' ')}`,
      );
    } catch (e) {
      fail('fuzz corpus: set-up', `unexpected exception ${show(e)}`);
    }

  // ---------------------------------------------------------------- signed URLs (tests/js/suites/url.mjs)
  try {
    // (Signed URLs are tools: not in the verify-only build.)
    if (tools) runUrlSuite(lib, check);
  } catch (e) {
    fail('url: set-up', `unexpected exception ${show(e)}`);
  }

  // ---------------------------------------------------------------- last: a module-killing value
  // Run last because, with the package of 2026-11-21, it leaves the module dead for every later
  // verify (a wasm trap while the input buffer is borrowed: every later call traps too), which
  // would bury every check after it. A body whose length getter says 5, then 3.5 * 10^9.
  check('boundary (last): a Uint8Array whose length jumps to 3.5e9 leaves verify working', () => {
    if (!known) return 'no known vector';
    let n = 0;
    const Liar = class extends Uint8Array {
      get length() {
        return n++ === 0 ? 5 : 3.5e9;
      }
    };
    for (const [what, fn] of [
      ['verify', () => lib.verify(new Liar(5), { keys: [KEY], now: 1 })],
      ['Verifier#verify', () => new lib.Verifier({ keys: [KEY] }).verify(new Liar(5), { now: 1 })],
      ['parse', () => lib.parse(new Liar(5))],
      ['explain', () => lib.explain(new Liar(5), { keys: [KEY], now: 1 })],
    ].filter(usable)) {
      n = 0;
      let outcome = 'returned';
      try {
        fn();
      } catch (e) {
        outcome = show(e);
      }
      let why;
      try {
        why = stillKnown();
      } catch (e) {
        why = `verifying the known vector threw ${show(e)}`;
      }
      if (why) return `after ${what} (${outcome}): ${why}`;
    }
    return undefined;
  });

  return { passed, failed, failures };
}
