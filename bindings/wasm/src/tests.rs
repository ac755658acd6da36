//! Host tests of the conversion layer: every wire string is valid JSON (or a well-formed
//! error), values survive the trip, and the JS-side size refusal words its error like the core.

use super::*;
use serde_json::Value;

const KEY: &str = "Pv4kQ9mZt2Lx7Wc3Rb8Nh5Jd1Fs6Gy0Ue2Ka7Mo9";

fn json(s: &str) -> Value {
    assert!(s.starts_with('{'), "not a success wire: {s}");
    serde_json::from_str(s).unwrap_or_else(|e| panic!("invalid JSON ({e}): {s}"))
}

fn error(s: &str) -> (String, String) {
    let rest = s
        .strip_prefix('!')
        .unwrap_or_else(|| panic!("not an error: {s}"));
    let (code, message) = rest.split_once(' ').expect("code and message");
    (code.to_owned(), message.to_owned())
}

fn options(keys: &[(Option<&str>, &str)]) -> Options {
    let mut o = Options::new(0, 300, 0, 86_400, false, 1_048_576.0, true, vec![], vec![]);
    for (id, k) in keys {
        o.key(id.map(str::to_owned), (*k).to_owned());
    }
    o
}

/// The hot path as the JS side drives it: the body into the input buffer, then `verify_input`.
/// Returns the status and, for 1 and 2, the wire string.
fn verify_input(v: &Verifier, body: &[u8], ascii: bool, hi: u32, lo: u32) -> (u32, String) {
    input_buffer(body.len());
    IO.with(|io| io.borrow_mut().input[..body.len()].copy_from_slice(body));
    let status = v.verify_input(body.len(), ascii, hi, lo);
    (
        status,
        if status == 0 {
            String::new()
        } else {
            take_wire()
        },
    )
}

/// The wire path that a non-ASCII body takes, for any body.
fn verify_wire(v: &Verifier, body: &[u8], hi: u32, lo: u32) -> String {
    input_buffer(body.len());
    IO.with(|io| io.borrow_mut().input[..body.len()].copy_from_slice(body));
    let status = verify_io(&v.inner, body.len(), u64_from(hi, lo), |_| false);
    assert!(status == 1 || status == 2, "status {status}");
    take_wire()
}

/// Rebuilds `{kind, algorithm, keyIndex, callback}` from the result words exactly as
/// pkg/src/core.js does (string values are slices of the body, integers from two halves).
fn from_words(body: &str) -> Value {
    let names: Vec<String> = field_names().split(',').map(str::to_owned).collect();
    let out = IO.with(|io| io.borrow().out.clone());
    let mut cb = serde_json::Map::new();
    for i in 0..out[2] as usize {
        let w = &out[3 + 3 * i..6 + 3 * i];
        let name = names[(w[0] & 0xff) as usize].clone();
        let value = match w[0] >> 8 {
            0 => Value::from(&body[w[1] as usize..w[2] as usize]),
            1 => match (u64::from(w[1]) << 32) | u64::from(w[2]) {
                // The wire's rule for integers a JS number cannot hold (json::Json::u64).
                v if v > json::MAX_SAFE_INTEGER => serde_json::json!({ "$int": v.to_string() }),
                v => Value::from(v),
            },
            tag => panic!("tag {tag}"),
        };
        assert!(cb.insert(name, value).is_none());
    }
    serde_json::json!({
        "kind": if out[0] & 1 == 1 { "record" } else { "stream" },
        "algorithm": if out[0] & 2 == 2 { "MD5" } else { "HMAC-SHA256" },
        "keyIndex": out[1],
        "callback": cb,
    })
}

