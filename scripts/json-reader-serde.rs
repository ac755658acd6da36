//! NOT part of the crate: the stand-in for src/json.rs that scripts/measure-json-reader.sh copies
//! over it in a scratch copy of the repository, to measure what the wasm would weigh with
//! serde_json reading the callback JSON instead of the hand-written reader. Same interface
//! (`for_each_member`, `Value`, `MAX_DEPTH`), so every caller (parse, verify, explain, sign) is
//! unchanged. Members are read through serde's `MapAccess` (keys unescaped, so the callback layer
//! still sees duplicates after unescaping) and values as `&RawValue` (numbers kept as their text,
//! as the callback layer needs them). serde_json skims a `RawValue` without checking `\u`
//! surrogates or depth; with `STRICT_CONTAINERS` (the script's "strict" variant) every object or
//! array value is read once more as a `serde_json::Value`, which refuses lone surrogates and
//! nesting beyond serde_json's limit, as the hand-written reader does. Error messages name the
//! line and column serde_json reports (no `Display` of serde_json's error).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer as _, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::error::{Error, ErrorCode};
use crate::msg::msg;

/// Switched to `true` by scripts/measure-json-reader.sh for its "strict" variant.
const STRICT_CONTAINERS: bool = false;

/// Deepest nesting the hand-written reader accepts (kept for the interface).
#[allow(dead_code)]
pub(crate) const MAX_DEPTH: usize = 128;

/// A member value as the callback layer sees it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    /// A string, unescaped; borrowed from the body when it contained no escape.
    Str(Cow<'a, str>),
    /// A number, as its validated JSON text.
    Num(&'a str),
    Bool(bool),
    Null,
    /// An object or an array, validated and skipped.
    Container,
}

impl Value<'_> {
    /// The JSON type name, for error messages.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Num(_) => "a number",
            Value::Bool(_) => "a boolean",
            Value::Null => "null",
            Value::Container => "an object or array",
        }
    }
}

fn malformed(e: &serde_json::Error) -> Error {
    Error::new(
        ErrorCode::MalformedJson,
        msg!("malformed JSON at line ", e.line(), ", column ", e.column()),
    )
}

/// An object key, borrowed from the body when it holds no escape.
struct Key<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// A member's raw text as a [`Value`].
fn value(raw: &str) -> Result<Value<'_>, serde_json::Error> {
    Ok(match raw.as_bytes()[0] {
        b'"' if !raw.contains('\\') => Value::Str(Cow::Borrowed(&raw[1..raw.len() - 1])),
        b'"' => Value::Str(Cow::Owned(serde_json::from_str::<String>(raw)?)),
        b'{' | b'[' => {
            if STRICT_CONTAINERS {
                serde_json::from_str::<serde_json::Value>(raw)?;
            }
            Value::Container
        }
        b't' => Value::Bool(true),
        b'f' => Value::Bool(false),
        b'n' => Value::Null,
        _ => Value::Num(raw),
    })
}

struct Members<'m, F> {
    member: &'m mut F,
    /// The callback's own error, kept aside while serde unwinds.
    failed: &'m mut Option<Error>,
}

impl<'de, F> Visitor<'de> for Members<'_, F>
where
    F: FnMut(Cow<'de, str>, Value<'de>) -> Result<(), Error>,
{
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let raw: &'de RawValue = map.next_value()?;
            let v = value(raw.get()).map_err(|_| de::Error::custom("invalid value"))?;
            if let Err(e) = (self.member)(key, v) {
                *self.failed = Some(e);
                return Err(de::Error::custom("member"));
            }
        }
        Ok(())
    }
}

/// Reads `body` as one JSON object and calls `member(key, value)` for each member in order.
/// Stops at the first error, whether from the JSON or from `member`.
pub(crate) fn for_each_member<'a>(
    body: &'a [u8],
    mut member: impl FnMut(Cow<'a, str>, Value<'a>) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut failed = None;
    let mut de = serde_json::Deserializer::from_slice(body);
    let read = de
        .deserialize_map(Members {
            member: &mut member,
            failed: &mut failed,
        })
        .and_then(|()| de.end());
    match (read, failed) {
        (_, Some(e)) => Err(e),
        (Err(e), None) => Err(malformed(&e)),
        (Ok(()), None) => Ok(()),
    }
}
