//! The one field table: every callback field this crate knows, declared once (spec §1 stream
//! status notification, §2 recording callback). Everything else about fields comes from it:
//!
//! - [`Field`] (+ [`Field::ALL`], [`Field::name`], the name lookup, the value types);
//! - the documented JSON order of each kind and the string-to-sign orders of each scheme
//!   (`STREAM_SIGNED_FIELDS`, …), checked at compile time (one field a position, no gaps);
//! - the typed [`StreamNotification`] and [`RecordCallback`] with their doc comments and serde
//!   attributes, their per-field access (`fields()` of [`crate::Callback`] and
//!   [`crate::CallbackRef`]) and their construction from a parsed body;
//! - the limits: [`N_FIELDS`], the width of the parser's field bitsets, the wasm bindings'
//!   result words;
//! - [`TABLE`], from which `cargo run -q --example gen-fields` writes the JavaScript field
//!   table, the TypeScript callback interfaces, the package's samples and the page's sign form.
//!
//! A row: `Variant ident "json_name" [aliases]: ValueType,` then the field's position key in
//! each order (`-` when it is not in it; keys sort the order and need not be consecutive):
//! `doc [stream, record]` (the documented JSON order of the kind, in tens, which also says
//! which kinds carry it), `hmac [stream, record]` (HMAC-SHA256 string-to-sign), `md5` (the MD5
//! scheme's message); `example [stream, record]` (the value of
//! the samples, `-` for none) and `events` (the sample events that carry it: `"*"` every event
//! of its kinds, else names separated by spaces); last the doc text (the signature note is added
//! from the positions). Adding a field is one row here plus vectors.

use std::borrow::Cow;

use crate::model::{RecordEvent, StreamEvent};
use crate::parse::Raw;

/// The value type of a field: how the parser reads it and how it is stored.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    /// `event`: a string, required, typed as [`StreamEvent`].
    StreamEvent,
    /// `event_type`: a string, required, typed as [`RecordEvent`].
    RecordEvent,
    /// A required string (signed: without it the kind cannot be signed).
    Str,
    /// An optional string.
    OptStr,
    /// The signature itself (an optional string).
    Sig,
    /// An optional non-negative JSON integer.
    Int,
    /// `auth_timestamp`: a JSON integer or a string of canonical decimal digits (spec §2).
    AuthTime,
    /// `publish_timestamp`: a string of digits (one stray trailing comma tolerated, spec §1) or
    /// a JSON integer; written back as a string of digits, as Huawei sends it.
    PublishTime,
}

impl ValueType {
    /// A field of this type must be present (and not `null`) in a callback of its kind.
    pub const fn is_required(self) -> bool {
        matches!(self, Self::StreamEvent | Self::RecordEvent | Self::Str)
    }

    /// The value is an integer (stored as `u64`, [`crate::FieldValue::Int`]).
    pub const fn is_integer(self) -> bool {
        matches!(self, Self::Int | Self::AuthTime | Self::PublishTime)
    }
}

/// The orders of [`FieldInfo::pos`].
#[doc(hidden)]
pub mod order {
    /// The documented JSON order of a stream notification.
    pub const STREAM: usize = 0;
    /// The documented JSON order of a recording callback.
    pub const RECORD: usize = 1;
    /// The HMAC-SHA256 string-to-sign of a stream notification.
    pub const STREAM_HMAC: usize = 2;
    /// The HMAC-SHA256 string-to-sign of a recording callback.
    pub const RECORD_HMAC: usize = 3;
    /// The MD5 message of a recording callback (after the key).
    pub const MD5: usize = 4;
}

/// One row of the table, as data (for the generator of the JS/TS/page copies and for tests).
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct FieldInfo {
    /// The field.
    pub field: Field,
    /// Other accepted spellings (`usr_args`).
    pub aliases: &'static [&'static str],
    /// The value type.
    pub ty: ValueType,
    /// The position key in each order of [`order`] (sorting it), `None` when the field is not
    /// in it.
    pub pos: [Option<u8>; 5],
    /// The example value for the samples, by kind (stream, record), as a Rust literal: a
    /// quoted string or an integer.
    pub example: [Option<&'static str>; 2],
    /// The sample events that carry the field: `"*"` (every event of its kinds) or names
    /// separated by spaces.
    pub events: &'static str,
    /// The doc text, without the signature note.
    pub text: &'static str,
}

