#!/bin/sh
# mk/deps.sh WHAT - install the Debian packages WHAT needs, when missing.
# WHAT: build (compile and run), check (tests, fuzzing), bench, lint.
# Runs apt-get only when something is missing, and only as root; otherwise
# prints the command to run.
set -eu

what=${1:-build}
pkgs="gcc make pkg-config python3 libc6-dev libcsv-dev libiniparser-dev libxlsxwriter-dev zlib1g-dev libexpat1-dev libutf8proc-dev libpango1.0-dev libcairo2-dev libgmime-3.0-dev libxml2-dev fonts-noto-core fonts-noto-cjk tzdata"
case $what in
check) pkgs="$pkgs clang libclang-rt-dev mandoc python3 python3-openpyxl poppler-utils libxml2-utils" ;;
bench) pkgs="$pkgs python3 python3-pandas python3-xlsxwriter miller sqlite3 gawk hyperfine nodejs time linux-perf" ;;
lint)  pkgs="mandoc" ;;
esac

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "artools: missing Debian packages:$missing" >&2
	echo "artools: run as root: apt-get install -y$missing" >&2
	exit 1
fi
echo "artools: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
