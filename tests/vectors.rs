//! The shared callback vectors (`tests/vectors/callbacks.json`, computed independently by
//! `scripts/gen_vectors.py` with Python's hmac/hashlib) through `Verifier`, `explain`, `parse`
//! and `sign`. Every failing case is named; all failures are reported together.

use huaweicloud_live_callback::{
    explain, parse, sign, Algorithm, Callback, ErrorCode, FieldValue, Key, Options, Verifier,
};
use serde_json::{Map, Value};
use std::borrow::Cow;

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/callbacks.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The body bytes of a case (`body`, `bodyHex` or `bodyRepeat`).
fn body(case: &Value) -> Vec<u8> {
    if let Some(b) = case["body"].as_str() {
        return b.as_bytes().to_vec();
    }
    if let Some(h) = case["bodyHex"].as_str() {
        return hex::decode(h).unwrap();
    }
    let r = &case["bodyRepeat"];
    let s = |k: &str| r[k].as_str().unwrap_or("");
    let n = r["count"].as_u64().unwrap() as usize;
    let text = [
        s("prefix"),
        &s("unit").repeat(n),
        s("middle"),
        &s("close").repeat(n),
        s("suffix"),
    ]
    .concat();
    text.into_bytes()
}

/// A u64 written as a JSON number or, above 2^53, a decimal string.
fn int(v: &Value) -> Option<u64> {
    v.as_u64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

fn options(case: &Value) -> (Options, u64) {
    let o = &case["options"];
    let keys = case["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| match k["id"].as_str() {
            Some(id) => Key::with_id(id, k["key"].as_str().unwrap()),
            None => Key::new(k["key"].as_str().unwrap()),
        })
        .collect();
    let d = Options::default();
    let options = Options {
        keys,
        tolerance_secs: int(&o["toleranceSeconds"]).unwrap_or(d.tolerance_secs),
        max_future_secs: int(&o["maxFutureSeconds"]).unwrap_or(d.max_future_secs),
        allow_md5: o["allowMd5"].as_bool().unwrap_or(d.allow_md5),
        max_body_bytes: int(&o["maxBodyBytes"]).map_or(d.max_body_bytes, |v| v as usize),
        domains: strings(&o["domains"]),
        apps: strings(&o["apps"]),
        allow_unknown_events: o["allowUnknownEvents"]
            .as_bool()
            .unwrap_or(d.allow_unknown_events),
    };
    (options, int(&o["now"]).expect("every case has now"))
}

/// A list of strings option; absent = empty.
fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|s| s.as_str().expect("a string").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The callback as the vector file's `parsed`: Huawei's names, integers as decimal strings.
fn as_parsed(cb: &Callback) -> Value {
    let mut m = Map::new();
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            m.insert(k.to_owned(), Value::String(v));
        }
    };
    let n = |v: Option<u64>| v.map(|v| v.to_string());
    match cb {
        Callback::Stream(s) => {
            put("event", Some(s.event.as_str().to_owned()));
            put("domain", Some(s.domain.clone()));
            put("app", Some(s.app.clone()));
            put("stream", Some(s.stream.clone()));
            put("user_args", s.user_args.clone());
            put("client_ip", s.client_ip.clone());
            put("node_ip", s.node_ip.clone());
            put("publish_timestamp", n(s.publish_timestamp));
            put("auth_timestamp", n(s.auth_timestamp));
            put("auth_sign", s.auth_sign.clone());
        }
        Callback::Record(r) => {
            put("event_type", Some(r.event_type.as_str().to_owned()));
            put("publish_domain", Some(r.publish_domain.clone()));
            put("app", Some(r.app.clone()));
            put("stream", Some(r.stream.clone()));
            for (k, v) in [
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
                put(k, v.clone());
            }
            for (k, v) in [
                ("file_size", r.file_size),
                ("record_duration", r.record_duration),
                ("width", r.width),
                ("height", r.height),
                ("auth_timestamp", r.auth_timestamp),
            ] {
                put(k, n(v));
            }
        }
    }
    Value::Object(m)
}

