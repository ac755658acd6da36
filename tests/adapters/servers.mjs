// Real servers on 127.0.0.1: node:http, Express 4, Express 5, Connect, Fastify 5, Koa 3 and
// Hono 4 (@hono/node-server), each receiving callbacks through the package's adapter, each
// put through checkServer(); plus each framework's body-parser-first mistake and its rescue.
import { createServer } from 'node:http';
import express4 from 'express4';
import express5 from 'express5';
import connect from 'connect';
import Fastify from 'fastify';
import Koa from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
import { serve } from '@hono/node-server';
import { honoApp } from './hono-app.mjs';
import { bodies, checkServer, close, listen, options, recorder, routes, send } from './lib.mjs';

/** Runs `fn(url)` against a node:http server built around `handler`, and closes it. */
async function withServer(handler, fn) {
  const server = createServer(handler);
  const url = await listen(server);
  try {
    await fn(url);
  } finally {
    await close(server);
  }
}

const reqSocket = (req) => req?.socket || null;

async function parserFirst(t, lib, name, url) {
  const b = bodies(lib);
  const r = await send(`${url}/parsed`, { body: b.publish });
  t.ok(
    r.status === 500,
    `${name}: a JSON body parser mounted first -> 500`,
    `${r.status} ${r.text}`,
  );
  t.ok(
    /mount the Huawei callback middleware before any body parser/.test(r.text),
    `${name}: the 500 names the fix`,
    r.text,
  );
  const kept = await send(`${url}/kept`, { body: b.publish });
  t.ok(
    kept.status === 200,
    `${name}: a parser that keeps req.rawBody (verify hook) -> 200 (rescued)`,
    `${kept.status} ${kept.text}`,
  );
  const raw = await send(`${url}/raw`, { body: b.publish });
  t.ok(
    raw.status === 200,
    `${name}: express.raw() first (Buffer req.body) -> 200`,
    `${raw.status} ${raw.text}`,
  );
  const rawBad = await send(`${url}/raw`, { body: b.tampered });
  t.ok(
    rawBad.status === 401,
    `${name}: a tampered body after express.raw() is still 401`,
    `${rawBad.status}`,
  );
  const rawBig = await send(`${url}/raw`, {
    body: ' '.repeat(70000),
    headers: { 'content-type': 'application/octet-stream' },
  });
  t.ok(
    rawBig.status === 413,
    `${name}: an oversized body after express.raw() is still 413`,
    `${rawBig.status}`,
  );
}

export async function nodeHttp(t, lib) {
  const rec = recorder();
  const mw = lib.createNodeMiddleware(options(rec, reqSocket), routes(rec));
  await withServer(mw, (url) => checkServer(t, url, lib, rec));
  // The handler may answer itself; a single function instead of routes.
  const own = lib.createNodeMiddleware(options(recorder()), (v, _req, res) => {
    res.writeHead(202).end(v.event);
  });
  await withServer(own, async (url) => {
    const r = await send(url, { body: bodies(lib).publish });
    t.ok(
      r.status === 202 && r.text === 'PUBLISH',
      'a handler that answers itself keeps its answer',
      `${r.status} ${r.text}`,
    );
  });
}

function expressApp(express, lib, rec) {
  const app = express();
  const mw = lib.createNodeMiddleware(options(rec, reqSocket), routes(rec));
  app.use('/callback', mw);
  app.post('/parsed', express.json(), mw);
  app.post(
    '/kept',
    express.json({
      verify: (req, _res, buf) => {
        req.rawBody = buf;
      },
    }),
    mw,
  );
  app.post('/raw', express.raw({ type: '*/*', limit: '1mb' }), mw);
  return app;
}

export async function express(t, lib, which) {
  const ex = which === 4 ? express4 : express5;
  const rec = recorder();
  const app = expressApp(ex, lib, rec);
  await withServer(app, async (url) => {
    await checkServer(t, `${url}/callback`, lib, rec);
    await parserFirst(t, lib, `express ${which}`, url);
  });
}

export async function connectApp(t, lib) {
  const rec = recorder();
  const app = connect();
  const mw = lib.createNodeMiddleware(options(rec, reqSocket), routes(rec));
  app.use('/callback', mw);
  // Connect has no parsers of its own: body-parser is what Connect apps use (express's copy).
  app.use('/parsed', express4.json());
  app.use('/parsed', mw);
  app.use(
    '/kept',
    express4.json({
      verify: (req, _res, buf) => {
        req.rawBody = buf;
      },
    }),
  );
  app.use('/kept', mw);
  app.use('/raw', express4.raw({ type: '*/*' }));
  app.use('/raw', mw);
  await withServer(app, async (url) => {
    await checkServer(t, `${url}/callback`, lib, rec);
    await parserFirst(t, lib, 'connect', url);
  });
}

export async function fastify(t, lib) {
  const rec = recorder();
  const app = Fastify();
  app.register(
    lib.createFastifyPlugin(
      { ...options(rec, (req) => req.raw.socket), path: '/callback' },
      routes(rec),
    ),
  );
  // Outside the plugin, Fastify's own JSON parser still works (the plugin is encapsulated).
  app.post('/json', async (req) => ({ echoed: req.body.x }));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    await checkServer(t, `${url}/callback`, lib, rec);
    const r = await send(`${url}/json`, { body: '{"x":42}' });
    t.ok(
      r.status === 200 && JSON.parse(r.text).echoed === 42,
      'fastify: other routes keep their JSON body parser',
      `${r.status} ${r.text}`,
    );
    const own = await send(`${url}/callback`, {
      body: bodies(lib).publish,
      headers: { 'content-type': 'text/plain' },
    });
    t.ok(
      own.status === 200,
      'fastify: any content type reaches the callback route',
      `${own.status} ${own.text}`,
    );
  } finally {
    await app.close();
  }
}

