# the output is the same for every number of threads
$SLANT inspect --format jsonl --threads 1 examples/ tests/data/small.jsonl --field text=content_original --field outlet=source >"$TMPDIR/t1"
for n in 2 3 8; do
	$SLANT inspect --format jsonl --threads $n examples/ tests/data/small.jsonl --field text=content_original --field outlet=source >"$TMPDIR/t$n"
	cmp "$TMPDIR/t1" "$TMPDIR/t$n" && echo "threads $n: same as 1"
done
