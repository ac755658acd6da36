//! The check behind the `url` cargo-fuzz target (`fuzz/fuzz_targets/url.rs`), shared with
//! `tests/fuzz_regressions.rs`, which replays `tests/fuzz-regressions/url/` on stable.
//!
//! Input: an 8-byte header (keys, options, signing, now), then the URL (UTF-8, lossily).
//! Invariants:
//! - `verify_url`, `explain_url`, `sign_url` never panic;
//! - `verify_url` returns exactly what [`reference_verify`] returns (same code, same result): in
//!   particular it never accepts a URL the reference refuses;
//! - a URL `sign_url` signs is accepted by `verify_url` with that key inside the window, and
//!   `explain_url` agrees with `verify_url`;
//! - no key appears in an error or an explanation.
//!
//! The reference is independent of `src/url/`: its own URL reader and the spec's formulas
//! (spec §5) with the `md5`/`hmac`/`sha2` crates.

#![allow(dead_code)]

use hmac::{Hmac, Mac};
use huaweicloud_live_callback::{
    explain_url, sign_url, verify_url, Error, Key, UrlMethod, UrlOptions, UrlSignOptions,
    VerifiedUrl,
};
use md5::{Digest, Md5};
use sha2::Sha256;

pub const URL_KEYS: [&str; 3] = [
    "GCTbw44s6MPLh4GqgDpnfuFHgy25Enly",
    "n3wK3yR0tat10nQ7pLm2Xc9Vb4Zs8Dw1",
    "0therD0ma1nKeyAbCdEf12345GhIjKlM",
];
/// Not a URL key (all letters): `INVALID_KEY` in verify, still explained.
pub const BAD_URL_KEY: &str = "abcdefghijklmnopqrstuvwxyzABCDEF";

/// What the reference returns on success: (method, time, expires_at, key_index, stream).
pub type RefOk = (UrlMethod, u64, u64, usize, String);

struct RefUrl<'a> {
    base: &'a str,
    path: &'a str,
    query: Option<&'a str>,
    stream: &'a str,
}

fn ref_read_url(url: &str) -> Result<RefUrl<'_>, &'static str> {
    if url.is_empty() || url.len() > 8192 {
        return Err("INVALID_FIELD");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("INVALID_FIELD");
    }
    let i = url.find("://").ok_or("INVALID_FIELD")?;
    let scheme = url[..i].to_ascii_lowercase();
    let kind = match scheme.as_str() {
        "rtmp" | "rtmps" => 0,
        "http" | "https" => 1,
        "webrtc" => 2,
        _ => return Err("INVALID_FIELD"),
    };
    let no_frag = url.split('#').next().unwrap_or("");
    let (base, query) = match no_frag.find('?') {
        Some(q) => (&no_frag[..q], Some(&no_frag[q + 1..])),
        None => (no_frag, None),
    };
    let rest = &base[i + 3..];
    let (authority, path) = match rest.find('/') {
        Some(j) => (&rest[..j], &rest[j..]),
        None => (rest, ""),
    };
    if authority.is_empty() || path.is_empty() {
        return Err("INVALID_FIELD");
    }
    let segs: Vec<&str> = path[1..].split('/').collect();
    if segs.len() < 2 || segs.iter().any(|s| s.is_empty() || *s == "." || *s == "..") {
        return Err("INVALID_FIELD");
    }
    let seg = segs[segs.len() - 1];
    let (stream, ext) = match seg.rfind('.') {
        Some(d) => (&seg[..d], Some(seg[d + 1..].to_ascii_lowercase())),
        None => (seg, None),
    };
    if stream.is_empty() {
        return Err("INVALID_FIELD");
    }
    let ok = match (kind, ext.as_deref()) {
        (1, Some(e)) => e == "flv" || e == "m3u8",
        (1, None) => false,
        (2, e) => e.is_none() || e == Some("sdp"),
        _ => true,
    };
    if !ok {
        return Err("INVALID_FIELD");
    }
    Ok(RefUrl {
        base,
        path,
        query,
        stream,
    })
}

const NAMES: [(&str, char); 6] = [
    ("auth_key", 'A'),
    ("txSecret", 'B'),
    ("txTime", 'B'),
    ("auth_info", 'C'),
    ("hwSecret", 'D'),
    ("hwTime", 'D'),
];

