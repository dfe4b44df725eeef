# bench/lib.sh - what the throughput benchmarks over AllSides train share. Sourced with $root
# (the project) and $bench (the script's name) set, and the script's arguments ($1: the slant
# binary); sets $slant, $corpus, $runs (RUNS, default 3), $tmp (removed on exit), $bytes
# (uncompressed input bytes) and $map (the field mapping), or exits successfully, saying so,
# when ../shared/corpora is absent.
slant=${1:-$root/build/slant}
corpus=${SLANT_CORPORA:-$root/../shared/corpora}/allsides/train.jsonl.gz
runs=${RUNS:-3}
if [ ! -f "$corpus" ]; then
	echo "bench/$bench: skipped: $corpus is absent"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bytes=$(zcat "$corpus" | wc -c)
map="--field text=content_original --field outlet=source --field id=ID"

# median: the middle of the numbers on standard input.
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure LABEL COMMAND...: runs COMMAND $runs times (its output in $tmp/out) and prints the
# median wall time, the throughput in MB/s of $bytes and the peak memory.
measure() {
	label=$1
	shift
	: >"$tmp/t"
	for i in $(seq "$runs"); do
		/usr/bin/time -f '%e %M' -o "$tmp/one" "$@" >"$tmp/out"
		cat "$tmp/one" >>"$tmp/t"
	done
	s=$(cut -d' ' -f1 "$tmp/t" | median)
	m=$(cut -d' ' -f2 "$tmp/t" | sort -n | tail -1)
	awk -v l="$label" -v b="$bytes" -v s="$s" -v m="$m" 'BEGIN {
		printf "%-34s %.2f s wall, %.1f MB/s, peak %.1f MB\n", l, s, b / s / 1e6, m / 1024 }'
}
