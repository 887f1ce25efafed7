#!/bin/sh
# bench/run-xlsx.sh - time the 1M-row Detail workbook of ar-age --detail
# --xlsx against a minimal libxlsxwriter writer of the same cells
# (bench/minimal-xlsx.c) and Python's XlsxWriter
# (bench/peers/detail_xlsxwriter.py), check that the Detail sheets agree,
# print a table and append it to bench/RESULTS.md.
#
# Environment: BUILD (where ar-age is: $BUILD/bin/ar-age; default build),
# BENCH_CUSTOMERS (default 50000), BENCH_RESULTS (default bench/RESULTS.md),
# BENCH_TIMEOUT (seconds one tool may run, default 1800), BENCH_KEEP=1 keeps
# the workbooks (bench/data/detail-TOOL-1m.xlsx; removed otherwise).
#
# Every tool runs once under /usr/bin/time (wall seconds, peak RSS), after
# the input has been read once into the page cache.  Each workbook is then
# read back with openpyxl (read-only; about 25 s per workbook): the Detail
# sheet(s)' header, row count, the first, 500,000th and last data rows, the
# number formats of the first data row, the sum of amount in cents, the sum
# of days_overdue and the count per bucket must be the same for all three.
# Timings are reported, never asserted; a tool that fails or disagrees
# makes the script exit 1 at the end.
set -u

cd "$(dirname "$0")/.." || exit 1
D=bench/data
BUILD=${BUILD:-build}
AR=$BUILD/bin/ar-age
AS_OF=2026-11-24
SIZE=1m
ROWS=1000000
CUSTOMERS=${BENCH_CUSTOMERS:-50000}
PY=/usr/bin/python3   # Debian's: the one that sees python3-xlsxwriter and -openpyxl
TIME=/usr/bin/time
RESULTS=${BENCH_RESULTS:-bench/RESULTS.md}
CC=${CC:-cc}
TIMEOUT=${BENCH_TIMEOUT:-1800}
TOOLS="minimal-xlsx ar-age xlsxwriter-py"

die() { echo "bench-xlsx: $*" >&2; exit 1; }

