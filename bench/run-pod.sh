#!/bin/sh
# bench/run-pod.sh - the proof-of-debt benchmark (issue 15): ar-pod's claims
# over 1M items of 50k customers, 1,000 of them in a proceeding, against
# what a user would pick instead (pandas, DuckDB SQL) and against
# bench/minimal-pod.c, the floor (fgets, a split, a small hash, integers);
# then ar-pod --out-dir writing the statements and the form of every
# debtor.  pandas', DuckDB's and minimal-pod's claims are checked against
# ar-pod's claims.csv, row by row and to the cent.
#
#   sh bench/run-pod.sh                     1,000,000 items, 50,000 customers, 1,000 debtors
#   BENCH_POD_ROWS=100000 sh bench/run-pod.sh   a smaller run (customers = rows / 20,
#                                               debtors = customers / 50)
#
# Environment: BUILD (where ar-pod is: $BUILD/bin/ar-pod; default build),
# CC (default cc), BENCH_RUNS (default 3: the median wall time of that many
# runs of each claims-only tool is reported, with the largest peak RSS),
# BENCH_POD_DIR_RUNS (default 1: runs of ar-pod --out-dir), BENCH_POD_PROFILE
# (1: also perf record -g ar-pod's claims-only run into $D/perf-*.txt),
# BENCH_TIMEOUT (seconds one tool may run, default 1800).
#
# Data goes to bench/data/pod-ROWS/: the items from bench/gen-items.c, given
# doc_type DN, PAY, INT, FEE and ADJ, a security column and some empty
# due_dates by the seeded Python below, which also writes customers.csv
# (status, status_date: the cut-off, spread over 2026; reg_no in SSM's new
# form; terms_days; interest_rate; lang; liquidator) and ar.ini ([pod]
# interest_rate = 8).  Regenerated when gen-items.c, this script or the size
# changes.  The peers (pandas, DuckDB through @duckdb/node-api, as
# bench/run.sh finds them) are written into the same folder from this
# script.  Prints the figures; does not write bench/RESULTS.md.  Exit 1 when
# a tool fails or disagrees with ar-pod.
set -u

cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
CC=${CC:-cc}
AR=$BUILD/bin/ar-pod
PY=/usr/bin/python3   # Debian's: the one that sees python3-pandas
TIME=/usr/bin/time
ROWS=${BENCH_POD_ROWS:-1000000}
CUSTOMERS=$((ROWS / 20))
DEBTORS=$((CUSTOMERS / 50))
RUNS=${BENCH_RUNS:-3}
DIR_RUNS=${BENCH_POD_DIR_RUNS:-1}
PROFILE=${BENCH_POD_PROFILE:-0}
TIMEOUT=${BENCH_TIMEOUT:-1800}
AS_OF=2026-11-24
RATE=8              # [pod] interest_rate, as written into ar.ini
DEFAULT_TERMS=30    # [aging] default_terms_days, likewise
D=bench/data/pod-$ROWS

die() { echo "bench: $*" >&2; exit 1; }

