# outlet names with markup, quotes, commas, tabs, line breaks and other scripts
h=tests/data/compare/hostile.jsonl
$SLANT compare --format table --width 120 $h
$SLANT compare --format csv --top 1 $h
$SLANT compare --format markdown --top 1 $h
$SLANT compare --format tsv --top 1 $h
# an article with no loaded term, alone: nothing to count, and no crash
sed -n 4p $h | $SLANT compare --format tsv --top 1 --quiet - | cut -f1-3
