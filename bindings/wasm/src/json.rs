//! A minimal JSON writer for the wire format: strings, `u64`s, booleans, nulls. Field names use
//! the JavaScript API's spelling; callbacks keep Huawei's field names.

use huaweicloud_live_callback as hw;

use hw::{Callback, Explanation, Signed};

pub(crate) struct Json(pub(crate) String);

pub(crate) use hw::json_out::MAX_SAFE_INTEGER;

pub(crate) use hw::json_out::push_u64;

impl Json {
    pub(crate) fn with_capacity(n: usize) -> Json {
        Json(String::with_capacity(n))
    }

    pub(crate) fn finish(self) -> String {
        self.0
    }

    /// A comma unless this is the first member or element.
    pub(crate) fn sep(&mut self) {
        if !matches!(self.0.as_bytes().last(), None | Some(b'{' | b'[' | b':')) {
            self.0.push(',');
        }
    }

    pub(crate) fn open(&mut self) {
        self.sep();
        self.0.push('{');
    }

    pub(crate) fn close(&mut self) {
        self.0.push('}');
    }

    pub(crate) fn key(&mut self, name: &str) {
        self.sep();
        self.0.push('"');
        self.0.push_str(name);
        self.0.push_str("\":");
    }

    pub(crate) fn string(&mut self, s: &str) {
        self.sep();
        hw::json_out::push_string(&mut self.0, s);
    }

    /// An integer: a JSON number up to 2^53 - 1 (exact as a JS number), else
    /// `{"$int":"digits"}`, which the JS side turns into a `bigint` (never a rounded number).
    pub(crate) fn u64(&mut self, v: u64) {
        self.sep();
        hw::json_out::push_api_u64(&mut self.0, v);
    }

    /// A signed integer, with the same rule as [`Json::u64`] for magnitudes above 2^53 - 1.
    pub(crate) fn i64(&mut self, v: i64) {
        self.sep();
        let big = v.unsigned_abs() > MAX_SAFE_INTEGER;
        if big {
            self.0.push_str("{\"$int\":\"");
        }
        if v < 0 {
            self.0.push('-');
        }
        push_u64(&mut self.0, v.unsigned_abs());
        if big {
            self.0.push_str("\"}");
        }
    }

    pub(crate) fn bool(&mut self, v: bool) {
        self.sep();
        self.0.push_str(if v { "true" } else { "false" });
    }

    pub(crate) fn null(&mut self) {
        self.sep();
        self.0.push_str("null");
    }

    pub(crate) fn str_field(&mut self, name: &str, v: &str) {
        self.key(name);
        self.string(v);
    }

    /// An optional string member: omitted when absent.
    pub(crate) fn opt_str(&mut self, name: &str, v: Option<&str>) {
        if let Some(v) = v {
            self.str_field(name, v);
        }
    }

    /// An optional string member written as `null` when absent (explanations).
    pub(crate) fn str_or_null(&mut self, name: &str, v: Option<&str>) {
        self.key(name);
        match v {
            Some(v) => self.string(v),
            None => self.null(),
        }
    }

    pub(crate) fn u64_or_null(&mut self, name: &str, v: Option<u64>) {
        self.key(name);
        match v {
            Some(v) => self.u64(v),
            None => self.null(),
        }
    }

    pub(crate) fn strings(&mut self, name: &str, items: &[&str]) {
        self.key(name);
        self.0.push('[');
        for s in items {
            self.string(s);
        }
        self.0.push(']');
    }

    /// The callback with Huawei's field names in the documented order; absent optional fields
    /// are omitted; integers (both timestamps included) are numbers: the core's one writer.
    fn callback(&mut self, cb: &Callback) {
        self.sep();
        hw::json_out::callback(&mut self.0, cb, hw::json_out::Style::Api);
    }

    /// The callback from a borrowed read, in the same order and shape as [`Json::callback`].
    #[cfg(test)]
    fn callback_ref(&mut self, cb: &hw::CallbackRef<'_>) {
        self.sep();
        hw::json_out::callback_ref(&mut self.0, cb, hw::json_out::Style::Api);
    }

