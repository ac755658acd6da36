// Types of huaweicloud-live-callback (hand-written; the same for every runtime entry point).
// Callback objects use Huawei's field names; everything else is camelCase.

/** The core's stable error codes (`CallbackError.code`). */
export type ErrorCode =
  | 'MALFORMED_JSON'
  | 'UNKNOWN_CALLBACK'
  | 'MISSING_FIELD'
  | 'INVALID_FIELD'
  | 'DUPLICATE_FIELD'
  | 'MISSING_SIGNATURE'
  | 'SIGNATURE_MISMATCH'
  | 'EXPIRED'
  | 'TIMESTAMP_IN_FUTURE'
  | 'MD5_NOT_ALLOWED'
  | 'INVALID_KEY'
  | 'BODY_TOO_LARGE';

/** Thrown for every failure the core reports; `message` names the field, value or times. */
export declare class CallbackError extends Error {
  constructor(code: ErrorCode, message: string);
  readonly name: 'CallbackError';
  code: ErrorCode;
}

/** A callback body: the raw HTTP request body, as text or bytes. */
export type Body = string | Uint8Array | ArrayBuffer;

/** Unix seconds (or another count of seconds); a `bigint` carries all 64 bits exactly. */
export type Seconds = number | bigint;

/** A key as configured in the Huawei console (32 to 128 characters), optionally named. */
export type KeyInput = string | { id?: string; key: string };

export type Algorithm = 'HMAC-SHA256' | 'MD5';
export type Kind = 'stream' | 'record';

/** `event` of a stream status notification; other names are kept as sent. */
export type StreamEvent = 'PUBLISH' | 'PUBLISH_DONE' | (string & {});
/** `event_type` of a recording callback; other names are kept as sent. */
export type RecordEvent =
  | 'RECORD_START'
  | 'RECORD_NEW_FILE_START'
  | 'RECORD_FILE_COMPLETE'
  | 'RECORD_OVER'
  | 'RECORD_FAILED'
  | (string & {});

interface KeyOptions {
  /** Every key to accept (rotation: old and new); at least one. */
  keys?: readonly KeyInput[];
  /** A single key (instead of `keys`). */
  key?: string;
}

interface PolicyOptions {
  /** Accepted while `now <= auth_timestamp + toleranceSeconds`. Default 300. */
  toleranceSeconds?: Seconds;
  /** How far `auth_timestamp` may lie ahead of `now`. Default 86400. */
  maxFutureSeconds?: Seconds;
  /** Accept the legacy MD5 scheme, which authenticates no body field. Default false. */
  allowMd5?: boolean;
  /** Larger bodies are refused with BODY_TOO_LARGE before parsing. Default 1048576 (1 MiB). */
  maxBodyBytes?: number;
}

export type VerifierOptions = KeyOptions & PolicyOptions;

export interface VerifyOptions extends VerifierOptions {
  /** Unix seconds; default the current time. */
  now?: Seconds;
}

/** A stream status notification ("push started / ended"). Not signed: see `signedFields`. */
export interface StreamNotification {
  domain: string;
  app: string;
  stream: string;
  /** The pusher's query string (`usr_args` in some documents; always exposed as `user_args`). */
  user_args?: string;
  client_ip?: string;
  node_ip?: string;
  /** Unix seconds; one value per push session, shared by its PUBLISH and PUBLISH_DONE. */
  publish_timestamp?: number;
  event: StreamEvent;
  auth_timestamp?: number;
  auth_sign?: string;
}

/** A recording callback. */
export interface RecordCallback {
  project_id?: string;
  job_id?: string;
  task_id?: string;
  event_type: RecordEvent;
  publish_domain: string;
  app: string;
  stream: string;
  record_format?: string;
  download_url?: string;
  play_url?: string;
  asset_id?: string;
  file_size?: number;
  record_duration?: number;
  start_time?: string;
  end_time?: string;
  width?: number;
  height?: number;
  obs_location?: string;
  obs_bucket?: string;
  obs_object?: string;
  error_message?: string;
  auth_timestamp?: number;
  auth_sign?: string;
}

