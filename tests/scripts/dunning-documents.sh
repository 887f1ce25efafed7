#!/bin/sh
# dunning-documents.sh - what ar-dunning --out-dir delivers (issue 14),
# end to end over a small ledger of seven customers in the four languages:
#
#  1. the letters read back with pdftotext: the debtor's name (and in
#     Chinese its own script), every doc_no, the amount due and the amount
#     in words (from tests/scripts/words_check.py, the second
#     implementation), the ROC date of a zh-Hant letter; pdffonts: every
#     font embedded; the 120-item letter runs over three pages or more; a
#     Malaysian company owing more than RM 50,000 gets the s466 notice;
#  2. the e-mails parsed with Python's email package: headers decode to the
#     UTF-8 written, the parts and their types, the attachment's bytes are
#     the letter's;
#  3. sms.csv and im.csv: E.164 phones, GSM-7 and UCS-2, segments, the
#     send_after time, the wa.me link decodes to the text;
#  4. an e-mail address that is not one: a letter instead, on stderr;
#  5. --commit journals each letter, e-mail, SMS and IM with its file in ref;
#  6. a second run under the same SOURCE_DATE_EPOCH writes the same bytes;
#  7. a broken template stops the run (78, FILE:LINE) before anything is
#     written or journalled.
#
# Skips (77) without /usr/bin/python3 or pdftotext (poppler-utils).
set -eu
py=/usr/bin/python3
root=$(pwd)
command -v ar-dunning >/dev/null || { echo "ar-dunning: not built (not on PATH)"; exit 1; }
[ -x "$py" ] || { echo "$py missing: cannot read the documents back"; exit 77; }
command -v pdftotext >/dev/null || { echo "pdftotext missing (poppler-utils)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r tests/scripts/dunning-documents "$tmp/in"
export AR_CONFIG="$tmp/in/ar.ini" AR_TEMPLATES="$root/templates" SOURCE_DATE_EPOCH=1795507200

"$py" - "$tmp/in" <<'EOF'
# The 120 items of customer A and a few of each other customer.
import sys
d = sys.argv[1]
with open(d + "/items.csv", "a") as f:
    for k in range(1, 121):
        f.write("A100,INV-A%04d,2026-07-01,2026-08-%02d,MYR,%d.%02d,\n" % (k, 1 + k % 28, 400 + 7 * k, k % 100))
EOF
cp "$tmp/in/journal.csv" "$tmp/journal.csv"
ar-dunning --as-of 2026-11-24 --customers "$tmp/in/customers.csv" --journal "$tmp/journal.csv" \
	--commit --jobs 2 --out-dir "$tmp/out" -o "$tmp/actions.csv" "$tmp/in/items.csv" 2>"$tmp/err" ||
	{ cat "$tmp/err"; echo "ar-dunning failed"; exit 1; }
cat "$tmp/err"
# 6. the same bytes again, in one process this time
cp "$tmp/in/journal.csv" "$tmp/journal2.csv"
ar-dunning --as-of 2026-11-24 --customers "$tmp/in/customers.csv" --journal "$tmp/journal2.csv" \
	--jobs 1 --out-dir "$tmp/out2" -o "$tmp/actions2.csv" - <"$tmp/in/items.csv" 2>"$tmp/err2" ||
	{ cat "$tmp/err2"; echo "second run failed"; exit 1; }
diff -r "$tmp/out" "$tmp/out2" || { echo "a second run wrote other bytes"; exit 1; }
cmp "$tmp/actions.csv" "$tmp/actions2.csv" || { echo "other actions the second time"; exit 1; }

PYTHONPATH="$root/tests/scripts" "$py" "$root/tests/scripts/dunning_documents_check.py" \
	"$tmp/in" "$tmp/out" "$tmp/actions.csv" "$tmp/journal.csv" "$tmp/err"

# 7. a template with an unknown field: nothing written, nothing journalled
cp -r "$root/templates" "$tmp/bad"
sed -i '3s/$/ {{nmae}}/' "$tmp/bad/second-reminder.ms.txt"
cp "$tmp/in/journal.csv" "$tmp/journal3.csv"
rc=0
AR_TEMPLATES="$tmp/bad" ar-dunning --as-of 2026-11-24 --customers "$tmp/in/customers.csv" \
	--journal "$tmp/journal3.csv" --commit --out-dir "$tmp/out3" -o "$tmp/actions3.csv" \
	"$tmp/in/items.csv" 2>"$tmp/err3" || rc=$?
[ "$rc" -eq 78 ] || { cat "$tmp/err3"; echo "a bad template: exit $rc, not 78"; exit 1; }
grep -qF "second-reminder.ms.txt:3: unknown field \"nmae\"" "$tmp/err3" ||
	{ cat "$tmp/err3"; echo "the error does not name the file and line"; exit 1; }
[ ! -e "$tmp/out3" ] && [ ! -e "$tmp/actions3.csv" ] || { echo "written despite the bad template"; exit 1; }
cmp -s "$tmp/in/journal.csv" "$tmp/journal3.csv" || { echo "journalled despite the bad template"; exit 1; }
echo "documents ok"
