#!/usr/bin/env bash
# Measures, never asserts; every comparison is made within one run, so both
# sides meet the same machine and the same background load (the load
# average is printed at the start and the end):
#  1. the vault benchmarks (go test -bench ./vault/...: adding, merging and
#     opening 1k–100k accounts), and opening 10k/50k accounts here against
#     BENCH_BASE (an older commit, unpacked with git archive), alternating,
#     in CPU time per open; one keystroke of type-to-search over 5,000
#     accounts (./ui/, headless);
#  2. `mamori code QUERY` on a 500-account vault whose key is in a real
#     Secret Service (scripts/with-keyring.sh), next to `oathtool --totp`,
#     timed with hyperfine;
#  3. importing 1k/10k/50k/100k otpauth URIs with `mamori import`, next to
#     `keepassxc-cli import` of the same entries as KeePass XML, one run
#     each, alternating;
#  4. `mamori list --json` of 10k and 50k accounts, against BENCH_BASE's
#     mamori, and at 50k against `keepassxc-cli ls -R`;
#  5. start-up under Xvfb: bin/mamori (which starts bin/mamori-app) on 300
#     accounts, KeePassXC opening a 300-entry database and bin/fyne-hello
#     (the smallest Fyne app, scripts/fyne-hello, built with the app's
#     flags from the same Fyne), the median of BENCH_WINDOW_RUNS starts
#     each; resident memory (VmRSS) once ready; and each app's CPU use
#     while idle for BENCH_IDLE_SECONDS.
#
#   MAMORI_BIN=FILE        the command line to time (default: bin/mamori;
#                          mamori-app beside it)
#   BENCH_BASE=COMMIT      the commit to compare open and list with
#                          (default: e6b6d4f, before the speed work)
#   BENCH_RUNS=N           hyperfine runs for 'mamori code' (default 100)
#   BENCH_IMPORT_SIZES=…   import sizes (default "1000 10000 50000 100000")
#   BENCH_WINDOW_RUNS=N    starts per app for the start-up table (default 5)
#   BENCH_IDLE_SECONDS=N   how long each app is watched idle (default 30)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib.sh
source "$root/scripts/lib.sh"
die() { echo "bench: error: $*" >&2; exit 1; }
load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"; }

