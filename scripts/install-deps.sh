#!/bin/sh
# install-deps.sh - installs what slant needs to build and test on Debian, if it is missing.
# Runs apt-get as root, or through sudo.
set -eu

packages="build-essential cmake pkg-config gzip time
libsvm-dev liblinear-dev libutf8proc-dev libcjson-dev zlib1g-dev libisal-dev libcmocka-dev libxml2-utils"

missing=""
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
if [ -z "$missing" ]; then
	echo "install-deps: everything is installed"
	exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
	run=""
elif command -v sudo >/dev/null 2>&1; then
	run="sudo"
else
	echo "install-deps: missing:$missing; run this script as root" >&2
	exit 1
fi
echo "install-deps: installing$missing"
$run apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $run apt-get install -y -qq --no-install-recommends $missing
