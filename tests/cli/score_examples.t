# the shipped lean model on the example corpus: labels, probabilities, scores, explanations
$SLANT score examples/
$SLANT score --format tsv examples/ | head -3
$SLANT score --format jsonl --explain 3 examples/ | head -2
# one article alone scores as it does among the others
$SLANT score --format tsv examples/ | grep '^patriot-1' > "$TMPDIR/all"
$SLANT score --format tsv --where id=patriot-1 examples/ | grep "^patriot-1" > "$TMPDIR/one"
cmp "$TMPDIR/all" "$TMPDIR/one" && echo "same alone"
# threads do not change anything
$SLANT score --format jsonl --threads 1 examples/ > "$TMPDIR/t1"
$SLANT score --format jsonl --threads 3 examples/ > "$TMPDIR/t3"
cmp "$TMPDIR/t1" "$TMPDIR/t3" && echo "same with 1 and 3 threads"
