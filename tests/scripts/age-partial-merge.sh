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
# Parts are mapped two at a time (the two cores) with one thread each; one
# part alone with --jobs's threads, so that a mapper over threads is proven
# too.  Most of the time is the 1M file: its two single runs, the five ways
# of mapping it, and the merges, also run two at a time.
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
		!($1 in part) {   # each customer hashed once
			h = 0; n = length($1)
			for (i = 1; i <= n; i++) h = (h * 31 + ord[substr($1, i, 1)]) % 1000003
			part[$1] = dir "/part." (h % k)
		}
		{ print > part[$1] }' "$1"
}

# map DIR OUT OPTIONS...: every part of DIR mapped, the partials one after
# another in part order in OUT.
map() {
	dir=$1 out=$2
	shift 2
	mkdir "$out.parts"
	if [ "$(ls "$dir" | wc -l)" -gt 1 ]; then at_once=2 jobs="--jobs 1"; else at_once=1 jobs=; fi
	ls "$dir" | PARTS=$out.parts xargs -P "$at_once" -I{} sh -c \
	    'exec ar-age "$@" --partial "$0" >"$PARTS/${0##*/}"' "$dir/{}" \
	    --as-of "$D" --columns "$columns" $jobs "$@"
	for part in $(ls "$dir"); do cat "$out.parts/$part"; done >"$out"
	rm -r "$out.parts"
}

# shuffle OUT: OUT's lines in another order (a fixed random source: the
# same order every run) in OUT.shuf, as a shuffle hands them to a reducer.
shuffle() {
	shuf --random-source="$src" "$1" >"$1.shuf"
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
	shuffle "$T/ex.$cut.p"
	ar-age $ex --merge <"$T/ex.$cut.p.shuf" >"$T/m.csv" 2>"$T/m.err"
	same "$T/ex.csv" "$T/m.csv" "example in $cut"
	same "$T/ex.err" "$T/m.err" "example in $cut, the notes on stderr"
	ar-age $ex --merge --totals "$T/ex.$cut.p.shuf" >"$T/m.csv" 2>/dev/null
	same "$T/ex-totals.csv" "$T/m.csv" "example in $cut, --totals"
	ar-age $ex --merge --large-past-due "$T/ex.$cut.p.shuf" >"$T/m.csv" 2>/dev/null
	same "$T/ex-lpd.csv" "$T/m.csv" "example in $cut, --large-past-due"
	[ "$cut" = 7 ] || [ "$cut" = hash ] || continue
	map "$T/ex.$cut" "$T/ex.$cut.p30" $ex --min-days 30
	shuffle "$T/ex.$cut.p30"
	ar-age $ex --merge --min-days 30 --min-past-due 10000 --top 3 "$T/ex.$cut.p30.shuf" >"$T/m.csv" 2>/dev/null
	same "$T/ex-top.csv" "$T/m.csv" "example in $cut, --min-days 30 --min-past-due --top"
	map "$T/ex.$cut" "$T/ex.$cut.pc" $ex --group-by collector
	shuffle "$T/ex.$cut.pc"
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
ar-age --as-of "$D" "$src" >"$T/big.csv" &
single=$!
ar-age --as-of "$D" --totals --large-past-due "$src" >"$T/big-lpd.csv"
wait "$single"
# Each way mapped (the shuffle of one beside the mapping of the next),
# then every merge, two at a time: by file, and by standard input with
# --totals --large-past-due for 7 parts and by customer.
shuffled=
for cut in 1 2 7 16 hash; do
	if [ "$cut" = hash ]; then cut_hash "$src" 5 "$T/big.$cut"; else cut_lines "$src" "$cut" "$T/big.$cut"; fi
	map "$T/big.$cut" "$T/big.$cut.p"
	rm -r "$T/big.$cut"
	shuffle "$T/big.$cut.p" &
	shuffled="$shuffled $!"
done
for pid in $shuffled; do wait "$pid"; done
for cut in 1 2 7 16 hash; do
	echo "$cut"
	case $cut in 7|hash) echo "$cut --totals --large-past-due" ;; esac
done | T=$T xargs -P 2 -L 1 sh -c 'in=$T/big.$0.p.shuf
	if [ $# -eq 0 ]; then exec ar-age --merge "$in" >"$in.csv"; fi
	exec ar-age --merge "$@" <"$in" >"$in.lpd.csv"'
for cut in 1 2 7 16 hash; do
	same "$T/big.csv" "$T/big.$cut.p.shuf.csv" "1M items in $cut"
	if [ "$cut" = 7 ] || [ "$cut" = hash ]; then
		same "$T/big-lpd.csv" "$T/big.$cut.p.shuf.lpd.csv" "1M items in $cut, --totals --large-past-due"
	fi
	echo "1M items in $cut: $(wc -l <"$T/big.$cut.p") partial lines, merged the same"
done
