//! Signed ingest and playback URLs: Huawei Live's "URL validation" (Key anti-leech), methods
//! A, B and D (spec §5). [`sign_url`] makes a signed URL, [`verify_url`] checks one (constant
//! time over every key), [`explain_url`] says why one fails. Method C (AES `auth_info`) is
//! not published and is refused with `UNSUPPORTED_METHOD`.
//!
//! The time in the URL is read as the **start** of validity for every method: a URL is valid
//! while `time <= now + max_skew_secs` and `now < time + timeout_secs` (spec §5: method D is
//! "valid while hwTime + timeout > now"; method B's page contradicts itself, and the project
//! uses the start reading, which [`VerifiedUrl::time_reading`] states).
//!
//! ```
//! use huaweicloud_live_callback::{sign_url, verify_url, UrlMethod, UrlOptions, UrlSignOptions};
//! let key = "GCTbw44s6MPLh4GqgDpnfuFHgy25Enly";
//! let signed = sign_url(
//!     "rtmp://push.example.com/livetest/huawei1",
//!     key,
//!     &UrlSignOptions::new(UrlMethod::D, 0x5eed5888),
//! )
//! .unwrap();
//! assert_eq!(
//!     signed,
//!     "rtmp://push.example.com/livetest/huawei1?hwSecret=ce201856a0957413319e883c8ccae13602f01d3d91e21daf5161964cf708a6a8&hwTime=5eed5888"
//! );
//! let ok = verify_url(&signed, &UrlOptions::new([key], 1800), 0x5eed5888 + 60).unwrap();
//! assert_eq!((ok.method, ok.time, ok.expires_at), (UrlMethod::D, 0x5eed5888, 0x5eed5888 + 1800));
//! ```

use core::fmt;

use crate::ct::{eq_mask, FirstMatch};
use crate::error::{quote, Error, ErrorCode};
use crate::hash::Md5;
use crate::key::Key;
use crate::num::Digits;
use crate::signature::hmac_key;

mod explain;
mod parse;

pub use explain::{explain_url, UrlExplanation, UrlKeyCheck, UrlWindow};
pub use parse::MAX_URL_BYTES;

use parse::{auth_params, parse_url, AuthParams, ParsedUrl};

/// The shortest validity Huawei's console accepts (`timeout`, spec §5): 60 seconds.
pub const MIN_URL_TIMEOUT_SECS: u64 = 60;
/// The longest validity Huawei's console accepts: 2,592,000 seconds (30 days).
pub const MAX_URL_TIMEOUT_SECS: u64 = 2_592_000;
/// The default [`UrlOptions::max_skew_secs`]: 300 seconds.
pub const DEFAULT_URL_MAX_SKEW_SECS: u64 = 300;
/// A URL-validation key has exactly this many characters (spec §5).
pub const URL_KEY_CHARS: usize = 32;
/// The longest `rand` and `uid` of method A accepted: 64 characters.
pub const MAX_RAND_CHARS: usize = 64;

/// A URL-validation method (the domain's `auth_type`, spec §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UrlMethod {
    /// `a_md5`: `auth_key={timestamp}-{rand}-{uid}-{MD5("{URI}-{timestamp}-{rand}-{uid}-{key}")}`.
    A,
    /// `b_md5`: `txSecret={MD5(key + stream + txTime)}&txTime={hex time}`.
    B,
    /// `c_aes`: AES `auth_info`. Its construction is not published: not supported.
    C,
    /// `d_sha256` (recommended; the only one for HLS playback):
    /// `hwSecret={HMAC-SHA256(key, stream + hwTime)}&hwTime={hex time}`.
    D,
}

impl UrlMethod {
    /// Every method, in order.
    pub const ALL: [UrlMethod; 4] = [UrlMethod::A, UrlMethod::B, UrlMethod::C, UrlMethod::D];

