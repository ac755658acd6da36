// @ts-check
// signUrl, verifyUrl, explainUrl: Huawei Live's URL validation (signed ingest and playback URLs,
// methods A, B and D; C is refused with UNSUPPORTED_METHOD). Arguments to the wasm layer's
// types, results to objects; every rule (URL form, parameters, keys, window, defaults) is the
// Rust core's (src/url/). What this module decides itself: JS types, milliseconds passed as
// seconds, lone UTF-16 surrogates, and method A's random part (the core has no randomness).
import * as arg from './args.js';
import { CallbackError, onBindings, result, rethrow } from './wasm.js';

/** @type {any} */
let b;
/** @type {{ maxSkewSeconds: number, maxUrlBytes: number } | undefined} */
let limits;

onBindings((bindings) => {
  b = bindings;
  limits = undefined;
});

// A Unix time above 10^11 s is past the year 5000: such a value only makes sense as milliseconds.
const MILLIS_ABOVE = 1e11;

function tools() {
  if (b === undefined)
    throw new Error('huaweicloud-live-callback: the wasm module is not initialised');
  if (typeof b.sign_url !== 'function') {
    throw new Error(
      'huaweicloud-live-callback: signed URLs are not in this build (the lean verify-only build leaves them out)',
    );
  }
  if (limits === undefined) limits = result(b.url_limits());
  return /** @type {{ maxSkewSeconds: number, maxUrlBytes: number }} */ (limits);
}

/**
 * A Unix time in seconds, refusing what can only be milliseconds.
 * @param {unknown} value
 * @param {string} name
 */
function unixSeconds(value, name) {
  const v = arg.u64(value, name);
  if (v > MILLIS_ABOVE) {
    throw new TypeError(
      `${name} must be Unix seconds, got ${String(v)}, which only makes sense as milliseconds (Date.now()); use Math.floor(Date.now() / 1000)`,
    );
  }
  return v;
}

/**
 * The URL argument: a string of Unicode text. Longer than `max` UTF-16 units, it is refused
 * before the copy into wasm memory (verifyUrl: the core's own limit; explainUrl: 1 MiB, so that
 * the core reports an over-long URL in the explanation).
 * @param {unknown} url
 * @param {number} max
 */
function urlArg(url, max) {
  if (typeof url !== 'string')
    throw new TypeError(`url must be a string, got ${arg.describe(url)}`);
  if (url.length > max) {
    // Each UTF-16 unit is at least one UTF-8 byte: more units than the limit is over it.
    const limit = tools().maxUrlBytes;
    throw new CallbackError(
      'INVALID_FIELD',
      `invalid field url: it has more than ${max} bytes; at most ${limit} are accepted`,
    );
  }
  if (!arg.wellFormed(url)) {
    throw new CallbackError(
      'INVALID_FIELD',
      'invalid field url: it contains a lone UTF-16 surrogate, which is not Unicode text',
    );
  }
  return url;
}

/**
 * An optional string option (rand, uid, method).
 * @param {object} o
 * @param {string} prop
 */
function optString(o, prop) {
  const v = arg.own(o, prop);
  if (v === undefined) return undefined;
  if (typeof v !== 'string')
    throw new TypeError(`options.${prop} must be a string, got ${arg.describe(v)}`);
  if (v.length > arg.MAX_ARG_UNITS)
    throw new TypeError(`options.${prop} is longer than ${arg.MAX_ARG_UNITS} characters`);
  if (!arg.wellFormed(v))
    throw new TypeError(
      `options.${prop} contains a lone UTF-16 surrogate, which is not Unicode text`,
    );
  return v;
}

/** The core's canonical method name ("A"…"D"), or its CallbackError. @param {string} name */
function canonicalMethod(name) {
  const m = b.url_method(name);
  if (m.charCodeAt(0) === 33) result(m);
  return m;
}

/** 32 lowercase hex digits from crypto.getRandomValues: method A's rand. */
function randomRand() {
  const crypto = globalThis.crypto;
  if (!crypto || typeof crypto.getRandomValues !== 'function') {
    throw new Error(
      'signUrl with method A needs options.rand or crypto.getRandomValues, which this runtime does not provide',
    );
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let out = '';
  for (let i = 0; i < 16; i++) out += (bytes[i] + 256).toString(16).slice(1);
  return out;
}

/** @type {typeof import('../index.js').signUrl} */
export function signUrl(url, options) {
  tools();
  const o = arg.object(options, 'options', "{ key, method: 'D', time }");
  const key = arg.secret(arg.own(o, 'key'), 'options.key', 'key');
  const method = canonicalMethod(optString(o, 'method') ?? 'D');
  const time = arg.own(o, 'time');
  if (time === undefined)
    throw new TypeError('options.time is required (Unix seconds: the start of validity)');
  const t = unixSeconds(time, 'options.time');
  let rand = optString(o, 'rand');
  const uid = optString(o, 'uid');
  const u = urlArg(url, tools().maxUrlBytes);
  if (rand === undefined && method === 'A') rand = randomRand();
  return result(b.sign_url(u, key, method, arg.hi(t), arg.lo(t), rand, uid)).url;
}

/**
 * UrlVerifyOptions, checked and converted -> a wasm UrlOptions (the caller frees it), and now.
 * @param {unknown} options
 */
function urlOptions(options) {
  const { maxSkewSeconds } = tools();
  const o = arg.object(options, 'options', '{ key, timeoutSeconds }');
  const keys = arg.keys(o, 'options');
  const timeout = arg.own(o, 'timeoutSeconds');
  if (timeout === undefined) {
    throw new TypeError(
      "options.timeoutSeconds is required: the domain's URL-validation timeout (60 to 2592000 s; Huawei documents no default)",
    );
  }
  const t = arg.u64(timeout, 'options.timeoutSeconds');
  const skew = arg.u64(arg.own(o, 'maxSkewSeconds') ?? maxSkewSeconds, 'options.maxSkewSeconds');
  const nowOpt = arg.own(o, 'now');
  const now = nowOpt === undefined ? arg.nowSeconds() : unixSeconds(nowOpt, 'options.now');
  const method = optString(o, 'method') ?? '';
  let w;
  try {
    w = new b.UrlOptions(arg.hi(t), arg.lo(t), arg.hi(skew), arg.lo(skew), method);
  } catch (e) {
    rethrow(e);
  }
  for (const k of keys) w.key(k.id, k.secret);
  return { w, now };
}

/** @type {typeof import('../index.js').verifyUrl} */
export function verifyUrl(url, options) {
  tools();
  const { w, now } = urlOptions(options);
  try {
    return result(w.verify(urlArg(url, tools().maxUrlBytes), arg.hi(now), arg.lo(now)));
  } finally {
    w.free();
  }
}

/** @type {typeof import('../index.js').explainUrl} */
export function explainUrl(url, options) {
  tools();
  const { w, now } = urlOptions(options);
  try {
    return result(w.explain(urlArg(url, arg.MAX_ARG_UNITS), arg.hi(now), arg.lo(now)));
  } finally {
    w.free();
  }
}
