//! The two callback kinds as typed data, and [`parse`], which detects the kind and checks every
//! known field's type without verifying anything.
//!
//! Field tables: spec §1 (stream status notification) and §2 (recording callback).

use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::error::{quote, Error, ErrorCode};
use crate::json::{for_each_member, Value};
use crate::msg::msg;
use crate::rules::Values;

/// Which of the two callback kinds a body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A stream status notification (`PUBLISH` / `PUBLISH_DONE`), recognised by its `event` field.
    Stream,
    /// A recording callback (`RECORD_*`), recognised by its `event_type` field.
    Record,
}

impl Kind {
    /// `"stream"` or `"record"`, as in the JavaScript API.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Stream => "stream",
            Kind::Record => "record",
        }
    }
}

/// The `event` of a stream status notification (spec §1).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum StreamEvent {
    /// `PUBLISH`: a push started.
    Publish,
    /// `PUBLISH_DONE`: a push ended. May arrive before the `PUBLISH` of the same session; pair
    /// them by `publish_timestamp`.
    PublishDone,
    /// Any other name, kept as it arrived (and signed as it arrived).
    Other(String),
}

impl StreamEvent {
    /// The event name exactly as it is sent and signed.
    pub fn as_str(&self) -> &str {
        match self {
            StreamEvent::Publish => "PUBLISH",
            StreamEvent::PublishDone => "PUBLISH_DONE",
            StreamEvent::Other(s) => s,
        }
    }

    pub(crate) fn from_name(s: Cow<'_, str>) -> StreamEvent {
        match &*s {
            "PUBLISH" => StreamEvent::Publish,
            "PUBLISH_DONE" => StreamEvent::PublishDone,
            _ => StreamEvent::Other(s.into_owned()),
        }
    }
}

/// The `event_type` of a recording callback (spec §2).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum RecordEvent {
    /// `RECORD_START`: recording started.
    RecordStart,
    /// `RECORD_NEW_FILE_START`: a new file was begun.
    RecordNewFileStart,
    /// `RECORD_FILE_COMPLETE`: a file is finished (the default: the one event a recording
    /// callback rule subscribes to unless told otherwise) (`download_url` and file details present).
    #[default]
    RecordFileComplete,
    /// `RECORD_OVER`: the stream stayed paused past the maximum pause length.
    RecordOver,
    /// `RECORD_FAILED`: pulling the stream or uploading to OBS failed (`error_message`).
    RecordFailed,
    /// Any other name, kept as it arrived (and signed as it arrived).
    Other(String),
}

impl RecordEvent {
    /// The event name exactly as it is sent and signed.
    pub fn as_str(&self) -> &str {
        match self {
            RecordEvent::RecordStart => "RECORD_START",
            RecordEvent::RecordNewFileStart => "RECORD_NEW_FILE_START",
            RecordEvent::RecordFileComplete => "RECORD_FILE_COMPLETE",
            RecordEvent::RecordOver => "RECORD_OVER",
            RecordEvent::RecordFailed => "RECORD_FAILED",
            RecordEvent::Other(s) => s,
        }
    }

    pub(crate) fn from_name(s: Cow<'_, str>) -> RecordEvent {
        match &*s {
            "RECORD_START" => RecordEvent::RecordStart,
            "RECORD_NEW_FILE_START" => RecordEvent::RecordNewFileStart,
            "RECORD_FILE_COMPLETE" => RecordEvent::RecordFileComplete,
            "RECORD_OVER" => RecordEvent::RecordOver,
            "RECORD_FAILED" => RecordEvent::RecordFailed,
            _ => RecordEvent::Other(s.into_owned()),
        }
    }
}

