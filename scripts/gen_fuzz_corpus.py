#!/usr/bin/env python3
"""Pack the fuzz regression inputs into tests/fuzz-regressions/corpus.json for the JS suite.

The committed regression inputs live one file each in tests/fuzz-regressions/<target>/ (the
minimised corpora of the cargo-fuzz targets in fuzz/; tests/fuzz_regressions.rs replays them in
Rust). JavaScript runtimes without a file system (workerd, the browser) cannot list a folder, so
this script packs them into one JSON file that every runner passes to tests/js/suite.mjs, which
runs each input through parse, verify and explain.

    python3 scripts/gen_fuzz_corpus.py           # (re)write tests/fuzz-regressions/corpus.json
    python3 scripts/gen_fuzz_corpus.py --check   # exit 1 if the committed file is stale

Standard library only; no clock, no randomness: the output is byte for byte reproducible.
The file is kept small: at most MAX_INPUTS inputs and MAX_BYTES bytes of inputs. When there are
more, the selection takes the targets in turn (round robin) and, within a target, alternates
between the smallest and the largest inputs not taken yet, so that every target and the whole
range of sizes stay represented. Identical inputs (same bytes under two targets) are kept once.
"""

import argparse
import base64
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIR = os.path.join(ROOT, "tests", "fuzz-regressions")
OUT = os.path.join(DIR, "corpus.json")

MAX_INPUTS = 300
MAX_BYTES = 1 << 20
# Inputs of these targets start with a header (options, now, key set; see
# tests/common/fuzz_checks.rs, derive_case) before the body; the suite also runs the body alone.
HEADER_BYTES = {"verify": 12, "explain": 12}
# Targets whose inputs are not callback bodies (the url target's are signed URLs, replayed by
# tests/fuzz_regressions.rs and covered in JS by the urls.json vectors): not packed.
NOT_BODIES = {"url"}


def load():
    """Every input as (target, name, bytes), targets and names sorted."""
    targets = {}
    for target in sorted(os.listdir(DIR)):
        path = os.path.join(DIR, target)
        if not os.path.isdir(path) or target in NOT_BODIES:
            continue
        files = []
        for name in sorted(os.listdir(path)):
            p = os.path.join(path, name)
            if os.path.isfile(p) and not name.startswith("."):
                with open(p, "rb") as f:
                    files.append((name, f.read()))
        if files:
            targets[target] = files
    return targets


def spread(files):
    """Smallest, largest, next smallest, next largest, ... (ties broken by name)."""
    ordered = sorted(files, key=lambda f: (len(f[1]), f[0]))
    out = []
    lo, hi = 0, len(ordered) - 1
    while lo <= hi:
        out.append(ordered[lo])
        if hi != lo:
            out.append(ordered[hi])
        lo += 1
        hi -= 1
    return out


def select(targets):
    queues = {t: spread(files) for t, files in targets.items()}
    chosen = []
    seen = set()
    total = 0
    while len(chosen) < MAX_INPUTS and any(queues.values()):
        for t in sorted(queues):
            q = queues[t]
            while q:
                name, data = q.pop(0)
                if data in seen:
                    continue
                if total + len(data) > MAX_BYTES:
                    continue  # too large for what is left; a smaller one may still fit
                seen.add(data)
                total += len(data)
                chosen.append((t, name, data))
                break
            if len(chosen) >= MAX_INPUTS:
                break
    chosen.sort(key=lambda c: (c[0], c[1]))
    return chosen, total


def render():
    targets = load()
    available = sum(len(f) for f in targets.values())
    chosen, total = select(targets)
    doc = {
        "source": "The regression inputs of tests/fuzz-regressions/<target>/, packed by "
        "scripts/gen_fuzz_corpus.py for tests/js/suite.mjs (which runs each through parse, "
        "verify and explain in every JavaScript runtime). Do not edit: regenerate.",
        "headerBytes": HEADER_BYTES,
        "available": available,
        "totalBytes": total,
        "inputs": [
            {"target": t, "name": n, "base64": base64.b64encode(d).decode("ascii")}
            for t, n, d in chosen
        ],
    }
    return json.dumps(doc, indent=1, ensure_ascii=True) + "\n", len(chosen), available, total


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the file on disk differs from the output")
    args = ap.parse_args()
    text, n, available, total = render()
    if n == 0:
        print(f"gen_fuzz_corpus: no inputs under {DIR}", file=sys.stderr)
        return 1
    if args.check:
        try:
            with open(OUT, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            print(f"{os.path.relpath(OUT, ROOT)} is stale: run python3 scripts/gen_fuzz_corpus.py", file=sys.stderr)
            return 1
        print(f"{os.path.relpath(OUT, ROOT)} is up to date ({n} of {available} inputs, {total} bytes)")
        return 0
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(OUT, ROOT)}: {n} of {available} inputs, {total} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
