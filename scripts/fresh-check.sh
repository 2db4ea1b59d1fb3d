#!/usr/bin/env bash
# Runs a make target (default: test) the way a new machine would, without
# a new machine:
#
#   scripts/fresh-check.sh [--cold] [TARGET]
#
# - It clones the committed HEAD into a temporary folder, so nothing that is
#   only in this working tree (an untracked file, a build output) can help.
# - As root, in a private mount namespace (unshare -m), it hides every system
#   font folder a test could read behind an empty tmpfs:
#   /usr/share/fonts/truetype, /usr/share/fonts/opentype, /usr/local/share/fonts
#   and ~/.fonts, ~/.local/share/fonts. Only the X server's own bitmap fonts
#   (xfonts-base, which scripts/deps.sh installs) stay visible. A test that
#   reads a font the project does not embed then fails here as it would on a
#   new machine.
# - With --cold it also gives Go an empty module and build cache, so every
#   module is downloaded and every package compiled again, as on a new
#   machine; the time it prints is then a first run's.
#
# It prints how long the target took. The clone and the caches are removed
# afterwards. Packages that scripts/deps.sh installs are not hidden: the
# target installs what it needs, which is what is being checked.
set -euo pipefail

die() { echo "fresh-check: error: $*" >&2; exit 1; }

cold=
if [[ "${1:-}" == "--cold" ]]; then cold=1; shift; fi
target=${1:-test}
[[ $# -le 1 ]] || { echo "usage: $0 [--cold] [TARGET]" >&2; exit 2; }

top=$(git rev-parse --show-toplevel 2>/dev/null) || die "run it inside the Mamori checkout"

if [[ -z "${FRESH_CHECK_INNER:-}" ]]; then
  [[ $(id -u) -eq 0 ]] || die "hiding system folders needs a private mount namespace: run it as root (sudo $0 $*)"
  command -v unshare >/dev/null 2>&1 || die "unshare (util-linux) is missing"
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-fresh.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  echo "fresh-check: cloning $(git -C "$top" rev-parse --short HEAD) into $tmp/mamori"
  git clone -q --no-hardlinks "$top" "$tmp/mamori"
  env_args=(FRESH_CHECK_INNER=1)
  if [[ -n "$cold" ]]; then
    mkdir -p "$tmp/gocache" "$tmp/gomodcache"
    env_args+=(GOCACHE="$tmp/gocache" GOMODCACHE="$tmp/gomodcache")
    echo "fresh-check: empty Go build and module caches ($tmp/gocache, $tmp/gomodcache)"
  fi
  # --propagation private: the mounts below never reach the rest of the machine.
  status=0
  (cd "$tmp/mamori" && env "${env_args[@]}" unshare -m --propagation private \
    "$tmp/mamori/scripts/fresh-check.sh" ${cold:+--cold} "$target") || status=$?
  # The module cache is read-only on purpose; make it removable.
  [[ -z "$cold" ]] || chmod -R u+w "$tmp/gomodcache" 2>/dev/null || true
  exit $status
fi

# Inside the private namespace.
for d in /usr/share/fonts/truetype /usr/share/fonts/opentype /usr/local/share/fonts \
         "$HOME/.fonts" "$HOME/.local/share/fonts"; do
  [[ -d "$d" ]] || continue
  mount -t tmpfs -o size=1m,mode=0755 tmpfs "$d"
  echo "fresh-check: hid $d (now $(find "$d" -mindepth 1 | wc -l) entries)"
done
if command -v fc-list >/dev/null 2>&1; then
  echo "fresh-check: fonts fontconfig still sees: $(fc-list 2>/dev/null | wc -l)"
fi
echo "fresh-check: make $target in $(pwd)"
start=$(date +%s)
status=0
make "$target" || status=$?
secs=$(( $(date +%s) - start ))
printf 'fresh-check: make %s %s after %dm%02ds (load average: %s)\n' "$target" \
  "$([[ $status -eq 0 ]] && echo passed || echo FAILED)" $((secs / 60)) $((secs % 60)) \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
