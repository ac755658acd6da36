// Picks the two vectors every packaging app checks, from THE vector file
// (tests/vectors/callbacks.json): one valid HMAC-SHA256 stream callback and the same body with
// its stream name tampered with (expected: SIGNATURE_MISMATCH).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const PICKED = {
  valid: 'stream/PUBLISH/hmac/valid-doc-example',
  tampered: 'stream/PUBLISH/hmac/tampered-stream',
};

/** { valid: {body, keys, now, expect}, tampered: {...} } */
export function loadCases(file = join(ROOT, 'tests', 'vectors', 'callbacks.json')) {
  const all = JSON.parse(readFileSync(file, 'utf8')).cases;
  const cases = {};
  for (const [as, name] of Object.entries(PICKED)) {
    const c = all.find((x) => x.name === name);
    if (!c) throw new Error(`${file} has no case ${name}`);
    const { ok, error, kind, event, algorithm, keyId } = c.expect;
    cases[as] = {
      name,
      body: c.body,
      keys: c.keys,
      now: c.options.now,
      expect: { ok, error, kind, event, algorithm, keyId },
    };
  }
  if (!cases.valid.expect.ok || cases.tampered.expect.error !== 'SIGNATURE_MISMATCH') {
    throw new Error('the picked vectors no longer say valid / SIGNATURE_MISMATCH');
  }
  return cases;
}
