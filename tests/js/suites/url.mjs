// Signed URLs (issue 14) in the one JS suite: every vector of tests/vectors/urls.json (through
// the generated url-vectors.mjs, so that runtimes without a file system get them too) via
// signUrl / verifyUrl / explainUrl, then API checks (argument handling, milliseconds, own
// properties read once, keys never echoed, generated rand). Called by tests/js/suite.mjs:
//   runUrlSuite(lib, check)   check(name, fn): fn returns undefined (pass) or a reason string.
// Uses nothing beyond ECMAScript and globalThis.crypto.
import URLS from './url-vectors.mjs';

const KEY = 'GCTbw44s6MPLh4GqgDpnfuFHgy25Enly';
const NEW_KEY = 'n3wK3yR0tat10nQ7pLm2Xc9Vb4Zs8Dw1';
const PUSH = 'rtmp://push.example.com/livetest/huawei1';
const D_URL = `${PUSH}?hwSecret=ce201856a0957413319e883c8ccae13602f01d3d91e21daf5161964cf708a6a8&hwTime=5eed5888`;
const T = 0x5eed5888;
const MILLIS_ABOVE = 1e11;

function show(v) {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Error) return `${v.name}(${v.code ?? ''}) ${v.message}`;
  try {
    const s = JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x));
    return s === undefined ? String(v) : s.length > 300 ? `${s.slice(0, 300)}…` : s;
  } catch {
    return String(v);
  }
}

/** A vector integer (number, or a decimal string above 2^53 - 1) as an API value. */
function int(v) {
  return typeof v === 'string' ? BigInt(v) : v;
}

/** As the package returns it: a number up to 2^53 - 1, else a bigint. */
function exactInt(w) {
  const big = BigInt(w);
  return big > BigInt(Number.MAX_SAFE_INTEGER) ? big : Number(big);
}

function caseUrl(u) {
  if (typeof u === 'string') return u;
  const [pre, chunk, count, suf] = u.repeat;
  return pre + chunk.repeat(count) + suf;
}

function caseKeys(keys) {
  return keys.map((k) =>
    typeof k === 'string' ? k : k.id === undefined ? { key: k.key } : { id: k.id, key: k.key },
  );
}

/** Runs fn; returns ['ok', value] or ['throw', error]. */
function attempt(fn) {
  try {
    return ['ok', fn()];
  } catch (e) {
    return ['throw', e];
  }
}

