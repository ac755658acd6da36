//! Property tests: what `sign` makes, `verify` accepts; any change to a signed field or to the
//! signature is rejected; the JSON reader agrees with serde_json.

use huaweicloud_live_callback::{
    parse, sign, to_json, Algorithm, Callback, ErrorCode, Key, Options, RecordCallback,
    RecordEvent, StreamEvent, StreamNotification, Verifier,
};
use proptest::prelude::*;

fn key() -> impl Strategy<Value = String> {
    "[A-Za-z0-9]{32,128}"
}

/// Any text, with a bias towards characters JSON must escape.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x1f\"\\\\/a-z\u{e9}\u{76f4}\u{1f600}]{0,12}",
        Just(String::new()),
    ]
}

/// A DNS host name (the shape verify requires of `domain` / `publish_domain`).
fn host() -> impl Strategy<Value = String> {
    "[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?(\\.[a-zA-Z0-9]([a-z0-9-]{0,8}[a-z0-9])?){0,3}"
}

/// An absolute http(s) URL ending in a path (so that appending a character keeps it one).
fn url() -> impl Strategy<Value = String> {
    (
        "https?",
        host(),
        proptest::option::of(0u16..),
        "(/[a-zA-Z0-9._~%\u{e9}\u{76f4}-]{0,12}){1,3}(\\?[a-z=&0-9]{0,10})?",
    )
        .prop_map(|(scheme, host, port, path)| match port {
            Some(p) => format!("{scheme}://{host}:{p}{path}"),
            None => format!("{scheme}://{host}{path}"),
        })
}

fn stream() -> impl Strategy<Value = Callback> {
    (
        prop_oneof![
            Just(StreamEvent::Publish),
            Just(StreamEvent::PublishDone),
            text().prop_map(StreamEvent::Other)
        ],
        (host(), text(), text()),
        (
            proptest::option::of(text()),
            proptest::option::of(text()),
            proptest::option::of(any::<u64>()),
        ),
    )
        .prop_map(
            |(event, (domain, app, stream), (user_args, client_ip, publish_timestamp))| {
                // `Other("PUBLISH")` would parse back as `Publish`: normalise like the parser does.
                let event = match event {
                    StreamEvent::Other(s) if s == "PUBLISH" => StreamEvent::Publish,
                    StreamEvent::Other(s) if s == "PUBLISH_DONE" => StreamEvent::PublishDone,
                    e => e,
                };
                Callback::Stream(StreamNotification {
                    event,
                    domain,
                    app,
                    stream,
                    user_args,
                    client_ip,
                    node_ip: None,
                    publish_timestamp,
                    auth_timestamp: None,
                    auth_sign: None,
                })
            },
        )
}

fn record() -> impl Strategy<Value = Callback> {
    (
        prop_oneof![
            Just(RecordEvent::RecordStart),
            Just(RecordEvent::RecordNewFileStart),
            Just(RecordEvent::RecordFileComplete),
            Just(RecordEvent::RecordOver),
            Just(RecordEvent::RecordFailed),
            "[A-Z_]{1,20}X".prop_map(RecordEvent::Other),
        ],
        (host(), text(), text()),
        (
            // play_url only beside a download_url: the other shape is refused as ambiguous.
            prop_oneof![
                Just((None, None)),
                url().prop_map(|d| (Some(d), None)),
                (url(), url()).prop_map(|(d, p)| (Some(d), Some(p))),
            ],
            proptest::option::of(any::<u64>()),
        ),
    )
        .prop_map(
            |(event_type, (publish_domain, app, stream), ((download_url, play_url), file_size))| {
                Callback::Record(RecordCallback {
                    event_type,
                    publish_domain,
                    app,
                    stream,
                    download_url,
                    play_url,
                    file_size,
                    task_id: Some("t".into()),
                    ..RecordCallback::default()
                })
            },
        )
}