macro_rules! pos {
    (-) => {
        None
    };
    ($p:literal) => {
        Some($p)
    };
}

macro_rules! example {
    (-) => {
        None
    };
    ($e:literal) => {
        Some(stringify!($e))
    };
}

macro_rules! rust_type {
    (StreamEvent) => { StreamEvent };
    (RecordEvent) => { RecordEvent };
    (Str) => { String };
    (OptStr) => { Option<String> };
    (Sig) => { Option<String> };
    (Int) => { Option<u64> };
    (AuthTime) => { Option<u64> };
    (PublishTime) => { Option<u64> };
}

/// A struct member's value as a [`FieldRef`].
macro_rules! get {
    (StreamEvent, $e:expr) => {
        Some(FieldRef::Str($e.as_str()))
    };
    (RecordEvent, $e:expr) => {
        Some(FieldRef::Str($e.as_str()))
    };
    (Str, $e:expr) => {
        Some(FieldRef::Str($e.as_str()))
    };
    (OptStr, $e:expr) => {
        $e.as_deref().map(FieldRef::Str)
    };
    (Sig, $e:expr) => {
        $e.as_deref().map(FieldRef::Str)
    };
    ($int:ident, $e:expr) => {
        $e.map(FieldRef::Int)
    };
}

/// A struct member's value taken out of a parsed body.
macro_rules! take {
    (StreamEvent, $raw:ident, $f:expr) => {
        StreamEvent::from_name(Cow::Owned($raw.take_str($f).unwrap_or_default()))
    };
    (RecordEvent, $raw:ident, $f:expr) => {
        RecordEvent::from_name(Cow::Owned($raw.take_str($f).unwrap_or_default()))
    };
    (Str, $raw:ident, $f:expr) => {
        $raw.take_str($f).unwrap_or_default()
    };
    (OptStr, $raw:ident, $f:expr) => {
        $raw.take_str($f)
    };
    (Sig, $raw:ident, $f:expr) => {
        $raw.take_str($f)
    };
    ($int:ident, $raw:ident, $f:expr) => {
        $raw.int($f)
    };
}

/// The signature note of a member's doc comment, by kind.
macro_rules! note {
    ($k:ident Sig $h:tt $m:tt) => {
        ""
    };
    (stream $ty:ident [- $hr:tt] $m:tt) => {
        "**Not covered by the signature.**"
    };
    (stream $ty:ident [$hs:literal $hr:tt] $m:tt) => {
        "Signed."
    };
    (record $ty:ident [$hs:tt -] -) => {
        "**Not covered by the signature.**"
    };
    (record $ty:ident [$hs:tt $hr:literal] -) => {
        "Signed (HMAC-SHA256 only)."
    };
    (record $ty:ident [$hs:tt $hr:literal] $m:literal) => {
        "Signed (both schemes)."
    };
}