if [[ "${1:-}" != "--inner" ]]; then
  cd "$root"
  bin=$(realpath -m "${MAMORI_BIN:-$root/bin/mamori}")
  [[ -x "$bin" ]] || die "$bin is missing; build it first (make build)"
  [[ -x "$(dirname "$bin")/mamori-app" ]] || die "$(dirname "$bin")/mamori-app is missing; build it first (make build)"
  for tool in hyperfine oathtool keepassxc keepassxc-cli Xvfb xwininfo import convert git; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (run: scripts/deps.sh bench)"
  done
  [[ -x /usr/bin/time ]] || die "/usr/bin/time is not installed"
  base=${BENCH_BASE:-e6b6d4f}
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-bench.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  echo "== start: $(load)"
  echo
  echo "== vault benchmarks: go test -run '^\$' -bench . -benchmem ./vault/..."
  go test -run '^$' -bench . -benchmem ./vault/...
  echo

  echo "== opening a vault, this tree against $base (go test -bench BenchmarkOpen, alternating)"
  mkdir "$tmp/base"
  git archive "$base" | tar -x -C "$tmp/base"
  cp vault/open_bench_test.go vault/cputime_unix_test.go vault/cputime_other_test.go "$tmp/base/vault/"
  for r in 1 2 3; do
    (cd "$tmp/base" && go test -run '^$' -bench '^BenchmarkOpen$' -benchtime 3x ./vault/) | sed -n "s/^BenchmarkOpen/base &/p"
    go test -run '^$' -bench '^BenchmarkOpen$' -benchtime 3x ./vault/ | sed -n "s/^BenchmarkOpen/this &/p"
  done | tee "$tmp/open.txt"
  # Median CPU ms per open of each side and size, and their ratio.
  for size in 10k 50k; do
    b=$(awk -v s="BenchmarkOpen/$size" '$1 == "base" && index($2, s) == 1 { print $6 }' "$tmp/open.txt" | sort -n | sed -n 2p)
    t=$(awk -v s="BenchmarkOpen/$size" '$1 == "this" && index($2, s) == 1 { print $6 }' "$tmp/open.txt" | sort -n | sed -n 2p)
    awk -v n="$size" -v b="$b" -v t="$t" -v c="$base" \
      'BEGIN { printf "open %s: %s %.1f CPU ms, this tree %.1f CPU ms: %.2fx faster (goal: at least 2x)\n", n, c, b, t, b / t }' |
      tee -a "$tmp/summary.txt"
  done
  echo

  echo "== building $base's mamori (CGO_ENABLED=0 -tags ci: at $base it links the app) and bin/fyne-hello"
  (cd "$tmp/base" && CGO_ENABLED=0 go build -tags ci -o "$tmp/mamori-base" ./cmd/mamori)
  CGO_ENABLED=1 go build -o "$root/bin/fyne-hello" ./scripts/fyne-hello
  echo

  echo "== the list: one keystroke of type-to-search over 5,000 accounts, and 500 rows set with letters or service icons (Fyne test driver)"
  CGO_ENABLED=0 go test -tags ci -run '^$' -bench 'Filter|RowSet' -benchmem ./ui/
  echo
  export BENCH_BIN="$bin" BENCH_BASE_BIN="$tmp/mamori-base" BENCH_BASE_NAME="$base" \
    BENCH_HELLO="$root/bin/fyne-hello" BENCH_SUMMARY="$tmp/summary.txt"
  "$root/scripts/with-xvfb.sh" -s "-screen 0 1280x800x24 -nolisten tcp -noreset" \
    "$root/scripts/with-keyring.sh" "${BASH_SOURCE[0]}" --inner
  echo
  echo "== summary ($(load))"
  echo "The machine is shared: other work ran beside this benchmark, so compare"
  echo "the two sides of each line, measured in the same run, not one figure alone."
  cat "$tmp/summary.txt"
  exit 0
fi

bin=$BENCH_BIN
summary=$BENCH_SUMMARY
runs=${BENCH_RUNS:-100}
starts=${BENCH_WINDOW_RUNS:-5}
idle=${BENCH_IDLE_SECONDS:-30}
sizes=${BENCH_IMPORT_SIZES:-1000 10000 50000 100000}
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
    printf "\nmean: mamori code %.2f ms, oathtool %.2f ms, ratio %.1fx (goal: at most 8x)\n", m * 1000, o * 1000, m / o
  }' "$tmp/times.csv"

awk -F, 'NR == 2 { m = $2; mm = $4 } NR == 3 { o = $2; om = $4 }
  END { printf "mamori code, 500 accounts, keyring: mean %.2f ms, median %.2f ms; oathtool --totp mean %.2f ms, median %.2f ms: %.1fx the mean, %.1fx the median (goal: at most 8x)\n", m * 1000, mm * 1000, o * 1000, om * 1000, m / o, mm / om }' \
  "$tmp/times.csv" >>"$summary"

