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
  type Explanation,
  type RecordCallback,
  type SampleStream,
  type StreamNotification,
  type Verified,
} from 'huaweicloud-live-callback';

const key: string = generateKey(48);
const signed = sign({ domain: 'd', app: 'a', stream: 's', event: 'PUBLISH' }, { key, authTimestamp: 1700000000 });
const streamCb: StreamNotification = signed.callback;
const recordSigned = sign(
  { event_type: 'RECORD_FILE_COMPLETE', publish_domain: 'p', app: 'a', stream: 's', file_size: 1 },
  { key, algorithm: 'MD5', authTimestamp: 1700000000n },
);
const recordCb: RecordCallback = recordSigned.callback;

const verifier = new Verifier({ keys: [key, { id: 'next', key }], toleranceSeconds: 300, allowMd5: true });
const v: Verified = verifier.verify(signed.body, { now: 1700000001 });
const once: Verified = verify(new TextEncoder().encode(signed.body), { key, now: 1700000001n, maxBodyBytes: 65536 });

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

// Sample bodies (tests, tools): typed by event, signable as they are.
const sample: SampleStream = sampleCallback('PUBLISH', 1700000000);
const fileSize: number | bigint | undefined = sampleCallback('RECORD_FILE_COMPLETE', 1700000000).file_size;
const signedSample = sign({ ...samples.RECORD_OVER }, { key, authTimestamp: 1700000000 });
// @ts-expect-error samples are frozen
samples.PUBLISH.stream = 'x';

void [streamCb, recordCb, once, describe, code, left, sample, fileSize, signedSample];
