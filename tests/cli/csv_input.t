# CSV with a byte order mark, CRLF, quoted fields spanning lines, and a short row
$SLANT inspect --format jsonl --field text=body tests/data/articles.csv