/// A stream status notification (spec §1). Field names are Huawei's.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StreamNotification {
    /// `event`: `PUBLISH` or `PUBLISH_DONE`. Signed.
    pub event: StreamEvent,
    /// `domain`: the ingest domain. Signed.
    pub domain: String,
    /// `app`: the application name. Signed.
    pub app: String,
    /// `stream`: the stream name. Signed.
    pub stream: String,
    /// `user_args` (also accepted as `usr_args`): the pusher's query string. **Not signed.**
    #[cfg_attr(feature = "serde", serde(alias = "usr_args"))]
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub user_args: Option<String>,
    /// `client_ip`: the pushing device's IP, possibly masked (`100.111.*.*`). **Not signed.**
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub client_ip: Option<String>,
    /// `node_ip`: the receiving node's IP. **Not signed.**
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub node_ip: Option<String>,
    /// `publish_timestamp`: Unix seconds, one value per push session, shared by its `PUBLISH`
    /// and `PUBLISH_DONE`. Sent as a string (a stray trailing comma is tolerated) or a number.
    /// **Not signed.**
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub publish_timestamp: Option<u64>,
    /// `auth_timestamp`: Unix seconds; present when a key is configured. Signed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub auth_timestamp: Option<u64>,
    /// `auth_sign`: the signature, as received; present when a key is configured.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub auth_sign: Option<String>,
}

/// A recording callback (spec §2). Field names are Huawei's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RecordCallback {
    /// `event_type`. Signed (HMAC-SHA256 only).
    pub event_type: RecordEvent,
    /// `project_id`. Not signed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub project_id: Option<String>,
    /// `job_id`: the file's name (`RECORD_NEW_FILE_START`, `RECORD_FILE_COMPLETE`). Not signed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub job_id: Option<String>,
    /// `task_id`: identifies the recording task. Not signed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub task_id: Option<String>,
    /// `publish_domain`: the ingest domain. Signed (HMAC-SHA256 only).
    pub publish_domain: String,
    /// `app`. Signed (HMAC-SHA256 only).
    pub app: String,
    /// `stream`. Signed (HMAC-SHA256 only).
    pub stream: String,
    /// `record_format`: `HLS`, `FLV` or `MP4`. Not signed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub record_format: Option<String>,
    /// `download_url` (`RECORD_FILE_COMPLETE`). Signed (HMAC-SHA256 only; absent = empty).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub download_url: Option<String>,
    /// `play_url`: in the signing formula but in no documented body. Signed (HMAC-SHA256 only;
    /// absent = empty).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub play_url: Option<String>,
    /// `asset_id`: VOD media asset id or file id. Not signed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub asset_id: Option<String>,
    /// `file_size` in bytes. Not signed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub file_size: Option<u64>,
    /// `record_duration` in seconds. Not signed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub record_duration: Option<u64>,
    /// `start_time` (`yyyy-mm-ddThh:mm:ssZ`, kept as text). Not signed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub start_time: Option<String>,
    /// `end_time` (`yyyy-mm-ddThh:mm:ssZ`, kept as text). Not signed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub end_time: Option<String>,
    /// `width` in pixels. Not signed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub width: Option<u64>,
    /// `height` in pixels. Not signed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub height: Option<u64>,
    /// `obs_location`. Not signed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub obs_location: Option<String>,
    /// `obs_bucket`. Not signed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub obs_bucket: Option<String>,
    /// `obs_object`. Not signed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub obs_object: Option<String>,
    /// `error_message` (`RECORD_FAILED`). Not signed.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub error_message: Option<String>,
    /// `auth_timestamp`: Unix seconds; present when a key is configured. Signed (both schemes).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub auth_timestamp: Option<u64>,
    /// `auth_sign`: the signature, as received; present when a key is configured.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub auth_sign: Option<String>,
}

/// A parsed callback of either kind.
// A recording callback is bigger than a stream one; boxing it would make every match clumsier
// for a value that is built once per request.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
pub enum Callback {
    /// A stream status notification.
    Stream(StreamNotification),
    /// A recording callback.
    Record(RecordCallback),
}

impl Callback {
    /// The kind.
    pub fn kind(&self) -> Kind {
        match self {
            Callback::Stream(_) => Kind::Stream,
            Callback::Record(_) => Kind::Record,
        }
    }

