//! The checks behind every cargo-fuzz target in `fuzz/`, shared with `tests/fuzz_regressions.rs`
//! (which replays the committed regression inputs on the stable toolchain without libFuzzer).
//!
//! Each `check_*` function takes the raw fuzz input and panics when an invariant is broken; a
//! fuzz target is nothing but a call to one of them. Included with `#[path]` from both places,
//! so it may use only what both have: this crate, `hmac`, `sha2`, `md5`, `hex` and `serde_json`
//! (dependencies of both; the crate itself hashes with its own src/hash.rs, so these checks
//! recompute every signature with an implementation it does not use).
//!
//! The oracles are independent of the crate's internals: signatures are recomputed here from
//! the spec's formulas (spec §1, §2) with the `hmac`/`sha2`/`md5` crates, and the order of the
//! verification checks is re-stated in [`reference_verify`].

// Each fuzz target uses a subset of this module.
#![allow(dead_code)]

use huaweicloud_live_callback::{
    explain, parse, parse_ref, sign, signed_fields, to_json, Algorithm, Callback, Error, ErrorCode,
    FieldValue, Key, Kind, Options, RecordCallback, RecordEvent, StreamEvent, StreamNotification,
    Verdict, Verified, Verifier, DEFAULT_MAX_BODY_BYTES,
};

use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha2::Sha256;

/// A realistic "now" (2023-11-14), used when the input names no time.
pub const REALISTIC_NOW: u64 = 1_700_000_000;

/// No error message may be longer than this: values are quoted and cut at 64 characters, so a
/// hostile field cannot turn into a huge log line.
pub const MAX_MESSAGE_BYTES: usize = 1024;

/// Valid keys. None of them is made of hexadecimal digits only, so that a window of a key can
/// never be confused with a window of a signature in the leak check.
pub const KEY_A: &str = "Fz7kQ2mWxLvBnRtYpJhDgScUaVqZwXkN"; // 32 characters, the minimum
pub const KEY_B: &str = "Gq8rT3yUiOpLkJhGfDsAzXcVbNmQwErTyUiOpL9x"; // 40
/// The test keys of `tests/vectors/callbacks.json`: seeds signed with them verify.
pub const KEY_PRIMARY: &str = "Pv4kQ9mZt2Lx7Wc3Rb8Nh5Jd1Fs6Gy0Ue2Ka7Mo9";
pub const KEY_SECONDARY: &str = "Sx3nB8qT1vR6yH4kW9pL2cM7dF5gJ0zA3eU8iO1r";
pub const KEY_OTHER: &str = "Ot6wE1rY4uI9oP2aS7dF3gH8jK5lZ0xC4vB9nM2q";

/// 128 characters (the maximum), 368 bytes: key length is counted in characters.
pub fn key_unicode() -> String {
    "Ключ密钥Ωz".repeat(16)
}

/// How many key sets [`key_set`] has; the first [`VALID_KEY_SETS`] are all valid.
pub const KEY_SETS: u8 = 10;
pub const VALID_KEY_SETS: u8 = 5;

/// The key sets the `verify` and `explain` targets choose from.
pub fn key_set(n: u8) -> Vec<Key> {
    match n % KEY_SETS {
        0 => vec![Key::new(KEY_A)],
        1 => vec![
            Key::with_id("a", KEY_A),
            Key::with_id("b", KEY_B),
            Key::with_id("c", key_unicode()),
        ],
        2 => vec![Key::with_id("primary", KEY_PRIMARY)],
        3 => vec![
            Key::with_id("old", KEY_SECONDARY),
            Key::with_id("new", KEY_PRIMARY),
            Key::with_id("x", KEY_A),
        ],
        // The same key twice: the first index must be reported.
        4 => vec![
            Key::new(key_unicode()),
            Key::with_id("p1", KEY_PRIMARY),
            Key::with_id("p2", KEY_PRIMARY),
        ],
        // From here on, key sets that Verifier::new refuses (INVALID_KEY).
        5 => vec![],
        6 => vec![Key::new(KEY_A), Key::new(&KEY_SECONDARY[..31])],
        // The "copied with a space" mistake: trimmed, it is the primary key.
        7 => vec![Key::new(format!(" {KEY_PRIMARY}"))],
        8 => vec![Key::with_id(
            "long",
            format!("{KEY_PRIMARY}{KEY_SECONDARY}{KEY_OTHER}Lq4Wm8Zt1"),
        )],
        _ => vec![
            Key::new(KEY_PRIMARY),
            Key::new(format!("{}\t{}", &KEY_OTHER[..20], &KEY_OTHER[20..])),
        ],
    }
}

/// Length of the header that [`derive_case`] reads before the body.
pub const HEADER: usize = 12;

/// Options, `now` and body derived from a fuzz input.
#[derive(Debug)]
pub struct Case {
    pub opts: Options,
    pub now: u64,
    pub body: Vec<u8>,
}

/// Header layout (missing bytes count as 0):
/// - byte 0: key set ([`key_set`]; only the valid ones unless `any_keys`)
/// - byte 1: bit 0 allow_md5; bits 1-2 tolerance (300, 0, u64::MAX, 1); bits 3-4 max_future
///   (86400, 0, u64::MAX, 60); bits 5-7 max_body_bytes (default, 0, 16, body length, body
///   length - 1, 64, usize::MAX, x % 4096)
/// - byte 2: now (0, u64::MAX, realistic, ts + small delta, x, ts + tolerance,
///   ts + tolerance + 1, ts - max_future, ts - max_future - 1, ts), where ts is the body's
///   auth_timestamp (else the realistic now)
/// - byte 3: low nibble k > 0: replace the body's auth_sign by the right signature of key
///   k - 1 (so that the fuzzer reaches the paths after a signature match); bit 4:
///   allow_unknown_events; bits 5-6 the allow-lists: none, the body's own domain and app,
///   other ones, the body's own domain (in upper case) and another app; bit 7: in upper case
/// - bytes 4..12: x, a little-endian u64
pub fn derive_case(data: &[u8], any_keys: bool) -> Case {
    let mut h = [0u8; HEADER];
    let n = data.len().min(HEADER);
    h[..n].copy_from_slice(&data[..n]);
    let mut body = data[n..].to_vec();
    let x = u64::from_le_bytes([h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11]]);
    let keys = key_set(if any_keys {
        h[0] % KEY_SETS
    } else {
        h[0] % VALID_KEY_SETS
    });
    let allow_md5 = h[1] & 1 != 0;
    let tolerance_secs = match (h[1] >> 1) & 3 {
        0 => 300,
        1 => 0,
        2 => u64::MAX,
        _ => 1,
    };
    let max_future_secs = match (h[1] >> 3) & 3 {
        0 => 86_400,
        1 => 0,
        2 => u64::MAX,
        _ => 60,
    };
    let resign_with = h[3] & 0x0f;
    if resign_with > 0 && !keys.is_empty() {
        let key = &keys[usize::from(resign_with - 1) % keys.len()];
        body = resign(body, key.secret(), h[3] & 0x80 != 0);
    }
    let max_body_bytes = match h[1] >> 5 {
        0 => DEFAULT_MAX_BODY_BYTES,
        1 => 0,
        2 => 16,
        3 => body.len(),
        4 => body.len().saturating_sub(1),
        5 => 64,
        6 => usize::MAX,
        _ => (x % 4096) as usize,
    };
    let ts = parse(&body)
        .ok()
        .and_then(|cb| cb.auth_timestamp())
        .unwrap_or(REALISTIC_NOW);
    let delta = i64::from(x as i16);
    let now = match h[2] % 10 {
        0 => 0,
        1 => u64::MAX,
        2 => REALISTIC_NOW,
        3 => ts.saturating_add_signed(delta),
        4 => x,
        5 => ts.saturating_add(tolerance_secs),
        6 => ts.saturating_add(tolerance_secs).saturating_add(1),
        7 => ts.saturating_sub(max_future_secs),
        8 => ts.saturating_sub(max_future_secs).saturating_sub(1),
        _ => ts,
    };
    let (own_domain, own_app) = parse(&body)
        .map(|cb| {
            let v = ref_values(&cb);
            (v.domain.to_owned(), v.app.to_owned())
        })
        .unwrap_or_default();
    // Lists must be usable (the check_verify target wants a verifier): fall back to valid values.
    let own_domain = Some(own_domain)
        .filter(|d| ref_is_host(d))
        .unwrap_or_else(|| "push.example.com".to_owned());
    let own_app = Some(own_app)
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| "live".to_owned());
    let (domains, apps) = match (h[3] >> 5) & 3 {
        0 => (vec![], vec![]),
        1 => (vec![own_domain], vec![own_app]),
        2 => (
            vec!["other.example.com".to_owned()],
            vec!["otherapp".to_owned()],
        ),
        _ => (
            vec![own_domain.to_ascii_uppercase()],
            vec!["otherapp".to_owned()],
        ),
    };
    Case {
        opts: Options {
            keys,
            tolerance_secs,
            max_future_secs,
            allow_md5,
            max_body_bytes,
            domains,
            apps,
            allow_unknown_events: h[3] & 0x10 != 0,
        },
        now,
        body,
    }
}

