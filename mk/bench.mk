# mk/bench.mk — make bench: speed, size, cold start and memory of the npm package next to its
# peers (node:crypto, hash-wasm, js-sha256, Web Crypto, crypto.subtle in workerd) and to the
# native Rust core (criterion), with the targets of GitHub issue 5 marked met or MISSED.
# Everything is in scripts/bench.sh (it builds pkg/ first; scratch: build/bench/); the runners
# are benches/js/*.mjs, benches/verify.rs and scripts/measure-json-reader.sh. It writes
# BENCHMARKS.md (benches/js/report.mjs): the figures of the run, with its date, commit, machine
# and duration, the one place they are quoted. Not in TEST_TARGETS: timings are never a test.
#   make bench                                   every section (several minutes)
#   make bench BENCH_SECTIONS="size memory"      a subset: node workerd size cold native memory
#                                                http state json
#   make bench BENCH_REPORT=                     no BENCHMARKS.md

.PHONY: bench
bench:
	scripts/bench.sh
