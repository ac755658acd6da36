#!/usr/bin/env bash
# scripts/build-pkg.sh — build the npm package's generated files into pkg/dist/ (git-ignored):
#   hwlc_bg.wasm      the core + the thin bindings crate, wasm-opt'ed (one file for every target)
#   hwlc.js           wasm-bindgen glue, --target web (ES module), cut to initSync: the async default
#                     init (fetch, instantiateStreaming, `new URL('hwlc_bg.wasm', import.meta.url)`)
#                     is removed, as every entry passes the module to initSync; bundlers must not see
#                     (and copy) a .wasm asset that the code never loads, nor an import.meta that
#                     CommonJS output cannot have, and a Worker need not ship the unused loader
#   wasm-inline.mjs   the .wasm as base64 (a build input of inline.mjs; not shipped)
#   inline.mjs        pkg/src/inline-esm.js bundled by esbuild: the inline build (glue, the base64
#                     .wasm, src/api.js and every module it imports, CallbackError) as ONE ES
#                     module file, which the exports map names for Node, Bun, Deno, browsers,
#                     bundlers and `default`: Node imports one file far faster than a graph of
#                     modules (make bench's cold section)
#   wasm-inline.cjs   the same as CommonJS, for inline.cjs
#   inline.cjs        pkg/src/inline-cjs.js (inline.mjs as CommonJS) bundled by esbuild (pinned in
#                     tests/js/tools): `require` under `browser` (Jest + jsdom) and of the ./inline
#                     subpath, and node.cjs's fallback where a runtime cannot require an ES module
#                     (Node < 20.19 / 22.12, Jest: pkg/src/require-esm.cjs); TextEncoder and
#                     TextDecoder go through src/text-fallback.js there (jsdom has neither).
#                     Node itself loads no CommonJS build: `import` gets inline.mjs, and node.cjs
#                     requires that file (require(esm)): one module instance
#   index.d.cts       pkg/index.d.ts for `require` resolution; fields.d.cts (pkg/fields.d.ts) beside it
#   lean/             the same files (the .wasm named hwlc-lean_bg.wasm) for
#                     huaweicloud-live-callback/verify: the bindings built with
#                     --no-default-features --features small (no `tools`: verify and parse only;
#                     compact SHA-256), inline.mjs from pkg/src/verify-inline-esm.js, inline.cjs
#                     from pkg/src/verify-inline-cjs.js, api.mjs (the workerd entry's) from
#                     pkg/src/verify-bundle.js; verify.d.cts next to index.d.cts
# Tools come from scripts/toolchain.sh (installed when missing). Env: WASM_OPT_LEVEL (default
# -O3), RUST_OPT_LEVEL (Cargo opt-level for the wasm build, default the release profile's: 3;
# "s" gave a slightly smaller .wasm but markedly slower verification: make bench measures both),
# PANIC_IMMEDIATE_ABORT=0 to keep the ordinary panic=abort runtime, LEAN_INLINE_THRESHOLD (the
# verify-only build's LLVM inline threshold, default 25) and LEAN_OPT_LEVEL (its Cargo
# opt-level, default 2; RUST_OPT_LEVEL, when set, applies to both builds); see below.
set -euo pipefail
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

WASM_BINDGEN=$(scripts/toolchain.sh wasm-bindgen)
WASM_OPT=$(scripts/toolchain.sh wasm-opt)
WASM_OPT_LEVEL=${WASM_OPT_LEVEL:--O3}

