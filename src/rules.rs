//! The rules about the signed values that close what Huawei's string-to-sign leaves open
//! (spec §6), shared by [`crate::Verifier`] and [`crate::explain`].
//!
//! The string-to-sign is a plain concatenation with no separators, so characters can move
//! across the boundary of two adjacent signed values without changing the signature: a genuine
//! `PUBLISH_DONE` for `push.example.com` also "verifies" as a `PUBLISH` for
//! `_DONEpush.example.com`. Three layers refuse such re-splits:
//! - **shape** (always): `domain`/`publish_domain` is a DNS host name; `download_url` and
//!   `play_url` are absolute `http`/`https` URLs; a recording callback with `play_url` but no
//!   `download_url` is refused as ambiguous (no documented body has that shape);
//! - **documented events** (unless [`Options::allow_unknown_events`]): `PUBLISH`,
//!   `PUBLISH_DONE` and the five `RECORD_*` events;
//! - **allow-lists** ([`Options::domains`], [`Options::apps`]): the only defence for the
//!   `domain|app` and `app|stream` boundaries, whose both sides are ordinary names.
//!
//! The `stream|auth_timestamp` boundary is closed by the time bounds: moving a digit multiplies
//! or divides `auth_timestamp` by ten.

use crate::error::{quote, Error, ErrorCode};
use crate::model::Kind;
use crate::msg::{join, msg};
use crate::options::Options;

/// The documented `event` values of stream notifications (spec §1).
pub const STREAM_EVENTS: &[&str] = &["PUBLISH", "PUBLISH_DONE"];
/// The documented `event_type` values of recording callbacks (spec §2).
pub const RECORD_EVENTS: &[&str] = &[
    "RECORD_START",
    "RECORD_NEW_FILE_START",
    "RECORD_FILE_COMPLETE",
    "RECORD_OVER",
    "RECORD_FAILED",
];
/// The URL schemes `download_url` and `play_url` may use. Recordings are downloaded from OBS
/// or VOD over HTTP(S); no other scheme appears in Huawei's documents.
pub const URL_SCHEMES: &[&str] = &["http", "https"];

/// The signed values of a callback, by role, with the presence of the two optional ones.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Values<'x> {
    pub(crate) kind: Kind,
    /// `event` or `event_type`.
    pub(crate) event: &'x str,
    /// `domain` or `publish_domain`.
    pub(crate) domain: &'x str,
    pub(crate) app: &'x str,
    pub(crate) stream: &'x str,
    /// Recording callbacks only.
    pub(crate) download_url: Option<&'x str>,
    /// Recording callbacks only.
    pub(crate) play_url: Option<&'x str>,
}

impl Values<'_> {
    fn domain_field(&self) -> &'static str {
        match self.kind {
            Kind::Stream => "domain",
            Kind::Record => "publish_domain",
        }
    }

    fn event_field(&self) -> &'static str {
        match self.kind {
            Kind::Stream => "event",
            Kind::Record => "event_type",
        }
    }
}

/// The value rules of a [`crate::Verifier`], checked and kept from [`Options`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ValueRules {
    pub(crate) domains: Vec<String>,
    pub(crate) apps: Vec<String>,
    pub(crate) allow_unknown_events: bool,
}

impl ValueRules {
    /// The rules of `options`; `INVALID_KEY` ("or another option is unusable") for an entry
    /// of `domains` that is not a host name: it could never match, and a misconfiguration must
    /// fail loudly at start-up, not refuse every callback.
    pub(crate) fn new(options: &Options) -> Result<ValueRules, Error> {
        for (i, d) in options.domains.iter().enumerate() {
            if let Err(why) = host_name(d) {
                return Err(Error::new(
                    ErrorCode::InvalidKey,
                    msg!(
                        "invalid option domains[",
                        i,
                        "]: ",
                        quote(d),
                        " is not a DNS host name (",
                        why,
                        ")"
                    ),
                ));
            }
        }
        Ok(ValueRules {
            domains: options.domains.clone(),
            apps: options.apps.clone(),
            allow_unknown_events: options.allow_unknown_events,
        })
    }
}