/// Keeps the rows of one kind, then writes its struct, its member access and its construction.
macro_rules! model {
    // The struct.
    (@done $S:ident $k:ident $doc:literal $derive:tt
        [$({$V:ident $id:ident $name:literal [$($attr:tt)*] $ty:ident $h:tt $m:tt $text:literal})*]) => {
        #[doc = $doc]
        #[derive $derive]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub struct $S {
            $(
                #[doc = concat!("`", $name, "`: ", $text, " ", note!($k $ty $h $m))]
                $($attr)*
                #[cfg_attr(feature = "serde", serde(skip_serializing_if = "crate::fields::is_absent"))]
                pub $id: rust_type!($ty),
            )*
        }

        impl $S {
            /// The value of `f`, if this kind has it and it is present.
            pub(crate) fn get(&self, f: Field) -> Option<FieldRef<'_>> {
                match f {
                    $(Field::$V => get!($ty, self.$id),)*
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }

            /// Moves the values of this kind out of a parsed body.
            pub(crate) fn from_raw(raw: &mut Raw<'_>) -> $S {
                $S { $($id: take!($ty, raw, Field::$V),)* }
            }
        }
    };
    (@go $S:ident $k:ident $doc:literal $derive:tt $acc:tt) => {
        model!(@done $S $k $doc $derive $acc);
    };
    // Not of this kind.
    (@go $S:ident stream $doc:literal $derive:tt $acc:tt
        {$V:ident $id:ident $name:literal $alias:tt $ty:ident [- $dr:tt] $h:tt $m:tt $text:literal}
        $($rest:tt)*) => {
        model!(@go $S stream $doc $derive $acc $($rest)*);
    };
    (@go $S:ident record $doc:literal $derive:tt $acc:tt
        {$V:ident $id:ident $name:literal $alias:tt $ty:ident [$ds:tt -] $h:tt $m:tt $text:literal}
        $($rest:tt)*) => {
        model!(@go $S record $doc $derive $acc $($rest)*);
    };
    // Of this kind, without or with an alias.
    (@go $S:ident $k:ident $doc:literal $derive:tt [$($acc:tt)*]
        {$V:ident $id:ident $name:literal [] $ty:ident $d:tt $h:tt $m:tt $text:literal}
        $($rest:tt)*) => {
        model!(@go $S $k $doc $derive [$($acc)* {$V $id $name [] $ty $h $m $text}] $($rest)*);
    };
    (@go $S:ident $k:ident $doc:literal $derive:tt [$($acc:tt)*]
        {$V:ident $id:ident $name:literal [$alias:literal] $ty:ident $d:tt $h:tt $m:tt $text:literal}
        $($rest:tt)*) => {
        model!(@go $S $k $doc $derive [$($acc)*
            {$V $id $name [#[cfg_attr(feature = "serde", serde(alias = $alias))]] $ty $h $m $text}]
            $($rest)*);
    };
}

macro_rules! field_table {
    ($(
        $V:ident $id:ident $name:literal [$($alias:literal)?]: $ty:ident,
        doc [$ds:tt, $dr:tt], hmac [$hs:tt, $hr:tt], md5 $m:tt,
        example [$es:tt, $er:tt], events $ev:literal,
        $text:literal;
    )*) => {
        /// Every field this crate knows, of both kinds. `field as u8` is a stable code (the order
        /// of [`Field::ALL`]); both spellings of `user_args` are one field.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        #[non_exhaustive]
        pub enum Field {
            $(
                #[doc = concat!("`", $name, "`.")]
                $V,
            )*
        }

        impl Field {
            /// Every field, in code order: `Field::ALL[f as usize] == f`.
            pub const ALL: [Field; N_FIELDS] = [$(Field::$V),*];

            /// The field's JSON name (`user_args` for both spellings).
            pub const fn name(self) -> &'static str {
                match self {
                    $(Field::$V => $name,)*
                }
            }

            /// Other accepted spellings of the field (`usr_args` for `user_args`).
            pub(crate) const fn aliases(self) -> &'static [&'static str] {
                match self {
                    $(Field::$V => &[$($alias)?],)*
                }
            }

            /// How the parser reads the field.
            pub(crate) const fn value_type(self) -> ValueType {
                match self {
                    $(Field::$V => ValueType::$ty,)*
                }
            }
        }

        /// The number of fields ([`Field::ALL`]`.len()`).
        #[doc(hidden)]
        pub const N_FIELDS: usize = [$($name),*].len();

        /// The JSON names in code order, each followed by a comma (`"event,domain,…,"`): the
        /// field table the bindings hand the JS side.
        #[doc(hidden)]
        pub const NAMES_COMMA: &str = concat!($($name, ","),*);

        /// Every row, in code order: `TABLE[f as usize].field == f`.
        #[doc(hidden)]
        pub const TABLE: [FieldInfo; N_FIELDS] = [$(
            FieldInfo {
                field: Field::$V,
                aliases: &[$($alias)?],
                ty: ValueType::$ty,
                pos: [pos!($ds), pos!($dr), pos!($hs), pos!($hr), pos!($m)],
                example: [example!($es), example!($er)],
                events: $ev,
                text: $text,
            }
        ),*];

        model!(@go StreamNotification stream
            "A stream status notification (spec §1). Field names are Huawei's."
            (Clone, Debug, PartialEq, Eq) []
            $({$V $id $name [$($alias)?] $ty [$ds $dr] [$hs $hr] $m $text})*);
        model!(@go RecordCallback record
            "A recording callback (spec §2). Field names are Huawei's."
            (Clone, Debug, Default, PartialEq, Eq) []
            $({$V $id $name [$($alias)?] $ty [$ds $dr] [$hs $hr] $m $text})*);
    };
}

