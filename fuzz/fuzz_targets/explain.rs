//! Like `verify`, also with key sets `Verifier::new` refuses: `explain`'s error is exactly `Verifier::new` + `verify`'s, and nothing it shows contains a key.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/fuzz_checks.rs"]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| fuzz_checks::check_explain(data));
