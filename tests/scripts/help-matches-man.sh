#!/bin/sh
# Every command's --help and its man page name the same long options.
set -eu
status=0
for man in man/ar-*.1; do
	cmd=$(basename "$man" .1)
	command -v "$cmd" >/dev/null || { echo "$cmd: not built"; status=1; continue; }
	"$cmd" --help | grep -o -- '--[a-z][a-z-]*' | sort -u > /tmp/help.$$
	grep -o 'Fl \\-[a-z][a-z-]*' "$man" | sed 's/Fl \\-/--/' | sort -u > /tmp/man.$$
	if ! cmp -s /tmp/help.$$ /tmp/man.$$; then
		echo "$cmd: --help and $man differ (< help only, > man only):"
		diff /tmp/help.$$ /tmp/man.$$ | grep '^[<>]' || true
		status=1
	fi
	n=$(wc -l < /tmp/help.$$)
	[ "$n" -gt 3 ] || { echo "$cmd: only $n options found in --help"; status=1; }
done
rm -f /tmp/help.$$ /tmp/man.$$
exit $status
