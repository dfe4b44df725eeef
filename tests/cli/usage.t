# usage errors exit 2, unreadable inputs exit 3
$SLANT; echo "exit $?"
$SLANT frobnicate; echo "exit $?"
$SLANT inspect --format xml examples/; echo "exit $?"
$SLANT inspect --field text examples/; echo "exit $?"
$SLANT inspect --threads 0 examples/; echo "exit $?"
$SLANT inspect; echo "exit $?"
$SLANT inspect /nonexistent/corpus.jsonl; echo "exit $?"
$SLANT inspect --boilerplate /nonexistent/b.tsv examples/; echo "exit $?"
