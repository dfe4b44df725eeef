#!/bin/sh
# bench/baseline.sh [baseline.py options] - the plain TF-IDF 1-2 gram + linear SVM lean baseline
# (bench/baseline.py) on AllSides: C chosen by outlet-grouped CV on train, scored on dev, whose
# outlets train never saw. The figure slant's framing model has to beat.
# Installs python3-sklearn (Debian) when the system python lacks it. Skips, successfully, when
# ../shared/corpora is absent or scikit-learn cannot be had.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${SLANT_CORPORA:-$root/../shared/corpora}/allsides
py=/usr/bin/python3 # Debian's python3-sklearn serves this interpreter only, not a pyenv one

if [ ! -f "$corpus/train.jsonl.gz" ] || [ ! -f "$corpus/dev.jsonl.gz" ]; then
	echo "bench/baseline: skipped: $corpus/{train,dev}.jsonl.gz are absent"
	exit 0
fi
if ! "$py" -c 'import sklearn' 2>/dev/null; then
	echo "bench/baseline: installing python3-sklearn"
	if ! { apt-get install -y python3-sklearn >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 &&
		apt-get install -y python3-sklearn >/dev/null 2>&1; }; } ||
		! "$py" -c 'import sklearn' 2>/dev/null; then
		echo "bench/baseline: skipped: scikit-learn is missing and python3-sklearn could not be installed (need root and apt-get)"
		exit 0
	fi
fi
exec "$py" "$root/bench/baseline.py" "$@"
