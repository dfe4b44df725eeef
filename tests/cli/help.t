# help, per-command help and the version
$SLANT --version
$SLANT help
$SLANT help inspect >"$TMPDIR/a"
$SLANT inspect --help >"$TMPDIR/b"
cmp "$TMPDIR/a" "$TMPDIR/b" && echo "help inspect = inspect --help"
head -3 "$TMPDIR/a"
