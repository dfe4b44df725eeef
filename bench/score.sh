#!/bin/sh
# bench/score.sh [SLANT] - `slant score --format jsonl` with the shipped lean model over the whole
# AllSides training corpus (reading, text, lexicons, quotations, features, scoring; whole
# process, default threads). Prints the command, wall time, MB/s of uncompressed JSON and peak
# memory (median of RUNS runs, default 3), with zcat and `slant inspect --summary` measured in
# the same run for how fast the machine is now. Target (issue 12): at least 50 MB/s.
# Skips, successfully, when ../shared/corpora is absent.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bench=score
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
echo "command:   $slant score --format jsonl $map $corpus ${SCORE_OPTS:-}"
echo "input:     $bytes bytes uncompressed; $(nproc) cores; median of $runs runs"
measure "zcat (reference)" zcat "$corpus"
# shellcheck disable=SC2086
measure "slant inspect --summary (reference)" "$slant" inspect --summary $map "$corpus"
# shellcheck disable=SC2086
measure "slant score --format jsonl" "$slant" score --format jsonl $map ${SCORE_OPTS:-} "$corpus"
echo "articles:  $(wc -l <"$tmp/out")"