fn unpercent(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let h = (b[i + 1] as char).to_digit(16);
            let l = (b[i + 2] as char).to_digit(16);
            if let (Some(h), Some(l)) = (h, l) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// The methods' parameters: name -> first value.
fn ref_params(query: Option<&str>) -> Result<Vec<(&'static str, &str)>, &'static str> {
    let mut found: Vec<(&'static str, &str)> = Vec::new();
    let mut counts = [0usize; 6];
    for seg in query.unwrap_or("").split('&').filter(|s| !s.is_empty()) {
        let (name, value) = seg.split_once('=').unwrap_or((seg, ""));
        let decoded = if name.contains('%') {
            unpercent(name)
        } else {
            name.as_bytes().to_vec()
        };
        for (i, (n, _)) in NAMES.iter().enumerate() {
            if decoded == n.as_bytes() {
                if name != *n {
                    return Err("INVALID_FIELD");
                }
                counts[i] += 1;
                if counts[i] == 1 {
                    found.push((n, value));
                }
            }
        }
    }
    if counts.iter().any(|&c| c > 1) {
        return Err("DUPLICATE_FIELD");
    }
    Ok(found)
}

pub fn url_key_ok(k: &str) -> bool {
    k.len() == 32
        && k.bytes().all(|b| b.is_ascii_alphanumeric())
        && !k.bytes().all(|b| b.is_ascii_digit())
        && !k.bytes().all(|b| b.is_ascii_alphabetic())
}

fn token_ok(v: &str) -> bool {
    (1..=64).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The digest as lowercase hex, from the spec's formulas.
pub fn ref_digest(
    m: char,
    uri: &str,
    stream: &str,
    t: &str,
    rand: &str,
    uid: &str,
    key: &str,
) -> String {
    match m {
        'A' => hex::encode(Md5::digest(format!("{uri}-{t}-{rand}-{uid}-{key}"))),
        'B' => hex::encode(Md5::digest(format!("{key}{stream}{t}"))),
        _ => {
            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.as_bytes()).unwrap();
            mac.update(format!("{stream}{t}").as_bytes());
            hex::encode(mac.finalize().into_bytes())
        }
    }
}

fn letter(m: UrlMethod) -> char {
    m.as_str().chars().next().unwrap()
}

fn method_of(c: char) -> UrlMethod {
    UrlMethod::from_name(&c.to_string()).unwrap()
}

/// The project's rules, re-stated: options, URL form, parameters, values, signature, window.
pub fn reference_verify(url: &str, o: &UrlOptions, now: u64) -> Result<RefOk, &'static str> {
    if o.keys.is_empty() || !o.keys.iter().all(|k| url_key_ok(k.secret())) {
        return Err("INVALID_KEY");
    }
    if !(60..=2_592_000).contains(&o.timeout_secs) {
        return Err("INVALID_FIELD");
    }
    if o.method == Some(UrlMethod::C) {
        return Err("UNSUPPORTED_METHOD");
    }
    let u = ref_read_url(url)?;
    let found = ref_params(u.query)?;
    let get = |n: &str| found.iter().find(|(k, _)| *k == n).map(|(_, v)| *v);
    let mut present: Vec<char> = Vec::new();
    for (n, m) in NAMES {
        if get(n).is_some() && !present.contains(&m) {
            present.push(m);
        }
    }
    if present.len() > 1 {
        return Err("INVALID_FIELD");
    }
    if present == ['C'] {
        return Err("UNSUPPORTED_METHOD");
    }
    let m = match (o.method.map(letter), present.first()) {
        (Some(m), Some(&p)) if m != p => return Err("MISSING_SIGNATURE"),
        (Some(m), _) => m,
        (None, Some(&p)) => p,
        (None, None) => return Err("MISSING_SIGNATURE"),
    };
    let (ttext, rand, uid, sig) = if m == 'A' {
        let v = get("auth_key").ok_or("MISSING_SIGNATURE")?;
        let p: Vec<&str> = v.split('-').collect();
        if p.len() != 4 || !token_ok(p[1]) || !token_ok(p[2]) {
            return Err("INVALID_FIELD");
        }
        (p[0], p[1], p[2], p[3])
    } else {
        let (sp, tp) = if m == 'B' {
            ("txSecret", "txTime")
        } else {
            ("hwSecret", "hwTime")
        };
        match (get(sp), get(tp)) {
            (Some(s), Some(t)) => (t, "", "", s),
            _ => return Err("MISSING_SIGNATURE"),
        }
    };
    if ttext.is_empty() {
        return Err("INVALID_FIELD");
    }
    let time = if m == 'A' && ttext.bytes().all(|b| b.is_ascii_digit()) {
        ttext.parse::<u64>().map_err(|_| "INVALID_FIELD")?
    } else {
        if ttext.len() > 16 || !ttext.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("INVALID_FIELD");
        }
        u64::from_str_radix(ttext, 16).map_err(|_| "INVALID_FIELD")?
    };
    let want = if m == 'D' { 64 } else { 32 };
    if sig.len() != want || !sig.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("INVALID_FIELD");
    }
    let sig = sig.to_ascii_lowercase();
    let index = o
        .keys
        .iter()
        .position(|k| ref_digest(m, u.path, u.stream, ttext, rand, uid, k.secret()) == sig)
        .ok_or("SIGNATURE_MISMATCH")?;
    let end = u128::from(time) + u128::from(o.timeout_secs);
    if u128::from(now) >= end {
        return Err("EXPIRED");
    }
    if u128::from(time) > u128::from(now) + u128::from(o.max_skew_secs) {
        return Err("TIMESTAMP_IN_FUTURE");
    }
    Ok((
        method_of(m),
        time,
        time.saturating_add(o.timeout_secs),
        index,
        u.stream.to_owned(),
    ))
}

