#!/usr/bin/env bash
# Redraws assets/icon.png (512x512): a shield with a keyhole on an indigo
# rounded square. Needs ImageMagick 6 (convert).
set -euo pipefail
out=${1:-assets/icon.png}
convert \
  \( -size 512x512 gradient:'#2d4f86-#16294a' \) \
  \( -size 512x512 xc:none -fill white -draw "roundrectangle 16,16 495,495 104,104" \) \
  -alpha set -compose DstIn -composite \
  -compose Over \
  -fill '#00000040' -draw "path 'M 256,104 L 396,150 C 396,290 356,370 256,424 C 156,370 116,290 116,150 Z'" \
  -fill '#f6efe2' -draw "path 'M 256,92 L 392,138 C 392,278 352,358 256,410 C 160,358 120,278 120,138 Z'" \
  -fill '#d8432e' -draw "path 'M 256,124 L 362,160 C 362,272 330,338 256,380 C 182,338 150,272 150,160 Z'" \
  -fill '#f6efe2' -draw "circle 256,226 256,262" \
  -fill '#f6efe2' -draw "path 'M 238,240 L 274,240 L 288,330 L 224,330 Z'" \
  -depth 8 -strip "$out"
echo "wrote $out"
