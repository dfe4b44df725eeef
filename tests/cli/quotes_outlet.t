# the per-outlet summary in each format, and grouped by another field
$SLANT quotes --per outlet examples/
$SLANT quotes --per outlet --format jsonl --top 2 examples/
$SLANT quotes --per outlet --format tsv --by lean examples/
