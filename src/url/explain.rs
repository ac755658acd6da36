//! [`explain_url`]: why a signed URL verifies or not, for the debugging page and for logs.
//!
//! It shows the string that was hashed (with the key written `[KEY]`), every key's expected
//! signature next to the received one, the validity window and hints. The expected signature
//! of a configured key IS a valid signature: keep this output away from anyone who must not
//! get a signed URL.

use crate::ct::eq_mask;
use crate::error::Error;
use crate::explain::Verdict;

use super::{
    check_window, inspect, validate_url_key, verify_url, HashInput, Inspected, TimeFormat,
    TimeReading, UrlKind, UrlMethod, UrlOptions, METHOD_B_NOTE,
};

/// One configured key's check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlKeyCheck {
    /// The key's position in [`UrlOptions::keys`].
    pub index: usize,
    /// The key's id, if any.
    pub id: Option<String>,
    /// The signature this key gives the URL (lowercase hex).
    pub expected_signature: String,
    /// Whether it equals the received signature (hex case ignored).
    pub matches: bool,
    /// Why [`verify_url`] would refuse this key, if it would (never repeats the key).
    pub problem: Option<String>,
}

/// The URL's validity window against `now`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UrlWindow {
    /// The start of validity: the time in the URL.
    pub starts_at: u64,
    /// `starts_at + timeout_secs` (saturating): the first second the URL is no longer valid.
    pub expires_at: u64,
    /// The `now` given.
    pub now: u64,
    /// The timeout in force.
    pub timeout_secs: u64,
    /// The skew allowed for a start in the future.
    pub max_skew_secs: u64,
    /// `expires_at - now`: seconds left (zero or negative: expired), clamped to `i64`.
    pub seconds_left: i64,
}

/// Everything [`explain_url`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlExplanation {
    /// `VALID`, `EXPIRED` (also for not valid yet), `MALFORMED` or `INVALID`.
    pub verdict: Verdict,
    /// Exactly the error [`verify_url`] returns with the same options and `now` (`None`: valid).
    pub error: Option<Error>,
    /// The method, when the URL's parameters (or the options) name one.
    pub method: Option<UrlMethod>,
    /// Push, playback or WebRTC, when the URL parses.
    pub kind: Option<UrlKind>,
    /// The stream name B and D hash (last path segment without extension).
    pub stream: Option<String>,
    /// The path A hashes, as sent (with its extension, without the query).
    pub uri: Option<String>,
    /// The time in the URL.
    pub time: Option<u64>,
    /// How it is written.
    pub time_format: Option<TimeFormat>,
    /// What it means: the start of validity.
    pub time_reading: Option<TimeReading>,
    /// The method's formula.
    pub formula: Option<&'static str>,
    /// The string that was hashed, the key written `[KEY]` (for D: the HMAC message; the key is
    /// the HMAC key).
    pub hashed: Option<String>,
    /// The signature as received.
    pub received_signature: Option<String>,
    /// The expected signature of the first matching key, else of the first key.
    pub expected_signature: Option<String>,
    /// The index of the first matching key.
    pub key_index: Option<usize>,
    /// Its id.
    pub key_id: Option<String>,
    /// Each key's check (empty when the URL's parameters cannot be read).
    pub keys: Vec<UrlKeyCheck>,
    /// The window, when the time is known and the timeout is usable.
    pub window: Option<UrlWindow>,
    /// For method B, [`METHOD_B_NOTE`].
    pub note: Option<&'static str>,
    /// Plain-language hints about likely causes.
    pub hints: Vec<String>,
}

fn any_key_matches(input: &HashInput<'_>, received: &[u8], options: &UrlOptions) -> bool {
    options.keys.iter().any(|k| {
        eq_mask(
            input.digest(k.secret().as_bytes()).as_slice(),
            received,
            || {},
        ) == 0xFF
    })
}

