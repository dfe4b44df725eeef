#!/bin/sh
# bench/quotes.sh [SLANT] - `slant quotes --format jsonl` over the whole AllSides training
# corpus with the shipped speakers, roles and attribution verbs (whole process, default
# threads), then the gold evaluation of bench/gold/.
# Prints the command, wall time, MB/s of uncompressed JSON and peak memory (median of RUNS
# runs, default 3). Target (issue 11): at least 60 MB/s.
# Skips, successfully, when ../shared/corpora is absent.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bench=quotes
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
echo "command:   $slant quotes --format jsonl $map $corpus"
echo "input:     $bytes bytes uncompressed; $(nproc) cores; median of $runs runs"
# references in the same run, for how fast this machine is now
measure "zcat (reference)" zcat "$corpus"
# shellcheck disable=SC2086
measure "slant inspect --summary (reference)" "$slant" inspect --summary $map "$corpus"
# shellcheck disable=SC2086
measure "slant quotes --format jsonl" "$slant" quotes --format jsonl $map "$corpus"
echo "quotes:    $(wc -l <"$tmp/out")"
ids=$(cut -f1 "$root"/bench/gold/quotes-*.tsv | grep -v '^id$' | sort -u | paste -sd, -)
for set in dev test test2 test3 test4 all; do
	if [ $set = all ]; then
		gold=$(for f in dev test test2 test3 test4; do printf ' --gold bench/gold/quotes-%s.tsv' $f; done)
	else
		gold="--gold bench/gold/quotes-$set.tsv"
	fi
	echo "gold ($set): $slant quotes $gold $map $corpus"
	# shellcheck disable=SC2086
	(cd "$root" && "$slant" quotes $gold $map --where "ID=$ids" "$corpus") | sed 's/^/  /'
done
