#!/usr/bin/env bash
# Smoke test of the real app: under Xvfb and a private gnome-keyring
# (scripts/with-keyring.sh) it imports sample accounts through
# `mamori import -`, on the real keyring, starts bin/mamori with no
# arguments, waits for its window "Mamori", captures the screen to a PNG,
# checks the picture is not blank and stops the app. Any failure exits
# non-zero.
#
#   SMOKE_ACCOUNTS=N  how many accounts the vault gets (default 300: the
#                     named samples of scripts/lib.sh, then "Service NNN")
#   SMOKE_OUT=FILE    where the PNG goes (default: bin/smoke/main.png)
#   SMOKE_CAPTURE=W   root (default): the whole screen; window: the app's
#                     window only (make screenshots)
#   MAMORI_BIN=FILE   the binary to test (default: bin/mamori)
#   SMOKE_LANG=LOC    the app's locale (default: C.UTF-8, English);
#                     ja_JP.UTF-8 shows it in Japanese
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib.sh
source "$root/scripts/lib.sh"
die() { echo "smoke: error: $*" >&2; exit 1; }

if [[ "${1:-}" != "--inner" ]]; then
  bin=$(realpath -m "${MAMORI_BIN:-$root/bin/mamori}")
  [[ -x "$bin" ]] || die "$bin is missing; build it first (make build)"
  out=$(realpath -m "${SMOKE_OUT:-$root/bin/smoke/main.png}")
  for tool in Xvfb xwininfo xprop import identify base32; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (run: scripts/deps.sh test)"
  done
  case "${SMOKE_CAPTURE:=root}" in root | window) ;; *) die "SMOKE_CAPTURE is root or window" ;; esac
  export SMOKE_BIN="$bin" SMOKE_PNG="$out" SMOKE_LANG="${SMOKE_LANG:-C.UTF-8}" \
    SMOKE_ACCOUNTS="${SMOKE_ACCOUNTS:-300}" SMOKE_CAPTURE
  echo "smoke: starting Xvfb (a free display, scripts/with-xvfb.sh) and a private keyring"
  exec "$root/scripts/with-xvfb.sh" -s "-screen 0 1024x768x24 -nolisten tcp -noreset" \
    "$root/scripts/with-keyring.sh" "${BASH_SOURCE[0]}" --inner
fi

bin=$SMOKE_BIN
png=$SMOKE_PNG
count=$SMOKE_ACCOUNTS
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-smoke.XXXXXX")
app_pid=
cleanup() {
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

export MAMORI_HOME="$tmp/data" MAMORI_KEYRING=system LANG=$SMOKE_LANG
unset MAMORI_PASSPHRASE LC_ALL LC_MESSAGES

echo "smoke: importing $count sample accounts with 'mamori import -' (display $DISPLAY)"
sample_accounts "$count" | "$bin" import - >/dev/null
n=$("$bin" list --json | grep -o '"id"' | wc -l)
[[ "$n" -eq "$count" ]] || die "mamori list --json shows $n accounts, want $count"
# The key must be in the keyring, not in a file (key.json holds no secret).
grep -q '"backend": *"system"' "$MAMORI_HOME/key.json" || die "the vault's key did not go to the keyring"
id=$(sed -n 's/.*"id": *"\([0-9a-f]*\)".*/\1/p' "$MAMORI_HOME/key.json")
[[ -n "$(secret-tool lookup service mamori username "vault-$id")" ]] ||
  die "the keyring has no entry vault-$id"

echo "smoke: starting $bin with no arguments"
"$bin" >"$tmp/app.log" 2>&1 &
app_pid=$!

# The bounds below only stop a run that would never finish; they are
# generous for a slow, loaded machine (the window shows within a second or
# two on a quiet one).
wid=$(wait_window "$app_pid" '^"Mamori"$' 180) || {
  cat "$tmp/app.log" >&2
  kill -0 "$app_pid" 2>/dev/null || die "the app exited before its window appeared"
  die "no visible window named \"Mamori\" within 180 s"
}
echo "smoke: window \"Mamori\" is $wid"
# The launcher's .desktop file (fyne package) says StartupWMClass=Mamori.
wm_class=$(xprop -id "$wid" WM_CLASS 2>/dev/null || true)
[[ "$wm_class" == *'"Mamori"'* ]] || die "the window's WM_CLASS is not Mamori ($wm_class)"

# The app opens the vault and draws the codes after its window shows:
# capture until the picture is not blank (180 s at most), then once more a
# moment later, so the codes are settled.
mkdir -p "$(dirname "$png")"
capture() {
  if [[ "$SMOKE_CAPTURE" == window ]]; then import -window "$wid" "$png"; else import -window root "$png"; fi
}
info=
deadline=$((SECONDS + 180))
until capture && info=$(not_blank "$png"); do
  kill -0 "$app_pid" 2>/dev/null || { cat "$tmp/app.log" >&2; die "the app exited after opening its window"; }
  ((SECONDS < deadline)) || die "the capture still looks blank after 180 s ($info)"
  sleep 0.5
done
sleep 2
kill -0 "$app_pid" 2>/dev/null || { cat "$tmp/app.log" >&2; die "the app exited after opening its window"; }
capture
info=$(not_blank "$png") || die "the capture looks blank ($info)"
echo "smoke: captured $png ($info)"

kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=
if grep -qiE 'panic|fatal' "$tmp/app.log"; then
  cat "$tmp/app.log" >&2
  die "the app logged a panic or fatal error"
fi
echo "smoke: passed"
