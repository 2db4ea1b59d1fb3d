#!/usr/bin/env bash
# Measures, never asserts:
#  1. the vault benchmarks (open and save at 10,000 accounts, and the rest of
#     ./vault/...) with go test -bench, and the list's search over 5,000
#     accounts (./ui/, headless);
#  2. `mamori code QUERY` on a 500-account vault whose key is in a real
#     Secret Service (scripts/with-keyring.sh), next to `oathtool --totp`,
#     timed with hyperfine; it prints both means and their ratio;
#  3. start-up under Xvfb: bin/mamori on 300 accounts (key in the keyring)
#     next to KeePassXC opening a 300-entry database (password on stdin),
#     the median of BENCH_WINDOW_RUNS starts each, timed the same way, and
#     the resident memory (VmRSS) of each once it is ready.
#
#   MAMORI_BIN=FILE        the binary to time (default: bin/mamori, the cgo build)
#   BENCH_RUNS=N           hyperfine runs per command (default 100)
#   BENCH_WINDOW_RUNS=N    starts per app for the start-up table (default 5)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib.sh
source "$root/scripts/lib.sh"
die() { echo "bench: error: $*" >&2; exit 1; }

if [[ "${1:-}" != "--inner" ]]; then
  cd "$root"
  echo "== vault benchmarks: go test -run '^\$' -bench . -benchmem ./vault/..."
  go test -run '^$' -bench . -benchmem ./vault/...
  echo
  echo "== the list: one keystroke of type-to-search over 5,000 accounts, and 500 rows set with letters or service icons (Fyne test driver)"
  CGO_ENABLED=0 go test -tags ci -run '^$' -bench Filter -benchmem ./ui/
  echo
  bin=$(realpath -m "${MAMORI_BIN:-$root/bin/mamori}")
  [[ -x "$bin" ]] || die "$bin is missing; build it first (make build)"
  for tool in hyperfine oathtool keepassxc keepassxc-cli Xvfb xwininfo import convert; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (run: scripts/deps.sh bench)"
  done
  export BENCH_BIN="$bin"
  exec "$root/scripts/with-xvfb.sh" -s "-screen 0 1280x800x24 -nolisten tcp -noreset" \
    "$root/scripts/with-keyring.sh" "${BASH_SOURCE[0]}" --inner
fi

bin=$BENCH_BIN
runs=${BENCH_RUNS:-100}
starts=${BENCH_WINDOW_RUNS:-5}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-bench.XXXXXX")
app_pid=
stop_app() {
  if [[ -n "$app_pid" ]]; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=
  fi
}
trap 'stop_app; rm -rf "$tmp"' EXIT
export MAMORI_HOME="$tmp/data" MAMORI_KEYRING=system LANG=C.UTF-8
unset MAMORI_PASSPHRASE LC_ALL LC_MESSAGES

echo "== 'mamori code' on 500 accounts, key in gnome-keyring, against oathtool"
# 500 distinct accounts; the secrets are made up for the benchmark.
secret_of() { printf 'mamori-bench-%05d' "$1" | base32 | tr -d '='; }
for i in $(seq 1 500); do
  printf 'otpauth://totp/Service-%03d:user%03d%%40example.com?secret=%s&issuer=Service-%03d\n' \
    "$i" "$i" "$(secret_of "$i")" "$i"
done >"$tmp/uris.txt"
"$bin" import "$tmp/uris.txt" >/dev/null
n=$("$bin" list --json | grep -o '"id"' | wc -l)
[[ "$n" -eq 500 ]] || die "the vault has $n accounts after the import, want 500"
grep -q '"backend": *"system"' "$MAMORI_HOME/key.json" || die "the vault's key is not in the keyring"

query=Service-250
secret=$(secret_of 250)
# Both must print the same code for the same moment: the moment is pinned
# (mamori code --at, oathtool --now), so a period boundary between the two
# calls cannot make them differ.
at=$(date +%s)
a=$("$bin" code "$query" --at "$at" 2>/dev/null)
b=$(oathtool --totp -b --now="@$at" "$secret")
[[ "$a" == "$b" ]] || die "at $at mamori code printed $a, oathtool $b"
echo "both print the same code for $query"

hyperfine -N --warmup 5 --runs "$runs" --export-csv "$tmp/times.csv" \
  -n "mamori code (500 accounts; keyring)" "$bin code $query" \
  -n "oathtool --totp" "oathtool --totp -b $secret"

awk -F, 'NR == 2 { m = $2 } NR == 3 { o = $2 }
  END {
    printf "\nmean: mamori code %.2f ms, oathtool %.2f ms, ratio %.1fx (goal: within 4x)\n", m * 1000, o * 1000, m / o
  }' "$tmp/times.csv"

# --- 3. start-up: Mamori and KeePassXC, 300 accounts each -----------------
echo
echo "== start-up under Xvfb ($DISPLAY): 300 accounts, median of $starts starts each"

# Mamori: a new vault of 300 sample accounts, key in the keyring.
export MAMORI_HOME="$tmp/window-data"
sample_accounts 300 | "$bin" import - >/dev/null
n=$("$bin" list --json | grep -o '"id"' | wc -l)
[[ "$n" -eq 300 ]] || die "the start-up vault has $n accounts, want 300"

