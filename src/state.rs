//! Receiver state (issue 13): the stream-session reducer and the replay-claim keys.
//!
//! Pure: no clock, no I/O. `now` is a parameter, and the stores (memory, Redis, Durable
//! Objects in the npm package) only keep the tiny values this module defines.
//!
//! # The reducer
//! Huawei warns that a `PUBLISH_DONE` can arrive before the `PUBLISH` of the same push and tells
//! receivers to pair them by `publish_timestamp` (spec §1). The state of one stream (keyed by
//! domain, app, stream: [`stream_key`]) is the newest session seen and whether it ended:
//! [`StreamState`] `{ session, ended }`. Each notification is the fact
//! `{ session: publish_timestamp, ended: event == PUBLISH_DONE }`, and the next state is the
//! **maximum** of the state and the fact in the order "`session` first, then `ended`
//! (`false < true`)". A maximum is a join: associative, commutative and idempotent, so the
//! same set of notifications gives the same final state in any order and with any duplicates.
//! The order gives the rules of the issue:
//! - a newer session supersedes every older one (`session` compares first);
//! - `PUBLISH_DONE` ends its session (`{s, true} > {s, false}`);
//! - a late `PUBLISH` of an ended session does not revive it (`{s, false} < {s, true}`);
//! - a `PUBLISH_DONE` of an older session does not end a newer one (`{s - 1, true} < {s, false}`).
//!
//! Ties are exact: two notifications with the same `publish_timestamp` belong to the same
//! session; `PUBLISH` and `PUBLISH_DONE` of one session tie on `session` and the `PUBLISH_DONE`
//! wins.
//!
//! # What is trusted
//! `publish_timestamp` is **not signed** (spec §6): anyone who captured a signed notification
//! can replay it within the tolerance window with any `publish_timestamp`. The reducer therefore
//! accepts it only within bounds set by the signed `auth_timestamp` and by `now`
//! ([`Bounds`]):
//!
//! `auth_timestamp - max_session_secs <= publish_timestamp <= min(auth_timestamp, now) + skew_secs`
//!
//! Anything else is refused with `INVALID_FIELD` (naming the value and the bounds) and leaves
//! the state alone: a `PUBLISH_DONE` rewritten to `publish_timestamp: 9999999999` can neither end
//! a later genuine session nor block one. A session cannot start after the notification about it
//! was signed (spec §1's example has `auth_timestamp` 6 s after `publish_timestamp`) nor after
//! `now`; the skew covers clock differences between Huawei's nodes. The lower bound keeps a
//! replayed `PUBLISH` from inventing an ancient session; it must exceed the longest push session
//! (a `PUBLISH_DONE` of a longer one is refused).
//!
//! A forger can still choose any `publish_timestamp` inside the bounds of a notification it
//! replays; claims ([`claim_key`]) close that door: claim before applying, and a replay (same
//! signed fields, whatever its unsigned ones) is a duplicate that is never applied.
//!
//! A notification **without** `publish_timestamp` is refused with `MISSING_FIELD`. Deriving a
//! session from `auth_timestamp` instead would be a guess (spec §3: its meaning is unclear) and
//! could poison the state: a replayed `PUBLISH_DONE` stripped of its `publish_timestamp` would
//! become the "session" `auth_timestamp`, newer than a genuine session started just before it,
//! and end it. A refusal changes nothing.
//!
//! # Claims
//! [`claim_key`] names one signed delivery; a store keeps a claimed key for [`claim_ttl_secs`]
//! (tolerance + max future: the whole window in which the verifier accepts that signature), so a
//! second claim within it is a duplicate and after it the verifier refuses the replay anyway.
//! [`record_file_key`] names one recording file, across Huawei's retries.

use core::cmp::Ordering;
use core::fmt;

use crate::hash::Sha256;

use crate::error::{Error, ErrorCode};
use crate::model::{Callback, StreamEvent, StreamNotification};
use crate::num::Digits;
use crate::options::Options;
use crate::signature::{hmac_parts, Algorithm};
use crate::verify::Verified;

/// The default [`Bounds::skew_secs`]: 60 seconds.
pub const DEFAULT_PUBLISH_SKEW_SECS: u64 = 60;
/// The default [`Bounds::max_session_secs`]: 31,622,400 seconds (366 days).
pub const DEFAULT_MAX_SESSION_SECS: u64 = 31_622_400;

