# -o writes the file atomically and prints nothing on standard output
$SLANT inspect --summary -o "$TMPDIR/sum.txt" examples/
echo "exit $?"
ls "$TMPDIR"
cat "$TMPDIR/sum.txt"
