// Type test of the request-level API and the adapters against the frameworks' own types
// (Fastify and Hono ship them; node:http from @types/node). make test-adapters copies it into
// the scratch project that installed the tarball and runs the pinned tsc. The @ts-expect-error
// lines must stay errors.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Fastify from 'fastify';
import { Hono } from 'hono';
import {
  createFastifyPlugin,
  createHandler,
  createHonoMiddleware,
  createLambdaHandler,
  createNodeMiddleware,
  nextRouteHandler,
  verifyRequest,
  type HuaweiCallbackVariables,
  type LambdaHttpResult,
  type Verified,
  type VerifiedAnyEvent,
  type VerifiedEvent,
} from 'huaweicloud-live-callback';

const keys = ['k9Xp2Lm7Qr4Tz8Wb3Nc6Vd1Hf5Jg0Ys2Ua7Ie4Ro9'];

// Routed handlers get the callback narrowed to their event.
const handle = createHandler(
  { keys, now: () => 1767225600, onError: (e, request: Request) => void [e, request.url] },
  {
    PUBLISH: (v) => {
      const event: 'PUBLISH' = v.event;
      const domain: string = v.callback.domain;
      return [event, domain];
    },
    RECORD_FILE_COMPLETE: async (v, request) => {
      const url: string | undefined = v.callback.download_url;
      const authenticated: boolean = v.bodyAuthenticated;
      return [url, authenticated, request.method];
    },
    // @ts-expect-error a stream notification has no download_url
    PUBLISH_DONE: (v) => v.callback.download_url.length,
  },
);
const answer: Promise<Response> = handle(new Request('http://x/', { method: 'POST' }));

createHandler(
  { keys },
  {
    // @ts-expect-error an unknown event name is not a route
    PUBLISHED: () => {},
  },
);

const worker = {
  fetch: createHandler<[env: { KEY: string }, ctx: unknown]>(
    { keys },
    (v: Verified, request, env) => [v.event, request.url, env.KEY],
  ),
};

const narrowed: VerifiedEvent<'RECORD_START'>['callback']['event_type'] = 'RECORD_START';

async function direct(request: Request) {
  const v: Verified = await verifyRequest(request, { keys, maxBodyBytes: 65536 });
  return v.kind;
}

// node:http: the middleware is a request listener.
const mw = createNodeMiddleware<IncomingMessage, ServerResponse>({ keys }, (v, req, res) => {
  res.setHeader('x-event', v.event);
  return req.url;
});
createServer(mw);

// Fastify: register() accepts the plugin.
const app = Fastify();
app.register(createFastifyPlugin({ keys, path: '/huawei/callback' }, { PUBLISH: () => {} }));

// Hono: middleware on a route, the callback on the context.
const hono = new Hono<{ Variables: HuaweiCallbackVariables }>();
hono.post('/huawei/callback', createHonoMiddleware({ keys }), (c) => {
  const v: Verified = c.get('huaweiCallback');
  if (v.event === 'PUBLISH') return c.text(v.callback.domain);
  return c.text(v.event);
});
// With allowUnknownEvents: the app's Variables say any event may be there.
const honoAny = new Hono<{ Variables: HuaweiCallbackVariables<VerifiedAnyEvent> }>();
honoAny.post('/huawei/callback', createHonoMiddleware({ keys, allowUnknownEvents: true }), (c) => {
  const v: VerifiedAnyEvent = c.get('huaweiCallback');
  // @ts-expect-error an undocumented event may be there: not only the documented ones
  const known: Verified = c.get('huaweiCallback');
  return c.text(`${v.event} ${known.event}`);
});

// Next.js App Router.
export const POST: (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response> = nextRouteHandler<{ params: Promise<Record<string, string>> }>(
  { keys },
  { PUBLISH: (v, request, context) => [v, request, context] },
);

// Lambda.
const lambda = createLambdaHandler({ keys }, (v, event) => [v.event, event.body]);
const result: Promise<LambdaHttpResult> = lambda(
  { httpMethod: 'POST', body: '{}', isBase64Encoded: false },
  {},
);

// @ts-expect-error the options need an object
createHandler('keys', () => {});

export { answer, worker, narrowed, direct, result };
