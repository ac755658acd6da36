//! Signed URLs (issue 14): the core's `sign_url`, `verify_url` and `explain_url`, behind the
//! `tools` feature. Same wire as the rest of the bindings: JSON text, or `!CODE message`;
//! `u64`s in as `hi`/`lo` `u32` halves, out as numbers up to 2^53 - 1, else `{"$int":"…"}`.

use huaweicloud_live_callback as hw;
use wasm_bindgen::prelude::*;

use crate::json::Json;
use crate::{error_wire, u64_from, wire};

fn method(name: &str) -> Result<hw::UrlMethod, hw::Error> {
    hw::UrlMethod::parse(name)
}

/// The core's canonical name of a URL method (`"a_md5"` -> `"A"`), or an error wire.
#[wasm_bindgen]
pub fn url_method(name: &str) -> String {
    match method(name) {
        Ok(m) => m.as_str().to_owned(),
        Err(e) => error_wire(&e),
    }
}

/// The core's URL defaults and limits, for the JS side to apply without a copy of its own:
/// `{"maxSkewSeconds":300,"maxUrlBytes":8192,"minTimeoutSeconds":60,"maxTimeoutSeconds":2592000}`.
#[wasm_bindgen]
pub fn url_limits() -> String {
    let mut j = Json::with_capacity(128);
    j.open();
    for (name, v) in [
        ("maxSkewSeconds", hw::DEFAULT_URL_MAX_SKEW_SECS),
        ("maxUrlBytes", hw::MAX_URL_BYTES as u64),
        ("minTimeoutSeconds", hw::MIN_URL_TIMEOUT_SECS),
        ("maxTimeoutSeconds", hw::MAX_URL_TIMEOUT_SECS),
    ] {
        j.key(name);
        j.u64(v);
    }
    j.close();
    j.finish()
}

/// Signs `url` with `key`: `{"url": "…"}`.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen]
pub fn sign_url(
    url: &str,
    key: &str,
    method_name: &str,
    time_hi: u32,
    time_lo: u32,
    rand: Option<String>,
    uid: Option<String>,
) -> String {
    let signed = method(method_name).and_then(|method| {
        hw::sign_url(
            url,
            key,
            &hw::UrlSignOptions {
                method,
                time: u64_from(time_hi, time_lo),
                rand,
                uid,
            },
        )
    });
    wire(signed, |j, u| {
        j.open();
        j.str_field("url", u);
        j.close();
    })
}

/// URL verification options: the settings, then one [`UrlOptions::key`] call per key.
#[wasm_bindgen]
pub struct UrlOptions {
    inner: hw::UrlOptions,
    method_error: Option<hw::Error>,
}

#[wasm_bindgen]
impl UrlOptions {
    /// `method`: `""` to take it from the query.
    #[wasm_bindgen(constructor)]
    pub fn new(
        timeout_hi: u32,
        timeout_lo: u32,
        skew_hi: u32,
        skew_lo: u32,
        method_name: &str,
    ) -> UrlOptions {
        let (m, method_error) = if method_name.is_empty() {
            (None, None)
        } else {
            match method(method_name) {
                Ok(m) => (Some(m), None),
                Err(e) => (None, Some(e)),
            }
        };
        UrlOptions {
            inner: hw::UrlOptions {
                max_skew_secs: u64_from(skew_hi, skew_lo),
                method: m,
                ..hw::UrlOptions::new(Vec::<hw::Key>::new(), u64_from(timeout_hi, timeout_lo))
            },
            method_error,
        }
    }

    /// Adds a key, with its id if it has one.
    pub fn key(&mut self, id: Option<String>, secret: String) {
        self.inner.keys.push(match id {
            Some(id) => hw::Key::with_id(id, secret),
            None => hw::Key::new(secret),
        });
    }

    /// `verify_url` at `now`: `{method, kind, time, timeFormat, timeReading, expiresAt,
    /// keyIndex, keyId?, stream, note?}` or an error wire.
    pub fn verify(&self, url: &str, now_hi: u32, now_lo: u32) -> String {
        if let Some(e) = &self.method_error {
            return error_wire(e);
        }
        wire(
            hw::verify_url(url, &self.inner, u64_from(now_hi, now_lo)),
            verified,
        )
    }

    /// `explain_url` at `now`, as JSON (an unknown method name is an error wire).
    pub fn explain(&self, url: &str, now_hi: u32, now_lo: u32) -> String {
        if let Some(e) = &self.method_error {
            return error_wire(e);
        }
        let x = hw::explain_url(url, &self.inner, u64_from(now_hi, now_lo));
        let mut j = Json::with_capacity(2048);
        explanation(&mut j, &x);
        j.finish()
    }
}

fn verified(j: &mut Json, v: &hw::VerifiedUrl) {
    j.open();
    j.str_field("method", v.method.as_str());
    j.str_field("kind", v.kind.as_str());
    j.key("time");
    j.u64(v.time);
    j.str_field("timeFormat", v.time_format.as_str());
    j.str_field("timeReading", v.time_reading.as_str());
    j.key("expiresAt");
    j.u64(v.expires_at);
    j.key("keyIndex");
    j.u64(v.key_index as u64);
    j.opt_str("keyId", v.key_id.as_deref());
    j.str_field("stream", &v.stream);
    j.opt_str("note", v.note);
    j.close();
}

