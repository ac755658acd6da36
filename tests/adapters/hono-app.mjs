// The Hono app of the Hono tests, the same in Node (@hono/node-server) and in workerd (bundled
// by fixtures/hono-worker.mjs): middleware mode (/mw), handlers mode (/callback) and the
// read-the-body-first mistake (/parsed). No node:* import.
import { Hono } from 'hono';
import { routes } from './handlers.mjs';

export function honoApp(lib, opts, rec) {
  const app = new Hono();
  app.onError((_e, c) => c.text('internal error', 500)); // Hono's default logs the stack
  // Middleware mode: the verified callback on the context, the route answers.
  app.all('/mw', lib.createHonoMiddleware(opts), async (c) => {
    const v = c.get('huaweiCallback');
    rec.seen.push(v);
    if (v.callback.stream === 'boom') throw new Error('handler failed on purpose');
    return c.json({ event: v.event, stream: v.callback.stream });
  });
  // Handlers mode: answers like createHandler.
  app.all('/callback', lib.createHonoMiddleware(opts, routes(rec)));
  // The mistake: something reads the body first.
  app.post(
    '/parsed',
    async (c, next) => {
      await c.req.json();
      await next();
    },
    lib.createHonoMiddleware(opts),
    (c) => c.text('unreachable'),
  );
  // What the handlers and hooks saw (the workerd test reads it: the isolate is elsewhere).
  app.get('/seen', (c) =>
    c.json({
      streams: rec.seen.map((v) => v.callback.stream),
      keyIndexes: rec.seen.map((v) => v.keyIndex),
      errors: rec.errors.map((e) => e?.code || e?.message),
      unhandled: rec.unhandled.map((v) => v.event),
    }),
  );
  return app;
}
