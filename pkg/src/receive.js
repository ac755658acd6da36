// @ts-check
// The machinery shared by request.js and the framework adapters (not part of the public API):
// options checked once, the raw body read with a size cap (from a fetch-API Request or a
// node:http IncomingMessage, duck-typed), the outcome mapped to a status code, the verified
// callback dispatched to a handler or to a per-event route. What makes a callback valid stays
// the core's (Verifier); this file only moves bytes and picks status codes.
// No node:* import: this module must bundle for browsers and workers.

import { Verifier, CallbackError } from './core.js';
import { describe, u64 } from './args.js';
import { onBindings } from './wasm.js';

const DEFAULT_MAX_BODY = 1048576;

/**
 * What `run` resolves: the status code, the error (401/413/500) or the handler's result (200).
 * @typedef {{ status: number, error?: unknown, result?: unknown }} Outcome
 */
/** @typedef {ReturnType<typeof prepare>} Prepared */
/** @typedef {(...args: any[]) => unknown} AnyFunction */

/**
 * Event names a route table may use: the core's documented events (spec §1 `event`, §2
 * `event_type`), read from the wasm module once it is initialised.
 * @type {readonly string[]}
 */
export let EVENTS = Object.freeze([]);
onBindings((b) => {
  EVENTS = Object.freeze(b.known_events().split(','));
});

/** The answer bodies: generic on purpose (a sender never learns why it was refused). */
export const STATUS_TEXT = Object.freeze({
  200: 'ok',
  401: 'unauthorized',
  405: 'method not allowed',
  413: 'payload too large',
  500: 'internal error',
});

// Errors whose message is safe and useful to answer with (they describe our configuration,
// never the callback): a body parser that ran first.
const EXPOSE = Symbol('expose');

/**
 * A CallbackError BODY_TOO_LARGE in the core's wording (src/verify.rs).
 * @param {string} what @param {number} max
 */
export function tooLarge(what, max) {
  return new CallbackError('BODY_TOO_LARGE', `body too large: ${what} > max_body_bytes ${max}`);
}

/**
 * An Error that the 500 answer may carry as its body (it names the fix, never the callback).
 * @param {string} message
 */
export function configError(message) {
  const e = /** @type {Error & { [EXPOSE]?: boolean }} */ (new Error(message));
  e[EXPOSE] = true;
  return e;
}

/**
 * Checks `options` and the handler(s) once, at construction: the keys and policy through a
 * Verifier (so a bad key throws here, never a 401 later), `now`, `onError`, `onUnhandled`.
 * `extra` names further options the caller consumes itself (they are not given to Verifier).
 * @param {unknown} options
 * @param {unknown} handlers
 * @param {string} name
 * @param {string[]} [extra]
 */
export function prepare(options, handlers, name, extra = []) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(
      `${name}: options must be an object like { keys: ['…'] }, got ${describe(options)}`,
    );
  }
  /** @type {Record<string, any>} */
  const rest = { ...options };
  /** @type {Record<string, any>} */
  const own = {};
  for (const k of ['now', 'onError', 'onUnhandled', ...extra]) {
    own[k] = rest[k];
    delete rest[k];
  }
  const { now, onError, onUnhandled } = own;
  if (
    now !== undefined &&
    typeof now !== 'number' &&
    typeof now !== 'bigint' &&
    typeof now !== 'function'
  ) {
    throw new TypeError(
      `${name}: options.now must be Unix seconds (number or bigint) or a function returning them, got ${describe(now)}`,
    );
  }
  // A fixed time is checked here, as verify would check it per request.
  if (typeof now === 'number' || typeof now === 'bigint') u64(now, `${name}: options.now`);
  for (const [k, f] of [
    ['onError', onError],
    ['onUnhandled', onUnhandled],
  ]) {
    if (f !== undefined && typeof f !== 'function') {
      throw new TypeError(`${name}: options.${k} must be a function, got ${describe(f)}`);
    }
  }
  // The Verifier validates every key (length, whitespace: a key with a trailing newline from
  // an env file is refused with INVALID_KEY naming the character, never trimmed silently)
  // and the policy options; its errors propagate from the constructor.
  // (`rest` is the caller's object, unchecked: the Verifier checks it.)
  const verifier = new Verifier(/** @type {any} */ (rest));
  const max = rest.maxBodyBytes === undefined ? DEFAULT_MAX_BODY : Number(rest.maxBodyBytes);
  const dispatch = makeDispatch(handlers, onUnhandled, name);
  const clock = typeof now === 'function' ? now : () => now;
  /** @type {(error: unknown, ...ctx: unknown[]) => void} */
  const report = (error, ...ctx) => {
    if (!onError) return;
    try {
      onError(error, ...ctx);
    } catch {
      // A logging hook that throws must not change the answer (a 401 must stay a 401).
    }
  };
  return {
    max,
    dispatch,
    report,
    own,
    /**
     * Verifies a body (string or bytes) at the configured `now`; throws CallbackError.
     * @param {string | Uint8Array} body
     */
    verify(body) {
      return verifier.verify(body, { now: clock() });
    },
  };
}

