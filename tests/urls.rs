//! The shared signed-URL vectors (`tests/vectors/urls.json`, computed independently by
//! `scripts/gen_url_vectors.py` with Python's hashlib/hmac and its own URL reader) through
//! `sign_url`, `verify_url` and `explain_url`; then property tests: sign → verify round trips
//! and tampering → refusal. Every failing vector is named; all failures are reported together.

use huaweicloud_live_callback::{
    explain_url, sign_url, verify_url, ErrorCode, Key, UrlMethod, UrlOptions, UrlSignOptions,
};
use proptest::prelude::*;
use serde_json::Value;

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/urls.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A u64 written as a JSON number or, above 2^53, a decimal string.
fn int(v: &Value) -> Option<u64> {
    v.as_u64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

/// `url` or `{"repeat": [prefix, chunk, count, suffix]}`.
fn url(v: &Value) -> String {
    if let Some(s) = v.as_str() {
        return s.to_owned();
    }
    let r = v["repeat"].as_array().unwrap();
    let n = r[2].as_u64().unwrap() as usize;
    [
        r[0].as_str().unwrap(),
        &r[1].as_str().unwrap().repeat(n),
        r[3].as_str().unwrap(),
    ]
    .concat()
}

fn method(v: &Value) -> Option<UrlMethod> {
    v.as_str().map(|m| UrlMethod::from_name(m).unwrap())
}

fn keys(case: &Value) -> Vec<Key> {
    case["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| match k {
            Value::String(s) => Key::new(s.as_str()),
            k => match k["id"].as_str() {
                Some(id) => Key::with_id(id, k["key"].as_str().unwrap()),
                None => Key::new(k["key"].as_str().unwrap()),
            },
        })
        .collect()
}

fn options(case: &Value) -> UrlOptions {
    UrlOptions {
        max_skew_secs: int(&case["maxSkewSeconds"]).unwrap_or(300),
        method: method(&case["method"]),
        ..UrlOptions::new(keys(case), int(&case["timeoutSeconds"]).unwrap())
    }
}

fn check_sign(case: &Value) -> Result<(), String> {
    let o = UrlSignOptions {
        method: method(&case["method"]).unwrap(),
        time: int(&case["time"]).unwrap(),
        rand: case["rand"].as_str().map(str::to_owned),
        uid: case["uid"].as_str().map(str::to_owned),
    };
    let key = case["key"].as_str().unwrap();
    let got = sign_url(&url(&case["url"]), key, &o);
    let want = &case["expect"];
    match (got, want["error"].as_str()) {
        (Ok(u), None) if u == want["url"].as_str().unwrap() => Ok(()),
        (Ok(u), None) => Err(format!("signed {u}\n   expected {}", want["url"])),
        (Err(e), Some(code)) if e.code().as_str() == code => {
            if !key.is_empty() && e.message().contains(key) {
                return Err(format!("the error repeats the key: {e}"));
            }
            Ok(())
        }
        (Ok(u), Some(code)) => Err(format!("signed {u}, expected {code}")),
        (Err(e), _) => Err(format!("{}: {e}, expected {want}", e.code())),
    }
}

fn check_verify(case: &Value) -> Result<(), String> {
    let o = options(case);
    let now = int(&case["now"]).unwrap();
    let u = url(&case["url"]);
    let got = verify_url(&u, &o, now);
    let x = explain_url(&u, &o, now);
    let want = &case["expect"];
    // explain gives exactly verify's error, never a key.
    if x.error.as_ref().map(|e| e.code()) != got.as_ref().err().map(|e| e.code()) {
        return Err(format!(
            "explain says {:?}, verify {:?}",
            x.error,
            got.as_ref().err()
        ));
    }
    let dump = format!("{x:?}{got:?}");
    for k in &o.keys {
        if k.secret().len() >= 8 && dump.contains(k.secret()) {
            return Err("a key appears in the explanation or the error".into());
        }
    }
    match (got, want["error"].as_str()) {
        (Err(e), Some(code)) if e.code().as_str() == code => Ok(()),
        (Err(e), _) => Err(format!("{}: {e}, expected {want}", e.code())),
        (Ok(v), Some(code)) => Err(format!("accepted ({v:?}), expected {code}")),
        (Ok(v), None) => {
            let checks: [(&str, Value); 8] = [
                ("method", v.method.as_str().into()),
                ("kind", v.kind.as_str().into()),
                ("timeFormat", v.time_format.as_str().into()),
                ("timeReading", v.time_reading.as_str().into()),
                ("keyIndex", v.key_index.into()),
                ("stream", v.stream.clone().into()),
                ("hashed", x.hashed.clone().into()),
                ("keyId", v.key_id.clone().map_or(Value::Null, Value::String)),
            ];
            for (name, value) in checks {
                if want[name] != value {
                    return Err(format!("{name}: got {value}, expected {}", want[name]));
                }
            }
            if int(&want["time"]) != Some(v.time) || int(&want["expiresAt"]) != Some(v.expires_at) {
                return Err(format!(
                    "time/expiresAt: got {}/{}, expected {}/{}",
                    v.time, v.expires_at, want["time"], want["expiresAt"]
                ));
            }
            if (v.method == UrlMethod::B) != v.note.is_some() {
                return Err("method B's start reading must be stated in the result".into());
            }
            if x.key_index != Some(v.key_index) || x.expected_signature.is_none() {
                return Err(format!("explain: {x:?}"));
            }
            Ok(())
        }
    }
}

