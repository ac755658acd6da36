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
  | 'BODY_TOO_LARGE'
  | 'UNEXPECTED_VALUE'
  | 'UNSUPPORTED_METHOD';

/**
 * Thrown for every failure the core reports; `message` names the field, the value or the times
 * and never contains a key. Answer the sender a generic 401 and log `code` for yourself.
 * `import` and `require` in one Node.js process share this class: `instanceof` holds across them.
 *
 * @example
 * try {
 *   verify(body, { key, domains: ['push.example.com'], apps: ['live'] });
 * } catch (e) {
 *   if (!(e instanceof CallbackError)) throw e;
 *   console.warn(e.code); // 'SIGNATURE_MISMATCH', 'EXPIRED', …
 * }
 */
export declare class CallbackError extends Error {
  constructor(code: ErrorCode, message: string);
  readonly name: 'CallbackError';
  code: ErrorCode;
}

/** A callback body: the raw HTTP request body, as text or bytes (never a parsed object). */
export type Body = string | Uint8Array | ArrayBuffer;

/**
 * An integer the package returns: a `number` up to `Number.MAX_SAFE_INTEGER` (2^53 - 1), a
 * `bigint` above it — never a rounded number.
 */
export type Integer = number | bigint;

/**
 * Unix **seconds** (not milliseconds: `Math.floor(Date.now() / 1000)`); a `bigint` carries all
 * 64 bits exactly.
 */
export type Seconds = number | bigint;

/** A key as configured in the Huawei console (32 to 128 characters), optionally named. */
export type KeyInput = string | { id?: string; key: string };

export type Algorithm = 'HMAC-SHA256' | 'MD5';
export type Kind = 'stream' | 'record';

/** The documented `event` values of stream status notifications. */
export type KnownStreamEvent = 'PUBLISH' | 'PUBLISH_DONE';
/** The documented `event_type` values of recording callbacks. */
export type KnownRecordEvent =
  | 'RECORD_START'
  | 'RECORD_NEW_FILE_START'
  | 'RECORD_FILE_COMPLETE'
  | 'RECORD_OVER'
  | 'RECORD_FAILED';
/** Every documented event name. `verify` refuses others unless `allowUnknownEvents` is set. */
export type KnownEvent = KnownStreamEvent | KnownRecordEvent;
/** `event` of a stream status notification as `parse` reads it: other names are kept as sent. */
export type StreamEvent = KnownStreamEvent | (string & {});
/** `event_type` of a recording callback as `parse` reads it: other names are kept as sent. */
export type RecordEvent = KnownRecordEvent | (string & {});

/** Exactly one of `key` and `keys`: a verifier without a key does not exist. */
export type KeyOptions =
  | {
      /** A single key. */
      key: string;
      keys?: undefined;
    }
  | {
      /** Every key to accept, tried on every callback (rotation: the old and the new one). */
      keys: readonly KeyInput[];
      key?: undefined;
    };

export interface PolicyOptions {
  /** Accepted while `now <= auth_timestamp + toleranceSeconds`. Default 300. */
  toleranceSeconds?: Seconds;
  /** How far `auth_timestamp` may lie ahead of `now`. Default 86400. */
  maxFutureSeconds?: Seconds;
  /** Accept the legacy MD5 scheme, which authenticates no body field. Default false. */
  allowMd5?: boolean;
  /** Larger bodies are refused with BODY_TOO_LARGE before parsing. Default 1048576 (1 MiB). */
  maxBodyBytes?: number;
  /**
   * The ingest domains to accept (`domain` / `publish_domain`, ASCII case ignored); others are
   * refused with UNEXPECTED_VALUE after the signature check. Default: any. Set it: Huawei's
   * string-to-sign has no separators, so without it characters can move between `domain` and
   * `app` under the same signature.
   */
  domains?: readonly string[];
  /**
   * The `app` names to accept (exact); others are UNEXPECTED_VALUE. Default: any. Set it: it is
   * the only defence against `live` + `room123` verifying as `liveroom1` + `23`.
   */
  apps?: readonly string[];
  /**
   * Accept event names outside PUBLISH, PUBLISH_DONE and the five RECORD_* events. Default
   * false: any other name is UNEXPECTED_VALUE (recording subscriptions are explicit, so a new
   * event never arrives unasked). When true, `event` is typed `string`.
   */
  allowUnknownEvents?: boolean;
}

export type VerifierOptions = KeyOptions & PolicyOptions;

export type VerifyOptions = VerifierOptions & {
  /** Unix seconds; default the current time. */
  now?: Seconds;
};

// The callback interfaces and signed-field tuples are generated from the core's field table.
import type {
  Md5SignedFields,
  RecordCallback,
  RecordHmacSignedFields,
  StreamNotification,
  StreamSignedFields,
} from './fields.js';

