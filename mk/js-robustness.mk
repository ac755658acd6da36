## JS robustness (issue 6): the fuzz regression corpus packed for the JS suite is current, and the
## memory test of the npm package (1,000,000 mixed calls leave RSS, JS heap and wasm memory flat).
##   make test-js-robustness
## The boundary matrix and the corpus replay themselves are part of tests/js/suite.mjs, run by
## test-pkg (Node ESM + CJS) and test-runtimes (Deno, Bun, workerd, Chromium).
## After adding inputs under tests/fuzz-regressions/<target>/: python3 scripts/gen_fuzz_corpus.py

TEST_TARGETS += test-js-robustness

JS_MEMORY_SCRATCH := build/scratch/memory

.PHONY: test-js-robustness
test-js-robustness: pkg
	python3 scripts/gen_fuzz_corpus.py --check
	scripts/pack-install.sh $(JS_MEMORY_SCRATCH) >/dev/null
	node --expose-gc tests/js/memory.mjs $(JS_MEMORY_SCRATCH)
