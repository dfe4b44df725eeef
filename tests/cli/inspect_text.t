# inspect, text format, on the example corpus (directory with a manifest)
$SLANT inspect examples/
