# mk/site.mk — the callback debugger as a static site (issue 11).
#   make site        build/site/ (SITE_DIR): www/ + pkg-web.js (the package's browser build,
#                    bundled) + vectors/callbacks.json, for any static host (scripts/build-site.mjs).
#                    `make serve` stays the way to work on the page (scripts/serve.mjs).
#   make test-site   serves build/site with a plain static file server and loads it in headless
#                    Chromium: the page's self-check must pass (tests/packaging/site.mjs)
SITE_DIR ?= build/site
PACKAGING_LIB_STAMP := tests/packaging/lib/node_modules/.packaging-lock

TEST_TARGETS += test-site

.PHONY: site test-site

site: pkg
	node scripts/build-site.mjs $(SITE_DIR)

# playwright-core for the packaging tests and this one; the same stamp as tests/packaging/run.sh.
$(PACKAGING_LIB_STAMP): tests/packaging/lib/package.json tests/packaging/lib/package-lock.json
	cd tests/packaging/lib && npm ci --no-audit --no-fund --loglevel=error </dev/null
	cp tests/packaging/lib/package-lock.json $@

test-site: site $(PACKAGING_LIB_STAMP)
	CHROMIUM="$$(scripts/toolchain.sh chromium)" node tests/packaging/site.mjs $(SITE_DIR)
