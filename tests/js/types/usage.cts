// Type test (CommonJS consumer): `require` resolves to the CommonJS types (dist/index.d.cts).
import lib = require('huaweicloud-live-callback');

const key: string = lib.generateKey();
const v: lib.Verified = new lib.Verifier({ key }).verify('{}', { now: 1 });
const e: lib.ErrorCode = new lib.CallbackError('EXPIRED', 'm').code;
lib.sign(
  { domain: 'd', app: 'a', stream: 's', event: 'PUBLISH' },
  // @ts-expect-error 'SHA1' is not an Algorithm
  { key, algorithm: 'SHA1', authTimestamp: 1 },
);
void [v, e];
