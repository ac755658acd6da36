# mk/pkg.mk — the npm package huaweicloud-live-callback (pkg/), built from the Rust core through
# the thin wasm-bindgen crate bindings/wasm/.
#   make pkg        build pkg/dist/ (git-ignored) when stale: wasm32 release build, wasm-bindgen
#                   (web + nodejs glue sharing one .wasm), wasm-opt; then `npm pack ./pkg` works
#   make test-pkg   bindings host tests + clippy, publint --strict, the metadata and README links
#                   (tests/js/package-meta.mjs), attw --pack, the tsc type tests
#                   (nodenext, node16, bundler; ESM and CJS), npm pack,
#                   install the tarball into build/scratch/node, the suite under Node ESM and CJS
#                   (require gives the ES module entries: one module instance with import), and
#                   again with --no-experimental-require-module (require gives the CommonJS
#                   builds, as in Node < 20.19 / 22.12 and Jest: pkg/src/require-esm.cjs)
# Tools: scripts/toolchain.sh (wasm32 Rust, wasm-bindgen CLI, wasm-opt), and publint +
# typescript pinned in tests/js/tools/package-lock.json (npm ci; dev tools only).

TEST_TARGETS += test-pkg

PKG_STAMP := pkg/dist/.built
PKG_INPUTS := $(shell find src bindings/wasm/src -name '*.rs' 2>/dev/null) \
	Cargo.toml Cargo.lock bindings/wasm/Cargo.toml LICENSE-MIT LICENSE-APACHE SECURITY.md \
	pkg/package.json pkg/index.d.ts pkg/fields.d.ts pkg/verify.d.ts \
	$(wildcard pkg/src/*.js pkg/src/*.cjs pkg/src/adapters/*.js pkg/*.mjs pkg/*.cjs pkg/verify/*.mjs pkg/verify/*.cjs) \
	scripts/build-pkg.sh
PKG_TOOLS_DIR := tests/js/tools
PKG_TOOLS_STAMP := $(PKG_TOOLS_DIR)/node_modules/.pkg-tools-installed
PKG_SCRATCH := build/scratch/node

.PHONY: pkg test-pkg

pkg: $(PKG_STAMP)

$(PKG_STAMP): $(PKG_INPUTS) $(PKG_TOOLS_STAMP)
	scripts/build-pkg.sh
	touch $@

$(PKG_TOOLS_STAMP): $(PKG_TOOLS_DIR)/package.json $(PKG_TOOLS_DIR)/package-lock.json
	cd $(PKG_TOOLS_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

test-pkg: pkg $(PKG_TOOLS_STAMP)
	$(CARGO) test -p huaweicloud-live-callback-wasm
	$(CARGO) clippy -p huaweicloud-live-callback-wasm --all-targets -- -D warnings
	$(PKG_TOOLS_DIR)/node_modules/.bin/publint --strict ./pkg
	node tests/js/package-meta.mjs
	$(PKG_TOOLS_DIR)/node_modules/.bin/attw --pack ./pkg --format table-flipped
	scripts/pack-install.sh $(PKG_SCRATCH) >/dev/null
	rm -rf $(PKG_SCRATCH)/types && cp -r tests/js/types $(PKG_SCRATCH)/types
	for c in tsconfig tsconfig.node16 tsconfig.bundler; do \
		$(PKG_TOOLS_DIR)/node_modules/.bin/tsc -p $(PKG_SCRATCH)/types/$$c.json || exit 1; \
	done
	node tests/js/run-node.mjs $(PKG_SCRATCH)
	node tests/js/run-node.cjs $(PKG_SCRATCH)
	node --no-experimental-require-module tests/js/run-node.mjs $(PKG_SCRATCH)
	node --no-experimental-require-module tests/js/run-node.cjs $(PKG_SCRATCH)
