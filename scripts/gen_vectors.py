#!/usr/bin/env python3
"""Generate tests/vectors/callbacks.json, the shared callback test vectors.

This is an implementation independent of the Rust core: Python 3 standard
library only (hmac, hashlib, json). Everything is fixed (keys, timestamps,
bodies), so running it twice gives the same bytes.

    python3 scripts/gen_vectors.py           # (re)write tests/vectors/callbacks.json
    python3 scripts/gen_vectors.py --check   # exit 1 if the committed file is stale

Every case is entered twice: its expected outcome is declared by hand, and the
reference verifier of scripts/vector_oracle.py (the independent second
implementation) recomputes it from the body, keys and options following the
project's rules. Generation stops if the two disagree, or if a
body has more than one parse-phase defect (which would make the expected code
depend on the order of checks inside the parser).

Huawei publishes no callback with a real key and signature: every signature
here is ours.
"""

import argparse
import hashlib
import json
import os
import sys

sys.dont_write_bytecode = True  # leave no scripts/__pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vector_oracle import DEFAULTS, U64_MAX, Fail, compute, key_ok, md5_hex, record_sts, ref_verify  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "vectors", "callbacks.json")

JS_SAFE_MAX = 2**53 - 1

KEYS = {
    "primary": "Pv4kQ9mZt2Lx7Wc3Rb8Nh5Jd1Fs6Gy0Ue2Ka7Mo9",
    "secondary": "Sx3nB8qT1vR6yH4kW9pL2cM7dF5gJ0zA3eU8iO1r",
    "other": "Ot6wE1rY4uI9oP2aS7dF3gH8jK5lZ0xC4vB9nM2q",
}
for _k in KEYS.values():
    assert len(_k) == 40 and _k.isascii() and _k.isalnum()

SOURCE = (
    "Synthetic test vectors for Huawei Cloud Live HTTP callbacks (stream status "
    "notifications and recording callbacks). Huawei publishes no callback with a real "
    "key and a real signature (the documentation examples carry masked placeholders such "
    "as \"ff3b2bxxx5cf...\"), so every key, body and signature in this file is ours: "
    "signatures were computed by scripts/gen_vectors.py with Python's hmac/hashlib from "
    "the documented formulas, independently of the Rust implementation. Bodies are "
    "modelled on the examples of the Huawei Cloud Live user guide."
)

NOTES = [
    "Stream notification: auth_sign = hex(HMAC-SHA256(key, event + domain + app + stream + auth_timestamp)).",
    "Recording callback, HMACSHA256: auth_sign = hex(HMAC-SHA256(key, auth_timestamp + event_type + publish_domain + app + stream + download_url + play_url)); an absent or null field contributes the empty string.",
    "Recording callback, MD5: auth_sign = hex(MD5(key + auth_timestamp)); binds no body field.",
    "All strings are UTF-8 after JSON unescaping, concatenated without separators; auth_timestamp is hashed as its canonical decimal digits.",
    "Regenerate with `python3 scripts/gen_vectors.py`; CI runs `--check`. Schema: tests/vectors/README.md.",
    "Integers above 2^53-1 (options, authTimestamp) are written as decimal strings; readers accept a number or a decimal string.",
]

# --------------------------------------------------------------------------
# Body construction
# --------------------------------------------------------------------------


class Raw:
    """Raw JSON text, inserted into a body as is."""

    def __init__(self, text):
        self.text = text


def jtext(v):
    return v.text if isinstance(v, Raw) else json.dumps(v, ensure_ascii=False)


def jvalue(v):
    return json.loads(v.text) if isinstance(v, Raw) else v


def render(pairs, style="compact"):
    items = [(jtext(k), jtext(v)) for k, v in pairs]
    if style == "compact":
        return "{" + ",".join(k + ":" + v for k, v in items) + "}"
    if style == "doc_stream":  # like the stream notification example: 4 spaces, no space after ':'
        return "{\n" + ",\n".join("    " + k + ":" + v for k, v in items) + "\n}"
    if style == "doc_record":  # like the recording callback example
        return "{\n" + ",\n".join("    " + k + ": " + v for k, v in items) + "\n}"
    raise ValueError(style)


def fields_of(pairs):
    return {jvalue(k): jvalue(v) for k, v in pairs}


def put(pairs, key, value):
    """Replace key's value (or append) and return a new list."""
    out, done = [], False
    for k, v in pairs:
        if jvalue(k) == key and not done:
            out.append((k, value))
            done = True
        else:
            out.append((k, v))
    if not done:
        out.append((key, value))
    return out


def drop(pairs, *keys):
    return [(k, v) for k, v in pairs if jvalue(k) not in keys]


def sign_pairs(pairs, kind, key, ts, alg="HMAC-SHA256"):
    """Signature over the fields of pairs (values as decoded)."""
    f = fields_of(pairs)
    return compute(kind, alg, f, key, ts)[1]


def with_auth(pairs, ts, sig, ts_json=None):
    return pairs + [("auth_timestamp", ts if ts_json is None else ts_json), ("auth_sign", sig)]


# --------------------------------------------------------------------------
# Realistic bodies (modelled on the documentation examples)
# --------------------------------------------------------------------------

USER_ARGS = (
    "auth_info=yz1TG0PVN/5isfyrGrRj10gKPCWqSS2X02t6QsRrocH+mEq0gQ0g8k6KhalS84sQ+kDprFyqI0yajbY"
    "iFmUO8e45B7ryaS+MpJBlYkhwnuFLnRiKK/IXG7.33436b625354564f6e4d4d434f55&cdn=hw"
)
STREAM_SIGNED_AT = 1587954140  # auth_timestamp of the stream example
STREAM_NOW = 1587954200  # the verifier's clock for stream cases: 60 s after signing
RECORD_SIGNED_AT = 1583676745  # auth_timestamp of the recording example
RECORD_NOW = 1583676800  # the verifier's clock for recording cases: 55 s after signing


def stream_base(event="PUBLISH", args_name="user_args"):
    return [
        ("domain", "push.example.com"),
        ("app", "live"),
        ("stream", "example_stream"),
        (args_name, USER_ARGS),
        ("client_ip", "100.111.*.*"),
        ("node_ip", "112.11.*.*"),
        ("publish_timestamp", "1587954134"),
        ("event", event),
    ]


DOWNLOAD_URL = (
    "https://obs.cn-north-4.myhuaweicloud.com/live/record-xxxx-mystream-1589967495/"
    "record-push.example.com-live-mystream-1589967495.m3u8"
)


def record_base(event="RECORD_FILE_COMPLETE"):
    head = [
        ("project_id", "70b76xxxxxx34253880af501cdxxxxxx"),
    ]
    job = [("job_id", "dc0a1773-0cef-xxxx-xxxx-9a38fdb095d2")]
    mid = [
        ("task_id", "51126d0ebe94b1da00d2e21a10xxxxxx"),
        ("event_type", event),
        ("publish_domain", "push.example.com"),
        ("app", "live"),
        ("stream", "mystream"),
        ("record_format", "HLS"),
    ]
    if event == "RECORD_FILE_COMPLETE":
        return head + job + mid + [
            ("download_url", DOWNLOAD_URL),
            ("asset_id", "1a0d8e9bfaexxxxxxbe5021e62aa1e96"),
            ("file_size", 3957964),
            ("record_duration", 120),
            ("start_time", "2020-03-08T14:10:25Z"),
            ("end_time", "2020-03-08T14:12:25Z"),
            ("width", 1280),
            ("height", 720),
        ]
    if event == "RECORD_NEW_FILE_START":
        return head + job + mid
    if event == "RECORD_FAILED":
        return head + mid + [("error_message", "failed to upload the recording to OBS: access denied")]
    return head + mid


# --------------------------------------------------------------------------
# Case registry
# --------------------------------------------------------------------------

CASES = []
NAMES = set()


def _opt_out(opts):
    out = {}
    for k, v in opts.items():
        if isinstance(v, bool):
            out[k] = v
        elif isinstance(v, list):
            out[k] = list(v)
        elif isinstance(v, int):
            out[k] = str(v) if v > JS_SAFE_MAX else v
        else:
            raise TypeError(k)
    return out


def _keys_in(keys):
    out = []
    for k in keys:
        if isinstance(k, str):
            out.append((k, KEYS[k]))
        else:
            out.append(k)
    return out


def add(name, description, body=None, *, body_hex=None, body_repeat=None, keys=("primary",),
        options=None, expect="OK"):
    assert name not in NAMES, name
    assert name.count("/") >= 3, name
    NAMES.add(name)
    assert sum(x is not None for x in (body, body_hex, body_repeat)) == 1, name
    options = dict(options or {})
    assert "now" in options, name
    for k in options:
        assert k in DEFAULTS or k == "now", k
    keys = _keys_in(keys)
    case = {"name": name, "description": description}
    if body is not None:
        raw = body.encode("utf-8")  # fails on lone surrogates: such bodies must use bodyHex
        case["body"] = body
    elif body_hex is not None:
        raw = bytes.fromhex(body_hex)
        case["bodyHex"] = body_hex
    else:
        rep = {"prefix": "", "unit": "", "count": 0, "middle": "", "close": "", "suffix": ""}
        rep.update(body_repeat)
        text = rep["prefix"] + rep["unit"] * rep["count"] + rep["middle"] + rep["close"] * rep["count"] + rep["suffix"]
        raw = text.encode("utf-8")
        case["bodyRepeat"] = {k: v for k, v in rep.items() if v != "" or k in ("prefix", "unit", "suffix")}
        case["bodySha256"] = hashlib.sha256(raw).hexdigest()
    case["bodyLength"] = len(raw)
    case["keys"] = [{"id": i, "key": k} for i, k in keys]
    case["options"] = _opt_out(options)
    try:
        got = ref_verify(raw, keys, options)
        code = "OK"
    except Fail as e:
        code = e.code
        got = {"ok": False, "error": e.code}
        got.update(e.extra)
    if code != expect:
        raise AssertionError("%s: declared %s, reference verifier says %s" % (name, expect, code))
    case["expect"] = got
    CASES.append(case)


# --------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------

PRIMARY_KEY = KEYS["primary"]
SECONDARY_KEY = KEYS["secondary"]
OTHER_KEY = KEYS["other"]


def stream_body(pairs, key=PRIMARY_KEY, ts=STREAM_SIGNED_AT, style="doc_stream", ts_json=None, sig=None):
    s = sign_pairs(pairs, "stream", key, ts) if sig is None else sig
    return render(with_auth(pairs, ts, s, ts_json), style)


def record_body(pairs, key=PRIMARY_KEY, ts=RECORD_SIGNED_AT, alg="HMAC-SHA256", style="doc_record", ts_json=None, sig=None):
    s = sign_pairs(pairs, "record", key, ts, alg) if sig is None else sig
    return render(with_auth(pairs, ts, s, ts_json), style)


def sign_stream(pairs):
    """The stream signature of pairs with the primary key at STREAM_SIGNED_AT."""
    return sign_pairs(pairs, "stream", PRIMARY_KEY, STREAM_SIGNED_AT)


def sign_record(pairs):
    """The recording HMAC-SHA256 signature of pairs with the primary key at RECORD_SIGNED_AT."""
    return sign_pairs(pairs, "record", PRIMARY_KEY, RECORD_SIGNED_AT)


def sign_record_md5(pairs):
    """The recording MD5 signature (key + RECORD_SIGNED_AT; pairs are irrelevant)."""
    return sign_pairs(pairs, "record", PRIMARY_KEY, RECORD_SIGNED_AT, "MD5")


def stream_json(pairs, sig, style="compact", ts=STREAM_SIGNED_AT, ts_json=None):
    """pairs + auth_timestamp ts (written as ts_json if given) + auth_sign sig, rendered in style."""
    return render(with_auth(pairs, ts, sig, ts_json), style)


def record_json(pairs, sig, style="compact", ts=RECORD_SIGNED_AT, ts_json=None):
    """The same for a recording callback (auth_timestamp defaults to RECORD_SIGNED_AT)."""
    return render(with_auth(pairs, ts, sig, ts_json), style)


def compact_signed_stream():
    """The documented PUBLISH notification, signed, as minified JSON."""
    return stream_body(stream_base(), style="compact")


def compact_signed_stream_unclosed():
    """compact_signed_stream() without its closing brace, to append members to."""
    doc_stream = stream_base()
    return render(with_auth(doc_stream, STREAM_SIGNED_AT, sign_stream(doc_stream)), "compact")[:-1]


# A 159-character ASCII key; its prefixes give valid and invalid keys of each length up to 159.
LONG_ASCII_KEY = "Kx9" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V2w3X4y5Z6" * 3