/// How far the unsigned `publish_timestamp` may lie from the signed `auth_timestamp` (and from
/// `now`). See the [module documentation](self).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    /// How far `publish_timestamp` may lie after `min(auth_timestamp, now)`: clock differences
    /// between Huawei's nodes, and between Huawei's clock and yours (`now`; a receiver whose
    /// clock lags by more than this refuses genuine `PUBLISH`es: keep it synchronised).
    /// **Default: 60** seconds.
    pub skew_secs: u64,
    /// How far `publish_timestamp` may lie before `auth_timestamp`: the longest push session a
    /// `PUBLISH_DONE` can end. **Default: 31,622,400** seconds (366 days).
    pub max_session_secs: u64,
}

impl Default for Bounds {
    /// Skew 60 s, max session 366 days.
    fn default() -> Bounds {
        Bounds {
            skew_secs: DEFAULT_PUBLISH_SKEW_SECS,
            max_session_secs: DEFAULT_MAX_SESSION_SECS,
        }
    }
}

impl Bounds {
    /// The accepted range of `publish_timestamp` for a notification signed at `auth_timestamp`
    /// and applied at `now`, both ends included.
    pub fn range(&self, auth_timestamp: u64, now: u64) -> (u64, u64) {
        (
            auth_timestamp.saturating_sub(self.max_session_secs),
            auth_timestamp.min(now).saturating_add(self.skew_secs),
        )
    }
}

/// The state of one stream: the newest session seen and whether it ended.
///
/// Ordered by `session`, then `ended` (`false < true`); the reducer keeps the maximum. Stored as
/// one decimal integer ([`StreamState::encode`]): `session * 2 + ended`, which has the same order
/// (compare by length, then digit by digit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StreamState {
    /// The session: its `publish_timestamp` (Unix seconds).
    pub session: u64,
    /// `true` once a `PUBLISH_DONE` of this session was applied.
    pub ended: bool,
}

impl StreamState {
    /// `true` while the session has not ended.
    pub fn live(&self) -> bool {
        !self.ended
    }

    /// The join (least upper bound): the greater of the two.
    pub fn join(self, other: StreamState) -> StreamState {
        self.max(other)
    }

    /// The stored form: the decimal digits of `session * 2 + ended` (at most 20 digits, no
    /// leading zero). Its numeric order is the state order.
    pub fn encode(&self) -> String {
        (u128::from(self.session) * 2 + u128::from(self.ended)).to_string()
    }

    /// Reads [`StreamState::encode`]'s form back. Anything else (empty, a sign, a leading zero,
    /// a non-digit, a value above `2^65 - 1`) is `INVALID_FIELD`: a store holding it is corrupt.
    pub fn decode(s: &str) -> Result<StreamState, Error> {
        let bad = || {
            Error::new(
                ErrorCode::InvalidField,
                format!(
                    "stream state: stored value {} is not a state (decimal digits of session*2+ended)",
                    crate::error::quote(s)
                ),
            )
        };
        let b = s.as_bytes();
        if b.is_empty() || b.len() > 20 || (b[0] == b'0' && b.len() > 1) {
            return Err(bad());
        }
        let mut v: u128 = 0;
        for &c in b {
            if !c.is_ascii_digit() {
                return Err(bad());
            }
            v = v * 10 + u128::from(c - b'0');
        }
        let session = u64::try_from(v / 2).map_err(|_| bad())?;
        Ok(StreamState {
            session,
            ended: v % 2 == 1,
        })
    }
}

/// What applying a notification changed. Its string form ([`Change::as_str`]) is the JS API's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// `"started"`: the stream is live in a session newer than any seen, and it was not live
    /// before (no state, or the previous session had ended).
    Started,
    /// `"restarted"`: a newer session started while the previous one was still live (its
    /// `PUBLISH_DONE` is lost or has not arrived yet); the new session supersedes it.
    Restarted,
    /// `"ended"`: the state now says ended for a session at least as new as before: the
    /// `PUBLISH_DONE` of the live session, or of a newer session whose `PUBLISH` has not been
    /// seen (it arrived first, spec §1).
    Ended,
    /// `"duplicate"`: the notification is already part of the state (the same `PUBLISH` or
    /// `PUBLISH_DONE` of the current session again). Nothing changed.
    Duplicate,
    /// `"stale"`: the notification is older than the state: a session older than the current
    /// one, or a `PUBLISH` of a session that already ended. Nothing changed.
    Stale,
}

