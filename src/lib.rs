#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod ct;
mod error;
mod explain;
#[doc(hidden)]
pub mod fields;
mod hash;
mod json;
#[doc(hidden)]
pub mod json_out;
mod key;
mod model;
mod msg;
mod num;
mod options;
mod parse;
mod rules;
#[cfg(feature = "serde")]
mod serde_impls;
mod sign;
mod signature;
pub mod state;
mod url;
mod verify;

pub use error::{Error, ErrorCode};
pub use explain::{explain, Explanation, KeyCheck, Part, Problem, Timing, Verdict};
pub use fields::{
    Field, FieldRef, RecordCallback, StreamNotification, MD5_SIGNED_FIELDS,
    RECORD_HMAC_SIGNED_FIELDS, STREAM_SIGNED_FIELDS,
};
pub use key::{Key, MAX_KEY_CHARS, MIN_KEY_CHARS};
pub use model::{Callback, Kind, RecordEvent, StreamEvent};
pub use options::{
    Options, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_FUTURE_SECS, DEFAULT_TOLERANCE_SECS,
};
pub use parse::{parse, parse_ref, CallbackRef, FieldValue};
pub use rules::{Boundary, RECORD_EVENTS, STREAM_EVENTS, URL_SCHEMES};
pub use sign::{sign, to_json, Signed};
#[doc(hidden)]
pub use signature::primitives;
pub use signature::{signed_fields, Algorithm};
pub use url::{
    explain_url, sign_url, verify_url, TimeFormat, TimeReading, UrlExplanation, UrlKeyCheck,
    UrlKind, UrlMethod, UrlOptions, UrlSignOptions, UrlWindow, VerifiedUrl,
    DEFAULT_URL_MAX_SKEW_SECS, MAX_RAND_CHARS, MAX_URL_BYTES, MAX_URL_TIMEOUT_SECS, METHOD_B_NOTE,
    MIN_URL_TIMEOUT_SECS, URL_KEY_CHARS,
};
pub use verify::{Verified, VerifiedRef, Verifier};
