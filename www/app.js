// The callback debugger: verify (explain) and sign Huawei Cloud Live callbacks in the page.
// Everything runs here, in the package's WebAssembly build; nothing is sent anywhere.
// The key lives only in the inputs and in this module's memory: never in the URL, never in storage.

import { setupUrlTab, checkUrlVectors } from './url.js';

const $ = (id) => document.getElementById(id);

/** The package (web build), once loaded. */
let lib = null;
/** The shared vector file, once loaded. */
let vectors = null;

// ---------------------------------------------------------------------------------------------
// Loading the package

async function loadLib() {
  const mod = await import('./pkg-web.js');
  const m = mod.default && typeof mod.default === 'object' ? mod.default : mod;
  // wasm-bindgen's --target web build exports an init function as default (and initSync);
  // a wrapper that initialises itself has no initSync.
  if (typeof m.initSync === 'function' && typeof m.default === 'function') await m.default();
  else if (typeof m.init === 'function' && m.init.length === 0) await m.init();
  return m;
}

// Integers may exceed 2^53 (u64 options): numbers when exact, else bigints (the API takes both).
function intOption(text) {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'role' || k === 'for') e.setAttribute(k, v === true ? '' : v);
    else e[k] = v;
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

const DIGITS = /^[0-9]{1,20}$/;
const U64_MAX = 18446744073709551615n;

/** Parses a field of Unix seconds / seconds: digits only, within u64. */
function readU64(input) {
  const t = input.value.trim();
  const ok = DIGITS.test(t) && BigInt(t) <= U64_MAX;
  input.setAttribute('aria-invalid', ok ? 'false' : 'true');
  return ok ? t : null;
}

function isoTime(secs) {
  const n = Number(secs);
  if (!Number.isFinite(n) || n > 8.64e12) return null;
  return new Date(n * 1000).toISOString().replace('.000Z', 'Z');
}

/** "4 min 12 s", "3 d 2 h", … for a non-negative count of seconds (number or bigint). */
function duration(secs) {
  let s = BigInt(secs);
  if (s < 0n) s = -s;
  if (s < 120n) return `${s} s`;
  const units = [['y', 31557600n], ['d', 86400n], ['h', 3600n], ['min', 60n], ['s', 1n]];
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


const utf8 = new TextEncoder();

// Characters that look like nothing, or like something else: control and format characters,
// every space but U+0020, and combining marks.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\p{M}]/u;

/** A value in double quotes with every invisible or look-alike character as \u{…}. */
export function visible(s) {
  let out = '"';
  for (const ch of s) {
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch !== ' ' && INVISIBLE.test(ch)) out += `\\u{${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Shell single-quoting: 'it'\''s'. */
export function shellQuote(s) {
  return `'${String(s).replace(/'/g, `'\\''`)}'`;
}

function currentUnixTime() {
  return String(Math.floor(Date.now() / 1000));
}

// ---------------------------------------------------------------------------------------------
// Tabs

const tabs = [$('tab-verify'), $('tab-sign'), $('tab-url')];

function selectTab(tab, focus = false) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute('aria-selected', on ? 'true' : 'false');
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = !on;
  }
  if (focus) tab.focus();
  if (tab.id === 'tab-sign') runSign();
  if (tab.id === 'tab-url') urlTab.run();
  saveFragment();
}

for (const t of tabs) {
  t.addEventListener('click', () => selectTab(t));
  t.addEventListener('keydown', (e) => {
    const i = tabs.indexOf(t);
    let j = null;
    if (e.key === 'ArrowRight') j = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') j = (i + tabs.length - 1) % tabs.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = tabs.length - 1;
    if (j !== null) {
      e.preventDefault();
      selectTab(tabs[j], true);
    }
  });
}

// The inputs sit in forms (so that password managers and browsers treat the key fields as
// such); nothing is ever submitted.
for (const f of document.querySelectorAll('form')) f.addEventListener('submit', (e) => e.preventDefault());

const mode = () => ($('tab-sign').getAttribute('aria-selected') === 'true' ? 'sign'
  : $('tab-url').getAttribute('aria-selected') === 'true' ? 'url' : 'verify');
// The Signed URL tab (www/url.js); its key stays in its input, never in the fragment.
const urlTab = setupUrlTab(() => lib);

// ---------------------------------------------------------------------------------------------
// Keys (verify mode): one input per key, for rotation. Values stay in the inputs only.

const keyList = $('key-list');

function keyInputs() {
  return [...keyList.querySelectorAll('input')];
}

function relabelKeys() {
  keyInputs().forEach((input, i) => {
    const label = input.parentElement.querySelector('label');
    label.textContent = i === 0 ? 'Key' : `Key ${i + 1}`;
    const remove = input.parentElement.querySelector('button');
    if (remove) remove.setAttribute('aria-label', `Remove key ${i + 1}`);
  });
}