# Options of the usual case: defaults, clock shortly after signing (MD5 opted in for the last).
STREAM_OPTIONS = {"now": STREAM_NOW}
RECORD_OPTIONS = {"now": RECORD_NOW}
RECORD_OPTIONS_MD5 = {"now": RECORD_NOW, "allowMd5": True}
RECORD_EVENT_NAMES = ["RECORD_START", "RECORD_NEW_FILE_START", "RECORD_FILE_COMPLETE", "RECORD_OVER", "RECORD_FAILED"]


def valid_callbacks():
    """Genuine callbacks of each kind, event and algorithm, as documented and in other layouts: all valid."""
    add("stream/PUBLISH/hmac/valid-doc-example",
        "The documented PUBLISH notification (user_args, masked client_ip), signed with the primary key.",
        stream_body(stream_base()), options=STREAM_OPTIONS)
    add("stream/PUBLISH/hmac/valid-compact",
        "Same notification, minified JSON.",
        stream_body(stream_base(), style="compact"), options=STREAM_OPTIONS)
    done = put(stream_base("PUBLISH_DONE"), "publish_timestamp", "1587954134")
    add("stream/PUBLISH_DONE/hmac/valid",
        "PUBLISH_DONE of the same push session (same publish_timestamp), sent later.",
        stream_body(done, ts=1587954755), options={"now": 1587954760})
    add("stream/PUBLISH/hmac/valid-usr_args-spelling",
        "The Chinese doc example (usr_args spelling, unmasked IPs, publish_timestamp with a stray comma) with auth fields added.",
        stream_body(put(put(put(stream_base(args_name="usr_args"), "client_ip", "100.125.58.90"),
                                "node_ip", "112.12.196.218"), "publish_timestamp", "1587954134,")),
        options=STREAM_OPTIONS)
    add("stream/PUBLISH/hmac/valid-minimal",
        "Only the required fields plus auth_timestamp and auth_sign.",
        stream_body([("event", "PUBLISH"), ("domain", "push.example.com"), ("app", "live"),
                     ("stream", "example_stream")], style="compact"), options=STREAM_OPTIONS)
    add("stream/PUBLISH/hmac/valid-auth-fields-first",
        "auth_sign and auth_timestamp before the other fields: member order is irrelevant.",
        render([("auth_sign", sign_stream(stream_base())), ("auth_timestamp", STREAM_SIGNED_AT)]
                         + stream_base(), "compact"), options=STREAM_OPTIONS)
    add("stream/PUBLISH/hmac/valid-surrounding-whitespace",
        "RFC 8259 whitespace (space, tab, CR, LF) around the object and between tokens.",
        " \t\r\n" + stream_body(stream_base(), style="doc_stream").replace(":", " : ", 3) + "\r\n\t ",
        options=STREAM_OPTIONS)
    for ev in RECORD_EVENT_NAMES:
        add("record/%s/hmac/valid" % ev,
            "%s callback with the fields the docs list for this event, HMACSHA256 template." % ev,
            record_body(record_base(ev)), options=RECORD_OPTIONS)
    for ev in RECORD_EVENT_NAMES:
        add("record/%s/md5/valid" % ev,
            "%s callback, MD5 template, allowMd5 true: ok but bodyAuthenticated is false." % ev,
            record_body(record_base(ev), alg="MD5"), options=RECORD_OPTIONS_MD5)
    add("record/RECORD_FILE_COMPLETE/hmac/valid-compact",
        "The documented RECORD_FILE_COMPLETE, minified, auth fields first.",
        render([("auth_sign", sign_record(record_base())), ("auth_timestamp", RECORD_SIGNED_AT)]
                         + record_base(), "compact"), options=RECORD_OPTIONS)
    add("record/RECORD_START/hmac/valid-minimal",
        "Only the required fields plus auth fields.",
        record_body([("event_type", "RECORD_START"), ("publish_domain", "push.example.com"),
                     ("app", "live"), ("stream", "mystream")], style="compact"), options=RECORD_OPTIONS)


def wrong_keys():
    """Genuine bodies verified with a key other than the signing key: SIGNATURE_MISMATCH."""
    add("stream/PUBLISH/hmac/wrong-key", "Signed with the primary key, verified with another key.",
        stream_body(stream_base()), keys=["other"], options=STREAM_OPTIONS, expect="SIGNATURE_MISMATCH")
    near = PRIMARY_KEY[:-1] + ("8" if PRIMARY_KEY[-1] != "8" else "7")
    add("stream/PUBLISH/hmac/wrong-key-last-char",
        "Verifier key differs from the signing key in its last character.",
        stream_body(stream_base()), keys=[("near", near)], options=STREAM_OPTIONS, expect="SIGNATURE_MISMATCH")
    add("record/RECORD_FILE_COMPLETE/hmac/wrong-key", "Signed with primary, verified with other.",
        record_body(record_base()), keys=["other"], options=RECORD_OPTIONS, expect="SIGNATURE_MISMATCH")
    add("record/RECORD_FILE_COMPLETE/md5/wrong-key", "MD5 signed with primary, verified with other (allowMd5 true).",
        record_body(record_base(), alg="MD5"), keys=["other"], options=RECORD_OPTIONS_MD5, expect="SIGNATURE_MISMATCH")
    add("record/RECORD_FILE_COMPLETE/md5/hmac-signature-with-md5-key",
        "An MD5 value computed over the HMAC string-to-sign is not the MD5 signature.",
        record_body(record_base(), sig=md5_hex(PRIMARY_KEY, record_sts(fields_of(record_base()), RECORD_SIGNED_AT))),
        options=RECORD_OPTIONS_MD5, expect="SIGNATURE_MISMATCH")


def tampered_stream_fields():
    """Each signed field of a stream notification changed after signing: SIGNATURE_MISMATCH."""
    doc_stream = stream_base()
    doc_stream_sig = sign_stream(doc_stream)
    for field, value in [("event", "PUBLISH_DONE"), ("domain", "push.example.org"), ("app", "live2"),
                         ("stream", "example_stream2")]:
        add("stream/PUBLISH/hmac/tampered-%s" % field,
            "Signature computed over the original body, then %s changed to %r." % (field, value),
            stream_json(put(doc_stream, field, value), doc_stream_sig, "doc_stream"), options=STREAM_OPTIONS,
            expect="SIGNATURE_MISMATCH")
    add("stream/PUBLISH/hmac/tampered-auth_timestamp",
        "auth_timestamp increased by one second after signing.",
        stream_json(doc_stream, doc_stream_sig, "doc_stream", ts=STREAM_SIGNED_AT + 1),
        options=STREAM_OPTIONS, expect="SIGNATURE_MISMATCH")
    add("stream/PUBLISH/hmac/tampered-app-trailing-space",
        "A trailing space added to app: values are never trimmed.",
        stream_json(put(doc_stream, "app", "live "), doc_stream_sig, "doc_stream"), options=STREAM_OPTIONS,
        expect="SIGNATURE_MISMATCH")
    nfc = put(doc_stream, "stream", "caf\u00e9")
    add("stream/PUBLISH/hmac/tampered-unicode-normalisation",
        "Signed over NFC 'caf\u00e9' (U+00E9); body carries NFD 'cafe\u0301': no normalisation, so mismatch.",
        stream_json(put(doc_stream, "stream", "cafe\u0301"), sign_stream(nfc), "doc_stream"),
        options=STREAM_OPTIONS, expect="SIGNATURE_MISMATCH")


def tampered_record_fields():
    """Each field of the recording HMAC string-to-sign changed, added or removed after signing."""
    doc_record = record_base()
    doc_record_sig = sign_record(doc_record)
    for field, value in [("event_type", "RECORD_OVER"), ("publish_domain", "push.example.org"),
                         ("app", "live2"), ("stream", "mystream2"),
                         ("download_url", DOWNLOAD_URL.replace(".m3u8", "-evil.m3u8")),
                         ("play_url", "https://play.example.com/live/mystream.m3u8")]:
        what = "added" if field == "play_url" else "changed"
        add("record/RECORD_FILE_COMPLETE/hmac/tampered-%s" % field,
            "Signature over the original body, then %s %s (%r)." % (field, what, value),
            record_json(put(doc_record, field, value), doc_record_sig, "doc_record"), options=RECORD_OPTIONS,
            expect="SIGNATURE_MISMATCH")
    add("record/RECORD_FILE_COMPLETE/hmac/tampered-auth_timestamp",
        "auth_timestamp increased by one after signing.",
        record_json(doc_record, doc_record_sig, "doc_record", ts=RECORD_SIGNED_AT + 1),
        options=RECORD_OPTIONS, expect="SIGNATURE_MISMATCH")
    add("record/RECORD_FILE_COMPLETE/hmac/tampered-download_url-removed",
        "download_url removed after signing (it was part of the string-to-sign).",
        record_json(drop(doc_record, "download_url"), doc_record_sig, "doc_record"), options=RECORD_OPTIONS,
        expect="SIGNATURE_MISMATCH")
    with_play_url = put(doc_record, "play_url", "https://play.example.com/live/mystream.m3u8")
    add("record/RECORD_FILE_COMPLETE/hmac/tampered-play_url-changed",
        "Body signed with a play_url; play_url then changed.",
        record_json(put(with_play_url, "play_url", "https://evil.example.com/x.m3u8"), sign_record(with_play_url), "doc_record"),
        options=RECORD_OPTIONS, expect="SIGNATURE_MISMATCH")
    record_start = record_base("RECORD_START")
    add("record/RECORD_START/hmac/tampered-download_url-added",
        "RECORD_START signed without download_url; a download_url is then added.",
        record_json(put(record_start, "download_url", DOWNLOAD_URL), sign_record(record_start), "doc_record"),
        options=RECORD_OPTIONS, expect="SIGNATURE_MISMATCH")


def md5_binds_nothing():
    """MD5 signs only key + auth_timestamp (spec §2): body changes still verify; the MD5 policy."""
    doc_record = record_base()
    doc_record_md5_sig = sign_record_md5(doc_record)
    for field, value in [("stream", "someone_elses_stream"), ("event_type", "RECORD_FAILED"),
                         ("download_url", "https://evil.example.com/malware.m3u8"),
                         ("publish_domain", "push.example.org")]:
        add("record/RECORD_FILE_COMPLETE/md5/tampered-%s-still-valid" % field,
            "MD5 signs only key + auth_timestamp: %s changed after signing and the callback still verifies." % field,
            record_json(put(doc_record, field, value), doc_record_md5_sig, "doc_record"), options=RECORD_OPTIONS_MD5)
    all_replaced = doc_record
    for field, value in [("event_type", "RECORD_OVER"), ("publish_domain", "a"), ("app", "b"),
                         ("stream", "c"), ("download_url", "https://evil.example.com/d"), ("file_size", 1)]:
        all_replaced = put(all_replaced, field, value)
    add("record/RECORD_OVER/md5/all-body-fields-replaced-still-valid",
        "Every body field replaced; the MD5 signature of the original still verifies.",
        record_json(all_replaced, doc_record_md5_sig, "doc_record"), options=RECORD_OPTIONS_MD5)
    add("record/RECORD_FILE_COMPLETE/md5/tampered-auth_timestamp",
        "The only thing MD5 binds besides the key is auth_timestamp: changing it breaks the signature.",
        record_json(doc_record, doc_record_md5_sig, "doc_record", ts=RECORD_SIGNED_AT + 1),
        options=RECORD_OPTIONS_MD5, expect="SIGNATURE_MISMATCH")
    add("record/RECORD_FILE_COMPLETE/md5/not-allowed",
        "Valid MD5 signature but allowMd5 is false (the default).",
        record_body(doc_record, alg="MD5"), options=RECORD_OPTIONS, expect="MD5_NOT_ALLOWED")
    add("record/RECORD_START/md5/not-allowed",
        "Valid MD5 RECORD_START with the default options.",
        record_body(record_base("RECORD_START"), alg="MD5"), options=RECORD_OPTIONS, expect="MD5_NOT_ALLOWED")
    add("record/RECORD_FILE_COMPLETE/md5/not-allowed-beats-wrong-key",
        "allowMd5 false is checked before the signature: wrong key still gives MD5_NOT_ALLOWED.",
        record_body(doc_record, alg="MD5"), keys=["other"], options=RECORD_OPTIONS, expect="MD5_NOT_ALLOWED")
    add("record/RECORD_FILE_COMPLETE/md5/not-allowed-beats-expiry",
        "allowMd5 false is checked before time: expired MD5 callback gives MD5_NOT_ALLOWED.",
        record_body(doc_record, alg="MD5"), options={"now": RECORD_SIGNED_AT + 10**6}, expect="MD5_NOT_ALLOWED")


