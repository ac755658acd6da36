# mk/packaging.mk — the packaging tests of issue 11 (tests/packaging/): for each toolchain users
# bring (Vite 5/6/7/8 build + preview + dev, webpack 5 web + node (require), Rollup, esbuild
# esm/iife/node esm/node cjs/node require, Parcel, bun build browser/bun/--compile, Deno
# run/bundle, Jest node/jsdom, Vitest node/jsdom/Workers pool) a tiny app built from the
# `npm pack` tarball with no plugin and no config, run in headless Chromium, node or bun. Each
# app's toolchain is pinned in its package-lock.json and installed by tests/packaging/run.sh
# with `npm ci` (skipped while current).
#   make test-packaging                          every toolchain
#   make test-packaging PACKAGING="vite8 jest"   a subset (the folder names in tests/packaging/)
PACKAGING ?=

TEST_TARGETS += test-packaging

.PHONY: test-packaging
test-packaging: pkg
	tests/packaging/run.sh $(PACKAGING)