[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
[ -x "$PY" ] || die "$PY missing: run sh mk/deps.sh bench"
[ -x "$AR" ] || die "$AR missing: build it first (make BUILD=$BUILD)"
"$PY" -c 'import openpyxl' 2>/dev/null ||
	die "cannot import openpyxl in $PY: run sh mk/deps.sh check (python3-openpyxl)"
mkdir -p "$D" || exit 1

CWARN="-std=c17 -Wall -Wextra -Wpedantic"
$CC $CWARN -O2 -o "$D/gen-items" bench/gen-items.c ||
	die "cannot build bench/gen-items.c"
$CC $CWARN -O2 -o "$D/minimal-xlsx" bench/minimal-xlsx.c -lcsv -lxlsxwriter -lz ||
	die "cannot build bench/minimal-xlsx.c (needs libcsv-dev, libxlsxwriter-dev)"

data=$D/items-$SIZE.csv
stamp="$(cksum < bench/gen-items.c | cut -d' ' -f1) $ROWS $CUSTOMERS"
if [ ! -s "$data" ] || [ "$(cat "$data.stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "-- generating $data ($ROWS rows, $CUSTOMERS customers)"
	if ! "$D/gen-items" "$ROWS" "$CUSTOMERS" > "$data.tmp" || ! mv "$data.tmp" "$data"; then
		rm -f "$data.tmp"
		die "cannot generate $data"
	fi
	echo "$stamp" > "$data.stamp"
fi
mb=$(awk -v b="$(wc -c < "$data")" 'BEGIN { printf "%.0f", b / 1e6 }')

# ---- versions and machine -------------------------------------------------
deb() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo '?'; }
VERSIONS=$D/versions-xlsx.txt
{
	echo "minimal-xlsx $($CC --version | head -1), libcsv $(deb libcsv3), libxlsxwriter $(deb libxlsxwriter-dev); -O2"
	echo "ar-age $("$AR" --version 2>&1 | head -1) ($AR), libxlsxwriter $(deb libxlsxwriter-dev)"
	if v=$("$PY" -c 'import sys, xlsxwriter; print("XlsxWriter %s, Python %s" % (xlsxwriter.__version__, sys.version.split()[0]))' 2>&1); then
		echo "xlsxwriter-py $v (Debian python3-xlsxwriter $(deb python3-xlsxwriter)); constant_memory"
	else
		echo "xlsxwriter-py skipped: cannot import xlsxwriter in $PY (sh mk/deps.sh bench)"
		skip_py=1
	fi
	echo "read-back openpyxl $("$PY" -c 'import openpyxl; print(openpyxl.__version__)') (read-only)"
} > "$VERSIONS"
model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
MACHINE="$(nproc) x ${model:-unknown CPU} (nproc $(nproc)), $mem RAM, ${os:-unknown OS}, Linux $(uname -r); load average at start $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== artools bench: ar-age --detail --xlsx, $SIZE ($data, $ROWS rows, $mb MB)"
echo "machine: $MACHINE"
echo "versions:"
sed 's/^/  /' "$VERSIONS"

# ---- the read-back digest ----------------------------------------------------
CHECK=$D/xlsx-digest.py
cat > "$CHECK" <<'EOF'
import sys
from collections import Counter
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
sheets = [n for n in wb.sheetnames if n == "Detail" or n.startswith("Detail (")]
print("detail sheets:", len(sheets))
header = None
n = amount = days = 0
buckets = Counter()
sample = {}
want = {1, 500000}
for name in sheets:
    rows = wb[name].iter_rows(values_only=True)
    h = next(rows)
    if header is None:
        header = h
        a, d, b = header.index("amount"), header.index("days_overdue"), header.index("bucket")
        print("header:", header)
    for r in rows:
        n += 1
        amount += round(r[a] * 100)
        days += r[d]
        buckets[r[b]] += 1
        if n in want:
            sample[n] = r
        last = r
sample[n] = last
print("data rows:", n)
for k in sorted(sample):
    print("row %d:" % k, tuple((type(v).__name__, v) for v in sample[k]))
ws = wb[sheets[0]]
for r in ws.iter_rows(min_row=2, max_row=2):
    print("formats:", tuple(c.number_format for c in r))
print("sum amount (cents):", amount)
print("sum days_overdue:", days)
print("buckets:", sorted(buckets.items()))
EOF

# ---- run ------------------------------------------------------------------
cat "$data" > /dev/null   # every tool reads it from the page cache
status=0
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 <= 0) print "n/a"; else printf "%.2f", a / (b < 0.01 ? 0.01 : b) }'; }
for t in $TOOLS; do
	tv=$(echo "$t" | tr - _)
	eval "sec_$tv= rss_$tv= size_$tv= res_$tv="
	out=$D/detail-$t-$SIZE.xlsx tf=$D/time-xlsx-$t.txt err=$D/err-xlsx-$t.txt
	rm -f "$out"
	case $t in
	minimal-xlsx)  set -- "$D/minimal-xlsx" "$AS_OF" "$data" "$out" ;;
	ar-age)        set -- "$AR" --as-of "$AS_OF" --detail --xlsx "$out" -o /dev/null "$data" ;;
	xlsxwriter-py) set -- "$PY" bench/peers/detail_xlsxwriter.py "$AS_OF" "$data" "$out" ;;
	esac
	printf '   %-14s ' "$t"
	if [ "$t" = xlsxwriter-py ] && [ -n "${skip_py:-}" ]; then
		res_xlsxwriter_py="skipped: no python3-xlsxwriter"
		echo "$res_xlsxwriter_py"
		continue
	fi
	"$TIME" -f '%e %M' -o "$tf" timeout -k 10 "$TIMEOUT" "$@" < /dev/null > /dev/null 2> "$err"
	rc=$?
	[ $rc != 124 ] || echo "timed out after $TIMEOUT s (BENCH_TIMEOUT)" >> "$err"
	set -- $(tail -1 "$tf" 2>/dev/null) '' ''
	eval "sec_$tv=\$1 rss_$tv=\$2"
	printf '%8ss %8.1f MiB  ' "$1" "$(awk -v k="$2" 'BEGIN { print k / 1024 }')"
	if [ $rc != 0 ] || [ ! -s "$out" ]; then
		eval "res_$tv=\"FAILED (exit $rc)\""
		echo "FAILED (exit $rc): $(tail -3 "$err" | tr '\n' ' ')"
		status=1
		continue
	fi
	eval "size_$tv=\$(awk -v b=\"\$(wc -c < \"\$out\")\" 'BEGIN { printf \"%.1f\", b / 1048576 }')"
	if ! "$PY" "$CHECK" "$out" > "$D/digest-$t.txt" 2> "$D/digest-$t.err"; then
		eval "res_$tv=\"FAILED: workbook unreadable\""
		echo "workbook unreadable: $(tail -1 "$D/digest-$t.err")"
		status=1
	elif [ "$t" = minimal-xlsx ]; then
		res_minimal_xlsx=reference
		echo "reference ($(sed -n 's/^data rows: //p' "$D/digest-$t.txt") data rows)"
	elif [ "$res_minimal_xlsx" != reference ]; then
		eval "res_$tv=\"not checked (no reference)\""
		echo "not checked: minimal-xlsx did not run"
	elif cmp -s "$D/digest-minimal-xlsx.txt" "$D/digest-$t.txt"; then
		eval "res_$tv=agree"
		echo agree
	else
		eval "res_$tv=DISAGREE"
		echo "DISAGREE with minimal-xlsx (< minimal-xlsx, > $t):"
		diff "$D/digest-minimal-xlsx.txt" "$D/digest-$t.txt" | head -12 | cut -c1-300 | sed 's/^/        /'
		status=1
	fi
	[ "${BENCH_KEEP:-}" = 1 ] || rm -f "$out"
