// The fetch-API side without a server: verifyRequest and createHandler with Node's real
// Request/Response/ReadableStream, the Next.js route handler with real Request objects (Next
// itself is not installed: an App Router route handler is `(Request, context) => Response`),
// the Lambda handler with events of the documented shapes (API Gateway REST v1, HTTP API v2,
// function URL), and the checks done once at construction.
import { KEY, KEY2, MAX, NOW, bodies, options, recorder, routes, RECORD } from './lib.mjs';

const post = (body, headers = {}) =>
  new Request('http://127.0.0.1/callback', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });

/** A body stream that never ends: counts how many chunks were pulled and whether it was cancelled. */
function endlessStream(chunk = 16 * 1024) {
  const state = { pulls: 0, cancelled: false };
  const block = new Uint8Array(chunk).fill(0x20);
  const stream = new ReadableStream(
    {
      pull(controller) {
        state.pulls++;
        controller.enqueue(block.slice());
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

const postStream = (stream) =>
  new Request('http://127.0.0.1/callback', { method: 'POST', body: stream, duplex: 'half' });

async function rejects(promise) {
  try {
    await promise;
    return null;
  } catch (e) {
    return e;
  }
}

export async function fetchApi(t, lib) {
  const b = bodies(lib);
  const opts = { keys: [KEY, KEY2], now: NOW, maxBodyBytes: MAX };
  const v = await lib.verifyRequest(post(b.publish), opts);
  t.ok(
    v.event === 'PUBLISH' && v.callback.stream === 'camera-1' && v.bodyAuthenticated === true,
    'verifyRequest: a signed Request -> Verified',
    JSON.stringify(v),
  );
  const rot = await lib.verifyRequest(post(b.record), opts);
  t.ok(rot.keyIndex === 1 && rot.kind === 'record', 'verifyRequest: the second key -> keyIndex 1');
  for (const [name, body, code] of [
    ['tampered', b.tampered, 'SIGNATURE_MISMATCH'],
    ['expired', b.expired, 'EXPIRED'],
    ['empty', '', 'MALFORMED_JSON'],
  ]) {
    const e = await rejects(lib.verifyRequest(post(body), opts));
    t.ok(
      e instanceof lib.CallbackError && e.code === code,
      `verifyRequest: ${name} -> CallbackError ${code}`,
      `${e?.code} ${e?.message}`,
    );
  }
  // Content-Length above the cap: refused before a single chunk is pulled.
  const cl = endlessStream();
  const byLength = new Request('http://127.0.0.1/', {
    method: 'POST',
    body: cl.stream,
    duplex: 'half',
    headers: { 'content-length': String(MAX + 1) },
  });
  const e1 = await rejects(lib.verifyRequest(byLength, opts));
  t.ok(
    e1 instanceof lib.CallbackError &&
      e1.code === 'BODY_TOO_LARGE' &&
      /Content-Length 65537/.test(e1.message),
    'verifyRequest: Content-Length above maxBodyBytes -> BODY_TOO_LARGE',
    `${e1?.code} ${e1?.message}`,
  );
  t.ok(cl.state.pulls <= 1, 'verifyRequest: nothing read of that body', `pulls ${cl.state.pulls}`);
  // An endless stream: stops right after the cap and cancels the stream.
  const endless = endlessStream();
  const e2 = await rejects(lib.verifyRequest(postStream(endless.stream), opts));
  t.ok(
    e2 instanceof lib.CallbackError && e2.code === 'BODY_TOO_LARGE',
    'verifyRequest: an endless body -> BODY_TOO_LARGE',
    `${e2?.code} ${e2?.message}`,
  );
  t.ok(
    endless.state.pulls <= MAX / (16 * 1024) + 3,
    'verifyRequest: it pulled at most the cap plus a few chunks',
    `pulls ${endless.state.pulls} for a ${MAX}-byte cap`,
  );
  await new Promise((r) => setTimeout(r, 20));
  t.ok(endless.state.cancelled, 'verifyRequest: the stream was cancelled');
  // A body delivered in odd-sized chunks.
  const text = new TextEncoder().encode(b.stream('pieces'));
  const pieces = new ReadableStream({
    start(c) {
      for (let i = 0; i < text.length; i += 5) c.enqueue(text.slice(i, i + 5));
      c.close();
    },
  });
  const vp = await lib.verifyRequest(postStream(pieces), opts);
  t.ok(vp.callback.stream === 'pieces', 'verifyRequest: a body in 5-byte chunks verifies');
  const badKey = await rejects(lib.verifyRequest(post(b.publish), { key: `${KEY}\n`, now: NOW }));
  t.ok(
    badKey instanceof lib.CallbackError && badKey.code === 'INVALID_KEY',
    'verifyRequest: a key with a trailing newline -> INVALID_KEY (refused, not trimmed)',
    badKey?.message,
  );

  // createHandler
  const rec = recorder();
  const handler = lib.createHandler(options(rec), routes(rec));
  const r200 = await handler(post(b.publish));
  t.ok(
    r200.status === 200 && (await r200.text()) === 'ok' && rec.seen.length === 1,
    'createHandler: signed -> 200 ok, route ran',
  );
  const r405 = await handler(new Request('http://127.0.0.1/', { method: 'GET' }));
  t.ok(
    r405.status === 405 && r405.headers.get('allow') === 'POST',
    'createHandler: GET -> 405 Allow: POST',
    `${r405.status}`,
  );
  const r401 = await handler(post(b.tampered));
  t.ok(
    r401.status === 401 &&
      (await r401.text()) === 'unauthorized' &&
      rec.errors.at(-1).code === 'SIGNATURE_MISMATCH',
    'createHandler: tampered -> 401 generic, onError saw the code',
  );
  const e413 = endlessStream();
  const r413 = await handler(postStream(e413.stream));
  t.ok(
    r413.status === 413 && e413.state.pulls <= MAX / (16 * 1024) + 3,
    'createHandler: endless body -> 413 after about the cap',
    `${r413.status} pulls ${e413.state.pulls}`,
  );
  const r500 = await handler(
    post(lib.sign({ ...RECORD, stream: 'boom' }, { key: KEY, authTimestamp: NOW }).body),
  );
  t.ok(
    r500.status === 500 && (await r500.text()) === 'internal error',
    'createHandler: a throwing route -> 500 with a generic body',
  );
  const done = await handler(post(b.publishDone));
  t.ok(
    done.status === 200 && rec.unhandled.at(-1).event === 'PUBLISH_DONE',
    'createHandler: an event without a route -> 200 and onUnhandled',
  );
  const used = post(b.publish);
  await used.text();
  const rUsed = await handler(used);
  const usedText = await rUsed.text();
  t.ok(
    rUsed.status === 500 && /already read/.test(usedText),
    'createHandler: a Request whose body was read -> 500 naming the fix',
    `${rUsed.status} ${usedText}`,
  );
  const own = lib.createHandler(
    { key: KEY, now: NOW },
    (v) => new Response(`got ${v.event}`, { status: 202 }),
  );
  const rOwn = await own(post(b.publish));
  t.ok(
    rOwn.status === 202 && (await rOwn.text()) === 'got PUBLISH',
    'createHandler: a Response the handler returns is the answer',
  );
  const throwingHook = lib.createHandler(
    {
      key: KEY,
      now: NOW,
      onError: () => {
        throw new Error('logger down');
      },
    },
    () => {},
  );
  const rHook = await throwingHook(post(b.tampered));
  t.ok(
    rHook.status === 401,
    'createHandler: an onError hook that throws leaves the 401 a 401',
    `${rHook.status}`,
  );
  const clock = lib.createHandler({ key: KEY, now: () => NOW + 7200 }, () => {});
  t.ok(
    (await clock(post(b.publish))).status === 401,
    'createHandler: options.now as a function is read per request (2 h later: expired)',
  );
  const pinned = lib.createHandler(
    { ...options(rec), domains: ['other.example.com'] },
    routes(rec),
  );
  const rPinned = await pinned(post(b.publish));
  t.ok(
    rPinned.status === 401 && rec.errors.at(-1).code === 'UNEXPECTED_VALUE',
    'createHandler: a domain outside options.domains -> 401 (onError: UNEXPECTED_VALUE)',
    `${rPinned.status} ${rec.errors.at(-1).code}`,
  );
  const many = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      handler(post(i % 2 ? b.tampered : b.stream(`f-${i}`))).then((r) => r.status),
    ),
  );
  t.ok(
    many.every((s, i) => s === (i % 2 ? 401 : 200)),
    'createHandler: 50 concurrent calls all correct',
    many.join(','),
  );
}

export async function next(t, lib) {
  const b = bodies(lib);
  const rec = recorder();
  const seenContext = [];
  const POST = lib.nextRouteHandler(options(rec), {
    ...routes(rec),
    PUBLISH_DONE: (_v, _request, context) => {
      seenContext.push(context);
    },
  });
  const context = { params: Promise.resolve({}) };
  const ok = await POST(post(b.publish), context);
  t.ok(
    ok.status === 200 && rec.seen.at(-1).event === 'PUBLISH',
    'next: signed -> 200, PUBLISH route',
    `${ok.status}`,
  );
  const done = await POST(post(b.publishDone), context);
  t.ok(
    done.status === 200 && seenContext[0] === context,
    'next: the route context reaches the handler',
    `${done.status}`,
  );
  const bad = await POST(post(b.expired), context);
  t.ok(
    bad.status === 401 && rec.errors.at(-1).code === 'EXPIRED',
    'next: expired -> 401',
    `${bad.status}`,
  );
  const big = await POST(post(' '.repeat(MAX + 10)), context);
  t.ok(big.status === 413, 'next: oversized -> 413', `${big.status}`);
  const boom = await POST(
    post(lib.sign({ ...RECORD, stream: 'boom' }, { key: KEY, authTimestamp: NOW }).body),
    context,
  );
  t.ok(boom.status === 500, 'next: a throwing route -> 500', `${boom.status}`);
}

export async function lambda(t, lib) {
  const b = bodies(lib);
  const rec = recorder();
  const seen = [];
  const handler = lib.createLambdaHandler(options(rec), {
    ...routes(rec),
    PUBLISH_DONE: (_v, event, context) => {
      seen.push([event, context]);
    },
  });
  const b64 = (s) => Buffer.from(s).toString('base64');
  const v1 = (body, method = 'POST', isBase64Encoded = false) => ({
    resource: '/callback',
    path: '/callback',
    httpMethod: method,
    headers: { 'Content-Type': 'application/json' },
    multiValueHeaders: {},
    queryStringParameters: null,
    requestContext: { httpMethod: method, stage: 'prod' },
    body,
    isBase64Encoded,
  });
  const v2 = (body, method = 'POST', isBase64Encoded = true) => ({
    version: '2.0',
    routeKey: 'POST /callback',
    rawPath: '/callback',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      http: { method, path: '/callback', protocol: 'HTTP/1.1', sourceIp: '203.0.113.1' },
      stage: '$default',
    },
    body,
    isBase64Encoded,
  });
  const url = (body, method = 'POST') => ({
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      domainName: 'abcdefghij.lambda-url.eu-west-1.on.aws',
      http: { method, path: '/' },
    },
    body,
    isBase64Encoded: true,
  });
  for (const [name, make] of [
    ['API Gateway v1', (x, m) => v1(x, m)],
    ['API Gateway v1 base64', (x, m) => v1(b64(x), m, true)],
    ['HTTP API v2 (base64)', (x, m) => v2(b64(x), m)],
    ['HTTP API v2 (text)', (x, m) => v2(x, m, false)],
    ['function URL', (x, m) => url(b64(x), m)],
  ]) {
    const ok = await handler(make(b.publish), { awsRequestId: 'r1' });
    t.ok(
      ok.statusCode === 200 && ok.body === 'ok' && typeof ok.headers === 'object',
      `lambda ${name}: signed -> 200`,
      JSON.stringify(ok),
    );
    const bad = await handler(make(b.tampered), {});
    t.ok(
      bad.statusCode === 401 && bad.body === 'unauthorized',
      `lambda ${name}: tampered -> 401`,
      JSON.stringify(bad),
    );
    const get = await handler(make('', 'GET'), {});
    t.ok(
      get.statusCode === 405 && get.headers.allow === 'POST',
      `lambda ${name}: GET -> 405`,
      JSON.stringify(get),
    );
    const big = await handler(make(' '.repeat(MAX + 10)), {});
    t.ok(big.statusCode === 413, `lambda ${name}: oversized -> 413`, JSON.stringify(big));
  }
  const ctx = { awsRequestId: 'r2' };
  const ev = v2(b64(b.publishDone));
  await handler(ev, ctx);
  t.ok(
    seen.length === 1 && seen[0][0] === ev && seen[0][1] === ctx,
    'lambda: the handler gets (verified, event, context)',
  );
  const boom = await handler(
    v1(lib.sign({ ...RECORD, stream: 'boom' }, { key: KEY, authTimestamp: NOW }).body),
    {},
  );
  t.ok(boom.statusCode === 500, 'lambda: a throwing route -> 500', JSON.stringify(boom));
  const none = await handler({}, {});
  t.ok(none.statusCode === 405, 'lambda: an event with no method -> 405', JSON.stringify(none));
}

