//! Any bytes through `parse`: no panic, a documented code with a bounded message, and what it parses `to_json` writes back identically.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/fuzz_checks.rs"]
mod fuzz_checks;

fuzz_target!(|data: &[u8]| fuzz_checks::check_parse(data));
