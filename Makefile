# Mamori's two commands are `make run` and `make test`; `make bench` measures,
# `make screenshots` refreshes the README's pictures, `make package` builds the
# Linux package with `fyne package`. `make build` builds the two binaries:
# bin/mamori, the command line (no GUI toolkit, no cgo), and bin/mamori-app,
# the app (cgo, GLFW/OpenGL), which `mamori` with no arguments starts.
# `make windows` cross-builds the Windows zip and installer.
# Each installs the Debian/Ubuntu packages it needs first (scripts/deps.sh).

SHELL := /usr/bin/env bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

GO ?= go
CLI := bin/mamori
APP := bin/mamori-app
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

CHECKS := fmt-check vet vet-cross staticcheck test-headless test-keyring test-display test-package test-race test-sync \
	test-windows

# Windows (make windows, make test-windows, make smoke-windows). The app is
# Mamori.exe, the command line mamori-cli.exe: Windows file names ignore
# case, so Mamori.exe and mamori.exe could not sit side by side.
WIN_GUI_PKG := ./cmd/mamori-app
WIN_CLI_PKG := ./cmd/mamori
# The packages whose tests run under Wine: the domain, the use cases, the
# command line, the texts and the screen capture. The window's tests (ui)
# run on Linux only; the end-to-end tests of ./cmd/mamori need go on the
# Windows PATH.
WIN_TEST_PKGS := ./assets/... ./gridcard/... ./usecase/... ./vault/... ./screen/... ./clipboard/... ./cmd/mamori/cli/...
# The app for Windows, as the smoke test runs it: the same flags as
# scripts/windows.sh, so the two share Go's cache (the GLFW compile above all).
WIN_GUI := bin/windows/Mamori.exe
WIN_ENV := GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1

# The headless build: Fyne's test driver (build tag ci) and no cgo. vet,
# staticcheck and the tests share it, so its compiled packages are reused.
HEADLESS := CGO_ENABLED=0
# The real app: cgo, GLFW and OpenGL.
REAL := CGO_ENABLED=1
# go test stops a test binary after 10 minutes by default; on a slow, loaded
# machine the UI tests, or the CLI's under the race detector, can come near
# that. The bound is only there to stop a hang.
TESTTIMEOUT := -timeout 45m

.PHONY: help run test checks bench build screenshots screenshot deps-build deps-test deps-bench deps-screenshots \
	fmt-check vet staticcheck test-headless test-keyring test-display test-package test-race \
	test-sync smoke package clean vet-cross windows deps-windows build-windows builds test-windows smoke-windows

help:
	@echo "make run         install build packages, build bin/mamori and bin/mamori-app, and open the app"
	@echo "make test        install test packages and run every check (see README)"
	@echo "make bench       vault, import and list benchmarks against the last commit before the speed work and keepassxc-cli,"
	@echo "                 mamori code against oathtool, and the window against KeePassXC and a Fyne hello-world"
	@echo "make screenshots refresh docs/screenshots/ (the list, a grid card, backup codes) from the real app"
	@echo "make package     bin/Mamori.tar.xz with fyne package (.desktop file, icon, both binaries)"
	@echo "make windows     bin/Mamori-windows-amd64.zip and -setup.exe (Mamori.exe, mamori-cli.exe), cross-built"

run: deps-build build
	@echo "==> starting $(APP)"
	./$(APP)

# The cgo builds (Linux, then Windows with mingw) are mostly one long,
# single-threaded C compile of GLFW each, so they run one after the other
# beside the checks, which run one after another; the smoke tests need both.
test: deps-test
	@echo "==> make test: the checks, with the real cgo builds beside them"
	@$(MAKE) --no-print-directory -j2 builds checks
	@$(MAKE) --no-print-directory smoke
	@$(MAKE) --no-print-directory smoke-windows
	@echo "==> make test: all checks passed"

builds:
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory build-windows

checks:
	@for t in $(CHECKS); do $(MAKE) --no-print-directory $$t || exit 1; done

bench: deps-bench build
	@echo "==> benchmarks (scripts/bench.sh)"
	scripts/bench.sh

