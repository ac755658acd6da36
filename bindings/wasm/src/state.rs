//! Receiver state for the npm package's `createStreamTracker` (issue 13), behind the `tools`
//! feature. Conversions only: the reducer, the bounds and the keys are the core's
//! (`huaweicloud_live_callback::state`). Same wire as the rest of the bindings: JSON text
//! starting with `{`, or `!CODE message`; `u64`s as two `u32` halves.

use huaweicloud_live_callback as hw;
use hw::json_out::{push_string, push_u64};
use hw::state::{self, Bounds, Notice, StreamState};
use wasm_bindgen::prelude::*;

use super::{error_wire, u64_from};

/// A stream notification with only the signed fields. The core reads the event by its name
/// only (as signed), so `Other` serves every name.
fn stream_notification(
    event: String,
    domain: String,
    app: String,
    stream: String,
    auth_timestamp: Option<u64>,
    auth_sign: Option<String>,
) -> hw::StreamNotification {
    hw::StreamNotification {
        event: hw::StreamEvent::Other(event),
        domain,
        app,
        stream,
        user_args: None,
        client_ip: None,
        node_ip: None,
        publish_timestamp: None,
        auth_timestamp,
        auth_sign,
    }
}

fn state_json(out: &mut String, s: &StreamState) {
    out.push_str("\"state\":");
    push_string(out, &s.encode());
    out.push_str(",\"live\":");
    out.push_str(if s.live() { "true" } else { "false" });
    out.push_str(",\"session\":");
    // The wire's rule for integers: above 2^53 - 1 as {"$int":"digits"} (a bigint in JS).
    if s.session <= crate::json::MAX_SAFE_INTEGER {
        push_u64(out, s.session);
    } else {
        out.push_str("{\"$int\":\"");
        push_u64(out, s.session);
        out.push_str("\"}");
    }
}

/// The store key and the checked fact of a stream notification, and with `with_claim` its
/// claim key: `{"key":…,"fact":…,"claim":…}`, or the core's error (a recording callback, an
/// unknown event, no signature, no or an out-of-bounds `publish_timestamp`). `event` is the
/// event name as verified.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen]
pub fn state_prepare(
    record: bool,
    event: String,
    domain: String,
    app: String,
    stream: String,
    has_publish: bool,
    publish_hi: u32,
    publish_lo: u32,
    has_auth: bool,
    auth_hi: u32,
    auth_lo: u32,
    auth_sign: Option<String>,
    with_claim: bool,
    now_hi: u32,
    now_lo: u32,
    skew_hi: u32,
    skew_lo: u32,
    max_session_hi: u32,
    max_session_lo: u32,
) -> String {
    let auth = has_auth.then(|| u64_from(auth_hi, auth_lo));
    let callback = if record {
        hw::Callback::Record(hw::RecordCallback::default())
    } else {
        let mut n = stream_notification(event, domain, app, stream, auth, auth_sign);
        n.publish_timestamp = has_publish.then(|| u64_from(publish_hi, publish_lo));
        hw::Callback::Stream(n)
    };
    // The core decides what counts (kind, event, signature) and words the refusals.
    let notice = match Notice::from_callback(&callback) {
        Ok(n) => n,
        Err(e) => return error_wire(&e),
    };
    let bounds = Bounds {
        skew_secs: u64_from(skew_hi, skew_lo),
        max_session_secs: u64_from(max_session_hi, max_session_lo),
    };
    let fact = match notice.fact(u64_from(now_hi, now_lo), &bounds) {
        Err(e) => return error_wire(&e),
        Ok(fact) => fact,
    };
    let hw::Callback::Stream(n) = &callback else {
        // Unreachable: Notice::from_callback refuses recordings.
        return "!UNKNOWN_CALLBACK stream state: not a stream notification".to_owned();
    };
    let claim = if with_claim {
        match state::claim_key(&callback, hw::Algorithm::HmacSha256) {
            Ok(k) => Some(k),
            Err(e) => return error_wire(&e),
        }
    } else {
        None
    };
    let key = state::stream_key(&n.domain, &n.app, &n.stream);
    let mut out = String::with_capacity(key.len() + 128);
    out.push_str("{\"key\":");
    push_string(&mut out, &key);
    out.push_str(",\"fact\":");
    push_string(&mut out, &fact.encode());
    if let Some(claim) = claim {
        out.push_str(",\"claim\":");
        push_string(&mut out, &claim);
    }
    out.push('}');
    out
}

/// The store key of a stream (`s/<len>:<domain>/<len>:<app>/<stream>`).
#[wasm_bindgen]
pub fn state_key(domain: &str, app: &str, stream: &str) -> String {
    state::stream_key(domain, app, stream)
}

