#!/usr/bin/env bash
# Smoke test of the Windows build (make windows) under Wine on Xvfb, with
# Windows set to Japanese:
#
#   1. the installer installs both programs silently (per user) and the zip
#      holds them;
#   2. mamori-cli.exe imports the sample accounts, its key goes to Wine's
#      Credential Manager, and with no LANG it speaks Japanese, as Windows
#      is set;
#   3. Mamori.exe opens its window "Mamori"; the screen is captured and must
#      not be blank;
#   4. typing "GitHub" and Enter copies GitHub's code: the X clipboard (which
#      Wine shares with Windows') must hold what mamori-cli.exe code prints.
#
#   SMOKE_OUT=FILE    where the PNG goes (default: bin/smoke/windows-ja.png)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib.sh
source "$root/scripts/lib.sh"
die() { echo "smoke-windows: error: $*" >&2; exit 1; }

if [[ "${1:-}" != "--inner" ]]; then
  for f in bin/windows/Mamori.exe bin/windows/mamori-cli.exe bin/Mamori-windows-amd64-setup.exe; do
    [[ -f "$root/$f" ]] || die "$f is missing; build it first (make windows)"
  done
  for tool in Xvfb xwininfo import identify xdotool xclip; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (run: scripts/deps.sh windows)"
  done
  export SMOKE_PNG=$(realpath -m "${SMOKE_OUT:-$root/bin/smoke/windows-ja.png}")
  echo "smoke-windows: starting Xvfb (scripts/with-xvfb.sh)"
  exec "$root/scripts/with-xvfb.sh" -s "-screen 0 1024x768x24 -nolisten tcp -noreset" \
    "${BASH_SOURCE[0]}" --inner
fi

png=$SMOKE_PNG
wine=("$root/scripts/with-wine.sh")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-smoke-windows.XXXXXX")
app_pid=
cleanup() {
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# Windows in Japanese; nothing from the Unix side decides the language.
export MAMORI_WINE_LOCALE=ja_JP.UTF-8
export MAMORI_HOME="$tmp/データ フォルダ" MAMORI_KEYRING=system
unset MAMORI_PASSPHRASE

echo "smoke-windows: installing with Mamori-windows-amd64-setup.exe /S"
# Into a folder of its own (NSIS's /D must come last and takes the rest).
"${wine[@]}" "$root/bin/Mamori-windows-amd64-setup.exe" /S "/D=Z:${tmp//\//\\}\\Programs\\Mamori"
for f in Mamori.exe mamori-cli.exe README.txt Uninstall.exe; do
  [[ -f "$tmp/Programs/Mamori/$f" ]] || die "the installer did not install $f"
done
cmp -s "$tmp/Programs/Mamori/Mamori.exe" "$root/bin/windows/Mamori.exe" || die "the installed Mamori.exe differs from the build"
cli=$tmp/Programs/Mamori/mamori-cli.exe
app=$tmp/Programs/Mamori/Mamori.exe

# LC_ALL/LANG are set for Wine (it takes Windows' locale from them) and
# would reach the program too: they are cleared inside, with env, so only
# Windows' own setting is left to decide.
(cd "$root" && GOOS=windows CGO_ENABLED=0 go build -o "$tmp/noenv.exe" ./scripts/wine/noenv)
run() { "${wine[@]}" "$tmp/noenv.exe" "$@"; }

echo "smoke-windows: importing 12 sample accounts with mamori-cli.exe import - (path with Japanese and a space)"
sample_accounts 12 | run "$cli" import - >/dev/null
n=$(run "$cli" list --json | grep -o '"id"' | wc -l)
[[ "$n" -eq 12 ]] || die "mamori-cli list --json shows $n accounts, want 12"
grep -q '"backend": *"system"' "$MAMORI_HOME/key.json" || die "the vault's key did not go to the Credential Manager"

msg=$(run "$cli" code no-such-account 2>&1 >/dev/null || true)
echo "smoke-windows: with Windows in Japanese, mamori-cli says: $msg"
grep -qP '[\x{3040}-\x{30ff}\x{4e00}-\x{9fff}]' <<<"$msg" || die "mamori-cli did not answer in Japanese: $msg"

# A returning user, as in smoke.sh: the one-time keyring explanation was
# read, so no dialog covers the list typed into. Fyne keeps its settings
# under %APPDATA%\fyne in the Wine prefix.
appdata=$("${wine[@]}" cmd /c 'echo %APPDATA%' 2>/dev/null | tr -d '\r')
prefs=$("${wine[@]}" winepath -u "$appdata\\fyne\\app.mamori.desktop" 2>/dev/null | tr -d '\r')
[[ -n "$prefs" ]] || die "could not find %APPDATA% in the Wine prefix"
mkdir -p "$prefs"
echo '{"keyring.explained":true}' >"$prefs/preferences.json"

echo "smoke-windows: starting Mamori.exe"
run "$app" >"$tmp/app.log" 2>&1 &
app_pid=$!
wid=$(wait_window "$app_pid" '^"Mamori"$' 300) || {
  cat "$tmp/app.log" >&2
  die "no visible window named \"Mamori\" within 300 s"
}
echo "smoke-windows: window \"Mamori\" is $wid"
mkdir -p "$(dirname "$png")"
info=
deadline=$((SECONDS + 180))
until import -window root "$png" && info=$(not_blank "$png"); do
  kill -0 "$app_pid" 2>/dev/null || { cat "$tmp/app.log" >&2; die "the app exited after opening its window"; }
  ((SECONDS < deadline)) || die "the capture still looks blank after 180 s ($info)"
  sleep 1
done
sleep 3
import -window root "$png"
info=$(not_blank "$png") || die "the capture looks blank ($info)"
echo "smoke-windows: captured $png ($info)"

echo "smoke-windows: typing \"GitHub\" and Enter, then reading the X clipboard"
before=$(run "$cli" code GitHub 2>/dev/null)
xdotool mousemove --window "$wid" 280 300 click 1
xdotool type --delay 60 GitHub
xdotool key Return
clip=
deadline=$((SECONDS + 90))
until clip=$(xclip -o -selection clipboard 2>/dev/null) && [[ "$clip" =~ ^[0-9]{6}$ ]]; do
  ((SECONDS < deadline)) || { cat "$tmp/app.log" >&2; die "no code on the clipboard within 90 s (it holds \"$clip\")"; }
  sleep 0.5
done
after=$(run "$cli" code GitHub 2>/dev/null)
[[ "$clip" == "$before" || "$clip" == "$after" ]] ||
  die "the clipboard holds $clip, but mamori-cli code GitHub printed $before then $after"
echo "smoke-windows: Enter copied GitHub's code ($clip)"
echo "smoke-windows: passed"
