# terms per outlet in every format
$SLANT terms --per outlet --format jsonl --lexicon tests/data/test-lexicon.tsv examples/
$SLANT terms --per outlet --format tsv --top 2 --lexicon tests/data/test-lexicon.tsv examples/
$SLANT terms --per outlet --lexicon tests/data/test-lexicon.tsv --where lean=right examples/
