#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages a make target needs, and nothing else.
#
#   scripts/deps.sh build   what the real (cgo) Fyne binary needs to compile
#   scripts/deps.sh test    build + windows + what `make test` runs the code against
#   scripts/deps.sh bench   test + hyperfine and keepassxc
#   scripts/deps.sh screenshots  the same as test (xdotool clicks through the app)
#   scripts/deps.sh fixtures  what vault/importer/testdata/gen uses to rebuild import fixtures
#   scripts/deps.sh windows the Windows cross build (mingw-w64) and Wine to test it
#                           (make windows, make test-windows; make test includes it)
#
# Each package is checked with dpkg first; only the missing ones are installed,
# with apt-get (through sudo when not root). Set MAMORI_NO_APT=1 to only check.
set -euo pipefail

usage() { echo "usage: $0 build|test|bench|screenshots|fixtures|windows" >&2; exit 2; }
[[ $# -eq 1 ]] || usage

# package -> why it is needed (printed when it gets installed)
declare -A why=(
  [gcc]="C compiler for Fyne's cgo build (GLFW, OpenGL)"
  [pkg-config]="locates the C libraries for the cgo build"
  [libgl1-mesa-dev]="OpenGL headers for Fyne's renderer"
  [xorg-dev]="X11 headers (Xcursor, Xrandr, Xinerama, Xi, Xxf86vm) for GLFW"
  [libwayland-dev]="Wayland headers for GLFW"
  [libxkbcommon-dev]="keyboard handling headers for GLFW"
  [dbus]="D-Bus message bus; dbus-run-session gives tests a private session bus"
  [dbus-x11]="dbus-launch, for desktop sessions started by hand"
  [gnome-keyring]="the Secret Service the keyring tests store the vault key in"
  [libsecret-tools]="secret-tool, to check the test keyring answers before the tests"
  [xvfb]="virtual X server (scripts/with-xvfb.sh): the smoke test and the screen capture tests run on it"
  [xauth]="for xvfb-run by hand (the scripts start Xvfb themselves, without authorisation files)"
  [xfonts-base]="the X server's default font, without which Xvfb may refuse to start"
  [x11-utils]="xwininfo, to find the app's window under Xvfb"
  [imagemagick]="import/identify, to capture the window and check it is not blank"
  [oathtool]="reference TOTP/HOTP implementation the codes are checked against"
  [age]="reference age implementation for encrypted vaults and recovery kits"
  [qrencode]="makes QR images for the import tests"
  [zbar-tools]="zbarimg reads QR images back in tests"
  [poppler-utils]="pdftoppm/pdftotext check printed cards and kits"
  [desktop-file-utils]="desktop-file-validate checks the app's .desktop file"
  [hyperfine]="times 'mamori code' against oathtool"
  [keepassxc]="the password manager whose time to a window make bench compares with"
  [xdotool]="types into the app in the smoke test, and clicks through its pages for make screenshots"
  [xclip]="reads the X clipboard the smoke test copies a code to, and the targets the clipboard tests offer (make test-display)"
  [python3-cryptography]="OpenSSL from Python: encrypts the andOTP, Authenticator Pro, TOTP Authenticator and WinZip AES import fixtures"
  [zip]="Info-ZIP's zip -P makes the password-protected (ZipCrypto) import fixtures"
  [libarchive-tools]="bsdtar, an independent reader that checks the WinZip AES import fixtures"
  [syncthing]="the sync test replicates a vault folder between two real Syncthing instances on loopback"
  [gcc-mingw-w64-x86-64]="cross C compiler: the Windows app's cgo build (GLFW) and the test Wine's ProcessPrng stand-in"
  [wine64]="runs the Windows tests and the Windows app (scripts/with-wine.sh), headless; Debian 12 has Wine 8"
  [nsis]="makensis builds the Windows installer (make windows)"
  [locales]="localedef, to give Wine a Japanese locale (Windows set to Japanese) in the tests"
  [unzip]="lists the Windows zip back to check what it holds"
  [jq]="reads go test -json to count the tests skipped on Windows and why"
  [openssh-client]="ssh-keygen makes the SSH recipient a kit is encrypted to in the kit tests"
  [xz-utils]="unpacks the .tar.xz that fyne package makes (make test's package check)"
)

windows=(gcc-mingw-w64-x86-64 wine64 locales nsis zip unzip jq xvfb xfonts-base x11-utils imagemagick xdotool)
build=(gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev)
test=("${build[@]}" dbus dbus-x11 gnome-keyring libsecret-tools xvfb xauth xfonts-base
      x11-utils imagemagick oathtool age qrencode zbar-tools poppler-utils desktop-file-utils
      xdotool xclip openssh-client xz-utils syncthing "${windows[@]}")
bench=("${test[@]}" hyperfine keepassxc)
screenshots=("${test[@]}")
fixtures=(python3-cryptography zip libarchive-tools)

case "$1" in
  build) want=("${build[@]}") ;;
  test) want=("${test[@]}") ;;
  bench) want=("${bench[@]}") ;;
  screenshots) want=("${screenshots[@]}") ;;
  fixtures) want=("${fixtures[@]}") ;;
  windows) want=("${windows[@]}") ;;
  *) usage ;;
esac
# The sets overlap (windows shares Xvfb and friends with test): once each.
mapfile -t want < <(printf '%s\n' "${want[@]}" | awk '!seen[$0]++')

installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "deps: no dpkg here (not Debian/Ubuntu); install these by hand: ${want[*]}" >&2
  exit 0
fi

missing=()
for p in "${want[@]}"; do
  installed "$p" || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "deps: all ${#want[@]} packages for '$1' are installed; nothing to do"
  exit 0
fi

echo "deps: ${#missing[@]} package(s) missing for '$1':"
for p in "${missing[@]}"; do
  printf '  %-18s %s\n' "$p" "${why[$p]:-}"
done

if [[ -n "${MAMORI_NO_APT:-}" ]]; then
  echo "deps: MAMORI_NO_APT is set; not installing" >&2
  exit 1
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "deps: not root and no sudo; install them by hand: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

echo "deps: apt-get install ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# The package lists may be missing or stale on a fresh machine.
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "deps: done"
