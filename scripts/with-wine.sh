#!/usr/bin/env bash
# Runs a Windows program under Wine, in a private, headless Wine prefix:
#
#   scripts/with-wine.sh PROGRAM.exe [ARGS...]
#   GOOS=windows go test -exec scripts/with-wine.sh ./vault/...
#
# The prefix lives under the cache directory ($XDG_CACHE_HOME or ~/.cache,
# mamori/wine/), never in ~/.wine, and is made once (about a minute) and
# reused; MAMORI_WINEPREFIX chooses another. Wine asks for nothing: Mono and
# Gecko are switched off (WINEDLLOVERRIDES), so no installer dialog opens,
# and no display is needed for programs that open no window. With DISPLAY
# set (scripts/with-xvfb.sh) a program's windows open there.
#
# Wine 8 (Debian 12's) has no bcryptprimitives.dll, whose ProcessPrng Go's
# runtime needs before main: a stand-in built from scripts/wine/processprng.c
# with mingw goes into the prefix's system32. If this Wine has its own
# ProcessPrng, the script stops with an error saying the stand-in is no
# longer needed, rather than hiding the real one.
#
# MAMORI_WINE_LOCALE (e.g. ja_JP.UTF-8) sets the Windows locale the program
# sees: Wine takes the user's locale from LC_ALL/LANG.
set -euo pipefail

die() { echo "with-wine: error: $*" >&2; exit 1; }

[[ $# -ge 1 ]] || { echo "usage: $0 PROGRAM.exe [ARGS...]" >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

wine=
for w in wine64 /usr/lib/wine/wine64 wine; do
  if command -v "$w" >/dev/null 2>&1; then wine=$(command -v "$w"); break; fi
done
[[ -n "$wine" ]] || die "Wine is not installed (run: scripts/deps.sh windows)"
wineserver=
for w in wineserver64 /usr/lib/wine/wineserver64 wineserver /usr/lib/wine/wineserver; do
  if command -v "$w" >/dev/null 2>&1; then wineserver=$(command -v "$w"); break; fi
done
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 ||
  die "mingw-w64 is not installed (run: scripts/deps.sh windows)"

# Wine's own DLLs: if one of them is a bcryptprimitives.dll exporting
# ProcessPrng, the stand-in must go (and this check with it).
for d in /usr/lib/x86_64-linux-gnu/wine/x86_64-windows /usr/lib/wine/x86_64-windows \
  /opt/wine*/lib*/wine/x86_64-windows; do
  f="$d/bcryptprimitives.dll"
  [[ -f "$f" ]] || continue
  if x86_64-w64-mingw32-objdump -p "$f" | grep -qw ProcessPrng; then
    die "this Wine's $f has ProcessPrng itself: remove the stand-in (scripts/wine/processprng.c and its use in $0)"
  fi
done

version=$("$wine" --version 2>/dev/null || echo unknown)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/mamori/wine
export WINEPREFIX=${MAMORI_WINEPREFIX:-$cache/prefix-$(tr -c "A-Za-z0-9.\n-" _ <<<"$version")}
# mscoree/mshtml empty: Wine never offers to install Mono or Gecko.
export WINEDLLOVERRIDES="mscoree=;mshtml=;${WINEDLLOVERRIDES:-}"
export WINEDEBUG=${WINEDEBUG:--all}
export WINEARCH=win64
locale_env=()
# Wine takes the Windows locale from the Unix one, which glibc must know: a
# locale the system has not generated (Debian generates none by default) is
# compiled once with localedef into the cache (LOCPATH).
if [[ -n "${MAMORI_WINE_LOCALE:-}" ]]; then
  loc=$MAMORI_WINE_LOCALE
  if ! LC_ALL=$loc locale charmap >/dev/null 2>&1 || [[ "$(LC_ALL=$loc locale charmap 2>/dev/null)" == ANSI* ]]; then
    [[ "$loc" =~ ^([a-z]{2,3}_[A-Z]{2})\.(UTF-8|utf8)$ ]] || die "MAMORI_WINE_LOCALE=$loc: use a name like ja_JP.UTF-8"
    mkdir -p "$cache/locale"
    if [[ ! -d "$cache/locale/$loc" ]]; then
      command -v localedef >/dev/null 2>&1 || die "localedef is missing (run: scripts/deps.sh windows)"
      localedef -i "${BASH_REMATCH[1]}" -f UTF-8 "$cache/locale/$loc.tmp" >/dev/null 2>&1 ||
        die "localedef could not make $loc (is the locales package installed?)"
      rm -rf "$cache/locale/$loc"
      mv "$cache/locale/$loc.tmp" "$cache/locale/$loc"
    fi
    export LOCPATH=$cache/locale
  fi
  # Given to Wine through env: bash would warn, trying the locale itself.
  locale_env=(-u LC_MESSAGES LC_ALL="$loc" LANG="$loc")
fi

# The stand-in DLL, rebuilt when its source changes.
dll=$cache/bcryptprimitives.dll
src=$here/wine/processprng.c
def=$here/wine/processprng.def
mkdir -p "$cache"
exec 9>"$cache/lock"
flock 9
if [[ ! -f "$dll" || "$src" -nt "$dll" || "$def" -nt "$dll" ]]; then
  x86_64-w64-mingw32-gcc -shared -O2 -s -static-libgcc -o "$dll.tmp" "$src" "$def" -lbcrypt ||
    die "building the ProcessPrng stand-in failed"
  mv "$dll.tmp" "$dll"
fi

# The prefix, made once. Several test binaries may start at the same moment:
# the lock lets one make it while the others wait.
if [[ ! -f "$WINEPREFIX/.mamori-ready" ]]; then
  echo "with-wine: making the Wine prefix $WINEPREFIX (once; about a minute)" >&2
  rm -rf "$WINEPREFIX"
  mkdir -p "$WINEPREFIX"
  DISPLAY= env "${locale_env[@]}" "$wine" wineboot --init >/dev/null 2>&1 || die "wineboot --init failed in $WINEPREFIX"
  [[ -z "$wineserver" ]] || "$wineserver" -w || true
  [[ -d "$WINEPREFIX/drive_c/windows/system32" ]] || die "wineboot made no system32 in $WINEPREFIX"
  touch "$WINEPREFIX/.mamori-ready"
fi
sys32=$WINEPREFIX/drive_c/windows/system32
if ! cmp -s "$dll" "$sys32/bcryptprimitives.dll"; then
  cp "$dll" "$sys32/bcryptprimitives.dll.tmp"
  mv "$sys32/bcryptprimitives.dll.tmp" "$sys32/bcryptprimitives.dll"
fi
exec 9>&-

# A .test binary made by go test has no .exe suffix when -o is not used;
# Wine runs it either way. Not exec: the exit status must be the program's.
set +e
env "${locale_env[@]}" "$wine" "$@"
rc=$?
set -e
exit $rc
