//! [`Verifier`]: checks a callback's signature against every configured key, then its time.

use core::fmt;

use crate::ct::{eq_mask, FirstMatch};
use crate::error::{Error, ErrorCode};
use crate::hash::{HmacSha256, Md5};
use crate::model::{Callback, Kind, SignedValues};
use crate::msg::msg;
use crate::num::Digits;
use crate::options::Options;
use crate::parse::{parse_ref, CallbackRef};
use crate::rules::{check_expected, check_shape, ValueRules};
use crate::signature::{
    hmac_key, hmac_parts, hmac_parts_sha256, md5, md5_key, signed_fields, Algorithm,
};

/// A callback that passed verification.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Verified {
    /// The typed callback, with Huawei's field names.
    pub callback: Callback,
    /// The scheme that matched.
    pub algorithm: Algorithm,
    /// The index, in [`Options::keys`], of the first key that produced the signature.
    pub key_index: usize,
    /// That key's id, if it has one.
    pub key_id: Option<String>,
    /// `true` for HMAC-SHA256. `false` for MD5, which covers no field of the body: an accepted
    /// MD5 callback proves only that someone knew the key (or replayed a signature) — every
    /// field may have been changed.
    pub body_authenticated: bool,
    /// The body fields the signature covers, in string-to-sign order. Every other field
    /// (`user_args`, `client_ip`, `node_ip`, `publish_timestamp`, `file_size`…) is **not**
    /// authenticated.
    pub signed_fields: &'static [&'static str],
}

impl Verified {
    /// The callback kind.
    pub fn kind(&self) -> Kind {
        self.callback.kind()
    }

    /// The event name as sent (`PUBLISH`, `RECORD_FILE_COMPLETE`, …).
    pub fn event(&self) -> &str {
        self.callback.event()
    }

    /// The verified `auth_timestamp`.
    pub fn auth_timestamp(&self) -> u64 {
        self.callback.auth_timestamp().unwrap_or_default()
    }
}

/// A callback that passed verification, borrowing its strings from the body
/// ([`Verifier::verify_ref`]).
#[derive(Clone, Debug)]
pub struct VerifiedRef<'a> {
    /// The callback, read without copying.
    pub callback: CallbackRef<'a>,
    /// The scheme that matched.
    pub algorithm: Algorithm,
    /// The index, in [`Options::keys`], of the first key that produced the signature
    /// ([`Verifier::key_id`] gives its id).
    pub key_index: usize,
    /// See [`Verified::body_authenticated`].
    pub body_authenticated: bool,
    /// See [`Verified::signed_fields`].
    pub signed_fields: &'static [&'static str],
}

/// A key with its keyed hash states, prepared once in [`Verifier::new`].
#[derive(Clone)]
struct PreparedKey {
    id: Option<String>,
    hmac: HmacSha256,
    md5: Md5,
}

/// Verifies callbacks against one or more keys. Build it once (this validates the keys and
/// computes each key's HMAC inner/outer state) and share it: `verify` takes `&self`.
///
/// ```
/// use huaweicloud_live_callback::{ErrorCode, Options, Verifier};
/// let verifier = Verifier::new(Options::new(["0123456789abcdefghijklmnopqrstuvwxyzABCD"])).unwrap();
/// let forged = br#"{"domain":"d","app":"a","stream":"s","event":"PUBLISH","auth_timestamp":1700000000,"auth_sign":"00000000000000000000000000000000000000000000000000000000000000ff"}"#;
/// let err = verifier.verify(forged, 1_700_000_001).unwrap_err();
/// assert_eq!(err.code(), ErrorCode::SignatureMismatch);
/// ```
#[derive(Clone)]
pub struct Verifier {
    keys: Vec<PreparedKey>,
    tolerance_secs: u64,
    max_future_secs: u64,
    allow_md5: bool,
    max_body_bytes: usize,
    rules: ValueRules,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<_> = self.keys.iter().map(|k| k.id.as_deref()).collect();
        f.debug_struct("Verifier")
            .field(
                "keys",
                &format_args!("[REDACTED; {}] ids={:?}", self.keys.len(), ids),
            )
            .field("tolerance_secs", &self.tolerance_secs)
            .field("max_future_secs", &self.max_future_secs)
            .field("allow_md5", &self.allow_md5)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("domains", &self.rules.domains)
            .field("apps", &self.rules.apps)
            .field("allow_unknown_events", &self.rules.allow_unknown_events)
            .finish()
    }
}

