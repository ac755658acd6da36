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

/** Thrown for every failure the core reports; `message` names the field, value or times. */
export declare class CallbackError extends Error {
  constructor(code: ErrorCode, message: string);
  readonly name: 'CallbackError';
  code: ErrorCode;
}

/** A callback body: the raw HTTP request body, as text or bytes. */
export type Body = string | Uint8Array | ArrayBuffer;

/**
 * An integer the package returns: a `number` up to `Number.MAX_SAFE_INTEGER` (2^53 - 1), a
 * `bigint` above it — never a rounded number.
 */
export type Integer = number | bigint;

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
   * event never arrives unasked).
   */
  allowUnknownEvents?: boolean;
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
  publish_timestamp?: Integer;
  event: StreamEvent;
  auth_timestamp?: Integer;
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
  file_size?: Integer;
  record_duration?: Integer;
  start_time?: string;
  end_time?: string;
  width?: Integer;
  height?: Integer;
  obs_location?: string;
  obs_bucket?: string;
  obs_object?: string;
  error_message?: string;
  auth_timestamp?: Integer;
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
  authTimestamp: Integer;
  now: Integer;
  toleranceSeconds: Integer;
  maxFutureSeconds: Integer;
  /** `authTimestamp + toleranceSeconds`: the last second the callback is accepted. */
  expiresAt: Integer;
  /** `expiresAt - now`; negative once expired. */
  secondsLeft: Integer;
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

/** A re-splittable boundary of the string-to-sign (see `Explanation.openBoundaries`). */
export interface Boundary {
  before: string;
  after: string;
  /** The two values after a re-split that would still verify. */
  example: [string, string];
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
// Signed ingest and playback URLs (Huawei Live "URL validation", methods A, B, D; issue 14)

/**
 * A URL-validation method (the domain's `auth_type`): `'A'` (`a_md5`), `'B'` (`b_md5`),
 * `'C'` (`c_aes`: not supported, `UNSUPPORTED_METHOD`), `'D'` (`d_sha256`, recommended; the only
 * one Huawei offers for HLS playback). Huawei's names (`'d_sha256'`) and lower case are accepted.
 */
export type UrlMethod = 'A' | 'B' | 'C' | 'D' | 'a_md5' | 'b_md5' | 'c_aes' | 'd_sha256' | (string & {});

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
export type SampleStream = Omit<StreamNotification, 'publish_timestamp' | 'auth_timestamp' | 'auth_sign'> & {
  publish_timestamp: string;
};
/** An unsigned sample recording callback. */
export type SampleRecord = Omit<RecordCallback, 'auth_timestamp' | 'auth_sign'>;
type SampleOf<E extends SampleEvent> = E extends 'PUBLISH' | 'PUBLISH_DONE' ? SampleStream : SampleRecord;

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
export declare function sampleCallback(event: string, now: number): SampleStream | SampleRecord | undefined;
