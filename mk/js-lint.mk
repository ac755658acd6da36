# mk/js-lint.mk — the one formatter and linter of the JS, TypeScript, HTML and CSS: Biome, pinned
# in tests/js/tools (config: biome.jsonc at the root), next to rustfmt and clippy in `make lint`.
#   make test-js-lint   `biome ci .`: every file formatted as `biome format --write .` would,
#                       and the recommended lint rules clean
# Format what you touched with: tests/js/tools/node_modules/.bin/biome format --write <files>

TEST_TARGETS += test-js-lint

.PHONY: test-js-lint
# (mk/pkg.mk, read after this file, defines the tools' stamp: the recipe expands it late)
test-js-lint:
	$(MAKE) --no-print-directory $(PKG_TOOLS_STAMP)
	$(PKG_TOOLS_DIR)/node_modules/.bin/biome ci --colors=off .