/**
 * @param {unknown} handlers
 * @param {AnyFunction | undefined} onUnhandled
 * @param {string} name
 * @returns {(v: { event: string }, ...args: unknown[]) => unknown}
 */
function makeDispatch(handlers, onUnhandled, name) {
  if (typeof handlers === 'function') return (v, ...args) => handlers(v, ...args);
  if (handlers === null || typeof handlers !== 'object' || Array.isArray(handlers)) {
    throw new TypeError(
      `${name}: the second argument must be a function (verified, …) => … or an object of handlers by event (${EVENTS.join(', ')}), got ${describe(handlers)}`,
    );
  }
  /** @type {Map<string, AnyFunction>} */
  const routes = new Map();
  for (const [event, h] of Object.entries(handlers)) {
    if (!EVENTS.includes(event)) {
      throw new TypeError(
        `${name}: unknown event ${JSON.stringify(event)} in the handlers; known: ${EVENTS.join(', ')}`,
      );
    }
    if (typeof h !== 'function') {
      throw new TypeError(
        `${name}: the handler for ${event} must be a function, got ${describe(h)}`,
      );
    }
    routes.set(event, h);
  }
  return (v, ...args) => {
    const h = routes.get(v.event);
    if (h) return h(v, ...args);
    // Acknowledged (200): Huawei would otherwise resend an event nobody subscribed a handler to.
    if (onUnhandled) return onUnhandled(v, ...args);
    return undefined;
  };
}

/**
 * 413 for BODY_TOO_LARGE, 401 for every other CallbackError, 500 for anything else.
 * @param {unknown} error
 */
export function statusOf(error) {
  if (error instanceof CallbackError) return error.code === 'BODY_TOO_LARGE' ? 413 : 401;
  return 500;
}

/**
 * The answer body for `status` (a configuration error's message for an exposed 500).
 * @param {number} status one of STATUS_TEXT's
 * @param {unknown} [error]
 * @returns {string}
 */
export function textOf(status, error) {
  const e = /** @type {any} */ (error);
  if (status === 500 && e && e[EXPOSE]) return `${STATUS_TEXT[500]}: ${e.message}`;
  return STATUS_TEXT[/** @type {keyof typeof STATUS_TEXT} */ (status)];
}

// The answer headers by status (lower-case names), made once; callers copy them if they hand
// them to user code.
const HEADERS = Object.freeze(
  Object.fromEntries(
    [200, 401, 405, 413, 500].map((status) => {
      /** @type {Record<string, string>} */
      const h = { 'content-type': 'text/plain; charset=utf-8' };
      if (status === 405) h.allow = 'POST';
      // The rest of an oversized body is never read: the connection cannot be reused.
      if (status === 413) h.connection = 'close';
      return [status, Object.freeze(h)];
    }),
  ),
);

/**
 * The answer headers for `status` (lower-case names; a frozen object shared by every answer).
 * @param {number} status
 * @returns {Readonly<Record<string, string>>}
 */
export function headersOf(status) {
  return HEADERS[status];
}

/**
 * A Content-Length header value as a number, or null when absent or not a decimal.
 * @param {unknown} value
 */
export function contentLength(value) {
  if (Array.isArray(value)) value = value[0];
  if (typeof value !== 'string' || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}

/**
 * The chunks as one array (the chunk itself when there is one).
 * @param {Uint8Array[]} chunks @param {number} total their total length
 */
export function concat(chunks, total) {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * The body of a fetch-API Request as bytes, read from its stream chunk by chunk; stops (and
 * cancels the stream) as soon as more than `max` bytes arrived. A Content-Length above `max`
 * is refused before anything is read.
 * @param {unknown} request a fetch-API Request (checked)
 * @param {number} max
 * @returns {Promise<Uint8Array>}
 */
export async function readRequestBody(request, max) {
  if (request === null || typeof request !== 'object') {
    throw new TypeError(`request must be a fetch-API Request, got ${describe(request)}`);
  }
  const r = /** @type {any} */ (request);
  const headers = r.headers;
  const len = contentLength(
    headers && typeof headers.get === 'function' ? headers.get('content-length') : undefined,
  );
  if (len !== null && len > max) throw tooLarge(`Content-Length ${len}`, max);
  if (r.bodyUsed) {
    throw configError(
      'the request body was already read (bodyUsed) before the callback could be verified; hand the Request over untouched (no request.json()/text() first)',
    );
  }
  const stream = r.body;
  if (stream === null || stream === undefined) return new Uint8Array(0);
  if (typeof stream.getReader !== 'function') {
    throw new TypeError(`request.body must be a ReadableStream, got ${describe(stream)}`);
  }
  const reader = stream.getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!(value instanceof Uint8Array)) {
        throw new TypeError(`the request body stream gave ${describe(value)} instead of bytes`);
      }
      total += value.length;
      if (total > max) throw tooLarge(`at least ${total} bytes (reading stopped there)`, max);
      chunks.push(value);
    }
  } catch (e) {
    reader.cancel().catch(() => {});
    throw e;
  }
  return concat(chunks, total);
}

