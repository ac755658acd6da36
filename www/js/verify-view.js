// The Verify tab: the payload, the keys and the options, checked with the package's `explain` on
// every edit (src/explain.rs decides the verdict; verify-render.js shows it). Now follows the
// clock until it is edited.

import { $, coalesce, currentUnixTime, intOption, listOf, readU64 } from './dom.js';
import { setupKeys } from './keys.js';
import { render, setVerdict } from './verify-render.js';

/**
 * Wires the Verify tab. `getLib()` gives the package (or null), `isActive()` whether the tab is
 * shown, `onChange()` runs after each re-check (to save the fragment).
 * @param {{ getLib: () => any, isActive: () => boolean, onChange: () => void }} hooks
 */
export function setupVerifyView({ getLib, isActive, onChange }) {
  const payload = $('payload');
  const nowInput = $('now');
  const toleranceInput = $('tolerance');
  const maxFutureInput = $('max-future');
  const allowMd5 = $('allow-md5');
  const domainsInput = $('domains');
  const appsInput = $('apps');
  const allowUnknown = $('allow-unknown');

  const schedule = coalesce(() => {
    run();
    onChange();
  });
  const keys = setupKeys({ onChange: schedule });
  keys.set(['']);

  for (const i of [payload, nowInput, toleranceInput, maxFutureInput, domainsInput, appsInput])
    i.addEventListener('input', schedule);
  allowMd5.addEventListener('change', schedule);
  allowUnknown.addEventListener('change', schedule);

  // Now follows the clock (once a second) until it is edited or set by an example; "Current
  // time" makes it follow again. Never while the field has focus: rewriting a value under the
  // caret drops a selection and splices what is typed next into the new value.
  let nowFollowsClock = true;
  function setNow(value) {
    nowFollowsClock = false;
    nowInput.value = String(value);
  }
  nowInput.addEventListener('input', () => {
    nowFollowsClock = false;
  });
  $('now-reset').addEventListener('click', () => {
    nowFollowsClock = true;
    nowInput.value = currentUnixTime();
    schedule();
  });
  nowInput.value = currentUnixTime();
  setInterval(() => {
    if (!nowFollowsClock || document.activeElement === nowInput) return;
    const t = currentUnixTime();
    if (nowInput.value === t) return;
    nowInput.value = t;
    if (isActive()) run();
  }, 1000);

  const renderContext = {
    get keyRows() {
      return keys.inputs().length;
    },
    onSetNow(authTimestamp) {
      setNow(authTimestamp);
      schedule();
      nowInput.focus();
    },
  };

  function run() {
    const lib = getLib();
    if (!lib) return;
    const now = readU64(nowInput);
    const tolerance = readU64(toleranceInput);
    const maxFuture = readU64(maxFutureInput);
    const bad = [
      [now, 'Now'],
      [tolerance, 'Tolerance'],
      [maxFuture, 'Max future'],
    ].find(([v]) => v === null);
    if (bad) {
      setVerdict('', `${bad[1]}: enter a whole number of seconds (digits only).`);
      $('details').hidden = true;
      return;
    }
    const body = payload.value;
    if (body === '') {
      setVerdict('', 'Paste a callback body in Payload, or load an example.');
      $('details').hidden = true;
      return;
    }
    const given = keys.collect();
    let x;
    try {
      x = lib.explain(body, {
        keys: given,
        now: intOption(now),
        toleranceSeconds: intOption(tolerance),
        maxFutureSeconds: intOption(maxFuture),
        allowMd5: allowMd5.checked,
        domains: listOf(domainsInput),
        apps: listOf(appsInput),
        allowUnknownEvents: allowUnknown.checked,
      });
    } catch (e) {
      $('details').hidden = true;
      // explain reports problems instead of throwing, except for bodies over its hard size limit.
      if (e && e.code === 'BODY_TOO_LARGE')
        return setVerdict('MALFORMED', `the body is too large to examine: ${e.message}.`);
      setVerdict('', `The verifier failed: ${e?.message ? e.message : e}`);
      console.error(e);
      return;
    }
    render(x, body, given, renderContext);
  }

  /**
   * The tab's state without the keys (what the URL fragment may hold): strings and booleans.
   * @returns {{ payload: string, now: string, tolerance: string, maxFuture: string, md5: boolean, domains: string, apps: string, unknown: boolean }}
   */
  function getState() {
    return {
      payload: payload.value,
      now: nowInput.value,
      tolerance: toleranceInput.value,
      maxFuture: maxFutureInput.value,
      md5: allowMd5.checked,
      domains: domainsInput.value,
      apps: appsInput.value,
      unknown: allowUnknown.checked,
    };
  }

  /** Sets the given parts of getState()'s shape (a given `now` stops Now following the clock). */
  function setState(s) {
    if (s.payload !== undefined) payload.value = s.payload;
    if (s.now !== undefined) setNow(s.now);
    if (s.tolerance !== undefined) toleranceInput.value = String(s.tolerance);
    if (s.maxFuture !== undefined) maxFutureInput.value = String(s.maxFuture);
    if (s.md5 !== undefined) allowMd5.checked = !!s.md5;
    if (s.domains !== undefined) domainsInput.value = s.domains;
    if (s.apps !== undefined) appsInput.value = s.apps;
    if (s.unknown !== undefined) allowUnknown.checked = !!s.unknown;
  }

  return {
    run,
    schedule,
    getState,
    setState,
    /** Replaces the key rows by these key values. */
    setKeys: (values) => keys.set(values),
    focusPayload: () => payload.focus(),
  };
}
