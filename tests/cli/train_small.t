# train on the labelled test corpus (fictional articles, 9 outlets), folds kept by outlet
L=tests/data/labelled
$SLANT train --field label=lean --label label --group-folds outlet --folds 3 --C 0.3,1,3 \
	-o "$TMPDIR/m" $L/train.jsonl | sed -e 's/in [0-9.]* s$/in T s/' -e '/^time:/d' \
	-e "s|$TMPDIR|TMP|"
echo "exit $?"
ls "$TMPDIR"
ls "$TMPDIR/m"
# eval and score on three outlets it never saw
$SLANT eval --model "$TMPDIR/m" --field label=lean --label label $L/test.jsonl
echo "exit $?"
$SLANT score --model "$TMPDIR/m" --format jsonl $L/test.jsonl | head -4
$SLANT score --model "$TMPDIR/m" --format tsv $L/test.jsonl | head -3
$SLANT score --model "$TMPDIR/m" --explain 3 $L/test.jsonl | head -6
# probabilities sum to 1, scores stay in [-1, 1]
$SLANT score --model "$TMPDIR/m" --format tsv $L/test.jsonl |
	awk -F'\t' 'NR > 1 { s = $5 + $6 + $7; if (s < 0.999 || s > 1.001 || $4 < -1 || $4 > 1) bad++ }
		END { print NR - 1 " scored, " bad + 0 " out of range" }'
# the same model trained with one thread or two
$SLANT train --field label=lean --label label --group-folds outlet --folds 3 --C 0.3,1,3 \
	--threads 1 --quiet -o "$TMPDIR/m1" $L/train.jsonl >/dev/null
cmp "$TMPDIR/m/model.liblinear" "$TMPDIR/m1/model.liblinear" && echo "same weights"
# a second label set: topic, no axis, so no score
$SLANT train --field label=topic --label label --group-folds outlet --folds 3 \
	-o "$TMPDIR/topic" $L/train.jsonl | sed -n '/^best/p'
$SLANT eval --model "$TMPDIR/topic" --field label=topic --label label $L/test.jsonl | sed -n '/^articles/p'
$SLANT score --model "$TMPDIR/topic" --format jsonl $L/test.jsonl | head -2
# a kernel model (libsvm, rbf) with its own probability estimates; no explanations
$SLANT train --field label=lean --label label --group-folds outlet --folds 3 --kernel rbf \
	--C 1,3 --gamma 0.3,1 -o "$TMPDIR/rbf" $L/train.jsonl | sed -n -e '/^C /,/^best/p'
ls "$TMPDIR/rbf"
$SLANT eval --model "$TMPDIR/rbf" --field label=lean --label label $L/test.jsonl | sed -n '/^articles/p'
$SLANT score --model "$TMPDIR/rbf" --format tsv $L/test.jsonl |
	awk -F'\t' 'NR > 1 { s = $5 + $6 + $7; if (s < 0.999 || s > 1.001 || $4 < -1 || $4 > 1) bad++ }
		END { print NR - 1 " scored, " bad + 0 " out of range" }'
$SLANT score --model "$TMPDIR/rbf" --explain 2 $L/test.jsonl 2>&1 | sed "s|$TMPDIR|TMP|"; echo "exit $?"
# without dense features the model needs no quotations
$SLANT train --field label=lean --label label --folds 3 --dense none --quiet -o "$TMPDIR/plain" \
	$L/train.jsonl >/dev/null
grep -A1 '"blocks"' "$TMPDIR/plain/meta.json"
$SLANT eval --model "$TMPDIR/plain" --field label=lean --label label $L/test.jsonl | sed -n '/^articles/p'
# --keep-identity keeps outlet names and house style in the n-grams, and says so in the model
$SLANT train --field label=lean --label label --folds 3 --dense none --keep-identity --quiet \
	-o "$TMPDIR/keep" $L/train.jsonl >/dev/null
grep '"keep_identity"' "$TMPDIR/keep/meta.json" "$TMPDIR/plain/meta.json" | sed "s|$TMPDIR|TMP|"