impl Change {
    /// `"started"`, `"restarted"`, `"ended"`, `"duplicate"` or `"stale"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Change::Started => "started",
            Change::Restarted => "restarted",
            Change::Ended => "ended",
            Change::Duplicate => "duplicate",
            Change::Stale => "stale",
        }
    }

    /// `true` when the state changed (started, restarted, ended).
    pub const fn changed(self) -> bool {
        matches!(self, Change::Started | Change::Restarted | Change::Ended)
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The facts of one stream notification the reducer uses, taken from a verified notification
/// ([`Notice::from_verified`]) or built directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Notice {
    /// `true` for `PUBLISH_DONE`, `false` for `PUBLISH`.
    pub ended: bool,
    /// The unsigned `publish_timestamp`, if present.
    pub publish_timestamp: Option<u64>,
    /// The signed `auth_timestamp`.
    pub auth_timestamp: u64,
}

impl Notice {
    /// The facts of a stream notification. `UNKNOWN_CALLBACK` for a recording callback,
    /// `INVALID_FIELD` for an event other than `PUBLISH` / `PUBLISH_DONE`, `MISSING_SIGNATURE`
    /// without `auth_timestamp`.
    pub fn from_stream(n: &StreamNotification) -> Result<Notice, Error> {
        let ended = match &n.event {
            StreamEvent::Publish => false,
            StreamEvent::PublishDone => true,
            // The same names built as `Other` (the wasm bindings pass names through).
            StreamEvent::Other(e) if e == StreamEvent::Publish.as_str() => false,
            StreamEvent::Other(e) if e == StreamEvent::PublishDone.as_str() => true,
            StreamEvent::Other(e) => {
                return Err(Error::new(
                    ErrorCode::InvalidField,
                    format!(
                        "stream state: event {} is neither PUBLISH nor PUBLISH_DONE",
                        crate::error::quote(e)
                    ),
                ))
            }
        };
        let auth_timestamp = n.auth_timestamp.ok_or_else(|| {
            Error::new(
                ErrorCode::MissingSignature,
                "stream state: the notification has no auth_timestamp (only signed notifications \
                 can change the state)",
            )
        })?;
        Ok(Notice {
            ended,
            publish_timestamp: n.publish_timestamp,
            auth_timestamp,
        })
    }

    /// The facts of a verified callback; see [`Notice::from_stream`].
    pub fn from_verified(v: &Verified) -> Result<Notice, Error> {
        Notice::from_callback(&v.callback)
    }

    /// The facts of a callback; see [`Notice::from_stream`].
    pub fn from_callback(callback: &Callback) -> Result<Notice, Error> {
        match callback {
            Callback::Stream(n) => Notice::from_stream(n),
            Callback::Record(_) => Err(Error::new(
                ErrorCode::UnknownCallback,
                "stream state: a recording callback is not a stream notification",
            )),
        }
    }

    /// The fact this notice stands for, after the `publish_timestamp` checks: `MISSING_FIELD`
    /// without it, `INVALID_FIELD` outside [`Bounds::range`].
    pub fn fact(&self, now: u64, bounds: &Bounds) -> Result<StreamState, Error> {
        let session = self.publish_timestamp.ok_or_else(|| {
            Error::new(
                ErrorCode::MissingField,
                "missing field publish_timestamp: stream state needs it to pair PUBLISH and \
                 PUBLISH_DONE (spec §1) and does not guess one",
            )
        })?;
        let (low, high) = bounds.range(self.auth_timestamp, now);
        if session < low || session > high {
            return Err(Error::new(
                ErrorCode::InvalidField,
                format!(
                    "publish_timestamp {session} is outside [{low}, {high}], the range the signed \
                     auth_timestamp {} and now {now} allow (skew {} s, max session {} s)",
                    self.auth_timestamp, bounds.skew_secs, bounds.max_session_secs
                ),
            ));
        }
        Ok(StreamState {
            session,
            ended: self.ended,
        })
    }
}

/// Joins a checked fact into a state: the new state (the maximum) and what changed.
/// This is the whole reducer; stores run it atomically (the Redis script runs
/// [`REDIS_JOIN_LUA`], the same maximum).
pub fn reduce(state: Option<StreamState>, fact: StreamState) -> (StreamState, Change) {
    let Some(old) = state else {
        let change = if fact.ended {
            Change::Ended
        } else {
            Change::Started
        };
        return (fact, change);
    };
    let change = match fact.cmp(&old) {
        Ordering::Equal => Change::Duplicate,
        Ordering::Less => Change::Stale,
        Ordering::Greater if fact.ended => Change::Ended,
        Ordering::Greater if old.ended => Change::Started,
        Ordering::Greater => Change::Restarted,
    };
    (old.join(fact), change)
}

