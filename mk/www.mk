# mk/www.mk — the in-browser callback debugger (www/).
#   make serve              build the package (its web build included) and serve the page on
#                           http://127.0.0.1:$(PORT) (scripts/serve.mjs: static, CSP, application/wasm)
#   make test-www           Playwright (npm playwright-core, pinned in www/tests/package-lock.json)
#                           drives Debian's Chromium against the same server on a free port;
#                           screenshots land in screenshots/ (git-ignored)

TEST_TARGETS += test-www

WWW_TEST_DIR := www/tests
WWW_TEST_STAMP := $(WWW_TEST_DIR)/node_modules/.www-installed

.PHONY: serve test-www

serve: pkg
	node scripts/serve.mjs --port $(PORT)

# npm ci into the git-ignored www/tests/node_modules, again whenever the lock file changes.
$(WWW_TEST_STAMP): $(WWW_TEST_DIR)/package.json $(WWW_TEST_DIR)/package-lock.json
	cd $(WWW_TEST_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

test-www: pkg $(WWW_TEST_STAMP)
	CHROMIUM="$$(scripts/toolchain.sh chromium)" node $(WWW_TEST_DIR)/run.mjs
