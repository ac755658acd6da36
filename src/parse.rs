//! [`parse`]: detects the kind of a body and checks every known field's type without verifying
//! anything (spec §1, §2: the lenient forms Huawei's documents need, strict everywhere else).

use std::borrow::Cow;

use crate::error::{quote, Error, ErrorCode};
use crate::fields::{documented_order, required_fields, Field, FieldSet, ValueType, N_FIELDS};
use crate::json::{for_each_member, Value};
use crate::model::{Callback, Kind, RecordCallback, SignedValues, StreamNotification};
use crate::msg::msg;
use crate::num::{decimal_u64, digits_u64};
use crate::rules::Values;

use Field as F;

/// What the body held, before the kind decides which fields matter.
#[derive(Clone, Debug)]
pub(crate) struct Raw<'a> {
    strings: [Option<Cow<'a, str>>; N_FIELDS],
    /// Integer values, valid where `integer_set` has the field's bit (kept apart from the
    /// strings so that this struct, moved on every parse, stays small).
    integers: [u64; N_FIELDS],
    integer_set: FieldSet,
    /// One bit a known field (`F as u8`), for duplicates.
    seen: FieldSet,
    /// The spelling of `user_args` that arrived, for the duplicate message.
    user_args_name: &'static str,
    /// Unknown keys with their member index; a duplicate among them is looked for once the
    /// body has been read ([`first_duplicate`]). Allocated only when there is one.
    unknown: Vec<(Cow<'a, str>, usize)>,
}

impl Default for Raw<'_> {
    fn default() -> Self {
        const NONE: Option<Cow<'static, str>> = None;
        Raw {
            strings: [NONE; N_FIELDS],
            integers: [0; N_FIELDS],
            integer_set: 0,
            seen: 0,
            user_args_name: F::UserArgs.name(),
            unknown: Vec::new(),
        }
    }
}

/// Parses a callback body without verifying it: detects the kind (`event_type` → recording,
/// `event` → stream; both or neither → `UNKNOWN_CALLBACK`) and checks every known field.
///
/// Lenient exactly where Huawei's documents disagree: `usr_args` and `user_args` both land in
/// `user_args`; `publish_timestamp` may be a number or a string of digits with one stray
/// trailing comma; `auth_timestamp` may be a number or a string of decimal digits. A `null`
/// optional field counts as absent. Strict everywhere else: a known field of the wrong type is
/// `INVALID_FIELD`, any field twice (compared after unescaping) is `DUPLICATE_FIELD`, and
/// unknown fields of any type are accepted and ignored.
pub fn parse(body: &[u8]) -> Result<Callback, Error> {
    parse_ref(body).map(CallbackRef::into_callback)
}

/// [`parse`] without copying: string values borrow from `body` unless they contain an escape.
/// For consumers that read a few fields, or that want to know where a value stands in the
/// body (a `Cow::Borrowed` value is a slice of `body`).
pub fn parse_ref(body: &[u8]) -> Result<CallbackRef<'_>, Error> {
    let raw = parse_raw(body)?;
    let kind = raw.kind()?;
    Ok(CallbackRef { kind, raw })
}

/// A parsed callback whose strings borrow from the body where they can. See [`parse_ref`].
#[derive(Clone, Debug)]
pub struct CallbackRef<'a> {
    kind: Kind,
    raw: Raw<'a>,
}

/// A field value of a [`CallbackRef`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldValue<'r, 'a> {
    /// A string, unescaped (`Cow::Borrowed` when it is a slice of the body).
    Str(&'r Cow<'a, str>),
    /// An integer: sizes, durations, dimensions and the two timestamps.
    Int(u64),
}

