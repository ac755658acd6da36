//! A small, strict reader of the URLs Huawei Live signs (spec §5): `scheme://authority/path`,
//! an optional `?query` and `#fragment`. Nothing is decoded or normalised: the path is hashed
//! exactly as it appears (Huawei hashes the URI as sent), so `/live/a%20b.flv` is hashed with
//! `%20`, not with a space.

use crate::error::{quote, Error, ErrorCode};

use super::{UrlKind, UrlMethod};

/// The longest URL accepted, in bytes. Longer input is `INVALID_FIELD` before any work.
pub const MAX_URL_BYTES: usize = 8192;

/// A URL split into the parts the methods use. Every slice borrows from the input.
#[derive(Clone, Debug)]
pub(crate) struct ParsedUrl<'a> {
    pub(crate) kind: UrlKind,
    /// `scheme://authority/path` (everything before `?` or `#`).
    pub(crate) base: &'a str,
    /// The path from its first `/`, as sent: method A's `URI`.
    pub(crate) path: &'a str,
    /// The query without `?` (`None` when there is no `?`).
    pub(crate) query: Option<&'a str>,
    /// The fragment without `#` (`None` when there is no `#`).
    pub(crate) fragment: Option<&'a str>,
    /// The last path segment as sent (`huawei1.flv`).
    pub(crate) segment: &'a str,
    /// The last path segment without its extension (`huawei1`): methods B and D hash it.
    pub(crate) stream: &'a str,
    /// The extension without the dot, if the last segment has one.
    pub(crate) extension: Option<&'a str>,
}

fn invalid(why: impl core::fmt::Display) -> Error {
    Error::new(ErrorCode::InvalidField, format!("invalid field url: {why}"))
}

/// Parses `url`. Errors are `INVALID_FIELD` naming what is wrong and where.
pub(crate) fn parse_url(url: &str) -> Result<ParsedUrl<'_>, Error> {
    if url.is_empty() {
        return Err(invalid("it is empty"));
    }
    if url.len() > MAX_URL_BYTES {
        return Err(invalid(format_args!(
            "it has {} bytes; at most {MAX_URL_BYTES} are accepted",
            url.len()
        )));
    }
    if let Some((at, c)) = url
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_whitespace() || c.is_control())
    {
        return Err(invalid(format_args!(
            "character {at} is whitespace or a control character (U+{:04X}); URLs carry none",
            c as u32
        )));
    }
    let Some((scheme, _)) = url.split_once("://") else {
        let lower = url.get(..8).map(str::to_ascii_lowercase);
        if lower.as_deref().is_some_and(|l| l.starts_with("webrtc//")) {
            return Err(invalid(
                "it starts with \"webrtc//\": the colon is missing (write webrtc://; Huawei's method A page has the same typo)",
            ));
        }
        return Err(invalid(format_args!(
            "{} has no scheme:// (expected rtmp://, rtmps://, http://, https:// or webrtc://)",
            quote(url)
        )));
    };
    let kind = match scheme.to_ascii_lowercase().as_str() {
        "rtmp" | "rtmps" => UrlKind::Push,
        "http" | "https" => UrlKind::Playback,
        "webrtc" => UrlKind::WebRtc,
        "srt" => return Err(invalid(
            "srt:// is not supported: Huawei's URL-validation pages (spec §5) document no SRT form",
        )),
        _ => {
            return Err(invalid(format_args!(
                "scheme {} is not one Huawei Live signs (rtmp, rtmps, http, https, webrtc)",
                quote(scheme)
            )))
        }
    };
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let (base, query) = match before_fragment.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (before_fragment, None),
    };
    // The scheme is one of the names above (no `?` or `#`), so `base` starts with `scheme://`.
    let after_scheme = base.get(scheme.len() + 3..).unwrap_or("");
    let (authority, path) = match after_scheme.find('/') {
        Some(i) => (&after_scheme[..i], &after_scheme[i..]),
        None => (after_scheme, ""),
    };
    if authority.is_empty() {
        return Err(invalid("the host is empty"));
    }
    if path.is_empty() {
        return Err(invalid(format_args!(
            "there is no path after host {}: expected /app/stream",
            quote(authority)
        )));
    }
    let segments: Vec<&str> = path[1..].split('/').collect();
    if let Some(n) = segments.iter().position(|s| s.is_empty()) {
        return Err(invalid(format_args!(
            "path segment {} of {} is empty: expected /app/stream with no empty segment",
            n + 1,
            quote(path)
        )));
    }
    if segments.len() < 2 {
        return Err(invalid(format_args!(
            "path {} has one segment: expected /app/stream",
            quote(path)
        )));
    }
    if let Some(s) = segments.iter().find(|s| **s == "." || **s == "..") {
        return Err(invalid(format_args!(
            "path {} has a {} segment",
            quote(path),
            quote(s)
        )));
    }
    let segment = segments[segments.len() - 1];
    let (stream, extension) = match segment.rsplit_once('.') {
        Some((stem, ext)) => (stem, Some(ext)),
        None => (segment, None),
    };
    if stream.is_empty() {
        return Err(invalid(format_args!(
            "the last path segment {} has no stream name before its extension",
            quote(segment)
        )));
    }
    let ext_lower = extension.map(str::to_ascii_lowercase);
    match (kind, ext_lower.as_deref()) {
        (UrlKind::Playback, Some("flv" | "m3u8")) => {}
        (UrlKind::Playback, _) => {
            return Err(invalid(format_args!(
                "an http(s) playback URL ends in .flv or .m3u8, and {} does not",
                quote(segment)
            )))
        }
        (UrlKind::WebRtc, None | Some("sdp")) => {}
        (UrlKind::WebRtc, Some(_)) => {
            return Err(invalid(format_args!(
                "a webrtc:// URL ends in the stream name or .sdp, not {}",
                quote(segment)
            )))
        }
        (UrlKind::Push, _) => {}
    }
    Ok(ParsedUrl {
        kind,
        base,
        path,
        query,
        fragment,
        segment,
        stream,
        extension,
    })
}