export type {
  Md5SignedFields,
  RecordCallback,
  RecordHmacSignedFields,
  StreamNotification,
  StreamSignedFields,
} from './fields.js';

export type Callback = StreamNotification | RecordCallback;

interface VerifiedCommon {
  /** Index in `keys` of the first key that produced the signature. */
  keyIndex: number;
  /** That key's id, when it has one. */
  keyId?: string;
}

/** A verified stream notification whose `event` is `E`. */
export interface VerifiedStream<E extends string = KnownStreamEvent> extends VerifiedCommon {
  kind: 'stream';
  event: E;
  algorithm: 'HMAC-SHA256';
  bodyAuthenticated: true;
  signedFields: StreamSignedFields;
  callback: StreamNotification<E>;
}

/** A verified HMAC-SHA256 recording callback whose `event_type` is `E`. */
export interface VerifiedRecord<E extends string = KnownRecordEvent> extends VerifiedCommon {
  kind: 'record';
  event: E;
  algorithm: 'HMAC-SHA256';
  bodyAuthenticated: true;
  signedFields: RecordHmacSignedFields;
  callback: RecordCallback<E>;
}

/** Accepted MD5 (`allowMd5`): the key is right, but NO body field is authenticated. */
export interface VerifiedRecordMd5<E extends string = KnownRecordEvent> extends VerifiedCommon {
  kind: 'record';
  event: E;
  algorithm: 'MD5';
  bodyAuthenticated: false;
  signedFields: Md5SignedFields;
  callback: RecordCallback<E>;
}

type StreamOf<E> = E extends string ? VerifiedStream<E> : never;
type RecordOf<E> = E extends string ? VerifiedRecord<E> | VerifiedRecordMd5<E> : never;

/**
 * What `verify` returns under the default options: one member per documented event, so that
 * testing `event` (or `kind`, or `algorithm`) narrows `callback`.
 *
 * @example
 * const v = verify(body, options);
 * if (v.event === 'PUBLISH') console.log(v.callback.domain); // a StreamNotification<'PUBLISH'>
 */
export type Verified = StreamOf<KnownStreamEvent> | RecordOf<KnownRecordEvent>;

/** What `verify` returns with `allowUnknownEvents: true`: `event` may be any name. */
export type VerifiedAnyEvent =
  | Verified
  | VerifiedStream<string>
  | VerifiedRecord<string>
  | VerifiedRecordMd5<string>;

/** `Verified`, or `VerifiedAnyEvent` when the options may set `allowUnknownEvents`. */
export type VerifiedFor<O> = O extends { allowUnknownEvents: infer U }
  ? [U] extends [false | undefined]
    ? Verified
    : VerifiedAnyEvent
  : Verified;

/** Refuses `keys: []` at the type level (a verifier needs a key). */
type NonEmptyKeys<O> = O extends { keys: readonly [] }
  ? { keys: readonly [KeyInput, ...KeyInput[]] }
  : unknown;

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
  authTimestamp: Integer;
  now: Integer;
  toleranceSeconds: Integer;
  maxFutureSeconds: Integer;
  /** `authTimestamp + toleranceSeconds`: the last second the callback is accepted. */
  expiresAt: Integer;
  /** `expiresAt - now`; negative once expired. */
  secondsLeft: Integer;
}

/** A re-splittable boundary of the string-to-sign (see `Explanation.openBoundaries`). */
export interface Boundary {
  before: string;
  after: string;
  /** The two values after a re-split that would still verify. */
  example: [string, string];
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
  /**
   * Boundaries of the HMAC string-to-sign where moving 1 to 4 characters between two adjacent
   * signed values gives a callback these options would still accept with the same signature
   * (the string has no separators). Set `domains` and `apps` to close them.
   */
  openBoundaries: Boundary[];
  callback: Callback | null;
}

export interface SignOptions {
  /** The key (32 to 128 characters). */
  key: string;
  /** Default 'HMAC-SHA256'. MD5 exists only for recording callbacks. */
  algorithm?: Algorithm;
  /** Unix seconds (a value that can only be milliseconds is refused). */
  authTimestamp: Seconds;
}

/** A callback to sign: any `Callback`, with timestamps also as decimal strings. */
export type SignInput =
  | (Omit<StreamNotification<string>, 'publish_timestamp' | 'auth_timestamp'> & {
      publish_timestamp?: Integer | string;
      auth_timestamp?: Integer | string;
    })
  | (Omit<RecordCallback<string>, 'auth_timestamp'> & { auth_timestamp?: Integer | string });

/** The callback type `sign` returns for an input `C`. */
export type SignedCallback<C> = C extends { event: infer E extends string }
  ? StreamNotification<E>
  : C extends { event_type: infer E extends string }
    ? RecordCallback<E>
    : Callback;

