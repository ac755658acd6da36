//! [`explain`]: everything about why a callback verifies or not, for the debugging page and for
//! logs. Unlike [`crate::Verifier::verify`], it never stops at the first problem, it accepts
//! keys a verifier would refuse (and says so), and it shows the expected signature — so keep
//! its output away from anyone who must not learn a valid signature.

use core::fmt;

use crate::error::{Error, ErrorCode};
use crate::key::validate_secret;
use crate::model::{Callback, Kind};
use crate::num::Digits;
use crate::options::Options;
use crate::parse::parse;
use crate::rules::{check_expected, check_shape, open_boundaries, Boundary, ValueRules};
use crate::signature::{compute_hex, hmac_parts, signed_fields, Algorithm};
use crate::verify::{
    check_size, check_time, detect_algorithm, md5_not_allowed, mismatch, no_key, signature_fields,
};

/// The outcome in one word, as the debugging page shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Signed with HMAC-SHA256 by a configured key, and in time.
    Valid,
    /// Accepted MD5: the key is right, but the body is NOT authenticated.
    Weak,
    /// The signature is right but the time is not (`EXPIRED`, `TIMESTAMP_IN_FUTURE`).
    Expired,
    /// The body is not a well-formed callback (JSON, kind, fields, size).
    Malformed,
    /// Anything else: no signature, a wrong signature, MD5 refused, an unusable key.
    Invalid,
}

impl Verdict {
    /// `VALID`, `WEAK`, `EXPIRED`, `MALFORMED` or `INVALID`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Verdict::Valid => "VALID",
            Verdict::Weak => "WEAK",
            Verdict::Expired => "EXPIRED",
            Verdict::Malformed => "MALFORMED",
            Verdict::Invalid => "INVALID",
        }
    }

    /// The verdict for a verification error code.
    pub const fn for_error(code: ErrorCode) -> Verdict {
        match code {
            ErrorCode::Expired | ErrorCode::TimestampInFuture => Verdict::Expired,
            ErrorCode::MalformedJson
            | ErrorCode::UnknownCallback
            | ErrorCode::MissingField
            | ErrorCode::InvalidField
            | ErrorCode::DuplicateField
            | ErrorCode::BodyTooLarge => Verdict::Malformed,
            _ => Verdict::Invalid,
        }
    }
}

/// One field's contribution to the string-to-sign.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Part {
    /// The field name.
    pub field: &'static str,
    /// The bytes it contributes (`""` for an absent field).
    pub value: String,
    /// Whether the field is in the body (absent fields contribute the empty string).
    pub present: bool,
}

/// The check of one configured key.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct KeyCheck {
    /// The key's position in the options.
    pub index: usize,
    /// The key's id, if any.
    pub id: Option<String>,
    /// The signature this key gives the callback (lowercase hex).
    pub expected_signature: String,
    /// Whether it equals the received signature (hex case ignored).
    pub matches: bool,
    /// Why a verifier would refuse this key, if it would.
    pub problem: Option<String>,
}

/// The callback's times against `now`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Timing {
    /// The callback's `auth_timestamp`.
    pub auth_timestamp: u64,
    /// The `now` given.
    pub now: u64,
    /// The tolerance in force.
    pub tolerance_secs: u64,
    /// The future bound in force.
    pub max_future_secs: u64,
    /// `auth_timestamp + tolerance`: the last second the callback is accepted (saturating).
    pub expires_at: u64,
    /// `expires_at - now`: seconds left (negative: seconds since expiry), clamped to `i64`.
    pub seconds_left: i64,
}

/// A problem found, with the code `verify` would use for it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Problem {
    /// The error code.
    pub code: ErrorCode,
    /// The message, naming field, value or times.
    pub message: String,
}

