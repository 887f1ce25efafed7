#!/bin/sh
# tests/scripts/case-pins.sh - every golden case says what it pins: the first
# line of tests/cases/TOOL/CASE/cmd is "# pins: <the rule it fixes>" (see
# tests/cases/README.md).  Lists the cases without one and fails.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
missing=0
for cmd in "$root"/tests/cases/*/*/cmd; do
	case $(head -n 1 "$cmd") in
	"# pins: "?*) ;;
	*) echo "no '# pins:' first line: ${cmd#"$root"/}"; missing=$((missing + 1)) ;;
	esac
done
[ "$missing" -eq 0 ] || { echo "$missing cases do not say what they pin"; exit 1; }