fn check_case(case: &Value) -> Result<(), String> {
    let expect = &case["expect"];
    let body = body(case);
    if let Some(len) = case["bodyLength"].as_u64() {
        if body.len() as u64 != len {
            return Err(format!(
                "rebuilt body has {} bytes, the file says {len}",
                body.len()
            ));
        }
    }
    let (options, now) = options(case);
    let x = explain(&body, &options, now);
    let verifier = Verifier::new(options);
    let outcome = verifier
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|v| v.verify(&body, now));

    // explain's verdict and error are exactly verify's.
    let x_code = x.error.as_ref().map(|e| e.code());
    let v_code = outcome.as_ref().err().map(|e| e.code());
    if x_code != v_code {
        return Err(format!("explain says {x_code:?}, verify says {v_code:?}"));
    }
    if let (Some(xe), Err(ve)) = (&x.error, &outcome) {
        if xe.message() != ve.message() {
            return Err(format!(
                "messages differ: explain {:?}, verify {:?}",
                xe.message(),
                ve.message()
            ));
        }
    }
    // Shared by success and the failures that carry them.
    if let Some(sts) = expect["stringToSign"].as_str() {
        if x.string_to_sign.as_deref() != Some(sts) {
            return Err(format!(
                "stringToSign: explain {:?}, expected {sts:?}",
                x.string_to_sign
            ));
        }
        let joined: String = x.parts.iter().map(|p| p.value.as_str()).collect();
        if joined != sts {
            return Err("parts do not concatenate to stringToSign".into());
        }
    }
    if let Some(sig) = expect["signature"].as_str() {
        if x.expected_signature.as_deref() != Some(sig) {
            return Err(format!(
                "signature: explain {:?}, expected {sig}",
                x.expected_signature
            ));
        }
    }
    if let Some(alg) = expect["algorithm"].as_str() {
        if x.algorithm.map(Algorithm::as_str) != Some(alg) {
            return Err(format!(
                "algorithm: explain {:?}, expected {alg}",
                x.algorithm
            ));
        }
    }
    if let Some(kind) = expect["kind"].as_str() {
        if x.kind.map(|k| k.as_str()) != Some(kind)
            || x.event.as_deref() != expect["event"].as_str()
        {
            return Err(format!("kind/event: explain {:?}/{:?}", x.kind, x.event));
        }
    }

    if expect["ok"].as_bool() == Some(true) {
        let v = outcome.map_err(|e| format!("expected ok, got {} ({e})", e.code()))?;
        let checks = [
            (
                "kind",
                Value::from(v.kind().as_str()),
                expect["kind"].clone(),
            ),
            ("event", Value::from(v.event()), expect["event"].clone()),
            (
                "algorithm",
                Value::from(v.algorithm.as_str()),
                expect["algorithm"].clone(),
            ),
            (
                "keyIndex",
                Value::from(v.key_index),
                expect["keyIndex"].clone(),
            ),
            (
                "keyId",
                v.key_id.clone().map_or(Value::Null, Value::from),
                expect["keyId"].clone(),
            ),
            (
                "bodyAuthenticated",
                Value::from(v.body_authenticated),
                expect["bodyAuthenticated"].clone(),
            ),
            (
                "signedFields",
                Value::from(v.signed_fields.to_vec()),
                expect["signedFields"].clone(),
            ),
            (
                "authTimestamp",
                Value::from(v.auth_timestamp().to_string()),
                expect["authTimestamp"].clone(),
            ),
            ("parsed", as_parsed(&v.callback), expect["parsed"].clone()),
        ];
        for (name, got, want) in checks {
            if got != want {
                return Err(format!("{name}: got {got}, expected {want}"));
            }
        }
        if x.verdict.as_str()
            != if v.body_authenticated {
                "VALID"
            } else {
                "WEAK"
            }
        {
            return Err(format!("explain verdict {:?}", x.verdict));
        }
        // parse agrees with verify.
        if parse(&body).as_ref() != Ok(&v.callback) {
            return Err("parse differs from verify's callback".into());
        }
        // The zero-copy path: same fields, borrowed from the body unless escaped.
        let verifier = verifier.map_err(|e| e.to_string())?;
        let r = verifier
            .verify_ref(&body, now)
            .map_err(|e| format!("verify_ref: {e}"))?;
        if r.key_index != v.key_index
            || r.algorithm != v.algorithm
            || verifier.key_id(r.key_index) != v.key_id.as_deref()
        {
            return Err("verify_ref's key or algorithm differs from verify's".into());
        }
        let mut fields = Map::new();
        for (field, value) in r.callback.fields() {
            let name = field.name();
            let text = match value {
                FieldValue::Int(n) => n.to_string(),
                FieldValue::Str(Cow::Borrowed(s)) => {
                    let start = s.as_ptr() as usize - body.as_ptr() as usize;
                    if body.get(start..start + s.len()) != Some(s.as_bytes()) {
                        return Err(format!("{name}: borrowed value is not a slice of the body"));
                    }
                    (*s).to_owned()
                }
                FieldValue::Str(Cow::Owned(s)) => s.clone(),
            };
            if fields
                .insert(name.to_owned(), Value::String(text))
                .is_some()
            {
                return Err(format!("fields() yields {name} twice"));
            }
        }
        if Value::Object(fields) != expect["parsed"] {
            return Err("fields() differs from the expected parsed callback".into());
        }
        if r.callback.into_callback() != v.callback {
            return Err("verify_ref's callback differs from verify's".into());
        }
    } else {
        let want = expect["error"].as_str().unwrap();
        let got = outcome.err().map(|e| e.code().as_str());
        if got != Some(want) {
            return Err(format!("expected {want}, got {got:?}"));
        }
        let code = ErrorCode::from_str_code(want).unwrap();
        if x.verdict != huaweicloud_live_callback::Verdict::for_error(code) {
            return Err(format!("explain verdict {:?} for {want}", x.verdict));
        }
    }
    Ok(())
}