/// Joins `fact` into the stored state `old` (absent: none):
/// `{"state":…,"live":…,"session":…,"change":…}`; a corrupt `old` or `fact` is an error.
#[wasm_bindgen]
pub fn state_reduce(old: Option<String>, fact: &str) -> String {
    let old = match old.as_deref().map(StreamState::decode).transpose() {
        Ok(o) => o,
        Err(e) => return error_wire(&e),
    };
    let fact = match StreamState::decode(fact) {
        Ok(f) => f,
        Err(e) => return error_wire(&e),
    };
    let (new, change) = state::reduce(old, fact);
    let mut out = String::with_capacity(96);
    out.push('{');
    state_json(&mut out, &new);
    out.push_str(",\"change\":\"");
    out.push_str(change.as_str());
    out.push_str("\"}");
    out
}

/// The join of two stored states (the memory and Durable Object stores run it inside their
/// atomic section): the encoded greater one, or an error for a corrupt value.
#[wasm_bindgen]
pub fn state_join(old: &str, fact: &str) -> String {
    match (StreamState::decode(old), StreamState::decode(fact)) {
        (Ok(a), Ok(b)) => a.join(b).encode(),
        (Err(e), _) | (_, Err(e)) => error_wire(&e),
    }
}

/// A stored state as `{"state":…,"live":…,"session":…}`.
#[wasm_bindgen]
pub fn state_view(stored: &str) -> String {
    match StreamState::decode(stored) {
        Err(e) => error_wire(&e),
        Ok(s) => {
            let mut out = String::with_capacity(64);
            out.push('{');
            state_json(&mut out, &s);
            out.push('}');
            out
        }
    }
}

/// The core's Redis script of the atomic join ([`hw::state::REDIS_JOIN_LUA`]).
#[wasm_bindgen]
pub fn state_redis_lua() -> String {
    state::REDIS_JOIN_LUA.to_owned()
}

