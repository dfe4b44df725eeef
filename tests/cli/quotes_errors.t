# bad options and files: a clear message, a non-zero exit, no output file
$SLANT quotes --per nothing examples/; echo "exit $?"
$SLANT quotes --by lean examples/; echo "exit $?"
$SLANT quotes --speakers tests/data/bad-speakers.tsv examples/; echo "exit $?"
$SLANT quotes --roles tests/data/no-such-file.tsv examples/; echo "exit $?"
$SLANT quotes --gold tests/data/bad-gold.tsv examples/; echo "exit $?"
$SLANT quotes --gold tests/data/examples-quotes-gold.tsv tests/data/small.jsonl; echo "exit $?"
$SLANT quotes --speakers tests/data/bad-speakers.tsv -o "$TMPDIR/q.jsonl" examples/; echo "exit $?"
ls "$TMPDIR"
# a gold span past its article's end, and gold rows in any order give the same scores
printf 'id\tstart\tend\tkind\tspeaker\tgroup\tverb\ncourier-1\t5000\t99999\tdirect\tX\tother\tsaid\n' > "$TMPDIR/oob.tsv"
top=$PWD
(cd "$TMPDIR" && $SLANT quotes --gold oob.tsv --errors "$top/examples/"); echo "exit $?"
sort -r tests/data/examples-quotes-gold.tsv > "$TMPDIR/reversed.tsv"
$SLANT quotes --gold "$TMPDIR/reversed.tsv" examples/ | diff - tests/data/examples-quotes-gold-scores.txt && echo "same scores"
# the shipped lexicons cannot be found
mkdir -p "$TMPDIR/data/lexicons" && cp lexicons/boilerplate.tsv "$TMPDIR/data/lexicons/"
SLANT_DATA_DIR="$TMPDIR/data" $SLANT quotes examples/; echo "exit $?"