    /// `"A"`, `"B"`, `"C"` or `"D"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            UrlMethod::A => "A",
            UrlMethod::B => "B",
            UrlMethod::C => "C",
            UrlMethod::D => "D",
        }
    }

    /// Huawei's `auth_type` name: `a_md5`, `b_md5`, `c_aes`, `d_sha256`.
    pub const fn auth_type(self) -> &'static str {
        match self {
            UrlMethod::A => "a_md5",
            UrlMethod::B => "b_md5",
            UrlMethod::C => "c_aes",
            UrlMethod::D => "d_sha256",
        }
    }

    /// Parses `"A"`…`"D"` (either case) or an `auth_type` name (`"d_sha256"`).
    pub fn from_name(name: &str) -> Option<UrlMethod> {
        UrlMethod::ALL.into_iter().find(|m| {
            name.eq_ignore_ascii_case(m.as_str()) || name.eq_ignore_ascii_case(m.auth_type())
        })
    }

    /// [`UrlMethod::from_name`], or `INVALID_FIELD` naming the value and the names accepted.
    pub fn parse(name: &str) -> Result<UrlMethod, Error> {
        UrlMethod::from_name(name).ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidField,
                format!(
                    "invalid field method: {} is not a URL-validation method (A, B, C, D, or a_md5, b_md5, c_aes, d_sha256)",
                    quote(name)
                ),
            )
        })
    }

    /// The query parameters the method adds, in the order it writes them.
    pub const fn params(self) -> &'static [&'static str] {
        match self {
            UrlMethod::A => &["auth_key"],
            UrlMethod::B => &["txSecret", "txTime"],
            UrlMethod::C => &["auth_info"],
            UrlMethod::D => &["hwSecret", "hwTime"],
        }
    }

    /// The hash: `"MD5"` (A, B), `"AES"` (C), `"HMAC-SHA256"` (D).
    pub const fn hash(self) -> &'static str {
        match self {
            UrlMethod::A | UrlMethod::B => "MD5",
            UrlMethod::C => "AES",
            UrlMethod::D => "HMAC-SHA256",
        }
    }

    /// The formula, with the names spec §5 uses.
    pub const fn formula(self) -> &'static str {
        match self {
            UrlMethod::A => {
                "MD5(URI + \"-\" + timestamp + \"-\" + rand + \"-\" + uid + \"-\" + key)"
            }
            UrlMethod::B => "MD5(key + streamName + txTime)",
            UrlMethod::C => "AES(key, …) (not published)",
            UrlMethod::D => "HMAC-SHA256(key, streamName + hwTime)",
        }
    }

    fn time_param(self) -> &'static str {
        match self {
            UrlMethod::A => "auth_key timestamp",
            UrlMethod::B => "txTime",
            UrlMethod::C => "auth_info",
            UrlMethod::D => "hwTime",
        }
    }
}

impl fmt::Display for UrlMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a URL is for, from its scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UrlKind {
    /// `rtmp://`, `rtmps://`: ingest (push).
    Push,
    /// `http://`, `https://` ending in `.flv` or `.m3u8`: playback.
    Playback,
    /// `webrtc://` (stream name, optionally `.sdp`): WebRTC push or playback.
    WebRtc,
}

impl UrlKind {
    /// `"push"`, `"playback"` or `"webrtc"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            UrlKind::Push => "push",
            UrlKind::Playback => "playback",
            UrlKind::WebRtc => "webrtc",
        }
    }
}

/// How the time in the URL is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeFormat {
    /// Decimal digits (method A's usual form).
    Decimal,
    /// Hexadecimal digits (methods B and D always; method A when a letter `a`–`f` appears).
    Hex,
}

impl TimeFormat {
    /// `"decimal"` or `"hex"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            TimeFormat::Decimal => "decimal",
            TimeFormat::Hex => "hex",
        }
    }
}

/// How [`sign_url`] signs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlSignOptions {
    /// The method. **Default: D** ([`UrlSignOptions::default`]). C is `UNSUPPORTED_METHOD`.
    pub method: UrlMethod,
    /// The start of validity, Unix seconds (written in decimal for A, lowercase hex for B and
    /// D). **Default: 0** — always set it; the core has no clock.
    pub time: u64,
    /// Method A's random part: 1 to 64 ASCII letters and digits (a dash-less UUID is usual).
    /// Required for A (the core has no randomness: the JS layer generates 32 hex digits);
    /// refused for B and D. **Default: none.**
    pub rand: Option<String>,
    /// Method A's user id: 1 to 64 ASCII letters and digits. Refused for B and D.
    /// **Default: none**, which signs with Huawei's `0`.
    pub uid: Option<String>,
}