#[test]
fn callback_vectors() {
    let doc = vectors();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() > 300, "suspiciously few cases: {}", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            check_case(c)
                .err()
                .map(|e| format!("{}: {e}", c["name"].as_str().unwrap()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn sign_vectors() {
    let doc = vectors();
    let mut failures = Vec::new();
    for s in doc["sign"].as_array().unwrap() {
        let name = s["name"].as_str().unwrap();
        // Build the callback from the fields through the JSON reader (null = absent).
        let mut fields = s["fields"].as_object().unwrap().clone();
        fields.retain(|_, v| !v.is_null());
        let cb = match parse(Value::Object(fields).to_string().as_bytes()) {
            Ok(cb) => cb,
            Err(e) => {
                failures.push(format!("{name}: fields do not parse: {e}"));
                continue;
            }
        };
        let algorithm = Algorithm::from_name(s["algorithm"].as_str().unwrap()).unwrap();
        let ts = int(&s["authTimestamp"]).unwrap();
        let key = s["key"].as_str().unwrap();
        match sign(&cb, key, algorithm, ts) {
            Ok(signed) if signed.callback.auth_sign() == s["signature"].as_str() => {
                let v = Verifier::new(Options {
                    allow_md5: true,
                    allow_unknown_events: true,
                    ..Options::new([key])
                })
                .unwrap();
                if let Err(e) = v.verify(signed.body.as_bytes(), ts) {
                    failures.push(format!("{name}: sign's body does not verify: {e}"));
                }
            }
            Ok(signed) => failures.push(format!(
                "{name}: signature {:?}",
                signed.callback.auth_sign()
            )),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
