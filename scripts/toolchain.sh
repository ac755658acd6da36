#!/usr/bin/env bash
# scripts/toolchain.sh — ensure (install when missing) the tools that build the
# wasm32 package, and print how to call them. Idempotent; the fast path (all
# present) does no network access and takes well under a second.
#
# Usage: scripts/toolchain.sh COMMAND [ARGS...]
#
#   wasm-env          Ensure a Rust toolchain that can build wasm32-unknown-unknown.
#                     Prints `export VAR=...` lines on stdout (for `eval "$(...)"`);
#                     $WASM_CARGO in them is the cargo to call.
#   cargo-wasm ARGS   Run that cargo for wasm32 with every extra flag it needs, e.g.
#                       scripts/toolchain.sh cargo-wasm build --release -p foo
#                     (--target is set through CARGO_BUILD_TARGET, so ARGS need none;
#                     output lands in target/wasm32-unknown-unknown/<profile>/).
#   wasm-bindgen      Ensure the wasm-bindgen CLI whose version equals the crate's
#                     (see "Pinned versions"); print its absolute path.
#   wasm-opt          Ensure binaryen's wasm-opt (npm package); print its path.
#   chromium          Ensure Debian's chromium; print its path (/usr/bin/chromium).
#   redis-server      Ensure Debian's redis-server (the state tests start their own on a free
#                     loopback port); print its path (/usr/bin/redis-server). Tries the install
#                     with the current package lists first and runs `apt-get update` only when
#                     that fails; each apt step is bounded (timeout 900 s, dpkg lock 600 s).
#   all               All of the above that install something; prints nothing.
#   status            Show what is present, install nothing (exit 1 if something is missing).
#   help              This text.
#
# In a Makefile (use recursive `=`, not `:=`, so that `make help` installs nothing;
# note that $(shell) swallows a failure and yields an empty string):
#   WASM_BINDGEN = $(shell scripts/toolchain.sh wasm-bindgen)
#   pkg:
#   	scripts/toolchain.sh cargo-wasm build --release --lib
#   	wb=$$(scripts/toolchain.sh wasm-bindgen) && $$wb --target web --out-dir ... x.wasm
#
# The notes on profiles, how the wasm32 toolchain is chosen, where things are cached and the
# pinned versions are in BUILDING.md.
#
# Messages go to stderr; stdout carries only the requested path / exports.
set -euo pipefail

readonly WASM_TARGET=wasm32-unknown-unknown
readonly DEFAULT_WASM_BINDGEN_VERSION=0.2.130
readonly DEFAULT_BINARYEN_VERSION=132.0.0
readonly DEBIAN_RUST_PACKAGES=(rustc-web cargo-web rust-web-src)

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd)
CARGO_HOME_DIR=${CARGO_HOME:-$HOME/.cargo}
INSTALL_ROOT=${TOOLCHAIN_CACHE_DIR:-$CARGO_HOME_DIR}
NPM_DIR=${TOOLCHAIN_NPM_DIR:-$ROOT/build/tools}

log() { printf 'toolchain: %s\n' "$*" >&2; }
die() { printf 'toolchain: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- apt helpers
APT_UPDATED=0

as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

deb_installed() {
    [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true) == "install ok installed" ]]
}

deb_has_candidate() {
    local cand
    cand=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2; exit}')
    [[ -n $cand && $cand != "(none)" ]]
}

apt_update_once() {
    [[ $APT_UPDATED -eq 1 ]] && return 0
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -qq update >&2 \
        || die "apt-get update failed"
    APT_UPDATED=1
}

# apt_ensure PKG...: install the packages that are not installed yet.
apt_ensure() {
    local missing=() p
    for p in "$@"; do deb_installed "$p" || missing+=("$p"); done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get on this machine"
    apt_update_once
    log "apt-get install ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
        install -y -q "${missing[@]}" >&2 || die "apt-get install ${missing[*]} failed"
}