def unsigned_fields_changed():
    """Fields outside the string-to-sign changed or removed after signing: still valid (spec §6)."""
    doc_stream = stream_base()
    doc_stream_sig = sign_stream(doc_stream)
    doc_record = record_base()
    doc_record_sig = sign_record(doc_record)
    for field, value in [("user_args", "cdn=evil"), ("client_ip", "203.0.113.7"), ("node_ip", "198.51.100.9"),
                         ("publish_timestamp", "1600000000")]:
        add("stream/PUBLISH/hmac/unsigned-%s-changed" % field,
            "%s is not signed: changed after signing, still valid." % field,
            stream_json(put(doc_stream, field, value), doc_stream_sig, "doc_stream"), options=STREAM_OPTIONS)
    add("stream/PUBLISH/hmac/unsigned-fields-removed",
        "user_args, client_ip, node_ip and publish_timestamp removed after signing: still valid.",
        stream_json(drop(doc_stream, "user_args", "client_ip", "node_ip", "publish_timestamp"), doc_stream_sig, "doc_stream"),
        options=STREAM_OPTIONS)
    for field, value in [("file_size", 1), ("asset_id", "00000000000000000000000000000000"),
                         ("record_duration", 99999), ("job_id", "other-job"), ("task_id", "other-task"),
                         ("project_id", "other-project"), ("width", 1), ("height", 1),
                         ("record_format", "MP4"), ("start_time", "1999-01-01T00:00:00Z"),
                         ("end_time", "2099-01-01T00:00:00Z"), ("obs_bucket", "evil-bucket"),
                         ("error_message", "added later")]:
        add("record/RECORD_FILE_COMPLETE/hmac/unsigned-%s-changed" % field,
            "%s is not in the HMAC string-to-sign: changed or added after signing, still valid." % field,
            record_json(put(doc_record, field, value), doc_record_sig, "doc_record"), options=RECORD_OPTIONS)


def signature_hex_case():
    """auth_sign in upper or mixed case hex: compared case-insensitively (spec §4)."""
    doc_stream = stream_base()
    doc_stream_sig = sign_stream(doc_stream)
    doc_record = record_base()
    doc_record_sig = sign_record(doc_record)
    doc_record_md5_sig = sign_record_md5(doc_record)
    add("stream/PUBLISH/hmac/signature-uppercase",
        "auth_sign in upper-case hex: comparison is case-insensitive.",
        stream_json(doc_stream, doc_stream_sig.upper(), "doc_stream"), options=STREAM_OPTIONS)
    mixed = "".join(c.upper() if i % 2 else c for i, c in enumerate(doc_stream_sig))
    add("stream/PUBLISH/hmac/signature-mixed-case",
        "auth_sign in mixed-case hex.", stream_json(doc_stream, mixed, "doc_stream"), options=STREAM_OPTIONS)
    add("record/RECORD_FILE_COMPLETE/hmac/signature-uppercase", "Upper-case HMAC hex.",
        record_json(doc_record, doc_record_sig.upper(), "doc_record"), options=RECORD_OPTIONS)
    add("record/RECORD_FILE_COMPLETE/md5/signature-uppercase", "Upper-case MD5 hex (allowMd5 true).",
        record_json(doc_record, doc_record_md5_sig.upper(), "doc_record"), options=RECORD_OPTIONS_MD5)


def time_window():
    """The bounds now <= auth_timestamp + toleranceSeconds and auth_timestamp <= now + maxFutureSeconds (spec §3)."""
    doc_stream = stream_base()
    doc_record = record_base()
    signed_stream = stream_body(doc_stream)
    signed_record = record_body(doc_record)
    add("stream/PUBLISH/hmac/now-equals-timestamp-plus-tolerance",
        "now = auth_timestamp + 300 (default tolerance): still valid.", signed_stream, options={"now": STREAM_SIGNED_AT + 300})
    add("stream/PUBLISH/hmac/expired-by-one-second",
        "now = auth_timestamp + 301: EXPIRED.", signed_stream, options={"now": STREAM_SIGNED_AT + 301}, expect="EXPIRED")
    add("stream/PUBLISH/hmac/tolerance-zero-now-equals-timestamp",
        "toleranceSeconds 0, now = auth_timestamp: valid.", signed_stream, options={"now": STREAM_SIGNED_AT, "toleranceSeconds": 0})
    add("stream/PUBLISH/hmac/tolerance-zero-expired",
        "toleranceSeconds 0, now = auth_timestamp + 1: EXPIRED.", signed_stream,
        options={"now": STREAM_SIGNED_AT + 1, "toleranceSeconds": 0}, expect="EXPIRED")
    add("stream/PUBLISH/hmac/custom-tolerance-edge",
        "toleranceSeconds 3600, now = auth_timestamp + 3600: valid.", signed_stream,
        options={"now": STREAM_SIGNED_AT + 3600, "toleranceSeconds": 3600})
    add("stream/PUBLISH/hmac/custom-tolerance-expired",
        "toleranceSeconds 3600, now = auth_timestamp + 3601: EXPIRED.", signed_stream,
        options={"now": STREAM_SIGNED_AT + 3601, "toleranceSeconds": 3600}, expect="EXPIRED")
    add("stream/PUBLISH/hmac/timestamp-slightly-ahead",
        "auth_timestamp 6 s after now (the doc example is 6 s after publish_timestamp): valid.", signed_stream,
        options={"now": STREAM_SIGNED_AT - 6})
    add("stream/PUBLISH/hmac/future-at-bound",
        "auth_timestamp = now + 86400 (default maxFutureSeconds): valid.", signed_stream, options={"now": STREAM_SIGNED_AT - 86400})
    add("stream/PUBLISH/hmac/future-beyond-bound",
        "auth_timestamp = now + 86401: TIMESTAMP_IN_FUTURE.", signed_stream, options={"now": STREAM_SIGNED_AT - 86401},
        expect="TIMESTAMP_IN_FUTURE")
    add("stream/PUBLISH/hmac/max-future-zero-at-bound",
        "maxFutureSeconds 0, auth_timestamp = now: valid.", signed_stream, options={"now": STREAM_SIGNED_AT, "maxFutureSeconds": 0})
    add("stream/PUBLISH/hmac/max-future-zero-beyond",
        "maxFutureSeconds 0, auth_timestamp = now + 1: TIMESTAMP_IN_FUTURE.", signed_stream,
        options={"now": STREAM_SIGNED_AT - 1, "maxFutureSeconds": 0}, expect="TIMESTAMP_IN_FUTURE")
    add("stream/PUBLISH/hmac/expired-and-wrong-key",
        "Expired and signed with another key: the signature is checked first, SIGNATURE_MISMATCH.", signed_stream,
        keys=["other"], options={"now": STREAM_SIGNED_AT + 10**6}, expect="SIGNATURE_MISMATCH")
    add("record/RECORD_FILE_COMPLETE/hmac/now-equals-timestamp-plus-tolerance",
        "now = auth_timestamp + 300: valid.", signed_record, options={"now": RECORD_SIGNED_AT + 300})
    add("record/RECORD_FILE_COMPLETE/hmac/expired-by-one-second",
        "now = auth_timestamp + 301: EXPIRED.", signed_record, options={"now": RECORD_SIGNED_AT + 301}, expect="EXPIRED")
    add("record/RECORD_FILE_COMPLETE/hmac/future-beyond-bound",
        "auth_timestamp = now + 86401: TIMESTAMP_IN_FUTURE.", signed_record, options={"now": RECORD_SIGNED_AT - 86401},
        expect="TIMESTAMP_IN_FUTURE")
    add("record/RECORD_FILE_COMPLETE/md5/expired",
        "Valid MD5 signature, allowMd5 true, now = auth_timestamp + 301: EXPIRED.",
        record_body(doc_record, alg="MD5"), options={"now": RECORD_SIGNED_AT + 301, "allowMd5": True}, expect="EXPIRED")


def extreme_timestamps():
    """auth_timestamp, now and the time options at 0 and u64::MAX: no overflow either way."""
    doc_stream = stream_base()
    doc_record = record_base()
    signed_at_zero = stream_body(doc_stream, ts=0)
    add("stream/PUBLISH/hmac/auth_timestamp-zero-expired",
        "auth_timestamp 0 (signed as \"0\") at a normal now: EXPIRED.", signed_at_zero, options=STREAM_OPTIONS, expect="EXPIRED")
    add("stream/PUBLISH/hmac/auth_timestamp-zero-string-expired",
        "auth_timestamp \"0\" as a string: valid format, EXPIRED.", stream_body(doc_stream, ts=0, ts_json="0"),
        options=STREAM_OPTIONS, expect="EXPIRED")
    add("stream/PUBLISH/hmac/auth_timestamp-zero-now-zero",
        "auth_timestamp 0 and now 0: valid.", signed_at_zero, options={"now": 0})
    signed_at_u64_max = stream_body(doc_stream, ts=U64_MAX)
    add("stream/PUBLISH/hmac/auth_timestamp-u64-max-in-future",
        "auth_timestamp 18446744073709551615 at a normal now: TIMESTAMP_IN_FUTURE.", signed_at_u64_max, options=STREAM_OPTIONS,
        expect="TIMESTAMP_IN_FUTURE")
    add("stream/PUBLISH/hmac/auth_timestamp-u64-max-string-in-future",
        "auth_timestamp \"18446744073709551615\" as a string: TIMESTAMP_IN_FUTURE.",
        stream_body(doc_stream, ts=U64_MAX, ts_json=str(U64_MAX)), options=STREAM_OPTIONS, expect="TIMESTAMP_IN_FUTURE")
    add("stream/PUBLISH/hmac/auth_timestamp-u64-max-all-options-max",
        "auth_timestamp, now, toleranceSeconds and maxFutureSeconds all u64::MAX: valid, no overflow.", signed_at_u64_max,
        options={"now": U64_MAX, "toleranceSeconds": U64_MAX, "maxFutureSeconds": U64_MAX})
    add("stream/PUBLISH/hmac/now-zero-max-future-u64-max",
        "now 0, auth_timestamp u64::MAX, maxFutureSeconds u64::MAX: valid (0 + u64::MAX does not overflow).",
        signed_at_u64_max, options={"now": 0, "maxFutureSeconds": U64_MAX})
    add("stream/PUBLISH/hmac/now-zero-max-future-u64-max-minus-one",
        "now 0, auth_timestamp u64::MAX, maxFutureSeconds u64::MAX - 1: TIMESTAMP_IN_FUTURE.",
        signed_at_u64_max, options={"now": 0, "maxFutureSeconds": U64_MAX - 1}, expect="TIMESTAMP_IN_FUTURE")
    add("stream/PUBLISH/hmac/now-u64-max-tolerance-u64-max",
        "now u64::MAX, auth_timestamp 0, toleranceSeconds u64::MAX: valid.",
        signed_at_zero, options={"now": U64_MAX, "toleranceSeconds": U64_MAX})
    add("stream/PUBLISH/hmac/now-u64-max-tolerance-u64-max-minus-one",
        "now u64::MAX, auth_timestamp 0, toleranceSeconds u64::MAX - 1: EXPIRED.",
        signed_at_zero, options={"now": U64_MAX, "toleranceSeconds": U64_MAX - 1}, expect="EXPIRED")
    add("stream/PUBLISH/hmac/timestamp-plus-tolerance-beyond-u64",
        "auth_timestamp u64::MAX - 10, tolerance 300, now u64::MAX: valid (sum exceeds u64, needs wide arithmetic).",
        stream_body(doc_stream, ts=U64_MAX - 10), options={"now": U64_MAX})
    add("record/RECORD_FILE_COMPLETE/hmac/auth_timestamp-u64-max-all-options-max",
        "Recording HMAC with auth_timestamp u64::MAX and all time options u64::MAX: valid.",
        record_body(doc_record, ts=U64_MAX),
        options={"now": U64_MAX, "toleranceSeconds": U64_MAX, "maxFutureSeconds": U64_MAX})
    add("record/RECORD_FILE_COMPLETE/md5/auth_timestamp-u64-max-string",
        "MD5 over key + \"18446744073709551615\", timestamp as a JSON string, all options max: valid.",
        record_body(doc_record, ts=U64_MAX, alg="MD5", ts_json=str(U64_MAX)),
        options={"now": U64_MAX, "toleranceSeconds": U64_MAX, "maxFutureSeconds": U64_MAX, "allowMd5": True})