export interface Signed<C extends Callback = Callback> {
  /** Compact JSON in Huawei's field order, ready to send. */
  body: string;
  /** The callback as signed (with `auth_timestamp` and `auth_sign`). */
  callback: C;
}

/**
 * Parses and verifies a callback body in one call (the keys are prepared on every call: build a
 * `Verifier` once for a server).
 *
 * @param body The raw request body: a string, `Uint8Array` or `ArrayBuffer` — never a parsed object.
 * @param options `key` or `keys`, and the policy; `now` defaults to the clock (Unix seconds).
 * @returns The verified callback; `event` narrows `callback`.
 * @throws {CallbackError} Any verification failure, with a stable `code` (`SIGNATURE_MISMATCH`,
 *   `EXPIRED`, `UNEXPECTED_VALUE`, `INVALID_KEY` for a bad key…).
 * @throws {TypeError} An argument of the wrong type (the message names it).
 * @example
 * const v = verify(await request.text(), { key: env.HUAWEI_CALLBACK_KEY.trim(), domains: ['push.example.com'], apps: ['live'] });
 * if (v.event === 'PUBLISH_DONE') markOffline(v.callback.stream);
 */
export declare function verify<const O extends VerifyOptions>(
  body: Body,
  options: O & NonEmptyKeys<O>,
): VerifiedFor<O>;

/**
 * Validates the options and prepares every key once; reuse it for every request.
 *
 * @throws {CallbackError} `INVALID_KEY` for a key that is not 32 to 128 characters without
 *   whitespace or control characters, or a `domains` entry that is not a host name.
 * @example
 * const verifier = new Verifier({ keys: ['new-key…', 'old-key…'], domains: ['push.example.com'], apps: ['live'] });
 * const v = verifier.verify(body);
 */
export declare class Verifier<const O extends VerifierOptions = VerifierOptions> {
  constructor(options: O & NonEmptyKeys<O>);
  /**
   * @param body The raw request body.
   * @param options `now` in Unix seconds; default the clock.
   * @throws {CallbackError} Any verification failure.
   */
  verify(body: Body, options?: { now?: Seconds }): VerifiedFor<O>;
}

/**
 * Parses a body without any key and without verifying anything (unknown event names are read).
 *
 * @throws {CallbackError} `MALFORMED_JSON`, `UNKNOWN_CALLBACK`, `MISSING_FIELD`, `INVALID_FIELD`,
 *   `DUPLICATE_FIELD`, `BODY_TOO_LARGE`.
 * @example
 * const { kind, event, callback } = parse(body);
 */
export declare function parse(body: Body, options?: { maxBodyBytes?: number }): Parsed;

/**
 * Signs a callback (tests, tools): any `Callback`, the signature fields replaced.
 *
 * @param callback Huawei's field names; only its own properties are read.
 * @param options The key, the algorithm (MD5 only for recordings) and `authTimestamp` in seconds.
 * @throws {CallbackError} `INVALID_KEY`, or a field error (`INVALID_FIELD`…).
 * @throws {TypeError} A value that is not a string, number, bigint, boolean or null; a
 *   millisecond `authTimestamp`.
 * @example
 * const { body } = sign({ event: 'PUBLISH', domain: 'push.example.com', app: 'live', stream: 's' }, { key, authTimestamp: 1700000000 });
 * verify(body, { key, now: 1700000000 }); // ok
 */
export declare function sign<const C extends SignInput>(
  callback: C,
  options: SignOptions & (C extends { event: string } ? { algorithm?: 'HMAC-SHA256' } : unknown),
): Signed<SignedCallback<C>>;

/**
 * Explains why a body verifies or not. A bad body or a bad key is reported in the result, not
 * thrown; it throws only for wrong argument types (TypeError) and for a body larger than both
 * `maxBodyBytes` and 16 MiB (CallbackError BODY_TOO_LARGE, before it is copied).
 *
 * @example
 * const x = explain(body, { key, now: 1587954200 });
 * console.log(x.verdict, x.error?.message, x.stringToSign, x.hints);
 */
export declare function explain(body: Body, options: VerifyOptions): Explanation;

/**
 * A new random key for the Huawei console: `length` (32 to 128, default 64) letters and digits,
 * at least one of each, from `crypto.getRandomValues`.
 *
 * @throws {RangeError} A length outside 32 to 128.
 */
export declare function generateKey(length?: number): string;

// ---------------------------------------------------------------------------------------------
// Signed ingest and playback URLs (Huawei Live "URL validation", methods A, B, D; issue 14)

/**
 * A URL-validation method (the domain's `auth_type`): `'A'` (`a_md5`), `'B'` (`b_md5`),
 * `'C'` (`c_aes`: not supported, `UNSUPPORTED_METHOD`), `'D'` (`d_sha256`, recommended; the only
 * one Huawei offers for HLS playback). Huawei's names (`'d_sha256'`) and lower case are accepted.
 */