/// Everything [`explain`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Explanation {
    /// The outcome in one word.
    pub verdict: Verdict,
    /// The error [`crate::Verifier`] would return with the same options and `now`
    /// (`None`: it would accept the callback).
    pub error: Option<Error>,
    /// Every problem found, in the order verification checks them (the first is `error`).
    pub problems: Vec<Problem>,
    /// Plain-language hints about likely causes.
    pub hints: Vec<String>,
    /// The parsed callback, when the body parses.
    pub callback: Option<Callback>,
    /// The kind, when the body parses.
    pub kind: Option<Kind>,
    /// The event name, when the body parses.
    pub event: Option<String>,
    /// The scheme: from the received signature's length, else HMAC-SHA256.
    pub algorithm: Option<Algorithm>,
    /// The string-to-sign, when `auth_timestamp` is known. For HMAC-SHA256 it is the HMAC
    /// message; for MD5 it is what is hashed after the key (`MD5(key + string_to_sign)`), so
    /// no key ever appears here.
    pub string_to_sign: Option<String>,
    /// `string_to_sign` field by field; concatenated, the values are `string_to_sign`.
    pub parts: Vec<Part>,
    /// `auth_sign` as received.
    pub received_signature: Option<String>,
    /// The expected signature of the matching key, else of the first key.
    pub expected_signature: Option<String>,
    /// Whether some key matches the received signature.
    pub matches: bool,
    /// The index of the first matching key.
    pub key_index: Option<usize>,
    /// The id of the first matching key.
    pub key_id: Option<String>,
    /// Each key's check.
    pub keys: Vec<KeyCheck>,
    /// The first character position where received and expected signatures differ (hex case
    /// ignored); `None` when they match or either is unknown.
    pub first_difference: Option<usize>,
    /// The times, when `auth_timestamp` is known.
    pub timing: Option<Timing>,
    /// The body fields the signature covers.
    pub signed_fields: Vec<&'static str>,
    /// The known fields present in the body that the signature does not cover.
    pub unsigned_fields: Vec<&'static str>,
    /// `false` unless the callback would be accepted with HMAC-SHA256.
    pub body_authenticated: bool,
    /// The boundaries of the HMAC string-to-sign where moving 1 to 4 characters between two
    /// adjacent signed values gives a callback that these options would still accept with the
    /// same signature (the string has no separators; spec §6). Empty for MD5 (which binds no
    /// field at all) and when `auth_timestamp` is unknown. Set `domains` and `apps` to close
    /// the `domain|app` and `app|stream` boundaries.
    pub open_boundaries: Vec<Boundary>,
}

impl Explanation {
    fn new() -> Explanation {
        Explanation {
            verdict: Verdict::Invalid,
            error: None,
            problems: Vec::new(),
            hints: Vec::new(),
            callback: None,
            kind: None,
            event: None,
            algorithm: None,
            string_to_sign: None,
            parts: Vec::new(),
            received_signature: None,
            expected_signature: None,
            matches: false,
            key_index: None,
            key_id: None,
            keys: Vec::new(),
            first_difference: None,
            timing: None,
            signed_fields: Vec::new(),
            unsigned_fields: Vec::new(),
            body_authenticated: false,
            open_boundaries: Vec::new(),
        }
    }

    fn problem(&mut self, e: Error) {
        self.problems.push(Problem {
            code: e.code(),
            message: e.message().to_owned(),
        });
        if self.error.is_none() {
            self.error = Some(e);
        }
    }

    fn hint(&mut self, h: impl Into<String>) {
        self.hints.push(h.into());
    }

    fn finish(mut self) -> Explanation {
        self.verdict = match (&self.error, self.algorithm) {
            (None, Some(Algorithm::Md5)) => Verdict::Weak,
            (None, _) => Verdict::Valid,
            (Some(e), _) => Verdict::for_error(e.code()),
        };
        self.body_authenticated = self.verdict == Verdict::Valid;
        self
    }
}