if [[ -n ${RUST_OPT_LEVEL:-} ]]; then export CARGO_PROFILE_RELEASE_OPT_LEVEL=$RUST_OPT_LEVEL; fi
# When std is built from source (-Z build-std, the Debian route of toolchain.sh), build it and
# the crates with panic=immediate-abort: no panic-message machinery in the .wasm (smaller after
# gzip, same speed; make bench's size section). A panic would trap either way; none is reachable from the API.
eval "$(scripts/toolchain.sh wasm-env)"
if [[ -n ${CARGO_UNSTABLE_BUILD_STD:-} && ${PANIC_IMMEDIATE_ABORT:-1} == 1 ]]; then
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-} -Zunstable-options -Cpanic=immediate-abort"
fi
# build_wasm NAME DIR TARGET_DIR RUSTFLAGS [CARGO_ARGS...]: the bindings crate for wasm32 (built in
# TARGET_DIR with RUSTFLAGS added), wasm-bindgen (--target web), wasm-opt; DIR gets NAME_bg.wasm,
# hwlc.js (cut to initSync, see above) and wasm-inline.mjs / .cjs. The verify-only build has a
# target directory of its own (target/lean): its RUSTFLAGS differ (LLVM's inline threshold), and
# one shared directory would rebuild std and the core for each build on every run. The .wasm
# keeps wasm-bindgen's name, NAME_bg.wasm: a Worker that bundles both builds gets two distinct
# module names (its glue's import namespace is named after it too). The raw
# .wasm (names kept, before wasm-opt) is copied to build/pkg-gen/NAME.wasm for make bench's twiggy.
GEN=build/pkg-gen
rm -rf "$GEN"
mkdir -p "$GEN"
build_wasm() {
    local name=$1 out=$2 target=$3 flags=$4
    shift 4
    CARGO_TARGET_DIR=$target \
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-} $flags" \
        scripts/toolchain.sh cargo-wasm build --release --locked -p huaweicloud-live-callback-wasm --lib "$@"
    cp "$target/wasm32-unknown-unknown/release/hwlc.wasm" "$GEN/$name.wasm"
    "$WASM_BINDGEN" --target web --no-typescript --out-dir "$GEN/$name" "$GEN/$name.wasm"
    mkdir -p "$out"
    # The features wasm-bindgen's output uses (Rust's wasm32 defaults); wasm-opt needs them named.
    "$WASM_OPT" "$WASM_OPT_LEVEL" --strip-debug --strip-producers \
        --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
        --enable-sign-ext --enable-multivalue --enable-mutable-globals \
        "$GEN/$name/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
    node -e '
const fs = require("fs");
const [from, to, wasmName] = process.argv.slice(1);
const glue = fs.readFileSync(from, "utf8");
// once(text, marker): the two sides of the one occurrence of marker.
const once = (text, marker) => {
  const parts = text.split(marker);
  if (parts.length !== 2) throw new Error(`build-pkg: ${from}: expected ${JSON.stringify(marker)} once, found ${parts.length - 1}`);
  return parts;
};
once(glue, `module_or_path = new URL(\x27${wasmName}\x27, import.meta.url);`);
// Keep initSync and what it uses; cut the async loader (__wbg_load … the default export).
const [head, rest] = once(glue, "async function __wbg_load(");
const [, sync] = once(rest, "\nfunction initSync(");
const [syncInit] = once(sync, "\nlet __wbg_init_promise;");
const out = `${head}function initSync(${syncInit}\nexport { initSync };\n`;
for (const gone of ["import.meta", "__wbg_load", "fetch(", "export default", "as default"])
  if (out.includes(gone)) throw new Error(`build-pkg: ${from}: the cut glue still has ${gone}`);
fs.writeFileSync(to, out);
' "$GEN/$name/$name.js" "$out/hwlc.js" "${name}_bg.wasm"
    node -e '
const fs = require("fs");
const [wasm, out] = process.argv.slice(1);
const b64 = fs.readFileSync(wasm).toString("base64");
const head = "// Generated by scripts/build-pkg.sh: the .wasm next to this file as base64.\n";
fs.writeFileSync(out + ".mjs", head + "export default \"" + b64 + "\";\n");
fs.writeFileSync(out + ".cjs", head + "\"use strict\";\nmodule.exports = \"" + b64 + "\";\n");
' "$out/${name}_bg.wasm" "$out/wasm-inline"
}

