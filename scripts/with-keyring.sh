#!/usr/bin/env bash
# Runs a command against a real, private Secret Service:
#
#   scripts/with-keyring.sh CMD [ARGS...]
#
# CMD runs inside its own D-Bus session (dbus-run-session) in which
# gnome-keyring-daemon serves org.freedesktop.secrets with a "login" collection
# that is created and unlocked with a fixed test password. HOME and the XDG
# directories point into a temporary directory that is removed afterwards, so
# the user's own keyring and settings are never read or written. Go's caches
# keep their usual places so `go test` does not start cold.
#
# Before CMD runs, a secret is stored and read back with secret-tool; if the
# Secret Service does not answer, the script fails loudly and CMD never runs.
set -euo pipefail

die() { echo "with-keyring: error: $*" >&2; exit 1; }

if [[ "${1:-}" != "--in-session" ]]; then
  [[ $# -ge 1 ]] || { echo "usage: $0 CMD [ARGS...]" >&2; exit 2; }
  for tool in dbus-run-session gnome-keyring-daemon secret-tool; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (run: scripts/deps.sh test)"
  done

  # Keep Go's caches and settings where they are before HOME moves.
  if command -v go >/dev/null 2>&1; then
    for v in GOCACHE GOMODCACHE GOPATH GOENV; do
      [[ -n "${!v:-}" ]] || export "$v=$(go env "$v")"
    done
  fi

  tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-keyring.XXXXXX")
  # The keyring daemon may still be writing as the session ends: retry.
  cleanup() { rm -rf "$tmp" 2>/dev/null || { sleep 1; rm -rf "$tmp" 2>/dev/null; } || true; }
  trap cleanup EXIT
  mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/run"
  chmod 700 "$tmp/run"
  export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
    XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
  # Nothing from an outer desktop session may leak in.
  unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL SSH_AUTH_SOCK

  # Not exec: the trap must remove the temporary directory afterwards.
  set +e
  dbus-run-session -- "$0" --in-session "$@"
  rc=$?
  set -e
  exit $rc
fi
shift

[[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]] || die "dbus-run-session gave no session bus"

# The "login" collection is created on first unlock with the password on stdin.
password=mamori-test-keyring
export MAMORI_TEST_KEYRING_PASSWORD="$password"
out=$(printf '%s' "$password" | gnome-keyring-daemon --unlock --components=secrets \
  --control-directory="$XDG_RUNTIME_DIR/keyring" 2>&1) || die "gnome-keyring-daemon failed: $out"
# It prints shell assignments such as GNOME_KEYRING_CONTROL=...; export them.
while IFS='=' read -r name value; do
  [[ "$name" =~ ^[A-Z_]+$ ]] && export "$name=$value"
done <<<"$out"
: "${GNOME_KEYRING_CONTROL:=$XDG_RUNTIME_DIR/keyring}"
export GNOME_KEYRING_CONTROL

# Wait for org.freedesktop.secrets to answer: store, look up and clear a probe.
# The daemon usually answers at once; the bounds only stop a broken one from
# hanging the run, so they are generous for a slow, loaded machine.
probe="probe-$$-$RANDOM"
ok=
deadline=$((SECONDS + 120))
while ((SECONDS < deadline)); do
  if printf '%s' "$probe" | timeout 30 secret-tool store --label="mamori keyring probe" \
       mamori-probe "$probe" >/dev/null 2>&1 &&
     [[ "$(timeout 30 secret-tool lookup mamori-probe "$probe" 2>/dev/null)" == "$probe" ]]; then
    ok=1
    break
  fi
  sleep 0.2
done
[[ -n "$ok" ]] || die "the Secret Service (gnome-keyring) did not answer a store/lookup round trip within 120 s"
timeout 30 secret-tool clear mamori-probe "$probe" >/dev/null 2>&1 || true
echo "with-keyring: private Secret Service ready (gnome-keyring, HOME=$HOME)" >&2

set +e
"$@"
rc=$?
set -e
# Stop the keyring daemon of this session so nothing outlives it.
if [[ -n "${GNOME_KEYRING_PID:-}" ]]; then kill "$GNOME_KEYRING_PID" 2>/dev/null || true; fi
exit $rc