export type Callback = StreamNotification | RecordCallback;

export type StreamSignedFields = readonly ['event', 'domain', 'app', 'stream', 'auth_timestamp'];
export type RecordHmacSignedFields = readonly [
  'auth_timestamp',
  'event_type',
  'publish_domain',
  'app',
  'stream',
  'download_url',
  'play_url',
];
export type Md5SignedFields = readonly ['auth_timestamp'];

interface VerifiedCommon {
  /** Index in `keys` of the first key that produced the signature. */
  keyIndex: number;
  /** That key's id, when it has one. */
  keyId?: string;
}

export interface VerifiedStream extends VerifiedCommon {
  kind: 'stream';
  event: StreamEvent;
  algorithm: 'HMAC-SHA256';
  bodyAuthenticated: true;
  signedFields: StreamSignedFields;
  callback: StreamNotification;
}

export interface VerifiedRecord extends VerifiedCommon {
  kind: 'record';
  event: RecordEvent;
  algorithm: 'HMAC-SHA256';
  bodyAuthenticated: true;
  signedFields: RecordHmacSignedFields;
  callback: RecordCallback;
}

/** Accepted MD5 (`allowMd5`): the key is right, but NO body field is authenticated. */
export interface VerifiedRecordMd5 extends VerifiedCommon {
  kind: 'record';
  event: RecordEvent;
  algorithm: 'MD5';
  bodyAuthenticated: false;
  signedFields: Md5SignedFields;
  callback: RecordCallback;
}

export type Verified = VerifiedStream | VerifiedRecord | VerifiedRecordMd5;

export type Parsed =
  | { kind: 'stream'; event: StreamEvent; callback: StreamNotification }
  | { kind: 'record'; event: RecordEvent; callback: RecordCallback };

export type Verdict = 'VALID' | 'WEAK' | 'EXPIRED' | 'MALFORMED' | 'INVALID';

export interface Problem {
  code: ErrorCode;
  message: string;
}

export interface Part {
  /** The field (`'key'` for the key prefix of the MD5 scheme). */
  field: string;
  /** What it contributes (`''` when absent; `'<key>'` stands for the key). */
  value: string;
  present: boolean;
}

export interface KeyCheck {
  index: number;
  id: string | null;
  expectedSignature: string;
  matches: boolean;
  /** Why a verifier would refuse this key, if it would. */
  problem: string | null;
}

export interface Timing {
  authTimestamp: number;
  now: number;
  toleranceSeconds: number;
  maxFutureSeconds: number;
  /** `authTimestamp + toleranceSeconds`: the last second the callback is accepted. */
  expiresAt: number;
  /** `expiresAt - now`; negative once expired. */
  secondsLeft: number;
}

/**
 * Everything about why a callback verifies or not. It shows expected signatures: keep it
 * away from anyone who must not learn a valid signature. Absent values are `null`.
 */
export interface Explanation {
  verdict: Verdict;
  /** The error `verify` would throw with the same options and `now`; null: it would accept. */
  error: Problem | null;
  problems: Problem[];
  hints: string[];
  kind: Kind | null;
  event: string | null;
  algorithm: Algorithm | null;
  stringToSign: string | null;
  parts: Part[];
  receivedSignature: string | null;
  expectedSignature: string | null;
  matches: boolean;
  keyIndex: number | null;
  keyId: string | null;
  keys: KeyCheck[];
  firstDifference: number | null;
  timing: Timing | null;
  signedFields: string[];
  unsignedFields: string[];
  bodyAuthenticated: boolean;
  callback: Callback | null;
}

export interface SignOptions {
  key: string;
  /** Default 'HMAC-SHA256'. MD5 exists only for recording callbacks. */
  algorithm?: Algorithm;
  authTimestamp: Seconds;
}

export interface Signed<C extends Callback = Callback> {
  /** Compact JSON in Huawei's field order, ready to send. */
  body: string;
  /** The callback as signed (with `auth_timestamp` and `auth_sign`). */
  callback: C;
}

/** Parses and verifies a callback body. Throws `CallbackError`. */
export declare function verify(body: Body, options: VerifyOptions): Verified;

