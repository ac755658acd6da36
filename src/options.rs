//! Verification options. Every default is stated here and in the README.

use crate::key::Key;

/// The default [`Options::tolerance_secs`]: 300 seconds.
pub const DEFAULT_TOLERANCE_SECS: u64 = 300;
/// The default [`Options::max_future_secs`]: 86,400 seconds (one day).
pub const DEFAULT_MAX_FUTURE_SECS: u64 = 86_400;
/// The default [`Options::max_body_bytes`]: 1 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;

/// How a [`crate::Verifier`] checks callbacks.
///
/// ```
/// use huaweicloud_live_callback::{Key, Options};
/// let options = Options {
///     tolerance_secs: 60,
///     ..Options::new([Key::with_id("2026-q4", "0123456789abcdefghijklmnopqrstuvwxyzABCD")])
/// };
/// assert_eq!(options.max_future_secs, 86_400);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The keys to accept, tried all of them on every callback (rotation: configure the old and
    /// the new key during the change-over). Each must be 32 to 128 characters without whitespace
    /// or control characters. **Default: none** — and a verifier without a key is refused with
    /// `INVALID_KEY`: there is no "verification off" mode.
    pub keys: Vec<Key>,
    /// How long after `auth_timestamp` a callback is still accepted: valid while
    /// `now <= auth_timestamp + tolerance_secs` (spec §3). **Default: 300** seconds.
    pub tolerance_secs: u64,
    /// How far `auth_timestamp` may lie ahead of `now` (clock skew, or a sender that stamps an
    /// expiry time) before the callback is `TIMESTAMP_IN_FUTURE`. **Default: 86,400** seconds.
    pub max_future_secs: u64,
    /// Accept the legacy `MD5(key + auth_timestamp)` scheme of recording callbacks. It covers
    /// no field of the body, so an accepted MD5 callback is reported with
    /// `body_authenticated == false`. **Default: false** (`MD5_NOT_ALLOWED`).
    pub allow_md5: bool,
    /// Larger bodies are refused with `BODY_TOO_LARGE` before parsing.
    /// **Default: 1,048,576** bytes (1 MiB).
    pub max_body_bytes: usize,
    /// The ingest domains to accept (`domain` of stream notifications, `publish_domain` of
    /// recording callbacks), compared ignoring ASCII case. A callback for another domain is
    /// refused with `UNEXPECTED_VALUE` after its signature is checked. Each entry must be a DNS
    /// host name (`INVALID_KEY` otherwise). **Default: empty — any domain.** Set it: Huawei's
    /// string-to-sign has no separators, so without this list the holder of one genuine
    /// callback can move characters between `domain` and `app` (spec §6).
    pub domains: Vec<String>,
    /// The `app` names to accept (exact bytes); others are `UNEXPECTED_VALUE` after the
    /// signature check. **Default: empty — any app.** Set it: it is
    /// the only defence against moving characters between `app` and `stream` (`live` +
    /// `room123` signs exactly like `liveroom1` + `23`).
    pub apps: Vec<String>,
    /// Accept event names outside the documented set (`PUBLISH`, `PUBLISH_DONE`,
    /// `RECORD_START`, `RECORD_NEW_FILE_START`, `RECORD_FILE_COMPLETE`, `RECORD_OVER`,
    /// `RECORD_FAILED`). Recording event subscriptions are explicit in Huawei's API
    /// (`notify_event_subscription`), so a new event never arrives by surprise.
    /// **Default: false** — any other name is `UNEXPECTED_VALUE`, which also stops a re-split
    /// of the event name into the domain (`PUBLISH` + `push…` signs like `PUBLISHp` + `ush…`).
    pub allow_unknown_events: bool,
}

impl Options {
    /// Options with these keys and every other setting at its default.
    pub fn new<K: Into<Key>>(keys: impl IntoIterator<Item = K>) -> Options {
        Options {
            keys: keys.into_iter().map(Into::into).collect(),
            ..Options::default()
        }
    }
}

impl Default for Options {
    /// No keys (add at least one), tolerance 300 s, max future 86,400 s, MD5 refused, 1 MiB,
    /// any domain and app, documented events only.
    fn default() -> Options {
        Options {
            keys: Vec::new(),
            tolerance_secs: DEFAULT_TOLERANCE_SECS,
            max_future_secs: DEFAULT_MAX_FUTURE_SECS,
            allow_md5: false,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            domains: Vec::new(),
            apps: Vec::new(),
            allow_unknown_events: false,
        }
    }
}