done

# ---- the table --------------------------------------------------------------
SECTION=$D/section-xlsx.md
{
	echo
	echo "## Excel Detail run $(date -u '+%Y-%m-%d %H:%M UTC'), $SIZE"
	echo
	echo "\`ar-age --as-of $AS_OF --detail --xlsx OUT.xlsx -o /dev/null $data\` ($ROWS rows, $mb MB)"
	echo "against bench/minimal-xlsx.c and bench/peers/detail_xlsxwriter.py writing the"
	echo "same Detail cells (see \"What is measured: the Excel Detail workbook\" above)."
	echo "ar-age also computes the aging and writes the Summary (with its chart),"
	echo "Aging and Large Past Due sheets, and the detail CSV to /dev/null; that is"
	echo "part of its job and is inside its time."
	echo
	echo "Machine: $MACHINE."
	echo
	echo "Versions:"
	echo
	sed 's/^\([^ ]*\) *\(.*\)/- \1: \2/' "$VERSIONS"
	echo
	echo "| tool | seconds | peak RSS MiB | workbook MiB | time / ar-age | time / minimal-xlsx | result |"
	echo "|---|---:|---:|---:|---:|---:|---|"
	for t in $TOOLS; do
		tv=$(echo "$t" | tr - _)
		eval "s=\$sec_$tv r=\$rss_$tv z=\$size_$tv res=\$res_$tv"
		case $res in FAILED*|skipped*) s= ;; esac
		if [ -z "$s" ]; then
			echo "| $t | - | - | - | - | - | $res |"
			continue
		fi
		printf '| %s | %s | %.1f | %s | %s | %s | %s |\n' "$t" "$s" \
			"$(awk -v k="$r" 'BEGIN { print k / 1024 }')" "$z" \
			"$(ratio "$s" "$sec_ar_age")" "$(ratio "$s" "$sec_minimal_xlsx")" "$res"
	done
	echo
	if [ -z "$sec_ar_age" ] || [ "$res_ar_age" != agree ]; then
		echo "Targets not checked: ar-age ${res_ar_age:-did not run}."
	else
		target() { # label value op limit
			awk -v l="$1" -v v="$2" -v op="$3" -v lim="$4" 'BEGIN {
				if (v == "n/a") { printf "- %s: n/a\n", l; exit }
				ok = op == "<=" ? v <= lim : v < lim
				printf "- %s: %s (target %s %s): %s\n", l, v, op, lim, ok ? "met" : "NOT met" }'
		}
		echo "Targets (reported, never asserted):"
		echo
		target "ar-age time / minimal-xlsx time" "$(ratio "$sec_ar_age" "$sec_minimal_xlsx")" "<=" 1.3
		target "ar-age peak RSS MiB" "$(awk -v k="$rss_ar_age" 'BEGIN { printf "%.1f", k / 1024 }')" "<" 64
		echo "- Python XlsxWriter time / ar-age time: $(ratio "$sec_xlsxwriter_py" "$sec_ar_age") (recorded)"
	fi
	if [ $status != 0 ]; then
		printf '\nResult: a tool failed or its Detail sheet disagreed with minimal-xlsx'"'"'s.\n'
	fi
} > "$SECTION"
sed -n '/^| tool/,$p' "$SECTION"
[ -f "$RESULTS" ] || printf '# artools benchmark results\n' > "$RESULTS"
cat "$SECTION" >> "$RESULTS"
echo
echo "appended to $RESULTS"
[ $status = 0 ] || echo "bench-xlsx: a tool failed or disagreed with minimal-xlsx" >&2
exit $status
