# bad options, bad states, and a failed run leaves no output file behind
d=tests/data/labelled
# runs a command, its messages with the scratch directory's name replaced, and its exit code
try() {
	out=$("$@" 2>&1)
	code=$?
	printf '%s\n' "$out" | sed "s|$TMPDIR|\$TMPDIR|g"
	echo "exit $code"
}
try $SLANT compare --format pdf examples/
try $SLANT compare --top 0 examples/
try $SLANT compare --merge
try $SLANT compare --merge "$TMPDIR/missing.state"
echo '{"x":1}' >"$TMPDIR/bad.state"
try $SLANT compare --merge "$TMPDIR/bad.state"
$SLANT compare --partial -o "$TMPDIR/a.state" $d/test.jsonl
$SLANT compare --partial --by lean -o "$TMPDIR/b.state" $d/test.jsonl
try $SLANT compare --merge -o "$TMPDIR/out.tsv" "$TMPDIR/a.state" "$TMPDIR/b.state"
ls "$TMPDIR/out.tsv" 2>/dev/null || echo "no out.tsv"
head -c 100 "$TMPDIR/a.state" >"$TMPDIR/cut.state"
try $SLANT compare --merge "$TMPDIR/cut.state"
sed 's/"articles":\([0-9]*\)/"articles":0/' "$TMPDIR/a.state" >"$TMPDIR/zero.state"
try $SLANT compare --merge "$TMPDIR/zero.state"
# the second state of a file is bad: its line is named
{ cat "$TMPDIR/a.state"; echo '{"slant_compare_state":1}'; } >"$TMPDIR/two.states"
try $SLANT compare --merge "$TMPDIR/two.states"
: >"$TMPDIR/empty.state"
try $SLANT compare --merge "$TMPDIR/empty.state"
try $SLANT compare --model "$TMPDIR/nomodel" examples/
echo 'old' >"$TMPDIR/keep.html"
try $SLANT compare -o "$TMPDIR/keep.html" "$TMPDIR/missing.jsonl"
cat "$TMPDIR/keep.html"
# --merge takes its setup from the states; --partial writes a state, not a report
try $SLANT compare --merge --by lean "$TMPDIR/a.state"
try $SLANT compare --partial --format json examples/
# a --by field no article has (a misspelling): the one "(none)" row, and a warning
try $SLANT compare --by lenaing --format tsv --no-quotes examples/ | cut -f1,2