    /// The event name (`event` or `event_type`) as sent.
    pub fn event(&self) -> &str {
        match self {
            Callback::Stream(s) => s.event.as_str(),
            Callback::Record(r) => r.event_type.as_str(),
        }
    }

    /// `auth_timestamp`, if present.
    pub fn auth_timestamp(&self) -> Option<u64> {
        match self {
            Callback::Stream(s) => s.auth_timestamp,
            Callback::Record(r) => r.auth_timestamp,
        }
    }

    /// `auth_sign` as received, if present.
    pub fn auth_sign(&self) -> Option<&str> {
        match self {
            Callback::Stream(s) => s.auth_sign.as_deref(),
            Callback::Record(r) => r.auth_sign.as_deref(),
        }
    }

    pub(crate) fn signed_values(&self) -> SignedValues<'_> {
        match self {
            Callback::Stream(s) => SignedValues {
                kind: Kind::Stream,
                event: s.event.as_str(),
                domain: &s.domain,
                app: &s.app,
                stream: &s.stream,
                download_url: "",
                play_url: "",
            },
            Callback::Record(r) => SignedValues {
                kind: Kind::Record,
                event: r.event_type.as_str(),
                domain: &r.publish_domain,
                app: &r.app,
                stream: &r.stream,
                download_url: r.download_url.as_deref().unwrap_or(""),
                play_url: r.play_url.as_deref().unwrap_or(""),
            },
        }
    }

    pub(crate) fn rule_values(&self) -> Values<'_> {
        match self {
            Callback::Stream(s) => Values {
                kind: Kind::Stream,
                event: s.event.as_str(),
                domain: &s.domain,
                app: &s.app,
                stream: &s.stream,
                download_url: None,
                play_url: None,
            },
            Callback::Record(r) => Values {
                kind: Kind::Record,
                event: r.event_type.as_str(),
                domain: &r.publish_domain,
                app: &r.app,
                stream: &r.stream,
                download_url: r.download_url.as_deref(),
                play_url: r.play_url.as_deref(),
            },
        }
    }

    pub(crate) fn set_auth(&mut self, timestamp: u64, sign: String) {
        let (ts, sg) = match self {
            Callback::Stream(s) => (&mut s.auth_timestamp, &mut s.auth_sign),
            Callback::Record(r) => (&mut r.auth_timestamp, &mut r.auth_sign),
        };
        *ts = Some(timestamp);
        *sg = Some(sign);
    }

    /// The names of the known fields this callback carries (in Huawei's documented order).
    pub fn present_fields(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        match self {
            Callback::Stream(s) => {
                out.extend(["domain", "app", "stream"]);
                push_if(&mut out, "user_args", s.user_args.is_some());
                push_if(&mut out, "client_ip", s.client_ip.is_some());
                push_if(&mut out, "node_ip", s.node_ip.is_some());
                push_if(&mut out, "publish_timestamp", s.publish_timestamp.is_some());
                out.push("event");
                push_if(&mut out, "auth_timestamp", s.auth_timestamp.is_some());
                push_if(&mut out, "auth_sign", s.auth_sign.is_some());
            }
            Callback::Record(r) => {
                for (name, present) in [
                    ("project_id", r.project_id.is_some()),
                    ("job_id", r.job_id.is_some()),
                    ("task_id", r.task_id.is_some()),
                    ("event_type", true),
                    ("publish_domain", true),
                    ("app", true),
                    ("stream", true),
                    ("record_format", r.record_format.is_some()),
                    ("download_url", r.download_url.is_some()),
                    ("play_url", r.play_url.is_some()),
                    ("asset_id", r.asset_id.is_some()),
                    ("file_size", r.file_size.is_some()),
                    ("record_duration", r.record_duration.is_some()),
                    ("start_time", r.start_time.is_some()),
                    ("end_time", r.end_time.is_some()),
                    ("width", r.width.is_some()),
                    ("height", r.height.is_some()),
                    ("obs_location", r.obs_location.is_some()),
                    ("obs_bucket", r.obs_bucket.is_some()),
                    ("obs_object", r.obs_object.is_some()),
                    ("error_message", r.error_message.is_some()),
                    ("auth_sign", r.auth_sign.is_some()),
                    ("auth_timestamp", r.auth_timestamp.is_some()),
                ] {
                    push_if(&mut out, name, present);
                }
            }
        }
        out
    }
}

