// The example buttons and the "Any test vector" list: load a case of the vector file into the
// Verify tab (with every option the case implies, by the shared reader's one rule for defaults).

import { $, el } from './dom.js';
import { caseOptions } from '../vectors/cases.mjs';

// The example buttons: a vector by name, else the first that fits.
const EXAMPLES = {
  stream: [
    'stream/PUBLISH/hmac/valid-doc-example',
    (c) => c.expect.ok && c.expect.kind === 'stream',
  ],
  record: [
    'record/RECORD_FILE_COMPLETE/hmac/valid',
    (c) => c.expect.ok && c.expect.kind !== 'stream' && c.expect.algorithm === 'HMAC-SHA256',
  ],
  tampered: [
    'stream/PUBLISH/hmac/tampered-stream',
    (c) => c.expect.error === 'SIGNATURE_MISMATCH' && /tampered/.test(c.name),
  ],
  expired: ['stream/PUBLISH/hmac/expired-by-one-second', (c) => c.expect.error === 'EXPIRED'],
  md5: [
    'record/RECORD_FILE_COMPLETE/md5/valid',
    (c) => c.expect.ok && c.expect.algorithm === 'MD5',
  ],
  malformed: [
    'any/-/-/trailing-comma',
    (c) => c.expect.error === 'MALFORMED_JSON' && typeof c.body === 'string' && c.body.length > 20,
  ],
};

/** Cases whose body the Payload textarea can hold. */
const loadable = (vectors) => vectors.cases.filter((c) => typeof c.body === 'string');

/**
 * Wires the example buttons and #vector-select. `getVectors()` gives the vector file (or null);
 * `onLoad(state, keys)` puts a case into the Verify tab (state in the Verify view's shape).
 * Returns { fill } (fills the list once the file is loaded, or says it is not available).
 * @param {{ getVectors: () => any, onLoad: (state: object, keys: string[]) => void }} hooks
 */
export function setupExamples({ getVectors, onLoad }) {
  function load(c) {
    const o = caseOptions(c, getVectors().defaults ?? {});
    onLoad(
      {
        payload: c.body,
        now: String(o.now),
        tolerance: String(o.toleranceSeconds),
        maxFuture: String(o.maxFutureSeconds),
        md5: !!o.allowMd5,
        domains: (o.domains ?? []).join(', '),
        apps: (o.apps ?? []).join(', '),
        unknown: !!o.allowUnknownEvents,
      },
      c.keys.map((k) => k.key),
    );
  }

  for (const b of document.querySelectorAll('[data-example]')) {
    b.addEventListener('click', () => {
      const vectors = getVectors();
      if (!vectors) return;
      const [name, fits] = EXAMPLES[b.dataset.example];
      const cases = loadable(vectors);
      const c = cases.find((x) => x.name === name) ?? cases.find(fits);
      if (c) load(c);
    });
  }

  const sel = $('vector-select');
  sel.addEventListener('change', () => {
    const vectors = getVectors();
    const c = vectors?.cases.find((x) => x.name === sel.value);
    if (c) load(c);
  });

  /** Fills the list with the loadable cases (vectors) or says the file is not available (null). */
  function fill(vectors) {
    if (!vectors) {
      sel.replaceChildren(el('option', { value: '', text: '(vector file not available)' }));
      return;
    }
    const names = loadable(vectors)
      .filter((c) => c.body.length <= 65536)
      .map((c) => c.name);
    sel.replaceChildren(el('option', { value: '', text: `(choose one of ${names.length})` }));
    for (const name of names) sel.append(el('option', { value: name, text: name }));
    sel.disabled = false;
  }

  return { fill };
}
