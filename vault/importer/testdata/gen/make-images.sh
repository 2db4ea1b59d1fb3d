#!/usr/bin/env bash
# Makes the QR image fixtures with the real tools: qrencode draws the codes,
# ImageMagick builds the screenshots around them, and zbarimg reads every
# image back so a fixture never depends on the decoder under test alone.
# Run from vault/importer/testdata after gen/migration.py:
#
#   gen/make-images.sh
#
# Needs qrencode, imagemagick and zbar-tools (scripts/deps.sh test installs
# them).
set -euo pipefail
IM=/usr/bin/convert # not a PATH stand-in

# One account, percent-encoded Japanese issuer.
qrencode -s 6 -m 4 -o qr-otpauth.png \
  'otpauth://totp/%E3%81%BF%E3%81%9A%E3%81%BB%E9%8A%80%E8%A1%8C:%E5%B1%B1%E7%94%B0%E5%A4%AA%E9%83%8E?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=%E3%81%BF%E3%81%9A%E3%81%BB%E9%8A%80%E8%A1%8C&algorithm=SHA256&digits=8&period=60'
# Raw UTF-8 in 8-bit mode, no ECI: the decoder must not guess Shift_JIS.
qrencode -8 -s 6 -m 4 -o qr-utf8.png 'otpauth://totp/楽天:花子?secret=MFRGGZDFMZTWQ2LK&issuer=楽天'
# The two codes of one Google Authenticator export.
qrencode -s 5 -m 4 -o qr-migration-1.png < gen/migration-1.txt
qrencode -s 5 -m 4 -o qr-migration-2.png < gen/migration-2.txt
# Something else, as found next to codes on a web page.
qrencode -s 4 -m 2 -o /tmp/mamori-qr-url.png 'https://example.com/help/two-factor'

# A "screenshot": a light page with a header bar, blocks of "text", a
# web-link code on the left and the export's first code on the right,
# saved as JPEG like a phone screenshot shared by chat.
"$IM" -size 1280x860 xc:'#f4f4f6' \
  -fill '#2b5797' -draw 'rectangle 0,0 1280,72' \
  -fill '#c8c8d0' -draw 'rectangle 60,120 700,140' -draw 'rectangle 60,160 640,180' -draw 'rectangle 60,200 680,220' \
  -fill '#dddde4' -draw 'rectangle 60,720 1220,800' \
  /tmp/mamori-qr-url.png -geometry +80+300 -composite \
  qr-migration-1.png -geometry +700+150 -composite \
  -quality 85 screenshot.jpg

# Dark mode: light modules on a dark background.
"$IM" qr-otpauth.png -negate -bordercolor '#1e1e1e' -border 40 /tmp/mamori-qr-dark.png
"$IM" -size 900x700 xc:'#1e1e1e' -fill '#333338' -draw 'rectangle 0,0 900,60' \
  /tmp/mamori-qr-dark.png -geometry +200+120 -composite screenshot-dark.png

# Six codes of different accounts in two rows, as on a printed sheet: all
# six must be found, in reading order.
for i in 1 2 3 4 5 6; do
  qrencode -s 4 -m 4 -o "/tmp/mamori-grid-$i.png" "otpauth://totp/Grid:account$i?secret=JBSWY3DPEHPK3PX$((i + 1))&issuer=Grid"
done
"$IM" \( /tmp/mamori-grid-1.png /tmp/mamori-grid-2.png /tmp/mamori-grid-3.png +append \) \
  \( /tmp/mamori-grid-4.png /tmp/mamori-grid-5.png /tmp/mamori-grid-6.png +append \) -append \
  -bordercolor white -border 30 grid.png
rm -f /tmp/mamori-grid-*.png

# A picture with no code at all.
"$IM" -size 320x200 xc:white -fill '#888888' -draw 'rectangle 40,40 280,160' no-qr.png

rm -f /tmp/mamori-qr-url.png /tmp/mamori-qr-dark.png

# Every image must be readable by zbar too.
for f in qr-otpauth.png qr-utf8.png qr-migration-1.png qr-migration-2.png screenshot.jpg grid.png; do
  n=$(zbarimg --quiet --raw "$f" | grep -c '^')
  echo "$f: zbarimg found $n code(s)"
done
