// The "Signed URL" tab: builds signed push and playback URLs (Huawei Live URL validation,
// methods A, B, D) and checks a pasted URL, explaining a failure. Everything is the package's
// signUrl / verifyUrl / explainUrl, in this page. The key stays in its input and this module's
// memory: never in the page URL, never in storage, never sent anywhere.

import { $, el } from './dom.js';

const now = () => Math.floor(Date.now() / 1000);

function intValue(input, name) {
  const t = input.value.trim();
  if (!/^[0-9]+$/.test(t)) throw new Error(`${name} must be a whole number of seconds, got "${t}"`);
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : BigInt(t);
}

function iso(secs) {
  const n = Number(secs);
  if (!Number.isFinite(n) || Math.abs(n) > 8.64e12) return '';
  return new Date(n * 1000).toISOString().replace('.000Z', 'Z');
}

/** The URLs built for one stream: [label, unsigned URL]. */
function targets(pushDomain, playDomain, app, stream) {
  return [
    ['Push (RTMP)', `rtmp://${pushDomain}/${app}/${stream}`],
    ['Playback (FLV)', `https://${playDomain}/${app}/${stream}.flv`],
    ['Playback (HLS)', `https://${playDomain}/${app}/${stream}.m3u8`],
    ['WebRTC', `webrtc://${playDomain}/${app}/${stream}`],
  ];
}

/**
 * Wires the tab. `getLib()` gives the loaded package (or null). Returns { run }.
 * @param {() => any} getLib
 */
export function setupUrlTab(getLib) {
  const key = $('url-key');
  const method = $('url-method');
  const start = $('url-start');
  const timeout = $('url-timeout');
  const skew = $('url-skew');
  const checkInput = $('url-check');
  const checkNow = $('url-now');
  let nowEdited = false;

  $('url-show-key').addEventListener('change', (e) => {
    key.type = e.target.checked ? 'text' : 'password';
  });
  $('url-start-now').addEventListener('click', () => {
    start.value = String(now());
    run();
  });
  $('url-now-reset').addEventListener('click', () => {
    nowEdited = false;
    checkNow.value = String(now());
    run();
  });
  checkNow.addEventListener('input', () => {
    nowEdited = true;
  });
  for (const input of document.querySelectorAll(
    '#panel-url input, #panel-url select, #panel-url textarea',
  )) {
    input.addEventListener('input', () => run());
    input.addEventListener('change', () => run());
  }
  start.value = String(now());
  checkNow.value = String(now());
  // Follows the clock, but never while the field has focus: rewriting a value under the caret
  // drops a selection and splices what is typed next into the new value.
  setInterval(() => {
    if (!nowEdited && document.activeElement !== checkNow) checkNow.value = String(now());
  }, 1000);

  function build(lib) {
    const list = $('url-built');
    const status = $('url-build-status');
    list.replaceChildren();
    if (!key.value) {
      status.textContent = "Enter the domain's URL-validation key to sign.";
      status.dataset.verdict = '';
      return;
    }
    const opts = { key: key.value, method: method.value };
    try {
      opts.time = intValue(start, 'Start time');
      const rand = $('url-rand').value.trim();
      if (rand && method.value === 'A') opts.rand = rand;
      const rows = targets(
        $('url-push-domain').value.trim(),
        $('url-play-domain').value.trim(),
        $('url-app').value.trim(),
        $('url-stream').value.trim(),
      );
      for (const [label, unsigned] of rows) {
        let signed;
        try {
          signed = lib.signUrl(unsigned, opts);
        } catch (e) {
          list.append(
            el(
              'li',
              {},
              el('span', { class: 'sig-label', text: label }),
              ` ${e.code ?? e.name}: ${e.message}`,
            ),
          );
          continue;
        }
        const code = el('code', { text: signed, 'data-url': label });
        const copy = el('button', { type: 'button', text: 'Copy' });
        copy.addEventListener('click', () =>
          navigator.clipboard?.writeText(signed).catch(() => {}),
        );
        const use = el('button', { type: 'button', text: 'Check it' });
        use.addEventListener('click', () => {
          checkInput.value = signed;
          run();
        });
        list.append(
          el(
            'li',
            {},
            el('span', { class: 'sig-label', text: label }),
            ' ',
            code,
            ' ',
            copy,
            ' ',
            use,
          ),
        );
      }
      status.textContent = `Signed with method ${method.value}, valid from ${iso(opts.time)} for the domain's timeout.`;
      status.dataset.verdict = 'VALID';
    } catch (e) {
      status.textContent = `${e.code ?? e.name}: ${e.message}`;
      status.dataset.verdict = 'INVALID';
    }
  }

  function check(lib) {
    const verdict = $('url-verdict');
    const details = $('url-details');
    const url = checkInput.value.trim();
    details.hidden = true;
    if (!url) {
      verdict.textContent = 'Paste a signed URL to check it.';
      verdict.dataset.verdict = '';
      return;
    }
    let x;
    try {
      const opts = {
        keys: key.value ? [key.value] : [],
        timeoutSeconds: intValue(timeout, 'Timeout'),
        maxSkewSeconds: intValue(skew, 'Max skew'),
        now: intValue(checkNow, 'Now'),
      };
      if ($('url-check-method').value) opts.method = $('url-check-method').value;
      x = lib.explainUrl(url, opts);
    } catch (e) {
      verdict.textContent = `${e.code ?? e.name}: ${e.message}`;
      verdict.dataset.verdict = 'INVALID';
      return;
    }
    verdict.dataset.verdict = x.verdict;
    verdict.textContent = x.error
      ? `${x.verdict} — ${x.error.code}: ${x.error.message}`
      : `VALID — method ${x.method}, key ${x.keyIndex}`;
    details.hidden = false;
    $('url-x-method').textContent = x.method
      ? `${x.method}${x.formula ? ` · ${x.formula}` : ''}`
      : '—';
    $('url-x-stream').textContent = x.stream ?? '—';
    $('url-x-hashed').textContent = x.hashed ?? '—';
    $('url-x-received').textContent = x.receivedSignature ?? '—';
    $('url-x-expected').textContent = x.expectedSignature ?? '—';
    const w = x.window;
    $('url-x-window').textContent = w
      ? `valid from ${w.startsAt} (${iso(w.startsAt)}) until before ${w.expiresAt} (${iso(w.expiresAt)}); now ${w.now}: ${
          Number(w.secondsLeft) > 0
            ? `${w.secondsLeft} s left`
            : `expired ${-Number(w.secondsLeft)} s ago`
        }${x.note ? `. ${x.note}` : ''}`
      : '—';
    $('url-hints-block').hidden = x.hints.length === 0;
    $('url-hints').replaceChildren(...x.hints.map((h) => el('li', { text: h })));
  }

  function run() {
    const lib = getLib();
    if (!lib || typeof lib.signUrl !== 'function') {
      $('url-verdict').textContent = 'The package is not loaded.';
      return;
    }
    build(lib);
    check(lib);
  }

  return { run };
}