const PARSER_FIRST =
  'the request body was consumed by another middleware (a body parser such as express.json()) before the callback could be verified: ' +
  'mount the Huawei callback middleware before any body parser (or on its own route), or let the parser keep the raw bytes in req.rawBody';

/** @param {unknown} v @returns {v is Uint8Array} */
function isBytes(v) {
  return v instanceof Uint8Array;
}

/** A body a parser kept for us: req.rawBody, or a Buffer/string req.body (express.raw/text). */
/** @param {any} req @param {unknown} extra @returns {string | Uint8Array | undefined} */
function rescued(req, extra) {
  for (const v of [extra, req.rawBody, req.body]) {
    if (isBytes(v) || typeof v === 'string') return v;
  }
  return undefined;
}

/**
 * The body of a node:http IncomingMessage (duck-typed: `headers`, `on`, `removeListener`,
 * `pause`, `readableEnded`). Stops at `max` bytes and pauses the stream (the rest is never
 * read). When a body parser already consumed the stream, uses `req.rawBody` or a Buffer/string
 * `req.body` (or `kept`, an adapter's copy such as koa-bodyparser's ctx.request.rawBody), else
 * rejects with a configuration error that names the fix.
 * @param {any} req
 * @param {number} max
 * @param {unknown} [kept]
 * @returns {Promise<string | Uint8Array>}
 */
export function readNodeBody(req, max, kept) {
  if (req === null || typeof req !== 'object' || typeof req.on !== 'function') {
    return Promise.reject(
      new TypeError(`req must be a node:http IncomingMessage, got ${describe(req)}`),
    );
  }
  const len = contentLength(req.headers ? req.headers['content-length'] : undefined);
  if (len !== null && len > max) return Promise.reject(tooLarge(`Content-Length ${len}`, max));
  if (req.readableEnded === true || req._body === true) {
    const body = rescued(req, kept);
    if (body === undefined) return Promise.reject(configError(PARSER_FIRST));
    const size = typeof body === 'string' ? new TextEncoder().encode(body).length : body.length;
    if (size > max) return Promise.reject(tooLarge(`${size} bytes`, max));
    return Promise.resolve(body);
  }
  if (req.destroyed === true) {
    return Promise.reject(new Error('the request was closed before its body was read'));
  }
  return new Promise((resolve, reject) => {
    /** @type {Uint8Array[]} */
    const chunks = [];
    let total = 0;
    const cleanup = () => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onFail);
      req.removeListener('close', onClose);
    };
    /** @param {unknown} chunk */
    function onData(chunk) {
      if (!isBytes(chunk)) {
        cleanup();
        reject(
          configError(
            'the request stream gives strings (someone called req.setEncoding()); the callback middleware needs the raw bytes',
          ),
        );
        return;
      }
      total += chunk.length;
      if (total > max) {
        cleanup();
        if (typeof req.pause === 'function') req.pause();
        reject(tooLarge(`at least ${total} bytes (reading stopped there)`, max));
        return;
      }
      chunks.push(chunk);
    }
    function onEnd() {
      cleanup();
      resolve(concat(chunks, total));
    }
    /** @param {unknown} e */
    function onFail(e) {
      cleanup();
      reject(e);
    }
    function onClose() {
      cleanup();
      reject(new Error('the client closed the connection before the whole body arrived'));
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onFail);
    req.on('close', onClose);
  });
}

/**
 * One callback, start to finish: method, body, verification, dispatch. Resolves
 * `{ status, error?, result? }`; never rejects. `args` go to the handler after the verified
 * callback, `ctx` to onError after the error.
 * @param {Prepared} p
 * @param {unknown} method
 * @param {() => string | Uint8Array | Promise<string | Uint8Array>} read
 * @param {unknown[]} args
 * @param {unknown[]} ctx
 * @returns {Promise<Outcome>}
 */
export async function run(p, method, read, args, ctx) {
  if (method !== 'POST') return { status: 405 };
  let v;
  try {
    v = p.verify(await read());
  } catch (e) {
    p.report(e, ...ctx);
    return { status: statusOf(e), error: e };
  }
  try {
    return { status: 200, result: await p.dispatch(v, ...args) };
  } catch (e) {
    p.report(e, ...ctx);
    return { status: 500, error: e };
  }
}

/**
 * Answers on a node:http ServerResponse (duck-typed) unless the handler already did.
 * @param {any} res
 * @param {Outcome} outcome
 */
export function sendNode(res, outcome) {
  if (res.headersSent || res.writableEnded) {
    if (!res.writableEnded && typeof res.end === 'function') res.end();
    return;
  }
  const { status, error } = outcome;
  res.writeHead(status, headersOf(status));
  res.end(textOf(status, error));
}

/**
 * The fetch-API Response for an outcome (a Response the handler returned is used as is).
 * @param {Outcome} outcome
 * @returns {Response}
 */
export function toResponse(outcome) {
  const { status, error, result } = outcome;
  if (status === 200 && typeof Response === 'function' && result instanceof Response) return result;
  return new Response(textOf(status, error), { status, headers: headersOf(status) });
}
