// Type test (CommonJS consumer) of huaweicloud-live-callback/verify: `require` resolves to
// dist/verify.d.cts.
import lean = require('huaweicloud-live-callback/verify');

const v: lean.Verified = new lean.Verifier({ key: 'k'.repeat(40) }).verify('{}', { now: 1 });
const e: lean.ErrorCode = new lean.CallbackError('EXPIRED', 'm').code;
// @ts-expect-error the verify-only build has no explain
lean.explain('{}', { key: 'k'.repeat(40) });
void [v, e];
