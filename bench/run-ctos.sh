#!/bin/sh
# bench/run-ctos.sh - the credit-bureau benchmark (issue 16): ar-ctos's
# monthly CTOS update over 1M items of 50k customers, from an empty state
# (the first month: every action is NEW), against what a user would pick
# instead (pandas, DuckDB SQL) and against bench/minimal-ctos.c, the floor
# (fgets, a split, a small hash, integers).  Each peer's update.csv and
# not-listed file are checked against ar-ctos's, row by row and to the cent.
#
#   sh bench/run-ctos.sh                       1,000,000 items, 50,000 customers
#   BENCH_CTOS_ROWS=100000 sh bench/run-ctos.sh   a smaller run (customers = rows / 20)
#
# Environment: BUILD (where ar-ctos is: $BUILD/bin/ar-ctos; default build),
# CC (default cc), BENCH_RUNS (default 3: the median wall time of that many
# runs of each tool is reported, with the largest peak RSS),
# BENCH_CTOS_PROFILE (1: also perf record -g one ar-ctos run into
# $D/perf-*.txt), BENCH_TIMEOUT (seconds one tool may run, default 1800).
#
# Data goes to bench/data/ctos-ROWS/: the items from bench/gen-items.c,
# rewritten by the seeded Python below: MYR but 2 % USD, 40 % of CN made
# PAY, a dispute column (1 % of INV), 3 % of INV without a due_date (due
# doc_date + terms_days), 0.5 % of INV with a second instalment line of the
# same doc_no.  It also writes customers.csv (reg_no in SSM's new form
# YYYYTTNNNNNN, id_type ssm; 2 % of the ids invalid; 1 % written_off;
# 0.1 % of the customers left out of the master), journal.csv (a
# ctos_notice for 60 % of the customers, some within notice_days of the
# as-of date, some reminders, some after it; calls and letters around
# them; 1 % of the rows appended late, out of date order) and ar.ini
# ([ctos] list_written_off = no, the rest the defaults).  Regenerated when
# gen-items.c, this script or the size changes.  The peers (pandas, DuckDB
# through @duckdb/node-api, as bench/run.sh finds them) are written into
# the same folder from this script.  Prints the figures; does not write
# bench/RESULTS.md.  Exit 1 when a tool fails or disagrees with ar-ctos.
set -u

cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
CC=${CC:-cc}
AR=$BUILD/bin/ar-ctos
PY=/usr/bin/python3   # Debian's: the one that sees python3-pandas
TIME=/usr/bin/time
ROWS=${BENCH_CTOS_ROWS:-1000000}
CUSTOMERS=$((ROWS / 20))
RUNS=${BENCH_RUNS:-3}
PROFILE=${BENCH_CTOS_PROFILE:-0}
TIMEOUT=${BENCH_TIMEOUT:-1800}
AS_OF=2026-11-30
# The policy, as written into ar.ini and handed to every peer.
DEFAULT_TERMS=30      # [aging] default_terms_days
MIN_AMOUNT=150.00     # [ctos] min_amount
MIN_DAYS=60           # [ctos] min_days
NOTICE_DAYS=14        # [ctos] notice_days
LIST_WRITTEN_OFF=no   # [ctos] list_written_off
POLICY="$AS_OF $DEFAULT_TERMS $MIN_AMOUNT $MIN_DAYS $NOTICE_DAYS $LIST_WRITTEN_OFF"
D=bench/data/ctos-$ROWS
UPDATE_COLS=action,debtor_type,name,id_new,id_old,customer,doc_no,doc_date,due_date,currency,original_amount,outstanding,days_past_due,last_payment_date,notice_date,notice_ref,listing_date,reason
NL_COLS=customer,name,reason,outstanding,currency,oldest_due_date,days_past_due,notice_date

die() { echo "bench: $*" >&2; exit 1; }