/** Validates the options and prepares every key once; reuse it for every request. */
export declare class Verifier {
  constructor(options: VerifierOptions);
  /** Throws `CallbackError`. */
  verify(body: Body, options?: { now?: Seconds }): Verified;
}

/** Parses a body without any key and without verifying anything. Throws `CallbackError`. */
export declare function parse(body: Body, options?: { maxBodyBytes?: number }): Parsed;

/** Signs a callback (tests, tools). Throws `CallbackError`. */
export declare function sign(
  callback: Omit<StreamNotification, 'publish_timestamp' | 'auth_timestamp'> & {
    publish_timestamp?: number | string;
    auth_timestamp?: number | string;
  },
  options: SignOptions & { algorithm?: 'HMAC-SHA256' },
): Signed<StreamNotification>;
export declare function sign(
  callback: Omit<RecordCallback, 'auth_timestamp'> & { auth_timestamp?: number | string },
  options: SignOptions,
): Signed<RecordCallback>;

/**
 * Explains why a body verifies or not. A bad body or a bad key is reported in the result, not
 * thrown; it throws only for wrong argument types (TypeError) and for a body larger than both
 * `maxBodyBytes` and 16 MiB (CallbackError BODY_TOO_LARGE, before it is copied).
 */
export declare function explain(body: Body, options: VerifyOptions): Explanation;

/** A new random key of `length` (32 to 128, default 64) letters and digits, at least one of each. */
export declare function generateKey(length?: number): string;

// ---------------------------------------------------------------------------------------------
// Request-level API and framework adapters (src/request.js, src/adapters/). Every receiver
// answers the same way:
//   405 (Allow: POST)  any method but POST
//   413                a body above maxBodyBytes (from Content-Length before reading, else while
//                      reading: the rest is never read)
//   401 'unauthorized' any other verification failure; the precise CallbackError goes to
//                      onError, never to the sender
//   200 'ok'           once the handler resolved (an event without a route: onUnhandled, then 200)
//   500                the handler threw or rejected (Huawei may send it again), or a body parser
//                      consumed the body first (the answer names the fix)
// Invalid keys or options throw at construction (CallbackError INVALID_KEY, TypeError), never a
// 401 later. A key with surrounding whitespace (a newline from an env file) is refused, not
// trimmed: INVALID_KEY names the character; trim it yourself if that is what you mean.
// No framework is a dependency: the adapters accept anything shaped like the framework's objects.

/** The events a route table may name (spec §1 `event`, §2 `event_type`). */
export type RoutedEvent =
  | 'PUBLISH'
  | 'PUBLISH_DONE'
  | 'RECORD_START'
  | 'RECORD_NEW_FILE_START'
  | 'RECORD_FILE_COMPLETE'
  | 'RECORD_OVER'
  | 'RECORD_FAILED';

/** The verified callback of one event: a stream notification or a recording callback. */
export type VerifiedFor<E extends RoutedEvent> = E extends 'PUBLISH' | 'PUBLISH_DONE'
  ? VerifiedStream & { event: E; callback: StreamNotification & { event: E } }
  : (VerifiedRecord | VerifiedRecordMd5) & { event: E; callback: RecordCallback & { event_type: E } };

type Awaitable<T> = T | PromiseLike<T>;

/** One handler per event, each typed to its event's callback; `A` are the framework's arguments. */
export type Routes<A extends unknown[]> = {
  [E in RoutedEvent]?: (verified: VerifiedFor<E>, ...args: A) => Awaitable<unknown>;
};

/** A single handler for every callback, or a route table by event. */
export type Handlers<A extends unknown[]> = ((verified: Verified, ...args: A) => Awaitable<unknown>) | Routes<A>;

/** The options of every receiver: those of `Verifier`, plus the clock and the hooks. */
export interface ReceiverOptions<A extends unknown[], C extends unknown[] = A> extends VerifierOptions {
  /** Unix seconds, or a function returning them, read per request. Default: the current time. */
  now?: Seconds | (() => Seconds);
  /**
   * Sees every refusal (the CallbackError behind a 401 or 413) and every failure behind a 500
   * (the handler's exception, a consumed body), with the request. For logging: what it
   * returns or throws does not change the answer.
   */
  onError?: (error: unknown, ...context: C) => void;
  /** Called for a verified event the route table has no handler for; the answer stays 200. */
  onUnhandled?: (verified: Verified, ...args: A) => Awaitable<unknown>;
}

