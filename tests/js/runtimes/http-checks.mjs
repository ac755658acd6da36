// HTTP checks shared by examples.mjs and quickstart.mjs: a callback receiver (Worker, node:http,
// Deno.serve, Bun.serve) must answer 200 to a callback signed with a configured key, 401 with
// the same generic body to every bad one (and log the precise code), 405 to other methods.
// Signed bodies come from the installed package's own `sign` (loaded in Node here).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installedPackageDir, readJson, resolveExport, VECTORS } from './common.mjs';

/** Imports the package the way Node ESM would, from the scratch project. */
export async function loadLib(app) {
  const dir = installedPackageDir(app);
  const target = resolveExport(readJson(join(dir, 'package.json')), ['node', 'import', 'default']);
  return import(pathToFileURL(join(dir, target)).href);
}

/** The keys of the shared vector file: two configured (rotation), one not. */
export function testKeys() {
  const { keys } = readJson(VECTORS);
  return { primary: keys.primary, secondary: keys.secondary, other: keys.other };
}

/** Callbacks, all signed at `now` unless said otherwise. */
export function makeBodies(lib, keys, now = Math.floor(Date.now() / 1000)) {
  const stream = (event) => ({
    domain: 'push.example.com',
    app: 'live',
    stream: 'camera-1',
    user_args: 'cdn=hw',
    client_ip: '100.111.*.*',
    node_ip: '112.11.*.*',
    publish_timestamp: String(now - 5),
    event,
  });
  const record = {
    project_id: '0123456789abcdef0123456789abcdef',
    job_id: 'job-1',
    task_id: 'task-1',
    event_type: 'RECORD_FILE_COMPLETE',
    publish_domain: 'push.example.com',
    app: 'live',
    stream: 'camera-1',
    record_format: 'MP4',
    download_url: 'https://bucket.example.com/live/camera-1/1.mp4',
    asset_id: 'asset-1',
    file_size: 1048576,
    record_duration: 60,
    start_time: '2026-01-01T00:00:00Z',
    end_time: '2026-01-01T00:01:00Z',
    width: 1280,
    height: 720,
  };
  const sign = (cb, key, authTimestamp = now) => lib.sign(cb, { key, authTimestamp }).body;
  const publish = sign(stream('PUBLISH'), keys.primary);
  const tampered = (() => {
    const o = JSON.parse(publish);
    o.stream = 'camera-2';
    return JSON.stringify(o);
  })();
  return {
    publish,
    publishDone: sign(stream('PUBLISH_DONE'), keys.primary),
    recordWithSecondKey: sign(record, keys.secondary),
    tampered,
    wrongKey: sign(stream('PUBLISH'), keys.other),
    expired: sign(stream('PUBLISH'), keys.primary, now - 7200),
    garbage: 'this is not a callback',
  };
}

async function req(url, method, body) {
  const res = await fetch(url, {
    method,
    body,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    signal: AbortSignal.timeout(30000),
  });
  return { status: res.status, text: await res.text() };
}

/**
 * Runs the checks against `url`. `logs()` returns what the receiver printed so far (null when
 * its output is not visible). `full`: the rotation/record/expiry cases too; `has405`: the
 * receiver handles non-POST methods; `jsonLogs`: it logs each accepted callback as a JSON line.
 */
export async function checkReceiver(
  tally,
  url,
  lib,
  { logs = null, full = true, has405 = true, jsonLogs = true } = {},
) {
  const keys = testKeys();
  const b = makeBodies(lib, keys);
  const ok = await req(url, 'POST', b.publish);
  tally.ok(
    ok.status === 200,
    'a PUBLISH signed with the configured key -> 200',
    `got ${ok.status} ${ok.text}`,
  );
  const bad = await req(url, 'POST', b.tampered);
  tally.ok(bad.status === 401, 'a tampered PUBLISH -> 401', `got ${bad.status} ${bad.text}`);
  tally.ok(
    !/[A-Z]{2,}_[A-Z]{2,}|signature|mismatch/i.test(bad.text),
    'the 401 body is generic (no code, no reason)',
    JSON.stringify(bad.text),
  );
  const rejected = [bad];
  if (full) {
    const done = await req(url, 'POST', b.publishDone);
    tally.ok(done.status === 200, 'a PUBLISH_DONE -> 200', `got ${done.status} ${done.text}`);
    const rec = await req(url, 'POST', b.recordWithSecondKey);
    tally.ok(
      rec.status === 200,
      'a RECORD_FILE_COMPLETE signed with the second (rotation) key -> 200',
      `got ${rec.status} ${rec.text}`,
    );
    for (const [name, body] of [
      ['signed with a key that is not configured', b.wrongKey],
      ['expired', b.expired],
      ['not JSON', b.garbage],
    ]) {
      const r = await req(url, 'POST', body);
      tally.ok(r.status === 401, `a callback ${name} -> 401`, `got ${r.status} ${r.text}`);
      rejected.push(r);
    }
    tally.ok(
      rejected.every((r) => r.text === bad.text),
      'every 401 has the same body',
      JSON.stringify(rejected.map((r) => r.text)),
    );
  }
  if (has405) {
    const get = await req(url, 'GET');
    tally.ok(get.status === 405, 'GET -> 405', `got ${get.status} ${get.text}`);
  }
  if (logs) {
    // Give the receiver a moment to flush its log lines.
    await new Promise((r) => setTimeout(r, 300));
    const out = logs();
    tally.ok(
      out.includes('SIGNATURE_MISMATCH'),
      'the precise code of the tampered callback is logged',
      out.slice(-2000),
    );
    if (full) {
      tally.ok(
        out.includes('EXPIRED'),
        'EXPIRED is logged for the expired callback',
        out.slice(-2000),
      );
      tally.ok(
        out.includes('MALFORMED_JSON'),
        'MALFORMED_JSON is logged for the non-JSON body',
        out.slice(-2000),
      );
    }
    if (full && jsonLogs) {
      tally.ok(
        /"event":"PUBLISH"/.test(out) && /"event":"PUBLISH_DONE"/.test(out),
        'PUBLISH and PUBLISH_DONE are logged as JSON lines',
        out.slice(-2000),
      );
      tally.ok(
        /"event":"RECORD_FILE_COMPLETE"[^\n]*"file":"https:\/\/bucket\.example\.com/.test(out),
        'RECORD_FILE_COMPLETE is logged with its file',
        out.slice(-2000),
      );
    }
  }
}