/// Every valid vector with an ASCII body: the result words give exactly the wire's values, and
/// bodies with escaped values fall back to the wire.
#[test]
fn result_words_agree_with_the_wire_on_every_vector() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/callbacks.json"
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let (mut words, mut fallback) = (0, 0);
    for case in doc["cases"].as_array().unwrap() {
        let (Some(body), true) = (case["body"].as_str(), case["expect"]["ok"] == true) else {
            continue;
        };
        let mut o = Options::new(
            u32::MAX,
            u32::MAX,
            u32::MAX,
            u32::MAX,
            true,
            1e9,
            true,
            vec![],
            vec![],
        );
        for k in case["keys"].as_array().unwrap() {
            o.key(
                k["id"].as_str().map(str::to_owned),
                k["key"].as_str().unwrap().to_owned(),
            );
        }
        let Ok(v) = o.verifier() else { continue };
        let now: u64 = case["options"]["now"]
            .to_string()
            .trim_matches('"')
            .parse()
            .unwrap();
        let (hi, lo) = ((now >> 32) as u32, now as u32);
        let wire = json(&verify_wire(&v, body.as_bytes(), hi, lo));
        let (status, _) = verify_input(&v, body.as_bytes(), body.is_ascii(), hi, lo);
        let name = case["name"].as_str().unwrap();
        // A binary body (the JS side passes ascii = false) takes the same path as its string:
        // the words for ASCII, the wire for anything else.
        let (bytes_status, _) = verify_input(&v, body.as_bytes(), false, hi, lo);
        assert_eq!(
            bytes_status, status,
            "{name}: bytes and string take one path"
        );
        assert!(
            body.is_ascii() || status == 1,
            "{name}: non-ASCII body, status {status}"
        );
        match status {
            0 => {
                words += 1;
                let got = from_words(body);
                for k in ["kind", "algorithm", "keyIndex", "callback"] {
                    assert_eq!(got[k], wire[k], "{name}: {k}");
                }
                // Same key order as the wire: JS objects built from words look the same.
                let order = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
                assert_eq!(order(&got["callback"]), order(&wire["callback"]), "{name}");
            }
            1 => fallback += 1,
            s => panic!("{name}: status {s}"),
        }
    }
    assert!(
        words > 100 && fallback > 5,
        "words {words}, fallback {fallback}"
    );
}

