#!/usr/bin/env bash
# Renders the lpm icons from their SVG sources. Run it after editing an SVG and commit the output:
# the build does not render icons, so it needs neither tool.
#
#   icons/src/tray-STATE.svg -> icons/png/tray-STATE-SIZE.png (+ -SIZE@2x.png for HiDPI panels)
#                            -> src/main/resources/dev/lpm/ui/tray/ (the sizes the tray loads at runtime)
#   icons/lpm.svg            -> icons/png/lpm-SIZE.png, icons/lpm.png (256, jpackage on Linux),
#                               icons/lpm.ico (Windows: 16-256 in one file)
#
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin) and ImageMagick's convert (apt-get install
# imagemagick) for the .ico. The macOS .icns is not produced here: build it on macOS with
# `iconutil -c icns` from an lpm.iconset of icons/png/lpm-*.png (see icons/README.md).
set -euo pipefail
cd "$(dirname "$0")"
command -v rsvg-convert >/dev/null || { echo "needs rsvg-convert: apt-get install librsvg2-bin" >&2; exit 1; }
command -v convert >/dev/null || { echo "needs convert: apt-get install imagemagick" >&2; exit 1; }

SIZES=(16 22 24 32 48 64 128 256)
RUNTIME_SIZES=(16 22 24 32 48 64)   # tray icons are at most 24 px logical, 48 px at 2x; 64 for safety
RESOURCES=../src/main/resources/dev/lpm/ui/tray
mkdir -p png "$RESOURCES"

render() { # svg size out
  rsvg-convert --width "$2" --height "$2" --keep-aspect-ratio --format png --output "$3" "$1"
}

for svg in src/tray-*.svg; do
  name=$(basename "$svg" .svg)
  for size in "${SIZES[@]}"; do
    render "$svg" "$size" "png/$name-$size.png"
    render "$svg" $((size * 2)) "png/$name-$size@2x.png"
  done
  for size in "${RUNTIME_SIZES[@]}"; do
    cp "png/$name-$size.png" "$RESOURCES/$name-$size.png"
  done
done

for size in "${SIZES[@]}"; do
  render lpm.svg "$size" "png/lpm-$size.png"
done
render lpm.svg 512 png/lpm-256@2x.png
cp png/lpm-256.png lpm.png
convert png/lpm-16.png png/lpm-24.png png/lpm-32.png png/lpm-48.png png/lpm-64.png png/lpm-128.png \
  png/lpm-256.png lpm.ico
echo "rendered $(ls png | wc -l) PNGs, lpm.png, lpm.ico; runtime copies in $RESOURCES"
