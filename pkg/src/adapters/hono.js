// @ts-check
// Hono (4) adapter, for every runtime Hono runs in (Node via @hono/node-server, workerd, Deno,
// Bun). Duck-typed: hono is not a dependency. It reads c.req.raw (the fetch-API Request).
//   app.post('/callback', createHonoMiddleware({ keys }), (c) => { c.get('huaweiCallback') … })
// Without handlers it is a middleware: 405/413/401 are answered here, a verified callback is
// put on the context (c.set(options.variable ?? 'huaweiCallback', verified)) and next() runs.
// With handlers (a function or an object by event) it answers itself like createHandler.

import { prepare, readRequestBody, run, statusOf, toResponse } from '../receive.js';

/**
 * A Hono middleware `(c, next) => Promise<Response | void>`.
 * @type {typeof import('../../index.js').createHonoMiddleware}
 * (Parameters typed inline: the declared type's two overloads, by allowUnknownEvents, give
 * them no contextual type; the function is still checked against both.)
 */
export function createHonoMiddleware(/** @type {any} */ options, /** @type {any} */ handlers) {
  const own = handlers !== undefined;
  const p = prepare(options, own ? handlers : () => {}, 'createHonoMiddleware', ['variable']);
  const variable = p.own.variable === undefined ? 'huaweiCallback' : p.own.variable;
  if (typeof variable !== 'string' || variable === '') {
    throw new TypeError(
      `createHonoMiddleware: options.variable must be a non-empty string, got ${JSON.stringify(variable)}`,
    );
  }
  if (own) {
    return async function huaweiCallbackHono(
      /** @type {import('../../index.js').HonoContextLike} */ c,
    ) {
      const request = c.req.raw;
      return toResponse(
        await run(p, request.method, () => readRequestBody(request, p.max), [c], [request, c]),
      );
    };
  }
  return async function huaweiCallbackHono(
    /** @type {import('../../index.js').HonoContextLike} */ c,
    /** @type {() => Promise<void>} */ next,
  ) {
    const request = c.req.raw;
    if (request.method !== 'POST') return toResponse({ status: 405 });
    let v;
    try {
      v = p.verify(await readRequestBody(request, p.max));
    } catch (e) {
      p.report(e, request, c);
      return toResponse({ status: statusOf(e), error: e });
    }
    c.set(variable, v);
    await next();
    return undefined;
  };
}
