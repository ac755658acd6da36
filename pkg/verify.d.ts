// Types of huaweicloud-live-callback/verify, the verify-only build: the parts of index.d.ts that
// verify, Verifier, parse and CallbackError use (the same declarations, re-exported).
export { CallbackError, Verifier, parse, verify } from './index.js';
export type {
  Algorithm,
  Body,
  Callback,
  ErrorCode,
  KeyInput,
  Kind,
  Md5SignedFields,
  Parsed,
  RecordCallback,
  RecordEvent,
  RecordHmacSignedFields,
  Seconds,
  StreamEvent,
  StreamNotification,
  StreamSignedFields,
  Verified,
  VerifiedRecord,
  VerifiedRecordMd5,
  VerifiedStream,
  VerifierOptions,
  VerifyOptions,
} from './index.js';