impl Verifier {
    /// Validates the options and prepares each key. `INVALID_KEY` when there is no key, a key
    /// is not 32 to 128 characters without whitespace or control characters, or an entry of
    /// `domains` is not a host name.
    pub fn new(options: Options) -> Result<Verifier, Error> {
        if options.keys.is_empty() {
            return Err(no_key());
        }
        let mut keys = Vec::with_capacity(options.keys.len());
        for (index, key) in options.keys.iter().enumerate() {
            key.validate(index)?;
            keys.push(PreparedKey {
                id: key.id().map(str::to_owned),
                hmac: hmac_key(key.secret().as_bytes()),
                md5: md5_key(key.secret().as_bytes()),
            });
        }
        let rules = ValueRules::new(&options)?;
        Ok(Verifier {
            keys,
            tolerance_secs: options.tolerance_secs,
            max_future_secs: options.max_future_secs,
            allow_md5: options.allow_md5,
            max_body_bytes: options.max_body_bytes,
            rules,
        })
    }

    /// Parses and verifies a callback body at time `now` (Unix seconds; the crate never reads a
    /// clock). Checks, in order, and fails at the first problem: body size, parsing, the shape of
    /// the signed values (host name, URLs: `INVALID_FIELD`/`MISSING_FIELD`), presence of
    /// `auth_sign` and `auth_timestamp`, the signature's format, the MD5 policy, the signature
    /// against every key (constant time, no early exit), the expected values (documented events,
    /// `domains`, `apps`: `UNEXPECTED_VALUE`), then expiry and the future bound.
    pub fn verify(&self, body: &[u8], now: u64) -> Result<Verified, Error> {
        let v = self.verify_ref(body, now)?;
        Ok(Verified {
            key_id: self.key_id(v.key_index).map(str::to_owned),
            key_index: v.key_index,
            algorithm: v.algorithm,
            body_authenticated: v.body_authenticated,
            signed_fields: v.signed_fields,
            callback: v.callback.into_callback(),
        })
    }

    /// [`Verifier::verify`] without copying the callback's strings: the result borrows from
    /// `body` (see [`crate::parse_ref`]). Same checks, same errors.
    pub fn verify_ref<'a>(&self, body: &'a [u8], now: u64) -> Result<VerifiedRef<'a>, Error> {
        check_size(body.len(), self.max_body_bytes)?;
        let callback = parse_ref(body)?;
        let values = callback.rule_values();
        check_shape(&values)?;
        let kind = callback.kind();
        let (ts, sign) = signature_fields(kind, callback.auth_timestamp(), callback.auth_sign())?;
        let (algorithm, received) = detect_algorithm(kind, sign)?;
        if algorithm == Algorithm::Md5 && !self.allow_md5 {
            return Err(md5_not_allowed());
        }
        let received = &received[..algorithm.hex_len() / 2];
        let key_index =
            self.match_key(&callback.signed_values(), ts, received, algorithm, || {})?;
        check_expected(&values, &self.rules)?;
        check_time(ts, now, self.tolerance_secs, self.max_future_secs)?;
        Ok(VerifiedRef {
            key_index,
            algorithm,
            body_authenticated: algorithm == Algorithm::HmacSha256,
            signed_fields: signed_fields(kind, algorithm),
            callback,
        })
    }

    /// The id of the key at `index` in the options, if it has one.
    pub fn key_id(&self, index: usize) -> Option<&str> {
        self.keys.get(index).and_then(|k| k.id.as_deref())
    }

    /// Compares the received signature with the signature of every key; `observe` is called
    /// once a byte compared (the tests count the work). The result is the first matching key's
    /// index.
    fn match_key(
        &self,
        values: &SignedValues<'_>,
        ts: u64,
        received: &[u8],
        algorithm: Algorithm,
        mut observe: impl FnMut(),
    ) -> Result<usize, Error> {
        let digits = Digits::new(ts);
        let mut first = FirstMatch::default();
        match algorithm {
            Algorithm::HmacSha256 => {
                let (parts, n) = hmac_parts(values, digits.as_str());
                for (i, key) in self.keys.iter().enumerate() {
                    let expected = hmac_parts_sha256(&key.hmac, &parts[..n]);
                    first.offer(i, eq_mask(&expected, received, &mut observe));
                }
            }
            Algorithm::Md5 => {
                for (i, key) in self.keys.iter().enumerate() {
                    let expected = md5(&key.md5, digits.as_str().as_bytes());
                    first.offer(i, eq_mask(&expected, received, &mut observe));
                }
            }
        }
        first
            .get()
            .ok_or_else(|| mismatch(values.kind, algorithm, self.keys.len()))
    }
}

