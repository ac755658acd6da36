"""The independent reference verifier (the oracle) for Huawei Cloud Live callbacks.

This module is the project's SECOND implementation of "what does this body mean and
does it verify": Python 3 standard library only (hmac, hashlib, json, re,
unicodedata), written from the facts in /work/shared/spec/huawei-live-callbacks.md and
the project's documented rules, never from the Rust code. It imports nothing from the
Rust side (src/, bindings/) and nothing from the generator (scripts/gen_vectors.py);
the generator imports it. Every case of tests/vectors/callbacks.json is entered twice:
the generator declares the expected code by hand, `ref_verify` below recomputes it,
and generation stops when the two disagree. The Rust core, the JS package in every
runtime and the debugging page are then tested against those vectors, so a rule that
changes here changes what all of them must do: keep this module small and literal.

Where each rule comes from (spec = huawei-live-callbacks.md):
- spec §1 (stream status notification): its fields and their JSON types, the
  string-to-sign event + domain + app + stream + auth_timestamp, `usr_args` accepted as
  a spelling of `user_args`, publish_timestamp with a stray trailing comma tolerated,
  keys of 32 to 128 characters used as their UTF-8 bytes.
- spec §2 (recording callback): its fields and types, the HMACSHA256 string-to-sign
  auth_timestamp + event_type + publish_domain + app + stream + download_url + play_url
  (an absent field contributes ""), MD5 = hex(MD5(key + auth_timestamp)) binding no body
  field and accepted only when the caller opted in (`allowMd5`), auth_timestamp as a
  number or a decimal string.
- spec §3 (auth_timestamp): valid while now <= auth_timestamp + toleranceSeconds and
  auth_timestamp <= now + maxFutureSeconds; `now` is a parameter, no clock is read.
- spec §4 (encoding): hex signatures compared case-insensitively and in constant time;
  strings hashed as their exact UTF-8 bytes after JSON unescaping, nothing trimmed or
  normalised; auth_timestamp hashed as its canonical decimal digits.
- spec §6 (what the signatures do not bind): refuse event names outside the documented
  sets (unless `allowUnknownEvents`), check host names and URLs, pin `domains`/`apps`.
Rules marked "project rule" are the project's own strictness (strict RFC 8259 JSON,
depth and size limits, order of checks), documented in tests/vectors/README.md and
SECURITY.md (the JSON reader, keys, order of checks) rather than by Huawei.

Entry points: `ref_verify(body, keys, opts)` returns the expected verdict of a case (a
dict) or raises `Fail(code, extra)`; `ref_parse(body)` is its parse phase; `compute`
gives (stringToSign, signature) for the documented formulas; `key_ok` is the key rule.
"""

import hashlib
import hmac
import json
import re
import unicodedata

U64_MAX = 2**64 - 1

# The verifier options and their defaults (tests/vectors/README.md; spec §3 for the time
# window, spec §2 for allowMd5, spec §6 for domains, apps and allowUnknownEvents).
DEFAULTS = {
    "toleranceSeconds": 300,
    "maxFutureSeconds": 86400,
    "allowMd5": False,
    "maxBodyBytes": 1048576,
    "domains": [],
    "apps": [],
    "allowUnknownEvents": False,
}


class Fail(Exception):
    """A refusal: `code` is the stable error code, `extra` what the verdict reports with it
    (kind, event, algorithm, times, string-to-sign) once the signature has been read."""

    def __init__(self, code, extra=None):
        super().__init__(code)
        self.code = code
        self.extra = extra or {}


# --------------------------------------------------------------------------
# Signing: the documented formulas (spec §1, §2, §4)
# --------------------------------------------------------------------------


def hmac_hex(key, msg):
    """Lower-case hex HMAC-SHA256 over UTF-8 bytes (spec §1, §2; §4: exact UTF-8 bytes)."""
    return hmac.new(key.encode("utf-8"), msg.encode("utf-8"), hashlib.sha256).hexdigest()


def md5_hex(key, msg):
    """Lower-case hex MD5 of key + msg (spec §2, the MD5 template)."""
    return hashlib.md5((key + msg).encode("utf-8")).hexdigest()


def stream_sts(f, ts):
    """Stream string-to-sign (spec §1): event + domain + app + stream + auth_timestamp."""
    return f["event"] + f["domain"] + f["app"] + f["stream"] + str(ts)


def record_sts(f, ts):
    """Recording HMACSHA256 string-to-sign (spec §2); absent or null URLs contribute ""."""
    return (
        str(ts)
        + f["event_type"]
        + f["publish_domain"]
        + f["app"]
        + f["stream"]
        + (f.get("download_url") or "")
        + (f.get("play_url") or "")
    )