# KeePassXC: the same 300 accounts as entries (title, user name, made-up
# password, TOTP) in a KeePass XML file, imported with keepassxc-cli into a
# database with a password. -t 1000 is the key derivation time KeePassXC
# itself gives a new database (1 s).
kdbx_password=mamori-bench-password
{
  echo '<?xml version="1.0" encoding="utf-8" standalone="yes"?>'
  echo '<KeePassFile><Meta><DatabaseName>bench</DatabaseName></Meta><Root><Group>'
  echo '<UUID>AAAAAAAAAAAAAAAAAAAAAA==</UUID><Name>Root</Name>'
  i=0
  sample_accounts 300 | while IFS= read -r uri; do
    i=$((i + 1))
    printf '<Entry><UUID>%s</UUID>' "$(printf 'mamori-bench%04d' "$i" | base64)"
    printf '<String><Key>Title</Key><Value>Entry %03d</Value></String>' "$i"
    printf '<String><Key>UserName</Key><Value>user%03d@example.com</Value></String>' "$i"
    printf '<String><Key>Password</Key><Value>%s</Value></String>' "$(made_up_secret "pw$i")"
    printf '<String><Key>otp</Key><Value>%s</Value></String></Entry>\n' "${uri//&/&amp;}"
  done
  echo '</Group></Root></KeePassFile>'
} >"$tmp/entries.xml"
printf '%s\n%s\n' "$kdbx_password" "$kdbx_password" |
  keepassxc-cli import -q -p -t 1000 "$tmp/entries.xml" "$tmp/bench.kdbx" >"$tmp/kpcli.log" 2>&1 ||
  { cat "$tmp/kpcli.log" >&2; die "keepassxc-cli import failed"; }
n=$(printf '%s\n' "$kdbx_password" | keepassxc-cli ls -q "$tmp/bench.kdbx" 2>/dev/null | grep -c '^Entry ')
[[ "$n" -eq 300 ]] || die "the KeePassXC database has $n entries, want 300"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# drawn WID: whether Mamori's window shows codes: the top of the window is
# read from the screen and the pixels in Fyne's primary blue (the
# colour of the codes' digits) are counted. The window has
# none before the vault is open; two rows of codes have about 1000.
drawn() {
  local px
  px=$(import -window "$1" -crop 560x300+0+0 png:- 2>/dev/null |
    convert png:- -fuzz 8% -fill black +opaque '#296FF6' -fill white -opaque '#296FF6' \
      -format '%[fx:mean] %w %h' info:) || return 1
  awk -v r="$px" 'BEGIN { split(r, a, " "); exit !(a[1] * a[2] * a[3] > 800) }'
}

# One start of Mamori: prints "window_ms ready_ms rss_mb".
start_mamori() {
  local t0 wid t_win t_ready deadline
  t0=$(now_ms)
  "$bin" >"$tmp/mamori.log" 2>&1 &
  app_pid=$!
  wid=$(wait_window "$app_pid" '^"Mamori"$' 60) || { cat "$tmp/mamori.log" >&2; die "no Mamori window"; }
  t_win=$(($(now_ms) - t0))
  deadline=$(($(now_ms) + 60000))
  until drawn "$wid"; do
    (($(now_ms) < deadline)) || die "Mamori drew no codes within 60 s (see drawn() if the theme changed)"
  done
  t_ready=$(($(now_ms) - t0))
  sleep 1
  echo "$t_win $t_ready $(rss_mb "$app_pid")"
  stop_app
}

# One start of KeePassXC on the database, password on stdin: its window
# first, then the title of the open database ("bench - KeePassXC").
start_keepassxc() {
  local t0 t_win t_ready
  t0=$(now_ms)
  printf '%s\n' "$kdbx_password" | keepassxc --pw-stdin "$tmp/bench.kdbx" >"$tmp/keepassxc.log" 2>&1 &
  app_pid=$!
  wait_window "$app_pid" 'KeePassXC' 60 >/dev/null || { cat "$tmp/keepassxc.log" >&2; die "no KeePassXC window"; }
  t_win=$(($(now_ms) - t0))
  wait_window "$app_pid" '^"bench - KeePassXC"$' 60 >/dev/null || die "KeePassXC did not open the database"
  t_ready=$(($(now_ms) - t0))
  sleep 1
  echo "$t_win $t_ready $(rss_mb "$app_pid")"
  stop_app
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

: >"$tmp/mamori.txt"
: >"$tmp/keepassxc.txt"
for r in $(seq 1 "$starts"); do
  # Alternate, so both meet the same background load.
  start_mamori >>"$tmp/mamori.txt"
  start_keepassxc >>"$tmp/keepassxc.txt"
  echo "start $r: mamori $(tail -1 "$tmp/mamori.txt"), keepassxc $(tail -1 "$tmp/keepassxc.txt") (window ms, ready ms, RSS MB)"
done

row() {
  printf '%-40s %10s %10s %9s\n' "$1" "$(cut -d' ' -f1 "$2" | median)" "$(cut -d' ' -f2 "$2" | median)" \
    "$(cut -d' ' -f3 "$2" | median)"
}
echo
printf '%-40s %10s %10s %9s\n' "start-up, 300 accounts (median)" "window ms" "ready ms" "RSS MB"
row "Mamori (key in gnome-keyring)" "$tmp/mamori.txt"
row "KeePassXC $(keepassxc-cli --version) (1 s key derivation)" "$tmp/keepassxc.txt"
echo "window: a viewable top-level window with the app's name; ready: Mamori draws codes,"
echo "KeePassXC shows the open database's title. RSS: VmRSS 1 s after ready."