/// Explains how `url` fares against `options` at `now`. Never fails; never panics.
pub fn explain_url(url: &str, options: &UrlOptions, now: u64) -> UrlExplanation {
    let error = verify_url(url, options, now).err();
    let mut x = UrlExplanation {
        verdict: match &error {
            None => Verdict::Valid,
            Some(e) => Verdict::for_error(e.code()),
        },
        error,
        method: options.method,
        kind: None,
        stream: None,
        uri: None,
        time: None,
        time_format: None,
        time_reading: None,
        formula: options.method.map(UrlMethod::formula),
        hashed: None,
        received_signature: None,
        expected_signature: None,
        key_index: None,
        key_id: None,
        keys: Vec::new(),
        window: None,
        note: None,
        hints: Vec::new(),
    };
    if let Ok(p) = super::parse::parse_url(url) {
        x.kind = Some(p.kind);
        x.stream = Some(p.stream.to_owned());
        x.uri = Some(p.path.to_owned());
    }
    if options.keys.is_empty() {
        x.hints.push(
            "Add the domain's URL-validation key (console: Domains > URL Validation).".into(),
        );
    }
    let inspected = inspect(url, options.method);
    let i = match inspected {
        Ok(i) => i,
        Err(e) => {
            if e.code() == crate::ErrorCode::UnsupportedMethod {
                x.method = Some(UrlMethod::C);
                x.hints.push(
                    "Method C (c_aes) cannot be checked offline; method D (d_sha256) is Huawei's recommendation."
                        .into(),
                );
            }
            return x;
        }
    };
    explain_signed(&mut x, &i, options, now);
    x
}

fn explain_signed(x: &mut UrlExplanation, i: &Inspected<'_>, options: &UrlOptions, now: u64) {
    let input = i.input();
    x.method = Some(i.method);
    x.formula = Some(i.method.formula());
    x.time = Some(i.time);
    x.time_format = Some(i.time_format);
    x.time_reading = Some(TimeReading::Start);
    x.hashed = Some(input.redacted());
    x.received_signature = Some(i.received_text.to_owned());
    if i.method == UrlMethod::B {
        x.note = Some(METHOD_B_NOTE);
    }
    for (index, key) in options.keys.iter().enumerate() {
        let expected = input.digest(key.secret().as_bytes());
        let matches = eq_mask(expected.as_slice(), i.received.as_slice(), || {}) == 0xFF;
        x.keys.push(UrlKeyCheck {
            index,
            id: key.id().map(str::to_owned),
            expected_signature: hex::encode(expected.as_slice()),
            matches,
            problem: validate_url_key(key.secret()).err(),
        });
    }
    let chosen = x.keys.iter().find(|k| k.matches).or(x.keys.first());
    x.expected_signature = chosen.map(|k| k.expected_signature.clone());
    if let Some(k) = x.keys.iter().find(|k| k.matches) {
        x.key_index = Some(k.index);
        x.key_id = k.id.clone();
    }
    let matched = x.key_index.is_some();
    if super::check_timeout(options.timeout_secs).is_ok() {
        let expires_at = i.time.saturating_add(options.timeout_secs);
        let left = i128::from(expires_at) - i128::from(now);
        x.window = Some(UrlWindow {
            starts_at: i.time,
            expires_at,
            now,
            timeout_secs: options.timeout_secs,
            max_skew_secs: options.max_skew_secs,
            seconds_left: left.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64,
        });
    }
    if i.parsed.kind == UrlKind::Playback && i.method != UrlMethod::D {
        x.hints.push(format!(
            "Huawei's current pages say streaming (playback) domains support only method D, for HLS; method {} may not be accepted on a playback domain.",
            i.method
        ));
    }
    if !matched && !options.keys.is_empty() {
        mismatch_hints(x, i, options);
    }
    time_hints(x, i, options, now);
}

