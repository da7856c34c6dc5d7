# postsearch: build, test, install. GPL-2.0-or-later.
PREFIX ?= /usr/local
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_INDEX ?= .demo-index
APT_PACKAGES := libxapian-dev xapian-tools zlib1g-dev

.PHONY: setup build release demo test browser-test install uninstall bench clean

## setup: install the system packages postsearch needs (Debian/Ubuntu)
setup:
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y $(APT_PACKAGES); fi

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release --product postsearch

## demo: index the sample archive shipped in examples/ and search it
demo: build
	rm -rf $(DEMO_INDEX)
	$(SWIFT) run postsearch index examples/sample-archive --index $(DEMO_INDEX)
	$(SWIFT) run postsearch search ministers --index $(DEMO_INDEX) --facets category,author,year
	$(SWIFT) run postsearch search --index $(DEMO_INDEX) --facets category,year --limit 3

## test: the whole test suite, one test at a time: several tests block threads on purpose
## (indexing real archives, waiting for xapian-tcpsrv), which would starve the live-server tests
## of Swift's cooperative threads if they ran side by side.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel

## browser-test: the search page in headless Chromium (installs chromium, chromium-driver, selenium)
browser-test: setup
	@if ! dpkg -s chromium chromium-driver >/dev/null 2>&1; then \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium chromium-driver; fi
	@python3 -c 'import selenium' 2>/dev/null || python3 -m pip install selenium pytest
	$(SWIFT) build --product postsearch
	python3 -m pytest Tests/browser -v -s

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/postsearch" $(DESTDIR)$(PREFIX)/bin/postsearch

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/postsearch

clean:
	rm -rf .build $(DEMO_INDEX)
