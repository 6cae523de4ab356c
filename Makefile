# Atrium — the two commands:
#   make run    installs what is missing, builds, and serves a demo organization
#   make test   installs, builds and runs every test
#   make bench  seeds a synthetic organization and measures Atrium against nginx
#               (SCALE=small by default; medium, large, full or a number of
#               members; see docs/PERFORMANCE.md)
#   make fuzz   builds the libFuzzer targets (clang) and runs each for FUZZ_SECONDS
#               (60 by default; make test runs each for 5)
#   make soak   a mixed load on loopback for SOAK_SECONDS (600 by default), then
#               checks memory, descriptors, threads, errors and every acknowledged post
#               (bench/soak.mjs; not part of make test)
# Other targets: build, build-asan, web, unit, web-test, api, api-pg, cluster, browser, format, clean.

SHELL := /bin/bash
GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo Ninja || echo "Unix Makefiles")
JOBS ?= $(shell nproc)
DATA ?= ./var
LISTEN ?= 127.0.0.1:8080
SCALE ?= small
# ccache keys that do not depend on where the tree is checked out, so that a
# new clone (CI's) reuses what an earlier build of the same sources compiled.
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= 1

.PHONY: all deps test-deps bench-deps build build-asan web run test unit web-test api api-pg cluster browser fuzz fuzz-short bench soak format clean

all: build

deps:
	@bash scripts/install-deps.sh

test-deps:
	@bash scripts/install-deps.sh --test

bench-deps:
	@bash scripts/install-deps.sh --bench

build/CMakeCache.txt:
	cmake -S . -B build -G "$(GENERATOR)" -DCMAKE_BUILD_TYPE=RelWithDebInfo

# The server only: make test runs the unit tests in the sanitizer tree
# (build-asan), so the release tree does not compile them a second time
# (`cmake --build build` builds them too, for scripts/unit.sh build).
build: deps build/CMakeCache.txt web
	cmake --build build -j $(JOBS) --target atrium

# The web client (web/), built into web/dist, which `atrium serve` serves.
web: deps
	cd web && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; } && npm run build

build-asan: deps
	@[ -f build-asan/CMakeCache.txt ] || cmake -S . -B build-asan -G "$(GENERATOR)" -DCMAKE_BUILD_TYPE=Debug -DATRIUM_SANITIZE=ON
	cmake --build build-asan -j $(JOBS) --target atrium_tests

run: build
	./build/atrium serve --data $(DATA) --listen $(LISTEN) --demo

# Unit tests run under AddressSanitizer and UndefinedBehaviorSanitizer, beside
# a throwaway PostgreSQL so that the store tests run on both backends.
unit: build-asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  bash scripts/test-services.sh bash scripts/unit.sh build-asan

# Component tests of the web client's logic (Vitest).
web-test: web
	cd web && npm test

# API tests drive the real server over HTTP, with real clients.
api: build
	cd tests/api && (npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error)
	cd tests/api && ATRIUM_BIN=$(CURDIR)/build/atrium npm test

# The same API tests with the server on PostgreSQL (a fresh database per
# server) and in cluster mode on Redis; cluster.test.mjs puts two nodes
# behind nginx.
api-pg: test-deps build
	cd tests/api && (npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error)
	bash scripts/test-services.sh bash -c 'cd tests/api && ATRIUM_BIN=$(CURDIR)/build/atrium npm test'

# Only the cluster test: two nodes, PostgreSQL, Redis, nginx, a kill -9.
cluster: test-deps build
	cd tests/api && (npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error)
	bash scripts/test-services.sh bash -c 'cd tests/api && ATRIUM_BIN=$(CURDIR)/build/atrium node --test cluster.test.mjs'

# Browser tests drive the web client in Debian's Chromium, headless, against the real server.
browser: test-deps build
	cd tests/browser && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; }
	cd tests/browser && ATRIUM_BIN=$(CURDIR)/build/atrium ATRIUM_WEB_ROOT=$(CURDIR)/web/dist npm test

# The fuzz targets (tests/fuzz): every parser that reads what a client or an
# identity provider sends, built with clang and libFuzzer in build-fuzz/.
FUZZ_SECONDS ?= 60
fuzz: test-deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh

# The short run of every fuzz target that make test includes.
fuzz-short: test-deps
	FUZZ_SECONDS=5 bash scripts/fuzz.sh

test: test-deps build unit fuzz-short web-test api api-pg browser

# The benchmark: loopback only, bounded in time; writes docs/PERFORMANCE.md.
# Seeded stores are kept in var/bench/ and reused by later runs.
bench: bench-deps build
	node bench/run.mjs --scale $(SCALE)

# The soak test: the server under a steady mixed load for SOAK_SECONDS, its
# RSS, descriptors and threads sampled from /proc; exits 1 if a check fails
# (see bench/soak.mjs and docs/PERFORMANCE.md). Loopback only, stops by itself.
SOAK_SECONDS ?= 600
soak: build
	cd tests/api && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; }
	SOAK_SECONDS=$(SOAK_SECONDS) ATRIUM_BIN=$(CURDIR)/build/atrium node bench/soak.mjs

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf build build-asan build-fuzz web/dist
