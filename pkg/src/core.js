// @ts-check
// verify, Verifier, parse, sign, explain, generateKey: arguments to the wasm layer's types,
// results to objects. Every rule about callbacks lives in the Rust core.
//
// verify and parse skip even the wire string: the body is encoded straight into a reused buffer
// in wasm memory, and the core answers with a few u32 words (kind, algorithm, key index, and per
// field its code and the value's offsets in the body, the address of its unescaped text, or its
// integer value; bindings/wasm/src/lib.rs, write_words), from which the object is built here:
// with body.slice for an ASCII body, no JSON on either side.
import * as arg from './args.js';
import { CallbackError, fromWire, onBindings, result } from './wasm.js';
import {
  FIELD_TABLE,
  MD5_SIGNED_FIELDS,
  RECORD_HMAC_SIGNED_FIELDS,
  STREAM_SIGNED_FIELDS,
  setField,
} from './fields.js';

export { CallbackError };

const DEFAULT_TOLERANCE = 300;
const DEFAULT_MAX_FUTURE = 86400;
const DEFAULT_MAX_BODY = 1048576;
// Bodies explain() forwards to the core even above maxBodyBytes (it reports the size as a
// problem and keeps going); beyond this it refuses before copying.
const EXPLAIN_HARD_LIMIT = 16 * 1048576;
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// The input buffer in wasm memory is kept between calls up to this size.
const INPUT_KEEP = 65536;

/** @type {any} */
let b;
/** @type {WebAssembly.Memory} */
let memory;
let OUT = 0;
let u8 = new Uint8Array(0);
let u32 = new Uint32Array(0);
let inView = new Uint8Array(0);
let inPtr = 0;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

onBindings((bindings) => {
  b = bindings;
  // initSync again returns the instance's exports (the module is initialised once).
  memory = b.initSync().memory;
  if (b.field_table() !== FIELD_TABLE) {
    throw new Error(
      `huaweicloud-live-callback: wasm field table ${b.field_table()} differs from the JS one (${FIELD_TABLE}): mixed builds`,
    );
  }
  OUT = b.output_buffer() >>> 2;
  u8 = new Uint8Array(memory.buffer);
  u32 = new Uint32Array(memory.buffer);
});

// Views over wasm memory go stale when it grows (the old buffer is detached, and a view of a
// detached buffer has length 0): renew them before each use.
function views() {
  if (u8.length === 0) {
    u8 = new Uint8Array(memory.buffer);
    u32 = new Uint32Array(memory.buffer);
  }
}

/**
 * The callback in the result words (status 0 of verify_input, verify_once, parse_input). A value
 * is a slice of the body (tag 0: of `text` when the body is ASCII text, whose UTF-16 offsets are
 * its byte offsets; else decoded from the input buffer), an integer (tag 1), or unescaped UTF-8
 * at an address in wasm memory (tag 2).
 * @param {string | null} text
 */
function wordsCallback(text) {
  views();
  const n = u32[OUT + 2];
  /** @type {any} */
  const callback = {};
  for (let i = 0, w = OUT + 3; i < n; i++, w += 3) {
    const code = u32[w];
    const a = u32[w + 1];
    const z = u32[w + 2];
    const tag = code >>> 8;
    setField(
      callback,
      code & 0xff,
      tag === 1
        ? arg.join64(a, z)
        : tag === 0 && text !== null
          ? text.slice(a, z)
          : decoder.decode(tag === 0 ? u8.subarray(inPtr + a, inPtr + z) : u8.subarray(a, z)),
    );
  }
  return callback;
}

/**
 * The result object of verify_input / verify_once from the result words.
 * @param {string | null} text see wordsCallback
 * @param {(string | undefined)[]} ids
 */
function fromWords(text, ids) {
  const callback = wordsCallback(text);
  const flags = u32[OUT];
  const keyIndex = u32[OUT + 1];
  const record = (flags & 1) === 1;
  const md5 = (flags & 2) === 2;
  /** @type {any} */
  const out = {
    kind: record ? 'record' : 'stream',
    event: record ? callback.event_type : callback.event,
    algorithm: md5 ? 'MD5' : 'HMAC-SHA256',
    keyIndex,
  };
  const id = ids[keyIndex];
  if (id !== undefined) out.keyId = id;
  out.bodyAuthenticated = !md5;
  out.signedFields = (
    record ? (md5 ? MD5_SIGNED_FIELDS : RECORD_HMAC_SIGNED_FIELDS) : STREAM_SIGNED_FIELDS
  ).slice();
  out.callback = callback;
  return out;
}

