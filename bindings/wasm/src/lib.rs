//! The wasm-bindgen layer of the `huaweicloud-live-callback` npm package.
//!
//! Thin by rule: it turns JavaScript arguments into core types and core results into ONE
//! compact string per call (few boundary crossings, no serde). All logic is in the core crate.
//!
//! The wire format the JavaScript side (`pkg/src/wasm.js`, `pkg/src/core.js`) reads:
//! - success: JSON text, always starting with `{`; integers above 2^53 - 1 as `{"$int":"digits"}`;
//! - failure: `!` + the core's error code + one space + the message (`!EXPIRED expired: …`).
//!
//! Unsigned 64-bit integers come in as two `u32` halves (`hi`, `lo`): exact for every `u64`,
//! and cheaper than a `BigInt` on the hot path.
//!
//! `verify` and `parse` avoid even that string: the JS side encodes the body straight into a
//! reused input buffer in wasm memory, and the result is a few `u32` words (see `write_words`):
//! kind, algorithm, key index, and per field its code and either the value's byte offsets in
//! the body (for an ASCII body also the UTF-16 offsets of the JS string, so the JS side builds
//! the object with `body.slice`), the offsets of its unescaped text in a text buffer, or its
//! integer value. The verify-only build has no JSON writer at all.

#![forbid(unsafe_code)]

use std::borrow::Cow;
use std::cell::RefCell;

use huaweicloud_live_callback as hw;
use wasm_bindgen::prelude::*;

#[cfg(feature = "tools")]
mod json;
#[cfg(feature = "tools")]
mod state;
#[cfg(feature = "tools")]
mod url;

#[cfg(feature = "tools")]
use json::Json;

/// The allocator of the wasm32 build: talc (crates.io `talc`, single-threaded wasm, growing the
/// memory as needed) instead of Rust's default dlmalloc, which was several times talc's bytes in
/// the verify-only `.wasm` (`make bench`'s size section reports the allocator's bytes, twiggy).
/// Host builds (the tests) keep the system allocator.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn u64_from(hi: u32, lo: u32) -> u64 {
    (u64::from(hi) << 32) | u64::from(lo)
}

fn error_wire(e: &hw::Error) -> String {
    let code = e.code().as_str();
    let mut out = String::with_capacity(2 + code.len() + e.message().len());
    out.push('!');
    out.push_str(code);
    out.push(' ');
    out.push_str(e.message());
    out
}

#[cfg(feature = "tools")]
fn wire<T>(result: Result<T, hw::Error>, write: impl FnOnce(&mut Json, &T)) -> String {
    match result {
        Ok(value) => {
            let mut j = Json::with_capacity(1024);
            write(&mut j, &value);
            j.finish()
        }
        Err(e) => error_wire(&e),
    }
}

/// Buffers shared with the JS side through wasm memory: the body going in, the result words,
/// the unescaped values and the error wire string coming out. wasm32 without threads: one
/// instance, one thread.
struct Io {
    input: Vec<u8>,
    out: Vec<u32>,
    text: Vec<u8>,
    wire: String,
    /// The pending options (see [`take_options`]).
    options: hw::Options,
}

/// The text buffer keeps its allocation between calls up to this size.
const TEXT_KEEP: usize = 65536;

/// Result words: 3 header words, then 3 words a field (at most one a known field of the kind),
/// sized from the core's field table.
const OUT_WORDS: usize = 3 + 3 * hw::fields::MAX_FIELDS_OF_A_KIND;
const _: () = assert!(hw::fields::MAX_FIELDS_OF_A_KIND <= hw::Field::ALL.len());

thread_local! {
    static IO: RefCell<Io> = RefCell::new(Io {
        input: Vec::new(),
        out: vec![0; OUT_WORDS],
        text: Vec::new(),
        wire: String::new(),
        options: hw::Options::default(),
    });
}