def key_rotation():
    """Several keys: the first that matches wins and is reported by index and id."""
    doc_stream = stream_base()
    doc_record = record_base()
    signed_stream = stream_body(doc_stream)
    signed_record = record_body(doc_record)
    add("stream/PUBLISH/hmac/rotation-second-key-matches",
        "Keys [other, primary]; the body is signed with primary: keyIndex 1, keyId \"primary\".",
        signed_stream, keys=["other", "primary"], options=STREAM_OPTIONS)
    add("stream/PUBLISH/hmac/rotation-three-keys-middle-matches",
        "Keys [other, secondary, primary]; signed with secondary: keyIndex 1.",
        stream_body(doc_stream, key=SECONDARY_KEY), keys=["other", "secondary", "primary"], options=STREAM_OPTIONS)
    add("stream/PUBLISH/hmac/rotation-no-ids",
        "Two keys without ids; the second matches: keyIndex 1, keyId null.",
        signed_stream, keys=[(None, OTHER_KEY), (None, PRIMARY_KEY)], options=STREAM_OPTIONS)
    add("stream/PUBLISH/hmac/rotation-same-key-twice-first-wins",
        "The same key listed twice under two ids: the first match wins (keyIndex 0).",
        signed_stream, keys=[("new", PRIMARY_KEY), ("old", PRIMARY_KEY)], options=STREAM_OPTIONS)
    add("stream/PUBLISH/hmac/rotation-none-matches",
        "Two keys, neither of them the signing key.", stream_body(doc_stream, key=OTHER_KEY),
        keys=["primary", "secondary"], options=STREAM_OPTIONS, expect="SIGNATURE_MISMATCH")
    add("record/RECORD_FILE_COMPLETE/hmac/rotation-third-key-matches",
        "Keys [other, secondary, primary]; signed with primary: keyIndex 2.",
        signed_record, keys=["other", "secondary", "primary"], options=RECORD_OPTIONS)
    add("record/RECORD_FILE_COMPLETE/md5/rotation-second-key-matches",
        "MD5 with keys [other, primary]: keyIndex 1.",
        record_body(doc_record, alg="MD5"), keys=["other", "primary"], options=RECORD_OPTIONS_MD5)


def missing_signature():
    """auth_sign or auth_timestamp absent or null: MISSING_SIGNATURE."""
    doc_stream = stream_base()
    doc_stream_sig = sign_stream(doc_stream)
    doc_record = record_base()
    doc_record_sig = sign_record(doc_record)
    doc_record_md5_sig = sign_record_md5(doc_record)
    add("stream/PUBLISH/hmac/missing-auth_sign", "auth_timestamp present, auth_sign absent.",
        render(doc_stream + [("auth_timestamp", STREAM_SIGNED_AT)], "doc_stream"),
        options=STREAM_OPTIONS, expect="MISSING_SIGNATURE")
    add("stream/PUBLISH/hmac/missing-auth_timestamp", "auth_sign present, auth_timestamp absent.",
        render(doc_stream + [("auth_sign", doc_stream_sig)], "doc_stream"),
        options=STREAM_OPTIONS, expect="MISSING_SIGNATURE")
    add("stream/PUBLISH/none/no-signature-at-all",
        "No key configured at Huawei: neither auth field (the Chinese doc example verbatim).",
        render(put(put(put(stream_base(args_name="usr_args"), "client_ip", "100.125.58.90"),
                       "node_ip", "112.12.196.218"), "publish_timestamp", "1587954134,"), "doc_stream"),
        options=STREAM_OPTIONS, expect="MISSING_SIGNATURE")
    add("stream/PUBLISH/hmac/auth_sign-null", "auth_sign null: optional field, null means absent.",
        stream_json(doc_stream, None, "doc_stream"), options=STREAM_OPTIONS, expect="MISSING_SIGNATURE")
    add("stream/PUBLISH/hmac/auth_timestamp-null", "auth_timestamp null: null means absent.",
        stream_json(doc_stream, doc_stream_sig, "doc_stream", ts_json=Raw("null")), options=STREAM_OPTIONS,
        expect="MISSING_SIGNATURE")
    add("stream/PUBLISH/hmac/missing-auth_sign-invalid-timestamp",
        "auth_sign absent and auth_timestamp \"01\": parsing comes first, INVALID_FIELD.",
        render(doc_stream + [("auth_timestamp", "01")], "doc_stream"), options=STREAM_OPTIONS, expect="INVALID_FIELD")
    add("record/RECORD_FILE_COMPLETE/none/no-signature-at-all",
        "The documented recording body without auth fields.", render(doc_record, "doc_record"), options=RECORD_OPTIONS,
        expect="MISSING_SIGNATURE")
    add("record/RECORD_FILE_COMPLETE/hmac/missing-auth_sign", "auth_sign absent.",
        render(doc_record + [("auth_timestamp", RECORD_SIGNED_AT)], "doc_record"),
        options=RECORD_OPTIONS, expect="MISSING_SIGNATURE")
    add("record/RECORD_FILE_COMPLETE/hmac/missing-auth_timestamp", "auth_timestamp absent.",
        render(doc_record + [("auth_sign", doc_record_sig)], "doc_record"),
        options=RECORD_OPTIONS, expect="MISSING_SIGNATURE")
    add("record/RECORD_FILE_COMPLETE/md5/missing-auth_timestamp", "MD5 auth_sign, auth_timestamp absent.",
        render(doc_record + [("auth_sign", doc_record_md5_sig)], "doc_record"),
        options=RECORD_OPTIONS_MD5, expect="MISSING_SIGNATURE")


def duplicate_fields():
    """A member name twice, also after unescaping or as usr_args/user_args: DUPLICATE_FIELD."""
    doc_stream = stream_base()
    doc_stream_sig = sign_stream(doc_stream)
    doc_record = record_base()
    doc_record_sig = sign_record(doc_record)

    def add_duplicate_stream(name, desc, pairs):
        add("stream/PUBLISH/hmac/" + name, desc, stream_json(pairs, doc_stream_sig), options=STREAM_OPTIONS,
            expect="DUPLICATE_FIELD")

    add_duplicate_stream("duplicate-stream", "\"stream\" appears twice with the same value.", doc_stream + [("stream", "example_stream")])
    add_duplicate_stream("duplicate-stream-different-value", "\"stream\" appears twice with different values.",
                         doc_stream + [("stream", "other_stream")])
    add_duplicate_stream("duplicate-stream-escaped-key", "\"stream\" and \"\\u0073tream\": the same key after unescaping.",
                         doc_stream + [(Raw('"\\u0073tream"'), "example_stream")])
    add_duplicate_stream("duplicate-app-escaped-key-both", "\"\\u0061pp\" and \"ap\\u0070\".",
                         drop(doc_stream, "app") + [(Raw('"\\u0061pp"'), "live"), (Raw('"ap\\u0070"'), "live")])
    add_duplicate_stream("duplicate-unknown-field", "An unknown field appearing twice is also rejected.",
                         doc_stream + [("x_extra", 1), ("x_extra", 1)])
    add_duplicate_stream("usr_args-and-user_args", "Both spellings of the push arguments in one body.",
                         doc_stream + [("usr_args", USER_ARGS)])
    add_duplicate_stream("duplicate-usr_args", "usr_args twice.",
                         stream_base(args_name="usr_args") + [("usr_args", "a=b")])
    add("stream/PUBLISH/hmac/duplicate-auth_sign", "auth_sign twice (same value).",
        render(with_auth(doc_stream, STREAM_SIGNED_AT, doc_stream_sig) + [("auth_sign", doc_stream_sig)], "compact"),
        options=STREAM_OPTIONS,
        expect="DUPLICATE_FIELD")
    add("stream/PUBLISH/hmac/duplicate-auth_timestamp-number-and-string",
        "auth_timestamp as a number and as the equal string.",
        render(with_auth(doc_stream, STREAM_SIGNED_AT, doc_stream_sig) + [("auth_timestamp", str(STREAM_SIGNED_AT))], "compact"),
        options=STREAM_OPTIONS,
        expect="DUPLICATE_FIELD")
    add("record/RECORD_FILE_COMPLETE/hmac/duplicate-download_url", "download_url twice.",
        record_json(doc_record + [("download_url", DOWNLOAD_URL)], doc_record_sig), options=RECORD_OPTIONS,
        expect="DUPLICATE_FIELD")
    add("record/RECORD_FILE_COMPLETE/hmac/duplicate-event_type-escaped-key",
        "\"event_type\" and \"\\u0065vent_type\".",
        record_json(doc_record + [(Raw('"\\u0065vent_type"'), "RECORD_FILE_COMPLETE")], doc_record_sig),
        options=RECORD_OPTIONS, expect="DUPLICATE_FIELD")
    add("record/RECORD_FILE_COMPLETE/hmac/duplicate-file_size", "file_size twice (an unsigned field).",
        record_json(doc_record + [("file_size", 3957964)], doc_record_sig), options=RECORD_OPTIONS,
        expect="DUPLICATE_FIELD")


def utf8_and_escaped_values():
    """Non-ASCII and JSON-escaped values hashed as their decoded UTF-8 bytes (spec §4); event names outside the documented set."""
    doc_stream = stream_base()
    doc_record = record_base()

    def add_stream_signed_over(name, desc, signed_pairs, body_pairs=None, style="compact", options=STREAM_OPTIONS,
                               expect="OK"):
        """A stream case whose body shows body_pairs (default: signed_pairs) with the signature of signed_pairs."""
        body_pairs = signed_pairs if body_pairs is None else body_pairs
        add("stream/PUBLISH/hmac/" + name, desc,
            render(with_auth(body_pairs, STREAM_SIGNED_AT, sign_stream(signed_pairs)), style),
            options=options, expect=expect)

    add_stream_signed_over("utf8-names", "Raw UTF-8 app and stream names (\u76f4\u64ad-\u6d41-\u00fc), hashed as their UTF-8 bytes.",
                           put(put(doc_stream, "app", "\u5e94\u7528"), "stream", "\u76f4\u64ad-\u6d41-\u00fc"))
    cjk = put(doc_stream, "stream", "\u76f4\u64ad")
    add_stream_signed_over("escaped-cjk-stream", "stream written as \"\\u76f4\\u64ad\", signed over the decoded UTF-8 bytes.",
                           cjk, put(doc_stream, "stream", Raw('"\\u76f4\\u64ad"')))
    add_stream_signed_over("escaped-solidus-app", "app written as \"a\\/b\", signed as \"a/b\".",
                           put(doc_stream, "app", "a/b"), put(doc_stream, "app", Raw('"a\\/b"')))
    add_stream_signed_over("escaped-newline-stream", "stream written as \"\\n\", signed as a single LF byte.",
                           put(doc_stream, "stream", "\n"), put(doc_stream, "stream", Raw('"\\n"')))
    add_stream_signed_over("escaped-quote-backslash", "stream \"a\\\"b\\\\c\" signed as a\"b\\c.",
                           put(doc_stream, "stream", 'a"b\\c'), put(doc_stream, "stream", Raw('"a\\"b\\\\c"')))
    add_stream_signed_over("escaped-letter-in-value", "app written \"\\u006cive\" = \"live\": same signature as the plain body.",
                           doc_stream, put(doc_stream, "app", Raw('"\\u006cive"')))
    add_stream_signed_over("escaped-nul-in-stream", "stream \"a\\u0000b\" (escaped NUL) is valid and hashed with a 0x00 byte.",
                           put(doc_stream, "stream", "a\u0000b"), put(doc_stream, "stream", Raw('"a\\u0000b"')))
    add_stream_signed_over("escaped-surrogate-pair", "stream \"\\ud83c\\udfa5cam\" decodes to U+1F3A5 + \"cam\" (4-byte UTF-8).",
                           put(doc_stream, "stream", "\U0001F3A5cam"), put(doc_stream, "stream", Raw('"\\ud83c\\udfa5cam"')))
    add_stream_signed_over("raw-emoji", "stream with a raw 4-byte UTF-8 character.", put(doc_stream, "stream", "\U0001F3A5cam"))
    add_stream_signed_over("raw-del-character", "A raw U+007F in a string is allowed by RFC 8259 and hashed as 0x7F.",
                           put(doc_stream, "stream", "a\u007fb"))
    add_stream_signed_over("empty-app", "app is the empty string: valid, contributes nothing.", put(doc_stream, "app", ""))
    add_stream_signed_over("concatenation-ambiguity",
                           "Signed as app \"live\", stream \"example_stream\"; body says app \"liveexample\", stream \"_stream\". "
                           "No separators in the formula, so the signature still verifies (documented weakness).",
                           doc_stream, put(put(doc_stream, "app", "liveexample"), "stream", "_stream"))
    add_stream_signed_over("concatenation-ambiguity-apps-pinned",
                           "The same re-split app|stream with apps [\"live\"]: refused after the signature check.",
                           doc_stream, put(put(doc_stream, "app", "liveexample"), "stream", "_stream"),
                           options=dict(STREAM_OPTIONS, apps=["live"]), expect="UNEXPECTED_VALUE")
    add_stream_signed_over("unknown-event-name", "An event name Huawei does not document is refused by default.",
                           put(doc_stream, "event", "PUBLISH_PAUSED"), expect="UNEXPECTED_VALUE")
    add_stream_signed_over("unknown-event-name-allowed", "With allowUnknownEvents an undocumented event is accepted, kept raw, signed.",
                           put(doc_stream, "event", "PUBLISH_PAUSED"),
                           options=dict(STREAM_OPTIONS, allowUnknownEvents=True))
    add_stream_signed_over("lowercase-event-name", "\"publish\" is not PUBLISH: an unknown name, refused by default.",
                           put(doc_stream, "event", "publish"), expect="UNEXPECTED_VALUE")
    add_stream_signed_over("lowercase-event-name-allowed", "\"publish\" with allowUnknownEvents: accepted as an unknown raw name.",
                           put(doc_stream, "event", "publish"), options=dict(STREAM_OPTIONS, allowUnknownEvents=True))
    add("record/RECORD_FILE_COMPLETE/hmac/utf8-names", "UTF-8 app/stream in a recording callback.",
        record_body(put(put(doc_record, "app", "\u5e94\u7528"), "stream", "\u76f4\u64ad-\u6d41-\u00fc")),
        options=RECORD_OPTIONS)
    nul_in_download_url = put(doc_record, "download_url", "https://obs.example.com/a\u0000b.m3u8")
    add("record/RECORD_FILE_COMPLETE/hmac/escaped-nul-in-download_url",
        "download_url with an escaped NUL, correctly signed: not a URL (a control character), refused.",
        record_body(nul_in_download_url), options=RECORD_OPTIONS, expect="INVALID_FIELD")
    snapshot = put(record_base("RECORD_START"), "event_type", "RECORD_SNAPSHOT_COMPLETE")
    add("record/RECORD_SNAPSHOT_COMPLETE/hmac/unknown-event-name",
        "Unknown future event_type, correctly signed: refused by default (subscriptions are explicit).",
        record_body(snapshot), options=RECORD_OPTIONS, expect="UNEXPECTED_VALUE")
    add("record/RECORD_SNAPSHOT_COMPLETE/hmac/unknown-event-name-allowed",
        "Unknown future event_type with allowUnknownEvents: accepted, kept raw and signed.",
        record_body(snapshot), options=dict(RECORD_OPTIONS, allowUnknownEvents=True))
    add("record/RECORD_SNAPSHOT_COMPLETE/md5/unknown-event-name",
        "Unknown event_type with MD5 and allowUnknownEvents.",
        record_body(snapshot, alg="MD5"), options=dict(RECORD_OPTIONS_MD5, allowUnknownEvents=True))


