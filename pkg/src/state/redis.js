// @ts-check
// redisStore: many processes sharing one Redis. Duck-typed: a node-redis v4/v5 client
// (`sendCommand([...])`) or an ioredis client (`call(name, ...args)`); neither is a dependency.
// Atomic: the join (and the claim that goes with it) is ONE Lua script (the core's src/state.rs
// REDIS_JOIN_LUA: "claim with SET NX, then keep the greater encoded state"), run with EVALSHA — one round trip — and with EVAL when Redis answers NOSCRIPT
// (after a restart or SCRIPT FLUSH; EVAL also caches it again). Claims are SET NX PX.
//
// A failing command rejects (StoreError STORE_FAILED, the client's error as `cause`). Configure
// the client to fail rather than queue while disconnected — node-redis: `disableOfflineQueue:
// true`; ioredis: `enableOfflineQueue: false, maxRetriesPerRequest: 0` — else a command waits for
// the reconnection. A timed-out or lost join that Redis did run is harmless: the join is
// idempotent, so Huawei's redelivery ends in the same state.
import * as arg from '../args.js';
import { StoreError, redisJoinScript } from './common.js';

/** @param {unknown} client */
function commander(client) {
  const c = /** @type {any} */ (
    arg.object(client, 'client', 'createClient() (node-redis) or new Redis() (ioredis)')
  );
  if (typeof c.call === 'function' && typeof c.evalsha === 'function') {
    return (/** @type {string[]} */ args) => c.call(args[0], ...args.slice(1));
  }
  if (typeof c.sendCommand === 'function') {
    return (/** @type {string[]} */ args) => c.sendCommand(args);
  }
  throw new TypeError(
    `client must be a node-redis v4+ client (sendCommand) or an ioredis client (call), got ${arg.describe(client)}`,
  );
}

/** @param {string} s */
async function sha1Hex(s) {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) return undefined;
  const d = new Uint8Array(await subtle.digest('SHA-1', new TextEncoder().encode(s)));
  return Array.from(d, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** @param {unknown} e */
function isNoScript(e) {
  return e instanceof Error && /^NOSCRIPT\b/.test(e.message);
}

/** @param {string} what @param {unknown} e */
function failed(what, e) {
  return new StoreError(
    'STORE_FAILED',
    `redis ${what} failed: ${e instanceof Error ? e.message : String(e)}`,
    e,
  );
}

/**
 * `client`: a connected node-redis v4+ or ioredis client; `options`: `{ prefix? }` (default
 * `'hwlc:'`), prepended to every key.
 * @type {typeof import('../../index.js').redisStore}
 */
export function redisStore(client, options) {
  const send = commander(client);
  const o = options === undefined ? {} : arg.object(options, 'options', "{ prefix: 'hwlc:' }");
  const p = arg.own(o, 'prefix');
  if (p !== undefined && typeof p !== 'string')
    throw new TypeError(`options.prefix must be a string, got ${arg.describe(p)}`);
  const prefix = p ?? 'hwlc:';
  /** @type {string | undefined} */
  let script;
  /** @type {string | undefined} */
  let sha;
  const ms = (/** @type {number} */ t) => String(Math.max(0, Math.ceil(t)));

  /**
   * @param {string} key @param {string} fact @param {number} ttlMs
   * @param {string | undefined} claimKey @param {number | undefined} claimTtlMs
   */
  async function evalJoin(key, fact, ttlMs, claimKey, claimTtlMs) {
    script ??= redisJoinScript();
    sha ??= await sha1Hex(script);
    const rest =
      claimKey === undefined
        ? ['1', prefix + key, fact, ms(ttlMs), '0']
        : ['2', prefix + key, prefix + claimKey, fact, ms(ttlMs), ms(Math.max(1, claimTtlMs ?? 0))];
    if (sha !== undefined) {
      try {
        return await send(['EVALSHA', sha, ...rest]);
      } catch (e) {
        if (!isNoScript(e)) throw failed('EVALSHA', e);
      }
    }
    try {
      return await send(['EVAL', script, ...rest]);
    } catch (e) {
      throw failed('EVAL', e);
    }
  }

  /** @param {unknown} v */
  function stored(v) {
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'string') return v;
    if (v instanceof Uint8Array) return new TextDecoder().decode(v);
    throw new StoreError('STORE_FAILED', `redis: unexpected reply ${arg.describe(v)}`);
  }

  return Object.freeze({
    /**
     * @param {string} key @param {string} fact @param {number} ttlMs
     * @param {string} [claimKey] @param {number} [claimTtlMs]
     */
    async join(key, fact, ttlMs, claimKey, claimTtlMs) {
      // The script answers "d" (already claimed) or "s" (joined), then the previous state.
      const r = stored(await evalJoin(key, fact, ttlMs, claimKey, claimTtlMs));
      const tag = r === undefined ? '' : r.charAt(0);
      if (tag !== 'd' && tag !== 's')
        throw new StoreError('STORE_FAILED', `redis join: unexpected reply ${arg.describe(r)}`);
      const old = /** @type {string} */ (r).slice(1);
      return { duplicate: tag === 'd', old: old === '' ? undefined : old };
    },
    /** @param {string} key */
    async read(key) {
      try {
        return stored(await send(['GET', prefix + key]));
      } catch (e) {
        throw e instanceof StoreError ? e : failed('GET', e);
      }
    },
    /** @param {string} key @param {number} ttlMs */
    async claim(key, ttlMs) {
      let r;
      try {
        r = await send(['SET', prefix + key, '1', 'NX', 'PX', ms(Math.max(1, ttlMs))]);
      } catch (e) {
        throw failed('SET NX', e);
      }
      if (r === 'OK') return true;
      if (r === null || r === undefined) return false;
      throw new StoreError('STORE_FAILED', `redis SET NX: unexpected reply ${arg.describe(r)}`);
    },
  });
}
