#!/bin/sh
# bench/run-import.sh [SIZES] - time ar-import on an SAP FBL5N list export
# against ar-age on the same open items as CSV, check that both give the
# same aging, print a table and append it to bench/RESULTS.md.
#
#   sh bench/run-import.sh          sizes from $BENCH_IMPORT_SIZES, else "1m 2m"
#   sh bench/run-import.sh 500k     sizes: N, Nk or Nm open items
#
# For each size N, bench/gen-items.c writes N item rows (items-SIZE.csv,
# shared with bench/run.sh) and bench/gen-fbl5n.c the same N items as an
# FBL5N list (fbl5n-SIZE.txt: customer blocks, page headers every 60 lines,
# subtotals and control totals, so about 1.3 lines an item).  Timed:
#
#   ar-age    ar-age --as-of 2026-11-24 items-SIZE.csv
#   ar-import ar-import fbl5n-SIZE.txt              (items CSV to /dev/null)
#   pipeline  ar-import fbl5n-SIZE.txt | ar-age --as-of 2026-11-24
#
# and, doing ar-import's work (FBL5N list to the items CSV, '**' control
# totals checked), the peers:
#
#   minimal-fbl5n  bench/minimal-fbl5n.c: the afternoon C baseline (cc -O2)
#   pandas         /usr/bin/python3 bench/peers/fbl5n.py (Debian python3-pandas)
#   gawk           LC_ALL=C gawk -f bench/peers/fbl5n.awk
#
# Each peer's items CSV must equal ar-import's: byte for byte, or else after
# bench/normalize-rows.py (customer, doc_no, doc_type, doc_date, due_date,
# currency, amount to the cent, company, name; input order).  A peer whose
# first run takes over $BENCH_SLOW seconds (default 60) is timed by
# hyperfine with one run and no warm-up, and the table says so.
#
# Wall time from hyperfine (mean and spread of $BENCH_RUNS runs after one
# warm-up) when it is installed, else one run under /usr/bin/time; peak RSS
# from /usr/bin/time -f %M, one run each (of the pipeline: ar-import's).
# The pipeline's output must equal ar-age's on the CSV byte for byte.  The
# target (ar-import within 2x of ar-age's time on as many items) is
# reported, never asserted.
#
# Environment: BUILD (default build), BENCH_IMPORT_SIZES, BENCH_CUSTOMERS
# (default 50000, as bench/run.sh), BENCH_RUNS (default 5), BENCH_SLOW
# (default 60), BENCH_RESULTS (default bench/RESULTS.md), CC.
set -u