OUT=pkg/dist
# The licence texts and SECURITY.md travel in the tarball; the repository root keeps the one copy.
cp LICENSE-MIT LICENSE-APACHE SECURITY.md pkg/
rm -rf "$OUT"
TARGET=${CARGO_TARGET_DIR:-target}
build_wasm hwlc "$OUT" "$TARGET" ""
# The verify-only build (huaweicloud-live-callback/verify): without the `tools` feature, and
# with LLVM's inline threshold lowered from opt-level 3's 250 (LEAN_INLINE_THRESHOLD, default
# 25): a smaller .wasm for a Worker to ship and compile, for a slower verify (make bench's size
# and cold sections; docs/design/ has the measurement). At opt-level 2 (LEAN_OPT_LEVEL) rather
# than 3: with that threshold, a smaller .wasm again for the same speed (the design note).
CARGO_PROFILE_RELEASE_OPT_LEVEL=${RUST_OPT_LEVEL:-${LEAN_OPT_LEVEL:-2}} build_wasm hwlc-lean "$OUT/lean" "$TARGET/lean" "-Cllvm-args=-inline-threshold=${LEAN_INLINE_THRESHOLD:-25}" \
    --no-default-features --features small

ESBUILD=tests/js/tools/node_modules/.bin/esbuild
[[ -x $ESBUILD ]] || (cd tests/js/tools && npm ci --no-audit --no-fund --loglevel=error </dev/null)
# Each bundle is ONE file: the base64 .wasm (wasm-inline.mjs / .cjs, which stay in dist/ as
# build inputs and are not shipped) and CallbackError (pkg/src/error.js: one class for every
# copy through its registry, see the file) are bundled in. Node's ES module loader pays for
# every module at start-up (make bench's cold section), so the exports map names these files
# themselves, not entries that re-export them.
# cjs_bundle ENTRY OUT: a CommonJS inline build (dist/inline.cjs, dist/lean/inline.cjs).
cjs_bundle() {
    "$ESBUILD" "$1" --bundle --platform=neutral --format=cjs --target=es2020 --log-level=warning \
        --inject:pkg/src/text-fallback.js --outfile="$2" \
        --banner:js="// Generated by scripts/build-pkg.sh (esbuild) from $1: the inline build as CommonJS."
}
cjs_bundle pkg/src/inline-cjs.js "$OUT/inline.cjs"
cjs_bundle pkg/src/verify-inline-cjs.js "$OUT/lean/inline.cjs"
# esm_bundle ENTRY OUT: an ES module inline build (dist/inline.mjs, dist/lean/inline.mjs: what
# Node, Bun, Deno, browsers and bundlers import).
esm_bundle() {
    "$ESBUILD" "$1" --bundle --platform=neutral --format=esm --target=es2022 --log-level=warning \
        --outfile="$2" \
        --banner:js="// Generated by scripts/build-pkg.sh (esbuild) from $1: the inline build as one ES module."
}
esm_bundle pkg/src/inline-esm.js "$OUT/inline.mjs"
esm_bundle pkg/src/verify-inline-esm.js "$OUT/lean/inline.mjs"
"$ESBUILD" pkg/src/verify-bundle.js --bundle --format=esm --target=es2022 --log-level=warning \
    --outfile="$OUT/lean/api.mjs" \
    --banner:js="// Generated by scripts/build-pkg.sh (esbuild) from pkg/src/verify-bundle.js: the verify-only API, its own module state."
sed "s|'./fields.js'|'./fields.cjs'|" pkg/index.d.ts > "$OUT/index.d.cts"
sed "s|'./index.js'|'./index.cjs'|" pkg/fields.d.ts > "$OUT/fields.d.cts"
sed "s|'./index.js'|'./index.cjs'|" pkg/verify.d.ts > "$OUT/verify.d.cts"

for f in "$OUT/hwlc_bg.wasm" "$OUT/lean/hwlc-lean_bg.wasm"; do
    echo "build-pkg: $f $(stat -c %s "$f") bytes, $(gzip -9c "$f" | wc -c) gzip -9 (wasm-opt $WASM_OPT_LEVEL)"
done
