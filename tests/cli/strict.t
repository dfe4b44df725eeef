# --strict stops at the first bad record; with -o no partial file is left behind
$SLANT inspect --strict --format jsonl -o "$TMPDIR/out.jsonl" tests/data/bad.jsonl
echo "exit $?"
ls "$TMPDIR"
echo "files left: $(ls "$TMPDIR" | wc -l)"
