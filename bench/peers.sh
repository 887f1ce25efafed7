# bench/peers.sh - what the benchmarks of one tool against its peers share
# (run-pod.sh, run-ctos.sh, run-kpi.sh source it): which peers can run,
# timing a tool, the ratio of two times.  Expects D (the data folder), PY,
# TIME, TIMEOUT and status set by the script; NAME_WIDTH (default 14) is
# the width of a tool's name in the printed lines.

deb() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo '?'; }

# find_peers: skip_pandas / skip_duckdb say why a peer cannot run (empty:
# it can), ver_pandas / ver_duckdb its versions (as bench/run.sh finds them).
find_peers() {
	skip_pandas='' skip_duckdb=''
	if v=$("$PY" -c 'import sys, numpy, pandas; print("pandas %s, numpy %s, Python %s" % (pandas.__version__, numpy.__version__, sys.version.split()[0]))' 2>&1); then
		ver_pandas="$v (Debian python3-pandas $(deb python3-pandas))"
	else
		skip_pandas="cannot import pandas in $PY: $(echo "$v" | tail -1) (sh mk/deps.sh bench)"
	fi
	if ! command -v node >/dev/null; then
		skip_duckdb="node not installed"
		return 0
	fi
	if [ ! -d bench/node_modules/@duckdb/node-api ]; then
		if ! command -v npm >/dev/null; then
			skip_duckdb="npm not installed"
		elif ! (cd bench && npm install --no-audit --no-fund) > "$D/npm-install.log" 2>&1; then
			skip_duckdb="npm install failed: $(grep -v 'npm warn' "$D/npm-install.log" | tail -1)"
		fi
	fi
	if [ -z "$skip_duckdb" ]; then
		if v=$(node bench/peers/age-duckdb.mjs --version 2>&1); then
			ver_duckdb="$v; all cores"
		else
			skip_duckdb="cannot load @duckdb/node-api: $(echo "$v" | grep -m1 Error)"
		fi
	fi
}

# timed NAME OUT RUNS CMD...: the median wall time and largest peak RSS of RUNS
# runs into sec_NAME and rss_NAME (KiB); standard output to OUT.
timed() {
	name=$1 out=$2 n=$3
	shift 3
	: > "$D/times-$name"
	i=0
	while [ "$i" -lt "$n" ]; do
		"$TIME" -f '%e %M' -o "$D/time.txt" timeout -k 10 "$TIMEOUT" "$@" > "$out" 2> "$D/err-$name.txt" ||
			{ tail -3 "$D/err-$name.txt" >&2; printf "   %-${NAME_WIDTH:-14}s FAILED\n" "$name"; status=1; return 1; }
		cat "$D/time.txt" >> "$D/times-$name"
		i=$((i + 1))
	done
	# shellcheck disable=SC2046 # two numbers, split on purpose
	set -- $(sort -n "$D/times-$name" | awk '{ t[NR] = $1; if ($2 > m) m = $2 }
	    END { print t[int((NR + 1) / 2)], m }')
	eval "sec_$(echo "$name" | tr - _)=\$1 rss_$(echo "$name" | tr - _)=\$2"
	printf "   %-${NAME_WIDTH:-14}s %7.2f s  %8.1f MiB  (median of %d; runs %s)" "$name" "$1" \
		"$(awk -v k="$2" 'BEGIN { print k / 1024 }')" "$n" \
		"$(awk '{ printf "%s%s", sep, $1; sep = " " }' "$D/times-$name")"
}

# ratio A B: A / B to two decimals, n/a when either is missing
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 <= 0) print "n/a"; else printf "%.2f", a / (b < 0.01 ? 0.01 : b) }'; }