impl UrlSignOptions {
    /// `method` at `time`, no `rand`, no `uid`.
    pub fn new(method: UrlMethod, time: u64) -> UrlSignOptions {
        UrlSignOptions {
            method,
            time,
            rand: None,
            uid: None,
        }
    }
}

impl Default for UrlSignOptions {
    /// Method D, time 0, no `rand`, no `uid`.
    fn default() -> UrlSignOptions {
        UrlSignOptions::new(UrlMethod::D, 0)
    }
}

/// How [`verify_url`] and [`explain_url`] check a URL.
///
/// There is no `Default`: `timeout_secs` must be the domain's console setting, and Huawei
/// documents no default for it (a guessed one would silently accept URLs Huawei refuses, or
/// the reverse). Build with [`UrlOptions::new`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlOptions {
    /// The keys to try, all of them, in constant time (rotation: the old and the new key). Each
    /// is 32 ASCII letters and digits, not all digits and not all letters (spec §5); anything
    /// else is `INVALID_KEY`, as is an empty list. **No default.**
    pub keys: Vec<Key>,
    /// The domain's validity `timeout`: 60 to 2,592,000 seconds, else `INVALID_FIELD`.
    /// **No default** (see above).
    pub timeout_secs: u64,
    /// How far the start time may lie ahead of `now` (clock skew) before the URL is
    /// `TIMESTAMP_IN_FUTURE` (not valid yet). **Default: 300** seconds.
    pub max_skew_secs: u64,
    /// The domain's method. **Default: `None`**: taken from the query's parameters (a URL
    /// carrying the parameters of two methods is `INVALID_FIELD`).
    pub method: Option<UrlMethod>,
}

impl UrlOptions {
    /// These keys and this timeout; `max_skew_secs` 300, method from the query.
    pub fn new<K: Into<Key>>(keys: impl IntoIterator<Item = K>, timeout_secs: u64) -> UrlOptions {
        UrlOptions {
            keys: keys.into_iter().map(Into::into).collect(),
            timeout_secs,
            max_skew_secs: DEFAULT_URL_MAX_SKEW_SECS,
            method: None,
        }
    }
}

/// What the time in a URL means. Only one reading exists today; it is in the result so that
/// method B's choice is visible (spec §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeReading {
    /// The time is the start of validity: valid until `time + timeout_secs`.
    Start,
}

impl TimeReading {
    /// `"start"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            TimeReading::Start => "start",
        }
    }
}

/// Method B's note in every result: which of Huawei's two readings is used.
pub const METHOD_B_NOTE: &str = "txTime is read as the start of validity (valid until txTime + timeout, as method D); Huawei's page also calls it an expiry time, which this project does not use";

/// A URL that passed [`verify_url`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedUrl {
    /// The method that matched.
    pub method: UrlMethod,
    /// Push, playback or WebRTC.
    pub kind: UrlKind,
    /// The start of validity (Unix seconds).
    pub time: u64,
    /// How the time was written.
    pub time_format: TimeFormat,
    /// What the time means: always [`TimeReading::Start`].
    pub time_reading: TimeReading,
    /// `time + timeout_secs`: the first second at which the URL is no longer valid
    /// (saturating at `u64::MAX`).
    pub expires_at: u64,
    /// The index, in [`UrlOptions::keys`], of the first key that produced the signature.
    pub key_index: usize,
    /// That key's id, if it has one.
    pub key_id: Option<String>,
    /// The stream name the signature covers (B, D) or that the URI ends in (A).
    pub stream: String,
    /// For method B, [`METHOD_B_NOTE`]; else `None`.
    pub note: Option<&'static str>,
}