fn push_if(out: &mut Vec<&'static str>, name: &'static str, present: bool) {
    if present {
        out.push(name);
    }
}

/// Every field this crate knows, of both kinds. `field as u8` is a stable code (the order of
/// [`Field::ALL`]); both spellings of `user_args` are one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
#[non_exhaustive]
pub enum Field {
    /// `event`.
    Event,
    /// `domain`.
    Domain,
    /// `app`.
    App,
    /// `stream`.
    Stream,
    /// `user_args` (also accepted as `usr_args`).
    UserArgs,
    /// `client_ip`.
    ClientIp,
    /// `node_ip`.
    NodeIp,
    /// `publish_timestamp`.
    PublishTimestamp,
    /// `auth_timestamp`.
    AuthTimestamp,
    /// `auth_sign`.
    AuthSign,
    /// `event_type`.
    EventType,
    /// `project_id`.
    ProjectId,
    /// `job_id`.
    JobId,
    /// `task_id`.
    TaskId,
    /// `publish_domain`.
    PublishDomain,
    /// `record_format`.
    RecordFormat,
    /// `download_url`.
    DownloadUrl,
    /// `play_url`.
    PlayUrl,
    /// `asset_id`.
    AssetId,
    /// `file_size`.
    FileSize,
    /// `record_duration`.
    RecordDuration,
    /// `start_time`.
    StartTime,
    /// `end_time`.
    EndTime,
    /// `width`.
    Width,
    /// `height`.
    Height,
    /// `obs_location`.
    ObsLocation,
    /// `obs_bucket`.
    ObsBucket,
    /// `obs_object`.
    ObsObject,
    /// `error_message`.
    ErrorMessage,
}

use Field as F;

impl Field {
    /// Every field, in code order: `Field::ALL[f as usize] == f`.
    pub const ALL: [F; N_FIELDS] = [
        F::Event,
        F::Domain,
        F::App,
        F::Stream,
        F::UserArgs,
        F::ClientIp,
        F::NodeIp,
        F::PublishTimestamp,
        F::AuthTimestamp,
        F::AuthSign,
        F::EventType,
        F::ProjectId,
        F::JobId,
        F::TaskId,
        F::PublishDomain,
        F::RecordFormat,
        F::DownloadUrl,
        F::PlayUrl,
        F::AssetId,
        F::FileSize,
        F::RecordDuration,
        F::StartTime,
        F::EndTime,
        F::Width,
        F::Height,
        F::ObsLocation,
        F::ObsBucket,
        F::ObsObject,
        F::ErrorMessage,
    ];

