// The Verify tab's output: the verdict line, its reason in words, and the details of an
// explanation (the package's `explain`): the string to sign part by part, the signatures, the
// keys, the time window, the fields, the problems and hints.

import { $, el } from './dom.js';
import { duration, isoTime, visible, INVISIBLE } from './format.js';

const utf8 = new TextEncoder();

/** Writes the verdict line (unchanged words are not rewritten: screen readers would repeat them). */
export function setVerdict(verdict, text) {
  const v = $('verdict');
  if (v.dataset.verdict === verdict && v.dataset.text === text) return;
  v.dataset.text = text;
  v.dataset.verdict = verdict;
  v.replaceChildren();
  if (verdict) v.append(el('strong', { class: 'word', text: verdict }), ` — ${text}`);
  else v.textContent = text;
}

/**
 * What `render` needs from the page besides the explanation: `keyRows` (how many key inputs
 * there are) and `onSetNow(authTimestamp)` (the "Set Now to auth_timestamp" button).
 * @typedef {{ keyRows: number, onSetNow: (authTimestamp: string | number | bigint) => void }} RenderContext
 */

/** The matching key as the page names it: "your key", or the label of its field ("Key 2"). */
function keyName(x, keys, ctx) {
  if (x.keyIndex == null) return null;
  if (ctx.keyRows <= 1) return 'your key';
  return x.keyId ?? (keys[x.keyIndex] && keys[x.keyIndex].id) ?? `key ${x.keyIndex + 1}`;
}

function reasonFor(x, keys, ctx) {
  const code = x.error ? x.error.code : null;
  const msg = x.error ? x.error.message : '';
  const t = x.timing;
  const left = t ? BigInt(t.secondsLeft) : null;
  switch (x.verdict) {
    case 'VALID':
      return `signed with HMAC-SHA256 with ${keyName(x, keys, ctx)}, and in time. The signed fields are authentic; the unsigned ones are not covered by the signature.`;
    case 'WEAK':
      return `${keyName(x, keys, ctx)} is right, but this callback uses the legacy MD5 scheme, which signs only auth_timestamp: the body is NOT authenticated. Anyone who saw one signed callback can change every field until it expires.`;
    case 'EXPIRED':
      if (code === 'TIMESTAMP_IN_FUTURE') {
        return `the signature is right, but auth_timestamp lies ${t ? duration(BigInt(t.authTimestamp) - BigInt(t.now)) : 'too far'} ahead of Now, more than the ${t ? t.maxFutureSeconds : ''} s allowed: check the clocks (or Now).`;
      }
      return `the signature is right, but the callback expired ${left != null ? `${duration(left)} ago` : ''} (auth_timestamp + tolerance is before Now). To check an old sample, set Now to its auth_timestamp.`;
    case 'MALFORMED':
      switch (code) {
        case 'MALFORMED_JSON':
          return `the payload is not a well-formed JSON object: ${msg}.`;
        case 'UNKNOWN_CALLBACK':
          return `this JSON is neither a stream status notification (it has "event") nor a recording callback (it has "event_type"): ${msg}.`;
        case 'MISSING_FIELD':
          return `a field the callback needs is missing: ${msg}.`;
        case 'DUPLICATE_FIELD':
          return `a field appears twice, so which value was signed is ambiguous: ${msg}.`;
        case 'BODY_TOO_LARGE':
          return `the body is larger than allowed: ${msg}.`;
        default:
          return `a field has the wrong type or value: ${msg}.`;
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
          return keys.length === 0
            ? 'enter the key of the domain in Key to check the signature.'
            : `a key is unusable: ${msg}.`;
        default:
          return msg ? `${msg}.` : 'the callback does not verify.';
      }
  }
}