/// Hex (either case) into `out`, which must be half as long; `false` on any other byte.
/// (Not secret: this is the received signature.)
fn decode_hex(hex: &[u8], out: &mut [u8]) -> bool {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    if hex.len() != out.len() * 2 {
        return false;
    }
    for (byte, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        match (nibble(pair[0]), nibble(pair[1])) {
            (Some(hi), Some(lo)) => *byte = (hi << 4) | lo,
            _ => return false,
        }
    }
    true
}

pub(crate) fn no_key() -> Error {
    Error::new(
        ErrorCode::InvalidKey,
        "invalid key: no key configured; a verifier needs at least one (there is no way to turn verification off)",
    )
}

pub(crate) fn check_size(len: usize, max: usize) -> Result<(), Error> {
    if len > max {
        return Err(Error::new(
            ErrorCode::BodyTooLarge,
            msg!("body too large: ", len, " bytes > max_body_bytes ", max),
        ));
    }
    Ok(())
}

/// `auth_timestamp` and `auth_sign`, both required once a key is configured (never fail open).
pub(crate) fn signature_fields(
    kind: Kind,
    ts: Option<u64>,
    sign: Option<&str>,
) -> Result<(u64, &str), Error> {
    match (ts, sign) {
        (Some(ts), Some(sign)) => Ok((ts, sign)),
        (ts, sign) => {
            let missing = match (ts, sign) {
                (None, None) => "auth_sign and auth_timestamp are",
                (None, Some(_)) => "auth_timestamp is",
                _ => "auth_sign is",
            };
            Err(Error::new(
                ErrorCode::MissingSignature,
                msg!(
                    "missing signature: ",
                    missing,
                    " absent, and a key is configured, so the callback is refused (is the key set for this ",
                    match kind {
                        Kind::Stream => "domain's stream notifications",
                        Kind::Record => "recording-callback rule",
                    },
                    " in the Huawei console?)"
                ),
            ))
        }
    }
}

/// The scheme, from the signature's shape: 64 hex digits are HMAC-SHA256; 32 are MD5, which
/// exists only for recording callbacks (spec §2).
pub(crate) fn detect_algorithm(kind: Kind, sign: &str) -> Result<(Algorithm, [u8; 32]), Error> {
    let algorithm = match (kind, sign.len()) {
        (_, 64) => Algorithm::HmacSha256,
        (Kind::Record, 32) => Algorithm::Md5,
        (_, n) => {
            let expected = match kind {
                Kind::Stream => "64 hexadecimal characters (HMAC-SHA256)",
                Kind::Record => "64 (HMAC-SHA256) or 32 (MD5) hexadecimal characters",
            };
            return Err(Error::new(
                ErrorCode::InvalidField,
                msg!(
                    "invalid field auth_sign: expected ",
                    expected,
                    ", got ",
                    n,
                    " bytes"
                ),
            ));
        }
    };
    let mut bytes = [0u8; 32];
    if !decode_hex(sign.as_bytes(), &mut bytes[..algorithm.hex_len() / 2]) {
        let at = sign
            .bytes()
            .position(|b| !b.is_ascii_hexdigit())
            .unwrap_or(0);
        return Err(Error::new(
            ErrorCode::InvalidField,
            msg!(
                "invalid field auth_sign: character ",
                at,
                " is not a hexadecimal digit"
            ),
        ));
    }
    Ok((algorithm, bytes))
}

pub(crate) fn md5_not_allowed() -> Error {
    Error::new(
        ErrorCode::Md5NotAllowed,
        "MD5 not allowed: this recording callback is signed with MD5(key + auth_timestamp), which covers no field of the body; set allow_md5 to accept it, or switch the recording template's sign_type to HMACSHA256",
    )
}

pub(crate) fn mismatch(kind: Kind, algorithm: Algorithm, keys: usize) -> Error {
    let formula = match algorithm {
        Algorithm::Md5 => "key + auth_timestamp".to_owned(),
        Algorithm::HmacSha256 => crate::msg::join(signed_fields(kind, algorithm), " + "),
    };
    let keys = if keys == 1 {
        "the configured key".to_owned()
    } else {
        msg!("any of the ", keys, " configured keys")
    };
    Error::new(
        ErrorCode::SignatureMismatch,
        msg!(
            "signature mismatch: auth_sign is not ",
            algorithm.as_str(),
            "(",
            formula,
            ") with ",
            keys
        ),
    )
}

