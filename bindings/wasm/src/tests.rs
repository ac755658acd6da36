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

/// Sets the pending options as the JS side does (pkg/src/core.js, wasmOptions): the defaults,
/// unknown events allowed, then the keys.
fn options(keys: &[(Option<&str>, &str)]) {
    options_new(
        0,
        300,
        0,
        86_400,
        false,
        1_048_576.0,
        true,
        "",
        &[],
        "",
        &[],
    );
    for (id, k) in keys {
        options_key(id.map(str::to_owned), (*k).to_owned());
    }
}

/// The hot path as the JS side drives it: the body into the input buffer, then `verify_input`.
/// Returns the status and, for 2, the error wire.
fn verify_input(v: &Verifier, body: &[u8], hi: u32, lo: u32) -> (u32, String) {
    put(body);
    let status = v.verify_input(body.len(), hi, lo);
    (
        status,
        if status == 2 {
            take_wire()
        } else {
            String::new()
        },
    )
}

fn put(body: &[u8]) {
    input_buffer(body.len());
    IO.with(|io| io.borrow_mut().input[..body.len()].copy_from_slice(body));
}

/// The oracle: the core's `verify_ref` on the same body, written with the core's JSON writer
/// as `{kind, event, algorithm, keyIndex, keyId, bodyAuthenticated, signedFields, callback}`
/// (what the JS side builds), or the error wire.
fn verify_wire(v: &Verifier, body: &[u8], hi: u32, lo: u32) -> String {
    match v.inner.verify_ref(body, u64_from(hi, lo)) {
        Ok(r) => {
            let mut j = Json::with_capacity(1024);
            j.verified_ref(&r, v.inner.key_id(r.key_index));
            j.finish()
        }
        Err(e) => error_wire(&e),
    }
}

/// `parse_input` as the JS side drives it: the words rebuilt, or the error wire.
fn parse_words(body: &[u8]) -> Result<Value, String> {
    put(body);
    match parse_input(body.len()) {
        0 => Ok(from_words(body)),
        2 => Err(take_wire()),
        s => panic!("status {s}"),
    }
}

/// The oracle of `parse_input`: the core's `parse_ref`, as JSON.
fn parse_wire(body: &[u8]) -> String {
    wire(hw::parse_ref(body), Json::parsed_ref)
}

