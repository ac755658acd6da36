# huaweicloud-live-callback — one entry point for building, testing and serving.
#   make serve   build the web build of the package and serve www/ on http://127.0.0.1:$(PORT)
#   make test    everything: Rust, the vector file, the npm package in every runtime, the page
#   make bench   speed and size, side by side with the peers
#   make fuzz    each cargo-fuzz target for FUZZ_SECONDS
# Each area keeps its targets in mk/<area>.mk and adds its test target to TEST_TARGETS.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
PORT ?= 8080
CARGO ?= cargo

TEST_TARGETS := test-rust

include $(sort $(wildcard mk/*.mk))

.PHONY: help test test-rust lint
help:
	@sed -n '2,6p' Makefile | sed 's/^# //'

test: $(TEST_TARGETS)
	@echo "make test: all of $(TEST_TARGETS) passed"

## Rust: unit, integration, vector and property tests; clippy; rustfmt; the vector file is reproducible.
test-rust: lint
	$(CARGO) test --all-targets
	$(CARGO) test --doc
	$(CARGO) test --features serde --test serde
	python3 scripts/gen_vectors.py --check

lint: test-js-lint
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) clippy --features serde --all-targets -- -D warnings
