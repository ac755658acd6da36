// @ts-check
// AWS Lambda adapter: API Gateway REST API (payload v1: httpMethod), HTTP API (payload v2:
// requestContext.http.method) and Lambda function URLs (v2 shape). The body arrives as a
// string, base64 when isBase64Encoded; the answer is { statusCode, headers, body }.
// Duck-typed: no AWS library is needed.

import { prepare, run, headersOf, textOf, tooLarge } from '../receive.js';

/** @param {any} event anything (checked) @returns {string | undefined} */
function methodOf(event) {
  if (event === null || typeof event !== 'object') return undefined;
  const http = event.requestContext?.http;
  if (http && typeof http.method === 'string') return http.method.toUpperCase();
  return typeof event.httpMethod === 'string' ? event.httpMethod.toUpperCase() : undefined;
}

/** @param {string} text */
function decodeBase64(text) {
  if (typeof globalThis.Buffer === 'function') {
    const b = globalThis.Buffer.from(text, 'base64');
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  }
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** @param {import('../../index.js').LambdaHttpEvent} event @param {number} max */
function bodyOf(event, max) {
  const body = event.body;
  if (body === undefined || body === null) return '';
  if (typeof body !== 'string')
    throw new TypeError(`event.body must be a string, got ${typeof body}`);
  if (!event.isBase64Encoded) return body; // the core refuses more than max UTF-8 bytes (413)
  // Base64 carries 3 bytes in 4 characters: refuse before decoding what cannot fit.
  const least = Math.floor((body.replace(/[=\s]+$/, '').length * 3) / 4);
  if (least > max) throw tooLarge(`${least} bytes (base64)`, max);
  return decodeBase64(body);
}

/**
 * A Lambda handler `(event, context) => Promise<{ statusCode, headers, body }>`.
 * @type {typeof import('../../index.js').createLambdaHandler}
 * (Parameters typed inline: the declared type's two overloads, by allowUnknownEvents, give
 * them no contextual type; the function is still checked against both.)
 */
export function createLambdaHandler(/** @type {any} */ options, /** @type {any} */ handlers) {
  const p = prepare(options, handlers, 'createLambdaHandler');
  return async function huaweiCallbackLambda(
    /** @type {import('../../index.js').LambdaHttpEvent} */ event,
    /** @type {unknown} */ context,
  ) {
    const outcome = await run(
      p,
      methodOf(event),
      () => bodyOf(event, p.max),
      [event, context],
      [event, context],
    );
    return {
      statusCode: outcome.status,
      headers: { ...headersOf(outcome.status) },
      body: textOf(outcome.status, outcome.error),
      isBase64Encoded: /** @type {false} */ (false),
    };
  };
}
