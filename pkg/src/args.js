// @ts-check
// Reading the caller's arguments, shared by every module of the package. The rules:
// - only own properties are read (a polluted Object.prototype changes nothing), each exactly
//   once (a getter that answers differently the second time cannot slip past a check);
// - a key's value never appears in an error message, whatever its type;
// - every TypeError names the argument.
import { CallbackError } from './wasm.js';

export const U32 = 4294967296;
// biome-ignore lint/correctness/noPrecisionLoss: 2 ** 64 is exact as a double; it is the bound, not a value
const U64_LIMIT = 18446744073709551616; // 2 ** 64 as a double; larger numbers clamp
// Keys and ids longer than this are refused before they are copied into wasm memory.
export const MAX_ARG_UNITS = 1048576;

/** @param {unknown} v */
function isRevoked(v) {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return false;
  try {
    Array.isArray(v); // a revoked Proxy throws on every operation, even this
    return false;
  } catch {
    return true;
  }
}

/**
 * An object-like argument must not be a revoked Proxy: reading it would throw an engine
 * TypeError that does not say which argument it was.
 * @template T
 * @param {T} v
 * @param {string} name
 * @returns {T}
 */
export function notRevoked(v, name) {
  if (isRevoked(v)) throw new TypeError(`${name} is a revoked Proxy`);
  return v;
}

/**
 * What a value is, for an error message.
 * @param {unknown} v
 */
export function describe(v) {
  if (v === null) return 'null';
  if (isRevoked(v)) return 'a revoked Proxy';
  if (Array.isArray(v)) return 'an array';
  const t = typeof v;
  if (t === 'string') return `a string of length ${/** @type {string} */ (v).length}`;
  if (t === 'number' || t === 'bigint' || t === 'boolean') return `${t} ${String(v)}`;
  if (t === 'object') return `an object (${Object.prototype.toString.call(v).slice(8, -1)})`;
  return t;
}

/**
 * What a value given as a key is, without its value (a key may be a number by mistake; it is
 * still a secret).
 * @param {unknown} v
 */
