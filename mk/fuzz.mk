## Fuzzing (cargo-fuzz, nightly): the targets live in fuzz/ (its own workspace), their checks in
## tests/common/fuzz_checks.rs, the minimised regression inputs in tests/fuzz-regressions/.
##   make fuzz                 every target for FUZZ_SECONDS (default 60) each, seeded first
##   make fuzz FUZZ_TARGETS=verify FUZZ_SECONDS=1800
##   make test-fuzz-replay     replays tests/fuzz-regressions/ on stable, no libFuzzer (in make test)

FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= parse verify explain roundtrip json url
FUZZ_TOOLCHAIN ?= nightly
# Extra libFuzzer flags, e.g. FUZZ_FLAGS=-max_len=8192
FUZZ_FLAGS ?=

TEST_TARGETS += test-fuzz-replay

.PHONY: fuzz fuzz-seed fuzz-cmin fuzz-regressions test-fuzz-replay

fuzz-seed:
	python3 fuzz/seed_corpus.py

fuzz: fuzz-seed
	@command -v cargo-fuzz >/dev/null || { echo "installing cargo-fuzz (once)"; $(CARGO) install cargo-fuzz; }
	cd fuzz && for t in $(FUZZ_TARGETS); do \
		echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
		$(CARGO) +$(FUZZ_TOOLCHAIN) fuzz run -O $$t corpus/$$t -- \
			-max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 $(FUZZ_FLAGS) || exit 1; \
	done

## Minimises each corpus in place (cargo fuzz cmin).
fuzz-cmin:
	cd fuzz && for t in $(FUZZ_TARGETS); do $(CARGO) +$(FUZZ_TOOLCHAIN) fuzz cmin -O $$t corpus/$$t; done

## Rewrites tests/fuzz-regressions/<target>/ from the minimised corpus: greedy set cover of the
## corpus's coverage edges, at most FUZZ_REGRESSIONS_MAX files a target (fuzz/select_regressions.py).
## Review the diff, run make test-fuzz-replay, then commit.
FUZZ_REGRESSIONS_MAX ?= 100
FUZZ_HOST = $(shell rustc -vV | sed -n 's/^host: //p')
fuzz-regressions: fuzz-cmin
	cd fuzz && for t in $(FUZZ_TARGETS); do \
		python3 select_regressions.py target/$(FUZZ_HOST)/release/$$t corpus/$$t \
			../tests/fuzz-regressions/$$t $(FUZZ_REGRESSIONS_MAX) || exit 1; \
	done

test-fuzz-replay:
	$(CARGO) test --test fuzz_regressions
