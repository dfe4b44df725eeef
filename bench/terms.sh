#!/bin/sh
# bench/terms.sh [SLANT] - `slant terms --per outlet` over the whole AllSides training corpus
# with the shipped lexicons, then with lexicons ten times larger (each term plus nine variants:
# longer ones and ones behind new first words, so the trie is deeper and wider and the filters
# fuller), to show the cost does not grow with the lexicon.
# Prints the command, wall time, MB/s of uncompressed JSON and peak memory (median of RUNS
# runs, default 3). Target (issue 10): at least 80 MB/s, and no fall with 10x lexicons.
# Skips, successfully, when ../shared/corpora is absent.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
slant=${1:-$root/build/slant}
corpus=${SLANT_CORPORA:-$root/../shared/corpora}/allsides/train.jsonl.gz
runs=${RUNS:-3}

if [ ! -f "$corpus" ]; then
	echo "bench/terms: skipped: $corpus is absent"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

set -- immigration loaded frames attribution-verbs
base=""
big=""
terms=0
for name; do
	f=$root/lexicons/$name.tsv
	[ -f "$f" ] || continue
	base="$base --lexicon $f"
	# each term, then nine variants: three longer ("term zzK", a prefix "termxK*"), three
	# behind new first words ("qqK term", new root edges and new parents of prefix terms),
	# three more longer ones
	awk -F'\t' -v OFS='\t' '
		/^#/ || NF < 4 { next }
		$1 == "term" { print; next }
		{
			print
			for (k = 1; k <= 9; k++) {
				t = $1
				if (k >= 4 && k <= 6)
					t = "qq" k " " t
				else if (t ~ /\*$/) { sub(/\*$/, "", t); t = t "x" k "*" }
				else
					t = t " zz" k
				print t, $2, $3, $4, "synthetic"
			}
		}' "$f" >"$tmp/$name.tsv"
	big="$big --lexicon $tmp/$name.tsv"
	terms=$((terms + $(grep -vc '^#' "$f") - 1))
done
if [ -z "$base" ]; then
	echo "bench/terms: no lexicons under $root/lexicons" >&2
	exit 2
fi
bytes=$(zcat "$corpus" | wc -c)
map="--field text=content_original --field outlet=source --field id=ID"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
measure() { # label, lexicon options
	label=$1
	shift
	: >"$tmp/t"
	for i in $(seq "$runs"); do
		# shellcheck disable=SC2086
		/usr/bin/time -f '%e %M' -o "$tmp/one" "$slant" terms --per outlet --format tsv $map "$@" \
			"$corpus" >"$tmp/out"
		cat "$tmp/one" >>"$tmp/t"
	done
	s=$(cut -d' ' -f1 "$tmp/t" | median)
	m=$(cut -d' ' -f2 "$tmp/t" | sort -n | tail -1)
	awk -v l="$label" -v b="$bytes" -v s="$s" -v m="$m" 'BEGIN {
		printf "%-24s %.2f s wall, %.1f MB/s, peak %.1f MB\n", l, s, b / s / 1e6, m / 1024 }'
}
echo "command:   $slant terms --per outlet --format tsv $map --lexicon ... $corpus"
echo "input:     $bytes bytes uncompressed; $(nproc) cores"
# shellcheck disable=SC2086
measure "shipped ($terms terms)" $base
# shellcheck disable=SC2086
measure "10x ($((terms * 10)) terms)" $big
echo "outlets:   $(($(wc -l <"$tmp/out") - 1))"
