# field mapping as the AllSides corpus needs it, a filter, and gzip on standard input
$SLANT inspect --format jsonl --field text=content_original --field outlet=source \
	--field label=bias_text --field id=ID --where topic=immigration tests/data/small.jsonl
gzip -c tests/data/small.jsonl | $SLANT inspect --summary --field text=content_original \
	--field outlet=source --where bias_text=left,right -