# The README's pictures: the real binary under Xvfb on the twelve named
# sample accounts of scripts/lib.sh (made-up secrets), English and Japanese.
SHOTS := SMOKE_ACCOUNTS=12 SMOKE_CAPTURE=window SMOKE_COPY=0

screenshots: deps-screenshots build
	@echo "==> refreshing docs/screenshots/ from the real app under Xvfb"
	$(SHOTS) SMOKE_OUT=docs/screenshots/main.png scripts/smoke.sh
	$(SHOTS) SMOKE_LANG=ja_JP.UTF-8 SMOKE_OUT=docs/screenshots/main-ja.png scripts/smoke.sh
	@# Pages of the demo vault, reached by clicks at 560×560 (scripts/tour.sh):
	@# tools menu → grid cards → the card, a challenge typed; and Google's
	@# backup codes tab.
	scripts/tour.sh ja_JP.UTF-8 docs/screenshots/grid-ja.png 378,70 417,103 100,165 "type:A1 C3 J5"
	scripts/tour.sh C.UTF-8 docs/screenshots/backup.png "type:google" 537,150 122,115
	@echo "==> look at every picture in docs/screenshots/ before committing them"

screenshot: screenshots

deps-build:
	@echo "==> checking system packages for the cgo build"
	scripts/deps.sh build

deps-test:
	@echo "==> checking system packages for the tests"
	scripts/deps.sh test

deps-bench:
	@echo "==> checking system packages for the benchmarks"
	scripts/deps.sh bench

deps-windows:
	@echo "==> checking system packages for the Windows build and Wine"
	scripts/deps.sh windows

deps-screenshots:
	@echo "==> checking system packages for the screenshots"
	scripts/deps.sh screenshots

build:
	@echo "==> building the command line (no cgo, no GUI toolkit) into $(CLI)"
	$(HEADLESS) $(GO) build -o $(CLI) ./cmd/mamori
	@echo "==> building the real app (cgo, GLFW/OpenGL) into $(APP)"
	$(REAL) $(GO) build -o $(APP) ./cmd/mamori-app

# The app for Windows alone (no resources, no packaging): what the smoke
# test starts under Wine. The first build compiles GLFW with mingw (6 to 25
# minutes); later ones take seconds.
build-windows:
	@echo "==> building the Windows app (cgo, mingw-w64) into $(WIN_GUI)"
	$(WIN_ENV) $(GO) build -trimpath -ldflags "-s -w -H windowsgui" -o $(WIN_GUI) $(WIN_GUI_PKG)

windows: deps-windows
	@echo "==> cross-building and packaging for Windows (scripts/windows.sh)"
	scripts/windows.sh $(WIN_GUI_PKG) $(WIN_CLI_PKG)

fmt-check:
	@echo "==> gofmt: checking formatting"
	@files=$$(gofmt -l $$(find . -name '*.go' -not -path './.git/*' -not -path './bin/*')); \
	if [[ -n "$$files" ]]; then echo "gofmt: these files need 'gofmt -w':"; echo "$$files"; exit 1; fi

vet:
	@echo "==> go vet (headless build)"
	$(HEADLESS) $(GO) vet -tags ci ./...

# macOS cannot be built here (no SDK), but must keep compiling: vet for it
# and for Windows with the headless build (no cgo). For macOS only the
# packages without Fyne: Fyne's macOS code needs cgo even with its test
# driver (fyne.io/fyne/v2/internal/app's DefaultVariant is in a cgo file), so
# the window and what links it cannot be checked for macOS without an SDK.
vet-cross:
	@echo "==> go vet for Windows (every package) and macOS (the packages without Fyne)"
	$(HEADLESS) GOOS=windows $(GO) vet -tags ci ./...
	@pkgs=$$($(HEADLESS) GOOS=darwin scripts/race-packages.sh); \
	if [[ -z "$$pkgs" ]]; then echo "no packages without Fyne"; exit 1; fi; \
	echo "    macOS: $$(echo $$pkgs | wc -w) packages"; \
	$(HEADLESS) GOOS=darwin $(GO) vet -tags ci $$pkgs

staticcheck:
	@echo "==> staticcheck $(STATICCHECK) (headless build)"
	$(HEADLESS) $(GO) run $(STATICCHECK) -tags ci ./...