field_table! {
    Event event "event" []: StreamEvent,
        doc [70, -], hmac [0, -], md5 -, example [-, -], events "*",
        "`PUBLISH` (push started) or `PUBLISH_DONE` (push ended).";
    Domain domain "domain" []: Str,
        doc [0, -], hmac [1, -], md5 -, example ["push.example.com", -], events "*",
        "The ingest domain.";
    App app "app" []: Str,
        doc [10, 50], hmac [2, 3], md5 -, example ["live", "live"], events "*",
        "The application name.";
    Stream stream "stream" []: Str,
        doc [20, 60], hmac [3, 4], md5 -, example ["example_stream", "mystream"], events "*",
        "The stream name.";
    UserArgs user_args "user_args" ["usr_args"]: OptStr,
        doc [30, -], hmac [-, -], md5 -,
        example ["auth_info=yz1TG0PVN/5isfyrGrRj10gKPCWqSS2X02t6QsRrocH+mEq0gQ0g8k6KhalS84sQ+kDprFyqI0yajbYiFmUO8e45B7ryaS+MpJBlYkhwnuFLnRiKK/IXG7.33436b625354564f6e4d4d434f55&cdn=hw", -],
        events "*",
        "The pusher's query string (`usr_args` in some documents; always exposed as `user_args`).";
    ClientIp client_ip "client_ip" []: OptStr,
        doc [40, -], hmac [-, -], md5 -, example ["100.111.*.*", -], events "*",
        "The pushing device's IP, possibly masked (`100.111.*.*`).";
    NodeIp node_ip "node_ip" []: OptStr,
        doc [50, -], hmac [-, -], md5 -, example ["112.11.*.*", -], events "*",
        "The receiving node's IP.";
    PublishTimestamp publish_timestamp "publish_timestamp" []: PublishTime,
        doc [60, -], hmac [-, -], md5 -, example ["1587954134", -], events "*",
        "Unix seconds; one value per push session, shared by its `PUBLISH` and `PUBLISH_DONE` (which can arrive first). Sent as a string (a stray trailing comma is tolerated) or a number.";
    AuthTimestamp auth_timestamp "auth_timestamp" []: AuthTime,
        doc [80, 220], hmac [4, 0], md5 0, example [-, -], events "",
        "Unix seconds; present when a key is configured.";
    AuthSign auth_sign "auth_sign" []: Sig,
        doc [90, 210], hmac [-, -], md5 -, example [-, -], events "",
        "The signature, as received; present when a key is configured.";
    EventType event_type "event_type" []: RecordEvent,
        doc [-, 30], hmac [-, 1], md5 -, example [-, -], events "*",
        "The event: `RECORD_START`, `RECORD_NEW_FILE_START`, `RECORD_FILE_COMPLETE`, `RECORD_OVER` or `RECORD_FAILED`.";
    ProjectId project_id "project_id" []: OptStr,
        doc [-, 0], hmac [-, -], md5 -, example [-, "70b76xxxxxx34253880af501cdxxxxxx"], events "*",
        "The project.";
    JobId job_id "job_id" []: OptStr,
        doc [-, 10], hmac [-, -], md5 -, example [-, "dc0a1773-0cef-xxxx-xxxx-9a38fdb095d2"],
        events "RECORD_NEW_FILE_START RECORD_FILE_COMPLETE",
        "The file's job (`RECORD_NEW_FILE_START`, `RECORD_FILE_COMPLETE`).";
    TaskId task_id "task_id" []: OptStr,
        doc [-, 20], hmac [-, -], md5 -, example [-, "51126d0ebe94b1da00d2e21a10xxxxxx"], events "*",
        "Identifies the recording task.";
    PublishDomain publish_domain "publish_domain" []: Str,
        doc [-, 40], hmac [-, 2], md5 -, example [-, "push.example.com"], events "*",
        "The ingest domain.";
    RecordFormat record_format "record_format" []: OptStr,
        doc [-, 70], hmac [-, -], md5 -, example [-, "HLS"], events "*",
        "`HLS`, `FLV` or `MP4`.";
    DownloadUrl download_url "download_url" []: OptStr,
        doc [-, 80], hmac [-, 5], md5 -,
        example [-, "https://obs.cn-north-4.myhuaweicloud.com/live/record-xxxx-mystream-1589967495/record-push.example.com-live-mystream-1589967495.m3u8"],
        events "RECORD_FILE_COMPLETE",
        "The file (`RECORD_FILE_COMPLETE`): an absolute http(s) URL; absent = empty in the string to sign.";
    PlayUrl play_url "play_url" []: OptStr,
        doc [-, 90], hmac [-, 6], md5 -, example [-, -], events "",
        "In the signing formula but in no documented body (absent = empty); needs a `download_url`.";
    AssetId asset_id "asset_id" []: OptStr,
        doc [-, 100], hmac [-, -], md5 -, example [-, "1a0d8e9bfaexxxxxxbe5021e62aa1e96"],
        events "RECORD_FILE_COMPLETE",
        "VOD media asset id or file id.";
    FileSize file_size "file_size" []: Int,
        doc [-, 110], hmac [-, -], md5 -, example [-, 3957964], events "RECORD_FILE_COMPLETE",
        "Bytes.";
    RecordDuration record_duration "record_duration" []: Int,
        doc [-, 120], hmac [-, -], md5 -, example [-, 120], events "RECORD_FILE_COMPLETE",
        "Seconds.";
    StartTime start_time "start_time" []: OptStr,
        doc [-, 130], hmac [-, -], md5 -, example [-, "2020-03-08T14:10:25Z"],
        events "RECORD_FILE_COMPLETE",
        "`yyyy-mm-ddThh:mm:ssZ`, kept as text.";
    EndTime end_time "end_time" []: OptStr,
        doc [-, 140], hmac [-, -], md5 -, example [-, "2020-03-08T14:12:25Z"],
        events "RECORD_FILE_COMPLETE",
        "`yyyy-mm-ddThh:mm:ssZ`, kept as text.";
    Width width "width" []: Int,
        doc [-, 150], hmac [-, -], md5 -, example [-, 1280], events "RECORD_FILE_COMPLETE",
        "Pixels.";
    Height height "height" []: Int,
        doc [-, 160], hmac [-, -], md5 -, example [-, 720], events "RECORD_FILE_COMPLETE",
        "Pixels.";
    ObsLocation obs_location "obs_location" []: OptStr,
        doc [-, 170], hmac [-, -], md5 -, example [-, "cn-north-4"], events "RECORD_FILE_COMPLETE",
        "The OBS region (field table of a later doc version).";
    ObsBucket obs_bucket "obs_bucket" []: OptStr,
        doc [-, 180], hmac [-, -], md5 -, example [-, "live"], events "RECORD_FILE_COMPLETE",
        "The OBS bucket.";
    ObsObject obs_object "obs_object" []: OptStr,
        doc [-, 190], hmac [-, -], md5 -,
        example [-, "record-xxxx-mystream-1589967495/record-push.example.com-live-mystream-1589967495.m3u8"],
        events "RECORD_FILE_COMPLETE",
        "The OBS object.";
    ErrorMessage error_message "error_message" []: OptStr,
        doc [-, 200], hmac [-, -], md5 -,
        example [-, "failed to upload the recording to OBS: access denied"], events "RECORD_FAILED",
        "Why recording failed (`RECORD_FAILED`).";
}