/** @param {number} len @param {number} max */
function tooLarge(len, max) {
  b.body_too_large(len, max);
  return fromWire(b.take_wire());
}

/**
 * A string body no larger than `max` UTF-8 bytes, else throws BODY_TOO_LARGE before any copy.
 * @param {string} body
 * @param {number} max
 */
function checkString(body, max) {
  if (body.length * 3 > max) {
    const len = arg.utf8Length(body);
    if (len > max) throw tooLarge(len, max);
  }
}

/** @param {Uint8Array} bytes @param {number} max */
function checkBytes(bytes, max) {
  if (bytes.length > max) throw tooLarge(bytes.length, max);
}

/**
 * A string body as bytes for the core, lone surrogates kept visible (see args.wtf8).
 * @param {string} body
 */
function encode(body) {
  return arg.wellFormed(body) ? encoder.encode(body) : arg.wtf8(body);
}

/**
 * VerifyOptions, checked and converted (no wasm call yet).
 * @param {unknown} options
 * @param {string} name
 */
function readOptions(options, name) {
  const o = arg.object(options, name, "{ keys: ['…'] }");
  const keys = arg.keys(o, name);
  const md5 = arg.flag(o, 'allowMd5', name);
  const tolerance = arg.u64(
    arg.own(o, 'toleranceSeconds') ?? DEFAULT_TOLERANCE,
    `${name}.toleranceSeconds`,
  );
  const maxFuture = arg.u64(
    arg.own(o, 'maxFutureSeconds') ?? DEFAULT_MAX_FUTURE,
    `${name}.maxFutureSeconds`,
  );
  const max = arg.size(arg.own(o, 'maxBodyBytes'), `${name}.maxBodyBytes`, DEFAULT_MAX_BODY);
  // A list crosses into wasm as one string and the UTF-16 lengths of its items (lib.rs,
  // split_utf16).
  const domains = arg.strings(o, 'domains', name) ?? [];
  const apps = arg.strings(o, 'apps', name) ?? [];
  const lengths = (/** @type {string[]} */ list) => list.map((s) => s.length);
  const unknownEvents = arg.flag(o, 'allowUnknownEvents', name);
  return {
    keys,
    ids: keys.map((k) => k.id),
    md5,
    tolerance,
    maxFuture,
    max,
    domains: domains.join(''),
    domainLens: lengths(domains),
    apps: apps.join(''),
    appLens: lengths(apps),
    unknownEvents,
  };
}

/**
 * Read options -> the wasm module's pending options, which the next options_verifier,
 * options_verify_once or options_explain call takes (bindings/wasm/src/lib.rs). Callers read
 * every argument first: no caller code may run between this and the take.
 * @param {ReturnType<typeof readOptions>} r
 */
function wasmOptions(r) {
  b.options_new(
    arg.hi(r.tolerance),
    arg.lo(r.tolerance),
    arg.hi(r.maxFuture),
    arg.lo(r.maxFuture),
    r.md5,
    r.max,
    r.unknownEvents,
    r.domains,
    r.domainLens,
    r.apps,
    r.appLens,
  );
  for (const k of r.keys) b.options_key(k.id, k.secret);
}

/**
 * A view of the input buffer with room for `cap` bytes. The buffer and the view are kept for
 * the next call (no wasm call, no new view) unless the body needs more room, memory grew (a
 * stale view has length 0), or the buffer was grown past INPUT_KEEP for one large body.
 * @param {number} cap
 */
function input(cap) {
  // A stale view has length 0 whatever its room was: renewed for an empty body too (writing to
  // a view of a detached buffer throws, even nothing: Uint8Array.prototype.set).
  if (cap > inView.length || inView.length === 0 || inView.length > INPUT_KEEP) {
    if (inView.length > INPUT_KEEP && cap <= INPUT_KEEP) b.release_input();
    const room = Math.max(cap, 1024);
    const ptr = b.input_buffer(room);
    if (ptr === 0) {
      inView = new Uint8Array(0);
      throw new CallbackError(
        'BODY_TOO_LARGE',
        `body too large: ${cap} bytes do not fit in WebAssembly memory`,
      );
    }
    views();
    inPtr = ptr;
    inView = u8.subarray(ptr, ptr + room);
  }
  return inView;
}

/**
 * Puts a string body into the input buffer and returns its UTF-8 length. The body is ASCII
 * exactly when the length equals `body.length`; a string that is not well-formed UTF-16 goes
 * in as WTF-8 (never ASCII), so the core refuses it.
 * @param {string} body
 * @param {number} max
 */
