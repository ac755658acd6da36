// @ts-check
// createStreamTracker: stream sessions reconciled from out-of-order notifications, and replay
// claims, on a store (memory.js, redis.js, durable-object.js). The rules are the core's
// (src/state.rs): which notifications count, the publish_timestamp bounds, the join, the keys.
// This file reads arguments, asks the core, and calls the store.
//
// Store contract (all methods async; a store error rejects, never resolves wrongly):
//   join(key, fact, ttlMs, claimKey?, claimTtlMs?)
//                           atomically: when claimKey is given and already claimed, nothing
//                           (resolves { duplicate: true, old }); else claims it (for claimTtlMs)
//                           and sets state := core join(state, fact), keeping it ttlMs; resolves
//                           { duplicate: false, old }. `old`: the previous encoded state or
//                           undefined.
//   read(key)               the encoded state or undefined.
//   claim(key, ttlMs)       true the first time a key is claimed within ttlMs, else false.
import * as arg from '../args.js';
import { bindings, result } from '../wasm.js';
import { guarded, viewState } from './common.js';

const DEFAULT_TOLERANCE = 300;
const DEFAULT_MAX_FUTURE = 86400;
const DEFAULT_SKEW = 60;
const DEFAULT_MAX_SESSION = 31622400;
const DEFAULT_FILE_TTL = 604800;

/** @param {number | bigint} v */
function num(v) {
  return Number(v);
}

/**
 * @param {unknown} store
 */
function readStore(store) {
  const s = arg.object(store, 'options.store', '{ store: memoryStore() }');
  for (const m of ['join', 'read', 'claim']) {
    if (typeof arg.own(s, m) !== 'function' && typeof (/** @type {any} */ (s)[m]) !== 'function') {
      throw new TypeError(
        `options.store must have a ${m}() method (memoryStore(), redisStore(client) or durableObjectStore(storage)), got ${arg.describe(store)}`,
      );
    }
  }
  return /** @type {any} */ (s);
}

/**
 * A verify() result: the parts the core needs.
 * @param {unknown} verified
 * @param {string} name
 */
function readVerified(verified, name) {
  const v = arg.object(verified, name, 'the result of verify()');
  const callback = arg.own(v, 'callback');
  const kind = arg.own(v, 'kind');
  if (
    (kind !== 'stream' && kind !== 'record') ||
    callback === null ||
    typeof callback !== 'object'
  ) {
    throw new TypeError(
      `${name} must be the result of verify() ({ kind, callback, … }), got ${arg.describe(verified)}`,
    );
  }
  const str = (/** @type {string} */ f) => {
    const x = arg.own(callback, f);
    if (x !== undefined && typeof x !== 'string')
      throw new TypeError(`${name}.callback.${f} must be a string, got ${arg.describe(x)}`);
    return x;
  };
  const auth = arg.own(callback, 'auth_timestamp');
  return {
    kind,
    md5: arg.own(v, 'algorithm') === 'MD5',
    callback,
    str,
    auth: auth === undefined ? undefined : arg.u64(auth, `${name}.callback.auth_timestamp`),
  };
}

