#!/bin/sh
# remit.sh - the direct credits match.sh could not apply: the review sheet
# for the team, a remittance request to each probable customer, the list
# for the bank two weeks later, and a reply keyed in and applied
# (man 1 ar-remit).
#
#   remit.sh [DATA_DIR [OUT_DIR [MATCH_DIR]]]
#
# DATA_DIR (default: the folder this script is in) holds items.csv,
# customers.csv, journal.csv and ar.ini.  MATCH_DIR (default:
# DATA_DIR/out/match) holds what match.sh wrote: payments.csv,
# unmatched.csv and open-after.csv.  OUT_DIR (default: DATA_DIR/out/remit)
# receives:
#
#   journal.csv          a copy of the journal with the requests appended
#   unmatched.csv        match.sh's unmatched.csv with each credit's
#                        bank_ref, payer_account and narrative joined from
#                        payments.csv
#   direct-credits.csv/.xlsx
#                        the review on the as-of date ($AR_AS_OF, default
#                        2026-11-25): each credit, its probable customer,
#                        its best candidate items, what was done
#   email/*.eml          the remittance requests, in each customer's language
#   later.csv/.xlsx      the review 14 days on ([remit] escalate_days): no
#                        reply came, so every credit goes to the bank
#   to-bank.csv          the list for the banking function, with the day
#                        each credit was first requested
#   advices.csv          the reply of the customer asked, keyed in as
#                        ar-match --remittance reads it
#   allocations.csv      ar-match run again with it: the credit applied by
#                        rule remittance
#
# DATA_DIR is left as it was.  A failing step stops the script with its
# exit status.
set -eu

prog=remit.sh
die() {
	rc=$1
	shift
	echo "$prog: $*" >&2
	exit "$rc"
}

[ $# -le 3 ] || die 64 "usage: $prog [DATA_DIR [OUT_DIR [MATCH_DIR]]]"
here=$(cd "$(dirname "$0")" && pwd)
DATA=${1:-$here}
OUT=${2:-$DATA/out/remit}
MATCH=${3:-$DATA/out/match}
for f in "$DATA/items.csv" "$DATA/customers.csv" "$DATA/journal.csv" "$DATA/ar.ini" \
    "$MATCH/payments.csv" "$MATCH/unmatched.csv" "$MATCH/open-after.csv"; do
	[ -f "$f" ] || die 66 "$f does not exist"
done
mkdir -p "$OUT" || die 73 "cannot create $OUT"
OUT=$(cd "$OUT" && pwd)
AR_CONFIG=$DATA/ar.ini
export AR_CONFIG
AS_OF=${AR_AS_OF:-2026-11-25}

cp "$DATA/journal.csv" "$OUT/journal.csv"
rm -rf "$OUT/email"
# The listing has no bank reference; the bank needs it to trace a credit.
# Columns are found by name: the payments' bank_ref, payer_account and
# narrative joined on payment_id are read too.
/usr/bin/env python3 - "$MATCH/unmatched.csv" "$MATCH/payments.csv" "$OUT/unmatched.csv" <<'PY' ||
import csv, sys
extra = ["payer_account", "bank_ref", "narrative"]
pay = {r["payment_id"]: r for r in csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8"))}
src = csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))
with open(sys.argv[3], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(src.fieldnames + extra)
    for r in src:
        p = pay.get(r["payment_id"], {})
        w.writerow([r[c] for c in src.fieldnames] + [p.get(c, "") for c in extra])
PY
die 70 "cannot join the listing with the payments"
# The morning after the cash application: look, and ask.
ar-remit --as-of "$AS_OF" --unmatched "$OUT/unmatched.csv" \
	--customers "$DATA/customers.csv" --journal "$OUT/journal.csv" \
	--out-dir "$OUT" --xlsx "$OUT/direct-credits.xlsx" -o "$OUT/direct-credits.csv" \
	"$MATCH/open-after.csv"
# Two weeks on, nothing came back: the credits go to the bank, and nobody
# is asked twice.
later=$(date -u -d "$AS_OF + 14 days" +%Y-%m-%d 2>/dev/null) || later=2026-12-09
ar-remit --as-of "$later" --unmatched "$OUT/unmatched.csv" \
	--customers "$DATA/customers.csv" --journal "$OUT/journal.csv" \
	--out-dir "$OUT" --bank-list "$OUT/to-bank.csv" \
	--xlsx "$OUT/later.xlsx" -o "$OUT/later.csv" "$MATCH/open-after.csv"

# The customer asked answers: the first credit requested pays its first
# candidate.  Keyed in as a remittance advice, ar-match applies it.
awk -F, 'NR > 1 && $0 ~ /,requested,/ { print $1; exit }' "$OUT/direct-credits.csv" >"$OUT/asked.txt"
if [ -s "$OUT/asked.txt" ]; then
	/usr/bin/env python3 - "$OUT/direct-credits.csv" "$OUT/advices.csv" <<'PY' ||
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], newline="")) if r["done"] == "requested"]
r = rows[0]
doc = r["candidate_1"].split(" + ")[0]
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["payment_id", "doc_no", "amount"])
    w.writerow([r["payment_id"], doc, r["amount"]])
PY
	die 70 "cannot key the advice"
	ar-match --items "$DATA/items.csv" --customers "$DATA/customers.csv" \
		--remittance "$OUT/advices.csv" --unmatched "$OUT/unmatched-after.csv" \
		-o "$OUT/allocations.csv" "$MATCH/payments.csv" 2>/dev/null
fi
rm -f "$OUT/asked.txt"

echo "$prog: $(ls "$OUT/email" 2>/dev/null | wc -l) request(s) in $OUT/email;" \
	"$(($(wc -l <"$OUT/to-bank.csv") - 1)) credit(s) for the bank in $OUT/to-bank.csv;" \
	"$(grep -c ',remittance,' "$OUT/allocations.csv" 2>/dev/null || echo 0) allocation(s) by remittance in $OUT/allocations.csv"
