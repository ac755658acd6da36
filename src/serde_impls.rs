//! The `serde` feature: the enums that have a stable string form serialise as that string
//! (`"PUBLISH"`, `"stream"`, `"HMAC-SHA256"`, `"SIGNATURE_MISMATCH"`…), as in the JavaScript
//! API; an unknown event name stays the name it was. Structs derive their impls where they are
//! declared, with Huawei's field names.

use std::borrow::Cow;

use serde::de::{Deserializer, Error as _};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorCode};
use crate::explain::Verdict;
use crate::fields::Field;
use crate::model::{Kind, RecordEvent, StreamEvent};
use crate::signature::Algorithm;

/// Serialises as `as_str()`, deserialises through a parser of the same strings.
macro_rules! string_form {
    ($t:ty, $name:literal, $as_str:expr, $parse:expr) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let f: fn(&$t) -> &str = $as_str;
                s.serialize_str(f(self))
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
                let text = Cow::<'de, str>::deserialize(d)?;
                let f: fn(Cow<'_, str>) -> Option<$t> = $parse;
                f(text.clone()).ok_or_else(|| {
                    D::Error::custom(format!("unknown {} {}", $name, crate::error::quote(&text)))
                })
            }
        }
    };
}

string_form!(StreamEvent, "event", |e| e.as_str(), |s| Some(
    StreamEvent::from_name(s)
));
string_form!(RecordEvent, "event_type", |e| e.as_str(), |s| Some(
    RecordEvent::from_name(s)
));
string_form!(Kind, "kind", |k| k.as_str(), |s| match &*s {
    "stream" => Some(Kind::Stream),
    "record" => Some(Kind::Record),
    _ => None,
});
string_form!(Algorithm, "algorithm", |a| a.as_str(), |s| {
    Algorithm::from_name(&s)
});
string_form!(ErrorCode, "error code", |c| c.as_str(), |s| {
    ErrorCode::from_str_code(&s)
});
string_form!(Verdict, "verdict", |v| v.as_str(), |s| [
    Verdict::Valid,
    Verdict::Weak,
    Verdict::Expired,
    Verdict::Malformed,
    Verdict::Invalid,
]
.into_iter()
.find(|v| v.as_str() == s));
string_form!(Field, "field", |f| f.name(), |s| Field::ALL
    .into_iter()
    .find(|f| f.name() == s));

/// `{ "code": "SIGNATURE_MISMATCH", "message": "…" }` (serialisation only: an `Error` is made by
/// the crate, never read back).
impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Error", 2)?;
        st.serialize_field("code", &self.code())?;
        st.serialize_field("message", self.message())?;
        st.end()
    }
}