impl<'a> CallbackRef<'a> {
    /// The kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    fn str(&self, f: F) -> &str {
        self.raw.strings[f as usize].as_deref().unwrap_or("")
    }

    /// The event name (`event` or `event_type`) as sent.
    pub fn event(&self) -> &str {
        match self.kind {
            Kind::Stream => self.str(F::Event),
            Kind::Record => self.str(F::EventType),
        }
    }

    /// `auth_timestamp`, if present.
    pub fn auth_timestamp(&self) -> Option<u64> {
        self.raw.int(F::AuthTimestamp)
    }

    /// `auth_sign` as received, if present.
    pub fn auth_sign(&self) -> Option<&str> {
        self.raw.strings[F::AuthSign as usize].as_deref()
    }

    /// The known fields of this kind that are present, in Huawei's documented order
    /// ([`Field::name`] is the canonical name: `usr_args` is reported as `user_args`).
    pub fn fields(&self) -> impl Iterator<Item = (Field, FieldValue<'_, 'a>)> + '_ {
        documented_order(self.kind).iter().filter_map(move |&f| {
            let value = match &self.raw.strings[f as usize] {
                Some(s) => FieldValue::Str(s),
                None => FieldValue::Int(self.raw.int(f)?),
            };
            Some((f, value))
        })
    }

    pub(crate) fn signed_values(&self) -> SignedValues<'_> {
        match self.kind {
            Kind::Stream => SignedValues {
                kind: Kind::Stream,
                event: self.str(F::Event),
                domain: self.str(F::Domain),
                app: self.str(F::App),
                stream: self.str(F::Stream),
                download_url: "",
                play_url: "",
            },
            Kind::Record => SignedValues {
                kind: Kind::Record,
                event: self.str(F::EventType),
                domain: self.str(F::PublishDomain),
                app: self.str(F::App),
                stream: self.str(F::Stream),
                download_url: self.str(F::DownloadUrl),
                play_url: self.str(F::PlayUrl),
            },
        }
    }

    pub(crate) fn rule_values(&self) -> Values<'_> {
        let opt = |f: F| self.raw.strings[f as usize].as_deref();
        let v = self.signed_values();
        Values {
            kind: v.kind,
            event: v.event,
            domain: v.domain,
            app: v.app,
            stream: v.stream,
            download_url: opt(F::DownloadUrl).filter(|_| v.kind == Kind::Record),
            play_url: opt(F::PlayUrl).filter(|_| v.kind == Kind::Record),
        }
    }

    /// The owned, typed callback.
    pub fn into_callback(self) -> Callback {
        let mut raw = self.raw;
        match self.kind {
            Kind::Stream => Callback::Stream(StreamNotification::from_raw(&mut raw)),
            Kind::Record => Callback::Record(RecordCallback::from_raw(&mut raw)),
        }
    }
}

fn parse_raw(body: &[u8]) -> Result<Raw<'_>, Error> {
    let mut raw = Raw::default();
    // A field error is kept until the whole body has been read: a body that is not JSON is
    // MALFORMED_JSON whatever comes first. Members after the first error are not recorded.
    let mut first_error: Option<Error> = None;
    let mut index = 0;
    for_each_member(body, |key, value| {
        if first_error.is_none() {
            first_error = raw.add(key, value, index).err();
        }
        index += 1;
        Ok(())
    })?;
    // An unknown key twice is an error where its second occurrence stands; every recorded
    // member precedes the first field error, so such a duplicate comes first.
    if let Some(key) = first_duplicate(&mut raw.unknown) {
        return Err(duplicate(key));
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(raw),
    }
}

