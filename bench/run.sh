#!/bin/sh
# bench/run.sh [SIZES] - time ar-age against the tools users would otherwise
# pick, check that every tool computes the same aging, print a table and
# append it to bench/RESULTS.md.
#
#   sh bench/run.sh            sizes from $BENCH_SIZES, else "1m 10m"
#   sh bench/run.sh 1m 100k    sizes: N, Nk or Nm rows
#
# Environment: BUILD (where ar-age is: $BUILD/bin/ar-age; default build),
# BENCH_SIZES, BENCH_CUSTOMERS (default 50000), BENCH_RESULTS (the file the
# section is appended to; default bench/RESULTS.md), BENCH_TIMEOUT (seconds
# one tool may run, default 1800; then it counts as failed).  `make bench` installs the
# Debian packages first (mk/deps.sh bench) and builds ar-age.
#
# Every tool runs once per size under /usr/bin/time (wall seconds, peak RSS).
# Outputs go to bench/data/out-TOOL-SIZE.csv; each is normalised
# (bench/normalize.py: customer, currency, amounts with 2 decimals, counts;
# sorted) and must equal minimal-age's to the cent.  A tool that is missing
# or cannot be installed is reported as skipped; a tool that fails or
# disagrees makes the script exit 1 at the end.  Timings are reported, never
# asserted.
set -u

cd "$(dirname "$0")/.." || exit 1
D=bench/data
P=bench/peers
BUILD=${BUILD:-build}
AR=$BUILD/bin/ar-age
AS_OF=2026-11-24
CUSTOMERS=${BENCH_CUSTOMERS:-50000}
PY=/usr/bin/python3   # Debian's: the one that sees python3-pandas
TIME=/usr/bin/time
RESULTS=${BENCH_RESULTS:-bench/RESULTS.md}
CC=${CC:-cc}
TIMEOUT=${BENCH_TIMEOUT:-1800}   # seconds one tool may run before it is stopped
if [ $# -gt 0 ]; then SIZES=$*; else SIZES=${BENCH_SIZES:-1m 10m}; fi

die() { echo "bench: $*" >&2; exit 1; }

rows_of() {
	case $1 in
	*[!0-9km]* | '' | [km]* | *[km]?*) return 1 ;;
	*k) echo $((${1%k} * 1000)) ;;
	*m) echo $((${1%m} * 1000000)) ;;
	*) echo "$1" ;;
	esac
}
for s in $SIZES; do
	rows_of "$s" >/dev/null || die "size '$s' is not N, Nk or Nm (e.g. 1m, 500k)"
done
[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
[ -x "$PY" ] || die "$PY missing: run sh mk/deps.sh bench"
command -v "$CC" >/dev/null || die "no C compiler ($CC)"
mkdir -p "$D" || exit 1

# ---- build the generator and the baseline --------------------------------
CWARN="-std=c17 -Wall -Wextra -Wpedantic"
$CC $CWARN -O2 -o "$D/gen-items" bench/gen-items.c ||
	die "cannot build bench/gen-items.c"
$CC $CWARN -O2 -o "$D/minimal-age" bench/minimal-age.c -lcsv ||
	die "cannot build bench/minimal-age.c (needs libcsv-dev)"

# ---- which tools can run, and their versions -----------------------------
# skip_TOOL holds the reason a tool is skipped; empty means it runs.
TOOLS="minimal-age ar-age duckdb sqlite3 pandas gawk miller miller-dsl"
VERSIONS=$D/versions.txt
: > "$VERSIONS"
deb() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo '?'; }
ver() { printf '%-12s %s\n' "$1" "$2" >> "$VERSIONS"; }
skip() { eval "skip_$(echo "$1" | tr - _)=\$2"; ver "$1" "skipped: $2"; }
skipped() { eval "echo \"\${skip_$(echo "$1" | tr - _):-}\""; }