export type UrlMethod =
  | 'A'
  | 'B'
  | 'C'
  | 'D'
  | 'a_md5'
  | 'b_md5'
  | 'c_aes'
  | 'd_sha256'
  | (string & {});

/** Options of {@link signUrl}. */
export interface SignUrlOptions {
  /** The domain's URL-validation key: 32 ASCII letters and digits, not all of one kind. */
  key: string;
  /** Default `'D'`. */
  method?: UrlMethod;
  /**
   * The start of validity, Unix seconds (number or bigint). Written in decimal for A, lowercase
   * hex for B and D. A value above 10^11 (milliseconds) is a TypeError.
   */
  time: Seconds;
  /**
   * Method A's random part: 1 to 64 ASCII letters and digits. Default: 32 lowercase hex digits
   * from `crypto.getRandomValues`. Refused (`INVALID_FIELD`) for B and D.
   */
  rand?: string;
  /** Method A's user id: 1 to 64 ASCII letters and digits. Default `'0'`. Refused for B and D. */
  uid?: string;
}

/** Options of {@link verifyUrl} and {@link explainUrl}. Only own properties are read, each once. */
export interface UrlVerifyOptions {
  /** One key. Give `key` or `keys`, not both. */
  key?: string;
  /** Keys to try, all of them in constant time (rotation); the first match is reported. */
  keys?: Array<string | { id?: string; key: string }>;
  /**
   * Required: the domain's validity `timeout`, 60 to 2,592,000 seconds (else `INVALID_FIELD`).
   * Huawei documents no default, so there is none.
   */
  timeoutSeconds: Seconds;
  /** How far the start may lie ahead of `now` before `TIMESTAMP_IN_FUTURE`. Default 300. */
  maxSkewSeconds?: Seconds;
  /** Unix seconds. Default: the clock. A value above 10^11 (milliseconds) is a TypeError. */
  now?: Seconds;
  /** The domain's method. Default: the one whose parameters the URL carries. */
  method?: UrlMethod;
}

/** A URL {@link verifyUrl} accepted. */
export interface VerifiedUrl {
  method: 'A' | 'B' | 'D';
  /** From the scheme: rtmp(s) push, http(s) .flv/.m3u8 playback, webrtc. */
  kind: 'push' | 'playback' | 'webrtc';
  /** The start of validity (a bigint above 2^53 - 1). */
  time: number | bigint;
  /** How the time is written (method A: decimal unless it has a letter). */
  timeFormat: 'decimal' | 'hex';
  /** Always `'start'`: the time is the start of validity, for B too (see `note`). */
  timeReading: 'start';
  /** `time + timeoutSeconds`: the first second the URL is no longer valid. */
  expiresAt: number | bigint;
  /** Index in `keys` of the first key that matched. */
  keyIndex: number;
  /** That key's id, when it has one. */
  keyId?: string;
  /** The stream name (last path segment without its extension). */
  stream: string;
  /** Method B only: txTime is read as the start (Huawei's page also calls it an expiry). */
  note?: string;
}

/** One key's check in a {@link UrlExplanation}. */
export interface UrlKeyCheck {
  index: number;
  id: string | null;
  /** The signature this key gives the URL: a valid signature. Keep it private. */
  expectedSignature: string;
  matches: boolean;
  /** Why verifyUrl would refuse this key (never repeats it). */
  problem: string | null;
}

/** What {@link explainUrl} found. */
export interface UrlExplanation {
  verdict: 'VALID' | 'EXPIRED' | 'MALFORMED' | 'INVALID';
  /** Exactly verifyUrl's error with the same options (`null`: valid). */
  error: { code: ErrorCode; message: string } | null;
  method: 'A' | 'B' | 'C' | 'D' | null;
  kind: 'push' | 'playback' | 'webrtc' | null;
  stream: string | null;
  /** The path method A hashes, as sent. */
  uri: string | null;
  time: number | bigint | null;
  timeFormat: 'decimal' | 'hex' | null;
  timeReading: 'start' | null;
  formula: string | null;
  /** The string that was hashed, the key written `[KEY]` (D: the HMAC message). */
  hashed: string | null;
  receivedSignature: string | null;
  expectedSignature: string | null;
  keyIndex: number | null;
  keyId: string | null;
  keys: UrlKeyCheck[];
  window: {
    startsAt: number | bigint;
    expiresAt: number | bigint;
    now: number | bigint;
    timeoutSeconds: number | bigint;
    maxSkewSeconds: number | bigint;
    /** `expiresAt - now` (zero or negative: expired). */
    secondsLeft: number | bigint;
  } | null;
  note: string | null;
  /** Likely causes: another domain's key, an expiry used as the start, a stream name with its extension, hex vs decimal. */
  hints: string[];
}