fn callback_and_algorithm() -> impl Strategy<Value = (Callback, Algorithm)> {
    prop_oneof![
        stream().prop_map(|c| (c, Algorithm::HmacSha256)),
        record().prop_map(|c| (c, Algorithm::HmacSha256)),
        record().prop_map(|c| (c, Algorithm::Md5)),
    ]
}

fn verifier(key: &str) -> Verifier {
    Verifier::new(Options {
        allow_md5: true,
        allow_unknown_events: true,
        tolerance_secs: u64::MAX,
        max_future_secs: u64::MAX,
        ..Options::new([Key::new(key)])
    })
    .unwrap()
}

/// Changes one signed field of `cb` (chosen by `which`) so that its bytes differ.
fn tamper(cb: &mut Callback, which: usize, algorithm: Algorithm) -> &'static str {
    // One character more or different, keeping a host name or URL one.
    fn change(s: &mut String) {
        if s.ends_with('x') {
            s.pop();
            s.push('y');
        } else {
            s.push('x');
        }
    }
    const CHANGED_URL: &str = "https://changed.example.com/x";
    if algorithm == Algorithm::Md5 {
        let Callback::Record(r) = cb else {
            unreachable!()
        };
        r.auth_timestamp = Some(r.auth_timestamp.unwrap().wrapping_add(1));
        return "auth_timestamp";
    }
    match cb {
        Callback::Stream(s) => match which % 5 {
            0 => {
                s.event = match &s.event {
                    StreamEvent::Publish => StreamEvent::PublishDone,
                    _ => StreamEvent::Publish,
                };
                "event"
            }
            1 => {
                change(&mut s.domain);
                "domain"
            }
            2 => {
                change(&mut s.app);
                "app"
            }
            3 => {
                change(&mut s.stream);
                "stream"
            }
            _ => {
                s.auth_timestamp = Some(s.auth_timestamp.unwrap().wrapping_add(1));
                "auth_timestamp"
            }
        },
        Callback::Record(r) => match which % 7 {
            0 => {
                r.event_type = match &r.event_type {
                    RecordEvent::RecordStart => RecordEvent::RecordOver,
                    _ => RecordEvent::RecordStart,
                };
                "event_type"
            }
            1 => {
                change(&mut r.publish_domain);
                "publish_domain"
            }
            2 => {
                change(&mut r.app);
                "app"
            }
            3 => {
                change(&mut r.stream);
                "stream"
            }
            4 => {
                match &mut r.download_url {
                    Some(u) => change(u),
                    None => r.download_url = Some(CHANGED_URL.into()),
                }
                "download_url"
            }
            5 => {
                match &mut r.play_url {
                    Some(u) => change(u),
                    None => r.play_url = Some(CHANGED_URL.into()),
                }
                // A play_url needs a download_url beside it (else it is refused as ambiguous
                // before the signature is checked).
                r.download_url.get_or_insert_with(|| CHANGED_URL.into());
                "play_url"
            }
            _ => {
                r.auth_timestamp = Some(r.auth_timestamp.unwrap().wrapping_add(1));
                "auth_timestamp"
            }
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn sign_then_verify_accepts_and_parses_back(
        (cb, algorithm) in callback_and_algorithm(), key in key(), ts in any::<u64>()
    ) {
        let signed = sign(&cb, &key, algorithm, ts).unwrap();
        let verified = verifier(&key).verify(signed.body.as_bytes(), ts).unwrap();
        prop_assert_eq!(verified.algorithm, algorithm);
        prop_assert_eq!(verified.body_authenticated, algorithm == Algorithm::HmacSha256);
        prop_assert_eq!(&verified.callback, &signed.callback);
        prop_assert_eq!(parse(signed.body.as_bytes()).unwrap(), signed.callback);
    }

    #[test]
    fn a_changed_signed_field_is_rejected(
        (cb, algorithm) in callback_and_algorithm(), key in key(), ts in 0u64..u64::MAX, which in 0usize..7
    ) {
        let signed = sign(&cb, &key, algorithm, ts).unwrap();
        let mut forged = signed.callback.clone();
        let field = tamper(&mut forged, which, algorithm);
        let body = to_json(&forged);
        let err = verifier(&key).verify(body.as_bytes(), ts).unwrap_err();
        prop_assert_eq!(err.code(), ErrorCode::SignatureMismatch, "field {}: {}", field, err);
    }

    #[test]
    fn a_changed_signature_is_rejected(
        (cb, algorithm) in callback_and_algorithm(), key in key(), ts in any::<u64>(), at in any::<prop::sample::Index>(), delta in 1u8..16
    ) {
        let signed = sign(&cb, &key, algorithm, ts).unwrap();
        let sign_hex = signed.callback.auth_sign().unwrap().to_owned();
        let i = at.index(sign_hex.len());
        let digit = u8::from_str_radix(&sign_hex[i..=i], 16).unwrap();
        let new_digit = format!("{:x}", (digit + delta) % 16);
        let forged_sign = format!("{}{}{}", &sign_hex[..i], new_digit, &sign_hex[i + 1..]);
        let body = signed.body.replace(&sign_hex, &forged_sign);
        let err = verifier(&key).verify(body.as_bytes(), ts).unwrap_err();
        prop_assert_eq!(err.code(), ErrorCode::SignatureMismatch);
        // Upper-case hex is the same signature.
        let upper = signed.body.replace(&sign_hex, &sign_hex.to_ascii_uppercase());
        prop_assert!(verifier(&key).verify(upper.as_bytes(), ts).is_ok());
    }

    #[test]
    fn another_key_is_rejected((cb, algorithm) in callback_and_algorithm(), k1 in key(), k2 in key(), ts in any::<u64>()) {
        prop_assume!(k1 != k2);
        let signed = sign(&cb, &k1, algorithm, ts).unwrap();
        let err = verifier(&k2).verify(signed.body.as_bytes(), ts).unwrap_err();
        prop_assert_eq!(err.code(), ErrorCode::SignatureMismatch);
    }

    /// Our JSON reader and serde_json agree on what is JSON: mutate a valid body byte by byte
    /// and compare. (Known difference, by design: serde_json refuses numbers beyond f64 such
    /// as 1e400 at parse time; we read them as JSON and judge them per field.)
    #[test]
    fn json_reader_agrees_with_serde_json(
        (cb, _) in callback_and_algorithm(), edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)
    ) {
        let mut body = to_json(&cb).into_bytes();
        for (at, byte) in edits {
            let i = at.index(body.len());
            body[i] = byte;
        }
        let ours = parse(&body);
        let reference: Result<serde_json::Value, _> = serde_json::from_slice(&body);
        match (&ours, &reference) {
            (Err(e), Ok(v)) if e.code() == ErrorCode::MalformedJson => {
                // serde_json accepts a top-level non-object; we do not.
                prop_assert!(!v.is_object(), "we call malformed what serde_json accepts: {}: {:?}", e, String::from_utf8_lossy(&body));
            }
            (Ok(_), Err(e)) => prop_assert!(e.to_string().contains("number out of range"), "serde_json: {}", e),
            (Err(ours), Err(theirs)) if ours.code() != ErrorCode::MalformedJson => {
                prop_assert!(theirs.to_string().contains("number out of range"), "ours {}, serde_json {}", ours, theirs);
            }
            _ => {}
        }
    }
}

#[test]
fn unescaped_values_match_serde_json() {
    // Every BMP code point class and escapes: what we decode is what serde_json decodes.
    let body = r#"{"event":"PUBLISH","domain":"a\u0000b\u001f\u00e9\u76f4\ud83d\ude00\/\"\\\b\f\n\r\t","app":"直播","stream":"s"}"#;
    let Callback::Stream(s) = parse(body.as_bytes()).unwrap() else {
        panic!()
    };
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(s.domain, v["domain"].as_str().unwrap());
    assert_eq!(s.app, "直播");
}
