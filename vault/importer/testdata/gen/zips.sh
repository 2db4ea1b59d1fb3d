#!/bin/sh
# Writes the password-protected ZIP fixtures with Info-ZIP's zip
# (traditional PKWARE encryption), and gen/aeszip.py the WinZip AES ones.
# Run from vault/importer/testdata: sh gen/zips.sh
set -e
pw="correct horse battery staple"
tmp=$(mktemp -d)
cp raivo-otp-export.json "$tmp/"
cp ente-plain.txt "$tmp/Accounts.txt"
printf 'nothing to see\n' > "$tmp/secret.txt"
rm -f raivo.zip authplus.zip raivo-locked.zip
(cd "$tmp" && zip -q -P "$pw" raivo.zip raivo-otp-export.json && zip -q -P "$pw" authplus.zip Accounts.txt && zip -q -P "$pw" locked.zip secret.txt)
# Written to a pipe, zip puts the sizes after the data (flag bit 3), and
# the password check byte is then the time's, not the CRC's.
(cd "$tmp" && zip -q -P "$pw" - Accounts.txt > authplus-stream.zip)
cp "$tmp/authplus-stream.zip" authplus-stream.zip
cp "$tmp/raivo.zip" raivo.zip
cp "$tmp/authplus.zip" authplus.zip
cp "$tmp/locked.zip" locked.zip
rm -r "$tmp"
python3 gen/aeszip.py
# Check the AES archives with an independent reader (libarchive's bsdtar,
# Debian's libarchive-tools).
tmp=$(mktemp -d)
bsdtar -x -C "$tmp" --passphrase "$pw" -f raivo-aes.zip
cmp "$tmp/raivo-otp-export.json" raivo-otp-export.json
bsdtar -x -C "$tmp" --passphrase "$pw" -f authplus-aes.zip
cmp "$tmp/Accounts.txt" ente-plain.txt
rm -r "$tmp"
