#!/bin/sh
# age-xlsx-split.sh - a --detail workbook past Excel's row limit: the items
# continue on "Detail (2)" with the same header, none lost, none doubled.
# 1,100,000 items: 1,048,575 on Detail, 51,425 on Detail (2).
# About a minute under ASan, most of it openpyxl reading the rows back.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check=$(pwd)/tests/scripts/xlsx_check.py
awk 'BEGIN {
	print "customer,doc_no,due_date,currency,amount"
	for (i = 1; i <= 1100000; i++)
		printf "C%05d,D%07d,2026-%02d-15,MYR,%d.%02d\n", i % 5000, i, 1 + i % 12, i % 1000, i % 100
}' >"$tmp/items.csv"
ar-age --as-of 2026-11-24 --detail --xlsx "$tmp/big.xlsx" "$tmp/items.csv" >"$tmp/detail.csv"
[ "$(wc -l <"$tmp/detail.csv")" -eq 1100001 ]
/usr/bin/python3 "$check" "$tmp/big.xlsx" sheets >"$tmp/sheets"
printf 'Summary\nAging\nLarge Past Due\nDetail\nDetail (2)\n' | cmp - "$tmp/sheets"
/usr/bin/python3 "$check" "$tmp/big.xlsx" edges Detail >"$tmp/e1"
/usr/bin/python3 "$check" "$tmp/big.xlsx" edges "Detail (2)" >"$tmp/e2"
cat "$tmp/e1" "$tmp/e2"
# The first data row of each sheet, its last, and the row count with the header.
grep -q 'D0000001' "$tmp/e1"
grep -q 'D1048575' "$tmp/e1"
grep -qx 'rows 1048576' "$tmp/e1"
grep -q 'D1048576' "$tmp/e2"
grep -q 'D1100000' "$tmp/e2"
grep -qx 'rows 51426' "$tmp/e2"
echo "split ok"