/**
 * Reads a fetch-API Request's body as a stream and verifies it. Reading stops as soon as more
 * than `maxBodyBytes` arrived (the stream is cancelled); a Content-Length above it is refused
 * before reading. Does not look at the method. It validates the keys on every call; a server
 * should create a receiver once instead (createHandler and the adapters prepare them once).
 * @param request a fetch-API Request (Workers, Deno, Bun, Node's global Request, Hono's `c.req.raw`, Next.js)
 * @param options as for `verify`: `keys` or `key`, `now`, `toleranceSeconds`, `maxFutureSeconds`, `allowMd5`, `maxBodyBytes`
 * @returns the verified callback
 * @throws {CallbackError} (as a rejection) like `verify`: BODY_TOO_LARGE, SIGNATURE_MISMATCH, EXPIRED, INVALID_KEY, …
 * @throws {TypeError} (as a rejection) for a body that was already read
 * @example
 * const v = await verifyRequest(request, { keys: env.HUAWEI_CALLBACK_KEY.split(',') });
 * console.log(v.event, v.callback.stream);
 */
export declare function verifyRequest(request: Request, options: VerifyOptions): Promise<Verified>;

/**
 * A fetch-API handler for Workers, Deno.serve, Bun.serve and anything else that maps a Request
 * to a Response. The keys and options are checked once, here. The handler gets
 * `(verified, request, ...rest)` (rest: e.g. a Worker's `env, ctx`); a Response it returns is
 * the answer, otherwise 200 'ok'.
 * @param options `Verifier` options plus `now`, `onError(error, request)`, `onUnhandled`
 * @param handlers a function for every callback, or `{ PUBLISH: (v) => …, RECORD_FILE_COMPLETE: (v) => … }`
 * @returns `(request, ...rest) => Promise<Response>`; it never rejects
 * @throws {CallbackError} INVALID_KEY (or another code) when the keys or options are invalid
 * @throws {TypeError} for options, handlers or event names of the wrong kind
 * @example
 * const handle = createHandler({ keys: ['…'] }, {
 *   PUBLISH: (v) => markLive(v.callback.stream),
 *   PUBLISH_DONE: (v) => markOffline(v.callback.stream),
 * });
 * export default { fetch: (request) => handle(request) };
 */
export declare function createHandler<R extends unknown[] = unknown[]>(
  options: ReceiverOptions<[Request, ...R], [Request]>,
  handlers: Handlers<[Request, ...R]>,
): (request: Request, ...rest: R) => Promise<Response>;

/** What createNodeMiddleware needs of a node:http IncomingMessage (Express and Connect requests are ones). */
export interface NodeRequestLike {
  method?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  on(event: string, listener: (...args: any[]) => void): unknown;
  removeListener(event: string, listener: (...args: any[]) => void): unknown;
  pause?(): unknown;
  readonly readableEnded?: boolean;
  /** A raw body a parser kept (e.g. express.json({ verify: (req, res, buf) => { req.rawBody = buf } })). */
  rawBody?: unknown;
  /** A Buffer or string body (express.raw(), express.text()) is used; a parsed object is not. */
  body?: unknown;
}

/** What createNodeMiddleware needs of a node:http ServerResponse. */
export interface NodeResponseLike {
  statusCode: number;
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  writeHead(statusCode: number, headers: Record<string, string>): unknown;
  end(chunk?: string): unknown;
}

