//! A strict RFC 8259 reader for the one shape a callback has: a JSON object at the top whose
//! members are read one by one.
//!
//! Why not serde: the verifier must see every member *after* unescaping to catch duplicates
//! (`"stream"` and `"\u0073tream"` are the same field, and a duplicate would let the signed
//! value and the value the application reads differ), it must name the field in every error,
//! and it is on the hot path, where borrowing unescaped strings from the body saves the
//! allocations. Nested values (unknown future fields) are validated and skipped without
//! recursion, so hostile nesting cannot overflow the stack. The test-suite checks this reader
//! against `serde_json` on generated and hostile documents.

use std::borrow::Cow;

use crate::error::{Error, ErrorCode};
use crate::msg::msg;

/// Deepest nesting accepted, the top-level object counting as 1 (`serde_json`'s default limit
/// accepts one level less: 127).
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

fn malformed(pos: usize, what: &str) -> Error {
    Error::new(
        ErrorCode::MalformedJson,
        msg!("malformed JSON at byte ", pos, ": ", what),
    )
}

/// Reads `body` as one JSON object and calls `member(key, value)` for each member in order.
/// Stops at the first error, whether from the JSON or from `member`.
pub(crate) fn for_each_member<'a>(
    body: &'a [u8],
    mut member: impl FnMut(Cow<'a, str>, Value<'a>) -> Result<(), Error>,
) -> Result<(), Error> {
    if body.is_empty() {
        return Err(Error::new(
            ErrorCode::MalformedJson,
            "malformed JSON: the body is empty",
        ));
    }
    if body.starts_with(b"\xEF\xBB\xBF") {
        return Err(Error::new(
            ErrorCode::MalformedJson,
            "malformed JSON: the body starts with a UTF-8 byte-order mark (RFC 8259 forbids it)",
        ));
    }
    let text = match core::str::from_utf8(body) {
        Ok(text) => text,
        Err(e) => {
            return Err(Error::new(
                ErrorCode::MalformedJson,
                msg!(
                    "malformed JSON: the body is not UTF-8 (invalid byte at ",
                    e.valid_up_to(),
                    ")"
                ),
            ))
        }
    };
    let mut r = Reader {
        s: text,
        b: body,
        pos: 0,
    };
    r.ws();
    match r.peek() {
        Some(b'{') => r.pos += 1,
        Some(_) => {
            // Say what the top-level value is when it is valid JSON, for a clearer message.
            let found = match r.peek() {
                Some(b'[') => "an array",
                Some(b'"') => "a string",
                Some(b't' | b'f') => "a boolean",
                Some(b'n') => "null",
                Some(b'-' | b'0'..=b'9') => "a number",
                _ => "an invalid token",
            };
            return Err(malformed(
                r.pos,
                &msg!("expected a JSON object, found ", found),
            ));
        }
        None => {
            return Err(malformed(
                r.pos,
                "expected a JSON object, found only whitespace",
            ))
        }
    }
    r.ws();
    if r.peek() == Some(b'}') {
        r.pos += 1;
    } else {
        loop {
            r.ws();
            let key = r.key()?;
            r.ws();
            r.expect(b':', "expected ':' after an object key")?;
            r.ws();
            let value = r.value()?;
            member(key, value)?;
            r.ws();
            match r.peek() {
                Some(b',') => r.pos += 1,
                Some(b'}') => {
                    r.pos += 1;
                    break;
                }
                _ => {
                    return Err(malformed(
                        r.pos,
                        "expected ',' or '}' after an object member",
                    ))
                }
            }
        }
    }
    r.ws();
    if r.pos != r.b.len() {
        return Err(malformed(r.pos, "unexpected data after the JSON object"));
    }
    Ok(())
}

