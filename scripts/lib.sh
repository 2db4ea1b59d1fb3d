# Shell functions shared by smoke.sh, bench.sh and screenshots.sh; source it.
# shellcheck shell=bash

# urlencode STRING: percent-encodes every byte but unreserved ones.
urlencode() {
  local LC_ALL=C s=$1 i c out=
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [a-zA-Z0-9.~_-]) out+=$c ;;
      *) printf -v c '%%%02X' "'$c"; out+=$c ;;
    esac
  done
  printf '%s' "$out"
}

# made_up_secret WORD: a fixed Base32 secret made from WORD. These accounts
# are samples: the secrets belong to nobody.
made_up_secret() { printf 'mamori-sample-%s' "$1" | base32 | tr -d '=\n'; }

# sample_accounts N: N otpauth:// URIs, one a line, for `mamori import -`:
# first accounts of the kinds people keep (English and Japanese services,
# TOTP with 6 and 8 digits, HOTP, Steam), then "Service NNN" ones up to N.
sample_accounts() {
  local n=$1 i=0 issuer name kind extra
  while IFS='|' read -r issuer name kind extra; do
    ((i < n)) || return 0
    i=$((i + 1))
    printf 'otpauth://%s/%s:%s?secret=%s&issuer=%s%s\n' "$kind" "$(urlencode "$issuer")" \
      "$(urlencode "$name")" "$(made_up_secret "$i")" "$(urlencode "$issuer")" "$extra"
  done <<'LIST'
GitHub|alice@example.com|totp|
Google|alice@example.com|totp|
みずほ銀行|山田太郎|totp|
楽天証券|yamada.taro|totp|
AWS root|admin|totp|&digits=8&algorithm=SHA256
Microsoft|alice@example.com|totp|
マネーフォワード ME|taro@example.jp|totp|
Dropbox|alice@example.com|totp|
Yahoo! JAPAN|taro_yamada|totp|
Slack|alice@example.com|totp|
Steam|gamer|steam|
Example VPN|counter@example.com|hotp|&counter=0
LIST
  for ((i++; i <= n; i++)); do
    printf 'otpauth://totp/Service%%20%03d:user%03d%%40example.com?secret=%s&issuer=Service%%20%03d\n' \
      "$i" "$i" "$(made_up_secret "$i")" "$i"
  done
}

# visible_window NAME_REGEX: the id of a viewable (mapped, on screen)
# top-level window whose name matches NAME_REGEX (an awk regex over the
# quoted name), or nothing.
visible_window() {
  local wid
  for wid in $(xwininfo -root -children 2>/dev/null |
    awk -v re="$1" 'match($0, /"[^"]*"/) && substr($0, RSTART, RLENGTH) ~ re { print $1 }'); do
    if xwininfo -id "$wid" 2>/dev/null | grep -q 'Map State: IsViewable'; then
      echo "$wid"
      return 0
    fi
  done
  return 0
}

# wait_window PID NAME_REGEX SECONDS: waits until process PID shows a
# window matching NAME_REGEX and prints its id; fails when PID exits first
# or after SECONDS. Polls every 10 ms, so it can time a start-up too.
wait_window() {
  local pid=$1 re=$2 limit=$3 wid deadline
  deadline=$(($(date +%s%N) + limit * 1000000000))
  while (($(date +%s%N) < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 1
    wid=$(visible_window "$re")
    if [[ -n "$wid" ]]; then
      echo "$wid"
      return 0
    fi
    sleep 0.01
  done
  return 1
}

# not_blank PNG: fails when the picture is one flat colour (or nearly).
not_blank() {
  local colors sd
  colors=$(identify -format '%k' "$1")
  sd=$(identify -format '%[fx:standard_deviation]' "$1")
  echo "$(identify -format '%wx%h' "$1"), $colors colours, deviation $sd"
  [[ "$colors" -ge 16 ]] && awk -v sd="$sd" 'BEGIN { exit !(sd > 0.02) }'
}
