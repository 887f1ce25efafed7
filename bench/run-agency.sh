#!/bin/sh
# bench/run-agency.sh - the agency statement benchmark (issue 18): ar-agency
# statement over a year of payments (1M) and their allocations (about 1.5M)
# to 50k customers, 20k of them assigned to the agency (a fifth recalled),
# against what a user would pick instead (pandas) and against
# bench/minimal-agency.c, the floor (fgets, a split, two hash tables,
# integers).  Each peer's statement.csv is checked against ar-agency's, row
# by row and to the cent.
#
#   sh bench/run-agency.sh                           1,000,000 payments
#   BENCH_AGENCY_ROWS=100000 sh bench/run-agency.sh  a smaller run
#
# Environment: BUILD (default build), CC, BENCH_RUNS (default 3),
# BENCH_TIMEOUT (default 1800).  Data goes to bench/data/agency-ROWS/,
# made by the seeded Python below when this script or the size changes.
# Prints the figures; does not write bench/RESULTS.md.  Exit 1 when a tool
# fails or disagrees with ar-agency.
set -u

cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
CC=${CC:-cc}
AR=$BUILD/bin/ar-agency
PY=/usr/bin/python3
TIME=/usr/bin/time
ROWS=${BENCH_AGENCY_ROWS:-1000000}
RUNS=${BENCH_RUNS:-3}
TIMEOUT=${BENCH_TIMEOUT:-1800}
D=bench/data/agency-$ROWS
FROM=2026-01-01
TO=2026-12-31

die() { echo "bench: $*" >&2; exit 1; }