[ "$DEBTORS" -ge 1 ] || die "BENCH_POD_ROWS=$ROWS is too small (at least 1000)"
[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
[ -x "$PY" ] || die "$PY missing"
[ -x "$AR" ] || die "$AR missing: make BUILD=$BUILD"
command -v "$CC" >/dev/null || die "no C compiler ($CC)"
mkdir -p "$D" || exit 1

$CC -std=c17 -Wall -Wextra -Wpedantic -O2 -o "$D/minimal-pod" bench/minimal-pod.c || die "cannot build bench/minimal-pod.c"

# ---- the data -----------------------------------------------------------------
stamp="$(cat bench/gen-items.c bench/run-pod.sh | cksum | cut -d' ' -f1) $ROWS"
if [ ! -s "$D/items.csv" ] || [ "$(cat "$D/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $ROWS items, $CUSTOMERS customers ($DEBTORS in a proceeding) into $D ..."
	rm -f "$D/stamp"
	$CC -std=c17 -O2 -o "$D/gen-items" bench/gen-items.c || die "cannot build bench/gen-items.c"
	"$D/gen-items" "$ROWS" "$CUSTOMERS" > "$D/items-gen.csv" || die "gen-items failed"
	"$PY" - "$D" "$DEBTORS" "$RATE" "$DEFAULT_TERMS" <<'EOF' || die "cannot generate the items and customers"
import csv, datetime, random, sys
d, ndebtors, rate, default_terms = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rnd = random.Random(15)
ids, names = [], {}
# gen-items writes INV and CN only: a ledger in liquidation also has debit
# notes, payments (after the cut-off: dividends, a guarantor), interest and
# fees charged, adjustments of either sign, secured and preferential items,
# and items without a due date (due = doc_date + terms_days).
with open(d + "/items-gen.csv", newline="") as f, open(d + "/items.csv.tmp", "w", newline="") as g:
    r = csv.reader(f)
    w = csv.writer(g, lineterminator="\n")
    next(r)
    w.writerow(["customer", "name", "doc_no", "doc_type", "doc_date", "due_date", "currency",
                "amount", "security"])
    for cust, name, doc_no, typ, doc_date, due, cur, amount in r:
        if cust not in names:
            ids.append(cust)
            names[cust] = name
        sec, x = "", rnd.random()
        if typ == "CN":
            due = ""
            if x < 0.40:
                typ, doc_no = "PAY", "PY" + doc_no[2:]
        else:
            if x < 0.06:
                typ, doc_no = "DN", "DN" + doc_no[2:]
            elif x < 0.08:
                typ, doc_no, due = "INT", "IT" + doc_no[2:], ""
            elif x < 0.10:
                typ, doc_no, due = "FEE", "FE" + doc_no[2:], ""
            elif x < 0.11:
                typ, doc_no, due = "ADJ", "AJ" + doc_no[2:], ""
                if rnd.random() < 0.5:
                    amount = "-" + amount
            if typ in ("INV", "DN"):
                y = rnd.random()
                sec = "secured" if y < 0.03 else "preferential" if y < 0.05 else ""
                if rnd.random() < 0.05:
                    due = ""
        w.writerow([cust, name, doc_no, typ, doc_date, due, cur, amount, sec])
proceedings = ["liquidation"] * 55 + ["judicial_management"] * 10 + ["administration"] * 10 + \
    ["bankruptcy"] * 25
langs = ["en"] * 40 + ["ms"] * 30 + ["zh-Hans"] * 15 + ["zh-Hant"] * 15
liquidators = ["Lee Wai Kit", "Tan Sri Dato' Ahmad Fauzi", "Ong Boon Hock", "Nurul Izzah binti Hassan"]
debtors = set(rnd.sample(ids, ndebtors))
first = datetime.date(2026, 1, 1)
last = datetime.date(2026, 11, 24)      # the as-of day: no order is in the future
with open(d + "/customers.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["customer", "name", "status", "status_date", "reg_no", "id_type", "terms_days",
                "interest_rate", "lang", "liquidator", "liquidator_address"])
    for i, c in enumerate(ids):
        debtor = c in debtors
        status = rnd.choice(proceedings) if debtor else "active"
        cut_off = (first + datetime.timedelta(rnd.randrange((last - first).days + 1))).isoformat() \
            if debtor else ""
        # SSM's new form YYYYTTNNNNNN: a sole proprietor (03) when bankrupt, else a company (01).
        reg_no = "%04d%s%06d" % (rnd.randrange(1975, 2026), "03" if status == "bankruptcy" else "01",
                                 i + 1)
        terms = rnd.choice(["30", "60", "90"]) if rnd.random() < 0.9 else ""
        x = rnd.random()
        rate_col = ("12" if x < 0.05 else "5" if x < 0.10 else "") if debtor else ""
        liq = rnd.choice(liquidators) if debtor and rnd.random() < 0.7 else ""
        w.writerow([c, names[c], status, cut_off, reg_no, "ssm", terms, rate_col,
                    rnd.choice(langs), liq, "Level %d, Menara %s;50450 Kuala Lumpur" %
                    (rnd.randrange(1, 40), liq.split()[0]) if liq else ""])
with open(d + "/ar.ini", "w") as f:
    f.write("[company]\nname = Nusantara Industrial Supplies Berhad\n"
            "reg_no = 199901012345 (481234-K)\n"
            "address = \"Lot 5, Jalan Perusahaan 2;Kawasan Perindustrian Batu Caves;"
            "68100 Batu Caves, Selangor\"\n"
            "[aging]\ndefault_terms_days = %s\n"
            "[pod]\ninterest_rate = %s\ndeponent = Aminah binti Yusof\n"
            "deponent_title = Credit Manager\nliquidator = The Official Receiver\n"
            "liquidator_address = \"Jabatan Insolvensi Malaysia;Putrajaya\"\n" % (default_terms, rate))
EOF
	mv "$D/items.csv.tmp" "$D/items.csv" || die "cannot move the items"
	rm -f "$D/items-gen.csv"
	echo "$stamp" > "$D/stamp"
fi

# ---- the peers, written from here so that this script is the whole bench ---------
cat > "$D/normalize-pod.py" <<'EOF'
# normalize-pod.py CLAIMS.csv: the claims columns of man ar-pod, amounts as
# 1234.50, counts as integers, sorted by customer and currency; exit 1 when a
# column is missing.
import csv, sys
from decimal import Decimal
COLS = ["customer", "name", "currency", "proceeding", "cut_off", "principal", "interest",
        "set_off", "net_claim", "secured", "preferential", "unsecured", "post_cut_off_items",
        "post_cut_off_receipts", "items"]
MONEY = set(COLS[5:14])
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    r = csv.DictReader(f)
    missing = [c for c in COLS if c not in (r.fieldnames or [])]
    if missing:
        sys.exit("%s: no column %s" % (sys.argv[1], ", ".join(missing)))
    rows = []
    for row in r:
        out = []
        for c in COLS:
            v = row[c]
            if c in MONEY:
                q = Decimal(v).quantize(Decimal("0.01"))
                v = "0.00" if q == 0 else str(q)
            elif c == "items":
                v = str(int(v))
            out.append(v)
        rows.append(out)
rows.sort(key=lambda x: (x[0], x[2]))
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(COLS)
w.writerows(rows)
EOF

cat > "$D/pod-pandas.py" <<'EOF'
# pod-pandas.py RATE DEFAULT_TERMS customers.csv items.csv > claims.csv
# ar-pod's claims as a pandas user would write them: read_csv, the debtors
# filtered from the master and merged with the items, every rule a
# vectorised column, in integer cents (the amount read as a float and
# rounded to cents: exact for 2 decimals) and an exact integer interest
# rounded half up per item, one groupby.
import sys
from decimal import Decimal

import numpy as np
import pandas as pd

PER_CENT = 1_000_000
rate, default_terms, customers_path, items_path = sys.argv[1:5]
millionths = lambda s: int(Decimal(s) * PER_CENT)

cust = pd.read_csv(customers_path, dtype=str, keep_default_na=False)
deb = cust[cust["status"].isin(["liquidation", "administration", "judicial_management",
                                "bankruptcy"])].copy()
deb["order"] = np.arange(len(deb))
deb["cut"] = pd.to_datetime(deb["status_date"], format="%Y-%m-%d")
deb["rate"] = deb["interest_rate"].where(deb["interest_rate"] != "", rate).map(millionths)
deb.loc[(deb["status"] == "bankruptcy") & (deb["rate"] > 6 * PER_CENT), "rate"] = 6 * PER_CENT
deb["terms"] = deb["terms_days"].where(deb["terms_days"] != "", default_terms).astype("int64")

items = pd.read_csv(items_path, usecols=["customer", "doc_type", "doc_date", "due_date",
                                         "currency", "amount", "security"],
                    dtype={"customer": str, "doc_type": str, "doc_date": str, "due_date": str,
                           "currency": str, "amount": float, "security": str},
                    keep_default_na=False)
df = items.merge(deb[["customer", "cut", "rate", "terms"]], on="customer")
doc = pd.to_datetime(df["doc_date"], format="%Y-%m-%d")
due = pd.to_datetime(df["due_date"], format="%Y-%m-%d", errors="coerce")
due = due.fillna(doc + pd.to_timedelta(df["terms"], unit="D"))
cents = (df["amount"] * 100).round().astype("int64")
pre = doc <= df["cut"]
days = (df["cut"] - due).dt.days.astype("int64")
earns = pre & (cents > 0) & df["doc_type"].isin(["INV", "DN"]) & (days > 0)
num = cents.where(earns, 0) * df["rate"] * days.where(earns, 0)
den = 100 * PER_CENT * 365
interest = (num + den // 2) // den
gross = (cents + interest).where(pre & (cents > 0), 0)
pay = df["doc_type"] == "PAY"
t = pd.DataFrame({
    "customer": df["customer"], "currency": df["currency"],
    "principal": cents.where(pre, 0), "interest": interest,
    "g_sec": gross.where(df["security"] == "secured", 0),
    "g_pref": gross.where(df["security"] == "preferential", 0),
    "g_uns": gross.where(~df["security"].isin(["secured", "preferential"]), 0),
    "credits": (-cents).where(pre & (cents < 0), 0),
    "post_items": cents.where(~pre & ~pay, 0),
    "post_receipts": (-cents).where(~pre & pay, 0),
    "items": pre.astype("int64"),
})
g = t.groupby(["customer", "currency"], sort=False).sum().reset_index()
reduce = g["credits"]
uns = (g["g_uns"] - reduce).clip(lower=0)
reduce = (reduce - g["g_uns"]).clip(lower=0)
pref = (g["g_pref"] - reduce).clip(lower=0)
reduce = (reduce - g["g_pref"]).clip(lower=0)
sec = (g["g_sec"] - reduce).clip(lower=0)

def money(s):
    a = s.abs()
    return np.where(s < 0, "-", "") + (a // 100).astype(str) + "." + (a % 100).astype(str).str.zfill(2)

g = g.merge(deb[["customer", "name", "status", "status_date", "order"]], on="customer")
out = pd.DataFrame({
    "customer": g["customer"], "name": g["name"], "currency": g["currency"],
    "proceeding": g["status"], "cut_off": g["status_date"],
    "principal": money(g["principal"]), "interest": money(g["interest"]), "set_off": "0.00",
    "net_claim": money((g["principal"] + g["interest"]).clip(lower=0)),
    "secured": money(sec), "preferential": money(pref), "unsecured": money(uns),
    "post_cut_off_items": money(g["post_items"]),
    "post_cut_off_receipts": money(g["post_receipts"]), "items": g["items"],
    "order": g["order"],
}).sort_values(["order", "currency"]).drop(columns="order")
out.to_csv(sys.stdout, index=False)
EOF

cat > "$D/pod-duckdb.mjs" <<'EOF'
// pod-duckdb.mjs RATE DEFAULT_TERMS customers.csv items.csv claims.csv
// ar-pod's claims in DuckDB SQL (npm @duckdb/node-api, found in
// bench/node_modules as bench/run.sh installs it): the amount read as
// DECIMAL(18,2) and held in BIGINT cents, the interest exact in HUGEINT
// and rounded half up per item, one GROUP BY, COPY writes the CSV.  All cores.
import { DuckDBInstance } from '@duckdb/node-api';

const [rate, defaultTerms, customers, items, output] = process.argv.slice(2);
if (!output) {
  console.error('usage: node pod-duckdb.mjs RATE DEFAULT_TERMS customers.csv items.csv claims.csv');
  process.exit(64);
}
const q = (s) => `'${s.replaceAll("'", "''")}'`;
const money = (x) => `printf('%s%d.%02d', CASE WHEN (${x}) < 0 THEN '-' ELSE '' END,
  CAST(abs(${x}) AS BIGINT) // 100, CAST(abs(${x}) AS BIGINT) % 100)`;
const millionths = (x) => `CAST(CAST(${x} AS DECIMAL(18,6)) * 1000000 AS BIGINT)`;
const pre = (cond) => `sum(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run(`
COPY (
  WITH master AS (
    SELECT *, row_number() OVER () AS ord
    FROM read_csv(${q(customers)}, header = true, all_varchar = true)
  ), debtors AS (
    SELECT customer, name, status, ord, CAST(status_date AS DATE) AS cut,
           CASE WHEN status = 'bankruptcy'
                THEN least(${millionths(`coalesce(interest_rate, ${q(rate)})`)}, 6000000)
                ELSE ${millionths(`coalesce(interest_rate, ${q(rate)})`)} END AS rate,
           coalesce(CAST(terms_days AS INTEGER), ${Number(defaultTerms)}) AS terms
    FROM master
    WHERE status IN ('liquidation', 'administration', 'judicial_management', 'bankruptcy')
  ), lines AS (
    SELECT i.customer, i.currency, i.doc_type, coalesce(i.security, '') AS security,
           CAST(i.amount * 100 AS BIGINT) AS cents, i.doc_date <= d.cut AS pre,
           coalesce(i.due_date, i.doc_date + d.terms) AS due, d.cut, d.rate
    FROM read_csv(${q(items)}, header = true,
                  columns = {'customer': 'VARCHAR', 'name': 'VARCHAR', 'doc_no': 'VARCHAR',
                             'doc_type': 'VARCHAR', 'doc_date': 'DATE', 'due_date': 'DATE',
                             'currency': 'VARCHAR', 'amount': 'DECIMAL(18,2)',
                             'security': 'VARCHAR'}) i
    JOIN debtors d USING (customer)
  ), charged AS (
    SELECT *,
           CASE WHEN pre AND cents > 0 AND doc_type IN ('INV', 'DN') AND due < cut
                THEN CAST((CAST(cents AS HUGEINT) * rate * date_diff('day', due, cut)
                           + 18250000000) // 36500000000 AS BIGINT)
                ELSE 0 END AS interest
    FROM lines
  ), sums AS (
    SELECT customer, currency,
           sum(CASE WHEN pre THEN cents ELSE 0 END) AS principal,
           sum(interest) AS interest,
           sum(CASE WHEN pre AND cents > 0 AND security = 'secured' THEN cents + interest ELSE 0 END) AS g_sec,
           sum(CASE WHEN pre AND cents > 0 AND security = 'preferential' THEN cents + interest ELSE 0 END) AS g_pref,
           sum(CASE WHEN pre AND cents > 0 AND security NOT IN ('secured', 'preferential') THEN cents + interest ELSE 0 END) AS g_uns,
           sum(CASE WHEN pre AND cents < 0 THEN -cents ELSE 0 END) AS credits,
           sum(CASE WHEN NOT pre AND doc_type <> 'PAY' THEN cents ELSE 0 END) AS post_items,
           sum(CASE WHEN NOT pre AND doc_type = 'PAY' THEN -cents ELSE 0 END) AS post_receipts,
           ${pre('pre')} AS items
    FROM charged GROUP BY customer, currency
  ), parts AS (
    SELECT *, greatest(g_uns - credits, 0) AS uns, greatest(credits - g_uns, 0) AS r2 FROM sums
  ), parts2 AS (
    SELECT *, greatest(g_pref - r2, 0) AS pref, greatest(r2 - g_pref, 0) AS r3 FROM parts
  )
  SELECT s.customer, d.name, s.currency, d.status AS proceeding, d.cut AS cut_off,
         ${money('principal')} AS principal, ${money('interest')} AS interest,
         '0.00' AS set_off, ${money('greatest(principal + interest, 0)')} AS net_claim,
         ${money('greatest(g_sec - r3, 0)')} AS secured, ${money('pref')} AS preferential,
         ${money('uns')} AS unsecured, ${money('post_items')} AS post_cut_off_items,
         ${money('post_receipts')} AS post_cut_off_receipts, items
  FROM parts2 s JOIN debtors d USING (customer)
  ORDER BY d.ord, s.currency
) TO ${q(output)} (HEADER, DELIMITER ',')`);
con.closeSync?.();
EOF

# ---- which peers run -------------------------------------------------------------
. bench/peers.sh
find_peers

model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
echo "== artools bench: ar-pod claims, $ROWS items, $CUSTOMERS customers, $DEBTORS debtors"
echo "machine: $(nproc) x ${model:-unknown CPU}, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "data: $D ($(awk -v b="$(wc -c < "$D/items.csv")" 'BEGIN { printf "%.0f", b / 1e6 }') MB of items); doc_type:" \
	"$(grep -o ',\(INV\|DN\|CN\|PAY\|INT\|FEE\|ADJ\),' "$D/items.csv" | sort | uniq -c |
		awk '{ gsub(",", "", $2); printf "%s%s %d", sep, $2, $1; sep = ", " }')"
echo "versions: $("$AR" --version 2>&1 | head -1) ($AR); minimal-pod $($CC --version | head -1) -O2"
[ -z "$skip_pandas" ] && echo "          $ver_pandas"
[ -z "$skip_duckdb" ] && echo "          $ver_duckdb"

export AR_CONFIG="$D/ar.ini" AR_TEMPLATES="$PWD/templates" SOURCE_DATE_EPOCH=1795000000
cat "$D/items.csv" "$D/customers.csv" > /dev/null   # every tool reads from the page cache
status=0

# check NAME FILE: its claims against ar-pod's, normalised
check() {
	if ! "$PY" "$D/normalize-pod.py" "$2" > "$D/norm-$1.csv" 2> "$D/norm-$1.err"; then
		echo "  output unreadable: $(tail -1 "$D/norm-$1.err")"
		status=1
	elif cmp -s "$D/norm-ar-pod.csv" "$D/norm-$1.csv"; then
		echo "  agrees with ar-pod ($(($(wc -l < "$D/norm-$1.csv") - 1)) rows, every column)"
	else
		echo "  DISAGREES with ar-pod; first differing lines (< ar-pod, > $1):"
		diff "$D/norm-ar-pod.csv" "$D/norm-$1.csv" | head -8 | sed 's/^/        /'
		status=1
	fi
}

echo
echo "-- claims only (no --out-dir)"
if timed ar-pod "$D/out-ar-pod.csv" "$RUNS" "$AR" --as-of "$AS_OF" --customers "$D/customers.csv" "$D/items.csv"; then
	"$PY" "$D/normalize-pod.py" "$D/out-ar-pod.csv" > "$D/norm-ar-pod.csv" ||
		die "ar-pod's claims.csv does not read"
	echo "  reference ($(($(wc -l < "$D/out-ar-pod.csv") - 1)) rows)"
else
	die "ar-pod failed: see $D/err-ar-pod.txt"
fi
timed minimal-pod "$D/out-minimal-pod.csv" "$RUNS" "$D/minimal-pod" "$RATE" "$DEFAULT_TERMS" \
	"$D/customers.csv" "$D/items.csv" && check minimal-pod "$D/out-minimal-pod.csv"
if [ -n "$skip_pandas" ]; then
	echo "   pandas         skipped: $skip_pandas"
else
	timed pandas "$D/out-pandas.csv" "$RUNS" "$PY" "$D/pod-pandas.py" "$RATE" "$DEFAULT_TERMS" \
		"$D/customers.csv" "$D/items.csv" && check pandas "$D/out-pandas.csv"
fi
if [ -n "$skip_duckdb" ]; then
	echo "   duckdb         skipped: $skip_duckdb"
else
	rm -f "$D/out-duckdb.csv"
	timed duckdb /dev/null "$RUNS" node "$D/pod-duckdb.mjs" "$RATE" "$DEFAULT_TERMS" \
		"$D/customers.csv" "$D/items.csv" "$D/out-duckdb.csv" && check duckdb "$D/out-duckdb.csv"
fi

echo "   ratios: ar-pod / minimal-pod $(ratio "${sec_ar_pod:-}" "${sec_minimal_pod:-}")," \
	"ar-pod / pandas $(ratio "${sec_ar_pod:-}" "${sec_pandas:-}")," \
	"ar-pod / DuckDB $(ratio "${sec_ar_pod:-}" "${sec_duckdb:-}")"

echo
echo "-- ar-pod --out-dir: statement.csv, statement.xlsx and proof-of-debt.pdf per debtor"
i=0
: > "$D/times-out-dir"
while [ "$i" -lt "$DIR_RUNS" ]; do
	rm -rf "$D/pod-out"
	"$TIME" -f '%e %M %U %S' -o "$D/time.txt" timeout -k 10 "$TIMEOUT" "$AR" --as-of "$AS_OF" \
		--customers "$D/customers.csv" --out-dir "$D/pod-out" -o "$D/out-dir-claims.csv" \
		"$D/items.csv" > /dev/null 2> "$D/err-out-dir.txt" ||
		{ tail -3 "$D/err-out-dir.txt" >&2; die "ar-pod --out-dir failed"; }
	cat "$D/time.txt" >> "$D/times-out-dir"
	i=$((i + 1))
done
# shellcheck disable=SC2046 # four numbers and the peak, split on purpose
set -- $(sort -n "$D/times-out-dir" | awk '{ t[NR] = $0; if ($2 > m) m = $2 } END { print t[int((NR + 1) / 2)], m }')
pdfs=$(find "$D/pod-out" -name proof-of-debt.pdf | wc -l)
dirs=$(find "$D/pod-out" -mindepth 1 -maxdepth 1 -type d | wc -l)
printf '   ar-pod --out-dir  %.2f s wall (user %s s, sys %s s), peak RSS %.1f MiB (median of %d);\n' \
	"$1" "$3" "$4" "$(awk -v k="$5" 'BEGIN { print k / 1024 }')" "$DIR_RUNS"
printf '   %d debtors, %d PDFs (%s), %s per debtor\n' "$dirs" "$pdfs" \
	"$(du -sh "$D/pod-out" | cut -f1) in all" \
	"$(awk -v s="$1" -v n="$dirs" 'BEGIN { printf "%.1f ms", n ? 1000 * s / n : 0 }')"
if cmp -s "$D/out-ar-pod.csv" "$D/out-dir-claims.csv"; then
	echo "   its claims.csv is byte-identical to the claims-only run's"
else
	echo "   its claims.csv DIFFERS from the claims-only run's"
	status=1
fi

if [ "$PROFILE" = 1 ]; then
	echo
	echo "-- perf record -g, ar-pod claims only"
	if ! command -v perf >/dev/null; then
		echo "   perf not installed (Debian package linux-perf)"
	elif perf record -g -o "$D/perf.data" -- "$AR" --as-of "$AS_OF" --customers "$D/customers.csv" \
		"$D/items.csv" > /dev/null 2> "$D/perf-record.txt"; then
		perf report -i "$D/perf.data" --stdio 2>/dev/null | head -40 > "$D/perf-children.txt"
		perf report -i "$D/perf.data" --stdio --no-children --percent-limit 1.5 -g none \
			2>/dev/null | grep -v '^$' | head -40 > "$D/perf-self.txt"
		sed 's/^/   /' "$D/perf-self.txt"
		echo "   (with callers: $D/perf-children.txt)"
	else
		echo "   perf record failed: $(tail -1 "$D/perf-record.txt")"
	fi
fi
[ $status = 0 ] || echo "bench: a tool failed or disagreed with ar-pod" >&2
exit $status
