// Type test (ES module consumer): `tsc --noEmit` must accept this file, including the one
// expected error. make test-pkg copies it into the scratch project that installed the tarball.
import {
  CallbackError,
  Verifier,
  explain,
  generateKey,
  parse,
  sampleCallback,
  samples,
  sign,
  verify,
  type ErrorCode,
  type Callback,
  type Explanation,
  type RecordCallback,
  type SampleStream,
  type StreamNotification,
  type Verified,
} from 'huaweicloud-live-callback';

const key: string = generateKey(48);
const signed = sign(
  { domain: 'd', app: 'a', stream: 's', event: 'PUBLISH' },
  { key, authTimestamp: 1700000000 },
);
const streamCb: StreamNotification = signed.callback;
const recordSigned = sign(
  { event_type: 'RECORD_FILE_COMPLETE', publish_domain: 'p', app: 'a', stream: 's', file_size: 1 },
  { key, algorithm: 'MD5', authTimestamp: 1700000000n },
);
const recordCb: RecordCallback = recordSigned.callback;

const verifier = new Verifier({
  keys: [key, { id: 'next', key }],
  toleranceSeconds: 300,
  allowMd5: true,
});
const v: Verified = verifier.verify(signed.body, { now: 1700000001 });
const once: Verified = verify(new TextEncoder().encode(signed.body), {
  key,
  now: 1700000001n,
  maxBodyBytes: 65536,
});

function describe(r: Verified): string {
  switch (r.kind) {
    case 'stream':
      // Narrowed: a stream notification, always HMAC-SHA256 and body-authenticated.
      return `${r.callback.domain}/${r.callback.app}/${r.callback.stream} ${r.callback.publish_timestamp ?? 0} ${r.algorithm satisfies 'HMAC-SHA256'} ${r.bodyAuthenticated satisfies true}`;
    case 'record':
      if (r.algorithm === 'MD5') {
        const weak: false = r.bodyAuthenticated;
        return `${r.callback.publish_domain} ${weak} ${r.signedFields[0] satisfies 'auth_timestamp'}`;
      }
      return `${r.callback.event_type} ${r.callback.download_url ?? ''} ${r.keyIndex} ${r.keyId ?? ''}`;
  }
}

const p = parse('{"event":"PUBLISH","domain":"d","app":"a","stream":"s"}');
if (p.kind === 'record') {
  // Integers above 2^53 - 1 are bigints: the type says so.
  const size: number | bigint | undefined = p.callback.file_size;
  // @ts-expect-error a file_size may be a bigint
  const rounded: number | undefined = p.callback.file_size;
  void rounded;
  void size;
}

const x: Explanation = explain(signed.body, { keys: [key], now: 1 });
const code: ErrorCode | undefined = x.error?.code;
const left: number | bigint | undefined = x.timing?.secondsLeft;
const open: string[] = x.openBoundaries.map((b) => `${b.before}|${b.after}`);
void open;

try {
  verify(signed.body, { keys: [key] });
} catch (e) {
  if (e instanceof CallbackError) {
    const c: ErrorCode = e.code;
    void c;
  }
}

if (v.kind === 'record') {
  // @ts-expect-error a recording callback has publish_domain, not domain
  void v.callback.domain;
}

// Issue 11: `event` narrows `callback` under the default options.
const d: Verified = verify(signed.body, {
  key,
  now: 1700000001,
  domains: ['push.example.com'],
  apps: ['live'],
});
if (d.event === 'PUBLISH') {
  const domain: string = d.callback.domain;
  const ev: 'PUBLISH' = d.callback.event;
  void [domain, ev];
}
if (d.event === 'RECORD_FILE_COMPLETE') {
  const url: string | undefined = d.callback.download_url;
  void url;
}
// @ts-expect-error 'PUBLISHH' is no event: the comparison can never be true
if (d.event === 'PUBLISHH') void d;
// Unknown events only when the options say so, and then typed as any name.
const anyEvent = verify(signed.body, { key, allowUnknownEvents: true });
const name: string = anyEvent.event;
if (anyEvent.event === 'PUBLISH_PAUSED') void anyEvent;
const strictVerifier = new Verifier({ key });
// @ts-expect-error under the default options no event is 'PUBLISH_PAUSED'
if (strictVerifier.verify(signed.body).event === 'PUBLISH_PAUSED') void 0;
const looseVerifier = new Verifier({ key, allowUnknownEvents: true });
const looseName: string = looseVerifier.verify(signed.body).event;
// Options that need a key require one.
// @ts-expect-error no key
new Verifier({});
// @ts-expect-error an empty key list
new Verifier({ keys: [] });
// @ts-expect-error key and keys together
verify(signed.body, { key, keys: [key] });
// @ts-expect-error no key at all
verify(signed.body, { now: 1 });
const fromEnv: string[] = 'a,b'.split(',');
new Verifier({ keys: fromEnv });
// sign accepts any Callback.
const someCallback = streamCb as Callback;
const resigned = sign(someCallback, { key, authTimestamp: 1700000002 });
const resignedCb: Callback = resigned.callback;
const typedStream: StreamNotification<'PUBLISH_DONE'> = sign(
  { event: 'PUBLISH_DONE', domain: 'd', app: 'a', stream: 's' },
  { key, authTimestamp: 1 },
).callback;
sign(
  { event: 'PUBLISH', domain: 'd', app: 'a', stream: 's' },
  // @ts-expect-error stream notifications are never MD5-signed
  { key, algorithm: 'MD5', authTimestamp: 1 },
);
void [name, looseName, resignedCb, typedStream];

