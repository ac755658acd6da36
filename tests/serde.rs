//! The `serde` feature (`cargo test --features serde`): the public data types serialise with
//! Huawei's field names and the JS API's string forms, and the owned callback types round-trip.
#![cfg(feature = "serde")]

use huaweicloud_live_callback::{
    explain, parse, sign, Algorithm, Callback, ErrorCode, Options, Verifier,
};
use serde_json::{json, Value};

const KEY: &str = "Pv4kQ9mZt2Lx7Wc3Rb8Nh5Jd1Fs6Gy0Ue2Ka7Mo9";

fn vector_bodies() -> Vec<Vec<u8>> {
    let text = std::fs::read_to_string("tests/vectors/callbacks.json").unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["body"].as_str().map(|b| b.as_bytes().to_vec()))
        .collect()
}

#[test]
fn every_parsed_vector_round_trips_through_serde() {
    let mut n = 0;
    for body in vector_bodies() {
        let Ok(cb) = parse(&body) else { continue };
        let value = serde_json::to_value(&cb).unwrap();
        let back: Callback = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(back, cb, "{value}");
        n += 1;
    }
    assert!(n > 200, "{n} callbacks");
}

#[test]
fn field_names_and_string_forms_are_huaweis() {
    let body = br#"{"domain":"push.example.com","app":"live","stream":"s","usr_args":"a=1","publish_timestamp":"1587954134","event":"PUBLISH_DONE"}"#;
    let cb = parse(body).unwrap();
    let v = serde_json::to_value(&cb).unwrap();
    assert_eq!(
        v,
        json!({"event": "PUBLISH_DONE", "domain": "push.example.com", "app": "live", "stream": "s",
               "user_args": "a=1", "publish_timestamp": 1587954134u64}),
        "absent fields are omitted, usr_args is user_args"
    );
    // usr_args is accepted as an alias when reading back; an unknown event stays raw.
    let back: Callback = serde_json::from_value(
        json!({"event": "PUBLISH_PAUSED", "domain": "d", "app": "a", "stream": "s", "usr_args": "x"}),
    )
    .unwrap();
    assert_eq!(back.event(), "PUBLISH_PAUSED");
    let Callback::Stream(s) = back else { panic!() };
    assert_eq!(s.user_args.as_deref(), Some("x"));
    // A recording callback is told apart by event_type.
    let rec: Callback = serde_json::from_value(
        json!({"event_type": "RECORD_FILE_COMPLETE", "publish_domain": "d", "app": "a", "stream": "s", "file_size": 5}),
    )
    .unwrap();
    assert_eq!(rec.kind().as_str(), "record");
}

#[test]
fn verified_explanation_and_errors_serialise() {
    let signed = sign(
        &parse(br#"{"event":"PUBLISH","domain":"push.example.com","app":"live","stream":"s"}"#)
            .unwrap(),
        KEY,
        Algorithm::HmacSha256,
        1_700_000_000,
    )
    .unwrap();
    let verifier = Verifier::new(Options::new([KEY])).unwrap();
    let v = verifier
        .verify(signed.body.as_bytes(), 1_700_000_000)
        .unwrap();
    let j = serde_json::to_value(&v).unwrap();
    assert_eq!(j["algorithm"], "HMAC-SHA256");
    assert_eq!(j["body_authenticated"], true);
    assert_eq!(j["callback"]["event"], "PUBLISH");
    assert_eq!(
        j["signed_fields"],
        json!(["event", "domain", "app", "stream", "auth_timestamp"])
    );
    let x = explain(signed.body.as_bytes(), &Options::new([KEY]), 1_800_000_000);
    let j = serde_json::to_value(&x).unwrap();
    assert_eq!(j["verdict"], "EXPIRED");
    assert_eq!(j["error"]["code"], "EXPIRED");
    assert!(
        !j.to_string().contains(KEY),
        "no key in a serialised explanation"
    );
    let code: ErrorCode = serde_json::from_value(json!("UNEXPECTED_VALUE")).unwrap();
    assert_eq!(code, ErrorCode::UnexpectedValue);
    assert!(serde_json::from_value::<ErrorCode>(json!("NOPE")).is_err());
}
