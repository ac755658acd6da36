// Small DOM helpers shared by the page's modules.

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/**
 * Creates an element: `class`, `text`, `for`, `role`, `data-*` and `aria-*` attributes; any
 * other key is set as a property (`type`, `value`, `readOnly`…). null/false values are skipped,
 * and so are null children.
 */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'role' || k === 'for')
      e.setAttribute(k, v === true ? '' : v);
    else e[k] = v;
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

const DIGITS = /^[0-9]{1,20}$/;
const U64_MAX = 18446744073709551615n;

/** A field of Unix seconds / seconds: its digits within u64, else null (and marks the input invalid). */
export function readU64(input) {
  const t = input.value.trim();
  const ok = DIGITS.test(t) && BigInt(t) <= U64_MAX;
  input.setAttribute('aria-invalid', ok ? 'false' : 'true');
  return ok ? t : null;
}

/** Integers may exceed 2^53 (u64 options): a number when exact, else a bigint (the API takes both). */
export function intOption(text) {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

/** A comma-separated list input as an array (blanks dropped). */
export const listOf = (input) =>
  input.value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The clock, in Unix seconds (a decimal string). */
export function currentUnixTime() {
  return String(Math.floor(Date.now() / 1000));
}

/** Shows `text` on a button for 1.5 s. */
export function flash(button, text) {
  const old = button.dataset.label ?? button.textContent;
  button.dataset.label = old;
  button.textContent = text;
  setTimeout(() => {
    button.textContent = old;
  }, 1500);
}

/**
 * Coalesces calls into one run of `fn` per microtask (typing, then several handlers firing).
 * @param {() => void} fn
 */
export function coalesce(fn) {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      fn();
    });
  };
}
