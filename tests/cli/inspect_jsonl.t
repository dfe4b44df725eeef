# inspect, JSON Lines, on the example corpus
$SLANT inspect --format jsonl examples/
