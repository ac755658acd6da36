// The one reader of a callback vector case (tests/vectors/callbacks.json; schema:
// tests/vectors/README.md): its body and its options as the package takes them. Shared by THE
// suite (tests/js/suite.mjs, in Node, Deno, Bun, workerd and Chromium; the runners copy
// tests/js/suites/ next to it) and by the page (www/js/, which gets this file from
// scripts/serve.mjs at /vectors/cases.mjs). Plain ECMAScript: no imports, no runtime API.

/** Bytes of a hex string ("7b7d" -> Uint8Array [0x7b, 0x7d]). */
export function hexBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** A case's body: `body` (a string), the bytes of `bodyHex`, or `bodyRepeat` expanded (a string). */
export function caseBody(c) {
  if (typeof c.body === 'string') return c.body;
  if (typeof c.bodyHex === 'string') return hexBytes(c.bodyHex);
  const r = c.bodyRepeat;
  return (
    r.prefix +
    r.unit.repeat(r.count) +
    (r.middle ?? '') +
    (r.close ?? '').repeat(r.count) +
    r.suffix
  );
}

/** A vector integer as an API value: a number stays a number, a decimal string (above 2^53 - 1) becomes a bigint. */
export function vectorInt(v) {
  return typeof v === 'string' ? BigInt(v) : v;
}

/** A case's keys as the package takes them: `{ key }`, or `{ id, key }` when the key has an id. */
export function caseKeys(c) {
  return c.keys.map((k) =>
    k.id === null || k.id === undefined ? { key: k.key } : { id: k.id, key: k.key },
  );
}

/** The options a case may set besides `now`, in the order of the file's `defaults`. */
export const CASE_OPTIONS = [
  'toleranceSeconds',
  'maxFutureSeconds',
  'allowMd5',
  'maxBodyBytes',
  'domains',
  'apps',
  'allowUnknownEvents',
];
const INTEGER_OPTIONS = new Set(['toleranceSeconds', 'maxFutureSeconds', 'maxBodyBytes']);

/**
 * A case's options for `verify` and `explain`: `keys`, `now`, and each of CASE_OPTIONS by ONE
 * rule: the case's value, else the value in `defaults`, else none (the package's default
 * applies). The suite passes no `defaults`, so that absent options exercise the package's own
 * defaults; the page passes the file's `defaults`, to fill every control.
 * @param {object} c a case of the vector file
 * @param {object} [defaults] e.g. the file's `defaults`; default: none
 */
export function caseOptions(c, defaults = {}) {
  const o = c.options;
  const out = { keys: caseKeys(c), now: vectorInt(o.now) };
  for (const name of CASE_OPTIONS) {
    const v = o[name] !== undefined ? o[name] : defaults[name];
    if (v !== undefined) out[name] = INTEGER_OPTIONS.has(name) ? vectorInt(v) : v;
  }
  return out;
}
