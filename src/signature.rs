//! The two signature schemes and the exact bytes each one covers (spec §1, §2, §4).

use crate::fields::{MD5_SIGNED_FIELDS, RECORD_HMAC_SIGNED_FIELDS, STREAM_SIGNED_FIELDS};
use crate::hash::{HmacSha256, Md5};
use crate::model::{Callback, Kind, SignedValues};
use crate::num::Digits;

/// A signature scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// `hex(HMAC-SHA256(key, string-to-sign))`: stream notifications and recording callbacks
    /// (recording template `sign_type` = `HMACSHA256`, the default).
    HmacSha256,
    /// `hex(MD5(key + auth_timestamp))`: the legacy recording scheme (`sign_type` = `MD5`).
    /// It covers no field of the body; see [`crate::Options::allow_md5`].
    Md5,
}

impl Algorithm {
    /// `"HMAC-SHA256"` or `"MD5"`, as in the JavaScript API.
    pub const fn as_str(self) -> &'static str {
        match self {
            Algorithm::HmacSha256 => "HMAC-SHA256",
            Algorithm::Md5 => "MD5",
        }
    }

    /// The length of the signature in hex characters: 64 or 32.
    pub const fn hex_len(self) -> usize {
        match self {
            Algorithm::HmacSha256 => 64,
            Algorithm::Md5 => 32,
        }
    }

    /// Parses `"HMAC-SHA256"` (also Huawei's spelling `"HMACSHA256"`) or `"MD5"`.
    pub fn from_name(name: &str) -> Option<Algorithm> {
        match name {
            "HMAC-SHA256" | "HMACSHA256" => Some(Algorithm::HmacSha256),
            "MD5" => Some(Algorithm::Md5),
            _ => None,
        }
    }
}

/// The body fields a scheme covers for a kind, in string-to-sign order.
pub fn signed_fields(kind: Kind, algorithm: Algorithm) -> &'static [&'static str] {
    match (kind, algorithm) {
        (Kind::Stream, _) => STREAM_SIGNED_FIELDS,
        (Kind::Record, Algorithm::HmacSha256) => RECORD_HMAC_SIGNED_FIELDS,
        (Kind::Record, Algorithm::Md5) => MD5_SIGNED_FIELDS,
    }
}

/// The HMAC string-to-sign as (field, value) parts, in order; an absent field is `""`.
/// At most 7 parts; the second value is the count used.
pub(crate) fn hmac_parts<'a>(
    v: &SignedValues<'a>,
    ts: &'a str,
) -> ([(&'static str, &'a str); 7], usize) {
    match v.kind {
        Kind::Stream => {
            let mut p = [("", ""); 7];
            p[..5].copy_from_slice(&[
                ("event", v.event),
                ("domain", v.domain),
                ("app", v.app),
                ("stream", v.stream),
                ("auth_timestamp", ts),
            ]);
            (p, 5)
        }
        Kind::Record => (
            [
                ("auth_timestamp", ts),
                ("event_type", v.event),
                ("publish_domain", v.domain),
                ("app", v.app),
                ("stream", v.stream),
                ("download_url", v.download_url),
                ("play_url", v.play_url),
            ],
            7,
        ),
    }
}

/// HMAC-SHA256 of the concatenated chunks, continuing from a keyed state prepared once per key.
pub(crate) fn hmac_sha256<'a>(
    keyed: &HmacSha256,
    chunks: impl IntoIterator<Item = &'a [u8]>,
) -> [u8; 32] {
    let mut mac = keyed.clone();
    for chunk in chunks {
        mac.update(chunk);
    }
    mac.finalize()
}

/// The HMAC-SHA256 of a string-to-sign given as parts.
pub(crate) fn hmac_parts_sha256(keyed: &HmacSha256, parts: &[(&str, &str)]) -> [u8; 32] {
    hmac_sha256(keyed, parts.iter().map(|(_, value)| value.as_bytes()))
}

/// A keyed HMAC-SHA256 state (HMAC accepts keys of any length).
pub(crate) fn hmac_key(secret: &[u8]) -> HmacSha256 {
    HmacSha256::new(secret)
}

/// MD5 of `message`, continuing from a state that has absorbed the key.
pub(crate) fn md5(keyed: &Md5, message: &[u8]) -> [u8; 16] {
    let mut h = keyed.clone();
    h.update(message);
    h.finalize()
}

/// An MD5 state that has absorbed the key (the prefix of `key + auth_timestamp`).
pub(crate) fn md5_key(secret: &[u8]) -> Md5 {
    let mut h = Md5::new();
    h.update(secret);
    h
}

/// Computes the lowercase-hex signature of a callback (its `auth_timestamp` must be set).
pub(crate) fn compute_hex(cb: &Callback, secret: &str, algorithm: Algorithm, ts: u64) -> String {
    let digits = Digits::new(ts);
    match algorithm {
        Algorithm::HmacSha256 => {
            let (parts, n) = hmac_parts(&cb.signed_values(), digits.as_str());
            hex::encode(hmac_parts_sha256(&hmac_key(secret.as_bytes()), &parts[..n]))
        }
        Algorithm::Md5 => hex::encode(md5(&md5_key(secret.as_bytes()), digits.as_str().as_bytes())),
    }
}

/// The primitives exactly as the verifier calls them, for the RFC and Wycheproof vector tests.
/// Not part of the supported API.
#[doc(hidden)]
pub mod primitives {
    /// HMAC-SHA256 through the keyed-state path the verifier uses.
    pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
        super::hmac_sha256(&super::hmac_key(key), [message])
    }

    /// MD5(prefix + message) through the keyed-state path the verifier uses.
    pub fn md5(prefix: &[u8], message: &[u8]) -> [u8; 16] {
        super::md5(&super::md5_key(prefix), message)
    }

    /// SHA-256 of the concatenated parts, through the streaming state the crate uses.
    pub fn sha256(parts: &[&[u8]]) -> [u8; 32] {
        let mut h = crate::hash::Sha256::new();
        for part in parts {
            h.update(part);
        }
        h.finalize()
    }

    /// The constant-time comparison the verifier uses.
    pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
        crate::ct::eq_mask(a, b, || {}) == 0xFF
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            Algorithm::from_name("HMACSHA256"),
            Some(Algorithm::HmacSha256)
        );
        assert_eq!(
            Algorithm::from_name(Algorithm::Md5.as_str()),
            Some(Algorithm::Md5)
        );
        assert_eq!(Algorithm::from_name("md5"), None);
    }
}