fn unsupported_c() -> Error {
    Error::new(
        ErrorCode::UnsupportedMethod,
        "unsupported method C: Huawei does not publish how auth_info is built (AES), so it can be neither signed nor verified offline; switch the domain to method D (d_sha256, recommended)",
    )
}

/// Spec §5: 32 characters, ASCII letters and digits, not all digits, not all letters. The
/// reason never repeats the key.
pub(crate) fn validate_url_key(secret: &str) -> Result<(), String> {
    let chars = secret.chars().count();
    if chars != URL_KEY_CHARS {
        return Err(format!(
            "it has {chars} characters; a URL-validation key has exactly {URL_KEY_CHARS}"
        ));
    }
    if let Some(at) = secret.chars().position(|c| !c.is_ascii_alphanumeric()) {
        return Err(format!(
            "character {at} is not an ASCII letter or digit; a URL-validation key has only those"
        ));
    }
    if secret.bytes().all(|b| b.is_ascii_digit()) {
        return Err("it is all digits; a URL-validation key mixes letters and digits".into());
    }
    if secret.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err("it is all letters; a URL-validation key mixes letters and digits".into());
    }
    Ok(())
}

fn key_error(index: Option<usize>, id: Option<&str>, why: String) -> Error {
    let name = match (index, id) {
        (None, _) => "key".to_owned(),
        (Some(i), None) => format!("key {i}"),
        (Some(i), Some(id)) => format!("key {i} (id {})", quote(id)),
    };
    Error::new(ErrorCode::InvalidKey, format!("invalid {name}: {why}"))
}

/// The option checks [`verify_url`] makes before reading the URL.
pub(crate) fn check_options(options: &UrlOptions) -> Result<(), Error> {
    if options.keys.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidKey,
            "invalid key: no key configured; URL verification needs at least one (there is no way to turn it off)",
        ));
    }
    for (i, key) in options.keys.iter().enumerate() {
        validate_url_key(key.secret()).map_err(|why| key_error(Some(i), key.id(), why))?;
    }
    check_timeout(options.timeout_secs)?;
    if options.method == Some(UrlMethod::C) {
        return Err(unsupported_c());
    }
    Ok(())
}

pub(crate) fn check_timeout(timeout: u64) -> Result<(), Error> {
    if !(MIN_URL_TIMEOUT_SECS..=MAX_URL_TIMEOUT_SECS).contains(&timeout) {
        return Err(Error::new(
            ErrorCode::InvalidField,
            format!(
                "invalid field timeout_secs: {timeout} is outside Huawei's range {MIN_URL_TIMEOUT_SECS} to {MAX_URL_TIMEOUT_SECS} seconds (set the domain's URL-validation timeout)"
            ),
        ));
    }
    Ok(())
}

fn check_token(name: &str, value: &str) -> Result<(), Error> {
    let n = value.chars().count();
    if n == 0 || n > MAX_RAND_CHARS {
        return Err(Error::new(
            ErrorCode::InvalidField,
            format!("invalid field {name}: it has {n} characters; it has 1 to {MAX_RAND_CHARS}"),
        ));
    }
    if let Some(at) = value.bytes().position(|b| !b.is_ascii_alphanumeric()) {
        return Err(Error::new(
            ErrorCode::InvalidField,
            format!(
                "invalid field {name}: character {at} of {} is not an ASCII letter or digit",
                quote(value)
            ),
        ));
    }
    Ok(())
}

