#!/bin/sh
# bench/inspect.sh [SLANT] - `slant inspect --summary` over the whole AllSides training corpus,
# with `zcat | wc -w` beside it in the same run as the reference. Prints the command, wall time,
# throughput in MB/s of uncompressed JSON and peak memory; the median of RUNS runs (default 3).
# Targets (issue 9): at least 100 MB/s with default threads, peak memory under 50 MB.
# Skips, successfully, when ../shared/corpora is absent.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
slant=${1:-$root/build/slant}
corpus=${SLANT_CORPORA:-$root/../shared/corpora}/allsides/train.jsonl.gz
runs=${RUNS:-3}

if [ ! -f "$corpus" ]; then
	echo "bench/inspect: skipped: $corpus is absent"
	exit 0
fi
if [ ! -x "$slant" ]; then
	echo "bench/inspect: build slant first (cmake -S . -B build && cmake --build build)" >&2
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bytes=$(zcat "$corpus" | wc -c)
set -- "$slant" inspect --summary --field text=content_original --field outlet=source \
	--field id=ID --field label=bias_text "$corpus"
echo "command:   $*"
echo "input:     $corpus ($bytes bytes uncompressed)"
echo "machine:   $(nproc) cores, $(uname -m)"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

: >"$tmp/slant"
: >"$tmp/zcat"
for i in $(seq "$runs"); do
	/usr/bin/time -f '%e %M' -o "$tmp/t" "$@" >"$tmp/out"
	cat "$tmp/t" >>"$tmp/slant"
	/usr/bin/time -f '%e' -o "$tmp/z" sh -c "zcat '$corpus' | wc -w >/dev/null"
	cat "$tmp/z" >>"$tmp/zcat"
done
s=$(cut -d' ' -f1 "$tmp/slant" | median)
m=$(cut -d' ' -f2 "$tmp/slant" | sort -n | tail -1)
z=$(median <"$tmp/zcat")
awk -v b="$bytes" -v s="$s" -v m="$m" -v z="$z" 'BEGIN {
	printf "slant:     %.2f s wall, %.1f MB/s, peak %.1f MB (median of runs; peak is the largest)\n",
		s, b / s / 1e6, m / 1024
	printf "zcat|wc -w %.2f s wall, %.1f MB/s (reference, same run)\n", z, b / z / 1e6
	printf "target:    >= 100 MB/s and < 50 MB: %s\n",
		(b / s / 1e6 >= 100 && m / 1024 < 50) ? "met" : "NOT met"
}'
echo "totals:"
sed 's/^/  /' "$tmp/out"
