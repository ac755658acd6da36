//! Writing JSON values: the escaping and number formatting shared by `sign` and the wasm
//! bindings' wire format. Not part of the supported API.

use crate::signature::Digits;

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
