#!/bin/sh
# Writes the Latin subsets of Inter that the digest chart draws most names
# with (src/chart/fonts/). resvg lays out every text against the whole font,
# and Inter's full tables made the text of a 24-panel chart take about three
# times as long as with these; names with other letters use the full font
# from @expo-google-fonts/inter. Needs fontTools (apt install python3-fonttools).
set -eu
cd "$(dirname "$0")/.."
SOURCE=node_modules/@expo-google-fonts/inter
OUT=src/chart/fonts
# Basic Latin, Latin-1, Latin Extended-A, punctuation (dashes, quotes,
# ellipsis, bullets), arrows, the euro sign.
UNICODES="U+0020-007E,U+00A0-017F,U+2010-2027,U+2030-205E,U+2190-2199,U+20AC"
for face in 400Regular:Regular 700Bold:Bold; do
  python3 -m fontTools.subset "$SOURCE/${face%%:*}/Inter_${face%%:*}.ttf" \
    --unicodes="$UNICODES" --layout-features='kern,liga,calt' \
    --output-file="$OUT/Inter-${face##*:}-Latin.ttf"
done
cp "$SOURCE/LICENSE_FONT" "$OUT/LICENSE_FONT"
