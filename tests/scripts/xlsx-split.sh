#!/bin/sh
# xlsx-split.sh - 1,100,000 rows through ar-xlsx: Excel holds 1,048,575
# data rows a sheet, so "items" takes that many and "items (2)" the other
# 51,425, each under its own header, no row lost or repeated.
set -eu
py=/usr/bin/python3
check=tests/scripts/xlsx_check.py
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

awk 'BEGIN {
	print "customer,doc_no,due_date,amount"
	for (i = 1; i <= 1100000; i++)
		printf "C%06d,INV%07d,2026-11-24,%d.%02d\n", i % 1000, i, i, i % 100
}' >"$dir/items.csv"
ar-xlsx -o "$dir/out.xlsx" "$dir/items.csv"

$py "$check" "$dir/out.xlsx" sheets >"$dir/sheets"
printf 'items\nitems (2)\n' | cmp - "$dir/sheets"

# A tab-separated first and last row and the row count, header included.
$py "$check" "$dir/out.xlsx" edges items >"$dir/a"
$py "$check" "$dir/out.xlsx" edges "items (2)" >"$dir/b"
tab=$(printf '\t')
cat >"$dir/want-a" <<WANT
first 'C000001'${tab}'INV0000001'${tab}2026-11-24${tab}1.01
last 'C000575'${tab}'INV1048575'${tab}2026-11-24${tab}1048575.75
rows 1048576
WANT
cat >"$dir/want-b" <<WANT
first 'C000576'${tab}'INV1048576'${tab}2026-11-24${tab}1048576.76
last 'C000000'${tab}'INV1100000'${tab}2026-11-24${tab}1100000
rows 51426
WANT
diff -u "$dir/want-a" "$dir/a"
diff -u "$dir/want-b" "$dir/b"
