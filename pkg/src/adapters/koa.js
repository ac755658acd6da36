// @ts-check
// Koa (2, 3) adapter: a middleware that answers every request it is given (mount it on the
// callback path: @koa/router's router.all('/callback', mw), koa-mount, or a path check).
// Duck-typed: koa is not a dependency. It reads ctx.req (the node:http request) itself with
// the size cap; after a body parser it takes ctx.request.rawBody (koa-bodyparser keeps it),
// req.rawBody or a Buffer/string body, else answers 500 naming the fix.

import { prepare, readNodeBody, run, headersOf, textOf } from '../receive.js';

/**
 * A Koa middleware `(ctx) => Promise<void>`. Handlers get `(verified, ctx)`; one that sets
 * ctx.body itself keeps its answer.
 * @type {typeof import('../../index.js').createKoaMiddleware}
 * (Parameters typed inline: the declared type's two overloads, by allowUnknownEvents, give
 * them no contextual type; the function is still checked against both.)
 */
export function createKoaMiddleware(/** @type {any} */ options, /** @type {any} */ handlers) {
  const p = prepare(options, handlers, 'createKoaMiddleware');
  return async function huaweiCallbackKoa(
    /** @type {import('../../index.js').KoaContextLike} */ ctx,
  ) {
    const kept = ctx.request ? ctx.request.rawBody : undefined;
    const outcome = await run(
      p,
      ctx.method,
      () => readNodeBody(ctx.req, p.max, kept),
      [ctx],
      [ctx],
    );
    if (outcome.status === 200 && ctx.body !== undefined && ctx.body !== null) return;
    ctx.status = outcome.status;
    ctx.set(headersOf(outcome.status));
    ctx.body = textOf(outcome.status, outcome.error);
  };
}
