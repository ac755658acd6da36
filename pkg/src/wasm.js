// @ts-check
// The wasm-bindgen module of this runtime, and the wire format it answers in. Each runtime entry
// (dist/inline.mjs through src/inline.js, workerd.mjs, the lean entries) instantiates the module
// its own way and hands it to setBindings() once; every other module registers what it derives
// from the bindings with onBindings() at import time and never touches wasm before that.
//
// Wire format (bindings/wasm/src/lib.rs): JSON text, or "!CODE message" for an error. Integers
// above 2^53 - 1 travel as {"$int":"digits"} and come back as bigint: never rounded. verify and
// parse answer in result words instead (core.js); only their errors are wire strings.

import { CallbackError } from './error.js';

export { CallbackError };

/** @type {any} */
let current;
/** @type {Array<(b: any) => void>} */
const listeners = [];

/**
 * Called once by the runtime entry with the initialised wasm-bindgen module.
 * @param {any} b
 */
export function setBindings(b) {
  current = b;
  for (const f of listeners) f(b);
}

/**
 * Runs `f(bindings)` once the bindings are set (at once when they already are).
 * @param {(b: any) => void} f
 */
export function onBindings(f) {
  listeners.push(f);
  if (current !== undefined) f(current);
}

/** The bindings (for modules that call rarely used exports). */
export function bindings() {
  if (current === undefined)
    throw new Error('huaweicloud-live-callback: the wasm module is not initialised');
  return current;
}

/** @param {string} wire "!CODE message" */
export function fromWire(wire) {
  const space = wire.indexOf(' ');
  // The code is the core's, one of ErrorCode (bindings/wasm/src/lib.rs writes it).
  const code = /** @type {import('../index.js').ErrorCode} */ (wire.slice(1, space));
  return new CallbackError(code, wire.slice(space + 1));
}

/** @param {string} _key @param {unknown} value */
function bigReviver(_key, value) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$int') return BigInt(/** @type {any} */ (value).$int);
  }
  return value;
}

/**
 * A wire string as a value, or throws its CallbackError.
 * @param {string} wire
 */
export function result(wire) {
  if (wire.charCodeAt(0) === 33) throw fromWire(wire);
  return wire.includes('"$int"') ? JSON.parse(wire, bigReviver) : JSON.parse(wire);
}

/**
 * The wasm layer throws error wire strings from constructors; anything else is a bug and is
 * rethrown unchanged.
 * @param {unknown} e
 * @returns {never}
 */
export function rethrow(e) {
  if (typeof e === 'string' && e.charCodeAt(0) === 33) throw fromWire(e);
  throw e;
}