export function runUrlSuite(lib, check) {
  const isCode = (e, code) =>
    e instanceof lib.CallbackError && e.name === 'CallbackError' && e.code === code;
  const throwsCode = (fn, code) => {
    const [k, v] = attempt(fn);
    if (k === 'ok') return `expected CallbackError ${code}, got ${show(v)}`;
    return isCode(v, code) ? undefined : `expected CallbackError ${code}, got ${show(v)}`;
  };
  const throwsType = (fn, words) => {
    const [k, v] = attempt(fn);
    if (k === 'ok') return `expected a TypeError, got ${show(v)}`;
    if (!(v instanceof TypeError)) return `expected a TypeError, got ${show(v)}`;
    return words.every((w) => v.message.includes(w))
      ? undefined
      : `TypeError does not say ${show(words)}: ${v.message}`;
  };

  check('url: the package exports signUrl, verifyUrl, explainUrl', () =>
    ['signUrl', 'verifyUrl', 'explainUrl'].every((f) => typeof lib[f] === 'function')
      ? undefined
      : 'missing export',
  );
  if (typeof lib.signUrl !== 'function') return;

  // ---------------------------------------------------------------- vectors
  check('url vectors: urls.json has sign and verify cases from huawei-doc and ours', () => {
    const all = [...(URLS.sign ?? []), ...(URLS.verify ?? [])];
    return all.length > 150 &&
      all.some((c) => c.source === 'huawei-doc') &&
      all.every((c) => c.source === 'huawei-doc' || c.source === 'ours')
      ? undefined
      : `${all.length} cases`;
  });
  for (const c of URLS.sign) {
    check(`url vectors: ${c.name}`, () => {
      const url = caseUrl(c.url);
      const opts = { key: c.key, method: c.method, time: int(c.time) };
      if (c.rand !== undefined) opts.rand = c.rand;
      if (c.uid !== undefined) opts.uid = c.uid;
      if (BigInt(c.time) > BigInt(MILLIS_ABOVE))
        return throwsType(() => lib.signUrl(url, opts), ['options.time', 'milliseconds']);
      if (c.method === 'A' && c.rand === undefined && c.expect.error === 'INVALID_FIELD') {
        // The core has no randomness and refuses; the package generates 32 hex digits.
        const signed = lib.signUrl(url, opts);
        const m = /auth_key=\d+-([0-9a-f]{32})-0-[0-9a-f]{32}$/.exec(signed);
        if (!m) return `no generated rand in ${signed}`;
        const v = lib.verifyUrl(signed, { key: c.key, timeoutSeconds: 60, now: int(c.time) });
        return v.method === 'A' ? undefined : show(v);
      }
      if (c.expect.error) return throwsCode(() => lib.signUrl(url, opts), c.expect.error);
      const got = lib.signUrl(url, opts);
      return got === c.expect.url ? undefined : `signed ${got}, expected ${c.expect.url}`;
    });
  }
  for (const c of URLS.verify) {
    check(`url vectors: ${c.name}`, () => {
      const url = caseUrl(c.url);
      const opts = {
        keys: caseKeys(c.keys),
        timeoutSeconds: int(c.timeoutSeconds),
        now: int(c.now),
      };
      if (c.maxSkewSeconds !== undefined) opts.maxSkewSeconds = int(c.maxSkewSeconds);
      if (c.method !== undefined) opts.method = c.method;
      if (BigInt(c.now) > BigInt(MILLIS_ABOVE))
        return throwsType(() => lib.verifyUrl(url, opts), ['options.now', 'milliseconds']);
      const w = c.expect;
      const [k, x] = attempt(() => lib.explainUrl(url, opts));
      if (w.error) {
        // explainUrl reports the problem, or (a URL over 1 MiB) throws the same code.
        const code = k === 'ok' ? x.error?.code : isCode(x, w.error) ? w.error : show(x);
        if (code !== w.error) return `explainUrl: ${code}, expected ${w.error}`;
        return throwsCode(() => lib.verifyUrl(url, opts), w.error);
      }
      if (k !== 'ok') return `explainUrl threw ${show(x)}`;
      if (x.error !== null) return `explainUrl says ${show(x.error)}`;
      const v = lib.verifyUrl(url, opts);
      const want = {
        method: w.method,
        kind: w.kind,
        time: exactInt(w.time),
        timeFormat: w.timeFormat,
        timeReading: w.timeReading,
        expiresAt: exactInt(w.expiresAt),
        keyIndex: w.keyIndex,
        stream: w.stream,
      };
      for (const [k, e] of Object.entries(want))
        if (v[k] !== e) return `${k}: got ${show(v[k])}, expected ${show(e)}`;
      if ('keyId' in w !== 'keyId' in v || v.keyId !== w.keyId)
        return `keyId: got ${show(v.keyId)}, expected ${show(w.keyId)}`;
      if ((v.method === 'B') !== (typeof v.note === 'string'))
        return `method B's start reading must be in the result: ${show(v)}`;
      if (x.hashed !== w.hashed) return `hashed: ${show(x.hashed)}, expected ${show(w.hashed)}`;
      return x.keyIndex === w.keyIndex && x.verdict === 'VALID' ? undefined : show(x);
    });
  }

  // ---------------------------------------------------------------- API
  check("url: Huawei's method D example, signUrl defaults to D; time as number or bigint", () => {
    const a = lib.signUrl(PUSH, { key: KEY, time: T });
    const b = lib.signUrl(PUSH, { key: KEY, time: BigInt(T) });
    return a === D_URL && b === D_URL ? undefined : `${a} / ${b}`;
  });
  check('url: verifyUrl result shape { method, time, expiresAt, keyIndex, keyId? }', () => {
    const v = lib.verifyUrl(D_URL, {
      keys: [
        { id: 'old', key: NEW_KEY },
        { id: 'new', key: KEY },
      ],
      timeoutSeconds: 1800,
      now: T + 1,
    });
    return v.method === 'D' &&
      v.time === T &&
      v.expiresAt === T + 1800 &&
      v.keyIndex === 1 &&
      v.keyId === 'new' &&
      v.timeReading === 'start'
      ? undefined
      : show(v);
  });
  check('url: keyId is absent for a key without id', () => {
    const v = lib.verifyUrl(D_URL, { key: KEY, timeoutSeconds: 60, now: T });
    return !('keyId' in v) ? undefined : show(v);
  });
  check(
    'url: method A without rand gets 32 random lowercase hex digits, different each time',
    () => {
      const a = lib.signUrl('http://play.example.com/live/s.flv', {
        key: KEY,
        method: 'A',
        time: T,
      });
      const b = lib.signUrl('http://play.example.com/live/s.flv', {
        key: KEY,
        method: 'a_md5',
        time: T,
      });
      const re = /\?auth_key=1592613000-([0-9a-f]{32})-0-[0-9a-f]{32}$/;
      const ma = re.exec(a);
      const mb = re.exec(b);
      if (!ma || !mb) return `${a} / ${b}`;
      if (ma[1] === mb[1]) return 'the same rand twice';
      return lib.verifyUrl(a, { key: KEY, timeoutSeconds: 60, now: T }).method === 'A'
        ? undefined
        : 'does not verify';
    },
  );
  check('url: a time in milliseconds is a TypeError saying so', () =>
    throwsType(
      () => lib.signUrl(PUSH, { key: KEY, time: Date.now() }),
      ['options.time', 'milliseconds'],
    ),
  );
  check('url: now in milliseconds is a TypeError saying so', () =>
    throwsType(
      () => lib.verifyUrl(D_URL, { key: KEY, timeoutSeconds: 60, now: Date.now() }),
      ['options.now', 'milliseconds'],
    ),
  );
  check('url: 10^11 is still seconds, 10^11 + 1 is not', () => {
    const ok = lib.signUrl(PUSH, { key: KEY, time: 1e11 });
    return ok.endsWith(`hwTime=${(1e11).toString(16)}`)
      ? throwsType(() => lib.signUrl(PUSH, { key: KEY, time: 1e11 + 1 }), ['milliseconds'])
      : ok;
  });
  check('url: timeoutSeconds is required', () =>
    throwsType(() => lib.verifyUrl(D_URL, { key: KEY, now: T }), ['options.timeoutSeconds']),
  );
  check('url: time is required', () =>
    throwsType(() => lib.signUrl(PUSH, { key: KEY }), ['options.time']),
  );
  check('url: wrong argument types are TypeErrors naming the argument', () => {
    for (const [fn, words] of [
      [() => lib.signUrl(42, { key: KEY, time: T }), ['url']],
      [() => lib.signUrl(PUSH, null), ['options']],
      [() => lib.signUrl(PUSH, { key: 7, time: T }), ['options.key']],
      [() => lib.signUrl(PUSH, { key: KEY, time: -1 }), ['options.time']],
      [() => lib.signUrl(PUSH, { key: KEY, time: 1.5 }), ['options.time']],
      [() => lib.signUrl(PUSH, { key: KEY, time: T, method: 4 }), ['options.method']],
      [() => lib.signUrl(PUSH, { key: KEY, time: T, method: 'A', rand: 5 }), ['options.rand']],
      [() => lib.verifyUrl(D_URL, { key: KEY, keys: [KEY], timeoutSeconds: 60 }), ['options.key']],
      [
        () => lib.verifyUrl(D_URL, { key: KEY, timeoutSeconds: '60', now: T }),
        ['options.timeoutSeconds'],
      ],
      [() => lib.explainUrl(null, { key: KEY, timeoutSeconds: 60 }), ['url']],
    ]) {
      const why = throwsType(fn, words);
      if (why) return why;
    }
    return undefined;
  });
  check(
    'url: method C is UNSUPPORTED_METHOD, an unknown method INVALID_FIELD',
    () =>
      throwsCode(
        () => lib.signUrl(PUSH, { key: KEY, time: T, method: 'C' }),
        'UNSUPPORTED_METHOD',
      ) ??
      throwsCode(
        () => lib.verifyUrl(`${PUSH}?auth_info=abc.00`, { key: KEY, timeoutSeconds: 60, now: T }),
        'UNSUPPORTED_METHOD',
      ) ??
      throwsCode(() => lib.signUrl(PUSH, { key: KEY, time: T, method: 'E' }), 'INVALID_FIELD') ??
      throwsCode(
        () => lib.verifyUrl(D_URL, { key: KEY, timeoutSeconds: 60, now: T, method: 'E' }),
        'INVALID_FIELD',
      ),
  );
  check(
    'url: a lone surrogate in the URL is INVALID_FIELD (not silently replaced)',
    () =>
      throwsCode(
        () => lib.verifyUrl(`${D_URL}&x=\ud800`, { key: KEY, timeoutSeconds: 60, now: T }),
        'INVALID_FIELD',
      ) ?? throwsCode(() => lib.signUrl(`${PUSH}\udc00`, { key: KEY, time: T }), 'INVALID_FIELD'),
  );
  check('url: a 10 MB URL is INVALID_FIELD before the copy', () =>
    throwsCode(
      () => lib.verifyUrl('x'.repeat(10_000_000), { key: KEY, timeoutSeconds: 60, now: T }),
      'INVALID_FIELD',
    ),
  );
  check('url: only own properties are read, each once', () => {
    const reads = {};
    const o = {};
    for (const [k, v] of [
      ['key', KEY],
      ['timeoutSeconds', 60],
      ['now', T],
      ['maxSkewSeconds', 0],
      ['method', 'D'],
    ]) {
      Object.defineProperty(o, k, {
        enumerable: true,
        get() {
          reads[k] = (reads[k] ?? 0) + 1;
          return v;
        },
      });
    }
    const v = lib.verifyUrl(D_URL, o);
    if (v.method !== 'D') return show(v);
    for (const k of ['key', 'timeoutSeconds', 'now', 'maxSkewSeconds', 'method'])
      if (reads[k] !== 1) return `${k} read ${reads[k]} times`;
    const inherited = Object.create({ key: KEY, timeoutSeconds: 60, time: T });
    return (
      throwsType(() => lib.signUrl(PUSH, inherited), ['options.key']) ??
      throwsCode(
        () =>
          lib.verifyUrl(
            D_URL,
            Object.assign(Object.create({ key: KEY }), { timeoutSeconds: 60, now: T }),
          ),
        'INVALID_KEY',
      )
    );
  });
  check('url: signUrl reads each option once', () => {
    const reads = {};
    const o = {};
    for (const [k, v] of [
      ['key', KEY],
      ['time', T],
      ['method', 'A'],
      ['rand', 'r1'],
      ['uid', '0'],
    ]) {
      Object.defineProperty(o, k, {
        enumerable: true,
        get() {
          reads[k] = (reads[k] ?? 0) + 1;
          return v;
        },
      });
    }
    const s = lib.signUrl(PUSH, o);
    if (!s.includes('auth_key=1592613000-r1-0-')) return s;
    for (const k of Object.keys(reads)) if (reads[k] !== 1) return `${k} read ${reads[k]} times`;
    return Object.keys(reads).length === 5 ? undefined : show(reads);
  });
  check('url: keys never appear in errors or explanations', () => {
    const bad = 'abcdefghijklmnopqrstuvwxyzABCDEF';
    const texts = [];
    for (const fn of [
      () => lib.signUrl(PUSH, { key: bad, time: T }),
      () => lib.verifyUrl(D_URL, { keys: [KEY, bad], timeoutSeconds: 60, now: T }),
      () => lib.verifyUrl(D_URL, { key: NEW_KEY, timeoutSeconds: 60, now: T }),
      () => lib.signUrl(PUSH, { key: { toString: () => KEY }, time: T }),
    ]) {
      const [k, v] = attempt(fn);
      if (k === 'ok') return `no error: ${show(v)}`;
      texts.push(String(v.message));
    }
    texts.push(
      JSON.stringify(lib.explainUrl(D_URL, { keys: [NEW_KEY, bad], timeoutSeconds: 60, now: T })),
    );
    texts.push(JSON.stringify(lib.explainUrl(D_URL, { key: KEY, timeoutSeconds: 60, now: T })));
    const leak = texts.find((t) => t.includes(KEY) || t.includes(NEW_KEY) || t.includes(bad));
    return leak === undefined ? undefined : `a key in: ${leak.slice(0, 200)}`;
  });
  check(
    'url: explainUrl shows the hashed string with [KEY], both signatures, the window and hints',
    () => {
      const x = lib.explainUrl(lib.signUrl(PUSH, { key: KEY, time: T + 1800 }), {
        key: KEY,
        timeoutSeconds: 1800,
        now: T,
      });
      if (x.error?.code !== 'TIMESTAMP_IN_FUTURE' || x.verdict !== 'EXPIRED') return show(x.error);
      if (x.hashed !== 'huawei15eed5f90' || x.receivedSignature !== x.expectedSignature)
        return show(x);
      if (x.window.startsAt !== T + 1800 || x.window.expiresAt !== T + 3600 || x.window.now !== T)
        return show(x.window);
      return x.hints.some((h) => h.includes('expiry used as the start'))
        ? undefined
        : show(x.hints);
    },
  );
  check('url: method B results state the start reading', () => {
    const v = lib.verifyUrl(lib.signUrl(PUSH, { key: KEY, method: 'B', time: T }), {
      key: KEY,
      timeoutSeconds: 60,
      now: T,
    });
    return v.method === 'B' && v.timeReading === 'start' && /start/.test(v.note)
      ? undefined
      : show(v);
  });
  check('url: u64 bounds: a bigint maxSkewSeconds of 2^64 - 1 accepts a far start', () => {
    const far = lib.signUrl(PUSH, { key: KEY, time: 99_999_999_999 });
    const v = lib.verifyUrl(far, {
      key: KEY,
      timeoutSeconds: 60,
      now: 0,
      maxSkewSeconds: 2n ** 64n - 1n,
    });
    return v.time === 99_999_999_999 ? undefined : show(v);
  });
}
