//! Option set, `now` and optional re-signing from a 12-byte header, then the body: `Verifier::verify` must return exactly what the spec-derived reference returns.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/fuzz_checks.rs"]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| fuzz_checks::check_verify(data));
