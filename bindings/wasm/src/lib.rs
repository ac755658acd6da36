//! The wasm-bindgen layer of the `huaweicloud-live-callback` npm package.
//!
//! Thin by rule: it turns JavaScript arguments into core types and core results into ONE
//! compact string per call (few boundary crossings, no serde). All logic is in the core crate.
//!
//! The wire format the JavaScript side (`pkg/src/wrap.js`) reads:
//! - success: JSON text, always starting with `{`;
//! - failure: `!` + the core's error code + one space + the message (`!EXPIRED expired: …`).
//!
//! Unsigned 64-bit integers come in as two `u32` halves (`hi`, `lo`): exact for every `u64`,
//! and cheaper than a `BigInt` on the hot path.

#![forbid(unsafe_code)]

use huaweicloud_live_callback as hw;
use wasm_bindgen::prelude::*;

mod json;

use json::Json;

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

/// Verification options: the settings, then one [`Options::key`] call per key.
#[wasm_bindgen]
pub struct Options {
    inner: hw::Options,
}

#[wasm_bindgen]
impl Options {
    /// `max_body_bytes` arrives as a non-negative integer `f64` (checked by the JS side); the
    /// cast saturates, and no wasm32 body can be larger than `usize::MAX` anyway.
    #[wasm_bindgen(constructor)]
    pub fn new(
        tolerance_hi: u32,
        tolerance_lo: u32,
        max_future_hi: u32,
        max_future_lo: u32,
        allow_md5: bool,
        max_body_bytes: f64,
    ) -> Options {
        Options {
            inner: hw::Options {
                keys: Vec::new(),
                tolerance_secs: u64_from(tolerance_hi, tolerance_lo),
                max_future_secs: u64_from(max_future_hi, max_future_lo),
                allow_md5,
                max_body_bytes: max_body_bytes as usize,
            },
        }
    }

    /// Adds a key, with its id if it has one.
    pub fn key(&mut self, id: Option<String>, secret: String) {
        self.inner.keys.push(match id {
            Some(id) => hw::Key::with_id(id, secret),
            None => hw::Key::new(secret),
        });
    }

    /// Builds a verifier (validates the keys, prepares their HMAC states). Throws the error
    /// wire string on failure.
    pub fn verifier(&self) -> Result<Verifier, String> {
        hw::Verifier::new(self.inner.clone())
            .map(|inner| Verifier { inner })
            .map_err(|e| error_wire(&e))
    }

    /// The core's `explain`, as JSON (never an error: problems are part of the explanation).
    pub fn explain(&self, body: &[u8], now_hi: u32, now_lo: u32) -> String {
        let x = hw::explain(body, &self.inner, u64_from(now_hi, now_lo));
        let mut j = Json::with_capacity(2048);
        j.explanation(&x);
        j.finish()
    }
}

/// A prepared verifier.
#[wasm_bindgen]
pub struct Verifier {
    inner: hw::Verifier,
}

#[wasm_bindgen]
impl Verifier {
    /// Verifies a body given as a JS string (UTF-8 encoded by the glue straight into wasm memory).
    pub fn verify_str(&self, body: &str, now_hi: u32, now_lo: u32) -> String {
        self.verify_bytes(body.as_bytes(), now_hi, now_lo)
    }

    /// Verifies a body given as bytes.
    pub fn verify_bytes(&self, body: &[u8], now_hi: u32, now_lo: u32) -> String {
        wire(
            self.inner.verify(body, u64_from(now_hi, now_lo)),
            Json::verified,
        )
    }
}

/// The core's `parse`: `{kind, event, callback}`.
#[wasm_bindgen]
pub fn parse_str(body: &str) -> String {
    parse_bytes(body.as_bytes())
}

/// The core's `parse` on bytes.
#[wasm_bindgen]
pub fn parse_bytes(body: &[u8]) -> String {
    wire(hw::parse(body), Json::parsed)
}

/// Parses `callback_json` with the core's strict rules, then signs it: `{body, callback}`.
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
/// test below holds the two together).
#[wasm_bindgen]
pub fn body_too_large(len: f64, max: f64) -> String {
    let mut j = String::with_capacity(80);
    j.push_str("!BODY_TOO_LARGE body too large: ");
    json::push_u64(&mut j, len as u64);
    j.push_str(" bytes > max_body_bytes ");
    json::push_u64(&mut j, max as u64);
    j
}

#[cfg(test)]
mod tests;
