// Cloudflare Worker that receives Huawei Cloud Live callbacks (stream status and recording).
//
//   wrangler secret put HUAWEI_CALLBACK_KEY      # the key of the callback template;
//                                                # "new,old" (comma-separated) while rotating
//   wrangler deploy
//
// POST a callback -> 200 "ok" when its signature checks out with one of the keys and it has
// not expired; 401 with a generic body otherwise (the precise reason goes to the log only, so
// a caller learns nothing about which check failed); any other method -> 405.
// The verify-only build: verify, Verifier, parse and CallbackError, a smaller .wasm and cold start.
import { Verifier, CallbackError } from 'huaweicloud-live-callback/verify';

// One Verifier per key setting, built once per isolate (keys are checked and prepared once).
let cached = null;
function verifierFor(env) {
  const setting = env.HUAWEI_CALLBACK_KEY ?? '';
  if (cached === null || cached.setting !== setting) {
    const keys = setting
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== '');
    // Your ingest domains and apps: the string-to-sign has no separators (SECURITY.md).
    cached = {
      setting,
      verifier: new Verifier({ keys, domains: ['push.example.com'], apps: ['live'] }),
    };
  }
  return cached.verifier;
}

function handle(verified) {
  const cb = verified.callback;
  switch (verified.event) {
    case 'PUBLISH':
    case 'PUBLISH_DONE':
      // PUBLISH_DONE can arrive before the PUBLISH of the same session: pair them by
      // publish_timestamp, not by arrival order.
      console.log(
        JSON.stringify({
          event: verified.event,
          domain: cb.domain,
          app: cb.app,
          stream: cb.stream,
          session: cb.publish_timestamp,
        }),
      );
      break;
    default:
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

export default {
  async fetch(request, env) {
    if (request.method !== 'POST') {
      return new Response('method not allowed\n', { status: 405, headers: { allow: 'POST' } });
    }
    let verifier;
    try {
      verifier = verifierFor(env);
    } catch (e) {
      // A missing or malformed HUAWEI_CALLBACK_KEY is our fault, not the caller's.
      console.error(JSON.stringify({ misconfigured: e.code ?? 'ERROR', reason: e.message }));
      return new Response('server error\n', { status: 500 });
    }
    let verified;
    try {
      verified = verifier.verify(new Uint8Array(await request.arrayBuffer()));
    } catch (e) {
      if (!(e instanceof CallbackError)) throw e;
      console.warn(JSON.stringify({ rejected: e.code, reason: e.message }));
      return new Response('unauthorized\n', { status: 401 });
    }
    handle(verified);
    return new Response('ok\n');
  },
};
