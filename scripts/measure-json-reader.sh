#!/usr/bin/env bash
# scripts/measure-json-reader.sh — what the hand-written JSON reader (src/json.rs) saves in the
# npm package's .wasm against serde_json (docs/design/json-reader.md; make bench section j).
#
# Builds the package three times in a scratch copy of the working tree, each time with
# scripts/build-pkg.sh itself (the same cargo, wasm-bindgen and wasm-opt steps as make pkg, both
# builds: the full one and the verify-only one), and prints the wasm-opt'ed .wasm of each, in
# bytes and gzip -9 bytes:
#   hand-written   the tree as it is
#   serde_json     src/json.rs replaced by scripts/json-reader-serde.rs (serde_json's MapAccess
#                  and RawValue; nested objects and arrays only skimmed, as serde_json skims them)
#   serde_json, strict   the same, every nested object or array also read as a serde_json::Value
#                  (lone surrogates and excess depth refused, as the hand-written reader does)
# serde_json and serde_core are the versions Cargo.lock already holds (the tests' reference
# decoder); default features off, "std" and "raw_value" on. Scratch: build/json-reader/ (tree/,
# target/ kept between runs, so only the first run builds std). With twiggy 0.7.0 installed (make
# bench's size section installs it), also where the verify-only build's bytes are: twiggy's
# shallow bytes on the cargo output (names kept, before wasm-bindgen and wasm-opt) of the items
# of serde_json/serde_core, core::fmt, float parsing and printing (core::num), the hand-written
# reader (…::json::) and the data segments. Env: JSON_READER_SCRATCH, TWIGGY.
# --tests: also run the core's tests/vectors.rs and tests/fuzz_regressions.rs (host, in the scratch
# copy) on each variant, and print which cases the serde_json reader gets wrong.
# Output: tables on stdout; exit status 1 when a build failed (not when a --tests case failed).
set -euo pipefail
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
S=${JSON_READER_SCRATCH:-$ROOT/build/json-reader}
T=$S/tree
log() { printf 'measure-json-reader: %s\n' "$*" >&2; }

mkdir -p "$S"
# The scratch copy: tracked and untracked (not ignored) files of the working tree, as they are.
rm -rf "$T"
mkdir -p "$T"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
    tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -C "$T" -xf -
# esbuild (pinned in tests/js/tools) and binaryen's wasm-opt from the real tree, when installed.
if [[ -d $ROOT/tests/js/tools/node_modules ]]; then
    ln -s "$ROOT/tests/js/tools/node_modules" "$T/tests/js/tools/node_modules"
fi
export TOOLCHAIN_NPM_DIR=${TOOLCHAIN_NPM_DIR:-$ROOT/build/tools}
export CARGO_TARGET_DIR=$S/target

sizes() { # sizes LABEL: one table row per build of the tree's pkg/dist
    local f raw gz row="$1"
    for f in "$T/pkg/dist/hwlc_bg.wasm" "$T/pkg/dist/lean/hwlc-lean_bg.wasm"; do
        raw=$(stat -c %s "$f")
        gz=$(gzip -9c "$f" | wc -c)
        row+=$(printf ' | %s | %s' "$raw" "$gz")
    done
    echo "$row"
}
TWIGGY=${TWIGGY:-$(command -v twiggy 2>/dev/null || echo "${CARGO_HOME:-$HOME/.cargo}/bin/twiggy")}
where() { # where LABEL: the verify-only cargo output by kind of item (twiggy), one table row
    [[ -x $TWIGGY ]] || return 0
    "$TWIGGY" top -n 1000000 --format csv "$T/build/pkg-gen/hwlc-lean.wasm" | node -e '
const rows = require("fs").readFileSync(0, "utf8").split("\n").slice(1).filter(Boolean).map((line) => {
  const m = /^("(?:[^"]|"")*"|[^,]*),(\d+)/.exec(line);
  return m ? [m[1].replace(/^"|"$/g, "").replace(/""/g, "\""), Number(m[2])] : ["", 0];
});
const kinds = [
  ["serde_json, serde_core", /\bserde_(json|core)\b/],
  ["core::fmt", /\b(core|alloc)(\[[0-9a-f]+\])?::fmt::/],
  ["core::num (float parse/print)", /\bcore(\[[0-9a-f]+\])?::num::(flt2dec|dec2flt|imp::(flt2dec|dec2flt))/],
  ["crate::json", /\bhuaweicloud_live_callback(\[[0-9a-f]+\])?::json::/],
  ["data segments", /^data\[\d+\]$/],
];
const sum = (re) => rows.filter(([n]) => re.test(n)).reduce((s, [, b]) => s + b, 0);
const custom = /custom section|subsection|"name" headers|\x27name\x27 headers/;
const code = rows.filter(([n]) => !custom.test(n)).reduce((s, [, b]) => s + b, 0);
console.log(`| ${process.argv[1]} | ${kinds.map(([, re]) => sum(re)).join(" | ")} | ${code} |`);
' "$1" >>"$S/where" || log "twiggy failed on $1"
}
TESTS=0
[[ ${1:-} == --tests ]] && TESTS=1
tests() { # tests LABEL: the core's vector and regression tests on the tree as it is
    [[ $TESTS == 1 ]] || return 0
    log "cargo test (host) on: $1"
    {
        echo "tests on $1 (cargo test --no-fail-fast --test vectors --test fuzz_regressions):"
        (cd "$T" && env -u CARGO_TARGET_DIR CARGO_TARGET_DIR="$S/target-host" \
            cargo test -q --no-fail-fast --test vectors --test fuzz_regressions 2>&1) |
            grep -E '^test result|cases failed|: expected |^test .* FAILED|panicked at' | sed 's/^/  /' || true
        echo
    } >>"$S/tests"
}
build() { # build LABEL
    log "building the package: $1"
    (cd "$T" && scripts/build-pkg.sh >&2) || { log "build failed: $1"; return 1; }
    sizes "$1" >>"$S/rows"
    where "$1"
    tests "$1"
}

