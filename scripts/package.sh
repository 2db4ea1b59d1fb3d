#!/usr/bin/env bash
# Packages Mamori for Linux with `fyne package -os linux` (fyne.io/tools,
# pinned in scripts/fyne/go.mod): the app, bin/mamori-app, which the
# .desktop file runs, and beside it the command line, bin/mamori (added to
# the archive and to its Makefile's install and uninstall after fyne
# package, which knows of one binary). It checks what it made: the .desktop
# file passes desktop-file-validate and names the app, its command and its
# icon as FyneApp.toml says, the icon is the app's 512×512 PNG, and the
# archive's `make install` installs both binaries.
#
#   scripts/package.sh           writes bin/Mamori.tar.xz (make package)
#   scripts/package.sh --check   the same checks, nothing kept (make test)
#
# fyne package is handed the app binary `make build` made (--executable), so
# it does not compile the app again, and a copy of FyneApp.toml, so the
# Build number it bumps is not the repository's. With --check it is handed
# small stand-ins for the binaries instead: compressing 50 MB with xz takes
# minutes, and the .desktop file, icon and Makefile do not depend on them.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "package: error: $*" >&2; exit 1; }

check_only=
[[ "${1:-}" == "--check" ]] && check_only=1
for tool in desktop-file-validate identify tar make; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (run: scripts/deps.sh test)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-package.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

bin=$root/bin/mamori-app
cli=$root/bin/mamori
if [[ -n "$check_only" ]]; then
  mkdir "$tmp/stand-in"
  bin=$tmp/stand-in/mamori-app cli=$tmp/stand-in/mamori
  printf '#!/bin/sh\necho "stand-in for mamori-app"\n' >"$bin"
  printf '#!/bin/sh\necho "stand-in for mamori"\n' >"$cli"
  chmod +x "$bin" "$cli"
fi
[[ -x "$bin" ]] || die "$bin is missing; build it first (make build)"
[[ -x "$cli" ]] || die "$cli is missing; build it first (make build)"

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
exe=$(find "$tmp/x" -name mamori-app -path '*/bin/*')
[[ -n "$exe" ]] || die "the package has no bin/mamori-app"

# The command line joins the app in bin/, and the Makefile installs and
# removes it beside the app (its lines for the app's binary, repeated). The
# Makefile fyne package (v1.7.2) writes names the icon without the .png
# its file has, so its install stops at the icon: the name is mended.
echo "package: adding the command line, mamori, beside the app"
top=$(cd "$tmp/x" && ls)
[[ $(wc -w <<<"$top") -eq 1 && -f "$tmp/x/$top/Makefile" ]] || die "unexpected archive layout: $top"
install -m 0755 "$cli" "$(dirname "$exe")/mamori"
sed -i -e '/^\tinstall -Dm00755 .*bin\/$(Exec) /{p;s/\$(Exec)/mamori/g}' \
  -e '/^\t-rm .*bin\/$(Exec)$/{p;s/\$(Exec)/mamori/g}' \
  -e 's/\(pixmaps\|icons\)\/$(Icon)$/\1\/$(Icon).png/; s/\(pixmaps\|icons\)\/$(Icon) /\1\/$(Icon).png /' "$tmp/x/$top/Makefile"
[[ $(grep -c $'^\tinstall .*bin/mamori ' "$tmp/x/$top/Makefile") -eq 2 && $(grep -c $'^\t-rm .*bin/mamori$' "$tmp/x/$top/Makefile") -eq 2 ]] ||
  { cat "$tmp/x/$top/Makefile" >&2; die "could not add mamori to the package's Makefile"; }
tar -cJf "$archive" -C "$tmp/x" "$top"

desktop=$(find "$tmp/x" -name "$id.desktop" -path '*/share/applications/*')
icon=$(find "$tmp/x" -name "$id.png" -path '*/share/pixmaps/*')
[[ -n "$desktop" ]] || die "the package has no share/applications/$id.desktop"
[[ -n "$icon" ]] || die "the package has no share/pixmaps/$id.png"

echo "package: desktop-file-validate $(basename "$desktop")"
desktop-file-validate "$desktop"
want() {
  grep -qxF "$1" "$desktop" || { cat "$desktop" >&2; die "the .desktop file has no line $1"; }
}
want "Name=$name"
want "Exec=mamori-app"
want "Icon=$id"
want "Type=Application"
want "Categories=Utility;Security;"
want "StartupWMClass=$name"
[[ "$(identify -format '%m %wx%h' "$icon")" == "PNG 512x512" ]] || die "the icon is not a 512x512 PNG"
cmp -s "$exe" "$bin" || die "the packaged app is not $bin"

# What the archive's Makefile installs: both binaries, then nothing left
# after uninstall.
echo "package: make install and uninstall into a scratch root"
make -s -C "$tmp/x/$top" install DESTDIR="$tmp/root" PREFIX=/usr >/dev/null
for f in bin/mamori bin/mamori-app "share/applications/$id.desktop" "share/pixmaps/$id.png"; do
  [[ -f "$tmp/root/usr/$f" ]] || die "make install did not install $f"
done
cmp -s "$tmp/root/usr/bin/mamori" "$cli" || die "the installed command line is not $cli"
make -s -C "$tmp/x/$top" uninstall DESTDIR="$tmp/root" PREFIX=/usr >/dev/null
left=$(find "$tmp/root" -type f)
[[ -z "$left" ]] || die "make uninstall left $left"

if [[ -n "$check_only" ]]; then
  echo "package: fyne package makes a valid .desktop file and icon; the package installs mamori and mamori-app"
else
  cp "$archive" "$root/bin/"
  echo "package: wrote bin/$name.tar.xz (install it with: tar -xJf … && sudo make install)"
fi