# What each template binds (spec §1, §2; reported as signedFields).
STREAM_SIGNED = ["event", "domain", "app", "stream", "auth_timestamp"]
RECORD_HMAC_SIGNED = ["auth_timestamp", "event_type", "publish_domain", "app", "stream", "download_url", "play_url"]
RECORD_MD5_SIGNED = ["auth_timestamp"]


def compute(kind, alg, fields, key, ts):
    """Return (stringToSign, signature). For MD5 stringToSign excludes the key."""
    if kind == "stream":
        sts = stream_sts(fields, ts)
        return sts, hmac_hex(key, sts)
    if alg == "HMAC-SHA256":
        sts = record_sts(fields, ts)
        return sts, hmac_hex(key, sts)
    sts = str(ts)
    return sts, md5_hex(key, sts)


# --------------------------------------------------------------------------
# Reading the body: strict JSON (project rule) and the field tables (spec §1, §2)
# --------------------------------------------------------------------------


class Obj:
    """A JSON object as its ordered (name, value) pairs, so duplicates stay visible."""

    def __init__(self, pairs):
        self.pairs = pairs


class Num:
    """A JSON number as its raw text, so 1.0, 1e0 and -0 stay distinguishable from 1."""

    def __init__(self, raw, is_int):
        self.raw = raw
        self.is_int = is_int


def _reject_constant(name):
    raise ValueError("non-JSON constant " + name)


def max_depth(text):
    """Deepest array/object nesting of a JSON text (project rule: at most 128 levels)."""
    depth = deepest = 0
    in_str = esc = False
    for ch in text:
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch == "[" or ch == "{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif ch == "]" or ch == "}":
            depth -= 1
    return deepest


def _has_surrogate(s):
    return any(0xD800 <= ord(c) <= 0xDFFF for c in s)


def _walk_surrogates(v):
    """True if any string or member name holds a lone surrogate (not UTF-8; spec §4)."""
    if isinstance(v, str):
        return _has_surrogate(v)
    if isinstance(v, Obj):
        return any(_has_surrogate(k) or _walk_surrogates(x) for k, x in v.pairs)
    if isinstance(v, list):
        return any(_walk_surrogates(x) for x in v)
    return False


DIGITS = set("0123456789")
HEX = set("0123456789abcdefABCDEF")

# Field tables: string fields, integer fields and required fields of each kind
# (spec §1 for the stream notification, spec §2 for the recording callback).
STREAM_STR = {"event", "domain", "app", "stream", "user_args", "client_ip", "node_ip", "auth_sign"}
STREAM_REQ = ["event", "domain", "app", "stream"]
RECORD_STR = {
    "event_type", "publish_domain", "app", "stream", "project_id", "job_id", "task_id",
    "record_format", "download_url", "play_url", "asset_id", "start_time", "end_time",
    "obs_location", "obs_bucket", "obs_object", "error_message", "auth_sign",
}
RECORD_INT = {"file_size", "record_duration", "width", "height"}
RECORD_REQ = ["event_type", "publish_domain", "app", "stream"]


def _u64_number(v):
    """A JSON integer (no fraction, no exponent, not negative) within u64, else None."""
    if not isinstance(v, Num) or not v.is_int or v.raw.startswith("-"):
        return None
    n = int(v.raw)
    return n if n <= U64_MAX else None


def _auth_ts(v):
    """auth_timestamp: a u64 number or its canonical decimal string (spec §2, §4), else None."""
    if isinstance(v, Num):
        return _u64_number(v)
    if isinstance(v, str) and v and all(c in DIGITS for c in v) and (v == "0" or v[0] != "0"):
        n = int(v)
        return n if n <= U64_MAX else None
    return None


def _publish_ts(v):
    """publish_timestamp: Unix seconds as a string, one stray trailing comma tolerated, or a
    number (spec §1); returns its decimal digits, else None."""
    if isinstance(v, Num):
        n = _u64_number(v)
        return None if n is None else str(n)
    if isinstance(v, str):
        s = v[:-1] if v.endswith(",") else v
        if s and all(c in DIGITS for c in s) and int(s) <= U64_MAX:
            return str(int(s))
    return None