/// A field value of a [`crate::Callback`] (see [`crate::Callback::fields`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldRef<'r> {
    /// A string.
    Str(&'r str),
    /// An integer: sizes, durations, dimensions and the two timestamps.
    Int(u64),
}

/// For serde's `skip_serializing_if`: an absent optional member (required members never are).
#[cfg(feature = "serde")]
pub(crate) fn is_absent<T: MaybeAbsent>(v: &T) -> bool {
    v.is_absent()
}

#[cfg(feature = "serde")]
pub(crate) trait MaybeAbsent {
    fn is_absent(&self) -> bool;
}

#[cfg(feature = "serde")]
impl<T> MaybeAbsent for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

#[cfg(feature = "serde")]
impl MaybeAbsent for String {
    fn is_absent(&self) -> bool {
        false
    }
}

#[cfg(feature = "serde")]
impl MaybeAbsent for StreamEvent {
    fn is_absent(&self) -> bool {
        false
    }
}

#[cfg(feature = "serde")]
impl MaybeAbsent for RecordEvent {
    fn is_absent(&self) -> bool {
        false
    }
}

/// The set of fields, one bit a field code (the parser's duplicate and integer bitsets).
pub(crate) type FieldSet = u32;
const _: () = assert!(
    N_FIELDS <= FieldSet::BITS as usize,
    "a FieldSet holds every field"
);
const _: () = assert!(N_FIELDS <= 256, "field codes are u8");

