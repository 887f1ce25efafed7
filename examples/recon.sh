#!/bin/sh
# recon.sh - reconcile a customer's ledger of us with our open items
# (man 1 ar-recon): Sinar Jaya Trading (100101) sent its AutoCount
# creditor ledger of our account, recon/their-ledger.csv.
#
#   recon.sh [DATA_DIR [OUT_DIR [MATCH_DIR]]]
#
# DATA_DIR (default: the folder this script is in) holds items.csv,
# customers.csv, journal.csv, ar.ini, and recon/their-ledger.csv with
# recon/profile.ini (the [recon.autocount] profile, appended to a copy of
# ar.ini).  MATCH_DIR (default: DATA_DIR/out/match) may hold what
# match.sh wrote: its payments.csv is searched for their payments in
# transit; without it the payments are not looked for.  OUT_DIR (default:
# DATA_DIR/out/recon) receives:
#
#   ar.ini             ar.ini with the profile
#   journal.csv        a copy of the journal with the recon row appended
#   recon.csv/.xlsx    every document and line, classified, and the
#                      BALANCE row proving ours - theirs = the differences
#   recon.pdf          the letter to the customer
#
# DATA_DIR is left as it was.  A failing step stops the script with its
# exit status.
set -eu

prog=recon.sh
die() {
	rc=$1
	shift
	echo "$prog: $*" >&2
	exit "$rc"
}

[ $# -le 3 ] || die 64 "usage: $prog [DATA_DIR [OUT_DIR [MATCH_DIR]]]"
here=$(cd "$(dirname "$0")" && pwd)
DATA=${1:-$here}
OUT=${2:-$DATA/out/recon}
MATCH=${3:-$DATA/out/match}
for f in "$DATA/items.csv" "$DATA/customers.csv" "$DATA/journal.csv" "$DATA/ar.ini" \
    "$DATA/recon/their-ledger.csv" "$DATA/recon/profile.ini"; do
	[ -f "$f" ] || die 66 "$f does not exist"
done
mkdir -p "$OUT" || die 73 "cannot create $OUT"
OUT=$(cd "$OUT" && pwd)
cat "$DATA/ar.ini" "$DATA/recon/profile.ini" >"$OUT/ar.ini"
AR_CONFIG=$OUT/ar.ini
export AR_CONFIG
AS_OF=${AR_AS_OF:-2026-11-24}
payments=
if [ -f "$MATCH/payments.csv" ]; then
	payments="--payments $MATCH/payments.csv"
else
	echo "$prog: no $MATCH/payments.csv: their payments are not looked for in our bank" >&2
fi

cp "$DATA/journal.csv" "$OUT/journal.csv"
# shellcheck disable=SC2086 # $payments is two words or none
ar-recon --customer 100101 --theirs "$DATA/recon/their-ledger.csv" --profile autocount \
	--as-of "$AS_OF" $payments --customers "$DATA/customers.csv" \
	--journal "$OUT/journal.csv" --user nurul \
	-o "$OUT/recon.csv" --xlsx "$OUT/recon.xlsx" --pdf "$OUT/recon.pdf" "$DATA/items.csv"

echo "$prog: $(grep -c -v '^class,\|^BALANCE,' "$OUT/recon.csv") rows;" \
	"$(grep '^BALANCE,' "$OUT/recon.csv" | cut -d, -f5-8 | tr '\n' ' ')in $OUT/recon.csv"
