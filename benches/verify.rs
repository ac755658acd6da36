//! Native cost of the full verification path (JSON parse + string-to-sign + HMAC + constant-time
//! compare + expiry), on the same bodies the JS benchmark uses: the 454-byte stream notification
//! and the 709-byte recording callback of the shared vector file.
//!
//! `cargo bench --bench verify` (or `make bench`, which prints it next to the wasm figures).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use huaweicloud_live_callback::{explain, parse, Key, Options, Verifier};
use std::hint::black_box;

/// (body, key, now) of a named case in tests/vectors/callbacks.json.
fn case(name: &str) -> (Vec<u8>, String, u64) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/callbacks.json");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let c = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no case {name}"));
    (
        c["body"].as_str().unwrap().as_bytes().to_vec(),
        c["keys"][0]["key"].as_str().unwrap().to_owned(),
        c["options"]["now"].as_u64().unwrap(),
    )
}

fn bench(c: &mut Criterion) {
    for (label, name) in [
        ("stream-454B", "stream/PUBLISH/hmac/valid-compact"),
        (
            "record-709B",
            "record/RECORD_FILE_COMPLETE/hmac/valid-compact",
        ),
    ] {
        let (body, key, now) = case(name);
        let options = Options::new([Key::new(key.as_str())]);
        let verifier = Verifier::new(options.clone()).unwrap();
        assert!(verifier.verify(&body, now).is_ok(), "{name} must verify");
        let mut g = c.benchmark_group(label);
        g.throughput(Throughput::Elements(1));
        g.bench_function("Verifier::verify (cached key)", |b| {
            b.iter(|| verifier.verify(black_box(&body), black_box(now)).unwrap())
        });
        g.bench_function("Verifier::new + verify", |b| {
            b.iter(|| {
                Verifier::new(options.clone())
                    .unwrap()
                    .verify(black_box(&body), now)
                    .unwrap()
            })
        });
        g.bench_function("parse", |b| b.iter(|| parse(black_box(&body)).unwrap()));
        g.bench_function("explain", |b| {
            b.iter(|| explain(black_box(&body), &options, now))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