/// Splits `joined` into the strings whose UTF-16 lengths are `lens`: the JS side passes a list
/// of strings (`domains`, `apps`) as one string and the lengths, which cross as two plain
/// arguments where an array of strings would need JS values to cross (wasm-bindgen's externref
/// table, in the glue and in the .wasm). A lone surrogate arrives as U+FFFD, one unit as well;
/// a length past the end takes what is left.
fn split_utf16(joined: &str, lens: &[u32]) -> Vec<String> {
    let mut out = Vec::with_capacity(lens.len());
    let mut rest = joined;
    for &len in lens {
        let (mut units, mut end) = (0, 0);
        for c in rest.chars() {
            if units >= len as usize {
                break;
            }
            units += c.len_utf16();
            end += c.len_utf8();
        }
        let (part, tail) = rest.split_at(end);
        out.push(part.to_owned());
        rest = tail;
    }
    out
}

/// Makes room for `len` bytes of body in the input buffer and returns its address. The JS side
/// writes the body there (with `TextEncoder.encodeInto` or `Uint8Array.set`) and then calls
/// [`Verifier::verify_input`]. The buffer stays where it is until the next `input_buffer` call
/// that needs more room or [`release_input`], so the JS side keeps its view of it. 0 when the
/// memory cannot grow that much.
#[wasm_bindgen]
pub fn input_buffer(len: usize) -> usize {
    IO.with(|io| {
        let input = &mut io.borrow_mut().input;
        if input.len() < len {
            // Never abort on a failed allocation (that would trap, and with the borrow held
            // every later call would trap too): 0 tells the JS side the body does not fit.
            if input.try_reserve_exact(len - input.len()).is_err() {
                return 0;
            }
            input.resize(len, 0);
        }
        input.as_ptr() as usize
    })
}

/// The address of the result words (fixed; 4-byte aligned).
#[wasm_bindgen]
pub fn output_buffer() -> usize {
    IO.with(|io| io.borrow().out.as_ptr() as usize)
}

/// Takes the error wire string left by the last `verify_input` / `parse_input` that failed.
#[wasm_bindgen]
pub fn take_wire() -> String {
    IO.with(|io| std::mem::take(&mut io.borrow_mut().wire))
}

/// The documented event names (stream notifications, then recording callbacks), comma-separated:
/// the core's lists, for the JS side's route tables (receive.js: not in the verify-only build).
#[cfg(feature = "tools")]
#[wasm_bindgen]
pub fn known_events() -> String {
    let mut all = hw::STREAM_EVENTS.to_vec();
    all.extend_from_slice(hw::RECORD_EVENTS);
    all.join(",")
}

/// The hash of the field names in the order of the codes of the result words
/// (`hw::fields::NAMES_HASH`), which the JS side's generated table must match.
#[wasm_bindgen]
pub fn field_table() -> u32 {
    hw::fields::NAMES_HASH
}

/// Writes a parsed or verified callback as result words: `flags` (bit 0 a recording callback,
/// bit 1 MD5), `key_index`, the number of fields, then three words a field: its code
/// (`Field as u8`) with a tag in bits 8.., and two words by tag:
/// - 0: the value's byte offsets in `body` (a slice of it, no escape);
/// - 1: an integer, high and low 32 bits;
/// - 2: the addresses (in wasm memory) of the unescaped value's UTF-8 in `text`.
fn write_words(
    out: &mut [u32],
    text: &mut Vec<u8>,
    body: &[u8],
    cb: &hw::CallbackRef<'_>,
    flags: u32,
    key_index: usize,
) {
    if text.capacity() > TEXT_KEEP {
        *text = Vec::new();
    }
    text.clear();
    out[0] = flags | u32::from(cb.kind() == hw::Kind::Record);
    out[1] = key_index as u32;
    let mut n = 0;
    for (field, value) in cb.fields() {
        let w = 3 + 3 * n;
        let (tag, a, b) = match value {
            hw::FieldValue::Str(Cow::Borrowed(s)) => {
                let start = (s.as_ptr() as usize).wrapping_sub(body.as_ptr() as usize);
                (0, start, start + s.len())
            }
            hw::FieldValue::Str(Cow::Owned(s)) => {
                let start = text.len();
                text.extend_from_slice(s.as_bytes());
                (2, start, text.len())
            }
            hw::FieldValue::Int(i) => (1, (i >> 32) as usize, i as u32 as usize),
        };
        out[w] = field as u32 | (tag << 8);
        out[w + 1] = a as u32;
        out[w + 2] = b as u32;
        n += 1;
    }
    out[2] = n as u32;
    // Addresses only now: `text` may have moved while it grew.
    if !text.is_empty() {
        let base = text.as_ptr() as usize;
        for w in out[3..3 + 3 * n].chunks_exact_mut(3) {
            if w[0] >> 8 == 2 {
                w[1] = (base + w[1] as usize) as u32;
                w[2] = (base + w[2] as usize) as u32;
            }
        }
    }
}

