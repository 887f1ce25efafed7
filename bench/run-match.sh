#!/bin/sh
# bench/run-match.sh [SIZES] - the cash-application benchmark (issue 12):
# generate a noisy bank feed with the true allocation known, run the
# FIFO-by-customer baseline and, when it exists, ar-match on it, and score
# both against the truth (precision, auto-match rate, invariants).
#
#   sh bench/run-match.sh              sizes from $BENCH_MATCH_SIZES, else "small full"
#   sh bench/run-match.sh small        20,000 items x 2,000 payments, 1,000 customers
#   sh bench/run-match.sh full         1,000,000 items x 100,000 payments, 50,000 customers
#
# Environment: BUILD (default build), CC (default cc), BENCH_MATCH_SEED
# (default 1), BENCH_TIMEOUT (seconds a matcher may run, default 1800).
#
# The feed comes from bench/gen-match.c (cases and their shares: the table
# at its top) into bench/data/match-SIZE/ (items.csv, customers.csv,
# payments.csv, truth.csv), regenerated only when the generator or the
# arguments change.  The baseline is bench/fifo-match.c (customer by exact
# payer_account or ref1 only, then oldest due first, rest on account).
# ar-match runs as
#   ar-match --items items.csv --customers customers.csv \
#       -o allocations.csv --unmatched unmatched.csv payments.csv
# when `ar-match` is on PATH (else $BUILD/bin/ar-match); it is skipped with
# a message when neither exists.  Scores: bench/score-match.py (exact
# money) with --items, so over-allocated items are found too.  Wall time
# and peak RSS from /usr/bin/time -f '%e %M'.  Prints the figures; does not
# write bench/RESULTS.md.  Exit 1 when a matcher fails or breaks an
# invariant.
set -u

cd "$(dirname "$0")/.." || exit 1
D=bench/data
BUILD=${BUILD:-build}
CC=${CC:-cc}
PY=/usr/bin/python3   # Debian's; the scorer needs the standard library only
TIME=/usr/bin/time
SEED=${BENCH_MATCH_SEED:-1}
TIMEOUT=${BENCH_TIMEOUT:-1800}
if [ $# -gt 0 ]; then SIZES=$*; else SIZES=${BENCH_MATCH_SIZES:-small full}; fi

die() { echo "bench: $*" >&2; exit 1; }

for s in $SIZES; do
	case $s in small | full) ;; *) die "size '$s' is not small or full" ;; esac
