// @ts-check
// durableObjectStore: Cloudflare Workers. Give it the storage of ONE Durable Object
// (`ctx.storage`); route every notification of a stream (or of all streams) to that object, e.g.
// `env.TRACKER.idFromName('tracker')` or `idFromName(domain + '/' + app + '/' + stream)`. The
// object is single-threaded and `storage.transaction()` runs the read-join-write as one unit, so
// concurrent callbacks cannot interleave. The join is the core's (wasm bindings).
//
// Workers KV cannot be a store: it is eventually consistent (a write can take 60 s or more to be
// seen elsewhere, and there is no compare-and-set), so two callbacks handled in two locations
// would each read the old state and the last write would win — exactly the arrival-order bug this
// tracker exists to avoid — and a claim could succeed twice.
//
// TTLs: Durable Object storage has none of its own; each entry keeps its deadline and an
// expired one reads as absent. Claim keys are never touched again, so every write also sweeps:
// it lists SWEEP entries from a random point of the claim keys (random hex) and deletes the
// expired ones, in the same transaction (a failing sweep fails the call, with nothing written).
// Storage therefore stays proportional to the claims of the last TTL, plus a shrinking remainder.
import * as arg from '../args.js';
import { joinStates } from './common.js';

// Claim keys (the core's claim_key / record_file_key): n/ stream, r/ recording, f/ file.
const CLAIM_PREFIXES = ['n/', 'r/', 'f/'];
const SWEEP = 8;

/**
 * `storage`: a Durable Object's `ctx.storage` (DurableObjectStorage); `options`: `{ clock? }`
 * milliseconds, default Date.now.
 * @type {typeof import('../../index.js').durableObjectStore}
 */
export function durableObjectStore(storage, options) {
  const s = /** @type {any} */ (arg.object(storage, 'storage', 'ctx.storage of a Durable Object'));
  for (const m of ['get', 'put', 'delete', 'list', 'transaction']) {
    if (typeof s[m] !== 'function') {
      throw new TypeError(
        `storage must be a Durable Object's ctx.storage (it has no ${m}()), got ${arg.describe(storage)}`,
      );
    }
  }
  const o = options === undefined ? {} : arg.object(options, 'options', '{ clock: Date.now }');
  const c = arg.own(o, 'clock');
  if (c !== undefined && typeof c !== 'function')
    throw new TypeError(`options.clock must be a function, got ${arg.describe(c)}`);
  const clock = /** @type {() => number} */ (c ?? Date.now);

  /**
   * Deletes expired claims among up to SWEEP entries after a random point of the claim keys.
   * @param {any} txn @param {number} now
   */
  async function sweep(txn, now) {
    const prefix = CLAIM_PREFIXES[Math.floor(Math.random() * CLAIM_PREFIXES.length)];
    const start =
      prefix +
      Math.floor(Math.random() * 256)
        .toString(16)
        .padStart(2, '0');
    const found = await txn.list({ prefix, start, limit: SWEEP });
    const dead = [];
    for (const [k, e] of found) if (live(e, now) === undefined) dead.push(k);
    if (dead.length > 0) await txn.delete(dead);
  }

  /** @param {any} e @param {number} now */
  const live = (e, now) =>
    e !== undefined && e !== null && typeof e === 'object' && e.until > now ? e : undefined;

  return Object.freeze({
    /**
     * @param {string} key @param {string} fact @param {number} ttlMs
     * @param {string} [claimKey] @param {number} [claimTtlMs]
     */
    async join(key, fact, ttlMs, claimKey, claimTtlMs) {
      return s.transaction(async (/** @type {any} */ txn) => {
        const now = Number(clock());
        const old = live(await txn.get(key), now)?.v;
        const next = joinStates(old, fact);
        if (claimKey !== undefined) {
          if (live(await txn.get(claimKey), now) !== undefined) return { duplicate: true, old };
          await sweep(txn, now);
          await txn.put(claimKey, { v: '1', until: now + (claimTtlMs ?? 0) });
        }
        if (next !== old) await txn.put(key, { v: next, until: now + ttlMs });
        return { duplicate: false, old };
      });
    },
    /** @param {string} key */
    async read(key) {
      return live(await s.get(key), Number(clock()))?.v;
    },
    /** @param {string} key @param {number} ttlMs */
    async claim(key, ttlMs) {
      return s.transaction(async (/** @type {any} */ txn) => {
        const now = Number(clock());
        if (live(await txn.get(key), now) !== undefined) return false;
        await sweep(txn, now);
        await txn.put(key, { v: '1', until: now + ttlMs });
        return true;
      });
    },
  });
}