/// The key of the duplicate whose second occurrence comes first in the body, if any. Sorts
/// `keys` by (key, member index): O(n log n) whatever the keys (a hash set with a fixed hash
/// would let a hostile body of colliding keys take quadratic time; the library has no random
/// seed), with a heap sort, whose code is a fraction of the standard sorts'.
fn first_duplicate<'k>(keys: &'k mut [(Cow<'_, str>, usize)]) -> Option<&'k str> {
    if keys.len() < 2 {
        return None;
    }
    heap_sort(keys, |a, b| (a.0.as_bytes(), a.1) < (b.0.as_bytes(), b.1));
    let mut first: Option<(usize, &str)> = None;
    for pair in keys.windows(2) {
        let ((a, _), (b, at)) = (&pair[0], &pair[1]);
        if a == b && first.is_none_or(|(i, _)| *at < i) {
            first = Some((*at, b));
        }
    }
    first.map(|(_, key)| key)
}

/// Sorts `v` in place by `less` (a strict weak order).
fn heap_sort<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let sift_down = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[root], &v[child]) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    let n = v.len();
    for i in (0..n / 2).rev() {
        sift_down(v, i, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

impl<'a> Raw<'a> {
    pub(crate) fn int(&self, f: F) -> Option<u64> {
        (self.integer_set & (1 << f as u8) != 0).then(|| self.integers[f as usize])
    }

    /// Moves a string value out, owned.
    pub(crate) fn take_str(&mut self, f: F) -> Option<String> {
        self.strings[f as usize].take().map(Cow::into_owned)
    }

    fn set_int(&mut self, f: F, v: u64) {
        self.integers[f as usize] = v;
        self.integer_set |= 1 << f as u8;
    }

    /// Records member number `index`: checks for duplicates and the field's type.
    fn add(&mut self, key: Cow<'a, str>, value: Value<'a>, index: usize) -> Result<(), Error> {
        let Some(f) = F::from_name(&key) else {
            // Unknown fields are ignored, but a duplicate is still a duplicate (parse_raw).
            self.unknown.push((key, index));
            return Ok(());
        };
        let bit: FieldSet = 1 << (f as u8);
        if self.seen & bit != 0 {
            if f == F::UserArgs && key != self.user_args_name {
                return Err(Error::new(
                    ErrorCode::DuplicateField,
                    msg!(
                        "duplicate field: both \"",
                        self.user_args_name,
                        "\" and \"",
                        key,
                        "\" are present (two spellings of one field)"
                    ),
                ));
            }
            return Err(duplicate(&key));
        }
        self.seen |= bit;
        if f == F::UserArgs && key != f.name() {
            // The alias that arrived (from the table), for the duplicate message.
            let aliases = f.aliases();
            self.user_args_name = aliases.iter().find(|a| **a == key).map_or("", |a| a);
        }
        let name: &str = &key;
        let i = f as usize;
        match (f.value_type(), value) {
            (_, Value::Null) if !f.is_required() => {}
            (ValueType::AuthTime, v) => self.set_int(f, auth_timestamp(v)?),
            (ValueType::PublishTime, v) => self.set_int(f, publish_timestamp(v)?),
            (ValueType::Int, Value::Num(n)) => self.set_int(f, integer(name, n)?),
            (ValueType::Int, v) => return Err(wrong_type(name, "a non-negative integer", &v)),
            (_, Value::Str(s)) => self.strings[i] = Some(s),
            (_, v) => return Err(wrong_type(name, "a string", &v)),
        }
        Ok(())
    }
}

fn duplicate(key: &str) -> Error {
    Error::new(
        ErrorCode::DuplicateField,
        msg!(
            "duplicate field ",
            quote(key),
            ": a field may appear only once (compared after unescaping)"
        ),
    )
}

fn wrong_type(field: &str, expected: &str, got: &Value<'_>) -> Error {
    let shown = match got {
        Value::Str(s) => msg!(" ", quote(s)),
        Value::Num(n) => msg!(" ", unquoted(n)),
        _ => String::new(),
    };
    Error::new(
        ErrorCode::InvalidField,
        msg!(
            "invalid field ",
            field,
            ": expected ",
            expected,
            ", got ",
            got.type_name(),
            shown
        ),
    )
}

/// A JSON number's text for a message: as `quote` cuts it, without the quotes (a number has
/// nothing to escape).
fn unquoted(n: &str) -> String {
    let q = quote(n);
    let q = q.strip_prefix('"').unwrap_or(&q);
    q.strip_suffix('"').unwrap_or(q).to_owned()
}

/// A JSON number that is a non-negative integer fitting `u64`.
fn integer(field: &str, n: &str) -> Result<u64, Error> {
    decimal_u64(n).ok_or_else(|| {
        let why = if n.starts_with('-') {
            "is negative"
        } else if n.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
            "is not an integer"
        } else {
            "is larger than 18446744073709551615"
        };
        Error::new(
            ErrorCode::InvalidField,
            msg!(
                "invalid field ",
                field,
                ": ",
                unquoted(n),
                " ",
                why,
                "; expected a non-negative integer"
            ),
        )
    })
}

/// `auth_timestamp`: a JSON integer, or a string of canonical decimal digits (spec §2 allows
/// a decimal string; the digits are what gets signed, so no other form is accepted).
fn auth_timestamp(v: Value<'_>) -> Result<u64, Error> {
    match v {
        Value::Num(n) => integer("auth_timestamp", n),
        Value::Str(s) => decimal_u64(&s).ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidField,
                msg!(
                    "invalid field auth_timestamp: ",
                    quote(&s),
                    " is not a decimal Unix time (digits only, no leading zero)"
                ),
            )
        }),
        v => Err(wrong_type(
            "auth_timestamp",
            "a number or a decimal string",
            &v,
        )),
    }
}