let keySeq = 0;
function addKey(value = '', focus = false) {
  const id = `key-${++keySeq}`;
  const input = el('input', {
    id,
    type: $('show-keys').checked ? 'text' : 'password',
    autocomplete: 'off',
    spellcheck: false,
    value,
  });
  input.setAttribute('autocapitalize', 'off');
  input.setAttribute('data-key-input', '');
  input.addEventListener('input', scheduleVerify);
  const row = el('div', { class: 'key-row' }, el('label', { for: id, text: 'Key' }), input);
  if (keyList.children.length > 0) {
    const remove = el('button', { type: 'button', class: 'remove', text: '×' });
    remove.addEventListener('click', () => {
      row.remove();
      relabelKeys();
      keyInputs()[0].focus();
      scheduleVerify();
    });
    row.append(remove);
  }
  keyList.append(row);
  relabelKeys();
  if (focus) input.focus();
  return input;
}

function setKeys(values) {
  keyList.replaceChildren();
  if (values.length === 0) values = [''];
  values.forEach((v) => addKey(v));
}

$('add-key').addEventListener('click', () => addKey('', true));
$('show-keys').addEventListener('change', () => {
  for (const i of keyInputs()) i.type = $('show-keys').checked ? 'text' : 'password';
});

// ---------------------------------------------------------------------------------------------
// Verify mode

const payload = $('payload');
const nowInput = $('now');
const toleranceInput = $('tolerance');
const maxFutureInput = $('max-future');
const allowMd5 = $('allow-md5');
const domainsInput = $('domains');
const appsInput = $('apps');
const allowUnknown = $('allow-unknown');
/** A comma-separated list input as an array (blanks dropped). */
const listOf = (input) => input.value.split(',').map((s) => s.trim()).filter((s) => s !== '');

let verifyQueued = false;
function scheduleVerify() {
  if (verifyQueued) return;
  verifyQueued = true;
  queueMicrotask(() => {
    verifyQueued = false;
    runVerify();
    saveFragment();
  });
}

for (const i of [payload, nowInput, toleranceInput, maxFutureInput, domainsInput, appsInput]) i.addEventListener('input', scheduleVerify);
allowMd5.addEventListener('change', scheduleVerify);
allowUnknown.addEventListener('change', scheduleVerify);

// Now follows the clock (once a second) until it is edited or set by an example; "Current time"
// makes it follow again.
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
  scheduleVerify();
});
setInterval(() => {
  if (!nowFollowsClock) return;
  const t = currentUnixTime();
  if (nowInput.value === t) return;
  nowInput.value = t;
  if (mode() === 'verify') runVerify();
}, 1000);

function setVerdict(verdict, text) {
  const v = $('verdict');
  // Re-writing the same words would make screen readers announce them again.
  if (v.dataset.verdict === verdict && v.dataset.text === text) return;
  v.dataset.text = text;
  v.dataset.verdict = verdict;
  v.replaceChildren();
  if (verdict) v.append(el('strong', { class: 'word', text: verdict }), ` — ${text}`);
  else v.textContent = text;
}

/** The key list as the package takes it, remembering which input each key came from. */
function collectKeys() {
  const keys = [];
  keyInputs().forEach((input, i) => {
    if (input.value !== '') keys.push({ id: i === 0 ? 'Key' : `Key ${i + 1}`, key: input.value });
  });
  return keys;
}

