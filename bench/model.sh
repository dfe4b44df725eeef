#!/bin/sh
# bench/model.sh [SLANT] - the lean model against the plain baseline, on outlets neither saw.
#   1. `slant train`, the command that made models/lean: outlet-grouped 5-fold cross-validation
#      on AllSides train, then the final fit; wall time and peak memory of the whole run;
#   2. `slant eval` of that model on dev (29 outlets train never saw);
#   3. bench/baseline.sh (TF-IDF 1-2 grams + LinearSVC, scikit-learn) on the same folds and dev.
# The model goes to $OUT (default: a temporary directory; OUT=models/lean refreshes the shipped
# one). Extra `slant train` options can be given in $TRAIN_OPTS, for experiments.
# Skips, successfully, when ../shared/corpora is absent.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
slant=${1:-$root/build/slant}
corpus=${SLANT_CORPORA:-$root/../shared/corpora}/allsides
if [ ! -f "$corpus/train.jsonl.gz" ] || [ ! -f "$corpus/dev.jsonl.gz" ]; then
	echo "bench/model: skipped: $corpus/{train,dev}.jsonl.gz are absent"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${OUT:-$tmp/lean}
map="--field text=content_original --field outlet=source --field id=ID --field label=bias_text"
# shellcheck disable=SC2086
lex="--lexicon $root/lexicons/immigration.tsv --lexicon $root/lexicons/loaded.tsv --lexicon $root/lexicons/frames.tsv"
set -- train $map --label label --group-folds outlet --min-groups 20 --dense lexicon $lex --no-strip ${TRAIN_OPTS:-} \
	--folds-out "$tmp/folds.tsv" -o "$out" "$corpus/train.jsonl.gz"
echo "== slant $* (with \$corpus = $corpus)"
/usr/bin/time -f 'train: %e s wall, %U s user, peak %M KB' "$slant" "$@"
echo "model size: $(du -sk "$out" | cut -f1) KB"
echo
echo "== slant eval on dev (outlets unseen in training)"
# shellcheck disable=SC2086
"$slant" eval --model "$out" $map --label label "$corpus/dev.jsonl.gz" | sed -n '1,/^$/p'
echo
echo "== baseline on the same folds"
sh "$root/bench/baseline.sh" --folds-file "$tmp/folds.tsv"