def download_and_play_urls():
    """download_url and play_url present, absent, null or empty in the recording string-to-sign."""
    doc_record = record_base()
    doc_record_sig = sign_record(doc_record)
    record_start = record_base("RECORD_START")
    add("record/RECORD_START/hmac/download_url-present-signed",
        "download_url on a non-complete event is still part of the string-to-sign.",
        record_body(put(record_start, "download_url", DOWNLOAD_URL)), options=RECORD_OPTIONS)
    add("record/RECORD_FILE_COMPLETE/hmac/play_url-present-signed",
        "play_url present (no documented body has one): appended after download_url.",
        record_body(put(doc_record, "play_url", "https://play.example.com/live/mystream.m3u8")), options=RECORD_OPTIONS)
    add("record/RECORD_START/hmac/play_url-only",
        "play_url present without download_url, correctly signed: refused as ambiguous (the signed "
        "text cannot tell it from a download_url, and no documented body has this shape).",
        record_body(put(record_start, "play_url", "https://play.example.com/live/mystream.m3u8")),
        options=RECORD_OPTIONS,
        expect="MISSING_FIELD")
    without_download_url = drop(doc_record, "download_url")
    without_download_url_sig = sign_record(without_download_url)
    add("record/RECORD_FILE_COMPLETE/hmac/download_url-absent",
        "download_url absent: contributes \"\".", record_json(without_download_url, without_download_url_sig, "doc_record"), options=RECORD_OPTIONS)
    add("record/RECORD_FILE_COMPLETE/hmac/download_url-null",
        "download_url null: same as absent, same signature as the previous case.",
        record_json(put(doc_record, "download_url", None), without_download_url_sig, "doc_record"),
        options=RECORD_OPTIONS)
    add("record/RECORD_FILE_COMPLETE/hmac/download_url-empty-string",
        "download_url \"\": same signature as absent, but not a URL: refused.",
        record_json(put(doc_record, "download_url", ""), without_download_url_sig, "doc_record"),
        options=RECORD_OPTIONS,
        expect="INVALID_FIELD")
    add("record/RECORD_FILE_COMPLETE/hmac/play_url-null",
        "play_url null: contributes \"\".",
        record_json(put(doc_record, "play_url", None), doc_record_sig, "doc_record"), options=RECORD_OPTIONS)


def auth_timestamp_forms():
    """auth_timestamp as a number or a canonical decimal string; every other form is INVALID_FIELD."""
    doc_stream = stream_base()
    doc_stream_sig = sign_stream(doc_stream)
    doc_record = record_base()
    doc_record_sig = sign_record(doc_record)
    add("stream/PUBLISH/hmac/auth_timestamp-string", "auth_timestamp as the decimal string \"1587954140\".",
        stream_body(doc_stream, ts_json=str(STREAM_SIGNED_AT)), options=STREAM_OPTIONS)
    add("record/RECORD_FILE_COMPLETE/hmac/auth_timestamp-string", "auth_timestamp as a decimal string.",
        record_body(doc_record, ts_json=str(RECORD_SIGNED_AT)), options=RECORD_OPTIONS)
    add("record/RECORD_FILE_COMPLETE/md5/auth_timestamp-string", "MD5, auth_timestamp as a decimal string.",
        record_body(doc_record, alg="MD5", ts_json=str(RECORD_SIGNED_AT)), options=RECORD_OPTIONS_MD5)
    bad_ts = [
        ("string-leading-zero", "0" + str(STREAM_SIGNED_AT)), ("string-double-zero", "00"), ("string-empty", ""),
        ("string-plus-sign", "+" + str(STREAM_SIGNED_AT)), ("string-minus", "-1"), ("string-leading-space", " " + str(STREAM_SIGNED_AT)),
        ("string-trailing-space", str(STREAM_SIGNED_AT) + " "), ("string-exponent", "1.58795414e9"),
        ("string-fraction", str(STREAM_SIGNED_AT) + ".0"), ("string-trailing-comma", str(STREAM_SIGNED_AT) + ","),
        ("string-arabic-indic-digits", "\u0661\u0665\u0668\u0667\u0669\u0665\u0664\u0661\u0664\u0660"),
        ("string-fullwidth-digits", "\uff11\uff15\uff18\uff17"), ("string-hex", "0x5EA6B7DC"),
        ("string-u64-max-plus-one", str(U64_MAX + 1)),
        ("number-1e400", Raw("1e400")), ("number-minus-one", Raw("-1")),
        ("number-minus-zero", Raw("-0")), ("number-u64-max-plus-one", Raw(str(U64_MAX + 1))), ("number-1.5", Raw("1.5")),
        ("number-with-fraction-zero", Raw(str(STREAM_SIGNED_AT) + ".0")), ("number-exponent", Raw("1587954140e0")),
        ("boolean", Raw("true")), ("array", Raw("[1587954140]")), ("object", Raw("{}")),
    ]
    for nm, v in bad_ts:
        add("stream/PUBLISH/hmac/auth_timestamp-" + nm,
            "auth_timestamp %s: INVALID_FIELD." % (v.text if isinstance(v, Raw) else json.dumps(v)),
            stream_json(doc_stream, doc_stream_sig, ts_json=v), options=STREAM_OPTIONS, expect="INVALID_FIELD")
    for nm, v in [("number-1e400", "1e400"), ("number-minus-one", "-1"),
                  ("number-u64-max-plus-one", str(U64_MAX + 1)), ("number-1.5", "1.5")]:
        add("record/RECORD_FILE_COMPLETE/hmac/auth_timestamp-" + nm,
            "auth_timestamp %s: INVALID_FIELD." % v,
            record_json(doc_record, doc_record_sig, ts_json=Raw(v)), options=RECORD_OPTIONS, expect="INVALID_FIELD")


def publish_timestamp_forms():
    """publish_timestamp forms (unsigned; a stray trailing comma is tolerated, spec §1)."""
    doc_stream = stream_base()
    doc_stream_sig = sign_stream(doc_stream)
    for nm, v, exp in [
        ("stray-comma", "1587954134,", "OK"), ("number", Raw("1587954134"), "OK"), ("null", None, "OK"),
        ("zero", "0", "OK"),
        ("two-commas", "1587954134,,", "INVALID_FIELD"), ("comma-only", ",", "INVALID_FIELD"),
        ("empty", "", "INVALID_FIELD"), ("letters", "abc", "INVALID_FIELD"),
        ("leading-space", " 1587954134", "INVALID_FIELD"), ("comma-then-space", "1587954134, ", "INVALID_FIELD"),
        ("leading-comma", ",1587954134", "INVALID_FIELD"), ("number-1.5", Raw("1.5"), "INVALID_FIELD"),
        ("number-1e400", Raw("1e400"), "INVALID_FIELD"), ("boolean", Raw("true"), "INVALID_FIELD"),
        ("number-u64-max-plus-one", Raw(str(U64_MAX + 1)), "INVALID_FIELD"),
    ]:
        add("stream/PUBLISH/hmac/publish_timestamp-" + nm,
            "publish_timestamp %s (not signed): %s." % (v.text if isinstance(v, Raw) else json.dumps(v),
                                                       "valid" if exp == "OK" else exp),
            stream_json(put(doc_stream, "publish_timestamp", v), doc_stream_sig), options=STREAM_OPTIONS, expect=exp)


def integer_fields():
    """file_size, record_duration, width, height: JSON integers within u64, else INVALID_FIELD."""
    doc_record = record_base()
    doc_record_sig = sign_record(doc_record)
    for field, nm, v, exp in [
        ("file_size", "1e400", Raw("1e400"), "INVALID_FIELD"), ("file_size", "minus-one", Raw("-1"), "INVALID_FIELD"),
        ("file_size", "u64-max-plus-one", Raw(str(U64_MAX + 1)), "INVALID_FIELD"),
        ("file_size", "1.5", Raw("1.5"), "INVALID_FIELD"), ("file_size", "fraction-zero", Raw("3957964.0"), "INVALID_FIELD"),
        ("file_size", "string", "3957964", "INVALID_FIELD"), ("file_size", "boolean", Raw("false"), "INVALID_FIELD"),
        ("file_size", "u64-max", Raw(str(U64_MAX)), "OK"), ("file_size", "zero", Raw("0"), "OK"),
        ("file_size", "null", None, "OK"),
        ("record_duration", "minus-one", Raw("-1"), "INVALID_FIELD"), ("record_duration", "string", "120", "INVALID_FIELD"),
        ("width", "minus-one", Raw("-1"), "INVALID_FIELD"), ("height", "1.5", Raw("1.5"), "INVALID_FIELD"),
        ("width", "1e3", Raw("1e3"), "INVALID_FIELD"),
    ]:
        add("record/RECORD_FILE_COMPLETE/hmac/%s-%s" % (field, nm),
            "%s %s (not signed): %s." % (field, v.text if isinstance(v, Raw) else json.dumps(v),
                                         "valid" if exp == "OK" else exp),
            record_json(put(doc_record, field, v), doc_record_sig), options=RECORD_OPTIONS, expect=exp)


