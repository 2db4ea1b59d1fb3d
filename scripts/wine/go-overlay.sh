#!/usr/bin/env bash
# Prints the path of a `go build -overlay` file that works around two gaps of
# Wine 8 in Go's standard library, for the Windows tests under Wine only
# (make test-windows); the Windows release build never uses it.
#
#   go test -overlay "$(scripts/wine/go-overlay.sh)" ...
#
# 1. os.RemoveAll (and so every t.TempDir's clean-up) deletes through
#    NtSetInformationFile(FileDispositionInformationEx), which Wine 8 does not
#    implement: it answers STATUS_NOT_IMPLEMENTED, where Windows before 10
#    1607 answers STATUS_INVALID_INFO_CLASS and Go falls back to the older
#    FileDispositionInfo. The patch makes Go take that fallback for Wine's
#    answer too.
# 2. Every UDP socket (the tests' loopback NTP server) fails at creation:
#    Go switches off SIO_UDP_NETRESET reporting, and Wine 8 answers that
#    ioctl with WSAEOPNOTSUPP (10045). The patch lets a socket on which that
#    ioctl is not supported go on (all it does is silence an error report).
#
# Each patch is a literal substitution in a copy of the Go source, made anew
# for each Go version. If the source no longer reads as expected (a new Go),
# the script fails and says which patch stopped applying, rather than
# running the tests without it.
set -euo pipefail

die() { echo "go-overlay: error: $*" >&2; exit 1; }

goroot=$(go env GOROOT)
ver=$(go env GOVERSION)
out=${XDG_CACHE_HOME:-$HOME/.cache}/mamori/wine/go-overlay-$ver
json=$out/overlay.json
if [[ -f "$json" && "$json" -nt "${BASH_SOURCE[0]}" ]]; then
  echo "$json"
  exit 0
fi
mkdir -p "$out"

# patch FILE FROM TO: copy GOROOT/src/FILE into the overlay with the one
# line FROM replaced by TO; fail unless FROM occurs exactly once.
patch() {
  local file=$1 from=$2 to=$3 src dst n
  src=$goroot/src/$file
  dst=$out/$(basename "$file")
  [[ -f "$src" ]] || die "$src is missing: the Wine patch for $file no longer applies (Go $ver)"
  n=$(grep -cF -- "$from" "$src" || true)
  [[ "$n" == 1 ]] || die "$file: expected once, found $n times: '$from' — the Wine patch no longer applies to Go $ver; see $0"
  FROM=$from TO=$to perl -pe 's/\Q$ENV{FROM}\E/$ENV{TO}/' "$src" >"$dst"
  grep -qF -- "$to" "$dst" || die "$file: patching failed"
  printf '%s\n' "\"$src\": \"$dst\""
}

entries=()
entries+=("$(patch internal/syscall/windows/at_windows.go \
  'case STATUS_INVALID_INFO_CLASS, // the operating system' \
  'case STATUS_INVALID_INFO_CLASS, NTStatus(0xC0000002) /* STATUS_NOT_IMPLEMENTED: Wine 8 (mamori test overlay) */, // the operating system')")
entries+=("$(patch net/fd_windows.go \
  'err = syscall.WSAIoctl(fd.pfd.Sysfd, windows.SIO_UDP_NETRESET, (*byte)(unsafe.Pointer(&flag)), size, nil, 0, &ret, nil, 0)' \
  'err = syscall.WSAIoctl(fd.pfd.Sysfd, windows.SIO_UDP_NETRESET, (*byte)(unsafe.Pointer(&flag)), size, nil, 0, &ret, nil, 0); if err == syscall.Errno(10045) { err = nil } // WSAEOPNOTSUPP: Wine 8 (mamori test overlay)')")

{
  echo '{"Replace": {'
  printf '%s' "${entries[0]}"
  for e in "${entries[@]:1}"; do printf ',\n%s' "$e"; done
  echo
  echo '}}'
} >"$json.tmp"
mv "$json.tmp" "$json"
echo "$json"
