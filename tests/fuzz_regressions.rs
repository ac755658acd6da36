//! Replays the committed fuzz regression inputs (`tests/fuzz-regressions/<target>/`, minimised
//! corpora of the cargo-fuzz targets in `fuzz/`) through the very checks the targets run
//! (`tests/common/fuzz_checks.rs`), on the stable toolchain and without libFuzzer.
//! `make test-fuzz-replay` runs this file.

#[path = "common/fuzz_checks.rs"]
mod fuzz_checks;
#[path = "common/fuzz_url_checks.rs"]
mod fuzz_url_checks;

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use fuzz_checks::*;
use huaweicloud_live_callback::{parse, ErrorCode, Options, Verifier};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fuzz-regressions")
        .join(target);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&p).expect("readable"))
        })
        .collect()
}

/// Runs `check` on every input of `target`, then fails naming every input that failed.
fn replay(target: &str, check: fn(&[u8])) -> Vec<(String, Vec<u8>)> {
    let inputs = inputs(target);
    assert!(
        inputs.len() >= 10,
        "only {} regression inputs for {target}",
        inputs.len()
    );
    let failed: Vec<&str> = inputs
        .iter()
        .filter(|(_, data)| catch_unwind(AssertUnwindSafe(|| check(data))).is_err())
        .map(|(name, _)| name.as_str())
        .collect();
    assert!(
        failed.is_empty(),
        "{target}: {} of {} inputs fail: {failed:?}",
        failed.len(),
        inputs.len()
    );
    inputs
}

#[test]
fn parse_inputs() {
    let inputs = replay("parse", check_parse);
    // The corpus reaches both outcomes of parse, not only errors.
    let ok = inputs.iter().filter(|(_, d)| parse(d).is_ok()).count();
    assert!(
        ok > 0 && ok < inputs.len(),
        "{ok} of {} parse",
        inputs.len()
    );
}

#[test]
fn json_inputs() {
    replay("json", check_json);
}

#[test]
fn verify_inputs() {
    let inputs = replay("verify", check_verify);
    // The corpus reaches acceptance and the checks after a signature match, not only errors.
    let mut accepted = 0;
    let mut codes = std::collections::BTreeSet::new();
    for (_, data) in &inputs {
        let case = derive_case(data, false);
        match Verifier::new(case.opts)
            .expect("valid key sets")
            .verify(&case.body, case.now)
        {
            Ok(_) => accepted += 1,
            Err(e) => {
                codes.insert(e.code().as_str());
            }
        }
    }
    assert!(accepted > 0, "no committed verify input is accepted");
    for code in [
        ErrorCode::MalformedJson,
        ErrorCode::SignatureMismatch,
        ErrorCode::Expired,
        ErrorCode::TimestampInFuture,
        ErrorCode::BodyTooLarge,
        ErrorCode::MissingSignature,
    ] {
        assert!(
            codes.contains(code.as_str()),
            "no input gives {code}: {codes:?}"
        );
    }
}

#[test]
fn explain_inputs() {
    replay("explain", check_explain);
}

#[test]
fn roundtrip_inputs() {
    replay("roundtrip", check_roundtrip);
}

#[test]
fn url_inputs() {
    let inputs = replay("url", fuzz_url_checks::check_url);
    // Both outcomes are reached: some inputs verify, some do not.
    let ok = inputs
        .iter()
        .filter(|(_, d)| d.len() > 3 && d[3] & 1 == 1)
        .count();
    assert!(
        ok > 0 && ok < inputs.len(),
        "{ok} of {} re-signed",
        inputs.len()
    );
}

#[test]
fn url_reference_refuses_a_tampered_url() {
    use huaweicloud_live_callback::UrlOptions;
    let o = UrlOptions::new([fuzz_url_checks::URL_KEYS[0]], 1800);
    let good = "rtmp://push.example.com/livetest/huawei1?hwSecret=ce201856a0957413319e883c8ccae13602f01d3d91e21daf5161964cf708a6a8&hwTime=5eed5888";
    assert!(fuzz_url_checks::reference_verify(good, &o, 0x5eed5888).is_ok());
    let bad = good.replace("huawei1", "huawei2");
    assert_eq!(
        fuzz_url_checks::reference_verify(&bad, &o, 0x5eed5888),
        Err("SIGNATURE_MISMATCH")
    );
    fuzz_url_checks::assert_agrees(&bad, &o, 0x5eed5888).unwrap_err();
}