export async function koa(t, lib) {
  const rec = recorder();
  const app = new Koa();
  const router = new Router();
  const mw = lib.createKoaMiddleware(
    options(rec, (ctx) => ctx.req.socket),
    routes(rec),
  );
  router.all('/callback', mw);
  // The body-parser-first mistake: koa-bodyparser keeps ctx.request.rawBody, which rescues it.
  router.all('/kept', bodyParser(), mw);
  // A parser that keeps nothing: 500 naming the fix.
  router.all(
    '/parsed',
    async (ctx, next) => {
      let text = '';
      for await (const c of ctx.req) text += c;
      ctx.request.body = JSON.parse(text);
      await next();
    },
    mw,
  );
  // A handler that sets ctx.body itself keeps it.
  router.all(
    '/own',
    lib.createKoaMiddleware(options(recorder()), (v, ctx) => {
      ctx.status = 202;
      ctx.body = v.event;
    }),
  );
  app.use(router.routes());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  try {
    await checkServer(t, `${url}/callback`, lib, rec);
    const b = bodies(lib);
    const kept = await send(`${url}/kept`, { body: b.publish });
    t.ok(
      kept.status === 200,
      'koa: koa-bodyparser first -> 200 (ctx.request.rawBody rescues it)',
      `${kept.status} ${kept.text}`,
    );
    const keptBad = await send(`${url}/kept`, { body: b.tampered });
    t.ok(
      keptBad.status === 401,
      'koa: a tampered body after koa-bodyparser is still 401',
      `${keptBad.status}`,
    );
    const parsed = await send(`${url}/parsed`, { body: b.publish });
    t.ok(
      parsed.status === 500 &&
        /mount the Huawei callback middleware before any body parser/.test(parsed.text),
      'koa: a parser that keeps no raw body -> 500 naming the fix',
      `${parsed.status} ${parsed.text}`,
    );
    const own = await send(`${url}/own`, { body: b.publish });
    t.ok(
      own.status === 202 && own.text === 'PUBLISH',
      'koa: a handler that sets ctx.body keeps its answer',
      `${own.status} ${own.text}`,
    );
  } finally {
    await close(server);
  }
}

export async function honoNode(t, lib) {
  const rec = recorder();
  const app = honoApp(
    lib,
    options(rec, (_req, c) => (c?.env?.incoming ? c.env.incoming.socket : null)),
    rec,
  );
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => (server.listening ? r() : server.once('listening', r)));
  const url = `http://127.0.0.1:${server.address().port}`;
  try {
    await checkServer(t, `${url}/callback`, lib, rec);
    await honoMiddlewareChecks(t, lib, url);
  } finally {
    await close(server);
  }
}

/** Middleware mode and the read-first mistake (shared by Node and workerd). */
export async function honoMiddlewareChecks(t, lib, url, { resetOk = false } = {}) {
  const b = bodies(lib);
  const ok = await send(`${url}/mw`, { body: b.publish });
  let json = null;
  try {
    json = JSON.parse(ok.text);
  } catch {
    /* reported */
  }
  t.ok(
    ok.status === 200 && json && json.event === 'PUBLISH' && json.stream === 'camera-1',
    "hono middleware: c.get('huaweiCallback') holds the verified callback",
    `${ok.status} ${ok.text}`,
  );
  const bad = await send(`${url}/mw`, { body: b.tampered });
  t.ok(
    bad.status === 401 && bad.text === 'unauthorized',
    'hono middleware: tampered -> 401 before the route runs',
    `${bad.status} ${bad.text}`,
  );
  const get = await send(`${url}/mw`, { method: 'GET' });
  t.ok(
    get.status === 405 && get.headers.allow === 'POST',
    'hono middleware: GET -> 405',
    `${get.status}`,
  );
  const big = await send(`${url}/mw`, { endless: 16 * 1024, limit: 32 * 1024 * 1024 }).catch(
    (e) => ({ status: `error ${e.code || e.message}`, sent: e.sent }),
  );
  t.ok(
    big.status === 413 || (resetOk && /^error (EPIPE|ECONNRESET)$/.test(big.status)),
    'hono middleware: endless chunked body -> 413 (or, in workerd, the connection closed)',
    `${big.status}`,
  );
  t.ok(
    big.sent < 16 * 1024 * 1024,
    'hono middleware: the client pushed under 16 MiB of the 32 MiB',
    `sent ${big.sent}`,
  );
  const boom = await send(`${url}/mw`, { body: b.stream('boom') });
  t.ok(
    boom.status === 500,
    "hono middleware: a route that throws -> 500 (Hono's error handler)",
    `${boom.status}`,
  );
  const parsed = await send(`${url}/parsed`, { body: b.publish });
  t.ok(
    parsed.status === 500 && /already read/.test(parsed.text),
    'hono: c.req.json() before the middleware -> 500 naming the fix',
    `${parsed.status} ${parsed.text}`,
  );
}