# --- 3. import: Mamori and keepassxc-cli, the same entries ---------------
echo
echo "== import: mamori import (otpauth URIs) against keepassxc-cli import (KeePass XML), one run each"
kdbx_password=mamori-bench-password
# uris N: N otpauth URIs with distinct made-up secrets (Base32 letters:
# the number's digits written as A–J), fast enough for 100,000.
uris() {
  awk -v n="$1" 'BEGIN {
    for (i = 1; i <= n; i++) {
      d = sprintf("%08d", i); t = ""
      for (j = 1; j <= 8; j++) t = t substr("ABCDEFGHIJ", substr(d, j, 1) + 1, 1)
      printf "otpauth://totp/Service%%20%d:user%d%%40example.com?secret=MAMORIBENCHQ%sQQQQQQQQQQQQ&issuer=Service%%20%d\n", i, i, t, i
    }
  }'
}
# keepass_xml: the URIs on stdin as KeePass XML entries (title, user name,
# the URI as the otp field KeePassXC reads TOTP from).
keepass_xml() {
  awk 'BEGIN {
      print "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>"
      print "<KeePassFile><Meta><DatabaseName>bench</DatabaseName></Meta><Root><Group>"
      print "<UUID>AAAAAAAAAAAAAAAAAAAAAA==</UUID><Name>Root</Name>"
    }
    {
      gsub(/&/, "\\&amp;")
      printf "<Entry><String><Key>Title</Key><Value>Service %d</Value></String>", NR
      printf "<String><Key>UserName</Key><Value>user%d@example.com</Value></String>", NR
      printf "<String><Key>otp</Key><Value>%s</Value></String></Entry>\n", $0
    }
    END { print "</Group></Root></KeePassFile>" }'
}
# timed FILE CMD…: runs CMD, appends "seconds maxRSS_MB" to FILE.
timed() {
  local out=$1
  shift
  /usr/bin/time -f '%e %M' -o "$tmp/time.txt" "$@" >"$tmp/cmd.log" 2>&1 || { cat "$tmp/cmd.log" >&2; return 1; }
  awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' "$tmp/time.txt" >>"$out"
}
: >"$tmp/import.txt"
for n in $sizes; do
  uris "$n" >"$tmp/uris-$n.txt"
  keepass_xml <"$tmp/uris-$n.txt" >"$tmp/entries-$n.xml"
  : >"$tmp/m.txt"
  : >"$tmp/k.txt"
  MAMORI_HOME=$tmp/import-$n timed "$tmp/m.txt" "$bin" import "$tmp/uris-$n.txt" ||
    die "mamori import of $n URIs failed"
  got=$(MAMORI_HOME=$tmp/import-$n "$bin" list --json | grep -o '"id"' | wc -l)
  [[ "$got" -eq "$n" ]] || die "mamori imported $got of $n"
  # -t 100: a tenth of a second of key derivation, not KeePassXC's
  # default second, so the import itself is what is timed.
  printf '%s\n%s\n' "$kdbx_password" "$kdbx_password" >"$tmp/pw2.txt"
  timed "$tmp/k.txt" sh -c 'keepassxc-cli import -q -p -t 100 "$1" "$2" <"$3"' sh \
    "$tmp/entries-$n.xml" "$tmp/import-$n.kdbx" "$tmp/pw2.txt" || die "keepassxc-cli import of $n entries failed"
  read -r ms mm <"$tmp/m.txt"
  read -r ks km <"$tmp/k.txt"
  echo "$n $ms $mm $ks $km" >>"$tmp/import.txt"
  printf '%7d entries: mamori import %7.2f s (%4d MB)   keepassxc-cli import %7.2f s (%4d MB)   ratio %.2fx\n' \
    "$n" "$ms" "$mm" "$ks" "$km" "$(awk -v a="$ms" -v b="$ks" 'BEGIN { print a / b }')"
  rm -f "$tmp/entries-$n.xml"
done
awk '{ printf "import %d URIs: mamori %.2f s, %d MB; keepassxc-cli import %.2f s, %d MB: %.2fx\n", $1, $2, $3, $4, $5, $2 / $4 }
  $1 == 10000 { t10 = $2 } $1 == 100000 { t100 = $2 }
  END { if (t10 > 0 && t100 > 0) printf "import 100k / 10k: %.1fx the time (goal: at most 15x; linear is 10x)\n", t100 / t10 }' \
  "$tmp/import.txt" | tee -a "$summary"

