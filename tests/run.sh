#!/bin/sh
# tests/run.sh - run every test and end with "N passed, N failed".
#
#   BUILD=build/san sh tests/run.sh [PATTERN]
#
# 1. unit tests: each $BUILD/tests/test_* prints "ok - NAME" / "not ok - NAME";
# 2. golden cases: tests/cases/TOOL/CASE/ holds `cmd` (a shell line run in a
#    scratch copy of the folder, with the built commands first on PATH,
#    $SHARED naming ../shared and $ROOT the repository), the inputs,
#    `expected.out` (stdout; absent = must be empty), `expected.err`
#    (stderr; absent = must be empty), `status` (exit status; absent = 0), `expected/` (files the command must
#    leave behind, compared byte for byte);
# 3. script tests: tests/scripts/*.sh, pass when they exit 0 (77: skipped);
# 4. fuzz smoke: each $FUZZ_BUILD/fuzz/* runs $FUZZ_SECONDS seconds.
# Skips: a unit test prints "skip - NAME: reason" (SKIP in test.h); a golden
# case whose cmd names $SHARED is skipped when that folder is absent; a
# script exits 77 after printing the reason as its last line.  A skip counts
# neither as passed nor as failed; one "skipped N: ..." line comes before the
# closing line.  Without ../shared beside the checkout (a user's clone) the
# corpus tests skip; AR_SHARED names another place for it.
# REGEN=1 rewrites expected.out/expected.err/status of golden cases from what
# the commands print now: review the diff before committing it.
set -u

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-build/san}
case $build in /*) ;; *) build=$root/$build ;; esac
fuzz_build=${FUZZ_BUILD:-}
case $fuzz_build in ""|/*) ;; *) fuzz_build=$root/$fuzz_build ;; esac
pattern=${1:-}
SHARED=${AR_SHARED:-$root/../shared}
export SHARED
ROOT=$root   # cases run in a scratch copy: $ROOT/tests/scripts/... finds helpers
export ROOT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LC_ALL=C.UTF-8 TZ=UTC
unset AR_CONFIG XDG_CONFIG_HOME SOURCE_DATE_EPOCH
# The shipped templates, for cases that write letters (ar-dunning --out-dir).
AR_TEMPLATES=$root/templates
export AR_TEMPLATES

passed=0
failed=0
failures=
skipped=0
no_shared="no ../shared: corpus tests skipped"   # the reason every corpus test gives
if [ -n "${AR_SHARED:-}" ]; then
	shared_why="AR_SHARED=$AR_SHARED is not a folder (corpus tests)"
else
	shared_why="../shared is not beside the checkout (corpus tests)"
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); failures="$failures
  $1"; echo "FAIL $1"; }

skip() {
	skipped=$((skipped + 1))
	echo "SKIP $1: $2"
	echo "$2" >>"$scratch/skips"
}

matches() { [ -z "$pattern" ] || case $1 in *$pattern*) return 0 ;; *) return 1 ;; esac; }

# 1. unit tests
for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	matches "$name" || continue
	out=$scratch/unit.out
	(cd "$root" && "$t") >"$out" 2>&1
	rc=$?
	ok=$(grep -c '^ok - ' "$out")
	bad=$(grep -c '^not ok - ' "$out")
	passed=$((passed + ok))
	sed -n 's/^skip - //p' "$out" >"$scratch/unit.skips"
	while IFS= read -r s; do
		skip "$name: ${s%%: *}" "${s#*: }"
	done <"$scratch/unit.skips"
	if [ "$bad" -gt 0 ] || [ "$rc" -ne 0 ]; then
		sed -n '/^not ok\|^#\|ERROR\|runtime error/p' "$out" | head -40
		[ "$bad" -eq 0 ] && bad=1 && grep -v '^ok - ' "$out" | tail -20
		for n in $(sed -n 's/^not ok - //p' "$out"); do fail "$name: $n"; done
		[ "$(grep -c '^not ok - ' "$out")" -eq 0 ] && fail "$name: exit $rc"
	fi
done

# 2. golden cases
for dir in "$root"/tests/cases/*/*/; do
	[ -f "$dir/cmd" ] || continue
	case_name=${dir#"$root"/tests/cases/}
	case_name=${case_name%/}
	matches "$case_name" || continue
	if [ ! -d "$SHARED" ] && grep -v '^[[:space:]]*#' "$dir/cmd" | grep -q '\$SHARED\|\${SHARED'; then
		skip "$case_name" "$no_shared"
		continue
	fi
	work=$scratch/case
	rm -rf "$work" && cp -R "$dir" "$work"
	(cd "$work" && PATH="$build/bin:$PATH" sh ./cmd >"$scratch/out" 2>"$scratch/err" </dev/null)
	rc=$?
	want_rc=0
	[ -f "$dir/status" ] && want_rc=$(cat "$dir/status")
	if [ "${REGEN:-}" = 1 ]; then
		cp "$scratch/out" "$dir/expected.out"; [ -s "$dir/expected.out" ] || rm -f "$dir/expected.out"
		cp "$scratch/err" "$dir/expected.err"; [ -s "$dir/expected.err" ] || rm -f "$dir/expected.err"
		if [ "$rc" -ne 0 ]; then echo "$rc" >"$dir/status"; else rm -f "$dir/status"; fi
		want_rc=$rc
	fi
	why=
	[ "$rc" = "$want_rc" ] || why="exit $rc, expected $want_rc"
	if [ -f "$dir/expected.out" ]; then
		cmp -s "$scratch/out" "$dir/expected.out" || { why="$why stdout differs"; diff -u "$dir/expected.out" "$scratch/out" | head -20; }
	elif [ -s "$scratch/out" ]; then
		why="$why unexpected stdout"; head -5 "$scratch/out"
	fi
	if [ -f "$dir/expected.err" ]; then
		cmp -s "$scratch/err" "$dir/expected.err" || { why="$why stderr differs"; diff -u "$dir/expected.err" "$scratch/err" | head -20; }
	elif [ -s "$scratch/err" ]; then
		why="$why unexpected stderr"; head -20 "$scratch/err"
	fi
	if [ -d "$dir/expected" ]; then
		for f in "$dir"/expected/*; do
			b=$(basename "$f")
			cmp -s "$f" "$work/$b" || { why="$why $b differs"; diff -u "$f" "$work/$b" | head -20; }
		done
	fi
	if [ -z "$why" ]; then pass; else fail "$case_name:$why"; fi
done

# 3. script tests
for s in "$root"/tests/scripts/*.sh; do
	[ -f "$s" ] || continue
	name=scripts/$(basename "$s")
	matches "$name" || continue
	(cd "$root" && PATH="$build/bin:$PATH" BUILD="$build" sh "$s") >"$scratch/out" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		pass
	elif [ "$rc" -eq 77 ]; then
		why=$(tail -n 1 "$scratch/out")
		skip "$name" "${why:-exit 77}"
	else
		tail -20 "$scratch/out"; fail "$name"
	fi
done

# 4. fuzz smoke
if [ -n "$fuzz_build" ] && [ -d "$fuzz_build/fuzz" ]; then
	for f in "$fuzz_build"/fuzz/fuzz_*; do
		[ -x "$f" ] || continue
		name=$(basename "$f")
		matches "$name" || continue
		corpus=$scratch/corpus-$name
		mkdir -p "$corpus"
		seeds=$root/tests/fuzz/seeds/$name
		[ -d "$seeds" ] || seeds=
		if "$f" -max_total_time="${FUZZ_SECONDS:-10}" -timeout=10 "$corpus" $seeds >"$scratch/out" 2>&1; then
			pass
		else
			grep -A20 'ERROR\|runtime error' "$scratch/out" | head -30; fail "fuzz: $name"
		fi
	done
fi

[ "$failed" -gt 0 ] && printf 'failed:%s\n' "$failures"
if [ "$skipped" -gt 0 ]; then
	# one line: the reason, or each reason with its count when there are several
	why=$(sort "$scratch/skips" | uniq -c | awk -v ns="$no_shared" -v sw="$shared_why" '
	    { k = $1; sub(/^ *[0-9]+ /, ""); r[++m] = ($0 == ns ? sw : $0); c[m] = k }
	    END { if (m == 1) print r[1]; else for (i = 1; i <= m; i++) printf "%s%s [%d]", (i > 1 ? "; " : ""), r[i], c[i] }')
	echo "skipped $skipped: $why"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
