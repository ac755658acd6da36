#!/usr/bin/env bash
# scripts/bench.sh — `make bench`: speed, size, cold start and memory of the npm package next to
# its peers and to the native Rust core, in one run (GitHub issue 5). Not part of `make test`:
# every figure here is a timing or a size, and the targets are reported, not enforced.
#
#   a. Node      benches/js/node.mjs: ops/s of our Verifier / verify() against node:crypto,
#                hash-wasm, js-sha256 and Web Crypto on the 454-byte and 709-byte vector bodies
#   b. workerd   benches/js/workerd.mjs: our sync Verifier.verify against crypto.subtle in one
#                isolate of a bundled Worker served by the pinned workerd binary
#   c. size      benches/js/size.mjs: what a Worker ships (esbuild --minify, gzip -9 of the JS
#                and of the .wasm) on the verify-only build (/verify) and on the full one, and
#                each .wasm by crate (twiggy on a build that keeps names)
#   d. cold      benches/js/coldstart.mjs: import + first verify in fresh Node processes (and
#                /verify's time step by step, benches/js/cold-steps.mjs), and a fresh workerd
#                process's first response with and without the package
#   e. native    cargo bench --bench verify (criterion) next to the wasm figure of (a)
#   f. memory    benches/js/memory.mjs: 1,000,000 mixed verifies in one Node process
#   h. http      benches/js/http.mjs: requests/s of a node:http server using createNodeMiddleware
#                against the same server answering 200 unverified (loopback, keep-alive)
#   i. state     benches/js/state.mjs: createStreamTracker `apply` per callback with the memory
#                store, and Redis round trips per apply (a redis-server of our own; counted by
#                the client and by INFO commandstats)
#   j. json      scripts/measure-json-reader.sh: the .wasm with the hand-written JSON reader
#                against serde_json in its place (docs/design/json-reader.md), bytes and gzip -9
#   g. summary   every target, met or MISSED, with its figure
#
# The report: BENCHMARKS.md at the root (benches/js/report.mjs), written at the end of every
# run from what the sections printed, with the date, commit, machine, load average and tool
# versions: the one place for the project's measured figures (README and comments link to it
# and quote none). A subset run writes a file with that subset only. BENCH_REPORT=PATH writes
# it elsewhere, BENCH_REPORT= not at all.
#
# Scratch: build/bench/ (the peers of benches/js/package-lock.json, the packed package, the
# runners copied from benches/js/, results/ with each section's figures). Timed sections run
# pinned to CPU 1 (`taskset -c 1`) when there are two CPUs or more. Tools: the workerd binary
# and esbuild pinned in tests/js/runtimes/package-lock.json (installed as run.sh does), twiggy
# 0.7.0 (cargo install when missing), wasm-bindgen from scripts/toolchain.sh.
# Env: BENCH_SECTIONS="node workerd size cold native memory http state json" (a subset), BENCH_ROUNDS and
# BENCH_BATCH (node.mjs), BENCH_NATIVE_FILTER (criterion filter, default "cached key"; empty runs
# every criterion bench), BENCH_WORKERD_CLOCK=outside, BENCH_COLD_RUNS, BENCH_MEMORY_CALLS,
# BENCH_SCRATCH (another scratch directory than build/bench), BENCH_HTTP_SECONDS, BENCH_HTTP_ROUNDS,
# BENCH_HTTP_MAX, BENCH_HTTP_CONNECTIONS (http.mjs).
# Exit status: 1 when a section failed to run (a MISSED target is not a failure).
set -euo pipefail
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
B=${BENCH_SCRATCH:-$ROOT/build/bench}
RES=$B/results
RUNTIMES=$ROOT/tests/js/runtimes
VECTORS=$ROOT/tests/vectors/callbacks.json
ALL_SECTIONS="node workerd size cold native memory http state json"
SECTIONS=${BENCH_SECTIONS:-$ALL_SECTIONS}
export BENCH_SECTIONS=$SECTIONS BENCH_ALL_SECTIONS=$ALL_SECTIONS
export BENCH_ROOT=$ROOT BENCH_VECTORS=$VECTORS
START=$(date +%s)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)

