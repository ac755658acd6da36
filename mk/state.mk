## Receiver state (issue 13): createStreamTracker with the memory, Redis and Durable Object stores.
##   make test-state   the Rust reducer's property tests; then, against the packed package: the
##                     memory store, a real Debian redis-server on a free 127.0.0.1 port (node-redis
##                     v4 and v5, ioredis; two Node processes applying shuffled halves concurrently;
##                     Redis stopped mid-run; claims with TTL; the Lua copy of the join against the
##                     core's), a Durable Object in workerd, and the two examples.
## Tools: scripts/toolchain.sh redis-server; the clients pinned in tests/state/package-lock.json
## (npm ci); workerd from tests/js/runtimes' pinned tooling.

TEST_TARGETS += test-state

STATE_SCRATCH := build/scratch/state
STATE_DEPS_STAMP := tests/state/node_modules/.state-installed

# The package's state modules are inputs of the build too.
$(PKG_STAMP): $(wildcard pkg/src/state/*.js)

$(STATE_DEPS_STAMP): tests/state/package.json tests/state/package-lock.json
	cd tests/state && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# workerd and esbuild: tests/js/runtimes' pinned tooling, installed as its run.sh installs it.
STATE_WORKERD := tests/js/runtimes/node_modules/.bin/workerd
$(STATE_WORKERD): tests/js/runtimes/package.json tests/js/runtimes/package-lock.json
	cd tests/js/runtimes && npm install --no-save --no-audit --no-fund --loglevel=error </dev/null
	touch $@

.PHONY: test-state
test-state: pkg $(PKG_TOOLS_STAMP) $(STATE_DEPS_STAMP) $(STATE_WORKERD)
	$(CARGO) test --test state
	scripts/pack-install.sh $(STATE_SCRATCH) >/dev/null
	rm -rf $(STATE_SCRATCH)/types && cp -r tests/state/types $(STATE_SCRATCH)/types
	$(PKG_TOOLS_DIR)/node_modules/.bin/tsc -p $(STATE_SCRATCH)/types/tsconfig.json
	redis=$$(scripts/toolchain.sh redis-server) && node tests/state/run.mjs $(STATE_SCRATCH) "$$redis"
