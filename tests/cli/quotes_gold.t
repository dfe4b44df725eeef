# scoring against a gold file, with every mismatch listed
$SLANT quotes --gold tests/data/examples-quotes-gold.tsv --errors examples/
# a user's own speakers table: its groups replace the shipped ones
$SLANT quotes --speakers tests/data/test-speakers.tsv --format tsv --where outlet="The Calder Courier" examples/ | cut -f5-7
# a curly apostrophe in a gold name is the straight one slant writes (O’Connor is O'Connor)
printf '{"id":"a1","outlet":"o","text":"\\"The law is clear,\\" said Judge Reed O’Connor."}\n' > "$TMPDIR/oc.jsonl"
printf 'id\tstart\tend\tkind\tspeaker\tgroup\tverb\na1\t1\t18\tdirect\tReed O’Connor\tcourts\tsaid\n' > "$TMPDIR/oc.tsv"
$SLANT quotes --format tsv "$TMPDIR/oc.jsonl" | cut -f5,6
$SLANT quotes --gold "$TMPDIR/oc.tsv" "$TMPDIR/oc.jsonl" | grep speaker
# an acronym in the gold file names the organisation slant spells out, and the other way round
printf '{"id":"a2","outlet":"o","text":"\\"Charities must not campaign,\\" the Internal Revenue Service said."}\n' > "$TMPDIR/irs.jsonl"
printf 'id\tstart\tend\tkind\tspeaker\tgroup\tverb\na2\t1\t28\tdirect\tIRS\tfederal\tsaid\n' > "$TMPDIR/irs.tsv"
$SLANT quotes --format tsv "$TMPDIR/irs.jsonl" | cut -f5,6
$SLANT quotes --gold "$TMPDIR/irs.tsv" "$TMPDIR/irs.jsonl" | grep speaker
# a hyphen in a gold name is a space: Kim Jong-un is the Kim Jong Un of the speakers table
printf '{"id":"a3","outlet":"o","text":"\\"We will not shoot,\\" Kim Jong-un told Moon Jae-in."}\n' > "$TMPDIR/kim.jsonl"
printf 'id\tstart\tend\tkind\tspeaker\tgroup\tverb\na3\t1\t18\tdirect\tKim Jong-un\tforeign\ttold\n' > "$TMPDIR/kim.tsv"
$SLANT quotes --format tsv "$TMPDIR/kim.jsonl" | cut -f5,6
$SLANT quotes --gold "$TMPDIR/kim.tsv" "$TMPDIR/kim.jsonl" | grep speaker
# but two letters could be anyone's initials: AP is not Adam Peters
printf '{"id":"a4","outlet":"o","text":"\\"We will appeal the ruling,\\" Adam Peters said."}\n' > "$TMPDIR/ap.jsonl"
printf 'id\tstart\tend\tkind\tspeaker\tgroup\tverb\na4\t1\t27\tdirect\tAP\tmedia\tsaid\n' > "$TMPDIR/ap.tsv"
$SLANT quotes --gold "$TMPDIR/ap.tsv" "$TMPDIR/ap.jsonl" | grep speaker