/// The number of fields in order `o`.
const fn count(o: usize) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < N_FIELDS {
        if TABLE[i].pos[o].is_some() {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The fields of order `o`, sorted by their position keys; fails to compile when two fields
/// share a key. Keys need not be consecutive: a field goes between two others with a key
/// between theirs (the documented orders count in tens for that).
const fn order<const N: usize>(o: usize) -> [Field; N] {
    let mut out = [Field::ALL[0]; N];
    let mut keys = [0u8; N];
    let mut n = 0;
    let mut i = 0;
    while i < N_FIELDS {
        assert!(TABLE[i].field as usize == i, "TABLE is in code order");
        if let Some(k) = TABLE[i].pos[o] {
            // Insertion sort: at most a few dozen fields, at compile time.
            let mut j = n;
            while j > 0 && keys[j - 1] > k {
                keys[j] = keys[j - 1];
                out[j] = out[j - 1];
                j -= 1;
            }
            assert!(
                j == 0 || keys[j - 1] != k,
                "two fields at one position of an order"
            );
            keys[j] = k;
            out[j] = TABLE[i].field;
            n += 1;
        }
        i += 1;
    }
    out
}

const fn names<const N: usize>(fields: &[Field; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = fields[i].name();
        i += 1;
    }
    out
}

const STREAM_ORDER: [Field; count(order::STREAM)] = order(order::STREAM);
const RECORD_ORDER: [Field; count(order::RECORD)] = order(order::RECORD);
const STREAM_HMAC: [Field; count(order::STREAM_HMAC)] = order(order::STREAM_HMAC);
const RECORD_HMAC: [Field; count(order::RECORD_HMAC)] = order(order::RECORD_HMAC);
const MD5: [Field; count(order::MD5)] = order(order::MD5);
/// FNV-1a (32 bits) of [`NAMES_COMMA`]: the JS side's generated table (pkg/src/fields.js)
/// carries the same number and compares it when the bindings are set, so a .wasm and a JS
/// table from different builds fail at once instead of naming fields wrongly.
#[doc(hidden)]
pub const NAMES_HASH: u32 = {
    let b = NAMES_COMMA.as_bytes();
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < b.len() {
        h = (h ^ b[i] as u32).wrapping_mul(0x0100_0193);
        i += 1;
    }
    h
};

const STREAM_HMAC_NAMES: [&str; STREAM_HMAC.len()] = names(&STREAM_HMAC);
const RECORD_HMAC_NAMES: [&str; RECORD_HMAC.len()] = names(&RECORD_HMAC);
const MD5_NAMES: [&str; MD5.len()] = names(&MD5);

/// Spec §1: `event + domain + app + stream + auth_timestamp`.
pub const STREAM_SIGNED_FIELDS: &[&str] = &STREAM_HMAC_NAMES;
/// Spec §2: `auth_timestamp + event_type + publish_domain + app + stream + download_url + play_url`.
pub const RECORD_HMAC_SIGNED_FIELDS: &[&str] = &RECORD_HMAC_NAMES;
/// Spec §2: `MD5(key + auth_timestamp)` covers only the timestamp.
pub const MD5_SIGNED_FIELDS: &[&str] = &MD5_NAMES;

/// The most fields a callback of one kind has: the wasm bindings' result words hold one entry
/// per field of a verified callback.
#[doc(hidden)]
pub const MAX_FIELDS_OF_A_KIND: usize = if STREAM_ORDER.len() > RECORD_ORDER.len() {
    STREAM_ORDER.len()
} else {
    RECORD_ORDER.len()
};

const fn count_required(order: &[Field]) -> usize {
    let (mut n, mut i) = (0, 0);
    while i < order.len() {
        if order[i].value_type().is_required() {
            n += 1;
        }
        i += 1;
    }
    n
}

const fn required<const N: usize>(order: &[Field]) -> [Field; N] {
    let mut out = [Field::ALL[0]; N];
    let (mut n, mut i) = (0, 0);
    while i < order.len() {
        if order[i].value_type().is_required() {
            out[n] = order[i];
            n += 1;
        }
        i += 1;
    }
    out
}

const STREAM_REQUIRED: [Field; count_required(&STREAM_ORDER)] = required(&STREAM_ORDER);
const RECORD_REQUIRED: [Field; count_required(&RECORD_ORDER)] = required(&RECORD_ORDER);

/// The fields a kind must carry (not `null`), in documented order.
pub(crate) const fn required_fields(kind: crate::model::Kind) -> &'static [Field] {
    match kind {
        crate::model::Kind::Stream => &STREAM_REQUIRED,
        crate::model::Kind::Record => &RECORD_REQUIRED,
    }
}

/// The fields of a kind in Huawei's documented order.
pub(crate) const fn documented_order(kind: crate::model::Kind) -> &'static [Field] {
    match kind {
        crate::model::Kind::Stream => &STREAM_ORDER,
        crate::model::Kind::Record => &RECORD_ORDER,
    }
}

