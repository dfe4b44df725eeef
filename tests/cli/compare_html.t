# the HTML report: one self-contained, well-formed XHTML file; hostile names render as text
h=tests/data/compare/hostile.jsonl
$SLANT compare --format html -o "$TMPDIR/examples.html" --title 'Example outlets' examples/
$SLANT compare --format html -o "$TMPDIR/hostile.html" $h
$SLANT compare -o "$TMPDIR/guessed.html" examples/
for f in examples hostile guessed; do
	xmllint --noout "$TMPDIR/$f.html" && echo "$f: well-formed XML"
	# nothing reaches outside the file: the only URLs are the two XML namespaces
	grep -o 'https\?://[^"]*' "$TMPDIR/$f.html" | sort -u
	grep -c -i -E '<script|<link|<img|<iframe|src=|href=|url\(|@import' "$TMPDIR/$f.html"
done
# -o FILE.html picks the format; the two differ only where the title goes
diff "$TMPDIR/examples.html" "$TMPDIR/guessed.html" | grep -c '^[<>]'
# the hostile names are text: escaped, never markup
grep -c '<script>alert' "$TMPDIR/hostile.html"
grep -o '&lt;script&gt;alert([^)]*)&lt;/script&gt;' "$TMPDIR/hostile.html" | head -1
grep -o 'A &amp; B [^<]*Times[^<]*' "$TMPDIR/hostile.html" | head -1
# the whole report, for review when it changes
cat "$TMPDIR/examples.html"
