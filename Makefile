# postsearch: build, test, install. GPL-2.0-or-later.
PREFIX ?= /usr/local
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_INDEX ?= .demo-index
APT_PACKAGES := libxapian-dev xapian-tools zlib1g-dev libcld2-dev libxml2-dev libcurl4-openssl-dev

.PHONY: setup build release demo check-edges test browser-test reliability reliability-quick fuzz sanitizers sanitize-address sanitize-thread bench install uninstall clean

## setup: install the system packages postsearch needs (Debian/Ubuntu)
setup:
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y $(APT_PACKAGES); fi

build: setup
	$(SWIFT) build

## release: the optimised binary, Swift runtime and Foundation linked in statically: a fresh
## `postsearch search` process starts in ~9 ms instead of ~20 (no dynamic symbol binding).
release: setup
	$(SWIFT) build -c release --product postsearch --static-swift-stdlib

## demo: index the sample archive shipped in examples/ and search it
demo: build
	rm -rf $(DEMO_INDEX)
	$(SWIFT) run postsearch index examples/sample-archive --index $(DEMO_INDEX)
	$(SWIFT) run postsearch search ministers --index $(DEMO_INDEX) --facets category,author,year
	$(SWIFT) run postsearch search --index $(DEMO_INDEX) --facets category,year --limit 3

## test: the whole test suite, one test at a time: several tests block threads on purpose
## (indexing real archives, waiting for xapian-tcpsrv), which would starve the live-server tests
## of Swift's cooperative threads if they ran side by side.
test: setup check-edges
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel

## check-edges: the rules between layers (ARCHITECTURE.md): who imports the shim, who names Xapian's
## errors, who spells term prefixes, no source file over 400 lines
check-edges:
	python3 scripts/check_edges.py

## browser-test: the search page in headless Chromium (installs chromium, chromium-driver, selenium)
browser-test: setup
	@if ! dpkg -s chromium chromium-driver >/dev/null 2>&1; then \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium chromium-driver; fi
	@python3 -c 'import selenium' 2>/dev/null || python3 -m pip install selenium pytest
	$(SWIFT) build --product postsearch
	python3 -m pytest Tests/browser -v -s

RELIABILITY_SCRIPTS := kill_indexer writers_and_disk readers_beside_writer hostile_http

## reliability: the reliability suite at full size on the release build: 20+ SIGKILLs during a
## 50,000-post import, two writers, full and read-only disks, a server under load beside a writer,
## hostile HTTP (schemathesis + explicit cases), 5,000 mutated files per importer
reliability: release fuzz
	@python3 -c 'import schemathesis' 2>/dev/null || python3 -m pip install schemathesis
	bin="$$($(SWIFT) build -c release --show-bin-path)/postsearch"; \
	for script in $(RELIABILITY_SCRIPTS); do python3 reliability/$$script.py --binary "$$bin" || exit 1; done

## reliability-quick: the same scripts at CI size, on the debug build
reliability-quick: build
	@python3 -c 'import schemathesis' 2>/dev/null || python3 -m pip install schemathesis
	for script in $(RELIABILITY_SCRIPTS); do python3 reliability/$$script.py --quick --binary .build/debug/postsearch || exit 1; done

## fuzz: the importer fuzz test with 5,000 mutated inputs per sample (CI runs 150 in `make test`)
fuzz: setup
	$(SWIFT) build --build-tests
	POSTSEARCH_FUZZ_ITERATIONS=5000 $(SWIFT) test --skip-build --filter ImporterFuzzTests

## sanitizers: the test suite under AddressSanitizer, then ThreadSanitizer (each in its own build
## folder). Leak checking is off: the leaks LeakSanitizer reports are in dependencies (TOMLKit's
## string conversion, ArgumentParser, XCTest, FoundationXML), not in postsearch.
sanitizers: sanitize-address sanitize-thread

sanitize-address: setup
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --no-parallel --sanitize=address --scratch-path .build-asan

sanitize-thread: setup
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --skip-build --no-parallel --sanitize=thread --scratch-path .build-tsan

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/postsearch" $(DESTDIR)$(PREFIX)/bin/postsearch

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/postsearch

clean:
	rm -rf .build $(DEMO_INDEX)

## bench: the performance benchmark: postsearch against the plain C++ Xapian program and SQLite
## FTS5 on the shared workload (BENCH_ARGS="--posts 100000", or "--corpus PATH" for a real archive)
BENCH_ARGS ?= --posts 10000
bench: release
	python3 bench/bench.py $(BENCH_ARGS)
