// The Sign tab: a template callback (sign-templates.js) edited field by field, signed with the
// package's `sign`, shown as the body, its string to sign, a curl command and a fetch call.

import { $, coalesce, currentUnixTime, el, intOption, readU64 } from './dom.js';
import { shellQuote } from './format.js';
import { EVENT_FIELDS, INTEGER_FIELDS, STREAM_EVENTS, template } from './sign-templates.js';

/**
 * Wires the Sign tab. `getLib()` gives the package (or null), `isActive()` whether the tab is
 * shown, `onChange()` runs after each re-sign (to save the fragment), and
 * `onSendToVerify({ body, key, authTimestamp, algorithm })` takes the last signed callback to
 * the Verify tab.
 * @param {{ getLib: () => any, isActive: () => boolean, onChange: () => void,
 *   onSendToVerify: (s: { body: string, key: string, authTimestamp: string, algorithm: string }) => void }} hooks
 */
export function setupSignView({ getLib, isActive, onChange, onSendToVerify }) {
  const signEvent = $('sign-event');
  const signAlgorithm = $('sign-algorithm');
  const signKey = $('sign-key');
  const signTimestamp = $('sign-timestamp');
  const signUrl = $('sign-url');
  const signFields = $('sign-fields');
  let lastSigned = null;

  const schedule = coalesce(() => {
    run();
    onChange();
  });

  function loadTemplate(event, values) {
    const t = values ?? template(event);
    signFields.replaceChildren();
    for (const [name, value] of Object.entries(t)) {
      const id = `f-${name}`;
      const input = el('input', {
        id,
        value: String(value),
        autocomplete: 'off',
        spellcheck: false,
        readOnly: EVENT_FIELDS.has(name),
      });
      input.dataset.field = name;
      if (INTEGER_FIELDS.has(name)) {
        input.inputMode = 'numeric';
        input.dataset.integer = '';
      }
      input.addEventListener('input', schedule);
      signFields.append(el('div', { class: 'field' }, el('label', { for: id, text: name }), input));
    }
    const stream = STREAM_EVENTS.includes(event);
    $('sign-kind').textContent = stream ? 'stream status notification' : 'recording callback';
    const md5 = signAlgorithm.querySelector('option[value="MD5"]');
    md5.disabled = stream;
    if (stream) signAlgorithm.value = 'HMAC-SHA256';
  }

  /** The callback object, from the field inputs. */
  function readFields() {
    const cb = {};
    for (const input of signFields.querySelectorAll('input')) {
      const name = input.dataset.field;
      if ('integer' in input.dataset) {
        const v = input.value.trim();
        if (v === '') continue;
        if (!/^[0-9]+$/.test(v))
          throw Object.assign(new Error(`${name} must be a whole number`), {
            code: 'INVALID_FIELD',
          });
        cb[name] = Number(v);
      } else {
        cb[name] = input.value;
      }
    }
    return cb;
  }

  function clearSigned(message) {
    lastSigned = null;
    $('sign-status').textContent = message;
    $('sign-status').dataset.verdict = '';
    for (const id of ['signed-body', 'sign-sts', 'sign-signature', 'sign-curl', 'sign-fetch'])
      $(id).textContent = '';
  }

  function run() {
    const lib = getLib();
    if (!lib || !isActive()) return;
    const ts = readU64(signTimestamp);
    if (ts === null) return clearSigned('auth_timestamp: enter Unix seconds (digits only).');
    if (signKey.value === '') return clearSigned('Enter a key, or press Generate.');
    let fields;
    try {
      fields = readFields();
    } catch (e) {
      return clearSigned(`Cannot sign: ${e.message}.`);
    }
    let signed;
    try {
      signed = lib.sign(fields, {
        key: signKey.value,
        algorithm: signAlgorithm.value,
        authTimestamp: intOption(ts),
      });
    } catch (e) {
      return clearSigned(`Cannot sign: ${e.message}${e.code ? ` (${e.code})` : ''}.`);
    }
    lastSigned = {
      body: signed.body,
      key: signKey.value,
      authTimestamp: ts,
      algorithm: signAlgorithm.value,
    };
    const x = lib.explain(signed.body, {
      keys: [{ key: signKey.value }],
      now: intOption(ts),
      allowMd5: true,
    });
    $('sign-status').dataset.verdict = x.verdict;
    $('sign-status').textContent =
      signAlgorithm.value === 'MD5'
        ? 'Signed with MD5: a receiver can check the key and the time, but not the body.'
        : 'Signed with HMAC-SHA256.';
    $('signed-body').textContent = signed.body;
    $('sign-sts').textContent = x.stringToSign ?? '';
    $('sign-signature').textContent =
      (signed.callback && (signed.callback.auth_sign ?? signed.callback.authSign)) ||
      x.receivedSignature ||
      '';
    const url = signUrl.value || 'http://127.0.0.1:3000/';
    $('sign-curl').textContent =
      `curl -sS -X POST ${shellQuote(url)} \\\n  -H 'Content-Type: application/json' \\\n  --data-raw ${shellQuote(signed.body)}`;
    $('sign-fetch').textContent =
      `await fetch(${JSON.stringify(url)}, {\n  method: 'POST',\n  headers: { 'Content-Type': 'application/json' },\n  body: ${JSON.stringify(signed.body)},\n});`;
  }

  signEvent.addEventListener('change', () => {
    loadTemplate(signEvent.value);
    schedule();
  });
  signAlgorithm.addEventListener('change', schedule);
  for (const i of [signKey, signTimestamp, signUrl]) i.addEventListener('input', schedule);
  $('sign-generate').addEventListener('click', () => {
    const lib = getLib();
    if (!lib) return;
    signKey.value = lib.generateKey();
    schedule();
  });
  $('sign-show-key').addEventListener('change', () => {
    signKey.type = $('sign-show-key').checked ? 'text' : 'password';
  });
  $('sign-timestamp-now').addEventListener('click', () => {
    signTimestamp.value = currentUnixTime();
    schedule();
  });
  $('sign-to-verify').addEventListener('click', () => {
    if (lastSigned) onSendToVerify(lastSigned);
  });

  signTimestamp.value = currentUnixTime();
  loadTemplate(signEvent.value);

  /**
   * The tab's state without the key (what the URL fragment may hold).
   * @returns {{ event: string, alg: string, ts: string, url: string, fields: Record<string, string> }}
   */
  function getState() {
    const fields = {};
    for (const input of signFields.querySelectorAll('input'))
      fields[input.dataset.field] = input.value;
    return {
      event: signEvent.value,
      alg: signAlgorithm.value,
      ts: signTimestamp.value,
      url: signUrl.value,
      fields,
    };
  }

  /**
   * Sets the given parts of getState()'s shape. An unknown event is ignored; `fields(name)` gives
   * a saved value or undefined (the event fields always come from the template); MD5 is refused
   * for stream events.
   * @param {{ event?: string | null, fields?: (name: string) => string | undefined, alg?: string | null, ts?: string, url?: string }} s
   */
  function setState(s) {
    const ev = s.event;
    if (ev && [...signEvent.options].some((o) => o.value === ev)) {
      signEvent.value = ev;
      const values = template(ev);
      for (const name of Object.keys(values)) {
        const saved = s.fields ? s.fields(name) : undefined;
        if (saved !== undefined && !EVENT_FIELDS.has(name)) values[name] = saved;
      }
      loadTemplate(ev, values);
    }
    if (s.alg === 'MD5' && !STREAM_EVENTS.includes(signEvent.value)) signAlgorithm.value = 'MD5';
    if (s.ts !== undefined) signTimestamp.value = s.ts;
    if (s.url !== undefined) signUrl.value = s.url;
  }

  return { run, getState, setState };
}