/// Panics unless the core and the reference agree exactly.
pub fn assert_agrees(url: &str, o: &UrlOptions, now: u64) -> Result<VerifiedUrl, Error> {
    let got = verify_url(url, o, now);
    let want = reference_verify(url, o, now);
    match (&got, &want) {
        (Ok(v), Ok((m, t, e, i, s))) => {
            assert_eq!(
                (v.method, v.time, v.expires_at, v.key_index, &v.stream),
                (*m, *t, *e, *i, s),
                "{url:?}"
            );
        }
        (Err(e), Err(code)) => assert_eq!(e.code().as_str(), *code, "{url:?}: {e}"),
        _ => panic!("verify {got:?} but the reference {want:?} for {url:?} at {now}"),
    }
    let x = explain_url(url, o, now);
    assert_eq!(
        x.error.as_ref().map(Error::code),
        got.as_ref().err().map(Error::code),
        "explain and verify disagree on {url:?}"
    );
    let text = format!("{x:?}{got:?}");
    for k in &o.keys {
        assert!(!text.contains(k.secret()), "a key leaked for {url:?}");
    }
    got
}

fn u32_at(d: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 4];
    for (i, x) in b.iter_mut().enumerate() {
        *x = d.get(at + i).copied().unwrap_or(0);
    }
    u64::from(u32::from_le_bytes(b))
}

/// The fuzz target: see the module documentation for the input layout.
pub fn check_url(data: &[u8]) {
    let h = |i: usize| data.get(i).copied().unwrap_or(0);
    let url = String::from_utf8_lossy(data.get(8..).unwrap_or(&[])).into_owned();
    let (b0, b1, b2, b3) = (h(0), h(1), h(2), h(3));
    let mut keys: Vec<Key> = URL_KEYS[..usize::from(b0 & 3).min(3)]
        .iter()
        .map(|k| Key::new(*k))
        .collect();
    if b0 & 4 != 0 {
        keys.push(Key::new(BAD_URL_KEY));
    }
    let method = match (b0 >> 3) & 7 {
        1 => Some(UrlMethod::A),
        2 => Some(UrlMethod::B),
        3 => Some(UrlMethod::C),
        4 => Some(UrlMethod::D),
        _ => None,
    };
    let timeout = match b1 {
        0 => 60,
        1 => 1800,
        2 => 2_592_000,
        3 => 59,
        4 => 2_592_001,
        n => 60 + u64::from(n) * 97,
    };
    let o = UrlOptions {
        max_skew_secs: u64::from(b2) * 7,
        method,
        ..UrlOptions::new(keys, timeout)
    };
    let time = u32_at(data, 4) * u64::from(1 + (b3 >> 6));
    if b3 & 1 == 0 {
        // The URL as given, at now = the header's number.
        let _ = assert_agrees(&url, &o, time);
        let _ = sign_url(&url, URL_KEYS[0], &UrlSignOptions::default());
        return;
    }
    // Sign it first, then verify near the window's edges.
    let m = [UrlMethod::A, UrlMethod::B, UrlMethod::C, UrlMethod::D][usize::from((b3 >> 1) & 3)];
    let key = [URL_KEYS[0], URL_KEYS[1], URL_KEYS[2], BAD_URL_KEY][usize::from((b3 >> 3) & 3)];
    let so = UrlSignOptions {
        rand: (m == UrlMethod::A).then(|| "fuzz42".to_owned()),
        ..UrlSignOptions::new(m, time)
    };
    let Ok(signed) = sign_url(&url, key, &so) else {
        return;
    };
    assert!(
        url_key_ok(key) && m != UrlMethod::C,
        "signed with {m} and key {key:?}"
    );
    let now = match (b3 >> 5) & 1 {
        0 => time,
        _ => time + timeout.saturating_sub(1),
    };
    let _ = assert_agrees(&signed, &o, now);
    // Round trip: the signing key, no method option, the window contains now.
    let own = UrlOptions::new([key], 1800);
    let v = assert_agrees(&signed, &own, time)
        .unwrap_or_else(|e| panic!("signed {signed:?} does not verify: {e}"));
    assert_eq!((v.method, v.time, v.key_index), (m, time, 0));
}
