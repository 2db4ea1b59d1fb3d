#!/usr/bin/env bash
# The Windows screen capture (GDI) against a real screen: run under
# scripts/with-xvfb.sh, it puts a QR code on the X root window (which is the
# Windows desktop under Wine) and runs screen's display test for Windows
# under Wine, which captures the screen and must read the code back.
#
#   scripts/with-xvfb.sh scripts/screen-qr-windows.sh   (make test-windows)
set -euo pipefail

die() { echo "screen-qr-windows: error: $*" >&2; exit 1; }
[[ -n "${DISPLAY:-}" ]] || die "no DISPLAY: run it under scripts/with-xvfb.sh"
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-screen-qr.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

uri='otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example'
qrencode -s 6 -m 4 -o "$tmp/qr.png" "$uri"
# display sets the root window's background and exits 1 all the same: the
# capture below says whether the code is there.
display -window root "$tmp/qr.png" || true
import -window root "$tmp/root.png"
[[ "$(identify -format '%k' "$tmp/root.png")" == 2 ]] || die "the QR code did not reach the root window"

cd "$root"
MAMORI_TEST_SCREEN_QR=$uri GOOS=windows CGO_ENABLED=0 \
  go test -overlay "$(scripts/wine/go-overlay.sh)" -exec "$root/scripts/with-wine.sh" \
  -tags ci,display -count=1 -run '^TestScreenCaptureWindows' ./screen/
