# --strict stops at the first bad record; with -o no partial file is left behind
$SLANT inspect --strict --format jsonl -o "$TMPDIR/out.jsonl" tests/data/bad.jsonl
test -e "$TMPDIR/out.jsonl" && echo "partial output left behind"
ls "$TMPDIR"
