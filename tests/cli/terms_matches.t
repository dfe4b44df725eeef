# every match with its byte offsets; the offsets point at the text in the file
$SLANT terms --matches --format tsv --lexicon tests/data/test-lexicon.tsv examples/patriot-1.txt --outlet P
$SLANT terms --matches --format jsonl --lexicon tests/data/test-lexicon.tsv examples/patriot-1.txt --outlet P |
	grep -o '"matches":.*' | head -c 300; echo
dd if=examples/patriot-1.txt bs=1 skip=142 count=14 2>/dev/null; echo