#[test]
fn vectors_all_pass() {
    let v = vectors();
    let mut failures = Vec::new();
    let mut n = 0;
    for (list, check) in [
        ("sign", check_sign as fn(&Value) -> Result<(), String>),
        ("verify", check_verify),
    ] {
        for case in v[list].as_array().unwrap() {
            n += 1;
            if let Err(why) = check(case) {
                failures.push(format!("{}: {why}", case["name"].as_str().unwrap()));
            }
        }
    }
    assert!(n > 150, "only {n} vectors");
    assert!(
        failures.is_empty(),
        "{} of {n} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every error code a URL can produce appears in the vectors, and every case names its source.
#[test]
fn vectors_cover_every_url_code() {
    let v = vectors();
    let all: Vec<&Value> = ["sign", "verify"]
        .iter()
        .flat_map(|l| v[l].as_array().unwrap())
        .collect();
    for code in [
        ErrorCode::Expired,
        ErrorCode::SignatureMismatch,
        ErrorCode::MissingSignature,
        ErrorCode::InvalidField,
        ErrorCode::InvalidKey,
        ErrorCode::TimestampInFuture,
        ErrorCode::DuplicateField,
        ErrorCode::UnsupportedMethod,
    ] {
        assert!(
            all.iter().any(|c| c["expect"]["error"] == code.as_str()),
            "no vector for {code}"
        );
    }
    for c in &all {
        let s = c["source"].as_str().unwrap();
        assert!(s == "huawei-doc" || s == "ours", "{}", c["name"]);
    }
}

/// Huawei's method A page shows the WebRTC (`.sdp`) variant of its example with the `.flv`
/// hash `dd1b5ffa…`: that is a documentation bug. The `.sdp` URI hashes to `4116c2c7…`.
#[test]
fn huawei_sdp_example_reuses_the_flv_hash() {
    const KEY: &str = "GCTbw44s6MPLh4GqgDpnfuFHgy25Enly";
    let o = UrlSignOptions {
        rand: Some("477b3bbc253f467b8def6711128c7bec".into()),
        ..UrlSignOptions::new(UrlMethod::A, 1592639100)
    };
    let flv = sign_url("http://play.example.com/livetest/huawei1.flv", KEY, &o).unwrap();
    let sdp = sign_url("webrtc://play.example.com/livetest/huawei1.sdp", KEY, &o).unwrap();
    assert!(flv.ends_with("-dd1b5ffa00cf26acec0c169ae1cfabea"));
    assert!(sdp.ends_with("-4116c2c7939307e86c6654178addc987"));
    let page = "webrtc://play.example.com/livetest/huawei1.sdp?auth_key=1592639100-477b3bbc253f467b8def6711128c7bec-0-dd1b5ffa00cf26acec0c169ae1cfabea";
    let e = verify_url(page, &UrlOptions::new([KEY], 1800), 1592639100).unwrap_err();
    assert_eq!(e.code(), ErrorCode::SignatureMismatch);
}

fn key_strategy() -> impl Strategy<Value = String> {
    ("[a-zA-Z0-9]{30}", "[a-zA-Z]", "[0-9]").prop_map(|(a, b, c)| format!("{a}{b}{c}"))
}

fn url_strategy() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            ("rtmp", ""),
            ("rtmps", ""),
            ("rtmp", ".flv"),
            ("http", ".flv"),
            ("https", ".m3u8"),
            ("webrtc", ""),
            ("webrtc", ".sdp"),
        ]),
        "[a-z0-9.-]{1,20}(:[0-9]{1,5})?",
        "[a-zA-Z0-9_%\u{4e00}-\u{4e10}-]{1,12}",
        "[a-zA-Z0-9_%-]{0,12}[a-zA-Z0-9_]",
        prop::option::of("[a-z]{1,5}=[a-z0-9%]{0,5}(&[a-z]{1,5}=[a-z0-9]{0,5}){0,3}"),
        prop::option::of("[a-z0-9?&=]{0,8}"),
    )
        .prop_map(|((scheme, ext), host, app, stream, query, frag)| {
            let mut u = format!("{scheme}://{host}/{app}/{stream}{ext}");
            if let Some(q) = query {
                u.push('?');
                u.push_str(&q);
            }
            if let Some(f) = frag {
                u.push('#');
                u.push_str(&f);
            }
            u
        })
}