/// The lookup: the byte that tells apart the names of each length, and a table from
/// (length, that byte) to the field code + 1, built (and checked collision-free) at compile
/// time from [`TABLE`]. A lookup costs one probe byte, one table read and one comparison.
const MAX_NAME: usize = 32;
const SLOTS: usize = 128;

/// Every accepted spelling: the names, then the aliases.
const fn spelling(i: usize) -> Option<(&'static str, Field)> {
    if i < N_FIELDS {
        return Some((TABLE[i].field.name(), TABLE[i].field));
    }
    let mut k = i - N_FIELDS;
    let mut r = 0;
    while r < N_FIELDS {
        if k < TABLE[r].aliases.len() {
            return Some((TABLE[r].aliases[k], TABLE[r].field));
        }
        k -= TABLE[r].aliases.len();
        r += 1;
    }
    None
}

const fn probe_positions() -> [u8; MAX_NAME + 1] {
    let mut out = [0u8; MAX_NAME + 1];
    let mut len = 1;
    while len <= MAX_NAME {
        // The first position where the names of this length all differ.
        let mut p = 0;
        'pos: while p < len {
            let mut i = 0;
            while let Some((a, _)) = spelling(i) {
                let mut j = i + 1;
                while let Some((b, _)) = spelling(j) {
                    if a.len() == len && b.len() == len && a.as_bytes()[p] == b.as_bytes()[p] {
                        p += 1;
                        continue 'pos;
                    }
                    j += 1;
                }
                i += 1;
            }
            break;
        }
        // (p == len only when every position has two names of this length alike.)
        assert!(p < len, "two names of one length differ at no single byte");
        out[len] = p as u8;
        len += 1;
    }
    out
}

const PROBE: [u8; MAX_NAME + 1] = probe_positions();

const fn slot(mul: usize, len: usize, byte: u8) -> usize {
    (byte as usize * mul + len) % SLOTS
}

/// The smallest multiplier that gives every spelling its own slot.
const fn multiplier() -> usize {
    let mut mul = 1;
    'mul: while mul < 4096 {
        let mut used = [false; SLOTS];
        let mut i = 0;
        while let Some((name, _)) = spelling(i) {
            assert!(
                name.len() <= MAX_NAME && !name.is_empty(),
                "names are 1 to 32 bytes"
            );
            let s = slot(mul, name.len(), name.as_bytes()[PROBE[name.len()] as usize]);
            if used[s] {
                mul += 1;
                continue 'mul;
            }
            used[s] = true;
            i += 1;
        }
        return mul;
    }
    panic!("no collision-free multiplier for the field names")
}

const MUL: usize = multiplier();

const fn slots() -> [u8; SLOTS] {
    let mut out = [0u8; SLOTS];
    let mut i = 0;
    while let Some((name, _)) = spelling(i) {
        out[slot(MUL, name.len(), name.as_bytes()[PROBE[name.len()] as usize])] = i as u8 + 1;
        i += 1;
    }
    out
}

/// Slot -> index of the spelling + 1 (0: no spelling).
const SLOT_TABLE: [u8; SLOTS] = slots();

const fn n_spellings() -> usize {
    let mut n = 0;
    while spelling(n).is_some() {
        n += 1;
    }
    n
}