/// One `name=value` pair of the query, as sent.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Param<'a> {
    pub(crate) name: &'a str,
    pub(crate) value: &'a str,
}

/// The query's pairs, empty segments (`a=1&&b=2`) skipped; a segment without `=` has the value `""`.
pub(crate) fn params(query: Option<&str>) -> impl Iterator<Item = Param<'_>> {
    query
        .unwrap_or("")
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|s| match s.split_once('=') {
            Some((name, value)) => Param { name, value },
            None => Param { name: s, value: "" },
        })
}

/// `%XX` sequences decoded (an invalid one is kept as is); only called for names with a `%`.
fn percent_decode(s: &str) -> Vec<u8> {
    fn nib(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (nib(b[i + 1]), nib(b[i + 2])) {
                out.push((h << 4) | l);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// The names every method uses, with their method: a URL carrying any of them is signed.
pub(crate) const AUTH_PARAMS: [(&str, UrlMethod); 6] = [
    ("auth_key", UrlMethod::A),
    ("txSecret", UrlMethod::B),
    ("txTime", UrlMethod::B),
    ("auth_info", UrlMethod::C),
    ("hwSecret", UrlMethod::D),
    ("hwTime", UrlMethod::D),
];

/// What the query holds of the methods' parameters: the value of each (first) occurrence.
#[derive(Clone, Debug, Default)]
pub(crate) struct AuthParams<'a> {
    pub(crate) values: [Option<&'a str>; 6],
}

impl<'a> AuthParams<'a> {
    pub(crate) fn get(&self, name: &str) -> Option<&'a str> {
        AUTH_PARAMS
            .iter()
            .position(|(n, _)| *n == name)
            .and_then(|i| self.values[i])
    }

    /// The methods with at least one parameter present, in A, B, C, D order.
    pub(crate) fn methods(&self) -> Vec<UrlMethod> {
        let mut out: Vec<UrlMethod> = Vec::new();
        for (i, (_, m)) in AUTH_PARAMS.iter().enumerate() {
            if self.values[i].is_some() && !out.contains(m) {
                out.push(*m);
            }
        }
        out
    }
}

/// Collects the methods' parameters. `DUPLICATE_FIELD` when one appears twice; `INVALID_FIELD`
/// when one is written percent-encoded (`hw%53ecret`), which a server would decode into the
/// real name while this reader would miss it.
pub(crate) fn auth_params(query: Option<&str>) -> Result<AuthParams<'_>, Error> {
    let mut found = AuthParams::default();
    let mut counts = [0usize; 6];
    for p in params(query) {
        let decoded;
        let name: &[u8] = if p.name.contains('%') {
            decoded = percent_decode(p.name);
            &decoded
        } else {
            p.name.as_bytes()
        };
        if let Some(i) = AUTH_PARAMS.iter().position(|(n, _)| n.as_bytes() == name) {
            if name != p.name.as_bytes() {
                return Err(Error::new(
                    ErrorCode::InvalidField,
                    format!(
                        "invalid field {}: the parameter name is percent-encoded as {}; write it plainly",
                        AUTH_PARAMS[i].0,
                        quote(p.name)
                    ),
                ));
            }
            counts[i] += 1;
            if counts[i] == 1 {
                found.values[i] = Some(p.value);
            }
        }
    }
    if let Some(i) = counts.iter().position(|&c| c > 1) {
        return Err(Error::new(
            ErrorCode::DuplicateField,
            format!(
                "duplicate field {}: the parameter appears {} times in the query",
                AUTH_PARAMS[i].0, counts[i]
            ),
        ));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits() {
        let p = parse_url("rtmp://push.example.com:1935/live/s?a=1&b#frag").unwrap();
        assert_eq!(p.kind, UrlKind::Push);
        assert_eq!(p.base, "rtmp://push.example.com:1935/live/s");
        assert_eq!(p.path, "/live/s");
        assert_eq!(p.query, Some("a=1&b"));
        assert_eq!(p.fragment, Some("frag"));
        assert_eq!((p.stream, p.extension), ("s", None));
        let p = parse_url("https://play.example.com/live/s.m3u8").unwrap();
        assert_eq!((p.stream, p.extension, p.query), ("s", Some("m3u8"), None));
        let p = parse_url("webrtc://play.example.com/live/a.b.sdp?").unwrap();
        assert_eq!((p.stream, p.segment, p.query), ("a.b", "a.b.sdp", Some("")));
    }

    #[test]
    fn refusals() {
        for bad in [
            "",
            "push.example.com/live/s",
            "webrtc//play.example.com/live/s.sdp",
            "srt://push.example.com:9000?streamid=x",
            "ftp://h/live/s",
            "rtmp:///live/s",
            "rtmp://h",
            "rtmp://h/s",
            "rtmp://h/live//s",
            "rtmp://h/live/s/",
            "rtmp://h/live/.flv",
            "rtmp://h/live/..",
            "https://h/live/s.mp4",
            "https://h/live/s",
            "webrtc://h/live/s.flv",
            "rtmp://h/live/s x",
            "a?b://h/live/s",
        ] {
            let e = parse_url(bad).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidField, "{bad}: {e}");
        }
        assert!(parse_url(&"a".repeat(MAX_URL_BYTES + 1)).is_err());
    }

    #[test]
    fn auth_parameters() {
        let a = auth_params(Some("x=1&hwSecret=ab&&hwTime=5&y")).unwrap();
        assert_eq!(a.get("hwSecret"), Some("ab"));
        assert_eq!(a.methods(), vec![UrlMethod::D]);
        let e = auth_params(Some("hwTime=1&hwTime=2")).unwrap_err();
        assert_eq!(e.code(), ErrorCode::DuplicateField);
        let e = auth_params(Some("hw%53ecret=1")).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidField);
        assert!(auth_params(Some("%zz=1&%")).unwrap().methods().is_empty());
    }
}
