//! [`sign`]: makes signed callback bodies, for tests, tools and the debugging page.

use crate::callback::{Callback, Kind};
use crate::error::{Error, ErrorCode};
use crate::json_out;
use crate::key::validate_secret;
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

/// Serialises a callback as compact JSON with Huawei's field order.
pub fn to_json(callback: &Callback) -> String {
    let mut w = Writer(String::with_capacity(512));
    w.0.push('{');
    match callback {
        Callback::Stream(s) => {
            w.str("domain", Some(&s.domain));
            w.str("app", Some(&s.app));
            w.str("stream", Some(&s.stream));
            w.str("user_args", s.user_args.as_deref());
            w.str("client_ip", s.client_ip.as_deref());
            w.str("node_ip", s.node_ip.as_deref());
            let publish = s.publish_timestamp.map(|t| crate::msg::msg!(t));
            w.str("publish_timestamp", publish.as_deref());
            w.str("event", Some(s.event.as_str()));
            w.int("auth_timestamp", s.auth_timestamp);
            w.str("auth_sign", s.auth_sign.as_deref());
        }
        Callback::Record(r) => {
            w.str("project_id", r.project_id.as_deref());
            w.str("job_id", r.job_id.as_deref());
            w.str("task_id", r.task_id.as_deref());
            w.str("event_type", Some(r.event_type.as_str()));
            w.str("publish_domain", Some(&r.publish_domain));
            w.str("app", Some(&r.app));
            w.str("stream", Some(&r.stream));
            w.str("record_format", r.record_format.as_deref());
            w.str("download_url", r.download_url.as_deref());
            w.str("play_url", r.play_url.as_deref());
            w.str("asset_id", r.asset_id.as_deref());
            w.int("file_size", r.file_size);
            w.int("record_duration", r.record_duration);
            w.str("start_time", r.start_time.as_deref());
            w.str("end_time", r.end_time.as_deref());
            w.int("width", r.width);
            w.int("height", r.height);
            w.str("obs_location", r.obs_location.as_deref());
            w.str("obs_bucket", r.obs_bucket.as_deref());
            w.str("obs_object", r.obs_object.as_deref());
            w.str("error_message", r.error_message.as_deref());
            w.str("auth_sign", r.auth_sign.as_deref());
            w.int("auth_timestamp", r.auth_timestamp);
        }
    }
    w.0.push('}');
    w.0
}

struct Writer(String);

impl Writer {
    fn name(&mut self, name: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        self.0.push('"');
        self.0.push_str(name);
        self.0.push_str("\":");
    }

    fn str(&mut self, name: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.name(name);
            json_out::push_string(&mut self.0, value);
        }
    }

    fn int(&mut self, name: &str, value: Option<u64>) {
        if let Some(v) = value {
            self.name(name);
            json_out::push_u64(&mut self.0, v);
        }
    }
}