    /// The field's JSON name (`user_args` for both spellings).
    pub const fn name(self) -> &'static str {
        match self {
            F::Event => "event",
            F::Domain => "domain",
            F::App => "app",
            F::Stream => "stream",
            F::UserArgs => "user_args",
            F::ClientIp => "client_ip",
            F::NodeIp => "node_ip",
            F::PublishTimestamp => "publish_timestamp",
            F::AuthTimestamp => "auth_timestamp",
            F::AuthSign => "auth_sign",
            F::EventType => "event_type",
            F::ProjectId => "project_id",
            F::JobId => "job_id",
            F::TaskId => "task_id",
            F::PublishDomain => "publish_domain",
            F::RecordFormat => "record_format",
            F::DownloadUrl => "download_url",
            F::PlayUrl => "play_url",
            F::AssetId => "asset_id",
            F::FileSize => "file_size",
            F::RecordDuration => "record_duration",
            F::StartTime => "start_time",
            F::EndTime => "end_time",
            F::Width => "width",
            F::Height => "height",
            F::ObsLocation => "obs_location",
            F::ObsBucket => "obs_bucket",
            F::ObsObject => "obs_object",
            F::ErrorMessage => "error_message",
        }
    }

    /// The field a key names. This runs once a member on the hot path: one probe byte picks
    /// the only candidate of that length (the first byte tells every group apart but length
    /// 10, where byte 7 does), then one comparison confirms it.
    fn from_name(name: &str) -> Option<F> {
        let b = name.as_bytes();
        let probe = if b.len() == 10 { 7 } else { 0 };
        let f = match (b.len(), b.get(probe).copied().unwrap_or(0)) {
            (3, b'a') => F::App,
            (5, b'e') => F::Event,
            (5, b'w') => F::Width,
            (6, b'd') => F::Domain,
            (6, b's') => F::Stream,
            (6, b'j') => F::JobId,
            (6, b'h') => F::Height,
            (7, b'n') => F::NodeIp,
            (7, b't') => F::TaskId,
            (8, b'u') => return (name == "usr_args").then_some(F::UserArgs),
            (8, b'p') => F::PlayUrl,
            (8, b'a') => F::AssetId,
            (8, b'e') => F::EndTime,
            (9, b'u') => F::UserArgs,
            (9, b'c') => F::ClientIp,
            (9, b'a') => F::AuthSign,
            (9, b'f') => F::FileSize,
            (10, b'y') => F::EventType,
            (10, b'_') => F::ProjectId,
            (10, b'i') => F::StartTime,
            (10, b'k') => F::ObsBucket,
            (10, b'e') => F::ObsObject,
            (12, b'd') => F::DownloadUrl,
            (12, b'o') => F::ObsLocation,
            (13, b'r') => F::RecordFormat,
            (13, b'e') => F::ErrorMessage,
            (14, b'a') => F::AuthTimestamp,
            (14, b'p') => F::PublishDomain,
            (15, b'r') => F::RecordDuration,
            (17, b'p') => F::PublishTimestamp,
            _ => return None,
        };
        (f.name() == name).then_some(f)
    }

    fn is_integer(self) -> bool {
        matches!(self, F::FileSize | F::RecordDuration | F::Width | F::Height)
    }

    /// Fields without which the kind cannot be signed or identified: `null` is not "absent" for them.
    fn is_required(self) -> bool {
        matches!(
            self,
            F::Event | F::Domain | F::App | F::Stream | F::EventType | F::PublishDomain
        )
    }
}

const N_FIELDS: usize = F::ErrorMessage as usize + 1;

/// What the body held, before the kind decides which fields matter.
#[derive(Clone, Debug)]
struct Raw<'a> {
    strings: [Option<Cow<'a, str>>; N_FIELDS],
    /// Integer values, valid where `integer_set` has the field's bit (kept apart from the
    /// strings so that this struct, moved on every parse, stays small).
    integers: [u64; N_FIELDS],
    integer_set: u32,
    /// One bit a known field (`F as u8`), for duplicates.
    seen: u32,
    /// The spelling of `user_args` that arrived, for the duplicate message.
    user_args_name: &'static str,
    /// Unknown keys seen so far; allocated only when there is one.
    unknown: Option<BTreeSet<Cow<'a, str>>>,
}