// The checks themselves must be able to fail: each of these feeds them a broken invariant.

#[test]
#[should_panic(expected = "leaks key 0")]
fn leak_check_catches_a_key_in_a_message() {
    let opts = Options::new([KEY_PRIMARY]);
    let text = format!("invalid key: {KEY_PRIMARY} is wrong");
    assert_no_key("message", &text, &opts, b"{}");
}

#[test]
fn leak_check_allows_what_the_body_itself_contains() {
    let opts = Options::new([KEY_PRIMARY]);
    let body = format!(r#"{{"event":"PUBLISH","domain":"{KEY_PRIMARY}"}}"#);
    let text = format!("Is this the key of domain \"{KEY_PRIMARY}\"?");
    assert_no_key("hint", &text, &opts, body.as_bytes());
}

#[test]
fn reference_verify_follows_the_documented_order() {
    let opts = Options::new([KEY_PRIMARY]);
    let body = br#"{"domain":"d","app":"a","stream":"s","event":"PUBLISH","auth_timestamp":100,"auth_sign":"zz"}"#;
    assert_eq!(
        reference_verify(&opts, body, 100),
        Err(ErrorCode::InvalidField)
    );
    assert_eq!(
        reference_verify(&Options::default(), body, 100),
        Err(ErrorCode::InvalidKey)
    );
    let small = Options {
        max_body_bytes: 10,
        ..opts.clone()
    };
    assert_eq!(
        reference_verify(&small, body, 100),
        Err(ErrorCode::BodyTooLarge)
    );
}

#[test]
fn derive_case_resigns_so_that_the_body_verifies() {
    // Key set 2 (primary), defaults, now = auth_timestamp, re-signed with key 0.
    let body = format!(
        r#"{{"domain":"d","app":"a","stream":"s","event":"PUBLISH","auth_timestamp":1700000000,"auth_sign":"{}"}}"#,
        "0".repeat(64)
    );
    let mut data = vec![2, 0, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0];
    data.extend_from_slice(body.as_bytes());
    let case = derive_case(&data, false);
    assert_eq!(case.now, 1_700_000_000);
    let v = Verifier::new(case.opts.clone())
        .unwrap()
        .verify(&case.body, case.now)
        .expect("re-signed");
    assert_eq!(v.key_id.as_deref(), Some("primary"));
    check_verify(&data);
    check_explain(&data);
    // Without re-signing, the same body is a mismatch.
    data[3] = 0;
    let case = derive_case(&data, false);
    let e = Verifier::new(case.opts)
        .unwrap()
        .verify(&case.body, case.now)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::SignatureMismatch);
}

/// The two documented differences between our JSON reader and serde_json are handled, and a
/// real disagreement is not.
#[test]
fn json_check_knows_the_documented_differences() {
    // Out of f64's range: serde_json refuses, we read it (and the rest must still agree).
    let big = br#"{"event":"PUBLISH","domain":"d","app":"a","stream":"s","x":[1e400,-2E+999]}"#;
    assert!(serde_json::from_slice::<serde_json::Value>(big).is_err());
    assert!(parse(big).is_ok());
    check_json(big);
    // Exactly 128 levels: we accept, serde_json (127 at most) does not.
    let deep = |n: usize| {
        format!(
            r#"{{"event":"PUBLISH","domain":"d","app":"a","stream":"s","x":{}{}}}"#,
            "[".repeat(n - 1),
            "]".repeat(n - 1)
        )
    };
    assert!(serde_json::from_str::<serde_json::Value>(&deep(127)).is_ok());
    assert!(serde_json::from_str::<serde_json::Value>(&deep(128)).is_err());
    assert!(parse(deep(128).as_bytes()).is_ok());
    assert_eq!(
        parse(deep(129).as_bytes()).unwrap_err().code(),
        ErrorCode::MalformedJson
    );
    for n in [127, 128, 129] {
        check_json(deep(n).as_bytes());
    }
    // A real syntax error after an out-of-range number is still caught by both.
    check_json(br#"{"event":"PUBLISH","domain":"d","app":"a","stream":"s","x":1e400,}"#);
}