/// Replaces the last literal occurrence of the body's `auth_sign` with the signature `secret`
/// gives the parsed callback (same length only, so the JSON structure is untouched).
fn resign(mut body: Vec<u8>, secret: &str, upper: bool) -> Vec<u8> {
    let Ok(cb) = parse(&body) else { return body };
    let (Some(old), Some(ts)) = (cb.auth_sign(), cb.auth_timestamp()) else {
        return body;
    };
    if !key_is_valid(secret) {
        return body;
    }
    let algorithm = if old.len() == 32 && cb.kind() == Kind::Record {
        Algorithm::Md5
    } else {
        Algorithm::HmacSha256
    };
    let mut new = ref_signature(&cb, secret, algorithm, ts);
    if upper {
        new.make_ascii_uppercase();
    }
    let old = old.as_bytes();
    if old.len() != new.len() {
        return body;
    }
    if let Some(at) = body.windows(old.len()).rposition(|w| w == old) {
        body[at..at + old.len()].copy_from_slice(new.as_bytes());
    }
    body
}

// ---------------------------------------------------------------------------------------------
// Independent reference: the spec's formulas and the documented order of the checks.

/// Spec §1/§2 string-to-sign for HMAC-SHA256 (absent fields contribute "").
pub fn ref_string_to_sign(cb: &Callback, ts: u64) -> String {
    match cb {
        Callback::Stream(s) => format!(
            "{}{}{}{}{}",
            s.event.as_str(),
            s.domain,
            s.app,
            s.stream,
            ts
        ),
        Callback::Record(r) => format!(
            "{}{}{}{}{}{}{}",
            ts,
            r.event_type.as_str(),
            r.publish_domain,
            r.app,
            r.stream,
            r.download_url.as_deref().unwrap_or(""),
            r.play_url.as_deref().unwrap_or("")
        ),
    }
}

/// The lowercase hex signature, computed with the `hmac`/`sha2`/`md5` crates directly.
pub fn ref_signature(cb: &Callback, secret: &str, algorithm: Algorithm, ts: u64) -> String {
    match algorithm {
        Algorithm::HmacSha256 => {
            let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
                .expect("HMAC takes keys of any length");
            mac.update(ref_string_to_sign(cb, ts).as_bytes());
            hex::encode(mac.finalize().into_bytes())
        }
        Algorithm::Md5 => hex::encode(Md5::digest(format!("{secret}{ts}").as_bytes())),
    }
}

/// 32 to 128 characters, no whitespace, no control character.
pub fn key_is_valid(secret: &str) -> bool {
    let n = secret.chars().count();
    (32..=128).contains(&n) && !secret.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The signed values of a callback by role (the reference's own view).
pub struct RefValues<'c> {
    pub kind: Kind,
    pub event: &'c str,
    pub domain: &'c str,
    pub app: &'c str,
    pub download_url: Option<&'c str>,
    pub play_url: Option<&'c str>,
}

pub fn ref_values(cb: &Callback) -> RefValues<'_> {
    match cb {
        Callback::Stream(s) => RefValues {
            kind: Kind::Stream,
            event: s.event.as_str(),
            domain: &s.domain,
            app: &s.app,
            download_url: None,
            play_url: None,
        },
        Callback::Record(r) => RefValues {
            kind: Kind::Record,
            event: r.event_type.as_str(),
            domain: &r.publish_domain,
            app: &r.app,
            download_url: r.download_url.as_deref(),
            play_url: r.play_url.as_deref(),
        },
    }
}

/// RFC 1123 host name, restated: dot-separated labels of 1-63 of [A-Za-z0-9-], no hyphen at
/// either end of a label, at most 253 bytes.
pub fn ref_is_host(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|l| {
            (1..=63).contains(&l.len())
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
}

/// http(s)://host[:port][/…|?…|#…], no whitespace or control character, no userinfo.
pub fn ref_is_url(s: &str) -> bool {
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    let rest = if lower.starts_with("http://") {
        &s[7..]
    } else if lower.starts_with("https://") {
        &s[8..]
    } else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return false;
    }
    if let Some(v6) = authority.strip_prefix('[') {
        let Some(close) = v6.find(']') else {
            return false;
        };
        let (addr, port) = (&v6[..close], &v6[close + 1..]);
        return !addr.is_empty()
            && addr
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
            && ref_port_ok(port);
    }
    match authority.rfind(':') {
        Some(i) => ref_is_host(&authority[..i]) && ref_port_ok(&authority[i..]),
        None => ref_is_host(authority),
    }
}

fn ref_port_ok(p: &str) -> bool {
    p.is_empty()
        || (p.len() >= 2
            && p.len() <= 6
            && p.starts_with(':')
            && p[1..].bytes().all(|b| b.is_ascii_digit()))
}

/// The shape rules (checked right after parsing): host name, URLs, play_url without
/// download_url.
pub fn ref_shape(cb: &Callback) -> Result<(), ErrorCode> {
    let v = ref_values(cb);
    if !ref_is_host(v.domain) {
        return Err(ErrorCode::InvalidField);
    }
    for url in [v.download_url, v.play_url].into_iter().flatten() {
        if !ref_is_url(url) {
            return Err(ErrorCode::InvalidField);
        }
    }
    if v.play_url.is_some() && v.download_url.is_none() {
        return Err(ErrorCode::MissingField);
    }
    Ok(())
}

/// The expected values (checked after the signature): documented events, the allow-lists.
pub fn ref_expected(cb: &Callback, opts: &Options) -> Result<(), ErrorCode> {
    let v = ref_values(cb);
    let documented = match v.kind {
        Kind::Stream => ["PUBLISH", "PUBLISH_DONE"].contains(&v.event),
        Kind::Record => [
            "RECORD_START",
            "RECORD_NEW_FILE_START",
            "RECORD_FILE_COMPLETE",
            "RECORD_OVER",
            "RECORD_FAILED",
        ]
        .contains(&v.event),
    };
    let domain_ok = opts.domains.is_empty()
        || opts
            .domains
            .iter()
            .any(|d| d.eq_ignore_ascii_case(v.domain));
    let app_ok = opts.apps.is_empty() || opts.apps.iter().any(|a| a == v.app);
    if (documented || opts.allow_unknown_events) && domain_ok && app_ok {
        Ok(())
    } else {
        Err(ErrorCode::UnexpectedValue)
    }
}

