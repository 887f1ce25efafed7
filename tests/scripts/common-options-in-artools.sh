#!/bin/sh
# common-options-in-artools.sh - artools(7) says which common options each
# command takes (issue 11: it once claimed every command took --as-of and
# --skip-bad); the list must be what each command's --help shows under
# "Common options:", no more, no less.
set -eu
status=0
for man in man/ar-*.1; do
	cmd=$(basename "$man" .1)
	command -v "$cmd" >/dev/null || { echo "$cmd: not built"; status=1; continue; }
	help=$("$cmd" --help | sed -n '/^Common options:/,/^$/p' |
	    grep -o -- ' -o\b\|--[a-z][a-z-]*' | grep -v -- '--help\|--version\|--output' |
	    sed 's/^ //' | sort -u | tr '\n' ' ')
	# The .It line after ".It $cmd" in the Options list of artools.7.
	said=$(sed -n "/^\.It $cmd\$/{n;p;}" man/artools.7 |
	    grep -o 'Fl -[a-z][a-z-]*\|Fl o\b' | sed 's/^Fl -/--/; s/^Fl o/-o/' | sort -u | tr '\n' ' ')
	if [ -z "$said" ]; then
		echo "$cmd: artools(7) does not list its common options"
		status=1
	elif [ "$help" != "$said" ]; then
		echo "$cmd: --help takes [$help] but artools(7) says [$said]"
		status=1
	fi
done
exit $status