[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
[ -x "$PY" ] || die "$PY missing"
[ -x "$AR" ] || die "$AR missing: make BUILD=$BUILD"
mkdir -p "$D" || exit 1
$CC -std=c17 -Wall -Wextra -Wpedantic -O2 -o "$D/minimal-agency" bench/minimal-agency.c ||
	die "cannot build bench/minimal-agency.c"

stamp="$(cksum < bench/run-agency.sh | cut -d' ' -f1) $ROWS"
if [ "$(cat "$D/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $ROWS payments into $D ..."
	"$PY" - "$D" "$ROWS" <<'EOF' || die "cannot generate the data"
import csv, datetime, random, sys
d, rows = sys.argv[1], int(sys.argv[2])
rnd = random.Random(18)
customers = max(100, rows // 20)
start = datetime.date(2025, 10, 1)
with open(d + "/ar.ini", "w") as f:
    f.write("[company]\nname = Bench Berhad\ndefault_currency = MYR\n\n"
            "[agency.kr]\ntiers = 90:10, 180:12.5, *:15\n")
with open(d + "/journal.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["date", "customer", "action", "level", "doc_no", "amount", "currency", "due",
                "channel", "ref", "user", "note"])
    for c in range(0, customers, 5):
        for k in (0, 2):
            cust = "C%06d" % (c + k)
            day = start + datetime.timedelta(days=rnd.randint(0, 330))
            w.writerow([day.isoformat(), cust, "agency_assign", "", "", "%d.00" % rnd.randint(1000, 90000),
                        "MYR", (day - datetime.timedelta(days=60)).isoformat(), "", "", "bench", "kr"])
            if rnd.random() < 0.2:
                back = day + datetime.timedelta(days=rnd.randint(30, 200))
                w.writerow([back.isoformat(), cust, "agency_recall", "", "", "", "", "", "", "",
                            "bench", "kr"])
with open(d + "/payments.csv", "w", newline="") as p, open(d + "/allocations.csv", "w", newline="") as a:
    wp, wa = csv.writer(p, lineterminator="\n"), csv.writer(a, lineterminator="\n")
    wp.writerow(["payment_id", "value_date", "currency", "amount"])
    wa.writerow(["payment_id", "customer", "doc_no", "currency", "amount", "rule", "confidence"])
    for i in range(rows):
        pid = "S%03d:%d" % (i % 365, i + 1)
        day = datetime.date(2025, 12, 1) + datetime.timedelta(days=rnd.randint(0, 420))
        cust = "C%06d" % rnd.randrange(customers)
        parts = [rnd.randint(100, 500000) for _ in range(rnd.choice((1, 1, 2)))]
        wp.writerow([pid, day.isoformat(), "MYR", "%d.%02d" % divmod(sum(parts), 100)])
        for j, c in enumerate(parts):
            rule = "bank_charge" if rnd.random() < 0.03 else rnd.choice(("reference", "exact_amount", "remittance", "partial", "on_account"))
            wa.writerow([pid, cust, "INV%d-%d" % (i, j), "MYR", "%d.%02d" % divmod(c, 100), rule, 90])
EOF
	echo "$stamp" > "$D/stamp"
fi

cat > "$D/agency-pandas.py" <<'EOF'
import sys
import numpy as np
import pandas as pd
j, p, a, frm, to = sys.argv[1:6]
jr = pd.read_csv(j, dtype=str, keep_default_na=False)
assign = jr[jr.action == "agency_assign"][["customer", "date"]].rename(columns={"date": "start"})
recall = jr[jr.action == "agency_recall"][["customer", "date"]].rename(columns={"date": "end"})
stays = assign.merge(recall, on="customer", how="left")
stays["start"] = pd.to_datetime(stays["start"])
stays["end"] = pd.to_datetime(stays["end"]).fillna(pd.Timestamp("2262-01-01"))
pay = pd.read_csv(p, dtype={"payment_id": str}, usecols=["payment_id", "value_date"])
pay["value_date"] = pd.to_datetime(pay["value_date"])
al = pd.read_csv(a, dtype={"payment_id": str, "customer": str, "amount": str}, usecols=["payment_id", "customer", "amount", "rule"])
al = al[al.rule != "bank_charge"]
w = al["amount"].str.split(".", expand=True)
al["cents"] = w[0].astype(np.int64) * 100 + w[1].astype(np.int64)
x = al.merge(pay, on="payment_id").merge(stays, on="customer")
x = x[(x.value_date >= frm) & (x.value_date <= to) & (x.value_date >= x.start) & (x.value_date < x.end)]
g = x.groupby(["value_date", "customer", "payment_id", "start"], as_index=False)["cents"].sum()
g = g.sort_values(["value_date", "customer", "payment_id"])
days = (g.value_date - g.start).dt.days
rate = np.where(days <= 90, 10000, np.where(days <= 180, 12500, 15000))
comm = (g.cents.to_numpy() * rate + 50000) // 100000
out = sys.stdout
out.write("customer,payment_id,value_date,currency,amount,days_assigned,rate,commission\n")
c = g.cents.to_numpy()
for cu, pi, vd, am, dy, rt, cm in zip(g.customer, g.payment_id, g.value_date.dt.strftime("%Y-%m-%d"), c, days, rate, comm):
    out.write("%s,%s,%s,MYR,%d.%02d,%d,%d.%03d,%d.%02d\n" % (cu, pi, vd, am // 100, am % 100, dy, rt // 1000, rt % 1000, cm // 100, cm % 100))
if len(g):
    out.write("TOTAL,,,MYR,%d.%02d,,,%d.%02d\n" % (c.sum() // 100, c.sum() % 100, comm.sum() // 100, comm.sum() % 100))
EOF

status=0
NAME_WIDTH=14
. bench/peers.sh
find_peers

echo "ar-agency statement: $(($(wc -l < "$D/payments.csv") - 1)) payments, $(($(wc -l < "$D/allocations.csv") - 1)) allocations, $FROM to $TO"
AR_CONFIG=$D/ar.ini timed ar-agency "$D/out-ar-agency.csv" "$RUNS" env AR_CONFIG="$D/ar.ini" \
	"$AR" statement --agency kr --from "$FROM" --to "$TO" --journal "$D/journal.csv" \
	--allocations "$D/allocations.csv" --payments "$D/payments.csv"
echo "  $(($(wc -l < "$D/out-ar-agency.csv") - 2)) lines"
timed minimal-agency "$D/out-minimal-agency.csv" "$RUNS" "$D/minimal-agency" "$D/journal.csv" \
	"$D/payments.csv" "$D/allocations.csv" "$FROM" "$TO"
if cmp -s "$D/out-ar-agency.csv" "$D/out-minimal-agency.csv"; then echo "  agrees"; else echo "  DISAGREES"; status=1; fi
if [ -z "$skip_pandas" ]; then
	timed pandas "$D/out-pandas.csv" "$RUNS" "$PY" "$D/agency-pandas.py" "$D/journal.csv" \
		"$D/payments.csv" "$D/allocations.csv" "$FROM" "$TO"
	if cmp -s "$D/out-ar-agency.csv" "$D/out-pandas.csv"; then echo "  agrees"; else echo "  DISAGREES"; status=1; fi
else
	echo "   pandas skipped: $skip_pandas"
fi
echo "ar-agency / minimal C: $(ratio "${sec_ar_agency:-}" "${sec_minimal_agency:-}")" \
	"  ar-agency / pandas: $(ratio "${sec_ar_agency:-}" "${sec_pandas:-}")"
exit $status
