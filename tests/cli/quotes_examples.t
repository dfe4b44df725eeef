# every quotation of the examples: JSON Lines, TSV, the table
$SLANT quotes --format jsonl examples/
$SLANT quotes --format tsv --where lean=right examples/
$SLANT quotes --where outlet="Lakeshore Progress" examples/
