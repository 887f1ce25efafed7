#!/bin/sh
# agency.sh - accounts handed to a collection agency, and its statement
# (man 1 ar-agency); a legal case against a customer, its stages and a
# document filed, and the monthly legal report (man 1 ar-legal).
#
#   agency.sh [DATA_DIR [OUT_DIR [MATCH_DIR]]]
#
# DATA_DIR (default: the folder this script is in) holds items.csv,
# customers.csv, journal.csv and ar.ini, whose [agency.kredit-recovery] is
# the agency's contract.  MATCH_DIR (default: DATA_DIR/out/match) holds
# what match.sh wrote: payments.csv and allocations.csv.  OUT_DIR (default:
# DATA_DIR/out/agency) receives:
#
#   journal.csv        a copy of the journal with the assignments appended
#   statement.csv/.xlsx/.pdf
#                      the agency's November statement: what it recovered
#                      and its commission, and the letter to the agency
#   report.csv/.xlsx   every agency's accounts, recoveries, commission and
#                      contract (flagged for renewal 60 days before its end)
#   legal-store/       the case's documents under their SHA-256, with a
#                      manifest ([legal] store)
#   legal-report.csv/.xlsx
#                      the open legal cases: stage, amount in suit, costs,
#                      next dates, idle cases
#
# Two customers are assigned on 2026-11-01; two more are refused, one in
# liquidation, one excluded by the contract (the refusals are shown, and
# nothing is written for that try).  DATA_DIR is
# left as it was.  A failing step stops the script with its exit status.
set -eu

prog=agency.sh
die() {
	rc=$1
	shift
	echo "$prog: $*" >&2
	exit "$rc"
}

[ $# -le 3 ] || die 64 "usage: $prog [DATA_DIR [OUT_DIR [MATCH_DIR]]]"
here=$(cd "$(dirname "$0")" && pwd)
DATA=${1:-$here}
OUT=${2:-$DATA/out/agency}
MATCH=${3:-$DATA/out/match}
for f in "$DATA/items.csv" "$DATA/customers.csv" "$DATA/journal.csv" "$DATA/ar.ini" \
    "$MATCH/payments.csv" "$MATCH/allocations.csv"; do
	[ -f "$f" ] || die 66 "$f does not exist"
done
mkdir -p "$OUT" || die 73 "cannot create $OUT"
OUT=$(cd "$OUT" && pwd)
AR_CONFIG=$DATA/ar.ini
export AR_CONFIG
AS_OF=${AR_AS_OF:-2026-11-30}

cp "$DATA/journal.csv" "$OUT/journal.csv"
ar-agency assign --agency kredit-recovery --date 2026-11-01 --items "$DATA/items.csv" \
	--customers "$DATA/customers.csv" --journal "$OUT/journal.csv" --ref KR-2026-118 \
	--user nurul 100106 100110
# 100107 is in liquidation (a proof of debt, pod.sh) and 100102 excluded by the
# contract: refused, and the journal is left as it was.
if ar-agency assign --agency kredit-recovery --date 2026-11-01 --items "$DATA/items.csv" \
    --customers "$DATA/customers.csv" --journal "$OUT/journal.csv" --user nurul \
    100107 100102; then
	die 70 "ar-agency assigned a customer it should have refused"
fi
ar-agency statement --agency kredit-recovery --from 2026-11-01 --to 2026-11-30 --as-of "$AS_OF" \
	--journal "$OUT/journal.csv" --allocations "$MATCH/allocations.csv" \
	--payments "$MATCH/payments.csv" -o "$OUT/statement.csv" --xlsx "$OUT/statement.xlsx" \
	--pdf "$OUT/statement.pdf"
ar-agency report --as-of "$AS_OF" --journal "$OUT/journal.csv" \
	--allocations "$MATCH/allocations.csv" --payments "$MATCH/payments.csv" \
	-o "$OUT/report.csv" --xlsx "$OUT/report.xlsx"

# 100104 (status legal since 2026-10-05): a civil claim with the firm, its
# letter of demand, the writ, a cost, and the letter filed.
# ([legal] store is relative: the store is made in OUT_DIR, where it runs.)
rm -rf "$OUT/legal-store"
case=$(ar-legal open 100104 --firm "Lee & Co, Advocates" --type civil --date 2026-10-05 \
	--amount 73718.00 --currency MYR --customers "$DATA/customers.csv" \
	--journal "$OUT/journal.csv" --user lim)
ar-legal stage "$case" lod_sent --date 2026-10-07 --journal "$OUT/journal.csv" --user lim
ar-legal stage "$case" writ_filed --date 2026-11-10 --ref WA-22NCvC-1183-11/2026 \
	--court "High Court of Malaya at Kuala Lumpur" --next-date 2026-12-14 \
	--journal "$OUT/journal.csv" --user lim
ar-note --journal "$OUT/journal.csv" --date 2026-11-12 --user lim 100104 legal_cost \
	--doc "$case" --amount 2500.00 --currency MYR --note "filing fee and disbursements"
printf 'Letter of demand to %s, 7 October 2026: RM 73,718.00 within 14 days.\n' \
	"Syarikat Pembinaan Cahaya Murni Sdn. Bhd." >"$OUT/lod-100104.txt"
(cd "$OUT" && ar-legal file "$case" lod-100104.txt --kind letter --date 2026-10-07 \
	--journal "$OUT/journal.csv" --user lim)
ar-legal report --as-of "$AS_OF" --journal "$OUT/journal.csv" \
	--customers "$DATA/customers.csv" -o "$OUT/legal-report.csv" --xlsx "$OUT/legal-report.xlsx"

echo "$prog: $(grep -c ',agency_assign,' "$OUT/journal.csv") assignment rows;" \
	"statement: $(grep '^TOTAL' "$OUT/statement.csv" | tr '\n' ' ');" \
	"legal case $case: $(($(wc -l <"$OUT/legal-report.csv") - 1)) open case(s) in $OUT/legal-report.csv"