cd "$(dirname "$0")/.." || exit 1
D=bench/data
BUILD=${BUILD:-build}
AGE=$BUILD/bin/ar-age
IMP=$BUILD/bin/ar-import
AS_OF=2026-11-24
CUSTOMERS=${BENCH_CUSTOMERS:-50000}
RUNS=${BENCH_RUNS:-5}
SLOW=${BENCH_SLOW:-60}
PY=/usr/bin/python3   # Debian's: the one that sees python3-pandas
P=bench/peers
TIME=/usr/bin/time
RESULTS=${BENCH_RESULTS:-bench/RESULTS.md}
CC=${CC:-cc}
if [ $# -gt 0 ]; then SIZES=$*; else SIZES=${BENCH_IMPORT_SIZES:-1m 2m}; fi

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
	rows_of "$s" >/dev/null || die "size '$s' is not N, Nk or Nm (e.g. 1m, 500k)"
done
[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
[ -x "$AGE" ] && [ -x "$IMP" ] || die "$AGE or $IMP not built (make BUILD=$BUILD)"
mkdir -p "$D" || exit 1
CWARN="-std=c17 -Wall -Wextra -Wpedantic"
$CC $CWARN -O2 -o "$D/gen-items" bench/gen-items.c || die "cannot build bench/gen-items.c"
$CC $CWARN -O2 -o "$D/gen-fbl5n" bench/gen-fbl5n.c || die "cannot build bench/gen-fbl5n.c"
$CC $CWARN -O2 -o "$D/minimal-fbl5n" bench/minimal-fbl5n.c || die "cannot build bench/minimal-fbl5n.c"
HF=$(command -v hyperfine || true)

# the peers that can run; skip_TOOL holds why one cannot
PEERS="minimal-fbl5n pandas gawk"
skip_minimal_fbl5n= skip_pandas= skip_gawk=
VPEERS="minimal-fbl5n: $($CC --version | head -1), -O2"
if v=$("$PY" -c 'import sys, pandas; print("pandas %s, Python %s" % (pandas.__version__, sys.version.split()[0]))' 2>&1); then
	VPEERS="$VPEERS; pandas: $v"
else
	skip_pandas="cannot import pandas in $PY"
fi
if command -v gawk >/dev/null; then
	VPEERS="$VPEERS; gawk: $(gawk --version | head -1 | cut -d, -f1)"
else
	skip_gawk="gawk not installed"
fi
ITEM_COLS=customer,doc_no,doc_type,doc_date,due_date,currency,amount,company,name

model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
MACHINE="$(nproc) x ${model:-unknown CPU}, $mem RAM, Linux $(uname -r); load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$HF" ]; then
	HOW="hyperfine $($HF --version | cut -d' ' -f2): mean ± σ of $RUNS runs after 1 warm-up"
else
	HOW="one run under /usr/bin/time (hyperfine not installed)"
fi
echo "== artools bench: ar-import vs ar-age, sizes: $SIZES"
echo "machine: $MACHINE"
echo "timing: $HOW"

# gen FILE STAMP-SOURCE COMMAND...: (re)make FILE unless its stamp says it is current.
gen() {
	f=$1 src=$2
	shift 2
	stamp="$(cksum < "$src" | cut -d' ' -f1) $*"
	[ -s "$f" ] && [ "$(cat "$f.stamp" 2>/dev/null)" = "$stamp" ] && return 0
	echo "-- generating $f"
	"$@" > "$f.tmp" && mv "$f.tmp" "$f" || { rm -f "$f.tmp"; die "cannot generate $f"; }
	echo "$stamp" > "$f.stamp"
}

# timed NAME COMMAND [RUNS WARMUP]: sets sec (mean wall seconds), sd, rss (KiB).
timed() {
	name=$1 cmd=$2 runs=${3:-$RUNS} warmup=${4:-1}
	if [ -n "$HF" ]; then
		"$HF" --style none --warmup "$warmup" --runs "$runs" \
			--export-json "$D/hf-$name.json" "$cmd" > /dev/null 2>&1 ||
			{ echo "   $name: FAILED under hyperfine"; status=1; }
		set -- $(/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.3f %.3f" % (r["mean"], r["stddev"] or 0))' "$D/hf-$name.json" 2>/dev/null || echo '? ?')
		sec=$1 sd=$2
	fi
	"$TIME" -f '%e %M' -o "$D/time-$name.txt" sh -c "$cmd" > /dev/null 2>&1 ||
		{ echo "   $name: FAILED"; status=1; }
	set -- $(tail -1 "$D/time-$name.txt")
	[ -n "$HF" ] || sec=$1 sd=-
	rss=$2
	printf '   %-10s %8ss ± %-6s %8.1f MiB peak RSS\n' "$name" "$sec" "$sd" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
}

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "?" || b == "?" || b + 0 <= 0) print "n/a"; else printf "%.2f", a / b }'; }