function runVerify() {
  if (!lib) return;
  const now = readU64(nowInput);
  const tolerance = readU64(toleranceInput);
  const maxFuture = readU64(maxFutureInput);
  const bad = [[now, 'Now'], [tolerance, 'Tolerance'], [maxFuture, 'Max future']].find(([v]) => v === null);
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
  const keys = collectKeys();
  let x;
  try {
    x = lib.explain(body, {
      keys,
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
    if (e && e.code === 'BODY_TOO_LARGE') return setVerdict('MALFORMED', `the body is too large to examine: ${e.message}.`);
    setVerdict('', `The verifier failed: ${e && e.message ? e.message : e}`);
    console.error(e);
    return;
  }
  render(x, body, keys);
}

/** The matching key as the page names it: "your key", or the label of its field ("Key 2"). */
function keyName(x, keys) {
  if (x.keyIndex == null) return null;
  if (keyInputs().length <= 1) return 'your key';
  return x.keyId ?? (keys[x.keyIndex] && keys[x.keyIndex].id) ?? `key ${x.keyIndex + 1}`;
}

function reasonFor(x, keys) {
  const code = x.error ? x.error.code : null;
  const msg = x.error ? x.error.message : '';
  const t = x.timing;
  const left = t ? BigInt(t.secondsLeft) : null;
  switch (x.verdict) {
    case 'VALID':
      return `signed with HMAC-SHA256 with ${keyName(x, keys)}, and in time. The signed fields are authentic; the unsigned ones are not covered by the signature.`;
    case 'WEAK':
      return `${keyName(x, keys)} is right, but this callback uses the legacy MD5 scheme, which signs only auth_timestamp: the body is NOT authenticated. Anyone who saw one signed callback can change every field until it expires.`;
    case 'EXPIRED':
      if (code === 'TIMESTAMP_IN_FUTURE') {
        return `the signature is right, but auth_timestamp lies ${t ? duration(BigInt(t.authTimestamp) - BigInt(t.now)) : 'too far'} ahead of Now, more than the ${t ? t.maxFutureSeconds : ''} s allowed: check the clocks (or Now).`;
      }
      return `the signature is right, but the callback expired ${left != null ? `${duration(left)} ago` : ''} (auth_timestamp + tolerance is before Now). To check an old sample, set Now to its auth_timestamp.`;
    case 'MALFORMED':
      switch (code) {
        case 'MALFORMED_JSON': return `the payload is not a well-formed JSON object: ${msg}.`;
        case 'UNKNOWN_CALLBACK': return `this JSON is neither a stream status notification (it has "event") nor a recording callback (it has "event_type"): ${msg}.`;
        case 'MISSING_FIELD': return `a field the callback needs is missing: ${msg}.`;
        case 'DUPLICATE_FIELD': return `a field appears twice, so which value was signed is ambiguous: ${msg}.`;
        case 'BODY_TOO_LARGE': return `the body is larger than allowed: ${msg}.`;
        default: return `a field has the wrong type or value: ${msg}.`;
      }
    default:
      switch (code) {
        case 'SIGNATURE_MISMATCH':
          return `${keys.length === 1 ? 'the signature does not match your key' : `the signature matches none of the ${keys.length} keys`}: either ${keys.length === 1 ? 'the key is not the one' : 'none is the key'} Huawei signed with, or a signed field (${(x.signedFields || []).join(', ')}) was changed after signing.`;
        case 'MISSING_SIGNATURE':
          return 'the callback carries no signature (auth_sign and auth_timestamp): no key is configured for this domain in the Huawei console, or something stripped the fields.';
        case 'MD5_NOT_ALLOWED':
          return 'the callback is signed with the legacy MD5 scheme, which does not authenticate the body. Tick "Allow MD5" to check the key anyway, or switch the recording template to HMACSHA256.';
        case 'INVALID_KEY':
          return keys.length === 0 ? 'enter the key of the domain in Key to check the signature.' : `a key is unusable: ${msg}.`;
        default:
          return msg ? `${msg}.` : 'the callback does not verify.';
      }
  }
}

/** Hints the page adds to the package's: about how the payload was captured. */
function pageHints(x, body) {
  const hints = [];
  const t = body.trim();
  const code = x.error && x.error.code;
  if (code === 'MALFORMED_JSON') {
    if (/^"\{\\"/.test(t)) hints.push('The payload is a JSON string that contains JSON (encoded twice): paste the raw body, without the outer quotes and backslashes.');
    else if (/^\{\s*'/.test(t) || /:\s*(True|False|None)\b/.test(t)) hints.push('This looks like a re-printed object (Python dict or JavaScript object), not the raw body: log the raw request body before any JSON parsing.');
    else if (/^\{\s*[A-Za-z_]+\s*:/.test(t)) hints.push('The field names are not quoted: this is a re-printed JavaScript object, not the JSON body Huawei sent.');
    else if (/^[A-Za-z_]+=[^&]*(&|$)/.test(t)) hints.push('This looks form-encoded (a=b&c=d): Huawei sends a JSON body; check how your framework read it.');
  }
  if (code === 'SIGNATURE_MISMATCH' && x.parts) {
    for (const p of x.parts) {
      if (p.value !== p.value.trim()) {
        hints.push(`The signed field ${p.field} has whitespace at its start or end (${visible(p.value)}): if a copy or a template added it, remove it; Huawei signs the exact value.`);
      } else if (p.value.normalize('NFC') !== p.value) {
        hints.push(`The signed field ${p.field} is not in Unicode NFC form (${visible(p.value)}): if something normalised or re-typed the text, the bytes changed, and so did the signature.`);
      } else if ([...p.value].some((ch) => ch !== ' ' && INVISIBLE.test(ch))) {
        hints.push(`The signed field ${p.field} contains invisible characters (${visible(p.value)}): check they were sent by Huawei and not added on the way.`);
      }
    }
  }
  return hints;
}

function renderSignature(code, sig, diffAt) {
  code.replaceChildren();
  if (sig == null) {
    code.textContent = '—';
    return;
  }
  if (diffAt == null || diffAt >= sig.length) {
    code.textContent = sig;
    return;
  }
  code.append(sig.slice(0, diffAt), el('mark', { class: 'diff', text: sig[diffAt] }), sig.slice(diffAt + 1));
}

function render(x, body, keys) {
  setVerdict(x.verdict, reasonFor(x, keys));
  $('details').hidden = false;
  $('kind').textContent = x.kind ? (x.kind === 'stream' ? 'stream status notification (stream)' : `recording callback (${x.kind})`) : '—';
  $('event').textContent = x.event ?? '—';
  $('algorithm').textContent = x.algorithm ?? '—';
  $('key-used').textContent = x.keyIndex != null ? `${keyName(x, keys)} matches` : keys.length ? 'no key matches' : 'no key given';

  // String to sign, part by part.
  const sts = $('sts');
  sts.replaceChildren();
  const partsBody = $('parts');
  partsBody.replaceChildren();
  const hasSts = typeof x.stringToSign === 'string';
  $('sts-block').hidden = !hasSts;
  $('sts-missing').hidden = hasSts;
  sts.dataset.sts = hasSts ? x.stringToSign : '';
  $('sts-md5').hidden = !(hasSts && x.algorithm === 'MD5');
  (x.parts || []).forEach((p, i) => {
    const span = el('span', {
      class: `part p${i % 4}${p.value === '' ? ' empty' : ''}`,
      'data-field': p.field,
      title: p.present ? p.field : `${p.field} (absent: contributes nothing)`,
      text: p.value,
    });
    sts.append(span);
    partsBody.append(
      el('tr', { class: `p${i % 4}` },
        el('td', { text: String(i + 1) }),
        el('th', { scope: 'row', text: p.field }),
        el('td', {}, el('code', { text: visible(p.value) }), p.present ? null : el('span', { class: 'muted', text: ' absent from the body: contributes nothing' })),
        el('td', { text: String(utf8.encode(p.value).length) })));
  });

  // Signatures.
  renderSignature($('sig-received'), x.receivedSignature, x.firstDifference);
  renderSignature($('sig-expected'), x.expectedSignature, x.firstDifference);
  const diff = $('sig-diff');
  if (x.matches) diff.textContent = 'They match.';
  else if (x.firstDifference != null) diff.textContent = `They differ from character ${x.firstDifference + 1} on (highlighted). A signature is all-or-nothing: one different bit in the key or a signed field changes every character.`;
  else if (x.receivedSignature == null) diff.textContent = 'No auth_sign in the body.';
  else if (x.expectedSignature == null) diff.textContent = keys.length ? 'No expected signature: see the problems below.' : 'Enter a key to compute the expected signature.';
  else diff.textContent = '';

  // Per-key table, when several keys were given.
  const keyRows = $('key-rows');
  keyRows.replaceChildren();
  $('key-table').hidden = !(x.keys && x.keys.length > 1);
  for (const k of x.keys || []) {
    keyRows.append(el('tr', {},
      el('th', { scope: 'row', text: k.id ?? `key ${k.index + 1}` }),
      el('td', {}, el('code', { text: k.expectedSignature })),
      el('td', { text: k.matches ? 'yes' : 'no' }),
      el('td', { text: k.problem ?? '' })));
  }

  // Time.
  const timing = $('timing');
  timing.replaceChildren();
  if (x.timing) {
    const t = x.timing;
    const left = BigInt(t.secondsLeft);
    const at = isoTime(t.authTimestamp);
    const exp = isoTime(t.expiresAt);
    timing.append(
      `auth_timestamp ${t.authTimestamp}${at ? ` (${at})` : ''}; accepted until auth_timestamp + ${t.toleranceSeconds} s = ${t.expiresAt}${exp ? ` (${exp})` : ''}. At Now ${t.now}: `,
      el('strong', { text: left >= 0n ? `${duration(left)} left` : `expired ${duration(left)} ago` }),
      '. ');
    if (left < 0n) {
      const b = el('button', { type: 'button', text: 'Set Now to auth_timestamp' });
      b.addEventListener('click', () => {
        setNow(t.authTimestamp);
        scheduleVerify();
        nowInput.focus();
      });
      timing.append(b);
    }
  } else {
    timing.textContent = 'No auth_timestamp.';
  }

  $('signed-fields').textContent = x.signedFields && x.signedFields.length ? x.signedFields.join(', ') : '—';
  $('unsigned-fields').textContent = x.unsignedFields && x.unsignedFields.length ? x.unsignedFields.join(', ') : 'none';

  const problems = $('problems');
  problems.replaceChildren(...(x.problems || []).map((p) => el('li', {}, el('code', { text: p.code }), ` ${p.message}`)));
  $('problems-block').hidden = problems.children.length === 0;
  const hints = [...(x.hints || []), ...pageHints(x, body)];
  $('hints').replaceChildren(...hints.map((h) => el('li', { text: h })));
  $('hints-block').hidden = hints.length === 0;
}

// ---------------------------------------------------------------------------------------------
// Sign mode

const STREAM_EVENTS = ['PUBLISH', 'PUBLISH_DONE'];

// Templates modelled on the examples of the Huawei Cloud Live user guide (masked ids as there).
function template(event) {
  if (STREAM_EVENTS.includes(event)) {
    return {
      domain: 'push.example.com',
      app: 'live',
      stream: 'example_stream',
      user_args: 'cdn=hw',
      client_ip: '100.111.*.*',
      node_ip: '112.11.*.*',
      publish_timestamp: '1587954134',
      event,
    };
  }
  const t = {
    project_id: '70b76xxxxxx34253880af501cdxxxxxx',
    job_id: 'dc0a1773-0cef-xxxx-xxxx-9a38fdb095d2',
    task_id: '51126d0ebe94b1da00d2e21a10xxxxxx',
    event_type: event,
    publish_domain: 'push.example.com',
    app: 'live',
    stream: 'mystream',
    record_format: 'HLS',
  };
  if (event === 'RECORD_START' || event === 'RECORD_OVER' || event === 'RECORD_FAILED') delete t.job_id;
  if (event === 'RECORD_FILE_COMPLETE') {
    Object.assign(t, {
      download_url: 'https://obs.cn-north-4.myhuaweicloud.com/live/record-push.example.com-live-mystream-1583676625.m3u8',
      asset_id: '1a0d8e9bfaexxxxxxbe5021e62aa1e96',
      file_size: 3957964,
      record_duration: 120,
      start_time: '2020-03-08T14:10:25Z',
      end_time: '2020-03-08T14:12:25Z',
      width: 1280,
      height: 720,
      obs_location: 'cn-north-4',
      obs_bucket: 'record-bucket',
      obs_object: 'live/record-push.example.com-live-mystream-1583676625.m3u8',
    });
  }
  if (event === 'RECORD_FAILED') t.error_message = 'failed to upload the recording to OBS';
  return t;
}

const INTEGER_FIELDS = new Set(['file_size', 'record_duration', 'width', 'height']);
const EVENT_FIELDS = new Set(['event', 'event_type']);

const signEvent = $('sign-event');
const signAlgorithm = $('sign-algorithm');
const signKey = $('sign-key');
const signTimestamp = $('sign-timestamp');
const signUrl = $('sign-url');
const signFields = $('sign-fields');
let lastSigned = null;

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
    input.addEventListener('input', scheduleSign);
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
      if (!/^[0-9]+$/.test(v)) throw Object.assign(new Error(`${name} must be a whole number`), { code: 'INVALID_FIELD' });
      cb[name] = Number(v);
    } else {
      cb[name] = input.value;
    }
  }
  return cb;
}

let signQueued = false;
function scheduleSign() {
  if (signQueued) return;
  signQueued = true;
  queueMicrotask(() => {
    signQueued = false;
    runSign();
    saveFragment();
  });
}

function clearSigned(message) {
  lastSigned = null;
  $('sign-status').textContent = message;
  $('sign-status').dataset.verdict = '';
  for (const id of ['signed-body', 'sign-sts', 'sign-signature', 'sign-curl', 'sign-fetch']) $(id).textContent = '';
}

function runSign() {
  if (!lib || mode() !== 'sign') return;
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
    signed = lib.sign(fields, { key: signKey.value, algorithm: signAlgorithm.value, authTimestamp: intOption(ts) });
  } catch (e) {
    return clearSigned(`Cannot sign: ${e.message}${e.code ? ` (${e.code})` : ''}.`);
  }
  lastSigned = { body: signed.body, key: signKey.value, authTimestamp: ts };
  const x = lib.explain(signed.body, { keys: [{ key: signKey.value }], now: intOption(ts), allowMd5: true });
  $('sign-status').dataset.verdict = x.verdict;
  $('sign-status').textContent = signAlgorithm.value === 'MD5'
    ? 'Signed with MD5: a receiver can check the key and the time, but not the body.'
    : 'Signed with HMAC-SHA256.';
  $('signed-body').textContent = signed.body;
  $('sign-sts').textContent = x.stringToSign ?? '';
  $('sign-signature').textContent = (signed.callback && (signed.callback.auth_sign ?? signed.callback.authSign)) || x.receivedSignature || '';
  const url = signUrl.value || 'http://127.0.0.1:3000/';
  $('sign-curl').textContent = `curl -sS -X POST ${shellQuote(url)} \\\n  -H 'Content-Type: application/json' \\\n  --data-raw ${shellQuote(signed.body)}`;
  $('sign-fetch').textContent =
    `await fetch(${JSON.stringify(url)}, {\n  method: 'POST',\n  headers: { 'Content-Type': 'application/json' },\n  body: ${JSON.stringify(signed.body)},\n});`;
}

signEvent.addEventListener('change', () => {
  loadTemplate(signEvent.value);
  scheduleSign();
});
for (const i of [signAlgorithm]) i.addEventListener('change', scheduleSign);
for (const i of [signKey, signTimestamp, signUrl]) i.addEventListener('input', scheduleSign);
$('sign-generate').addEventListener('click', () => {
  if (!lib) return;
  signKey.value = lib.generateKey();
  scheduleSign();
});
$('sign-show-key').addEventListener('change', () => {
  signKey.type = $('sign-show-key').checked ? 'text' : 'password';
});
$('sign-timestamp-now').addEventListener('click', () => {
  signTimestamp.value = currentUnixTime();
  scheduleSign();
});
$('sign-to-verify').addEventListener('click', () => {
  if (!lastSigned) return;
  payload.value = lastSigned.body;
  setKeys([lastSigned.key]);
  setNow(lastSigned.authTimestamp);
  allowMd5.checked = signAlgorithm.value === 'MD5';
  selectTab($('tab-verify'));
  scheduleVerify();
  payload.focus();
});

for (const b of document.querySelectorAll('[data-copy]')) {
  b.addEventListener('click', async () => {
    const text = $(b.dataset.copy).textContent;
    try {
      await navigator.clipboard.writeText(text);
      flash(b, 'Copied');
    } catch {
      flash(b, 'Copy failed: select the text');
    }
  });
}

function flash(button, text) {
  const old = button.dataset.label ?? button.textContent;
  button.dataset.label = old;
  button.textContent = text;
  setTimeout(() => {
    button.textContent = old;
  }, 1500);
}

// ---------------------------------------------------------------------------------------------
// State in the URL fragment (never the keys)

const FRAGMENT_PAYLOAD_MAX = 8000;
let restoring = false;

function saveFragment() {
  if (restoring) return;
  const p = new URLSearchParams();
  p.set('mode', mode());
  if (payload.value && payload.value.length <= FRAGMENT_PAYLOAD_MAX) p.set('payload', payload.value);
  p.set('now', nowInput.value);
  if (toleranceInput.value !== '300') p.set('tolerance', toleranceInput.value);
  if (maxFutureInput.value !== '86400') p.set('maxFuture', maxFutureInput.value);
  if (allowMd5.checked) p.set('md5', '1');
  if (domainsInput.value) p.set('domains', domainsInput.value);
  if (appsInput.value) p.set('apps', appsInput.value);
  if (allowUnknown.checked) p.set('unknown', '1');
  if (mode() === 'sign') {
    p.set('event', signEvent.value);
    p.set('alg', signAlgorithm.value);
    p.set('ts', signTimestamp.value);
    p.set('url', signUrl.value);
    for (const input of signFields.querySelectorAll('input')) p.set(`f.${input.dataset.field}`, input.value);
  }
  history.replaceState(null, '', `#${p.toString()}`);
}

function restoreFragment() {
  const p = new URLSearchParams(location.hash.slice(1));
  restoring = true;
  try {
    if (p.has('payload')) payload.value = p.get('payload');
    if (p.has('now')) setNow(p.get('now'));
    if (p.has('tolerance')) toleranceInput.value = p.get('tolerance');
    if (p.has('maxFuture')) maxFutureInput.value = p.get('maxFuture');
    allowMd5.checked = p.get('md5') === '1';
    domainsInput.value = p.get('domains') ?? '';
    appsInput.value = p.get('apps') ?? '';
    allowUnknown.checked = p.get('unknown') === '1';
    const ev = p.get('event');
    if (ev && [...signEvent.options].some((o) => o.value === ev)) {
      signEvent.value = ev;
      const values = template(ev);
      for (const name of Object.keys(values)) {
        if (p.has(`f.${name}`) && !EVENT_FIELDS.has(name)) values[name] = p.get(`f.${name}`);
      }
      loadTemplate(ev, values);
    }
    if (p.get('alg') === 'MD5' && !STREAM_EVENTS.includes(signEvent.value)) signAlgorithm.value = 'MD5';
    if (p.has('ts')) signTimestamp.value = p.get('ts');
    if (p.has('url')) signUrl.value = p.get('url');
    if (p.get('mode') === 'sign') selectTab($('tab-sign'));
    if (p.get('mode') === 'url') selectTab($('tab-url'));
  } finally {
    restoring = false;
  }
}

$('copy-link').addEventListener('click', async () => {
  saveFragment();
  try {
    await navigator.clipboard.writeText(location.href);
    flash($('copy-link'), 'Link copied (no keys in it)');
  } catch {
    flash($('copy-link'), 'Copy failed: copy the address bar');
  }
});

// ---------------------------------------------------------------------------------------------
// Vectors: examples and the self-check

function hexBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** A case's body: a string, or bytes for bodyHex, or the expanded bodyRepeat. */
function caseBody(c) {
  if (typeof c.body === 'string') return c.body;
  if (typeof c.bodyHex === 'string') return hexBytes(c.bodyHex);
  const r = c.bodyRepeat;
  return r.prefix + r.unit.repeat(r.count) + (r.middle ?? '') + (r.close ?? '').repeat(r.count) + r.suffix;
}

function caseOptions(c) {
  const o = c.options || {};
  const d = vectors.defaults || {};
  const opt = {
    keys: c.keys.map((k) => (k.id == null ? { key: k.key } : { id: k.id, key: k.key })),
    now: intOption(String(o.now)),
    toleranceSeconds: intOption(String(o.toleranceSeconds ?? d.toleranceSeconds ?? 300)),
    maxFutureSeconds: intOption(String(o.maxFutureSeconds ?? d.maxFutureSeconds ?? 86400)),
    allowMd5: o.allowMd5 ?? d.allowMd5 ?? false,
    domains: o.domains ?? d.domains ?? [],
    apps: o.apps ?? d.apps ?? [],
    allowUnknownEvents: o.allowUnknownEvents ?? d.allowUnknownEvents ?? false,
  };
  if (o.maxBodyBytes != null || d.maxBodyBytes != null) opt.maxBodyBytes = intOption(String(o.maxBodyBytes ?? d.maxBodyBytes));
  return opt;
}

/** The verdict the page must show for a case's expectation. */
export function expectedVerdict(expect) {
  if (expect.ok) return expect.algorithm === 'MD5' ? 'WEAK' : 'VALID';
  switch (expect.error) {
    case 'EXPIRED':
    case 'TIMESTAMP_IN_FUTURE':
      return 'EXPIRED';
    case 'MALFORMED_JSON':
    case 'UNKNOWN_CALLBACK':
    case 'MISSING_FIELD':
    case 'INVALID_FIELD':
    case 'DUPLICATE_FIELD':
    case 'BODY_TOO_LARGE':
      return 'MALFORMED';
    default:
      return 'INVALID';
  }
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Runs one case through verify and explain; returns a list of disagreements (empty: agrees). */
function checkCase(c) {
  const e = c.expect;
  const body = caseBody(c);
  const opt = caseOptions(c);
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
      for (const k of ['kind', 'event', 'algorithm', 'keyIndex', 'bodyAuthenticated', 'signedFields']) {
        if (!same(v[k], e[k])) bad.push(`${k}: ${JSON.stringify(v[k])}, expected ${JSON.stringify(e[k])}`);
      }
      if ((v.keyId ?? null) !== (e.keyId ?? null)) bad.push(`keyId: ${v.keyId}, expected ${e.keyId}`);
    }
  } else if (!err) bad.push(`verify accepted it, expected ${e.error}`);
  else if (!(err instanceof lib.CallbackError)) bad.push(`verify threw a ${err && err.constructor && err.constructor.name}, not a CallbackError`);
  else if (err.code !== e.error) bad.push(`error ${err.code}, expected ${e.error}`);

  const x = lib.explain(body, opt);
  const want = expectedVerdict(e);
  if (x.verdict !== want) bad.push(`explain verdict ${x.verdict}, expected ${want}`);
  if (!e.ok && (!x.error || x.error.code !== e.error)) bad.push(`explain error ${x.error && x.error.code}, expected ${e.error}`);
  if (typeof e.stringToSign === 'string' && x.stringToSign !== e.stringToSign) {
    bad.push(`stringToSign ${JSON.stringify(x.stringToSign)}, expected ${JSON.stringify(e.stringToSign)}`);
  }
  if (typeof e.signature === 'string') {
    // Computed under the matching key, or under keys[0] when none matches (README of the file).
    const k = x.keys && x.keys[e.keyIndex ?? 0];
    if (!k || k.expectedSignature !== e.signature) bad.push(`expected signature of key ${e.keyIndex ?? 0}: ${k && k.expectedSignature}, expected ${e.signature}`);
  }
  return bad;
}