/// The claim key (and for a recording the file key) of a verified callback, from its signed
/// fields: `{"claim":"n/…"}` / `{"claim":"r/…","file":"f/…"}` (or `"fileError":"!CODE …"`
/// when the recording names no file), or the core's error (MD5, no signature).
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen]
pub fn state_claim_keys(
    record: bool,
    md5: bool,
    event: String,
    domain: String,
    app: String,
    stream: String,
    download_url: Option<String>,
    play_url: Option<String>,
    has_auth: bool,
    auth_hi: u32,
    auth_lo: u32,
    auth_sign: Option<String>,
) -> String {
    let auth_timestamp = has_auth.then(|| u64_from(auth_hi, auth_lo));
    let callback = if record {
        hw::Callback::Record(hw::RecordCallback {
            // The keys use the event's name only (as signed), so `Other` serves every name.
            event_type: hw::RecordEvent::Other(event),
            publish_domain: domain,
            app,
            stream,
            download_url,
            play_url,
            auth_timestamp,
            auth_sign,
            ..Default::default()
        })
    } else {
        hw::Callback::Stream(stream_notification(
            event,
            domain,
            app,
            stream,
            auth_timestamp,
            auth_sign,
        ))
    };
    let algorithm = if md5 {
        hw::Algorithm::Md5
    } else {
        hw::Algorithm::HmacSha256
    };
    match state::claim_key(&callback, algorithm) {
        Err(e) => error_wire(&e),
        Ok(claim) => {
            let mut out = String::with_capacity(160);
            out.push_str("{\"claim\":");
            push_string(&mut out, &claim);
            // A recording's file key, or why there is none (for `claimFile`).
            if record {
                match state::record_file_key(&callback, algorithm) {
                    Ok(file) => {
                        out.push_str(",\"file\":");
                        push_string(&mut out, &file);
                    }
                    Err(e) => {
                        out.push_str(",\"fileError\":");
                        push_string(&mut out, &error_wire(&e));
                    }
                }
            }
            out.push('}');
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn json(s: &str) -> Value {
        assert!(s.starts_with('{'), "{s}");
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn prepare_reduce_view() {
        let t = 1_700_000_000u64;
        let p = json(&state_prepare(
            false,
            "PUBLISH_DONE".into(),
            "push.example.com".into(),
            "live".into(),
            "room\"1".into(),
            true,
            0,
            t as u32,
            true,
            0,
            (t + 6) as u32,
            Some("ab".repeat(32)),
            true,
            0,
            (t + 7) as u32,
            0,
            60,
            0,
            31_622_400,
        ));
        assert_eq!(p["key"], "s/16:push.example.com/4:live/room\"1");
        assert_eq!(p["fact"], (t * 2 + 1).to_string());
        // The claim key is the core's, as state_claim_keys gives it.
        let k = json(&state_claim_keys(
            false,
            false,
            "PUBLISH_DONE".into(),
            "push.example.com".into(),
            "live".into(),
            "room\"1".into(),
            None,
            None,
            true,
            0,
            (t + 6) as u32,
            Some("ab".repeat(32)),
        ));
        assert_eq!(p["claim"], k["claim"]);
        let r = json(&state_reduce(None, p["fact"].as_str().unwrap()));
        assert_eq!(r["change"], "ended");
        assert_eq!(r["live"], false);
        assert_eq!(r["session"], t);
        let publish = StreamState {
            session: t,
            ended: false,
        }
        .encode();
        let r2 = json(&state_reduce(
            Some(r["state"].as_str().unwrap().into()),
            &publish,
        ));
        assert_eq!(r2["change"], "stale");
        assert_eq!(
            state_join(&publish, r["state"].as_str().unwrap()),
            r["state"]
        );
        assert_eq!(json(&state_view(&publish))["live"], true);
        assert!(state_view("x").starts_with("!INVALID_FIELD "));
        let big = StreamState {
            session: u64::MAX,
            ended: true,
        };
        assert_eq!(
            json(&state_view(&big.encode()))["session"]["$int"],
            u64::MAX.to_string()
        );
        assert!(state_reduce(Some("01".into()), "2").starts_with("!INVALID_FIELD "));
        // Out of bounds, missing, unknown event, no signature, a recording callback.
        let prep = |record: bool, event: &str, publish: Option<u64>, auth: Option<u64>| {
            let (p, a) = (publish.unwrap_or(0), auth.unwrap_or(0));
            state_prepare(
                record,
                event.into(),
                "d".into(),
                "a".into(),
                "s".into(),
                publish.is_some(),
                (p >> 32) as u32,
                p as u32,
                auth.is_some(),
                (a >> 32) as u32,
                a as u32,
                Some("ab".repeat(32)),
                true,
                0,
                t as u32,
                0,
                60,
                0,
                100,
            )
        };
        let forged = prep(false, "PUBLISH_DONE", Some(9_999_999_999), Some(t));
        assert!(
            forged.starts_with("!INVALID_FIELD publish_timestamp 9999999999 "),
            "{forged}"
        );
        let missing = prep(false, "PUBLISH", None, Some(t));
        assert!(missing.starts_with("!MISSING_FIELD "), "{missing}");
        let other = prep(false, "PUBLISH_X", Some(t), Some(t));
        assert!(prep(false, "PUBLISH", Some(t), None).starts_with("!MISSING_SIGNATURE "));
        assert!(prep(true, "RECORD_START", Some(t), Some(t)).starts_with("!UNKNOWN_CALLBACK "));
        assert!(prep(false, "PUBLISH", Some(t), Some(t)).starts_with('{'));
        assert!(other.starts_with("!INVALID_FIELD "), "{other}");
        assert!(state_redis_lua().contains("redis.call('GET', KEYS[1])"));
    }

    #[test]
    fn claim_keys() {
        let sign = "ab".repeat(32);
        let k = |s: &str| {
            json(&state_claim_keys(
                false,
                false,
                "PUBLISH".into(),
                "d".into(),
                "a".into(),
                "s".into(),
                None,
                None,
                true,
                0,
                1,
                Some(s.into()),
            ))
        };
        assert_eq!(k(&sign), k(&sign.to_uppercase()));
        assert!(k(&sign)["claim"].as_str().unwrap().starts_with("n/"));
        assert!(k(&sign).get("file").is_none());
        let r = json(&state_claim_keys(
            true,
            false,
            "RECORD_FILE_COMPLETE".into(),
            "d".into(),
            "a".into(),
            "s".into(),
            Some("https://x/y.mp4".into()),
            None,
            true,
            0,
            1,
            Some(sign.clone()),
        ));
        assert!(r["claim"].as_str().unwrap().starts_with("r/"));
        assert!(r["file"].as_str().unwrap().starts_with("f/"));
        let start = json(&state_claim_keys(
            true,
            false,
            "RECORD_START".into(),
            "d".into(),
            "a".into(),
            "s".into(),
            None,
            None,
            true,
            0,
            1,
            Some(sign.clone()),
        ));
        assert!(start["fileError"]
            .as_str()
            .unwrap()
            .starts_with("!INVALID_FIELD "));
        let md5 = state_claim_keys(
            true,
            true,
            "RECORD_FILE_COMPLETE".into(),
            "d".into(),
            "a".into(),
            "s".into(),
            None,
            None,
            true,
            0,
            1,
            Some("ab".repeat(16)),
        );
        assert!(md5.starts_with("!MD5_NOT_ALLOWED "), "{md5}");
    }
}