/// Explains how `body` fares against `options` at `now`: the verdict and error `verify` would
/// give (exactly), plus the string-to-sign, every key's expected signature, the times, the
/// signed and unsigned fields, and hints. Never fails: problems are part of the result.
pub fn explain(body: &[u8], options: &Options, now: u64) -> Explanation {
    let mut x = Explanation::new();
    // Verifier::new runs before verify: key problems come first.
    if options.keys.is_empty() {
        x.problem(no_key());
    }
    for (index, key) in options.keys.iter().enumerate() {
        if let Err(e) = key.validate(index) {
            x.problem(e);
        }
    }
    if let Err(e) = ValueRules::new(options) {
        x.problem(e);
    }
    // The lists as given, even when an entry is unusable: explain still checks against them.
    let rules = ValueRules {
        domains: options.domains.clone(),
        apps: options.apps.clone(),
        allow_unknown_events: options.allow_unknown_events,
    };
    if let Err(e) = check_size(body.len(), options.max_body_bytes) {
        x.problem(e);
    }
    let callback = match parse(body) {
        Ok(cb) => cb,
        Err(e) => {
            if body.starts_with(b"\xEF\xBB\xBF") {
                x.hint("Remove the byte-order mark at the start of the body.");
            }
            x.problem(e);
            return x.finish();
        }
    };
    if let Err(e) = check_shape(&callback.rule_values()) {
        x.problem(e);
    }
    let kind = callback.kind();
    x.kind = Some(kind);
    x.event = Some(callback.event().to_owned());
    x.received_signature = callback.auth_sign().map(str::to_owned);

    // The scheme: from the signature when it is well-formed, else the default.
    let algorithm = match (
        callback.auth_sign(),
        signature_fields(kind, callback.auth_timestamp(), callback.auth_sign()),
    ) {
        (_, Err(e)) => {
            x.problem(e);
            Algorithm::HmacSha256
        }
        (Some(sign), Ok(_)) => match detect_algorithm(kind, sign) {
            Ok((a, _)) => a,
            Err(e) => {
                if kind == Kind::Stream && sign.len() == 32 {
                    x.hint("A 32-character signature looks like MD5, but stream notifications are signed only with HMAC-SHA256 (64 hex characters).");
                }
                x.problem(e);
                Algorithm::HmacSha256
            }
        },
        (None, Ok(_)) => Algorithm::HmacSha256,
    };
    x.algorithm = Some(algorithm);
    if algorithm == Algorithm::Md5 && !options.allow_md5 {
        x.problem(md5_not_allowed());
    }
    if algorithm == Algorithm::Md5 {
        x.hint("MD5(key + auth_timestamp) covers no field of the body: anyone who saw one signed callback can change every field until it expires. Switch the recording template's sign_type to HMACSHA256.");
    }
    let signed = signed_fields(kind, algorithm);
    x.signed_fields = signed.to_vec();
    x.unsigned_fields = callback
        .present_fields()
        .into_iter()
        .filter(|f| !signed.contains(f) && *f != "auth_sign")
        .collect();

    let Some(ts) = callback.auth_timestamp() else {
        x.callback = Some(callback);
        return x.finish();
    };
    let digits = Digits::new(ts);
    x.parts = match algorithm {
        Algorithm::HmacSha256 => {
            let values = callback.signed_values();
            let (parts, n) = hmac_parts(&values, digits.as_str());
            let present = callback.present_fields();
            parts[..n]
                .iter()
                .map(|(field, value)| Part {
                    field,
                    value: (*value).to_owned(),
                    present: present.contains(field),
                })
                .collect()
        }
        // MD5 hashes key + auth_timestamp: the string shown is what follows the key, so the
        // key itself never appears in an explanation.
        Algorithm::Md5 => vec![Part {
            field: "auth_timestamp",
            value: digits.as_str().to_owned(),
            present: true,
        }],
    };
    x.string_to_sign = Some(x.parts.iter().map(|p| p.value.as_str()).collect());

    let received = callback.auth_sign().map(str::to_ascii_lowercase);
    let sign_well_formed = x.problems.iter().all(|p| p.code != ErrorCode::InvalidField);
    for (index, key) in options.keys.iter().enumerate() {
        let expected = compute_hex(&callback, key.secret(), algorithm, ts);
        let matches = sign_well_formed && received.as_deref() == Some(expected.as_str());
        x.keys.push(KeyCheck {
            index,
            id: key.id().map(str::to_owned),
            expected_signature: expected,
            matches,
            problem: validate_secret(key.secret()).err(),
        });
    }
    let matched = x.keys.iter().find(|k| k.matches).cloned();
    x.matches = matched.is_some();
    x.key_index = matched.as_ref().map(|k| k.index);
    x.key_id = matched.as_ref().and_then(|k| k.id.clone());
    x.expected_signature = matched
        .map(|k| k.expected_signature)
        .or_else(|| x.keys.first().map(|k| k.expected_signature.clone()));
    if let (Some(r), Some(e), false) = (&received, &x.expected_signature, x.matches) {
        x.first_difference = Some(r.bytes().zip(e.bytes()).take_while(|(a, b)| a == b).count());
    }
    if received.is_some() && sign_well_formed && !x.matches && !options.keys.is_empty() {
        x.problem(mismatch(kind, algorithm, options.keys.len()));
        mismatch_hints(
            &mut x,
            &callback,
            options,
            algorithm,
            ts,
            received.as_deref(),
        );
    }

    if let Err(e) = check_expected(&callback.rule_values(), &rules) {
        if e.code() == ErrorCode::UnexpectedValue && !rules.allow_unknown_events {
            let known = match kind {
                Kind::Stream => crate::rules::STREAM_EVENTS,
                Kind::Record => crate::rules::RECORD_EVENTS,
            };
            if !known.contains(&callback.event()) {
                x.hint("Only the documented event names are accepted by default; set allow_unknown_events if Huawei added one you subscribed to.");
            }
        }
        x.problem(e);
    }
    if algorithm == Algorithm::HmacSha256 {
        x.open_boundaries = open_boundaries(&callback.rule_values(), ts, options, &rules, now);
        if !x.open_boundaries.is_empty() {
            let shown: Vec<String> = x
                .open_boundaries
                .iter()
                .map(|b| {
                    format!(
                        "{}|{} (for example {} {} + {} {})",
                        b.before,
                        b.after,
                        b.before,
                        crate::error::quote(&b.example.0),
                        b.after,
                        crate::error::quote(&b.example.1)
                    )
                })
                .collect();
            x.hint(format!(
                "The string-to-sign has no separators: with these options the same signature also verifies with characters moved across {}. Set domains and apps to the values you expect to close them.",
                shown.join(", ")
            ));
        }
    }

    let tolerance = options.tolerance_secs;
    let expires_at = ts.saturating_add(tolerance);
    let left = i128::from(ts) + i128::from(tolerance) - i128::from(now);
    x.timing = Some(Timing {
        auth_timestamp: ts,
        now,
        tolerance_secs: tolerance,
        max_future_secs: options.max_future_secs,
        expires_at,
        seconds_left: left.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64,
    });
    if let Err(e) = check_time(ts, now, tolerance, options.max_future_secs) {
        if e.code() == ErrorCode::Expired {
            x.hint(format!(
                "To check an old sample, set now to its auth_timestamp ({ts}) or a little after."
            ));
        }
        x.problem(e);
    }
    if !x.unsigned_fields.is_empty() {
        let list = x.unsigned_fields.join(", ");
        x.hint(format!(
            "Not covered by the signature (do not trust them for authorization): {list}."
        ));
    }
    x.callback = Some(callback);
    x.finish()
}

