# slant compare on examples/ in every text format, with the shipped model and lexicons
$SLANT compare --format table --width 100 examples/
$SLANT compare --format table --width 200 --top 2 examples/
$SLANT compare --format table --width 80 --wide --top 1 examples/
$SLANT compare --format tsv examples/
$SLANT compare --format csv --top 2 examples/
$SLANT compare --format json --top 2 examples/
$SLANT compare --format markdown --title 'Examples' --top 2 examples/
# grouped by another field of the manifest
$SLANT compare --format tsv --by lean --top 1 examples/
# not on a terminal and no --format: TSV; with -o, the extension names the format
$SLANT compare examples/ | head -1 | cut -f1-4
$SLANT compare -o "$TMPDIR/report.csv" examples/ && head -1 "$TMPDIR/report.csv" | cut -d, -f1-4
$SLANT compare -o "$TMPDIR/report.json" examples/ && head -c 40 "$TMPDIR/report.json"; echo
# --no-quotes: no quotation columns, no quotation extraction
$SLANT compare --no-quotes --format table --width 120 --top 2 examples/
$SLANT compare --no-quotes --format tsv --top 1 examples/ | head -1
$SLANT compare --no-quotes --format html -o "$TMPDIR/nq.html" examples/ && xmllint --noout "$TMPDIR/nq.html" && ! grep -q 'Quoted words by speaker group' "$TMPDIR/nq.html" && echo 'html: well-formed, no quotation chart'