export function describeSecret(v) {
  if (v === null) return 'null';
  if (isRevoked(v)) return 'a revoked Proxy';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

const ownDescriptor = Object.getOwnPropertyDescriptor;

/**
 * The value of an own property, read once (a getter is called once); undefined when the
 * property is inherited or absent.
 * @param {object} obj
 * @param {PropertyKey} prop
 * @returns {any}
 */
export function own(obj, prop) {
  const d = ownDescriptor(obj, prop);
  if (d === undefined) return undefined;
  if ('value' in d) return d.value;
  return d.get === undefined ? undefined : d.get.call(obj);
}

/**
 * An options-like argument: a non-null object that is not a revoked Proxy.
 * @param {unknown} v
 * @param {string} name
 * @param {string} example e.g. "{ keys: ['…'] }"
 * @returns {object}
 */
export function object(v, name, example) {
  if (v === null || typeof v !== 'object' || Array.isArray(notRevoked(v, name))) {
    throw new TypeError(`${name} must be an object like ${example}, got ${describe(v)}`);
  }
  return v;
}

/**
 * An unsigned 64-bit argument (number or bigint), checked. Numbers of 2^64 and above clamp to
 * 2^64 - 1 (a tolerance of "forever").
 * @param {unknown} value
 * @param {string} name
 * @returns {number | bigint}
 */
export function u64(value, name) {
  if (typeof value === 'number') {
    if (!(value >= 0) || !Number.isInteger(value)) {
      throw new TypeError(`${name} must be a non-negative integer, got ${describe(value)}`);
    }
    return value >= U64_LIMIT ? 0xffffffffffffffffn : value;
  }
  if (typeof value === 'bigint') {
    if (value < 0n || value > 0xffffffffffffffffn) {
      throw new TypeError(`${name} must be between 0 and 2^64 - 1, got ${describe(value)}`);
    }
    return value;
  }
  throw new TypeError(
    `${name} must be a non-negative integer (number or bigint), got ${describe(value)}`,
  );
}

/** The high 32 bits of a value from u64(). @param {number | bigint} v */
export function hi(v) {
  return typeof v === 'number' ? Math.floor(v / U32) : Number(v >> 32n);
}

/** The low 32 bits of a value from u64(). @param {number | bigint} v */
export function lo(v) {
  return typeof v === 'number' ? v % U32 : Number(v & 0xffffffffn);
}

/** A u64 as one JS value: a number when exact, else a bigint. @param {number} h @param {number} l */
export function join64(h, l) {
  return h < 0x200000 ? h * U32 + l : (BigInt(h) << 32n) | BigInt(l);
}

// Date.now() values from 2001 to 5138 (10^12 to 10^14): as Unix seconds they would be 31,000 to
// 3 million years away, so such a value can only be milliseconds.
const MILLIS_FROM = 1e12;
const MILLIS_TO = 1e14;

/**
 * Whether a Unix time can only be milliseconds.
 * @param {number | bigint} v
 */
export function looksLikeMillis(v) {
  return v >= MILLIS_FROM && v < MILLIS_TO;
}

/**
 * A Unix time in seconds that the caller produces (a signing time), with a precise error for
 * what can only be milliseconds.
 * @param {unknown} value
 * @param {string} name
 */
export function seconds(value, name) {
  const v = u64(value, name);
  if (looksLikeMillis(v)) {
    throw new TypeError(
      `${name} must be Unix seconds, got ${String(v)}, which can only be milliseconds (Date.now()); use Math.floor(Date.now() / 1000)`,
    );
  }
  return v;
}

export function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

/**
 * `options.now`, or the clock.
 * @param {unknown} options
 * @param {string} name
 */
export function readNow(options, name) {
  if (options === undefined) return nowSeconds();
  const now = own(object(options, name, '{ now }'), 'now');
  return now === undefined ? nowSeconds() : u64(now, `${name}.now`);
}

/**
 * A byte size option (maxBodyBytes): a non-negative integer, number or bigint.
 * @param {unknown} value
 * @param {string} name
 * @param {number} fallback
 */
export function size(value, name, fallback) {
  if (value === undefined) return fallback;
  if (typeof value === 'bigint' && value >= 0n) return Number(value);
  if (typeof value === 'number' && value >= 0 && Number.isInteger(value)) return value;
  throw new TypeError(`${name} must be a non-negative integer, got ${describe(value)}`);
}

/**
 * A key's secret, checked where JS must check it: a string, not absurdly long, and Unicode text
 * (a lone surrogate would reach Rust as U+FFFD: a different key). The core checks the rest.
 * @param {unknown} secret
 * @param {string} name
 * @param {string} label "key 0" in messages
 * @returns {string}
 */
export function secret(secret, name, label) {
  if (typeof secret !== 'string')
    throw new TypeError(`${name} must be a string, got ${describeSecret(secret)}`);
  if (secret.length > MAX_ARG_UNITS) {
    throw new CallbackError(
      'INVALID_KEY',
      `invalid ${label}: it has more than ${MAX_ARG_UNITS} characters; a key has 32 to 128`,
    );
  }
  if (!wellFormed(secret)) {
    throw new CallbackError(
      'INVALID_KEY',
      `invalid ${label}: it contains a lone UTF-16 surrogate, which is not a Unicode character`,
    );
  }
  return secret;
}

/**
 * `options.key` or `options.keys` as [{ id, secret }]: the one path every API that takes keys
 * uses. An empty list is returned as is (the core refuses it with INVALID_KEY).
 * @param {object} options
 * @param {string} name
 * @returns {{ id: string | undefined, secret: string }[]}
 */
export function keys(options, name) {
  const key = own(options, 'key');
  const list = own(options, 'keys');
  if (key !== undefined) {
    if (list !== undefined) throw new TypeError(`give ${name}.key or ${name}.keys, not both`);
    return [{ id: undefined, secret: secret(key, `${name}.key`, 'key') }];
  }
  if (list === undefined) return [];
  if (!Array.isArray(notRevoked(list, `${name}.keys`))) {
    throw new TypeError(
      `${name}.keys must be an array of strings or { id, key } objects, got ${describeSecret(list)}`,
    );
  }
  const n = own(list, 'length');
  const out = [];
  for (let i = 0; i < n; i++) {
    const k = own(list, i);
    const at = `${name}.keys[${i}]`;
    if (typeof k === 'string') {
      out.push({ id: undefined, secret: secret(k, at, `key ${i}`) });
    } else if (k !== null && typeof k === 'object' && !Array.isArray(notRevoked(k, at))) {
      const s = own(k, 'key');
      const id = own(k, 'id');
      if (id !== undefined && typeof id !== 'string')
        throw new TypeError(`${at}.id must be a string, got ${describe(id)}`);
      if (id !== undefined && id.length > MAX_ARG_UNITS)
        throw new TypeError(`${at}.id is longer than ${MAX_ARG_UNITS} characters`);
      out.push({ id, secret: secret(s, `${at}.key`, `key ${i}`) });
    } else {
      throw new TypeError(
        `${at} must be a string or { id?: string, key: string }, got ${describeSecret(k)}`,
      );
    }
  }
  return out;
}

/**
 * A list of strings option (`domains`, `apps`), or undefined.
 * @param {object} options
 * @param {string} prop
 * @param {string} name
 * @returns {string[] | undefined}
 */
export function strings(options, prop, name) {
  const list = own(options, prop);
  if (list === undefined) return undefined;
  const at = `${name}.${prop}`;
  if (!Array.isArray(notRevoked(list, at)))
    throw new TypeError(`${at} must be an array of strings, got ${describe(list)}`);
  const n = own(list, 'length');
  const out = [];
  for (let i = 0; i < n; i++) {
    const s = own(list, i);
    if (typeof s !== 'string')
      throw new TypeError(`${at}[${i}] must be a string, got ${describe(s)}`);
    if (s.length > MAX_ARG_UNITS)
      throw new TypeError(`${at}[${i}] is longer than ${MAX_ARG_UNITS} characters`);
    out.push(s);
  }
  return out;
}

/**
 * A boolean option, or false.
 * @param {object} options
 * @param {string} prop
 * @param {string} name
 */
export function flag(options, prop, name) {
  const v = own(options, prop);
  if (v !== undefined && typeof v !== 'boolean')
    throw new TypeError(`${name}.${prop} must be a boolean, got ${describe(v)}`);
  return v === true;
}

const nativeWellFormed = /** @type {any} */ (String.prototype).isWellFormed;
/**
 * Whether a string is well-formed UTF-16 (no lone surrogate).
 * @param {string} s
 */
export function wellFormed(s) {
  if (nativeWellFormed !== undefined) return nativeWellFormed.call(s);
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?:[^\ud800-\udbff]|^)[\udc00-\udfff]/.test(s);
}