def wrong_types_nulls_and_missing_fields():
    """Wrong JSON types, null required or optional fields, missing required fields, and which kind a body is."""
    doc_stream = stream_base()
    doc_stream_sig = sign_stream(doc_stream)
    doc_record = record_base()
    doc_record_sig = sign_record(doc_record)
    for field, v in [("app", Raw("5")), ("domain", Raw("true")), ("stream", Raw("[]")), ("event", Raw("1")),
                     ("user_args", Raw("5")), ("client_ip", Raw("{}")), ("node_ip", Raw("[\"a\"]")),
                     ("auth_sign", Raw("123"))]:
        body_pairs = with_auth(doc_stream, STREAM_SIGNED_AT, doc_stream_sig)
        body_pairs = put(body_pairs, field, v)
        add("stream/PUBLISH/hmac/wrong-type-%s" % field,
            "%s is %s instead of a string: INVALID_FIELD." % (field, v.text),
            render(body_pairs, "compact"), options=STREAM_OPTIONS, expect="INVALID_FIELD")
    for field, v in [("download_url", Raw("5")), ("play_url", Raw("false")), ("asset_id", Raw("1")),
                     ("error_message", Raw("[]")), ("publish_domain", Raw("{}")), ("task_id", Raw("7"))]:
        add("record/RECORD_FILE_COMPLETE/hmac/wrong-type-%s" % field,
            "%s is %s instead of a string: INVALID_FIELD." % (field, v.text),
            render(put(with_auth(doc_record, RECORD_SIGNED_AT, doc_record_sig), field, v), "compact"),
            options=RECORD_OPTIONS, expect="INVALID_FIELD")
    for field in ["app", "domain", "stream"]:
        add("stream/PUBLISH/hmac/null-required-%s" % field, "Required %s is null: INVALID_FIELD." % field,
            stream_json(put(doc_stream, field, None), doc_stream_sig), options=STREAM_OPTIONS, expect="INVALID_FIELD")
    for field in ["publish_domain", "stream"]:
        add("record/RECORD_FILE_COMPLETE/hmac/null-required-%s" % field,
            "Required %s is null: INVALID_FIELD." % field,
            record_json(put(doc_record, field, None), doc_record_sig), options=RECORD_OPTIONS, expect="INVALID_FIELD")
    for field in ["user_args", "client_ip", "node_ip"]:
        add("stream/PUBLISH/hmac/null-optional-%s" % field, "Optional %s is null: treated as absent, valid." % field,
            stream_json(put(doc_stream, field, None), doc_stream_sig), options=STREAM_OPTIONS)
    for field in ["asset_id", "job_id", "error_message"]:
        add("record/RECORD_FILE_COMPLETE/hmac/null-optional-%s" % field,
            "Optional %s is null: treated as absent, valid." % field,
            record_json(put(doc_record, field, None), doc_record_sig), options=RECORD_OPTIONS)
    for field in ["stream", "domain", "app"]:
        add("stream/PUBLISH/hmac/missing-%s" % field, "Required %s absent: MISSING_FIELD." % field,
            stream_json(drop(doc_stream, field), doc_stream_sig), options=STREAM_OPTIONS, expect="MISSING_FIELD")
    for field in ["publish_domain", "app", "stream"]:
        add("record/RECORD_FILE_COMPLETE/hmac/missing-%s" % field, "Required %s absent: MISSING_FIELD." % field,
            record_json(drop(doc_record, field), doc_record_sig), options=RECORD_OPTIONS, expect="MISSING_FIELD")
    add("any/-/-/both-event-and-event_type", "Both event and event_type: UNKNOWN_CALLBACK.",
        stream_json(doc_stream + [("event_type", "RECORD_START")], doc_stream_sig), options=STREAM_OPTIONS,
        expect="UNKNOWN_CALLBACK")
    add("any/-/-/neither-event-nor-event_type", "Neither event nor event_type: UNKNOWN_CALLBACK.",
        stream_json(drop(doc_stream, "event"), doc_stream_sig), options=STREAM_OPTIONS, expect="UNKNOWN_CALLBACK")
    add("any/-/-/empty-object", "{}: UNKNOWN_CALLBACK.", "{}", options=STREAM_OPTIONS, expect="UNKNOWN_CALLBACK")
    add("any/-/-/event-key-wrong-case", "\"Event\" is not \"event\": UNKNOWN_CALLBACK.",
        stream_json(drop(doc_stream, "event") + [("Event", "PUBLISH")], doc_stream_sig), options=STREAM_OPTIONS,
        expect="UNKNOWN_CALLBACK")


def unknown_extra_fields():
    """Members the tables do not know, of any JSON type: ignored and not signed."""
    doc_stream = stream_base()
    doc_stream_sig = sign_stream(doc_stream)
    doc_record = record_base()
    doc_record_sig = sign_record(doc_record)
    for nm, v in [("string", "hello"), ("nested-object", Raw('{"a":{"b":[1,2,{"c":null}]},"d":"e"}')),
                  ("array", Raw('[1,"two",[3],{"four":4},null,true]')), ("null", None), ("boolean", Raw("false")),
                  ("number-1e400", Raw("1e400")), ("number-negative-fraction", Raw("-1.5e-7")),
                  ("number-huge-integer", Raw("1" + "0" * 40)), ("case-variant-Auth_Sign", None)]:
        fname = "Auth_Sign" if nm == "case-variant-Auth_Sign" else "x_" + nm.replace("-", "_")
        fval = "0" * 64 if nm == "case-variant-Auth_Sign" else v
        add("stream/PUBLISH/hmac/unknown-field-%s" % nm,
            "Unknown field %s = %s is ignored (and not signed): valid." % (fname, jtext(fval)),
            stream_json(doc_stream + [(fname, fval)], doc_stream_sig), options=STREAM_OPTIONS)
    add("record/RECORD_FILE_COMPLETE/hmac/unknown-fields-nested",
        "Unknown nested object and array fields in a recording callback: ignored, valid.",
        record_json(doc_record + [("extra", Raw('{"vod":{"asset":["a","b"],"n":1.25}}')), ("tags", Raw("[]"))], doc_record_sig),
        options=RECORD_OPTIONS)


def hostile_bodies():
    """Bodies that are not one strict RFC 8259 JSON object: MALFORMED_JSON."""
    compact_stream = compact_signed_stream()
    compact_stream_unclosed = compact_signed_stream_unclosed()
    for nm, b in [("empty-body", ""), ("whitespace-only", " \n\t "), ("top-level-array", "[]"),
                  ("top-level-number", "1"), ("top-level-null", "null"), ("top-level-string", '"x"'),
                  ("top-level-true", "true"), ("array-wrapping-valid-callback", "[" + compact_stream + "]"),
                  ("trailing-comma", compact_stream_unclosed + ",}"), ("trailing-garbage", compact_stream + "x"), ("two-objects", compact_stream + compact_stream),
                  ("single-quotes", "{'event':'PUBLISH'}"), ("comment", compact_stream[:-1] + "/*c*/}"),
                  ("line-comment", "// c\n" + compact_stream),
                  ("nan-in-unknown-field", compact_stream_unclosed + ',"x":NaN}'), ("infinity-in-unknown-field", compact_stream_unclosed + ',"x":Infinity}'),
                  ("leading-zero-number", compact_stream_unclosed + ',"x":01}'), ("hex-number", compact_stream_unclosed + ',"x":0x10}'),
                  ("plus-number", compact_stream_unclosed + ',"x":+1}'), ("bare-fraction", compact_stream_unclosed + ',"x":.5}'),
                  ("trailing-dot-number", compact_stream_unclosed + ',"x":1.}'), ("minus-alone", compact_stream_unclosed + ',"x":-}'),
                  ("uppercase-true", compact_stream_unclosed + ',"x":TRUE}'),
                  ("raw-tab-in-string", compact_stream.replace("example_stream", "example\tstream")),
                  ("raw-newline-in-string", compact_stream.replace("example_stream", "example\nstream")),
                  ("raw-nul-in-string", compact_stream.replace("example_stream", "example\u0000stream")),
                  ("raw-unit-separator-in-string", compact_stream.replace("example_stream", "example\u001fstream")),
                  ("invalid-escape", compact_stream.replace("example_stream", "example\\xstream")),
                  ("short-unicode-escape", compact_stream.replace("example_stream", "example\\u12")),
                  ("lone-high-surrogate", compact_stream.replace("example_stream", "\\ud800")),
                  ("lone-low-surrogate", compact_stream.replace("example_stream", "\\udc00")),
                  ("reversed-surrogate-pair", compact_stream.replace("example_stream", "\\ude00\\ud83d")),
                  ("high-surrogate-then-letter", compact_stream.replace("example_stream", "\\ud800\\u0041")),
                  ("lone-surrogate-in-unknown-field", compact_stream_unclosed + ',"x":"\\ud800"}'),
                  ("lone-surrogate-in-key", compact_stream_unclosed + ',"\\ud800":1}'),
                  ("unterminated-string", '{"event":"PUBLISH'), ("missing-closing-brace", compact_stream_unclosed),
                  ("missing-colon", '{"event" "PUBLISH"}'), ("unquoted-key", '{event:"PUBLISH"}'),
                  ("utf8-bom", "\ufeff" + compact_stream)]:
        add("any/-/-/" + nm, "%s: not a strict RFC 8259 JSON object, MALFORMED_JSON." % nm.replace("-", " ").capitalize(), b,
            options=STREAM_OPTIONS,
            expect="MALFORMED_JSON")


def non_utf8_bodies():
    """Bodies that are not UTF-8: MALFORMED_JSON."""
    compact_stream = compact_signed_stream()
    compact_bytes = compact_stream.encode("utf-8")
    for nm, hx, desc in [
        ("not-utf8-latin1", compact_bytes.replace(b"example_stream", b"caf\xe9").hex(), "Latin-1 0xE9 in a string."),
        ("not-utf8-ff-byte", compact_bytes.replace(b"example_stream", b"\xff").hex(), "A 0xFF byte."),
        ("not-utf8-overlong-nul", compact_bytes.replace(b"example_stream", b"a\xc0\x80b").hex(), "Overlong encoding C0 80."),
        ("not-utf8-encoded-surrogate", compact_bytes.replace(b"example_stream", b"\xed\xa0\x80").hex(),
         "A UTF-8-encoded surrogate (CESU-8) ED A0 80."),
        ("not-utf8-truncated-sequence", (compact_bytes[:-2] + b'\xe7\x9b"}').hex(), "A truncated 3-byte sequence before the end."),
        ("not-utf8-in-unknown-field", compact_bytes[:-1].hex() + b',"x":"\xfe"}'.hex(), "Invalid UTF-8 in an unknown field."),
        ("utf16le-body-with-bom", (b"\xff\xfe" + compact_stream.encode("utf-16-le")).hex(),
         "The whole body in UTF-16LE with its BOM (FF FE)."),
    ]:
        add("any/-/-/" + nm, desc + " The body must be UTF-8: MALFORMED_JSON.", body_hex=hx, options=STREAM_OPTIONS,
            expect="MALFORMED_JSON")


def nesting_depth():
    """Nesting up to 128 levels is allowed; deeper (up to 100,000 levels) is MALFORMED_JSON, without recursion."""
    compact_stream_unclosed = compact_signed_stream_unclosed()
    add("any/-/-/nesting-100000-top-level", "100,000 nested arrays as the whole body: MALFORMED_JSON.",
        body_repeat={"prefix": "", "unit": "[", "count": 100000, "close": "]", "suffix": ""}, options=STREAM_OPTIONS,
        expect="MALFORMED_JSON")
    add("stream/PUBLISH/hmac/nesting-100000-in-unknown-field",
        "A valid signed notification whose unknown field holds 100,000 nested arrays: MALFORMED_JSON.",
        body_repeat={"prefix": compact_stream_unclosed + ',"x":', "unit": "[", "count": 100000, "close": "]", "suffix": "}"},
        options=STREAM_OPTIONS, expect="MALFORMED_JSON")
    add("stream/PUBLISH/hmac/nesting-100000-objects-in-unknown-field",
        "Unknown field holding 100,000 nested objects {\"x\":{\"x\":...}}: MALFORMED_JSON.",
        body_repeat={"prefix": compact_stream_unclosed + ',"x":', "unit": '{"x":', "count": 100000, "middle": "1", "close": "}",
                     "suffix": "}"}, options=STREAM_OPTIONS, expect="MALFORMED_JSON")
    add("stream/PUBLISH/hmac/nesting-depth-128-ok",
        "Top-level object (level 1) + 127 nested arrays in an unknown field = 128 levels: allowed, valid.",
        compact_stream_unclosed + ',"x":' + "[" * 127 + "]" * 127 + "}", options=STREAM_OPTIONS)
    add("stream/PUBLISH/hmac/nesting-depth-129",
        "Top-level object + 128 nested arrays = 129 levels: MALFORMED_JSON.",
        compact_stream_unclosed + ',"x":' + "[" * 128 + "]" * 128 + "}",
        options=STREAM_OPTIONS, expect="MALFORMED_JSON")