/** @type {typeof import('../../index.js').createStreamTracker} */
export function createStreamTracker(options) {
  const o = arg.object(options, 'options', '{ store: memoryStore() }');
  const store = readStore(arg.own(o, 'store'));
  const secs = (/** @type {string} */ p, /** @type {number} */ d) => {
    const x = arg.own(o, p);
    return x === undefined ? d : num(arg.u64(x, `options.${p}`));
  };
  const tolerance = secs('toleranceSeconds', DEFAULT_TOLERANCE);
  const maxFuture = secs('maxFutureSeconds', DEFAULT_MAX_FUTURE);
  const skew = secs('skewSeconds', DEFAULT_SKEW);
  const maxSession = secs('maxSessionSeconds', DEFAULT_MAX_SESSION);
  const claimTtl = tolerance + maxFuture;
  const stateTtl = secs('stateTtlSeconds', maxSession + claimTtl);
  const fileTtl = secs('fileTtlSeconds', DEFAULT_FILE_TTL);
  const claimsRaw = arg.own(o, 'claims');
  if (claimsRaw !== undefined && typeof claimsRaw !== 'boolean') {
    throw new TypeError(`options.claims must be a boolean, got ${arg.describe(claimsRaw)}`);
  }
  const claims = claimsRaw ?? true;
  const clock = arg.own(o, 'clock');
  if (clock !== undefined && typeof clock !== 'function') {
    throw new TypeError(
      `options.clock must be a function returning milliseconds (like Date.now), got ${arg.describe(clock)}`,
    );
  }
  const nowOf = (/** @type {unknown} */ callOptions) => {
    if (callOptions !== undefined) {
      const n = arg.own(arg.object(callOptions, 'options', '{ now }'), 'now');
      if (n !== undefined) return arg.u64(n, 'options.now');
    }
    return Math.floor((clock === undefined ? Date.now() : Number(clock())) / 1000);
  };
  const u = (/** @type {number | bigint} */ v) => [arg.hi(v), arg.lo(v)];

  /**
   * The store key, the checked fact and (with claims) the claim key of a verified stream
   * notification; throws the core's CallbackError (recording callback, unknown event, missing
   * or out-of-bounds publish_timestamp).
   * @param {unknown} verified
   * @param {unknown} callOptions
   */
  function prepare(verified, callOptions) {
    const v = readVerified(verified, 'verified');
    const now = nowOf(callOptions);
    const pts = v.kind === 'stream' ? arg.own(v.callback, 'publish_timestamp') : undefined;
    const p = pts === undefined ? 0 : arg.u64(pts, 'verified.callback.publish_timestamp');
    const a = v.auth === undefined ? 0 : v.auth;
    const [ph, pl] = u(p);
    const [ah, al] = u(a);
    const [nh, nl] = u(now);
    const [sh, sl] = u(skew);
    const [mh, ml] = u(maxSession);
    // The core refuses what does not count (a recording callback, another event, no signature,
    // no or an out-of-bounds publish_timestamp) with its CallbackError.
    return result(
      bindings().state_prepare(
        v.kind === 'record',
        v.str('event') ?? '',
        v.str('domain') ?? '',
        v.str('app') ?? '',
        v.str('stream') ?? '',
        pts !== undefined,
        ph,
        pl,
        v.auth !== undefined,
        ah,
        al,
        v.str('auth_sign'),
        claims,
        nh,
        nl,
        sh,
        sl,
        mh,
        ml,
      ),
    );
  }

  /**
   * The claim keys of a verified callback: `{ claim, file? }`.
   * @param {unknown} verified
   */
  function keysOf(verified) {
    const v = readVerified(verified, 'verified');
    const record = v.kind === 'record';
    const [ah, al] = u(v.auth === undefined ? 0 : v.auth);
    return result(
      bindings().state_claim_keys(
        record,
        v.md5,
        (record ? v.str('event_type') : v.str('event')) ?? '',
        (record ? v.str('publish_domain') : v.str('domain')) ?? '',
        v.str('app') ?? '',
        v.str('stream') ?? '',
        record ? v.str('download_url') : undefined,
        record ? v.str('play_url') : undefined,
        v.auth !== undefined,
        ah,
        al,
        v.str('auth_sign'),
      ),
    );
  }

  return Object.freeze({
    /**
     * Applies a verified stream notification: `{ change, state: { live, session } }`.
     * @param {unknown} verified
     * @param {unknown} [callOptions] `{ now }` in Unix seconds (default: the clock)
     * @returns {Promise<{ change: import('../../index.js').StreamChange, state: import('../../index.js').StreamStatus | undefined }>}
     */
    async apply(verified, callOptions) {
      const { key, fact, claim: claimKey } = prepare(verified, callOptions);
      const r = await guarded('join', () =>
        store.join(key, fact, stateTtl * 1000, claimKey, claimTtl * 1000),
      );
      const old = r === null || typeof r !== 'object' ? r : r.old;
      if (r === null || typeof r !== 'object' || (old !== undefined && typeof old !== 'string')) {
        throw new TypeError(
          `the store's join() must resolve { duplicate, old } with old a string or undefined, got ${arg.describe(r)}`,
        );
      }
      if (r.duplicate === true) {
        // A replay of a claimed delivery: nothing applied, whatever its publish_timestamp.
        return { change: 'duplicate', state: old === undefined ? undefined : viewState(old) };
      }
      const v = result(bindings().state_reduce(old, fact));
      return { change: v.change, state: { live: v.live, session: v.session } };
    },

    /**
     * The state of a stream: `{ live, session }`, or undefined when none is stored.
     * @param {unknown} stream `{ domain, app, stream }`
     */
    async get(stream) {
      const s = arg.object(
        stream,
        'stream',
        "{ domain: 'push.example.com', app: 'live', stream: 'room123' }",
      );
      const part = (/** @type {string} */ f) => {
        const x = arg.own(s, f);
        if (typeof x !== 'string')
          throw new TypeError(`stream.${f} must be a string, got ${arg.describe(x)}`);
        return x;
      };
      const key = bindings().state_key(part('domain'), part('app'), part('stream'));
      const stored = await guarded('read', () => store.read(key));
      return stored === undefined || stored === null ? undefined : viewState(stored);
    },

    /**
     * Claims one signed delivery (stream notification or recording callback) for
     * toleranceSeconds + maxFutureSeconds: `{ claimed, key }`, `claimed` false for a replay.
     * @param {unknown} verified
     */
    async claim(verified) {
      const { claim } = keysOf(verified);
      const claimed = await guarded('claim', () => store.claim(claim, claimTtl * 1000));
      return { claimed: claimed === true, key: claim };
    },

    /**
     * Claims one recording file (RECORD_FILE_COMPLETE, across Huawei's retries) for
     * fileTtlSeconds: `{ claimed, key }`.
     * @param {unknown} verified
     */
    async claimFile(verified) {
      const keys = keysOf(verified);
      if (keys.file === undefined) {
        return result(
          keys.fileError ??
            '!UNKNOWN_CALLBACK record file key: a stream notification is not a recording callback',
        );
      }
      const claimed = await guarded('claim', () => store.claim(keys.file, fileTtl * 1000));
      return { claimed: claimed === true, key: keys.file };
    },

    /** The claim keys of a verified callback, without claiming: `{ claim, file? }`. */
    keys: keysOf,
  });
}
