# a bad lexicon line names its file and line; --matches needs articles
printf 'term\tcategory\tlean\tweight\tnote\nraid\tx\tlots\t1\t\n' >"$TMPDIR/bad.tsv"
$SLANT terms --lexicon "$TMPDIR/bad.tsv" examples/ 2>&1 | sed "s|$TMPDIR|TMP|"
$SLANT terms --lexicon "$TMPDIR/bad.tsv" examples/ >/dev/null 2>&1; echo "exit $?"
$SLANT terms --per outlet --matches examples/; echo "exit $?"
$SLANT terms --lexicon /nonexistent.tsv examples/; echo "exit $?"