def body_size():
    """maxBodyBytes counts UTF-8 bytes and is checked before parsing: BODY_TOO_LARGE."""
    doc_stream = stream_base()
    compact_stream = compact_signed_stream()
    compact_stream_unclosed = compact_signed_stream_unclosed()
    five = 5 * 1024 * 1024
    big = {"prefix": compact_stream_unclosed + ',"x_padding":"', "unit": "A", "count": five, "suffix": '"}'}
    add("stream/PUBLISH/hmac/5mib-unknown-string-default-limit",
        "A 5 MiB string in an unknown field at the default maxBodyBytes (1 MiB): BODY_TOO_LARGE.",
        body_repeat=big, options=STREAM_OPTIONS, expect="BODY_TOO_LARGE")
    add("stream/PUBLISH/hmac/5mib-unknown-string-8mib-limit",
        "The same body with maxBodyBytes 8 MiB: valid.",
        body_repeat=big, options={"now": STREAM_NOW, "maxBodyBytes": 8 * 1024 * 1024})
    fill = 1048576 - len((compact_stream_unclosed + ',"x_padding":"' + '"}').encode("utf-8"))
    add("stream/PUBLISH/hmac/body-exactly-1mib",
        "Body of exactly 1,048,576 bytes (the default maxBodyBytes): valid.",
        body_repeat={"prefix": compact_stream_unclosed + ',"x_padding":"', "unit": "A", "count": fill, "suffix": '"}'},
        options=STREAM_OPTIONS)
    add("stream/PUBLISH/hmac/body-1mib-plus-one",
        "Body of 1,048,577 bytes: BODY_TOO_LARGE.",
        body_repeat={"prefix": compact_stream_unclosed + ',"x_padding":"', "unit": "A", "count": fill + 1, "suffix": '"}'},
        options=STREAM_OPTIONS, expect="BODY_TOO_LARGE")
    glen = len(compact_stream.encode("utf-8"))
    add("stream/PUBLISH/hmac/body-at-custom-limit", "maxBodyBytes equal to the body length: valid.",
        compact_stream, options={"now": STREAM_NOW, "maxBodyBytes": glen})
    add("stream/PUBLISH/hmac/body-one-over-custom-limit", "maxBodyBytes = body length - 1: BODY_TOO_LARGE.",
        compact_stream, options={"now": STREAM_NOW, "maxBodyBytes": glen - 1}, expect="BODY_TOO_LARGE")
    add("any/-/-/too-large-beats-malformed", "A non-JSON body over maxBodyBytes: size is checked first.",
        "this is not json", options={"now": STREAM_NOW, "maxBodyBytes": 4}, expect="BODY_TOO_LARGE")
    ub = stream_body(put(doc_stream, "stream", "\u76f4\u64ad"), style="compact")
    add("stream/PUBLISH/hmac/body-limit-counts-bytes-not-characters",
        "maxBodyBytes counts UTF-8 bytes: limit = character count of a body with CJK text is too small.",
        ub, options={"now": STREAM_NOW, "maxBodyBytes": len(ub)}, expect="BODY_TOO_LARGE")


def signature_format():
    """auth_sign that is not 64 (HMAC) or, for recordings, 32 (MD5) hex characters: INVALID_FIELD."""
    doc_stream = stream_base()
    doc_stream_sig = sign_stream(doc_stream)
    doc_record = record_base()
    doc_record_sig = sign_record(doc_record)
    doc_record_md5_sig = sign_record_md5(doc_record)
    for nm, s in [("63-chars", doc_stream_sig[:63]), ("65-chars", doc_stream_sig + "0"), ("64-chars-with-g", doc_stream_sig[:63] + "g"),
                  ("32-hex-md5-length", doc_stream_sig[:32]), ("empty", ""), ("0x-prefix", "0x" + doc_stream_sig),
                  ("leading-space", " " + doc_stream_sig[1:]), ("trailing-newline", doc_stream_sig[:63] + "\n"),
                  ("64-chars-non-ascii", doc_stream_sig[:63] + "\u00e9"), ("fullwidth-digit", doc_stream_sig[:63] + "\uff10")]:
        add("stream/PUBLISH/hmac/auth_sign-" + nm, "auth_sign %r: not 64 hex chars, INVALID_FIELD." % s,
            stream_json(doc_stream, s), options=STREAM_OPTIONS, expect="INVALID_FIELD")
    for nm, s in [("31-chars", doc_record_md5_sig[:31]), ("33-chars", doc_record_md5_sig + "0"), ("32-chars-with-g", doc_record_md5_sig[:31] + "g"),
                  ("63-chars", doc_record_sig[:63]), ("65-chars", doc_record_sig + "0"), ("64-chars-with-g", doc_record_sig[:63] + "g"),
                  ("48-chars", doc_record_sig[:48]), ("empty", "")]:
        add("record/RECORD_FILE_COMPLETE/any/auth_sign-" + nm,
            "auth_sign %r: neither 64 nor 32 hex chars, INVALID_FIELD." % s,
            record_json(doc_record, s), options=RECORD_OPTIONS, expect="INVALID_FIELD")
    add("record/RECORD_FILE_COMPLETE/md5/auth_sign-31-chars-md5-disallowed",
        "Format is checked before the MD5 policy: 31 chars with allowMd5 false is INVALID_FIELD.",
        record_json(doc_record, doc_record_md5_sig[:31]), options=RECORD_OPTIONS, expect="INVALID_FIELD")


def key_validity():
    """Keys of 32 to 128 characters without blanks or controls (spec §1); INVALID_KEY before the body is read."""
    doc_stream = stream_base()
    doc_record = record_base()
    signed_stream = stream_body(doc_stream)
    compact_stream = compact_signed_stream()

    def add_key_case(nm, desc, key, expect="OK", kind="stream", alg="HMAC-SHA256", opts=None):
        if kind == "stream":
            b = stream_body(doc_stream, key=key if key_ok(key) else PRIMARY_KEY, style="compact")
            name = "stream/PUBLISH/hmac/key-" + nm
            o = dict(STREAM_OPTIONS)
        else:
            b = record_body(doc_record, key=key if key_ok(key) else PRIMARY_KEY, alg=alg, style="compact")
            name = "record/RECORD_FILE_COMPLETE/%s/key-%s" % ("md5" if alg == "MD5" else "hmac", nm)
            o = dict(RECORD_OPTIONS_MD5)
        o.update(opts or {})
        add(name, desc, b, keys=[("k", key)], options=o, expect=expect)

    add_key_case("31-chars", "Key of 31 characters: INVALID_KEY.", LONG_ASCII_KEY[:31], "INVALID_KEY")
    add_key_case("32-chars", "Key of 32 characters: valid.", LONG_ASCII_KEY[:32])
    add_key_case("128-chars", "Key of 128 characters (longer than the SHA-256 block): valid.", LONG_ASCII_KEY[:128])
    add_key_case("129-chars", "Key of 129 characters: INVALID_KEY.", LONG_ASCII_KEY[:129], "INVALID_KEY")
    add_key_case("cjk-32-chars", "32 CJK characters (96 UTF-8 bytes): valid, key used as UTF-8 bytes.",
             "\u5bc6\u94a5" * 16)
    add_key_case("cjk-31-chars", "31 CJK characters (93 bytes): length counts characters, INVALID_KEY.",
             ("\u5bc6\u94a5" * 16)[:31], "INVALID_KEY")
    add_key_case("cjk-128-chars", "128 CJK characters (384 bytes): valid.", "\u5bc6" * 128)
    add_key_case("emoji-16-chars", "16 emoji = 16 scalar values (32 UTF-16 units): INVALID_KEY.",
             "\U0001F511" * 16, "INVALID_KEY")
    add_key_case("emoji-100-chars", "100 emoji = 100 scalar values (200 UTF-16 units): valid.", "\U0001F511" * 100)
    add_key_case("emoji-129-chars", "129 emoji: INVALID_KEY.", "\U0001F511" * 129, "INVALID_KEY")
    add_key_case("symbols", "44-character base64-looking key with +/=: valid.",
             "q8Zk+3vW/Rt1mN0pL5sX9yB2cD4eF6gH7jK8lM9nO0p=")
    for nm, ch in [("space", " "), ("tab", "\t"), ("newline-at-end", "\n"), ("nbsp", "\u00a0"),
                   ("ideographic-space", "\u3000"), ("nul", "\u0000"), ("del", "\u007f"), ("c1-control", "\u0085")]:
        k = LONG_ASCII_KEY[:20] + ch + LONG_ASCII_KEY[20:40]
        if nm == "newline-at-end":
            k = LONG_ASCII_KEY[:40] + "\n"
        add_key_case("with-" + nm, "Key of 41 characters containing %r: INVALID_KEY." % ch, k, "INVALID_KEY")
    add_key_case("cjk-32-chars", "MD5 with a 32-CJK-character key: MD5 over the key's UTF-8 bytes + timestamp.",
             "\u5bc6\u94a5" * 16, kind="record", alg="MD5")
    add_key_case("128-chars", "Recording HMAC with a 128-character key.", LONG_ASCII_KEY[:128], kind="record")
    add("stream/PUBLISH/hmac/key-invalid-among-valid",
        "An invalid key in the list fails the whole verifier even though another key matches.",
        signed_stream, keys=["primary", ("short", "tooShort123")], options=STREAM_OPTIONS, expect="INVALID_KEY")
    add("any/-/-/invalid-key-beats-malformed", "INVALID_KEY is raised before the body is looked at.",
        "not json", keys=[("short", "x" * 31)], options=STREAM_OPTIONS, expect="INVALID_KEY")
    add("any/-/-/invalid-key-beats-too-large", "INVALID_KEY before BODY_TOO_LARGE.",
        compact_stream, keys=[("long", "x" * 129)],
        options={"now": STREAM_NOW, "maxBodyBytes": 4}, expect="INVALID_KEY")


def build_cases():
    """Every verifier case but the re-splits, topic by topic, in file order."""
    valid_callbacks()
    wrong_keys()
    tampered_stream_fields()
    tampered_record_fields()
    md5_binds_nothing()
    unsigned_fields_changed()
    signature_hex_case()
    time_window()
    extreme_timestamps()
    key_rotation()
    missing_signature()
    duplicate_fields()
    utf8_and_escaped_values()
    download_and_play_urls()
    auth_timestamp_forms()
    publish_timestamp_forms()
    integer_fields()
    wrong_types_nulls_and_missing_fields()
    unknown_extra_fields()
    hostile_bodies()
    non_utf8_bodies()
    nesting_depth()
    body_size()
    signature_format()
    key_validity()


# --------------------------------------------------------------------------
# Signer vectors
# --------------------------------------------------------------------------

SIGN = []


def sign_entry(name, description, kind, alg, key, ts, fields):
    sts, s = compute(kind, alg, {k: v for k, v in fields.items() if v is not None}, key, ts)
    SIGN.append({
        "name": name, "description": description, "kind": kind, "algorithm": alg, "key": key,
        "authTimestamp": str(ts), "fields": fields, "stringToSign": sts, "signature": s,
    })