/// Applies one notification at time `now`: checks its `publish_timestamp` against the
/// [`Bounds`] ([`Notice::fact`]) and joins it ([`reduce`]). On an error the state is unchanged.
///
/// ```
/// use huaweicloud_live_callback::state::{apply, Bounds, Change, Notice};
/// let b = Bounds::default();
/// let done = Notice { ended: true, publish_timestamp: Some(1_700_000_000), auth_timestamp: 1_700_000_900 };
/// let publish = Notice { ended: false, publish_timestamp: Some(1_700_000_000), auth_timestamp: 1_700_000_006 };
/// // PUBLISH_DONE first (spec §1), then the late PUBLISH of the same session:
/// let (s, c) = apply(None, &done, 1_700_000_901, &b).unwrap();
/// assert_eq!(c, Change::Ended);
/// let (s, c) = apply(Some(s), &publish, 1_700_000_902, &b).unwrap();
/// assert_eq!((s.live(), c), (false, Change::Stale));
/// // A PUBLISH_DONE rewritten to publish_timestamp 9999999999 is refused:
/// let forged = Notice { publish_timestamp: Some(9_999_999_999), ..done };
/// assert!(apply(Some(s), &forged, 1_700_000_903, &b).is_err());
/// ```
pub fn apply(
    state: Option<StreamState>,
    notice: &Notice,
    now: u64,
    bounds: &Bounds,
) -> Result<(StreamState, Change), Error> {
    Ok(reduce(state, notice.fact(now, bounds)?))
}