test-headless:
	@echo "==> unit and UI tests, headless (Fyne test driver, no cgo)"
	$(HEADLESS) $(GO) test $(TESTTIMEOUT) -tags ci ./...

test-keyring:
	@echo "==> keyring integration tests (TestKeyring*) on a private gnome-keyring"
	@# -p 1: one test locks the shared login collection for a moment, so
	@# packages must not use the keyring at the same time. No display: the
	@# keyring's unlock prompt then fails at once, rather than opening on the
	@# desktop and waiting for the test's time-out.
	$(HEADLESS) env -u DISPLAY -u WAYLAND_DISPLAY scripts/with-keyring.sh $(GO) test $(TESTTIMEOUT) -p 1 -tags ci,keyring -run '^TestKeyring' -count=1 ./...

# Fails, never skips, without a display and a session bus: scripts/with-xvfb.sh
# (a display number Xvfb picks itself, so parallel runs never collide) and
# dbus-run-session give it both (the bus for a stand-in desktop portal).
test-display:
	@echo "==> screen capture: a QR code on a real X display (Xvfb), and through a stand-in desktop portal"
	$(HEADLESS) dbus-run-session -- scripts/with-xvfb.sh -s "-screen 0 1024x768x24 -nolisten tcp -noreset" \
		$(GO) test $(TESTTIMEOUT) -tags ci,display -run '^TestScreen' -count=1 ./screen/
	@echo "==> clipboard: copies marked x-kde-passwordManagerHint: secret, as xclip reads them from a real X display (Xvfb)"
	$(HEADLESS) scripts/with-xvfb.sh -s "-screen 0 640x480x24 -nolisten tcp -noreset" \
		$(GO) test $(TESTTIMEOUT) -tags ci,display -run '^TestClipboard' -count=1 ./clipboard/ ./ui/

# The real `fyne package -os linux`, with a stand-in for the binary: its
# .desktop file and icon are checked in seconds (see scripts/package.sh).
test-package:
	@echo "==> fyne package -os linux: the .desktop file and icon (desktop-file-validate)"
	scripts/package.sh --check

# Two real Syncthing instances on loopback replicate one vault folder
# between two desktops that both change it while apart; both must end with
# the same merged vault. Fails, never skips, without syncthing.
test-sync:
	@echo "==> sync: two real Syncthing instances replicate a vault changed on both desktops (-tags syncthing)"
	$(HEADLESS) $(GO) test $(TESTTIMEOUT) -tags ci,syncthing -run '^TestSyncthing' -count=1 ./cmd/mamori/

test-race:
	@echo "==> race detector on the packages that do not use Fyne"
	@pkgs=$$(scripts/race-packages.sh); \
	if [[ -z "$$pkgs" ]]; then echo "no packages without Fyne"; exit 1; fi; \
	echo $$pkgs | tr ' ' '\n' | sed 's/^/    /'; \
	$(REAL) $(GO) test $(TESTTIMEOUT) -race -tags ci $$pkgs
	@echo "==> race detector on the app's start-up, where the vault opens beside the window"
	$(REAL) $(GO) test $(TESTTIMEOUT) -race -tags ci -run '^Test(Opening|LateTray)' ./ui/

smoke:
	@echo "==> smoke test: the real binary opens its window under Xvfb"
	scripts/smoke.sh

# Every test of WIN_TEST_PKGS cross-compiled for Windows and run under Wine
# (scripts/test-windows.sh: the count of tests skipped on Windows and why,
# and the time of each part).
test-windows:
	@echo "==> Windows tests under Wine (scripts/test-windows.sh)"
	scripts/test-windows.sh $(WIN_TEST_PKGS)

# The Windows app packaged (make windows) and started under Wine on Xvfb,
# set to Japanese: its window captured and checked, a code copied.
smoke-windows: windows
	@echo "==> Windows smoke test: the packaged app under Wine on Xvfb, in Japanese"
	scripts/smoke-windows.sh

package: deps-test build
	@echo "==> packaging $(APP) and $(CLI) for Linux with fyne package (bin/Mamori.tar.xz)"
	scripts/package.sh

clean:
	@echo "==> removing bin/"
	rm -rf bin
