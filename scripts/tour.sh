#!/usr/bin/env bash
# Screenshots of the app's pages for the README: starts `bin/mamori --demo`
# (which starts bin/mamori-app --demo in its place; made-up accounts, a throwaway vault, no keyring) under Xvfb, sizes the
# window to 560×560, plays a list of steps with xdotool and captures the
# window. Part of `make screenshots`.
#
#   scripts/tour.sh LOCALE OUT.png STEP…
#
# A step is "X,Y" (a click at window coordinates), "type:TEXT" or
# "key:KEYS". The coordinates fit the demo vault at 560×560: when the
# layout changes, look at the pictures and adjust the Makefile's steps.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib.sh
source "$root/scripts/lib.sh"
die() { echo "tour: error: $*" >&2; exit 1; }

if [[ "${1:-}" != "--inner" ]]; then
  [[ $# -ge 2 ]] || die "usage: $0 LOCALE OUT.png STEP…"
  bin=$(realpath -m "${MAMORI_BIN:-$root/bin/mamori}")
  [[ -x "$bin" ]] || die "$bin is missing; build it first (make build)"
  [[ -x "$(dirname "$bin")/mamori-app" ]] || die "$(dirname "$bin")/mamori-app is missing; build it first (make build)"
  for tool in Xvfb xwininfo xdotool import; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (run: scripts/deps.sh screenshots)"
  done
  export TOUR_BIN="$bin"
  exec "$root/scripts/with-xvfb.sh" -s "-screen 0 800x700x24 -nolisten tcp -noreset" \
    "${BASH_SOURCE[0]}" --inner "$@"
fi
shift
locale=$1 out=$(realpath -m "$2")
shift 2

home=$(mktemp -d "${TMPDIR:-/tmp}/mamori-tour.XXXXXX")
app_pid=
cleanup() {
  if [[ -n "$app_pid" ]]; then
    # The demo removes its throwaway vault on SIGTERM and exits 143.
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$home"
}
trap cleanup EXIT

# A fresh HOME: the demo keeps its own settings, and none of yours apply.
HOME=$home LANG=$locale "$TOUR_BIN" --demo >"$home/app.log" 2>&1 &
app_pid=$!
wid=$(wait_window "$app_pid" '^"Mamori' 60) || { cat "$home/app.log" >&2; die "no window"; }
xdotool windowmove "$wid" 0 0 windowsize "$wid" 560 560
sleep 1.5
for step in "$@"; do
  case $step in
    type:*) xdotool type --delay 40 "${step#type:}" ;;
    key:*) xdotool key "${step#key:}" ;;
    *,*) xdotool mousemove --window "$wid" "${step%,*}" "${step#*,}" click 1 ;;
    *) die "unknown step $step" ;;
  esac
  sleep 0.8
done
mkdir -p "$(dirname "$out")"
import -window "$wid" "$out"
echo "tour: $out"