// ---------------------------------------------------------------------------------------------
// The URL vectors: every case of tests/vectors/urls.json (served at vectors/urls.json); self-check.js
// runs them and shows the result

const MILLIS_ABOVE = 1e11;
const int = (v) => (typeof v === 'string' ? BigInt(v) : v);
const exact = (w) => {
  const b = BigInt(w);
  return b > BigInt(Number.MAX_SAFE_INTEGER) ? b : Number(b);
};
const caseUrl = (u) =>
  typeof u === 'string' ? u : u.repeat[0] + u.repeat[1].repeat(u.repeat[2]) + u.repeat[3];

function checkSign(lib, c) {
  const opts = { key: c.key, method: c.method, time: int(c.time) };
  if (c.rand !== undefined) opts.rand = c.rand;
  if (c.uid !== undefined) opts.uid = c.uid;
  let got;
  try {
    got = lib.signUrl(caseUrl(c.url), opts);
  } catch (e) {
    if (BigInt(c.time) > BigInt(MILLIS_ABOVE))
      return e instanceof TypeError ? [] : [`expected a TypeError, got ${e.message}`];
    return e.code === c.expect.error ? [] : [`threw ${e.code ?? e.name}: ${e.message}`];
  }
  // Method A without rand: the core refuses, the package generates one.
  if (c.method === 'A' && c.rand === undefined)
    return /-[0-9a-f]{32}-0-[0-9a-f]{32}$/.test(got) ? [] : [`signed ${got}`];
  return got === c.expect.url ? [] : [`signed ${got}, expected ${c.expect.url ?? c.expect.error}`];
}

function checkVerify(lib, c) {
  const opts = {
    keys: c.keys.map((k) => (typeof k === 'string' ? k : { ...k })),
    timeoutSeconds: int(c.timeoutSeconds),
    now: int(c.now),
  };
  if (c.maxSkewSeconds !== undefined) opts.maxSkewSeconds = int(c.maxSkewSeconds);
  if (c.method !== undefined) opts.method = c.method;
  let v;
  try {
    v = lib.verifyUrl(caseUrl(c.url), opts);
  } catch (e) {
    if (BigInt(c.now) > BigInt(MILLIS_ABOVE))
      return e instanceof TypeError ? [] : [`expected a TypeError, got ${e.message}`];
    return e.code === c.expect.error ? [] : [`threw ${e.code ?? e.name}: ${e.message}`];
  }
  const w = c.expect;
  if (w.error) return [`accepted, expected ${w.error}`];
  const bad = [];
  for (const k of ['method', 'kind', 'timeFormat', 'timeReading', 'keyIndex', 'stream', 'keyId']) {
    if (v[k] !== w[k]) bad.push(`${k}: ${v[k]} (expected ${w[k]})`);
  }
  if (v.time !== exact(w.time) || v.expiresAt !== exact(w.expiresAt))
    bad.push(`time ${v.time}/${v.expiresAt}`);
  return bad;
}

/** [agree, total, failures[[name, reasons]]] for the URL vectors. */
export function checkUrlVectors(lib, urls) {
  let agree = 0;
  let total = 0;
  const failures = [];
  for (const [list, fn] of [
    [urls.sign, checkSign],
    [urls.verify, checkVerify],
  ]) {
    for (const c of list) {
      total++;
      let bad;
      try {
        bad = fn(lib, c);
      } catch (e) {
        bad = [`threw: ${e?.message}`];
      }
      if (bad.length === 0) agree++;
      else failures.push([c.name, bad]);
    }
  }
  return [agree, total, failures];
}
