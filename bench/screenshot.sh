#!/bin/sh
# bench/screenshot.sh [SLANT] [OUT.png] [INPUT-AND-OPTIONS...] - the HTML report of
# `slant compare` as a reader sees it: builds it with the real binary (by default on examples/),
# checks that it is well-formed XML (when xmllint is installed) and refers to nothing outside
# itself, then renders it with headless Chromium into OUT.png (default: report.png), with the
# report itself beside it (OUT.html). Look at the PNG: overlapping labels, clipped names and
# unreadable headers show there and in no test. SIZE=W,H sets the window (default 1400,2400).
# Skips, successfully, when Chromium is absent.
#
#   bench/screenshot.sh build/slant /tmp/allsides.png --field text=content_original \
#       --field outlet=source --field id=ID --where topic=immigration \
#       ../shared/corpora/allsides/train.jsonl.gz
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
slant=${1:-$root/build/slant}
png=${2:-report.png}
size=${SIZE:-1400,2400}
if [ $# -gt 2 ]; then shift 2; else set -- "$root/examples"; fi

chrome=
for b in chromium chromium-browser; do
	if command -v "$b" >/dev/null 2>&1; then
		chrome=$(command -v "$b")
		break
	fi
done
if [ -z "$chrome" ]; then
	echo "bench/screenshot: skipped: chromium is absent (apt-get install chromium)"
	exit 0
fi
if [ ! -x "$slant" ]; then
	echo "bench/screenshot: build slant first (cmake -S . -B build && cmake --build build)" >&2
	exit 2
fi
if ! "$slant" compare --help >/dev/null 2>&1; then
	echo "bench/screenshot: $slant has no compare command yet; nothing to render" >&2
	exit 2
fi
case $png in
/*) ;;
*) png=$(pwd)/$png ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

set -- "$slant" compare --quiet --format html -o "$tmp/report.html" "$@"
echo "command:    $*"
"$@"
echo "report:     $(wc -c <"$tmp/report.html") bytes"

if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$tmp/report.html"
	echo "xmllint:    well-formed"
fi
# Self-contained: the two namespace URIs are the only addresses, and nothing is fetched.
if sed -e 's|http://www.w3.org/1999/xhtml||g' -e 's|http://www.w3.org/2000/svg||g' \
	"$tmp/report.html" | grep -Ein 'https?:|src=|url\(|@import|<link|<script' |
	head -5 | grep .; then
	echo "bench/screenshot: the report refers to something outside itself (above)" >&2
	exit 1
fi

# Chromium wants a writable profile and says much about D-Bus on stderr; keep both out of sight.
if ! "$chrome" --headless --disable-gpu --no-sandbox --hide-scrollbars \
	--user-data-dir="$tmp/profile" --screenshot="$png" --window-size="$size" \
	"file://$tmp/report.html" >"$tmp/chrome.log" 2>&1 || [ ! -s "$png" ]; then
	cat "$tmp/chrome.log" >&2
	echo "bench/screenshot: chromium failed" >&2
	exit 3
fi
cp "$tmp/report.html" "${png%.png}.html"
echo "screenshot: $png ($size, $("$chrome" --version 2>/dev/null || echo chromium))"
echo "report:     ${png%.png}.html"