def ref_parse(body):
    """Parse phase: bytes -> (kind, fields) or Fail.

    Project rule: UTF-8 without BOM, strict RFC 8259, depth <= 128, no lone surrogates
    (MALFORMED_JSON). Then: duplicate names after unescaping (DUPLICATE_FIELD, with
    usr_args the same name as user_args, spec §1); exactly one of event / event_type
    decides the kind (UNKNOWN_CALLBACK); field types from the tables of spec §1 and §2,
    null meaning absent for optional fields (INVALID_FIELD); required fields present
    (MISSING_FIELD). A case with more than one such defect is refused by AssertionError,
    because its expected code would depend on the order of checks inside a parser."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Fail("MALFORMED_JSON")
    if text.startswith("\ufeff"):
        raise Fail("MALFORMED_JSON")
    if max_depth(text) > 128:
        raise Fail("MALFORMED_JSON")
    try:
        doc = json.loads(
            text,
            object_pairs_hook=Obj,
            parse_float=lambda s: Num(s, False),
            parse_int=lambda s: Num(s, True),
            parse_constant=_reject_constant,
        )
    except (ValueError, RecursionError):
        raise Fail("MALFORMED_JSON")
    if not isinstance(doc, Obj) or _walk_surrogates(doc):
        raise Fail("MALFORMED_JSON")

    defects = set()
    canon_pairs = [("user_args" if k == "usr_args" else k, v) for k, v in doc.pairs]
    names = [k for k, _ in canon_pairs]
    if len(set(names)) != len(names):
        defects.add("DUPLICATE_FIELD")
    present = set(names)
    if ("event" in present) == ("event_type" in present):
        defects.add("UNKNOWN_CALLBACK")
        kind = None
    else:
        kind = "stream" if "event" in present else "record"

    fields = {}
    if kind is not None:
        strs, ints, req = (
            (STREAM_STR, set(), STREAM_REQ) if kind == "stream" else (RECORD_STR, RECORD_INT, RECORD_REQ)
        )
        for k, v in canon_pairs:
            if v is None:
                if k in req:
                    defects.add("INVALID_FIELD")
                continue
            if k in strs:
                if not isinstance(v, str):
                    defects.add("INVALID_FIELD")
                fields[k] = v
            elif k in ints:
                n = _u64_number(v)
                if n is None:
                    defects.add("INVALID_FIELD")
                fields[k] = n
            elif k == "auth_timestamp":
                n = _auth_ts(v)
                if n is None:
                    defects.add("INVALID_FIELD")
                fields[k] = n
            elif k == "publish_timestamp" and kind == "stream":
                p = _publish_ts(v)
                if p is None:
                    defects.add("INVALID_FIELD")
                fields[k] = p
        for r in req:
            if r not in present:
                defects.add("MISSING_FIELD")
    if len(defects) > 1:
        raise AssertionError("ambiguous case, several parse defects: %s" % sorted(defects))
    if defects:
        raise Fail(defects.pop())
    return kind, fields


# --------------------------------------------------------------------------
# Keys (spec §1: 32 to 128 characters, used as UTF-8 bytes)
# --------------------------------------------------------------------------

# Unicode White_Space: a key holding any of these (or a control character) is refused
# (project rule: such a key is a copy-paste accident, never what the console generates).
WHITESPACE = set(
    [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000]
    + list(range(0x2000, 0x200B))
)


def key_ok(k):
    """A usable key: 32 to 128 Unicode scalar values (spec §1), no blank or control character."""
    if not 32 <= len(k) <= 128:
        return False
    for c in k:
        o = ord(c)
        if o in WHITESPACE or o < 0x20 or 0x7F <= o <= 0x9F:
            return False
    return True


# --------------------------------------------------------------------------
# Shape and expected values: what a genuine callback always looks like (spec §6)
# --------------------------------------------------------------------------

# The documented event names (spec §1 for streams, spec §2 for recordings).
STREAM_EVENTS = ("PUBLISH", "PUBLISH_DONE")
RECORD_EVENTS = ("RECORD_START", "RECORD_NEW_FILE_START", "RECORD_FILE_COMPLETE", "RECORD_OVER",
                 "RECORD_FAILED")
HOST_LABEL = re.compile(r"\A[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\Z")


def is_host(s):
    """RFC 1123 host name: dot-separated labels, 1-253 characters, no trailing dot."""
    return 0 < len(s) <= 253 and all(HOST_LABEL.match(label) for label in s.split("."))


def is_url(s):
    """An absolute http(s) URL: a host name or [IPv6] authority, an optional port, nothing
    blank or a control character anywhere, no user info."""
    if any(c.isspace() or unicodedata.category(c) == "Cc" for c in s):
        return False
    m = re.match(r"(?i)\Ahttps?://([^/?#]*)", s)
    if not m:
        return False
    auth = m.group(1)
    if "@" in auth:
        return False
    v6 = re.match(r"\A\[([0-9A-Fa-f:.]+)\](:[0-9]{1,5})?\Z", auth)
    if v6:
        return True
    host, _, port = auth.rpartition(":") if ":" in auth else (auth, "", "")
    return is_host(host) and (":" not in auth or re.match(r"\A[0-9]{1,5}\Z", port) is not None)


def check_shape(kind, f):
    """Spec §6, syntax defences against re-split values, checked before the signature: the
    domain is a host name, download_url and play_url are http(s) URLs (INVALID_FIELD), and a
    play_url without a download_url is ambiguous in the signed text (MISSING_FIELD)."""
    domain = f["domain"] if kind == "stream" else f["publish_domain"]
    if not is_host(domain):
        raise Fail("INVALID_FIELD")
    if kind == "record":
        for name in ("download_url", "play_url"):
            if f.get(name) is not None and not is_url(f[name]):
                raise Fail("INVALID_FIELD")
        if f.get("play_url") is not None and f.get("download_url") is None:
            raise Fail("MISSING_FIELD")


def check_expected(kind, f, o, info):
    """Spec §6, checked after the signature matched: a documented event name unless
    allowUnknownEvents, the domain among `domains` (ASCII case ignored) and the app among
    `apps` when those are pinned; else UNEXPECTED_VALUE."""
    event = f["event"] if kind == "stream" else f["event_type"]
    domain = f["domain"] if kind == "stream" else f["publish_domain"]
    known = STREAM_EVENTS if kind == "stream" else RECORD_EVENTS
    if not o["allowUnknownEvents"] and event not in known:
        raise Fail("UNEXPECTED_VALUE", info)
    if o["domains"] and domain.lower() not in [d.lower() for d in o["domains"]]:
        raise Fail("UNEXPECTED_VALUE", info)
    if o["apps"] and f["app"] not in o["apps"]:
        raise Fail("UNEXPECTED_VALUE", info)


# --------------------------------------------------------------------------
# The verdict
# --------------------------------------------------------------------------


def ref_verify(body, keys, opts):
    """keys: list of (id, key); opts: dict with int values. Returns an expect dict.

    Order of checks (project rule, each step cited where it comes from): keys and
    `domains` entries (INVALID_KEY, spec §1 key rule) -> body size (BODY_TOO_LARGE) ->
    parse (`ref_parse`) -> shape (`check_shape`, spec §6) -> both auth fields present
    (MISSING_SIGNATURE, spec §1, §2) -> signature format: 64 hex = HMAC-SHA256, 32 hex =
    MD5 for recordings only (INVALID_FIELD) -> MD5 policy (MD5_NOT_ALLOWED, spec §2) ->
    the first key whose signature matches, compared case-insensitively in constant time
    (SIGNATURE_MISMATCH, spec §4) -> expected values (`check_expected`, spec §6) -> time
    window with unbounded integers, so no overflow (EXPIRED, TIMESTAMP_IN_FUTURE, spec §3)."""
    for _, k in keys:
        if not key_ok(k):
            raise Fail("INVALID_KEY")
    o = dict(DEFAULTS)
    o.update(opts)
    if any(not is_host(d) for d in o["domains"]):
        raise Fail("INVALID_KEY")
    if len(body) > o["maxBodyBytes"]:
        raise Fail("BODY_TOO_LARGE")
    kind, f = ref_parse(body)
    check_shape(kind, f)
    event = f["event"] if kind == "stream" else f["event_type"]
    sign = f.get("auth_sign")
    ts = f.get("auth_timestamp")
    if sign is None or ts is None:
        raise Fail("MISSING_SIGNATURE")
    if len(sign) == 64 and all(c in HEX for c in sign):
        alg = "HMAC-SHA256"
    elif kind == "record" and len(sign) == 32 and all(c in HEX for c in sign):
        alg = "MD5"
    else:
        raise Fail("INVALID_FIELD")
    info = {"kind": kind, "event": event, "algorithm": alg, "authTimestamp": str(ts)}
    if alg == "MD5" and not o["allowMd5"]:
        sts, sig = compute(kind, alg, f, keys[0][1], ts)
        info.update(stringToSign=sts, signature=sig)
        raise Fail("MD5_NOT_ALLOWED", info)
    match = None
    for i, (kid, k) in enumerate(keys):
        sts, sig = compute(kind, alg, f, k, ts)
        if hmac.compare_digest(sig, sign.lower()):
            match = (i, kid, sts, sig)
            break
    if match is None:
        sts, sig = compute(kind, alg, f, keys[0][1], ts)
        info.update(stringToSign=sts, signature=sig)
        raise Fail("SIGNATURE_MISMATCH", info)
    i, kid, sts, sig = match
    info.update(keyIndex=i, keyId=kid, stringToSign=sts, signature=sig)
    check_expected(kind, f, o, info)
    now = o["now"]
    if now > ts + o["toleranceSeconds"]:
        raise Fail("EXPIRED", info)
    if ts > now + o["maxFutureSeconds"]:
        raise Fail("TIMESTAMP_IN_FUTURE", info)
    if kind == "stream":
        signed = STREAM_SIGNED
    else:
        signed = RECORD_HMAC_SIGNED if alg == "HMAC-SHA256" else RECORD_MD5_SIGNED
    parsed = {}
    for k, v in f.items():
        parsed[k] = str(v) if isinstance(v, int) else v
    res = {"ok": True}
    res.update(info)
    res["bodyAuthenticated"] = alg != "MD5"
    res["signedFields"] = list(signed)
    res["parsed"] = parsed
    return res