fn mismatch_hints(x: &mut UrlExplanation, i: &Inspected<'_>, options: &UrlOptions) {
    let input = i.input();
    let received = i.received.as_slice();
    match (i.method, i.parsed.extension) {
        (UrlMethod::B | UrlMethod::D, Some(_)) => {
            let alt = HashInput {
                stream: i.parsed.segment,
                ..input
            };
            if any_key_matches(&alt, received, options) {
                x.hints.push(format!(
                    "The signature was made over the stream name WITH its extension ({:?}); the stream name is the last path segment without the extension ({:?}).",
                    i.parsed.segment, i.parsed.stream
                ));
            }
        }
        (UrlMethod::A, Some(ext)) => {
            let without = &i.parsed.path[..i.parsed.path.len() - ext.len() - 1];
            let alt = HashInput {
                uri: without,
                ..input
            };
            if any_key_matches(&alt, received, options) {
                x.hints.push(format!(
                    "The hash was made over the URI without its extension ({without:?}); method A hashes the path as sent, extension included ({:?}).",
                    i.parsed.path
                ));
            }
        }
        _ => {}
    }
    if i.method == UrlMethod::A && i.parsed.extension.is_none() {
        for ext in ["flv", "sdp", "m3u8"] {
            let uri = format!("{}.{ext}", i.parsed.path);
            let alt = HashInput { uri: &uri, ..input };
            if any_key_matches(&alt, received, options) {
                x.hints.push(format!(
                    "The hash was made over {uri:?}; this URL's path is {:?} (method A hashes the path exactly as sent).",
                    i.parsed.path
                ));
            }
        }
    }
    if x.keys.iter().any(|k| k.problem.is_some()) {
        x.hints.push(
            "A configured key is not a valid URL-validation key (32 letters and digits, not all of one kind): is it the callback key instead?"
                .into(),
        );
    }
    x.hints.push(
        "Ingest (push) and streaming (playback) domains have separate URL-validation keys: a key of another domain, or of the callback settings, gives this mismatch."
            .into(),
    );
}

fn time_hints(x: &mut UrlExplanation, i: &Inspected<'_>, options: &UrlOptions, now: u64) {
    let Some(w) = x.window else { return };
    let (t, n) = (u128::from(i.time), u128::from(now));
    let timeout = u128::from(options.timeout_secs);
    let in_window = |t: u128| {
        check_window(
            i.method,
            t.min(u128::from(u64::MAX)) as u64,
            now,
            w.timeout_secs,
            w.max_skew_secs,
        )
        .is_ok()
    };
    if t > n + u128::from(options.max_skew_secs) {
        if t <= n + timeout + u128::from(options.max_skew_secs) {
            x.hints.push(format!(
                "The time is about now + timeout: it looks like an expiry used as the start. Huawei reads it as the start of validity, so this URL would be valid from {} until {} — sign with the current time instead.",
                w.starts_at, w.expires_at
            ));
        } else {
            x.hints.push(format!(
                "The start time is {} s ahead of now: is the signer's clock right, or is the time in milliseconds?",
                t - n
            ));
        }
    }
    if i.method == UrlMethod::A && !in_window(t) {
        match i.time_format {
            TimeFormat::Decimal if i.time_text.len() <= 16 => {
                if let Ok(h) = u64::from_str_radix(i.time_text, 16) {
                    if in_window(u128::from(h)) {
                        x.hints.push(format!(
                            "Read as hexadecimal, timestamp {:?} would be {h}, inside the validity window; an all-digit timestamp is read as decimal (Huawei's usual form). Write hex timestamps with their letters, or use decimal.",
                            i.time_text
                        ));
                    }
                }
            }
            TimeFormat::Hex => {
                x.hints.push(format!(
                    "Timestamp {:?} is read as hexadecimal ({}) because it has letters; Huawei's usual form is decimal.",
                    i.time_text, i.time
                ));
            }
            _ => {}
        }
    }
    if i.method == UrlMethod::B && n >= t + timeout && t > 0 {
        x.hints.push(
            "Method B: this project reads txTime as the start (valid until txTime + timeout). If your signer wrote an expiry there, sign with the start time instead."
                .into(),
        );
    }
}
