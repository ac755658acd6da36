// The check every packaging app runs, in whatever bundle or runtime its toolchain made: verify a
// valid HMAC-signed vector and a tampered one from tests/vectors/callbacks.json (the runner
// writes them into the app as cases.js / cases.json, expectations included), and judge the
// observations. Copied into each app by the runner (as check.js, and as check.cjs for Jest), so
// that the bundlers take it in like the app's own code. No dependency, no Node API.

/**
 * Runs the cases against the package's namespace `lib`; returns plain observations.
 * @param {any} lib  `import * as lib from 'huaweicloud-live-callback'` (or require())
 * @param {Record<string, {body: string, keys: Array<{id: string, key: string}>, now: number}>} cases
 */
export function check(lib, cases) {
  const out = {
    exports: Object.keys(lib)
      .filter((k) => k !== 'default' && k !== '__esModule')
      .sort(),
  };
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
 * The problems in `out` (an empty list when the package behaved as the vectors say).
 * @param {Record<string, {expect: Record<string, unknown>}>} cases
 * @param {any} out the result of check()
 */
export function judge(cases, out) {
  const problems = [];
  if (!out || typeof out !== 'object') return [`no observations: ${JSON.stringify(out)}`];
  for (const name of ['verify', 'Verifier', 'parse', 'sign', 'explain', 'CallbackError']) {
    if (!Array.isArray(out.exports) || !out.exports.includes(name))
      problems.push(`the package does not export ${name}`);
  }
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
