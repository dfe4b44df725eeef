# bad records are reported with file and line, skipped, and the run exits 1
$SLANT inspect --summary tests/data/bad.jsonl
