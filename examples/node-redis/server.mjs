// A Node receiver of Huawei Cloud Live callbacks that keeps the live status of every stream in
// Redis, so that any number of instances behind a load balancer agree.
//
//   npm install huaweicloud-live-callback redis
//   HUAWEI_CALLBACK_KEY=<key>[,<old key>] REDIS_URL=redis://127.0.0.1:6379 PORT=8080 node server.mjs
//
//   POST /   a callback. 401 when it does not verify; 400 when the tracker refuses it (no or an
//            implausible publish_timestamp); 500 when Redis fails (Huawei delivers again); else
//            200 {"change","state"} for a stream notification, {"file":"new"|"duplicate"} for a
//            RECORD_FILE_COMPLETE.
//   GET /status?domain=&app=&stream=   {"live","session"}, or 404 {}.
import { createServer } from 'node:http';
import { createClient } from 'redis';
import {
  CallbackError,
  StoreError,
  Verifier,
  createStreamTracker,
  redisStore,
} from 'huaweicloud-live-callback';

const MAX_BODY_BYTES = 1024 * 1024;
const keys = (process.env.HUAWEI_CALLBACK_KEY ?? '')
  .split(',')
  .map((k) => k.trim())
  .filter((k) => k !== '');
// Your ingest domains and apps: the string-to-sign has no separators, so a signature also fits
// boundary-shifted variants (app `live` + stream `room1` read as `liver` + `oom1`), and a variant
// delivered first would take the claim of the genuine notification (SECURITY.md).
const verifier = new Verifier({
  keys,
  maxBodyBytes: MAX_BODY_BYTES,
  domains: ['push.example.com'],
  apps: ['live'],
});

// Fail fast while Redis is away (the default would queue commands until it is back): the
// handler answers 500 and Huawei's retry finds Redis again.
const redis = createClient({
  url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  disableOfflineQueue: true,
});
redis.on('error', (e) => console.error(JSON.stringify({ redis: e.message })));
await redis.connect();
const tracker = createStreamTracker({ store: redisStore(redis) });

function send(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

async function handle(body) {
  let verified;
  try {
    verified = verifier.verify(body);
  } catch (e) {
    if (!(e instanceof CallbackError)) throw e;
    console.warn(JSON.stringify({ rejected: e.code, reason: e.message }));
    return [401, { error: 'unauthorized' }];
  }
  try {
    if (verified.kind === 'record') {
      if (verified.event !== 'RECORD_FILE_COMPLETE' || !verified.bodyAuthenticated)
        return [200, { ignored: verified.event }];
      const { claimed } = await tracker.claimFile(verified);
      // ... fetch verified.callback.download_url here when claimed ...
      return [200, { file: claimed ? 'new' : 'duplicate' }];
    }
    // Claims the delivery and applies it in one Redis round trip.
    return [200, await tracker.apply(verified)];
  } catch (e) {
    if (e instanceof StoreError) {
      console.error(JSON.stringify({ store: e.code, reason: e.message }));
      return [500, { error: 'store' }];
    }
    if (e instanceof CallbackError) {
      console.warn(JSON.stringify({ refused: e.code, reason: e.message }));
      return [400, { refused: e.code }];
    }
    throw e;
  }
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/status') {
    const [domain, app, stream] = ['domain', 'app', 'stream'].map(
      (p) => url.searchParams.get(p) ?? '',
    );
    tracker.get({ domain, app, stream }).then(
      (s) => send(res, s === undefined ? 404 : 200, s ?? {}),
      (e) => {
        console.error(JSON.stringify({ store: e.code, reason: e.message }));
        send(res, 500, { error: 'store' });
      },
    );
    return;
  }
  if (req.method !== 'POST' || url.pathname !== '/') {
    send(res, 404, { error: 'not found' });
    return;
  }
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      send(res, 413, { error: 'payload too large' });
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    handle(Buffer.concat(chunks)).then(
      ([status, value]) => send(res, status, value),
      (e) => {
        console.error(e);
        send(res, 500, { error: 'server' });
      },
    );
  });
});

const host = process.env.HOST ?? '127.0.0.1';
server.listen(Number(process.env.PORT ?? 8080), host, () => {
  console.log(`listening on http://${host}:${server.address().port}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    redis.disconnect().catch(() => {});
  });
}