log() { printf 'bench: %s\n' "$*" >&2; }
wants() { [[ " $SECTIONS " == *" $1 "* ]]; }

PIN=()
if command -v taskset >/dev/null 2>&1 && [[ $(nproc) -ge 2 ]]; then PIN=(taskset -c 1); fi

# 1. The package, and the tools.
log "make pkg"
make --no-print-directory pkg >&2

# The workerd binary and esbuild, pinned for the runtime tests (the same step as run.sh).
if ! cmp -s "$RUNTIMES/package-lock.json" "$RUNTIMES/node_modules/.runtimes-lock" 2>/dev/null; then
    log "npm install (locked versions) in tests/js/runtimes"
    (cd "$RUNTIMES" && npm install --no-save --no-audit --no-fund --loglevel=error </dev/null >&2)
    cp "$RUNTIMES/package-lock.json" "$RUNTIMES/node_modules/.runtimes-lock"
fi

TWIGGY=$(command -v twiggy 2>/dev/null || echo "${CARGO_HOME:-$HOME/.cargo}/bin/twiggy")
# Only the size section uses twiggy.
if wants size && ! [[ -x $TWIGGY && $("$TWIGGY" --version 2>/dev/null) == *" 0.7.0" ]]; then
    log "cargo install twiggy --version 0.7.0"
    (cd / && cargo install twiggy --version 0.7.0 </dev/null >&2)
    TWIGGY=${CARGO_HOME:-$HOME/.cargo}/bin/twiggy
fi

# 2. The scratch project: the peers (benches/js/package-lock.json; `npm install --no-save`, not
#    `npm ci`, for the reason run.sh gives), then the packed package, then the runners.
mkdir -p "$B"
cp benches/js/package.json benches/js/package-lock.json "$B/"
if ! cmp -s benches/js/package-lock.json "$B/node_modules/.bench-lock" 2>/dev/null; then
    log "npm install (locked versions) in build/bench"
    (cd "$B" && npm install --no-save --no-audit --no-fund --loglevel=error </dev/null >&2)
    cp benches/js/package-lock.json "$B/node_modules/.bench-lock"
