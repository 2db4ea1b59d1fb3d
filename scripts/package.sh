#!/usr/bin/env bash
# Packages bin/mamori for Linux with `fyne package -os linux` (fyne.io/tools,
# pinned in scripts/fyne/go.mod) and checks what it made: the .desktop file
# passes desktop-file-validate and names the app, its command and its icon
# as FyneApp.toml says, and the icon is the app's 512×512 PNG.
#
#   scripts/package.sh           writes bin/Mamori.tar.xz (make package)
#   scripts/package.sh --check   the same checks, nothing kept (make test)
#
# fyne package is handed the binary `make build` made (--executable), so it
# does not compile the app again, and a copy of FyneApp.toml, so the Build
# number it bumps is not the repository's. With --check it is handed a
# small stand-in for the binary instead: compressing 50 MB with xz takes
# minutes, and the .desktop file and icon do not depend on it.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "package: error: $*" >&2; exit 1; }

check_only=
[[ "${1:-}" == "--check" ]] && check_only=1
for tool in desktop-file-validate identify tar; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (run: scripts/deps.sh test)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-package.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

bin=$root/bin/mamori
if [[ -n "$check_only" ]]; then
  mkdir "$tmp/stand-in"
  bin=$tmp/stand-in/mamori
  printf '#!/bin/sh\necho "stand-in for mamori"\n' >"$bin"
  chmod +x "$bin"
fi
[[ -x "$bin" ]] || die "$bin is missing; build it first (make build)"

echo "package: building the fyne command (fyne.io/tools, scripts/fyne/go.mod)"
go -C "$root/scripts/fyne" build -o "$tmp/fyne" fyne.io/tools/cmd/fyne

# The source directory fyne package reads: FyneApp.toml, the icon it names,
# and a Go file (it refuses a directory without one; nothing is compiled).
src=$tmp/src
mkdir -p "$src/assets" "$tmp/out"
cp "$root/FyneApp.toml" "$src/"
cp "$root/assets/icon.png" "$src/assets/"
printf 'package main\n\nfunc main() {}\n' >"$src/main.go"

toml() { sed -n "s/^ *$1 *= *\"\\(.*\\)\"/\\1/p" "$root/FyneApp.toml" | head -1; }
name=$(toml Name)
id=$(toml ID)
version=$(toml Version)
[[ -n "$name" && -n "$id" && -n "$version" && -n "$(toml Icon)" ]] ||
  die "FyneApp.toml needs Name, ID, Version and Icon"

echo "package: fyne package -os linux ($name $version, $id)"
(cd "$tmp/out" && "$tmp/fyne" package -os linux --src "$src" --executable "$bin")
archive=$tmp/out/$name.tar.xz
[[ -f "$archive" ]] || die "fyne package made no $name.tar.xz"

mkdir "$tmp/x"
tar -xJf "$archive" -C "$tmp/x"
desktop=$(find "$tmp/x" -name "$id.desktop" -path '*/share/applications/*')
icon=$(find "$tmp/x" -name "$id.png" -path '*/share/pixmaps/*')
exe=$(find "$tmp/x" -name mamori -path '*/bin/*')
[[ -n "$desktop" ]] || die "the package has no share/applications/$id.desktop"
[[ -n "$icon" ]] || die "the package has no share/pixmaps/$id.png"
[[ -n "$exe" ]] || die "the package has no bin/mamori"

echo "package: desktop-file-validate $(basename "$desktop")"
desktop-file-validate "$desktop"
want() {
  grep -qxF "$1" "$desktop" || { cat "$desktop" >&2; die "the .desktop file has no line $1"; }
}
want "Name=$name"
want "Exec=mamori"
want "Icon=$id"
want "Type=Application"
want "Categories=Utility;Security;"
want "StartupWMClass=$name"
[[ "$(identify -format '%m %wx%h' "$icon")" == "PNG 512x512" ]] || die "the icon is not a 512x512 PNG"
cmp -s "$exe" "$bin" || die "the packaged binary is not $bin"

if [[ -n "$check_only" ]]; then
  echo "package: fyne package makes a valid .desktop file and icon"
else
  cp "$archive" "$root/bin/"
  echo "package: wrote bin/$name.tar.xz (install it with: tar -xJf … && sudo make install)"
fi
