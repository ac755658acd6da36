## Signed URLs (issue 14): Huawei's URL validation, methods A, B and D, in the Rust core (src/url/).
##   make test-url   the vector file tests/vectors/urls.json is what scripts/gen_url_vectors.py (the
##                   independent Python oracle) writes, and the Rust core passes every vector
##                   (tests/urls.rs, with the sign -> verify and tamper -> refuse property tests)
## The same vectors run in every JS runtime (tests/js/suite.mjs) and in the page's self-check.

TEST_TARGETS += test-url

.PHONY: test-url
test-url:
	python3 scripts/gen_url_vectors.py --check
	$(CARGO) test --test urls
