#!/bin/sh
# bench/compare.sh [SLANT] - `slant compare` over the whole AllSides training corpus (the score
# pipeline plus loaded terms, quotations and the per-outlet sums; whole process, default
# threads), beside `slant score` in the same run; then --partial on two halves of the corpus
# and --merge, checked to equal the whole run. Prints the commands, wall time, MB/s of
# uncompressed JSON and peak memory (median of RUNS runs, default 3).
# Target (issue 13): compare at the speed of score (--no-quotes: without the quotation columns);
# `slant quotes` is measured too, as the full table also extracts every quotation. Skips,
# successfully, when ../shared/corpora is absent.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bench=compare
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
echo "command:   $slant compare --format tsv $map $corpus"
echo "input:     $bytes bytes uncompressed; $(nproc) cores; median of $runs runs"
measure "zcat (reference)" zcat "$corpus"
# shellcheck disable=SC2086
measure "slant inspect --summary (reference)" "$slant" inspect --summary $map "$corpus"
# shellcheck disable=SC2086
measure "slant score --format jsonl" "$slant" score --format jsonl $map "$corpus"
score_s=$s
# shellcheck disable=SC2086
measure "slant quotes --format jsonl" "$slant" quotes --format jsonl $map "$corpus"
quotes_s=$s
# shellcheck disable=SC2086
measure "slant compare --format tsv" "$slant" compare --format tsv $map "$corpus"
compare_s=$s
cp "$tmp/out" "$tmp/whole.tsv"
# shellcheck disable=SC2086
measure "slant compare --no-quotes --format tsv" "$slant" compare --no-quotes --format tsv $map "$corpus"
# the full table scores and extracts quotations: beside score alone, and score then quotes
awk -v c="$compare_s" -v s="$score_s" -v q="$quotes_s" 'BEGIN {
	printf "ratio:     compare takes %.2f times score'"'"'s time; score then quotes take %.2f s, compare %.2f s (%.0f%%)\n",
		c / s, s + q, c, 100 * c / (s + q) }'
echo "groups:    $(($(wc -l <"$tmp/whole.tsv") - 1))"

# the two halves, each through --partial, then --merge: the same table
zcat "$corpus" >"$tmp/all.jsonl"
half=$(($(wc -l <"$tmp/all.jsonl") / 2))
head -n "$half" "$tmp/all.jsonl" >"$tmp/a.jsonl"
tail -n +"$((half + 1))" "$tmp/all.jsonl" >"$tmp/b.jsonl"
rm "$tmp/all.jsonl"
# shellcheck disable=SC2086
"$slant" compare --partial --quiet $map -o "$tmp/a.state" "$tmp/a.jsonl"
# shellcheck disable=SC2086
"$slant" compare --partial --quiet $map -o "$tmp/b.state" "$tmp/b.jsonl"
"$slant" compare --merge --format tsv "$tmp/b.state" "$tmp/a.state" >"$tmp/merged.tsv"
if cmp -s "$tmp/whole.tsv" "$tmp/merged.tsv"; then
	echo "merge:     --partial on two halves, then --merge: equal to the whole run ($(wc -c <"$tmp/a.state") + $(wc -c <"$tmp/b.state") bytes of state)"
else
	echo "merge:     DIFFERS from the whole run" >&2
	diff "$tmp/whole.tsv" "$tmp/merged.tsv" | head >&2
	exit 1
fi
