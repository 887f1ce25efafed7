#!/bin/sh
# nightly-import.sh - examples/nightly.sh started from the SAP extract:
# the reports equal those of a run from items.csv, and an extract whose
# control total is off stops the run (exit 65) and leaves the previous
# reports as they were.
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export AR_AS_OF=2026-11-24

# From items.csv: the reports to compare with.
mkdir "$dir/csv" "$dir/sap"
cp examples/items.csv examples/customers.csv examples/ar.ini "$dir/csv/"
sh examples/nightly.sh "$dir/csv" "$dir/csv-out" >"$dir/csv.out" 2>"$dir/csv.err"

# From fbl5n.txt alone.
cp examples/fbl5n.txt examples/customers.csv examples/ar.ini "$dir/sap/"
sh examples/nightly.sh "$dir/sap" "$dir/sap-out" >"$dir/sap.out" 2>"$dir/sap.err"
grep -q 'ar-import: fbl5n.txt: profile sap-fbl5n: 744 lines: 356 items' "$dir/sap.err"
for f in aging.csv large-past-due.csv aging-by-collector.csv; do
	cmp "$dir/csv-out/$f" "$dir/sap-out/$f"
done

# The control total off by one cent: exit 65, old reports kept.
cp "$dir/sap-out/aging.csv" "$dir/before.csv"
sed 's/^\(|\*\* .*\)1\.494\.489,66/\11.494.489,67/' examples/fbl5n.txt >"$dir/sap/fbl5n.txt"
! cmp -s examples/fbl5n.txt "$dir/sap/fbl5n.txt"
status=0
sh examples/nightly.sh "$dir/sap" "$dir/sap-out" >"$dir/bad.out" 2>"$dir/bad.err" || status=$?
[ "$status" -eq 65 ] || { echo "exit $status, expected 65"; cat "$dir/bad.err"; exit 1; }
grep -q 'is not the sum of the 267 MYR items read' "$dir/bad.err"
cmp "$dir/before.csv" "$dir/sap-out/aging.csv"