# ------------------------------------------------------------ wasm32 toolchain
# Sets WASM_ROUTE and WASM_ENV (array of VAR=value) describing how to run cargo.
WASM_ENV=()

has_wasm_std() { # $1 = rustc
    local libdir
    libdir=$(timeout 20 "$1" --print target-libdir --target "$WASM_TARGET" 2>/dev/null) || return 1
    compgen -G "$libdir/libstd-*.rlib" >/dev/null
}

rustup_route_ok() {
    local rustc=${RUSTC:-rustc}
    command -v "$rustc" >/dev/null 2>&1 && command -v cargo >/dev/null 2>&1 || return 1
    has_wasm_std "$rustc" && return 0
    if [[ ${TOOLCHAIN_TRY_RUSTUP:-0} == 1 ]] && command -v rustup >/dev/null 2>&1; then
        log "trying: timeout 20 rustup target add $WASM_TARGET"
        timeout 20 rustup target add "$WASM_TARGET" </dev/null >&2 || log "rustup target add failed or timed out"
        has_wasm_std "$rustc" && return 0
    fi
    return 1
}

debian_linker() { # prints the wasm-ld to use with /usr/bin/rustc (may be empty)
    local major
    major=$(/usr/bin/rustc -vV 2>/dev/null | awk '/^LLVM version:/ {split($3, v, "."); print v[1]}')
    if [[ -n $major && -x /usr/bin/wasm-ld-$major ]]; then
        echo "/usr/bin/wasm-ld-$major"
    elif [[ -x /usr/bin/wasm-ld ]]; then
        echo /usr/bin/wasm-ld
    fi
}

ensure_debian_route() {
    local pkgs=("${DEBIAN_RUST_PACKAGES[@]}") major linker
    apt_ensure "${pkgs[@]}"
    [[ -d /usr/lib/rustlib/src/rust/library/std ]] || die "rust-web-src did not provide /usr/lib/rustlib/src/rust/library"
    /usr/bin/cargo -V >/dev/null 2>&1 || die "/usr/bin/cargo does not run"
    linker=$(debian_linker)
    if [[ -z $linker ]]; then
        major=$(/usr/bin/rustc -vV | awk '/^LLVM version:/ {split($3, v, "."); print v[1]}')
        if [[ -n $major ]] && deb_has_candidate "lld-$major"; then
            apt_ensure "lld-$major"
        else
            apt_ensure lld
        fi
        linker=$(debian_linker)
        [[ -n $linker ]] || die "no wasm-ld found after installing lld"
    fi
    WASM_ENV=(
        WASM_CARGO=/usr/bin/cargo
        RUSTC=/usr/bin/rustc
        RUSTDOC=/usr/bin/rustdoc
        RUSTC_BOOTSTRAP=1
        "CARGO_UNSTABLE_BUILD_STD=std,panic_abort"
        "CARGO_BUILD_TARGET=$WASM_TARGET"
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=$linker"
    )
}

ensure_wasm_env() {
    local route=${WASM_ROUTE:-}
    case $route in
        rustup)
            rustup_route_ok || die "WASM_ROUTE=rustup but ${RUSTC:-rustc} has no $WASM_TARGET std" ;;
        debian) ;;
        "")
            if rustup_route_ok; then route=rustup; else route=debian; fi ;;
        *) die "WASM_ROUTE must be rustup or debian, not '$route'" ;;
    esac
    if [[ $route == rustup ]]; then
        WASM_ENV=(WASM_CARGO="$(command -v cargo)" "CARGO_BUILD_TARGET=$WASM_TARGET")
    else
        ensure_debian_route
    fi
    WASM_ROUTE=$route
}

cmd_wasm_env() {
    ensure_wasm_env
    log "wasm32 route: $WASM_ROUTE"
    local kv
    printf 'export WASM_ROUTE=%q\n' "$WASM_ROUTE"
    for kv in "${WASM_ENV[@]}"; do
        printf 'export %s=%q\n' "${kv%%=*}" "${kv#*=}"
    done
}

