#!/usr/bin/env bash
# Makes BIZUDPGothic-UI.ttf, the font the app's window uses, from BIZ
# UDPGothic Regular, the proportional sibling of the BIZ UDGothic that
# printing embeds (same family, same OFL; its Latin letters and punctuation
# are proportional, so English reads as text, not as a terminal): a subset with
# ASCII and Latin, the punctuation and symbol blocks, kana, full- and
# half-width forms, every character of Windows-31J (CP932: JIS X 0208 with
# the NEC and IBM extensions, so names such as 髙橋 and 﨑 keep their
# glyphs), and every character the translations and guides use. Hinting is
# dropped (Fyne does not use it) and so are the vertical metrics.
#
# Fyne parses every glyph of the theme's font when it first measures text,
# once per text style, so the smaller font opens the window sooner and keeps
# less memory. Run this after changing the font or adding characters outside
# the sets above to the translations; TestUIFontCoversTexts checks the result.
#
# Tools: fontTools.subset (pyftsubset) from fontTools 4.38.0, Debian 12's
# python3-fonttools (PYTHON=/usr/bin/python3 when another python3 comes
# first); the source font from Debian 12's fonts-morisawa-bizud-gothic
# (SRC=path to use another copy). Only this script reads the system's copy:
# the app and the tests use the embedded subset.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
py=${PYTHON:-python3}
src=${SRC:-/usr/share/fonts/truetype/bizud-gothic/BIZUDPGothic-Regular.ttf}
[[ -f "$src" ]] || { echo "subset.sh: no $src (apt-get install fonts-morisawa-bizud-gothic; or set SRC)" >&2; exit 1; }
"$py" -c 'import fontTools.subset' 2>/dev/null ||
  { echo "subset.sh: $py has no fontTools (apt-get install python3-fonttools; or set PYTHON)" >&2; exit 1; }
chars=$(mktemp)
trap 'rm -f "$chars"' EXIT
{
  # Windows-31J: every valid two-byte code, decoded.
  "$py" -c '
import sys
out = set()
for b1 in list(range(0x81, 0xA0)) + list(range(0xE0, 0xFD)):
    for b2 in range(0x40, 0xFD):
        try:
            out.add(bytes([b1, b2]).decode("cp932"))
        except UnicodeDecodeError:
            pass
sys.stdout.write("".join(sorted(out)))
'
  cat ../translations/*/*.json ../guides/*.json ../guides/*/*.json
} >"$chars"
"$py" -m fontTools.subset "$src" \
  --output-file=BIZUDPGothic-UI.ttf \
  --text-file="$chars" \
  --unicodes='U+0020-007E,U+00A0-017F,U+2000-206F,U+2100-21FF,U+2460-24FF,U+2500-26FF,U+3000-30FF,U+31F0-31FF,U+FF00-FFEF' \
  --layout-features='ccmp,locl,rlig,calt,liga,clig,kern,mark,mkmk,rclt' \
  --no-hinting --drop-tables+=DSIG,meta,vhea,vmtx \
  --name-IDs='*' --name-languages='*' --notdef-outline