function checkSignVector(s) {
  const bad = [];
  try {
    const cb = {};
    for (const [k, v] of Object.entries(s.fields)) if (v !== null) cb[k] = v;
    const r = lib.sign(cb, { key: s.key, algorithm: s.algorithm, authTimestamp: intOption(String(s.authTimestamp)) });
    const x = lib.explain(r.body, { keys: [{ key: s.key }], now: intOption(String(s.authTimestamp)), allowMd5: true });
    if (x.stringToSign !== s.stringToSign) bad.push(`stringToSign ${JSON.stringify(x.stringToSign)}, expected ${JSON.stringify(s.stringToSign)}`);
    if (x.receivedSignature !== s.signature) bad.push(`signature ${x.receivedSignature}, expected ${s.signature}`);
  } catch (x) {
    bad.push(`sign threw ${x.code}: ${x.message}`);
  }
  return bad;
}

async function selfCheck() {
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
  for (const c of vectors.cases) {
    total++;
    let bad;
    try {
      bad = checkCase(c);
    } catch (e) {
      bad = [`threw: ${e && e.message}`];
    }
    if (bad.length === 0) agree++;
    else failures.push([c.name, bad]);
  }
  for (const s of vectors.sign || []) {
    total++;
    const bad = checkSignVector(s);
    if (bad.length === 0) agree++;
    else failures.push([`sign: ${s.name}`, bad]);
  }
  out.dataset.state = agree === total ? 'pass' : 'fail';
  out.dataset.agree = String(agree);
  out.dataset.total = String(total);
  out.textContent = `self-check: ${agree}/${total} vectors agree`;
  list.replaceChildren(...failures.map(([n, b]) => el('li', {}, el('code', { text: n }), `: ${b.join('; ')}`)));
  $('selfcheck-details').hidden = failures.length === 0;
}

