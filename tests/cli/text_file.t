# a single text file needs an outlet when no manifest names it; invalid UTF-8 is repaired
printf 'First line \377\376 here.\n\nSecond paragraph.\n' >"$TMPDIR/one.txt"
$SLANT inspect "$TMPDIR/one.txt" 2>&1 | sed "s|$TMPDIR|TMP|g"
$SLANT inspect --outlet "My Outlet" "$TMPDIR/one.txt" | sed "s|$TMPDIR|TMP|g"