/// What `Verifier::new(opts)` + `verify(body, now)` must return, re-derived from the documented
/// order: keys, the domains' entries, size, parse, the shape of the signed values,
/// presence of the signature, its format, the MD5 policy, the signature against every key
/// (first match wins), the expected values, expiry, the future bound.
pub fn reference_verify(
    opts: &Options,
    body: &[u8],
    now: u64,
) -> Result<(usize, Algorithm), ErrorCode> {
    if opts.keys.is_empty() || opts.keys.iter().any(|k| !key_is_valid(k.secret())) {
        return Err(ErrorCode::InvalidKey);
    }
    if opts.domains.iter().any(|d| !ref_is_host(d)) {
        return Err(ErrorCode::InvalidKey);
    }
    if body.len() > opts.max_body_bytes {
        return Err(ErrorCode::BodyTooLarge);
    }
    let cb = parse(body).map_err(|e| e.code())?;
    ref_shape(&cb)?;
    let (Some(ts), Some(sig)) = (cb.auth_timestamp(), cb.auth_sign()) else {
        return Err(ErrorCode::MissingSignature);
    };
    let algorithm = match (sig.len(), cb.kind()) {
        (64, _) => Algorithm::HmacSha256,
        (32, Kind::Record) => Algorithm::Md5,
        _ => return Err(ErrorCode::InvalidField),
    };
    if !sig.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ErrorCode::InvalidField);
    }
    if algorithm == Algorithm::Md5 && !opts.allow_md5 {
        return Err(ErrorCode::Md5NotAllowed);
    }
    let received = sig.to_ascii_lowercase();
    let index = opts
        .keys
        .iter()
        .position(|k| ref_signature(&cb, k.secret(), algorithm, ts) == received)
        .ok_or(ErrorCode::SignatureMismatch)?;
    ref_expected(&cb, opts)?;
    if u128::from(now) > u128::from(ts) + u128::from(opts.tolerance_secs) {
        return Err(ErrorCode::Expired);
    }
    if u128::from(ts) > u128::from(now) + u128::from(opts.max_future_secs) {
        return Err(ErrorCode::TimestampInFuture);
    }
    Ok((index, algorithm))
}

// ---------------------------------------------------------------------------------------------
// Shared assertions.

/// Text that a leaked key could legitimately appear in: the body itself and what it parses to.
fn leak_exclusions(body: &[u8]) -> String {
    format!("{}\n{:?}", String::from_utf8_lossy(body), parse(body))
}

/// Panics when `text` contains 16 consecutive characters of a key (windows starting every 8
/// characters: any leaked run of 23 or more characters is caught), unless the body has them.
pub fn assert_no_key(what: &str, text: &str, opts: &Options, body: &[u8]) {
    let mut exclusions: Option<String> = None;
    for (i, key) in opts.keys.iter().enumerate() {
        let chars: Vec<char> = key.secret().chars().collect();
        let mut start = 0;
        while start + 16 <= chars.len() {
            let window: String = chars[start..start + 16].iter().collect();
            if text.contains(&window) {
                let ex = exclusions.get_or_insert_with(|| leak_exclusions(body));
                if !ex.contains(&window) {
                    panic!("{what} leaks key {i} ({window:?} is part of it): {text:?}");
                }
            }
            start += 8;
        }
    }
}

/// An error's message: not empty, bounded, and the code is one of the documented ones.
pub fn assert_sane_error(what: &str, e: &Error, opts: &Options, body: &[u8]) {
    assert!(!e.message().is_empty(), "{what}: empty message for {e:?}");
    assert!(
        e.message().len() <= MAX_MESSAGE_BYTES,
        "{what}: a {}-byte message: {:?}",
        e.message().len(),
        e.message()
    );
    assert_eq!(e.to_string(), e.message(), "{what}: Display differs");
    assert_eq!(
        ErrorCode::from_str_code(e.code().as_str()),
        Some(e.code()),
        "{what}"
    );
    assert_no_key(what, e.message(), opts, body);
}

fn show(body: &[u8]) -> String {
    if body.len() > 2000 {
        let head = String::from_utf8_lossy(&body[..2000]);
        format!("{head}… ({} bytes)", body.len())
    } else {
        String::from_utf8_lossy(body).into_owned()
    }
}

/// A verification result against the reference, with everything an accepted callback claims.
pub fn assert_verify_result(got: &Result<Verified, Error>, opts: &Options, body: &[u8], now: u64) {
    let want = reference_verify(opts, body, now);
    match (got, &want) {
        (Ok(v), Ok((index, algorithm))) => {
            assert_eq!(
                v.key_index,
                *index,
                "first matching key; body {}",
                show(body)
            );
            assert_eq!(v.algorithm, *algorithm);
            assert_eq!(v.key_id.as_deref(), opts.keys[*index].id());
            assert_eq!(v.body_authenticated, *algorithm == Algorithm::HmacSha256);
            assert_eq!(v.signed_fields, signed_fields(v.kind(), v.algorithm));
            let parsed = parse(body).expect("accepted, so it parses");
            assert_eq!(v.callback, parsed);
            assert_eq!(Some(v.auth_timestamp()), parsed.auth_timestamp());
            assert!(body.len() <= opts.max_body_bytes);
            assert!(v.algorithm == Algorithm::HmacSha256 || opts.allow_md5);
        }
        (Err(e), Err(code)) => {
            assert_eq!(
                e.code(),
                *code,
                "verify says {e:?}, the reference {code:?}; now {now}, options {opts:?}, body {}",
                show(body)
            );
            assert_sane_error("verify error", e, opts, body);
            // A body that fails to parse fails verify with the very same error.
            if let Err(pe) = parse(body) {
                if pe.code() == *code {
                    assert_eq!(e, &pe, "verify and parse disagree on a bad body");
                }
            }
        }
        _ => panic!(
            "verify returned {got:?}, the reference {want:?}; now {now}, options {opts:?}, body {}",
            show(body)
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Target `parse`: any bytes.

pub fn check_parse(data: &[u8]) {
    let opts = Options::default();
    assert_parse_ref_agrees(data);
    match parse(data) {
        Err(e) => {
            assert!(
                matches!(
                    e.code(),
                    ErrorCode::MalformedJson
                        | ErrorCode::UnknownCallback
                        | ErrorCode::MissingField
                        | ErrorCode::InvalidField
                        | ErrorCode::DuplicateField
                ),
                "parse returned a code it never should: {e:?}"
            );
            assert_sane_error("parse error", &e, &opts, data);
            assert_eq!(parse(data), Err(e), "parse is not deterministic");
        }
        Ok(cb) => {
            // The writer and the reader agree: what to_json writes parses back to the same value,
            // and it is JSON for serde_json too.
            let json = to_json(&cb);
            assert_eq!(
                parse(json.as_bytes()).as_ref(),
                Ok(&cb),
                "to_json does not round-trip: {json}"
            );
            let value: serde_json::Value =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("to_json wrote {json}: {e}"));
            assert!(value.is_object());
            // present_fields lists each field once and only fields that are there.
            let present = cb.present_fields();
            let mut sorted = present.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), present.len(), "{present:?}");
            for field in &present {
                let in_json = value.get(*field).is_some();
                assert!(in_json, "{field} listed as present but not written: {json}");
            }
            assert_eq!(
                value.as_object().map(|m| m.len()),
                Some(present.len()),
                "to_json wrote fields present_fields does not list: {json}"
            );
        }
    }
}

