# mk/runtimes.mk — the npm package, installed from its `npm pack` tarball into a scratch project,
# run in Deno, Bun, workerd and headless Chromium (THE suite tests/js/suite.mjs in each), plus
# the examples (examples/cloudflare-worker in workerd, examples/node/server.mjs) and every
# snippet of README.md. Tooling is pinned in tests/js/runtimes/package-lock.json
# and installed by the runner with `npm ci`. Scratch: build/runtimes/.
#   make test-runtimes                     everything
#   make test-runtimes RUNTIMES="deno bun"  a subset: deno bun workerd chromium examples quickstart
RUNTIMES ?=

TEST_TARGETS += test-runtimes

.PHONY: test-runtimes
test-runtimes: pkg
	tests/js/runtimes/run.sh $(RUNTIMES)