/// Spec §3: valid while `now <= auth_timestamp + tolerance`, and `auth_timestamp` no more than
/// `max_future` ahead of `now`. Computed in `u128`: no input can overflow it.
pub(crate) fn check_time(ts: u64, now: u64, tolerance: u64, max_future: u64) -> Result<(), Error> {
    let (t, n) = (u128::from(ts), u128::from(now));
    if n > t + u128::from(tolerance) {
        // now - ts - tolerance < now <= u64::MAX: the difference fits u64.
        let late = now - ts - tolerance;
        return Err(Error::new(
            ErrorCode::Expired,
            msg!(
                "expired: auth_timestamp ",
                ts,
                " + tolerance ",
                tolerance,
                " s < now ",
                now,
                " (",
                late,
                " s too late)"
            ),
        ));
    }
    if t > n + u128::from(max_future) {
        let ahead = ts - now;
        return Err(Error::new(
            ErrorCode::TimestampInFuture,
            msg!(
                "timestamp in future: auth_timestamp ",
                ts,
                " > now ",
                now,
                " + max_future ",
                max_future,
                " s (",
                ahead,
                " s ahead of now)"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::Key;

    const K1: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCD";
    const K2: &str = "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxw";

    fn stream_cb() -> Callback {
        crate::parse(br#"{"domain":"d","app":"a","stream":"s","event":"PUBLISH"}"#).unwrap()
    }

    #[test]
    fn time_bounds_and_messages() {
        assert!(check_time(100, 400, 300, 0).is_ok());
        let e = check_time(1587954140, 1587954500, 300, 86400).unwrap_err();
        assert_eq!(
            e.to_string(),
            "expired: auth_timestamp 1587954140 + tolerance 300 s < now 1587954500 (60 s too late)"
        );
        assert_eq!(
            check_time(u64::MAX, 0, 0, 86400).unwrap_err().code(),
            ErrorCode::TimestampInFuture
        );
        assert!(check_time(u64::MAX, u64::MAX, u64::MAX, u64::MAX).is_ok());
        assert_eq!(
            check_time(0, u64::MAX, u64::MAX - 1, 0).unwrap_err().code(),
            ErrorCode::Expired
        );
    }

    /// The comparison does the same work whatever the received signature is: for a mismatch
    /// at the first byte, at the last byte, and for a match on the first or the last key.
    #[test]
    fn comparison_work_is_independent_of_the_signature() {
        let keys = [K1, K2, "a".repeat(32).leak() as &str];
        let verifier = Verifier::new(Options::new(keys)).unwrap();
        let cb = stream_cb();
        let work = |sign: &str| {
            let mut n = 0usize;
            let received = hex::decode(sign).unwrap();
            let values = cb.signed_values();
            let r = verifier.match_key(&values, 7, &received, Algorithm::HmacSha256, || n += 1);
            (r.ok(), n)
        };
        let good0 = crate::signature::compute_hex(&cb, K1, Algorithm::HmacSha256, 7);
        let good2 = crate::signature::compute_hex(&cb, &"a".repeat(32), Algorithm::HmacSha256, 7);
        let flip = |s: &str, at: usize| {
            let mut b = s.as_bytes().to_vec();
            b[at] = if b[at] == b'0' { b'1' } else { b'0' };
            String::from_utf8(b).unwrap()
        };
        let runs = [
            work(&good0),
            work(&good2),
            work(&flip(&good0, 0)),
            work(&flip(&good0, 63)),
        ];
        assert_eq!(runs[0].0, Some(0));
        assert_eq!(runs[1].0, Some(2));
        assert_eq!(runs[2].0, None);
        assert_eq!(runs[3].0, None);
        for (_, n) in runs {
            assert_eq!(n, 3 * 32, "every byte of every key is compared");
        }
    }

    #[test]
    fn hex_decoding() {
        let mut out = [0u8; 2];
        assert!(decode_hex(b"aF09", &mut out) && out == [0xaf, 0x09]);
        assert!(!decode_hex(b"aF0g", &mut out));
        assert!(!decode_hex(b"aF0", &mut out));
    }

    #[test]
    fn no_key_is_refused() {
        assert_eq!(
            Verifier::new(Options::default()).unwrap_err().code(),
            ErrorCode::InvalidKey
        );
    }

    #[test]
    fn debug_redacts_keys() {
        let v = Verifier::new(Options::new([Key::with_id("k", K1)])).unwrap();
        let d = format!("{v:?}");
        assert!(
            !d.contains(K1) && d.contains("REDACTED") && d.contains("\"k\""),
            "{d}"
        );
    }
}