/// `parse_ref` (the zero-copy path `parse` and `verify` build on) agrees with `parse`: same error,
/// or the same kind, event, auth fields and field values, with borrowed values inside the body.
pub fn assert_parse_ref_agrees(data: &[u8]) {
    let (r, owned) = (parse_ref(data), parse(data));
    let (r, cb) = match (r, owned) {
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "parse_ref and parse fail differently");
            return;
        }
        (Ok(r), Ok(cb)) => (r, cb),
        (r, cb) => panic!("parse_ref {r:?} but parse {cb:?}: {}", show(data)),
    };
    assert_eq!(r.kind(), cb.kind());
    assert_eq!(r.event(), cb.event());
    assert_eq!(r.auth_timestamp(), cb.auth_timestamp());
    assert_eq!(r.auth_sign(), cb.auth_sign());
    let names: Vec<&str> = r.fields().map(|(f, _)| f.name()).collect();
    assert_eq!(
        names,
        cb.present_fields(),
        "parse_ref's fields: {}",
        show(data)
    );
    let body = data.as_ptr_range();
    for (f, value) in r.fields() {
        match (value, field_value(&cb, f.name())) {
            (FieldValue::Str(a), Value::Str(b)) => {
                assert_eq!(**a, b, "{}", f.name());
                if let std::borrow::Cow::Borrowed(slice) = a {
                    let at = slice.as_bytes().as_ptr_range();
                    assert!(
                        body.start <= at.start && at.end <= body.end,
                        "{} borrows outside the body",
                        f.name()
                    );
                }
            }
            (FieldValue::Int(a), Value::Num(b)) => assert_eq!(a, b, "{}", f.name()),
            (a, b) => panic!("{}: parse_ref {a:?}, parse {b:?}", f.name()),
        }
    }
    assert_eq!(r.clone().into_callback(), cb);
}

// ---------------------------------------------------------------------------------------------
// Target `verify`: option set, now and re-signing from the header, then the body.

pub fn check_verify(data: &[u8]) {
    let case = derive_case(data, false);
    let verifier = Verifier::new(case.opts.clone()).expect("the first key sets are valid");
    let got = verifier.verify(&case.body, case.now);
    assert_verify_result(&got, &case.opts, &case.body, case.now);
    // The zero-copy path gives the same answer.
    let r = verifier.verify_ref(&case.body, case.now);
    match (&got, r) {
        (Ok(v), Ok(r)) => {
            assert_eq!(r.key_index, v.key_index);
            assert_eq!(r.algorithm, v.algorithm);
            assert_eq!(r.body_authenticated, v.body_authenticated);
            assert_eq!(r.signed_fields, v.signed_fields);
            assert_eq!(verifier.key_id(r.key_index), v.key_id.as_deref());
            assert_eq!(r.callback.into_callback(), v.callback);
        }
        (Err(a), Err(b)) => assert_eq!(a, &b, "verify_ref fails differently"),
        (a, b) => panic!("verify {a:?} but verify_ref {b:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Target `explain`: like `verify`, also with key sets Verifier::new refuses.

pub fn check_explain(data: &[u8]) {
    let case = derive_case(data, true);
    let (opts, body, now) = (&case.opts, &case.body[..], case.now);
    let x = explain(body, opts, now);
    let verified = Verifier::new(opts.clone()).and_then(|v| v.verify(body, now));
    assert_verify_result(&verified, opts, body, now);

    // explain's error is exactly verify's: the same code and the same message.
    let x_code = x.error.as_ref().map(Error::code);
    let v_code = verified.as_ref().err().map(Error::code);
    assert_eq!(
        x_code,
        v_code,
        "explain {:?} but Verifier::new + verify {:?}; now {now}, options {opts:?}, body {}",
        x.error,
        verified.as_ref().err(),
        show(body)
    );
    if let (Some(xe), Err(ve)) = (&x.error, &verified) {
        assert_eq!(xe, ve, "explain and verify word it differently");
    }
    match (&verified, &x.error) {
        (Ok(v), None) => {
            let verdict = match v.algorithm {
                Algorithm::HmacSha256 => Verdict::Valid,
                Algorithm::Md5 => Verdict::Weak,
            };
            assert_eq!(x.verdict, verdict);
            assert!(x.problems.is_empty(), "{:?}", x.problems);
            assert!(x.matches);
            assert_eq!(x.key_index, Some(v.key_index));
            assert_eq!(x.key_id, v.key_id);
            assert_eq!(x.algorithm, Some(v.algorithm));
            assert_eq!(x.callback.as_ref(), Some(&v.callback));
            assert_eq!(x.kind, Some(v.kind()));
            assert_eq!(x.event.as_deref(), Some(v.event()));
            assert_eq!(x.body_authenticated, v.body_authenticated);
            assert_eq!(x.signed_fields, v.signed_fields);
        }
        (Err(_), Some(e)) => {
            assert_eq!(x.verdict, Verdict::for_error(e.code()));
            assert_eq!(x.problems.first().map(|p| p.code), Some(e.code()));
            assert_eq!(x.problems[0].message, e.message());
            assert!(!x.body_authenticated);
        }
        _ => unreachable!("codes compared above"),
    }

    // The string-to-sign and every key's expected signature, against the spec's formulas.
    let concat: String = x.parts.iter().map(|p| p.value.as_str()).collect();
    match (&x.string_to_sign, &x.callback, x.timing) {
        (Some(s), Some(cb), Some(t)) => {
            assert_eq!(s, &concat);
            let algorithm = x.algorithm.expect("an algorithm with a string to sign");
            if algorithm == Algorithm::HmacSha256 {
                assert_eq!(s, &ref_string_to_sign(cb, t.auth_timestamp));
            } else {
                // MD5(key + auth_timestamp): what follows the key, never the key itself.
                assert_eq!(s, &t.auth_timestamp.to_string());
            }
            assert_eq!(x.keys.len(), opts.keys.len());
            let received = cb.auth_sign().map(str::to_ascii_lowercase);
            for (k, key) in x.keys.iter().zip(&opts.keys) {
                let expected = ref_signature(cb, key.secret(), algorithm, t.auth_timestamp);
                assert_eq!(k.expected_signature, expected);
                assert_eq!(k.id.as_deref(), key.id());
                assert_eq!(k.problem.is_none(), key_is_valid(key.secret()));
                if k.matches {
                    assert_eq!(received.as_deref(), Some(expected.as_str()));
                }
            }
            assert_eq!(t.now, now);
            assert_eq!(t.tolerance_secs, opts.tolerance_secs);
            assert_eq!(
                t.expires_at,
                t.auth_timestamp.saturating_add(opts.tolerance_secs)
            );
        }
        (None, _, None) => assert!(x.parts.is_empty()),
        other => panic!("string_to_sign and timing disagree: {other:?}"),
    }

    // Nothing shown anywhere contains a key.
    if let Some(e) = &x.error {
        assert_sane_error("explain error", e, opts, body);
    }
    for p in &x.problems {
        assert_no_key("explain problem", &p.message, opts, body);
    }
    for h in &x.hints {
        assert_no_key("explain hint", h, opts, body);
    }
    for k in &x.keys {
        if let Some(p) = &k.problem {
            assert_no_key("explain key problem", p, opts, body);
        }
    }
    assert_no_key("explain Display", &x.to_string(), opts, body);
    assert_no_key("explain Debug", &format!("{x:?}"), opts, body);
}

// ---------------------------------------------------------------------------------------------
// Target `roundtrip`: a callback built from structured input; sign → verify → tamper.

/// Reads a fuzz input as a stream of choices; past the end, every read is 0.
pub struct Input<'a> {
    data: &'a [u8],
}

impl<'a> Input<'a> {
    pub fn new(data: &'a [u8]) -> Input<'a> {
        Input { data }
    }

    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    pub fn bool(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    pub fn u64(&mut self) -> u64 {
        let mut b = [0u8; 8];
        for x in &mut b {
            *x = self.byte();
        }
        u64::from_le_bytes(b)
    }

    /// A timestamp-ish number: special values, realistic ones, or any u64.
    pub fn number(&mut self) -> u64 {
        match self.byte() % 6 {
            0 => 0,
            1 => u64::MAX,
            2 => REALISTIC_NOW + u64::from(self.byte()),
            3 => u64::from(self.byte()),
            4 => 1_000_000_000 + self.u64() % 9_000_000_000,
            _ => self.u64(),
        }
    }

    /// Text, biased towards what JSON must escape and what is not ASCII.
    pub fn text(&mut self) -> String {
        let len = match self.byte() {
            0..=191 => usize::from(self.byte() % 16),
            192..=254 => usize::from(self.byte()),
            255 => usize::from(self.byte()) * 16,
        };
        let mut s = String::new();
        for _ in 0..len {
            if self.data.is_empty() {
                break;
            }
            let b = self.byte();
            let c = match b % 16 {
                0 => '"',
                1 => '\\',
                2 => char::from(b >> 3), // a control character, 0x00 to 0x1f
                3 => '\u{7f}',
                4 => ['\u{2028}', '\u{2029}', '\u{feff}', '\u{fffd}'][usize::from(b >> 6)],
                5 => '直',
                6 => '😀',
                7 => '/',
                8 => {
                    let v = u32::from(self.byte()) | u32::from(self.byte()) << 8;
                    char::from_u32(v | u32::from(b >> 4) << 16).unwrap_or('\u{d7ff}')
                }
                9 => 'é',
                _ => char::from(0x20 + (b >> 1) % 95),
            };
            s.push(c);
        }
        s
    }

    pub fn opt_text(&mut self) -> Option<String> {
        self.bool().then(|| self.text())
    }

    pub fn opt_number(&mut self) -> Option<u64> {
        self.bool().then(|| self.number())
    }
}

fn stream_event(name: String) -> StreamEvent {
    match name.as_str() {
        "PUBLISH" => StreamEvent::Publish,
        "PUBLISH_DONE" => StreamEvent::PublishDone,
        _ => StreamEvent::Other(name),
    }
}

fn record_event(name: String) -> RecordEvent {
    match name.as_str() {
        "RECORD_START" => RecordEvent::RecordStart,
        "RECORD_NEW_FILE_START" => RecordEvent::RecordNewFileStart,
        "RECORD_FILE_COMPLETE" => RecordEvent::RecordFileComplete,
        "RECORD_OVER" => RecordEvent::RecordOver,
        "RECORD_FAILED" => RecordEvent::RecordFailed,
        _ => RecordEvent::Other(name),
    }
}

/// A callback of either kind from structured input (no auth fields).
pub fn build_callback(inp: &mut Input<'_>) -> Callback {
    if inp.bool() {
        let event = match inp.byte() % 4 {
            0 => StreamEvent::Publish,
            1 => StreamEvent::PublishDone,
            _ => stream_event(inp.text()),
        };
        Callback::Stream(StreamNotification {
            event,
            domain: inp.text(),
            app: inp.text(),
            stream: inp.text(),
            user_args: inp.opt_text(),
            client_ip: inp.opt_text(),
            node_ip: inp.opt_text(),
            publish_timestamp: inp.opt_number(),
            auth_timestamp: None,
            auth_sign: None,
        })
    } else {
        let event_type = match inp.byte() % 7 {
            0 => RecordEvent::RecordStart,
            1 => RecordEvent::RecordNewFileStart,
            2 => RecordEvent::RecordFileComplete,
            3 => RecordEvent::RecordOver,
            4 => RecordEvent::RecordFailed,
            _ => record_event(inp.text()),
        };
        Callback::Record(RecordCallback {
            event_type,
            project_id: inp.opt_text(),
            job_id: inp.opt_text(),
            task_id: inp.opt_text(),
            publish_domain: inp.text(),
            app: inp.text(),
            stream: inp.text(),
            record_format: inp.opt_text(),
            download_url: inp.opt_text(),
            play_url: inp.opt_text(),
            asset_id: inp.opt_text(),
            file_size: inp.opt_number(),
            record_duration: inp.opt_number(),
            start_time: inp.opt_text(),
            end_time: inp.opt_text(),
            width: inp.opt_number(),
            height: inp.opt_number(),
            obs_location: inp.opt_text(),
            obs_bucket: inp.opt_text(),
            obs_object: inp.opt_text(),
            error_message: inp.opt_text(),
            auth_timestamp: None,
            auth_sign: None,
        })
    }
}

/// The string fields of a callback by name (signed and unsigned), for tampering.
fn string_field<'c>(cb: &'c mut Callback, name: &str) -> Option<&'c mut Option<String>> {
    match cb {
        Callback::Stream(s) => match name {
            "user_args" => Some(&mut s.user_args),
            "client_ip" => Some(&mut s.client_ip),
            "node_ip" => Some(&mut s.node_ip),
            "auth_sign" => Some(&mut s.auth_sign),
            _ => None,
        },
        Callback::Record(r) => match name {
            "project_id" => Some(&mut r.project_id),
            "job_id" => Some(&mut r.job_id),
            "task_id" => Some(&mut r.task_id),
            "record_format" => Some(&mut r.record_format),
            "download_url" => Some(&mut r.download_url),
            "play_url" => Some(&mut r.play_url),
            "asset_id" => Some(&mut r.asset_id),
            "start_time" => Some(&mut r.start_time),
            "end_time" => Some(&mut r.end_time),
            "obs_location" => Some(&mut r.obs_location),
            "obs_bucket" => Some(&mut r.obs_bucket),
            "obs_object" => Some(&mut r.obs_object),
            "error_message" => Some(&mut r.error_message),
            "auth_sign" => Some(&mut r.auth_sign),
            _ => None,
        },
    }
}

/// Replaces the character at `at` (modulo the length) by `c`, or inserts `c` into an empty
/// string. The caller makes sure the result differs.
fn change_char(s: &str, at: usize, c: char) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        chars.push(c);
    } else {
        let i = at % chars.len();
        chars[i] = c;
    }
    chars.into_iter().collect()
}