// The built-in accessors of views and buffers. A subclass or an own property may override
// `length`, `byteOffset`, `buffer`…; these read the real values, once.
/** @param {object} proto @param {string} name */
const getter = (proto, name) => /** @type {() => any} */ (ownDescriptor(proto, name)?.get);
const TYPED = Object.getPrototypeOf(Uint8Array.prototype);
const TA_BUFFER = getter(TYPED, 'buffer');
const TA_OFFSET = getter(TYPED, 'byteOffset');
const TA_LENGTH = getter(TYPED, 'byteLength');
const DV_BUFFER = getter(DataView.prototype, 'buffer');
const DV_OFFSET = getter(DataView.prototype, 'byteOffset');
const DV_LENGTH = getter(DataView.prototype, 'byteLength');
const AB_LENGTH = getter(ArrayBuffer.prototype, 'byteLength');
const SAB_LENGTH =
  typeof SharedArrayBuffer === 'function'
    ? getter(SharedArrayBuffer.prototype, 'byteLength')
    : undefined;

/** The byte length of an ArrayBuffer or SharedArrayBuffer, or undefined. @param {unknown} v */
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

/**
 * A binary body as a plain Uint8Array over the same memory (no copy), its extent read once
 * through the built-in accessors. A detached or out-of-bounds view is a TypeError naming the
 * argument.
 * @param {unknown} body
 * @param {string} name
 * @returns {Uint8Array}
 */
export function bytes(body, name) {
  notRevoked(body, name);
  if (ArrayBuffer.isView(body)) {
    try {
      try {
        return new Uint8Array(TA_BUFFER.call(body), TA_OFFSET.call(body), TA_LENGTH.call(body));
      } catch {
        return new Uint8Array(DV_BUFFER.call(body), DV_OFFSET.call(body), DV_LENGTH.call(body));
      }
    } catch {
      throw new TypeError(`${name} is a view of a detached ArrayBuffer, or out of its bounds`);
    }
  }
  const length = bufferLength(body);
  if (length === undefined) {
    throw new TypeError(
      `${name} must be a string, Uint8Array or ArrayBuffer, got ${describe(body)}`,
    );
  }
  try {
    return new Uint8Array(/** @type {ArrayBuffer} */ (body), 0, length);
  } catch {
    throw new TypeError(`${name} is a detached ArrayBuffer`);
  }
}

/**
 * The UTF-8 length of a string as TextEncoder would encode it (lone surrogates: 3 bytes).
 * @param {string} s
 */
export function utf8Length(s) {
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

/**
 * A string that is not well-formed UTF-16, as WTF-8 bytes: each lone surrogate becomes its
 * 3-byte generalised UTF-8 form (ED A0 80 … ED BF BF), which is not UTF-8, so the core refuses
 * the body as MALFORMED_JSON exactly as it refuses an escaped lone surrogate. (TextEncoder would
 * write U+FFFD instead: 2,048 different bodies collapsing into one.)
 * @param {string} s
 * @returns {Uint8Array}
 */
export function wtf8(s) {
  const out = new Uint8Array(utf8Length(s));
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      out[j++] = 0xf0 | (c >> 18);
      out[j++] = 0x80 | ((c >> 12) & 63);
      out[j++] = 0x80 | ((c >> 6) & 63);
      out[j++] = 0x80 | (c & 63);
    } else if (c < 0x80) out[j++] = c;
    else if (c < 0x800) {
      out[j++] = 0xc0 | (c >> 6);
      out[j++] = 0x80 | (c & 63);
    } else {
      out[j++] = 0xe0 | (c >> 12);
      out[j++] = 0x80 | ((c >> 6) & 63);
      out[j++] = 0x80 | (c & 63);
    }
  }
  return out;
}
