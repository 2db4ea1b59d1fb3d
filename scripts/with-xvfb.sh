#!/usr/bin/env bash
# Runs a command on a private virtual X display:
#
#   scripts/with-xvfb.sh [-s "XVFB ARGS"] CMD [ARGS...]
#
# Xvfb chooses a free display number itself (-displayfd) and says which once
# it accepts connections; CMD then runs with DISPLAY set to it, and Xvfb is
# stopped afterwards. Unlike `xvfb-run -a`, which looks for a free number
# first and starts the server after, two runs started at the same moment
# (other checks, other users of the machine) can never pick the same display,
# and CMD never starts before the server is ready.
#
# XVFB ARGS default to "-screen 0 1024x768x24 -nolisten tcp -noreset".
set -euo pipefail

die() { echo "with-xvfb: error: $*" >&2; exit 1; }

args="-screen 0 1024x768x24 -nolisten tcp -noreset"
if [[ "${1:-}" == "-s" ]]; then
  [[ $# -ge 2 ]] || die "-s needs the server's arguments"
  args=$2
  shift 2
fi
[[ $# -ge 1 ]] || { echo "usage: $0 [-s \"XVFB ARGS\"] CMD [ARGS...]" >&2; exit 2; }
command -v Xvfb >/dev/null 2>&1 || die "Xvfb is not installed (run: scripts/deps.sh test)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-xvfb.XXXXXX")
xvfb_pid=
cleanup() {
  if [[ -n "$xvfb_pid" ]]; then
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# Xvfb writes the display number to the pipe when it is ready; if it fails
# to start, it exits and the read sees the end of the pipe instead.
mkfifo "$tmp/ready"
# shellcheck disable=SC2086 # the server's arguments are split on purpose
Xvfb -displayfd 3 $args 3>"$tmp/ready" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
display=
# A generous bound for a loaded machine; a ready server answers in well
# under a second.
read -r -t 120 display <"$tmp/ready" || true
if [[ ! "$display" =~ ^[0-9]+$ ]]; then
  cat "$tmp/xvfb.log" >&2
  die "Xvfb did not start (no display number within 120 s)"
fi
export DISPLAY=":$display"
unset WAYLAND_DISPLAY XAUTHORITY

# Not exec: Xvfb is stopped afterwards.
set +e
"$@"
rc=$?
set -e
exit $rc