ver minimal-age "$($CC --version | head -1), libcsv $(deb libcsv3); -O2"
if [ -x "$AR" ]; then
	ver ar-age "$("$AR" --version 2>&1 | head -1) ($AR)"
else
	skip ar-age "$AR not built yet"
fi
if v=$("$PY" -c 'import sys, numpy, pandas; print("pandas %s, numpy %s, Python %s" % (pandas.__version__, numpy.__version__, sys.version.split()[0]))' 2>&1); then
	ver pandas "$v (Debian python3-pandas $(deb python3-pandas))"
else
	skip pandas "cannot import pandas in $PY: $(echo "$v" | tail -1)"
fi
if command -v mlr >/dev/null; then
	v="$(mlr --version) (Debian miller $(deb miller))"
	ver miller "$v; verb chain put + stats1 ($P/age.mlr)"
	ver miller-dsl "$v; one put -q with maps ($P/age-dsl.mlr)"
else
	skip miller "mlr not installed (Debian package miller)"
	skip miller-dsl "mlr not installed (Debian package miller)"
fi
if command -v sqlite3 >/dev/null; then
	ver sqlite3 "sqlite3 $(sqlite3 --version | cut -d' ' -f1-2) (Debian $(deb sqlite3)); in-memory database, import timed"
else
	skip sqlite3 "sqlite3 not installed (Debian package sqlite3)"
fi
if command -v gawk >/dev/null; then
	ver gawk "$(gawk --version | head -1)"
else
	skip gawk "gawk not installed (Debian package gawk)"
fi
if ! command -v node >/dev/null; then
	skip duckdb "node not installed"
else
	if [ ! -d bench/node_modules/@duckdb/node-api ]; then
		if ! command -v npm >/dev/null; then
			skip duckdb "npm not installed"
		elif ! (cd bench && npm install --no-audit --no-fund) > "$D/npm-install.log" 2>&1; then
			skip duckdb "npm install failed: $(grep -v 'npm warn' "$D/npm-install.log" | tail -1)"
		fi
	fi
	if [ -z "$(skipped duckdb)" ]; then
		if v=$(node $P/age-duckdb.mjs --version 2>&1); then
			ver duckdb "$v; DECIMAL(18,2); all cores"
		else
			skip duckdb "cannot load @duckdb/node-api: $(echo "$v" | grep -m1 Error)"
		fi
	fi
fi

# ---- the machine ----------------------------------------------------------
model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
MACHINE="$(nproc) x ${model:-unknown CPU} (nproc $(nproc)), $mem RAM, ${os:-unknown OS}, Linux $(uname -r); load average at start $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== artools bench: ar-age --as-of $AS_OF, sizes: $SIZES"
echo "machine: $MACHINE"
echo "versions:"
sed 's/^/  /' "$VERSIONS"

# ---- run ------------------------------------------------------------------
SECTION=$D/section.md
{
	echo
	echo "## Run $(date -u '+%Y-%m-%d %H:%M UTC'), sizes $SIZES"
	echo
	echo "Machine: $MACHINE."
	echo
	echo "Versions:"
	echo
	sed 's/^\([^ ]*\) *\(.*\)/- \1: \2/' "$VERSIONS"
} > "$SECTION"

status=0
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 <= 0) print "n/a"; else printf "%.2f", a / (b < 0.01 ? 0.01 : b) }'; }

