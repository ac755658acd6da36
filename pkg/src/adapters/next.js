// @ts-check
// Next.js App Router adapter: app/<path>/route.js
//   export const POST = nextRouteHandler({ keys: process.env.HUAWEI_CALLBACK_KEY.split(',') }, handlers);
// A route handler gets a web Request, so this is createHandler under the name Next users look
// for; handlers get `(verified, request, context)`. Only POST reaches it (export no other method
// and Next answers 405 itself).

import { prepare, readRequestBody, run, toResponse } from '../receive.js';

/**
 * A Next.js App Router route handler `(request, context) => Promise<Response>`.
 * @type {typeof import('../../index.js').nextRouteHandler}
 * (Parameters typed inline: the declared type's two overloads, by allowUnknownEvents, give
 * them no contextual type; the function is still checked against both.)
 */
export function nextRouteHandler(/** @type {any} */ options, /** @type {any} */ handlers) {
  const p = prepare(options, handlers, 'nextRouteHandler');
  return async function POST(/** @type {Request} */ request, /** @type {unknown} */ context) {
    const method = request && typeof request === 'object' ? request.method : undefined;
    return toResponse(
      await run(p, method, () => readRequestBody(request, p.max), [request, context], [request]),
    );
  };
}
