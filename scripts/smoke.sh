#!/usr/bin/env bash
# Smoke test of the real app: under Xvfb and a private gnome-keyring
# (scripts/with-keyring.sh) it imports sample accounts through
# `mamori import -`, on the real keyring, starts bin/mamori with no
# arguments (which starts the app, bin/mamori-app, in its place), waits for
# its window "Mamori", captures the screen to a PNG,
# checks the picture is not blank, copies a code with the keyboard and
# checks the real clipboard, and stops the app. Any failure exits
# non-zero.
#
#   SMOKE_ACCOUNTS=N  how many accounts the vault gets (default 300: the
#                     named samples of scripts/lib.sh, then "Service NNN")
#   SMOKE_OUT=FILE    where the PNG goes (default: bin/smoke/main.png)
#   SMOKE_CAPTURE=W   root (default): the whole screen; window: the app's
#                     window only (make screenshots)
#   MAMORI_BIN=FILE   the command line to test (default: bin/mamori); the
#                     app, mamori-app, must be beside it
#   SMOKE_LANG=LOC    the app's locale (default: C.UTF-8, English);
#                     ja_JP.UTF-8 shows it in Japanese
#   SMOKE_COPY=1      (default) after the capture, type "GitHub" and Enter
#                     with xdotool, check the X clipboard holds the code
#                     `mamori code GitHub` prints, and that the app clears
#                     it after its delay; 0 skips this (make screenshots)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib.sh
source "$root/scripts/lib.sh"
die() { echo "smoke: error: $*" >&2; exit 1; }

if [[ "${1:-}" != "--inner" ]]; then
  bin=$(realpath -m "${MAMORI_BIN:-$root/bin/mamori}")
  [[ -x "$bin" ]] || die "$bin is missing; build it first (make build)"
  [[ -x "$(dirname "$bin")/mamori-app" ]] || die "$(dirname "$bin")/mamori-app is missing; build it first (make build)"
  out=$(realpath -m "${SMOKE_OUT:-$root/bin/smoke/main.png}")
  tools=(Xvfb xwininfo xprop import identify base32)
  [[ "${SMOKE_COPY:=1}" == 1 ]] && tools+=(xdotool xclip)
  for tool in "${tools[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (run: scripts/deps.sh test)"
  done
  case "${SMOKE_CAPTURE:=root}" in root | window) ;; *) die "SMOKE_CAPTURE is root or window" ;; esac
  export SMOKE_BIN="$bin" SMOKE_PNG="$out" SMOKE_LANG="${SMOKE_LANG:-C.UTF-8}" \
    SMOKE_ACCOUNTS="${SMOKE_ACCOUNTS:-300}" SMOKE_CAPTURE SMOKE_COPY
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
# A returning user: the one-time explanation of what the keyring protects
# (ui/keyringnotice.go) was read before, so no dialog covers the list that
# is captured and typed into. Fyne keeps its settings in its own folder of
# the (private) configuration directory.
prefs="${XDG_CONFIG_HOME:-$HOME/.config}/fyne/app.mamori.desktop"
mkdir -p "$prefs"
echo '{"keyring.explained":true}' >"$prefs/preferences.json"
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

echo "smoke: starting $bin with no arguments (it starts mamori-app in its place)"
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

if [[ "$SMOKE_COPY" == 1 ]]; then
  # Type-to-search and Enter, as a person would, then read the real X
  # clipboard: it must hold GitHub's code as `mamori code` computes it (on
  # one side of a period boundary or the other), and lose it once the clear
  # delay (20 s by default) has passed while the app still runs.
  echo "smoke: typing \"GitHub\" and Enter into the window, then reading the X clipboard"
  before=$("$bin" code GitHub 2>/dev/null)
  xdotool mousemove --window "$wid" 280 300
  xdotool type --delay 40 GitHub
  xdotool key Return
  clip=
  deadline=$((SECONDS + 60))
  until clip=$(xclip -o -selection clipboard 2>/dev/null) && [[ "$clip" =~ ^[0-9]{6}$ ]]; do
    ((SECONDS < deadline)) || { cat "$tmp/app.log" >&2; die "no code on the clipboard within 60 s (it holds \"$clip\")"; }
    sleep 0.2
  done
  after=$("$bin" code GitHub 2>/dev/null)
  [[ "$clip" == "$before" || "$clip" == "$after" ]] ||
    die "the clipboard holds $clip, but mamori code GitHub printed $before then $after"
  # Marked for clipboard managers to skip (package clipboard).
  targets=$(xclip -o -selection clipboard -t TARGETS 2>/dev/null) || true
  grep -qx 'x-kde-passwordManagerHint' <<<"$targets" ||
    die "the copied code is not marked for clipboard managers; the clipboard offers: $(tr '\n' ' ' <<<"$targets")"
  echo "smoke: Enter copied GitHub's code, marked x-kde-passwordManagerHint; waiting for the app to clear the clipboard"
  deadline=$((SECONDS + 120))
  while [[ "$(xclip -o -selection clipboard 2>/dev/null)" == "$clip" ]]; do
    kill -0 "$app_pid" 2>/dev/null || die "the app exited while its code was on the clipboard"
    ((SECONDS < deadline)) || die "the code was still on the clipboard after 120 s"
    sleep 1
  done
  kill -0 "$app_pid" 2>/dev/null || die "the app exited instead of clearing the clipboard"
  echo "smoke: the app took its code off the clipboard"
fi

kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=
if grep -qiE 'panic|fatal' "$tmp/app.log"; then
  cat "$tmp/app.log" >&2
  die "the app logged a panic or fatal error"
fi
echo "smoke: passed"
