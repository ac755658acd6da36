// Helpers for the adapter tests: the package as installed from its npm tarball (scratch dir in
// ADAPTERS_APP or argv), signed bodies at a fixed `now`, a raw node:http client that can send
// chunked, slow and endless bodies, and the checks every real server must pass.
import { createHmac } from 'node:crypto';
import { request as httpRequest, Agent } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KEY, KEY2, MAX, NOW, OTHER, RECORD, streamCallback } from './handlers.mjs';

export * from './handlers.mjs';

/** Imports the installed package the way Node ESM resolves it from `app`. */
export async function loadPackage(app) {
  const dir = join(app, 'node_modules', 'huaweicloud-live-callback');
  if (!existsSync(join(dir, 'package.json')))
    throw new Error(`${dir} is missing: run make test-adapters`);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const target = manifest.exports['.'].node.import.default;
  return import(pathToFileURL(join(dir, target)).href);
}

/** Counts checks; prints failures as they happen and "N passed, N failed" at the end. */
export class Tally {
  constructor() {
    this.passed = 0;
    this.failed = 0;
    this.section = '';
  }
  ok(cond, name, detail = '') {
    if (cond) this.passed++;
    else {
      this.failed++;
      console.log(
        `  FAIL ${this.section}: ${name}${detail ? ` — ${String(detail).slice(0, 1500)}` : ''}`,
      );
    }
    return cond;
  }
  async run(section, fn) {
    this.section = section;
    const before = [this.passed, this.failed];
    try {
      await fn(this);
    } catch (e) {
      this.ok(false, 'section ran to the end', e?.stack || e);
    }
    console.log(
      `  ${section}: ${this.passed - before[0]} passed, ${this.failed - before[1]} failed`,
    );
  }
}

/** Bodies signed with the package's own `sign` at NOW (expired: 2 h earlier), and one by node:crypto. */
export function bodies(lib) {
  const s = (cb, key = KEY, at = NOW) => lib.sign(cb, { key, authTimestamp: at }).body;
  const publish = s(streamCallback('PUBLISH'));
  const t = JSON.parse(publish);
  t.stream = 'camera-2';
  // Signed independently of the package: HMAC-SHA256 over event+domain+app+stream+auth_timestamp (spec §1).
  const manual = { ...streamCallback('PUBLISH', 'by-node-crypto'), auth_timestamp: NOW };
  manual.auth_sign = createHmac('sha256', KEY)
    .update(`${manual.event}${manual.domain}${manual.app}${manual.stream}${NOW}`)
    .digest('hex');
  return {
    publish,
    publishDone: s(streamCallback('PUBLISH_DONE')),
    record: s(RECORD, KEY2),
    recordStart: s({ ...RECORD, event_type: 'RECORD_START' }),
    tampered: JSON.stringify(t),
    wrongKey: s(streamCallback('PUBLISH'), OTHER),
    expired: s(streamCallback('PUBLISH'), KEY, NOW - 7200),
    manual: JSON.stringify(manual),
    stream: (name) => s(streamCallback('PUBLISH', name)),
  };
}

/** The package's signature equals node:crypto's HMAC-SHA256 of the documented string. */
export function independentSignatureCheck(t, lib) {
  for (const event of ['PUBLISH', 'PUBLISH_DONE']) {
    const { callback } = lib.sign(streamCallback(event), { key: KEY, authTimestamp: NOW });
    const want = createHmac('sha256', KEY)
      .update(`${event}push.example.comlivecamera-1${NOW}`)
      .digest('hex');
    t.ok(
      callback.auth_sign === want,
      `sign(${event}) matches node:crypto's HMAC-SHA256`,
      `${callback.auth_sign} != ${want}`,
    );
  }
  const { callback } = lib.sign(RECORD, { key: KEY, authTimestamp: NOW });
  const r = RECORD;
  const want = createHmac('sha256', KEY)
    .update(`${NOW}${r.event_type}${r.publish_domain}${r.app}${r.stream}${r.download_url}`)
    .digest('hex');
  t.ok(
    callback.auth_sign === want,
    'sign(RECORD_FILE_COMPLETE) matches node:crypto (spec §2 order, no play_url)',
    `${callback.auth_sign} != ${want}`,
  );
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * One request with node:http. `body`: string (Content-Length), or `chunks` (array of strings,
 * chunked transfer, `delayMs` between them), or `endless` (chunks of `endless` bytes until the
 * server answers or `limit` bytes went out). Resolves { status, headers, text, sent }.
 */
export function send(
  url,
  {
    method = 'POST',
    body,
    chunks,
    delayMs = 0,
    endless,
    limit = 64 * 1024 * 1024,
    headers = {},
    timeoutMs = 20000,
  } = {},
) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (body !== undefined) h['content-type'] ??= 'application/json';
    if (chunks || endless) h['content-type'] ??= 'application/json';
    const req = httpRequest(url, { method, headers: h, agent: endless ? false : agent });
    let sent = 0;
    let answered = false;
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => {
        clearTimeout(timer);
        if (endless) req.destroy();
        resolve({ status: res.statusCode, headers: res.headers, text, sent });
      });
      res.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      if (!answered) reject(Object.assign(e, { sent }));
    });
    (async () => {
      if (body !== undefined) {
        sent = Buffer.byteLength(body);
        req.end(body);
        return;
      }
      if (chunks) {
        for (const c of chunks) {
          if (req.destroyed) return;
          req.write(c);
          sent += Buffer.byteLength(c);
          if (delayMs) await sleep(delayMs);
        }
        req.end();
        return;
      }
      if (endless) {
        const block = Buffer.alloc(endless, 0x20);
        while (!answered && !req.destroyed && sent < limit) {
          sent += block.length;
          if (!req.write(block)) {
            await new Promise((r) => {
              const done = () => {
                clearTimeout(tm);
                req.off('drain', done);
                req.off('close', done);
                r();
              };
              const tm = setTimeout(done, 200);
              req.on('drain', done);
              req.on('close', done);
            });
          }
        }
        if (!req.destroyed && !answered) req.end();
        return;
      }
      req.end();
    })().catch(reject);
  });
}

