# --partial on parts of a corpus, then --merge, prints what one run over all of it prints
d=tests/data/labelled
$SLANT compare --format json $d/train.jsonl $d/test.jsonl >"$TMPDIR/whole.json"
head -40 $d/train.jsonl >"$TMPDIR/a.jsonl"
tail -n +41 $d/train.jsonl >"$TMPDIR/b.jsonl"
$SLANT compare --partial -o "$TMPDIR/a.state" "$TMPDIR/a.jsonl"
$SLANT compare --partial -o "$TMPDIR/b.state" "$TMPDIR/b.jsonl"
$SLANT compare --partial $d/test.jsonl >"$TMPDIR/c.state"
$SLANT compare --merge --format json "$TMPDIR/c.state" "$TMPDIR/a.state" "$TMPDIR/b.state" >"$TMPDIR/merged.json"
cmp "$TMPDIR/whole.json" "$TMPDIR/merged.json" && echo "json: merged equals whole"
for f in table tsv csv markdown; do
	$SLANT compare --format $f --width 120 $d/train.jsonl $d/test.jsonl >"$TMPDIR/whole.$f"
	$SLANT compare --merge --format $f --width 120 "$TMPDIR/b.state" "$TMPDIR/c.state" "$TMPDIR/a.state" >"$TMPDIR/merged.$f"
	cmp "$TMPDIR/whole.$f" "$TMPDIR/merged.$f" && echo "$f: merged equals whole"
done
# states merge into a state (a reducer of reducers), from standard input too
$SLANT compare --merge --partial "$TMPDIR/a.state" "$TMPDIR/b.state" >"$TMPDIR/ab.state"
$SLANT compare --merge --format json "$TMPDIR/ab.state" - <"$TMPDIR/c.state" | cmp - "$TMPDIR/whole.json" && echo "state of states: equal"
# a state is one line: many in one file, or on standard input, as a reducer receives them
cat "$TMPDIR/a.state" "$TMPDIR/b.state" >"$TMPDIR/ab2.states"
echo >>"$TMPDIR/ab2.states"
wc -l <"$TMPDIR/c.state"
$SLANT compare --merge --format json "$TMPDIR/ab2.states" "$TMPDIR/c.state" | cmp - "$TMPDIR/whole.json" && echo "states in one file: equal"
cat "$TMPDIR/c.state" "$TMPDIR/b.state" "$TMPDIR/a.state" | $SLANT compare --merge --format json - | cmp - "$TMPDIR/whole.json" && echo "states on standard input: equal"
$SLANT compare --format table --width 120 $d/train.jsonl $d/test.jsonl