cmd_cargo_wasm() {
    ensure_wasm_env
    local kv cargo=""
    for kv in "${WASM_ENV[@]}"; do
        [[ ${kv%%=*} == WASM_CARGO ]] && cargo=${kv#*=}
    done
    log "cargo-wasm ($WASM_ROUTE): $cargo $*"
    exec env "${WASM_ENV[@]}" "$cargo" "$@"
}

# ---------------------------------------------------------------- wasm-bindgen
wasm_bindgen_version() {
    if [[ -n ${WASM_BINDGEN_VERSION:-} ]]; then echo "$WASM_BINDGEN_VERSION"; return; fi
    local v=""
    if [[ -f $ROOT/Cargo.lock ]]; then
        v=$(awk '/^name = "wasm-bindgen"$/ {f=1; next}
                 f && /^version = / {gsub(/"/, "", $3); print $3; exit}
                 /^\[\[package\]\]/ {f=0}' "$ROOT/Cargo.lock")
    fi
    if [[ -z $v && -f $ROOT/Cargo.toml ]]; then
        v=$(sed -nE 's/^[[:space:]]*wasm-bindgen[[:space:]]*=[[:space:]]*(\{[^}]*version[[:space:]]*=[[:space:]]*)?"=([0-9][0-9.]*)".*/\2/p' \
            "$ROOT/Cargo.toml" | head -n1)
    fi
    echo "${v:-$DEFAULT_WASM_BINDGEN_VERSION}"
}

find_wasm_bindgen() { # $1 = version; prints the path of a matching CLI
    local c cands=("$INSTALL_ROOT/bin/wasm-bindgen" "$ROOT/.cache/bin/wasm-bindgen"
        "$CARGO_HOME_DIR/bin/wasm-bindgen")
    c=$(command -v wasm-bindgen 2>/dev/null || true)
    [[ -n $c ]] && cands+=("$c")
    for c in "${cands[@]}"; do
        [[ -x $c ]] || continue
        if [[ $("$c" --version 2>/dev/null) == "wasm-bindgen $1" ]]; then
            echo "$c"; return 0
        fi
    done
    return 1
}

cmd_wasm_bindgen() {
    local v path
    v=$(wasm_bindgen_version)
    if path=$(find_wasm_bindgen "$v"); then echo "$path"; return; fi
    command -v cargo >/dev/null 2>&1 || die "cargo is needed to install wasm-bindgen-cli"
    log "installing wasm-bindgen-cli $v into $INSTALL_ROOT/bin (takes about 3 minutes)"
    mkdir -p "$INSTALL_ROOT"
    # No --locked: its lockfile names versions the registry mirror may lack.
    # Run from / so that no project rust-toolchain file or .cargo/config applies.
    (cd / && cargo install wasm-bindgen-cli --version "=$v" --root "$INSTALL_ROOT" --force </dev/null >&2) \
        || die "cargo install wasm-bindgen-cli $v failed"
    path=$(find_wasm_bindgen "$v") || die "installed wasm-bindgen does not report version $v"
    echo "$path"
}

# -------------------------------------------------------------------- wasm-opt
cmd_wasm_opt() {
    local v=${BINARYEN_VERSION:-$DEFAULT_BINARYEN_VERSION}
    local bin=$NPM_DIR/node_modules/.bin/wasm-opt
    local pj=$NPM_DIR/node_modules/binaryen/package.json
    if [[ -x $bin && -f $pj ]] && grep -q "\"version\": *\"$v\"" "$pj"; then
        echo "$bin"; return
    fi
    if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
        apt_ensure nodejs npm
    fi
    log "installing npm binaryen@$v into $NPM_DIR"
    mkdir -p "$NPM_DIR"
    npm install --prefix "$NPM_DIR" --no-audit --no-fund --loglevel=error \
        "binaryen@$v" </dev/null >&2 || die "npm install binaryen@$v failed"
    [[ -x $bin ]] || die "npm binaryen did not provide $bin"
    "$bin" --version >/dev/null || die "$bin does not run"
    echo "$bin"
}

# -------------------------------------------------------------------- chromium
cmd_chromium() {
    apt_ensure chromium
    [[ -x /usr/bin/chromium ]] || die "package chromium installed but /usr/bin/chromium is missing"
    echo /usr/bin/chromium
}

# ---------------------------------------------------------------- redis-server
cmd_redis_server() {
    local bin=/usr/bin/redis-server apt=(env DEBIAN_FRONTEND=noninteractive timeout 900
        apt-get -o DPkg::Lock::Timeout=600)
    if ! deb_installed redis-server || [[ ! -x $bin ]]; then
        command -v apt-get >/dev/null 2>&1 || die "missing redis-server and no apt-get on this machine"
        log "apt-get install redis-server"
        if ! as_root "${apt[@]}" install -y -q redis-server >&2; then
            log "install failed: apt-get update, then once more"
            as_root "${apt[@]}" -qq update >&2 || die "apt-get update failed"
            as_root "${apt[@]}" install -y -q redis-server >&2 || die "apt-get install redis-server failed"
        fi
    fi
    [[ -x $bin ]] || die "package redis-server installed but $bin is missing"
    "$bin" --version >/dev/null || die "$bin does not run"
    echo "$bin"
}

# ---------------------------------------------------------------------- status
cmd_status() {
    local ok=0 v p
    if command -v "${RUSTC:-rustc}" >/dev/null 2>&1 && has_wasm_std "${RUSTC:-rustc}"; then
        log "wasm32: rustup route ($(${RUSTC:-rustc} -V))"
    elif deb_installed rustc-web && deb_installed cargo-web && deb_installed rust-web-src \
        && [[ -n $(debian_linker) ]]; then
        log "wasm32: debian route ($(/usr/bin/rustc -V), linker $(debian_linker))"
    else
        log "wasm32: MISSING (no wasm32 std; Debian rustc-web/cargo-web/rust-web-src/lld not all installed)"; ok=1
    fi
    v=$(wasm_bindgen_version)
    if p=$(find_wasm_bindgen "$v"); then log "wasm-bindgen $v: $p"; else log "wasm-bindgen $v: MISSING"; ok=1; fi
    v=${BINARYEN_VERSION:-$DEFAULT_BINARYEN_VERSION}
    if grep -qs "\"version\": *\"$v\"" "$NPM_DIR/node_modules/binaryen/package.json"; then
        log "wasm-opt (binaryen $v): $NPM_DIR/node_modules/.bin/wasm-opt"
    else
        log "wasm-opt (binaryen $v): MISSING"; ok=1
    fi
    if deb_installed chromium; then log "chromium: /usr/bin/chromium"; else log "chromium: MISSING"; ok=1; fi
    if deb_installed redis-server; then log "redis-server: /usr/bin/redis-server"; else log "redis-server: MISSING"; ok=1; fi
    return $ok
}

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; }

main() {
    local cmd=${1:-help}
    [[ $# -gt 0 ]] && shift
    case $cmd in
        wasm-env) cmd_wasm_env ;;
        cargo-wasm) cmd_cargo_wasm "$@" ;;
        wasm-bindgen) cmd_wasm_bindgen ;;
        wasm-opt) cmd_wasm_opt ;;
        chromium) cmd_chromium ;;
        redis-server) cmd_redis_server ;;
        all) ensure_wasm_env; cmd_wasm_bindgen >/dev/null; cmd_wasm_opt >/dev/null; cmd_chromium >/dev/null; cmd_redis_server >/dev/null ;;
        status) cmd_status ;;
        help | -h | --help) usage ;;
        *) usage >&2; die "unknown command '$cmd'" ;;
    esac
}

main "$@"
