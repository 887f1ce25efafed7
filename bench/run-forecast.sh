#!/bin/sh
# bench/run-forecast.sh - the forecast benchmark (issue 17): ar-forecast
# over 1M open items of 50k customers and a ledger of 1M items (the paid
# items of each customer's days late), 13 weeks as of 2026-11-30, against
# what a user would pick instead (pandas, DuckDB SQL) and against
# bench/minimal-forecast.c, the floor (fgets, a split, one hash keyed by
# customer and currency, integers).  Each peer's forecast.csv is checked
# against ar-forecast's, row by row and to the cent.
#
#   sh bench/run-forecast.sh                             1,000,000 items
#   BENCH_FORECAST_ROWS=100000 sh bench/run-forecast.sh  a smaller run (customers = rows / 20)
#
# Environment: BUILD (where ar-forecast is: $BUILD/bin/ar-forecast;
# default build), CC (default cc), BENCH_RUNS (default 3: the median wall
# time of that many runs of each tool, with the largest peak RSS),
# BENCH_TIMEOUT (seconds one tool may run, default 1800).
#
# Data goes to bench/data/forecast-ROWS/: items.csv, the open items, from
# bench/gen-items.c as it is (doc_date up to 2026-11-24, every item with a
# due_date, INV and 8 % CN, MYR, TWD and USD); ledger.csv from gen-items
# with one row more (other items of the same customers) rewritten by the
# seeded Python below: an INV is cleared some days after its due date as
# its customer pays (prompt -10..20, slow 5..75, bad 30..240 days late),
# when that day is not after the as-of date, else open; a CN is open; 5 %
# of the rows have no due_date (due doc_date + [aging] default_terms_days,
# 30).  No master, no journal: ar-forecast then has no insolvency, no
# dispute and no promise, which the peers need not know either.
# Regenerated when gen-items.c, this script or the size changes.  Prints
# the figures; does not write bench/RESULTS.md.  Exit 1 when a tool fails
# or disagrees with ar-forecast.
set -u

cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
CC=${CC:-cc}
AR=$BUILD/bin/ar-forecast
PY=/usr/bin/python3   # Debian's: the one that sees python3-pandas
TIME=/usr/bin/time
ROWS=${BENCH_FORECAST_ROWS:-1000000}
CUSTOMERS=$((ROWS / 20))
RUNS=${BENCH_RUNS:-3}
TIMEOUT=${BENCH_TIMEOUT:-1800}
AS_OF=2026-11-30
WEEKS=13
DEFAULT_TERMS=30
D=bench/data/forecast-$ROWS
COLS=currency,company,column,period_start,period_end,amount

die() { echo "bench: $*" >&2; exit 1; }

