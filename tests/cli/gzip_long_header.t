# gzip members whose headers are longer than a read (a 300 KB stored file name, which nothing
# bounds): the header is read across reads, whatever boundary cuts it
member() { # member NAMELEN JSON: one gzip member with a file name of NAMELEN bytes
	printf '\037\213\010\010\000\000\000\000\000\003'
	head -c "$1" /dev/zero | tr '\0' a
	printf '\000'
	printf '%s\n' "$2" | gzip -n -c | tail -c +11
}
{
	member 300000 '{"id":"1","outlet":"A","text":"One article."}'
	member 262100 '{"id":"2","outlet":"A","text":"Another article."}'
} >"$TMPDIR/long.jsonl.gz"
gzip -dc "$TMPDIR/long.jsonl.gz" | wc -l
$SLANT inspect --summary "$TMPDIR/long.jsonl.gz" | head -2
