#!/usr/bin/env bash
# scripts/pack-install.sh DIR — install the npm package the way a user gets it: `npm pack ./pkg`
# into build/pack/, then `npm install <tarball>` into the scratch project DIR (created when
# missing, with a minimal package.json; any previous install of the package is removed first).
# Expects a built pkg/ (`make pkg`). Prints the tarball's path on stdout; npm's output goes to
# stderr. No network access: the package has no dependencies.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: scripts/pack-install.sh DIR" >&2; exit 2; }
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
DIR=$1
NAME=huaweicloud-live-callback

[[ -f $ROOT/pkg/dist/hwlc_bg.wasm ]] || { echo "pack-install: pkg/dist is not built: run 'make pkg'" >&2; exit 1; }
PACK=$ROOT/build/pack
mkdir -p "$PACK"
rm -f "$PACK/$NAME"-*.tgz
file=$(cd "$ROOT" && npm pack ./pkg --pack-destination "$PACK" --silent </dev/null | tail -n1)
TARBALL=$PACK/$file
[[ -f $TARBALL ]] || { echo "pack-install: npm pack produced no $TARBALL" >&2; exit 1; }

mkdir -p "$DIR"
if [[ ! -f $DIR/package.json ]]; then
    printf '{\n  "name": "scratch-%s",\n  "private": true,\n  "type": "module"\n}\n' "$(basename "$DIR")" > "$DIR/package.json"
fi
rm -rf "$DIR/node_modules/$NAME"
(cd "$DIR" && npm install --no-audit --no-fund --no-package-lock --loglevel=error "$TARBALL" </dev/null >&2)
[[ -f $DIR/node_modules/$NAME/package.json ]] || { echo "pack-install: $NAME did not install into $DIR" >&2; exit 1; }
echo "$TARBALL"
