#!/bin/sh
# The man pages are mandoc -Tlint clean and every command has one.
set -eu
for c in cmd/ar-*.c; do
	t=$(basename "$c" .c)
	[ -f "man/$t.1" ] || { echo "$t has no man page"; exit 1; }
done
out=$(mandoc -Tlint -W warning man/*.[1-8] 2>&1) || true
[ -z "$out" ] || { echo "$out"; exit 1; }
