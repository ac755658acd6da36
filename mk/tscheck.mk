## `// @ts-check` of the npm package's JavaScript (issue 10): every module of pkg/src (adapters,
## state, cli too), the entries pkg/*.mjs, pkg/*.cjs, pkg/verify/* and pkg/bin/* start with
## `// @ts-check` (the first line, after a #! line), and type-check with the pinned TypeScript
## (tests/js/tools) against the published declarations:
##   tests/js/types/tsconfig.impl.json  strict; every module but the CLI, and impl-matches.ts:
##                                      pkg/src/api.js against index.d.ts, verify-api.js against
##                                      verify.d.ts (the public exports carry
##                                      `@type {typeof import('../index.js').name}`)
##   tests/js/types/tsconfig.cli.json   the CLI (pkg/src/cli.js, pkg/src/cli/, pkg/bin/): strict
##                                      but without noImplicitAny / useUnknownInCatchVariables
## The entries import pkg/dist (make pkg).
##   make test-tscheck

TEST_TARGETS += test-tscheck

TSCHECK_FILES = $(sort $(wildcard pkg/src/*.js pkg/src/*.cjs pkg/src/*/*.js pkg/*.mjs pkg/*.cjs pkg/verify/*.mjs \
	pkg/verify/*.cjs pkg/bin/*.mjs))

.PHONY: test-tscheck
test-tscheck: pkg $(PKG_TOOLS_STAMP)
	@missing=0; for f in $(TSCHECK_FILES); do \
		awk '/^#!/ && NR == 1 { next } { exit $$0 == "// @ts-check" ? 0 : 1 }' "$$f" || \
			{ echo "$$f: does not start with // @ts-check" >&2; missing=1; }; \
	done; test $$missing = 0
	$(PKG_TOOLS_DIR)/node_modules/.bin/tsc -p tests/js/types/tsconfig.impl.json
	$(PKG_TOOLS_DIR)/node_modules/.bin/tsc -p tests/js/types/tsconfig.cli.json
	@echo "test-tscheck: $(words $(TSCHECK_FILES)) files // @ts-check clean"
