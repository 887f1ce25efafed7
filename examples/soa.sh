#!/bin/sh
# soa.sh - two statements of account at the month end (man 1 ar-soa):
# a Malay-speaking Malaysian shop in ringgit, with the bank details and
# JomPAY, and a Taiwanese customer in New Taiwan dollars, in Traditional
# Chinese.
#
#   soa.sh [DATA_DIR [OUT_DIR]]
#
# DATA_DIR (default: the folder this script is in) holds customers.csv,
# ar.ini and soa-ledger.csv, the ledger extract of the two customers:
# every item of the last months, open and cleared, with its clearing_date
# (SAP FBL5N "all items").  OUT_DIR (default: DATA_DIR/out/soa) receives:
#
#   ar.ini             the example's ar.ini with the company's bank account
#                      and JomPAY biller code, as [company] would hold them
#   100111-MYR.pdf/.csv/.eml, 300201-TWD.pdf/.csv/.eml
#                      November's statements: balance brought forward on
#                      1 November, the month's invoices, credit notes and
#                      payments with the running balance, the closing
#                      balance (checked against the items still open on
#                      30 November), the aging, how to pay; the e-mail
#                      carries the PDF
#   summary.csv        one row per statement
#
# Then the check at work: the same run over a ledger that lost a payment
# is refused, and nothing is written.  DATA_DIR is left as it was.  A
# failing step stops the script with its exit status.
set -eu

prog=soa.sh
die() {
	rc=$1
	shift
	echo "$prog: $*" >&2
	exit "$rc"
}

[ $# -le 2 ] || die 64 "usage: $prog [DATA_DIR [OUT_DIR]]"
here=$(cd "$(dirname "$0")" && pwd)
DATA=${1:-$here}
OUT=${2:-$DATA/out/soa}
AS_OF=${AR_AS_OF:-2026-11-30}
for f in customers.csv ar.ini soa-ledger.csv; do
	[ -r "$DATA/$f" ] || die 66 "$DATA/$f: cannot read"
done
mkdir -p "$OUT" || die 73 "$OUT: cannot create"
# Reproducible documents: dated 1 December 2026, 09:00 in Kuala Lumpur.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1796086800}
export SOURCE_DATE_EPOCH

sed '/^\[company\]/a\
bank_name = Malayan Banking Berhad\
bank_account = 5140 1234 5678\
bank_swift = MBBEMYKL\
jompay_biller = 88123' "$DATA/ar.ini" >"$OUT/ar.ini"

echo "== November statements, from the ledger extract"
AR_CONFIG=$OUT/ar.ini ar-soa --as-of "$AS_OF" --customers "$DATA/customers.csv" \
	--customer 100111 --customer 300201 --ledger "$DATA/soa-ledger.csv" \
	--out-dir "$OUT" -o "$OUT/summary.csv" || die $? "ar-soa failed"
cat "$OUT/summary.csv"
echo "== $OUT/100111-MYR.csv"
cat "$OUT/100111-MYR.csv"

echo "== the same ledger without the payment of 26 November, against the open items: refused"
# The open items: the ledger's rows not cleared (the items stream ar-age reads).
awk -F, 'NR == 1 || $NF == ""' "$DATA/soa-ledger.csv" >"$OUT/open-items.csv"
grep -v '^100111,.*,PAY-20261126,' "$DATA/soa-ledger.csv" >"$OUT/ledger-lost-payment.csv"
rm -rf "$OUT/refused"
if AR_CONFIG=$OUT/ar.ini ar-soa --as-of "$AS_OF" --customers "$DATA/customers.csv" \
	--customer 100111 --ledger "$OUT/ledger-lost-payment.csv" --out-dir "$OUT/refused" \
	"$OUT/open-items.csv" 2>&1; then
	die 70 "a ledger that does not balance was accepted"
fi
[ ! -e "$OUT/refused" ] || die 70 "$OUT/refused was written"
echo "(exit 65: $OUT/refused was not written)"
