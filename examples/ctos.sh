#!/bin/sh
# ctos.sh - three monthly runs of the CTOS credit-bureau listing over one
# data folder: who is listed, amended and removed each month end, against
# what was listed the month before (man 1 ar-ctos).
#
#   ctos.sh [DATA_DIR [OUT_DIR]]
#
# DATA_DIR (default: the folder this script is in) holds items.csv,
# customers.csv (reg_no, id_type, status), ar.ini ([ctos] is left at its
# defaults: RM 150.00, 60 days past due, a notice 14 days before),
# journal.csv, and for this demo:
#
#   ctos-journal.csv    what the team records over the three months: the
#                       notices of intended listing (ctos_notice rows;
#                       [ctos] notice_level stays 0, so no dunning letter
#                       counts as one) and two disputes.  Before each run
#                       the rows dated in that month are appended to the
#                       journal, as ar-note would have appended them.
#   ctos-clearings.csv  customer,doc_no,clearing_date: the items paid in
#                       December and January.  The items of every month
#                       are items.csv with these dates added as its
#                       clearing_date column (a ledger extract of open and
#                       cleared items); ar-ctos counts an item cleared on or
#                       before the as-of date as paid.
#
# OUT_DIR (default: DATA_DIR/out) receives, for each month YYYY-MM:
#
#   update-YYYY-MM.csv  the update for the CTOS portal, one row per action
#   update-YYYY-MM.xlsx and item (NEW, AMEND, PART_PAID, SETTLED,
#                       DISPUTE_HOLD, WITHDRAW), and as a workbook with
#                       one sheet per action; written mode 0600, the
#                       registration numbers being whole
#   not-listed-YYYY-MM.csv
#                       the customers not listed, each with its reason
#   ctos-YYYY-MM.log    what ar-ctos said on stderr
#
# and ledger.csv (the items with their clearing dates), ctos-state.csv
# (what is listed after the last month, mode 0600) and journal.csv (a copy
# of the journal with the demo's rows and the listings committed,
# ar-ctos --commit).  The demo starts each time from an empty listing and
# leaves DATA_DIR as it was; a real run keeps its state and commits to the
# team's journal, once a month from cron.
#
# The first month end is $AR_AS_OF (YYYY-MM-DD) when set, else 2026-11-30,
# the month the example data is drawn at; the next two are the ends of the
# two months after it.  A failing step stops the script with its exit
# status (man 7 artools).
set -eu

prog=ctos.sh
die() {
	rc=$1
	shift
	echo "$prog: $*" >&2
	exit "$rc"
}

[ $# -le 2 ] || die 64 "usage: $prog [DATA_DIR [OUT_DIR]]"
here=$(cd "$(dirname "$0")" && pwd)
DATA=${1:-$here}
OUT=${2:-$DATA/out}
for f in items.csv customers.csv ar.ini journal.csv ctos-journal.csv ctos-clearings.csv; do
	[ -f "$DATA/$f" ] || die 66 "$DATA/$f does not exist"
done
mkdir -p "$OUT" || die 73 "cannot create $OUT"
AS_OF=${AR_AS_OF:-2026-11-30}
FIRST=$(date -d "$AS_OF" +%Y-%m-01) || die 64 "AR_AS_OF $AS_OF is not a date"
AR_CONFIG=$DATA/ar.ini
export AR_CONFIG

# items.csv with a clearing_date column from ctos-clearings.csv, matched on
# customer and doc_no.  (doc_no is counted from the end: only the name, the
# second column, may hold a comma.)
awk -F, -v OFS=, '
	FNR == 1 { if (NR > 1) print $0, "clearing_date"; next }
	NR == FNR { cleared[$1 SUBSEP $2] = $3; next }
	{ print $0, cleared[$1 SUBSEP $(NF - 7)] }
' "$DATA/ctos-clearings.csv" "$DATA/items.csv" >"$OUT/ledger.csv"

cp "$DATA/journal.csv" "$OUT/journal.csv"
rm -f "$OUT/ctos-state.csv"
prev=0000-00-00
for m in 0 1 2; do
	if [ "$m" -eq 0 ]; then
		day=$AS_OF
	else
		day=$(date -d "$FIRST + $((m + 1)) months - 1 day" +%Y-%m-%d)
	fi
	month=$(date -d "$day" +%Y-%m)
	# The month's notices and disputes, recorded before the run.
	awk -F, -v from="$prev" -v to="$day" 'NR > 1 && $1 > from && $1 <= to' \
		"$DATA/ctos-journal.csv" >>"$OUT/journal.csv"
	log=$OUT/ctos-$month.log
	ar-ctos --as-of "$day" --customers "$DATA/customers.csv" --journal "$OUT/journal.csv" \
		--state "$OUT/ctos-state.csv" --commit -o "$OUT/update-$month.csv" \
		--xlsx "$OUT/update-$month.xlsx" --not-listed "$OUT/not-listed-$month.csv" \
		"$OUT/ledger.csv" 2>"$log" || {
		rc=$?
		cat "$log" >&2
		exit "$rc"
	}
	actions=$(sed -n 's/^ar-ctos: actions: //p' "$log")
	listed=$(awk -F, 'NR > 1 { print $1 }' "$OUT/ctos-state.csv" | sort -u | wc -l)
	echo "$prog: $day: $actions; listed now: $listed; in $OUT/update-$month.csv"
	prev=$day
done
