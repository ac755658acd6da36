//! A callback built from structured input: `sign` then `verify` accepts it, `parse` reads it back, and any one-character or one-byte change to a signed field or to the signature is rejected.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/fuzz_checks.rs"]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| fuzz_checks::check_roundtrip(data));
