# contrast: the n-grams that set each outlet apart; Patriot Daily was written to say
# "criminal aliens" and "so-called", the Frontier Sentinel "illegal" and its own name
$SLANT contrast --min-count 2 --top 5 examples/
echo "Patriot Daily's top 6:"
$SLANT contrast --min-count 2 --top 6 --format tsv examples/ | awk -F'\t' '$1 == "Patriot Daily" { print "  " $3 }'
echo "The Frontier Sentinel's top 6 (radical left, illegals):"
$SLANT contrast --min-count 2 --top 6 --format tsv examples/ | awk -F'\t' '$1 == "The Frontier Sentinel" { print "  " $3 }'
$SLANT contrast --min-count 2 --top 3 --by lean --format jsonl examples/
$SLANT contrast --min-count 2 --threads 1 --format tsv examples/ >"$TMPDIR/1"
$SLANT contrast --min-count 2 --threads 4 --format tsv examples/ >"$TMPDIR/4"
cmp "$TMPDIR/1" "$TMPDIR/4" && echo "threads 4: same as 1"
$SLANT contrast --prior 0 examples/; echo "exit $?"
