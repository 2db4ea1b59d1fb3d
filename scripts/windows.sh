#!/usr/bin/env bash
# Cross-builds Mamori for Windows (amd64) from Linux and packages it:
#
#   scripts/windows.sh GUI_PKG CLI_PKG     (make windows)
#
#   bin/windows/Mamori.exe          the app: GUI subsystem (no console window),
#                                   icon, version information and manifest
#   bin/windows/mamori-cli.exe      the command line: console subsystem. Windows
#                                   file names ignore case, so the two cannot
#                                   be Mamori.exe and mamori.exe side by side
#                                   (as keepassxc.exe and keepassxc-cli.exe)
#   bin/Mamori-windows-amd64.zip    both, with README.txt, to unpack and run
#   bin/Mamori-windows-amd64-setup.exe   a per-user NSIS installer of the same
#
# The app is a cgo build (GLFW, OpenGL) with mingw-w64: the first build
# compiles GLFW, one long single-threaded C compile (6 to 25 minutes); Go's
# build cache keeps it, and later builds take seconds. The resources (icon,
# version, manifest) come from goversioninfo (pinned through scripts/fyne's
# go.sum) as a .syso beside the main package for the build's length only.
# Afterwards each .exe is checked: PE32+, the subsystem wanted, the icon and
# version resources present, no DLL outside Windows' own.
set -euo pipefail

die() { echo "windows: error: $*" >&2; exit 1; }

