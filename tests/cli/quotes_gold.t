# scoring against a gold file, with every mismatch listed
$SLANT quotes --gold tests/data/examples-quotes-gold.tsv --errors examples/
# a user's own speakers table: its groups replace the shipped ones
$SLANT quotes --speakers tests/data/test-speakers.tsv --format tsv --where outlet="The Calder Courier" examples/ | cut -f5-7
# one article (its text, JSON-escaped) and its gold row for the quotation at bytes 1 to $3:
# the speaker slant finds, then its speaker score
one() {
	printf '{"id":"a","outlet":"o","text":"%s"}\n' "$1" > "$TMPDIR/one.jsonl"
	printf 'id\tstart\tend\tkind\tspeaker\tgroup\tverb\na\t1\t%s\tdirect\t%s\tother\tsaid\n' "$3" "$2" > "$TMPDIR/one.tsv"
	$SLANT quotes --format tsv "$TMPDIR/one.jsonl" | cut -f5,6
	$SLANT quotes --gold "$TMPDIR/one.tsv" "$TMPDIR/one.jsonl" | grep speaker
}
# a curly apostrophe in a gold name is the straight one slant writes (O’Connor is O'Connor)
one '\"The law is clear,\" said Judge Reed O’Connor.' 'Reed O’Connor' 18
# an acronym in the gold file names the organisation slant spells out
one '\"Charities must not campaign,\" the Internal Revenue Service said.' IRS 28
# a hyphen in a gold name is a space: Kim Jong-un is the Kim Jong Un of the speakers table
one '\"We will not shoot,\" Kim Jong-un told Moon Jae-in.' 'Kim Jong-un' 18
# but two letters could be anyone's initials: AP is not Adam Peters
one '\"We will appeal the ruling,\" Adam Peters said.' AP 27
