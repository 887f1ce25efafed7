#!/bin/sh
# mk/layers.sh - each layer of lib/ includes only the layers below it
# (lib/README.md):
#
#   cli/      for cmd/ only: options, usage, diagnostics
#   source/   what comes in      report/   what goes out   (side by side)
#   ar/       the AR model and its rules
#   core/     no AR knowledge
#
# Prints every include that breaks the rule as FILE:LINE and exits 1.
set -eu
cd "$(dirname "$0")/.."

allowed() {
	case $1 in
	core)   echo "core" ;;
	ar)     echo "core ar" ;;
	source) echo "core ar source" ;;
	report) echo "core ar report" ;;
	cli)    echo "core ar source report cli" ;;
	esac
}

bad=0
for dir in lib/*/; do
	layer=$(basename "$dir")
	ok=$(allowed "$layer")
	if [ -z "$ok" ]; then
		echo "$dir: not a layer (core, ar, source, report, cli)"
		bad=1
		continue
	fi
	# Every quoted include names its layer: "core/money.h".
	out=$(grep -n '^#[[:space:]]*include[[:space:]]*"' "$dir"*.[ch] /dev/null |
	    awk -v layer="$layer" -v ok=" $ok " '{
		match($0, /"[^"]*"/)
		inc = substr($0, RSTART + 1, RLENGTH - 2)
		n = split(inc, part, "/")
		if (n < 2) { print $0 "  (write it as \"LAYER/" inc "\")"; next }
		if (index(ok, " " part[1] " ") == 0)
			print $0 "  (" layer "/ may include only" ok ")"
	}')
	if [ -n "$out" ]; then
		echo "$out"
		bad=1
	fi
done
[ "$bad" -eq 0 ] && echo "layers: lib/ includes only downwards"
exit "$bad"
