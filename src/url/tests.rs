use super::*;
use md5::Digest as _;

const KEY: &str = "GCTbw44s6MPLh4GqgDpnfuFHgy25Enly";
const OTHER: &str = "0123456789abcdefghijABCDEFGHIJxy";
const RAND: &str = "477b3bbc253f467b8def6711128c7bec";

fn a(time: u64) -> UrlSignOptions {
    UrlSignOptions {
        rand: Some(RAND.into()),
        ..UrlSignOptions::new(UrlMethod::A, time)
    }
}

/// Huawei's worked examples (spec §5).
#[test]
fn huawei_examples() {
    let s = sign_url(
        "http://play.example.com/livetest/huawei1.flv",
        KEY,
        &a(1592639100),
    )
    .unwrap();
    assert!(
        s.ends_with("?auth_key=1592639100-477b3bbc253f467b8def6711128c7bec-0-dd1b5ffa00cf26acec0c169ae1cfabea"),
        "{s}"
    );
    // Huawei's page shows dd1b… for the .sdp variant too: that is its bug, this is the right one.
    let s = sign_url(
        "webrtc://play.example.com/livetest/huawei1.sdp",
        KEY,
        &a(1592639100),
    )
    .unwrap();
    assert!(s.ends_with("-4116c2c7939307e86c6654178addc987"), "{s}");
    let s = sign_url(
        "rtmp://push.example.com/livetest/huawei1",
        KEY,
        &UrlSignOptions::new(UrlMethod::B, 0x5eed5888),
    )
    .unwrap();
    assert!(
        s.ends_with("?txSecret=5cdc845362c332a4ec3e09ac5d5571d6&txTime=5eed5888"),
        "{s}"
    );
}

#[test]
fn round_trip_and_window_edges() {
    let t = 1_700_000_000;
    for m in [UrlMethod::A, UrlMethod::B, UrlMethod::D] {
        let o = UrlSignOptions {
            rand: (m == UrlMethod::A).then(|| "r1".into()),
            ..UrlSignOptions::new(m, t)
        };
        let url = sign_url("rtmps://h:443/live/s?x=1#f", KEY, &o).unwrap();
        assert!(url.starts_with("rtmps://h:443/live/s?x=1&") && url.ends_with("#f"));
        let opts = UrlOptions::new([OTHER, KEY], 60);
        let v = verify_url(&url, &opts, t + 59).unwrap();
        assert_eq!((v.method, v.key_index, v.expires_at), (m, 1, t + 60));
        assert_eq!(v.note.is_some(), m == UrlMethod::B);
        let e = verify_url(&url, &opts, t + 60).unwrap_err();
        assert_eq!(e.code(), ErrorCode::Expired, "{e}");
        assert!(verify_url(&url, &opts, t - 300).is_ok());
        let e = verify_url(&url, &opts, t - 301).unwrap_err();
        assert_eq!(e.code(), ErrorCode::TimestampInFuture, "{e}");
        assert!(e.message().contains("not valid yet"), "{e}");
        let e = verify_url(&url, &UrlOptions::new([OTHER], 60), t).unwrap_err();
        assert_eq!(e.code(), ErrorCode::SignatureMismatch);
    }
}

#[test]
fn keys_are_checked_and_never_echoed() {
    for bad in [
        "a".repeat(32),
        "1".repeat(32),
        "abc".into(),
        format!("{}-", &OTHER[..31]),
        format!("{}é", &OTHER[..31]),
    ] {
        let e = sign_url("rtmp://h/live/s", &bad, &UrlSignOptions::default()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidKey, "{e}");
        assert!(!e.message().contains(&bad));
        let e = verify_url(
            "rtmp://h/live/s",
            &UrlOptions::new([KEY, bad.as_str()], 60),
            0,
        )
        .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidKey);
        assert!(e.message().starts_with("invalid key 1:"), "{e}");
    }
    let x = explain_url(
        &sign_url("rtmp://h/live/s", KEY, &UrlSignOptions::default()).unwrap(),
        &UrlOptions::new([OTHER], 60),
        0,
    );
    let dump = format!("{x:?}");
    assert!(!dump.contains(KEY) && !dump.contains(OTHER), "{dump}");
}

#[test]
fn parameters_refused() {
    let d = UrlSignOptions::default();
    for (url, code) in [
        ("rtmp://h/live/s?hwTime=1", ErrorCode::InvalidField),
        ("rtmp://h/live/s?auth_key=1", ErrorCode::InvalidField),
        (
            "rtmp://h/live/s?txTime=1&txTime=2",
            ErrorCode::DuplicateField,
        ),
    ] {
        assert_eq!(sign_url(url, KEY, &d).unwrap_err().code(), code, "{url}");
    }
    let o = UrlOptions::new([KEY], 60);
    for (url, code) in [
        ("rtmp://h/live/s", ErrorCode::MissingSignature),
        ("rtmp://h/live/s?hwTime=5", ErrorCode::MissingSignature),
        (
            "rtmp://h/live/s?auth_info=abc.def",
            ErrorCode::UnsupportedMethod,
        ),
        ("rtmp://h/live/s?hwTime=5&txTime=5", ErrorCode::InvalidField),
        (
            "rtmp://h/live/s?hwTime=5&hwTime=5",
            ErrorCode::DuplicateField,
        ),
        (
            "rtmp://h/live/s?hwTime=zz&hwSecret=00",
            ErrorCode::InvalidField,
        ),
        ("rtmp://h/live/s?auth_key=1-2-3", ErrorCode::InvalidField),
    ] {
        assert_eq!(verify_url(url, &o, 0).unwrap_err().code(), code, "{url}");
    }
    assert_eq!(
        sign_url(
            "rtmp://h/live/s",
            KEY,
            &UrlSignOptions::new(UrlMethod::C, 0)
        )
        .unwrap_err()
        .code(),
        ErrorCode::UnsupportedMethod
    );
    assert_eq!(
        sign_url(
            "rtmp://h/live/s",
            KEY,
            &UrlSignOptions::new(UrlMethod::A, 0)
        )
        .unwrap_err()
        .code(),
        ErrorCode::InvalidField
    );
    let mut bad = UrlOptions::new([KEY], 59);
    assert_eq!(
        verify_url("x", &bad, 0).unwrap_err().code(),
        ErrorCode::InvalidField
    );
    bad.timeout_secs = 2_592_001;
    assert_eq!(
        verify_url("x", &bad, 0).unwrap_err().code(),
        ErrorCode::InvalidField
    );
}

