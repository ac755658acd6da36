#!/usr/bin/env bash
# tests/packaging/run.sh — the packaging tests (issue 11; `make test-packaging`): each toolchain's
# tiny app in tests/packaging/<toolchain>/ gets the package from its `npm pack` tarball, is built
# with the toolchain's defaults and run (tests/packaging/run.mjs says how, per toolchain).
#   tests/packaging/run.sh [toolchain ...]     default: all of them
# Expects a built pkg/ (`make pkg`). Each app's pinned toolchain is installed with `npm ci`,
# skipped while node_modules/.packaging-lock equals its package-lock.json. Tarball: build/packaging/.
# Final line: "N passed, N failed"; exit 1 on failure.
set -euo pipefail
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd -- "$HERE/../.." && pwd)
ALL=(vite5 vite6 vite7 vite8 webpack rollup esbuild parcel bun deno jest vitest vitest-workers)
log() { printf 'packaging: %s\n' "$*" >&2; }
fail() { echo "packaging: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

[[ -f $ROOT/pkg/dist/hwlc_bg.wasm ]] || fail "pkg/dist is not built: run 'make pkg' (make test-packaging does)"
apps=("$@")
[[ ${#apps[@]} -gt 0 ]] || apps=("${ALL[@]}")

# 1. Pinned toolchains (and lib/: playwright-core), npm ci when the lock file changed.
for app in lib "${apps[@]}"; do
    dir=$HERE/$app
    [[ -f $dir/package-lock.json ]] || fail "no toolchain $app (tests/packaging/$app/package-lock.json)"
    if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.packaging-lock" 2>/dev/null; then
        log "npm ci in tests/packaging/$app"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error </dev/null >&2) || fail "npm ci failed in tests/packaging/$app"
        cp "$dir/package-lock.json" "$dir/node_modules/.packaging-lock"
    fi
done
# Headless Chromium comes from Debian (playwright cannot download a browser here).
if [[ ! -x ${CHROMIUM:-/usr/bin/chromium} ]]; then
    log "installing Debian chromium"
    "$ROOT/scripts/toolchain.sh" chromium >/dev/null
fi

# 2. The package as users get it.
PACK=$ROOT/build/packaging
mkdir -p "$PACK"
rm -f "$PACK"/huaweicloud-live-callback-*.tgz
file=$(cd "$ROOT" && npm pack ./pkg --pack-destination "$PACK" --silent </dev/null | tail -n1)
[[ -f $PACK/$file ]] || fail "npm pack produced no $PACK/$file"
log "tarball $PACK/$file ($(stat -c %s "$PACK/$file") bytes)"

# 3. Build and run every app.
exec node "$HERE/run.mjs" "$PACK/$file" "${apps[@]}"