/**
 * A middleware for node:http, Express 4 and 5 and Connect that reads the raw body itself (with
 * the `maxBodyBytes` cap), verifies it and answers itself. Mount it before any body parser, or
 * on its own route. After a parser it uses `req.rawBody` or a Buffer/string `req.body`; a
 * parsed body alone gets 500 with a message that names the fix. The handler gets
 * `(verified, req, res)`; if it answers itself, that answer stands.
 * @param options `Verifier` options plus `now`, `onError(error, req)`, `onUnhandled`
 * @param handlers a function, or a route table by event
 * @returns `(req, res, next?) => Promise<void>`; it never rejects and never calls `next`
 * @throws {CallbackError} INVALID_KEY (or another code) when the keys or options are invalid
 * @throws {TypeError} for options, handlers or event names of the wrong kind
 * @example
 * import { createServer } from 'node:http';
 * createServer(createNodeMiddleware({ keys: ['…'] }, (v) => console.log(v.event))).listen(8080);
 * // Express: app.post('/huawei/callback', createNodeMiddleware({ keys }, handlers)); app.use(express.json());
 */
export declare function createNodeMiddleware<Req extends NodeRequestLike = NodeRequestLike, Res extends NodeResponseLike = NodeResponseLike>(
  options: ReceiverOptions<[Req, Res], [Req]>,
  handlers: Handlers<[Req, Res]>,
): (req: Req, res: Res, next?: (error?: unknown) => void) => Promise<void>;

/** The parts of a Fastify instance the plugin uses. */
export interface FastifyInstanceLike {
  removeAllContentTypeParsers(): unknown;
  addContentTypeParser(...args: any[]): unknown;
  route(options: any): unknown;
}

/**
 * A Fastify (4, 5) plugin that owns the route `options.path` (default '/'). Register it as it
 * is, without fastify-plugin: Fastify then confines the raw-body content-type parser it
 * installs (every content type left unparsed, so the route can read the raw bytes with the
 * cap) to this route. Every method is routed, so GET gets 405. Handlers get
 * `(verified, request, reply)`; one that sends the reply itself keeps it.
 * @param options `Verifier` options plus `path`, `now`, `onError(error, request)`, `onUnhandled`
 * @param handlers a function, or a route table by event
 * @throws {CallbackError} INVALID_KEY (or another code) when the keys or options are invalid
 * @throws {TypeError} for a path without a leading '/', or options/handlers of the wrong kind
 * @example
 * app.register(createFastifyPlugin({ keys: ['…'], path: '/huawei/callback' }, { PUBLISH: (v) => … }));
 */
export declare function createFastifyPlugin(
  options: ReceiverOptions<[any, any], [any]> & { path?: string },
  handlers: Handlers<[request: any, reply: any]>,
): (fastify: FastifyInstanceLike) => Promise<void>;

/** The parts of a Koa context the middleware uses. */
export interface KoaContextLike {
  method: string;
  req: NodeRequestLike;
  request?: { rawBody?: unknown };
  status: number;
  body: unknown;
  set(headers: Record<string, string>): unknown;
}

/**
 * A Koa (2, 3) middleware that answers every request it gets (mount it on the callback path,
 * e.g. with @koa/router `router.all('/huawei/callback', mw)`). It reads `ctx.req` itself with
 * the cap; after koa-bodyparser it uses `ctx.request.rawBody`. Handlers get `(verified, ctx)`;
 * one that sets `ctx.body` keeps its answer.
 * @param options `Verifier` options plus `now`, `onError(error, ctx)`, `onUnhandled`
 * @param handlers a function, or a route table by event
 * @throws {CallbackError} INVALID_KEY (or another code) when the keys or options are invalid
 * @throws {TypeError} for options, handlers or event names of the wrong kind
 * @example
 * router.all('/huawei/callback', createKoaMiddleware({ keys: ['…'] }, (v, ctx) => { … }));
 */
export declare function createKoaMiddleware<Ctx extends KoaContextLike = KoaContextLike>(
  options: ReceiverOptions<[Ctx]>,
  handlers: Handlers<[Ctx]>,
): (ctx: Ctx, next?: () => Promise<unknown>) => Promise<void>;

/** The parts of a Hono context the middleware uses. */
export interface HonoContextLike {
  req: { raw: Request };
  set: (...args: any[]) => unknown;
}

/** Hono `Variables` for the default context key: `new Hono<{ Variables: HuaweiCallbackVariables }>()`. */
export interface HuaweiCallbackVariables {
  huaweiCallback: Verified;
}