impl Default for Raw<'_> {
    fn default() -> Self {
        const NONE: Option<Cow<'static, str>> = None;
        Raw {
            strings: [NONE; N_FIELDS],
            integers: [0; N_FIELDS],
            integer_set: 0,
            seen: 0,
            user_args_name: "user_args",
            unknown: None,
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

/// The fields of each kind in Huawei's documented order.
const STREAM_ORDER: &[F] = &[
    F::Domain,
    F::App,
    F::Stream,
    F::UserArgs,
    F::ClientIp,
    F::NodeIp,
    F::PublishTimestamp,
    F::Event,
    F::AuthTimestamp,
    F::AuthSign,
];
const RECORD_ORDER: &[F] = &[
    F::ProjectId,
    F::JobId,
    F::TaskId,
    F::EventType,
    F::PublishDomain,
    F::App,
    F::Stream,
    F::RecordFormat,
    F::DownloadUrl,
    F::PlayUrl,
    F::AssetId,
    F::FileSize,
    F::RecordDuration,
    F::StartTime,
    F::EndTime,
    F::Width,
    F::Height,
    F::ObsLocation,
    F::ObsBucket,
    F::ObsObject,
    F::ErrorMessage,
    F::AuthSign,
    F::AuthTimestamp,
];

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
        let order = match self.kind {
            Kind::Stream => STREAM_ORDER,
            Kind::Record => RECORD_ORDER,
        };
        order.iter().filter_map(move |&f| {
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
        let int = |f: F| raw.int(f);
        let (file_size, record_duration, width, height) = (
            int(F::FileSize),
            int(F::RecordDuration),
            int(F::Width),
            int(F::Height),
        );
        let (publish_timestamp, auth_timestamp) = (int(F::PublishTimestamp), int(F::AuthTimestamp));
        let mut take = |f: F| raw.strings[f as usize].take().map(Cow::into_owned);
        match self.kind {
            Kind::Stream => Callback::Stream(StreamNotification {
                event: StreamEvent::from_name(Cow::Owned(take(F::Event).unwrap_or_default())),
                domain: take(F::Domain).unwrap_or_default(),
                app: take(F::App).unwrap_or_default(),
                stream: take(F::Stream).unwrap_or_default(),
                user_args: take(F::UserArgs),
                client_ip: take(F::ClientIp),
                node_ip: take(F::NodeIp),
                publish_timestamp,
                auth_timestamp,
                auth_sign: take(F::AuthSign),
            }),
            Kind::Record => Callback::Record(RecordCallback {
                event_type: RecordEvent::from_name(Cow::Owned(
                    take(F::EventType).unwrap_or_default(),
                )),
                project_id: take(F::ProjectId),
                job_id: take(F::JobId),
                task_id: take(F::TaskId),
                publish_domain: take(F::PublishDomain).unwrap_or_default(),
                app: take(F::App).unwrap_or_default(),
                stream: take(F::Stream).unwrap_or_default(),
                record_format: take(F::RecordFormat),
                download_url: take(F::DownloadUrl),
                play_url: take(F::PlayUrl),
                asset_id: take(F::AssetId),
                file_size,
                record_duration,
                start_time: take(F::StartTime),
                end_time: take(F::EndTime),
                width,
                height,
                obs_location: take(F::ObsLocation),
                obs_bucket: take(F::ObsBucket),
                obs_object: take(F::ObsObject),
                error_message: take(F::ErrorMessage),
                auth_timestamp,
                auth_sign: take(F::AuthSign),
            }),
        }
    }
}

/// The values a signature covers, by role, for either representation of a callback.
pub(crate) struct SignedValues<'x> {
    pub(crate) kind: Kind,
    /// `event` or `event_type`.
    pub(crate) event: &'x str,
    /// `domain` or `publish_domain`.
    pub(crate) domain: &'x str,
    pub(crate) app: &'x str,
    pub(crate) stream: &'x str,
    /// Recording callbacks only; `""` when absent.
    pub(crate) download_url: &'x str,
    /// Recording callbacks only; `""` when absent.
    pub(crate) play_url: &'x str,
}

fn parse_raw(body: &[u8]) -> Result<Raw<'_>, Error> {
    let mut raw = Raw::default();
    // A field error is kept until the whole body has been read: a body that is not JSON is
    // MALFORMED_JSON whatever comes first.
    let mut first_error: Option<Error> = None;
    for_each_member(body, |key, value| {
        if first_error.is_none() {
            first_error = raw.add(key, value).err();
        }
        Ok(())
    })?;
    match first_error {
        Some(e) => Err(e),
        None => Ok(raw),
    }
}

impl<'a> Raw<'a> {
    fn int(&self, f: F) -> Option<u64> {
        (self.integer_set & (1 << f as u8) != 0).then(|| self.integers[f as usize])
    }

    fn set_int(&mut self, f: F, v: u64) {
        self.integers[f as usize] = v;
        self.integer_set |= 1 << f as u8;
    }

