// Type test (ES module consumer) of huaweicloud-live-callback/verify: the verify-only build has
// the same types for what it exports, and nothing of sign, explain or generateKey.
import {
  CallbackError,
  Verifier,
  parse,
  verify,
  type ErrorCode,
  type Verified,
} from 'huaweicloud-live-callback/verify';

const key = 'k'.repeat(40);
const v: Verified = new Verifier({ key, domains: ['push.example.com'] }).verify('{}', { now: 1 });
if (v.event === 'PUBLISH') void v.callback.domain;
const once: Verified = verify(new Uint8Array(0), { keys: [key, { id: 'next', key }], now: 1n });
const p = parse('{}');
const code: ErrorCode = new CallbackError('EXPIRED', 'm').code;
// @ts-expect-error the verify-only build has no sign
import { sign } from 'huaweicloud-live-callback/verify';
void [once, p, code, sign];