/// Signs `url` with `key`: appends the method's parameters to the query (existing parameters
/// and the fragment are kept, in place). What `sign_url` makes, [`verify_url`] accepts.
///
/// Errors: `INVALID_KEY` (see [`UrlOptions::keys`]); `INVALID_FIELD` for a URL
/// [`verify_url`] could not read, one that already carries a method's parameter, a missing or
/// malformed `rand`/`uid`, or `rand`/`uid` for B or D; `DUPLICATE_FIELD` for a parameter
/// already present twice; `UNSUPPORTED_METHOD` for C.
pub fn sign_url(url: &str, key: &str, options: &UrlSignOptions) -> Result<String, Error> {
    let method = options.method;
    if method == UrlMethod::C {
        return Err(unsupported_c());
    }
    validate_url_key(key).map_err(|why| key_error(None, None, why))?;
    let parsed = parse_url(url)?;
    let found = auth_params(parsed.query)?;
    if let Some(m) = found.methods().first() {
        let names: Vec<&str> = m
            .params()
            .iter()
            .copied()
            .filter(|n| found.get(n).is_some())
            .collect();
        return Err(Error::new(
            ErrorCode::InvalidField,
            format!(
                "invalid field {}: the URL already carries it (method {m}); sign the unsigned URL",
                names.join(", ")
            ),
        ));
    }
    let time = options.time;
    let (rand, uid) = match method {
        UrlMethod::A => {
            let rand = options.rand.as_deref().ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidField,
                    "invalid field rand: method A needs one (1 to 64 letters and digits, e.g. a dash-less UUID); the core has no randomness",
                )
            })?;
            check_token("rand", rand)?;
            let uid = options.uid.as_deref().unwrap_or("0");
            check_token("uid", uid)?;
            (rand, uid)
        }
        _ => {
            for (name, v) in [("rand", &options.rand), ("uid", &options.uid)] {
                if v.is_some() {
                    return Err(Error::new(
                        ErrorCode::InvalidField,
                        format!("invalid field {name}: only method A has one, not method {method}"),
                    ));
                }
            }
            ("", "")
        }
    };
    let time_text = match method {
        UrlMethod::A => Digits::new(time).as_str().to_owned(),
        _ => format!("{time:x}"),
    };
    let input = HashInput {
        method,
        uri: parsed.path,
        stream: parsed.stream,
        time_text: &time_text,
        rand,
        uid,
    };
    let sig = hex::encode(input.digest(key.as_bytes()).as_slice());
    let added = match method {
        UrlMethod::A => format!("auth_key={time_text}-{rand}-{uid}-{sig}"),
        UrlMethod::B => format!("txSecret={sig}&txTime={time_text}"),
        _ => format!("hwSecret={sig}&hwTime={time_text}"),
    };
    let mut out = String::with_capacity(url.len() + added.len() + 2);
    out.push_str(parsed.base);
    out.push('?');
    if let Some(q) = parsed.query.filter(|q| !q.is_empty()) {
        out.push_str(q);
        if !q.ends_with('&') {
            out.push('&');
        }
    }
    out.push_str(&added);
    if let Some(f) = parsed.fragment {
        out.push('#');
        out.push_str(f);
    }
    // What sign_url makes, verify_url must accept (the fuzz target found a URL that grew past
    // the limit by the parameters added).
    if out.len() > MAX_URL_BYTES {
        return Err(Error::new(
            ErrorCode::InvalidField,
            format!(
                "invalid field url: signed, it would have {} bytes; at most {MAX_URL_BYTES} are accepted",
                out.len()
            ),
        ));
    }
    Ok(out)
}

/// The inputs of one method's hash, as they appear in the URL.
#[derive(Clone, Copy, Debug)]
pub(crate) struct HashInput<'a> {
    pub(crate) method: UrlMethod,
    pub(crate) uri: &'a str,
    pub(crate) stream: &'a str,
    pub(crate) time_text: &'a str,
    pub(crate) rand: &'a str,
    pub(crate) uid: &'a str,
}

/// A digest: 16 bytes (MD5) or 32 (HMAC-SHA256).
#[derive(Clone, Copy, Debug)]
pub(crate) struct UrlDigest {
    bytes: [u8; 32],
    len: usize,
}

