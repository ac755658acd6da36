//! Signed URLs: an 8-byte header (keys, options, signing, now), then the URL. `verify_url` must
//! return exactly what the reference returns (never accept what it refuses), a signed URL must
//! verify, nothing may panic or leak a key (tests/common/fuzz_url_checks.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/fuzz_url_checks.rs"]
mod fuzz_url_checks;

fuzz_target!(|data: &[u8]| fuzz_url_checks::check_url(data));