/// Rebuilds `{kind, algorithm, keyIndex, callback}` from the result words exactly as
/// pkg/src/core.js does: tag 0 a slice of the body, tag 1 an integer from two halves, tag 2
/// the unescaped text at its wasm address (here: relative to the text buffer, whose host
/// address the words hold truncated to 32 bits).
fn from_words(body: &[u8]) -> Value {
    let names: Vec<&str> = hw::Field::ALL.iter().map(|f| f.name()).collect();
    let (out, text) = IO.with(|io| {
        let io = io.borrow();
        (io.out.clone(), io.text.clone())
    });
    let base = IO.with(|io| io.borrow().text.as_ptr() as usize as u32);
    let utf8 = |b: &[u8]| Value::from(std::str::from_utf8(b).expect("UTF-8 value"));
    let mut cb = serde_json::Map::new();
    for i in 0..out[2] as usize {
        let w = &out[3 + 3 * i..6 + 3 * i];
        let name = names[(w[0] & 0xff) as usize].to_owned();
        let value = match w[0] >> 8 {
            0 => utf8(&body[w[1] as usize..w[2] as usize]),
            1 => match (u64::from(w[1]) << 32) | u64::from(w[2]) {
                // The JSON writer's rule for integers a JS number cannot hold.
                v if v > json::MAX_SAFE_INTEGER => serde_json::json!({ "$int": v.to_string() }),
                v => Value::from(v),
            },
            2 => utf8(&text[w[1].wrapping_sub(base) as usize..w[2].wrapping_sub(base) as usize]),
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

/// Every vector: the result words of verify (valid ones) and parse (every body that parses)
/// give exactly the oracle's values, in its key order, for ASCII bodies, non-ASCII ones and
/// escaped values alike.
#[test]
fn result_words_agree_with_the_oracle_on_every_vector() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/callbacks.json"
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let (mut verified, mut parsed, mut escaped, mut non_ascii) = (0, 0, 0, 0);
    let order = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    for case in doc["cases"].as_array().unwrap() {
        let Some(body) = case["body"].as_str() else {
            continue;
        };
        let name = case["name"].as_str().unwrap();
        match (parse_words(body.as_bytes()), parse_wire(body.as_bytes())) {
            (Ok(got), want) => {
                let want = json(&want);
                parsed += 1;
                assert_eq!(got["kind"], want["kind"], "{name}: parse kind");
                assert_eq!(got["callback"], want["callback"], "{name}: parse");
                assert_eq!(order(&got["callback"]), order(&want["callback"]), "{name}");
                let tags = IO.with(|io| {
                    let io = io.borrow();
                    (0..io.out[2] as usize).any(|i| io.out[3 + 3 * i] >> 8 == 2)
                });
                escaped += usize::from(tags);
                non_ascii += usize::from(!body.is_ascii());
            }
            (Err(got), want) => assert_eq!(got, want, "{name}: parse error"),
        }
        if case["expect"]["ok"] != true {
            continue;
        }
        options_new(
            u32::MAX,
            u32::MAX,
            u32::MAX,
            u32::MAX,
            true,
            1e9,
            true,
            "",
            &[],
            "",
            &[],
        );
        for k in case["keys"].as_array().unwrap() {
            options_key(
                k["id"].as_str().map(str::to_owned),
                k["key"].as_str().unwrap().to_owned(),
            );
        }
        let Some(v) = options_verifier() else {
            continue;
        };
        let now: u64 = case["options"]["now"]
            .to_string()
            .trim_matches('"')
            .parse()
            .unwrap();
        let (hi, lo) = ((now >> 32) as u32, now as u32);
        let wire = json(&verify_wire(&v, body.as_bytes(), hi, lo));
        let (status, _) = verify_input(&v, body.as_bytes(), hi, lo);
        assert_eq!(status, 0, "{name}");
        verified += 1;
        let got = from_words(body.as_bytes());
        for k in ["kind", "algorithm", "keyIndex", "callback"] {
            assert_eq!(got[k], wire[k], "{name}: {k}");
        }
        // Same key order as the oracle: JS objects built from words look the same.
        assert_eq!(order(&got["callback"]), order(&wire["callback"]), "{name}");
    }
    assert!(
        verified > 100 && parsed > verified && escaped > 5 && non_ascii > 5,
        "verified {verified}, parsed {parsed}, escaped {escaped}, non-ASCII {non_ascii}"
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
    options(&[(None, &"x".repeat(32)), (Some("main"), KEY)]);
    let v = options_verifier().unwrap();
    let out = json(&verify_wire(&v, body.as_bytes(), 0, 1_587_954_200));
    assert_eq!(verify_input(&v, body.as_bytes(), 0, 1_587_954_200).0, 0);
    let words = from_words(body.as_bytes());
    assert_eq!(
        words["callback"], out["callback"],
        "escaped and non-ASCII values in words"
    );
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
    options(&[(None, KEY)]);
    let v = options_verifier().unwrap();
    let body = s["body"].as_str().unwrap();
    assert_eq!(verify_input(&v, body.as_bytes(), u32::MAX, u32::MAX).0, 0);
    assert_eq!(
        from_words(body.as_bytes())["callback"]["auth_timestamp"],
        s["callback"]["auth_timestamp"]
    );
    // now = 2^32 - 1 + 2^32 * 1: far before u64::MAX, beyond max_future.
    let (status, wire) = verify_input(&v, body.as_bytes(), 1, u32::MAX);
    assert_eq!(status, 2);
    assert_eq!(error(&wire).0, "TIMESTAMP_IN_FUTURE");
}

#[test]
fn errors_carry_the_core_code_and_message() {
    options(&[(None, KEY)]);
    let v = options_verifier().unwrap();
    let body = br#"{"domain":"d","app":"a","stream":"s","event":"PUBLISH"}"#;
    let expected = hw::Verifier::new(hw::Options::new([KEY]))
        .unwrap()
        .verify(body, 0)
        .unwrap_err();
    let (status, wire) = verify_input(&v, body, 0, 0);
    assert_eq!(status, 2);
    assert_eq!(
        error(&wire),
        (
            "MISSING_SIGNATURE".to_owned(),
            expected.message().to_owned()
        )
    );
    options(&[]);
    assert!(options_verifier().is_none());
    let (code, message) = error(&take_wire());
    assert_eq!(code, "INVALID_KEY");
    assert!(message.contains("no key"), "{message}");
    options(&[(Some("k"), "short")]);
    assert!(options_verifier().is_none());
    let wire = take_wire();
    assert!(
        !wire.contains("short"),
        "a key must never be printed: {wire}"
    );
    assert_eq!(
        error(&parse_words(b"{}").unwrap_err()).0,
        "UNKNOWN_CALLBACK"
    );
    assert_eq!(
        error(&parse_words(b"\xff").unwrap_err()).0,
        "MALFORMED_JSON"
    );
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
    body_too_large(40.0, 39.0);
    assert_eq!(take_wire(), error_wire(&core_err));
    assert_eq!(
        error(&{
            body_too_large(5e9, 1_048_576.0);
            take_wire()
        }),
        (
            "BODY_TOO_LARGE".to_owned(),
            "body too large: 5000000000 bytes > max_body_bytes 1048576".to_owned()
        )
    );
}

#[test]
fn parse_and_explain_shapes() {
    let out = parse_words(
        br#"{"event_type":"RECORD_FILE_COMPLETE","publish_domain":"p","app":"a","stream":"s","file_size":12,"width":null}"#,
    )
    .unwrap();
    assert_eq!(out["kind"], "record");
    assert_eq!(out["callback"]["event_type"], "RECORD_FILE_COMPLETE");
    assert_eq!(out["callback"]["file_size"], 12);
    assert!(out["callback"].get("width").is_none());
    let s = signed_stream("", 100);
    let body = s["body"].as_str().unwrap();
    options(&[(Some("a"), KEY), (None, "bad key")]);
    let x = json(&options_explain(body.as_bytes(), 0, 500));
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
    options(&[(None, KEY)]);
    let x = json(&options_explain(b"", 0, 0));
    assert_eq!(x["verdict"], "MALFORMED");
    assert_eq!(x["callback"], Value::Null);
    assert_eq!(x["timing"], Value::Null);
    assert!(!x.to_string().contains(KEY));
}

#[test]
fn lists_cross_as_one_string_and_utf16_lengths() {
    let parts = ["", "a", "é", "😀x", "", "日本"];
    let joined: String = parts.concat();
    let lens: Vec<u32> = parts
        .iter()
        .map(|p| p.encode_utf16().count() as u32)
        .collect();
    assert_eq!(split_utf16(&joined, &lens), parts);
    // A length past the end takes what is left, and no more lists than lengths.
    assert_eq!(split_utf16("abc", &[2, 5, 1]), ["ab", "c", ""]);
    assert!(split_utf16("abc", &[]).is_empty());
    // Through Options: the allow-lists arrive whole (an app name that holds a NUL stays one).
    options_new(
        0,
        300,
        0,
        86_400,
        false,
        1e6,
        false,
        "a.com",
        &[5],
        "x\0y",
        &[3],
    );
    let pending = take_options();
    assert_eq!(pending.domains, ["a.com"]);
    assert_eq!(pending.apps, ["x\0y"]);
    // Taken: what is pending afterwards is the default (no keys), so a verifier now fails.
    assert!(take_options().keys.is_empty());
}