[[ $# -eq 2 ]] || { echo "usage: $0 GUI_PKG CLI_PKG" >&2; exit 2; }
gui_pkg=$1
cli_pkg=$2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
for tool in x86_64-w64-mingw32-gcc x86_64-w64-mingw32-objdump strings convert zip unzip makensis; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (run: scripts/deps.sh windows)"
done

toml() { sed -n "s/^ *$1 *= *\"\\{0,1\\}\\([^\"]*\\)\"\\{0,1\\} *$/\\1/p" FyneApp.toml | head -1; }
version=$(toml Version)
build=$(toml Build)
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "FyneApp.toml: Version '$version' is not N.N.N"
IFS=. read -r major minor patch <<<"$version"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-windows.XXXXXX")
sysos=()
cleanup() {
  rm -f "${sysos[@]}"
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "windows: icon and version resources (goversioninfo)"
go -C scripts/fyne build -o "$tmp/goversioninfo" github.com/josephspurrier/goversioninfo/cmd/goversioninfo
convert assets/icon.png -background none -define icon:auto-resize=256,64,48,32,16 "$tmp/mamori.ico"
# resources PKG_DIR DESCRIPTION ORIGINAL_NAME: a .syso beside the package.
resources() {
  local dir=$1 desc=$2 name=$3 out
  out=$dir/zz_mamori_resources_windows_amd64.syso
  [[ -e "$out" ]] && die "$out exists already (left by a killed build?): remove it"
  cat >"$tmp/versioninfo.json" <<EOF
{
  "FixedFileInfo": {
    "FileVersion": {"Major": $major, "Minor": $minor, "Patch": $patch, "Build": $build},
    "ProductVersion": {"Major": $major, "Minor": $minor, "Patch": $patch, "Build": $build},
    "FileFlagsMask": "3f", "FileFlags": "00", "FileOS": "040004", "FileType": "01", "FileSubType": "00"
  },
  "StringFileInfo": {
    "CompanyName": "Mamori",
    "FileDescription": "$desc",
    "FileVersion": "$version",
    "InternalName": "$name",
    "LegalCopyright": "Mamori authors",
    "OriginalFilename": "$name",
    "ProductName": "Mamori",
    "ProductVersion": "$version"
  },
  "VarFileInfo": {"Translation": {"LangID": "0411", "CharsetID": "04B0"}}
}
EOF
  "$tmp/goversioninfo" -64 -icon "$tmp/mamori.ico" -manifest scripts/windows/mamori.manifest \
    -o "$out" "$tmp/versioninfo.json"
  sysos+=("$out")
}

# The same flags as make test's Windows smoke build, so each reuses the
# other's cache (GLFW above all).
export GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc
ldflags="-s -w -X main.version=$version"
out=bin/windows
mkdir -p "$out"

gui_dir=$(go list -f '{{.Dir}}' "$gui_pkg")
cli_dir=$(go list -f '{{.Dir}}' "$cli_pkg")
resources "$gui_dir" "Mamori" Mamori.exe
echo "windows: building the app $gui_pkg -> $out/Mamori.exe (cgo; the first time compiles GLFW: many minutes)"
CGO_ENABLED=1 go build -trimpath -ldflags "$ldflags -H windowsgui" -o "$out/Mamori.exe" "$gui_pkg"
if [[ "$cli_dir" != "$gui_dir" ]]; then
  rm -f "${sysos[@]}"
  sysos=()
  resources "$cli_dir" "Mamori command line" mamori-cli.exe
fi
# Until the command line is its own package without Fyne, it is the app's
# package linked for the console: the same cgo build, so the cache serves it.
cgo=0
[[ "$cli_dir" == "$gui_dir" ]] && cgo=1
echo "windows: building the command line $cli_pkg -> $out/mamori-cli.exe (console)"
CGO_ENABLED=$cgo go build -trimpath -ldflags "$ldflags" -o "$out/mamori-cli.exe" "$cli_pkg"
rm -f "${sysos[@]}"
sysos=()

# check EXE SUBSYSTEM: a 64-bit PE of that subsystem (2 GUI, 3 console),
# with icon and version resources, importing only Windows' own DLLs.
check() {
  local exe=$1 want=$2 dump sub dlls
  dump=$(x86_64-w64-mingw32-objdump -p "$exe")
  grep -q '^Magic.*020b' <<<"$dump" || die "$exe is not a 64-bit (PE32+) program"
  sub=$(awk '/^Subsystem/ {print $2}' <<<"$dump")
  [[ "$((16#$sub))" == "$want" ]] || die "$exe: subsystem $sub, want $want"
  grep -q 'Resource Directory' <<<"$dump" || die "$exe has no resources (icon, version)"
  strings -el "$exe" | grep -qx VS_VERSION_INFO || die "$exe has no version resource"
  strings -el "$exe" | grep -qx "$version" || die "$exe does not say its version $version"
  dlls=$(awk '/DLL Name:/ {print tolower($3)}' <<<"$dump" | sort -u)
  for d in $dlls; do
    case $d in
      kernel32.dll | user32.dll | gdi32.dll | opengl32.dll | shell32.dll | advapi32.dll | ole32.dll | \
        winmm.dll | ws2_32.dll | msvcrt.dll | imm32.dll | dwmapi.dll | comdlg32.dll | crypt32.dll | \
        bcrypt.dll | ntdll.dll | secur32.dll | userenv.dll | winspool.drv | oleaut32.dll | iphlpapi.dll | \
        shlwapi.dll | uxtheme.dll | version.dll | powrprof.dll | dbghelp.dll | setupapi.dll | netapi32.dll | \
        api-ms-win-*) ;;
      *) die "$exe needs $d, which Windows does not have" ;;
    esac
  done
  echo "windows: $exe: PE32+, subsystem $want, icon and version resources, $(wc -w <<<"$dlls") system DLLs"
}
check "$out/Mamori.exe" 2
check "$out/mamori-cli.exe" 3

sed "s/{{VERSION}}/$version/g" scripts/windows/README.txt | sed 's/$/\r/' >"$out/README.txt"

zipfile=bin/Mamori-windows-amd64.zip
rm -f "$zipfile"
mkdir -p "$tmp/zip/Mamori"
cp "$out/Mamori.exe" "$out/mamori-cli.exe" "$out/README.txt" "$tmp/zip/Mamori/"
(cd "$tmp/zip" && zip -q -9 -r "$root/$zipfile" Mamori)
listed=$(unzip -Z1 "$zipfile" | sort | tr '\n' ' ')
[[ "$listed" == "Mamori/ Mamori/Mamori.exe Mamori/README.txt Mamori/mamori-cli.exe " ]] ||
  die "$zipfile holds: $listed"
echo "windows: $zipfile ($(du -h "$zipfile" | cut -f1)): $listed"

setup=bin/Mamori-windows-amd64-setup.exe
cp "$out/Mamori.exe" "$out/mamori-cli.exe" "$out/README.txt" "$tmp/mamori.ico" "$tmp/zip/"
makensis -V2 -DVERSION="$version" -DSRC="$tmp/zip" -DOUT="$root/$setup" scripts/windows/mamori.nsi
x86_64-w64-mingw32-objdump -p "$setup" >/dev/null || die "$setup is not a Windows program"
echo "windows: $setup ($(du -h "$setup" | cut -f1))"