fn method_strategy() -> impl Strategy<Value = (UrlMethod, Option<String>)> {
    prop_oneof![
        "[a-f0-9]{32}".prop_map(|r| (UrlMethod::A, Some(r))),
        Just((UrlMethod::B, None)),
        Just((UrlMethod::D, None)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn sign_then_verify(
        u in url_strategy(),
        key in key_strategy(),
        other in key_strategy(),
        (m, rand) in method_strategy(),
        time in 0u64..=u64::MAX - 2_592_000,
        timeout in 60u64..=2_592_000,
        offset in 0u64..2_592_000,
        other_first in any::<bool>(),
    ) {
        prop_assume!(key != other);
        let o = UrlSignOptions { rand, ..UrlSignOptions::new(m, time) };
        let signed = sign_url(&u, &key, &o).unwrap();
        prop_assert!(signed.starts_with(u.split(['?', '#']).next().unwrap()));
        let keys = if other_first { vec![other.clone(), key.clone()] } else { vec![key.clone(), other.clone()] };
        let opts = UrlOptions::new(keys, timeout);
        let now = time + offset % timeout;
        let v = verify_url(&signed, &opts, now).unwrap();
        prop_assert_eq!(v.method, m);
        prop_assert_eq!(v.time, time);
        prop_assert_eq!(v.expires_at, time + timeout);
        prop_assert_eq!(v.key_index, usize::from(other_first));
        prop_assert_eq!(verify_url(&signed, &opts, time + timeout).unwrap_err().code(), ErrorCode::Expired);
        // Signing the signed URL again is refused.
        prop_assert!(sign_url(&signed, &key, &o).is_err());
        // Only the other key: mismatch.
        let only_other = UrlOptions::new([other], timeout);
        prop_assert_eq!(verify_url(&signed, &only_other, now).unwrap_err().code(), ErrorCode::SignatureMismatch);
    }

    #[test]
    fn tampering_is_refused(
        u in url_strategy(),
        key in key_strategy(),
        (m, rand) in method_strategy(),
        time in 1_000_000u64..4_000_000_000,
        what in 0usize..3,
        at in any::<prop::sample::Index>(),
    ) {
        let o = UrlSignOptions { rand, ..UrlSignOptions::new(m, time) };
        let signed = sign_url(&u, &key, &o).unwrap();
        let opts = UrlOptions::new([key.as_str()], 1800);
        prop_assert!(verify_url(&signed, &opts, time).is_ok());
        let param = match m { UrlMethod::A => "auth_key=", UrlMethod::B => "txSecret=", _ => "hwSecret=" };
        let tampered = match what {
            // One hex digit of the signature changed.
            0 => {
                let p = signed.rfind(param).unwrap() + param.len();
                let end = signed[p..].find(['&', '#']).map_or(signed.len(), |e| p + e);
                // A: the hash is the last dash-separated part of auth_key.
                let sig_start = if m == UrlMethod::A { end - 32 } else { p };
                let len = if m == UrlMethod::D { 64 } else { 32 };
                let i = sig_start + at.index(len);
                let c = signed.as_bytes()[i];
                let r = if c == b'0' { '1' } else { '0' };
                format!("{}{r}{}", &signed[..i], &signed[i + 1..])
            }
            // The stream name changed (one more character before the extension / query).
            1 => {
                let base_end = signed.find('?').unwrap();
                let base = &signed[..base_end];
                let last = base.rfind('/').unwrap();
                let seg = &base[last + 1..];
                let (stem, ext) = match seg.rfind('.') { Some(d) => (&seg[..d], &seg[d..]), None => (seg, "") };
                format!("{}{stem}Z{ext}{}", &base[..=last], &signed[base_end..])
            }
            // The time changed by one second (decimal for A, hex for B and D).
            _ => {
                let (old, new) = match m {
                    UrlMethod::A => (format!("auth_key={time}-"), format!("auth_key={}-", time + 1)),
                    UrlMethod::B => (format!("txTime={time:x}"), format!("txTime={:x}", time + 1)),
                    _ => (format!("hwTime={time:x}"), format!("hwTime={:x}", time + 1)),
                };
                prop_assert!(signed.contains(&old));
                signed.replacen(&old, &new, 1)
            }
        };
        prop_assert_ne!(&tampered, &signed);
        let e = verify_url(&tampered, &opts, time).unwrap_err();
        prop_assert_eq!(e.code(), ErrorCode::SignatureMismatch, "{} -> {}", signed, tampered);
    }

    #[test]
    fn arbitrary_input_never_panics(s in "\\PC{0,200}", now in any::<u64>()) {
        let opts = UrlOptions::new(["GCTbw44s6MPLh4GqgDpnfuFHgy25Enly"], 60);
        let _ = verify_url(&s, &opts, now);
        let _ = explain_url(&s, &opts, now);
        let _ = sign_url(&s, "GCTbw44s6MPLh4GqgDpnfuFHgy25Enly", &UrlSignOptions::default());
    }
}
