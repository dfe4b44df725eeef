# scoring against a gold file, with every mismatch listed
$SLANT quotes --gold tests/data/examples-quotes-gold.tsv --errors examples/
# a user's own speakers table: its groups replace the shipped ones
$SLANT quotes --speakers tests/data/test-speakers.tsv --format tsv --where outlet="The Calder Courier" examples/ | cut -f5-7
