# cmake --install puts everything under a prefix, and the installed binary uses the installed
# lexicons (a pattern added there only is applied), from any working directory
build=$(dirname "$SLANT")
cmake --install "$build" --prefix "$TMPDIR/inst" >/dev/null || exit 1
cd "$TMPDIR/inst" && find . -type f | sort | grep -v '/models/\|/lexicons/' | sed 's|^\./||'
test -f share/slant/lexicons/boilerplate.tsv && echo "lexicons installed"
printf 'installed only\tnav\tany\n' >>share/slant/lexicons/boilerplate.tsv
printf 'Agents came at dawn, residents said.\n\nInstalled only\n\nThey left on Friday.\n' >"$TMPDIR/a.txt"
cd / && "$TMPDIR/inst/bin/slant" inspect --format jsonl --outlet X "$TMPDIR/a.txt" |
	grep -o '"removed":\[[^]]*\]'
pkg-config --cflags --libs "$TMPDIR/inst/lib/pkgconfig/slant.pc" | tr ' ' '\n' | grep -- '-lslant'
