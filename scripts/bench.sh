#!/usr/bin/env bash
# Measures, never asserts:
#  1. the vault benchmarks (open and save at 10,000 accounts, and the rest of
#     ./vault/...) with go test -bench;
#  2. `mamori code QUERY` on a 500-account vault whose key is in a real
#     Secret Service (scripts/with-keyring.sh), next to `oathtool --totp`,
#     timed with hyperfine; it prints both means and their ratio.
#
#   MAMORI_BIN=FILE      the binary to time (default: bin/mamori, the cgo build)
#   BENCH_RUNS=N         hyperfine runs per command (default 100)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "bench: error: $*" >&2; exit 1; }

if [[ "${1:-}" != "--inner" ]]; then
  cd "$root"
  echo "== vault benchmarks: go test -run '^\$' -bench . -benchmem ./vault/..."
  go test -run '^$' -bench . -benchmem ./vault/...
  echo
  bin=$(realpath -m "${MAMORI_BIN:-$root/bin/mamori}")
  [[ -x "$bin" ]] || die "$bin is missing; build it first (make build)"
  for tool in hyperfine oathtool; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (run: scripts/deps.sh bench)"
  done
  export BENCH_BIN="$bin"
  exec "$root/scripts/with-keyring.sh" "${BASH_SOURCE[0]}" --inner
fi

bin=$BENCH_BIN
runs=${BENCH_RUNS:-100}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
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
# Both must print the same code (retry once across a period boundary).
for try in 1 2; do
  a=$("$bin" code "$query" 2>/dev/null); b=$(oathtool --totp -b "$secret")
  [[ "$a" == "$b" ]] && break
  [[ $try -eq 2 ]] && die "mamori code printed $a, oathtool $b"
  sleep 1
done
echo "both print the same code for $query"

hyperfine -N --warmup 5 --runs "$runs" --export-csv "$tmp/times.csv" \
  -n "mamori code (500 accounts; keyring)" "$bin code $query" \
  -n "oathtool --totp" "oathtool --totp -b $secret"

awk -F, 'NR == 2 { m = $2 } NR == 3 { o = $2 }
  END {
    printf "\nmean: mamori code %.2f ms, oathtool %.2f ms, ratio %.1fx (goal: within 4x)\n", m * 1000, o * 1000, m / o
  }' "$tmp/times.csv"
