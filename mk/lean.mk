# mk/lean.mk — huaweicloud-live-callback/verify, the verify-only build (bindings without the
# `tools` feature; scripts/build-pkg.sh builds it into pkg/dist/lean/ next to the full build).
#   make test-lean   the lean JS reaches no wasm export the lean module lacks, and its entries
#                    keep their own module state, one CallbackError class for both builds
#                    (tests/js/lean-exports.mjs)
# The suite's lean run (verify and parse checks) is part of test-pkg (tests/js/run-node.mjs)
# and of test-runtimes' workerd run; sizes and cold starts of both builds are in make bench.

TEST_TARGETS += test-lean

.PHONY: test-lean
test-lean: pkg
	node tests/js/lean-exports.mjs