/// The shape every genuine callback has (`INVALID_FIELD` / `MISSING_FIELD`), checked right
/// after parsing.
pub(crate) fn check_shape(v: &Values<'_>) -> Result<(), Error> {
    if let Err(why) = host_name(v.domain) {
        return Err(Error::new(
            ErrorCode::InvalidField,
            msg!(
                "invalid field ",
                v.domain_field(),
                ": ",
                quote(v.domain),
                " is not a DNS host name (",
                why,
                ")"
            ),
        ));
    }
    if v.kind == Kind::Record {
        for (field, value) in [("download_url", v.download_url), ("play_url", v.play_url)] {
            if let Some(url) = value {
                if let Err(why) = absolute_url(url) {
                    return Err(Error::new(
                        ErrorCode::InvalidField,
                        msg!(
                            "invalid field ",
                            field,
                            ": ",
                            quote(url),
                            " is not an absolute http or https URL (",
                            why,
                            ")"
                        ),
                    ));
                }
            }
        }
        if v.play_url.is_some() && v.download_url.is_none() {
            return Err(Error::new(
                ErrorCode::MissingField,
                "missing field download_url: the recording callback has play_url but no download_url, which no genuine callback has; the signature cannot tell the two apart (download_url + play_url are signed without a separator)",
            ));
        }
    }
    Ok(())
}

/// The values the receiver expects (`UNEXPECTED_VALUE`), checked after the signature.
pub(crate) fn check_expected(v: &Values<'_>, rules: &ValueRules) -> Result<(), Error> {
    if !rules.allow_unknown_events {
        let known = match v.kind {
            Kind::Stream => STREAM_EVENTS,
            Kind::Record => RECORD_EVENTS,
        };
        if !known.contains(&v.event) {
            return Err(Error::new(
                ErrorCode::UnexpectedValue,
                msg!(
                    "unexpected value ",
                    v.event_field(),
                    " ",
                    quote(v.event),
                    ": not a documented event (",
                    join(known, ", "),
                    "); set allow_unknown_events to accept other names"
                ),
            ));
        }
    }
    if !rules.domains.is_empty()
        && !rules
            .domains
            .iter()
            .any(|d| d.eq_ignore_ascii_case(v.domain))
    {
        return Err(unexpected(
            v.domain_field(),
            v.domain,
            "domains",
            &rules.domains,
        ));
    }
    if !rules.apps.is_empty() && !rules.apps.iter().any(|a| a == v.app) {
        return Err(unexpected("app", v.app, "apps", &rules.apps));
    }
    Ok(())
}

fn unexpected(field: &str, value: &str, option: &str, list: &[String]) -> Error {
    const SHOWN: usize = 8;
    let mut shown = String::new();
    for (i, s) in list.iter().take(SHOWN).enumerate() {
        if i > 0 {
            shown.push_str(", ");
        }
        shown.push_str(&quote(s));
    }
    if list.len() > SHOWN {
        shown.push_str(&msg!(", … ", list.len() - SHOWN, " more"));
    }
    Error::new(
        ErrorCode::UnexpectedValue,
        msg!(
            "unexpected value ",
            field,
            " ",
            quote(value),
            ": not in ",
            option,
            " [",
            shown,
            "]"
        ),
    )
}

/// RFC 1123 host name: 1 to 253 characters in dot-separated labels of 1 to 63 ASCII letters,
/// digits and hyphens, no label starting or ending with a hyphen, no trailing dot. `Err`
/// says what is wrong.
pub(crate) fn host_name(s: &str) -> Result<(), String> {
    // Byte by byte (no `str` pattern searchers: this runs on every verify, in the verify-only
    // .wasm too); a label ends at each '.', and the whole name is one more label at its end.
    if s.is_empty() {
        return Err("it is empty".to_owned());
    }
    if s.len() > 253 {
        return Err(msg!(s.len(), " bytes; at most 253"));
    }
    let bytes = s.as_bytes();
    let mut start = 0;
    for (n, label) in bytes.split(|&b| b == b'.').enumerate() {
        if label.is_empty() {
            return Err(msg!("label ", n + 1, " is empty"));
        }
        if label.len() > 63 {
            return Err(msg!(
                "label ",
                n + 1,
                " has ",
                label.len(),
                " characters; at most 63"
            ));
        }
        if let Some(i) = label
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-'))
        {
            let at = start + i;
            return Err(msg!(
                "character ",
                char_count(&bytes[..at]),
                " ",
                quote(char_at(s, at)),
                " is not a letter, digit, hyphen or dot"
            ));
        }
        if label[0] == b'-' || label[label.len() - 1] == b'-' {
            return Err(msg!("label ", n + 1, " starts or ends with a hyphen"));
        }
        start += label.len() + 1;
    }
    Ok(())
}