[ "$CUSTOMERS" -ge 100 ] || die "BENCH_CTOS_ROWS=$ROWS is too small (at least 2000)"
[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
[ -x "$PY" ] || die "$PY missing"
[ -x "$AR" ] || die "$AR missing: make BUILD=$BUILD"
command -v "$CC" >/dev/null || die "no C compiler ($CC)"
mkdir -p "$D" || exit 1

$CC -std=c17 -Wall -Wextra -Wpedantic -O2 -o "$D/minimal-ctos" bench/minimal-ctos.c || die "cannot build bench/minimal-ctos.c"

# ---- the data -----------------------------------------------------------------
stamp="$(cat bench/gen-items.c bench/run-ctos.sh | cksum | cut -d' ' -f1) $ROWS"
if [ ! -s "$D/items.csv" ] || [ "$(cat "$D/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $ROWS items, $CUSTOMERS customers into $D ..."
	rm -f "$D/stamp"
	$CC -std=c17 -O2 -o "$D/gen-items" bench/gen-items.c || die "cannot build bench/gen-items.c"
	"$D/gen-items" "$ROWS" "$CUSTOMERS" > "$D/items-gen.csv" || die "gen-items failed"
	"$PY" - "$D" "$AS_OF" "$DEFAULT_TERMS" "$MIN_AMOUNT" "$MIN_DAYS" "$NOTICE_DAYS" \
		"$LIST_WRITTEN_OFF" <<'EOF' || die "cannot generate the items, customers and journal"
import csv, datetime, random, sys
d, as_of_s, default_terms, min_amount, min_days, notice_days, list_wo = sys.argv[1:8]
rnd = random.Random(16)
day = datetime.date.fromisoformat
as_of = day(as_of_s)
ids, names = [], {}
# gen-items writes INV and CN in MYR, TWD and USD.  The bureau counts one
# currency: all MYR here but 2 % USD, which ar-ctos counts and leaves out.
with open(d + "/items-gen.csv", newline="") as f, open(d + "/items.csv.tmp", "w", newline="") as g:
    r = csv.reader(f)
    w = csv.writer(g, lineterminator="\n")
    next(r)
    w.writerow(["customer", "name", "doc_no", "doc_type", "doc_date", "due_date", "currency",
                "amount", "dispute"])
    for cust, name, doc_no, typ, doc_date, due, cur, amount in r:
        if cust not in names:
            ids.append(cust)
            names[cust] = name
        cur = "USD" if rnd.random() < 0.02 else "MYR"
        dispute, second = "", None
        if typ == "CN":
            if rnd.random() < 0.40:         # an unapplied payment: a credit like a CN
                typ, doc_no, due = "PAY", "PY" + doc_no[2:], ""
        else:
            x = rnd.random()
            if x < 0.01:
                dispute = "quality"
            elif x < 0.02:
                dispute = "pricing"
            if rnd.random() < 0.03:
                due = ""                    # due doc_date + the customer's terms_days
            if rnd.random() < 0.005:        # an instalment: a second line of the document
                second = [cust, name, doc_no, typ, doc_date,
                          (day(doc_date) + datetime.timedelta(90)).isoformat(), cur, amount,
                          "quality" if rnd.random() < 0.1 else ""]
        w.writerow([cust, name, doc_no, typ, doc_date, due, cur, amount, dispute])
        if second:
            w.writerow(second)
# The master: SSM's new form, entity type 01 (company) mostly, 03 (business)
# and 04 (LLP) some; 2 % of the ids invalid in one of five ways; 1 %
# written_off; 0.1 % of the customers not in it at all.
missing = set(rnd.sample(ids, max(1, len(ids) // 1000)))
with open(d + "/customers.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["customer", "name", "reg_no", "id_type", "status", "terms_days", "country"])
    for i, c in enumerate(ids):
        if c in missing:
            continue
        x = rnd.random()
        reg_no = "%04d%s%06d" % (rnd.randrange(1960, 2026),
                                 "01" if x < 0.90 else "03" if x < 0.97 else "04", i + 1)
        id_type = "ssm"
        if rnd.random() < 0.02:
            k = rnd.randrange(5)
            if k == 0:
                reg_no = ""
            elif k == 1:
                reg_no = reg_no[:4] + "09" + reg_no[6:]     # no such entity type
            elif k == 2:
                reg_no = reg_no[:11]                        # a digit short
            elif k == 3:
                reg_no = "1700" + reg_no[4:]                # year out of 1800..2100
            else:
                id_type = "ssn"                             # not an id_type
        status = "written_off" if rnd.random() < 0.01 else "active"
        terms = rnd.choice(["30", "60", "90"]) if rnd.random() < 0.9 else ""
        w.writerow([c, names[c], reg_no, id_type, status, terms, "MY"])
# The journal: a notice of intended listing for 60 % of the customers, dated
# over the half year before the as-of date, one in five within notice_days
# of it (notice_too_recent); 15 % of them a reminder later, and 1 % of the
# customers a notice after the as-of date (not yet known).  No customer has
# two notices on one day (the peers in SQL take the latest by date alone).
rows = []
first, cut = day("2026-05-01"), as_of - datetime.timedelta(int(notice_days))
ref = 0
def notice(c, when):
    global ref
    ref += 1
    rows.append([when.isoformat(), c, "ctos_notice", "", "", "", "", "", "post",
                 "CTOS/%06d" % ref, "aminah", "notice of intended listing"])
for c in ids:
    if rnd.random() < 0.60:
        if rnd.random() < 0.80:
            when = first + datetime.timedelta(rnd.randrange((cut - first).days + 1))
        else:
            when = cut + datetime.timedelta(1 + rnd.randrange(int(notice_days)))
        notice(c, when)
        if rnd.random() < 0.15:
            notice(c, when + datetime.timedelta(rnd.randrange(7, 60)))
    if rnd.random() < 0.01:
        notice(c, as_of + datetime.timedelta(1 + rnd.randrange(20)))
    for k in range(rnd.randrange(4) if rnd.random() < 0.4 else 0):
        when = (first + datetime.timedelta(rnd.randrange((as_of - first).days + 1))).isoformat()
        if rnd.random() < 0.5:
            rows.append([when, c, "letter", str(k + 1), "", "", "MYR", "", "post", "L-%d" % k,
                         "tan", ""])
        else:
            rows.append([when, c, "call", "", "", "", "", "", "phone", "", "tan",
                         'left a message, "call back"'])
rnd.shuffle(rows)
rows.sort(key=lambda x: x[0])
late = [i for i in range(len(rows)) if rnd.random() < 0.01]
rows = [x for i, x in enumerate(rows) if i not in set(late)] + [rows[i] for i in late]
with open(d + "/journal.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["date", "customer", "action", "level", "doc_no", "amount", "currency", "due",
                "channel", "ref", "user", "note"])
    w.writerows(rows)
with open(d + "/ar.ini", "w") as f:
    f.write("[company]\nname = Nusantara Industrial Supplies Berhad\n"
            "reg_no = 199901012345 (481234-K)\n"
            "[aging]\ndefault_terms_days = %s\n"
            "[ctos]\nmin_amount = %s\nmin_days = %s\nnotice_days = %s\nlist_written_off = %s\n"
            % (default_terms, min_amount, min_days, notice_days, list_wo))
EOF
	mv "$D/items.csv.tmp" "$D/items.csv" || die "cannot move the items"
	rm -f "$D/items-gen.csv"
	echo "$stamp" > "$D/stamp"
fi

# ---- the peers, written from here so that this script is the whole bench ---------
cat > "$D/ctos-pandas.py" <<'EOF'
# ctos-pandas.py AS_OF DEFAULT_TERMS MIN_AMOUNT MIN_DAYS NOTICE_DAYS LIST_WRITTEN_OFF
#     customers.csv journal.csv items.csv update.csv not-listed.csv
# ar-ctos's first month (no state: every listing NEW) as a pandas user would
# write it: read_csv, the rules of lib/ar/ctos.h as vectorised columns in
# integer cents (the amount read as a float and rounded to cents: exact for
# 2 decimals), the credits taken off the oldest items by a cumulative sum
# per customer, np.select for the first reason that fails.  The registration
# number is checked for what this data holds: id_type ssm, SSM's new form.
import sys
from decimal import Decimal

import numpy as np
import pandas as pd

(as_of_s, default_terms, min_amount, min_days, notice_days, list_wo, customers_path,
 journal_path, items_path, update_path, nl_path) = sys.argv[1:12]
as_of = pd.Timestamp(as_of_s)
default_terms, min_days, notice_days = int(default_terms), int(min_days), int(notice_days)
min_cents = int(Decimal(min_amount) * 100)

cust = pd.read_csv(customers_path, dtype=str, keep_default_na=False).set_index("customer")
items = pd.read_csv(items_path, usecols=["customer", "doc_no", "doc_type", "doc_date", "due_date",
                                         "currency", "amount", "dispute"],
                    dtype={"customer": str, "doc_no": str, "doc_type": str, "doc_date": str,
                           "due_date": str, "currency": str, "amount": float, "dispute": str},
                    keep_default_na=False)
it = items[items["currency"] == "MYR"]
who = it["customer"]
cents = (it["amount"] * 100).round().astype("int64")
terms = who.map(cust["terms_days"]).fillna("")
terms = terms.where(terms != "", str(default_terms)).astype("int64")
doc = pd.to_datetime(it["doc_date"], format="%Y-%m-%d")
due = pd.to_datetime(it["due_date"], format="%Y-%m-%d", errors="coerce")
due = due.fillna(doc + pd.to_timedelta(terms.where(cents > 0, 0), unit="D"))
past_due = (cents > 0) & (due < as_of)
disputed = it["dispute"] != ""
pay = (it["doc_type"] == "PAY") & (doc <= as_of)

# The lines of one document are one item: summed, due the earliest line's day.
lines = pd.DataFrame({"customer": who, "doc_no": it["doc_no"], "doc": doc, "due": due,
                      "cents": cents})[past_due & ~disputed]
docs = (lines.sort_values(["customer", "doc_no", "due"])
        .groupby(["customer", "doc_no"], sort=False)
        .agg(doc=("doc", "first"), due=("due", "first"), cents=("cents", "sum")).reset_index()
        .sort_values(["customer", "due", "doc", "doc_no"]))
credits = (-cents).clip(lower=0).groupby(who).sum()
before = docs.groupby("customer", sort=False)["cents"].cumsum() - docs["cents"]
take = (docs["customer"].map(credits) - before).clip(lower=0)
docs["out"] = docs["cents"] - np.minimum(take, docs["cents"])
kept = docs[docs["out"] > 0]
g = kept.groupby("customer", sort=False)

t = pd.DataFrame(index=pd.Index(np.sort(who.unique()), name="customer"))
t["outstanding"] = g["out"].sum()
t["n"] = g["out"].size()
t["oldest"] = g["due"].first()
t["outstanding"] = t["outstanding"].fillna(0).astype("int64")
t["n"] = t["n"].fillna(0).astype("int64")
t["disputed"] = (past_due & disputed).groupby(who).any()
t["last_pay"] = doc[pay].groupby(who[pay]).max()

j = pd.read_csv(journal_path, usecols=["date", "customer", "action", "ref"], dtype=str,
                keep_default_na=False)
j["line"] = np.arange(len(j))
j = j[j["action"] == "ctos_notice"].copy()
j["d"] = pd.to_datetime(j["date"], format="%Y-%m-%d")
j = j[j["d"] <= as_of]
t["notice_latest"] = j.groupby("customer")["d"].max()
last = (j[j["d"] <= as_of - pd.Timedelta(days=notice_days)].sort_values(["d", "line"])
        .groupby("customer").last())
t["notice_date"] = last["d"]
t["notice_ref"] = last["ref"]

m = cust.reindex(t.index)
name = m["name"].fillna("")
reg = m["reg_no"].fillna("").str.strip(" \t\r\n")
valid = (t.index.isin(cust.index) & (m["id_type"] == "ssm") &
         reg.str.fullmatch(r"\d{4}0[1-6]\d{6}") &
         pd.to_numeric(reg.str[:4], errors="coerce").between(1800, 2100))
n0 = t["n"] == 0
reason = np.select(
    [n0 & t["disputed"].fillna(False).astype(bool), n0,
     (m["status"] == "written_off") & (list_wo != "yes"),
     t["outstanding"] < min_cents,
     (as_of - t["oldest"]).dt.days < min_days,
     t["notice_latest"].isna(), t["notice_date"].isna(), ~valid],
    ["dispute", "not_overdue", "written_off", "below_minimum", "too_recent", "no_notice",
     "notice_too_recent", "invalid_id"], "")
t["reason"] = reason

def money(s):
    a = s.abs()
    return np.where(s < 0, "-", "") + (a // 100).astype(str) + "." + (a % 100).astype(str).str.zfill(2)

def iso(s):
    return s.dt.strftime("%Y-%m-%d").fillna("")

u = kept[kept["customer"].map(t["reason"]) == ""]
c = u["customer"]
tt = reg.str[4:6]
holder = np.where(tt.isin(["01", "02"]), "company", np.where(tt == "03", "business", "llp"))
update = pd.DataFrame({
    "action": "NEW", "debtor_type": c.map(pd.Series(holder, index=t.index)), "name": c.map(name),
    "id_new": c.map(reg), "id_old": "", "customer": c, "doc_no": u["doc_no"],
    "doc_date": iso(u["doc"]), "due_date": iso(u["due"]), "currency": "MYR",
    "original_amount": money(u["out"]), "outstanding": money(u["out"]),
    "days_past_due": (as_of - u["due"]).dt.days, "last_payment_date": c.map(iso(t["last_pay"])),
    "notice_date": c.map(iso(t["notice_date"])), "notice_ref": c.map(t["notice_ref"]),
    "listing_date": as_of_s, "reason": ""})
update.to_csv(update_path, index=False)

nl = t[t["reason"] != ""]
days = (as_of - nl["oldest"]).dt.days
pd.DataFrame({
    "customer": nl.index, "name": name[nl.index], "reason": nl["reason"],
    "outstanding": money(nl["outstanding"]), "currency": "MYR", "oldest_due_date": iso(nl["oldest"]),
    "days_past_due": np.where(days.isna(), "", days.fillna(0).astype("int64").astype(str)),
    "notice_date": iso(nl["notice_latest"])}).to_csv(nl_path, index=False)
EOF

cat > "$D/ctos-duckdb.mjs" <<'EOF'
// ctos-duckdb.mjs AS_OF DEFAULT_TERMS MIN_AMOUNT MIN_DAYS NOTICE_DAYS LIST_WRITTEN_OFF
//     customers.csv journal.csv items.csv update.csv not-listed.csv
// ar-ctos's first month (no state: every listing NEW) in DuckDB SQL (npm
// @duckdb/node-api, found in bench/node_modules as bench/run.sh installs
// it): the amount read as DECIMAL(18,2) and held in BIGINT cents, the
// credits taken off the oldest items by a window sum, one CASE for the
// first reason that fails, COPY writes both CSVs.  All cores.
import { DuckDBInstance } from '@duckdb/node-api';

const [asOf, defaultTerms, minAmount, minDays, noticeDays, listWrittenOff, customers, journal,
  items, update, notListed] = process.argv.slice(2);
if (!notListed) {
  console.error('usage: node ctos-duckdb.mjs AS_OF DEFAULT_TERMS MIN_AMOUNT MIN_DAYS NOTICE_DAYS ' +
    'LIST_WRITTEN_OFF customers.csv journal.csv items.csv update.csv not-listed.csv');
  process.exit(64);
}
const q = (s) => `'${s.replaceAll("'", "''")}'`;
const money = (x) => `printf('%s%d.%02d', CASE WHEN (${x}) < 0 THEN '-' ELSE '' END,
  abs(${x}) // 100, abs(${x}) % 100)`;
const day = `DATE ${q(asOf)}`;

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run(`
CREATE TEMP TABLE master AS
  SELECT * FROM read_csv(${q(customers)}, header = true, all_varchar = true);
CREATE TEMP TABLE lines AS
  SELECT i.customer, i.doc_no, i.doc_type, i.doc_date,
         coalesce(i.due_date, CASE WHEN i.amount > 0
                                   THEN i.doc_date + coalesce(CAST(m.terms_days AS INTEGER),
                                                              ${Number(defaultTerms)})
                                   ELSE i.doc_date END) AS due,
         CAST(i.amount * 100 AS BIGINT) AS cents, i.dispute IS NOT NULL AS disputed
  FROM read_csv(${q(items)}, header = true,
                columns = {'customer': 'VARCHAR', 'name': 'VARCHAR', 'doc_no': 'VARCHAR',
                           'doc_type': 'VARCHAR', 'doc_date': 'DATE', 'due_date': 'DATE',
                           'currency': 'VARCHAR', 'amount': 'DECIMAL(18,2)',
                           'dispute': 'VARCHAR'}) i
  LEFT JOIN master m USING (customer)
  WHERE i.currency = 'MYR';
CREATE TEMP TABLE kept AS
  WITH docs AS (
    -- the lines of one document are one item, due the earliest line's day
    SELECT customer, doc_no, arg_min(doc_date, due) AS doc_date, min(due) AS due,
           sum(cents) AS cents
    FROM lines WHERE cents > 0 AND due < ${day} AND NOT disputed
    GROUP BY customer, doc_no
  ), credits AS (
    SELECT customer, sum(CASE WHEN cents <= 0 THEN -cents ELSE 0 END) AS credits
    FROM lines GROUP BY customer
  ), applied AS (
    SELECT d.*, cents - least(greatest(c.credits - (sum(cents) OVER (PARTITION BY customer
             ORDER BY due, doc_date, doc_no ROWS UNBOUNDED PRECEDING) - cents), 0), cents) AS out
    FROM docs d JOIN credits c USING (customer)
  )
  SELECT * FROM applied WHERE out > 0;
CREATE TEMP TABLE decided AS
  WITH tally AS (
    SELECT customer, bool_or(cents > 0 AND due < ${day} AND disputed) AS disputed,
           max(CASE WHEN doc_type = 'PAY' AND doc_date <= ${day} THEN doc_date END) AS last_pay
    FROM lines GROUP BY customer
  ), listing AS (
    SELECT customer, sum(out) AS outstanding, count(*) AS n, min(due) AS oldest
    FROM kept GROUP BY customer
  ), notices AS (
    SELECT customer, max(d) AS notice_latest,
           max(d) FILTER (WHERE d <= ${day} - ${Number(noticeDays)}) AS notice_date,
           arg_max(ref, d) FILTER (WHERE d <= ${day} - ${Number(noticeDays)}) AS notice_ref
    FROM (SELECT customer, CAST(date AS DATE) AS d, coalesce(ref, '') AS ref
          FROM read_csv(${q(journal)}, header = true, all_varchar = true)
          WHERE action = 'ctos_notice')
    WHERE d <= ${day}
    GROUP BY customer
  ), facts AS (
    SELECT t.customer, t.disputed, t.last_pay, coalesce(l.outstanding, 0) AS outstanding,
           coalesce(l.n, 0) AS n, l.oldest, n.notice_latest, n.notice_date, n.notice_ref,
           coalesce(m.name, '') AS name, m.status,
           trim(coalesce(m.reg_no, ''), ' \t\r\n') AS reg,
           m.customer IS NOT NULL AND coalesce(m.id_type, '') = 'ssm' AND
           regexp_full_match(trim(coalesce(m.reg_no, ''), ' \t\r\n'), '[0-9]{4}0[1-6][0-9]{6}') AND
           CAST(substr(trim(coalesce(m.reg_no, '0'), ' \t\r\n'), 1, 4) AS INTEGER)
             BETWEEN 1800 AND 2100 AS valid
    FROM tally t LEFT JOIN listing l USING (customer) LEFT JOIN notices n USING (customer)
         LEFT JOIN master m USING (customer)
  )
  SELECT *,
         CASE WHEN n = 0 AND disputed THEN 'dispute'
              WHEN n = 0 THEN 'not_overdue'
              WHEN status = 'written_off' AND ${q(listWrittenOff)} <> 'yes' THEN 'written_off'
              WHEN outstanding < CAST(CAST(${q(minAmount)} AS DECIMAL(18,2)) * 100 AS BIGINT)
                THEN 'below_minimum'
              WHEN date_diff('day', oldest, ${day}) < ${Number(minDays)} THEN 'too_recent'
              WHEN notice_latest IS NULL THEN 'no_notice'
              WHEN notice_date IS NULL THEN 'notice_too_recent'
              WHEN NOT valid THEN 'invalid_id'
              ELSE '' END AS reason
  FROM facts;
COPY (
  SELECT 'NEW' AS action,
         CASE WHEN substr(f.reg, 5, 2) IN ('01', '02') THEN 'company'
              WHEN substr(f.reg, 5, 2) = '03' THEN 'business' ELSE 'llp' END AS debtor_type,
         f.name, f.reg AS id_new, '' AS id_old, k.customer, k.doc_no, k.doc_date,
         k.due AS due_date, 'MYR' AS currency, ${money('k.out')} AS original_amount,
         ${money('k.out')} AS outstanding, date_diff('day', k.due, ${day}) AS days_past_due,
         f.last_pay AS last_payment_date, f.notice_date, f.notice_ref,
         ${day} AS listing_date, '' AS reason
  FROM kept k JOIN decided f USING (customer)
  WHERE f.reason = ''
  ORDER BY k.customer, k.due, k.doc_date, k.doc_no
) TO ${q(update)} (HEADER, DELIMITER ',');
COPY (
  SELECT customer, name, reason, ${money('outstanding')} AS outstanding, 'MYR' AS currency,
         oldest AS oldest_due_date, date_diff('day', oldest, ${day}) AS days_past_due,
         notice_latest AS notice_date
  FROM decided WHERE reason <> ''
  ORDER BY customer
) TO ${q(notListed)} (HEADER, DELIMITER ',');`);
con.closeSync?.();
EOF

# ---- which peers run -------------------------------------------------------------
. bench/peers.sh
find_peers

model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
echo "== artools bench: ar-ctos first month (no state), $ROWS items, $CUSTOMERS customers, as of $AS_OF"
echo "machine: $(nproc) x ${model:-unknown CPU}, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "data: $D ($(awk -v b="$(wc -c < "$D/items.csv")" 'BEGIN { printf "%.0f", b / 1e6 }') MB of items); doc_type:" \
	"$(grep -o ',\(INV\|CN\|PAY\),' "$D/items.csv" | sort | uniq -c |
		awk '{ gsub(",", "", $2); printf "%s%s %d", sep, $2, $1; sep = ", " }');" \
	"USD $(grep -c ',USD,' "$D/items.csv"), disputed $(grep -c ',\(quality\|pricing\)$' "$D/items.csv")"
echo "      $(($(wc -l < "$D/customers.csv") - 1)) customers in the master," \
	"$(grep -c ',written_off,' "$D/customers.csv") written_off;" \
	"journal $(($(wc -l < "$D/journal.csv") - 1)) rows, $(grep -c ',ctos_notice,' "$D/journal.csv") ctos_notice"
echo "versions: $("$AR" --version 2>&1 | head -1) ($AR); minimal-ctos $($CC --version | head -1) -O2"
[ -z "$skip_pandas" ] && echo "          $ver_pandas"
[ -z "$skip_duckdb" ] && echo "          $ver_duckdb"

export AR_CONFIG="$D/ar.ini"
unset AR_TEMPLATES
cat "$D/items.csv" "$D/customers.csv" "$D/journal.csv" > /dev/null   # every tool reads from the page cache
status=0
STATE="$D/state-absent.csv"   # never created: no --commit
rm -f "$STATE"

# normal NAME: its two outputs normalised (bench/normalize-rows.py keeps the
# row order: both files have one order, by customer, then oldest first).
normal() {
	"$PY" bench/normalize-rows.py "$D/out-$1.csv" "$UPDATE_COLS" original_amount,outstanding \
		> "$D/norm-$1.csv" 2> "$D/norm-$1.err" &&
	"$PY" bench/normalize-rows.py "$D/out-$1-nl.csv" "$NL_COLS" outstanding \
		> "$D/norm-$1-nl.csv" 2>> "$D/norm-$1.err"
}

# check NAME: its update and not-listed rows against ar-ctos's
check() {
	if ! normal "$1"; then
		echo "  output unreadable: $(tail -1 "$D/norm-$1.err")"
		status=1
		return
	fi
	verdict=''
	for f in '' -nl; do
		what=$([ -z "$f" ] && echo update.csv || echo not-listed)
		if cmp -s "$D/norm-ar-ctos$f.csv" "$D/norm-$1$f.csv"; then
			verdict="$verdict${verdict:+, }$what agrees ($(($(wc -l < "$D/norm-$1$f.csv") - 1)) rows)"
		else
			verdict="$verdict${verdict:+, }$what DISAGREES"
			diff "$D/norm-ar-ctos$f.csv" "$D/norm-$1$f.csv" > "$D/diff-$1$f.txt"
			status=1
		fi
	done
	echo "  $verdict"
	for f in '' -nl; do
		[ -s "$D/diff-$1$f.txt" ] || continue
		echo "        $(grep -c '^<' "$D/diff-$1$f.txt") of ar-ctos's rows differ; the first" \
			"($D/diff-$1$f.txt; < ar-ctos, > $1):"
		head -6 "$D/diff-$1$f.txt" | sed 's/^/        /'
	done
}

echo
echo "-- ar-ctos --state (absent) -o update.csv --not-listed nl.csv, and its peers"
rm -f "$D"/diff-*.txt
if timed ar-ctos /dev/null "$RUNS" "$AR" --as-of "$AS_OF" --customers "$D/customers.csv" \
	--journal "$D/journal.csv" --state "$STATE" -o "$D/out-ar-ctos.csv" \
	--not-listed "$D/out-ar-ctos-nl.csv" "$D/items.csv"; then
	[ ! -e "$STATE" ] || die "ar-ctos created the state file $STATE without --commit"
	normal ar-ctos || die "ar-ctos's outputs do not read: $(tail -1 "$D/norm-ar-ctos.err")"
	echo "  reference ($(($(wc -l < "$D/out-ar-ctos.csv") - 1)) update rows," \
		"$(($(wc -l < "$D/out-ar-ctos-nl.csv") - 1)) not listed)"
	grep '^ar-ctos: \(actions\|not listed\|[0-9]* items\)' "$D/err-ar-ctos.txt" | sed 's/^/        /'
	echo "        + $(grep -c 'is not listed:' "$D/err-ar-ctos.txt") lines naming an invalid id"
else
	die "ar-ctos failed: see $D/err-ar-ctos.txt"
fi
# shellcheck disable=SC2086 # $POLICY: six words, split on purpose (likewise below)
timed minimal-ctos /dev/null "$RUNS" "$D/minimal-ctos" $POLICY "$D/customers.csv" \
	"$D/journal.csv" "$D/items.csv" "$D/out-minimal-ctos.csv" "$D/out-minimal-ctos-nl.csv" &&
	check minimal-ctos
if [ -n "$skip_pandas" ]; then
	echo "   pandas         skipped: $skip_pandas"
else
	# shellcheck disable=SC2086
	timed pandas /dev/null "$RUNS" "$PY" "$D/ctos-pandas.py" $POLICY "$D/customers.csv" \
		"$D/journal.csv" "$D/items.csv" "$D/out-pandas.csv" "$D/out-pandas-nl.csv" && check pandas
fi
if [ -n "$skip_duckdb" ]; then
	echo "   duckdb         skipped: $skip_duckdb"
else
	rm -f "$D/out-duckdb.csv" "$D/out-duckdb-nl.csv"
	# shellcheck disable=SC2086
	timed duckdb /dev/null "$RUNS" node "$D/ctos-duckdb.mjs" $POLICY \
		"$D/customers.csv" "$D/journal.csv" "$D/items.csv" "$D/out-duckdb.csv" \
		"$D/out-duckdb-nl.csv" && check duckdb
fi

echo "   ratios: ar-ctos / minimal-ctos $(ratio "${sec_ar_ctos:-}" "${sec_minimal_ctos:-}")," \
	"ar-ctos / pandas $(ratio "${sec_ar_ctos:-}" "${sec_pandas:-}")," \
	"ar-ctos / DuckDB $(ratio "${sec_ar_ctos:-}" "${sec_duckdb:-}")"
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$PROFILE" = 1 ]; then
	echo
	echo "-- perf record -g, ar-ctos"
	rm -f "$STATE"
	if ! command -v perf >/dev/null; then
		echo "   perf not installed (Debian package linux-perf)"
	elif perf record -g -o "$D/perf.data" -- "$AR" --as-of "$AS_OF" --customers "$D/customers.csv" \
		--journal "$D/journal.csv" --state "$STATE" -o "$D/perf-update.csv" \
		--not-listed "$D/perf-nl.csv" "$D/items.csv" > /dev/null 2> "$D/perf-record.txt"; then
		perf report -i "$D/perf.data" --stdio 2>/dev/null | head -60 > "$D/perf-children.txt"
		perf report -i "$D/perf.data" --stdio --no-children --percent-limit 1 -g none \
			2>/dev/null | grep -v '^$\|^#' | head -40 > "$D/perf-self.txt"
		sed 's/^/   /' "$D/perf-self.txt"
		echo "   (with callers: $D/perf-children.txt)"
	else
		echo "   perf record failed: $(tail -1 "$D/perf-record.txt")"
	fi
fi
[ $status = 0 ] || echo "bench: a tool failed or disagreed with ar-ctos" >&2
exit $status
