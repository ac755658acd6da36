//! Writing JSON: the one callback writer ([`callback`], used by [`crate::to_json`] and by the
//! wasm bindings' wire format) and the escaping and number formatting under it. Not part of
//! the supported API.

use crate::fields::{Field, FieldRef, ValueType};
use crate::num::Digits;
use crate::{Callback, CallbackRef, FieldValue};

/// How [`callback`] writes integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// A body as Huawei sends it: `publish_timestamp` as a string of digits, the other integers
    /// as JSON numbers.
    Body,
    /// The wasm bindings' wire format: every integer a JSON number up to 2^53 - 1 (exact as a
    /// JS number), else `{"$int":"digits"}` (the JS side makes it a `bigint`).
    Api,
}

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Appends a callback as a compact JSON object: its fields in Huawei's documented order
/// (`fields()`), absent optional fields omitted.
pub fn callback(out: &mut String, cb: &Callback, style: Style) {
    write_fields(out, cb.fields(), style);
}

/// [`callback`] for a borrowed read: the same order, the same text.
pub fn callback_ref(out: &mut String, cb: &CallbackRef<'_>, style: Style) {
    let fields = cb.fields().map(|(f, v)| {
        let v = match v {
            FieldValue::Str(s) => FieldRef::Str(s),
            FieldValue::Int(n) => FieldRef::Int(n),
        };
        (f, v)
    });
    write_fields(out, fields, style);
}

fn write_fields<'v>(
    out: &mut String,
    fields: impl Iterator<Item = (Field, FieldRef<'v>)>,
    style: Style,
) {
    out.push('{');
    let mut first = true;
    for (f, v) in fields {
        if !first {
            out.push(',');
        }
        first = false;
        out.push('"');
        out.push_str(f.name());
        out.push_str("\":");
        match v {
            FieldRef::Str(s) => push_string(out, s),
            FieldRef::Int(n) => match style {
                Style::Body if f.value_type() == ValueType::PublishTime => {
                    out.push('"');
                    push_u64(out, n);
                    out.push('"');
                }
                Style::Body => push_u64(out, n),
                Style::Api => push_api_u64(out, n),
            },
        }
    }
    out.push('}');
}

/// Appends `v` as [`Style::Api`] writes integers.
pub fn push_api_u64(out: &mut String, v: u64) {
    if v <= MAX_SAFE_INTEGER {
        push_u64(out, v);
    } else {
        out.push_str("{\"$int\":\"");
        push_u64(out, v);
        out.push_str("\"}");
    }
}

/// Appends `s` as a JSON string: quotes, backslashes and control characters escaped
/// (`\n`, `\r`, `\t`, else `\u00XX`); everything else, non-ASCII included, as is.
pub fn push_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        // `i` is at an ASCII byte: a char boundary.
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Appends `v` in decimal.
pub fn push_u64(out: &mut String, v: u64) {
    out.push_str(Digits::new(v).as_str());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_through_the_reader() {
        let s = "a\"b\\c\n\r\t\u{0}\u{1f}\u{7f}é直😀/";
        let mut out = String::new();
        push_string(&mut out, s);
        assert_eq!(out, "\"a\\\"b\\\\c\\n\\r\\t\\u0000\\u001f\u{7f}é直😀/\"");
        let body = format!("{{\"k\":{out}}}");
        let mut got = None;
        crate::json::for_each_member(body.as_bytes(), |_, v| {
            got = Some(format!("{v:?}"));
            Ok(())
        })
        .unwrap();
        assert!(got.unwrap().contains(&format!("{s:?}")));
        let mut n = String::new();
        push_u64(&mut n, u64::MAX);
        assert_eq!(n, "18446744073709551615");
    }
}
