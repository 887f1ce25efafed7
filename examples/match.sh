#!/bin/sh
# match.sh - the morning cash application over one data folder: yesterday's
# bank statement applied to the open items, then the aging of what is left.
#
#   match.sh [DATA_DIR [OUT_DIR]]
#
# DATA_DIR (default: the folder this script is in) holds bank.sta (the
# bank's MT940, camt.053 or BAI2 statement), items.csv (the open items),
# customers.csv (with payer_account, payer_names and ref1 where known) and
# ar.ini; advices.csv (remittance advices) when there are any.  OUT_DIR
# (default: DATA_DIR/out) receives:
#
#   payments.csv            the statement's credits (ar-bank)
#   allocations.csv         what was applied, to which item, by which rule
#   unmatched.csv           payments (or remainders) left for a person
#   suggestions.csv         allocations proposed but not applied
#   open-after.csv          the open items after the allocations: tomorrow's
#                           items.csv
#   aging-after-match.csv   the aging of open-after.csv
#
# The as-of date of the aging is $AR_AS_OF (YYYY-MM-DD) when set, else
# today.  Every payment of the statement is considered (no --as-of for
# ar-match).  Each tool writes its file whole or not at all, and ar-match
# writes none of its four unless every payment adds up; a failing step
# stops the script with that step's exit status (man 7 artools).
set -eu

prog=match.sh
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
for f in bank.sta items.csv customers.csv; do
	[ -f "$DATA/$f" ] || die 66 "$DATA/$f does not exist"
done
mkdir -p "$OUT" || die 73 "cannot create $OUT"
AS_OF=${AR_AS_OF:-$(date +%Y-%m-%d)}
AR_CONFIG=$DATA/ar.ini
export AR_CONFIG

advices=
[ -f "$DATA/advices.csv" ] && advices="--remittance $DATA/advices.csv"

ar-bank -o "$OUT/payments.csv" "$DATA/bank.sta"
# shellcheck disable=SC2086 # $advices is empty or two words
ar-match --items "$DATA/items.csv" --customers "$DATA/customers.csv" $advices \
	-o "$OUT/allocations.csv" --unmatched "$OUT/unmatched.csv" \
	--suggestions "$OUT/suggestions.csv" --open-out "$OUT/open-after.csv" \
	"$OUT/payments.csv"
ar-age --as-of "$AS_OF" --customers "$DATA/customers.csv" \
	-o "$OUT/aging-after-match.csv" "$OUT/open-after.csv"
echo "$prog: $(($(wc -l <"$OUT/allocations.csv") - 1)) allocations," \
	"$(($(wc -l <"$OUT/unmatched.csv") - 1)) payments left for a person; aging in $OUT/aging-after-match.csv"