/// The number of characters in the UTF-8 bytes `b` (the bytes that do not continue one).
pub(crate) fn char_count(b: &[u8]) -> usize {
    b.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// The character of `s` that starts at byte `at` (`""` if none does).
fn char_at(s: &str, at: usize) -> &str {
    let len = match s.as_bytes().get(at) {
        Some(&b) if b < 0x80 => 1,
        Some(&b) if b < 0xE0 => 2,
        Some(&b) if b < 0xF0 => 3,
        _ => 4,
    };
    s.get(at..at + len).unwrap_or("")
}

/// `scheme://authority[/path][?query][#fragment]` with a scheme of [`URL_SCHEMES`] (any case),
/// a host (a host name, or an IPv6 literal in brackets), an optional port of 1 to 5 digits, and
/// no whitespace or control character anywhere. `Err` says what is wrong.
pub(crate) fn absolute_url(s: &str) -> Result<(), String> {
    let bytes = s.as_bytes();
    let Some(colon) = bytes.windows(3).position(|w| w == b"://") else {
        return Err("no scheme://".to_owned());
    };
    let (scheme, rest) = (&s[..colon], &s[colon + 3..]);
    if !URL_SCHEMES.iter().any(|k| k.eq_ignore_ascii_case(scheme)) {
        return Err(msg!("scheme ", quote(scheme)));
    }
    if let Some(c) = s.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(msg!("it contains ", quote(c.encode_utf8(&mut [0; 4]))));
    }
    let rest_bytes = rest.as_bytes();
    let end = rest_bytes
        .iter()
        .position(|&b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let authority = &rest[..end];
    let auth = authority.as_bytes();
    if auth.contains(&b'@') {
        return Err("credentials in the authority".to_owned());
    }
    let (host, port) = if auth.first() == Some(&b'[') {
        match auth.iter().position(|&b| b == b']') {
            Some(close)
                if close > 1
                    && auth[1..close]
                        .iter()
                        .all(|&b| b.is_ascii_hexdigit() || b == b':' || b == b'.') =>
            {
                (None, &authority[close + 1..])
            }
            _ => return Err("a malformed IPv6 address".to_owned()),
        }
    } else {
        match auth.iter().rposition(|&b| b == b':') {
            Some(at) => (Some(&authority[..at]), &authority[at..]),
            None => (Some(authority), ""),
        }
    };
    if let Some(host) = host {
        host_name(host).map_err(|why| msg!("host ", quote(host), ": ", why))?;
    }
    if !port.is_empty() {
        let digits = &port.as_bytes()[1..];
        if port.as_bytes()[0] != b':'
            || digits.is_empty()
            || digits.len() > 5
            || !digits.iter().all(u8::is_ascii_digit)
        {
            return Err(msg!("port ", quote(port)));
        }
    }
    Ok(())
}

/// A boundary between two adjacent signed values that a re-split could cross unnoticed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Boundary {
    /// The signed field before the boundary.
    pub before: &'static str,
    /// The signed field after it.
    pub after: &'static str,
    /// A value that the same signature also "verifies" with under the options in force:
    /// the two fields' values after moving characters across the boundary.
    pub example: (String, String),
}

/// The boundaries of the HMAC string-to-sign of `v` at which moving 1 to 4 characters either
/// way gives a callback that the same options would still accept (shape, expected values and
/// time), for [`crate::explain`]. `ts` is the signed `auth_timestamp`.
pub(crate) fn open_boundaries(
    v: &Values<'_>,
    ts: u64,
    options: &Options,
    rules: &ValueRules,
    now: u64,
) -> Vec<Boundary> {
    let digits = ts.to_string();
    let parts: Vec<(&'static str, String)> = match v.kind {
        Kind::Stream => vec![
            ("event", v.event.to_owned()),
            ("domain", v.domain.to_owned()),
            ("app", v.app.to_owned()),
            ("stream", v.stream.to_owned()),
            ("auth_timestamp", digits),
        ],
        Kind::Record => vec![
            ("auth_timestamp", digits),
            ("event_type", v.event.to_owned()),
            ("publish_domain", v.domain.to_owned()),
            ("app", v.app.to_owned()),
            ("stream", v.stream.to_owned()),
            ("download_url", v.download_url.unwrap_or("").to_owned()),
            ("play_url", v.play_url.unwrap_or("").to_owned()),
        ],
    };
    let mut open = Vec::new();
    for b in 0..parts.len() - 1 {
        let found = (1..=4usize)
            .flat_map(|k| [(k, true), (k, false)])
            .find_map(|(k, left)| {
                let (a, c) = (&parts[b].1, &parts[b + 1].1);
                let (a2, c2) = shift(a, c, k, left)?;
                accepted(v.kind, &parts, b, &a2, &c2, options, rules, now).then_some((a2, c2))
            });
        if let Some(example) = found {
            open.push(Boundary {
                before: parts[b].0,
                after: parts[b + 1].0,
                example,
            });
        }
    }
    open
}

