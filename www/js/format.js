// Text formatting for the page: times, durations, visible values, shell quoting. No DOM.

/** ISO 8601 (UTC, whole seconds) of Unix seconds, or null when out of the Date range. */
export function isoTime(secs) {
  const n = Number(secs);
  if (!Number.isFinite(n) || n > 8.64e12) return null;
  return new Date(n * 1000).toISOString().replace('.000Z', 'Z');
}

/** "4 min 12 s", "3 d 2 h", … for a count of seconds (number or bigint; the sign is dropped). */
export function duration(secs) {
  let s = BigInt(secs);
  if (s < 0n) s = -s;
  if (s < 120n) return `${s} s`;
  const units = [
    ['y', 31557600n],
    ['d', 86400n],
    ['h', 3600n],
    ['min', 60n],
    ['s', 1n],
  ];
  const out = [];
  for (const [name, size] of units) {
    if (s >= size) {
      out.push(`${s / size} ${name}`);
      s %= size;
    }
    if (out.length === 2) break;
  }
  return out.join(' ');
}

// Characters that look like nothing, or like something else: control and format characters,
// every space but U+0020, and combining marks.
export const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\p{M}]/u;

/** A value in double quotes with every invisible or look-alike character as \u{…}. */
export function visible(s) {
  let out = '"';
  for (const ch of s) {
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch !== ' ' && INVISIBLE.test(ch))
      out += `\\u{${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Shell single-quoting: 'it'\''s'. */
export function shellQuote(s) {
  return `'${String(s).replace(/'/g, `'\\''`)}'`;
}