fn signed_stream(fields: &str, ts: u64) -> Value {
    let cb = format!(r#"{{"domain":"d","app":"a","stream":"s","event":"PUBLISH"{fields}}}"#);
    json(&sign(&cb, KEY, false, (ts >> 32) as u32, ts as u32))
}

#[test]
fn sign_then_verify_round_trip_with_every_value_converted() {
    let s = signed_stream(
        r#","user_args":"q=\"1\"\n\u0001é","publish_timestamp":"1587954134,""#,
        1_587_954_140,
    );
    let body = s["body"].as_str().unwrap();
    let v = options(&[(None, &"x".repeat(32)), (Some("main"), KEY)])
        .verifier()
        .unwrap();
    let out = json(&verify_wire(&v, body.as_bytes(), 0, 1_587_954_200));
    assert_eq!(out["kind"], "stream");
    assert_eq!(out["event"], "PUBLISH");
    assert_eq!(out["algorithm"], "HMAC-SHA256");
    assert_eq!(out["keyIndex"], 1);
    assert_eq!(out["keyId"], "main");
    assert_eq!(out["bodyAuthenticated"], true);
    assert_eq!(
        out["signedFields"],
        serde_json::json!(["event", "domain", "app", "stream", "auth_timestamp"])
    );
    let cb = &out["callback"];
    assert_eq!(cb["user_args"], "q=\"1\"\n\u{1}é");
    assert_eq!(cb["publish_timestamp"], 1_587_954_134u64);
    assert_eq!(cb["auth_timestamp"], 1_587_954_140u64);
    assert_eq!(cb, &s["callback"]);
    assert!(cb.get("client_ip").is_none(), "absent fields are omitted");
}

#[test]
fn u64_halves_are_exact() {
    let s = signed_stream("", u64::MAX);
    // Above 2^53 - 1 an integer travels as {"$int": "digits"} (the JS side makes it a bigint).
    assert_eq!(
        s["callback"]["auth_timestamp"]["$int"],
        "18446744073709551615"
    );
    let v = options(&[(None, KEY)]).verifier().unwrap();
    let body = s["body"].as_str().unwrap();
    assert!(verify_wire(&v, body.as_bytes(), u32::MAX, u32::MAX).starts_with('{'));
    // now = 2^32 - 1 + 2^32 * 1: far before u64::MAX, beyond max_future.
    let (code, _) = error(&verify_wire(&v, body.as_bytes(), 1, u32::MAX));
    assert_eq!(code, "TIMESTAMP_IN_FUTURE");
}

#[test]
fn errors_carry_the_core_code_and_message() {
    let v = options(&[(None, KEY)]).verifier().unwrap();
    let body = br#"{"domain":"d","app":"a","stream":"s","event":"PUBLISH"}"#;
    let expected = hw::Verifier::new(hw::Options::new([KEY]))
        .unwrap()
        .verify(body, 0)
        .unwrap_err();
    let wire = verify_wire(&v, body, 0, 0);
    assert_eq!(
        error(&wire),
        (
            "MISSING_SIGNATURE".to_owned(),
            expected.message().to_owned()
        )
    );
    let (code, message) = error(&options(&[]).verifier().err().unwrap());
    assert_eq!(code, "INVALID_KEY");
    assert!(message.contains("no key"), "{message}");
    let wire = options(&[(Some("k"), "short")]).verifier().err().unwrap();
    assert!(
        !wire.contains("short"),
        "a key must never be printed: {wire}"
    );
    assert_eq!(error(&parse_str("{}")).0, "UNKNOWN_CALLBACK");
    assert_eq!(error(&parse_bytes(b"\xff")).0, "MALFORMED_JSON");
    let md5_stream = sign(
        r#"{"domain":"d","app":"a","stream":"s","event":"PUBLISH"}"#,
        KEY,
        true,
        0,
        1,
    );
    assert_eq!(error(&md5_stream).0, "INVALID_FIELD");
}

#[test]
fn body_too_large_matches_the_core_wording() {
    let body = vec![b' '; 40];
    let core_err = hw::Verifier::new(hw::Options {
        max_body_bytes: 39,
        ..hw::Options::new([KEY])
    })
    .unwrap()
    .verify(&body, 0)
    .unwrap_err();
    assert_eq!(body_too_large(40.0, 39.0), error_wire(&core_err));
    assert_eq!(
        error(&body_too_large(5e9, 1_048_576.0)),
        (
            "BODY_TOO_LARGE".to_owned(),
            "body too large: 5000000000 bytes > max_body_bytes 1048576".to_owned()
        )
    );
}

#[test]
fn parse_and_explain_shapes() {
    let out = json(&parse_str(
        r#"{"event_type":"RECORD_FILE_COMPLETE","publish_domain":"p","app":"a","stream":"s","file_size":12,"width":null}"#,
    ));
    assert_eq!(out["kind"], "record");
    assert_eq!(out["event"], "RECORD_FILE_COMPLETE");
    assert_eq!(out["callback"]["file_size"], 12);
    assert!(out["callback"].get("width").is_none());
    let s = signed_stream("", 100);
    let body = s["body"].as_str().unwrap();
    let x = json(&options(&[(Some("a"), KEY), (None, "bad key")]).explain(body.as_bytes(), 0, 500));
    assert_eq!(x["verdict"], "INVALID", "the bad key comes first");
    assert_eq!(x["error"]["code"], "INVALID_KEY");
    assert_eq!(x["kind"], "stream");
    assert_eq!(x["stringToSign"], "PUBLISHdas100");
    assert_eq!(x["expectedSignature"], s["callback"]["auth_sign"]);
    assert_eq!(x["matches"], true);
    assert_eq!(x["keyIndex"], 0);
    assert_eq!(x["keyId"], "a");
    assert_eq!(x["keys"][1]["id"], Value::Null);
    assert!(x["keys"][1]["problem"].is_string());
    assert_eq!(x["timing"]["secondsLeft"], -100);
    assert_eq!(x["timing"]["expiresAt"], 400);
    assert_eq!(x["parts"][4]["field"], "auth_timestamp");
    assert_eq!(x["callback"]["domain"], "d");
    let x = json(&options(&[(None, KEY)]).explain(b"", 0, 0));
    assert_eq!(x["verdict"], "MALFORMED");
    assert_eq!(x["callback"], Value::Null);
    assert_eq!(x["timing"], Value::Null);
    assert!(!x.to_string().contains(KEY));
}
