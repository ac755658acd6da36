//! The hash primitives exactly as the verifier calls them (keyed state prepared once, then
//! cloned), against Wycheproof HMAC-SHA256, RFC 4231 and RFC 1321, and against the RustCrypto
//! crates (`hmac`, `sha2`, `md-5`) on random inputs: the crate's own block buffering, padding
//! and HMAC construction (src/hash.rs) at every length around the block boundaries.

use hmac::Mac;
use huaweicloud_live_callback::primitives::{ct_eq, hmac_sha256, md5, sha256};
use md5::Digest as _;
use proptest::prelude::*;
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

/// Every message length from 0 to 200 bytes (the 55/56/63/64-byte padding edges, one to three
/// blocks) and key lengths 0 to 130 (a key over the 64-byte block is hashed first).
#[test]
fn lengths_around_block_boundaries() {
    let data: Vec<u8> = (0..260u32).map(|i| (i * 7 + 3) as u8).collect();
    for len in 0..=200 {
        let msg = &data[..len];
        let want = sha2::Sha256::digest(msg);
        assert_eq!(sha256(&[msg]), want.as_slice(), "sha256, {len} bytes");
        let want = md5::Md5::digest(msg);
        assert_eq!(md5(b"", msg), want.as_slice(), "md5, {len} bytes");
    }
    for key_len in 0..=130 {
        let key = &data[100..100 + key_len];
        let mut reference = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
        reference.update(&data[..77]);
        let want = reference.finalize().into_bytes();
        assert_eq!(
            hmac_sha256(key, &data[..77]),
            want.as_slice(),
            "hmac, key of {key_len} bytes"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Random key, message and split points: the streaming states agree with the references.
    #[test]
    fn agrees_with_rustcrypto(
        key in proptest::collection::vec(any::<u8>(), 0..150),
        msg in proptest::collection::vec(any::<u8>(), 0..400),
        cut in 0usize..400,
    ) {
        let cut = cut.min(msg.len());
        let (a, b) = msg.split_at(cut);
        let want = sha2::Sha256::digest(&msg);
        prop_assert_eq!(hex::encode(sha256(&[a, b])), hex::encode(want));
        let mut reference = md5::Md5::new();
        reference.update(&key);
        reference.update(&msg);
        let want = reference.finalize();
        prop_assert_eq!(hex::encode(md5(&key, &msg)), hex::encode(want));
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
        mac.update(&msg);
        let want = mac.finalize().into_bytes();
        prop_assert_eq!(hex::encode(hmac_sha256(&key, &msg)), hex::encode(want));
    }
}
