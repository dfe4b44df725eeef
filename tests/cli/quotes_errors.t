# bad options and files: a clear message, a non-zero exit, no output file
$SLANT quotes --per nothing examples/; echo "exit $?"
$SLANT quotes --by lean examples/; echo "exit $?"
$SLANT quotes --speakers tests/data/bad-speakers.tsv examples/; echo "exit $?"
$SLANT quotes --roles tests/data/no-such-file.tsv examples/; echo "exit $?"
$SLANT quotes --gold tests/data/bad-gold.tsv examples/; echo "exit $?"
$SLANT quotes --gold tests/data/examples-quotes-gold.tsv tests/data/small.jsonl; echo "exit $?"
$SLANT quotes --speakers tests/data/bad-speakers.tsv -o "$TMPDIR/q.jsonl" examples/; echo "exit $?"
ls "$TMPDIR"
