// @ts-check
// Realistic, unsigned sample bodies of every documented callback event, for tests and tools
// (`hwlc trigger`, `hwlc sign --event`). Modelled on the examples of the Huawei Cloud Live user
// guide (spec §1 stream status notifications, §2 recording callbacks), with the same masked
// values the documentation shows (`100.111.*.*`, `70b76xxxxxx…`); nothing here is a captured
// callback. Field order is Huawei's. No imports, no wasm: safe to bundle anywhere.
//
// `samples[event]` is a frozen callback object without `auth_timestamp`/`auth_sign`; pass a copy
// to `sign(callback, { key, authTimestamp })`. `sampleCallback(event, now)` returns a fresh,
// mutable copy whose times are moved to `now` (Unix seconds): `publish_timestamp` a few seconds
// (PUBLISH) or ten minutes (PUBLISH_DONE) before it, and a RECORD_FILE_COMPLETE file that ends
// at `now`.

const STREAM = {
  domain: 'push.example.com',
  app: 'live',
  stream: 'example_stream',
  user_args:
    'auth_info=yz1TG0PVN/5isfyrGrRj10gKPCWqSS2X02t6QsRrocH+mEq0gQ0g8k6KhalS84sQ+kDprFyqI0yajbYiFmUO8e45B7ryaS+MpJBlYkhwnuFLnRiKK/IXG7.33436b625354564f6e4d4d434f55&cdn=hw',
  client_ip: '100.111.*.*',
  node_ip: '112.11.*.*',
  publish_timestamp: '1587954134',
};

const RECORD = {
  project_id: '70b76xxxxxx34253880af501cdxxxxxx',
  task_id: '51126d0ebe94b1da00d2e21a10xxxxxx',
};
const TARGET = {
  publish_domain: 'push.example.com',
  app: 'live',
  stream: 'mystream',
  record_format: 'HLS',
};
const JOB_ID = 'dc0a1773-0cef-xxxx-xxxx-9a38fdb095d2';

/** @template T @param {T} o @returns {Readonly<T>} */
function freeze(o) {
  return Object.freeze(o);
}

/** Unsigned sample callbacks by event name (`event` of stream notifications, `event_type` of recordings). */
export const samples = freeze({
  PUBLISH: freeze({ ...STREAM, event: 'PUBLISH' }),
  PUBLISH_DONE: freeze({ ...STREAM, event: 'PUBLISH_DONE' }),
  RECORD_START: freeze({ ...RECORD, event_type: 'RECORD_START', ...TARGET }),
  RECORD_NEW_FILE_START: freeze({
    project_id: RECORD.project_id,
    job_id: JOB_ID,
    task_id: RECORD.task_id,
    event_type: 'RECORD_NEW_FILE_START',
    ...TARGET,
  }),
  RECORD_FILE_COMPLETE: freeze({
    project_id: RECORD.project_id,
    job_id: JOB_ID,
    task_id: RECORD.task_id,
    event_type: 'RECORD_FILE_COMPLETE',
    ...TARGET,
    download_url:
      'https://obs.cn-north-4.myhuaweicloud.com/live/record-xxxx-mystream-1589967495/record-push.example.com-live-mystream-1589967495.m3u8',
    asset_id: '1a0d8e9bfaexxxxxxbe5021e62aa1e96',
    file_size: 3957964,
    record_duration: 120,
    start_time: '2020-03-08T14:10:25Z',
    end_time: '2020-03-08T14:12:25Z',
    width: 1280,
    height: 720,
    obs_location: 'cn-north-4',
    obs_bucket: 'live',
    obs_object:
      'record-xxxx-mystream-1589967495/record-push.example.com-live-mystream-1589967495.m3u8',
  }),
  RECORD_OVER: freeze({ ...RECORD, event_type: 'RECORD_OVER', ...TARGET }),
  RECORD_FAILED: freeze({
    ...RECORD,
    event_type: 'RECORD_FAILED',
    ...TARGET,
    error_message: 'failed to upload the recording to OBS: access denied',
  }),
});

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
