#!/bin/sh
# bench/run-kpi.sh - the KPI benchmark (issue 17): ar-kpi's month-end
# ledger KPIs over a ledger of 1M items of 50k customers, as of 2026-11-30,
# in total and per collector, against what a user would pick instead
# (pandas, DuckDB SQL) and against bench/minimal-kpi.c, the floor (fgets, a
# split, a small hash, integers).  Each peer's kpi.csv is checked against
# ar-kpi's, row by row and to the cent.
#
#   sh bench/run-kpi.sh                          1,000,000 items, 50,000 customers
#   BENCH_KPI_ROWS=100000 sh bench/run-kpi.sh    a smaller run (customers = rows / 20)
#
# Environment: BUILD (where ar-kpi is: $BUILD/bin/ar-kpi; default build),
# CC (default cc), BENCH_RUNS (default 3: the median wall time of that many
# runs of each tool is reported, with the largest peak RSS),
# BENCH_KPI_PROFILE (1: also perf record -g one ar-kpi --group-by run into
# $D/perf-*.txt), BENCH_TIMEOUT (seconds one tool may run, default 1800).
#
# Two runs, each by every tool:
#   total       ar-kpi --as-of 2026-11-30 --ledger ledger.csv -o kpi.csv
#   collector   the same with --customers customers.csv --group-by collector
# Without --customers ar-kpi knows no customer's terms_days: an item without
# a due_date is then due doc_date + [aging] default_terms_days (30), and the
# peers do the same in that run; with it, doc_date + the customer's
# terms_days (30 when the master has none).  A credit (amount < 0) without a
# due_date is due on its doc_date in both.
#
# Data goes to bench/data/kpi-ROWS/: the items from bench/gen-items.c,
# rewritten by the seeded Python below into a ledger (customer, name,
# doc_no, doc_type, doc_date, due_date, currency, amount, clearing_date):
# doc_date over the 12 months before the as-of date (a little skewed to
# recent months), 7.6 % older items open at the start of the year (a
# quarter of them cleared during it), 0.4 % dated after the as-of date;
# INV, 6 % of them made DN; CN, 55 % of them made PAY (negative); MYR but
# 3 % USD; 5 % without a due_date.  An INV or DN of the year is cleared
# some days after its due date as its customer pays (prompt, slow or bad),
# when that day is not after the as-of date, 97 % of the time; otherwise it
# is open, and 15 % of those carry a clearing_date after the as-of date (an
# extract taken later: open at the as-of date).  65 % of the CN are cleared
# within 45 days, 92 % of the PAY within a week.  customers.csv: customer,
# name, collector (20 collectors, one with a comma, one in Chinese; 1 % of
# the customers without one), terms_days (30, 45, 60 or 90; 10 % empty);
# a 21st collector, Legal, holds the customers with credit notes only and
# 1 in 5000 whose invoices are 90 % older than the year (months whose sales
# are not above zero, receivables not above zero, undefined values);
# 0.2 % of the customers are not in it (their group is "").  ar.ini:
# [aging] default_terms_days = 30.  Regenerated when gen-items.c, this
# script or the size changes.  The peers (pandas, DuckDB through
# @duckdb/node-api, as bench/run.sh finds them) are written into the same
# folder from this script.  Prints the figures; does not write
# bench/RESULTS.md.  Exit 1 when a tool fails or disagrees with ar-kpi.
set -u

cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
CC=${CC:-cc}
AR=$BUILD/bin/ar-kpi
PY=/usr/bin/python3   # Debian's: the one that sees python3-pandas
TIME=/usr/bin/time
ROWS=${BENCH_KPI_ROWS:-1000000}
CUSTOMERS=$((ROWS / 20))
RUNS=${BENCH_RUNS:-3}
PROFILE=${BENCH_KPI_PROFILE:-0}
TIMEOUT=${BENCH_TIMEOUT:-1800}
AS_OF=2026-11-30
DEFAULT_TERMS=30      # [aging] default_terms_days, as written into ar.ini
D=bench/data/kpi-$ROWS
KPI_COLS=group,currency,kpi,value,numerator,denominator,period_start,period_end

die() { echo "bench: $*" >&2; exit 1; }

