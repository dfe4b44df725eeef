# contrast: the n-grams that set each outlet apart; Patriot Daily was written to say
# "criminal aliens" and "so-called", the Frontier Sentinel "illegal" and its own name
$SLANT contrast --min-count 2 --top 5 examples/
echo "Patriot Daily's top 6:"
$SLANT contrast --min-count 2 --top 6 --format tsv examples/ | awk -F'\t' '$1 == "Patriot Daily" { print "  " $3 }'
echo "The Frontier Sentinel's top 6 (its own name, left as in radical left, illegal):"
$SLANT contrast --min-count 2 --top 6 --format tsv examples/ | awk -F'\t' '$1 == "The Frontier Sentinel" { print "  " $3 }'
$SLANT contrast --min-count 2 --top 1 --format tsv examples/ | head -3 | cat -v
$SLANT contrast --min-count 2 --top 3 --by lean --format jsonl examples/
$SLANT contrast --min-count 2 --threads 1 --format tsv examples/ >"$TMPDIR/1"
$SLANT contrast --min-count 2 --threads 4 --format tsv examples/ >"$TMPDIR/4"
cmp "$TMPDIR/1" "$TMPDIR/4" && echo "threads 4: same as 1"
# with memory so tight that n-grams are dropped while counting, still the same for any threads
$SLANT contrast --max-counts 500 --min-count 2 --threads 1 --format tsv examples/ >"$TMPDIR/p1" 2>"$TMPDIR/e1"
$SLANT contrast --max-counts 500 --min-count 2 --threads 3 --format tsv examples/ >"$TMPDIR/p3" 2>"$TMPDIR/e3"
cmp "$TMPDIR/p1" "$TMPDIR/p3" && cmp "$TMPDIR/e1" "$TMPDIR/e3" && echo "pruned, threads 3: same as 1"
cat "$TMPDIR/e1"
$SLANT contrast --prior 0 examples/; echo "exit $?"
