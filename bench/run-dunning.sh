#!/bin/sh
# bench/run-dunning.sh - the dunning benchmark (issue 13): ar-dunning over
# 1M open items of 50k customers with a 1M-row journal, against ar-age on
# the same items (the target: within 3x), and ar-dunning's peak memory with
# journals of 0, 100k and 1M rows (the target: flat in the journal's size;
# memory follows the customers the journal names, not its rows).
#
#   sh bench/run-dunning.sh            1,000,000 items, 50,000 customers
#   BENCH_DUNNING_ROWS=100000 sh bench/run-dunning.sh     a smaller run
#
# Environment: BUILD (default build), CC (default cc), BENCH_RUNS (default
# 3: the median wall time of that many runs is reported).  Data goes to
# bench/data/dunning-ROWS/ (items from bench/gen-items.c; customers,
# journals and ar.ini from the inline Python below, seeded, so the same
# bytes every time), regenerated when the generators change.  Prints the
# figures; does not write bench/RESULTS.md.
set -u

cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
CC=${CC:-cc}
PY=/usr/bin/python3
TIME=/usr/bin/time
ROWS=${BENCH_DUNNING_ROWS:-1000000}
CUSTOMERS=$((ROWS / 20))
RUNS=${BENCH_RUNS:-3}
D=bench/data/dunning-$ROWS

die() { echo "bench: $*" >&2; exit 1; }

[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
[ -x "$PY" ] || die "$PY missing"
for t in ar-age ar-dunning; do
	[ -x "$BUILD/bin/$t" ] || die "$BUILD/bin/$t missing: make BUILD=$BUILD"
done
mkdir -p "$D" || exit 1

stamp="$(cat bench/gen-items.c bench/run-dunning.sh | cksum | cut -d' ' -f1) $ROWS"
if [ "$(cat "$D/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $ROWS items, $CUSTOMERS customers, journals into $D ..."
	$CC -std=c17 -O2 -o "$D/gen-items" bench/gen-items.c || die "cannot build bench/gen-items.c"
	"$D/gen-items" "$ROWS" "$CUSTOMERS" > "$D/items.csv" || die "gen-items failed"
	"$PY" - "$D" <<'EOF' || die "cannot generate the customers and journals"
import csv, random, sys
d = sys.argv[1]
rnd = random.Random(13)
ids, docs = [], {}
with open(d + "/items.csv", newline="") as f:
    for r in csv.DictReader(f):
        if r["customer"] not in docs:
            ids.append(r["customer"])
            docs[r["customer"]] = []
        if len(docs[r["customer"]]) < 8:
            docs[r["customer"]].append(r["doc_no"])
statuses = ["active"] * 95 + ["legal", "agency", "liquidation", "written_off", "administration"]
with open(d + "/customers.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["customer", "name", "status", "lang", "email", "phone", "address",
                "country", "dunning_block", "channel", "interest_rate"])
    for i, c in enumerate(ids):
        w.writerow([c, "Customer " + c, rnd.choice(statuses), rnd.choice(["en", "ms", "zh-Hans", "zh-Hant"]),
                    c.lower() + "@example.my" if rnd.random() < 0.9 else "",
                    "+6012" + str(rnd.randrange(1000000, 9999999)) if rnd.random() < 0.6 else "",
                    "No %d, Jalan %d" % (i, i % 97) if rnd.random() < 0.95 else "",
                    "TW" if rnd.random() < 0.08 else "", "yes" if rnd.random() < 0.01 else "",
                    "", "12" if rnd.random() < 0.05 else ""])
def journal(path, n):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "customer", "action", "level", "doc_no", "amount", "currency",
                    "due", "channel", "ref", "user", "note"])
        for k in range(n):
            c = rnd.choice(ids)
            day = "2026-%02d-%02d" % (rnd.randrange(1, 12), rnd.randrange(1, 29))
            a = rnd.random()
            if a < 0.45:
                ch = rnd.choice(["letter", "email", "sms"])
                w.writerow([day, c, ch, rnd.randrange(1, 4), "", "100.00", "MYR", "", ch, "", "ar-dunning", ""])
            elif a < 0.70:
                w.writerow([day, c, "call", "", "", "", "", "", "phone", "", "amy", "no answer"])
            elif a < 0.80:
                w.writerow([day, c, "promise", "", "", "500.00", "MYR", "2026-%02d-%02d" % (rnd.randrange(1, 13), rnd.randrange(1, 29)), "", "", "amy", ""])
            elif a < 0.88:
                w.writerow([day, c, rnd.choice(["dispute", "dispute_resolved"]), "", rnd.choice(docs[c]), "", "", "", "", "", "amy", ""])
            elif a < 0.92:
                w.writerow([day, c, "hold", "", "", "", "", "2026-%02d-%02d" % (rnd.randrange(1, 13), rnd.randrange(1, 29)), "", "", "amy", ""])
            else:
                w.writerow([day, c, "note", "", "", "", "", "", "", "", "amy", "called back later"])
n = len(ids)
journal(d + "/journal-0.csv", 0)
journal(d + "/journal-100k.csv", n * 2)
journal(d + "/journal-1m.csv", n * 20)
with open(d + "/ar.ini", "w") as f:
    f.write("[company]\ncountry = MY\n[dunning]\ngrace_days = 5\nmin_days_between = 14\n"
            "interest_rate = 18\nfee = 0\n[dunning.1]\ndays = 1\nchannels = email,sms\n"
            "[dunning.2]\ndays = 30\nmin_amount = 500\nchannels = email,letter\n"
            "[dunning.3]\ndays = 60\nmin_amount = 1000\nchannels = letter\nfee = 50\n")
EOF
	echo "$stamp" > "$D/stamp"
fi

echo "== artools bench: ar-dunning vs ar-age, $ROWS items, $CUSTOMERS customers"
echo "machine: $(nproc) x $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "journal rows: 0, $(($(wc -l < "$D/journal-100k.csv") - 1)), $(($(wc -l < "$D/journal-1m.csv") - 1))"

# median NAME CMD...: the median wall time and the largest peak RSS of RUNS runs
median() {
	name=$1
	shift
	: > "$D/times"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		"$TIME" -f '%e %M' -o "$D/time.txt" "$@" > "$D/out.csv" 2> "$D/err.txt" ||
			{ cat "$D/err.txt" >&2; die "$name failed"; }
		cat "$D/time.txt" >> "$D/times"
		i=$((i + 1))
	done
	sort -n "$D/times" | awk -v n="$name" -v runs="$RUNS" '
	    { t[NR] = $1; if ($2 > m) m = $2 }
	    END { printf "   %-28s %7.2f s  %8.1f MiB  (median of %d)\n", n, t[int((NR + 1) / 2)], m / 1024, runs }'
}

export AR_CONFIG="$D/ar.ini"
median "ar-age" "$BUILD/bin/ar-age" --as-of 2026-11-24 --customers "$D/customers.csv" "$D/items.csv"
for j in 0 100k 1m; do
	median "ar-dunning, journal $j" "$BUILD/bin/ar-dunning" --as-of 2026-11-24 \
		--customers "$D/customers.csv" --journal "$D/journal-$j.csv" "$D/items.csv"
done
echo "targets (issue 13, reported, never asserted): ar-dunning with the 1M-row journal within 3x"
echo "of ar-age; peak memory flat in the journal's size"