/// The Redis Lua script of the stores' atomic join, optionally with a claim in the same step.
///
/// `KEYS[1]` the state key; `KEYS[2]`, when given, the claim key ([`claim_key`]); `ARGV[1]` the
/// fact ([`StreamState::encode`]); `ARGV[2]` the state's TTL in milliseconds (`0`: none);
/// `ARGV[3]` the claim's TTL in milliseconds. Steps, all in one atomic script:
/// 1. a stored value that is not an encoded state makes the script fail (`ERR` reply) and
///    changes nothing — a corrupt state is an error, never silently overwritten;
/// 2. with a claim key: `SET NX PX`; when it was already claimed, nothing else happens and the
///    reply is `d` + the stored state (a replay, whatever its unsigned fields);
/// 3. the key is set to the greater of the stored and the new state (numeric order of decimal
///    digits without leading zeros: longer is greater, then digit by digit), keeping the stored
///    one (and its TTL) when it is not smaller; the reply is `s` + the previous state.
///
/// The state part of a reply is empty when there was none. The npm package loads this text from
/// the core (one source), and its tests check the script against [`reduce`] on a real Redis.
pub const REDIS_JOIN_LUA: &str = r#"local old = redis.call('GET', KEYS[1])
if old and (type(old) ~= 'string' or not string.match(old, '^[0-9]+$') or #old > 20 or (#old > 1 and string.sub(old, 1, 1) == '0')) then
  return redis.error_reply('ERR hwlc: corrupt stream state at ' .. KEYS[1])
end
if #KEYS > 1 and not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[3]) then
  return 'd' .. (old or '')
end
local new = ARGV[1]
local keep = false
if old then
  if #old > #new then
    keep = true
  elseif #old == #new then
    keep = true
    for i = 1, #old do
      local a, b = string.byte(old, i), string.byte(new, i)
      if a ~= b then
        keep = a > b
        break
      end
    end
  end
end
if not keep then
  if ARGV[2] ~= '0' then
    redis.call('SET', KEYS[1], new, 'PX', ARGV[2])
  else
    redis.call('SET', KEYS[1], new)
  end
end
return 's' .. (old or '')
"#;

/// The store key of a stream: `s/<len>:<domain>/<len>:<app>/<stream>` (lengths in bytes), so
/// that no two (domain, app, stream) triples share a key.
pub fn stream_key(domain: &str, app: &str, stream: &str) -> String {
    let mut k = String::with_capacity(domain.len() + app.len() + stream.len() + 16);
    k.push_str("s/");
    k.push_str(Digits::new(domain.len() as u64).as_str());
    k.push(':');
    k.push_str(domain);
    k.push('/');
    k.push_str(Digits::new(app.len() as u64).as_str());
    k.push(':');
    k.push_str(app);
    k.push('/');
    k.push_str(stream);
    k
}

/// How long a store must keep a claim: `tolerance_secs + max_future_secs` (saturating), the
/// whole window in which the verifier accepts one `auth_timestamp` (spec §3). With the
/// defaults: 86,700 seconds.
pub fn claim_ttl_secs(options: &Options) -> u64 {
    options
        .tolerance_secs
        .saturating_add(options.max_future_secs)
}

fn hex_sha256(tag: &[u8], parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    h.update(tag);
    for p in parts {
        h.update(p);
    }
    hex::encode(h.finalize())
}

/// The idempotency key of one signed delivery, from signed fields only:
/// `n/` (stream notification) or `r/` (recording callback) + hex SHA-256 of the exact
/// string-to-sign (spec §1: event, domain, app, stream, auth_timestamp; spec §2 for recordings)
/// followed by the lowercased `auth_sign`.
///
/// It distinguishes every pair of deliveries the signature distinguishes, and no more: a replay
/// with other unsigned fields (`publish_timestamp`, `client_ip`, `file_size`…) has the same key
/// — which is the point. Because it hashes the string-to-sign itself, the boundary-shifted
/// variants of spec §6 (`PUBLISH_DONE` + `push.example.com` read as `PUBLISH` +
/// `_DONEpush.example.com`) have the same key too, so a claim covers them as well. The case of
/// the hex signature does not matter (the verifier compares it case-insensitively).
///
/// `MD5_NOT_ALLOWED` for an MD5-signed recording callback: that scheme binds no field (only
/// `auth_timestamp`), so no key derived from signed fields could tell two of them apart.
/// `MISSING_SIGNATURE` without `auth_timestamp` / `auth_sign`.
pub fn claim_key(callback: &Callback, algorithm: Algorithm) -> Result<String, Error> {
    if algorithm == Algorithm::Md5 {
        return Err(Error::new(
            ErrorCode::Md5NotAllowed,
            "claim key: an MD5-signed recording callback binds no field but auth_timestamp, so no \
             idempotency key can be derived from signed fields",
        ));
    }
    let (Some(ts), Some(sign)) = (callback.auth_timestamp(), callback.auth_sign()) else {
        return Err(Error::new(
            ErrorCode::MissingSignature,
            "claim key: the callback has no auth_timestamp / auth_sign",
        ));
    };
    let digits = Digits::new(ts);
    let values = callback.signed_values();
    let (parts, n) = hmac_parts(&values, digits.as_str());
    let sign = sign.to_ascii_lowercase();
    let mut h = Sha256::new();
    let tag: &[u8] = match callback {
        Callback::Stream(_) => b"hwlc claim n\n",
        Callback::Record(_) => b"hwlc claim r\n",
    };
    h.update(tag);
    for (_, v) in &parts[..n] {
        h.update(v.as_bytes());
    }
    h.update(b"\n");
    h.update(sign.as_bytes());
    let prefix = match callback {
        Callback::Stream(_) => "n/",
        Callback::Record(_) => "r/",
    };
    Ok(format!("{prefix}{}", hex::encode(h.finalize())))
}

/// The key of one recording file, so that a receiver processes each `RECORD_FILE_COMPLETE` file
/// once: `f/` + hex SHA-256 of `publish_domain + app + stream + download_url` (the signed fields
/// that name the file, concatenated as the signature concatenates them), **without**
/// `auth_timestamp` and `auth_sign`: Huawei's retry of the same file with a fresh signature has
/// the same key, which a per-delivery [`claim_key`] would not give.
///
/// What it cannot distinguish: two files at the same `download_url` (an object overwritten in
/// place) are one file to it; the unsigned fields (`job_id`, `asset_id`, the OBS object…) are
/// not part of it (they could be forged). Keep the claim as long as Huawei may retry (not documented, spec §7).
///
/// `INVALID_FIELD` for another event or a recording signed with MD5 (its `download_url` is not
/// signed: `MD5_NOT_ALLOWED`), `MISSING_FIELD` without a `download_url`.
pub fn record_file_key(callback: &Callback, algorithm: Algorithm) -> Result<String, Error> {
    let Callback::Record(r) = callback else {
        return Err(Error::new(
            ErrorCode::UnknownCallback,
            "record file key: a stream notification is not a recording callback",
        ));
    };
    if algorithm == Algorithm::Md5 {
        return Err(Error::new(
            ErrorCode::Md5NotAllowed,
            "record file key: an MD5-signed recording callback does not sign download_url",
        ));
    }
    if r.event_type.as_str() != "RECORD_FILE_COMPLETE" {
        return Err(Error::new(
            ErrorCode::InvalidField,
            format!(
                "record file key: event_type {} is not RECORD_FILE_COMPLETE",
                crate::error::quote(r.event_type.as_str())
            ),
        ));
    }
    let url = match r.download_url.as_deref() {
        Some(u) if !u.is_empty() => u,
        _ => {
            return Err(Error::new(
                ErrorCode::MissingField,
                "missing field download_url: a RECORD_FILE_COMPLETE names its file by it",
            ))
        }
    };
    Ok(format!(
        "f/{}",
        hex_sha256(
            b"hwlc file\n",
            &[
                r.publish_domain.as_bytes(),
                r.app.as_bytes(),
                r.stream.as_bytes(),
                url.as_bytes(),
            ],
        )
    ))
}

/// [`claim_key`] of a verified callback.
pub fn claim_key_of(v: &Verified) -> Result<String, Error> {
    claim_key(&v.callback, v.algorithm)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(session: u64, ended: bool) -> StreamState {
        StreamState { session, ended }
    }

    #[test]
    fn encode_decode() {
        for s in [
            st(0, false),
            st(0, true),
            st(1_700_000_000, true),
            st(u64::MAX, true),
            st(u64::MAX, false),
        ] {
            assert_eq!(StreamState::decode(&s.encode()).unwrap(), s);
        }
        assert_eq!(st(u64::MAX, true).encode(), "36893488147419103231");
        for bad in [
            "",
            "01",
            "-1",
            "1a",
            " 1",
            "36893488147419103232",
            "999999999999999999999",
        ] {
            let e = StreamState::decode(bad).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidField, "{bad}");
        }
    }

    #[test]
    fn reduce_changes() {
        assert_eq!(reduce(None, st(5, false)), (st(5, false), Change::Started));
        assert_eq!(reduce(None, st(5, true)), (st(5, true), Change::Ended));
        let live = Some(st(5, false));
        assert_eq!(reduce(live, st(5, false)).1, Change::Duplicate);
        assert_eq!(reduce(live, st(5, true)), (st(5, true), Change::Ended));
        assert_eq!(
            reduce(live, st(6, false)),
            (st(6, false), Change::Restarted)
        );
        assert_eq!(reduce(live, st(4, true)), (st(5, false), Change::Stale));
        let ended = Some(st(5, true));
        assert_eq!(reduce(ended, st(5, false)), (st(5, true), Change::Stale));
        assert_eq!(reduce(ended, st(6, false)), (st(6, false), Change::Started));
        assert_eq!(reduce(ended, st(5, true)).1, Change::Duplicate);
    }

    #[test]
    fn bounds() {
        let b = Bounds::default();
        let n = Notice {
            ended: true,
            publish_timestamp: Some(9_999_999_999),
            auth_timestamp: 1_700_000_000,
        };
        let e = n.fact(1_700_000_010, &b).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidField);
        assert!(e.message().contains("9999999999"), "{e}");
        assert!(e.message().contains("1700000060"), "{e}");
        let n = Notice {
            publish_timestamp: None,
            ..n
        };
        assert_eq!(
            n.fact(1_700_000_010, &b).unwrap_err().code(),
            ErrorCode::MissingField
        );
        // now below auth_timestamp (auth_timestamp as an expiry time): now bounds it.
        assert_eq!(b.range(1_700_000_000, 1_600_000_000).1, 1_600_000_060);
        assert_eq!(b.range(10, u64::MAX), (0, 70));
        assert_eq!(
            Bounds {
                skew_secs: u64::MAX,
                max_session_secs: 0
            }
            .range(u64::MAX, u64::MAX),
            (u64::MAX, u64::MAX)
        );
    }

    #[test]
    fn stream_keys_are_unambiguous() {
        assert_eq!(
            stream_key("push.example.com", "live", "room123"),
            "s/16:push.example.com/4:live/room123"
        );
        assert_ne!(stream_key("a", "b/c", "d"), stream_key("a", "b", "c/d"));
        assert_ne!(stream_key("a/1:b", "c", "d"), stream_key("a", "b/1:c", "d"));
    }
}