/// The index of the first byte at or after `i` that ends a plain run inside a JSON string: a
/// quote, a backslash or a control character (`< 0x20`); `b.len()` if none. Eight bytes at a
/// time (SWAR): the strings of a callback are most of its bytes.
fn plain_run_end(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // For each byte: high bit set if the byte is zero / below 0x20. Exact for the lowest
    // flagged byte, which is the only one used.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let hits = zero(w ^ (ONES * u64::from(b'"')))
            | zero(w ^ (ONES * u64::from(b'\\')))
            | (w.wrapping_sub(ONES * 0x20) & !w & HIGH);
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

struct Reader<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect(&mut self, c: u8, what: &str) -> Result<(), Error> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(malformed(self.pos, what))
        }
    }

    fn key(&mut self) -> Result<Cow<'a, str>, Error> {
        if self.peek() != Some(b'"') {
            return Err(malformed(self.pos, "expected a string as object key"));
        }
        self.string()
    }

    /// A member value of the top-level object (depth 1 → values are at depth 2 when nested).
    fn value(&mut self) -> Result<Value<'a>, Error> {
        match self.peek() {
            Some(b'"') => Ok(Value::Str(self.string()?)),
            Some(b'{' | b'[') => {
                self.skip_container()?;
                Ok(Value::Container)
            }
            Some(b't') => self.literal("true").map(|_| Value::Bool(true)),
            Some(b'f') => self.literal("false").map(|_| Value::Bool(false)),
            Some(b'n') => self.literal("null").map(|_| Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Num),
            Some(_) => Err(malformed(self.pos, "expected a JSON value")),
            None => Err(malformed(
                self.pos,
                "unexpected end of input, expected a value",
            )),
        }
    }

    fn literal(&mut self, word: &'static str) -> Result<(), Error> {
        if self.b[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(malformed(
                self.pos,
                "invalid literal (expected true, false or null)",
            ))
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, returned as text.
    fn number(&mut self) -> Result<&'a str, Error> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(malformed(self.pos, "invalid number: expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(malformed(
                    self.pos,
                    "invalid number: expected a digit after '.'",
                ));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(malformed(
                    self.pos,
                    "invalid number: expected a digit in the exponent",
                ));
            }
            self.digits();
        }
        Ok(&self.s[start..self.pos])
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    /// A string starting at the opening quote; borrowed when it holds no escape.
    fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        let open = self.pos;
        self.pos += 1;
        let start = self.pos;
        // Fast path: skip the plain run, then look at what stopped it.
        self.pos = plain_run_end(self.b, self.pos);
        loop {
            match self.peek() {
                Some(b'"') => {
                    let s = &self.s[start..self.pos];
                    self.pos += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(c) if c < 0x20 => {
                    return Err(malformed(
                        self.pos,
                        "control character in a string (must be escaped)",
                    ))
                }
                Some(_) => self.pos += 1,
                None => return Err(malformed(open, "unterminated string")),
            }
        }
        let mut out = String::with_capacity(self.pos - start + 16);
        out.push_str(&self.s[start..self.pos]);
        loop {
            let run = self.pos;
            self.pos = plain_run_end(self.b, self.pos);
            // `run..pos` stops only at ASCII bytes, so it is on char boundaries.
            out.push_str(&self.s[run..self.pos]);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(malformed(
                        self.pos,
                        "control character in a string (must be escaped)",
                    ))
                }
                None => return Err(malformed(open, "unterminated string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let at = self.pos - 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let hi = self.hex4()?;
                let code = match hi {
                    0xD800..=0xDBFF => {
                        if !self.b[self.pos..].starts_with(b"\\u") {
                            return Err(malformed(at, "lone leading surrogate in a \\u escape"));
                        }
                        self.pos += 2;
                        let lo = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&lo) {
                            return Err(malformed(at, "lone leading surrogate in a \\u escape"));
                        }
                        0x10000 + ((u32::from(hi) - 0xD800) << 10) + (u32::from(lo) - 0xDC00)
                    }
                    0xDC00..=0xDFFF => {
                        return Err(malformed(at, "lone trailing surrogate in a \\u escape"))
                    }
                    _ => u32::from(hi),
                };
                // Every value reaching here is a Unicode scalar value.
                out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                return Ok(());
            }
            _ => return Err(malformed(at, "invalid escape in a string")),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u16, Error> {
        let mut v: u16 = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(malformed(self.pos, "expected four hex digits after \\u")),
            };
            v = (v << 4) | u16::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    /// Validates and skips an object or array nested at depth 2 or more, without recursion.
    fn skip_container(&mut self) -> Result<(), Error> {
        // One bit a level: 1 = object, 0 = array. The top-level object is level 1.
        let mut stack = [false; MAX_DEPTH];
        let mut depth = 1usize;
        'value: loop {
            // At a value position.
            self.ws();
            match self.peek() {
                Some(open @ (b'{' | b'[')) => {
                    if depth == MAX_DEPTH {
                        return Err(malformed(
                            self.pos,
                            &msg!("nesting deeper than ", MAX_DEPTH, " levels"),
                        ));
                    }
                    stack[depth] = open == b'{';
                    depth += 1;
                    self.pos += 1;
                    self.ws();
                    let close = if open == b'{' { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                        depth -= 1;
                    } else {
                        if open == b'{' {
                            self.member_key()?;
                        }
                        continue 'value;
                    }
                }
                Some(b'"') => {
                    self.string()?;
                }
                _ => {
                    self.value()?;
                }
            }
            // After a value: close containers or move to the next element.
            loop {
                if depth == 1 {
                    return Ok(());
                }
                self.ws();
                let is_object = stack[depth - 1];
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        if is_object {
                            self.ws();
                            self.member_key()?;
                        }
                        continue 'value;
                    }
                    Some(b'}') if is_object => {
                        self.pos += 1;
                        depth -= 1;
                    }
                    Some(b']') if !is_object => {
                        self.pos += 1;
                        depth -= 1;
                    }
                    _ => {
                        return Err(malformed(
                            self.pos,
                            if is_object {
                                "expected ',' or '}' in an object"
                            } else {
                                "expected ',' or ']' in an array"
                            },
                        ))
                    }
                }
            }
        }
    }

    fn member_key(&mut self) -> Result<(), Error> {
        self.key()?;
        self.ws();
        self.expect(b':', "expected ':' after an object key")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(body: &str) -> Result<Vec<(String, Value<'_>)>, Error> {
        let mut v = Vec::new();
        for_each_member(body.as_bytes(), |k, val| {
            v.push((k.into_owned(), val));
            Ok(())
        })?;
        Ok(v)
    }

    #[test]
    fn reads_members_and_borrows_plain_strings() {
        let m = members(r#" { "a" : "x" , "b":12.5e-3, "c":[1,{"d":[]}], "e":null, "f":true } "#)
            .unwrap();
        assert_eq!(m.len(), 5);
        assert!(matches!(&m[0].1, Value::Str(Cow::Borrowed("x"))));
        assert_eq!(m[1].1, Value::Num("12.5e-3"));
        assert_eq!(m[2].1, Value::Container);
        assert_eq!(m[3].1, Value::Null);
        assert_eq!(m[4].1, Value::Bool(true));
    }

    #[test]
    fn unescapes() {
        let m = members(r#"{"\u0073tream":"a\/b\n\u76f4\ud83d\ude00\"\\"}"#).unwrap();
        assert_eq!(m[0].0, "stream");
        assert_eq!(m[0].1, Value::Str(Cow::Owned("a/b\n直😀\"\\".into())));
    }

    #[test]
    fn rejects() {
        for (body, needle) in [
            ("", "empty"),
            ("\u{feff}{}", "byte-order mark"),
            ("[]", "found an array"),
            ("null", "found null"),
            ("{", "expected a string"),
            ("{}x", "after the JSON object"),
            (r#"{"a":01}"#, "expected ',' or '}'"),
            (r#"{"a":1.}"#, "after '.'"),
            (r#"{"a":"\ud800"}"#, "lone leading"),
            (r#"{"a":"\udc00"}"#, "lone trailing"),
            ("{\"a\":\"\u{0}\"}", "control character"),
            (r#"{"a":[1,]}"#, "expected a JSON value"),
            (r#"{"a":{"b"}}"#, "expected ':'"),
            (r#"{"a":tru}"#, "invalid literal"),
            (r#"{"a":"x}"#, "unterminated"),
        ] {
            let e = members(body).unwrap_err();
            assert_eq!(e.code(), ErrorCode::MalformedJson, "{body}");
            assert!(e.message().contains(needle), "{body}: {e}");
        }
    }

    #[test]
    fn plain_run_end_matches_the_byte_loop() {
        let naive = |b: &[u8], i: usize| {
            (i..b.len())
                .find(|&j| b[j] == b'"' || b[j] == b'\\' || b[j] < 0x20)
                .unwrap_or(b.len())
        };
        let alphabet: &[u8] = b"a\"\\\x00\x1f\x20\x7f\x80\xff\xc3\xa9!";
        // Every position of every stop byte in buffers of every length up to 20.
        for len in 0..20 {
            for stop in 0..len {
                for &c in alphabet {
                    let mut b = vec![b'x'; len];
                    b[stop] = c;
                    if stop + 1 < len {
                        b[stop + 1] = b'"';
                    }
                    for start in 0..=len {
                        assert_eq!(
                            plain_run_end(&b, start),
                            naive(&b, start),
                            "{b:?} from {start}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let body = format!("{{\"x\":{}}}", "[".repeat(100_000));
        let e = members(&body).unwrap_err();
        assert!(e.message().contains("nesting deeper than 128"), "{e}");
        // 127 nested arrays inside the object (128 levels) are fine.
        let ok = format!("{{\"x\":{}{}}}", "[".repeat(127), "]".repeat(127));
        assert_eq!(members(&ok).unwrap().len(), 1);
        let too_deep = format!("{{\"x\":{}{}}}", "[".repeat(128), "]".repeat(128));
        assert!(members(&too_deep).is_err());
    }
}
