#!/bin/sh
# bank-rejected-pipe.sh - a statement whose closing balance does not add
# up, after a first good transaction, writes nothing anywhere, whatever
# standard output is: ar-bank holds its output until every balance has
# been checked (issue 10).  The pipe carries 0 bytes, ar-bank exits 65, a
# file named by -o is left as it was, and a good file read before the bad
# one is held back too; a good statement's rows still go down the pipe.
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

statement() {   # CLOSING: one MT940 statement, opening 1000.00, +100.00, -40.00
	cat <<STA
:20:STMT20261124
:25:MY12MBBE00001234567890
:28C:00042/001
:60F:C261123MYR1000,00
:61:2611241124C100,00NTRFINV-90001001//BNK0001
:86:/NAME/Syarikat Maju Sdn Bhd/REMI/Payment INV 90001001
:61:2611241124D40,00NCHGNONREF//BNK0002
:86:Bank charges November
:62F:C261124MYR$1
-
STA
}
statement 1060,00 >"$dir/good.sta"
statement 1060,01 >"$dir/bad.sta"

# A good statement: the credit goes down the pipe (and the debit with --debits).
[ "$(ar-bank "$dir/good.sta" | wc -l)" -eq 2 ]
[ "$(ar-bank --debits "$dir/good.sta" | wc -l)" -eq 3 ]
ar-bank "$dir/good.sta" | grep -q '^00042/001:1,2026-11-24,MYR,100.00,Syarikat Maju Sdn Bhd,'

# The bad one: nothing in the pipe, exit 65 (the status taken without pipefail).
bytes=$( { st=0; ar-bank "$dir/bad.sta" 2>"$dir/err" || st=$?; echo "$st" >"$dir/status"; } | wc -c)
[ "$bytes" -eq 0 ] || { echo "rejected statement: $bytes bytes in the pipe, expected 0"; exit 1; }
[ "$(cat "$dir/status")" -eq 65 ] || { echo "exit $(cat "$dir/status"), expected 65"; exit 1; }
grep -q 'the balances do not add up' "$dir/err"

# A good file before the bad one: its rows are held back too; from standard input as well.
bytes=$(ar-bank "$dir/good.sta" "$dir/bad.sta" 2>/dev/null | wc -c)
[ "$bytes" -eq 0 ] || { echo "good then rejected: $bytes bytes in the pipe, expected 0"; exit 1; }
bytes=$(ar-bank --debits <"$dir/bad.sta" 2>/dev/null | wc -c)
[ "$bytes" -eq 0 ] || { echo "rejected on stdin: $bytes bytes in the pipe, expected 0"; exit 1; }

# Yesterday's payments.csv stays; nothing is left beside it.
echo yesterday >"$dir/payments.csv"
status=0
ar-bank -o "$dir/payments.csv" "$dir/good.sta" "$dir/bad.sta" 2>/dev/null || status=$?
[ "$status" -eq 65 ]
[ "$(cat "$dir/payments.csv")" = yesterday ]
ls "$dir" | grep -q '\.tmp\.' && { echo "a temporary file was left behind"; ls "$dir"; exit 1; }

# -o to a pipe (not a regular file) is held as standard output is.
bytes=$(ar-bank -o /dev/stdout "$dir/bad.sta" 2>/dev/null | wc -c)
[ "$bytes" -eq 0 ] || { echo "-o /dev/stdout: $bytes bytes in the pipe, expected 0"; exit 1; }
[ "$(ar-bank -o /dev/stdout "$dir/good.sta" | wc -l)" -eq 2 ]
exit 0