# --- 4. list --json: this build against BENCH_BASE, and KeePassXC --------
echo
echo "== list --json: this build against $BENCH_BASE_NAME's, and keepassxc-cli ls -R"
for n in 10000 50000; do
  [[ -d "$tmp/import-$n" ]] || continue
  MAMORI_HOME=$tmp/import-$n hyperfine -N --warmup 1 --runs 5 --export-csv "$tmp/list-$n.csv" \
    -n "$BENCH_BASE_NAME mamori list --json ($n)" "$BENCH_BASE_BIN list --json" \
    -n "mamori list --json ($n)" "$bin list --json"
  awk -F, -v n="$n" -v c="$BENCH_BASE_NAME" 'NR == 2 { b = $2 } NR == 3 { t = $2 }
    END { printf "list --json %d: %s %.0f ms, this build %.0f ms: %.2fx faster (goal: at least 2x)\n", n, c, b * 1000, t * 1000, b / t }' \
    "$tmp/list-$n.csv" | tee -a "$summary"
done
if [[ -d "$tmp/import-50000" && -f "$tmp/import-50000.kdbx" ]]; then
  printf '%s\n' "$kdbx_password" >"$tmp/pw1.txt"
  MAMORI_HOME=$tmp/import-50000 hyperfine --warmup 1 --runs 5 --export-csv "$tmp/ls.csv" \
    -n "mamori list --json (50000)" "$bin list --json" \
    -n "keepassxc-cli ls -R (50000)" "keepassxc-cli ls -R -q $tmp/import-50000.kdbx <$tmp/pw1.txt"
  awk -F, 'NR == 2 { m = $2 } NR == 3 { k = $2 }
    END { printf "list 50k: mamori list --json %.0f ms, keepassxc-cli ls -R %.0f ms: %.2fx\n", m * 1000, k * 1000, m / k }' \
    "$tmp/ls.csv" | tee -a "$summary"
fi
rm -rf "$tmp"/import-* "$tmp"/uris-*

# --- 5. start-up: Mamori, KeePassXC and Fyne's hello-world ----------------
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

# cpu_ticks PID: the user and system CPU time PID has used, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

# ready_line T0 T_WIN: once the app is ready, "window_ms ready_ms rss_mb
# idle_cpu_percent"; the idle CPU is measured over $idle seconds on the
# last start only (IDLE=1), "-" otherwise.
ready_line() {
  local t0=$1 t_win=$2 t_ready c0 cpu=-
  t_ready=$(($(now_ms) - t0))
  sleep 1
  if [[ "${IDLE:-0}" == 1 ]]; then
    c0=$(cpu_ticks "$app_pid")
    sleep "$idle"
    cpu=$(awk -v a="$c0" -v b="$(cpu_ticks "$app_pid")" -v hz="$hz" -v s="$idle" 'BEGIN { printf "%.1f", (b - a) / hz / s * 100 }')
  fi
  echo "$t_win $t_ready $(rss_mb "$app_pid") $cpu"
}

# One start of Mamori: bin/mamori, which starts mamori-app in its place.
start_mamori() {
  local t0 wid t_win deadline
  t0=$(now_ms)
  "$bin" >"$tmp/mamori.log" 2>&1 &
  app_pid=$!
  wid=$(wait_window "$app_pid" '^"Mamori"$' 60) || { cat "$tmp/mamori.log" >&2; die "no Mamori window"; }
  t_win=$(($(now_ms) - t0))
  deadline=$(($(now_ms) + 60000))
  until drawn "$wid"; do
    (($(now_ms) < deadline)) || die "Mamori drew no codes within 60 s (see drawn() if the theme changed)"
  done
  ready_line "$t0" "$t_win"
  stop_app
}

# One start of KeePassXC on the database, password on stdin: its window
# first, then the title of the open database ("bench - KeePassXC").
start_keepassxc() {
  local t0 t_win
  t0=$(now_ms)
  printf '%s\n' "$kdbx_password" | keepassxc --pw-stdin "$tmp/bench.kdbx" >"$tmp/keepassxc.log" 2>&1 &
  app_pid=$!
  wait_window "$app_pid" 'KeePassXC' 60 >/dev/null || { cat "$tmp/keepassxc.log" >&2; die "no KeePassXC window"; }
  t_win=$(($(now_ms) - t0))
  wait_window "$app_pid" '^"bench - KeePassXC"$' 60 >/dev/null || die "KeePassXC did not open the database"
  ready_line "$t0" "$t_win"
  stop_app
}

