//! Issue 9 / spec §6: the string-to-sign has no separators, so the signature of a genuine
//! callback also covers every re-split of its signed values. Over every valid HMAC case of
//! `tests/vectors/callbacks.json`, every re-split of 1 to 4 characters either way across every
//! boundary, keeping the genuine `auth_sign`:
//! - with `domains` and `apps` set to the callback's own values, no variant verifies;
//! - under the case's own options, no variant that changes the event name verifies (unless the
//!   case opts into `allow_unknown_events`).
//!
//! The `stream|auth_timestamp` boundary is closed by the time bounds, so cases whose tolerance
//! or future bound is wider than a factor of ten of `auth_timestamp` skip that boundary.

use huaweicloud_live_callback::{
    explain, to_json, Callback, Key, Options, RecordEvent, StreamEvent, Verifier,
};
use serde_json::Value;

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string("tests/vectors/callbacks.json").expect("the vector file");
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    doc["cases"].as_array().expect("cases").clone()
}

fn int(v: &Value) -> Option<u64> {
    v.as_u64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

fn options(case: &Value) -> (Options, u64) {
    let o = &case["options"];
    let d = Options::default();
    let keys = case["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| Key::new(k["key"].as_str().unwrap()))
        .collect();
    let opts = Options {
        keys,
        tolerance_secs: int(&o["toleranceSeconds"]).unwrap_or(d.tolerance_secs),
        max_future_secs: int(&o["maxFutureSeconds"]).unwrap_or(d.max_future_secs),
        allow_md5: o["allowMd5"].as_bool().unwrap_or(false),
        max_body_bytes: int(&o["maxBodyBytes"]).map_or(d.max_body_bytes, |v| v as usize),
        domains: strings(&o["domains"]),
        apps: strings(&o["apps"]),
        allow_unknown_events: o["allowUnknownEvents"].as_bool().unwrap_or(false),
    };
    (opts, int(&o["now"]).unwrap())
}

/// The body, unless the case builds it from a repeat pattern (the large-body cases: their
/// signed values are those of other cases).
fn body(case: &Value) -> Option<Vec<u8>> {
    match (case["body"].as_str(), case["bodyHex"].as_str()) {
        (Some(b), _) => Some(b.as_bytes().to_vec()),
        (None, Some(h)) => Some(hex::decode(h).unwrap()),
        _ => None,
    }
}

/// The signed values in string-to-sign order, as strings (`auth_timestamp` in decimal).
fn parts(cb: &Callback) -> Vec<(&'static str, String)> {
    match cb {
        Callback::Stream(s) => vec![
            ("event", s.event.as_str().to_owned()),
            ("domain", s.domain.clone()),
            ("app", s.app.clone()),
            ("stream", s.stream.clone()),
            ("auth_timestamp", s.auth_timestamp.unwrap().to_string()),
        ],
        Callback::Record(r) => vec![
            ("auth_timestamp", r.auth_timestamp.unwrap().to_string()),
            ("event_type", r.event_type.as_str().to_owned()),
            ("publish_domain", r.publish_domain.clone()),
            ("app", r.app.clone()),
            ("stream", r.stream.clone()),
            ("download_url", r.download_url.clone().unwrap_or_default()),
            ("play_url", r.play_url.clone().unwrap_or_default()),
        ],
    }
}

/// The callback with these signed values (the signature kept); `None` when the values cannot be
/// sent (an `auth_timestamp` that is not canonical decimal digits).
fn with_parts(cb: &Callback, parts: &[(&'static str, String)]) -> Option<Callback> {
    let get = |name: &str| parts.iter().find(|(f, _)| *f == name).unwrap().1.clone();
    let ts_text = get("auth_timestamp");
    let ts: u64 = ts_text.parse().ok()?;
    if ts.to_string() != ts_text {
        return None;
    }
    let url = |name: &str| Some(get(name)).filter(|s| !s.is_empty());
    let mut out = cb.clone();
    match &mut out {
        Callback::Stream(s) => {
            s.event = match get("event").as_str() {
                "PUBLISH" => StreamEvent::Publish,
                "PUBLISH_DONE" => StreamEvent::PublishDone,
                other => StreamEvent::Other(other.to_owned()),
            };
            s.domain = get("domain");
            s.app = get("app");
            s.stream = get("stream");
            s.auth_timestamp = Some(ts);
        }
        Callback::Record(r) => {
            let name = get("event_type");
            r.event_type = match name.as_str() {
                "RECORD_START" => RecordEvent::RecordStart,
                "RECORD_NEW_FILE_START" => RecordEvent::RecordNewFileStart,
                "RECORD_FILE_COMPLETE" => RecordEvent::RecordFileComplete,
                "RECORD_OVER" => RecordEvent::RecordOver,
                "RECORD_FAILED" => RecordEvent::RecordFailed,
                _ => RecordEvent::Other(name),
            };
            r.publish_domain = get("publish_domain");
            r.app = get("app");
            r.stream = get("stream");
            r.download_url = url("download_url");
            r.play_url = url("play_url");
            r.auth_timestamp = Some(ts);
        }
    }
    Some(out)
}

/// Every re-split of 1 to 4 characters either way across boundary `b`.
fn resplits(parts: &[(&'static str, String)], b: usize) -> Vec<Vec<(&'static str, String)>> {
    let mut out = Vec::new();
    let (a, c) = (&parts[b].1, &parts[b + 1].1);
    let (na, nc) = (a.chars().count(), c.chars().count());
    for k in 1..=4usize {
        let mut push = |a2: String, c2: String| {
            let mut p = parts.to_vec();
            p[b].1 = a2;
            p[b + 1].1 = c2;
            out.push(p);
        };
        if k <= na {
            let cut = a.char_indices().nth(na - k).map_or(a.len(), |(i, _)| i);
            push(a[..cut].to_owned(), format!("{}{c}", &a[cut..]));
        }
        if k <= nc {
            let cut = c.char_indices().nth(k).map_or(c.len(), |(i, _)| i);
            push(format!("{a}{}", &c[..cut]), c[cut..].to_owned());
        }
    }
    out
}

#[test]
fn no_resplit_of_a_genuine_callback_verifies_with_domains_and_apps_set() {
    let (mut checked, mut cases_seen) = (0usize, 0usize);
    let mut failures = Vec::new();
    for case in cases() {
        let e = &case["expect"];
        if e["ok"] != true || e["algorithm"] != "HMAC-SHA256" {
            continue;
        }
        let name = case["name"].as_str().unwrap();
        let (opts, now) = options(&case);
        let Some(body) = body(&case) else {
            continue;
        };
        let genuine = Verifier::new(opts.clone())
            .unwrap()
            .verify(&body, now)
            .unwrap_or_else(|e| panic!("{name}: the vector file says ok: {e}"));
        let cb = genuine.callback;
        let p = parts(&cb);
        let (domain, app) = match &cb {
            Callback::Stream(s) => (s.domain.clone(), s.app.clone()),
            Callback::Record(r) => (r.publish_domain.clone(), r.app.clone()),
        };
        let pinned = Verifier::new(Options {
            domains: vec![domain],
            apps: vec![app],
            ..opts.clone()
        })
        .unwrap();
        let plain = Verifier::new(opts.clone()).unwrap();
        let ts = cb.auth_timestamp().unwrap();
        // Moving one digit multiplies or divides auth_timestamp by ten (at least ts - ts/10 away).
        let time_closes =
            opts.tolerance_secs < ts - ts / 10 && opts.max_future_secs < ts.saturating_mul(9);
        cases_seen += 1;
        for b in 0..p.len() - 1 {
            let touches_ts = p[b].0 == "auth_timestamp" || p[b + 1].0 == "auth_timestamp";
            if touches_ts && !time_closes {
                continue;
            }
            for variant in resplits(&p, b) {
                let Some(forged) = with_parts(&cb, &variant) else {
                    continue;
                };
                let json = to_json(&forged);
                checked += 1;
                if let Ok(v) = pinned.verify(json.as_bytes(), now) {
                    failures.push(format!(
                        "{name}: {}|{} re-split verifies with domains and apps set: {json} ({:?})",
                        p[b].0,
                        p[b + 1].0,
                        v.key_index
                    ));
                }
                let event_changed = forged.event() != cb.event();
                if event_changed && !opts.allow_unknown_events {
                    if let Ok(_v) = plain.verify(json.as_bytes(), now) {
                        failures.push(format!(
                            "{name}: a re-split that changes the event verifies under the case's options: {json}"
                        ));
                    }
                }
            }
        }
    }
    assert!(
        cases_seen > 50 && checked > 1000,
        "{cases_seen} cases, {checked} variants"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `explain` reports exactly the boundaries a re-split can cross under the options given, and
/// none once `domains` and `apps` are set.
#[test]
fn explain_names_the_open_boundaries() {
    let case = cases()
        .into_iter()
        .find(|c| c["name"] == "stream/PUBLISH/hmac/valid-doc-example")
        .unwrap();
    let (opts, now) = options(&case);
    let b = body(&case).unwrap();
    let x = explain(&b, &opts, now);
    let open: Vec<_> = x
        .open_boundaries
        .iter()
        .map(|o| format!("{}|{}", o.before, o.after))
        .collect();
    assert_eq!(
        open,
        ["domain|app", "app|stream"],
        "{:?}",
        x.open_boundaries
    );
    assert!(
        x.hints
            .iter()
            .any(|h| h.contains("domain|app") && h.contains("Set domains and apps")),
        "{:?}",
        x.hints
    );
    // Each example is a real forgery: the body with those values verifies under these options.
    let Callback::Stream(s) = x.callback.clone().unwrap() else {
        panic!()
    };
    let ex = &x.open_boundaries[1].example;
    let forged = Callback::Stream(huaweicloud_live_callback::StreamNotification {
        app: ex.0.clone(),
        stream: ex.1.clone(),
        ..s
    });
    assert!(Verifier::new(opts.clone())
        .unwrap()
        .verify(to_json(&forged).as_bytes(), now)
        .is_ok());
    let closed = Options {
        domains: vec!["push.example.com".into()],
        apps: vec!["live".into()],
        ..opts.clone()
    };
    assert_eq!(explain(&b, &closed, now).open_boundaries, []);
    let loose = Options {
        allow_unknown_events: true,
        ..opts
    };
    let open: Vec<_> = explain(&b, &loose, now)
        .open_boundaries
        .iter()
        .map(|o| format!("{}|{}", o.before, o.after))
        .collect();
    assert_eq!(open, ["event|domain", "domain|app", "app|stream"]);
}
