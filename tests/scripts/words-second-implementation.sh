#!/bin/sh
# words-second-implementation.sh - the amount in words of letters (issue:
# "exact for every value up to 10^15 minor units") against a second
# implementation: tests/scripts/words_check.py, written in Python from the
# rules, not from lib/report/doc_text.c.
#
# For each language (en, zh-Hant, zh-Hans, ms) and each currency, exponent
# (MYR 2, TWD 0, TWD 2, CNY 2, USD 2, and EUR 2 and JPY 0 for the ISO-code
# names), 20,000 amounts from a fixed seed: first those with many zeros
# (10^k, 10^k+5, d*10^k, 10^a+10^b, the limits 10^15 and 10^15+1, -1),
# then lengths of 1..15 digits drawn uniformly, half with runs of zeros.
# `test_doc_text --words LANG CODE EXPONENT` writes the C's text for each,
# the Python its own; they must be equal line for line.  The first
# differences are printed and the script exits 1 on any.
#
#   BUILD=build/hA sh tests/scripts/words-second-implementation.sh   (from the repository root)
#
# BUILD (default build/san) holds tests/test_doc_text (make unit).
# Skips (77) when there is no /usr/bin/python3.
set -eu
py=/usr/bin/python3
check=tests/scripts/words_check.py
build=${BUILD:-build/san}
filter=$build/tests/test_doc_text
[ -x "$filter" ] || { echo "$filter: not built (make unit BUILD=$build)"; exit 1; }
[ -x "$py" ] || { echo "$py missing: no second implementation to compare with"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8

count=20000
"$py" "$check" gen 20261124 "$count" >"$tmp/values"
[ "$(wc -l <"$tmp/values")" -eq "$count" ] || { echo "words_check.py gen: not $count values"; exit 1; }

bad=0
compared=0
for lang in en zh-Hant zh-Hans ms; do
	for cur in MYR:2 TWD:0 TWD:2 CNY:2 USD:2 EUR:2 JPY:0; do
		code=${cur%:*}
		exp=${cur#*:}
		"$filter" --words "$lang" "$code" "$exp" <"$tmp/values" >"$tmp/c" ||
			{ echo "test_doc_text --words $lang $code $exp: exit $?"; exit 1; }
		"$py" "$check" words "$lang" "$code" "$exp" <"$tmp/values" >"$tmp/py"
		if ! cmp -s "$tmp/c" "$tmp/py"; then
			bad=$((bad + 1))
			echo "$lang $code exponent $exp: the two implementations differ"
			# amount, C, Python for the first five lines that differ
			paste -d '\t' "$tmp/values" "$tmp/c" "$tmp/py" |
			    awk -F '\t' '$2 != $3 { print "  " $1 "\n    C:      " $2 "\n    Python: " $3; if (++n == 5) exit }'
		fi
		compared=$((compared + $(wc -l <"$tmp/c")))
	done
done
[ "$bad" -eq 0 ] || { echo "$bad of 28 language and currency pairs differ"; exit 1; }
echo "ok: $compared amounts in words agree with the second implementation"
