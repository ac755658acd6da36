// INTERIM (branch `request`): stands in for the lead's pkg/src/core.js until the commit
// "pkg: ES module layout" lands on main; the merge replaces this file with the real one.
// The runtime entries hand it the object makeApi() built (setApi), so that request.js and the
// adapters can import { Verifier, CallbackError } from './core.js' as they will after the merge.
import { CallbackError } from './wrap.js';

export let Verifier;
export let verify;
export let sign;
export { CallbackError };

/** Called once by each runtime entry with the result of makeApi(bindings). */
export function setApi(api) {
  ({ Verifier, verify, sign } = api);
}