fn explanation(j: &mut Json, x: &hw::UrlExplanation) {
    j.open();
    j.str_field("verdict", x.verdict.as_str());
    j.key("error");
    match &x.error {
        Some(e) => {
            j.open();
            j.str_field("code", e.code().as_str());
            j.str_field("message", e.message());
            j.close();
        }
        None => j.null(),
    }
    j.str_or_null("method", x.method.map(hw::UrlMethod::as_str));
    j.str_or_null("kind", x.kind.map(hw::UrlKind::as_str));
    j.str_or_null("stream", x.stream.as_deref());
    j.str_or_null("uri", x.uri.as_deref());
    j.u64_or_null("time", x.time);
    j.str_or_null("timeFormat", x.time_format.map(hw::TimeFormat::as_str));
    j.str_or_null("timeReading", x.time_reading.map(hw::TimeReading::as_str));
    j.str_or_null("formula", x.formula);
    j.str_or_null("hashed", x.hashed.as_deref());
    j.str_or_null("receivedSignature", x.received_signature.as_deref());
    j.str_or_null("expectedSignature", x.expected_signature.as_deref());
    j.u64_or_null("keyIndex", x.key_index.map(|i| i as u64));
    j.str_or_null("keyId", x.key_id.as_deref());
    j.key("keys");
    j.0.push('[');
    for k in &x.keys {
        j.open();
        j.key("index");
        j.u64(k.index as u64);
        j.str_or_null("id", k.id.as_deref());
        j.str_field("expectedSignature", &k.expected_signature);
        j.key("matches");
        j.bool(k.matches);
        j.str_or_null("problem", k.problem.as_deref());
        j.close();
    }
    j.0.push(']');
    j.key("window");
    match &x.window {
        Some(w) => {
            j.open();
            for (name, v) in [
                ("startsAt", w.starts_at),
                ("expiresAt", w.expires_at),
                ("now", w.now),
                ("timeoutSeconds", w.timeout_secs),
                ("maxSkewSeconds", w.max_skew_secs),
            ] {
                j.key(name);
                j.u64(v);
            }
            j.key("secondsLeft");
            j.i64(w.seconds_left);
            j.close();
        }
        None => j.null(),
    }
    j.str_or_null("note", x.note);
    let hints: Vec<&str> = x.hints.iter().map(String::as_str).collect();
    j.strings("hints", &hints);
    j.close();
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "GCTbw44s6MPLh4GqgDpnfuFHgy25Enly";

    fn json(s: &str) -> serde_json::Value {
        serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
    }

    #[test]
    fn sign_verify_explain_wire() {
        let s = json(&sign_url(
            "rtmp://push.example.com/livetest/huawei1",
            KEY,
            "D",
            0,
            0x5eed5888,
            None,
            None,
        ));
        let url = s["url"].as_str().unwrap();
        assert!(url.ends_with("hwSecret=ce201856a0957413319e883c8ccae13602f01d3d91e21daf5161964cf708a6a8&hwTime=5eed5888"));
        let mut o = UrlOptions::new(0, 1800, 0, 300, "");
        o.key(Some("k1".into()), KEY.into());
        let v = json(&o.verify(url, 0, 0x5eed5888));
        assert_eq!(v["method"], "D");
        assert_eq!(v["time"], 0x5eed5888u64);
        assert_eq!(v["expiresAt"], 0x5eed5888u64 + 1800);
        assert_eq!(v["keyId"], "k1");
        assert_eq!(v["timeReading"], "start");
        let x = json(&o.explain(url, 0, 0x5eed5888 + 1800));
        assert_eq!(x["verdict"], "EXPIRED");
        assert_eq!(x["error"]["code"], "EXPIRED");
        assert_eq!(x["hashed"], "huawei15eed5888");
        assert_eq!(x["keys"][0]["matches"], true);
        assert_eq!(x["window"]["secondsLeft"], 0);
        assert!(!x.to_string().contains(KEY));
    }

    #[test]
    fn names_and_limits() {
        assert_eq!(url_method("d_sha256"), "D");
        assert_eq!(url_method("a"), "A");
        assert!(url_method("x").starts_with("!INVALID_FIELD "));
        let l = json(&url_limits());
        assert_eq!(l["maxSkewSeconds"], 300);
        assert_eq!(l["maxUrlBytes"], 8192);
    }

    #[test]
    fn errors_and_big_integers() {
        let e = sign_url("rtmp://h/a/s", KEY, "E", 0, 0, None, None);
        assert!(
            e.starts_with("!INVALID_FIELD invalid field method: \"E\""),
            "{e}"
        );
        assert!(sign_url("rtmp://h/a/s", KEY, "C", 0, 0, None, None)
            .starts_with("!UNSUPPORTED_METHOD "));
        assert!(
            sign_url("rtmp://h/a/s", "short", "D", 0, 0, None, None).starts_with("!INVALID_KEY ")
        );
        let o = UrlOptions::new(0, 1800, 0, 300, "nope");
        assert!(o
            .verify("rtmp://h/a/s", 0, 0)
            .starts_with("!INVALID_FIELD "));
        let s = json(&sign_url(
            "rtmp://h/a/s",
            KEY,
            "D",
            u32::MAX,
            u32::MAX,
            None,
            None,
        ));
        let mut o = UrlOptions::new(0, 60, 0, 0, "D");
        o.key(None, KEY.into());
        let v = json(&o.verify(s["url"].as_str().unwrap(), u32::MAX, u32::MAX));
        assert_eq!(v["time"]["$int"], "18446744073709551615");
        assert_eq!(v["expiresAt"]["$int"], "18446744073709551615");
    }
}