/**
 * Signs an ingest or playback URL offline (Huawei's SDKs only offer an API call for it).
 * Existing query parameters and the fragment are kept; the method's parameters are appended.
 *
 * @param url `rtmp://`, `rtmps://`, `http(s)://….flv|.m3u8` or `webrtc://` URL, unsigned.
 * @param options key, method (default `'D'`), time (start of validity), rand/uid for A.
 * @returns The signed URL.
 * @throws {CallbackError} `INVALID_KEY`, `INVALID_FIELD` (malformed URL, URL already signed, bad
 *   rand/uid), `DUPLICATE_FIELD`, `UNSUPPORTED_METHOD` (method C).
 * @throws {TypeError} wrong argument types; `time` in milliseconds.
 * @example
 * const url = signUrl('rtmp://push.example.com/live/room1', {
 *   key: 'GCTbw44s6MPLh4GqgDpnfuFHgy25Enly',
 *   time: Math.floor(Date.now() / 1000),
 * });
 * // rtmp://push.example.com/live/room1?hwSecret=…&hwTime=…
 */
export declare function signUrl(url: string, options: SignUrlOptions): string;

/**
 * Verifies a signed URL: the signature against every key in constant time (hex case ignored),
 * then the window `time <= now + maxSkewSeconds` and `now < time + timeoutSeconds`.
 *
 * @param url The URL as received (path hashed raw, not percent-decoded).
 * @param options keys, timeoutSeconds (required), maxSkewSeconds, now, method.
 * @returns The method, times and matching key.
 * @throws {CallbackError} `EXPIRED`, `TIMESTAMP_IN_FUTURE` (not valid yet), `SIGNATURE_MISMATCH`,
 *   `MISSING_SIGNATURE`, `INVALID_FIELD`, `DUPLICATE_FIELD`, `INVALID_KEY`, `UNSUPPORTED_METHOD`.
 * @throws {TypeError} wrong argument types; missing `timeoutSeconds`; `now` in milliseconds.
 * @example
 * const { method, expiresAt, keyIndex } = verifyUrl(url, {
 *   keys: [process.env.URL_KEY_OLD, process.env.URL_KEY_NEW],
 *   timeoutSeconds: 1800,
 * });
 */
export declare function verifyUrl(url: string, options: UrlVerifyOptions): VerifiedUrl;

/**
 * Explains why a URL verifies or not: the string that was hashed (key redacted), expected
 * against received signatures, the validity window and hints. Problems are in the result;
 * it throws only for wrong argument types and an unknown `method` name.
 *
 * @param url The URL to explain.
 * @param options As for {@link verifyUrl}.
 * @returns The explanation.
 * @throws {TypeError} wrong argument types.
 * @throws {CallbackError} `INVALID_FIELD` for an unknown `method` or a URL over 1 MiB.
 * @example
 * const x = explainUrl(url, { key, timeoutSeconds: 1800 });
 * if (x.error) console.log(x.error.code, x.hints);
 */
export declare function explainUrl(url: string, options: UrlVerifyOptions): UrlExplanation;
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

/**
 * The verified callback of one documented event (what a route for `E` receives): a
 * `VerifiedStream<E>` for PUBLISH/PUBLISH_DONE, a `VerifiedRecord<E>` or `VerifiedRecordMd5<E>`
 * for the RECORD_* events.
 */
export type VerifiedEvent<E extends KnownEvent> = E extends KnownStreamEvent
  ? VerifiedStream<E>
  : VerifiedRecord<E> | VerifiedRecordMd5<E>;

type Awaitable<T> = T | PromiseLike<T>;

/**
 * One handler per documented event, each typed to its event's callback; `A` are the
 * framework's arguments. An event without a handler goes to `onUnhandled` (and is answered 200).
 */
export type Routes<A extends unknown[]> = {
  [E in KnownEvent]?: (verified: VerifiedEvent<E>, ...args: A) => Awaitable<unknown>;
};

/**
 * A single handler for every callback, or a route table by event. `V` is what a single handler
 * receives: `Verified` under the default options, `VerifiedAnyEvent` when `allowUnknownEvents`
 * may be set (other event names reach it then; the routes stay one per documented event).
 */
export type Handlers<A extends unknown[], V = Verified> =
  | ((verified: V, ...args: A) => Awaitable<unknown>)
  | Routes<A>;

/**
 * `allowUnknownEvents` absent or false: the receivers' first overload, under which every callback
 * that reaches a handler or `onUnhandled` has a documented event (`Verified`). Options with
 * `allowUnknownEvents` (true, or a boolean) take the second overload, typed `VerifiedAnyEvent`.
 */
export type KnownEventsOnly = { allowUnknownEvents?: false };