function putString(body, max) {
  checkString(body, max);
  // Three bytes a UTF-16 unit at most; a large body gets its exact UTF-8 length instead.
  const view = input(body.length * 3 <= INPUT_KEEP ? body.length * 3 : arg.utf8Length(body));
  const written = encoder.encodeInto(body, view).written;
  if (written === body.length || arg.wellFormed(body)) return written;
  const wtf = arg.wtf8(body);
  view.set(wtf);
  return wtf.length;
}

/**
 * Puts a binary body into the input buffer and returns its length.
 * @param {Uint8Array} bytes
 * @param {number} max
 */
function putBytes(bytes, max) {
  checkBytes(bytes, max);
  input(bytes.length).set(bytes);
  return bytes.length;
}

/**
 * The body as text whose UTF-16 offsets are its byte offsets (it is ASCII), or null. A binary
 * body is decoded once, from the input buffer (wasm memory: a plain ArrayBuffer, which every
 * TextDecoder accepts).
 * @param {{ len: number, text: string | null }} p what `put` returned
 */
function asciiText(p) {
  if (p.text !== null || p.len === 0) return p.text;
  views();
  const s = decoder.decode(u8.subarray(inPtr, inPtr + p.len));
  return s.length === p.len ? s : null;
}

/**
 * The result of verify_input / verify_once: the result words (0), or throws the error wire (2).
 * @param {number} status
 * @param {{ len: number, text: string | null }} p what `put` returned
 * @param {(string | undefined)[]} ids
 */
function verified(status, p, ids) {
  if (status !== 0) throw fromWire(b.take_wire());
  return fromWords(asciiText(p), ids);
}

/**
 * The body put into the input buffer: its length, and the body itself when it is a string
 * known to be ASCII (null otherwise: see asciiText).
 * @param {unknown} body
 * @param {number} max
 * @returns {{ len: number, text: string | null }}
 */
function put(body, max) {
  if (typeof body === 'string') {
    const len = putString(body, max);
    return { len, text: len === body.length ? body : null };
  }
  const bytes = arg.bytes(body, 'body');
  return { len: putBytes(bytes, max), text: null };
}

/**
 * Verifies with a wasm Verifier `v`; `options` is the per-call `{ now }`.
 * @param {any} v
 * @param {(string | undefined)[]} ids
 * @param {number} max
 * @param {unknown} body
 * @param {unknown} options
 */
function run(v, ids, max, body, options) {
  const now = arg.readNow(options, 'options');
  const p = put(body, max);
  return verified(v.verify_input(p.len, arg.hi(now), arg.lo(now)), p, ids);
}

/** @param {ReturnType<typeof readOptions>} r */
function prepare(r) {
  wasmOptions(r);
  return prepared();
}

/** A Verifier from the pending options, or throws their error (a bad key). */
function prepared() {
  const v = b.options_verifier();
  if (v === undefined) throw fromWire(b.take_wire());
  return v;
}

/**
 * Validates the options and prepares every key once; `verify` reuses that state.
 * @template {import('../index.js').VerifierOptions} [O=import('../index.js').VerifierOptions]
 */
export class Verifier {
  #v;
  #max;
  #ids;

  /** @param {O} options */
  constructor(options) {
    const r = readOptions(options, 'options');
    this.#v = prepare(r);
    this.#max = r.max;
    this.#ids = r.ids;
  }