[ "$CUSTOMERS" -ge 100 ] || die "BENCH_FORECAST_ROWS=$ROWS is too small (at least 2000)"
[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
[ -x "$PY" ] || die "$PY missing"
[ -x "$AR" ] || die "$AR missing: make BUILD=$BUILD"
mkdir -p "$D" || exit 1

$CC -std=c17 -Wall -Wextra -Wpedantic -O2 -o "$D/minimal-forecast" bench/minimal-forecast.c ||
	die "cannot build bench/minimal-forecast.c"

# ---- the data -----------------------------------------------------------------
stamp="$(cat bench/gen-items.c bench/run-forecast.sh | cksum | cut -d' ' -f1) $ROWS"
if [ ! -s "$D/ledger.csv" ] || [ "$(cat "$D/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $ROWS open items and a ledger of $((ROWS + 1)), $CUSTOMERS customers, into $D ..."
	rm -f "$D/stamp"
	$CC -std=c17 -O2 -o "$D/gen-items" bench/gen-items.c || die "cannot build bench/gen-items.c"
	"$D/gen-items" "$ROWS" "$CUSTOMERS" > "$D/items.csv" || die "gen-items failed"
	"$D/gen-items" "$((ROWS + 1))" "$CUSTOMERS" > "$D/ledger-gen.csv" || die "gen-items failed"
	"$PY" - "$D" "$AS_OF" <<'EOF' || die "cannot generate the ledger"
import csv, datetime, random, sys
d, as_of = sys.argv[1], datetime.date.fromisoformat(sys.argv[2])
rnd = random.Random(17)
habit = {}
with open(d + "/ledger-gen.csv", newline="") as f, open(d + "/ledger.csv.tmp", "w", newline="") as g:
    r = csv.reader(f)
    w = csv.writer(g, lineterminator="\n")
    w.writerow(next(r) + ["clearing_date"])
    for row in r:
        cust, typ, doc, due = row[0], row[3], row[4], row[5]
        if cust not in habit:
            x = rnd.random()
            habit[cust] = (-10, 20) if x < 0.6 else (5, 75) if x < 0.9 else (30, 240)
        clear = ""
        if typ == "INV":
            when = max(datetime.date.fromisoformat(doc),
                       datetime.date.fromisoformat(due) + datetime.timedelta(rnd.randint(*habit[cust])))
            if when <= as_of:
                clear = when.isoformat()
        if rnd.random() < 0.05:
            row[5] = ""
        w.writerow(row + [clear])
EOF
	mv "$D/ledger.csv.tmp" "$D/ledger.csv" && rm -f "$D/ledger-gen.csv" || die "cannot move the ledger"
	echo "$stamp" > "$D/stamp"
fi

# ---- the peers, written from here so that this script is the whole bench ---------
cat > "$D/forecast-pandas.py" <<'EOF'
# forecast-pandas.py AS_OF WEEKS DEFAULT_TERMS ledger.csv items.csv forecast.csv
# ar-forecast's weekly forecast (no master, no journal) as a pandas user
# would write it: read_csv, amounts rounded to integer cents, dates as
# integer days; the paid items' days late x amount summed per customer and
# currency and per currency (groupby), the means in Python integers rounded
# half away from zero; the items' week by integer division; one groupby.
import sys

import numpy as np
import pandas as pd

as_of_s, weeks, terms, ledger_path, items_path, out_path = sys.argv[1:7]
weeks, terms = int(weeks), int(terms)
as_of = (np.datetime64(as_of_s) - np.datetime64("1970-01-01")).astype("int64")
NAT = np.iinfo(np.int64).min


def days(s):
    return (pd.to_datetime(s, format="%Y-%m-%d", errors="coerce").values
            .astype("datetime64[D]").astype("int64"))


def rdiv(num, den):
    q = (abs(num) + den // 2) // den
    return -q if num < 0 else q


dt = {"customer": str, "doc_date": str, "due_date": str, "currency": str, "amount": float}
led = pd.read_csv(ledger_path, usecols=list(dt) + ["clearing_date"],
                  dtype=dict(dt, clearing_date=str), keep_default_na=False)
doc, due, clr = days(led["doc_date"]), days(led["due_date"]), days(led["clearing_date"])
cents = (led["amount"].to_numpy() * 100).round().astype("int64")
due = np.where(due == NAT, np.where(cents > 0, doc + terms, doc), due)
paid = (doc <= as_of) & (cents > 0) & (clr != NAT) & (clr >= as_of - 365) & (clr <= as_of)
p = pd.DataFrame({"customer": led["customer"].to_numpy()[paid], "currency": led["currency"].to_numpy()[paid],
                  "amount": cents[paid], "weighted": (clr[paid] - due[paid]) * cents[paid]})
own = p.groupby(["customer", "currency"]).agg(n=("amount", "size"), a=("amount", "sum"),
                                              w=("weighted", "sum"))
own = own[own["n"] >= 3]
own_late = {k: rdiv(int(w), int(a)) for k, w, a in zip(own.index, own["w"], own["a"])}
port = p.groupby("currency").agg(a=("amount", "sum"), w=("weighted", "sum"))
port_late = {c: rdiv(int(w), int(a)) for c, w, a in zip(port.index, port["w"], port["a"])}

it = pd.read_csv(items_path, usecols=list(dt), dtype=dt, keep_default_na=False)
doc, due = days(it["doc_date"]), days(it["due_date"])
cents = (it["amount"].to_numpy() * 100).round().astype("int64")
known = doc <= as_of
it, doc, due, cents = it[known], doc[known], due[known], cents[known]
due = np.where(due == NAT, np.where(cents > 0, doc + terms, doc), due)
cur = it["currency"].to_numpy()
keys = pd.MultiIndex.from_arrays([it["customer"].to_numpy(), cur])
late = pd.Series(own_late, dtype="int64").reindex(keys).to_numpy()
late = np.where(np.isnan(late), pd.Series(cur).map(port_late).fillna(0).to_numpy(), late).astype("int64")
when = np.maximum(due + late, as_of + 1)
col = np.where(cents <= 0, -1, np.where(when > as_of + 7 * weeks, weeks, (when - as_of - 1) // 7))
sums = pd.DataFrame({"currency": cur, "col": col, "amount": cents}).groupby(["currency", "col"])["amount"].sum()
total = pd.Series(cents).groupby(cur).sum()


def money(c):
    return "%s%d.%02d" % ("-" if c < 0 else "", abs(c) // 100, abs(c) % 100)


def day(z):
    return str(np.datetime64("1970-01-01") + np.timedelta64(int(z), "D"))


with open(out_path, "w") as f:
    f.write("currency,company,column,period_start,period_end,amount\n")
    for c in sorted(set(cur)):
        s = sums.get(c, pd.Series(dtype="int64"))
        get = lambda k: int(s.get(k, 0))
        for k in range(weeks):
            f.write("%s,,%d,%s,%s,%s\n" % (c, k + 1, day(as_of + 7 * k + 1), day(as_of + 7 * k + 7), money(get(k))))
        f.write("%s,,beyond,%s,,%s\n" % (c, day(as_of + 7 * weeks + 1), money(get(weeks))))
        for name, v in (("disputed", 0), ("insolvent", 0), ("credits", get(-1)), ("promised", 0),
                        ("total", int(total[c]))):
            f.write("%s,,%s,,,%s\n" % (c, name, money(v)))
EOF

cat > "$D/forecast-duckdb.mjs" <<'EOF'
// forecast-duckdb.mjs AS_OF WEEKS DEFAULT_TERMS ledger.csv items.csv forecast.csv
// ar-forecast's weekly forecast (no master, no journal) in DuckDB SQL:
// read_csv with amounts as DECIMAL(18,2) taken to integer cents, the
// means as HUGEINT quotients rounded half away from zero, one join and
// one GROUP BY; COPY writes the CSV.  Every core.
import { DuckDBInstance } from '@duckdb/node-api';

const [asOf, weeks, terms, ledger, items, output] = process.argv.slice(2);
const q = (s) => `'${s.replaceAll("'", "''")}'`;
const day = `DATE ${q(asOf)}`;
const W = Number(weeks), T = Number(terms);
const rdiv = (n, d) => `(CASE WHEN ${n} < 0 THEN -((-(${n}) + (${d}) // 2) // (${d})) ELSE ((${n}) + (${d}) // 2) // (${d}) END)`;
const money = (v) => `concat(CASE WHEN ${v} < 0 THEN '-' ELSE '' END, CAST(abs(${v}) // 100 AS VARCHAR), '.', lpad(CAST(abs(${v}) % 100 AS VARCHAR), 2, '0'))`;
const cols = `{'customer': 'VARCHAR', 'name': 'VARCHAR', 'doc_no': 'VARCHAR', 'doc_type': 'VARCHAR',
  'doc_date': 'DATE', 'due_date': 'DATE', 'currency': 'VARCHAR', 'amount': 'DECIMAL(18,2)'`;
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run(`
CREATE TEMP TABLE paid AS
  SELECT customer, currency, CAST(amount * 100 AS BIGINT) AS cents,
         CAST(date_diff('day', coalesce(due_date, doc_date + ${T}), clearing_date) AS HUGEINT)
           * CAST(amount * 100 AS BIGINT) AS weighted
  FROM read_csv(${q(ledger)}, header = true, columns = ${cols}, 'clearing_date': 'DATE'})
  WHERE doc_date <= ${day} AND amount > 0 AND clearing_date IS NOT NULL
    AND clearing_date >= ${day} - 365 AND clearing_date <= ${day};
CREATE TEMP TABLE own AS
  SELECT customer, currency, ${rdiv('sum(weighted)', 'sum(cents)')} AS late
  FROM paid GROUP BY customer, currency HAVING count(*) >= 3;
CREATE TEMP TABLE port AS
  SELECT currency, ${rdiv('sum(weighted)', 'sum(cents)')} AS late FROM paid GROUP BY currency;
CREATE TEMP TABLE placed AS
  SELECT cur, cents, CASE WHEN cents <= 0 THEN -1 WHEN d > 7 * ${W} THEN ${W} ELSE (d - 1) // 7 END AS col
  FROM (SELECT i.currency AS cur, CAST(i.amount * 100 AS BIGINT) AS cents,
               greatest(date_diff('day', ${day}, coalesce(i.due_date, i.doc_date + ${T}))
                        + coalesce(o.late, p.late, 0), 1) AS d
        FROM read_csv(${q(items)}, header = true, columns = ${cols}}) i
        LEFT JOIN own o ON o.customer = i.customer AND o.currency = i.currency
        LEFT JOIN port p ON p.currency = i.currency
        WHERE i.doc_date <= ${day});
COPY (
  WITH g AS (SELECT cur, col, sum(cents) AS s FROM placed GROUP BY cur, col),
  c AS (SELECT DISTINCT cur FROM placed),
  k AS (SELECT range AS col FROM range(0, ${W} + 1)),
  rows AS (
    SELECT c.cur, k.col AS n, CASE WHEN k.col < ${W} THEN CAST(k.col + 1 AS VARCHAR) ELSE 'beyond' END AS name,
           ${day} + CAST(7 * k.col + 1 AS INTEGER) AS s,
           CASE WHEN k.col < ${W} THEN ${day} + CAST(7 * k.col + 7 AS INTEGER) END AS e,
           coalesce((SELECT g.s FROM g WHERE g.cur = c.cur AND g.col = k.col), 0) AS v
    FROM c CROSS JOIN k
    UNION ALL SELECT cur, ${W} + 1, 'disputed', NULL, NULL, 0 FROM c
    UNION ALL SELECT cur, ${W} + 2, 'insolvent', NULL, NULL, 0 FROM c
    UNION ALL SELECT cur, ${W} + 3, 'credits', NULL, NULL,
           coalesce((SELECT g.s FROM g WHERE g.cur = c.cur AND g.col = -1), 0) FROM c
    UNION ALL SELECT cur, ${W} + 4, 'promised', NULL, NULL, 0 FROM c
    UNION ALL SELECT cur, ${W} + 5, 'total', NULL, NULL, (SELECT sum(g.s) FROM g WHERE g.cur = c.cur) FROM c)
  SELECT cur AS currency, '' AS company, name AS "column", s AS period_start, e AS period_end,
         ${money('v')} AS amount
  FROM rows ORDER BY cur, n
) TO ${q(output)} (HEADER, DELIMITER ',');`);
EOF

# ---- which peers run -------------------------------------------------------------
NAME_WIDTH=17
. bench/peers.sh
find_peers

model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
echo "== artools bench: ar-forecast, $WEEKS weeks as of $AS_OF, $ROWS open items and a ledger of $((ROWS + 1)), $CUSTOMERS customers"
echo "machine: $(nproc) x ${model:-unknown CPU}, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "data: $D ($(awk -v b="$(wc -c < "$D/items.csv")" 'BEGIN { printf "%.0f", b / 1e6 }') MB of items," \
	"$(awk -v b="$(wc -c < "$D/ledger.csv")" 'BEGIN { printf "%.0f", b / 1e6 }') MB of ledger," \
	"$(grep -cE ',[0-9]{4}-[0-9]{2}-[0-9]{2}$' "$D/ledger.csv") rows of it cleared)"
echo "versions: $("$AR" --version 2>&1 | head -1) ($AR); minimal-forecast $($CC --version | head -1) -O2"
[ -z "$skip_pandas" ] && echo "          $ver_pandas"
[ -z "$skip_duckdb" ] && echo "          $ver_duckdb"

unset AR_CONFIG AR_TEMPLATES
cat "$D/ledger.csv" "$D/items.csv" > /dev/null   # every tool reads from the page cache
status=0

normal() {
	"$PY" bench/normalize-rows.py "$D/out-$1.csv" "$COLS" amount > "$D/norm-$1.csv" 2> "$D/norm-$1.err"
}

check() {
	if ! normal "$1"; then
		echo "  output unreadable: $(tail -1 "$D/norm-$1.err")"
		status=1
	elif cmp -s "$D/norm-ar-forecast.csv" "$D/norm-$1.csv"; then
		echo "  agrees ($(($(wc -l < "$D/norm-$1.csv") - 1)) rows)"
	else
		echo "  DISAGREES"
		diff "$D/norm-ar-forecast.csv" "$D/norm-$1.csv" | head -8 | sed 's/^/        /'
		status=1
	fi
}

echo
echo "-- ar-forecast --as-of $AS_OF --weeks $WEEKS --ledger ledger.csv -o forecast.csv items.csv, and its peers"
if timed ar-forecast /dev/null "$RUNS" "$AR" --as-of "$AS_OF" --weeks "$WEEKS" --ledger "$D/ledger.csv" \
	-o "$D/out-ar-forecast.csv" "$D/items.csv"; then
	normal ar-forecast || die "ar-forecast's forecast.csv does not read"
	echo "  reference ($(($(wc -l < "$D/out-ar-forecast.csv") - 1)) rows)"
	sed 's/^/        /' "$D/err-ar-forecast.txt"
else
	die "ar-forecast failed: see $D/err-ar-forecast.txt"
fi
timed minimal-forecast /dev/null "$RUNS" "$D/minimal-forecast" "$AS_OF" "$WEEKS" "$DEFAULT_TERMS" \
	"$D/ledger.csv" "$D/items.csv" "$D/out-minimal-forecast.csv" && check minimal-forecast
if [ -n "$skip_pandas" ]; then
	echo "   pandas            skipped: $skip_pandas"
else
	timed pandas /dev/null "$RUNS" "$PY" "$D/forecast-pandas.py" "$AS_OF" "$WEEKS" "$DEFAULT_TERMS" \
		"$D/ledger.csv" "$D/items.csv" "$D/out-pandas.csv" && check pandas
fi
if [ -n "$skip_duckdb" ]; then
	echo "   duckdb            skipped: $skip_duckdb"
else
	rm -f "$D/out-duckdb.csv"
	timed duckdb /dev/null "$RUNS" node "$D/forecast-duckdb.mjs" \
		"$AS_OF" "$WEEKS" "$DEFAULT_TERMS" "$D/ledger.csv" "$D/items.csv" "$D/out-duckdb.csv" && check duckdb
fi
a=${sec_ar_forecast:-} m=${sec_minimal_forecast:-} p=${sec_pandas:-} d=${sec_duckdb:-}
echo "   ratios: ar-forecast / minimal-forecast $(ratio "$a" "$m"), ar-forecast / pandas $(ratio "$a" "$p")," \
	"ar-forecast / DuckDB $(ratio "$a" "$d")"
echo "   peak RSS: ar-forecast $(awk -v k="${rss_ar_forecast:-0}" 'BEGIN { printf "%.1f", k / 1024 }') MiB"
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ $status = 0 ] || echo "bench: a tool failed or disagreed with ar-forecast" >&2
exit $status
