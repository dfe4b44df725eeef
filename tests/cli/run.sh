#!/bin/sh
# run.sh SLANT CASE.t - runs one end-to-end case and compares with CASE.out.
#
# A case is a shell snippet run from the project root with $SLANT set to the binary. What it
# prints on standard output, then on standard error, then its exit code, must equal the
# expected file byte for byte (git's test_cmp). SLANT_UPDATE_GOLDEN=1 rewrites the expected
# file instead: review the diff before committing it.
set -u
SLANT=$1
case_file=$2
expect=${case_file%.t}.out
tmp=$(mktemp -d "${TMPDIR:-/tmp}/slant-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/work"
export SLANT TMPDIR="$tmp/work"
unset SLANT_DATA_DIR

sh "$case_file" >"$tmp/stdout" 2>"$tmp/stderr"
code=$?
{
	cat "$tmp/stdout"
	echo "--- stderr"
	cat "$tmp/stderr"
	echo "--- exit $code"
} >"$tmp/actual"

if [ "${SLANT_UPDATE_GOLDEN:-}" = 1 ]; then
	cp "$tmp/actual" "$expect"
	echo "updated $expect"
	exit 0
fi
if ! diff -u "$expect" "$tmp/actual"; then
	echo "FAIL: $case_file differs from $expect" >&2
	exit 1
fi