status=0
TABLE=$D/import-table.md
PTABLE=$D/import-peers.md
: > "$TABLE"
: > "$PTABLE"
for size in $SIZES; do
	rows=$(rows_of "$size")
	items=$D/items-$size.csv list=$D/fbl5n-$size.txt
	gen "$items" bench/gen-items.c "$D/gen-items" "$rows" "$CUSTOMERS"
	gen "$list" bench/gen-fbl5n.c "$D/gen-fbl5n" "$rows" "$CUSTOMERS"
	cat "$items" "$list" > /dev/null	# from the page cache, both
	lines=$(wc -l < "$list")
	imb=$(awk -v b="$(wc -c < "$items")" 'BEGIN { printf "%.0f", b / 1e6 }')
	lmb=$(awk -v b="$(wc -c < "$list")" 'BEGIN { printf "%.0f", b / 1e6 }')
	echo
	echo "-- $size: $rows items, $CUSTOMERS customers; $items $imb MB; $list $lines lines, $lmb MB"

	# the same aging either way
	"$AGE" --as-of $AS_OF "$items" > "$D/out-age-$size.csv" 2>/dev/null
	"$IMP" "$list" 2> "$D/err-import-$size.txt" | "$AGE" --as-of $AS_OF > "$D/out-pipe-$size.csv" 2>/dev/null
	if cmp -s "$D/out-age-$size.csv" "$D/out-pipe-$size.csv"; then
		same=yes
	else
		same=NO
		status=1
		echo "   ar-import | ar-age differs from ar-age on the CSV: $D/out-pipe-$size.csv"
	fi

	timed "ar-age-$size" "$AGE --as-of $AS_OF $items"
	a_sec=$sec a_sd=$sd a_rss=$rss
	timed "ar-import-$size" "$IMP $list"
	i_sec=$sec i_sd=$sd i_rss=$rss
	timed "pipeline-$size" "$IMP $list | $AGE --as-of $AS_OF"
	p_sec=$sec p_sd=$sd
	ratio=$(awk -v a="$i_sec" -v b="$a_sec" 'BEGIN { if (b + 0 <= 0) print "n/a"; else printf "%.2f", a / b }')
	verdict=$(awk -v r="$ratio" 'BEGIN { print (r != "n/a" && r <= 2) ? "met" : "NOT met" }')
	echo "   ar-import / ar-age: ${ratio}x (target 2x: $verdict); same aging: $same"
	printf '| %s | %s | %s ± %s | %s | %s ± %s | %s | %s ± %s | %sx | %s |\n' \
		"$size" "$lines" "$a_sec" "$a_sd" "$(mib "$a_rss")" "$i_sec" "$i_sd" \
		"$(mib "$i_rss")" "$p_sec" "$p_sd" "$ratio" "$same" >> "$TABLE"

	# ---- the peers: the same items CSV from the same list ------------------
	"$IMP" "$list" > "$D/out-import-$size.csv" 2>/dev/null ||
		{ echo "   ar-import $list failed"; status=1; }
	rm -f "$D/norm-import-$size.csv"   # made when a peer's bytes differ
	for t in $PEERS; do
		tv=$(echo "$t" | tr - _)
		eval "prow_$tv= psec_$tv= why=\${skip_$tv:-}"
		if [ -n "$why" ]; then
			echo "   $t: skipped ($why)"
			eval "prow_$tv=\"| \$size | \$t | - | - | - | - | skipped: \$why |\""
			continue
		fi
		case $t in
		minimal-fbl5n) cmd="$D/minimal-fbl5n $list" ;;
		pandas)        cmd="$PY $P/fbl5n.py $list" ;;
		gawk)          cmd="env LC_ALL=C gawk -f $P/fbl5n.awk $list" ;;
		esac
		out=$D/out-$t-$size.csv
		"$TIME" -f '%e' -o "$D/time-check-$t-$size.txt" sh -c "$cmd" > "$out" 2> "$D/err-$t-$size.txt"
		rc=$?
		first=$(tail -1 "$D/time-check-$t-$size.txt")
		if [ $rc != 0 ]; then
			echo "   $t: FAILED (exit $rc): $(tail -2 "$D/err-$t-$size.txt" | tr '\n' ' ')"
			eval "prow_$tv=\"| \$size | \$t | - | - | - | - | FAILED (exit \$rc) |\""
			status=1
			continue
		fi
		if cmp -s "$D/out-import-$size.csv" "$out"; then
			psame="yes (byte-identical)"
		elif { [ -s "$D/norm-import-$size.csv" ] ||
		    "$PY" bench/normalize-rows.py "$D/out-import-$size.csv" $ITEM_COLS amount \
		    > "$D/norm-import-$size.csv" 2>/dev/null; } &&
		    "$PY" bench/normalize-rows.py "$out" $ITEM_COLS amount > "$D/norm-$t-$size.csv" 2>/dev/null &&
		    cmp -s "$D/norm-import-$size.csv" "$D/norm-$t-$size.csv"; then
			psame="yes (after normalize-rows.py)"
		else
			psame=NO
			status=1
			echo "   $t: items differ from ar-import's; first differing lines (< ar-import, > $t):"
			diff "$D/norm-import-$size.csv" "$D/norm-$t-$size.csv" 2>&1 | head -6 | sed 's/^/        /'
		fi
		note=
		if awk -v s="$first" -v l="$SLOW" 'BEGIN { exit !(s > l) }'; then
			note=" (1 run: first took ${first} s)"
			timed "$t-$size" "$cmd" 1 0
		else
			timed "$t-$size" "$cmd"
		fi
		echo "   $t / ar-import: $(ratio "$sec" "$i_sec")x; same items: $psame"
		eval "psec_$tv=\$sec psd_$tv=\$sd prss_$tv=\$rss psame_$tv=\$psame pnote_$tv=\$note"
	done
	m_sec=$psec_minimal_fbl5n
	echo "   ar-import / minimal-fbl5n: $(ratio "$i_sec" "$m_sec")x"
	echo "| $size | ar-import | $i_sec ± $i_sd | $(mib "$i_rss") | 1.00 | $(ratio "$i_sec" "$m_sec") | reference |" >> "$PTABLE"
	for t in $PEERS; do
		tv=$(echo "$t" | tr - _)
		eval "r=\$prow_$tv s=\$psec_$tv"
		if [ -n "$r" ]; then
			echo "$r" >> "$PTABLE"
			continue
		fi
		eval "sd=\$psd_$tv rs=\$prss_$tv ps=\$psame_$tv pn=\$pnote_$tv"
		printf '| %s | %s | %s ± %s%s | %s | %s | %s | %s |\n' "$size" "$t" "$s" "$sd" "$pn" \
			"$(mib "$rs")" "$(ratio "$s" "$i_sec")" "$(ratio "$s" "$m_sec")" "$ps" >> "$PTABLE"
	done
