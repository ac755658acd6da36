//! Our JSON reader against serde_json: same accept/reject decision (two documented differences) and, when both accept, the same field values.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/fuzz_checks.rs"]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| fuzz_checks::check_json(data));