impl UrlDigest {
    pub(crate) fn as_slice(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

impl<'a> HashInput<'a> {
    /// The digest with this key (method C has none: all zero, never reached by the callers).
    pub(crate) fn digest(&self, key: &[u8]) -> UrlDigest {
        let mut bytes = [0u8; 32];
        match self.method {
            UrlMethod::A => {
                let mut h = Md5::new();
                for part in [
                    self.uri,
                    "-",
                    self.time_text,
                    "-",
                    self.rand,
                    "-",
                    self.uid,
                    "-",
                ] {
                    h.update(part.as_bytes());
                }
                h.update(key);
                bytes[..16].copy_from_slice(&h.finalize());
                UrlDigest { bytes, len: 16 }
            }
            UrlMethod::B => {
                let mut h = Md5::new();
                h.update(key);
                h.update(self.stream.as_bytes());
                h.update(self.time_text.as_bytes());
                bytes[..16].copy_from_slice(&h.finalize());
                UrlDigest { bytes, len: 16 }
            }
            UrlMethod::D => {
                let mut mac = hmac_key(key);
                mac.update(self.stream.as_bytes());
                mac.update(self.time_text.as_bytes());
                bytes.copy_from_slice(&mac.finalize());
                UrlDigest { bytes, len: 32 }
            }
            UrlMethod::C => UrlDigest { bytes, len: 0 },
        }
    }

    /// The hashed string with the key replaced by `[KEY]` (for D: the HMAC message, and the
    /// key is the HMAC key).
    pub(crate) fn redacted(&self) -> String {
        match self.method {
            UrlMethod::A => format!(
                "{}-{}-{}-{}-[KEY]",
                self.uri, self.time_text, self.rand, self.uid
            ),
            UrlMethod::B => format!("[KEY]{}{}", self.stream, self.time_text),
            UrlMethod::D => format!("{}{}", self.stream, self.time_text),
            UrlMethod::C => String::new(),
        }
    }
}

/// A URL's signature parameters, read and checked for form.
#[derive(Clone, Debug)]
pub(crate) struct Inspected<'a> {
    pub(crate) parsed: ParsedUrl<'a>,
    pub(crate) method: UrlMethod,
    pub(crate) time: u64,
    pub(crate) time_text: &'a str,
    pub(crate) time_format: TimeFormat,
    pub(crate) rand: &'a str,
    pub(crate) uid: &'a str,
    /// The received signature as written.
    pub(crate) received_text: &'a str,
    /// The received signature, decoded.
    pub(crate) received: UrlDigest,
}

impl<'a> Inspected<'a> {
    pub(crate) fn input(&self) -> HashInput<'a> {
        HashInput {
            method: self.method,
            uri: self.parsed.path,
            stream: self.parsed.stream,
            time_text: self.time_text,
            rand: self.rand,
            uid: self.uid,
        }
    }
}

fn missing(method: UrlMethod, what: &str, others: &[UrlMethod]) -> Error {
    let also = match others.first() {
        Some(m) => format!(
            "; the URL carries {} (method {m}): is the domain set to method {m}?",
            m.params().join("/")
        ),
        None => String::new(),
    };
    Error::new(
        ErrorCode::MissingSignature,
        format!(
            "missing signature: {what} absent (method {method} puts {} in the query){also}",
            method.params().join(" and ")
        ),
    )
}

/// Reads the time: hex for B and D; for A decimal when only digits, else hex.
fn read_time(method: UrlMethod, param: &str, text: &str) -> Result<(u64, TimeFormat), Error> {
    let bad = |why: String| {
        Error::new(
            ErrorCode::InvalidField,
            format!("invalid field {param}: {} {why}", quote(text)),
        )
    };
    if text.is_empty() {
        return Err(bad("is empty; it is a Unix time".into()));
    }
    let decimal = method == UrlMethod::A && text.bytes().all(|b| b.is_ascii_digit());
    if decimal {
        return text
            .parse::<u64>()
            .map(|t| (t, TimeFormat::Decimal))
            .map_err(|_| bad("does not fit 64 bits".into()));
    }
    if let Some(at) = text.bytes().position(|b| !b.is_ascii_hexdigit()) {
        let form = if method == UrlMethod::A {
            "decimal or hexadecimal digits"
        } else {
            "hexadecimal digits (Unix time in hex, like 5eed5888)"
        };
        return Err(bad(format!("has character {at} that is not one of {form}")));
    }
    if text.len() > 16 {
        return Err(bad("does not fit 64 bits".into()));
    }
    u64::from_str_radix(text, 16)
        .map(|t| (t, TimeFormat::Hex))
        .map_err(|_| bad("does not fit 64 bits".into()))
}

