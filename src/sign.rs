//! [`sign`]: makes signed callback bodies, for tests, tools and the debugging page.

use crate::error::{Error, ErrorCode};
use crate::json_out;
use crate::key::validate_secret;
use crate::model::{Callback, Kind};
use crate::signature::{compute_hex, Algorithm};

/// A signed callback: the JSON body to send, and the callback with `auth_timestamp` and
/// `auth_sign` set.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Signed {
    /// Compact JSON, fields in Huawei's documented order, `auth_timestamp` as a JSON number and
    /// `publish_timestamp` as a string of digits (as Huawei sends them).
    pub body: String,
    /// The callback as signed.
    pub callback: Callback,
}

/// Signs `callback` with `key` at `auth_timestamp` (any `auth_sign`/`auth_timestamp` it had is
/// replaced). What `sign` makes, [`crate::Verifier::verify`] accepts, byte for byte.
///
/// Errors: `INVALID_KEY` for a key [`crate::Verifier::new`] would refuse; `INVALID_FIELD` for
/// MD5 on a stream notification (the scheme exists only for recording callbacks).
pub fn sign(
    callback: &Callback,
    key: &str,
    algorithm: Algorithm,
    auth_timestamp: u64,
) -> Result<Signed, Error> {
    validate_secret(key).map_err(|why| {
        Error::new(
            ErrorCode::InvalidKey,
            crate::msg::msg!("invalid key: ", why),
        )
    })?;
    if algorithm == Algorithm::Md5 && callback.kind() == Kind::Stream {
        return Err(Error::new(
            ErrorCode::InvalidField,
            "invalid field algorithm: MD5 exists only for recording callbacks; stream notifications are signed with HMAC-SHA256",
        ));
    }
    let mut callback = callback.clone();
    let sign = compute_hex(&callback, key, algorithm, auth_timestamp);
    callback.set_auth(auth_timestamp, sign);
    Ok(Signed {
        body: to_json(&callback),
        callback,
    })
}

/// Serialises a callback as compact JSON with Huawei's field order (`publish_timestamp` as a
/// string of digits, as Huawei sends it): the one callback writer, [`json_out::callback`].
pub fn to_json(callback: &Callback) -> String {
    let mut out = String::with_capacity(512);
    json_out::callback(&mut out, callback, json_out::Style::Body);
    out
}