/** The URL vectors (tests/vectors/urls.json), in their own status line. */
async function urlSelfCheck() {
  const out = $('url-selfcheck');
  out.dataset.state = 'pending';
  let urls;
  try {
    const r = await fetch('vectors/urls.json');
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
  $('url-selfcheck-failures').replaceChildren(...failures.map(([n, b]) => el('li', {}, el('code', { text: n }), `: ${b.join('; ')}`)));
  $('url-selfcheck-details').hidden = failures.length === 0;
}

$('selfcheck-run').addEventListener('click', () => {
  selfCheck();
  urlSelfCheck();
});

// The example buttons: a vector by name, else the first that fits.
const EXAMPLES = {
  stream: ['stream/PUBLISH/hmac/valid-doc-example', (c) => c.expect.ok && c.expect.kind === 'stream'],
  record: ['record/RECORD_FILE_COMPLETE/hmac/valid', (c) => c.expect.ok && c.expect.kind !== 'stream' && c.expect.algorithm === 'HMAC-SHA256'],
  tampered: ['stream/PUBLISH/hmac/tampered-stream', (c) => c.expect.error === 'SIGNATURE_MISMATCH' && /tampered/.test(c.name)],
  expired: ['stream/PUBLISH/hmac/expired-by-one-second', (c) => c.expect.error === 'EXPIRED'],
  md5: ['record/RECORD_FILE_COMPLETE/md5/valid', (c) => c.expect.ok && c.expect.algorithm === 'MD5'],
  malformed: ['any/-/-/trailing-comma', (c) => c.expect.error === 'MALFORMED_JSON' && typeof c.body === 'string' && c.body.length > 20],
};

function findExample(which) {
  const [name, fits] = EXAMPLES[which];
  const loadable = vectors.cases.filter((c) => typeof c.body === 'string');
  return loadable.find((c) => c.name === name) ?? loadable.find(fits);
}

function loadCase(c) {
  const o = caseOptions(c);
  payload.value = c.body;
  setKeys(c.keys.map((k) => k.key));
  setNow(c.options.now);
  toleranceInput.value = String(o.toleranceSeconds);
  maxFutureInput.value = String(o.maxFutureSeconds);
  allowMd5.checked = !!o.allowMd5;
  domainsInput.value = o.domains.join(', ');
  appsInput.value = o.apps.join(', ');
  allowUnknown.checked = o.allowUnknownEvents;
  selectTab($('tab-verify'));
  scheduleVerify();
}

for (const b of document.querySelectorAll('[data-example]')) {
  b.addEventListener('click', () => {
    if (!vectors) return;
    const c = findExample(b.dataset.example);
    if (c) loadCase(c);
  });
}

$('vector-select').addEventListener('change', () => {
  const name = $('vector-select').value;
  const c = vectors && vectors.cases.find((x) => x.name === name);
  if (c) loadCase(c);
});

function fillVectorSelect() {
  const sel = $('vector-select');
  const names = vectors.cases.filter((c) => typeof c.body === 'string' && c.body.length <= 65536).map((c) => c.name);
  sel.replaceChildren(el('option', { value: '', text: `(choose one of ${names.length})` }));
  for (const name of names) sel.append(el('option', { value: name, text: name }));
  sel.disabled = false;
}

// ---------------------------------------------------------------------------------------------
// Start

async function main() {
  nowInput.value = currentUnixTime();
  signTimestamp.value = currentUnixTime();
  setKeys(['']);
  loadTemplate(signEvent.value);
  restoreFragment();
  const vectorsLoad = fetch('vectors/callbacks.json')
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
    .then((v) => {
      vectors = v;
      fillVectorSelect();
    })
    .catch((e) => {
      $('vector-select').replaceChildren(el('option', { value: '', text: '(vector file not available)' }));
      console.warn(`vector file: ${e.message}`);
    });
  try {
    lib = await loadLib();
  } catch (e) {
    setVerdict('', `The verifier could not load: ${e.message}. Build the package (make serve does it).`);
    console.error(e);
  }
  if (lib) {
    runVerify();
    runSign();
    urlTab.run();
  }
  await vectorsLoad;
  document.documentElement.dataset.ready = 'true';
  await selfCheck();
  await urlSelfCheck();
}

main();
