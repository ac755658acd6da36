// The JavaScript API of huaweicloud-live-callback, shared by every entry point (node.mjs,
// node.cjs, workerd.mjs, browser.mjs, inline.mjs). It only converts: arguments to the wasm
// layer's types, results (ONE string per call: JSON, or "!CODE message") to objects, and error
// strings to CallbackError. Every rule about callbacks lives in the Rust core.
//
// The verify hot path skips even that string: the body is encoded straight into a reused buffer
// in wasm memory, and for an ASCII body the core answers with a few u32 words (kind, algorithm,
// key index, and per field its code and the value's offsets in the body, or its integer value),
// from which the object is built here with body.slice — no JSON on either side.
//
// This file has no imports and exactly one `export` line, at the end: the build derives
// dist/wrap.cjs from it for the CommonJS entry.

const U32 = 4294967296;
const U64_LIMIT = 18446744073709551616; // 2 ** 64 as a double; larger numbers clamp
const DEFAULT_TOLERANCE = 300;
const DEFAULT_MAX_FUTURE = 86400;
const DEFAULT_MAX_BODY = 1048576;
// Bodies explain() forwards to the core even above maxBodyBytes (it reports the size as a
// problem and keeps going); beyond this it refuses before copying.
const EXPLAIN_HARD_LIMIT = 16 * 1048576;
// Keys and ids longer than this are refused before they are copied into wasm memory.
const MAX_ARG_UNITS = 1048576;
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The error every failure of the core surfaces as; `code` is the core's stable code. */
class CallbackError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}
Object.defineProperty(CallbackError.prototype, 'name', {
  value: 'CallbackError',
  writable: true,
  configurable: true,
});

// A revoked Proxy throws on every operation, even Array.isArray; nothing else does there.
function isRevoked(v) {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return false;
  try {
    Array.isArray(v);
    return false;
  } catch {
    return true;
  }
}

// An object-like argument must not be a revoked Proxy: reading it would throw an engine
// TypeError that does not say which argument it was.
function notRevoked(v, name) {
  if (isRevoked(v)) throw new TypeError(`${name} is a revoked Proxy`);
  return v;
}

function describe(v) {
  if (v === null) return 'null';
  if (isRevoked(v)) return 'a revoked Proxy';
  if (Array.isArray(v)) return 'an array';
  const t = typeof v;
  if (t === 'string') return `a string of length ${v.length}`;
  if (t === 'number' || t === 'bigint' || t === 'boolean') return `${t} ${String(v)}`;
  if (t === 'object') return `an object (${Object.prototype.toString.call(v).slice(8, -1)})`;
  return t;
}

function fromWire(wire) {
  const space = wire.indexOf(' ');
  return new CallbackError(wire.slice(1, space), wire.slice(space + 1));
}

// A wire string: JSON ("{…") or an error ("!CODE message").
function result(wire) {
  if (wire.charCodeAt(0) === 33) throw fromWire(wire);
  return JSON.parse(wire);
}

// The wasm layer throws error wire strings from constructors; anything else is a bug
// and is rethrown unchanged.
function rethrow(e) {
  if (typeof e === 'string' && e.charCodeAt(0) === 33) throw fromWire(e);
  throw e;
}

// A u64 argument (number or bigint) as two u32 halves: returns hi, leaves lo in LO.
let LO = 0;
function hi64(value, name) {
  if (typeof value === 'number') {
    if (!(value >= 0) || !Number.isInteger(value)) {
      throw new TypeError(`${name} must be a non-negative integer, got ${describe(value)}`);
    }
    if (value >= U64_LIMIT) {
      LO = 0xffffffff;
      return 0xffffffff;
    }
    LO = value % U32;
    return Math.floor(value / U32);
  }
  if (typeof value === 'bigint') {
    if (value < 0n || value > 0xffffffffffffffffn) {
      throw new TypeError(`${name} must be between 0 and 2^64 - 1, got ${describe(value)}`);
    }
    LO = Number(value & 0xffffffffn);
    return Number(value >> 32n);
  }
  throw new TypeError(`${name} must be a non-negative integer (number or bigint), got ${describe(value)}`);
}

function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

function readNow(opts, name) {
  if (opts === undefined) return nowSeconds();
  notRevoked(opts, name);
  if (opts === null || typeof opts !== 'object') {
    throw new TypeError(`${name} must be an object like { now }, got ${describe(opts)}`);
  }
  return opts.now === undefined ? nowSeconds() : opts.now;
}

