#!/usr/bin/env bash
# Screenshots a report page with headless Chromium: tools/browser/screenshot.sh report.html out.png [height]
# The page is opened from disk with networking features off; nothing outside the file is needed.
set -euo pipefail
page="${1:?usage: screenshot.sh REPORT.html OUT.png [HEIGHT]}"
out="${2:?usage: screenshot.sh REPORT.html OUT.png [HEIGHT]}"
height="${3:-4000}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "screenshot.sh: Chromium not found at $chromium; run 'make browser' (apt-get install chromium)." >&2
  exit 1
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" --window-size="1320,$height" \
  --screenshot="$(realpath -m "$out")" "file://$(realpath "$page")" 2>/dev/null
test -s "$out"
echo "$out"