for size in $SIZES; do
	rows=$(rows_of "$size")
	data=$D/items-$size.csv
	stamp="$(cksum < bench/gen-items.c | cut -d' ' -f1) $rows $CUSTOMERS"
	if [ ! -s "$data" ] || [ "$(cat "$data.stamp" 2>/dev/null)" != "$stamp" ]; then
		echo "-- generating $data ($rows rows, $CUSTOMERS customers)"
		if ! "$D/gen-items" "$rows" "$CUSTOMERS" > "$data.tmp" || ! mv "$data.tmp" "$data"; then
			rm -f "$data.tmp"
			die "cannot generate $data"
		fi
		echo "$stamp" > "$data.stamp"
	fi
	mb=$(awk -v b="$(wc -c < "$data")" 'BEGIN { printf "%.0f", b / 1e6 }')
	cat "$data" > /dev/null   # every tool reads it from the page cache
	echo
	echo "-- $size: $data ($rows rows, $CUSTOMERS customers, $mb MB)"

	bytes=
	for t in $TOOLS; do
		eval "sec_$(echo "$t" | tr - _)= rss_$(echo "$t" | tr - _)= res_$(echo "$t" | tr - _)="
	done
	for t in $TOOLS; do
		tv=$(echo "$t" | tr - _)
		why=$(skipped "$t")
		if [ -n "$why" ]; then
			eval "res_$tv=\"skipped: \$why\""
			echo "   $t: skipped ($why)"
			continue
		fi
		out=$D/out-$t-$size.csv tf=$D/time-$t-$size.txt err=$D/err-$t-$size.txt
		in=/dev/null stdout=$out
		case $t in
		minimal-age) set -- "$D/minimal-age" "$AS_OF" "$data" ;;
		# duplicates = allow: no peer looks for repeated items (with warn, the
		# default, ar-age keeps 16 bytes an item; bench/RESULTS.md, issue 11).
		ar-age)      set -- "$AR" --config bench/peers/allow.ini --as-of "$AS_OF" "$data" ;;
		pandas)      set -- "$PY" $P/age.py "$AS_OF" "$data" ;;
		miller)      set -- mlr -s $P/age.mlr "$data" ;;
		miller-dsl)  set -- mlr -s $P/age-dsl.mlr "$data" ;;
		sqlite3)     set -- sqlite3 -cmd ".import --csv $data items" :memory:; in=$P/age.sql ;;
		gawk)        set -- env LC_ALL=C gawk -v asof="$AS_OF" -f $P/age.awk "$data" ;;
		duckdb)      set -- node $P/age-duckdb.mjs "$AS_OF" "$data" "$out"; stdout=/dev/null ;;
		esac
		printf '   %-12s ' "$t"
		rm -f "$out"
		"$TIME" -f '%e %M' -o "$tf" timeout -k 10 "$TIMEOUT" "$@" < "$in" > "$stdout" 2> "$err"
		rc=$?
		[ $rc != 124 ] || echo "timed out after $TIMEOUT s (BENCH_TIMEOUT)" >> "$err"
		set -- $(tail -1 "$tf" 2>/dev/null) '' ''
		eval "sec_$tv=\$1 rss_$tv=\$2"
		printf '%8ss %8.1f MiB  ' "$1" "$(awk -v k="$2" 'BEGIN { print k / 1024 }')"
		if [ $rc != 0 ]; then
			eval "res_$tv=\"FAILED (exit $rc)\""
			echo "FAILED (exit $rc): $(tail -3 "$err" | tr '\n' ' ')"
			status=1
			continue
		fi
		if ! "$PY" bench/normalize.py "$out" > "$D/norm-$t-$size.csv" 2> "$D/norm-$t-$size.err"; then
			eval "res_$tv=\"FAILED: output unreadable\""
			echo "output unreadable: $(tail -1 "$D/norm-$t-$size.err")"
			status=1
			continue
		fi
		if [ "$t" = minimal-age ]; then
			eval "res_$tv=reference"
			echo "reference ($(($(wc -l < "$out") - 1)) rows)"
			continue
		fi
		if [ "$res_minimal_age" != reference ]; then
			eval "res_$tv=\"not checked (no reference)\""
			echo "not checked: minimal-age did not run"
		elif cmp -s "$D/norm-minimal-age-$size.csv" "$D/norm-$t-$size.csv"; then
			eval "res_$tv=agree"
			echo agree
		else
			eval "res_$tv=DISAGREE"
			echo "DISAGREE with minimal-age; first differing lines (< minimal-age, > $t):"
			diff "$D/norm-minimal-age-$size.csv" "$D/norm-$t-$size.csv" | head -12 | sed 's/^/        /'
			status=1
		fi
		if [ "$t" = ar-age ] && [ "$res_ar_age" = agree ]; then
			# ar-age's output form is specified to the byte, as minimal-age writes it.
			if cmp -s "$D/out-minimal-age-$size.csv" "$out"; then
				bytes="ar-age's output is byte-identical to minimal-age's."
				echo "                $bytes"
			else
				bytes="Note: ar-age's output differs in bytes from minimal-age's (header, quoting or number form; see bench/data/out-*-$size.csv)."
				echo "                $bytes"
				diff "$D/out-minimal-age-$size.csv" "$out" | head -6 | sed 's/^/        /'
			fi
		fi
	done

	# ---- the table --------------------------------------------------------
	table=$D/table-$size.md
	{
		echo
		echo "### $size: $rows rows, $CUSTOMERS customers, $mb MB"
		echo
		echo "| tool | seconds | peak RSS MiB | time / ar-age | time / minimal-age | result |"
		echo "|---|---:|---:|---:|---:|---|"
		for t in $TOOLS; do
			tv=$(echo "$t" | tr - _)
			eval "s=\$sec_$tv r=\$rss_$tv res=\$res_$tv"
			case $res in FAILED*) s= ;; esac
			if [ -z "$s" ]; then
				echo "| $t | - | - | - | - | $res |"
				continue
			fi
			printf '| %s | %s | %.1f | %s | %s | %s |\n' "$t" "$s" \
				"$(awk -v k="$r" 'BEGIN { print k / 1024 }')" \
				"$(ratio "$s" "$sec_ar_age")" "$(ratio "$s" "$sec_minimal_age")" "$res"
		done
		echo
		[ -z "$bytes" ] || printf '%s\n\n' "$bytes"
		if [ -z "$sec_ar_age" ] || [ "$res_ar_age" != agree ]; then
			echo "Targets not checked: ar-age ${res_ar_age:-did not run}."
		else
			target() { # label value op limit
				awk -v l="$1" -v v="$2" -v op="$3" -v lim="$4" 'BEGIN {
					if (v == "n/a") { printf "- %s: n/a\n", l; exit }
					ok = op == ">=" ? v >= lim : op == "<=" ? v <= lim : v < lim
					printf "- %s: %s (target %s %s): %s\n", l, v, op, lim, ok ? "met" : "NOT met" }'
			}
			echo "Targets (reported, never asserted):"
			echo
			target "pandas time / ar-age time" "$(ratio "$sec_pandas" "$sec_ar_age")" ">=" 3
			m=$(printf '%s\n' "$sec_miller" "$sec_miller_dsl" | grep . | sort -n | head -1)
			target "Miller (faster variant) time / ar-age time" "$(ratio "$m" "$sec_ar_age")" ">=" 10
			target "ar-age time / minimal-age time" "$(ratio "$sec_ar_age" "$sec_minimal_age")" "<=" 1.3
			target "ar-age peak RSS MiB at $size (target applies at 10m)" \
				"$(awk -v k="$rss_ar_age" 'BEGIN { printf "%.1f", k / 1024 }')" "<" 64
			echo "- DuckDB time / ar-age time: $(ratio "$sec_duckdb" "$sec_ar_age") (recorded)"
		fi
	} > "$table"
	cat "$table"
	cat "$table" >> "$SECTION"
done

if [ $status != 0 ]; then
	printf '\nResult: a tool failed or disagreed with minimal-age (see above).\n' >> "$SECTION"
fi
[ -f "$RESULTS" ] || printf '# artools benchmark results\n' > "$RESULTS"
cat "$SECTION" >> "$RESULTS"
echo
echo "appended to $RESULTS"
[ $status = 0 ] || echo "bench: a tool failed or disagreed with minimal-age" >&2
exit $status
