# bench/lib.sh - what the throughput benchmarks share; sourced, with $tmp (a scratch
# directory), $runs and $bytes (uncompressed input bytes) set.

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