done
[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
[ -x "$PY" ] || die "$PY missing"
command -v "$CC" >/dev/null || die "no C compiler ($CC)"
mkdir -p "$D" || exit 1

# ---- build the generator and the baseline --------------------------------
CWARN="-std=c17 -Wall -Wextra -Wpedantic"
$CC $CWARN -O2 -o "$D/gen-match" bench/gen-match.c || die "cannot build bench/gen-match.c"
$CC $CWARN -O2 -o "$D/fifo-match" bench/fifo-match.c || die "cannot build bench/fifo-match.c"

if command -v ar-match >/dev/null 2>&1; then
	AR_MATCH=$(command -v ar-match)
elif [ -x "$BUILD/bin/ar-match" ]; then
	AR_MATCH=$BUILD/bin/ar-match
else
	AR_MATCH=
fi

echo "== artools bench: cash application (ar-match vs FIFO by customer), sizes: $SIZES"
echo "machine: $(nproc) x $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"

status=0
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# run NAME DIR CMD... : time CMD in DIR's output files, score, print a line
run() {
	name=$1 dir=$2
	shift 2
	out=$dir/out-$name
	mkdir -p "$out" || return 1
	rm -f "$out/allocations.csv" "$out/unmatched.csv"
	"$TIME" -f '%e %M' -o "$out/time.txt" timeout -k 10 "$TIMEOUT" "$@" \
		> "$out/stdout.txt" 2> "$out/stderr.txt"
	rc=$?
	set -- $(tail -1 "$out/time.txt" 2>/dev/null) '' ''
	sec=$1 rss=$2
	if [ $rc != 0 ]; then
		printf '   %-10s FAILED (exit %s): %s\n' "$name" "$rc" "$(tail -3 "$out/stderr.txt" | tr '\n' ' ')"
		status=1
		return
	fi
	"$PY" bench/score-match.py --items "$dir/items.csv" "$dir/truth.csv" \
		"$out/allocations.csv" "$out/unmatched.csv" > "$out/score.txt" 2>&1
	src=$?
	score=$(sed -n 's/^SCORE //p' "$out/score.txt")
	printf '   %-10s %8ss %8s MiB  %s\n' "$name" "$sec" "$(mib "$rss")" "${score:-scorer failed: $(tail -1 "$out/score.txt")}"
	[ $src = 0 ] || { status=1; echo "              invariant breach or unreadable output: see $out/score.txt"; }
}

for size in $SIZES; do
	case $size in
	small) items=20000 pays=2000 custs=1000 ;;
	full) items=1000000 pays=100000 custs=50000 ;;
	esac
	dir=$D/match-$size
	stamp="$(cksum < bench/gen-match.c | cut -d' ' -f1) $items $pays $custs $SEED"
	echo
	if [ ! -s "$dir/truth.csv" ] || [ "$(cat "$dir/stamp" 2>/dev/null)" != "$stamp" ]; then
		rm -rf "$dir" && mkdir -p "$dir" || die "cannot create $dir"
		"$TIME" -f '%e %M' -o "$dir/gen-time.txt" \
			"$D/gen-match" "$items" "$pays" "$custs" "$SEED" "$dir" 2> "$dir/gen.txt" ||
			{ cat "$dir/gen.txt" >&2; die "cannot generate $dir"; }
		echo "$stamp" > "$dir/stamp"
		set -- $(tail -1 "$dir/gen-time.txt") '' ''
		echo "-- $size: generated $dir in $1 s (peak RSS $(mib "$2") MiB)"
	else
		echo "-- $size: $dir (cached)"
	fi
	mb=$(cat "$dir/items.csv" "$dir/payments.csv" | wc -c | awk '{ printf "%.0f", $1 / 1e6 }')
	echo "   $items items x $pays payments, $custs customers, seed $SEED ($mb MB of items + payments); cases:"
	grep '^  ' "$dir/gen.txt" | sed 's/^/   /'
	cat "$dir/items.csv" "$dir/customers.csv" "$dir/payments.csv" > /dev/null   # page cache

	"$PY" bench/score-match.py --items "$dir/items.csv" "$dir/truth.csv" "$dir/truth.csv" \
		> "$dir/score-truth.txt" 2>&1 ||
		{ status=1; echo "   the truth does not score 100 % against itself: see $dir/score-truth.txt"; }
	echo "   truth      (itself)              $(sed -n 's/^SCORE //p' "$dir/score-truth.txt")"

	run fifo "$dir" "$D/fifo-match" "$dir/items.csv" "$dir/customers.csv" "$dir/payments.csv" \
		"$dir/out-fifo/allocations.csv" "$dir/out-fifo/unmatched.csv"
	if [ -n "$AR_MATCH" ]; then
		run ar-match "$dir" "$AR_MATCH" --items "$dir/items.csv" --customers "$dir/customers.csv" \
			-o "$dir/out-ar-match/allocations.csv" --unmatched "$dir/out-ar-match/unmatched.csv" \
			"$dir/payments.csv"
	else
		echo "   ar-match   skipped: not on PATH and no $BUILD/bin/ar-match (not built yet)"
	fi
	for t in fifo ar-match; do
		[ -s "$dir/out-$t/score.txt" ] || continue
		echo "   $t per case (payments, auto-match %, precision %):"
		sed -n '/^per case:/,/^rows per rule:/p' "$dir/out-$t/score.txt" | sed '1d;$d' |
			awk '{ printf "      %-15s %7s %8s %8s\n", $1, $2, $3, $4 }'
	done
done
echo
echo "targets (issue 12, reported, never asserted): ar-match precision >= 99.5 %, auto-match >= 90 %,"
echo "full feed under 30 s with peak RSS under 1 GiB on 2 cores; outputs in $D/match-*/out-*/"
exit $status
