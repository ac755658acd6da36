#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/corpus/<target>/ (git-ignored).

Sources: every body of tests/vectors/callbacks.json, the JSON examples of the Huawei doc
pages in the shared seeds directory (SEEDS_DIR, default /work/shared/seeds; skipped when
absent), the committed regression inputs under tests/fuzz-regressions/, and a few
hand-written edge cases. The `verify` and `explain` inputs are a 12-byte header (key set,
options, now, re-signing; see derive_case in tests/common/fuzz_checks.rs) followed by a body.
Deterministic: the same sources give the same files.
"""
import hashlib
import json
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = ["parse", "verify", "explain", "roundtrip", "json", "url"]


def doc_examples(seeds_dir):
    """JSON objects (brace-balanced blocks) found in the doc pages."""
    out = []
    if not os.path.isdir(seeds_dir):
        return out
    for name in sorted(os.listdir(seeds_dir)):
        text = open(os.path.join(seeds_dir, name), encoding="utf-8", errors="replace").read()
        depth, start = 0, None
        for i, c in enumerate(text):
            if c == "{":
                if depth == 0:
                    start = i
                depth += 1
            elif c == "}" and depth > 0:
                depth -= 1
                if depth == 0 and start is not None:
                    block = text[start : i + 1]
                    if '"event' in block or '"domain' in block:
                        out.append(block.encode())
    return out


def edge_cases():
    deep = lambda n: b'{"event":"PUBLISH","domain":"d","app":"a","stream":"s","x":' + b"[" * (n - 1) + b"]" * (n - 1) + b"}"
    return [
        b'{"event":"PUBLISH","domain":"d","app":"a","stream":"s","big":1e400,"neg":-1E+999}',
        deep(127),
        deep(128),
        deep(129),
        b'{"event":"PUBLISH","domain":"d","app":"a","\\u0073tream":"s","stream":"t"}',
        b'{"event_type":"RECORD_FILE_COMPLETE","publish_domain":"d","app":"a","stream":"s","auth_timestamp":"1700000000","auth_sign":"0123456789abcdef0123456789abcdef"}',
        b'{"event":"PUBLISH","domain":"\\ud83d\\ude00\\u76f4","app":"a\\/b","stream":"\\"\\\\\\b\\f\\n\\r\\t","usr_args":null}',
        b"\xef\xbb\xbf{}",
        b'{"event":"PUBLISH","domain":"d","app":"a","stream":"s","auth_timestamp":18446744073709551615,"auth_sign":"' + b"f" * 64 + b'"}',
    ]


def headers():
    """A few headers: (key set, flags, now mode, resign) with x = 0."""
    hs = []
    for keys, flags, now, resign in [
        (2, 0, 9, 0),  # primary key, defaults, now = auth_timestamp
        (2, 1, 9, 1),  # allow MD5, re-signed with the primary key
        (3, 1, 5, 2),  # three keys, re-signed with the second, now at the tolerance edge
        (1, 0b0000_0101, 6, 0x81),  # tolerance 0, upper-case re-signature, just expired
        (4, 0b0110_0000, 2, 3),  # max_body = body length
        (7, 0, 9, 1),  # a key with a leading space (explain only)
    ]:
        hs.append(bytes([keys, flags, now, resign]) + struct.pack("<Q", 0))
    return hs


def url_seeds():
    """The `url` target: an 8-byte header (see tests/common/fuzz_url_checks.rs) + a URL of
    tests/vectors/urls.json, as given (at the case's now) and re-signed with A, B and D."""
    v = json.load(open(os.path.join(ROOT, "tests", "vectors", "urls.json")))
    out = []
    for c in v["verify"] + v["sign"]:
        if not isinstance(c["url"], str):
            continue
        u = c["url"].encode()
        now = c.get("now", c.get("time", 0))
        now = int(now) if int(now) < 2**32 else 0
        out.append(bytes([1 | 0b0000_0100, 1, 43, 0]) + struct.pack("<I", now) + u)
        for m in (0, 1, 3):  # A, B, D; key 0; now = time, then time + timeout - 1
            out.append(bytes([3, 1, 43, 1 | (m << 1) | ((m & 1) << 5)]) + struct.pack("<I", 1592639100) + u)
    return out


def main():
    seeds_dir = os.environ.get("SEEDS_DIR", "/work/shared/seeds")
    vectors = json.load(open(os.path.join(ROOT, "tests", "vectors", "callbacks.json")))
    bodies = []
    for c in vectors["cases"]:
        if "body" in c:
            bodies.append(c["body"].encode())
        elif "bodyHex" in c and "bodyRepeat" not in c:
            bodies.append(bytes.fromhex(c["bodyHex"]))
    bodies += doc_examples(seeds_dir) + edge_cases()
    corpus = {t: [] for t in TARGETS}
    corpus["parse"] = list(bodies)
    corpus["json"] = list(bodies)
    hs = headers()
    for i, b in enumerate(bodies):
        # Every body with two of the headers, rotating, to keep the corpus small.
        for h in (hs[i % len(hs)], hs[(i + 3) % len(hs)]):
            corpus["verify"].append(h + b)
            corpus["explain"].append(h + b)
    # roundtrip: structured input; deterministic pseudo-random bytes.
    for i in range(64):
        corpus["roundtrip"].append(hashlib.sha512(b"roundtrip%d" % i).digest() * (1 + i % 4))
    corpus["url"] = url_seeds()
    for t in TARGETS:
        reg = os.path.join(ROOT, "tests", "fuzz-regressions", t)
        if os.path.isdir(reg):
            corpus[t] += [open(os.path.join(reg, f), "rb").read() for f in sorted(os.listdir(reg))]
        out = os.path.join(ROOT, "fuzz", "corpus", t)
        os.makedirs(out, exist_ok=True)
        for data in corpus[t]:
            name = hashlib.sha1(data).hexdigest()
            with open(os.path.join(out, name), "wb") as f:
                f.write(data)
        print(f"{t}: {len(corpus[t])} seeds in {os.path.relpath(out, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
