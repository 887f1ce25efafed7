#!/bin/sh
# age-jobs-same.sh - ar-age --jobs N gives exactly what --jobs 1 gives
# (issue 20): every golden case of tests/cases/ar-age run again with
# `--jobs 3` before its own options, its stdout, stderr, exit status and
# files compared with the case's expected ones (so every error still
# names its FILE:LINE), then a file with quoted line ends, bad rows,
# repeated items and names only items give, cut into 2, 3, 5 and 16
# ranges, against --jobs 1: with --skip-bad, with [aging] duplicates =
# error, with --xlsx (cells), --group-by collector and --partial; and
# sums that come near 64 bits.
#
# --jobs N reads a regular file in ranges even when it is small, so every
# case of a file takes the threaded path; standard input and --detail
# read with one thread, and their cases check that too.
set -eu
command -v ar-age >/dev/null || { echo "ar-age: not built (not on PATH)"; exit 1; }
real=$(command -v ar-age)
case $real in /*) ;; *) real=$(pwd)/$real ;; esac
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin"
# the real ar-age found by name, so that messages begin "ar-age:" as in the cases
printf '#!/bin/sh\nPATH="%s:$PATH" exec ar-age --jobs 3 "$@"\n' "$(dirname "$real")" >"$tmp/bin/ar-age"
chmod +x "$tmp/bin/ar-age"
failed=0 n=0

# 1. the golden cases, threaded
for dir in "$root"/tests/cases/ar-age/*/; do
	name=$(basename "$dir")
	[ -f "$dir/cmd" ] || continue
	if [ ! -d "${SHARED:-../shared}" ] && grep -q 'SHARED' "$dir/cmd"; then
		continue
	fi
	work=$tmp/case
	rm -rf "$work" && cp -R "$dir" "$work"
	rc=0
	(cd "$work" && PATH="$tmp/bin:$PATH" sh ./cmd >"$tmp/out" 2>"$tmp/err" </dev/null) || rc=$?
	want=0
	[ -f "$dir/status" ] && want=$(cat "$dir/status")
	why=
	[ "$rc" = "$want" ] || why="$why exit $rc, expected $want"
	if [ -f "$dir/expected.out" ]; then
		cmp -s "$tmp/out" "$dir/expected.out" || why="$why stdout"
	elif [ -s "$tmp/out" ]; then
		why="$why stdout"
	fi
	if [ -f "$dir/expected.err" ]; then
		cmp -s "$tmp/err" "$dir/expected.err" || why="$why stderr"
	elif [ -s "$tmp/err" ]; then
		why="$why stderr"
	fi
	if [ -d "$dir/expected" ]; then
		for f in "$dir"/expected/*; do
			cmp -s "$f" "$work/$(basename "$f")" || why="$why $(basename "$f")"
		done
	fi
	n=$((n + 1))
	if [ -n "$why" ]; then
		echo "ar-age/$name with --jobs 3 differs:$why"
		diff "$dir/expected.err" "$tmp/err" 2>/dev/null | head -5 || true
		failed=$((failed + 1))
	fi
done
echo "$n cases with --jobs 3, $failed differ"

# 2. a file made to be cut badly: quoted line ends, CR LF, bad rows, repeats
f=$tmp/items.csv
{
	printf 'customer,name,doc_no,doc_type,doc_date,due_date,currency,amount,collector\r\n'
	i=0
	while [ $i -lt 3000 ]; do
		c=$((i % 97))
		case $((i % 13)) in
		0) printf 'C%03d,"Name of\r\nC%03d",D%05d,RV,2026-01-01,2026-%02d-15,MYR,%d.%02d,"col,%d"\r\n' $c $c $i $((i % 12 + 1)) $((i * 7 % 5000)) $((i % 100)) $((c % 3)) ;;
		5) printf 'C%03d,,D%05d,RV,2026-01-01,2026-13-40,MYR,1.00,x\r\n' $c $i ;;          # a bad date
		7) printf 'C%03d,,D%05d,RV,2026-01-01,2026-03-01,MYR,2.00,x\r\n' $(((i - 7) % 97)) $((i - 7)) ;;   # a repeat
		*) printf 'C%03d,,D%05d,DR,2026-02-01,2026-%02d-01,SGD,-%d.%02d,x\r\n' $c $i $((i % 11 + 1)) $((i % 300)) $((i % 100)) ;;
		esac
		i=$((i + 1))
	done
} >"$f"
printf '[aging]\nduplicates = error\n' >"$tmp/error.ini"
printf '[aging]\nduplicates = warn\n' >"$tmp/warn.ini"
same() {        # same LABEL ARGS...: --jobs 1 and --jobs K alike for K in 2 3 5 16
	label=$1; shift
	rc1=0
	"$real" --jobs 1 "$@" >"$tmp/o1" 2>"$tmp/e1" || rc1=$?
	for k in 2 3 5 16; do
		rck=0
		"$real" --jobs $k "$@" >"$tmp/ok" 2>"$tmp/ek" || rck=$?
		if [ "$rc1" != "$rck" ] || ! cmp -s "$tmp/o1" "$tmp/ok" || ! cmp -s "$tmp/e1" "$tmp/ek"; then
			echo "$label: --jobs $k differs from --jobs 1 (exit $rck, $rc1)"
			diff "$tmp/e1" "$tmp/ek" | head -5 || true
			diff "$tmp/o1" "$tmp/ok" | head -5 || true
			failed=$((failed + 1))
		fi
	done
	echo "$label: exit $rc1, $(wc -l <"$tmp/o1") lines out, $(wc -l <"$tmp/e1") lines err"
}
same "skip-bad, warn" --config "$tmp/warn.ini" --as-of 2026-11-24 --skip-bad "$f"
same "first bad row stops" --config "$tmp/warn.ini" --as-of 2026-11-24 "$f"
same "first repeat stops" --config "$tmp/error.ini" --as-of 2026-11-24 --skip-bad "$f"
same "by collector, totals" --config "$tmp/warn.ini" --as-of 2026-11-24 --skip-bad --group-by collector --totals "$f"
same "large past due" --config "$tmp/warn.ini" --as-of 2026-11-24 --skip-bad --large-past-due --top 5 "$f"
same "partial" --config "$tmp/warn.ini" --as-of 2026-11-24 --skip-bad --partial "$f"
same "the file twice" --config "$tmp/warn.ini" --as-of 2026-11-24 --skip-bad "$f" "$f"

# 3. sums near 64 bits: the later ranges' agings can't be merged safely,
# so they are read again as one, and an overflow is found at its item
# even when a range's own sums never overflow (+X, then -X, after a +X).
big() {         # big FILE ROW:AMOUNT...: 3000 small items, some rows replaced
	out=$1; shift
	awk -v spec="$*" 'BEGIN {
		n = split(spec, s, " ")
		for (k = 1; k <= n; k++) { split(s[k], p, ":"); amt[p[1]] = p[2] }
		print "customer,doc_no,doc_date,due_date,currency,amount"
		for (i = 0; i < 3000; i++) {
			if (i in amt) printf "CBIG,B%05d,2026-01-01,2026-02-01,MYR,%s\n", i, amt[i]
			else printf "C%03d,D%05d,2026-01-01,2026-%02d-01,MYR,%d.%02d\n", i % 89, i, i % 12 + 1, i, i % 100
		}
	}' >"$out"
}
big "$tmp/big1.csv" 1:90000000000000000.00 2990:-90000000000000000.00
same "large sums that cancel" --as-of 2026-11-24 "$tmp/big1.csv"
big "$tmp/big2.csv" 1:90000000000000000.00 2990:90000000000000000.00 2995:-90000000000000000.00
same "a sum past 64 bits inside a later range" --as-of 2026-11-24 "$tmp/big2.csv"
grep -q ':2992: ' "$tmp/e1" || { echo "big2: the overflow not found at line 2992:"; cat "$tmp/e1"; failed=$((failed + 1)); }

# 4. the workbook: its cells alike
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	"$real" --jobs 1 --config "$tmp/warn.ini" --as-of 2026-11-24 --skip-bad --xlsx "$tmp/a1.xlsx" "$f" >/dev/null 2>&1
	"$real" --jobs 4 --config "$tmp/warn.ini" --as-of 2026-11-24 --skip-bad --xlsx "$tmp/a4.xlsx" "$f" >/dev/null 2>&1
	/usr/bin/python3 - "$tmp/a1.xlsx" "$tmp/a4.xlsx" <<'EOF' || failed=$((failed + 1))
import sys, openpyxl
def cells(p):
    wb = openpyxl.load_workbook(p)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}
a, b = cells(sys.argv[1]), cells(sys.argv[2])
if a != b:
    print("workbook cells differ between --jobs 1 and --jobs 4")
    sys.exit(1)
print("workbook: %d sheets, cells alike" % len(a))
EOF
fi
[ "$failed" -eq 0 ]