/// `a|c` with `k` characters moved from the end of `a` to the start of `c` (`left`: from the
/// start of `c` to the end of `a`); `None` when the side giving them has fewer.
fn shift(a: &str, c: &str, k: usize, left: bool) -> Option<(String, String)> {
    if left {
        let cut = c.char_indices().nth(k).map_or(c.len(), |(i, _)| i);
        (c.chars().count() >= k).then(|| (format!("{a}{}", &c[..cut]), c[cut..].to_owned()))
    } else {
        let n = a.chars().count();
        let cut = a
            .char_indices()
            .nth(n.checked_sub(k)?)
            .map_or(a.len(), |(i, _)| i);
        Some((a[..cut].to_owned(), format!("{}{c}", &a[cut..])))
    }
}

/// Whether the variant with parts `b` and `b + 1` replaced passes every rule a verifier
/// applies after the signature (which is unchanged by construction).
#[allow(clippy::too_many_arguments)]
fn accepted(
    kind: Kind,
    parts: &[(&'static str, String)],
    b: usize,
    a2: &str,
    c2: &str,
    options: &Options,
    rules: &ValueRules,
    now: u64,
) -> bool {
    let value = |i: usize| -> &str {
        if i == b {
            a2
        } else if i == b + 1 {
            c2
        } else {
            &parts[i].1
        }
    };
    let field = |name: &str| parts.iter().position(|(f, _)| *f == name).map(value);
    // auth_timestamp must stay canonical decimal digits: anything else cannot be sent.
    let Some(ts) = field("auth_timestamp").and_then(crate::num::decimal_u64) else {
        return false;
    };
    let opt = |name: &str| field(name).filter(|s| !s.is_empty());
    let (event, domain) = match kind {
        Kind::Stream => (field("event"), field("domain")),
        Kind::Record => (field("event_type"), field("publish_domain")),
    };
    let v = Values {
        kind,
        event: event.unwrap_or(""),
        domain: domain.unwrap_or(""),
        app: field("app").unwrap_or(""),
        stream: field("stream").unwrap_or(""),
        download_url: opt("download_url"),
        play_url: opt("play_url"),
    };
    check_shape(&v).is_ok()
        && check_expected(&v, rules).is_ok()
        && crate::verify::check_time(ts, now, options.tolerance_secs, options.max_future_secs)
            .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names() {
        for ok in [
            "push.example.com",
            "a",
            "x-1.b2",
            "EXAMPLE.com",
            &"a".repeat(63),
        ] {
            assert_eq!(host_name(ok), Ok(()), "{ok}");
        }
        for (bad, why) in [
            ("", "empty"),
            ("_DONEpush.example.com", "character 0 \"_\""),
            ("a..b", "label 2 is empty"),
            ("a.", "label 2 is empty"),
            ("-a.b", "hyphen"),
            ("a b", "character 1 \" \""),
            ("é.com", "character 0"),
        ] {
            let e = host_name(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
        assert!(host_name(&"a".repeat(64))
            .unwrap_err()
            .contains("at most 63"));
        assert!(host_name(&["a"; 128].join("."))
            .unwrap_err()
            .contains("at most 253"));
    }

    #[test]
    fn urls() {
        for ok in [
            "https://obs.example.com/a/b.mp4",
            "HTTP://h",
            "http://h:8080/x?y=1#z",
            "https://[2001:db8::1]:443/p",
            "https://h/%E4%B8%AD?q=中",
        ] {
            assert_eq!(absolute_url(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            ".mp4",
            "ttps://h/x",
            "ftp://h/x",
            "https://",
            "https://h/a b",
            "https://u@h/x",
            "https://h:/x",
            "https://h:123456/x",
            "https://h_/x",
            "https://[zz]/x",
            "https://h/\u{0}",
        ] {
            assert!(absolute_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn shifts_move_whole_characters() {
        assert_eq!(
            shift("ab", "cd", 1, false),
            Some(("a".into(), "bcd".into()))
        );
        assert_eq!(
            shift("ab", "cd", 2, true),
            Some(("abcd".into(), String::new()))
        );
        assert_eq!(shift("ab", "cd", 3, true), None);
        assert_eq!(
            shift("应用", "x", 1, false),
            Some(("应".into(), "用x".into()))
        );
    }
}
