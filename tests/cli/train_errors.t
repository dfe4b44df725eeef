# training and scoring errors: a clear message, a non-zero exit, the old model kept
L=tests/data/labelled
# runs a command; its output and messages with the temporary directory as TMP, then its exit
t() {
	out=$("$@" 2>&1)
	code=$?
	printf '%s\n' "$out" | sed -e "s|$TMPDIR|TMP|g" -e 's/in [0-9.]* s$/in T s/'
	echo "exit $code"
}
t $SLANT train --field label=lean --label label --folds 3 --quiet -o "$TMPDIR/m" $L/train.jsonl >/dev/null
cp "$TMPDIR/m/meta.json" "$TMPDIR/meta.before"
# one label only: nothing is written over the model
grep '"lean": *"left"' $L/train.jsonl > "$TMPDIR/left.jsonl"
t $SLANT train --field label=lean --label label -o "$TMPDIR/m" "$TMPDIR/left.jsonl"
cmp "$TMPDIR/m/meta.json" "$TMPDIR/meta.before" && echo "model kept"
ls "$TMPDIR"
# no --label; a missing label field; a bad grid; a label twice in --order
t $SLANT train $L/train.jsonl
t $SLANT train --label nothing --quiet -o "$TMPDIR/x" $L/train.jsonl | tail -3
t $SLANT train --label lean --C 0,1 $L/train.jsonl
t $SLANT train --field label=lean --label label --C 1,1 --quiet -o "$TMPDIR/x" $L/train.jsonl
t $SLANT train --field label=lean --label label --order left,left,right -o "$TMPDIR/x" $L/train.jsonl
# more folds than outlets
t $SLANT train --field label=lean --label label --group-folds outlet --folds 10 -o "$TMPDIR/y" $L/train.jsonl
# a directory that is no model is not replaced
mkdir "$TMPDIR/notes" && echo hello > "$TMPDIR/notes/todo.txt"
t $SLANT train --field label=lean --label label --folds 3 --quiet -o "$TMPDIR/notes" $L/train.jsonl
cat "$TMPDIR/notes/todo.txt"
ls "$TMPDIR"
# eval: a label the model does not know is a bad record
sed 's/"lean": *"left"/"lean": "far-left"/' $L/test.jsonl > "$TMPDIR/odd.jsonl"
t $SLANT eval --model "$TMPDIR/m" --field label=lean --label label "$TMPDIR/odd.jsonl"
# a damaged model directory
cp -r "$TMPDIR/m" "$TMPDIR/bad"
head -c 2000 "$TMPDIR/m/model.liblinear" > "$TMPDIR/bad/model.liblinear"
t $SLANT score --model "$TMPDIR/bad" $L/test.jsonl
cp "$TMPDIR/m/model.liblinear" "$TMPDIR/bad/"
sed '3d' "$TMPDIR/m/vocab.tsv" > "$TMPDIR/bad/vocab.tsv"
t $SLANT score --model "$TMPDIR/bad" $L/test.jsonl
rm "$TMPDIR/bad/meta.json"
t $SLANT score --model "$TMPDIR/bad" $L/test.jsonl
t $SLANT score --model "$TMPDIR/nowhere" $L/test.jsonl
# a lexicon changed since training
mkdir -p "$TMPDIR/data"
cp -r lexicons "$TMPDIR/data/"
printf 'hooligans\tdysphemism\t0.5\t1\ttest\n' >> "$TMPDIR/data/lexicons/loaded.tsv"
(export SLANT_DATA_DIR="$TMPDIR/data"; t $SLANT score --model "$TMPDIR/m" $L/test.jsonl)
