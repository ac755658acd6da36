//! Keys: the shared secret configured in the Huawei console, with an optional id for rotation.

use core::fmt;

use crate::error::{Error, ErrorCode};
use crate::msg::{msg, Hex4};

/// The shortest key accepted, in characters (spec §1: 32 to 128 characters).
pub const MIN_KEY_CHARS: usize = 32;
/// The longest key accepted, in characters.
pub const MAX_KEY_CHARS: usize = 128;

/// A signing key (used as its UTF-8 bytes, spec §1), optionally named for rotation.
///
/// `Debug` never shows the secret: `Key { id: Some("2026-q4"), secret: [REDACTED] }`.
#[derive(Clone, PartialEq, Eq)]
pub struct Key {
    id: Option<String>,
    secret: String,
}

impl Key {
    /// A key without an id. Validation (length, characters) happens where it is used:
    /// [`crate::Verifier::new`] and [`crate::sign`] reject a bad key with `INVALID_KEY`.
    pub fn new(secret: impl Into<String>) -> Key {
        Key {
            id: None,
            secret: secret.into(),
        }
    }

    /// A key with an id, reported back as [`crate::Verified::key_id`] when it matches.
    pub fn with_id(id: impl Into<String>, secret: impl Into<String>) -> Key {
        Key {
            id: Some(id.into()),
            secret: secret.into(),
        }
    }

    /// The id, if any.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The secret. Handle with care: it is what the whole scheme rests on.
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// Checks the key: 32 to 128 characters, none of them whitespace or a control character
    /// (Huawei's console makes keys of letters and digits; a space or newline is a copy-paste
    /// mistake that would make every signature fail). `index` names the key in the message,
    /// which never contains the secret.
    pub fn validate(&self, index: usize) -> Result<(), Error> {
        validate_secret(&self.secret).map_err(|why| {
            let name = match &self.id {
                Some(id) => msg!("key ", index, " (id ", crate::error::quote(id), ")"),
                None => msg!("key ", index),
            };
            Error::new(ErrorCode::InvalidKey, msg!("invalid ", name, ": ", why))
        })
    }
}

/// Why a secret is unusable, without repeating it.
pub(crate) fn validate_secret(secret: &str) -> Result<(), String> {
    let chars = crate::rules::char_count(secret.as_bytes());
    if !(MIN_KEY_CHARS..=MAX_KEY_CHARS).contains(&chars) {
        return Err(msg!(
            "it has ",
            chars,
            " characters; a key has ",
            MIN_KEY_CHARS,
            " to ",
            MAX_KEY_CHARS
        ));
    }
    if let Some((at, c)) = secret
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_whitespace() || c.is_control())
    {
        let what = if c.is_whitespace() {
            "whitespace"
        } else {
            "a control character"
        };
        let code = Hex4 {
            value: c as u32,
            upper: true,
        };
        return Err(msg!(
            "character ",
            at,
            " is ",
            what,
            " (U+",
            code,
            "); keys are letters and digits"
        ));
    }
    Ok(())
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Key")
            .field("id", &self.id)
            .field("secret", &format_args!("[REDACTED]"))
            .finish()
    }
}

impl From<&str> for Key {
    fn from(secret: &str) -> Key {
        Key::new(secret)
    }
}

impl From<String> for Key {
    fn from(secret: String) -> Key {
        Key::new(secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts() {
        let k = Key::with_id("a", "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t");
        let d = format!("{k:?}");
        assert_eq!(d, r#"Key { id: Some("a"), secret: [REDACTED] }"#);
    }

    #[test]
    fn validation() {
        assert!(Key::new("a".repeat(32)).validate(0).is_ok());
        assert!(Key::new("é".repeat(128)).validate(0).is_ok());
        let e = Key::new("a".repeat(31)).validate(2).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidKey);
        assert_eq!(
            e.to_string(),
            "invalid key 2: it has 31 characters; a key has 32 to 128"
        );
        assert!(Key::new("a".repeat(129)).validate(0).is_err());
        let e = Key::with_id("new", format!("{} ", "a".repeat(40)))
            .validate(1)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid key 1 (id \"new\"): character 40 is whitespace (U+0020); keys are letters and digits"
        );
        assert!(!e.to_string().contains("aaaa"));
    }
}
