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

test: deps-test build
	cd $(BUILD_DIR) && CITIZEN_SDMX_SHARED=$(SHARED_DIR) ctest --output-on-failure -j $(JOBS)
	bindings/test-bindings.sh $(BUILD_DIR) $(SHARED_DIR)

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