/// Looks for the usual reasons a signature does not match.
fn mismatch_hints(
    x: &mut Explanation,
    cb: &Callback,
    options: &Options,
    algorithm: Algorithm,
    ts: u64,
    received: Option<&str>,
) {
    for key in &options.keys {
        let secret = key.secret();
        let trimmed = secret.trim();
        if trimmed != secret {
            let fixed = compute_hex(cb, trimmed, algorithm, ts);
            if Some(fixed.as_str()) == received {
                x.hint("The key has whitespace at its start or end: without it, the signature matches. Fix the copied key.");
            } else {
                x.hint("The key has whitespace at its start or end; keys are letters and digits.");
            }
        }
    }
    let (domain_field, domain) = match cb {
        Callback::Stream(s) => ("domain", s.domain.as_str()),
        Callback::Record(r) => ("publish_domain", r.publish_domain.as_str()),
    };
    let place = match cb.kind() {
        Kind::Stream => "the stream notification settings of that ingest domain",
        Kind::Record => "the recording-callback rule of that domain",
    };
    x.hint(format!(
        "Is this the key of {domain_field} {}? Keys are set per domain, in {place}.",
        crate::error::quote(domain)
    ));
    if algorithm == Algorithm::HmacSha256 {
        x.hint(format!(
            "The signature covers only {} (values after JSON unescaping, exact bytes, no separators): re-indenting or re-ordering the JSON does not change it; editing one of these values does, moving characters between two adjacent ones does not.",
            signed_fields(cb.kind(), algorithm).join(" + ")
        ));
    }
}

impl fmt::Display for Explanation {
    /// A multi-line report for logs. It contains expected signatures: log it only where a
    /// valid signature may be seen.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.verdict.as_str())?;
        if let Some(e) = &self.error {
            write!(f, " ({}): {}", e.code(), e)?;
        }
        writeln!(f)?;
        if let (Some(k), Some(ev)) = (self.kind, &self.event) {
            writeln!(f, "kind: {} / event: {ev}", k.as_str())?;
        }
        if let Some(a) = self.algorithm {
            writeln!(f, "algorithm: {}", a.as_str())?;
        }
        if let Some(s) = &self.string_to_sign {
            writeln!(f, "string to sign: {s:?}")?;
        }
        if let Some(s) = &self.received_signature {
            writeln!(f, "received: {s}")?;
        }
        if let Some(s) = &self.expected_signature {
            writeln!(f, "expected: {s}")?;
        }
        if let Some(t) = &self.timing {
            writeln!(
                f,
                "expires at {} ({} s left at now {})",
                t.expires_at, t.seconds_left, t.now
            )?;
        }
        for p in &self.problems {
            writeln!(f, "problem {}: {}", p.code, p.message)?;
        }
        for h in &self.hints {
            writeln!(f, "hint: {h}")?;
        }
        Ok(())
    }
}
