// @ts-check
// Realistic, unsigned sample bodies of every documented callback event, for tests and tools
// (`hwlc trigger`, `hwlc sign --event`). Modelled on the examples of the Huawei Cloud Live user
// guide (spec §1 stream status notifications, §2 recording callbacks), with the same masked
// values the documentation shows (`100.111.*.*`, `70b76xxxxxx…`); nothing here is a captured
// callback. Field order is Huawei's. The values are the field table's examples (sample-data.js,
// generated from src/fields.rs). No wasm: safe to bundle anywhere.
//
// `samples[event]` is a frozen callback object without `auth_timestamp`/`auth_sign`; pass a copy
// to `sign(callback, { key, authTimestamp })`. `sampleCallback(event, now)` returns a fresh,
// mutable copy whose times are moved to `now` (Unix seconds): `publish_timestamp` a few seconds
// (PUBLISH) or ten minutes (PUBLISH_DONE) before it, and a RECORD_FILE_COMPLETE file that ends
// at `now`.

import { SAMPLES } from './sample-data.js';

/** @template T @param {T} o */
function freeze(o) {
  return Object.freeze(o);
}

/** Unsigned sample callbacks by event name (`event` of stream notifications, `event_type` of recordings). */
// (Object.fromEntries keeps no key types: SAMPLES's keys are the events of the declared type.)
export const samples = /** @type {typeof import('../index.js').samples} */ (
  freeze(Object.fromEntries(Object.entries(SAMPLES).map(([event, cb]) => [event, freeze(cb)])))
);

// yyyy-mm-ddThh:mm:ssZ (spec §2), from Unix seconds.
/** @param {number} t */
function isoSeconds(t) {
  return new Date(t * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A fresh copy of `samples[event]` with its times moved to `now` (Unix seconds, a number).
 * Returns undefined for an event without a sample.
 * @param {string} event
 * @param {number} now
 * @returns {any} (index.d.ts's overloads give the sample type by event)
 */
export function sampleCallback(event, now) {
  if (!Object.hasOwn(samples, event)) return undefined;
  if (typeof now !== 'number' || !Number.isSafeInteger(now) || now < 3600) {
    throw new TypeError('sampleCallback: now must be Unix seconds (a safe integer)');
  }
  /** @type {any} */
  const cb = { ...samples[/** @type {keyof typeof samples} */ (event)] };
  if (event === 'PUBLISH') cb.publish_timestamp = String(now - 6);
  if (event === 'PUBLISH_DONE') cb.publish_timestamp = String(now - 615);
  if (event === 'RECORD_FILE_COMPLETE') {
    cb.start_time = isoSeconds(now - cb.record_duration);
    cb.end_time = isoSeconds(now);
  }
  return cb;
}