    /// Test oracle of the result words (lib.rs `write_words`): the JSON the wire used to carry.
    #[cfg(test)]
    pub(crate) fn verified_ref(&mut self, v: &hw::VerifiedRef<'_>, key_id: Option<&str>) {
        self.open();
        self.str_field("kind", v.callback.kind().as_str());
        self.str_field("event", v.callback.event());
        self.str_field("algorithm", v.algorithm.as_str());
        self.key("keyIndex");
        self.u64(v.key_index as u64);
        self.opt_str("keyId", key_id);
        self.key("bodyAuthenticated");
        self.bool(v.body_authenticated);
        self.strings("signedFields", v.signed_fields);
        self.key("callback");
        self.callback_ref(&v.callback);
        self.close();
    }

    /// Test oracle of the result words (lib.rs `write_words`): the JSON the wire used to carry.
    #[cfg(test)]
    pub(crate) fn parsed_ref(&mut self, cb: &hw::CallbackRef<'_>) {
        self.open();
        self.str_field("kind", cb.kind().as_str());
        self.str_field("event", cb.event());
        self.key("callback");
        self.callback_ref(cb);
        self.close();
    }

    pub(crate) fn signed(&mut self, s: &Signed) {
        self.open();
        self.str_field("body", &s.body);
        self.key("callback");
        self.callback(&s.callback);
        self.close();
    }

    pub(crate) fn explanation(&mut self, x: &Explanation) {
        self.open();
        self.str_field("verdict", x.verdict.as_str());
        self.key("error");
        match &x.error {
            Some(e) => {
                self.open();
                self.str_field("code", e.code().as_str());
                self.str_field("message", e.message());
                self.close();
            }
            None => self.null(),
        }
        self.key("problems");
        self.0.push('[');
        for p in &x.problems {
            self.open();
            self.str_field("code", p.code.as_str());
            self.str_field("message", &p.message);
            self.close();
        }
        self.0.push(']');
        self.key("hints");
        self.0.push('[');
        for h in &x.hints {
            self.string(h);
        }
        self.0.push(']');
        self.str_or_null("kind", x.kind.map(|k| k.as_str()));
        self.str_or_null("event", x.event.as_deref());
        self.str_or_null("algorithm", x.algorithm.map(|a| a.as_str()));
        self.str_or_null("stringToSign", x.string_to_sign.as_deref());
        self.key("parts");
        self.0.push('[');
        for p in &x.parts {
            self.open();
            self.str_field("field", p.field);
            self.str_field("value", &p.value);
            self.key("present");
            self.bool(p.present);
            self.close();
        }
        self.0.push(']');
        self.str_or_null("receivedSignature", x.received_signature.as_deref());
        self.str_or_null("expectedSignature", x.expected_signature.as_deref());
        self.key("matches");
        self.bool(x.matches);
        self.u64_or_null("keyIndex", x.key_index.map(|i| i as u64));
        self.str_or_null("keyId", x.key_id.as_deref());
        self.key("keys");
        self.0.push('[');
        for k in &x.keys {
            self.open();
            self.key("index");
            self.u64(k.index as u64);
            self.str_or_null("id", k.id.as_deref());
            self.str_field("expectedSignature", &k.expected_signature);
            self.key("matches");
            self.bool(k.matches);
            self.str_or_null("problem", k.problem.as_deref());
            self.close();
        }
        self.0.push(']');
        self.u64_or_null("firstDifference", x.first_difference.map(|i| i as u64));
        self.key("timing");
        match &x.timing {
            Some(t) => {
                self.open();
                self.key("authTimestamp");
                self.u64(t.auth_timestamp);
                self.key("now");
                self.u64(t.now);
                self.key("toleranceSeconds");
                self.u64(t.tolerance_secs);
                self.key("maxFutureSeconds");
                self.u64(t.max_future_secs);
                self.key("expiresAt");
                self.u64(t.expires_at);
                self.key("secondsLeft");
                self.i64(t.seconds_left);
                self.close();
            }
            None => self.null(),
        }
        self.strings("signedFields", &x.signed_fields);
        self.strings("unsignedFields", &x.unsigned_fields);
        self.key("bodyAuthenticated");
        self.bool(x.body_authenticated);
        self.key("openBoundaries");
        self.0.push('[');
        for b in &x.open_boundaries {
            self.open();
            self.str_field("before", b.before);
            self.str_field("after", b.after);
            self.key("example");
            self.0.push('[');
            self.string(&b.example.0);
            self.string(&b.example.1);
            self.0.push(']');
            self.close();
        }
        self.0.push(']');
        self.key("callback");
        match &x.callback {
            Some(cb) => self.callback(cb),
            None => self.null(),
        }
        self.close();
    }
}
