# Two entry points for a fresh Debian 12 machine; see README.md.
BUILD_DIR ?= build
OUT_DIR ?= out/demo
JOBS ?= $(shell nproc)
SHARED_DIR ?= $(abspath ../shared)
DEMO_PACKAGE ?= samples/disability-access-survey/datapackage.json

.PHONY: demo test build deps-build deps-test clean format

demo: deps-build build
	$(BUILD_DIR)/citizen-sdmx convert $(DEMO_PACKAGE) --out $(OUT_DIR)
	@if [ -d "$(SHARED_DIR)/sdmx/schemas/2.1" ]; then \
	  $(BUILD_DIR)/citizen-sdmx validate --schemas $(SHARED_DIR)/sdmx/schemas $(OUT_DIR)/*.xml; \
	else \
	  echo "demo: SDMX schemas not found at $(SHARED_DIR)/sdmx/schemas; skipping validation (set SHARED_DIR)"; \
	fi

# The whole suite, the bindings' suites, then every fuzz target for a few seconds on
# its seed corpus (a clang build in build-fuzz/), so that a parser regression shows.
test: deps-test build
	cd $(BUILD_DIR) && CITIZEN_SDMX_SHARED=$(SHARED_DIR) ctest --output-on-failure -j $(JOBS)
	bindings/test-bindings.sh $(BUILD_DIR) $(SHARED_DIR)
	$(MAKE) fuzz-smoke FUZZ_SMOKE_SECONDS=$(CI_FUZZ_SECONDS)

build:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DCITIZEN_SDMX_SHARED_DIR=$(SHARED_DIR)
	cmake --build $(BUILD_DIR) -j $(JOBS)

deps-build:
	scripts/install-deps build

deps-test:
	scripts/install-deps test

format:
	git ls-files '*.h' '*.cpp' '*.c' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) out

# Fuzzing and sanitizers (issue 17; tests/fuzz/README.md). `make test` runs fuzz-smoke for
# CI_FUZZ_SECONDS per target; ctest also replays the seeds and regressions through
# GCC-built replay binaries. Separate build folders with
# clang: the fuzz targets need libFuzzer, and ASan/UBSan builds must not mix with build/.
FUZZ_BUILD_DIR ?= build-fuzz
ASAN_BUILD_DIR ?= build-asan
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 15
CI_FUZZ_SECONDS ?= 10
SANITIZE_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1

.PHONY: fuzz fuzz-smoke fuzz-build test-asan

fuzz-build: deps-test
	cmake -S . -B $(FUZZ_BUILD_DIR) -DCMAKE_BUILD_TYPE=None -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
	  -DCMAKE_C_FLAGS="$(SANITIZE_FLAGS) -fsanitize=fuzzer-no-link" -DCMAKE_CXX_FLAGS="$(SANITIZE_FLAGS) -fsanitize=fuzzer-no-link" \
	  -DCITIZEN_SDMX_FUZZ=ON -DCITIZEN_SDMX_BUILD_TESTS=OFF -DCITIZEN_SDMX_SHARED_DIR=$(SHARED_DIR)
	cmake --build $(FUZZ_BUILD_DIR) -j $(JOBS) --target fuzzers

fuzz: fuzz-build
	tests/fuzz/run-fuzzers $(FUZZ_BUILD_DIR) $(FUZZ_SECONDS) $(SHARED_DIR)

fuzz-smoke: fuzz-build
	tests/fuzz/run-fuzzers $(FUZZ_BUILD_DIR) $(FUZZ_SMOKE_SECONDS) $(SHARED_DIR)

# GCC, not clang-14: clang 14 with UBSan cannot compile the coroutines of
# registry/http_client.cpp ("Cannot represent a difference across sections").
test-asan: deps-test
	cmake -S . -B $(ASAN_BUILD_DIR) -DCMAKE_BUILD_TYPE=None \
	  -DCMAKE_C_FLAGS="$(SANITIZE_FLAGS)" -DCMAKE_CXX_FLAGS="$(SANITIZE_FLAGS)" \
	  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" \
	  -DCMAKE_MODULE_LINKER_FLAGS="-fsanitize=address,undefined" \
	  -DCITIZEN_SDMX_SHARED_DIR=$(SHARED_DIR)
	cmake --build $(ASAN_BUILD_DIR) -j $(JOBS)
	cd $(ASAN_BUILD_DIR) && CITIZEN_SDMX_SHARED=$(SHARED_DIR) \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(abspath tests/fuzz/lsan.supp) ctest --output-on-failure -j $(JOBS)