[ "$CUSTOMERS" -ge 100 ] || die "BENCH_KPI_ROWS=$ROWS is too small (at least 2000)"
[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
[ -x "$PY" ] || die "$PY missing"
[ -x "$AR" ] || die "$AR missing: make BUILD=$BUILD"
command -v "$CC" >/dev/null || die "no C compiler ($CC)"
mkdir -p "$D" || exit 1

$CC -std=c17 -Wall -Wextra -Wpedantic -O2 -o "$D/minimal-kpi" bench/minimal-kpi.c || die "cannot build bench/minimal-kpi.c"

# ---- the data -----------------------------------------------------------------
stamp="$(cat bench/gen-items.c bench/run-kpi.sh | cksum | cut -d' ' -f1) $ROWS"
if [ ! -s "$D/ledger.csv" ] || [ "$(cat "$D/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating a ledger of $ROWS items, $CUSTOMERS customers into $D ..."
	rm -f "$D/stamp"
	$CC -std=c17 -O2 -o "$D/gen-items" bench/gen-items.c || die "cannot build bench/gen-items.c"
	"$D/gen-items" "$ROWS" "$CUSTOMERS" > "$D/items-gen.csv" || die "gen-items failed"
	"$PY" - "$D" "$AS_OF" "$DEFAULT_TERMS" <<'EOF' || die "cannot generate the ledger and customers"
import collections, csv, datetime, random, sys
d, as_of_s, default_terms = sys.argv[1], sys.argv[2], int(sys.argv[3])
rnd = random.Random(17)
day = datetime.date.fromisoformat
as_of = day(as_of_s)
year_start = as_of.replace(year=as_of.year - 1)   # end of month 12: 2025-11-30
one = datetime.timedelta(1)
COLLECTORS = ["Aminah", "Tan, Mei Ling", "Rajesh", "Siti", "Wong", "Farid", "Lim Ah Kow",
              "Nurul", "Kumar", "Chong", "Hafiz", "Lee", "Devi", "Azlan", "Ng", "Priya",
              "Zulkifli", "\u9648\u7f8e\u73b2", "O'Brien", "Ismail"]
ids, names, terms, habit = [], {}, {}, {}
count = collections.Counter()
# The legal desk: the customers gen-items gives only credit notes, and a few
# whose invoices are almost all older than the year: months whose sales are
# not above zero, receivables not above zero, the values left undefined.
with open(d + "/items-gen.csv", newline="") as f:
    r = csv.reader(f)
    next(r)
    seen, billed = {}, set()
    for row in r:
        seen[row[0]] = True
        if row[3] == "INV":
            billed.add(row[0])
old_only = set(rnd.sample(sorted(billed), max(2, len(seen) // 5000)))
legal = old_only | (set(seen) - billed)
with open(d + "/items-gen.csv", newline="") as f, open(d + "/ledger.csv.tmp", "w", newline="") as g:
    r = csv.reader(f)
    w = csv.writer(g, lineterminator="\n")
    next(r)
    w.writerow(["customer", "name", "doc_no", "doc_type", "doc_date", "due_date", "currency",
                "amount", "clearing_date"])
    for cust, name, doc_no, typ, _doc, _due, _cur, amount in r:
        if cust not in names:
            ids.append(cust)
            names[cust] = name
            terms[cust] = rnd.choice(["30", "45", "60", "90"]) if rnd.random() < 0.9 else ""
            x = rnd.random()   # how the customer pays: prompt, slow or bad
            habit[cust] = (-10, 20) if x < 0.6 else (5, 75) if x < 0.9 else (30, 240)
        if typ == "CN":
            if rnd.random() < 0.55:
                typ, doc_no = "PAY", "PY" + doc_no[2:]
        elif rnd.random() < 0.06:
            typ, doc_no = "DN", "DN" + doc_no[2:]
        cur = "USD" if rnd.random() < 0.03 else "MYR"
        x = rnd.random()
        if cust in old_only and typ in ("INV", "DN") and rnd.random() < 0.9:
            x = 0.05
        if x < 0.004:
            doc = as_of + datetime.timedelta(1 + rnd.randrange(25))
        elif x < 0.08:
            doc = year_start - datetime.timedelta(rnd.randrange(800))
        else:
            doc = year_start + datetime.timedelta(1 + int(365 * rnd.random() ** 0.85))
        positive = not amount.startswith("-")
        t = int(terms[cust]) if terms[cust] else default_terms
        due = doc + datetime.timedelta(t) if positive else doc
        clear = None
        if doc > as_of:
            pass
        elif typ in ("INV", "DN"):
            if doc <= year_start:     # open at the start of the year; some cleared since
                if rnd.random() < 0.25:
                    clear = year_start + datetime.timedelta(1 + rnd.randrange(365))
            else:
                when = max(doc, due + datetime.timedelta(rnd.randint(*habit[cust])))
                if when <= as_of:
                    clear = when if rnd.random() < 0.97 else None
                elif rnd.random() < 0.15:
                    clear = when      # cleared after the as-of date: open at it
        elif typ == "CN":
            if rnd.random() < 0.65:
                clear = doc + datetime.timedelta(rnd.randrange(45))
                if clear > as_of:
                    clear = None
        elif rnd.random() < 0.92:     # PAY
            clear = doc + datetime.timedelta(rnd.randrange(8))
        due_s = due.isoformat()
        if rnd.random() < 0.05:
            due_s = ""
            count["no due_date"] += 1
        count[typ] += 1
        count[cur] += 1
        if doc > as_of:
            count["after as-of"] += 1
        elif doc <= year_start:
            count["older"] += 1
        if doc <= as_of and (clear is None or clear > as_of):
            count["open at as-of"] += 1
        if clear is not None and clear > as_of:
            count["cleared after as-of"] += 1
        w.writerow([cust, name, doc_no, typ, doc.isoformat(), due_s, cur, amount,
                    clear.isoformat() if clear else ""])
missing = set(rnd.sample(sorted(set(ids) - legal), max(1, len(ids) // 500)))
with open(d + "/customers.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["customer", "name", "collector", "terms_days"])
    for c in ids:
        if c not in missing:
            x = rnd.random()
            w.writerow([c, names[c], "Legal" if c in legal else rnd.choice(COLLECTORS)
                        if x >= 0.01 else "", terms[c]])
with open(d + "/ar.ini", "w") as f:
    f.write("[company]\nname = Nusantara Industrial Supplies Berhad\n"
            "[aging]\ndefault_terms_days = %d\n" % default_terms)
with open(d + "/summary.txt", "w") as f:
    f.write("doc_type INV %d, DN %d, CN %d, PAY %d; MYR %d, USD %d; %d without due_date;\n"
            "      %d dated after the as-of date, %d before the year; %d open at the as-of date"
            " (%d with a later clearing_date); customers: %d in the ledger, %d in the master"
            " (%d with the collector Legal)"
            % (count["INV"], count["DN"], count["CN"], count["PAY"], count["MYR"], count["USD"],
               count["no due_date"], count["after as-of"], count["older"], count["open at as-of"],
               count["cleared after as-of"], len(ids), len(ids) - len(missing), len(legal)))
EOF
	mv "$D/ledger.csv.tmp" "$D/ledger.csv" || die "cannot move the ledger"
	rm -f "$D/items-gen.csv"
	echo "$stamp" > "$D/stamp"
fi

# ---- the peers, written from here so that this script is the whole bench ---------
cat > "$D/kpi-pandas.py" <<'EOF'
# kpi-pandas.py AS_OF DEFAULT_TERMS ledger.csv kpi.csv [customers.csv]
# ar-kpi's ledger KPIs of one month as a pandas user would write them:
# read_csv, the amount read as a float and rounded to integer cents (exact
# for 2 decimals), the dates as integer days, each item's month by
# searchsorted over the month ends, the receivable at each of the 13 month
# ends as a masked column, one groupby sum per set of rows (the currency
# alone for ALL; the collector and currency with customers.csv), then each
# group's KPIs in Python integers, rounded half away from zero as
# lib/ar/kpi.c does.  With customers.csv the terms_days and the collector
# come from it; without it every item without a due_date is due doc_date +
# DEFAULT_TERMS.
import calendar
import csv
import datetime
import sys

import numpy as np
import pandas as pd

as_of_s, default_terms, ledger_path, out_path = sys.argv[1:5]
customers_path = sys.argv[5] if len(sys.argv) > 5 else None
default_terms = int(default_terms)
MONTHS = 12


def add_months(d, n):
    """d moved by n months as a month-end report steps: a month end stays one."""
    last = d.day == calendar.monthrange(d.year, d.month)[1]
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    dim = calendar.monthrange(y, m + 1)[1]
    return datetime.date(y, m + 1, dim if last or d.day > dim else d.day)


epoch = datetime.date(1970, 1, 1)
as_of = datetime.date.fromisoformat(as_of_s)
ends = [add_months(as_of, -k) for k in range(MONTHS + 1)]
end = [(e - epoch).days for e in ends]
NAT = np.iinfo(np.int64).min


def days(s):
    return (pd.to_datetime(s, format="%Y-%m-%d", errors="coerce").values
            .astype("datetime64[D]").astype("int64"))


led = pd.read_csv(ledger_path, usecols=["customer", "doc_type", "doc_date", "due_date", "currency",
                                        "amount", "clearing_date"],
                  dtype={"customer": str, "doc_type": str, "doc_date": str, "due_date": str,
                         "currency": str, "amount": float, "clearing_date": str},
                  keep_default_na=False)
doc = days(led["doc_date"])
known = doc <= end[0]                        # an item dated after as-of is not yet known
led, doc = led[known], doc[known]
cents = (led["amount"].to_numpy() * 100).round().astype("int64")
if customers_path:
    cust = pd.read_csv(customers_path, usecols=["customer", "collector", "terms_days"], dtype=str,
                       keep_default_na=False).set_index("customer")
    t = led["customer"].map(cust["terms_days"]).fillna("")
    terms = t.where(t != "", str(default_terms)).astype("int64").to_numpy()
    group = led["customer"].map(cust["collector"]).fillna("").to_numpy()
else:
    terms = np.full(len(led), default_terms, dtype="int64")
    group = np.full(len(led), "", dtype=object)
due = days(led["due_date"])
due = np.where(due == NAT, np.where(cents < 0, doc, doc + terms), due)
clear = days(led["clearing_date"])
kind = led["doc_type"].to_numpy()
billing = (kind == "INV") | (kind == "DN")
credit_note = kind == "CN"
k = MONTHS - np.searchsorted(np.array(end[::-1]), doc, side="left")   # MONTHS: before month 11

cols = {"currency": led["currency"].to_numpy(), "group": group}
for m in range(MONTHS + 1):
    cols["open%d" % m] = np.where((doc <= end[m]) & ((clear == NAT) | (clear > end[m])), cents, 0)
open_end = (clear == NAT) | (clear > end[0])
cols["current"] = np.where(open_end & (due >= end[0]), cents, 0)
cols["over_90"] = np.where(open_end & (end[0] - due > 90), cents, 0)
cols["billed"] = np.where((k == 0) & billing, cents, 0)
cols["credited"] = np.where((k == 0) & credit_note, -cents, 0)
frame = pd.DataFrame(cols)
sales = pd.DataFrame({"currency": cols["currency"], "group": group, "k": k,
                      "sales": np.where(billing | credit_note, cents, 0)})[k < MONTHS]


def sums(keys):
    s = frame.groupby(keys, sort=True).sum(numeric_only=True)
    m = sales.groupby(keys + ["k"])["sales"].sum().unstack("k")
    m = m.reindex(columns=range(MONTHS)).reindex(s.index).fillna(0).astype("int64")
    return s.join(m)


def div_round(n, d):
    q = (abs(n) + d // 2) // d
    return q if n >= 0 else -q


def ratio(num, den, scale):
    return (div_round(num * scale, den) if den > 0 else None, num, den)


def countback(receivable, month_sales):
    if receivable <= 0:
        return (0, receivable, 0)
    left, before, den = receivable, 0, 0
    for m in range(MONTHS):
        s, mdays = month_sales[m], end[m] - end[m + 1]
        if s > 0:
            den += s
            if left <= s:
                return (before * 100 + div_round(left * mdays * 100, s), receivable, den)
            left -= s
        before += mdays
    return (before * 100, receivable, den)


def fixed(v, decimals):
    if v is None:
        return ""
    scale = 10 ** decimals
    return "%s%d.%0*d" % ("-" if v < 0 else "", abs(v) // scale, decimals, abs(v) % scale)


WORDS = ["dso_countback", "dso_simple", "best_dso", "add", "cei", "pct_current", "pct_over_90",
         "turnover", "cn_ratio"]
DECIMALS = [2, 2, 2, 2, 1, 1, 1, 2, 1]
period = (ends[1] + datetime.timedelta(1)).isoformat(), as_of_s


def rows(name, currency, r):
    r = {c: int(v) for c, v in r.items()}
    ms = [r[m] for m in range(MONTHS)]
    receivable, start = r["open0"], r["open1"]
    open_sum = sum(r["open%d" % m] for m in range(MONTHS + 1))
    year_sales = sum(ms)
    cb, best = countback(receivable, ms), countback(r["current"], ms)
    cei_num = start + ms[0] - receivable
    cei_den = start + ms[0] - r["current"]
    values = [cb, ratio(receivable, ms[0], 100 * (end[0] - end[1])), best,
              (cb[0] - best[0], cb[0], best[0]), ratio(cei_num, cei_den, 1000),
              ratio(r["current"], receivable, 1000), ratio(r["over_90"], receivable, 1000),
              (div_round(year_sales * (MONTHS + 1) * 100, open_sum) if open_sum > 0 else None,
               year_sales, div_round(open_sum, MONTHS + 1)),
              ratio(r["credited"], r["billed"], 1000)]
    for word, dec, (v, num, den) in zip(WORDS, DECIMALS, values):
        yield [name, currency, word, fixed(v, dec), fixed(num, 2), fixed(den, 2), *period]


with open(out_path, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["group", "currency", "kpi", "value", "numerator", "denominator", "period_start",
                "period_end"])
    for currency, r in sums(["currency"]).iterrows():
        w.writerows(rows("ALL", currency, r))
    if customers_path:
        for (g, currency), r in sums(["group", "currency"]).iterrows():
            w.writerows(rows(g, currency, r))
EOF

cat > "$D/kpi-duckdb.mjs" <<'EOF'
// kpi-duckdb.mjs AS_OF DEFAULT_TERMS ledger.csv kpi.csv [customers.csv]
// ar-kpi's ledger KPIs of one month in DuckDB SQL (npm @duckdb/node-api,
// found in bench/node_modules as bench/run.sh installs it): the amount read
// as DECIMAL(18,2) and held in BIGINT cents, the 13 month ends from the
// as-of date (a month end stays a month end), every item crossed with them
// for the months' sales and receivables, GROUPING SETS for the total and
// the collectors, the count-back by a window sum over the months, the
// quotients in HUGEINT rounded half away from zero, COPY writes kpi.csv.
// With customers.csv the terms_days and the collector come from it;
// without it every item without a due_date is due doc_date + DEFAULT_TERMS.
// All cores.
import { DuckDBInstance } from '@duckdb/node-api';

const [asOf, defaultTerms, ledger, output, customers] = process.argv.slice(2);
if (!output) {
  console.error('usage: node kpi-duckdb.mjs AS_OF DEFAULT_TERMS ledger.csv kpi.csv [customers.csv]');
  process.exit(64);
}
const q = (s) => `'${s.replaceAll("'", "''")}'`;
const day = `DATE ${q(asOf)}`;
const sets = customers ? 'GROUPING SETS ((cur, k), (grp, cur, k))' : 'GROUPING SETS ((cur, k))';
const sets1 = customers ? 'GROUPING SETS ((cur), (grp, cur))' : 'GROUPING SETS ((cur))';
const label = customers ? `CASE WHEN grouping(grp) = 1 THEN 'ALL' ELSE grp END AS grp, grouping(grp) AS is_all`
  : `'ALL' AS grp, 1 AS is_all`;
// The count-back of R over the months' sales: in the first month whose running sum of the
// positive sales reaches R (else the 12 months' days: a floor; 0 when R <= 0).
const reach = (r) => `FILTER (WHERE m.sales > 0 AND m.cumpos >= ${r})`;
const countback = (r) => `
      arg_min(m.before * 100 + rdiv((${r} - (m.cumpos - m.sales)) * m.mdays * 100, m.sales), m.k)
        ${reach(r)}`;
const countbackDen = (r) => `arg_min(m.cumpos, m.k) ${reach(r)}`;

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run(`
CREATE MACRO rdiv(n, d) AS
  CASE WHEN d <= 0 THEN NULL WHEN n >= 0 THEN (n + d // 2) // d ELSE -((-n + d // 2) // d) END;
CREATE MACRO fixed(v, places) AS
  CASE WHEN v IS NULL THEN NULL
       ELSE concat(CASE WHEN v < 0 THEN '-' ELSE '' END,
                   CAST(abs(v) // CAST(10 ** places AS HUGEINT) AS VARCHAR), '.',
                   lpad(CAST(abs(v) % CAST(10 ** places AS HUGEINT) AS VARCHAR), places, '0')) END;
CREATE TEMP TABLE cal AS
  WITH e AS (
    SELECT range AS k,
           CAST(CASE WHEN ${day} = last_day(${day}) THEN last_day(${day} - to_months(range))
                     ELSE ${day} - to_months(range) END AS DATE) AS e
    FROM range(0, 13))
  SELECT k, e, lead(e) OVER (ORDER BY k) AS prev FROM e;
CREATE TEMP TABLE items AS
  SELECT ${customers ? "coalesce(m.collector, '')" : "''"} AS grp, l.currency AS cur,
         l.doc_type IN ('INV', 'DN') AS billing, l.doc_type = 'CN' AS credit_note,
         l.doc_date AS doc, l.clearing_date AS clr, CAST(l.amount * 100 AS BIGINT) AS cents,
         coalesce(l.due_date, CASE WHEN l.amount < 0 THEN l.doc_date
                                   ELSE l.doc_date + ${customers
                                     ? `coalesce(CAST(nullif(m.terms_days, '') AS INTEGER), ${Number(defaultTerms)})`
                                     : Number(defaultTerms)} END) AS due
  FROM read_csv(${q(ledger)}, header = true,
                types = {'customer': 'VARCHAR', 'doc_type': 'VARCHAR', 'doc_date': 'DATE',
                         'due_date': 'DATE', 'currency': 'VARCHAR', 'amount': 'DECIMAL(18,2)',
                         'clearing_date': 'DATE'}) l
  ${customers ? `LEFT JOIN read_csv(${q(customers)}, header = true, all_varchar = true) m
    USING (customer)` : ''}
  WHERE l.doc_date <= ${day};
CREATE TEMP TABLE months AS
  SELECT ${label}, cur, k,
         sum(CASE WHEN i.doc > c.prev AND i.doc <= c.e AND (billing OR credit_note)
             THEN cents ELSE 0 END) AS sales,
         sum(CASE WHEN i.doc <= c.e AND (i.clr IS NULL OR i.clr > c.e) THEN cents ELSE 0 END)
           AS open_at
  FROM items i CROSS JOIN cal c
  GROUP BY ${sets};
CREATE TEMP TABLE flat AS
  SELECT ${label}, cur,
         sum(CASE WHEN (clr IS NULL OR clr > ${day}) AND due >= ${day} THEN cents ELSE 0 END)
           AS current_end,
         sum(CASE WHEN (clr IS NULL OR clr > ${day}) AND date_diff('day', due, ${day}) > 90
             THEN cents ELSE 0 END) AS over_90,
         sum(CASE WHEN doc > (SELECT e FROM cal WHERE k = 1) AND billing THEN cents ELSE 0 END)
           AS billed,
         sum(CASE WHEN doc > (SELECT e FROM cal WHERE k = 1) AND credit_note THEN -cents ELSE 0 END)
           AS credited
  FROM items
  GROUP BY ${sets1};
CREATE TEMP TABLE sums AS
  WITH m AS (
    SELECT x.*, date_diff('day', c.prev, c.e) AS mdays, date_diff('day', c.e, ${day}) AS before,
           sum(greatest(x.sales, 0)) OVER (PARTITION BY x.is_all, x.grp, x.cur ORDER BY x.k)
             AS cumpos
    FROM months x JOIN cal c USING (k) WHERE x.k < 12
  ), g AS (
    SELECT is_all, grp, cur, CAST(max(open_at) FILTER (WHERE k = 0) AS HUGEINT) AS receivable,
           CAST(max(open_at) FILTER (WHERE k = 1) AS HUGEINT) AS receivable_start,
           CAST(sum(open_at) AS HUGEINT) AS open_sum,
           CAST(sum(sales) FILTER (WHERE k < 12) AS HUGEINT) AS year_sales,
           CAST(max(sales) FILTER (WHERE k = 0) AS HUGEINT) AS period_sales
    FROM months GROUP BY is_all, grp, cur
  ), gf AS (
    SELECT g.*, CAST(f.current_end AS HUGEINT) AS current_end,
           CAST(f.over_90 AS HUGEINT) AS over_90, CAST(f.billed AS HUGEINT) AS billed,
           CAST(f.credited AS HUGEINT) AS credited
    FROM g JOIN flat f USING (is_all, grp, cur)
  ), cbs AS (
    SELECT is_all, grp, cur, ${countback('gf.receivable')} AS cb, ${countbackDen('gf.receivable')} AS cb_den,
           ${countback('gf.current_end')} AS best, ${countbackDen('gf.current_end')} AS best_den,
           sum(m.mdays) * 100 AS floor_days, max(m.cumpos) AS all_sales
    FROM gf JOIN m USING (is_all, grp, cur)
    GROUP BY is_all, grp, cur
  )
  SELECT gf.*,
         CASE WHEN receivable <= 0 THEN 0 ELSE coalesce(cb, floor_days) END AS cb,
         CASE WHEN receivable <= 0 THEN 0 ELSE coalesce(cb_den, all_sales) END AS cb_den,
         CASE WHEN current_end <= 0 THEN 0 ELSE coalesce(best, floor_days) END AS best,
         CASE WHEN current_end <= 0 THEN 0 ELSE coalesce(best_den, all_sales) END AS best_den
  FROM gf JOIN cbs USING (is_all, grp, cur);
COPY (
  WITH v AS (
    SELECT is_all, grp, cur, 0 AS n, 'dso_countback' AS kpi, fixed(cb, 2) AS value,
           fixed(receivable, 2) AS num, fixed(cb_den, 2) AS den FROM sums
    UNION ALL SELECT is_all, grp, cur, 1, 'dso_simple',
           fixed(rdiv(receivable * 100 * (SELECT date_diff('day', prev, e) FROM cal WHERE k = 0),
                      period_sales), 2), fixed(receivable, 2), fixed(period_sales, 2) FROM sums
    UNION ALL SELECT is_all, grp, cur, 2, 'best_dso', fixed(best, 2), fixed(current_end, 2),
           fixed(best_den, 2) FROM sums
    UNION ALL SELECT is_all, grp, cur, 3, 'add', fixed(cb - best, 2), fixed(cb, 2), fixed(best, 2)
           FROM sums
    UNION ALL SELECT is_all, grp, cur, 4, 'cei',
           fixed(rdiv((receivable_start + period_sales - receivable) * 1000,
                      receivable_start + period_sales - current_end), 1),
           fixed(receivable_start + period_sales - receivable, 2),
           fixed(receivable_start + period_sales - current_end, 2) FROM sums
    UNION ALL SELECT is_all, grp, cur, 5, 'pct_current', fixed(rdiv(current_end * 1000, receivable), 1),
           fixed(current_end, 2), fixed(receivable, 2) FROM sums
    UNION ALL SELECT is_all, grp, cur, 6, 'pct_over_90', fixed(rdiv(over_90 * 1000, receivable), 1),
           fixed(over_90, 2), fixed(receivable, 2) FROM sums
    UNION ALL SELECT is_all, grp, cur, 7, 'turnover',
           fixed(rdiv(year_sales * 13 * 100, open_sum), 2), fixed(year_sales, 2),
           fixed(rdiv(open_sum, 13), 2) FROM sums
    UNION ALL SELECT is_all, grp, cur, 8, 'cn_ratio', fixed(rdiv(credited * 1000, billed), 1),
           fixed(credited, 2), fixed(billed, 2) FROM sums
  )
  SELECT grp AS "group", cur AS currency, kpi, value, num AS numerator, den AS denominator,
         (SELECT e FROM cal WHERE k = 1) + 1 AS period_start, ${day} AS period_end
  FROM v ORDER BY is_all DESC, grp, cur, n
) TO ${q(output)} (HEADER, DELIMITER ',');`);
con.closeSync?.();
EOF

# ---- which peers run -------------------------------------------------------------
NAME_WIDTH=15
. bench/peers.sh
find_peers

model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
echo "== artools bench: ar-kpi, the ledger KPIs of a month, $ROWS items, $CUSTOMERS customers, as of $AS_OF"
echo "machine: $(nproc) x ${model:-unknown CPU}, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "data: $D ($(awk -v b="$(wc -c < "$D/ledger.csv")" 'BEGIN { printf "%.0f", b / 1e6 }') MB of ledger);" \
	"$(cat "$D/summary.txt" 2>/dev/null)"
echo "      $(($(wc -l < "$D/customers.csv") - 1)) customers in the master," \
	"$("$PY" -c 'import csv, sys; print(len({r["collector"] for r in csv.DictReader(open(sys.argv[1], newline=""))}))' "$D/customers.csv") collectors (with Legal and \"\")"
echo "versions: $("$AR" --version 2>&1 | head -1) ($AR); minimal-kpi $($CC --version | head -1) -O2"
[ -z "$skip_pandas" ] && echo "          $ver_pandas"
[ -z "$skip_duckdb" ] && echo "          $ver_duckdb"

export AR_CONFIG="$D/ar.ini"
unset AR_TEMPLATES
cat "$D/ledger.csv" "$D/customers.csv" > /dev/null   # every tool reads from the page cache
status=0

# normal NAME: its kpi.csv normalised (bench/normalize-rows.py: the columns by
# name, value, numerator and denominator as decimals to the cent; the row
# order kept: every tool writes ar-kpi's, the totals by currency, then the
# groups by name and currency, the KPIs in the man page's order).
normal() {
	"$PY" bench/normalize-rows.py "$D/out-$1.csv" "$KPI_COLS" value,numerator,denominator \
		> "$D/norm-$1.csv" 2> "$D/norm-$1.err"
}

# check NAME REF: NAME's rows against REF's (ar-kpi's)
check() {
	if ! normal "$1"; then
		echo "  output unreadable: $(tail -1 "$D/norm-$1.err")"
		status=1
		return
	fi
	if cmp -s "$D/norm-$2.csv" "$D/norm-$1.csv"; then
		echo "  agrees ($(($(wc -l < "$D/norm-$1.csv") - 1)) rows)"
		return
	fi
	echo "  DISAGREES"
	diff "$D/norm-$2.csv" "$D/norm-$1.csv" > "$D/diff-$1.txt"
	status=1
	echo "        $(grep -c '^<' "$D/diff-$1.txt") of $2's rows differ; the first" \
		"($D/diff-$1.txt; < $2, > $1):"
	head -8 "$D/diff-$1.txt" | sed 's/^/        /'
}


# bench RUN TITLE [--customers customers.csv --group-by collector]: one run by every tool
bench() {
	run=$1 title=$2
	shift 2
	sfx=$([ "$run" = total ] && echo '' || echo "-by")
	peer_master=$([ $# -gt 0 ] && echo "$D/customers.csv" || echo '')
	echo
	echo "-- $title"
	rm -f "$D"/diff-*"$sfx".txt
	if timed "ar-kpi$sfx" /dev/null "$RUNS" "$AR" --as-of "$AS_OF" --ledger "$D/ledger.csv" "$@" \
		-o "$D/out-ar-kpi$sfx.csv"; then
		normal "ar-kpi$sfx" || die "ar-kpi's kpi.csv does not read: $(tail -1 "$D/norm-ar-kpi$sfx.err")"
		echo "  reference ($(($(wc -l < "$D/out-ar-kpi$sfx.csv") - 1)) rows)"
		sed 's/^/        /' "$D/err-ar-kpi$sfx.txt"
	else
		die "ar-kpi failed: see $D/err-ar-kpi$sfx.txt"
	fi
	# shellcheck disable=SC2086 # $peer_master: empty or one path
	timed "minimal-kpi$sfx" /dev/null "$RUNS" "$D/minimal-kpi" "$AS_OF" "$DEFAULT_TERMS" \
		"$D/ledger.csv" "$D/out-minimal-kpi$sfx.csv" $peer_master && check "minimal-kpi$sfx" "ar-kpi$sfx"
	if [ -n "$skip_pandas" ]; then
		echo "   pandas          skipped: $skip_pandas"
	else
		# shellcheck disable=SC2086
		timed "pandas$sfx" /dev/null "$RUNS" "$PY" "$D/kpi-pandas.py" "$AS_OF" "$DEFAULT_TERMS" \
			"$D/ledger.csv" "$D/out-pandas$sfx.csv" $peer_master && check "pandas$sfx" "ar-kpi$sfx"
	fi
	if [ -n "$skip_duckdb" ]; then
		echo "   duckdb          skipped: $skip_duckdb"
	else
		rm -f "$D/out-duckdb$sfx.csv"
		# shellcheck disable=SC2086
		timed "duckdb$sfx" /dev/null "$RUNS" node "$D/kpi-duckdb.mjs" "$AS_OF" "$DEFAULT_TERMS" \
			"$D/ledger.csv" "$D/out-duckdb$sfx.csv" $peer_master && check "duckdb$sfx" "ar-kpi$sfx"
	fi
	v=$(echo "$sfx" | tr - _) a='' m='' p='' d=''
	eval "a=\${sec_ar_kpi$v:-} m=\${sec_minimal_kpi$v:-} p=\${sec_pandas$v:-} d=\${sec_duckdb$v:-}"
	echo "   ratios: ar-kpi / minimal-kpi $(ratio "$a" "$m"), ar-kpi / pandas $(ratio "$a" "$p")," \
		"ar-kpi / DuckDB $(ratio "$a" "$d")"
	echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

bench total "ar-kpi --as-of $AS_OF --ledger ledger.csv -o kpi.csv, and its peers"
bench collector "ar-kpi --as-of $AS_OF --ledger ledger.csv --customers customers.csv --group-by collector -o kpi-collector.csv, and its peers" \
	--customers "$D/customers.csv" --group-by collector

if [ "$PROFILE" = 1 ]; then
	echo
	echo "-- perf record -g, ar-kpi --group-by collector"
	if ! command -v perf >/dev/null; then
		echo "   perf not installed (Debian package linux-perf)"
	elif perf record -g -o "$D/perf.data" -- "$AR" --as-of "$AS_OF" --ledger "$D/ledger.csv" \
		--customers "$D/customers.csv" --group-by collector -o "$D/perf-kpi.csv" \
		> /dev/null 2> "$D/perf-record.txt"; then
		perf report -i "$D/perf.data" --stdio 2>/dev/null | head -60 > "$D/perf-children.txt"
		perf report -i "$D/perf.data" --stdio --no-children --percent-limit 1 -g none \
			2>/dev/null | grep -v '^$\|^#' | head -40 > "$D/perf-self.txt"
		sed 's/^/   /' "$D/perf-self.txt"
		echo "   (with callers: $D/perf-children.txt)"
	else
		echo "   perf record failed: $(tail -1 "$D/perf-record.txt")"
	fi
fi
[ $status = 0 ] || echo "bench: a tool failed or disagreed with ar-kpi" >&2
exit $status
