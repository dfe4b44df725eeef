# totals only, in both formats; --where picks one lean out of the manifest
$SLANT inspect --summary examples/
$SLANT inspect --summary --format jsonl --where lean=right examples/
