#!/usr/bin/env python3
"""Generate tests/vectors/urls.json, the shared signed-URL test vectors (issue 14).

An implementation independent of the Rust core: Python 3 standard library only
(hashlib, hmac, json, unicodedata) and its own tiny URL reader. Everything is fixed
(keys, times, URLs), so running it twice gives the same bytes.

    python3 scripts/gen_url_vectors.py           # (re)write tests/vectors/urls.json
    python3 scripts/gen_url_vectors.py --check   # exit 1 if the committed file is stale

Every verify case declares its expected outcome by hand; the reference checker below
recomputes it from the URL, keys, options and now, following the project's rules
(spec section 5 and src/url/), and generation stops if the two disagree. Sign cases
are computed by the reference signer; the Huawei worked examples are also checked
against the hashes printed on Huawei's page.

Cases are labelled "huawei-doc" (Huawei's worked examples, key
GCTbw44s6MPLh4GqgDpnfuFHgy25Enly) or "ours".
"""

import argparse
import hashlib
import hmac
import json
import os
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "vectors", "urls.json")
# The same data as an ES module, for the JS suite in runtimes that cannot read files (workerd,
# the browser): tests/js/suites/url.mjs imports it.
OUT_JS = os.path.join(ROOT, "tests", "js", "suites", "url-vectors.mjs")

U64_MAX = 2**64 - 1
JS_SAFE_MAX = 2**53 - 1
MAX_URL_BYTES = 8192
MAX_TOKEN = 64
MIN_TIMEOUT, MAX_TIMEOUT = 60, 2592000
DEFAULT_SKEW = 300

HUAWEI_KEY = "GCTbw44s6MPLh4GqgDpnfuFHgy25Enly"
ROTATED_KEY = "n3wK3yR0tat10nQ7pLm2Xc9Vb4Zs8Dw1"
OTHER_KEY = "0therD0ma1nKeyAbCdEf12345GhIjKlM"
CALLBACK_KEY = "Pv4kQ9mZt2Lx7Wc3Rb8Nh5Jd1Fs6Gy0Ue2Ka7Mo9"  # 40 chars: a callback key, not a URL key
HUAWEI_RAND = "477b3bbc253f467b8def6711128c7bec"
T_HEX = 0x5EED5888  # 1592613000, 2020-06-20 08:30 UTC+8 (spec section 5)
T_DEC = 1592639100  # 15:45 the same day

for _k in (HUAWEI_KEY, ROTATED_KEY, OTHER_KEY):
    assert len(_k) == 32 and _k.isascii() and _k.isalnum() and not _k.isdigit() and not _k.isalpha()

SOURCE = (
    "Test vectors for Huawei Cloud Live URL validation (signed ingest and playback URLs), "
    "methods A, B and D; method C is unsupported. Cases labelled huawei-doc reproduce the "
    "worked examples of Huawei's URL-validation page (key GCTbw44s6MPLh4GqgDpnfuFHgy25Enly); "
    "every other case is ours, computed by scripts/gen_url_vectors.py with Python's "
    "hashlib/hmac from the documented formulas, independently of the Rust implementation."
)

NOTES = [
    "A: auth_key={timestamp}-{rand}-{uid}-{md5hash}, md5hash = hex(MD5(URI + '-' + timestamp + '-' + rand + '-' + uid + '-' + key)); URI is the path as sent (extension included, no query); the timestamp is decimal when it has only digits, else hexadecimal.",
    "B: txSecret = hex(MD5(key + streamName + txTime)), txTime lowercase hex on output, either case accepted.",
    "D: hwSecret = hex(HMAC-SHA256(key, streamName + hwTime)), hwTime hex.",
    "streamName = last path segment without its extension. Nothing is percent-decoded: the path is hashed as it appears.",
    "Every time is the START of validity: valid while time <= now + maxSkewSeconds and now < time + timeoutSeconds (method B: the start reading of Huawei's self-contradicting page).",
    "Integers above 2^53-1 are written as decimal strings.",
    "A url given as {\"repeat\": [prefix, chunk, count, suffix]} is prefix + chunk * count + suffix.",
    "Regenerate with `python3 scripts/gen_url_vectors.py`; make test-url runs `--check`.",
]


