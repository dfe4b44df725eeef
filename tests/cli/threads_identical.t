# the output is the same for every number of threads
$SLANT inspect --format jsonl --threads 1 examples/ tests/data/articles.csv --field text=body >"$TMPDIR/t1" 2>/dev/null
for n in 2 3 8; do
	$SLANT inspect --format jsonl --threads $n examples/ tests/data/articles.csv --field text=body >"$TMPDIR/t$n" 2>/dev/null
	cmp "$TMPDIR/t1" "$TMPDIR/t$n" && echo "threads $n: same as 1"
done
wc -l <"$TMPDIR/t1"
