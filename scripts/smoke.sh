#!/usr/bin/env bash
# Smoke test of the real app: under Xvfb and a private gnome-keyring
# (scripts/with-keyring.sh) it creates a vault with a few accounts through the
# CLI, on the real keyring, starts bin/mamori with no arguments, waits for its
# window "Mamori", captures it to a PNG, checks the picture is not blank and
# stops the app. Any failure exits non-zero.
#
#   SMOKE_OUT=FILE   where the PNG goes (default: bin/smoke/main.png);
#                    `make screenshot` uses docs/screenshots/main.png
#   MAMORI_BIN=FILE  the binary to test (default: bin/mamori)
#   SMOKE_LANG=LOC   the app's locale (default: C.UTF-8, English);
#                    ja_JP.UTF-8 shows it in Japanese
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "smoke: error: $*" >&2; exit 1; }

if [[ "${1:-}" != "--inner" ]]; then
  bin=$(realpath -m "${MAMORI_BIN:-$root/bin/mamori}")
  [[ -x "$bin" ]] || die "$bin is missing; build it first (make build)"
  out=$(realpath -m "${SMOKE_OUT:-$root/bin/smoke/main.png}")
  for tool in xvfb-run xwininfo import identify; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (run: scripts/deps.sh test)"
  done
  export SMOKE_BIN="$bin" SMOKE_PNG="$out" SMOKE_LANG="${SMOKE_LANG:-C.UTF-8}"
  echo "smoke: starting Xvfb and a private keyring"
  exec xvfb-run -a -s "-screen 0 1024x768x24 -nolisten tcp" \
    "$root/scripts/with-keyring.sh" "${BASH_SOURCE[0]}" --inner
fi

bin=$SMOKE_BIN
png=$SMOKE_PNG
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-smoke.XXXXXX")
app_pid=
cleanup() {
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

export MAMORI_HOME="$tmp/data" MAMORI_KEYRING=system LANG=$SMOKE_LANG
unset MAMORI_PASSPHRASE LC_ALL LC_MESSAGES

echo "smoke: creating a vault with seven accounts through the CLI (display $DISPLAY)"
"$bin" add --uri 'otpauth://totp/GitHub:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'
"$bin" add 'alice@example.com' --issuer Google --secret 'GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ'
"$bin" add 'admin' --issuer 'AWS root' --secret KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ --digits 8 --algorithm SHA256
"$bin" add 'counter@example.com' --issuer 'Example VPN' --type hotp --secret MFRGGZDFMZTWQ2LK
"$bin" add --uri 'otpauth://steam/Steam:gamer?secret=ONSWG4TFOQYTEMZU&issuer=Steam'
"$bin" add '山田太郎' --issuer 'みずほ銀行' --secret 'MZXW6YTBOI======'
"$bin" add 'yamada.taro' --issuer '楽天証券' --secret 'NBSWY3DPO5XXE3DE'
n=$("$bin" list --json | grep -o '"id"' | wc -l)
[[ "$n" -eq 7 ]] || die "mamori list --json shows $n accounts, want 7"
# The key must be in the keyring, not in a file (key.json holds no secret).
grep -q '"backend": *"system"' "$MAMORI_HOME/key.json" || die "the vault's key did not go to the keyring"
id=$(sed -n 's/.*"id": *"\([0-9a-f]*\)".*/\1/p' "$MAMORI_HOME/key.json")
[[ -n "$(secret-tool lookup service mamori username "vault-$id")" ]] ||
  die "the keyring has no entry vault-$id"

echo "smoke: starting $bin with no arguments"
"$bin" >"$tmp/app.log" 2>&1 &
app_pid=$!

wid=
for _ in $(seq 1 120); do
  if ! kill -0 "$app_pid" 2>/dev/null; then
    cat "$tmp/app.log" >&2
    die "the app exited before its window appeared"
  fi
  wid=$(xwininfo -root -tree 2>/dev/null | awk '/"Mamori": \(/ { print $1; exit }')
  [[ -n "$wid" ]] && break
  sleep 0.5
done
[[ -n "$wid" ]] || { cat "$tmp/app.log" >&2; die "no window named \"Mamori\" within 60 s"; }
echo "smoke: window \"Mamori\" is $wid"

# Give the app time to open the vault and draw the codes.
sleep 3
kill -0 "$app_pid" 2>/dev/null || { cat "$tmp/app.log" >&2; die "the app exited after opening its window"; }

mkdir -p "$(dirname "$png")"
import -window "$wid" "$png" 2>/dev/null || import -window root "$png"
colors=$(identify -format '%k' "$png")
sd=$(identify -format '%[fx:standard_deviation]' "$png")
size=$(identify -format '%wx%h' "$png")
echo "smoke: captured $png ($size, $colors colours, deviation $sd)"
[[ "$colors" -ge 16 ]] || die "the capture looks blank ($colors colours)"
awk -v sd="$sd" 'BEGIN { exit !(sd > 0.02) }' || die "the capture looks blank (deviation $sd)"

kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=
if grep -qiE 'panic|fatal' "$tmp/app.log"; then
  cat "$tmp/app.log" >&2
  die "the app logged a panic or fatal error"
fi
echo "smoke: passed"
