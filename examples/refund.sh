#!/bin/sh
# refund.sh - refunds of credit balances (man 1 ar-refund): the proposal
# for approval, then the bank's payment file of the approved refunds.
#
#   refund.sh [DATA_DIR [OUT_DIR]]
#
# DATA_DIR (default: the folder this script is in) holds refund-items.csv
# (open items of customers in credit), customers.csv (with their bank
# accounts), journal.csv and refund.ini (the company's account, [refund]
# and the bank CSV's layout [payout.maybank]).  OUT_DIR (default:
# DATA_DIR/out/refund) receives:
#
#   proposal.csv/.xlsx   every customer in credit: proposed, or excluded
#                        with its reason (insolvent, dispute, open_debits,
#                        too_recent, no_bank_account, bank_account_invalid)
#   approved.csv         the proposal as the approver returns it: here every
#                        proposed row marked approved
#   refund-pain001.xml   the ISO 20022 pain.001.001.03 credit transfers for
#                        the bank's portal (checked against the schema with
#                        xmllint when it and tests/data's XSD are at hand)
#   refund-maybank.csv   the same payments in Maybank's bulk-payment layout
#   journal.csv          a copy of the journal with the refund rows appended
#
# The payment is run twice, as a cron job would: the second run finds the
# refunds in the journal and pays nothing.  DATA_DIR is left as it was.  A
# failing step stops the script with its exit status.
set -eu

prog=refund.sh
die() {
	rc=$1
	shift
	echo "$prog: $*" >&2
	exit "$rc"
}

[ $# -le 2 ] || die 64 "usage: $prog [DATA_DIR [OUT_DIR]]"
here=$(cd "$(dirname "$0")" && pwd)
DATA=${1:-$here}
OUT=${2:-$DATA/out/refund}
for f in "$DATA/refund-items.csv" "$DATA/customers.csv" "$DATA/journal.csv" \
    "$DATA/refund.ini"; do
	[ -f "$f" ] || die 66 "$f does not exist"
done
mkdir -p "$OUT" || die 73 "cannot create $OUT"
OUT=$(cd "$OUT" && pwd)
AR_CONFIG=$DATA/refund.ini
export AR_CONFIG
AS_OF=${AR_AS_OF:-2026-11-30}
USER=${USER:-finance}
export USER

cp "$DATA/journal.csv" "$OUT/journal.csv"
rm -f "$OUT/refund-pain001.xml" "$OUT/refund-maybank.csv"
ar-refund propose --as-of "$AS_OF" --customers "$DATA/customers.csv" \
	--journal "$OUT/journal.csv" -o "$OUT/proposal.csv" --xlsx "$OUT/proposal.xlsx" \
	"$DATA/refund-items.csv"
# The approver's part: here every proposed row is approved.
sed 's/,proposed,$/,approved,/' "$OUT/proposal.csv" > "$OUT/approved.csv"
ar-refund pay --as-of "$AS_OF" --approved "$OUT/approved.csv" --customers "$DATA/customers.csv" \
	--journal "$OUT/journal.csv" --xml "$OUT/refund-pain001.xml" \
	--payout maybank --csv "$OUT/refund-maybank.csv"
xsd=$here/../tests/data/pain.001.001.03.xsd
if command -v xmllint >/dev/null 2>&1 && [ -f "$xsd" ]; then
	xmllint --noout --schema "$xsd" "$OUT/refund-pain001.xml"
fi
# The cron job again: every approved refund is in the journal, nothing is paid.
ar-refund pay --as-of "$AS_OF" --approved "$OUT/approved.csv" --customers "$DATA/customers.csv" \
	--journal "$OUT/journal.csv" --xml "$OUT/refund-pain001.xml" \
	--payout maybank --csv "$OUT/refund-maybank.csv"
echo "$prog: refunds proposed and paid in $OUT" >&2
