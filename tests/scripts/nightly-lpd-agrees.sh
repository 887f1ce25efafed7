#!/bin/sh
# nightly-lpd-agrees.sh - examples/nightly.sh writes large-past-due.csv by
# the rule of the workbook's Large Past Due sheet ([report] of ar.ini), so
# the CSV and the sheet list the same customers and currencies, in the
# same order, with the same past-due amounts (issue 11).
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
AR_AS_OF=2026-11-24 sh examples/nightly.sh "$PWD/examples" "$dir/out" >/dev/null 2>&1
tail -n +2 "$dir/out/large-past-due.csv" | /usr/bin/python3 -c '
import csv, sys
for r in csv.reader(sys.stdin):
    print(r[0], r[2], r[-1])' >"$dir/csv.txt"
/usr/bin/python3 - "$dir/out/aging.xlsx" >"$dir/sheet.txt" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Large Past Due"]
for row in ws.iter_rows(min_row=2, values_only=True):
    print(row[0], row[2], "%.2f" % row[3])
PY
[ -s "$dir/csv.txt" ] || { echo "large-past-due.csv lists nobody"; exit 1; }
diff "$dir/csv.txt" "$dir/sheet.txt" || { echo "large-past-due.csv and the Large Past Due sheet differ"; exit 1; }
echo "ok: $(wc -l <"$dir/csv.txt") rows in both"
