#!/usr/bin/env bash
# The Windows tests: the packages' own tests cross-compiled for Windows and
# run under Wine (scripts/with-wine.sh), headless.
#
#   scripts/test-windows.sh PKG...        (make test-windows)
#
# 1. every test of PKG..., Windows set to English;
# 2. the language test with Windows set to Japanese (and it must say ja);
# 3. the real Windows Credential Manager (Wine's) through TestKeyring*;
# 4. the screen capture (GDI) reading a QR code on a virtual screen (Xvfb).
#
# Wine 8's two gaps in Go's standard library are patched for these runs only
# (scripts/wine/go-overlay.sh). The full log is kept in bin/test-windows.log
# (and as go test -json in bin/test-windows.json); the summary counts the
# tests skipped on Windows and prints each reason, and how long each part
# took.
set -euo pipefail

die() { echo "test-windows: error: $*" >&2; exit 1; }
[[ $# -ge 1 ]] || { echo "usage: $0 PKG..." >&2; exit 2; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mkdir -p bin
log=bin/test-windows.log
json=bin/test-windows.json
: >"$log"
: >"$json"
command -v jq >/dev/null 2>&1 || die "jq is not installed (run: scripts/deps.sh windows)"

overlay=$(scripts/wine/go-overlay.sh)
export GOOS=windows GOARCH=amd64 CGO_ENABLED=0
# go test stops a test binary after 10 minutes by default; the CLI's tests
# under Wine on a loaded machine come near that.
gotest=(go test -timeout 45m -overlay "$overlay" -exec "$root/scripts/with-wine.sh")

started=$SECONDS
part() { # part NAME CMD...: run CMD, its output into the log, say how long.
  local name=$1 t0=$SECONDS rc
  shift
  echo "test-windows: $name"
  echo "===== $name: $*" >>"$log"
  set +e
  if [[ "$1" == go ]]; then
    # go test -json: the events go to $json, their text to the log.
    "${@:1:2}" -json "${@:3}" 2>>"$log" | tee -a "$json" | jq -rj 'select(.Action == "output") | .Output' >>"$log"
    rc=${PIPESTATUS[0]}
  else
    "$@" >>"$log" 2>&1
    rc=$?
  fi
  set -e
  echo "test-windows: $name: $((SECONDS - t0)) s$([[ $rc == 0 ]] || echo ", FAILED")"
  return $rc
}

failed=0
MAMORI_WINE_LOCALE=C.UTF-8 MAMORI_TEST_WINDOWS_LANG=en \
  part "all tests, Windows in English" "${gotest[@]}" -tags ci "$@" || failed=1
MAMORI_WINE_LOCALE=ja_JP.UTF-8 MAMORI_TEST_WINDOWS_LANG=ja \
  part "the language, Windows in Japanese" "${gotest[@]}" -count=1 -tags ci -run '^TestWindowsLanguage$' ./assets/ || failed=1
MAMORI_WINE_LOCALE=C.UTF-8 \
  part "the key in Wine's Credential Manager" "${gotest[@]}" -count=1 -p 1 -tags ci,keyring -run '^TestKeyring' ./vault/ ./cmd/mamori/cli/ || failed=1
part "screen capture (GDI) of a QR code on Xvfb" \
  scripts/with-xvfb.sh scripts/screen-qr-windows.sh || failed=1

# What went wrong, and every skipped test with its reason: the last line it
# logged (t.Skip's message), from the JSON events.
grep -E '^(ok|FAIL|panic:)|^\s*--- FAIL' "$log" | grep -vE '^ok.*\[no test(s to run| files)\]' || true
reasons=$(jq -rs '
  (reduce (.[] | select(.Action == "output" and .Test != null and (.Output | test("^\\s+\\S+\\.go:[0-9]+: "))))
     as $e ({}; .[$e.Package + " " + $e.Test] = ($e.Output | sub("^\\s+\\S+\\.go:[0-9]+: "; "") | rtrimstr("\n")))) as $why
  | .[] | select(.Action == "skip" and .Test != null)
  | ($why[.Package + " " + .Test] // "(no reason given)")' "$json")
skips=$(grep -c . <<<"$reasons" || true)
echo "test-windows: $skips test(s) skipped on Windows, for these reasons:"
sort <<<"$reasons" | uniq -c | sort -rn | sed 's/^/  /'
echo "test-windows: $((SECONDS - started)) s in all; the full log is $log"
[[ $failed == 0 ]] || die "some Windows tests failed (see above and $log)"
