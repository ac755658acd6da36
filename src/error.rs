//! Errors with a stable machine-readable [`ErrorCode`] and a message that names the
//! field, the value or the times involved.

use core::fmt;

/// The stable error codes. Their string form ([`ErrorCode::as_str`]) is the contract shared
/// with the JavaScript package (`CallbackError.code`) and documented in the README.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// The body is not a strict RFC 8259 JSON object in UTF-8 (empty, not UTF-8, a byte-order
    /// mark, trailing data, a lone surrogate escape, nesting deeper than 128…).
    MalformedJson,
    /// The JSON object is neither a stream notification (`event`) nor a recording callback
    /// (`event_type`), or claims to be both.
    UnknownCallback,
    /// A field that the callback kind requires is absent.
    MissingField,
    /// A known field has the wrong JSON type or an impossible value.
    InvalidField,
    /// The same field appears twice (compared after JSON unescaping).
    DuplicateField,
    /// A key is configured but the callback carries no `auth_sign` / `auth_timestamp`.
    MissingSignature,
    /// No configured key produces the received signature.
    SignatureMismatch,
    /// `now` is past `auth_timestamp + tolerance`.
    Expired,
    /// `auth_timestamp` lies further ahead of `now` than allowed.
    TimestampInFuture,
    /// The callback is signed with the legacy MD5 scheme and MD5 was not allowed.
    Md5NotAllowed,
    /// A key (or another option) is unusable.
    InvalidKey,
    /// The body is larger than the configured maximum.
    BodyTooLarge,
    /// A correctly signed callback carries a value the receiver does not expect: an event name
    /// outside the documented set (unless `allow_unknown_events`), or a domain or app outside
    /// the `domains` / `apps` allow-lists. Checked after the signature (spec §6).
    UnexpectedValue,
    /// A signed URL uses a method that cannot be checked offline (method C, AES `auth_info`,
    /// whose construction Huawei does not publish; spec §5).
    UnsupportedMethod,
}

impl ErrorCode {
    /// Every code, in documentation order.
    pub const ALL: [ErrorCode; 14] = [
        ErrorCode::MalformedJson,
        ErrorCode::UnknownCallback,
        ErrorCode::MissingField,
        ErrorCode::InvalidField,
        ErrorCode::DuplicateField,
        ErrorCode::MissingSignature,
        ErrorCode::SignatureMismatch,
        ErrorCode::Expired,
        ErrorCode::TimestampInFuture,
        ErrorCode::Md5NotAllowed,
        ErrorCode::InvalidKey,
        ErrorCode::BodyTooLarge,
        ErrorCode::UnexpectedValue,
        ErrorCode::UnsupportedMethod,
    ];

    /// The stable string form, e.g. `"SIGNATURE_MISMATCH"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MalformedJson => "MALFORMED_JSON",
            ErrorCode::UnknownCallback => "UNKNOWN_CALLBACK",
            ErrorCode::MissingField => "MISSING_FIELD",
            ErrorCode::InvalidField => "INVALID_FIELD",
            ErrorCode::DuplicateField => "DUPLICATE_FIELD",
            ErrorCode::MissingSignature => "MISSING_SIGNATURE",
            ErrorCode::SignatureMismatch => "SIGNATURE_MISMATCH",
            ErrorCode::Expired => "EXPIRED",
            ErrorCode::TimestampInFuture => "TIMESTAMP_IN_FUTURE",
            ErrorCode::Md5NotAllowed => "MD5_NOT_ALLOWED",
            ErrorCode::InvalidKey => "INVALID_KEY",
            ErrorCode::BodyTooLarge => "BODY_TOO_LARGE",
            ErrorCode::UnexpectedValue => "UNEXPECTED_VALUE",
            ErrorCode::UnsupportedMethod => "UNSUPPORTED_METHOD",
        }
    }

    /// Parses the string form back; `None` for anything else.
    pub fn from_str_code(s: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error from parsing, verifying or signing a callback.
///
/// [`Error::code`] is stable; the `Display` text is for people and logs and may be refined.
/// No message ever contains a key or the signature the verifier expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: String,
}

impl Error {
    pub(crate) fn new(code: ErrorCode, message: impl Into<String>) -> Error {
        Error {
            code,
            message: message.into(),
        }
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The human-readable message (the same text as `Display`).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Quotes a value for an error message: JSON-style escapes, cut after 64 characters so that a
/// hostile 5 MB field does not become a 5 MB log line.
pub(crate) fn quote(value: &str) -> String {
    const MAX: usize = 64;
    let mut out = String::with_capacity(value.len().min(MAX) + 8);
    out.push('"');
    for (n, c) in value.chars().enumerate() {
        if n == MAX {
            out.push_str("\"…");
            return out;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str("\\u");
                crate::msg::push_hex4(&mut out, c as u32, false);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::from_str_code(code.as_str()), Some(code));
        }
        assert_eq!(ErrorCode::from_str_code("NOPE"), None);
    }

    #[test]
    fn quote_escapes_and_truncates() {
        assert_eq!(quote("a\"b\n"), "\"a\\\"b\\u000a\"");
        let long = "x".repeat(100);
        let q = quote(&long);
        assert!(q.ends_with("\"…"), "{q}");
        assert_eq!(q.chars().filter(|&c| c == 'x').count(), 64);
    }
}
