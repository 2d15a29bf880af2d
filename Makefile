# Hồ Sơ Một Cửa — build, run and test.
#   make run    set up what is missing, build, open the desktop app on demo data
#   make test   set up what is missing, run every test
#   make check  the fast lane: short unit tests, go vet, svelte-check
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

GO         ?= go
VERSION    ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS    := -X hoso/buildinfo.Version=$(VERSION)
DESKTOP_TAGS := desktop,production,webkit2_41
# Tools built from source, kept outside the work tree so fresh clones on the
# same machine reuse them.
TOOLS      ?= $(HOME)/.cache/hoso-tools
STATICCHECK_VERSION := v0.8.2
WAILS_VERSION       := v2.9.2
OUT        ?= $(CURDIR)/test-results
FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/vite.config.ts -type f 2>/dev/null)
GO_SRC     := $(shell find . -name '*.go' -not -path './frontend/node_modules/*' 2>/dev/null) go.mod go.sum

.PHONY: all run test test-serial check build deps toolchain frontend lint bench windows clean \
        test-go test-fuzz test-frontend test-e2e test-desktop test-windows \
        check-go check-vet check-svelte

all: build

## Setting up --------------------------------------------------------------

deps: toolchain frontend/node_modules/.installed
	@scripts/deps.sh

toolchain:
	@scripts/toolchain.sh

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	scripts/node-modules.sh "$(TOOLS)/node_modules"
	touch $@

## Building ----------------------------------------------------------------

frontend: frontend/dist/index.html

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SRC)
	cd frontend && npm run build

build: bin/hoso bin/hoso-node

bin/hoso: frontend/dist/index.html $(GO_SRC)
	CGO_ENABLED=1 $(GO) build -tags $(DESKTOP_TAGS) -ldflags "-w -s $(LDFLAGS)" -o $@ .

bin/hoso-node: frontend/dist/index.html $(GO_SRC)
	$(GO) build -ldflags "$(LDFLAGS)" -o $@ ./cmd/hoso-node

# The Windows desktop .exe needs no cgo. With makensis present, the Wails CLI
# also wraps it in an NSIS installer (build/windows/installer).
windows: frontend/dist/index.html
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $(GO) build -tags desktop,production \
	  -ldflags "-w -s -H windowsgui $(LDFLAGS)" -o bin/hoso.exe .
	@if command -v makensis >/dev/null; then \
	  scripts/wails-cli.sh "$(TOOLS)" $(WAILS_VERSION) && \
	  PATH="$(TOOLS)/bin:$$PATH" scripts/installer.sh "$(LDFLAGS)"; \
	else echo "windows: makensis not found; built bin/hoso.exe without the installer"; fi

## Running -----------------------------------------------------------------

run: deps build
	scripts/run.sh

## Testing -----------------------------------------------------------------

TEST_STAGES := test-go test-fuzz test-frontend test-e2e test-desktop windows test-windows lint

# The stages run two at a time (make -j2) from one queue, longest first:
# whenever one ends the next starts, so the two cores stay busy without a
# fixed split into lanes that one long stage would unbalance. They share
# nothing but the Go build cache (safe for concurrent use); every test's
# data folders are its own temporary ones. A failing stage stops the run
# (no new stage starts), so reaching the end means all passed.
# `make test-serial` runs the same stages one by one.
TEST_QUEUE := test-e2e test-go test-frontend test-fuzz test-windows test-desktop windows lint

# The binaries and the frontend are built inside the -j2 run, as the
# prerequisites of the stages that need them (test-e2e, test-desktop,
# test-windows, windows), so they build beside the first stages instead of
# before all of them. Every stage that compiles the Go packages that embed
# frontend/dist (cmd/hoso-node, the desktop app) waits for its build: vite
# empties the folder first, and Go must not embed it half written.
test: deps
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory -j2 --output-sync=target $(TEST_QUEUE); \
	echo "stages: $(words $(TEST_STAGES)) passed, 0 failed ($$(( $$(date +%s) - start )) s)"

test-serial: deps build $(TEST_STAGES)
	@echo "stages: $(words $(TEST_STAGES)) passed, 0 failed"

# The fast lane for everyday work (50 s on a quiet 2-core machine, 94 s on
# a busy one; the goal is under a minute): unit tests with
# -short (the multi-process, flaky-link and long sync tests skip
# themselves), go vet and svelte-check. `make test` still runs everything.
# The p2p tests below ignore -short (p2p is being split into packages in
# another change); -skip keeps them out of the fast lane by name.
CHECK_SKIP := TestSyncOverFlakyLink|TestSealedBundleRefusesEveryFlippedByte|TestSyncRunsQuietWhenIdle|TestSyncRandomPartitions|TestSyncerCloseMidPull|TestHolidayRulePublishedAtTheProvinceReachesACommune

check: frontend/node_modules/.installed
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory -j3 --output-sync=target check-go check-vet check-svelte; \
	echo "check: passed ($$(( $$(date +%s) - start )) s)"

# The three parts of make check, side by side.
check-go:
	$(GO) test -short -count=1 -skip '$(CHECK_SKIP)' ./...
check-vet:
	$(GO) vet ./...
check-svelte:
	cd frontend && npm run check

# The Go tests are built as the fuzz smoke needs them, instrumented for
# fuzzing (-d=libfuzzer on the module's own packages, as go test -fuzz
# does) and without DWARF (tracebacks do not need it), so that test-fuzz
# takes the compiled packages and the linked test binaries from Go's cache
# instead of building the module a second time: the two stages took 291
# core-s on a fresh path, now 252 (issue 21).
GO_TEST_FLAGS := -gcflags=hoso/...=-d=libfuzzer -ldflags=-w

test-go: frontend/dist/index.html
	$(GO) test -count=1 $(GO_TEST_FLAGS) ./...

# Each fuzz target runs 1 s on one worker, from its seeds (see
# scripts/fuzz.sh); longer runs: scripts/fuzz.sh 10m 2, or go test
# -fuzz=NAME -fuzztime=10m ./PKG
test-fuzz:
	@GO_TEST_FLAGS='$(GO_TEST_FLAGS)' scripts/fuzz.sh 1s 1 fresh

test-frontend: frontend/node_modules/.installed
	cd frontend && npm run check && npm test

test-e2e: bin/hoso-node
	mkdir -p $(OUT)
	cd frontend && HOSO_NODE=$(CURDIR)/bin/hoso-node E2E_OUT=$(OUT) npm run e2e

test-desktop: bin/hoso bin/hoso-node
	scripts/desktop-smoke.sh bin/hoso $(OUT) bin/hoso-node

# The Windows node under Wine (with a ProcessPrng shim), in a path with
# Vietnamese letters and spaces, syncing with the Linux node: 35–70 s.
test-windows: bin/hoso-node
	LDFLAGS="$(LDFLAGS)" scripts/windows-wine.sh bin/hoso-node $(OUT)

lint: $(TOOLS)/bin/staticcheck frontend/dist/index.html
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(TOOLS)/bin/staticcheck ./...

$(TOOLS)/bin/staticcheck:
	GOBIN=$(TOOLS)/bin $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin test-results frontend/dist/assets frontend/dist/index.html