def resplit_cases():
    """Issue 9: the string-to-sign has no separators, so a genuine signature also covers every
    re-split of its signed values. Each case below moves characters across one boundary of a
    genuinely signed callback and keeps its signature; the options decide what is refused."""
    def stream_resplit(name, desc, signed_pairs, body_pairs, ts=STREAM_SIGNED_AT, now=STREAM_NOW, expect="OK", **opts):
        add("stream/%s/hmac/resplit-%s" % (fields_of(body_pairs)["event"] or "EMPTY", name), desc,
            render(with_auth(body_pairs, ts, sign_pairs(signed_pairs, "stream", PRIMARY_KEY, ts)), "compact"),
            options=dict({"now": now}, **opts), expect=expect)

    def record_resplit(name, desc, signed_pairs, body_pairs, expect="OK", **opts):
        add("record/%s/hmac/resplit-%s" % (fields_of(body_pairs)["event_type"], name), desc,
            record_json(body_pairs, sign_record(signed_pairs)),
            options=dict(RECORD_OPTIONS, **opts), expect=expect)

    done = stream_base("PUBLISH_DONE")
    stream_resplit("event-into-domain",
                   "A genuine PUBLISH_DONE for push.example.com, re-split as PUBLISH + \"_DONEpush.example.com\" "
                   "(\"stream ended\" replayed as \"stream started\"): not a host name.",
                   done, put(put(done, "event", "PUBLISH"), "domain", "_DONEpush.example.com"),
                   ts=1587954755, now=1587954760, expect="INVALID_FIELD")
    publish = stream_base("PUBLISH")
    shifted = put(put(publish, "event", "PUBLISHp"), "domain", "ush.example.com")
    stream_resplit("domain-into-event",
                   "PUBLISH + push.example.com re-split as PUBLISHp + ush.example.com: an undocumented event.",
                   publish, shifted, expect="UNEXPECTED_VALUE")
    stream_resplit("domain-into-event-unknown-allowed",
                   "The same with allowUnknownEvents: the event check is off, and nothing else refuses it.",
                   publish, shifted, allowUnknownEvents=True)
    stream_resplit("domain-into-event-domains-pinned",
                   "The same with allowUnknownEvents and domains [push.example.com]: refused.",
                   publish, shifted, expect="UNEXPECTED_VALUE", allowUnknownEvents=True,
                   domains=["push.example.com"])
    room = put(publish, "stream", "room123")
    room_shifted = put(put(room, "app", "liveroom1"), "stream", "23")
    stream_resplit("stream-into-app",
                   "app live + stream room123 re-split as app liveroom1 + stream 23: verifies under the "
                   "defaults (the documented weakness apps closes).", room, room_shifted)
    stream_resplit("stream-into-app-apps-pinned",
                   "The same with apps [live]: refused after the signature check.",
                   room, room_shifted, expect="UNEXPECTED_VALUE", apps=["live"])
    app_shifted = put(put(publish, "domain", "push.example.comli"), "app", "ve")
    stream_resplit("app-into-domain",
                   "domain push.example.com + app live re-split as push.example.comli + ve: a host name "
                   "still, so it verifies under the defaults.", publish, app_shifted)
    stream_resplit("app-into-domain-domains-pinned",
                   "The same with domains [push.example.com]: refused.",
                   publish, app_shifted, expect="UNEXPECTED_VALUE", domains=["push.example.com"])
    stream_resplit("domains-ignore-ascii-case",
                   "domains is compared ignoring ASCII case: [PUSH.Example.COM] accepts push.example.com.",
                   publish, publish, domains=["PUSH.Example.COM"], apps=["live"])
    add("stream/PUBLISH/hmac/resplit-timestamp-into-stream",
        "stream example_stream + auth_timestamp 1587954140 re-split as example_stream1 + 587954140: "
        "the same signature, but the time bounds refuse it.",
        render(with_auth(put(publish, "stream", "example_stream1"), 587954140, sign_stream(publish)),
                         "compact"), options=STREAM_OPTIONS, expect="EXPIRED")
    stream_resplit("domains-entry-not-a-host",
                   "A domains entry that is not a host name is a configuration error (INVALID_KEY).",
                   publish, publish, expect="INVALID_KEY", domains=["push.example.com/"])
    stream_resplit("apps-empty-entry",
                   "apps [\"\"] accepts only an empty app: app live is refused.",
                   publish, publish, expect="UNEXPECTED_VALUE", apps=[""])
    under = put(publish, "domain", "push_1.example.com")
    stream_resplit("domain-not-a-host",
                   "A correctly signed domain with an underscore: no ingest domain looks so; refused.",
                   under, under, expect="INVALID_FIELD")

    record_complete = record_base("RECORD_FILE_COMPLETE")
    moved = put(drop(record_complete, "download_url"), "play_url", DOWNLOAD_URL)
    record_resplit("download_url-into-play_url",
                   "The whole download_url moved into play_url (no download_url left): refused as ambiguous.",
                   record_complete, moved, expect="MISSING_FIELD")
    record_resplit("stream-into-download_url",
                   "stream mystream + download_url https://… re-split as mystrea + mhttps://…: not a URL.",
                   record_complete, put(put(record_complete, "stream", "mystrea"), "download_url", "m" + DOWNLOAD_URL),
                   expect="INVALID_FIELD")
    record_resplit("download_url-into-play_url-tail",
                   "The last two characters of download_url moved into play_url: play_url is not a URL.",
                   record_complete, put(put(record_complete, "download_url", DOWNLOAD_URL[:-2]), "play_url", DOWNLOAD_URL[-2:]),
                   expect="INVALID_FIELD")
    record_resplit("ftp-download_url",
                   "A correctly signed download_url with the ftp scheme: not in the documented list.",
                   put(record_complete, "download_url", "ftp://obs.example.com/x.mp4"),
                   put(record_complete, "download_url", "ftp://obs.example.com/x.mp4"), expect="INVALID_FIELD")
    record_start = record_base("RECORD_START")
    record_resplit("stream-into-app-apps-pinned",
                   "A recording's app live + stream mystream re-split as livemy + stream, with apps [live].",
                   record_start, put(put(record_start, "app", "livemy"), "stream", "stream"), expect="UNEXPECTED_VALUE",
                   apps=["live"])
    record_resplit("domain-into-app-pinned",
                   "publish_domain moved into app, with domains [push.example.com] and apps [live]: refused.",
                   record_start, put(put(record_start, "publish_domain", "push.example.co"), "app", "mlive"),
                   expect="UNEXPECTED_VALUE", domains=["push.example.com"], apps=["live"])


def build_sign():
    stream_fields = {"event": "PUBLISH", "domain": "push.example.com", "app": "live", "stream": "example_stream"}
    record_fields = {"event_type": "RECORD_FILE_COMPLETE", "publish_domain": "push.example.com", "app": "live",
          "stream": "mystream", "download_url": DOWNLOAD_URL}
    sign_entry("stream/PUBLISH/doc-example", "The documented stream example.", "stream", "HMAC-SHA256", PRIMARY_KEY, STREAM_SIGNED_AT, stream_fields)
    sign_entry("stream/PUBLISH_DONE/doc-example", "PUBLISH_DONE.", "stream", "HMAC-SHA256", PRIMARY_KEY, 1587954755,
                         dict(stream_fields, event="PUBLISH_DONE"))
    sign_entry("stream/PUBLISH/utf8", "UTF-8 names.", "stream", "HMAC-SHA256", PRIMARY_KEY, STREAM_SIGNED_AT,
                         dict(stream_fields, app="\u5e94\u7528", stream="\u76f4\u64ad-\u6d41-\u00fc"))
    sign_entry("stream/PUBLISH/nul", "NUL inside the stream name.", "stream", "HMAC-SHA256", PRIMARY_KEY, STREAM_SIGNED_AT,
                         dict(stream_fields, stream="a\u0000b"))
    sign_entry("stream/PUBLISH/empty-strings", "event, app and stream empty (a domain is a host name).",
                         "stream", "HMAC-SHA256", PRIMARY_KEY, STREAM_SIGNED_AT, {"event": "", "domain": "d", "app": "", "stream": ""})
    sign_entry("stream/PUBLISH/timestamp-zero", "auth_timestamp 0.", "stream", "HMAC-SHA256", PRIMARY_KEY, 0, stream_fields)
    sign_entry("stream/PUBLISH/timestamp-u64-max", "auth_timestamp u64::MAX.", "stream", "HMAC-SHA256", PRIMARY_KEY, U64_MAX, stream_fields)
    sign_entry("stream/PUBLISH/key-128-chars", "128-character key (hashed by HMAC since > 64 bytes).", "stream",
                         "HMAC-SHA256", LONG_ASCII_KEY[:128], STREAM_SIGNED_AT, stream_fields)
    sign_entry("stream/PUBLISH/key-cjk", "Key of 32 CJK characters.", "stream", "HMAC-SHA256",
                         "\u5bc6\u94a5" * 16, STREAM_SIGNED_AT, stream_fields)
    sign_entry("stream/PUBLISH/key-emoji", "Key of 100 emoji.", "stream", "HMAC-SHA256", "\U0001F511" * 100, STREAM_SIGNED_AT, stream_fields)
    sign_entry("stream/PUBLISH/key-secondary", "Secondary key.", "stream", "HMAC-SHA256", SECONDARY_KEY, STREAM_SIGNED_AT, stream_fields)
    for ev in RECORD_EVENT_NAMES:
        f = dict(record_fields, event_type=ev)
        if ev != "RECORD_FILE_COMPLETE":
            del f["download_url"]
        sign_entry("record/%s/hmac" % ev, "%s, HMACSHA256." % ev, "record", "HMAC-SHA256", PRIMARY_KEY, RECORD_SIGNED_AT, f)
    sign_entry("record/RECORD_FILE_COMPLETE/hmac/play_url", "download_url and play_url.", "record",
                         "HMAC-SHA256", PRIMARY_KEY, RECORD_SIGNED_AT, dict(record_fields, play_url="https://play.example.com/live/mystream.m3u8"))
    sign_entry("record/RECORD_FILE_COMPLETE/hmac/null-download_url", "download_url null = absent.",
                         "record", "HMAC-SHA256", PRIMARY_KEY, RECORD_SIGNED_AT, dict(record_fields, download_url=None))
    sign_entry("record/RECORD_FILE_COMPLETE/hmac/utf8", "UTF-8 names, a NUL in the stream, UTF-8 in download_url.",
                         "record", "HMAC-SHA256", PRIMARY_KEY, RECORD_SIGNED_AT,
                         dict(record_fields, app="\u5e94\u7528", stream="\u76f4\u64ad-\u6d41-\u00fc\u0000",
                    download_url="https://obs.example.com/\u76f4\u64ad.m3u8"))
    sign_entry("record/RECORD_FILE_COMPLETE/hmac/timestamp-u64-max", "auth_timestamp u64::MAX.", "record",
                         "HMAC-SHA256", PRIMARY_KEY, U64_MAX, record_fields)
    sign_entry("record/RECORD_FILE_COMPLETE/md5", "MD5(key + auth_timestamp); fields are irrelevant.",
                         "record", "MD5", PRIMARY_KEY, RECORD_SIGNED_AT, record_fields)
    sign_entry("record/RECORD_START/md5", "Same key and timestamp, other fields: same MD5 signature.",
                         "record", "MD5", PRIMARY_KEY, RECORD_SIGNED_AT, dict(record_fields, event_type="RECORD_START", download_url=None))
    sign_entry("record/RECORD_FILE_COMPLETE/md5/key-cjk", "MD5 with a CJK key.", "record", "MD5",
                         "\u5bc6\u94a5" * 16, RECORD_SIGNED_AT, record_fields)
    sign_entry("record/RECORD_FILE_COMPLETE/md5/timestamp-u64-max", "MD5, auth_timestamp u64::MAX.",
                         "record", "MD5", PRIMARY_KEY, U64_MAX, record_fields)


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def generate():
    CASES.clear()
    NAMES.clear()
    SIGN.clear()
    build_cases()
    resplit_cases()
    build_sign()
    doc = {
        "source": SOURCE,
        "notes": NOTES,
        "version": 1,
        "generator": "scripts/gen_vectors.py",
        "defaults": DEFAULTS,
        "keys": KEYS,
        "cases": CASES,
        "sign": SIGN,
    }
    return (dump(doc, ()) + "\n").encode("ascii")


# Objects and arrays at these paths are laid out one member per line; everything
# else is written on one line. ("*" matches any list index.)
PRETTY = {(), ("notes",), ("cases",), ("cases", "*"), ("cases", "*", "expect"), ("sign",), ("sign", "*")}


def dump(v, path, level=0):
    if path not in PRETTY or not isinstance(v, (dict, list)) or not v:
        return json.dumps(v, ensure_ascii=True, separators=(", ", ": "))
    pad = "  " * (level + 1)
    if isinstance(v, dict):
        items = [pad + json.dumps(k) + ": " + dump(x, path + (k,), level + 1) for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * level + "}"
    items = [pad + dump(x, path + ("*",), level + 1) for x in v]
    return "[\n" + ",\n".join(items) + "\n" + "  " * level + "]"


def summary():
    counts = {}
    for c in CASES:
        code = "OK" if c["expect"]["ok"] else c["expect"]["error"]
        counts[code] = counts.get(code, 0) + 1
    lines = ["%d cases, %d sign vectors" % (len(CASES), len(SIGN))]
    for code in sorted(counts, key=lambda k: (k != "OK", k)):
        lines.append("  %-20s %d" % (code, counts[code]))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the file on disk differs from the output")
    ap.add_argument("--out", default=OUT, help="output path (default: tests/vectors/callbacks.json)")
    ap.add_argument("--quiet", action="store_true", help="no summary")
    args = ap.parse_args()
    data = generate()
    if args.check:
        try:
            with open(args.out, "rb") as fh:
                current = fh.read()
        except OSError:
            current = None
        if current != data:
            sys.stderr.write("%s is stale or missing: run python3 scripts/gen_vectors.py\n" % args.out)
            return 1
        if not args.quiet:
            print("%s is up to date" % os.path.relpath(args.out, ROOT))
    else:
        with open(args.out, "wb") as fh:
            fh.write(data)
        if not args.quiet:
            print("wrote %s (%d bytes)" % (os.path.relpath(args.out, ROOT), len(data)))
    if not args.quiet:
        print(summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