/**
 * The options of every receiver: those of `Verifier`, plus the clock and the hooks. `V` is what
 * `onUnhandled` receives: by default `VerifiedAnyEvent`, as options typed apart may set
 * `allowUnknownEvents` (the receivers' first overload narrows it to `Verified`: see
 * `KnownEventsOnly`).
 */
export type ReceiverOptions<
  A extends unknown[],
  C extends unknown[] = A,
  V = VerifiedAnyEvent,
> = VerifierOptions & {
  /** Unix seconds, or a function returning them, read per request. Default: the current time. */
  now?: Seconds | (() => Seconds);
  /**
   * Sees every refusal (the CallbackError behind a 401 or 413) and every failure behind a 500
   * (the handler's exception, a consumed body), with the request. For logging: what it
   * returns or throws does not change the answer.
   */
  onError?: (error: unknown, ...context: C) => void;
  /** Called for a verified event the route table has no handler for; the answer stays 200. */
  onUnhandled?: (verified: V, ...args: A) => Awaitable<unknown>;
};

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
export declare function verifyRequest<const O extends VerifyOptions>(
  request: Request,
  options: O & NonEmptyKeys<O>,
): Promise<VerifiedFor<O>>;

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
  options: ReceiverOptions<[Request, ...R], [Request], Verified> & KnownEventsOnly,
  handlers: Handlers<[Request, ...R]>,
): (request: Request, ...rest: R) => Promise<Response>;
/**
 * `createHandler` with `allowUnknownEvents`: the same, with a single handler and `onUnhandled` typed
 * `VerifiedAnyEvent` (callbacks of undocumented events reach them too).
 */