: >"$S/rows"
: >"$S/where"
: >"$S/tests"
build "hand-written (src/json.rs)"

# The serde_json variants: the reader replaced, the two crates added to the core's dependencies,
# Cargo.lock completed from the versions it has (offline first; crates.io when that fails).
cp "$T/scripts/json-reader-serde.rs" "$T/src/json.rs"
sed -i '/^\[dependencies\]$/a\
serde_core = { version = "1", default-features = false, features = ["std"] }\
serde_json = { version = "1", default-features = false, features = ["std", "raw_value"] }' "$T/Cargo.toml"
sed -i 's/^use serde::de::/use serde_core::de::/' "$T/src/json.rs"
(cd "$T" && { scripts/toolchain.sh cargo-wasm metadata --format-version 1 --offline >/dev/null 2>&1 ||
    scripts/toolchain.sh cargo-wasm metadata --format-version 1 >/dev/null; })
build "serde_json (scripts/json-reader-serde.rs)"
sed -i 's/^const STRICT_CONTAINERS: bool = false;/const STRICT_CONTAINERS: bool = true;/' "$T/src/json.rs"
grep -q '^const STRICT_CONTAINERS: bool = true;' "$T/src/json.rs"
build "serde_json, nested values read as serde_json::Value"

rustc_v=$(eval "$(cd "$T" && scripts/toolchain.sh wasm-env 2>/dev/null)" && "${RUSTC:-rustc}" --version || true)
echo "The .wasm after wasm-opt (scripts/build-pkg.sh: ${WASM_OPT_LEVEL:--O3}), bytes and gzip -9 bytes; ${rustc_v:-rustc ?}"
echo
echo "| JSON reader | full: bytes | full: gzip -9 | verify-only: bytes | verify-only: gzip -9 |"
echo "|---|---:|---:|---:|---:|"
sed 's/^/| /; s/$/ |/' "$S/rows"
echo
# The differences, from the first row (hand-written) to each other row.
awk -F' \\| ' 'NR == 1 { for (i = 2; i <= 5; i++) base[i] = $i + 0; next }
    { printf "%s: ", $1; sep = ""
      split("full bytes|full gzip|verify-only bytes|verify-only gzip", name, "|")
      for (i = 2; i <= 5; i++) { printf "%s%s +%d", sep, name[i - 1], $i - base[i]; sep = ", " }
      print " against the hand-written reader" }' "$S/rows"
if [[ -s $S/where ]]; then
    echo
    echo "Where the verify-only build's bytes are: twiggy $("$TWIGGY" --version | awk '{print $NF}') shallow bytes on the cargo output"
    echo "(names kept, before wasm-bindgen and wasm-opt; items by name: crate::json is the hand-written reader in the"
    echo "first row and the serde glue in the others; the data segments hold every kind's constants; the last column"
    echo "sums every item but the custom sections, which are not shipped)"
    echo
    echo "| JSON reader | serde_json, serde_core | core::fmt | core::num (floats) | crate::json | data segments | all items but custom sections |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    cat "$S/where"
fi
if [[ -s $S/tests ]]; then
    echo
    cat "$S/tests"
fi
