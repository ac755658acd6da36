//! Property tests of the stream-session reducer (issue 13): any permutation of a set of
//! notifications, with duplicates, ends in the state of time order; a forged `publish_timestamp`
//! can neither end nor block a genuine later session; claim keys depend on signed fields only.

use huaweicloud_live_callback::state::{
    apply, claim_key, claim_key_of, claim_ttl_secs, record_file_key, reduce, Bounds, Change,
    Notice, StreamState,
};
use huaweicloud_live_callback::{
    sign, Algorithm, Callback, ErrorCode, Options, RecordCallback, RecordEvent, StreamEvent,
    StreamNotification, Verifier,
};
use proptest::prelude::*;

const KEY: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCD";
const BASE: u64 = 1_700_000_000;

/// A genuine notification as Huawei would send it, with the time it was signed.
#[derive(Clone, Copy, Debug)]
struct Genuine {
    notice: Notice,
}

/// Sessions of one stream. Each has a PUBLISH signed 0..10 s after it started and, unless it
/// is the last one, a PUBLISH_DONE (the last one may be live). Sessions may overlap (a restart
/// whose PUBLISH_DONE comes later or never) when `separated` is false; when it is true every
/// session starts more than `skew` after every earlier notification was signed.
fn sessions(separated: bool) -> impl Strategy<Value = Vec<Genuine>> {
    prop::collection::vec((0u64..10, 1u64..5_000, 0u64..3_000, any::<bool>()), 1..6).prop_map(
        move |specs| {
            let skew = Bounds::default().skew_secs;
            let mut out = Vec::new();
            let mut start = BASE;
            let n = specs.len();
            for (i, (delay, duration, gap, done)) in specs.into_iter().enumerate() {
                out.push(Genuine {
                    notice: Notice {
                        ended: false,
                        publish_timestamp: Some(start),
                        auth_timestamp: start + delay,
                    },
                });
                let end = start + delay + duration;
                if done || i + 1 < n && separated {
                    out.push(Genuine {
                        notice: Notice {
                            ended: true,
                            publish_timestamp: Some(start),
                            auth_timestamp: end,
                        },
                    });
                }
                start = if separated {
                    end.max(start + delay) + skew + 1 + gap
                } else {
                    start + 1 + gap
                };
            }
            out
        },
    )
}

fn time_order(mut g: Vec<Genuine>) -> Vec<Genuine> {
    g.sort_by_key(|n| (n.notice.auth_timestamp, n.notice.ended));
    g
}

fn now_of(g: &[Genuine]) -> u64 {
    g.iter()
        .map(|n| n.notice.auth_timestamp)
        .max()
        .unwrap_or(BASE)
        + 1
}

fn run(list: &[Notice], now: u64) -> Option<StreamState> {
    let b = Bounds::default();
    let mut state = None;
    for n in list {
        // A refused notice leaves the state as it was.
        if let Ok((s, change)) = apply(state, n, now, &b) {
            assert_eq!(
                change.changed(),
                Some(s) != state,
                "{change:?} {state:?} -> {s:?}"
            );
            assert!(
                state.is_none_or(|old| s >= old),
                "the state never goes back"
            );
            state = Some(s);
        }
    }
    state
}