function readSize(value, name) {
  if (value === undefined) return DEFAULT_MAX_BODY;
  if (typeof value === 'bigint' && value >= 0n) return Number(value);
  if (typeof value === 'number' && value >= 0 && Number.isInteger(value)) return value;
  throw new TypeError(`${name} must be a non-negative integer, got ${describe(value)}`);
}

// The built-in accessors of views and buffers. A subclass or an own property may override
// `length`, `byteOffset`, `buffer`…; these read the real values, once.
const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
const TYPED = Object.getPrototypeOf(Uint8Array.prototype);
const TA_BUFFER = getter(TYPED, 'buffer');
const TA_OFFSET = getter(TYPED, 'byteOffset');
const TA_LENGTH = getter(TYPED, 'byteLength');
const DV_BUFFER = getter(DataView.prototype, 'buffer');
const DV_OFFSET = getter(DataView.prototype, 'byteOffset');
const DV_LENGTH = getter(DataView.prototype, 'byteLength');
const AB_LENGTH = getter(ArrayBuffer.prototype, 'byteLength');
const SAB_LENGTH = typeof SharedArrayBuffer === 'function' ? getter(SharedArrayBuffer.prototype, 'byteLength') : undefined;

// The byte length of an ArrayBuffer or SharedArrayBuffer, or undefined for anything else.
function bufferLength(v) {
  try {
    return AB_LENGTH.call(v);
  } catch {
    // not an ArrayBuffer
  }
  if (SAB_LENGTH) {
    try {
      return SAB_LENGTH.call(v);
    } catch {
      // not a SharedArrayBuffer either
    }
  }
  return undefined;
}

// A binary body as a plain Uint8Array over the same memory (no copy), its extent read once
// through the built-in accessors. A detached or out-of-bounds view is a TypeError naming the
// argument; a view of a shrunk resizable buffer that the engine reports as empty is empty.
function toBytes(body, name) {
  notRevoked(body, name);
  let buffer;
  let offset = 0;
  let length;
  if (ArrayBuffer.isView(body)) {
    try {
      try {
        buffer = TA_BUFFER.call(body);
        offset = TA_OFFSET.call(body);
        length = TA_LENGTH.call(body);
      } catch {
        buffer = DV_BUFFER.call(body);
        offset = DV_OFFSET.call(body);
        length = DV_LENGTH.call(body);
      }
      return new Uint8Array(buffer, offset, length);
    } catch {
      throw new TypeError(`${name} is a view of a detached ArrayBuffer, or out of its bounds`);
    }
  }
  length = bufferLength(body);
  if (length === undefined) {
    throw new TypeError(`${name} must be a string, Uint8Array or ArrayBuffer, got ${describe(body)}`);
  }
  try {
    return new Uint8Array(body, 0, length);
  } catch {
    throw new TypeError(`${name} is a detached ArrayBuffer`);
  }
}

