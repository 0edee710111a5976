#!/bin/sh
# Regenerates the packaging icons from the app's one drawing, renderer/public/favicon.svg.
# Needs Debian's librsvg2-bin (rsvg-convert), icnsutils (png2icns) and icoutils (icotool):
#   apt-get install -y librsvg2-bin icnsutils icoutils
# The outputs are committed, so packaging itself never needs these tools.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
svg="$here/../renderer/public/favicon.svg"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

render() { rsvg-convert --width "$1" --height "$1" --format png --output "$2" "$svg"; }

# Linux (AppImage, deb): one PNG per size, named as electron-builder expects in build/icons/.
mkdir -p "$here/icons"
rm -f "$here"/icons/*.png
for size in 16 32 48 64 128 256 512; do
  render "$size" "$here/icons/${size}x${size}.png"
done

# The generic icon (electron-builder's fallback for every platform), at 1024 px.
render 1024 "$here/icon.png"

# Windows (NSIS): a multi-size .ico up to 256 px.
for size in 16 24 32 48 64 128 256; do render "$size" "$tmp/ico-$size.png"; done
icotool --create --output "$here/icon.ico" "$tmp"/ico-16.png "$tmp"/ico-24.png "$tmp"/ico-32.png \
  "$tmp"/ico-48.png "$tmp"/ico-64.png "$tmp"/ico-128.png --raw="$tmp"/ico-256.png

# macOS (dmg): an .icns with the sizes png2icns knows (16 to 1024).
for size in 16 32 48 128 256 512 1024; do render "$size" "$tmp/icns-$size.png"; done
png2icns "$here/icon.icns" "$tmp"/icns-16.png "$tmp"/icns-32.png "$tmp"/icns-48.png \
  "$tmp"/icns-128.png "$tmp"/icns-256.png "$tmp"/icns-512.png "$tmp"/icns-1024.png >/dev/null
