# mk/adapters.mk — the request-level API and the framework adapters (issue 12): verifyRequest,
# createHandler, createNodeMiddleware and pkg/src/adapters/ against real servers on 127.0.0.1
# (node:http, Express 4 and 5, Connect, Fastify 5, Koa 3, Hono 4 in Node and in workerd), the
# Next.js route handler with real Requests, Lambda events of the documented shapes.
#   make test-adapters
#   node tests/adapters/run.mjs build/scratch/adapters express5 workerd   (a subset, after one make run)
# Frameworks: pinned in tests/adapters/package-lock.json (npm ci; never dependencies of pkg/).
# esbuild and workerd: the pinned tooling of tests/js/runtimes (installed the way its run.sh does).

TEST_TARGETS += test-adapters

ADAPTERS_DIR := tests/adapters
ADAPTERS_STAMP := $(ADAPTERS_DIR)/node_modules/.adapters-installed
ADAPTERS_SCRATCH := build/scratch/adapters
RUNTIMES_TOOLS := tests/js/runtimes

.PHONY: test-adapters

$(ADAPTERS_STAMP): $(ADAPTERS_DIR)/package.json $(ADAPTERS_DIR)/package-lock.json
	cd $(ADAPTERS_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

test-adapters: pkg $(ADAPTERS_STAMP)
	@if ! cmp -s $(RUNTIMES_TOOLS)/package-lock.json $(RUNTIMES_TOOLS)/node_modules/.runtimes-lock 2>/dev/null; then \
		echo "npm install (locked versions) in $(RUNTIMES_TOOLS)"; \
		(cd $(RUNTIMES_TOOLS) && npm install --no-save --no-audit --no-fund --loglevel=error </dev/null); \
		cp $(RUNTIMES_TOOLS)/package-lock.json $(RUNTIMES_TOOLS)/node_modules/.runtimes-lock; \
	fi
	scripts/pack-install.sh $(ADAPTERS_SCRATCH) >/dev/null
	node $(ADAPTERS_DIR)/run.mjs $(ADAPTERS_SCRATCH)