export async function config(t, lib) {
  const makers = {
    createHandler: (o) => lib.createHandler(o, () => {}),
    createNodeMiddleware: (o) => lib.createNodeMiddleware(o, () => {}),
    createFastifyPlugin: (o) => lib.createFastifyPlugin(o, () => {}),
    createKoaMiddleware: (o) => lib.createKoaMiddleware(o, () => {}),
    createHonoMiddleware: (o) => lib.createHonoMiddleware(o),
    nextRouteHandler: (o) => lib.nextRouteHandler(o, () => {}),
    createLambdaHandler: (o) => lib.createLambdaHandler(o, () => {}),
  };
  const secret = `${KEY}\n`;
  for (const [name, make] of Object.entries(makers)) {
    let e = null;
    try {
      make({ keys: [secret] });
    } catch (x) {
      e = x;
    }
    t.ok(
      e instanceof lib.CallbackError &&
        e.code === 'INVALID_KEY' &&
        /whitespace/.test(e.message) &&
        !e.message.includes(KEY),
      `${name}: a key with a trailing newline throws INVALID_KEY at construction (names whitespace, not the key)`,
      e && `${e.code} ${e.message}`,
    );
    let e2 = null;
    try {
      make({ keys: [] });
    } catch (x) {
      e2 = x;
    }
    t.ok(
      e2 instanceof lib.CallbackError && e2.code === 'INVALID_KEY',
      `${name}: no key throws INVALID_KEY at construction`,
      e2?.message,
    );
  }
  const thrown = (f) => {
    try {
      f();
      return null;
    } catch (e) {
      return e;
    }
  };
  const typo = thrown(() => lib.createHandler({ key: KEY }, { PUBLISHED: () => {} }));
  t.ok(
    typo instanceof TypeError &&
      /PUBLISHED/.test(typo.message) &&
      /PUBLISH_DONE/.test(typo.message),
    'a route for an unknown event name throws a TypeError listing the known ones',
    typo?.message,
  );
  const notFn = thrown(() => lib.createHandler({ key: KEY }, { PUBLISH: 'yes' }));
  t.ok(
    notFn instanceof TypeError && /PUBLISH/.test(notFn.message),
    'a route that is not a function throws a TypeError',
  );
  const noHandler = thrown(() => lib.createNodeMiddleware({ key: KEY }));
  t.ok(noHandler instanceof TypeError, 'createNodeMiddleware without a handler throws a TypeError');
  const badNow = thrown(() => lib.createHandler({ key: KEY, now: '2026' }, () => {}));
  t.ok(
    badNow instanceof TypeError && /options\.now/.test(badNow.message),
    'options.now of the wrong type throws a TypeError at construction',
  );
  const negNow = thrown(() => lib.createHandler({ key: KEY, now: -1 }, () => {}));
  t.ok(
    negNow instanceof TypeError && /options\.now/.test(negNow.message),
    'a negative fixed now throws a TypeError at construction',
    negNow?.message,
  );
  const badHook = thrown(() => lib.createHandler({ key: KEY, onError: 'log' }, () => {}));
  t.ok(
    badHook instanceof TypeError && /onError/.test(badHook.message),
    'options.onError that is not a function throws',
  );
  const badSize = thrown(() => lib.createHandler({ key: KEY, maxBodyBytes: -1 }, () => {}));
  t.ok(
    badSize instanceof TypeError && /maxBodyBytes/.test(badSize.message),
    'a negative maxBodyBytes throws at construction',
  );
  const badPath = thrown(() => lib.createFastifyPlugin({ key: KEY, path: 'callback' }, () => {}));
  t.ok(
    badPath instanceof TypeError && /path/.test(badPath.message),
    'createFastifyPlugin: a path without a leading / throws',
  );
}
