#!/bin/sh
# pod.sh - proofs of debt over one data folder: the claim against every
# customer in liquidation, administration, judicial management or
# bankruptcy at its cut-off, the form for the liquidator, the filing, and
# the register of proofs and dividends.
#
#   pod.sh [DATA_DIR [OUT_DIR]]
#
# DATA_DIR (default: the folder this script is in) holds items.csv,
# customers.csv (status, status_date: the cut-off, reg_no, id_type,
# liquidator, liquidator_address), ar.ini ([company], [pod]), journal.csv
# and setoff.csv (what the company owes the debtors: rebates, deposits).
# The templates are $AR_TEMPLATES, else [pod] templates, else [dunning]
# templates, else the installed ones (man 7 artools-templates).  OUT_DIR
# (default: DATA_DIR/out) receives:
#
#   claims.csv       one row per debtor and currency: principal, interest,
#                    set-off, net claim, its parts, what came after the cut-off
#   pod/CUSTOMER/    statement.csv and statement.xlsx (every item, how it
#                    counts), proof-of-debt.pdf (the form to file)
#   journal.csv      a copy of the journal with the proofs filed appended
#                    (ar-pod --commit): the demo leaves DATA_DIR's journal as
#                    it was; a real run commits to it
#   register.csv register.xlsx
#                    the register of proofs filed, four months on, after
#                    the liquidator's first dividend (recorded with ar-note)
#
# The as-of date is $AR_AS_OF (YYYY-MM-DD) when set, else today.  A failing
# step stops the script with its exit status (man 7 artools).
set -eu

prog=pod.sh
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
for f in items.csv customers.csv ar.ini journal.csv setoff.csv; do
	[ -f "$DATA/$f" ] || die 66 "$DATA/$f does not exist"
done
mkdir -p "$OUT" || die 73 "cannot create $OUT"
AS_OF=${AR_AS_OF:-$(date +%Y-%m-%d)}
AR_CONFIG=$DATA/ar.ini
export AR_CONFIG

cp "$DATA/journal.csv" "$OUT/journal.csv"
ar-pod --as-of "$AS_OF" --customers "$DATA/customers.csv" --set-off "$DATA/setoff.csv" \
	--journal "$OUT/journal.csv" --commit --out-dir "$OUT/pod" -o "$OUT/claims.csv" \
	"$DATA/items.csv"
echo "$prog: claims (debtor and currency): $(($(wc -l < "$OUT/claims.csv") - 1)), in" \
	"$OUT/claims.csv; the forms in $OUT/pod/*/proof-of-debt.pdf"

# Four months on, the liquidator pays a first dividend on each proof filed.
LATER=$(date -d "$AS_OF + 120 days" +%Y-%m-%d) || die 64 "AR_AS_OF $AS_OF is not a date"
# (Counted from the end: only the name, the second column, may hold a comma.)
awk -F, 'NR > 1 && $(NF-12) == "MYR" && $(NF-6) != "0.00" { print $1, $(NF-6) }' \
	"$OUT/claims.csv" |
while read -r customer claim; do
	# 5 sen in the ringgit, in whole sen: the claim's sen x 5 / 100, rounded down.
	sen=$(echo "$claim" | tr -d .)
	d=$((sen * 5 / 100))
	ar-note --journal "$OUT/journal.csv" --date "$LATER" --user credit "$customer" dividend \
		--amount "$((d / 100)).$(printf %02d $((d % 100)))" --currency MYR \
		--note "first interim dividend, 5 sen in the ringgit"
done
ar-pod --register --as-of "$LATER" --customers "$DATA/customers.csv" \
	--journal "$OUT/journal.csv" -o "$OUT/register.csv" --xlsx "$OUT/register.xlsx"
echo "$prog: the register as at $LATER in $OUT/register.csv and $OUT/register.xlsx"