/// The pending verification options: [`options_new`] sets them (replacing any), one
/// [`options_key`] call per key adds to them, and [`options_verifier`], [`options_verify_once`]
/// or [`options_explain`] takes them. Kept in the instance instead of a wasm-bindgen class:
/// nothing to construct and free on the JS side (each class costs the glue a wrapper and a
/// FinalizationRegistry).
fn take_options() -> hw::Options {
    IO.with(|io| std::mem::take(&mut io.borrow_mut().options))
}

/// Sets the pending options (see `take_options`). `max_body_bytes` arrives as a non-negative
/// integer `f64` (checked by the JS side); the cast saturates, and no wasm32 body can be larger
/// than `usize::MAX` anyway.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen]
pub fn options_new(
    tolerance_hi: u32,
    tolerance_lo: u32,
    max_future_hi: u32,
    max_future_lo: u32,
    allow_md5: bool,
    max_body_bytes: f64,
    allow_unknown_events: bool,
    domains: &str,
    domain_lens: &[u32],
    apps: &str,
    app_lens: &[u32],
) {
    let options = hw::Options {
        keys: Vec::new(),
        tolerance_secs: u64_from(tolerance_hi, tolerance_lo),
        max_future_secs: u64_from(max_future_hi, max_future_lo),
        allow_md5,
        max_body_bytes: max_body_bytes as usize,
        domains: split_utf16(domains, domain_lens),
        apps: split_utf16(apps, app_lens),
        allow_unknown_events,
    };
    IO.with(|io| io.borrow_mut().options = options);
}

/// Adds a key to the pending options, with its id if it has one.
#[wasm_bindgen]
pub fn options_key(id: Option<String>, secret: String) {
    let key = match id {
        Some(id) => hw::Key::with_id(id, secret),
        None => hw::Key::new(secret),
    };
    IO.with(|io| io.borrow_mut().options.keys.push(key));
}

/// Builds a verifier from the pending options (validates the keys, prepares their HMAC
/// states); `undefined` with the error wire in [`take_wire`] on failure.
#[wasm_bindgen]
pub fn options_verifier() -> Option<Verifier> {
    match hw::Verifier::new(take_options()) {
        Ok(inner) => Some(Verifier { inner }),
        Err(e) => {
            IO.with(|io| io.borrow_mut().wire = error_wire(&e));
            None
        }
    }
}

/// `new Verifier(options).verify(body)` for the one-shot `verify`: builds the verifier from the
/// pending options and verifies the first `len` bytes of the input buffer, with no Verifier
/// object to create and free. Same status and outputs as [`Verifier::verify_input`]; a bad key
/// is an error wire (status 2).
#[wasm_bindgen]
pub fn options_verify_once(len: usize, now_hi: u32, now_lo: u32) -> u32 {
    match hw::Verifier::new(take_options()) {
        Ok(v) => verify_input_with(&v, len, u64_from(now_hi, now_lo)),
        Err(e) => {
            IO.with(|io| io.borrow_mut().wire = error_wire(&e));
            2
        }
    }
}