export declare function createHandler<R extends unknown[] = unknown[]>(
  options: ReceiverOptions<[Request, ...R], [Request], VerifiedAnyEvent>,
  handlers: Handlers<[Request, ...R], VerifiedAnyEvent>,
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
export declare function createNodeMiddleware<
  Req extends NodeRequestLike = NodeRequestLike,
  Res extends NodeResponseLike = NodeResponseLike,
>(
  options: ReceiverOptions<[Req, Res], [Req], Verified> & KnownEventsOnly,
  handlers: Handlers<[Req, Res]>,
): (req: Req, res: Res, next?: (error?: unknown) => void) => Promise<void>;
/**
 * `createNodeMiddleware` with `allowUnknownEvents`: the same, with a single handler and `onUnhandled` typed
 * `VerifiedAnyEvent` (callbacks of undocumented events reach them too).
 */
export declare function createNodeMiddleware<
  Req extends NodeRequestLike = NodeRequestLike,
  Res extends NodeResponseLike = NodeResponseLike,
>(
  options: ReceiverOptions<[Req, Res], [Req], VerifiedAnyEvent>,
  handlers: Handlers<[Req, Res], VerifiedAnyEvent>,
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
  options: ReceiverOptions<[any, any], [any], Verified> & KnownEventsOnly & { path?: string },
  handlers: Handlers<[request: any, reply: any]>,
): (fastify: FastifyInstanceLike) => Promise<void>;
/**
 * `createFastifyPlugin` with `allowUnknownEvents`: the same, with a single handler and `onUnhandled` typed
 * `VerifiedAnyEvent` (callbacks of undocumented events reach them too).
 */
export declare function createFastifyPlugin(
  options: ReceiverOptions<[any, any], [any], VerifiedAnyEvent> & { path?: string },
  handlers: Handlers<[request: any, reply: any], VerifiedAnyEvent>,
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
  options: ReceiverOptions<[Ctx], [Ctx], Verified> & KnownEventsOnly,
  handlers: Handlers<[Ctx]>,
): (ctx: Ctx, next?: () => Promise<unknown>) => Promise<void>;
/**
 * `createKoaMiddleware` with `allowUnknownEvents`: the same, with a single handler and `onUnhandled` typed
 * `VerifiedAnyEvent` (callbacks of undocumented events reach them too).
 */
export declare function createKoaMiddleware<Ctx extends KoaContextLike = KoaContextLike>(
  options: ReceiverOptions<[Ctx], [Ctx], VerifiedAnyEvent>,
  handlers: Handlers<[Ctx], VerifiedAnyEvent>,
): (ctx: Ctx, next?: () => Promise<unknown>) => Promise<void>;

/** The parts of a Hono context the middleware uses. */
export interface HonoContextLike {
  req: { raw: Request };
  set: (...args: any[]) => unknown;
}

/**
 * Hono `Variables` for the default context key: `new Hono<{ Variables: HuaweiCallbackVariables }>()`
 * (`c.get('huaweiCallback')` is `Verified`). With `allowUnknownEvents`, the middleware also puts
 * callbacks of undocumented events there: type the app with
 * `HuaweiCallbackVariables<VerifiedAnyEvent>`.
 */
export interface HuaweiCallbackVariables<V extends VerifiedAnyEvent = Verified> {
  huaweiCallback: V;
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
  options: ReceiverOptions<[any], [Request, any], Verified> &
    KnownEventsOnly & { variable?: string },
  handlers?: Handlers<[c: any]>,
): (c: HonoContextLike, next: () => Promise<void>) => Promise<Response | void>;
/**
 * `createHonoMiddleware` with `allowUnknownEvents`: the same, with a single handler and `onUnhandled` typed
 * `VerifiedAnyEvent` (callbacks of undocumented events reach them too).
 */
export declare function createHonoMiddleware(
  options: ReceiverOptions<[any], [Request, any], VerifiedAnyEvent> & { variable?: string },
  handlers?: Handlers<[c: any], VerifiedAnyEvent>,
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
  options: ReceiverOptions<[Request, Ctx], [Request], Verified> & KnownEventsOnly,
  handlers: Handlers<[Request, Ctx]>,
): (request: Request, context: Ctx) => Promise<Response>;
/**
 * `nextRouteHandler` with `allowUnknownEvents`: the same, with a single handler and `onUnhandled` typed
 * `VerifiedAnyEvent` (callbacks of undocumented events reach them too).
 */
export declare function nextRouteHandler<Ctx = unknown>(
  options: ReceiverOptions<[Request, Ctx], [Request], VerifiedAnyEvent>,
  handlers: Handlers<[Request, Ctx], VerifiedAnyEvent>,
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
export declare function createLambdaHandler<
  E extends LambdaHttpEvent = LambdaHttpEvent,
  Ctx = unknown,
>(
  options: ReceiverOptions<[E, Ctx], [E, Ctx], Verified> & KnownEventsOnly,
  handlers: Handlers<[E, Ctx]>,
): (event: E, context: Ctx) => Promise<LambdaHttpResult>;
/**
 * `createLambdaHandler` with `allowUnknownEvents`: the same, with a single handler and `onUnhandled` typed
 * `VerifiedAnyEvent` (callbacks of undocumented events reach them too).
 */
export declare function createLambdaHandler<
  E extends LambdaHttpEvent = LambdaHttpEvent,
  Ctx = unknown,
>(
  options: ReceiverOptions<[E, Ctx], [E, Ctx], VerifiedAnyEvent>,
  handlers: Handlers<[E, Ctx], VerifiedAnyEvent>,
): (event: E, context: Ctx) => Promise<LambdaHttpResult>;

// ---------------------------------------------------------------- receiver state (issue 13)

/**
 * What `apply` changed: `started` (live in a session newer than any seen, not live before),
 * `restarted` (a newer session while the previous one was still live), `ended` (a
 * PUBLISH_DONE of the current session or of a newer one whose PUBLISH was not seen yet),
 * `duplicate` (already part of the state, or a replay of a claimed delivery: nothing changed),
 * `stale` (an older session, or a late PUBLISH of an ended one: nothing changed).
 */
export type StreamChange = 'started' | 'restarted' | 'ended' | 'duplicate' | 'stale';

/** The state of a stream: its newest session (its `publish_timestamp`) and whether it is live. */
export interface StreamStatus {
  live: boolean;
  /** The session's `publish_timestamp` (Unix seconds). */
  session: number;
}

export interface StreamId {
  domain: string;
  app: string;
  stream: string;
}

/**
 * A store: thin and atomic; the rule that decides the next state is the core's. Every method
 * rejects on failure (never resolves a guess).
 */
export interface StateStore {
  /**
   * Atomically: when `claimKey` is given and already claimed, nothing (`{ duplicate: true }`);
   * else claims it for `claimTtlMs` and sets the state to the core's join of the stored state
   * and `fact`, kept `ttlMs`. `old`: the previous encoded state.
   */
  join(
    key: string,
    fact: string,
    ttlMs: number,
    claimKey?: string,
    claimTtlMs?: number,
  ): Promise<{ duplicate: boolean; old: string | undefined }>;
  /** The encoded state, or undefined. */
  read(key: string): Promise<string | undefined>;
  /** `true` the first time `key` is claimed within `ttlMs`, else `false`. */
  claim(key: string, ttlMs: number): Promise<boolean>;
}

export interface StreamTrackerOptions {
  store: StateStore;
  /** The verifier's `toleranceSeconds` (claims last tolerance + max future). Default 300. */
  toleranceSeconds?: Seconds;
  /** The verifier's `maxFutureSeconds`. Default 86,400. */
  maxFutureSeconds?: Seconds;
  /** How far `publish_timestamp` may lie after min(auth_timestamp, now). Default 60. */
  skewSeconds?: Seconds;
  /** How far `publish_timestamp` may lie before auth_timestamp: the longest session. Default 31,622,400 (366 days). */
  maxSessionSeconds?: Seconds;
  /** How long a state is kept after its last change. Default maxSessionSeconds + toleranceSeconds + maxFutureSeconds. */
  stateTtlSeconds?: Seconds;
  /** How long `claimFile` remembers a recording file. Default 604,800 (7 days). */
  fileTtlSeconds?: Seconds;
  /** `apply` claims the delivery in the same atomic step (a replay is a `duplicate`). Default true. */
  claims?: boolean;
  /** Milliseconds, like Date.now (the default); `now` of apply when not given per call. */
  clock?: () => number;
}

export interface ClaimResult {
  /** `false`: already claimed (a replay, or a redelivery of a file already processed). */
  claimed: boolean;
  key: string;
}

export interface StreamTracker {
  /**
   * Applies a verified stream notification. Rejects with the core's `CallbackError`
   * (UNKNOWN_CALLBACK for a recording, INVALID_FIELD for another event or a publish_timestamp
   * outside [auth_timestamp - maxSessionSeconds, min(auth_timestamp, now) + skewSeconds],
   * MISSING_FIELD without one) or with a `StoreError`. `state` is undefined only for a duplicate
   * whose state has expired.
   */
  apply(
    verified: Verified,
    options?: { now?: Seconds },
  ): Promise<{ change: StreamChange; state: StreamStatus | undefined }>;
  /** The state of a stream, or undefined when none is stored. */
  get(stream: StreamId): Promise<StreamStatus | undefined>;
  /** Claims one signed delivery (key from signed fields only) for tolerance + max future. */
  claim(verified: Verified): Promise<ClaimResult>;
  /** Claims one recording file (HMAC-signed RECORD_FILE_COMPLETE) across re-signed retries, for fileTtlSeconds. */
  claimFile(verified: Verified): Promise<ClaimResult>;
  /** The keys `claim` and `claimFile` use. */
  keys(verified: Verified): { claim: string; file?: string; fileError?: string };
}

export declare function createStreamTracker(options: StreamTrackerOptions): StreamTracker;

/** One process: bounded (`maxEntries` states and as many claims, default 100,000), TTLs, `clock` default Date.now. */
export declare function memoryStore(options?: {
  maxEntries?: number;
  clock?: () => number;
}): StateStore & {
  size(): { states: number; claims: number };
};

/**
 * Many processes: a connected node-redis v4+ or ioredis client. One Lua script (EVALSHA, EVAL
 * on NOSCRIPT) per apply. Configure the client to fail while disconnected (node-redis
 * `disableOfflineQueue: true`; ioredis `enableOfflineQueue: false`).
 */
export declare function redisStore(client: unknown, options?: { prefix?: string }): StateStore;

/** Cloudflare Workers: a Durable Object's `ctx.storage` (read-join-write in `storage.transaction`). Workers KV cannot be a store: it is eventually consistent. */
export declare function durableObjectStore(
  storage: unknown,
  options?: { clock?: () => number },
): StateStore;

/** A store failed; apply/claim/get reject with it. */
export declare class StoreError extends Error {
  constructor(code: StoreError['code'], message: string, cause?: unknown);
  code: 'STORE_FAILED' | 'STORE_FULL' | 'STORE_CORRUPT';
  cause?: unknown;
}

/** The events `samples` has a body for: every documented stream and recording event. */
export type SampleEvent =
  | 'PUBLISH'
  | 'PUBLISH_DONE'
  | 'RECORD_START'
  | 'RECORD_NEW_FILE_START'
  | 'RECORD_FILE_COMPLETE'
  | 'RECORD_OVER'
  | 'RECORD_FAILED';

/** An unsigned sample stream notification (`publish_timestamp` a string, as Huawei sends it). */
export type SampleStream = Omit<
  StreamNotification,
  'publish_timestamp' | 'auth_timestamp' | 'auth_sign'
> & {
  publish_timestamp: string;
};
/** An unsigned sample recording callback. */
export type SampleRecord = Omit<RecordCallback, 'auth_timestamp' | 'auth_sign'>;
type SampleOf<E extends SampleEvent> = E extends 'PUBLISH' | 'PUBLISH_DONE'
  ? SampleStream
  : SampleRecord;

/**
 * Realistic, unsigned sample bodies of every documented event (modelled on the user guide's
 * examples, masked values included), frozen; for tests and tools: `sign({ ...samples.PUBLISH }, …)`.
 */
export declare const samples: { readonly [E in SampleEvent]: Readonly<SampleOf<E>> };

/**
 * A fresh, mutable copy of `samples[event]` with its times moved to `now` (Unix seconds):
 * `publish_timestamp` shortly before it, a RECORD_FILE_COMPLETE file ending at it.
 * `undefined` for an event without a sample.
 */
export declare function sampleCallback<E extends SampleEvent>(event: E, now: number): SampleOf<E>;
export declare function sampleCallback(
  event: string,
  now: number,
): SampleStream | SampleRecord | undefined;
