// Cloudflare Worker + Durable Object: live status of Huawei Cloud Live streams over HTTP.
//
//   wrangler secret put HUAWEI_CALLBACK_KEY      # the callback template's key ("new,old" while rotating)
//   wrangler deploy
//
//   POST /                      a Huawei callback. Verified here (401 with a generic body when it
//                               fails), then handed to the Durable Object of its stream, which
//                               claims it and applies it: 200 {"change","state"}. A notification
//                               the tracker refuses (no or an implausible publish_timestamp) is
//                               400; a storage failure is 500, so Huawei delivers again.
//   GET /status?domain=&app=&stream=
//                               {"live","session"} (404 {} when nothing is known).
//
// One Durable Object per stream (idFromName of [domain, app, stream]): every notification of a
// stream is applied by the same single-threaded object inside a storage transaction, so two
// callbacks arriving at two edge locations at once cannot interleave. Workers KV could not do
// this: it is eventually consistent and has no compare-and-set.
import {
  CallbackError,
  StoreError,
  Verifier,
  createStreamTracker,
  durableObjectStore,
} from 'huaweicloud-live-callback';

let cached = null;
function verifierFor(env) {
  const setting = env.HUAWEI_CALLBACK_KEY ?? '';
  if (cached === null || cached.setting !== setting) {
    const keys = setting
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== '');
    // Your ingest domains and apps: the string-to-sign has no separators, so a signature also
    // fits boundary-shifted variants (app `live` + stream `room1` read as `liver` + `oom1`), and
    // a variant delivered first would take the claim of the genuine notification (SECURITY.md).
    cached = {
      setting,
      verifier: new Verifier({ keys, domains: ['push.example.com'], apps: ['live'] }),
    };
  }
  return cached.verifier;
}

const json = (value, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });

function streamObject(env, domain, app, stream) {
  return env.STREAMS.get(env.STREAMS.idFromName(JSON.stringify([domain, app, stream])));
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (request.method === 'GET' && url.pathname === '/status') {
      const [domain, app, stream] = ['domain', 'app', 'stream'].map(
        (p) => url.searchParams.get(p) ?? '',
      );
      return streamObject(env, domain, app, stream).fetch(
        `https://stream/status?${url.searchParams}`,
      );
    }
    if (request.method !== 'POST' || url.pathname !== '/') {
      return new Response('not found\n', { status: 404 });
    }
    let verifier;
    try {
      verifier = verifierFor(env);
    } catch (e) {
      console.error(JSON.stringify({ misconfigured: e.code ?? 'ERROR', reason: e.message }));
      return new Response('server error\n', { status: 500 });
    }
    const body = await request.arrayBuffer();
    let verified;
    try {
      verified = verifier.verify(new Uint8Array(body));
    } catch (e) {
      if (!(e instanceof CallbackError)) throw e;
      console.warn(JSON.stringify({ rejected: e.code, reason: e.message }));
      return new Response('unauthorized\n', { status: 401 });
    }
    const cb = verified.callback;
    const domain = verified.kind === 'stream' ? cb.domain : cb.publish_domain;
    // The object verifies the body again (microseconds) rather than trusting a forwarded object.
    return streamObject(env, domain, cb.app, cb.stream).fetch('https://stream/apply', {
      method: 'POST',
      body,
    });
  },
};

/** The Durable Object of one stream. */
export class StreamStatus {
  constructor(state, env) {
    this.env = env;
    this.tracker = createStreamTracker({ store: durableObjectStore(state.storage) });
  }

  async fetch(request) {
    const url = new URL(request.url);
    try {
      if (url.pathname === '/status') {
        const [domain, app, stream] = ['domain', 'app', 'stream'].map(
          (p) => url.searchParams.get(p) ?? '',
        );
        const status = await this.tracker.get({ domain, app, stream });
        return status === undefined ? json({}, 404) : json(status);
      }
      const verified = verifierFor(this.env).verify(new Uint8Array(await request.arrayBuffer()));
      if (verified.kind === 'record') {
        // Process each recorded file once, across Huawei's re-signed retries.
        if (verified.event !== 'RECORD_FILE_COMPLETE' || !verified.bodyAuthenticated)
          return json({ ignored: verified.event });
        const { claimed } = await this.tracker.claimFile(verified);
        return json({ file: claimed ? 'new' : 'duplicate' });
      }
      return json(await this.tracker.apply(verified));
    } catch (e) {
      if (e instanceof StoreError) {
        console.error(JSON.stringify({ store: e.code, reason: e.message }));
        return new Response('server error\n', { status: 500 });
      }
      if (e instanceof CallbackError) {
        console.warn(JSON.stringify({ refused: e.code, reason: e.message }));
        return json({ refused: e.code }, e.code === 'EXPIRED' ? 401 : 400);
      }
      throw e;
    }
  }
}