  /**
   * @param {import('../index.js').Body} body
   * @param {{ now?: import('../index.js').Seconds }} [options]
   * @returns {import('../index.js').VerifiedFor<O>}
   */
  verify(body, options) {
    return run(this.#v, this.#ids, this.#max, body, options);
  }
}

/** @type {typeof import('../index.js').verify} */
export function verify(body, options) {
  if (typeof body !== 'string') arg.bytes(body, 'body'); // argument errors before key errors
  const r = readOptions(options, 'options');
  /** @type {{ now: number | bigint, p: ReturnType<typeof put> } | { error: unknown }} */
  let read;
  try {
    read = { now: arg.readNow(options, 'options'), p: put(body, r.max) };
  } catch (error) {
    read = { error };
  }
  // Key preparation and verification in one wasm call (options_verify_once): no Verifier
  // object. The pending options are set only now, with every argument read: no caller code (a
  // getter that re-enters the package) runs between setting and taking them.
  wasmOptions(r);
  if ('error' in read) {
    // Same precedence as the Verifier path: a bad key is reported before these errors.
    prepared().free();
    throw read.error;
  }
  const { now, p } = read;
  return verified(b.options_verify_once(p.len, arg.hi(now), arg.lo(now)), p, r.ids);
}

/** @type {typeof import('../index.js').parse} */
export function parse(body, options) {
  const o = options === undefined ? undefined : arg.object(options, 'options', '{ maxBodyBytes }');
  const max = arg.size(
    o === undefined ? undefined : arg.own(o, 'maxBodyBytes'),
    'options.maxBodyBytes',
    DEFAULT_MAX_BODY,
  );
  const p = put(body, max);
  if (b.parse_input(p.len) !== 0) throw fromWire(b.take_wire());
  const callback = wordsCallback(asciiText(p));
  const record = (u32[OUT] & 1) === 1;
  return {
    kind: record ? 'record' : 'stream',
    event: record ? callback.event_type : callback.event,
    callback,
  };
}

/** @type {typeof import('../index.js').explain} */
export function explain(body, options) {
  const bytes = typeof body === 'string' ? encode(body) : arg.bytes(body, 'body');
  const now = arg.readNow(options, 'options');
  const r = readOptions(options, 'options');
  checkBytes(bytes, Math.max(r.max, EXPLAIN_HARD_LIMIT));
  wasmOptions(r);
  return result(b.options_explain(bytes, arg.hi(now), arg.lo(now)));
}

/**
 * The callback as JSON text, from its own enumerable properties only (a polluted prototype, a
 * `toJSON` anywhere on the chain, or a getter that answers twice changes nothing).
 * @param {object} callback
 */
function callbackJson(callback) {
  let json = '{';
  for (const name of Object.keys(callback)) {
    const v = arg.own(callback, name);
    let text;
    if (typeof v === 'string') text = JSON.stringify(v);
    else if (typeof v === 'number') {
      if (!Number.isFinite(v))
        throw new TypeError(`callback.${name} must be a finite number, got ${arg.describe(v)}`);
      text = String(v);
    } else if (typeof v === 'bigint') text = String(v);
    else if (typeof v === 'boolean' || v === null) text = String(v);
    else if (v === undefined) continue;
    else
      throw new TypeError(
        `callback.${name} must be a string, number, bigint, boolean or null, got ${arg.describe(v)}`,
      );
    json += `${json.length > 1 ? ',' : ''}${JSON.stringify(name)}:${text}`;
  }
  return `${json}}`;
}

/** @type {typeof import('../index.js').sign} */
export function sign(callback, options) {
  const cb = arg.object(callback, 'callback', "{ event: 'PUBLISH', domain, app, stream }");
  const o = arg.object(options, 'options', '{ key, authTimestamp }');
  const key = arg.secret(arg.own(o, 'key'), 'options.key', 'key');
  const algorithm = arg.own(o, 'algorithm') ?? 'HMAC-SHA256';
  if (algorithm !== 'HMAC-SHA256' && algorithm !== 'MD5') {
    throw new TypeError(
      `options.algorithm must be 'HMAC-SHA256' or 'MD5', got ${arg.describe(algorithm)}`,
    );
  }
  const authTimestamp = arg.own(o, 'authTimestamp');
  if (authTimestamp === undefined)
    throw new TypeError('options.authTimestamp is required (Unix seconds)');
  const ts = arg.seconds(authTimestamp, 'options.authTimestamp');
  const json = callbackJson(cb);
  checkString(json, DEFAULT_MAX_BODY);
  if (!arg.wellFormed(json))
    throw new TypeError(
      'callback has a string with a lone UTF-16 surrogate, which is not Unicode text',
    );
  return result(b.sign(json, key, algorithm === 'MD5', arg.hi(ts), arg.lo(ts)));
}

/**
 * A random key for the Huawei console: letters and digits, with at least one of each.
 * `length`: 32 to 128, default 64.
 * @type {typeof import('../index.js').generateKey}
 */
export function generateKey(length) {
  const n = length === undefined ? 64 : length;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 32 || n > 128) {
    throw new RangeError(
      `generateKey(length): a key has 32 to 128 characters, got ${arg.describe(n)}`,
    );
  }
  const crypto = globalThis.crypto;
  if (!crypto || typeof crypto.getRandomValues !== 'function') {
    throw new Error(
      'generateKey needs crypto.getRandomValues, which this runtime does not provide',
    );
  }
  const buf = new Uint8Array(256);
  for (;;) {
    let key = '';
    while (key.length < n) {
      crypto.getRandomValues(buf);
      for (let i = 0; i < buf.length && key.length < n; i++) {
        // 248 = 4 * 62: rejecting larger bytes keeps every character equally likely.
        if (buf[i] < 248) key += KEY_ALPHABET[buf[i] % 62];
      }
    }
    if (/[0-9]/.test(key) && /[A-Za-z]/.test(key)) return key;
  }
}