fn read_signature(method: UrlMethod, param: &str, text: &str) -> Result<UrlDigest, Error> {
    let want = if method == UrlMethod::D { 64 } else { 32 };
    if text.len() != want {
        return Err(Error::new(
            ErrorCode::InvalidField,
            format!(
                "invalid field {param}: expected {want} hexadecimal characters ({}), got {} bytes",
                method.hash(),
                text.len()
            ),
        ));
    }
    let mut bytes = [0u8; 32];
    match hex::decode_to_slice(text, &mut bytes[..want / 2]) {
        Ok(()) => Ok(UrlDigest {
            bytes,
            len: want / 2,
        }),
        Err(_) => {
            let at = text
                .bytes()
                .position(|b| !b.is_ascii_hexdigit())
                .unwrap_or(0);
            Err(Error::new(
                ErrorCode::InvalidField,
                format!("invalid field {param}: character {at} is not a hexadecimal digit"),
            ))
        }
    }
}

/// Parses the URL and reads the method's parameters, without any key or time check.
pub(crate) fn inspect(url: &str, method: Option<UrlMethod>) -> Result<Inspected<'_>, Error> {
    let parsed = parse_url(url)?;
    let found: AuthParams<'_> = auth_params(parsed.query)?;
    let present = found.methods();
    if present.len() > 1 {
        let list: Vec<&str> = present.iter().map(|m| m.as_str()).collect();
        return Err(Error::new(
            ErrorCode::InvalidField,
            format!(
                "invalid field url: it carries the parameters of methods {}; a domain uses one method",
                list.join(" and ")
            ),
        ));
    }
    if present == [UrlMethod::C] {
        return Err(unsupported_c());
    }
    let method = match (method, present.first()) {
        (Some(UrlMethod::C), _) => return Err(unsupported_c()),
        (Some(m), Some(&p)) if m != p => {
            let verb = if m.params().len() > 1 { "are" } else { "is" };
            return Err(missing(m, &format!("{} {verb}", m.params().join(" and ")), &[p]));
        }
        (Some(m), _) => m,
        (None, Some(&p)) => p,
        (None, None) => {
            return Err(Error::new(
                ErrorCode::MissingSignature,
                "missing signature: the URL carries none of auth_key (method A), txSecret/txTime (method B), hwSecret/hwTime (method D)",
            ))
        }
    };
    let (time_text, rand, uid, sig_param, sig_text) = match method {
        UrlMethod::A => {
            let Some(v) = found.get("auth_key") else {
                return Err(missing(method, "auth_key is", &[]));
            };
            let parts: Vec<&str> = v.split('-').collect();
            if parts.len() != 4 {
                return Err(Error::new(
                    ErrorCode::InvalidField,
                    format!(
                        "invalid field auth_key: {} has {} dash-separated parts; expected timestamp-rand-uid-md5hash (rand has no dash)",
                        quote(v),
                        parts.len()
                    ),
                ));
            }
            check_token("rand", parts[1])?;
            check_token("uid", parts[2])?;
            (parts[0], parts[1], parts[2], "auth_key md5hash", parts[3])
        }
        _ => {
            let (sp, tp) = match method {
                UrlMethod::B => ("txSecret", "txTime"),
                _ => ("hwSecret", "hwTime"),
            };
            match (found.get(sp), found.get(tp)) {
                (Some(s), Some(t)) => (t, "", "", sp, s),
                (None, Some(_)) => return Err(missing(method, &format!("{sp} is"), &[])),
                (Some(_), None) => return Err(missing(method, &format!("{tp} is"), &[])),
                (None, None) => return Err(missing(method, &format!("{sp} and {tp} are"), &[])),
            }
        }
    };
    let (time, time_format) = read_time(method, method.time_param(), time_text)?;
    let received = read_signature(method, sig_param, sig_text)?;
    Ok(Inspected {
        parsed,
        method,
        time,
        time_text,
        time_format,
        rand,
        uid,
        received_text: sig_text,
        received,
    })
}