void [streamCb, recordCb, once, describe, code, left];

// Signed URLs (issue 14)
import { signUrl, verifyUrl, explainUrl } from 'huaweicloud-live-callback';
import type { VerifiedUrl, UrlExplanation, SignUrlOptions } from 'huaweicloud-live-callback';

const signOpts: SignUrlOptions = { key, method: 'D', time: 1_700_000_000n };
const signedUrl: string = signUrl('rtmp://push.example.com/live/s', signOpts);
const vu: VerifiedUrl = verifyUrl(signedUrl, {
  keys: [key, { id: 'new', key }],
  timeoutSeconds: 1800,
  now: 1_700_000_000,
});
const urlMethod: 'A' | 'B' | 'D' = vu.method;
const urlExpiry: number | bigint = vu.expiresAt;
const ux: UrlExplanation = explainUrl(signedUrl, { key, timeoutSeconds: 1800 });
const urlHints: string[] = ux.hints;
// @ts-expect-error timeoutSeconds is required: Huawei documents no default
verifyUrl(signedUrl, { key });
// @ts-expect-error time is required
signUrl('rtmp://push.example.com/live/s', { key });
void [urlMethod, urlExpiry, urlHints, vu.keyId, ux.window?.secondsLeft];
// Sample bodies (tests, tools): typed by event, signable as they are.
const sample: SampleStream = sampleCallback('PUBLISH', 1700000000);
const fileSize: number | bigint | undefined = sampleCallback(
  'RECORD_FILE_COMPLETE',
  1700000000,
).file_size;
const signedSample = sign({ ...samples.RECORD_OVER }, { key, authTimestamp: 1700000000 });
// @ts-expect-error samples are frozen
samples.PUBLISH.stream = 'x';

void [streamCb, recordCb, once, describe, code, left, sample, fileSize, signedSample];

// Receivers: the single handler and onUnhandled see documented events only under the default
// options; with allowUnknownEvents (true, or a boolean) they are typed VerifiedAnyEvent.
import {
  createHandler,
  createNodeMiddleware,
  createKoaMiddleware,
  type KnownEvent,
  type ReceiverOptions,
  type VerifiedAnyEvent,
} from 'huaweicloud-live-callback';

createHandler({ key }, (v) => {
  const known: KnownEvent = v.event;
  void known;
});
createHandler(
  {
    key,
    onUnhandled: (v) => {
      const known: KnownEvent = v.event;
      void known;
    },
  },
  { PUBLISH: (v) => void v.callback.domain, RECORD_OVER: (v) => void v.callback.publish_domain },
);
createHandler({ key, allowUnknownEvents: true }, (v) => {
  const any: string = v.event;
  void any;
});
createHandler({ key, allowUnknownEvents: true }, (v) => {
  // @ts-expect-error with allowUnknownEvents an undocumented event reaches the handler
  const known: KnownEvent = v.event;
  void known;
});
createNodeMiddleware(
  {
    key,
    allowUnknownEvents: true,
    onUnhandled: (v) => {
      const any: string = v.event;
      void any;
    },
  },
  { PUBLISH: (v) => void v.callback.stream },
);
// @ts-expect-error a handler of documented events only cannot take undocumented ones
createNodeMiddleware({ key, allowUnknownEvents: true }, (v: Verified) => void v);
createNodeMiddleware({ key, allowUnknownEvents: true }, (v: VerifiedAnyEvent) => void v);
const maybeLoose: boolean = Date.now() > 0;
createKoaMiddleware({ key, allowUnknownEvents: maybeLoose }, (v) => {
  // @ts-expect-error a boolean may be true: undocumented events may arrive
  const known: KnownEvent = v.event;
  void known;
});
// Options built apart, typed as the wide ReceiverOptions, take the VerifiedAnyEvent overload.
const built: ReceiverOptions<[Request], [Request]> = { key };
createHandler(built, (v) => {
  const any: string = v.event;
  void any;
});
