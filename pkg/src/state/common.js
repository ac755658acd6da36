// @ts-check
// Shared by the stores and the tracker: the store error, and the core's state rules as the
// stores call them (the join, the Redis script). No rule is decided here: every function asks
// the Rust core through the wasm bindings, and only inside a call (never at import time).
import { bindings, result } from '../wasm.js';

/**
 * A store could not do what was asked (connection lost, script error, full, corrupt value).
 * `apply` and `claim` reject with it — never a silent success — so a handler answers 500 and
 * Huawei delivers again. `code`: `STORE_FAILED` (the store's own error is `cause`),
 * `STORE_FULL` (a bounded memory store holds `maxEntries` live entries), `STORE_CORRUPT` (a
 * stored value is not a state).
 */
export class StoreError extends Error {
  /**
   * @param {'STORE_FAILED' | 'STORE_FULL' | 'STORE_CORRUPT'} code
   * @param {string} message
   * @param {unknown} [cause]
   */
  constructor(code, message, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
  }
}
Object.defineProperty(StoreError.prototype, 'name', {
  value: 'StoreError',
  writable: true,
  configurable: true,
});

/**
 * The core's join of two encoded states (the greater one); a corrupt value is STORE_CORRUPT.
 * @param {string | undefined} old
 * @param {string} fact
 * @returns {string}
 */
export function joinStates(old, fact) {
  if (old === undefined) return fact;
  const w = bindings().state_join(old, fact);
  if (w.charCodeAt(0) === 33)
    throw new StoreError('STORE_CORRUPT', `stored stream state: ${w.slice(w.indexOf(' ') + 1)}`);
  return w;
}

/**
 * The core's Redis script of the atomic join (one source: src/state.rs REDIS_JOIN_LUA).
 * @returns {string}
 */
export function redisJoinScript() {
  return bindings().state_redis_lua();
}

/**
 * An encoded state as `{ live, session }`.
 * @param {string} stored
 */
export function viewState(stored) {
  const w = bindings().state_view(stored);
  if (w.charCodeAt(0) === 33)
    throw new StoreError('STORE_CORRUPT', `stored stream state: ${w.slice(w.indexOf(' ') + 1)}`);
  const v = result(w);
  return { live: v.live, session: v.session };
}

/**
 * Calls a store operation; anything it throws that is not already a StoreError becomes one.
 * @template T
 * @param {string} what
 * @param {() => Promise<T> | T} f
 * @returns {Promise<T>}
 */
export async function guarded(what, f) {
  try {
    return await f();
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw new StoreError(
      'STORE_FAILED',
      `store ${what} failed: ${e instanceof Error ? e.message : String(e)}`,
      e,
    );
  }
}