fi
log "packing pkg/ and installing the tarball into build/bench"
scripts/pack-install.sh "$B" >/dev/null
cp benches/js/*.mjs "$B/"
rm -rf "$RES"
mkdir -p "$RES"

FAILED=()
section() { # section LETTER TITLE COMMAND...: its stdout also to results/out-LETTER.txt
    local letter=$1 title=$2 t0 rc=0
    shift 2
    printf '\n== %s. %s ==\n' "$letter" "$title"
    t0=$(date +%s)
    # (No set -e in here, as before: each section's steps check their status themselves.)
    set +e
    "$@" | tee "$RES/out-$letter.txt"
    rc=${PIPESTATUS[0]}
    set -e
    if [[ $rc -ne 0 ]]; then
        printf '** section %s (%s) failed with status %s\n' "$letter" "$title" "$rc"
        FAILED+=("$letter")
    fi
    printf '%s\t%s\t%s\t%s\n' "$letter" "$title" "$rc" "$(($(date +%s) - t0))" >>"$RES/sections.tsv"
    log "section $letter took $(($(date +%s) - t0)) s"
}

node_section() { (cd "$B" && "${PIN[@]}" node node.mjs "$VECTORS") | tee "$RES/node.txt"; }
workerd_section() { (cd "$B" && "${PIN[@]}" node workerd.mjs); }
size_section() {
    local wb named=$B/named gen=$ROOT/build/pkg-gen name
    # (set -e does not apply inside a function called with ||: every step checks its status.)
    wb=$(scripts/toolchain.sh wasm-bindgen) || return 1
    rm -rf "$named"
    # The raw cargo outputs of both builds, kept by scripts/build-pkg.sh (make pkg).
    for name in hwlc hwlc-lean; do
        [[ -f $gen/$name.wasm ]] || { echo "no $gen/$name.wasm: make pkg should have built it"; return 1; }
        "$wb" --target web --keep-debug --no-typescript --out-dir "$named/$name" "$gen/$name.wasm" || return 1
    done
    (cd "$B" && BENCH_TWIGGY=$TWIGGY BENCH_NAMED_WASM=$named/hwlc/hwlc_bg.wasm \
        BENCH_NAMED_WASM_LEAN=$named/hwlc-lean/hwlc-lean_bg.wasm node size.mjs)
}
cold_section() { (cd "$B" && "${PIN[@]}" node coldstart.mjs); }
native_section() {
    local filter=${BENCH_NATIVE_FILTER-cached key}
    export BENCH_NATIVE_T0=$(($(date +%s) * 1000))
    echo "cargo bench --bench verify -- --warm-up-time 1 --measurement-time 3${filter:+ '$filter'}"
    # Criterion's progress lines ("Benchmarking ...") and change-since-last-run lines are dropped.
    "${PIN[@]}" cargo bench -q --bench verify -- --warm-up-time 1 --measurement-time 3 ${filter:+"$filter"} \
        | grep -v -E '^Benchmarking |^ +change:|^ +(time|thrpt): +\[[-+−]|No change in performance|Change within noise|Performance has (regressed|improved)|^Found [0-9]+ outliers|^ +[0-9]+ \([0-9.]+%\) (high|low) (mild|severe)|^$' \
        || return 1
    (cd "$B" && "${PIN[@]}" node native.mjs)
}
memory_section() { (cd "$B" && "${PIN[@]}" node --expose-gc memory.mjs); }
http_section() { (cd "$B" && "${PIN[@]}" node http.mjs); }
state_section() {
    local redis
    redis=$(scripts/toolchain.sh redis-server) || return 1
    if [[ ! -f tests/state/node_modules/.state-installed ]]; then
        (cd tests/state && npm ci --no-audit --no-fund --loglevel=error </dev/null >&2 && touch node_modules/.state-installed) || return 1
    fi
    (cd "$B" && "${PIN[@]}" node state.mjs "$redis")
}
# Not timed: sizes only (three builds of the package in build/json-reader/).
json_section() { scripts/measure-json-reader.sh; }

log "pinned to CPU 1: ${PIN[*]:-no (taskset or a second CPU missing)}; load average now: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
wants node && section a 'Node: ops/s against node:crypto and the other peers' node_section
wants workerd && section b 'workerd: Verifier.verify against crypto.subtle in one isolate' workerd_section
wants size && section c 'size: what a Worker imports, and the .wasm by crate' size_section
wants cold && section d 'cold start: instantiate + first verify' cold_section
wants native && section e 'native Rust (criterion) against the wasm build' native_section
wants memory && section f 'memory: mixed verifies in one process' memory_section
wants http && section h 'HTTP: createNodeMiddleware against a bare node:http server' http_section
wants state && section i 'state: tracker apply (memory store), Redis round trips per apply' state_section
wants json && section j 'JSON reader: the hand-written one against serde_json, .wasm bytes' json_section

summary_section() { (cd "$B" && node summary.mjs) || true; }
section g 'summary of the targets' summary_section
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)
echo "make bench took $(($(date +%s) - START)) s; load average at the end: $LOAD_END on $(nproc) CPUs"
# The report (BENCHMARKS.md): what the sections printed, with the machine and the versions.
(
    eval "$(scripts/toolchain.sh wasm-env 2>/dev/null)" || true
    export BENCH_LOAD_START=$LOAD_START BENCH_LOAD_END=$LOAD_END BENCH_SECONDS=$(($(date +%s) - START))
    export BENCH_PIN=${PIN[*]:-} BENCH_RUSTC_WASM=$("${RUSTC:-rustc}" --version 2>/dev/null || true)
    BENCH_WASM_BINDGEN=$("$(scripts/toolchain.sh wasm-bindgen 2>/dev/null)" --version 2>/dev/null || true)
    BENCH_WASM_OPT=$("$(scripts/toolchain.sh wasm-opt 2>/dev/null)" --version 2>/dev/null || true)
    export BENCH_WASM_BINDGEN BENCH_WASM_OPT
    cd "$B" && node report.mjs
) || { log "writing the report failed"; FAILED+=(report); }
if [[ ${#FAILED[@]} -gt 0 ]]; then
    echo "bench: section(s) ${FAILED[*]} failed to run" >&2
    exit 1
fi