/// A character other than `old` chosen by the input.
fn other_char(inp: &mut Input<'_>, old: Option<char>) -> char {
    let b = inp.byte();
    let c = match b % 4 {
        0 => char::from(b'0' + (b >> 2) % 10),
        1 => char::from(b'a' + (b >> 2) % 26),
        2 => char::from(b'A' + (b >> 2) % 26),
        _ => ['"', '\\', '\n', '\u{0}', 'é', '直', '😀', '\u{7f}'][usize::from(b >> 5)],
    };
    if Some(c) == old {
        if c == 'x' {
            'y'
        } else {
            'x'
        }
    } else {
        c
    }
}

pub fn check_roundtrip(data: &[u8]) {
    let mut inp = Input::new(data);
    let cb = build_callback(&mut inp);
    let algorithm = if inp.bool() {
        Algorithm::Md5
    } else {
        Algorithm::HmacSha256
    };
    let key: String = match inp.byte() % 8 {
        0 | 1 => KEY_A.to_owned(),
        2 => KEY_B.to_owned(),
        3 => KEY_PRIMARY.to_owned(),
        4 => key_unicode(),
        // Any text: often not a valid key, then sign must refuse it.
        5 => inp.text(),
        _ => {
            let n = 32 + usize::from(inp.byte() % 97);
            (0..n).map(|_| char::from(b'!' + inp.byte() % 94)).collect()
        }
    };
    let ts = inp.number();

    let signed = match sign(&cb, &key, algorithm, ts) {
        Ok(signed) => signed,
        Err(e) => {
            if !key_is_valid(&key) {
                assert_eq!(e.code(), ErrorCode::InvalidKey, "{e:?}");
            } else {
                assert_eq!(
                    (e.code(), algorithm, cb.kind()),
                    (ErrorCode::InvalidField, Algorithm::Md5, Kind::Stream),
                    "sign refused {cb:?}: {e:?}"
                );
            }
            let opts = Options::new([key.as_str()]);
            assert_sane_error("sign error", &e, &opts, b"");
            return;
        }
    };
    assert!(key_is_valid(&key), "sign accepted an invalid key");
    assert!(!(algorithm == Algorithm::Md5 && cb.kind() == Kind::Stream));

    // sign set exactly the auth fields, with the spec's signature.
    let expected_sign = ref_signature(&cb, &key, algorithm, ts);
    let mut expected = cb.clone();
    match &mut expected {
        Callback::Stream(s) => {
            s.auth_timestamp = Some(ts);
            s.auth_sign = Some(expected_sign.clone());
        }
        Callback::Record(r) => {
            r.auth_timestamp = Some(ts);
            r.auth_sign = Some(expected_sign.clone());
        }
    }
    assert_eq!(signed.callback, expected);
    let body = signed.body.as_bytes();

    // The body parses back to the signed callback, with our reader and with serde_json.
    assert_eq!(
        parse(body).as_ref(),
        Ok(&signed.callback),
        "{}",
        signed.body
    );
    let value: serde_json::Value = serde_json::from_str(&signed.body)
        .unwrap_or_else(|e| panic!("sign wrote invalid JSON {}: {e}", signed.body));
    assert_serde_agrees(&signed.callback, &value);

    // verify accepts it at its own auth_timestamp, with one key or among several (any event
    // name; a callback without the shape of a genuine one is refused with the shape's code).
    let one = Options {
        allow_md5: true,
        allow_unknown_events: true,
        ..Options::new([key.as_str()])
    };
    let verifier = Verifier::new(one.clone()).expect("a valid key");
    let v = verifier.verify(body, ts);
    assert_verify_result(&v, &one, body, ts);
    if let Err(code) = ref_shape(&signed.callback) {
        assert_eq!(v.map_err(|e| e.code()).err(), Some(code));
        return;
    }
    let v = v.unwrap_or_else(|e| panic!("verify refused what sign made: {e:?}\n{}", signed.body));
    assert_eq!(v.callback, signed.callback);
    assert_eq!(v.algorithm, algorithm);
    assert_eq!(v.key_index, 0);
    assert_eq!(v.body_authenticated, algorithm == Algorithm::HmacSha256);
    let x = explain(body, &one, ts);
    assert_eq!(x.error, None, "explain refused what sign made");
    assert!(x.matches);

    let several: Vec<Key> = vec![
        Key::with_id("other", KEY_OTHER),
        Key::with_id("this", key.as_str()),
        Key::with_id("second", KEY_SECONDARY),
    ];
    let first = several
        .iter()
        .position(|k| k.secret() == key)
        .expect("the key is in the list");
    let many = Options {
        allow_md5: true,
        allow_unknown_events: true,
        ..Options::new(several)
    };
    let v = Verifier::new(many.clone())
        .expect("valid keys")
        .verify(body, ts);
    assert_verify_result(&v, &many, body, ts);
    assert_eq!(v.map(|v| v.key_index).ok(), Some(first));

    // MD5 only when allowed.
    let strict = Verifier::new(Options {
        allow_unknown_events: true,
        ..Options::new([key.as_str()])
    })
    .expect("a valid key");
    let r = strict.verify(body, ts).map(|v| v.algorithm);
    // Under the default options, only the documented event names.
    let defaults = Options {
        allow_md5: true,
        ..Options::new([key.as_str()])
    };
    let r0 = Verifier::new(defaults.clone())
        .expect("a valid key")
        .verify(body, ts)
        .map(|_| ())
        .map_err(|e| e.code());
    assert_eq!(r0, ref_expected(&signed.callback, &defaults));
    match algorithm {
        Algorithm::Md5 => assert_eq!(r.map_err(|e| e.code()), Err(ErrorCode::Md5NotAllowed)),
        Algorithm::HmacSha256 => assert_eq!(r.ok(), Some(Algorithm::HmacSha256)),
    }

    // The time window's edges (default tolerance 300 s, max future 86,400 s).
    let at = |now: u64| verifier.verify(body, now).map(|_| ()).map_err(|e| e.code());
    if let Some(last) = ts.checked_add(300) {
        assert_eq!(at(last), Ok(()));
        if let Some(late) = last.checked_add(1) {
            assert_eq!(at(late), Err(ErrorCode::Expired));
        }
    }
    if let Some(earliest) = ts.checked_sub(86_400) {
        assert_eq!(at(earliest), Ok(()));
        if let Some(early) = earliest.checked_sub(1) {
            assert_eq!(at(early), Err(ErrorCode::TimestampInFuture));
        }
    }

    // Field-level tampering: one character of each field changed, the old auth_sign kept.
    let signed_names = signed_fields(cb.kind(), algorithm);
    let names: &[&str] = match cb.kind() {
        Kind::Stream => &[
            "event",
            "domain",
            "app",
            "stream",
            "user_args",
            "client_ip",
            "node_ip",
            "publish_timestamp",
            "auth_timestamp",
            "auth_sign",
        ],
        Kind::Record => &[
            "event_type",
            "project_id",
            "job_id",
            "task_id",
            "publish_domain",
            "app",
            "stream",
            "record_format",
            "download_url",
            "play_url",
            "asset_id",
            "file_size",
            "start_time",
            "end_time",
            "obs_location",
            "obs_bucket",
            "obs_object",
            "error_message",
            "auth_timestamp",
            "auth_sign",
        ],
    };
    for &name in names {
        let at_byte = usize::from(inp.byte());
        let mut t = signed.callback.clone();
        let mut now = ts;
        let want: Result<(), ErrorCode> = match name {
            "auth_timestamp" => {
                // One decimal digit changed (no leading zero; the value must still fit u64).
                let digits = ts.to_string();
                let i = at_byte % digits.len();
                let old = digits.as_bytes()[i];
                let mut new = b'0' + (inp.byte() % 10);
                if new == old || (i == 0 && new == b'0' && digits.len() > 1) {
                    new = if old == b'9' { b'1' } else { old + 1 };
                }
                let mut d = digits.into_bytes();
                d[i] = new;
                let Some(changed) = std::str::from_utf8(&d).ok().and_then(|s| s.parse().ok())
                else {
                    continue; // above u64::MAX
                };
                match &mut t {
                    Callback::Stream(s) => s.auth_timestamp = Some(changed),
                    Callback::Record(r) => r.auth_timestamp = Some(changed),
                }
                now = changed;
                Err(ErrorCode::SignatureMismatch)
            }
            "publish_timestamp" | "file_size" => {
                let slot = match &mut t {
                    Callback::Stream(s) => &mut s.publish_timestamp,
                    Callback::Record(r) => &mut r.file_size,
                };
                *slot = Some(slot.map_or(0, |v| v.wrapping_add(1)));
                Ok(())
            }
            "event" | "event_type" | "domain" | "publish_domain" | "app" | "stream" => {
                let c = other_char(&mut inp, None);
                match &mut t {
                    Callback::Stream(s) => match name {
                        "event" => {
                            let old = s.event.as_str().to_owned();
                            let c = other_char_at(&old, at_byte, c);
                            s.event = stream_event(change_char(&old, at_byte, c));
                        }
                        "domain" => {
                            let c = other_char_at(&s.domain, at_byte, c);
                            s.domain = change_char(&s.domain, at_byte, c);
                        }
                        "app" => {
                            let c = other_char_at(&s.app, at_byte, c);
                            s.app = change_char(&s.app, at_byte, c);
                        }
                        _ => {
                            let c = other_char_at(&s.stream, at_byte, c);
                            s.stream = change_char(&s.stream, at_byte, c);
                        }
                    },
                    Callback::Record(r) => match name {
                        "event_type" => {
                            let old = r.event_type.as_str().to_owned();
                            let c = other_char_at(&old, at_byte, c);
                            r.event_type = record_event(change_char(&old, at_byte, c));
                        }
                        "publish_domain" => {
                            let c = other_char_at(&r.publish_domain, at_byte, c);
                            r.publish_domain = change_char(&r.publish_domain, at_byte, c);
                        }
                        "app" => {
                            let c = other_char_at(&r.app, at_byte, c);
                            r.app = change_char(&r.app, at_byte, c);
                        }
                        _ => {
                            let c = other_char_at(&r.stream, at_byte, c);
                            r.stream = change_char(&r.stream, at_byte, c);
                        }
                    },
                }
                if signed_names.contains(&name) {
                    Err(ErrorCode::SignatureMismatch)
                } else {
                    Ok(())
                }
            }
            "auth_sign" => {
                let old = t.auth_sign().expect("signed").to_owned();
                let i = at_byte % old.len();
                let c = other_char(&mut inp, old[i..].chars().next());
                let slot = string_field(&mut t, name).expect("auth_sign");
                *slot = Some(change_char(&old, i, c));
                let old_c = char::from(old.as_bytes()[i]);
                if !c.is_ascii_hexdigit() || c.len_utf8() != 1 {
                    Err(ErrorCode::InvalidField)
                } else if c.eq_ignore_ascii_case(&old_c) {
                    Ok(()) // the same digit in the other case: hex case is ignored
                } else {
                    Err(ErrorCode::SignatureMismatch)
                }
            }
            _ => {
                let slot = string_field(&mut t, name).expect("a string field");
                let old = slot.clone();
                let c = other_char(&mut inp, None);
                let new = match &old {
                    None => c.to_string(),
                    Some(s) => {
                        let c = other_char_at(s, at_byte, c);
                        change_char(s, at_byte, c)
                    }
                };
                *slot = Some(new);
                if signed_names.contains(&name) {
                    Err(ErrorCode::SignatureMismatch)
                } else {
                    Ok(())
                }
            }
        };
        // A change that breaks the shape of a genuine callback is refused for that first.
        let want = ref_shape(&t).and(want);
        let tampered = to_json(&t);
        let got = verifier.verify(tampered.as_bytes(), now);
        assert_verify_result(&got, &one, tampered.as_bytes(), now);
        assert_eq!(
            got.as_ref().map(|_| ()).map_err(Error::code),
            want,
            "{name} changed ({algorithm:?}):\n  signed   {}\n  tampered {tampered}",
            signed.body
        );
    }

    // Byte-level tampering of the body: whatever one byte becomes, an accepted body has the
    // same string-to-sign (for MD5: the same auth_timestamp) and the same signature up to case.
    for _ in 0..4 {
        let at = usize::from(inp.byte()) | usize::from(inp.byte()) << 8;
        let at = at % body.len();
        let mut b = body.to_vec();
        let new = inp.byte();
        if new == b[at] {
            continue;
        }
        b[at] = new;
        let got = verifier.verify(&b, ts);
        assert_verify_result(&got, &one, &b, ts);
        if let Ok(v) = got {
            let (old_cb, new_cb) = (&signed.callback, &v.callback);
            assert_eq!(new_cb.kind(), old_cb.kind());
            assert_eq!(v.algorithm, algorithm);
            assert_eq!(new_cb.auth_timestamp(), Some(ts));
            let (old_sig, new_sig) = (old_cb.auth_sign().unwrap(), new_cb.auth_sign().unwrap());
            assert!(
                old_sig.eq_ignore_ascii_case(new_sig),
                "a changed signature verified: {}",
                String::from_utf8_lossy(&b)
            );
            if algorithm == Algorithm::HmacSha256 {
                assert_eq!(
                    ref_string_to_sign(new_cb, ts),
                    ref_string_to_sign(old_cb, ts),
                    "a change to a signed field verified:\n  signed   {}\n  tampered {}",
                    signed.body,
                    String::from_utf8_lossy(&b)
                );
            }
        }
    }
}