const fn spellings<const N: usize>() -> [(&'static str, Field); N] {
    let mut out = [("", Field::ALL[0]); N];
    let mut i = 0;
    while let Some(s) = spelling(i) {
        out[i] = s;
        i += 1;
    }
    out
}

/// Every spelling by index, for the lookup at run time (only the names: [`TABLE`] itself, with
/// its doc texts and examples, stays out of the binary).
const SPELLINGS: [(&str, Field); n_spellings()] = spellings();
const _: () = assert!(SPELLINGS.len() < 255, "spelling indexes fit the u8 slots");

impl Field {
    /// The field a key names (a name or an alias), `None` for an unknown key. On the hot path:
    /// once a member.
    pub(crate) fn from_name(name: &str) -> Option<Field> {
        let b = name.as_bytes();
        let probe = *PROBE.get(b.len())? as usize;
        let i = SLOT_TABLE[slot(MUL, b.len(), *b.get(probe)?)];
        let (spelled, f) = *SPELLINGS.get((i as usize).checked_sub(1)?)?;
        (spelled == name).then_some(f)
    }

    /// Fields without which the kind cannot be signed or identified: `null` is not "absent" for them.
    pub(crate) fn is_required(self) -> bool {
        self.value_type().is_required()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_hash_is_fnv1a_of_the_names() {
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(NAMES_COMMA, format!("{},", names.join(",")));
        let h = NAMES_COMMA.bytes().fold(0x811c_9dc5u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        assert_eq!(NAMES_HASH, h);
    }

    #[test]
    fn lookup() {
        for (i, f) in Field::ALL.into_iter().enumerate() {
            assert_eq!(f as usize, i);
            assert_eq!(TABLE[i].field, f);
            assert_eq!(Field::from_name(f.name()), Some(f), "{}", f.name());
            // Near misses are unknown fields.
            assert_eq!(Field::from_name(&f.name().to_uppercase()), None);
            assert_eq!(Field::from_name(&format!("{}_", f.name())), None);
            assert_eq!(Field::from_name(&f.name()[1..]), None);
        }
        assert_eq!(Field::from_name("usr_args"), Some(Field::UserArgs));
        assert_eq!(Field::from_name(""), None);
        assert_eq!(Field::from_name(&"a".repeat(40)), None);
        for len in 0..=40 {
            for b in 0..=255u8 {
                let s = String::from_utf8_lossy(&vec![b; len]).into_owned();
                let _ = Field::from_name(&s);
            }
        }
    }

    #[test]
    fn orders() {
        let names = |fs: &[Field]| fs.iter().map(|f| f.name()).collect::<Vec<_>>();
        // The orders the hand-written code had before the table (spec §1, §2).
        assert_eq!(
            STREAM_SIGNED_FIELDS,
            ["event", "domain", "app", "stream", "auth_timestamp"]
        );
        assert_eq!(
            RECORD_HMAC_SIGNED_FIELDS,
            [
                "auth_timestamp",
                "event_type",
                "publish_domain",
                "app",
                "stream",
                "download_url",
                "play_url"
            ]
        );
        assert_eq!(MD5_SIGNED_FIELDS, ["auth_timestamp"]);
        // The documented orders the hand-written code had before the table keep their relative
        // order (a subsequence test: a new field may go anywhere).
        let keeps = |order: &[Field], want: &str| {
            let got = names(order);
            let mut at = got.iter();
            want.split(' ').all(|w| at.any(|g| *g == w))
        };
        assert!(keeps(
            &STREAM_ORDER,
            "domain app stream user_args client_ip node_ip publish_timestamp event auth_timestamp auth_sign"
        ));
        assert!(keeps(
            &RECORD_ORDER,
            "project_id job_id task_id event_type publish_domain app stream record_format \
             download_url play_url asset_id file_size record_duration start_time end_time width \
             height obs_location obs_bucket obs_object error_message auth_sign auth_timestamp"
        ));
        assert!(!keeps(&STREAM_ORDER, "app domain"));
        assert_eq!(MAX_FIELDS_OF_A_KIND, RECORD_ORDER.len());
        // The fields a kind requires are exactly its signed fields that have no "absent" form.
        for (order, hmac) in [
            (&STREAM_ORDER[..], &STREAM_HMAC[..]),
            (&RECORD_ORDER[..], &RECORD_HMAC[..]),
        ] {
            for f in order {
                if f.is_required() {
                    assert!(hmac.contains(f), "{} is required but not signed", f.name());
                }
            }
        }
    }

    #[test]
    fn examples_are_literals_of_their_type() {
        for r in &TABLE {
            for e in r.example.into_iter().flatten() {
                if r.ty == ValueType::Int {
                    assert!(e.parse::<u64>().is_ok(), "{}: {e}", r.field.name());
                } else {
                    assert!(
                        e.starts_with('"') && e.ends_with('"') && !e.contains('\\'),
                        "{}: {e}",
                        r.field.name()
                    );
                }
            }
            for (kind, e) in r.example.iter().enumerate() {
                assert!(e.is_none() || r.pos[kind].is_some(), "{}", r.field.name());
            }
        }
    }
}
