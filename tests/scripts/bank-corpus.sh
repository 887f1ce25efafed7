#!/bin/sh
# tests/scripts/bank-corpus.sh - ar-bank over every statement file of the
# shared corpus ($SHARED/external/{mt940,camt052,camt053,camt054,bai2,
# bank-csv}), each outcome compared with tests/data/bank-corpus.expected:
#
#   FILE<TAB>read N credits M debits
#   FILE<TAB>rejected: LINE: MESSAGE        (ar-bank's message, exit 65)
#
# Fails on any difference, on a file the expectations do not list, and on
# a listed file that is gone; exits 77 (skipped) when $SHARED is absent.
# Bank CSV files are read with the profile tests/data/bank-csv.profiles
# names, from tests/data/bank-csv.ini (which also sets the exponents of the
# corpus' currencies for every format).
#
#   sh tests/scripts/bank-corpus.sh            check (tests/run.sh runs this)
#   sh tests/scripts/bank-corpus.sh --table    print a markdown table
#   sh tests/scripts/bank-corpus.sh --regen    rewrite the expectations
#                                              (review the diff by eye)
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$root/../shared}
ext=$shared/external
data=$root/tests/data
ini=$data/bank-csv.ini
expected=$data/bank-corpus.expected
mode=${1:-check}
command -v ar-bank >/dev/null || { echo "ar-bank: not built (not on PATH)"; exit 1; }
# No ../shared at all (a user's clone): skip, as tests/run.sh understands 77.
[ -d "$shared" ] || { echo "no ../shared: corpus tests skipped"; exit 77; }
[ -d "$ext/mt940" ] || { echo "no corpus at $ext: set SHARED"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Every statement file: not licences, notes or the upstream dumps.
(cd "$ext" && find mt940 camt052 camt053 camt054 bai2 bank-csv -type f \
    ! -name 'LICENSE*' ! -name '*.md' ! -path '*/expected/*' | LC_ALL=C sort) \
    >"$tmp/files"

tab=$(printf '\t')
while IFS= read -r f; do
	set -- ar-bank --config "$ini" --debits
	case $f in
	bank-csv/*)
		p=$(grep -v '^#' "$data/bank-csv.profiles" |
		    awk -F'\t' -v f="${f#bank-csv/}" '$1 == f { print $2 }')
		if [ -z "$p" ]; then
			printf '%s\tno profile in tests/data/bank-csv.profiles\n' "$f"
			continue
		fi
		set -- "$@" --profile "$p" ;;
	esac
	(cd "$ext" && "$@" "$f") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq 0 ]; then
		c=$(tail -n +2 "$tmp/out" | awk -F, '$4 !~ /^-/' | wc -l)
		d=$(tail -n +2 "$tmp/out" | awk -F, '$4 ~ /^-/' | wc -l)
		# amount is the 4th column; a quoted payment_id would shift it
		printf '%s\tread %d credits %d debits\n' "$f" "$c" "$d"
	else
		msg=$(head -1 "$tmp/err" | sed "s|^ar-bank: $f:||")
		[ "$rc" -eq 65 ] || msg="exit $rc: $msg"
		printf '%s\trejected: %s\n' "$f" "$msg"
	fi
done <"$tmp/files" >"$tmp/got"

case $mode in
--regen)
	{
		echo "# tests/data/bank-corpus.expected - what ar-bank does with every file"
		echo "# of \$SHARED/external (see tests/scripts/bank-corpus.sh)."
		cat "$tmp/got"
	} >"$expected"
	echo "wrote $expected ($(wc -l <"$tmp/got") files)"
	exit 0 ;;
--table)
	echo "| file | outcome |"
	echo "|---|---|"
	sed -e 's/|/\\|/g' -e "s/$tab/ | /" -e 's/^/| /' -e 's/$/ |/' "$tmp/got"
	exit 0 ;;
check) ;;
*) echo "usage: bank-corpus.sh [--table | --regen]" >&2; exit 64 ;;
esac

grep -v '^#' "$expected" >"$tmp/want"
status=0
cut -f1 "$tmp/want" | sort >"$tmp/want.files"
cut -f1 "$tmp/got" | sort >"$tmp/got.files"
for f in $(comm -13 "$tmp/want.files" "$tmp/got.files"); do
	echo "not ok - $f is not in tests/data/bank-corpus.expected"; status=1
done
for f in $(comm -23 "$tmp/want.files" "$tmp/got.files"); do
	echo "not ok - $f is listed but not in the corpus"; status=1
done
while IFS="$tab" read -r f want; do
	got=$(awk -F'\t' -v f="$f" '$1 == f { sub(/^[^\t]*\t/, ""); print }' "$tmp/got")
	[ -n "$got" ] || continue
	if [ "$got" = "$want" ]; then
		echo "ok - $f"
	else
		echo "not ok - $f"
		echo "#   expected: $want"
		echo "#   got:      $got"
		status=1
	fi
done <"$tmp/want"
n=$(wc -l <"$tmp/got")
[ "$status" -eq 0 ] && echo "bank corpus: $n files as expected"
exit $status