class Fail(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


# ---------------------------------------------------------------- the reference reader

SCHEMES = {"rtmp": "push", "rtmps": "push", "http": "playback", "https": "playback", "webrtc": "webrtc"}
AUTH = [("auth_key", "A"), ("txSecret", "B"), ("txTime", "B"), ("auth_info", "C"), ("hwSecret", "D"), ("hwTime", "D")]
PARAMS = {"A": ["auth_key"], "B": ["txSecret", "txTime"], "C": ["auth_info"], "D": ["hwSecret", "hwTime"]}
HEXDIGITS = set("0123456789abcdefABCDEF")
ALNUM = set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def is_space_or_control(c):
    return c.isspace() or unicodedata.category(c) == "Cc"


def read_url(url):
    """-> dict(kind, base, path, query, fragment, segment, stream, ext) or Fail."""
    if url == "" or len(url.encode("utf-8")) > MAX_URL_BYTES:
        raise Fail("INVALID_FIELD")
    if any(is_space_or_control(c) for c in url):
        raise Fail("INVALID_FIELD")
    i = url.find("://")
    if i < 0:
        raise Fail("INVALID_FIELD")
    scheme = url[:i]
    if scheme.lower() not in SCHEMES:
        raise Fail("INVALID_FIELD")
    kind = SCHEMES[scheme.lower()]
    fragment = None
    if "#" in url:
        url, fragment = url.split("#", 1)
    query = None
    if "?" in url:
        url, query = url.split("?", 1)
    base = url
    rest = base[i + 3:]
    j = rest.find("/")
    authority, path = (rest, "") if j < 0 else (rest[:j], rest[j:])
    if authority == "" or path == "":
        raise Fail("INVALID_FIELD")
    segs = path[1:].split("/")
    if "" in segs or len(segs) < 2 or any(s in (".", "..") for s in segs):
        raise Fail("INVALID_FIELD")
    seg = segs[-1]
    if "." in seg:
        stream, ext = seg.rsplit(".", 1)
    else:
        stream, ext = seg, None
    if stream == "":
        raise Fail("INVALID_FIELD")
    e = ext.lower() if ext is not None else None
    if kind == "playback" and e not in ("flv", "m3u8"):
        raise Fail("INVALID_FIELD")
    if kind == "webrtc" and e not in (None, "sdp"):
        raise Fail("INVALID_FIELD")
    return dict(kind=kind, base=base, path=path, query=query, fragment=fragment, segment=seg, stream=stream, ext=ext)


def pct_decode(s):
    b = s.encode("utf-8")
    out = bytearray()
    i = 0
    while i < len(b):
        if b[i] == 0x25 and i + 2 < len(b):
            h, l = chr(b[i + 1]), chr(b[i + 2])
            if h in HEXDIGITS and l in HEXDIGITS:
                out.append(int(h + l, 16))
                i += 3
                continue
        out.append(b[i])
        i += 1
    return bytes(out)


def read_auth(query):
    """-> {name: first value} for the methods' parameters, or Fail."""
    found, counts = {}, {}
    for seg in (query or "").split("&"):
        if seg == "":
            continue
        name, value = seg.split("=", 1) if "=" in seg else (seg, "")
        decoded = pct_decode(name) if "%" in name else name.encode("utf-8")
        for n, _ in AUTH:
            if decoded == n.encode():
                if name != n:
                    raise Fail("INVALID_FIELD")
                counts[n] = counts.get(n, 0) + 1
                found.setdefault(n, value)
    for n, _ in AUTH:
        if counts.get(n, 0) > 1:
            raise Fail("DUPLICATE_FIELD")
    return found


def url_key_ok(k):
    return len(k) == 32 and all(c in ALNUM for c in k) and not all(c.isdigit() for c in k) and not all(c.isalpha() for c in k)


def token_ok(v):
    return 1 <= len(v) <= MAX_TOKEN and all(c in ALNUM for c in v)


def digest(method, uri, stream, ttext, rand, uid, key):
    if method == "A":
        return hashlib.md5(("%s-%s-%s-%s-%s" % (uri, ttext, rand, uid, key)).encode("utf-8")).digest()
    if method == "B":
        return hashlib.md5((key + stream + ttext).encode("utf-8")).digest()
    if method == "D":
        return hmac.new(key.encode("utf-8"), (stream + ttext).encode("utf-8"), hashlib.sha256).digest()
    raise AssertionError(method)


def hashed_redacted(method, uri, stream, ttext, rand, uid):
    if method == "A":
        return "%s-%s-%s-%s-[KEY]" % (uri, ttext, rand, uid)
    if method == "B":
        return "[KEY]" + stream + ttext
    return stream + ttext


def read_time(method, text):
    if text == "":
        raise Fail("INVALID_FIELD")
    if method == "A" and all(c in "0123456789" for c in text):
        v = int(text, 10)
        if v > U64_MAX:
            raise Fail("INVALID_FIELD")
        return v, "decimal"
    if any(c not in HEXDIGITS for c in text) or len(text) > 16:
        raise Fail("INVALID_FIELD")
    return int(text, 16), "hex"


def key_secret(k):
    return k if isinstance(k, str) else k["key"]


def reference_verify(url, keys, timeout, now, skew=DEFAULT_SKEW, method=None):
    """-> result dict, or raises Fail(code). The project's order of checks."""
    if not keys or not all(url_key_ok(key_secret(k)) for k in keys):
        raise Fail("INVALID_KEY")
    if not (MIN_TIMEOUT <= timeout <= MAX_TIMEOUT):
        raise Fail("INVALID_FIELD")
    if method == "C":
        raise Fail("UNSUPPORTED_METHOD")
    u = read_url(url)
    found = read_auth(u["query"])
    present = []
    for n, m in AUTH:
        if n in found and m not in present:
            present.append(m)
    if len(present) > 1:
        raise Fail("INVALID_FIELD")
    if present == ["C"]:
        raise Fail("UNSUPPORTED_METHOD")
    if method is not None:
        if present and present[0] != method:
            raise Fail("MISSING_SIGNATURE")
        m = method
    elif present:
        m = present[0]
    else:
        raise Fail("MISSING_SIGNATURE")
    rand = uid = ""
    if m == "A":
        if "auth_key" not in found:
            raise Fail("MISSING_SIGNATURE")
        parts = found["auth_key"].split("-")
        if len(parts) != 4:
            raise Fail("INVALID_FIELD")
        if not token_ok(parts[1]) or not token_ok(parts[2]):
            raise Fail("INVALID_FIELD")
        ttext, rand, uid, sig = parts
    else:
        sp, tp = PARAMS[m]
        if sp not in found or tp not in found:
            raise Fail("MISSING_SIGNATURE")
        sig, ttext = found[sp], found[tp]
    t, tfmt = read_time(m, ttext)
    want = 64 if m == "D" else 32
    if len(sig.encode("utf-8")) != want or any(c not in HEXDIGITS for c in sig):
        raise Fail("INVALID_FIELD")
    received = bytes.fromhex(sig)
    index = None
    for i, k in enumerate(keys):  # the reference does not need constant time
        if hmac.compare_digest(digest(m, u["path"], u["stream"], ttext, rand, uid, key_secret(k)), received) and index is None:
            index = i
    if index is None:
        raise Fail("SIGNATURE_MISMATCH")
    if now >= t + timeout:
        raise Fail("EXPIRED")
    if t > now + skew:
        raise Fail("TIMESTAMP_IN_FUTURE")
    out = {
        "method": m,
        "kind": u["kind"],
        "time": t,
        "timeFormat": tfmt,
        "timeReading": "start",
        "expiresAt": min(t + timeout, U64_MAX),
        "keyIndex": index,
        "stream": u["stream"],
        "hashed": hashed_redacted(m, u["path"], u["stream"], ttext, rand, uid),
    }
    k = keys[index]
    if not isinstance(k, str) and "id" in k:
        out["keyId"] = k["id"]
    return out


def reference_sign(url, key, method, time, rand=None, uid=None):
    if method == "C":
        raise Fail("UNSUPPORTED_METHOD")
    if not url_key_ok(key):
        raise Fail("INVALID_KEY")
    u = read_url(url)
    found = read_auth(u["query"])
    if found:
        raise Fail("INVALID_FIELD")
    if method == "A":
        if rand is None or not token_ok(rand):
            raise Fail("INVALID_FIELD")
        uid = "0" if uid is None else uid
        if not token_ok(uid):
            raise Fail("INVALID_FIELD")
        ttext = str(time)
    else:
        if rand is not None or uid is not None:
            raise Fail("INVALID_FIELD")
        rand = uid = ""
        ttext = "%x" % time
    sig = digest(method, u["path"], u["stream"], ttext, rand, uid, key).hex()
    added = {
        "A": "auth_key=%s-%s-%s-%s" % (ttext, rand, uid, sig),
        "B": "txSecret=%s&txTime=%s" % (sig, ttext),
        "D": "hwSecret=%s&hwTime=%s" % (sig, ttext),
    }[method]
    out = u["base"] + "?"
    q = u["query"]
    if q:
        out += q + ("" if q.endswith("&") else "&")
    out += added
    if u["fragment"] is not None:
        out += "#" + u["fragment"]
    if len(out.encode("utf-8")) > MAX_URL_BYTES:
        raise Fail("INVALID_FIELD")
    return out, hashed_redacted(method, u["path"], u["stream"], ttext, rand, uid), sig


# ---------------------------------------------------------------- helpers for cases


def md5hex(s):
    return hashlib.md5(s.encode("utf-8")).hexdigest()


def hmachex(k, s):
    return hmac.new(k.encode(), s.encode("utf-8"), hashlib.sha256).hexdigest()


def num(v):
    return v if v <= JS_SAFE_MAX else str(v)


def expand(url):
    if isinstance(url, dict):
        pre, chunk, count, suf = url["repeat"]
        return pre + chunk * count + suf
    return url


SIGN, VERIFY = [], []
NAMES = set()


def _name(name):
    assert name not in NAMES, name
    NAMES.add(name)


def sign_case(name, source, description, url, key, method, time, rand=None, uid=None, expect=None, huawei_hash=None, comment=None):
    _name(name)
    case = {"name": name, "source": source, "description": description, "url": url, "key": key, "method": method, "time": num(time)}
    if rand is not None:
        case["rand"] = rand
    if uid is not None:
        case["uid"] = uid
    try:
        signed, hashed, sig = reference_sign(expand(url), key, method, time, rand, uid)
        got = None
    except Fail as f:
        got = f.code
    if expect is None:
        assert got is None, (name, got)
        case["expect"] = {"url": signed, "signature": sig, "hashed": hashed}
        if huawei_hash is not None:
            assert sig == huawei_hash, (name, sig, huawei_hash)
    else:
        assert got == expect, (name, got, expect)
        case["expect"] = {"error": expect}
    if comment:
        case["comment"] = comment
    SIGN.append(case)
    return case["expect"].get("url")


def verify_case(name, source, description, url, keys, now, expect, timeout=1800, skew=None, method=None, comment=None, result=None):
    """expect: 'OK' or an error code, declared by hand and recomputed by the reference."""
    _name(name)
    case = {"name": name, "source": source, "description": description, "url": url, "keys": keys, "timeoutSeconds": timeout, "now": num(now)}
    if skew is not None:
        case["maxSkewSeconds"] = skew
    if method is not None:
        case["method"] = method
    try:
        got = reference_verify(expand(url), keys, timeout, now, DEFAULT_SKEW if skew is None else skew, method)
        code = "OK"
    except Fail as f:
        got, code = None, f.code
    assert code == expect, (name, code, expect)
    if got is not None:
        got = {k: (num(v) if isinstance(v, int) and k in ("time", "expiresAt") else v) for k, v in got.items()}
        if result:
            for k, v in result.items():
                assert got[k] == v, (name, k, got[k], v)
        case["expect"] = got
    else:
        case["expect"] = {"error": code}
    if comment:
        case["comment"] = comment
    VERIFY.append(case)


def with_sig_a(path_url, uri, ttext, rand, uid, key, extra=""):
    return "%s?%sauth_key=%s-%s-%s-%s" % (path_url, extra, ttext, rand, uid, md5hex("%s-%s-%s-%s-%s" % (uri, ttext, rand, uid, key)))


# ---------------------------------------------------------------- the cases


def cases():
    K = HUAWEI_KEY
    play = "http://play.example.com/livetest/huawei1.flv"
    push = "rtmp://push.example.com/livetest/huawei1"

    # --- Huawei's worked examples (spec section 5)
    a_url = sign_case("sign/A/huawei-flv", "huawei-doc", "Method A, Huawei's worked example: /livetest/huawei1.flv at 1592639100.",
                      play, K, "A", T_DEC, rand=HUAWEI_RAND, huawei_hash="dd1b5ffa00cf26acec0c169ae1cfabea")
    sign_case("sign/A/huawei-sdp-corrected", "huawei-doc",
              "Method A, Huawei's WebRTC variant (/livetest/huawei1.sdp): Huawei's page prints the .flv hash dd1b5ffa… again (a documentation bug, and its URL is written webrtc// without the colon); the hash of the .sdp URI is 4116c2c7….",
              "webrtc://play.example.com/livetest/huawei1.sdp", K, "A", T_DEC, rand=HUAWEI_RAND,
              huawei_hash="4116c2c7939307e86c6654178addc987",
              comment="Huawei's page reuses the .flv hash dd1b5ffa00cf26acec0c169ae1cfabea for the .sdp URI; that hash does NOT verify for .sdp (see verify/A/huawei-sdp-page-hash-is-wrong).")
    b_url = sign_case("sign/B/huawei", "huawei-doc", "Method B, Huawei's worked example: stream huawei1, txTime 5eed5888.",
                      push, K, "B", T_HEX, huawei_hash="5cdc845362c332a4ec3e09ac5d5571d6")
    d_url = sign_case("sign/D/huawei", "huawei-doc", "Method D, Huawei's worked example: stream huawei1, hwTime 5eed5888.",
                      push, K, "D", T_HEX, huawei_hash="ce201856a0957413319e883c8ccae13602f01d3d91e21daf5161964cf708a6a8")
    verify_case("verify/A/huawei-flv", "huawei-doc", "Huawei's method A example, one minute after its start.", a_url, [K], T_DEC + 60, "OK",
                result={"method": "A", "time": T_DEC, "timeFormat": "decimal", "expiresAt": T_DEC + 1800})
    sdp_page = "webrtc://play.example.com/livetest/huawei1.sdp?auth_key=%d-%s-0-dd1b5ffa00cf26acec0c169ae1cfabea" % (T_DEC, HUAWEI_RAND)
    verify_case("verify/A/huawei-sdp-page-hash-is-wrong", "huawei-doc",
                "Huawei's page shows the .flv hash for the .sdp URL: it does not verify (the right hash is 4116c2c7…).",
                sdp_page, [K], T_DEC + 60, "SIGNATURE_MISMATCH",
                comment="Documentation bug in Huawei's method A page: the .sdp example reuses the .flv hash.")
    verify_case("verify/B/huawei", "huawei-doc", "Huawei's method B example, txTime read as the start.", b_url, [K], T_HEX + 60, "OK",
                result={"method": "B", "time": T_HEX, "timeFormat": "hex"})
    verify_case("verify/D/huawei", "huawei-doc", "Huawei's method D example.", d_url, [K], T_HEX + 60, "OK",
                result={"method": "D", "time": T_HEX})
    verify_case("verify/D/huawei-uppercase-hex", "ours", "Method D, hwSecret in uppercase hex: accepted (hex case ignored).",
                d_url.replace("ce201856a0957413319e883c8ccae13602f01d3d91e21daf5161964cf708a6a8",
                              "CE201856A0957413319E883C8CCAE13602F01D3D91E21DAF5161964CF708A6A8"), [K], T_HEX + 60, "OK")
    verify_case("verify/B/uppercase-hex", "ours", "Method B, txSecret in uppercase hex: accepted.",
                b_url.replace("5cdc845362c332a4ec3e09ac5d5571d6", "5CDC845362C332A4EC3E09AC5D5571D6"), [K], T_HEX, "OK")
    verify_case("verify/A/uppercase-hex", "ours", "Method A, md5hash in uppercase hex: accepted.",
                a_url.replace("dd1b5ffa00cf26acec0c169ae1cfabea", "DD1B5FFA00CF26ACEC0C169AE1CFABEA"), [K], T_DEC, "OK")

    # --- A: hex and decimal timestamps
    hex_a = with_sig_a(play, "/livetest/huawei1.flv", "5eed5888", "r4nd", "0", K)
    verify_case("verify/A/hex-timestamp", "ours", "Method A with a hexadecimal timestamp (Huawei also accepts hex): read as hex.",
                hex_a, [K], T_HEX + 10, "OK", result={"time": T_HEX, "timeFormat": "hex"})
    upper_a = with_sig_a(play, "/livetest/huawei1.flv", "5EED5888", "r4nd", "0", K)
    verify_case("verify/A/hex-timestamp-uppercase", "ours", "Method A, uppercase hex timestamp: the text is hashed as written, read as hex.",
                upper_a, [K], T_HEX + 10, "OK", result={"time": T_HEX, "timeFormat": "hex"})
    digits_hex = with_sig_a(play, "/livetest/huawei1.flv", "60000000", "r", "0", K)
    verify_case("verify/A/all-digit-hex-read-as-decimal", "ours",
                "Method A, timestamp 60000000 meant as hex (0x60000000): an all-digit timestamp is decimal (1971), so EXPIRED.",
                digits_hex, [K], 0x60000000 + 10, "EXPIRED")
    verify_case("verify/A/uid-custom", "ours", "Method A with uid 42.", with_sig_a(push, "/livetest/huawei1", str(T_DEC), "abc", "42", K),
                [K], T_DEC, "OK")
    verify_case("verify/A/decimal-overflow", "ours", "Method A, a 21-digit timestamp: INVALID_FIELD.",
                with_sig_a(push, "/livetest/huawei1", "1" * 21, "abc", "0", K), [K], T_DEC, "INVALID_FIELD")
    verify_case("verify/A/u64-max-decimal", "ours", "Method A, timestamp 18446744073709551615: not valid yet.",
                with_sig_a(push, "/livetest/huawei1", str(U64_MAX), "abc", "0", K), [K], T_DEC, "TIMESTAMP_IN_FUTURE")
    verify_case("verify/A/three-parts", "ours", "auth_key with three parts: INVALID_FIELD.",
                push + "?auth_key=%d-abc-0" % T_DEC, [K], T_DEC, "INVALID_FIELD")
    verify_case("verify/A/dash-in-rand", "ours", "auth_key whose rand has a dash (five parts): INVALID_FIELD.",
                push + "?auth_key=%d-a-b-0-%s" % (T_DEC, "0" * 32), [K], T_DEC, "INVALID_FIELD")
    verify_case("verify/A/empty-rand", "ours", "auth_key with an empty rand: INVALID_FIELD.",
                push + "?auth_key=%d--0-%s" % (T_DEC, "0" * 32), [K], T_DEC, "INVALID_FIELD")
    verify_case("verify/A/empty-auth-key", "ours", "auth_key= (empty): INVALID_FIELD.", push + "?auth_key=", [K], T_DEC, "INVALID_FIELD")
    verify_case("verify/A/non-hex-hash", "ours", "md5hash with a g: INVALID_FIELD.",
                push + "?auth_key=%d-abc-0-%s" % (T_DEC, "g" * 32), [K], T_DEC, "INVALID_FIELD")
    verify_case("verify/A/short-hash", "ours", "md5hash of 31 characters: INVALID_FIELD.",
                push + "?auth_key=%d-abc-0-%s" % (T_DEC, "0" * 31), [K], T_DEC, "INVALID_FIELD")
    verify_case("verify/A/without-extension-signed", "ours",
                "Method A signed over the URI without its extension (/livetest/huawei1) but sent as .flv: SIGNATURE_MISMATCH.",
                with_sig_a(play, "/livetest/huawei1", str(T_DEC), "abc", "0", K).replace(play, play), [K], T_DEC, "SIGNATURE_MISMATCH")

    # --- edge times (D, B, A)
    t = 1700000000
    for m, rand in (("D", None), ("B", None), ("A", "e0ge")):
        u = sign_case("sign/%s/edge-base" % m, "ours", "Method %s at %d for the edge-time cases." % (m, t),
                      "rtmp://push.example.com/live/edge", K, m, t, rand=rand)
        verify_case("verify/%s/at-start" % m, "ours", "now = start: valid.", u, [K], t, "OK",
                    result={"expiresAt": t + 1800})
        verify_case("verify/%s/last-second" % m, "ours", "now = start + timeout - 1: valid.", u, [K], t + 1799, "OK")
        verify_case("verify/%s/exactly-at-expiry" % m, "ours", "now = start + timeout: EXPIRED (valid while now < start + timeout).",
                    u, [K], t + 1800, "EXPIRED")
        verify_case("verify/%s/one-second-after-expiry" % m, "ours", "now = start + timeout + 1: EXPIRED.", u, [K], t + 1801, "EXPIRED")
        verify_case("verify/%s/future-within-skew" % m, "ours", "start 300 s after now (max skew 300): valid.", u, [K], t - 300, "OK")
        verify_case("verify/%s/future-beyond-skew" % m, "ours", "start 301 s after now: TIMESTAMP_IN_FUTURE (not valid yet).",
                    u, [K], t - 301, "TIMESTAMP_IN_FUTURE")
        verify_case("verify/%s/skew-zero" % m, "ours", "max skew 0, start 1 s after now: TIMESTAMP_IN_FUTURE.",
                    u, [K], t - 1, "TIMESTAMP_IN_FUTURE", skew=0)
        verify_case("verify/%s/timeout-min" % m, "ours", "timeout 60, now = start + 59: valid.", u, [K], t + 59, "OK", timeout=60)
        verify_case("verify/%s/timeout-max" % m, "ours", "timeout 2592000, now = start + 2591999: valid.", u, [K], t + 2591999, "OK",
                    timeout=2592000)
        verify_case("verify/%s/expiry-used-as-start" % m, "ours",
                    "Signed with now + timeout as its time (an expiry written as the start): TIMESTAMP_IN_FUTURE.", u, [K], t - 1800,
                    "TIMESTAMP_IN_FUTURE")
    verify_case("verify/D/timeout-too-small", "ours", "timeoutSeconds 59: INVALID_FIELD.", d_url, [K], T_HEX, "INVALID_FIELD", timeout=59)
    verify_case("verify/D/timeout-too-large", "ours", "timeoutSeconds 2592001: INVALID_FIELD.", d_url, [K], T_HEX, "INVALID_FIELD",
                timeout=2592001)
    huge = sign_case("sign/D/u64-max-time", "ours", "Method D at 2^64 - 1: hwTime ffffffffffffffff.", push, K, "D", U64_MAX)
    verify_case("verify/D/u64-max-time-not-yet", "ours", "hwTime ffffffffffffffff at now 0: TIMESTAMP_IN_FUTURE.", huge, [K], 0,
                "TIMESTAMP_IN_FUTURE")
    verify_case("verify/D/u64-max-time-now", "ours", "hwTime ffffffffffffffff at now 2^64 - 2: valid, expiresAt saturates at 2^64 - 1.",
                huge, [K], U64_MAX - 1, "OK", result={"expiresAt": str(U64_MAX)})
    verify_case("verify/D/hwtime-17-digits", "ours", "hwTime of 17 hex digits: INVALID_FIELD.",
                push + "?hwSecret=%s&hwTime=1%s" % ("0" * 64, "0" * 16), [K], 0, "INVALID_FIELD")
    verify_case("verify/D/hwtime-not-hex", "ours", "hwTime 5eed588z: INVALID_FIELD.",
                push + "?hwSecret=%s&hwTime=5eed588z" % ("0" * 64), [K], 0, "INVALID_FIELD")
    verify_case("verify/D/hwtime-empty", "ours", "hwTime= (empty): INVALID_FIELD.", push + "?hwSecret=%s&hwTime=" % ("0" * 64), [K], 0,
                "INVALID_FIELD")
    verify_case("verify/B/txtime-decimal-digits", "ours", "txTime written in decimal is read as hex (the hash covers it as written): 1592613000 as hex is far in the future.",
                push + "?txSecret=%s&txTime=%d" % (md5hex(K + "huawei1" + str(T_HEX)), T_HEX), [K], T_HEX, "TIMESTAMP_IN_FUTURE")
    verify_case("verify/D/md5-length-secret", "ours", "hwSecret of 32 hex digits (an MD5): INVALID_FIELD.",
                push + "?hwSecret=%s&hwTime=5eed5888" % ("0" * 32), [K], T_HEX, "INVALID_FIELD")
    verify_case("verify/B/sha-length-secret", "ours", "txSecret of 64 hex digits: INVALID_FIELD.",
                push + "?txSecret=%s&txTime=5eed5888" % ("0" * 64), [K], T_HEX, "INVALID_FIELD")

    # --- stream name with extension, playback forms
    for ext in ("flv", "m3u8"):
        u = sign_case("sign/D/playback-%s" % ext, "ours", "Method D over an https .%s playback URL: the stream name drops the extension." % ext,
                      "https://play.example.com/live/room1.%s" % ext, K, "D", T_HEX)
        verify_case("verify/D/playback-%s" % ext, "ours", "The signed .%s URL verifies." % ext, u, [K], T_HEX, "OK", result={"stream": "room1", "kind": "playback"})
    with_ext = "https://play.example.com/live/room1.m3u8?hwSecret=%s&hwTime=5eed5888" % hmachex(K, "room1.m3u85eed5888")
    verify_case("verify/D/stream-signed-with-extension", "ours",
                "hwSecret made over 'room1.m3u8' (with extension) instead of 'room1': SIGNATURE_MISMATCH.", with_ext, [K], T_HEX,
                "SIGNATURE_MISMATCH")
    u = sign_case("sign/D/webrtc", "ours", "Method D over webrtc:// without extension.", "webrtc://play.example.com/live/room1", K, "D", T_HEX)
    verify_case("verify/D/webrtc", "ours", "The signed webrtc URL verifies.", u, [K], T_HEX, "OK", result={"kind": "webrtc"})
    u = sign_case("sign/B/dots-in-stream", "ours", "Stream a.b.flv: stream name a.b (only the last extension goes).",
                  "http://play.example.com/live/a.b.flv", K, "B", T_HEX)
    verify_case("verify/B/dots-in-stream", "ours", "Stream a.b: verifies.", u, [K], T_HEX, "OK", result={"stream": "a.b"})
    u = sign_case("sign/D/rtmp-with-extension", "ours", "rtmp push URL ending in .flv: stream name without .flv.",
                  "rtmp://push.example.com/live/room1.flv", K, "D", T_HEX)
    verify_case("verify/D/rtmp-with-extension", "ours", "It verifies with stream room1.", u, [K], T_HEX, "OK", result={"stream": "room1"})

    # --- existing queries, fragments, ports, percent-encoding
    u = sign_case("sign/D/existing-query", "ours", "Existing query parameters are kept in place; hwSecret/hwTime appended.",
                  push + "?vhost=x&token=1", K, "D", T_HEX)
    assert u.startswith(push + "?vhost=x&token=1&hwSecret="), u
    verify_case("verify/D/existing-query", "ours", "Signed URL with other parameters verifies.", u, [K], T_HEX, "OK")
    u = sign_case("sign/A/query-ending-in-ampersand", "ours", "A query ending in & gets no second &.", play + "?a=1&", K, "A", T_DEC, rand="x")
    assert "?a=1&auth_key=" in u, u
    u = sign_case("sign/B/empty-query", "ours", "A bare ? is filled.", push + "?", K, "B", T_HEX)
    assert u.startswith(push + "?txSecret="), u
    u = sign_case("sign/D/fragment", "ours", "The fragment stays at the end.", push + "?a=1#frag?x=1", K, "D", T_HEX)
    assert u.endswith("#frag?x=1"), u
    verify_case("verify/D/fragment", "ours", "Signed URL with a fragment verifies (the fragment is ignored).", u, [K], T_HEX, "OK")
    verify_case("verify/D/params-in-fragment-only", "ours", "hwSecret/hwTime only in the fragment: MISSING_SIGNATURE.",
                push + "#" + d_url.split("?", 1)[1], [K], T_HEX, "MISSING_SIGNATURE")
    u = sign_case("sign/A/port", "ours", "A port in the host is not hashed (A hashes the path).",
                  "https://play.example.com:8443/livetest/huawei1.flv", K, "A", T_DEC, rand=HUAWEI_RAND)
    assert u.endswith("dd1b5ffa00cf26acec0c169ae1cfabea"), u
    verify_case("verify/A/port", "ours", "Verifies with the port.", u, [K], T_DEC, "OK")
    u = sign_case("sign/A/percent-encoded-path", "ours", "Method A hashes the path raw, percent-escapes as sent (/live/a%20b.flv).",
                  "http://play.example.com/live/a%20b.flv", K, "A", T_DEC, rand="x")
    assert u.endswith(md5hex("/live/a%%20b.flv-%d-x-0-%s" % (T_DEC, K))), u
    verify_case("verify/A/percent-encoded-path", "ours", "It verifies raw.", u, [K], T_DEC, "OK")
    verify_case("verify/A/percent-encoded-path-decoded-hash", "ours", "Hash made over the decoded path /live/a b.flv: SIGNATURE_MISMATCH.",
                "http://play.example.com/live/a%%20b.flv?auth_key=%d-x-0-%s" % (T_DEC, md5hex("/live/a b.flv-%d-x-0-%s" % (T_DEC, K))),
                [K], T_DEC, "SIGNATURE_MISMATCH")
    u = sign_case("sign/D/percent-encoded-stream", "ours", "Method D hashes the stream name raw (room%201).",
                  "rtmp://push.example.com/live/room%201", K, "D", T_HEX)
    assert "hwSecret=" + hmachex(K, "room%2015eed5888") in u, u
    verify_case("verify/D/percent-encoded-stream", "ours", "It verifies raw.", u, [K], T_HEX, "OK", result={"stream": "room%201"})
    verify_case("verify/D/percent-encoded-name", "ours", "hw%53ecret (a percent-encoded parameter name): INVALID_FIELD.",
                d_url.replace("hwSecret", "hw%53ecret"), [K], T_HEX, "INVALID_FIELD")
    u = sign_case("sign/D/non-ascii-stream", "ours", "Non-ASCII stream name, hashed as UTF-8.", "rtmp://push.example.com/直播/房间1", K, "D", T_HEX)
    verify_case("verify/D/non-ascii-stream", "ours", "It verifies.", u, [K], T_HEX, "OK", result={"stream": "房间1"})
    verify_case("verify/B/case-of-scheme", "ours", "RTMP:// in capitals is read.", b_url.replace("rtmp://", "RTMP://"), [K], T_HEX, "OK")

    # --- missing, present, duplicated parameters; method C; mixed methods
    verify_case("verify/any/unsigned", "ours", "No signature parameter: MISSING_SIGNATURE.", push, [K], T_HEX, "MISSING_SIGNATURE")
    verify_case("verify/D/hwtime-only", "ours", "hwTime without hwSecret: MISSING_SIGNATURE.", push + "?hwTime=5eed5888", [K], T_HEX,
                "MISSING_SIGNATURE")
    verify_case("verify/B/txsecret-only", "ours", "txSecret without txTime: MISSING_SIGNATURE.",
                push + "?txSecret=5cdc845362c332a4ec3e09ac5d5571d6", [K], T_HEX, "MISSING_SIGNATURE")
    verify_case("verify/D/expected-d-got-b", "ours", "Method D configured, the URL carries B's parameters: MISSING_SIGNATURE.",
                b_url, [K], T_HEX, "MISSING_SIGNATURE", method="D")
    verify_case("verify/D/method-given", "ours", "Method D configured, D URL: valid.", d_url, [K], T_HEX, "OK", method="D")
    verify_case("verify/A/expected-a-none", "ours", "Method A configured, no parameter: MISSING_SIGNATURE.", play, [K], T_DEC,
                "MISSING_SIGNATURE", method="A")
    verify_case("verify/C/auth-info", "ours", "auth_info (method C): UNSUPPORTED_METHOD.",
                push + "?auth_info=yz1TG0PVN%2F5isfyrGrRj10gKPCWq.33436b625354564f6e4d4d434f55", [K], T_HEX, "UNSUPPORTED_METHOD")
    verify_case("verify/C/method-option", "ours", "Method C configured: UNSUPPORTED_METHOD before the URL is read.", "not a url", [K],
                T_HEX, "UNSUPPORTED_METHOD", method="C")
    verify_case("verify/any/mixed-a-and-d", "ours", "auth_key and hwSecret/hwTime in one URL: INVALID_FIELD.",
                d_url + "&auth_key=1-a-0-" + "0" * 32, [K], T_HEX, "INVALID_FIELD")
    verify_case("verify/any/mixed-c-and-d", "ours", "auth_info next to hwSecret/hwTime: INVALID_FIELD.", d_url + "&auth_info=x", [K], T_HEX,
                "INVALID_FIELD")
    verify_case("verify/D/duplicate-hwtime", "ours", "hwTime twice: DUPLICATE_FIELD.", d_url + "&hwTime=5eed5888", [K], T_HEX,
                "DUPLICATE_FIELD")
    verify_case("verify/B/duplicate-txsecret", "ours", "txSecret twice: DUPLICATE_FIELD.", b_url + "&txSecret=00", [K], T_HEX,
                "DUPLICATE_FIELD")
    verify_case("verify/A/duplicate-auth-key", "ours", "auth_key twice: DUPLICATE_FIELD.", a_url + "&auth_key=x", [K], T_DEC,
                "DUPLICATE_FIELD")
    verify_case("verify/D/parameter-names-case", "ours", "HWSECRET/HWTIME are not the parameter names: MISSING_SIGNATURE.",
                d_url.replace("hwSecret", "HWSECRET").replace("hwTime", "HWTIME"), [K], T_HEX, "MISSING_SIGNATURE")
    sign_case("sign/D/already-signed", "ours", "Signing a URL that already has hwTime: INVALID_FIELD.", push + "?hwTime=5", K, "D", T_HEX,
              expect="INVALID_FIELD")
    sign_case("sign/D/already-signed-other-method", "ours", "Signing with D a URL that carries auth_key: INVALID_FIELD.",
              a_url, K, "D", T_HEX, expect="INVALID_FIELD")
    sign_case("sign/B/duplicate", "ours", "Signing a URL with txTime twice: DUPLICATE_FIELD.", push + "?txTime=1&txTime=2", K, "B", T_HEX,
              expect="DUPLICATE_FIELD")
    sign_case("sign/D/encoded-name", "ours", "Signing a URL with hw%54ime: INVALID_FIELD.", push + "?hw%54ime=1", K, "D", T_HEX,
              expect="INVALID_FIELD")
    sign_case("sign/C/refused", "ours", "Method C: UNSUPPORTED_METHOD.", push, K, "C", T_HEX, expect="UNSUPPORTED_METHOD")
    sign_case("sign/A/no-rand", "ours", "Method A without rand: INVALID_FIELD (the core has no randomness).", push, K, "A", T_DEC,
              expect="INVALID_FIELD")
    sign_case("sign/A/rand-with-dash", "ours", "rand with a dash: INVALID_FIELD.", push, K, "A", T_DEC, rand="a-b", expect="INVALID_FIELD")
    sign_case("sign/A/rand-too-long", "ours", "rand of 65 characters: INVALID_FIELD.", push, K, "A", T_DEC, rand="a" * 65,
              expect="INVALID_FIELD")
    sign_case("sign/A/rand-64", "ours", "rand of 64 characters: accepted.", push, K, "A", T_DEC, rand="a" * 64)
    sign_case("sign/A/uid-empty", "ours", "uid empty: INVALID_FIELD.", push, K, "A", T_DEC, rand="a", uid="", expect="INVALID_FIELD")
    sign_case("sign/A/uid-custom", "ours", "uid 42.", push, K, "A", T_DEC, rand="a", uid="42")
    sign_case("sign/D/rand-refused", "ours", "rand with method D: INVALID_FIELD.", push, K, "D", T_HEX, rand="a", expect="INVALID_FIELD")
    sign_case("sign/B/uid-refused", "ours", "uid with method B: INVALID_FIELD.", push, K, "B", T_HEX, uid="0", expect="INVALID_FIELD")

    # --- keys: rotation, bad keys, another domain's key
    R = ROTATED_KEY
    u = sign_case("sign/D/rotated-key", "ours", "Signed with the new key of a rotation.", push, R, "D", T_HEX)
    verify_case("verify/D/rotation-second-key", "ours", "Old and new key configured: matches key 1 (id new).", u,
                [{"id": "old", "key": K}, {"id": "new", "key": R}], T_HEX, "OK", result={"keyIndex": 1, "keyId": "new"})
    verify_case("verify/D/rotation-first-key", "ours", "Both configured, the Huawei example URL: matches key 0.", d_url,
                [K, R], T_HEX, "OK", result={"keyIndex": 0})
    verify_case("verify/D/same-key-twice", "ours", "The same key twice: the first index is reported.", d_url, [OTHER_KEY, K, K], T_HEX, "OK",
                result={"keyIndex": 1})
    verify_case("verify/D/other-domain-key", "ours", "Only another domain's key configured: SIGNATURE_MISMATCH.", d_url, [OTHER_KEY], T_HEX,
                "SIGNATURE_MISMATCH")
    verify_case("verify/A/other-domain-key", "ours", "Method A with another domain's key: SIGNATURE_MISMATCH.", a_url, [OTHER_KEY], T_DEC,
                "SIGNATURE_MISMATCH")
    verify_case("verify/B/other-domain-key", "ours", "Method B with another domain's key: SIGNATURE_MISMATCH.", b_url, [OTHER_KEY], T_HEX,
                "SIGNATURE_MISMATCH")
    for name, bad in (("callback-key-40-chars", CALLBACK_KEY), ("31-chars", K[:31]), ("33-chars", K + "x"),
                      ("all-digits", "1" * 32), ("all-letters", "a" * 32), ("dash", K[:31] + "-"),
                      ("non-ascii", K[:31] + "é"), ("empty", "")):
        verify_case("verify/key/%s" % name, "ours", "A bad URL key (%s) next to a good one: INVALID_KEY." % name, d_url, [K, bad], T_HEX,
                    "INVALID_KEY")
        sign_case("sign/key/%s" % name, "ours", "Signing with a bad URL key (%s): INVALID_KEY." % name, push, bad, "D", T_HEX,
                  expect="INVALID_KEY")
    verify_case("verify/key/none", "ours", "No key: INVALID_KEY.", d_url, [], T_HEX, "INVALID_KEY")
    verify_case("verify/key/beats-bad-url", "ours", "INVALID_KEY before the URL is read.", "", ["x"], T_HEX, "INVALID_KEY")
    verify_case("verify/D/tampered-stream", "ours", "Huawei's D URL with the stream changed: SIGNATURE_MISMATCH.",
                d_url.replace("huawei1", "huawei2"), [K], T_HEX, "SIGNATURE_MISMATCH")
    verify_case("verify/D/tampered-time", "ours", "Huawei's D URL with hwTime + 1: SIGNATURE_MISMATCH.",
                d_url.replace("hwTime=5eed5888", "hwTime=5eed5889"), [K], T_HEX, "SIGNATURE_MISMATCH")
    verify_case("verify/A/tampered-uri", "ours", "Huawei's A URL moved to /livetest/huawei2.flv: SIGNATURE_MISMATCH.",
                a_url.replace("huawei1", "huawei2"), [K], T_DEC, "SIGNATURE_MISMATCH")

    # --- hostile and malformed URLs
    for name, url in (("empty", ""), ("no-scheme", "push.example.com/live/s?hwTime=1"),
                      ("webrtc-without-colon", "webrtc//play.example.com/livetest/huawei1.sdp"),
                      ("srt", "srt://push.example.com:9000?streamid=live/s"), ("ftp", "ftp://h/live/s"),
                      ("no-host", "rtmp:///live/s"), ("no-path", "rtmp://push.example.com"), ("one-segment", "rtmp://h/s"),
                      ("empty-segment", "rtmp://h/live//s"), ("trailing-slash", "rtmp://h/live/s/"), ("dot-dot", "rtmp://h/live/.."),
                      ("only-extension", "http://h/live/.flv"), ("http-mp4", "http://h/live/s.mp4"), ("http-no-ext", "http://h/live/s"),
                      ("webrtc-flv", "webrtc://h/live/s.flv"), ("space", "rtmp://h/live/s x"), ("tab", "rtmp://h/live/s\t"),
                      ("newline", "rtmp://h/live/s\n"), ("nul", "rtmp://h/live/s\u0000"), ("del", "rtmp://h/live/s\u007f"),
                      ("ideographic-space", "rtmp://h/live/s\u3000"), ("nbsp", "rtmp://h/live/s\u00a0"),
                      ("scheme-in-query", "a?b://h/live/s")):
        verify_case("verify/url/%s" % name, "ours", "Malformed URL (%s): INVALID_FIELD." % name, url, [K], T_HEX, "INVALID_FIELD")
    sign_case("sign/url/srt", "ours", "srt:// is not signed (no SRT form is documented): INVALID_FIELD.",
              "srt://push.example.com:9000?streamid=live/s", K, "D", T_HEX, expect="INVALID_FIELD")
    sign_case("sign/url/empty", "ours", "Empty URL: INVALID_FIELD.", "", K, "D", T_HEX, expect="INVALID_FIELD")
    # 8192 bytes exactly (valid) and one more (refused); the padding is in the stream name.
    prefix = "rtmp://push.example.com/live/"
    signed_len = len(reference_sign(prefix + "x", K, "D", T_HEX)[0])
    n = MAX_URL_BYTES - signed_len + 1
    long_url = sign_case("sign/D/longest-url", "ours", "A stream name that makes the signed URL exactly 8192 bytes.",
                         {"repeat": [prefix, "x", n, ""]}, K, "D", T_HEX)
    assert len(long_url) == MAX_URL_BYTES, len(long_url)
    verify_case("verify/D/longest-url", "ours", "A signed URL of exactly 8192 bytes: valid.",
                {"repeat": [prefix, "x", n, long_url[len(prefix) + n:]]}, [K], T_HEX, "OK")
    sign_case("sign/D/signed-url-one-byte-too-long", "ours",
              "An unsigned URL that the signature parameters would take to 8193 bytes: INVALID_FIELD (found by the url fuzz target).",
              {"repeat": [prefix, "x", n + 1, ""]}, K, "D", T_HEX, expect="INVALID_FIELD")
    verify_case("verify/D/url-one-byte-too-long", "ours", "8193 bytes: INVALID_FIELD before anything else.",
                {"repeat": [prefix, "x", n + 1, long_url[len(prefix) + n:]]}, [K], T_HEX, "INVALID_FIELD")
    verify_case("verify/url/huge", "ours", "A 1 MiB URL: INVALID_FIELD.", {"repeat": [push + "?a=", "x", 1 << 20, ""]}, [K], T_HEX,
                "INVALID_FIELD")
    sign_case("sign/url/huge", "ours", "Signing a 1 MiB URL: INVALID_FIELD.", {"repeat": [push + "/", "x", 1 << 20, ""]}, K, "D", T_HEX,
              expect="INVALID_FIELD")
    verify_case("verify/url/many-params", "ours", "2000 unrelated parameters before the signature: valid.",
                d_url.replace("?", "?" + "a=1&" * 2000), [K], T_HEX, "OK")
    verify_case("verify/url/non-ascii-query", "ours", "Non-ASCII in another parameter: valid.", d_url + "&名=值😀", [K], T_HEX, "OK")
    verify_case("verify/url/emoji-hwtime", "ours", "hwTime with an emoji: INVALID_FIELD.", push + "?hwSecret=%s&hwTime=5eed😀" % ("0" * 64),
                [K], T_HEX, "INVALID_FIELD")
    verify_case("verify/url/non-ascii-secret", "ours", "hwSecret with 64 bytes that are not hex: INVALID_FIELD.",
                push + "?hwSecret=%s&hwTime=5eed5888" % ("é" * 32), [K], T_HEX, "INVALID_FIELD")


def dump_json(data):
    return (json.dumps(data, ensure_ascii=True, indent=1) + "\n").encode("ascii")


def generate():
    SIGN.clear()
    VERIFY.clear()
    NAMES.clear()
    cases()
    data = {
        "source": SOURCE,
        "notes": NOTES,
        "version": 1,
        "generator": "scripts/gen_url_vectors.py",
        "defaults": {"maxSkewSeconds": DEFAULT_SKEW, "method": None},
        "sign": SIGN,
        "verify": VERIFY,
    }
    return dump_json(data)


def as_module(data):
    return (b"// Generated by scripts/gen_url_vectors.py from the same data as tests/vectors/urls.json: do not edit.\n"
            b"export default " + data.rstrip(b"\n") + b";\n")


def summary():
    from collections import Counter

    codes = Counter(c["expect"].get("error", "OK") for c in SIGN + VERIFY)
    sources = Counter(c["source"] for c in SIGN + VERIFY)
    return "%d sign + %d verify cases; %s; %s" % (
        len(SIGN), len(VERIFY), ", ".join("%s %d" % kv for kv in sorted(sources.items())),
        ", ".join("%s %d" % kv for kv in sorted(codes.items())))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the file on disk differs from the output")
    ap.add_argument("--out", default=OUT, help="output path (default: tests/vectors/urls.json)")
    ap.add_argument("--quiet", action="store_true", help="no summary")
    args = ap.parse_args()
    data = generate()
    outputs = [(args.out, data), (OUT_JS, as_module(data))]
    if args.check:
        for path, content in outputs:
            try:
                with open(path, "rb") as fh:
                    current = fh.read()
            except OSError:
                current = None
            if current != content:
                sys.stderr.write("%s is stale or missing: run python3 scripts/gen_url_vectors.py\n" % path)
                return 1
            if not args.quiet:
                print("%s is up to date" % os.path.relpath(path, ROOT))
    else:
        for path, content in outputs:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as fh:
                fh.write(content)
            if not args.quiet:
                print("wrote %s (%d bytes)" % (os.path.relpath(path, ROOT), len(content)))
    if not args.quiet:
        print(summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
