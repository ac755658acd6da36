// @ts-check
// CallbackError, in a module of its own that holds nothing else: the full build and the
// verify-only build (huaweicloud-live-callback/verify) share it, so that `err instanceof
// CallbackError` holds for an error from either when both are loaded in one process or page.
// ES module entries import this file (dist/lean/api.mjs keeps it as an import of
// ../../src/error.js), Node's `require` too (node.cjs requires node.mjs); the CommonJS builds
// (dist/inline.cjs, dist/lean/inline.cjs: Jest, Node < 20.19 / 22.12) require dist/error.cjs,
// this file as CommonJS (scripts/build-pkg.sh).

/** The error every failure of the core surfaces as; `code` is the core's stable code. */
export class CallbackError extends Error {
  /**
   * @param {import('../index.js').ErrorCode} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    /** @type {import('../index.js').ErrorCode} */
    this.code = code;
    // Declaration only (no assignment): `name` is the prototype's, defined below.
    /** @type {'CallbackError'} */
    this.name;
  }
}
Object.defineProperty(CallbackError.prototype, 'name', {
  value: 'CallbackError',
  writable: true,
  configurable: true,
});