/**
 * Hono (4) middleware, in every runtime Hono runs in (Node, workerd, Deno, Bun). Without
 * `handlers`: it answers 405/413/401 itself and otherwise puts the verified callback on the
 * context (`c.get('huaweiCallback')`, or `options.variable`) and calls `next()`; the route
 * answers (an exception there is Hono's 500). With `handlers`: it answers like createHandler;
 * handlers get `(verified, c)`.
 * @param options `Verifier` options plus `variable`, `now`, `onError(error, request, c)`, `onUnhandled`
 * @param handlers optional: a function, or a route table by event
 * @throws {CallbackError} INVALID_KEY (or another code) when the keys or options are invalid
 * @throws {TypeError} for options, handlers or event names of the wrong kind
 * @example
 * const app = new Hono<{ Variables: HuaweiCallbackVariables }>();
 * app.post('/huawei/callback', createHonoMiddleware({ keys: ['…'] }), (c) => {
 *   const v = c.get('huaweiCallback');
 *   return c.text('ok');
 * });
 */
export declare function createHonoMiddleware(
  options: ReceiverOptions<[any], [Request, any]> & { variable?: string },
  handlers?: Handlers<[c: any]>,
): (c: HonoContextLike, next: () => Promise<void>) => Promise<Response | void>;

/**
 * A Next.js App Router route handler: `export const POST = nextRouteHandler(options, handlers)`
 * in `app/…/route.js`. Handlers get `(verified, request, context)`.
 * @param options `Verifier` options plus `now`, `onError(error, request)`, `onUnhandled`
 * @param handlers a function, or a route table by event
 * @returns `(request, context) => Promise<Response>`; it never rejects
 * @throws {CallbackError} INVALID_KEY (or another code) when the keys or options are invalid
 * @throws {TypeError} for options, handlers or event names of the wrong kind
 * @example
 * export const POST = nextRouteHandler({ keys: process.env.HUAWEI_CALLBACK_KEY!.split(',') }, {
 *   RECORD_FILE_COMPLETE: async (v) => { await saveRecording(v.callback.download_url); },
 * });
 */
export declare function nextRouteHandler<Ctx = unknown>(
  options: ReceiverOptions<[Request, Ctx], [Request]>,
  handlers: Handlers<[Request, Ctx]>,
): (request: Request, context: Ctx) => Promise<Response>;

/** An API Gateway REST (v1), HTTP API (v2) or function URL event, as far as the handler reads it. */
export interface LambdaHttpEvent {
  /** v1 */
  httpMethod?: string;
  /** v2 and function URLs: `requestContext.http.method` */
  requestContext?: { http?: { method: string } } & Record<string, unknown>;
  body?: string | null;
  isBase64Encoded?: boolean;
  headers?: Record<string, string | undefined> | null;
}

/** What the Lambda handler returns (the shape API Gateway and function URLs expect). */
export interface LambdaHttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

/**
 * An AWS Lambda handler for API Gateway (REST v1, HTTP API v2) and function URLs. A base64
 * body (`isBase64Encoded`) is decoded; one that cannot fit `maxBodyBytes` is refused before
 * decoding. Handlers get `(verified, event, context)`.
 * @param options `Verifier` options plus `now`, `onError(error, event, context)`, `onUnhandled`
 * @param handlers a function, or a route table by event
 * @returns `(event, context) => Promise<{ statusCode, headers, body, isBase64Encoded }>`; it never rejects
 * @throws {CallbackError} INVALID_KEY (or another code) when the keys or options are invalid
 * @throws {TypeError} for options, handlers or event names of the wrong kind
 * @example
 * export const handler = createLambdaHandler({ keys: process.env.HUAWEI_CALLBACK_KEY.split(',') }, (v) => …);
 */
export declare function createLambdaHandler<E extends LambdaHttpEvent = LambdaHttpEvent, Ctx = unknown>(
  options: ReceiverOptions<[E, Ctx]>,
  handlers: Handlers<[E, Ctx]>,
): (event: E, context: Ctx) => Promise<LambdaHttpResult>;
