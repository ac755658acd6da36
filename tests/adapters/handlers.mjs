// The keys, fixed time, callbacks, handlers and hooks of every test receiver. No node:*
// import: the workerd test bundles this file into a Worker too.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const NOW = 1767225600; // 2026-01-01T00:00:00Z: every body is signed and verified at this time
export const KEY = 'k9Xp2Lm7Qr4Tz8Wb3Nc6Vd1Hf5Jg0Ys2Ua7Ie4Ro9';
export const KEY2 = 'Rotated2026q4Key0123456789abcdefghijklmnopqrstuvwxyz';
export const OTHER = 'NotConfigured0123456789ABCDEFGHIJKLMNOPQRS';
export const MAX = 64 * 1024; // maxBodyBytes of every test server

export function streamCallback(event, stream = 'camera-1') {
  return {
    domain: 'push.example.com',
    app: 'live',
    stream,
    user_args: 'cdn=hw',
    client_ip: '100.111.*.*',
    node_ip: '112.11.*.*',
    publish_timestamp: String(NOW - 5),
    event,
  };
}

export const RECORD = {
  project_id: '0123456789abcdef0123456789abcdef',
  job_id: 'job-1',
  task_id: 'task-1',
  event_type: 'RECORD_FILE_COMPLETE',
  publish_domain: 'push.example.com',
  app: 'live',
  stream: 'camera-1',
  record_format: 'MP4',
  download_url: 'https://bucket.example.com/live/camera-1/1.mp4',
  file_size: 1048576,
};

/** What a test server's hooks saw (the handlers and hooks push into it). */
export function recorder() {
  return { seen: [], errors: [], unhandled: [], readAtError: [] };
}

/** The handlers and hooks of every test server (`extra` args are the framework's). */
export function routes(rec) {
  return {
    PUBLISH: (v) => {
      rec.seen.push(v);
    },
    RECORD_FILE_COMPLETE: async (v) => {
      await sleep(1);
      if (v.callback.stream === 'boom') throw new Error('handler failed on purpose');
      rec.seen.push(v);
    },
  };
}

/** Options with the hooks; `socketOf(ctx)` finds the node socket for the bytes-read figure. */
export function options(rec, socketOf = () => null, extra = {}) {
  return {
    keys: [KEY, KEY2],
    now: NOW,
    maxBodyBytes: MAX,
    onError: (e, ...ctx) => {
      rec.errors.push(e);
      if (e && e.code === 'BODY_TOO_LARGE') {
        const s = socketOf(...ctx);
        rec.readAtError.push(s ? s.bytesRead : null);
      }
    },
    onUnhandled: (v) => {
      rec.unhandled.push(v);
    },
    ...extra,
  };
}
