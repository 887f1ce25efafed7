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
#
# Peers doing ar-bank's work on the same file (every :61: a row, debits
# negative, balances checked), output to /dev/null when timed:
#
#   minimal-mt940  bench/minimal-mt940.c: the afternoon C baseline (cc -O2)
#   python         /usr/bin/python3 bench/peers/mt940.py (standard library:
#                  Debian has no MT940 package)
#
# Each peer's payments must equal ar-bank's after bench/normalize-rows.py
# on payment_id, value_date, currency, amount (to the cent), reference,
# bank_ref, statement, account, booking_date, in input order (ar-bank's
# payer, channel, ref1 and ref2 are its own: the peers do not write them).
# A peer whose first run takes over $BENCH_SLOW seconds (default 60) is
# timed by hyperfine with one run and no warm-up, and the table says so.
set -u

cd "$(dirname "$0")/.." || exit 1
D=bench/data
BUILD=${BUILD:-build}
BANK=$BUILD/bin/ar-bank
AGE=$BUILD/bin/ar-age
AS_OF=2026-11-24
CUSTOMERS=${BENCH_CUSTOMERS:-50000}
RUNS=${BENCH_RUNS:-5}
SLOW=${BENCH_SLOW:-60}
PY=/usr/bin/python3
P=bench/peers
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
$CC $CWARN -O2 -o "$D/minimal-mt940" bench/minimal-mt940.c || die "cannot build bench/minimal-mt940.c"
[ -x "$PY" ] || die "$PY missing"
PEERS="minimal-mt940 python"
PAY_COLS=payment_id,value_date,currency,amount,reference,bank_ref,statement,account,booking_date

# seconds "mean ± sd" of a command (hyperfine, else one /usr/bin/time run);
# hyperfine throws the output away itself.  Arguments hold no blanks.
# TRUNS and TWARM, when set, override the runs and the warm-up.
timeit() {
	if command -v hyperfine >/dev/null; then
		hyperfine -N --warmup "${TWARM:-1}" --runs "${TRUNS:-$RUNS}" --export-json "$D/hf.json" \
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

# "a ± b" / "c ± d" -> a / c, 2 decimals
ratio() { echo "$1 $2" | awk '{ if (NF >= 4 && $1 + 0 > 0 && $4 + 0 > 0) printf "%.2f", $1 / $4; else print "n/a" }'; }

when=$(date -u '+%Y-%m-%d %H:%M UTC')
status=0
ptable="| transactions | tool | s | peak RSS MiB | time / ar-bank | time / minimal-mt940 | same payments |
|---|---|---|---|---|---|---|"
table="| transactions | MT940 MB | ar-bank s | ar-bank RSS MiB | ar-age s (same rows) | ar-age RSS MiB | bank/age |
|---|---|---|---|---|---|---|"
echo "== ar-bank bench: $SIZES ($BANK)"
for s in $SIZES; do
	n=$(rows_of "$s")
	sta=$D/bank-$s.sta
	items=$D/items-$s.csv
	[ -s "$sta" ] || "$D/gen-mt940" "$n" >"$sta" || die "gen-mt940 failed"
	[ -s "$items" ] || "$D/gen-items" "$n" "$CUSTOMERS" >"$items" || die "gen-items failed"
	"$BANK" --debits "$sta" >"$D/out-bank-$s.csv" || die "ar-bank failed on $sta"
	got=$(tail -n +2 "$D/out-bank-$s.csv" | wc -l)
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

	# ---- the peers: the same payments from the same file -------------------
	"$PY" bench/normalize-rows.py "$D/out-bank-$s.csv" $PAY_COLS amount >"$D/norm-bank-$s.csv" ||
		die "cannot normalise $D/out-bank-$s.csv"
	prows=
	m_t=
	for t in $PEERS; do
		case $t in
		minimal-mt940) set -- "$D/minimal-mt940" "$sta" ;;
		python)        set -- "$PY" "$P/mt940.py" "$sta" ;;
		esac
		out=$D/out-$t-$s.csv
		if ! $TIME -f %e -o "$D/t" "$@" >"$out" 2>"$D/err-$t-$s.txt"; then
			echo "   $t: FAILED: $(tail -2 "$D/err-$t-$s.txt" | tr '\n' ' ')"
			prows="$prows
| $s | $t | - | - | - | - | FAILED |"
			status=1
			continue
		fi
		first=$(tail -1 "$D/t")
		if "$PY" bench/normalize-rows.py "$out" $PAY_COLS amount >"$D/norm-$t-$s.csv" &&
		    cmp -s "$D/norm-bank-$s.csv" "$D/norm-$t-$s.csv"; then
			psame=yes
		else
			psame=NO
			status=1
			echo "   $t: payments differ from ar-bank's; first differing lines (< ar-bank, > $t):"
			diff "$D/norm-bank-$s.csv" "$D/norm-$t-$s.csv" 2>&1 | head -6 | sed 's/^/        /'
		fi
		note=
		if awk -v x="$first" -v l="$SLOW" 'BEGIN { exit !(x > l) }'; then
			note=" (1 run: first took $first s)"
			pt=$(TRUNS=1 TWARM=0 timeit "$@")
		else
			pt=$(timeit "$@")
		fi
		pm=$(rss "$@")
		[ "$t" != minimal-mt940 ] || m_t=$pt
		echo "   $t: $pt s$note, $pm MiB; $t / ar-bank: $(ratio "$pt" "$bt")x; same payments: $psame"
		prows="$prows
| $s | $t | $pt$note | $pm | $(ratio "$pt" "$bt") | %MIN:$pt% | $psame |"
	done
	echo "   ar-bank / minimal-mt940: $(ratio "$bt" "$m_t")x"
	ptable="$ptable
| $s | ar-bank | $bt | $bm | 1.00 | $(ratio "$bt" "$m_t") | reference |"
	echo "$prows" | sed 1d | while IFS= read -r r; do
		x=$(echo "$r" | sed -n 's/.*%MIN:\([^%]*\)%.*/\1/p')
		if [ -n "$x" ]; then
			echo "$r" | sed "s/%MIN:[^%]*%/$(ratio "$x" "$m_t")/"
		else
			echo "$r"
		fi
	done > "$D/bank-peers.md"
	ptable="$ptable
$(cat "$D/bank-peers.md")"
done
{
	echo
	echo "## ar-bank: run $when, sizes $SIZES"
	echo
	echo "Machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr); load average at start $(cut -d' ' -f1-3 /proc/loadavg)."
	echo "$("$BANK" --version 2>&1 | head -1) ($BANK); ar-bank --debits on bench/gen-mt940.c output, ar-age --as-of $AS_OF on bench/gen-items.c output ($CUSTOMERS customers); both to /dev/null."
	echo
	echo "$table"
	echo
	echo "Peers doing ar-bank's work on the same file (every :61: a row, debits negative, balances checked; output kept for the check, to /dev/null when timed): minimal-mt940 (bench/minimal-mt940.c, $($CC --version | head -1), -O2), python (bench/peers/mt940.py, Python $("$PY" -c 'import sys; print(sys.version.split()[0])'), standard library). Same payments: equal to ar-bank's after bench/normalize-rows.py on $PAY_COLS (input order)."
	echo
	echo "$ptable"
} >>"$RESULTS"
echo "appended to $RESULTS"
[ $status = 0 ] || echo "bench: a peer failed or disagreed with ar-bank" >&2
exit $status
