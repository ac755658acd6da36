// The self-check: every case and signer vector of tests/vectors/callbacks.json (served at
// vectors/callbacks.json), and every URL vector (vectors/urls.json), through this page's build
// of the package. Cases are read by the one shared reader (tests/js/suites/cases.mjs, served at
// vectors/cases.mjs), the same as THE suite's.

import { $, el } from './dom.js';
import { caseBody, caseOptions, vectorInt } from '../vectors/cases.mjs';
import { checkUrlVectors } from './url-view.js';

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** What a case expects, as one word: its error code, or "ok/<algorithm>". */
const outcome = (e) => (e.ok ? `ok/${e.algorithm}` : e.error);

/**
 * Runs one case through verify and explain; returns a list of disagreements (empty: agrees).
 * `verdicts` maps each outcome to the first [verdict, case name] explain gave for it: the verdict
 * is the package's (the core's Verdict::for_error), not restated here, and must be the same for
 * every case of one outcome.
 */
function checkCase(lib, c, defaults, verdicts) {
  const e = c.expect;
  const body = caseBody(c);
  const opt = caseOptions(c, defaults);
  const bad = [];
  let v = null;
  let err = null;
  try {
    v = lib.verify(body, opt);
  } catch (x) {
    err = x;
  }
  if (e.ok) {
    if (err) bad.push(`verify threw ${err.code}: ${err.message}`);
    else {
      for (const k of [
        'kind',
        'event',
        'algorithm',
        'keyIndex',
        'bodyAuthenticated',
        'signedFields',
      ]) {
        if (!same(v[k], e[k]))
          bad.push(`${k}: ${JSON.stringify(v[k])}, expected ${JSON.stringify(e[k])}`);
      }
      if ((v.keyId ?? null) !== (e.keyId ?? null))
        bad.push(`keyId: ${v.keyId}, expected ${e.keyId}`);
    }
  } else if (!err) bad.push(`verify accepted it, expected ${e.error}`);
  else if (!(err instanceof lib.CallbackError))
    bad.push(`verify threw a ${err?.constructor?.name}, not a CallbackError`);
  else if (err.code !== e.error) bad.push(`error ${err.code}, expected ${e.error}`);

  const x = lib.explain(body, opt);
  const code = x.error ? x.error.code : null;
  if (code !== (e.ok ? null : e.error))
    bad.push(`explain error ${code}, expected ${e.ok ? 'none' : e.error}`);
  else {
    const seen = verdicts.get(outcome(e));
    if (!seen) verdicts.set(outcome(e), [x.verdict, c.name]);
    else if (seen[0] !== x.verdict)
      bad.push(`explain verdict ${x.verdict} for ${outcome(e)}, but ${seen[0]} for ${seen[1]}`);
  }
  if (typeof e.stringToSign === 'string' && x.stringToSign !== e.stringToSign) {
    bad.push(
      `stringToSign ${JSON.stringify(x.stringToSign)}, expected ${JSON.stringify(e.stringToSign)}`,
    );
  }
  if (typeof e.signature === 'string') {
    // Computed under the matching key, or under keys[0] when none matches (README of the file).
    const k = x.keys?.[e.keyIndex ?? 0];
    if (!k || k.expectedSignature !== e.signature)
      bad.push(
        `expected signature of key ${e.keyIndex ?? 0}: ${k?.expectedSignature}, expected ${e.signature}`,
      );
  }
  return bad;
}

function checkSignVector(lib, s) {
  const bad = [];
  try {
    const cb = {};
    for (const [k, v] of Object.entries(s.fields)) if (v !== null) cb[k] = v;
    const ts = vectorInt(s.authTimestamp);
    const r = lib.sign(cb, { key: s.key, algorithm: s.algorithm, authTimestamp: ts });
    const x = lib.explain(r.body, { keys: [{ key: s.key }], now: ts, allowMd5: true });
    if (x.stringToSign !== s.stringToSign)
      bad.push(
        `stringToSign ${JSON.stringify(x.stringToSign)}, expected ${JSON.stringify(s.stringToSign)}`,
      );
    if (x.receivedSignature !== s.signature)
      bad.push(`signature ${x.receivedSignature}, expected ${s.signature}`);
  } catch (x) {
    bad.push(`sign threw ${x.code}: ${x.message}`);
  }
  return bad;
}

const failureItems = (failures) =>
  failures.map(([n, b]) => el('li', {}, el('code', { text: n }), `: ${b.join('; ')}`));

/** Runs the callback vectors and shows "self-check: N/M vectors agree" and the disagreements. */
export async function selfCheck(lib, vectors) {
  const out = $('selfcheck');
  const list = $('selfcheck-failures');
  out.dataset.state = 'pending';
  out.textContent = 'self-check: running…';
  list.replaceChildren();
  // Let the page paint first.
  await new Promise((r) => setTimeout(r, 0));
  if (!lib || !vectors) {
    out.dataset.state = 'error';
    out.textContent = `self-check: could not run (${!lib ? 'the package did not load' : 'the vector file did not load'})`;
    return;
  }
  let agree = 0;
  let total = 0;
  const failures = [];
  const verdicts = new Map();
  for (const c of vectors.cases) {
    total++;
    let bad;
    try {
      bad = checkCase(lib, c, vectors.defaults ?? {}, verdicts);
    } catch (e) {
      bad = [`threw: ${e?.message}`];
    }
    if (bad.length === 0) agree++;
    else failures.push([c.name, bad]);
  }
  for (const s of vectors.sign || []) {
    total++;
    const bad = checkSignVector(lib, s);
    if (bad.length === 0) agree++;
    else failures.push([`sign: ${s.name}`, bad]);
  }
  out.dataset.state = agree === total ? 'pass' : 'fail';
  out.dataset.agree = String(agree);
  out.dataset.total = String(total);
  out.textContent = `self-check: ${agree}/${total} vectors agree`;
  list.replaceChildren(...failureItems(failures));
  $('selfcheck-details').hidden = failures.length === 0;
}

/** The URL vectors (tests/vectors/urls.json), in their own status line. */
export async function urlSelfCheck(lib) {
  const out = $('url-selfcheck');
  out.dataset.state = 'pending';
  let urls;
  try {
    const r = await fetch(new URL('../vectors/urls.json', import.meta.url));
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    urls = await r.json();
  } catch (e) {
    out.dataset.state = 'error';
    out.textContent = `URL self-check: could not run (${e.message})`;
    return;
  }
  if (!lib) {
    out.dataset.state = 'error';
    out.textContent = 'URL self-check: could not run (the package did not load)';
    return;
  }
  const [agree, total, failures] = checkUrlVectors(lib, urls);
  out.dataset.state = agree === total ? 'pass' : 'fail';
  out.textContent = `URL self-check: ${agree}/${total} URL vectors agree`;
  $('url-selfcheck-failures').replaceChildren(...failureItems(failures));
  $('url-selfcheck-details').hidden = failures.length === 0;
}