/// `c`, or another character if `c` is already the one at that position (so the change is real).
fn other_char_at(s: &str, at: usize, c: char) -> char {
    let n = s.chars().count();
    if n == 0 {
        return c;
    }
    if s.chars().nth(at % n) == Some(c) {
        if c == 'x' {
            'y'
        } else {
            'x'
        }
    } else {
        c
    }
}

/// serde_json reads the same values from a body our writer made.
fn assert_serde_agrees(cb: &Callback, value: &serde_json::Value) {
    let get = |name: &str| value.get(name).and_then(|v| v.as_str()).map(str::to_owned);
    let num = |name: &str| value.get(name).and_then(serde_json::Value::as_u64);
    match cb {
        Callback::Stream(s) => {
            assert_eq!(get("event").as_deref(), Some(s.event.as_str()));
            assert_eq!(get("domain").as_deref(), Some(s.domain.as_str()));
            assert_eq!(get("app").as_deref(), Some(s.app.as_str()));
            assert_eq!(get("stream").as_deref(), Some(s.stream.as_str()));
            assert_eq!(get("user_args"), s.user_args);
            assert_eq!(get("client_ip"), s.client_ip);
            assert_eq!(get("node_ip"), s.node_ip);
            assert_eq!(
                get("publish_timestamp"),
                s.publish_timestamp.map(|t| t.to_string())
            );
            assert_eq!(num("auth_timestamp"), s.auth_timestamp);
            assert_eq!(get("auth_sign"), s.auth_sign);
        }
        Callback::Record(r) => {
            assert_eq!(get("event_type").as_deref(), Some(r.event_type.as_str()));
            assert_eq!(
                get("publish_domain").as_deref(),
                Some(r.publish_domain.as_str())
            );
            assert_eq!(get("app").as_deref(), Some(r.app.as_str()));
            assert_eq!(get("stream").as_deref(), Some(r.stream.as_str()));
            for (name, field) in [
                ("project_id", &r.project_id),
                ("job_id", &r.job_id),
                ("task_id", &r.task_id),
                ("record_format", &r.record_format),
                ("download_url", &r.download_url),
                ("play_url", &r.play_url),
                ("asset_id", &r.asset_id),
                ("start_time", &r.start_time),
                ("end_time", &r.end_time),
                ("obs_location", &r.obs_location),
                ("obs_bucket", &r.obs_bucket),
                ("obs_object", &r.obs_object),
                ("error_message", &r.error_message),
                ("auth_sign", &r.auth_sign),
            ] {
                assert_eq!(&get(name), field, "{name}");
            }
            for (name, field) in [
                ("file_size", r.file_size),
                ("record_duration", r.record_duration),
                ("width", r.width),
                ("height", r.height),
                ("auth_timestamp", r.auth_timestamp),
            ] {
                assert_eq!(num(name), field, "{name}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Target `json`: our reader against serde_json.
//
// Two differences are known and allowed, both on the side of our reader accepting more:
// 1. Numbers outside f64's range (`1e400`): RFC 8259 allows them and our reader keeps numbers
//    as text; serde_json (without `arbitrary_precision`) fails with "number out of range".
//    Handled by replacing that number with `0` (padded to the same length) and asking again.
// 2. Depth: both stop at 128 levels, but ours accepts exactly 128 (the top-level object counts
//    as 1) while serde_json accepts at most 127. Handled by checking that the document is
//    exactly 128 levels deep and replacing each level-128 container by `0`.

/// The deepest nesting of brackets outside strings (the top-level object is 1).
fn max_depth(doc: &[u8]) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &b in doc {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Replaces every container at depth `level` by `0` and spaces (same length).
fn flatten_level(doc: &mut [u8], level: usize) {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut open = None;
    for i in 0..doc.len() {
        let b = doc[i];
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth == level {
                    open = Some(i);
                }
            }
            b'}' | b']' => {
                if depth == level {
                    if let Some(start) = open.take() {
                        doc[start] = b'0';
                        for x in &mut doc[start + 1..=i] {
                            *x = b' ';
                        }
                    }
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
}

/// The byte offset of serde_json's (line, column) (both 1-based; columns count bytes).
fn offset_of(doc: &[u8], line: usize, column: usize) -> Option<usize> {
    let mut start = 0;
    for _ in 1..line {
        start += doc[start..].iter().position(|&b| b == b'\n')? + 1;
    }
    (column > 0)
        .then(|| start + column - 1)
        .filter(|&o| o < doc.len())
}

/// Whether `s` is an RFC 8259 number.
fn is_json_number(s: &[u8]) -> bool {
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < s.len() && s[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if s.first() == Some(&b'-') {
        i += 1;
    }
    if s.get(i) == Some(&b'0') {
        i += 1;
    } else if !digits(&mut i) {
        return false;
    }
    if s.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == s.len()
}

/// If serde_json failed only on the number ending at `end`, blanks it to `0`; `false` if not.
fn blank_number(doc: &mut [u8], end: usize) -> bool {
    let is_num = |b: u8| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E');
    let mut end = end;
    while end + 1 < doc.len() && is_num(doc[end + 1]) {
        end += 1;
    }
    let mut start = end;
    while start > 0 && is_num(doc[start - 1]) {
        start -= 1;
    }
    if !is_json_number(&doc[start..=end]) {
        return false;
    }
    doc[start] = b'0';
    for x in &mut doc[start + 1..=end] {
        *x = b' ';
    }
    true
}

pub fn check_json(data: &[u8]) {
    let ours = parse(data);
    let ours_malformed = matches!(&ours, Err(e) if e.code() == ErrorCode::MalformedJson);
    let mut doc = data.to_vec();
    let mut flattened = false;
    let theirs = loop {
        match serde_json::from_slice::<serde_json::Value>(&doc) {
            Err(e) if e.to_string().starts_with("number out of range") => {
                let end = offset_of(&doc, e.line(), e.column());
                if !end.is_some_and(|end| blank_number(&mut doc, end)) {
                    break Err(e);
                }
            }
            Err(e)
                if e.to_string().starts_with("recursion limit exceeded")
                    && !ours_malformed
                    && !flattened =>
            {
                assert_eq!(
                    max_depth(&doc),
                    128,
                    "serde_json hit its depth limit on a document we accepted: {}",
                    show(data)
                );
                flatten_level(&mut doc, 128);
                flattened = true;
            }
            other => break other,
        }
    };
    match (&theirs, &ours) {
        (Ok(serde_json::Value::Object(map)), _) => {
            assert!(
                !ours_malformed,
                "serde_json reads an object, we say {ours:?}: {}",
                show(data)
            );
            if let Ok(cb) = &ours {
                assert_fields_match(cb, map, data);
            }
        }
        (Ok(other), _) => assert!(
            ours_malformed,
            "serde_json reads a non-object ({other}), we say {ours:?}: {}",
            show(data)
        ),
        (Err(e), _) => assert!(
            ours_malformed,
            "serde_json refuses it ({e}), we say {ours:?}: {}",
            show(data)
        ),
    }
}

/// Names a callback kind reads (both spellings of user_args).
const STREAM_NAMES: &[&str] = &[
    "event",
    "domain",
    "app",
    "stream",
    "user_args",
    "usr_args",
    "client_ip",
    "node_ip",
    "publish_timestamp",
    "auth_timestamp",
    "auth_sign",
];
const RECORD_NAMES: &[&str] = &[
    "project_id",
    "job_id",
    "task_id",
    "event_type",
    "publish_domain",
    "app",
    "stream",
    "record_format",
    "download_url",
    "play_url",
    "asset_id",
    "file_size",
    "record_duration",
    "start_time",
    "end_time",
    "width",
    "height",
    "obs_location",
    "obs_bucket",
    "obs_object",
    "error_message",
    "auth_sign",
    "auth_timestamp",
];

/// What we parsed equals what serde_json read, field by field.
fn assert_fields_match(
    cb: &Callback,
    map: &serde_json::Map<String, serde_json::Value>,
    data: &[u8],
) {
    let names = match cb.kind() {
        Kind::Stream => STREAM_NAMES,
        Kind::Record => RECORD_NAMES,
    };
    let present: Vec<&str> = cb.present_fields();
    for &name in names {
        let theirs = map.get(name).filter(|v| !v.is_null());
        let canonical = if name == "usr_args" {
            "user_args"
        } else {
            name
        };
        if theirs.is_some() {
            assert!(
                present.contains(&canonical),
                "serde_json has {name}, we do not: {}",
                show(data)
            );
        }
    }
    for field in present {
        let theirs = map.get(field).or_else(|| {
            (field == "user_args")
                .then(|| map.get("usr_args"))
                .flatten()
        });
        let Some(theirs) = theirs.filter(|v| !v.is_null()) else {
            panic!("we have {field}, serde_json does not: {}", show(data));
        };
        let ours = field_value(cb, field);
        match (ours, theirs) {
            (Value::Str(a), serde_json::Value::String(b)) => {
                assert_eq!(&a, b, "{field} differs: {}", show(data))
            }
            (Value::Num(a), serde_json::Value::Number(b)) => {
                assert_eq!(Some(a), b.as_u64(), "{field} differs: {}", show(data))
            }
            (Value::Num(a), serde_json::Value::String(b)) => {
                // auth_timestamp / publish_timestamp sent as digits
                let digits = b.strip_suffix(',').unwrap_or(b);
                assert_eq!(
                    digits.trim_start_matches('0').parse::<u64>().unwrap_or(0),
                    a,
                    "{field} differs: {}",
                    show(data)
                )
            }
            (ours, theirs) => panic!("{field}: we read {ours:?}, serde_json {theirs}"),
        }
    }
}

#[derive(Debug)]
enum Value {
    Str(String),
    Num(u64),
}

fn field_value(cb: &Callback, field: &str) -> Value {
    let s = |v: &Option<String>| Value::Str(v.clone().unwrap_or_default());
    let n = |v: Option<u64>| Value::Num(v.unwrap_or_default());
    match cb {
        Callback::Stream(c) => match field {
            "event" => Value::Str(c.event.as_str().to_owned()),
            "domain" => Value::Str(c.domain.clone()),
            "app" => Value::Str(c.app.clone()),
            "stream" => Value::Str(c.stream.clone()),
            "user_args" => s(&c.user_args),
            "client_ip" => s(&c.client_ip),
            "node_ip" => s(&c.node_ip),
            "publish_timestamp" => n(c.publish_timestamp),
            "auth_timestamp" => n(c.auth_timestamp),
            "auth_sign" => s(&c.auth_sign),
            other => panic!("unexpected stream field {other}"),
        },
        Callback::Record(c) => match field {
            "event_type" => Value::Str(c.event_type.as_str().to_owned()),
            "publish_domain" => Value::Str(c.publish_domain.clone()),
            "app" => Value::Str(c.app.clone()),
            "stream" => Value::Str(c.stream.clone()),
            "project_id" => s(&c.project_id),
            "job_id" => s(&c.job_id),
            "task_id" => s(&c.task_id),
            "record_format" => s(&c.record_format),
            "download_url" => s(&c.download_url),
            "play_url" => s(&c.play_url),
            "asset_id" => s(&c.asset_id),
            "start_time" => s(&c.start_time),
            "end_time" => s(&c.end_time),
            "obs_location" => s(&c.obs_location),
            "obs_bucket" => s(&c.obs_bucket),
            "obs_object" => s(&c.obs_object),
            "error_message" => s(&c.error_message),
            "auth_sign" => s(&c.auth_sign),
            "file_size" => n(c.file_size),
            "record_duration" => n(c.record_duration),
            "width" => n(c.width),
            "height" => n(c.height),
            "auth_timestamp" => n(c.auth_timestamp),
            other => panic!("unexpected record field {other}"),
        },
    }
}