// The UTF-8 length of a string as TextEncoder would encode it (lone surrogates: 3 bytes).
function utf8Length(s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

// The input buffer in wasm memory is kept between calls up to this size.
const INPUT_KEEP = 65536;
// Verified.signedFields, by kind and algorithm (copied for each result).
const STREAM_FIELDS = ['event', 'domain', 'app', 'stream', 'auth_timestamp'];
const RECORD_FIELDS = ['auth_timestamp', 'event_type', 'publish_domain', 'app', 'stream', 'download_url', 'play_url'];
const MD5_FIELDS = ['auth_timestamp'];

// The callback's field names by code (the core's Field order, checked against the wasm module
// when the API is made). setField stores with one literal property name per field: V8 keeps
// each store site monomorphic, twice as fast as `cb[name] = v` with ten names at one site.
const FIELD_NAMES = 'event,domain,app,stream,user_args,client_ip,node_ip,publish_timestamp,auth_timestamp,auth_sign,event_type,project_id,job_id,task_id,publish_domain,record_format,download_url,play_url,asset_id,file_size,record_duration,start_time,end_time,width,height,obs_location,obs_bucket,obs_object,error_message';
function setField(cb, code, v) {
  switch (code) {
      case 0: cb.event = v; break;
      case 1: cb.domain = v; break;
      case 2: cb.app = v; break;
      case 3: cb.stream = v; break;
      case 4: cb.user_args = v; break;
      case 5: cb.client_ip = v; break;
      case 6: cb.node_ip = v; break;
      case 7: cb.publish_timestamp = v; break;
      case 8: cb.auth_timestamp = v; break;
      case 9: cb.auth_sign = v; break;
      case 10: cb.event_type = v; break;
      case 11: cb.project_id = v; break;
      case 12: cb.job_id = v; break;
      case 13: cb.task_id = v; break;
      case 14: cb.publish_domain = v; break;
      case 15: cb.record_format = v; break;
      case 16: cb.download_url = v; break;
      case 17: cb.play_url = v; break;
      case 18: cb.asset_id = v; break;
      case 19: cb.file_size = v; break;
      case 20: cb.record_duration = v; break;
      case 21: cb.start_time = v; break;
      case 22: cb.end_time = v; break;
      case 23: cb.width = v; break;
      case 24: cb.height = v; break;
      case 25: cb.obs_location = v; break;
      case 26: cb.obs_bucket = v; break;
      case 27: cb.obs_object = v; break;
      case 28: cb.error_message = v; break;
    default: throw new Error(`unknown field code ${code} from the wasm module`);
  }
}

function makeApi(b) {
  const memory = b.wasm_memory();
  if (b.field_names() !== FIELD_NAMES) {
    throw new Error(`huaweicloud-live-callback: wasm field table ${b.field_names()} differs from the JS one`);
  }
  const OUT = b.output_buffer() >>> 2;
  const encoder = new TextEncoder();
  let u8 = new Uint8Array(memory.buffer);
  let u32 = new Uint32Array(memory.buffer);
  // Views over wasm memory go stale when it grows (the old buffer is detached, and a view of a
  // detached buffer has length 0): renew them before each use.
  function views() {
    if (u8.length === 0) {
      u8 = new Uint8Array(memory.buffer);
      u32 = new Uint32Array(memory.buffer);
    }
  }

  // The result object from the result words of verify_input (status 0; `body` is ASCII).
  function fromWords(body, ids) {
    views();
    const flags = u32[OUT];
    const keyIndex = u32[OUT + 1];
    const n = u32[OUT + 2];
    const callback = {};
    for (let i = 0, w = OUT + 3; i < n; i++, w += 3) {
      const code = u32[w];
      setField(callback, code & 0xff, code >>> 8 === 0 ? body.slice(u32[w + 1], u32[w + 2]) : u32[w + 1] * U32 + u32[w + 2]);
    }
    const record = (flags & 1) === 1;
    const md5 = (flags & 2) === 2;
    const out = {
      kind: record ? 'record' : 'stream',
      event: record ? callback.event_type : callback.event,
      algorithm: md5 ? 'MD5' : 'HMAC-SHA256',
      keyIndex,
    };
    const id = ids[keyIndex];
    if (id !== undefined) out.keyId = id;
    out.bodyAuthenticated = !md5;
    out.signedFields = (record ? (md5 ? MD5_FIELDS : RECORD_FIELDS) : STREAM_FIELDS).slice();
    out.callback = callback;
    return out;
  }

  function tooLarge(len, max) {
    return fromWire(b.body_too_large(len, max));
  }

  // A string body no larger than `max` UTF-8 bytes, else throws BODY_TOO_LARGE before any copy.
  function checkString(body, max) {
    if (body.length * 3 > max) {
      const len = utf8Length(body);
      if (len > max) throw tooLarge(len, max);
    }
  }

  function checkBytes(bytes, max) {
    if (bytes.length > max) throw tooLarge(bytes.length, max);
  }

  // VerifyOptions, checked and converted (no wasm call yet).
  function readOptions(options, name) {
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`${name} must be an object like { keys: ['…'] }, got ${describe(options)}`);
    }
    notRevoked(options, name);
    const { keys, key, allowMd5 } = options;
    let list;
    if (key !== undefined) {
      if (keys !== undefined) throw new TypeError(`give ${name}.key or ${name}.keys, not both`);
      if (typeof key !== 'string') throw new TypeError(`${name}.key must be a string, got ${describe(key)}`);
      list = [key];
    } else if (keys === undefined) {
      list = []; // the core refuses this with INVALID_KEY
    } else if (Array.isArray(notRevoked(keys, `${name}.keys`))) {
      list = keys;
    } else {
      throw new TypeError(`${name}.keys must be an array of strings or { id, key } objects, got ${describe(keys)}`);
    }
    if (allowMd5 !== undefined && typeof allowMd5 !== 'boolean') {
      throw new TypeError(`${name}.allowMd5 must be a boolean, got ${describe(allowMd5)}`);
    }
    const tHi = hi64(options.toleranceSeconds ?? DEFAULT_TOLERANCE, `${name}.toleranceSeconds`);
    const tLo = LO;
    const fHi = hi64(options.maxFutureSeconds ?? DEFAULT_MAX_FUTURE, `${name}.maxFutureSeconds`);
    const fLo = LO;
    const max = readSize(options.maxBodyBytes, `${name}.maxBodyBytes`);
    const parsed = [];
    for (let i = 0; i < list.length; i++) {
      const k = list[i];
      let id;
      let secret;
      if (typeof k === 'string') {
        secret = k;
      } else if (k !== null && typeof k === 'object' && typeof notRevoked(k, `${name}.keys[${i}]`).key === 'string' && (k.id === undefined || typeof k.id === 'string')) {
        id = k.id;
        secret = k.key;
      } else {
        throw new TypeError(`${name}.keys[${i}] must be a string or { id?: string, key: string }, got ${describe(k)}`);
      }
      if (secret.length > MAX_ARG_UNITS) {
        throw new CallbackError('INVALID_KEY', `invalid key ${i}: it has more than ${MAX_ARG_UNITS} characters; a key has 32 to 128`);
      }
      // A lone surrogate cannot cross into Rust unchanged (it would become U+FFFD, a
      // different key): refuse it instead of verifying with a key the user did not give.
      if (typeof secret.isWellFormed === 'function' && !secret.isWellFormed()) {
        throw new CallbackError('INVALID_KEY', `invalid key ${i}: it contains a lone UTF-16 surrogate, which is not a Unicode character`);
      }
      if (id !== undefined && id.length > MAX_ARG_UNITS) {
        throw new TypeError(`${name}.keys[${i}].id is longer than ${MAX_ARG_UNITS} characters`);
      }
      parsed.push(id, secret);
    }
    const ids = [];
    for (let i = 0; i < parsed.length; i += 2) ids.push(parsed[i]);
    return { tHi, tLo, fHi, fLo, md5: allowMd5 === true, max, parsed, ids };
  }

  // Read options (readOptions) -> a wasm Options; the caller frees it.
  function wasmOptions(r) {
    const o = new b.Options(r.tHi, r.tLo, r.fHi, r.fLo, r.md5, r.max);
    for (let i = 0; i < r.parsed.length; i += 2) o.key(r.parsed[i], r.parsed[i + 1]);
    return o;
  }

  // VerifyOptions -> a wasm Options (the caller frees it), the body limit and the key ids.
  function buildOptions(options, name) {
    const r = readOptions(options, name);
    return { o: wasmOptions(r), max: r.max, ids: r.ids };
  }

  // Puts the body into the input buffer: returns its UTF-8 length; ASCII is `len === body.length`
  // for a string (one byte a UTF-16 unit only when every character is ASCII) and never assumed
  // for bytes (there is no string to slice).
  function putBody(body, max) {
    if (typeof body === 'string') {
      checkString(body, max);
      // Three bytes a UTF-16 unit at most; a large body gets its exact UTF-8 length instead.
      const view = input(body.length * 3 <= INPUT_KEEP ? body.length * 3 : utf8Length(body));
      return encoder.encodeInto(body, view).written;
    }
    const bytes = toBytes(body, 'body');
    checkBytes(bytes, max);
    input(bytes.length).set(bytes);
    return -1 - bytes.length;
  }

  // A view of the input buffer with room for `cap` bytes. The buffer and the view are kept for
  // the next call (no wasm call, no new view) unless the body needs more room, memory grew (a
  // stale view has length 0), or the buffer was grown past INPUT_KEEP for one large body.
  let inView = new Uint8Array(0);
  function input(cap) {
    if (cap > inView.length || inView.length > INPUT_KEEP) {
      if (inView.length > INPUT_KEEP && cap <= INPUT_KEEP) b.release_input();
      const ptr = b.input_buffer(Math.max(cap, 1024));
      if (ptr === 0) {
        inView = new Uint8Array(0);
        throw new CallbackError('BODY_TOO_LARGE', `body too large: ${cap} bytes do not fit in WebAssembly memory`);
      }
      views();
      inView = u8.subarray(ptr, ptr + Math.max(cap, 1024));
    }
    return inView;
  }

  // The result of verify_input / verify_once: words, a JSON wire, or an error wire.
  function verified(status, body, ids) {
    return status === 0 ? fromWords(body, ids) : result(b.take_wire());
  }

  // Verifies with a wasm Verifier `v` (key ids `ids`); `options` is the per-call `{ now }`.
  function run(v, ids, max, body, options) {
    const hi = hi64(readNow(options, 'options'), 'options.now');
    const lo = LO;
    const n = putBody(body, max);
    const status = n >= 0 ? v.verify_input(n, n === body.length, hi, lo) : v.verify_input(-1 - n, false, hi, lo);
    return verified(status, body, ids);
  }

  function prepareFrom(r) {
    const o = wasmOptions(r);
    try {
      return { v: o.verifier(), max: r.max, ids: r.ids };
    } catch (e) {
      return rethrow(e);
    } finally {
      o.free();
    }
  }

  function prepare(options) {
    return prepareFrom(readOptions(options, 'options'));
  }

  /** Validates the options and prepares every key once; `verify` reuses that state. */
  class Verifier {
    #v;
    #max;
    #ids;

    constructor(options) {
      const { v, max, ids } = prepare(options);
      this.#v = v;
      this.#max = max;
      this.#ids = ids;
    }

    verify(body, options) {
      return run(this.#v, this.#ids, this.#max, body, options);
    }
  }

  function verify(body, options) {
    if (typeof body !== 'string') toBytes(body, 'body'); // argument errors before key errors
    const r = readOptions(options, 'options');
    if (r.parsed.length !== 2) {
      const { v } = prepareFrom(r);
      try {
        return run(v, r.ids, r.max, body, options);
      } finally {
        v.free();
      }
    }
    // One key: key preparation and verification in a single wasm call.
    let hi;
    let lo;
    let n;
    try {
      hi = hi64(readNow(options, 'options'), 'options.now');
      lo = LO;
      n = putBody(body, r.max);
    } catch (e) {
      // Same precedence as the verifier path: a bad key is reported before these errors.
      prepareFrom(r).v.free();
      throw e;
    }
    const len = n >= 0 ? n : -1 - n;
    const ascii = n >= 0 && n === body.length;
    const status = b.verify_once(r.parsed[0], r.parsed[1], r.tHi, r.tLo, r.fHi, r.fLo, r.md5, r.max, len, ascii, hi, lo);
    return verified(status, body, r.ids);
  }

  function parse(body, options) {
    const max = readSize(options === undefined ? undefined : notRevoked(options, 'options')?.maxBodyBytes, 'options.maxBodyBytes');
    if (typeof body === 'string') {
      checkString(body, max);
      return result(b.parse_str(body));
    }
    const bytes = toBytes(body, 'body');
    checkBytes(bytes, max);
    return result(b.parse_bytes(bytes));
  }

  function explain(body, options) {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : toBytes(body, 'body');
    const hi = hi64(readNow(options, 'options'), 'options.now');
    const lo = LO;
    const { o, max } = buildOptions(options, 'options');
    try {
      checkBytes(bytes, Math.max(max, EXPLAIN_HARD_LIMIT));
      return JSON.parse(o.explain(bytes, hi, lo));
    } finally {
      o.free();
    }
  }

  function sign(callback, options) {
    if (callback === null || typeof callback !== 'object' || Array.isArray(notRevoked(callback, 'callback'))) {
      throw new TypeError(`callback must be an object with Huawei's field names, got ${describe(callback)}`);
    }
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`options must be an object like { key, authTimestamp }, got ${describe(options)}`);
    }
    notRevoked(options, 'options');
    const { key, algorithm = 'HMAC-SHA256', authTimestamp } = options;
    if (typeof key !== 'string') throw new TypeError(`options.key must be a string, got ${describe(key)}`);
    if (key.length > MAX_ARG_UNITS) {
      throw new CallbackError('INVALID_KEY', `invalid key: it has more than ${MAX_ARG_UNITS} characters; a key has 32 to 128`);
    }
    if (typeof key.isWellFormed === 'function' && !key.isWellFormed()) {
      throw new CallbackError('INVALID_KEY', 'invalid key: it contains a lone UTF-16 surrogate, which is not a Unicode character');
    }
    if (algorithm !== 'HMAC-SHA256' && algorithm !== 'MD5') {
      throw new TypeError(`options.algorithm must be 'HMAC-SHA256' or 'MD5', got ${describe(algorithm)}`);
    }
    if (authTimestamp === undefined) throw new TypeError('options.authTimestamp is required (Unix seconds)');
    const hi = hi64(authTimestamp, 'options.authTimestamp');
    const lo = LO;
    let json;
    try {
      json = JSON.stringify(callback);
    } catch (e) {
      throw new TypeError(`callback cannot be serialised to JSON: ${e && e.message}`);
    }
    checkString(json, DEFAULT_MAX_BODY);
    return result(b.sign(json, key, algorithm === 'MD5', hi, lo));
  }

  return { verify, Verifier, parse, sign, explain, generateKey, CallbackError };
}

function generateKey(length) {
  const n = length === undefined ? 64 : length;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 32 || n > 128) {
    throw new CallbackError('INVALID_KEY', `invalid key length ${describe(n)}: a key has 32 to 128 characters`);
  }
  const crypto = globalThis.crypto;
  if (!crypto || typeof crypto.getRandomValues !== 'function') {
    throw new Error('generateKey needs crypto.getRandomValues, which this runtime does not provide');
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

export { makeApi, CallbackError };
