# terms per article, as a table, with a test lexicon and a LIWC-style dictionary
$SLANT terms --lexicon tests/data/test-lexicon.tsv --lexicon tests/data/test.dic --top 3 examples/