/** Hints the page adds to the package's: about how the payload was captured. */
function pageHints(x, body) {
  const hints = [];
  const t = body.trim();
  const code = x.error?.code;
  if (code === 'MALFORMED_JSON') {
    if (/^"\{\\"/.test(t))
      hints.push(
        'The payload is a JSON string that contains JSON (encoded twice): paste the raw body, without the outer quotes and backslashes.',
      );
    else if (/^\{\s*'/.test(t) || /:\s*(True|False|None)\b/.test(t))
      hints.push(
        'This looks like a re-printed object (Python dict or JavaScript object), not the raw body: log the raw request body before any JSON parsing.',
      );
    else if (/^\{\s*[A-Za-z_]+\s*:/.test(t))
      hints.push(
        'The field names are not quoted: this is a re-printed JavaScript object, not the JSON body Huawei sent.',
      );
    else if (/^[A-Za-z_]+=[^&]*(&|$)/.test(t))
      hints.push(
        'This looks form-encoded (a=b&c=d): Huawei sends a JSON body; check how your framework read it.',
      );
  }
  if (code === 'SIGNATURE_MISMATCH' && x.parts) {
    for (const p of x.parts) {
      if (p.value !== p.value.trim()) {
        hints.push(
          `The signed field ${p.field} has whitespace at its start or end (${visible(p.value)}): if a copy or a template added it, remove it; Huawei signs the exact value.`,
        );
      } else if (p.value.normalize('NFC') !== p.value) {
        hints.push(
          `The signed field ${p.field} is not in Unicode NFC form (${visible(p.value)}): if something normalised or re-typed the text, the bytes changed, and so did the signature.`,
        );
      } else if ([...p.value].some((ch) => ch !== ' ' && INVISIBLE.test(ch))) {
        hints.push(
          `The signed field ${p.field} contains invisible characters (${visible(p.value)}): check they were sent by Huawei and not added on the way.`,
        );
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
  code.append(
    sig.slice(0, diffAt),
    el('mark', { class: 'diff', text: sig[diffAt] }),
    sig.slice(diffAt + 1),
  );
}

/**
 * Shows an explanation of `body` checked under `keys`.
 * @param {RenderContext} ctx
 */
export function render(x, body, keys, ctx) {
  setVerdict(x.verdict, reasonFor(x, keys, ctx));
  $('details').hidden = false;
  $('kind').textContent = x.kind
    ? x.kind === 'stream'
      ? 'stream status notification (stream)'
      : `recording callback (${x.kind})`
    : '—';
  $('event').textContent = x.event ?? '—';
  $('algorithm').textContent = x.algorithm ?? '—';
  $('key-used').textContent =
    x.keyIndex != null
      ? `${keyName(x, keys, ctx)} matches`
      : keys.length
        ? 'no key matches'
        : 'no key given';

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
      el(
        'tr',
        { class: `p${i % 4}` },
        el('td', { text: String(i + 1) }),
        el('th', { scope: 'row', text: p.field }),
        el(
          'td',
          {},
          el('code', { text: visible(p.value) }),
          p.present
            ? null
            : el('span', { class: 'muted', text: ' absent from the body: contributes nothing' }),
        ),
        el('td', { text: String(utf8.encode(p.value).length) }),
      ),
    );
  });

  // Signatures.
  renderSignature($('sig-received'), x.receivedSignature, x.firstDifference);
  renderSignature($('sig-expected'), x.expectedSignature, x.firstDifference);
  const diff = $('sig-diff');
  if (x.matches) diff.textContent = 'They match.';
  else if (x.firstDifference != null)
    diff.textContent = `They differ from character ${x.firstDifference + 1} on (highlighted). A signature is all-or-nothing: one different bit in the key or a signed field changes every character.`;
  else if (x.receivedSignature == null) diff.textContent = 'No auth_sign in the body.';
  else if (x.expectedSignature == null)
    diff.textContent = keys.length
      ? 'No expected signature: see the problems below.'
      : 'Enter a key to compute the expected signature.';
  else diff.textContent = '';

  // Per-key table, when several keys were given.
  const keyRows = $('key-rows');
  keyRows.replaceChildren();
  $('key-table').hidden = !(x.keys && x.keys.length > 1);
  for (const k of x.keys || []) {
    keyRows.append(
      el(
        'tr',
        {},
        el('th', { scope: 'row', text: k.id ?? `key ${k.index + 1}` }),
        el('td', {}, el('code', { text: k.expectedSignature })),
        el('td', { text: k.matches ? 'yes' : 'no' }),
        el('td', { text: k.problem ?? '' }),
      ),
    );
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
      el('strong', {
        text: left >= 0n ? `${duration(left)} left` : `expired ${duration(left)} ago`,
      }),
      '. ',
    );
    if (left < 0n) {
      const b = el('button', { type: 'button', text: 'Set Now to auth_timestamp' });
      b.addEventListener('click', () => ctx.onSetNow(t.authTimestamp));
      timing.append(b);
    }
  } else {
    timing.textContent = 'No auth_timestamp.';
  }

  $('signed-fields').textContent = x.signedFields?.length ? x.signedFields.join(', ') : '—';
  $('unsigned-fields').textContent = x.unsignedFields?.length
    ? x.unsignedFields.join(', ')
    : 'none';

  const problems = $('problems');
  problems.replaceChildren(
    ...(x.problems || []).map((p) => el('li', {}, el('code', { text: p.code }), ` ${p.message}`)),
  );
  $('problems-block').hidden = problems.children.length === 0;
  const hints = [...(x.hints || []), ...pageHints(x, body)];
  $('hints').replaceChildren(...hints.map((h) => el('li', { text: h })));
  $('hints-block').hidden = hints.length === 0;
}
