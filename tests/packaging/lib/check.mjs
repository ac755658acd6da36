// The check every packaging app runs, in whatever bundle or runtime its toolchain made: verify a
// valid HMAC-signed vector and a tampered one from tests/vectors/callbacks.json (the runner
// writes them into the app as cases.js / cases.json, expectations included), and judge the
// observations. Copied into each app by the runner (as check.js, and as check.cjs for Jest), so
// that the bundlers take it in like the app's own code. No dependency, no Node API.

// The verify-only subpath exports exactly these (an app that loads it passes it as `lean`).
const LEAN_EXPORTS = 'CallbackError,Verifier,parse,verify';

/**
 * Runs the cases against the package's namespace `lib`; returns plain observations. `lean`, when
 * given, is huaweicloud-live-callback/verify loaded in the same bundle: the same cases run on it
 * (out.lean), and its errors are checked to be instances of the full package's CallbackError
 * (one class for both builds).
 * @param {any} lib  `import * as lib from 'huaweicloud-live-callback'` (or require())
 * @param {Record<string, {body: string, keys: Array<{id: string, key: string}>, now: number}>} cases
 * @param {any} [lean]  `import * as lean from 'huaweicloud-live-callback/verify'`
 */
export function check(lib, cases, lean) {
  /** @type {any} */
  const out = lean ? { lean: check(lean, cases) } : {};
  if (lean) {
    for (const name of Object.keys(cases)) {
      try {
        lean.verify(cases[name].body, { keys: cases[name].keys, now: cases[name].now });
      } catch (e) {
        out.lean[name].fullClass = e instanceof lib.CallbackError;
      }
    }
  }
  Object.assign(out, {
    exports: Object.keys(lib)
      .filter((k) => k !== 'default' && k !== '__esModule')
      .sort(),
  });
  for (const name of Object.keys(cases)) {
    const c = cases[name];
    try {
      const v = lib.verify(c.body, { keys: c.keys, now: c.now });
      out[name] = {
        ok: true,
        kind: v.kind,
        event: v.callback.event,
        algorithm: v.algorithm,
        keyId: v.keyId,
      };
    } catch (e) {
      out[name] = {
        ok: false,
        code: e?.code,
        callbackError: e instanceof lib.CallbackError,
        message: String(e?.message),
      };
    }
  }
  return out;
}

/**
 * The problems in `out` (an empty list when the package behaved as the vectors say). With
 * `{ lean: true }`, out.lean (huaweicloud-live-callback/verify) must be there and right too.
 * @param {Record<string, {expect: Record<string, unknown>}>} cases
 * @param {any} out the result of check()
 * @param {{lean?: boolean}} [opts]
 */
export function judge(cases, out, opts = {}) {
  const problems = [];
  if (!out || typeof out !== 'object') return [`no observations: ${JSON.stringify(out)}`];
  for (const name of ['verify', 'Verifier', 'parse', 'sign', 'explain', 'CallbackError']) {
    if (!Array.isArray(out.exports) || !out.exports.includes(name))
      problems.push(`the package does not export ${name}`);
  }
  if (opts.lean) {
    const lean = out.lean;
    if (!lean || typeof lean !== 'object') problems.push('no observations of the /verify subpath');
    else {
      if (String(lean.exports) !== LEAN_EXPORTS)
        problems.push(`/verify exports ${lean.exports}, expected ${LEAN_EXPORTS}`);
      problems.push(...judgeCases(cases, lean).map((p) => `/verify: ${p}`));
      for (const name of Object.keys(cases)) {
        if (!cases[name].expect.ok && lean[name]?.fullClass !== true)
          problems.push(`/verify: ${name}: its error is not an instance of the full CallbackError`);
      }
    }
  }
  problems.push(...judgeCases(cases, out));
  return problems;
}

/** @param {Record<string, {expect: Record<string, unknown>}>} cases @param {any} out */
function judgeCases(cases, out) {
  const problems = [];
  for (const name of Object.keys(cases)) {
    const want = cases[name].expect;
    const got = out[name];
    if (!got) {
      problems.push(`${name}: no observation`);
      continue;
    }
    if (want.ok) {
      for (const k of ['kind', 'event', 'algorithm', 'keyId']) {
        if (got.ok !== true || got[k] !== want[k])
          problems.push(`${name}: expected ${k} ${want[k]}, got ${JSON.stringify(got)}`);
      }
    } else if (got.ok !== false || got.code !== want.error || got.callbackError !== true) {
      problems.push(`${name}: expected a CallbackError ${want.error}, got ${JSON.stringify(got)}`);
    }
  }
  return problems;
}
