//! The callback model: the two kinds, their events, and [`Callback`], the owned callback of
//! either kind. The two typed structs, [`StreamNotification`] and [`RecordCallback`], are
//! written by the field table (`fields.rs`) (spec §1, §2).

use std::borrow::Cow;

use crate::fields::{documented_order, Field, FieldRef};
pub use crate::fields::{RecordCallback, StreamNotification};
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
        self.fields().map(|(f, _)| f.name()).collect()
    }

    /// The known fields of this kind that are present, in Huawei's documented order (the
    /// order [`crate::to_json`] writes and [`crate::CallbackRef::fields`] yields).
    pub fn fields(&self) -> impl Iterator<Item = (Field, FieldRef<'_>)> + '_ {
        documented_order(self.kind())
            .iter()
            .filter_map(move |&f| Some((f, self.get(f)?)))
    }

    /// The value of `f`, if this callback's kind has it and it is present.
    pub fn get(&self, f: Field) -> Option<FieldRef<'_>> {
        match self {
            Callback::Stream(s) => s.get(f),
            Callback::Record(r) => r.get(f),
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