/// The core's `explain` under the pending options, as JSON (never an error: problems are part
/// of the explanation).
#[cfg(feature = "tools")]
#[wasm_bindgen]
pub fn options_explain(body: &[u8], now_hi: u32, now_lo: u32) -> String {
    let x = hw::explain(body, &take_options(), u64_from(now_hi, now_lo));
    let mut j = Json::with_capacity(2048);
    j.explanation(&x);
    j.finish()
}

/// A prepared verifier.
#[wasm_bindgen]
pub struct Verifier {
    inner: hw::Verifier,
}

#[wasm_bindgen]
impl Verifier {
    /// Verifies the first `len` bytes of the input buffer (see [`input_buffer`]). Returns 0
    /// when the result is in the result words (`write_words`), 2 for an error wire
    /// ([`take_wire`]).
    pub fn verify_input(&self, len: usize, now_hi: u32, now_lo: u32) -> u32 {
        verify_input_with(&self.inner, len, u64_from(now_hi, now_lo))
    }
}

/// Verifies the first `len` bytes of the input buffer into the result words (0) or the error
/// wire (2).
fn verify_input_with(verifier: &hw::Verifier, len: usize, now: u64) -> u32 {
    IO.with(|io| {
        let Io {
            input,
            out,
            text,
            wire,
            ..
        } = &mut *io.borrow_mut();
        let body = &input[..len.min(input.len())];
        match verifier.verify_ref(body, now) {
            Err(e) => {
                *wire = error_wire(&e);
                2
            }
            Ok(v) => {
                let md5 = u32::from(v.algorithm == hw::Algorithm::Md5) << 1;
                write_words(out, text, body, &v.callback, md5, v.key_index);
                0
            }
        }
    })
}

/// Frees the input buffer (the JS side calls it after a body larger than it keeps a buffer for;
/// its next [`input_buffer`] call allocates again).
#[wasm_bindgen]
pub fn release_input() {
    IO.with(|io| io.borrow_mut().input = Vec::new());
}

/// The core's `parse` of the first `len` bytes of the input buffer: 0 with the callback in the
/// result words (`write_words`; key index 0), 2 for an error wire ([`take_wire`]).
/// The same shape as `verify_input_with`, written out twice on purpose: one helper for both
/// (generic or `dyn`) made the verify-only .wasm 142 and 502 bytes larger after gzip.
#[wasm_bindgen]
pub fn parse_input(len: usize) -> u32 {
    IO.with(|io| {
        let Io {
            input,
            out,
            text,
            wire,
            ..
        } = &mut *io.borrow_mut();
        let body = &input[..len.min(input.len())];
        match hw::parse_ref(body) {
            Err(e) => {
                *wire = error_wire(&e);
                2
            }
            Ok(cb) => {
                write_words(out, text, body, &cb, 0, 0);
                0
            }
        }
    })
}

/// Parses `callback_json` with the core's strict rules, then signs it: `{body, callback}`.
#[cfg(feature = "tools")]
#[wasm_bindgen]
pub fn sign(callback_json: &str, key: &str, md5: bool, ts_hi: u32, ts_lo: u32) -> String {
    let algorithm = if md5 {
        hw::Algorithm::Md5
    } else {
        hw::Algorithm::HmacSha256
    };
    let signed = hw::parse(callback_json.as_bytes())
        .and_then(|cb| hw::sign(&cb, key, algorithm, u64_from(ts_hi, ts_lo)));
    wire(signed, Json::signed)
}

/// The `BODY_TOO_LARGE` error for a body the JS side refuses to copy into wasm memory because
/// it is already known to be larger than the limit. Same wording as the core's own check (a
/// test below holds the two together). Left as the error wire for [`take_wire`].
#[wasm_bindgen]
pub fn body_too_large(len: f64, max: f64) {
    let mut j = String::with_capacity(80);
    j.push_str("!BODY_TOO_LARGE body too large: ");
    hw::json_out::push_u64(&mut j, len as u64);
    j.push_str(" bytes > max_body_bytes ");
    hw::json_out::push_u64(&mut j, max as u64);
    IO.with(|io| io.borrow_mut().wire = j);
}

#[cfg(test)]
mod tests;
