// @ts-check
// CallbackError: ONE class for every copy of the package's code in a JavaScript realm. Each
// build carries this file bundled (dist/inline.mjs, dist/inline.cjs, dist/lean/*: one file per
// entry, so that Node loads one module, not a chain), and the first copy to run registers its
// class on globalThis under a registered symbol; every later copy (the other build, the
// CommonJS fallback beside `import`, a page that loads both entries) exports that same class.
// So `err instanceof CallbackError` holds for an error from either build and from `import` and
// `require` alike, as @opentelemetry/api shares its globals across copies.
// The symbol names the class's shape: bump the `@1` when the constructor or the fields change,
// so that copies of different shapes keep classes of their own.

const KEY = Symbol.for('huaweicloud-live-callback/CallbackError@1');

/** The class this copy defines; exported only when no other copy registered one first. */
class LocalCallbackError extends Error {
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
Object.defineProperty(LocalCallbackError.prototype, 'name', {
  value: 'CallbackError',
  writable: true,
  configurable: true,
});

/** @returns {typeof LocalCallbackError} the registered class, registering this copy's if none */
function shared() {
  const g = /** @type {any} */ (globalThis);
  const registered = g[KEY];
  if (typeof registered === 'function' && registered.prototype instanceof Error) return registered;
  try {
    Object.defineProperty(g, KEY, { value: LocalCallbackError });
  } catch {
    // A frozen globalThis (SES lockdown): this copy keeps its own class.
  }
  return LocalCallbackError;
}

/** The error every failure of the core surfaces as; `code` is the core's stable code. */
export const CallbackError = shared();