/**
 * The checks every receiver must pass. `rec` is filled by the server's handlers and hooks
 * (PUBLISH and RECORD_FILE_COMPLETE handled, RECORD_FILE_COMPLETE of stream 'boom' throws,
 * everything else through onUnhandled). `hooks`: false when the adapter reports errors another
 * way (Hono middleware mode: the route answers, Hono's own 500).
 */
export async function checkServer(
  t,
  url,
  lib,
  rec,
  { hooks = true, unhandled = true, resetOk = false } = {},
) {
  // rec === null: the receiver runs elsewhere (workerd); its handlers are checked by the caller.
  const local = rec !== null;
  if (!local) hooks = false;
  const saw = (pred) => !local || rec.seen.some(pred);
  const b = bodies(lib);
  const ok = await send(url, { body: b.publish });
  t.ok(
    ok.status === 200 && ok.text === 'ok',
    'signed PUBLISH -> 200 ok',
    `${ok.status} ${ok.text}`,
  );
  if (local)
    t.ok(
      saw((v) => v.event === 'PUBLISH' && v.callback.stream === 'camera-1'),
      'the PUBLISH handler got the verified callback',
      JSON.stringify(rec.seen).slice(0, 500),
    );
  const manual = await send(url, { body: b.manual });
  t.ok(
    manual.status === 200 && saw((v) => v.callback.stream === 'by-node-crypto'),
    'a body signed with node:crypto (not the package) -> 200',
    `${manual.status} ${manual.text}`,
  );
  const rotated = await send(url, { body: b.record });
  t.ok(
    rotated.status === 200 && saw((v) => v.event === 'RECORD_FILE_COMPLETE' && v.keyIndex === 1),
    'RECORD_FILE_COMPLETE signed with the second key -> 200 (its route)',
    `${rotated.status} ${rotated.text}`,
  );

  const refused = [];
  for (const [name, body, code] of [
    ['tampered', b.tampered, 'SIGNATURE_MISMATCH'],
    ['expired', b.expired, 'EXPIRED'],
    ['signed with an unknown key', b.wrongKey, 'SIGNATURE_MISMATCH'],
    ['not JSON', 'hello', 'MALFORMED_JSON'],
  ]) {
    const before = local ? rec.errors.length : 0;
    const r = await send(url, { body });
    t.ok(r.status === 401, `${name} -> 401`, `${r.status} ${r.text}`);
    if (hooks)
      t.ok(
        rec.errors.slice(before).some((e) => e.code === code),
        `onError saw ${code} for ${name}`,
        JSON.stringify(rec.errors.slice(before).map((e) => e.code)),
      );
    refused.push(r.text);
  }
  t.ok(
    refused.every((x) => x === 'unauthorized'),
    'every 401 says only "unauthorized"',
    JSON.stringify(refused),
  );

  const get = await send(url, { method: 'GET' });
  t.ok(
    get.status === 405 && get.headers.allow === 'POST',
    'GET -> 405 with Allow: POST',
    `${get.status} allow=${get.headers.allow}`,
  );
  const put = await send(url, { method: 'PUT', body: b.publish });
  t.ok(put.status === 405, 'PUT of a signed body -> 405', `${put.status}`);

  const big = await send(url, { body: ' '.repeat(MAX + 1) });
  t.ok(big.status === 413, 'Content-Length above maxBodyBytes -> 413', `${big.status} ${big.text}`);
  // An endless chunked body: the server must answer 413 and stop reading (not buffer it all).
  const readBefore = local ? rec.readAtError.length : 0;
  let endless;
  try {
    endless = await send(url, { endless: 16 * 1024, limit: 64 * 1024 * 1024 });
  } catch (e) {
    endless = { status: `error ${e.code || e.message}`, sent: e.sent };
  }
  if (resetOk && /^error (EPIPE|ECONNRESET)$/.test(String(endless.status))) {
    // workerd answers 413 and closes the connection without reading on; the client's next
    // write fails before it reads the answer. The stop itself is what counts here (and
    // onError's BODY_TOO_LARGE, which the caller checks).
    t.ok(
      true,
      'endless chunked body: the server stopped reading and closed the connection (workerd)',
    );
  } else {
    t.ok(endless.status === 413, 'endless chunked body -> 413', `${endless.status}`);
  }
  t.ok(
    endless.sent < 16 * 1024 * 1024,
    'the client could push less than 16 MiB of the 64 MiB before the answer',
    `sent ${endless.sent}`,
  );
  if (
    hooks &&
    t.ok(rec.readAtError.length > readBefore, 'onError saw BODY_TOO_LARGE for the endless body')
  ) {
    const read = rec.readAtError[rec.readAtError.length - 1];
    t.ok(
      read !== null && read < MAX + 1024 * 1024,
      'the server had read under maxBodyBytes + 1 MiB from the socket when it refused',
      `bytesRead ${read}`,
    );
  }

  const chunked = await send(url, { chunks: b.stream('chunked').match(/.{1,7}/gs) });
  t.ok(
    chunked.status === 200 && saw((v) => v.callback.stream === 'chunked'),
    'a signed body in 7-byte chunks (no Content-Length) -> 200',
    `${chunked.status} ${chunked.text}`,
  );
  const slowBody = b.stream('slow');
  const slow = await send(url, {
    chunks: slowBody.match(new RegExp(`.{1,${Math.ceil(slowBody.length / 8)}}`, 'gs')),
    delayMs: 40,
  });
  t.ok(
    slow.status === 200 && saw((v) => v.callback.stream === 'slow'),
    'a signed body trickling in 8 chunks 40 ms apart -> 200',
    `${slow.status} ${slow.text}`,
  );

  const boom = await send(url, {
    body: lib.sign({ ...RECORD, stream: 'boom' }, { key: KEY, authTimestamp: NOW }).body,
  });
  t.ok(boom.status === 500, 'a handler that throws -> 500', `${boom.status} ${boom.text}`);
  if (hooks)
    t.ok(
      rec.errors.some((e) => e && e.message === 'handler failed on purpose'),
      "onError saw the handler's exception",
    );

  if (unhandled) {
    const before = local ? rec.unhandled.length : 0;
    const done = await send(url, { body: b.publishDone });
    t.ok(
      done.status === 200,
      'PUBLISH_DONE without a route -> 200 (acknowledged)',
      `${done.status} ${done.text}`,
    );
    if (local)
      t.ok(
        rec.unhandled.length === before + 1 && rec.unhandled[before].event === 'PUBLISH_DONE',
        'onUnhandled saw the PUBLISH_DONE',
        JSON.stringify(rec.unhandled.map((v) => v.event)),
      );
  }

  // 50 requests in parallel: 25 signed (distinct streams), 25 tampered.
  const jobs = [];
  for (let i = 0; i < 50; i++) {
    const good = i % 2 === 0;
    const body = good
      ? b.stream(`par-${i}`)
      : b.stream(`par-${i}`).replace(`par-${i}`, `par-x${i}`);
    jobs.push(send(url, { body }).then((r) => ({ i, good, status: r.status })));
  }
  const results = await Promise.all(jobs);
  const wrong = results.filter((r) => r.status !== (r.good ? 200 : 401));
  t.ok(
    wrong.length === 0,
    '50 concurrent requests: every signed one 200, every tampered one 401',
    JSON.stringify(wrong),
  );
  if (!local) return;
  const parSeen = new Set(
    rec.seen.map((v) => v.callback.stream).filter((s) => s.startsWith('par-')),
  );
  t.ok(
    parSeen.size === 25 && [...parSeen].every((s) => Number(s.slice(4)) % 2 === 0),
    'the handler saw exactly the 25 signed ones',
    [...parSeen].join(','),
  );
}

export function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

export function close(server) {
  return new Promise((resolve) => {
    if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
    server.close(() => resolve());
  });
}
