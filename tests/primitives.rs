//! The hash primitives exactly as the verifier calls them (keyed state prepared once, then
//! cloned), against Wycheproof HMAC-SHA256, RFC 4231 and RFC 1321.

use huaweicloud_live_callback::primitives::{ct_eq, hmac_sha256, md5};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn bytes(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().expect("hex string")).expect("valid hex")
}

/// Wycheproof (Apache-2.0, see tests/vectors/wycheproof-LICENSE; from C2SP/wycheproof
/// `testvectors_v1/hmac_sha256_test.json`): every valid tag must verify, every invalid one
/// (modified or truncated tags, other key sizes) must not.
#[test]
fn wycheproof_hmac_sha256() {
    let doc = load("wycheproof-hmac_sha256_test.json");
    let mut failures = Vec::new();
    let mut count = 0;
    for group in doc["testGroups"].as_array().unwrap() {
        let tag_bytes = group["tagSize"].as_u64().unwrap() as usize / 8;
        for t in group["tests"].as_array().unwrap() {
            count += 1;
            let mac = hmac_sha256(&bytes(&t["key"]), &bytes(&t["msg"]));
            let accepted = ct_eq(&mac[..tag_bytes], &bytes(&t["tag"]));
            let expected = t["result"] == "valid";
            if accepted != expected {
                failures.push(format!(
                    "tcId {} ({}): accepted={accepted}",
                    t["tcId"], t["comment"]
                ));
            }
        }
    }
    assert_eq!(count, doc["numberOfTests"].as_u64().unwrap() as usize);
    assert!(
        failures.is_empty(),
        "{} of {count} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn rfc4231_hmac_sha256() {
    let doc = load("rfc4231-hmac_sha256.json");
    for t in doc["tests"].as_array().unwrap() {
        let mac = hmac_sha256(&bytes(&t["key"]), &bytes(&t["data"]));
        let want = bytes(&t["mac"]);
        assert_eq!(
            hex::encode(&mac[..want.len()]),
            hex::encode(&want),
            "RFC 4231 case {}",
            t["case"]
        );
    }
}

#[test]
fn rfc1321_md5() {
    let doc = load("rfc1321-md5.json");
    for t in doc["tests"].as_array().unwrap() {
        let message = t["message"].as_str().unwrap().as_bytes();
        let want = t["digest"].as_str().unwrap();
        // Through the keyed path both ways: as the whole message, and split as key + rest.
        assert_eq!(
            hex::encode(md5(b"", message)),
            want,
            "RFC 1321 {:?}",
            t["message"]
        );
        let (a, b) = message.split_at(message.len() / 2);
        assert_eq!(
            hex::encode(md5(a, b)),
            want,
            "RFC 1321 split {:?}",
            t["message"]
        );
    }
}
