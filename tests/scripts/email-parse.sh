#!/bin/sh
# email-parse.sh - the e-mails GMime writes for ar-dunning (issue 14) read
# back by another implementation, Python's email package: the unit test
# test_email_msg --write writes two samples into a temporary folder,
#
#   a.eml  English, ASCII subject, Reply-To, no attachment
#          (multipart/alternative of text/plain and text/html)
#   b.eml  Chinese sender, recipient and subject ("逾期帳款通知 — 第二次"),
#          two valid To addresses and an invalid one left out, HTML with
#          &lt;escaped&gt; text, the PDF b.pdf attached
#          (multipart/mixed > multipart/alternative > text/plain +
#          text/html, then application/pdf)
#
# and tests/scripts/email_check.py asserts that the headers decode to the
# original UTF-8, Date parses to the instant and zone given, Message-ID is
# the one given, the parts and their types are as above, the texts decode
# to the originals and the attachment's bytes are b.pdf's, under its name.
#
#   BUILD=build/hC sh tests/scripts/email-parse.sh   (from the repository root)
#
# BUILD (default build/san) holds tests/test_email_msg (make unit).
# Skips (77) when there is no /usr/bin/python3.
set -eu
py=/usr/bin/python3
build=${BUILD:-build/san}
writer=$build/tests/test_email_msg
[ -x "$writer" ] || { echo "$writer: not built (make unit BUILD=$build)"; exit 1; }
[ -x "$py" ] || { echo "$py missing: cannot parse the messages back"; exit 77; }
# GLib keeps its type system for the life of the process (tests/lsan.supp).
LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0}
export LSAN_OPTIONS
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$writer" --write "$tmp"
for f in a.eml b.eml b.pdf; do
	[ -s "$tmp/$f" ] || { echo "test_email_msg --write left no $f"; exit 1; }
done
"$py" tests/scripts/email_check.py "$tmp"

# The same spec gives the same bytes: a second run writes identical files.
mkdir "$tmp/again"
"$writer" --write "$tmp/again"
for f in a.eml b.eml; do
	cmp "$tmp/$f" "$tmp/again/$f"
done
echo "email parse ok"