    /// Records one member: checks for duplicates and the field's type.
    fn add(&mut self, key: Cow<'a, str>, value: Value<'a>) -> Result<(), Error> {
        let Some(f) = F::from_name(&key) else {
            // Unknown fields are ignored, but a duplicate is still a duplicate. A BTreeSet
            // keeps a body of many unknown keys O(n log n) without a random hash seed.
            let set = self.unknown.get_or_insert_with(BTreeSet::new);
            if set.contains(&key) {
                return Err(duplicate(&key));
            }
            set.insert(key);
            return Ok(());
        };
        let bit = 1u32 << (f as u8);
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
        if f == F::UserArgs && key == "usr_args" {
            self.user_args_name = "usr_args";
        }
        let name: &str = &key;
        let i = f as usize;
        match (f, value) {
            (_, Value::Null) if !f.is_required() => {}
            (F::AuthTimestamp, v) => self.set_int(f, auth_timestamp(v)?),
            (F::PublishTimestamp, v) => self.set_int(f, publish_timestamp(v)?),
            (_, Value::Num(n)) if f.is_integer() => self.set_int(f, integer(name, n)?),
            (_, v) if f.is_integer() => return Err(wrong_type(name, "a non-negative integer", &v)),
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
        Value::Num(n) => msg!(" ", quote(n).trim_matches('"')),
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
                quote(n).trim_matches('"'),
                " ",
                why,
                "; expected a non-negative integer"
            ),
        )
    })
}

/// Canonical decimal digits (no sign, no leading zero except "0") as `u64`.
pub(crate) fn decimal_u64(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() > 1 && b[0] == b'0' {
        return None;
    }
    digits_u64(b)
}

/// One to twenty ASCII digits as `u64`, `None` on anything else or overflow. Up to 19 digits
/// cannot overflow, so only a 20th digit is checked (a `checked_mul` on `u64` costs a 128-bit
/// multiplication call in wasm32).
fn digits_u64(b: &[u8]) -> Option<u64> {
    if b.is_empty() || b.len() > 20 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let (head, last) = b.split_at(b.len().min(19));
    let v = head.iter().fold(0u64, |v, &c| v * 10 + u64::from(c - b'0'));
    match last {
        [] => Some(v),
        [c] => v.checked_mul(10)?.checked_add(u64::from(c - b'0')),
        _ => None,
    }
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
        let (kind, required): (Kind, &[F]) = match (has(F::Event), has(F::EventType)) {
            (true, false) => (Kind::Stream, &[F::Domain, F::App, F::Stream]),
            (false, true) => (Kind::Record, &[F::PublishDomain, F::App, F::Stream]),
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
        if let Some(missing) = required.iter().find(|&&f| !has(f)) {
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
    fn kind_detection() {
        assert_eq!(
            err(r#"{"event":"a","event_type":"b"}"#).code(),
            ErrorCode::UnknownCallback
        );
        assert_eq!(err(r#"{}"#).code(), ErrorCode::UnknownCallback);
    }

    #[test]
    fn field_table() {
        for (i, f) in F::ALL.into_iter().enumerate() {
            assert_eq!(f as usize, i);
            assert_eq!(F::from_name(f.name()), Some(f), "{}", f.name());
            // Near misses are unknown fields.
            assert_eq!(F::from_name(&f.name().to_uppercase()), None);
            assert_eq!(F::from_name(&format!("{}_", f.name())), None);
        }
        assert_eq!(F::from_name("usr_args"), Some(F::UserArgs));
        assert_eq!(F::from_name(""), None);
    }

    #[test]
    fn decimal() {
        assert_eq!(decimal_u64("0"), Some(0));
        assert_eq!(decimal_u64("18446744073709551615"), Some(u64::MAX));
        assert_eq!(
            decimal_u64("9999999999999999999"),
            Some(9_999_999_999_999_999_999)
        );
        assert_eq!(digits_u64(b"00042"), Some(42));
        for bad in [
            "",
            "01",
            "18446744073709551616",
            "99999999999999999999",
            "1a",
            "+1",
            " 1",
        ] {
            assert_eq!(decimal_u64(bad), None, "{bad}");
        }
    }
}