/// `publish_timestamp`: a string of digits, where one doc example has a stray trailing comma
/// (`"1587954134,"`, spec §1), or a JSON integer.
fn publish_timestamp(v: Value<'_>) -> Result<u64, Error> {
    match v {
        Value::Num(n) => integer("publish_timestamp", n),
        Value::Str(s) => {
            let digits = s.strip_suffix(',').unwrap_or(&s);
            // Leading zeros are harmless here (the field is not signed); only the value matters.
            let value = digits_u64(digits.as_bytes());
            value.ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidField,
                    msg!(
                        "invalid field publish_timestamp: ",
                        quote(&s),
                        " is not a Unix time in seconds"
                    ),
                )
            })
        }
        v => Err(wrong_type(
            "publish_timestamp",
            "a string of digits or a number",
            &v,
        )),
    }
}

impl Raw<'_> {
    /// The kind, once the required fields of that kind are known to be present.
    fn kind(&self) -> Result<Kind, Error> {
        let has = |f: F| self.strings[f as usize].is_some();
        let kind = match (has(F::Event), has(F::EventType)) {
            (true, false) => Kind::Stream,
            (false, true) => Kind::Record,
            (true, true) => {
                return Err(Error::new(
                    ErrorCode::UnknownCallback,
                    "unknown callback: it has both \"event\" (stream notification) and \"event_type\" (recording callback)",
                ))
            }
            (false, false) => {
                return Err(Error::new(
                    ErrorCode::UnknownCallback,
                    "unknown callback: neither \"event\" (stream notification) nor \"event_type\" (recording callback) is present",
                ))
            }
        };
        // The kind's required fields (the table's), in documented order.
        if let Some(missing) = required_fields(kind).iter().find(|&&f| !has(f)) {
            let what = match kind {
                Kind::Stream => "a stream notification",
                Kind::Record => "a recording callback",
            };
            return Err(Error::new(
                ErrorCode::MissingField,
                msg!(
                    "missing field ",
                    missing.name(),
                    ": ",
                    what,
                    " must carry it (it is signed)"
                ),
            ));
        }
        Ok(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RecordEvent, StreamEvent};

    fn err(body: &str) -> Error {
        parse(body.as_bytes()).unwrap_err()
    }

    const STREAM: &str = r#"{"domain":"push.example.com","app":"live","stream":"s","usr_args":"a=1","publish_timestamp":"1587954134,","event":"PUBLISH","auth_timestamp":"1587954140","auth_sign":"ab"}"#;

    #[test]
    fn stream_with_doc_quirks() {
        let Callback::Stream(s) = parse(STREAM.as_bytes()).unwrap() else {
            panic!()
        };
        assert_eq!(s.event, StreamEvent::Publish);
        assert_eq!(s.user_args.as_deref(), Some("a=1"));
        assert_eq!(s.publish_timestamp, Some(1587954134));
        assert_eq!(s.auth_timestamp, Some(1587954140));
    }

    #[test]
    fn record_with_unknown_event_and_fields() {
        let body = r#"{"event_type":"RECORD_SNAPSHOT","publish_domain":"d","app":"a","stream":"s","file_size":12,"future":{"x":[1,2]},"download_url":null}"#;
        let Callback::Record(r) = parse(body.as_bytes()).unwrap() else {
            panic!()
        };
        assert_eq!(r.event_type, RecordEvent::Other("RECORD_SNAPSHOT".into()));
        assert_eq!(r.file_size, Some(12));
        assert_eq!(r.download_url, None);
    }

    #[test]
    fn errors_name_the_field_and_value() {
        let e = err(r#"{"event":"PUBLISH","domain":"d","app":5,"stream":"s"}"#);
        assert_eq!(e.code(), ErrorCode::InvalidField);
        assert_eq!(
            e.to_string(),
            "invalid field app: expected a string, got a number 5"
        );
        let e = err(
            r#"{"event_type":"X","publish_domain":"d","app":"a","stream":"s","file_size":1.5}"#,
        );
        assert_eq!(
            e.to_string(),
            "invalid field file_size: 1.5 is not an integer; expected a non-negative integer"
        );
        let e = err(
            r#"{"event":"PUBLISH","domain":"d","app":"a","stream":"s","auth_timestamp":18446744073709551616}"#,
        );
        assert!(e.to_string().contains("larger than"), "{e}");
        let e =
            err(r#"{"event":"PUBLISH","domain":"d","app":"a","stream":"s","auth_timestamp":-1}"#);
        assert!(e.to_string().contains("negative"), "{e}");
        let e = err(r#"{"event":"PUBLISH","domain":"d","app":"a"}"#);
        assert_eq!(e.code(), ErrorCode::MissingField);
        assert!(e.to_string().contains("stream"), "{e}");
        let e = err(r#"{"event":"PUBLISH","domain":null,"app":"a","stream":"s"}"#);
        assert_eq!(e.code(), ErrorCode::InvalidField);
    }

    #[test]
    fn duplicates() {
        for body in [
            r#"{"event":"PUBLISH","stream":"a","\u0073tream":"b"}"#,
            r#"{"event":"PUBLISH","x":1,"x":2}"#,
            r#"{"event":"PUBLISH","usr_args":"1","user_args":"2"}"#,
        ] {
            assert_eq!(err(body).code(), ErrorCode::DuplicateField, "{body}");
        }
        assert!(err(r#"{"usr_args":"1","user_args":"2"}"#)
            .to_string()
            .contains("two spellings"));
    }

    #[test]
    fn unknown_duplicates_in_body_order() {
        let dup = |body: &str| {
            let e = err(body);
            (e.code(), e.to_string())
        };
        // The duplicate whose second occurrence comes first is the one reported.
        for (body, key) in [
            (r#"{"x":1,"y":2,"x":3,"y":4}"#, "x"),
            (r#"{"y":1,"x":2,"x":3,"y":4}"#, "x"),
            (r#"{"b":1,"a":2,"c":0,"a":3,"b":4}"#, "a"),
            (r#"{"z":1,"\u007a":2}"#, "z"),
        ] {
            let (code, message) = dup(body);
            assert_eq!(code, ErrorCode::DuplicateField, "{body}");
            assert!(
                message.starts_with(&format!("duplicate field \"{key}\"")),
                "{body}: {message}"
            );
        }
        // Before a field error it wins; after one it is not reached.
        assert_eq!(
            err(r#"{"x":1,"x":2,"event":"PUBLISH","app":5}"#).code(),
            ErrorCode::DuplicateField
        );
        assert_eq!(
            err(r#"{"x":1,"event":"PUBLISH","app":5,"x":2}"#).code(),
            ErrorCode::InvalidField
        );
        // Many distinct unknown keys, then one repeated: found (n log n, not quadratic).
        let mut body = String::from(r#"{"event":"PUBLISH","domain":"d","app":"a","stream":"s""#);
        for i in 0..50_000 {
            body.push_str(&format!(",\"k{}\":0", (i * 7919) % 50_000));
        }
        assert!(parse(format!("{body}}}").as_bytes()).is_ok());
        body.push_str(r#","k123":1}"#);
        assert!(dup(&body).1.contains("\"k123\""));
    }

    #[test]
    fn heap_sort_sorts() {
        let mut seed = 1u32;
        for n in 0..60 {
            let mut v: Vec<u32> = (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    seed >> 20
                })
                .collect();
            let mut want = v.clone();
            want.sort();
            heap_sort(&mut v, |a, b| a < b);
            assert_eq!(v, want, "n = {n}");
        }
    }

    #[test]
    fn kind_detection() {
        assert_eq!(
            err(r#"{"event":"a","event_type":"b"}"#).code(),
            ErrorCode::UnknownCallback
        );
        assert_eq!(err(r#"{}"#).code(), ErrorCode::UnknownCallback);
    }
}
