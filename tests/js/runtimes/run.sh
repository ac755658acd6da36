#!/usr/bin/env bash
# tests/js/runtimes/run.sh — run the package, installed from its `npm pack` tarball into a
# scratch project as a user would install it, in Deno, Bun, workerd and headless Chromium,
# then the examples (Cloudflare Worker in workerd, node:http server) and the quick-start
# snippets of README.md. Installs its own pinned tooling (package-lock.json here)
# (see step 1). Expects a built pkg/ (`make pkg`; `make test-runtimes` builds it first).
#
#   tests/js/runtimes/run.sh [deno|bun|workerd|chromium|examples|quickstart ...]
#
# Scratch: build/runtimes/ (git-ignored). Final line: "N passed, N failed"; exit 1 on failure.
set -euo pipefail
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd -- "$HERE/../../.." && pwd)
SCRATCH=$ROOT/build/runtimes
export RUNTIMES_APP=$SCRATCH/app

log() { printf 'runtimes: %s\n' "$*" >&2; }

# 1. Pinned tooling: deno, bun, workerd, esbuild, playwright-core (skip when already current).
#    Not `npm ci`: the registry mirror here serves only this platform's binary packages (the
#    darwin/windows optional dependencies answer 404), so the lock file cannot list them and
#    `npm ci` refuses it as out of sync. `npm install --no-save` installs the locked versions
#    and leaves package-lock.json as it is; every version is exact in package.json anyway.
if ! cmp -s "$HERE/package-lock.json" "$HERE/node_modules/.runtimes-lock" 2>/dev/null; then
    log "npm install (locked versions) in tests/js/runtimes"
    (cd "$HERE" && npm install --no-save --no-audit --no-fund --loglevel=error </dev/null >&2)
    cp "$HERE/package-lock.json" "$HERE/node_modules/.runtimes-lock"
fi
# Headless Chromium comes from Debian (playwright cannot download a browser here).
if [[ ! -x ${CHROMIUM:-/usr/bin/chromium} ]]; then
    log "installing Debian chromium"
    "$ROOT/scripts/toolchain.sh" chromium >/dev/null
fi

# 2. The package as a user gets it: npm pack pkg/, npm install the tarball into a scratch project.
[[ -f $ROOT/pkg/package.json ]] || { echo "runtimes: pkg/package.json is missing: run 'make pkg' first" >&2; echo "0 passed, 1 failed"; exit 1; }
rm -rf "$RUNTIMES_APP"
mkdir -p "$SCRATCH"
log "packing pkg/ and installing the tarball into $RUNTIMES_APP"
"$ROOT/scripts/pack-install.sh" "$RUNTIMES_APP" >&2

# 3. The runners.
exec node "$HERE/run-all.mjs" "$@"