done

{
	echo
	echo "## ar-import: run $(date -u '+%Y-%m-%d %H:%M UTC'), sizes $SIZES"
	echo
	echo "Machine: $MACHINE. Timing: $HOW; peak RSS from one run under /usr/bin/time."
	echo "$("$IMP" --version 2>&1 | head -1) ($IMP)."
	echo
	echo "| items | list lines | ar-age s | ar-age RSS MiB | ar-import s | ar-import RSS MiB | ar-import \\| ar-age s | import/age | same aging |"
	echo "|---|---|---|---|---|---|---|---|---|"
	cat "$TABLE"
	echo
	echo "Peers doing ar-import's work (the list to the items CSV, '**' totals checked; output kept for the check, to /dev/null when timed): minimal-fbl5n (bench/minimal-fbl5n.c, cc -O2), pandas (bench/peers/fbl5n.py), gawk (bench/peers/fbl5n.awk, LC_ALL=C). $VPEERS. Same items: equal to ar-import's output byte for byte, or after bench/normalize-rows.py."
	echo
	echo "| items | tool | s | peak RSS MiB | time / ar-import | time / minimal-fbl5n | same items |"
	echo "|---|---|---|---|---|---|---|"
	cat "$PTABLE"
} >> "$RESULTS"
echo
echo "appended to $RESULTS"
exit $status
