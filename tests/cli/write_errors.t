# a full disk is an input/output error (exit 3), for standard output and -o; -o on a device
# writes to it in place instead of renaming a temporary file over it
$SLANT inspect examples/ >/dev/full; echo "exit $?"
$SLANT terms --per outlet --lexicon tests/data/test-lexicon.tsv examples/ >/dev/full; echo "exit $?"
$SLANT inspect --summary -o /dev/full examples/; echo "exit $?"
test -c /dev/full && echo "/dev/full is still a device"
$SLANT inspect --summary --format jsonl -o /dev/stdout --where lean=left examples/ | cut -c1-40
