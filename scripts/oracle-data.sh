#!/usr/bin/env bash
# Writes vault/otp/testdata/oathtool.tsv: codes computed by the real oathtool
# for fixed secrets, times and counters, so that tests which cannot start
# oathtool (the Windows tests under Wine) still check Mamori's codes against
# it. The Linux test TestOathtoolAnswers runs oathtool on every row again and
# fails if the file no longer matches the tool.
#
#   scripts/oracle-data.sh      (run it again when the cases below change)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$root/vault/otp/testdata/oathtool.tsv
command -v oathtool >/dev/null || { echo "oracle-data: oathtool is not installed (scripts/deps.sh test)" >&2; exit 1; }

# secret WORD: a fixed Base32 secret of some length made from WORD.
secret() { printf '%s' "$1" | sha512sum | cut -c1-$2 | tr -d '\n' | base32 | tr -d '=\n'; }

{
  printf '# kind\talgorithm\tdigits\tperiod\tmoment\tsecret\tcode  (written by scripts/oracle-data.sh with %s)\n' \
    "$(oathtool --version | head -1)"
  i=0
  for alg in SHA1 SHA256 SHA512; do
    for digits in 6 7 8; do
      for period in 15 30 60; do
        i=$((i + 1))
        s=$(secret "totp-$i" $((2 * (1 + i * 7 % 64))))
        for t in 0 1 29 59 1111111109 1234567890 2000000000 20000000000; do
          code=$(oathtool --totp="${alg,,}" -b -d "$digits" -s "${period}s" -N "@$t" "$s")
          printf 'totp\t%s\t%s\t%s\t%s\t%s\t%s\n' "$alg" "$digits" "$period" "$t" "$s" "$code"
        done
      done
    done
  done
  for digits in 6 7 8; do
    s=$(secret "hotp-$digits" 40)
    for c in 0 1 2 9 4294967296 9223372036854775813 18446744073709551615; do
      code=$(oathtool -b -d "$digits" -c "$c" "$s")
      printf 'hotp\tSHA1\t%s\t0\t%s\t%s\t%s\n' "$digits" "$c" "$s" "$code"
    done
  done
} >"$out.tmp"
mv "$out.tmp" "$out"
echo "oracle-data: $(grep -vc '^#' "$out") codes in $out"
