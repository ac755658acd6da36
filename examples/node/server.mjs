// Receives Huawei Cloud Live callbacks (stream status and recording) with node:http only.
//
//   npm install huaweicloud-live-callback
//   HUAWEI_CALLBACK_KEY=<key>[,<old key>] PORT=8080 node server.mjs
//
// POST a callback -> 200 "ok" when its signature checks out with one of the keys and it has
// not expired; 401 with a generic body otherwise (the precise reason goes to the log only);
// a body over 1 MiB -> 413; any other method -> 405. HOST defaults to 127.0.0.1.
import { createServer } from 'node:http';
import { Verifier, CallbackError } from 'huaweicloud-live-callback';

const MAX_BODY_BYTES = 1024 * 1024;
const keys = (process.env.HUAWEI_CALLBACK_KEY ?? '')
  .split(',')
  .map((k) => k.trim())
  .filter((k) => k !== '');
// Throws a CallbackError (INVALID_KEY) at start-up when the key setting is unusable.
// Your ingest domains and apps: Huawei's string-to-sign has no separators, so these lists are
// what stops characters moving between domain, app and stream under one signature.
const verifier = new Verifier({
  keys,
  maxBodyBytes: MAX_BODY_BYTES,
  domains: ['push.example.com'],
  apps: ['live'],
});

function handle(verified) {
  const cb = verified.callback;
  if (verified.kind === 'stream') {
    // PUBLISH / PUBLISH_DONE. A PUBLISH_DONE can arrive before the PUBLISH of the same
    // session: pair them by publish_timestamp, not by arrival order.
    console.log(
      JSON.stringify({
        event: verified.event,
        domain: cb.domain,
        app: cb.app,
        stream: cb.stream,
        session: cb.publish_timestamp,
      }),
    );
  } else {
    // RECORD_START, RECORD_NEW_FILE_START, RECORD_FILE_COMPLETE, RECORD_OVER, RECORD_FAILED
    // and event names Huawei may add later.
    console.log(
      JSON.stringify({
        event: verified.event,
        domain: cb.publish_domain,
        app: cb.app,
        stream: cb.stream,
        task: cb.task_id,
        file: cb.download_url,
        error: cb.error_message,
      }),
    );
  }
}

function reply(res, status, text, headers = {}) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

const server = createServer((req, res) => {
  if (req.method !== 'POST') {
    reply(res, 405, 'method not allowed\n', { allow: 'POST' });
    return;
  }
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      reply(res, 413, 'payload too large\n', { connection: 'close' });
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    let verified;
    try {
      verified = verifier.verify(Buffer.concat(chunks));
    } catch (e) {
      if (!(e instanceof CallbackError)) throw e;
      console.warn(JSON.stringify({ rejected: e.code, reason: e.message }));
      reply(res, 401, 'unauthorized\n');
      return;
    }
    handle(verified);
    reply(res, 200, 'ok\n');
  });
});

const host = process.env.HOST ?? '127.0.0.1';
server.listen(Number(process.env.PORT ?? 8080), host, () => {
  console.log(`listening on http://${host}:${server.address().port}`);
});
