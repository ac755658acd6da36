#!/usr/bin/env python3
"""Chooses the regression inputs of one fuzz target: the fewest corpus files that together cover
every coverage edge (PC) the whole corpus covers, by greedy set cover over libFuzzer's merge
control file (run with -use_counters=0 -use_cmp=0, so that a file's features are exactly the
edges it covers). With a cap, the greedy order keeps the files that add the most edges and
drops the tail, where each file adds an edge or two. Usage (from fuzz/, after `cargo fuzz cmin`):

    select_regressions.py <fuzz binary> <corpus dir> <output dir> [max files]

The output directory is emptied and refilled with copies named by content SHA-1, so the
selection is reproducible for a given corpus and binary. Prints how many files were kept.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    binary, corpus, out = sys.argv[1:4]
    cap = int(sys.argv[4]) if len(sys.argv) > 4 else None
    with tempfile.TemporaryDirectory() as tmp:
        control = os.path.join(tmp, "control")
        empty = os.path.join(tmp, "empty")
        os.mkdir(empty)
        subprocess.run(
            [
                binary,
                "-merge=1",
                "-set_cover_merge=1",
                "-use_counters=0",
                "-use_cmp=0",
                f"-merge_control_file={control}",
                empty,
                corpus,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        lines = open(control, encoding="utf-8", errors="replace").read().splitlines()
    n = int(lines[0])
    files = lines[2 : 2 + n]
    cover, size = {}, {}
    for line in lines[2 + n :]:
        parts = line.split()
        if parts and parts[0] == "STARTED":
            size[int(parts[1])] = int(parts[2])
        elif parts and parts[0] == "FT":
            cover[int(parts[1])] = set(parts[2:])
    remaining = set().union(*cover.values()) if cover else set()
    total = len(remaining)
    chosen = []
    while remaining and (cap is None or len(chosen) < cap):
        best = max(cover, key=lambda i: (len(cover[i] & remaining), -size.get(i, 0), files[i]))
        gain = cover[best] & remaining
        if not gain:
            break
        chosen.append(best)
        remaining -= gain
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    for i in chosen:
        data = open(files[i], "rb").read()
        with open(os.path.join(out, hashlib.sha1(data).hexdigest()), "wb") as f:
            f.write(data)
    kept = total - len(remaining)
    print(f"{os.path.basename(out)}: {len(chosen)} of {n} corpus files cover {kept} of {total} edges")


if __name__ == "__main__":
    main()