#[test]
fn constant_work_over_every_key() {
    let url = sign_url(
        "rtmp://h/live/s",
        KEY,
        &UrlSignOptions::new(UrlMethod::D, 9),
    )
    .unwrap();
    let keys: Vec<Key> = [OTHER, KEY, OTHER].into_iter().map(Key::new).collect();
    let x = inspect(&url, None).unwrap();
    let mut n = 0;
    assert_eq!(
        match_keys(&x.input(), &x.received, &keys, || n += 1),
        Some(1)
    );
    assert_eq!(n, 3 * 32);
    let tampered = url.replace("hwTime=9", "hwTime=a");
    let x = inspect(&tampered, None).unwrap();
    let mut m = 0;
    assert_eq!(match_keys(&x.input(), &x.received, &keys, || m += 1), None);
    assert_eq!(m, n, "the same work for a mismatch");
}

#[test]
fn explain_hints() {
    let o = UrlOptions::new([KEY], 1800);
    // Stream name signed with its extension (B).
    let sig = hex::encode(md5::Md5::digest(format!("{KEY}huawei1.flv5eed5888")));
    let url =
        format!("http://play.example.com/livetest/huawei1.flv?txSecret={sig}&txTime=5eed5888");
    let x = explain_url(&url, &o, 0x5eed5888);
    assert_eq!(
        x.error.as_ref().unwrap().code(),
        ErrorCode::SignatureMismatch
    );
    assert!(
        x.hints.iter().any(|h| h.contains("WITH its extension")),
        "{:?}",
        x.hints
    );
    assert_eq!(x.hashed.as_deref(), Some("[KEY]huawei15eed5888"));
    assert!(x.note.is_some());
    // Expiry used as start.
    let url = sign_url(
        "rtmp://h/live/s",
        KEY,
        &UrlSignOptions::new(UrlMethod::D, 10_000 + 1800),
    )
    .unwrap();
    let x = explain_url(&url, &o, 10_000);
    assert_eq!(
        x.error.as_ref().unwrap().code(),
        ErrorCode::TimestampInFuture
    );
    assert!(
        x.hints
            .iter()
            .any(|h| h.contains("expiry used as the start")),
        "{:?}",
        x.hints
    );
    // Hex timestamp without letters, read as decimal.
    let url = "rtmp://h/live/s?auth_key=60000000-r-0-".to_owned();
    let mut h = md5::Md5::new();
    h.update(format!("/live/s-60000000-r-0-{KEY}"));
    let url = format!("{url}{}", hex::encode(h.finalize()));
    let x = explain_url(&url, &o, 0x60000000);
    assert_eq!(x.error.as_ref().unwrap().code(), ErrorCode::Expired);
    assert!(
        x.hints.iter().any(|h| h.contains("Read as hexadecimal")),
        "{:?}",
        x.hints
    );
    let w = x.window.unwrap();
    assert_eq!((w.starts_at, w.expires_at), (60_000_000, 60_001_800));
    // Valid.
    let url = sign_url("rtmp://h/live/s", KEY, &UrlSignOptions::default()).unwrap();
    let x = explain_url(&url, &o, 0);
    assert!(x.error.is_none() && x.key_index == Some(0) && x.expected_signature.is_some());
}

#[test]
fn hostile_input_never_panics() {
    let o = UrlOptions::new([KEY], 60);
    for url in [
        "",
        "://",
        "rtmp://",
        "rtmp://h/é/直.😀?hwTime=ffffffffffffffff&hwSecret=",
        "rtmp://h/a/b?hwTime=ffffffffffffffff0&hwSecret=00",
        "rtmp://h/a/b?auth_key=99999999999999999999999-r-0-00000000000000000000000000000000",
        "rtmp://h/a/b?auth_key=---",
        "rtmp://h/a/b?%",
        "rtmp://h/a/b?%e",
        "https://h/a/.m3u8",
        "webrtc://h/a/b.",
    ] {
        let _ = verify_url(url, &o, u64::MAX);
        let _ = explain_url(url, &o, u64::MAX);
        let _ = sign_url(url, KEY, &a(u64::MAX));
    }
    let big = format!("rtmp://h/a/{}", "x".repeat(MAX_URL_BYTES));
    assert_eq!(
        verify_url(&big, &o, 0).unwrap_err().code(),
        ErrorCode::InvalidField
    );
    let max = sign_url(
        "rtmp://h/a/b",
        KEY,
        &UrlSignOptions::new(UrlMethod::D, u64::MAX),
    )
    .unwrap();
    let e = verify_url(&max, &o, 0).unwrap_err();
    assert_eq!(e.code(), ErrorCode::TimestampInFuture);
    let v = verify_url(&max, &o, u64::MAX - 1).unwrap();
    assert_eq!(v.expires_at, u64::MAX);
}
