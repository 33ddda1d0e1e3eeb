#!/usr/bin/env bash
# Regenerates the app icons in build/ from build/icon.svg (run after changing the SVG; the results
# are committed, so packaging needs none of these tools). Debian's librsvg2-bin (rsvg-convert),
# icoutils (icotool) and icnsutils (png2icns):
#   apt-get install librsvg2-bin icoutils icnsutils
# electron-builder reads build/icon.icns (macOS), build/icon.ico (Windows) and build/icons/*.png
# (Linux, one file per size) from `directories.buildResources`.
set -euo pipefail
cd "$(dirname "$0")/../build"
rm -rf icons && mkdir -p icons
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "icons/${size}x${size}.png"
done
cp icons/1024x1024.png icon.png
# Windows: every size up to 256 in one .ico (256 stored as PNG, as Windows expects).
icotool -c -o icon.ico icons/16x16.png icons/24x24.png icons/32x32.png icons/48x48.png icons/64x64.png icons/128x128.png -r icons/256x256.png
# macOS: the sizes png2icns knows (16 … 1024).
png2icns icon.icns icons/16x16.png icons/32x32.png icons/48x48.png icons/128x128.png icons/256x256.png icons/512x512.png icons/1024x1024.png >/dev/null
# Linux picks its sizes from icons/; 1024 is more than any desktop asks for.
rm icons/1024x1024.png
echo "icons written to build/: icon.png, icon.ico, icon.icns, icons/*.png"
