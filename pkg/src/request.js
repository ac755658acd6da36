// @ts-check
// Request-level API (issue 12): receive a Huawei Cloud Live callback from a fetch-API Request
// (Workers, Deno, Bun, Hono, Next.js, Node's global Request) or from node:http / Express /
// Connect, without writing the glue: the raw body is read with a size cap, verified by the
// core, the outcome mapped to a status code, and the callback handed to one handler or to a
// handler per event. Duck-typed; no node:* import (it bundles for browsers and workers).
//
// Status codes (the same in every adapter):
//   405 (Allow: POST)   any method but POST
//   413                 a body above maxBodyBytes (Content-Length up front, else while reading)
//   401 'unauthorized'  any other verification failure; the code goes to onError, never to the sender
//   200 'ok'            once the handler resolved (an event without a route too: onUnhandled)
//   500                 the handler threw or rejected (Huawei may send the callback again), or
//                       the body was consumed before us (the answer names the fix)
// Invalid keys or options throw at construction, never per request.

import { prepare, readNodeBody, readRequestBody, run, sendNode, toResponse } from './receive.js';

/**
 * Reads a fetch-API Request's body as a stream (stopping at `maxBodyBytes`) and verifies it.
 * `options`: the options of `verify` (keys, now, maxBodyBytes, …); resolves the Verified callback.
 * @type {typeof import('../index.js').verifyRequest}
 */
export async function verifyRequest(request, options) {
  const p = prepare(options, () => {}, 'verifyRequest');
  // The declared VerifiedFor<O> narrows the events by the options' allowUnknownEvents: the core
  // enforces that at run time, the type follows from the options.
  return /** @type {any} */ (p.verify(await readRequestBody(request, p.max)));
}

/**
 * A fetch-API handler `(request, ...rest) => Promise<Response>` that verifies the callback and
 * passes it to `handlers` (a function, or an object of functions by event name).
 * @type {typeof import('../index.js').createHandler}
 * (Parameters typed inline: the declared type's two overloads, by allowUnknownEvents, give
 * them no contextual type; the function is still checked against both.)
 */
export function createHandler(/** @type {any} */ options, /** @type {any} */ handlers) {
  const p = prepare(options, handlers, 'createHandler');
  return async function huaweiCallbackHandler(
    /** @type {Request} */ request,
    /** @type {unknown[]} */ ...rest
  ) {
    const method = request && typeof request === 'object' ? request.method : undefined;
    const outcome = await run(
      p,
      method,
      () => readRequestBody(request, p.max),
      [request, ...rest],
      [request],
    );
    return toResponse(outcome);
  };
}

/**
 * A node:http / Express / Connect middleware `(req, res, next) => Promise<void>` that reads the
 * raw body itself (or takes req.rawBody / a Buffer req.body a parser left), verifies it and
 * answers itself. The handler gets `(verified, req, res)`; if it answers itself, that stands.
 * @type {typeof import('../index.js').createNodeMiddleware}
 * (Parameters typed inline: the declared type's two overloads, by allowUnknownEvents, give
 * them no contextual type; the function is still checked against both.)
 */
export function createNodeMiddleware(/** @type {any} */ options, /** @type {any} */ handlers) {
  const p = prepare(options, handlers, 'createNodeMiddleware');
  return async function huaweiCallbackMiddleware(
    /** @type {import('../index.js').NodeRequestLike} */ req,
    /** @type {import('../index.js').NodeResponseLike} */ res,
  ) {
    const outcome = await run(p, req.method, () => readNodeBody(req, p.max), [req, res], [req]);
    sendNode(res, outcome);
  };
}