/// The window check: valid while `time <= now + max_skew` and `now < time + timeout`.
/// Computed in `u128`: no input overflows.
pub(crate) fn check_window(
    method: UrlMethod,
    time: u64,
    now: u64,
    timeout: u64,
    max_skew: u64,
) -> Result<(), Error> {
    let (t, n) = (u128::from(time), u128::from(now));
    let param = method.time_param();
    let end = t + u128::from(timeout);
    if n >= end {
        let late = n - end;
        return Err(Error::new(
            ErrorCode::Expired,
            format!(
                "expired: {param} {time} (start) + timeout {timeout} s = {end} <= now {now} ({late} s past the end; a URL is valid while now < start + timeout)"
            ),
        ));
    }
    if t > n + u128::from(max_skew) {
        let ahead = t - n;
        return Err(Error::new(
            ErrorCode::TimestampInFuture,
            format!(
                "not valid yet: {param} {time} (start) is {ahead} s after now {now}, beyond max_skew_secs {max_skew} (was an expiry time written where Huawei reads the start?)"
            ),
        ));
    }
    Ok(())
}

/// Compares the received signature with every key's, in constant time, without early exit.
/// `observe` is called once a byte compared.
pub(crate) fn match_keys(
    input: &HashInput<'_>,
    received: &UrlDigest,
    keys: &[Key],
    mut observe: impl FnMut(),
) -> Option<usize> {
    let mut first = FirstMatch::default();
    for (i, key) in keys.iter().enumerate() {
        let expected = input.digest(key.secret().as_bytes());
        first.offer(
            i,
            eq_mask(expected.as_slice(), received.as_slice(), &mut observe),
        );
    }
    first.get()
}

/// Verifies a signed URL at `now` (Unix seconds; the core reads no clock). Checks, in order,
/// failing at the first problem: the options (keys, timeout, method C), the URL's form, the
/// method's parameters (present, not duplicated, one method), their form, the signature against
/// every key (constant time, hex case ignored), then the validity window.
///
/// Errors: `INVALID_KEY`, `INVALID_FIELD`, `DUPLICATE_FIELD`, `MISSING_SIGNATURE`,
/// `UNSUPPORTED_METHOD`, `SIGNATURE_MISMATCH`, `EXPIRED` (`now >= time + timeout_secs`),
/// `TIMESTAMP_IN_FUTURE` (`time > now + max_skew_secs`: not valid yet).
pub fn verify_url(url: &str, options: &UrlOptions, now: u64) -> Result<VerifiedUrl, Error> {
    check_options(options)?;
    let x = inspect(url, options.method)?;
    let input = x.input();
    let Some(key_index) = match_keys(&input, &x.received, &options.keys, || {}) else {
        return Err(url_mismatch(x.method, options.keys.len()));
    };
    check_window(
        x.method,
        x.time,
        now,
        options.timeout_secs,
        options.max_skew_secs,
    )?;
    Ok(VerifiedUrl {
        method: x.method,
        kind: x.parsed.kind,
        time: x.time,
        time_format: x.time_format,
        time_reading: TimeReading::Start,
        expires_at: x.time.saturating_add(options.timeout_secs),
        key_index,
        key_id: options.keys[key_index].id().map(str::to_owned),
        stream: x.parsed.stream.to_owned(),
        note: (x.method == UrlMethod::B).then_some(METHOD_B_NOTE),
    })
}

pub(crate) fn url_mismatch(method: UrlMethod, keys: usize) -> Error {
    let keys = if keys == 1 {
        "the configured key".to_owned()
    } else {
        format!("any of the {keys} configured keys")
    };
    let param = match method {
        UrlMethod::A => "the auth_key hash",
        UrlMethod::B => "txSecret",
        _ => "hwSecret",
    };
    Error::new(
        ErrorCode::SignatureMismatch,
        format!(
            "signature mismatch: {param} is not {} with {keys} (method {method})",
            method.formula()
        ),
    )
}

#[cfg(test)]
mod tests;
