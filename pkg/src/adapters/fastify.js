// @ts-check
// Fastify (4, 5) adapter: a plugin that owns one route. Duck-typed: fastify is not a
// dependency. Register it WITHOUT fastify-plugin: Fastify encapsulates it, so the raw-body
// content-type parser it installs applies to this route only, never to the rest of the app.
//   app.register(createFastifyPlugin({ keys, path: '/callback' }, handlers))
// Inside, every content type ('*') is parsed as "leave the stream alone"; the route reads the
// raw body itself with the size cap (Fastify's bodyLimit is not involved) and answers with the
// package's status codes. Every method is routed, so that a GET gets 405 rather than 404.

import { prepare, readNodeBody, run, headersOf, textOf } from '../receive.js';

const METHODS = ['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

/**
 * A Fastify plugin that receives Huawei callbacks on `options.path` (default '/').
 * Handlers get `(verified, request, reply)`; one that sends a reply itself keeps it.
 * @type {typeof import('../../index.js').createFastifyPlugin}
 * (Parameters typed inline: the declared type's two overloads, by allowUnknownEvents, give
 * them no contextual type; the function is still checked against both.)
 */
export function createFastifyPlugin(/** @type {any} */ options, /** @type {any} */ handlers) {
  const p = prepare(options, handlers, 'createFastifyPlugin', ['path']);
  const path = p.own.path === undefined ? '/' : p.own.path;
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new TypeError(
      `createFastifyPlugin: options.path must be a string starting with '/', got ${JSON.stringify(path)}`,
    );
  }
  return async function huaweiCallbackPlugin(
    /** @type {import('../../index.js').FastifyInstanceLike} */ fastify,
  ) {
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser(
      '*',
      /** @param {unknown} _request @param {unknown} payload @param {(e: null, body: unknown) => void} done */
      (_request, payload, done) => done(null, payload),
    );
    fastify.route({
      method: METHODS,
      url: path,
      /** @param {any} request Fastify's @param {any} reply Fastify's */
      handler: async (request, reply) => {
        const body = request.body;
        const stream = body && typeof body.on === 'function' ? body : request.raw;
        const outcome = await run(
          p,
          request.method,
          () => readNodeBody(stream, p.max),
          [request, reply],
          [request],
        );
        if (reply.sent) return reply;
        if (outcome.status === 200 && outcome.result === reply) return reply;
        return reply
          .code(outcome.status)
          .headers(headersOf(outcome.status))
          .send(textOf(outcome.status, outcome.error));
      },
    });
  };
}
