// @ts-check
// memoryStore: one process. Bounded (maxEntries states and maxEntries claims), with TTLs, time
// from an injectable clock. Atomic by construction: each operation runs to completion in one
// synchronous step of the event loop (the join is the core's, through the wasm bindings).
import * as arg from '../args.js';
import { StoreError, joinStates } from './common.js';

const DEFAULT_MAX_ENTRIES = 100000;

/**
 * A bounded map with a deadline per entry. Entries are kept in the order of their last write;
 * with one TTL per map (the tracker's) that is the order of their deadlines, so a sweep from the
 * front finds the expired ones at once.
 */
class Table {
  /** @param {number} max @param {() => number} clock @param {string} what */
  constructor(max, clock, what) {
    /** @type {Map<string, { v: string, until: number }>} */
    this.map = new Map();
    this.max = max;
    this.clock = clock;
    this.what = what;
  }

  now() {
    const t = Number(this.clock());
    if (!Number.isFinite(t))
      throw new StoreError(
        'STORE_FAILED',
        `memory store: the clock returned ${String(t)}, not milliseconds`,
      );
    return t;
  }

  /** @param {string} key @param {number} now */
  live(key, now) {
    const e = this.map.get(key);
    if (e === undefined) return undefined;
    if (e.until <= now) {
      this.map.delete(key);
      return undefined;
    }
    return e;
  }

  /** Makes room for one new entry, or throws STORE_FULL. @param {number} now */
  room(now) {
    if (this.map.size < this.max) return;
    for (const [k, e] of this.map) {
      if (e.until > now) break;
      this.map.delete(k);
    }
    if (this.map.size < this.max) return;
    // Out-of-order deadlines (another TTL): one full sweep before refusing.
    for (const [k, e] of this.map) if (e.until <= now) this.map.delete(k);
    if (this.map.size < this.max) return;
    // Evicting a live entry would forget a claim (a replay would pass) or a state (a late
    // PUBLISH would revive an ended session): refuse instead.
    throw new StoreError(
      'STORE_FULL',
      `memory store: ${this.max} unexpired ${this.what} (maxEntries); not evicting any`,
    );
  }

  /** @param {string} key @param {string} v @param {number} ttlMs @param {number} now */
  set(key, v, ttlMs, now) {
    if (!this.map.delete(key)) this.room(now);
    this.map.set(key, { v, until: now + ttlMs });
  }
}

/**
 * `options`: `{ maxEntries?, clock? }`.
 * @type {typeof import('../../index.js').memoryStore}
 */
export function memoryStore(options) {
  const o = options === undefined ? {} : arg.object(options, 'options', '{ maxEntries: 100000 }');
  const maxRaw = arg.own(o, 'maxEntries');
  const max =
    maxRaw === undefined ? DEFAULT_MAX_ENTRIES : Number(arg.u64(maxRaw, 'options.maxEntries'));
  if (max < 1) throw new RangeError('options.maxEntries must be at least 1');
  const clockRaw = arg.own(o, 'clock');
  if (clockRaw !== undefined && typeof clockRaw !== 'function') {
    throw new TypeError(
      `options.clock must be a function returning milliseconds (like Date.now), got ${arg.describe(clockRaw)}`,
    );
  }
  const clock = /** @type {() => number} */ (clockRaw ?? Date.now);
  const states = new Table(max, clock, 'stream states');
  const claims = new Table(max, clock, 'claims');
  return Object.freeze({
    /**
     * @param {string} key @param {string} fact @param {number} ttlMs
     * @param {string} [claimKey] @param {number} [claimTtlMs]
     */
    async join(key, fact, ttlMs, claimKey, claimTtlMs) {
      const now = states.now();
      const old = states.live(key, now)?.v;
      // Everything that can fail comes before the first write: all or nothing.
      const next = joinStates(old, fact);
      if (claimKey !== undefined) {
        if (claims.live(claimKey, now) !== undefined) return { duplicate: true, old };
        claims.room(now);
      }
      if (next !== old && !states.map.has(key)) states.room(now);
      if (claimKey !== undefined) claims.set(claimKey, '1', claimTtlMs ?? 0, now);
      // An unchanged state keeps its deadline (as the Redis script does).
      if (next !== old) states.set(key, next, ttlMs, now);
      return { duplicate: false, old };
    },
    /** @param {string} key */
    async read(key) {
      return states.live(key, states.now())?.v;
    },
    /** @param {string} key @param {number} ttlMs */
    async claim(key, ttlMs) {
      const now = claims.now();
      if (claims.live(key, now) !== undefined) return false;
      claims.set(key, '1', ttlMs, now);
      return true;
    },
    /** Live entries (expired ones may still be counted until swept): `{ states, claims }`. */
    size() {
      return { states: states.map.size, claims: claims.map.size };
    },
  });
}
