#!/bin/sh
# bench/run-bank.sh [SIZES] - time ar-bank on a generated MT940 file against
# ar-age on the same number of item rows, and show that ar-bank's memory
# does not grow with the file; print a table and append it to
# bench/RESULTS.md under "ar-bank".
#
#   sh bench/run-bank.sh             sizes from $BENCH_BANK_SIZES, else "100k 1m"
#   sh bench/run-bank.sh 100k 1m 2m
#
# Environment: BUILD (ar-bank and ar-age are $BUILD/bin/...; default build),
# BENCH_RUNS (hyperfine runs, default 5), BENCH_RESULTS (default
# bench/RESULTS.md), BENCH_CUSTOMERS (ar-age's customers, default 50000).
#
# The MT940 comes from bench/gen-mt940.c (1,000 transactions a statement,
# balances that add up, Malaysian :86: narratives), the items from
# bench/gen-items.c.  ar-bank runs with --debits (every :61: becomes a
# row), output to /dev/null; ar-age ages the items, output to /dev/null.
# Wall time: hyperfine (mean ± σ) when installed, else one run under
# /usr/bin/time; peak RSS from one run under /usr/bin/time -f %M.  The
# ratio is reported, never asserted.
set -u

cd "$(dirname "$0")/.." || exit 1
D=bench/data
BUILD=${BUILD:-build}
BANK=$BUILD/bin/ar-bank
AGE=$BUILD/bin/ar-age
AS_OF=2026-11-24
CUSTOMERS=${BENCH_CUSTOMERS:-50000}
RUNS=${BENCH_RUNS:-5}
RESULTS=${BENCH_RESULTS:-bench/RESULTS.md}
TIME=/usr/bin/time
CC=${CC:-cc}
if [ $# -gt 0 ]; then SIZES=$*; else SIZES=${BENCH_BANK_SIZES:-100k 1m}; fi

die() { echo "bench: $*" >&2; exit 1; }

rows_of() {
	case $1 in
	*[!0-9km]* | '' | [km]* | *[km]?*) return 1 ;;
	*k) echo $((${1%k} * 1000)) ;;
	*m) echo $((${1%m} * 1000000)) ;;
	*) echo "$1" ;;
	esac
}
for s in $SIZES; do
	rows_of "$s" >/dev/null || die "size '$s' is not N, Nk or Nm"
done
[ -x "$BANK" ] || die "$BANK not built (make BUILD=$BUILD)"
[ -x "$AGE" ] || die "$AGE not built (make BUILD=$BUILD)"
[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
mkdir -p "$D" || exit 1
CWARN="-std=c17 -Wall -Wextra -Wpedantic"
$CC $CWARN -O2 -o "$D/gen-mt940" bench/gen-mt940.c || die "cannot build bench/gen-mt940.c"
$CC $CWARN -O2 -o "$D/gen-items" bench/gen-items.c || die "cannot build bench/gen-items.c"

# seconds "mean ± sd" of a command (hyperfine, else one /usr/bin/time run);
# hyperfine throws the output away itself.  Arguments hold no blanks.
timeit() {
	if command -v hyperfine >/dev/null; then
		hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$D/hf.json" \
		    "$*" >/dev/null 2>&1 || { echo failed; return; }
		/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.3f ± %.3f" % (r["mean"], r["stddev"] or 0))' "$D/hf.json"
	else
		$TIME -f %e -o "$D/t" "$@" >/dev/null 2>&1 || { echo failed; return; }
		cat "$D/t"
	fi
}
# peak RSS in MiB of one run
rss() {
	$TIME -f %M -o "$D/m" "$@" >/dev/null 2>&1 || { echo failed; return; }
	awk '{ printf "%.1f", $1 / 1024 }' "$D/m"
}

when=$(date -u '+%Y-%m-%d %H:%M UTC')
table="| transactions | MT940 MB | ar-bank s | ar-bank RSS MiB | ar-age s (same rows) | ar-age RSS MiB | bank/age |
|---|---|---|---|---|---|---|"
echo "== ar-bank bench: $SIZES ($BANK)"
for s in $SIZES; do
	n=$(rows_of "$s")
	sta=$D/bank-$s.sta
	items=$D/items-$s.csv
	[ -s "$sta" ] || "$D/gen-mt940" "$n" >"$sta" || die "gen-mt940 failed"
	[ -s "$items" ] || "$D/gen-items" "$n" "$CUSTOMERS" >"$items" || die "gen-items failed"
	got=$("$BANK" --debits "$sta" | tail -n +2 | wc -l)
	[ "$got" -eq "$n" ] || die "ar-bank wrote $got rows of $n"
	mb=$(awk -v b="$(wc -c <"$sta")" 'BEGIN { printf "%.1f", b / 1048576 }')
	bt=$(timeit "$BANK" --debits "$sta")
	bm=$(rss "$BANK" --debits "$sta")
	at=$(timeit "$AGE" --as-of "$AS_OF" "$items")
	am=$(rss "$AGE" --as-of "$AS_OF" "$items")
	ratio=$(echo "$bt $at" | awk '{ if ($4 > 0) printf "%.2fx", $1 / $4; else print "-" }')
	row="| $s | $mb | $bt | $bm | $at | $am | $ratio |"
	echo "$row"
	table="$table
$row"
done
{
	echo
	echo "## ar-bank: run $when, sizes $SIZES"
	echo
	echo "Machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr); load average at start $(cut -d' ' -f1-3 /proc/loadavg)."
	echo "$("$BANK" --version 2>&1 | head -1) ($BANK); ar-bank --debits on bench/gen-mt940.c output, ar-age --as-of $AS_OF on bench/gen-items.c output ($CUSTOMERS customers); both to /dev/null."
	echo
	echo "$table"
} >>"$RESULTS"
echo "appended to $RESULTS"