# One start of Fyne's hello-world: ready when its window shows.
start_hello() {
  local t0 t_win
  t0=$(now_ms)
  HOME=$tmp/hello-home "$BENCH_HELLO" >"$tmp/hello.log" 2>&1 &
  app_pid=$!
  wait_window "$app_pid" '^"Hello"$' 60 >/dev/null || { cat "$tmp/hello.log" >&2; die "no hello-world window"; }
  t_win=$(($(now_ms) - t0))
  ready_line "$t0" "$t_win"
  stop_app
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

mkdir -p "$tmp/hello-home"
: >"$tmp/mamori.txt"
: >"$tmp/keepassxc.txt"
: >"$tmp/hello.txt"
for r in $(seq 1 "$starts"); do
  # Alternate, so all three meet the same background load; the last start
  # of each also watches it idle.
  IDLE=0
  ((r == starts)) && IDLE=1
  IDLE=$IDLE start_mamori >>"$tmp/mamori.txt"
  IDLE=$IDLE start_keepassxc >>"$tmp/keepassxc.txt"
  IDLE=$IDLE start_hello >>"$tmp/hello.txt"
  echo "start $r: mamori $(tail -1 "$tmp/mamori.txt"), keepassxc $(tail -1 "$tmp/keepassxc.txt"), hello $(tail -1 "$tmp/hello.txt") (window ms, ready ms, RSS MB, idle CPU %)"
done

col() { cut -d' ' -f"$1" "$2" | median; }
row() {
  printf '%-44s %10s %10s %9s %9s\n' "$1" "$(col 1 "$2")" "$(col 2 "$2")" "$(col 3 "$2")" "$(tail -1 "$2" | cut -d' ' -f4)"
}
echo
printf '%-44s %10s %10s %9s %9s\n' "start-up, 300 accounts (median)" "window ms" "ready ms" "RSS MB" "idle CPU%"
row "Mamori (key in gnome-keyring)" "$tmp/mamori.txt"
row "KeePassXC $(keepassxc-cli --version) (1 s key derivation)" "$tmp/keepassxc.txt"
row "Fyne hello-world (same Fyne, same flags)" "$tmp/hello.txt"
echo "window: a viewable top-level window with the app's name; ready: Mamori draws codes,"
echo "KeePassXC shows the open database's title, the hello-world its window. RSS: VmRSS"
echo "1 s after ready; idle CPU: the last start's use over the next $idle s."
mw=$(col 1 "$tmp/mamori.txt") kw=$(col 1 "$tmp/keepassxc.txt") hw=$(col 1 "$tmp/hello.txt")
mr=$(col 3 "$tmp/mamori.txt") hr=$(col 3 "$tmp/hello.txt") kr=$(col 3 "$tmp/keepassxc.txt")
mc=$(tail -1 "$tmp/mamori.txt" | cut -d' ' -f4) hc=$(tail -1 "$tmp/hello.txt" | cut -d' ' -f4) kc=$(tail -1 "$tmp/keepassxc.txt" | cut -d' ' -f4)
awk -v mw="$mw" -v kw="$kw" -v hw="$hw" -v mr="$mr" -v hr="$hr" -v kr="$kr" -v mc="$mc" -v hc="$hc" -v kc="$kc" 'BEGIN {
  printf "window, 300 accounts: Mamori %d ms, KeePassXC %d ms, hello-world %d ms: %.2fx KeePassXC (goal: at most 1.0)\n", mw, kw, hw, mw / kw
  printf "RSS idle: Mamori %d MB, KeePassXC %d MB, hello-world %d MB: hello + %d MB (goal: at most + 25)\n", mr, kr, hr, mr - hr
  printf "idle CPU: Mamori %.1f %%, KeePassXC %.1f %%, hello-world %.1f %%: %.1fx hello (goal: at most 1.3x)\n", mc, kc, hc, (hc > 0 ? mc / hc : 0)
}' | tee -a "$summary"
