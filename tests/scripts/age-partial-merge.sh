#!/bin/sh
# age-partial-merge.sh - the contract of ar-age --partial and --merge
# (PARTIALS in ar-age(1), SCALING in artools(7)), as Hadoop streaming or
# Spark would run it: the items cut into parts, each part mapped to
# partials by itself (no header: --columns), the partials of all parts
# shuffled together and merged: byte for byte the CSV of one run over all
# the items, and the same workbook cell for cell.
#
# The example (examples/items.csv with its master, journal and ar.ini) and
# a generated file of 1,000,000 items of 50,000 customers, each cut into
# 1, 2, 7 and 16 parts (split -n l/K) and into 5 by customer hash (awk).
# About 90 s under ASan on two cores (30 s without), three quarters of it
# the 1M file: its two single runs and the five ways of mapping it.
set -eu
command -v cc >/dev/null || { echo "no cc to build bench/gen-items.c"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
check=$(pwd)/tests/scripts/xlsx_check.py
D=2026-11-24

# cut SRC K DIR: SRC into K parts at line ends, the header in the first.
cut_lines() {
	mkdir -p "$3" && (cd "$3" && split -n "l/$2" "$1" part.)
}

# hash SRC K DIR: SRC into K parts by a hash of the customer (field 1,
# never quoted here), so that each customer's items are in one part.
cut_hash() {
	mkdir -p "$3"
	awk -F, -v dir="$3" -v k="$2" '
		BEGIN { for (i = 0; i < 256; i++) ord[sprintf("%c", i)] = i }
		NR == 1 { print > (dir "/part.0"); next }
		{
			h = 0; n = length($1)
			for (i = 1; i <= n; i++) h = (h * 31 + ord[substr($1, i, 1)]) % 1000003
			print > (dir "/part." (h % k))
		}' "$1"
}

# map DIR OUT OPTIONS...: every part of DIR mapped, the partials one after
# another in OUT, then shuffled (a fixed random source: the same order
# every run) into OUT.shuf.
map() {
	dir=$1 out=$2
	shift 2
	for part in "$dir"/part.*; do
		ar-age --as-of "$D" --columns "$columns" "$@" --partial "$part"
	done >"$out"
	shuf --random-source="$src" "$out" >"$out.shuf"
}

same() {
	cmp "$1" "$2" || { echo "FAIL: $3: $2 differs from the single run"; diff "$1" "$2" | head -10; exit 1; }
}

# --- the example: every report option, and the workbook ---
src=$(pwd)/examples/items.csv
columns=$(head -1 "$src")
ex="--config $(pwd)/examples/ar.ini --customers $(pwd)/examples/customers.csv"
ar-age $ex --as-of "$D" <"$src" >"$T/ex.csv" 2>"$T/ex.err"
ar-age $ex --as-of "$D" --totals <"$src" >"$T/ex-totals.csv" 2>/dev/null
ar-age $ex --as-of "$D" --large-past-due <"$src" >"$T/ex-lpd.csv" 2>/dev/null
ar-age $ex --as-of "$D" --min-days 30 --min-past-due 10000 --top 3 <"$src" >"$T/ex-top.csv" 2>/dev/null
ar-age $ex --as-of "$D" --group-by collector --totals <"$src" >"$T/ex-collector.csv" 2>/dev/null
for cut in 1 2 7 16 hash; do
	if [ "$cut" = hash ]; then cut_hash "$src" 5 "$T/ex.$cut"; else cut_lines "$src" "$cut" "$T/ex.$cut"; fi
	map "$T/ex.$cut" "$T/ex.$cut.p" $ex
	ar-age $ex --merge <"$T/ex.$cut.p.shuf" >"$T/m.csv" 2>"$T/m.err"
	same "$T/ex.csv" "$T/m.csv" "example in $cut"
	same "$T/ex.err" "$T/m.err" "example in $cut, the notes on stderr"
	ar-age $ex --merge --totals "$T/ex.$cut.p.shuf" >"$T/m.csv" 2>/dev/null
	same "$T/ex-totals.csv" "$T/m.csv" "example in $cut, --totals"
	ar-age $ex --merge --large-past-due "$T/ex.$cut.p.shuf" >"$T/m.csv" 2>/dev/null
	same "$T/ex-lpd.csv" "$T/m.csv" "example in $cut, --large-past-due"
	[ "$cut" = 7 ] || [ "$cut" = hash ] || continue
	map "$T/ex.$cut" "$T/ex.$cut.p30" $ex --min-days 30
	ar-age $ex --merge --min-days 30 --min-past-due 10000 --top 3 "$T/ex.$cut.p30.shuf" >"$T/m.csv" 2>/dev/null
	same "$T/ex-top.csv" "$T/m.csv" "example in $cut, --min-days 30 --min-past-due --top"
	map "$T/ex.$cut" "$T/ex.$cut.pc" $ex --group-by collector
	ar-age $ex --merge --totals "$T/ex.$cut.pc.shuf" >"$T/m.csv" 2>/dev/null
	same "$T/ex-collector.csv" "$T/m.csv" "example in $cut, --group-by collector"
done
echo "example: 1, 2, 7, 16 parts and by customer: CSV, notes, --totals, --large-past-due;"
echo "  7 and by customer: --min-days --min-past-due --top, --group-by collector: the same"

# The workbook (both runs read standard input: the Summary names the same source).
wb="--journal $(pwd)/examples/journal.csv"
ar-age $ex $wb --as-of "$D" --xlsx "$T/single.xlsx" <"$src" >"$T/ex-x.csv" 2>/dev/null
ar-age $ex $wb --merge --xlsx "$T/merged.xlsx" <"$T/ex.7.p.shuf" >"$T/m.csv" 2>/dev/null
same "$T/ex-x.csv" "$T/m.csv" "example in 7, the CSV beside --xlsx"
/usr/bin/python3 "$check" "$T/single.xlsx" dump >"$T/single.dump"
/usr/bin/python3 "$check" "$T/merged.xlsx" dump >"$T/merged.dump"
same "$T/single.dump" "$T/merged.dump" "example in 7, the workbook's cells"
echo "example: the workbook of 7 parts merged: $(grep -c '^cell' "$T/single.dump") cells the same"

# --- 1,000,000 items of 50,000 customers ---
cc -O2 -o "$T/gen-items" bench/gen-items.c
"$T/gen-items" 1000000 50000 >"$T/items.csv"
src=$T/items.csv
columns=$(head -1 "$src")
ar-age --as-of "$D" "$src" >"$T/big.csv"
ar-age --as-of "$D" --totals --large-past-due "$src" >"$T/big-lpd.csv"
for cut in 1 2 7 16 hash; do
	if [ "$cut" = hash ]; then cut_hash "$src" 5 "$T/big.$cut"; else cut_lines "$src" "$cut" "$T/big.$cut"; fi
	map "$T/big.$cut" "$T/big.p"
	rm -r "$T/big.$cut"
	ar-age --merge "$T/big.p.shuf" >"$T/m.csv"
	same "$T/big.csv" "$T/m.csv" "1M items in $cut"
	if [ "$cut" = 7 ] || [ "$cut" = hash ]; then
		ar-age --merge --totals --large-past-due <"$T/big.p.shuf" >"$T/m.csv"
		same "$T/big-lpd.csv" "$T/m.csv" "1M items in $cut, --totals --large-past-due"
	fi
	echo "1M items in $cut: $(wc -l <"$T/big.p") partial lines, merged the same"
done