/// A list with every element at least once plus duplicates, shuffled.
fn shuffled_with_dups<T: Clone + core::fmt::Debug>(items: Vec<T>) -> impl Strategy<Value = Vec<T>> {
    let n = items.len();
    prop::collection::vec(0..n.max(1), 0..(2 * n + 1)).prop_flat_map(move |extra| {
        let mut all: Vec<T> = items.clone();
        all.extend(extra.into_iter().map(|i| items[i].clone()));
        Just(all).prop_shuffle()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any order, any duplicates: the final state is the time-order state (and the maximum of
    /// the facts).
    #[test]
    fn order_and_duplicates_do_not_matter(
        (g, perm) in sessions(false).prop_flat_map(|g| {
            let items: Vec<Notice> = g.iter().map(|n| n.notice).collect();
            (Just(g), shuffled_with_dups(items))
        })
    ) {
        let now = now_of(&g);
        let ordered: Vec<Notice> = time_order(g.clone()).iter().map(|n| n.notice).collect();
        let expected = run(&ordered, now);
        let max = ordered
            .iter()
            .map(|n| StreamState { session: n.publish_timestamp.unwrap(), ended: n.ended })
            .max();
        prop_assert_eq!(expected, max);
        prop_assert_eq!(run(&perm, now), expected);
        // The last session is live exactly when its PUBLISH_DONE was among the notifications.
        let last = g.iter().map(|n| n.notice.publish_timestamp.unwrap()).max().unwrap();
        let done = g.iter().any(|n| n.notice.ended && n.notice.publish_timestamp == Some(last));
        prop_assert_eq!(expected.map(|s| (s.session, s.live())), Some((last, !done)));
    }

    /// Forged copies of genuine notifications (any `publish_timestamp`, 9999999999 among them),
    /// mixed in anywhere: a genuine session that started after they were signed (plus the skew)
    /// is neither ended nor blocked, and out-of-bounds values are refused without effect.
    #[test]
    fn forged_publish_timestamp_cannot_end_or_block_a_later_session(
        (g, forged_ts, perm_seed) in sessions(true).prop_flat_map(|g| {
            let n = g.len();
            (
                Just(g),
                prop::collection::vec(
                    (0..n, prop_oneof![Just(9_999_999_999u64), any::<u64>(), BASE - 10..BASE + 20_000]),
                    1..8,
                ),
                any::<u64>(),
            )
        })
    ) {
        let now = now_of(&g);
        let b = Bounds::default();
        // The last session and its notifications stay genuine; forgeries copy earlier ones.
        let last = g.iter().map(|n| n.notice.publish_timestamp.unwrap()).max().unwrap();
        let earlier: Vec<Notice> = g
            .iter()
            .map(|n| n.notice)
            .filter(|n| n.publish_timestamp != Some(last))
            .collect();
        let genuine: Vec<Notice> = g.iter().map(|n| n.notice).collect();
        let expected = run(&time_order(g.clone()).iter().map(|n| n.notice).collect::<Vec<_>>(), now);
        let mut all = genuine.clone();
        for (i, ts) in &forged_ts {
            if earlier.is_empty() { break; }
            let src = earlier[i % earlier.len()];
            let forged = Notice { publish_timestamp: Some(*ts), ..src };
            let (low, high) = b.range(src.auth_timestamp, now);
            let refused = apply(expected, &forged, now, &b);
            if *ts < low || *ts > high {
                prop_assert_eq!(refused.unwrap_err().code(), ErrorCode::InvalidField);
            } else {
                // Within bounds, but below the later genuine session: stale.
                prop_assert_eq!(refused.unwrap().1, Change::Stale);
            }
            all.push(forged);
        }
        // A deterministic shuffle from the seed.
        let mut seed = perm_seed | 1;
        for i in (1..all.len()).rev() {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
            all.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(run(&all, now), expected);
    }

    /// The join is a semilattice: commutative, associative, idempotent; reduce agrees with it,
    /// and the encoding keeps the order (the Redis script compares the encoded form).
    #[test]
    fn join_laws_and_encoding_order(a in any::<(u64, bool)>(), b in any::<(u64, bool)>(), c in any::<(u64, bool)>()) {
        let [a, b, c] = [a, b, c].map(|(session, ended)| StreamState { session, ended });
        prop_assert_eq!(a.join(b), b.join(a));
        prop_assert_eq!(a.join(b).join(c), a.join(b.join(c)));
        prop_assert_eq!(a.join(a), a);
        prop_assert_eq!(reduce(Some(a), b).0, a.join(b));
        let (ea, eb) = (a.encode(), b.encode());
        let enc_order = ea.len().cmp(&eb.len()).then_with(|| ea.cmp(&eb));
        prop_assert_eq!(enc_order, a.cmp(&b));
        prop_assert_eq!(StreamState::decode(&ea).unwrap(), a);
    }

    /// Stored values are read strictly: anything decodes to a state whose encoding is exactly the
    /// input, or is INVALID_FIELD; nothing panics.
    #[test]
    fn decode_is_strict(s in prop_oneof![any::<String>(), "[0-9]{0,22}", "0[0-9]{0,3}"]) {
        match StreamState::decode(&s) {
            Ok(state) => prop_assert_eq!(state.encode(), s),
            Err(e) => prop_assert_eq!(e.code(), ErrorCode::InvalidField),
        }
    }

    /// Claim keys: the same signed delivery with other unsigned fields has the same key; another
    /// auth_timestamp or stream has another key; the signature's case does not matter.
    #[test]
    fn claim_keys_depend_on_signed_fields_only(
        pts in any::<u64>(), pts2 in any::<u64>(), ip in "[0-9.]{0,15}", ts in BASE..BASE + 1000, done in any::<bool>()
    ) {
        let cb = |pts: u64, ip: &str| Callback::Stream(StreamNotification {
            event: if done { StreamEvent::PublishDone } else { StreamEvent::Publish },
            domain: "push.example.com".into(),
            app: "live".into(),
            stream: "room123".into(),
            user_args: None,
            client_ip: Some(ip.into()),
            node_ip: None,
            publish_timestamp: Some(pts),
            auth_timestamp: None,
            auth_sign: None,
        });
        let v = Verifier::new(Options::new([KEY])).unwrap();
        let one = sign(&cb(pts, &ip), KEY, Algorithm::HmacSha256, ts).unwrap();
        let two = sign(&cb(pts2, "1.2.3.4"), KEY, Algorithm::HmacSha256, ts).unwrap();
        let later = sign(&cb(pts, &ip), KEY, Algorithm::HmacSha256, ts + 1).unwrap();
        let k1 = claim_key_of(&v.verify(one.body.as_bytes(), ts).unwrap()).unwrap();
        let k2 = claim_key_of(&v.verify(two.body.as_bytes(), ts).unwrap()).unwrap();
        let k3 = claim_key_of(&v.verify(later.body.as_bytes(), ts).unwrap()).unwrap();
        prop_assert_eq!(&k1, &k2);
        prop_assert_ne!(&k1, &k3);
        prop_assert!(k1.starts_with("n/") && k1.len() == 66);
        let mut upper = one.callback.clone();
        if let Callback::Stream(s) = &mut upper {
            s.auth_sign = s.auth_sign.as_ref().map(|x| x.to_ascii_uppercase());
        }
        prop_assert_eq!(claim_key(&upper, Algorithm::HmacSha256).unwrap(), k1);
    }
}

#[test]
fn boundary_shifted_variants_share_a_claim_key() {
    // Spec §6: app `live` + stream `room123` verifies as `liveroom1` + `23` (the verifier now
    // refuses the event/domain shift `PUBLISH` + `_DONEpush.example.com` as a host name).
    let mk = |app: &str, stream: &str| {
        Callback::Stream(StreamNotification {
            event: StreamEvent::PublishDone,
            domain: "push.example.com".into(),
            app: app.into(),
            stream: stream.into(),
            user_args: None,
            client_ip: None,
            node_ip: None,
            publish_timestamp: Some(BASE),
            auth_timestamp: None,
            auth_sign: None,
        })
    };
    let a = sign(&mk("live", "room123"), KEY, Algorithm::HmacSha256, BASE + 5).unwrap();
    let mut shifted = mk("liveroom1", "23");
    if let (Callback::Stream(s), Callback::Stream(o)) = (&mut shifted, &a.callback) {
        s.auth_timestamp = o.auth_timestamp;
        s.auth_sign = o.auth_sign.clone();
    }
    let v = Verifier::new(Options::new([KEY])).unwrap();
    let body = huaweicloud_live_callback::to_json(&shifted);
    let verified = v.verify(body.as_bytes(), BASE + 6).unwrap();
    assert_eq!(
        claim_key_of(&verified).unwrap(),
        claim_key(&a.callback, Algorithm::HmacSha256).unwrap()
    );
    // Different streams to the state, one delivery to the claims.
    assert_ne!(
        huaweicloud_live_callback::state::stream_key("push.example.com", "live", "room123"),
        huaweicloud_live_callback::state::stream_key("push.example.com", "liveroom1", "23")
    );
}

fn record(event: RecordEvent, url: Option<&str>, job: &str) -> Callback {
    Callback::Record(RecordCallback {
        event_type: event,
        publish_domain: "push.example.com".into(),
        app: "live".into(),
        stream: "room123".into(),
        download_url: url.map(Into::into),
        job_id: Some(job.into()),
        ..RecordCallback::default()
    })
}

#[test]
fn record_keys() {
    let url = "https://bucket.obs.example.com/live/room123/1700000000.mp4";
    let a = sign(
        &record(RecordEvent::RecordFileComplete, Some(url), "j1"),
        KEY,
        Algorithm::HmacSha256,
        BASE,
    )
    .unwrap();
    // Huawei's retry of the same file with a fresh signature (and another unsigned job_id).
    let retry = sign(
        &record(RecordEvent::RecordFileComplete, Some(url), "j2"),
        KEY,
        Algorithm::HmacSha256,
        BASE + 60,
    )
    .unwrap();
    let other = sign(
        &record(
            RecordEvent::RecordFileComplete,
            Some(&format!("{url}x")),
            "j1",
        ),
        KEY,
        Algorithm::HmacSha256,
        BASE,
    )
    .unwrap();
    let fk = |s: &huaweicloud_live_callback::Signed| {
        record_file_key(&s.callback, Algorithm::HmacSha256).unwrap()
    };
    assert_eq!(fk(&a), fk(&retry));
    assert_ne!(fk(&a), fk(&other));
    assert!(fk(&a).starts_with("f/"));
    // Per delivery, the retry is another claim.
    let ck = |s: &huaweicloud_live_callback::Signed| {
        claim_key(&s.callback, Algorithm::HmacSha256).unwrap()
    };
    assert_ne!(ck(&a), ck(&retry));
    assert!(ck(&a).starts_with("r/"));
    // MD5 binds no field: no key.
    let md5 = sign(
        &record(RecordEvent::RecordFileComplete, Some(url), "j1"),
        KEY,
        Algorithm::Md5,
        BASE,
    )
    .unwrap();
    assert_eq!(
        claim_key(&md5.callback, Algorithm::Md5).unwrap_err().code(),
        ErrorCode::Md5NotAllowed
    );
    assert_eq!(
        record_file_key(&md5.callback, Algorithm::Md5)
            .unwrap_err()
            .code(),
        ErrorCode::Md5NotAllowed
    );
    let start = record(RecordEvent::RecordStart, None, "j");
    assert_eq!(
        record_file_key(&start, Algorithm::HmacSha256)
            .unwrap_err()
            .code(),
        ErrorCode::InvalidField
    );
    let no_url = record(RecordEvent::RecordFileComplete, None, "j");
    assert_eq!(
        record_file_key(&no_url, Algorithm::HmacSha256)
            .unwrap_err()
            .code(),
        ErrorCode::MissingField
    );
}

#[test]
fn notices_from_verified_callbacks() {
    let v = Verifier::new(Options::new([KEY])).unwrap();
    let mut n = StreamNotification {
        event: StreamEvent::PublishDone,
        domain: "push.example.com".into(),
        app: "live".into(),
        stream: "room123".into(),
        user_args: None,
        client_ip: None,
        node_ip: None,
        publish_timestamp: Some(BASE),
        auth_timestamp: None,
        auth_sign: None,
    };
    let s = sign(
        &Callback::Stream(n.clone()),
        KEY,
        Algorithm::HmacSha256,
        BASE + 6,
    )
    .unwrap();
    let verified = v.verify(s.body.as_bytes(), BASE + 7).unwrap();
    let notice = Notice::from_verified(&verified).unwrap();
    assert_eq!(
        notice,
        Notice {
            ended: true,
            publish_timestamp: Some(BASE),
            auth_timestamp: BASE + 6
        }
    );
    n.event = StreamEvent::Other("PUBLISH_PAUSE".into());
    n.auth_timestamp = Some(BASE);
    assert_eq!(
        Notice::from_stream(&n).unwrap_err().code(),
        ErrorCode::InvalidField
    );
    n.event = StreamEvent::Publish;
    n.auth_timestamp = None;
    assert_eq!(
        Notice::from_stream(&n).unwrap_err().code(),
        ErrorCode::MissingSignature
    );
    let rec = sign(
        &record(RecordEvent::RecordStart, None, "j"),
        KEY,
        Algorithm::HmacSha256,
        BASE,
    )
    .unwrap();
    let rv = v.verify(rec.body.as_bytes(), BASE).unwrap();
    assert_eq!(
        Notice::from_verified(&rv).unwrap_err().code(),
        ErrorCode::UnknownCallback
    );
    assert_eq!(claim_ttl_secs(&Options::default()), 86_700);
    let huge = Options {
        tolerance_secs: u64::MAX,
        ..Options::default()
    };
    assert_eq!(claim_ttl_secs(&huge), u64::MAX);
}

#[test]
fn the_issue_example() {
    // A genuine session 1 ends; its PUBLISH_DONE, replayed with publish_timestamp 9999999999,
    // must neither end session 2 nor keep it from starting.
    let b = Bounds::default();
    let done1 = Notice {
        ended: true,
        publish_timestamp: Some(BASE),
        auth_timestamp: BASE + 100,
    };
    let forged = Notice {
        publish_timestamp: Some(9_999_999_999),
        ..done1
    };
    let publish2 = Notice {
        ended: false,
        publish_timestamp: Some(BASE + 200),
        auth_timestamp: BASE + 203,
    };
    let now = BASE + 210;
    let (s, _) = apply(None, &done1, now, &b).unwrap();
    assert_eq!(
        apply(Some(s), &forged, now, &b).unwrap_err().code(),
        ErrorCode::InvalidField
    );
    let (s, c) = apply(Some(s), &publish2, now, &b).unwrap();
    assert_eq!(
        (c, s.live(), s.session),
        (Change::Started, true, BASE + 200)
    );
    assert_eq!(
        apply(Some(s), &forged, now, &b).unwrap_err().code(),
        ErrorCode::InvalidField
    );
}
