#!/bin/sh
# bench/run-recon.sh - the reconciliation benchmark (issue 19): ar-recon of
# one large customer (a hypermarket chain) with 200k of our open items
# (invoices, credit notes, receipts on account, adjustments; a few invoices
# of two items; some in USD) and the creditor ledger it keeps of us (about
# 190k lines, AutoCount-like: a title before the header, Debit and Credit
# with thousands separators, dates DD/MM/YYYY, a Total line): most of our
# numbers behind its vendor code (NIS-IV-0500123, NIS IV0500123), some under
# its own voucher citing ours in Ref No, some amounts booked short, our
# recent invoices not yet booked, some of its lines not ours, a few booked
# twice or with a mistyped number, its payments matched by amount and date
# or in transit, its deductions (listing fees, display rental).  Against
# what a user would pick instead (pandas: merges on the normalised doc_no)
# and against bench/minimal-recon.c, the floor (fgets, a split, hash
# tables, integers, qsort).  Each peer writes the same recon.csv, checked
# against ar-recon's byte for byte.
#
#   sh bench/run-recon.sh                          200,000 of our items
#   BENCH_RECON_ROWS=20000 sh bench/run-recon.sh   a smaller run
#
# Environment: BUILD (default build), CC, BENCH_RUNS (default 3),
# BENCH_TIMEOUT (default 1800).  Data goes to bench/data/recon-ROWS/,
# made by the seeded Python below when this script or the size changes.
# Prints the figures; does not write bench/RESULTS.md.  Exit 1 when a tool
# fails or disagrees with ar-recon.
set -u

cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
CC=${CC:-cc}
AR=$BUILD/bin/ar-recon
PY=/usr/bin/python3
TIME=/usr/bin/time
ROWS=${BENCH_RECON_ROWS:-200000}
RUNS=${BENCH_RUNS:-3}
TIMEOUT=${BENCH_TIMEOUT:-1800}
D=bench/data/recon-$ROWS
CUSTOMER=C100200
AS_OF=2026-11-30

die() { echo "bench: $*" >&2; exit 1; }

[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
[ -x "$PY" ] || die "$PY missing"
[ -x "$AR" ] || die "$AR missing: make BUILD=$BUILD"
mkdir -p "$D" || exit 1
$CC -std=c17 -Wall -Wextra -Wpedantic -O2 -o "$D/minimal-recon" bench/minimal-recon.c ||
	die "cannot build bench/minimal-recon.c"

stamp="$(cksum < bench/run-recon.sh | cut -d' ' -f1) $ROWS"
if [ "$(cat "$D/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $ROWS items and their ledger into $D ..."
	"$PY" - "$D" "$ROWS" <<'EOF' || die "cannot generate the data"
import datetime, random, sys
d, rows = sys.argv[1], int(sys.argv[2])
rnd = random.Random(19)
cust, name = "C100200", "Mega Mart Hypermarkets Sdn Bhd"
as_of = datetime.date(2026, 11, 30)
day0 = datetime.date(2025, 1, 1)
AS_OF = (as_of - day0).days
iso = [(day0 + datetime.timedelta(days=i)).isoformat() for i in range(AS_OF + 30)]
dmy = [(day0 + datetime.timedelta(days=i)).strftime("%d/%m/%Y") for i in range(AS_OF + 30)]
with open(d + "/ar.ini", "w") as f:
    f.write("[company]\nname = Bench Industrial Supplies Berhad\ndefault_currency = MYR\n\n"
            "[recon.megamart]\ndoc_no = Doc No\nreference = Ref No\ndate = Date\n"
            "debit = Debit\ncredit = Credit\ncurrency = Currency\ntype = Description\n"
            "date_format = %d/%m/%Y\ndoc_prefix = NIS-, NIS\n")

def money(c):
    return ("-" if c < 0 else "") + "%d.%02d" % divmod(abs(c), 100)

def thousands(c):
    return '"{:,}.{:02d}"'.format(c // 100, c % 100) if c >= 100000 else "%d.%02d" % divmod(c, 100)

# our documents: date, kind, currency, amount (items: a few invoices of two)
ndocs = rows * 100 // 102
docs = []
for _ in range(ndocs):
    r = rnd.random()
    kind = "INV" if r < 0.945 else "CN" if r < 0.995 else "PAY" if r < 0.9955 else "ADJ"
    day = AS_OF - rnd.randint(0, 140) if rnd.random() < 0.97 else rnd.randint(0, AS_OF - 141)
    cur = "USD" if rnd.random() < 0.02 else "MYR"
    amount = {"INV": lambda: rnd.randint(5000, 300000), "CN": lambda: -rnd.randint(1000, 50000),
              "PAY": lambda: -rnd.randint(500000, 50000000), "ADJ": lambda: rnd.randint(1000, 50000)}[kind]()
    docs.append([day, kind, cur, amount])
docs.sort(key=lambda x: x[0])
series = {"INV": ["IV", 500000], "CN": ["CN", 20000], "PAY": ["OR", 100000], "ADJ": ["JV", 3000]}
with open(d + "/items.csv", "w") as f:
    f.write("customer,name,doc_no,doc_type,doc_date,due_date,currency,amount\n")
    for x in docs:
        s = series[x[1]]
        s[1] += 1
        x.append("%s-%07d" % (s[0], s[1]))
        day, kind, cur, amount, doc = x
        due = iso[min(day + 60, len(iso) - 1)] if kind in ("INV", "ADJ") else iso[day]
        parts = [amount]
        if kind == "INV" and rnd.random() < 0.02:
            a = rnd.randint(1, amount - 1)
            parts = [a, amount - a]
        for a in parts:
            f.write("%s,%s,%s,%s,%s,%s,%s,%s\n" % (cust, name, doc, kind, iso[day], due, cur, money(a)))

# their ledger: (day, order, Doc No, Description, Ref No, Currency, amount in our sign)
lines = []
def line(day, doc, desc, ref, cur, amount):
    lines.append((min(day, AS_OF), len(lines), doc, desc, ref, cur, amount))

voucher = {"PI": 778000, "DN": 40000, "PV": 120000}
def own(s):
    voucher[s] += 1
    return "%s-%06d" % (s, voucher[s])

for day, kind, cur, amount, doc in docs:
    booked = day + rnd.randint(0, 5)
    r = rnd.random()
    if kind == "INV":
        if r < 0.03 or (day > AS_OF - 10 and rnd.random() < 0.5):
            continue                                      # not booked yet: missing_theirs
        theirs = amount
        if rnd.random() < 0.04:                           # booked short (or over)
            theirs = amount - rnd.randint(1, amount // 5) if rnd.random() < 0.8 else amount + rnd.randint(1, 5000)
        num = doc[3:]
        s = rnd.random()
        if s < 0.80:
            their = rnd.choice(("NIS-IV-%s", "NIS-IV-%s", "NIS IV%s", "NISIV-%s", "IV-%s")) % num
            line(booked, their, "Invoice", "", cur, theirs)
        elif s < 0.92:
            line(booked, own("PI"), "Invoice", doc, cur, theirs)
        elif s < 0.925:                                   # mistyped: 05xxxxx as 09xxxxx
            line(booked, "NIS-IV-09" + num[2:], "Invoice", "", cur, theirs)
        else:
            line(booked, "NIS-IV-%s" % num, "Invoice", "", cur, theirs)
        if rnd.random() < 0.003:                          # booked twice
            line(booked + rnd.randint(1, 20), "NIS-IV-%s" % num, "Invoice", "", cur, theirs)
    elif kind == "CN":
        if r < 0.70:
            line(booked, "NIS-" + doc, "Credit Note", "", cur, amount)
        elif r < 0.90:
            line(booked, own("DN"), "Debit Note", doc, cur, amount)
    elif kind == "PAY":
        if r < 0.70:                                      # their payment we hold on account
            line(day - rnd.randint(0, 3), own("PV"), rnd.choice(("Payment - IBG", "Payment - Cheque")),
                 "IBG 8%07d" % rnd.randint(0, 9999999), cur, amount)
    elif r < 0.20:
        line(booked, "NIS-" + doc, "Invoice", "", cur, amount)

for _ in range(ndocs * 12 // 1000):                       # theirs, not ours (we hold them paid)
    line(rnd.randint(AS_OF - 200, AS_OF), "NIS-IV-04%05d" % rnd.randint(0, 99999), "Invoice", "",
         "MYR", rnd.randint(5000, 300000))
for _ in range(max(2, ndocs // 50000)):                   # their payments in transit
    line(AS_OF - rnd.randint(0, 10), own("PV"), rnd.choice(("Payment - IBG", "Payment - Cheque")),
         "IBG 8%07d" % rnd.randint(0, 9999999), "MYR", -rnd.randint(50000000, 500000000))
for _ in range(ndocs * 10 // 1000):                       # their deductions
    desc, ref = rnd.choice((("Deduction - listing fee", "listing fee Q4"),
                            ("Deduction - display rental", "gondola end"),
                            ("Debit Note", "short delivery"), ("Purchase Return", "expired stock")))
    line(rnd.randint(AS_OF - 120, AS_OF), own("DN"), desc, ref, "MYR", -rnd.randint(50000, 2000000))

lines.sort()
with open(d + "/theirs.csv", "w") as f:
    f.write("MEGA MART HYPERMARKETS SDN BHD\nCreditor Ledger: V10023 Bench Industrial Supplies Berhad\n"
            "Period: 01/01/2025 to 30/11/2026\n\nDate,Doc No,Description,Ref No,Currency,Debit,Credit\n")
    dr = cr = 0
    for day, _, doc, desc, ref, cur, amount in lines:
        # a creditor ledger: what it owes us (our +) in Credit, its payments and notes in Debit
        if amount >= 0:
            cr += amount
            f.write("%s,%s,%s,%s,%s,,%s\n" % (dmy[day], doc, desc, ref, cur, thousands(amount)))
        else:
            dr -= amount
            f.write("%s,%s,%s,%s,%s,%s,\n" % (dmy[day], doc, desc, ref, cur, thousands(-amount)))
    f.write(",,Total,,,%s,%s\n" % (thousands(dr), thousands(cr)))
EOF
	echo "$stamp" > "$D/stamp"
fi

cat > "$D/recon-pandas.py" <<'EOF'
# recon.csv by merges on the normalised document number: pass 1 (doc_no,
# the first line of a key pairs), pass 2 (Ref No, same sign, the first line
# of a document pairs), pass 3 (amount and currency, dates 7 days apart,
# one partner each).  Written for this bench's data: one document per key,
# at most one number cited per Ref No (checked).
import re, sys
import numpy as np
import pandas as pd
items, theirs, customer, as_of = sys.argv[1:5]
PAYMENT = r"^\s*(?:PAY|PV|Payment|Payment Voucher|Cheque|CHQ|IBG|GIRO|DuitNow|TT|KZ)(?![A-Za-z0-9])"
DEDUCTION = r"^\s*(?:DN|Debit Note|Debit Advice|Deduction|Purchase Return|KG)(?![A-Za-z0-9])"
SKIP = r"^\s*(?:Total|Grand Total|Sub Total|Subtotal|Closing Balance|Balance C/F)(?![A-Za-z0-9])"
CLASSES = ["matched", "amount_differs", "missing_theirs", "missing_ours", "payment_in_transit",
           "credit_note_pending"]

def key(s):
    s = s.str.upper().str.replace(r"[\x00-\x1f \-/._#:]", "", regex=True)
    s = s.str.replace(r"^(?:INVOICE|INVOIS|INV|IV|NO|BIL)+(?=\d)", "", regex=True)
    s = s.str.replace(r"^([A-Z]*)0+(?=\d)", r"\1", regex=True)
    return s.where(s.str.len() < 32, "")

def cents(s):
    s = s.str.replace(",", "", regex=False)
    neg = s.str.startswith("-")
    w = s.str.lstrip("-").str.split(".", expand=True)
    c = w[0].replace("", "0").astype(np.int64) * 100 + w[1].fillna("0").str.ljust(2, "0").astype(np.int64)
    return np.where(neg, -c, c)

def money(v):
    v = v.astype(np.int64)
    a = v.abs()
    return pd.Series(np.where(v < 0, "-", ""), index=v.index) + (a // 100).astype(str) + "." + \
        (a % 100).astype(str).str.zfill(2)

it = pd.read_csv(items, dtype=str, keep_default_na=False,
                 usecols=["customer", "doc_no", "doc_type", "doc_date", "currency", "amount"])
it = it[it.customer == customer]
it["cents"] = cents(it.amount)
ours_bal = it.groupby("currency").cents.sum()
docs = it.groupby(["doc_no", "currency"], sort=False).agg(
    doc_type=("doc_type", "first"), date=("doc_date", "first"), amount=("cents", "sum")).reset_index()
docs["key"] = key(docs.doc_no)
if docs.duplicated(["currency", "key"]).any():
    sys.exit("two documents of one key: this peer does not do that")
docs["date"] = pd.to_datetime(docs.date)

with open(theirs, encoding="utf-8") as f:
    head = next(i for i, l in enumerate(f) if l.startswith("Date,Doc No,"))
t = pd.read_csv(theirs, dtype=str, keep_default_na=False, skiprows=head)
t["line"] = np.arange(len(t)) + head + 2
cells = t.drop(columns="line")
skip = t["Doc No"] == ""
skip[skip] = cells[skip].apply(lambda c: c.str.contains(SKIP, case=False)).any(axis=1)
t = t[~skip & (cells != "").any(axis=1)].copy()
t["currency"] = t.Currency.replace("", "MYR")
t["amount"] = np.where(t.Credit != "", cents(t.Credit), 0) - np.where(t.Debit != "", cents(t.Debit), 0)
t["date"] = pd.to_datetime(t.Date, format="%d/%m/%Y")
desc = t.Description
t["kind"] = np.where(desc.str.contains(PAYMENT, case=False), "P",
                     np.where(desc.str.contains(DEDUCTION, case=False), "D", "E"))
m = t["Doc No"]
m = m.where(~(m.str.upper().str.startswith("NIS-") & (m.str.len() > 4)), m.str[4:].str.lstrip(" \t"))
m = m.where(~(m.str.upper().str.startswith("NIS") & (m.str.len() > 3) & (m == t["Doc No"])),
            m.str[3:].str.lstrip(" \t"))
t["key"] = key(m)
t = t.reset_index(drop=True)
theirs_bal = t.groupby("currency").amount.sum()
t["pair"] = -1
t["basis"] = ""
t["twice"] = 0
docs["pair"] = -1
docs["di"] = np.arange(len(docs))
t["li"] = np.arange(len(t))

# 1. their doc_no: the first line of each key pairs; the later ones were booked twice
c = t[t.key != ""][["li", "line", "currency", "key"]].merge(docs[["currency", "key", "di"]])
first = c.drop_duplicates(["currency", "key"])
t.loc[first.li, "pair"] = first.di.to_numpy()
docs.loc[first.di, "pair"] = first.li.to_numpy()
later = c[~c.li.isin(first.li)].merge(first[["currency", "key", "line"]].rename(columns={"line": "by"}))
t.loc[later.li, "twice"] = later.by.to_numpy()

# 2. the number Ref No cites, a document of the same sign
tok = t[(t.pair < 0) & (t["Ref No"] != "")][["li", "Ref No", "currency", "amount"]]
tok = tok.assign(tok=tok["Ref No"].str.split()).explode("tok")
tok = tok[tok.tok.str.contains(r"\d", regex=True)]
if tok.li.duplicated().any():
    sys.exit("a reference that cites two numbers: this peer does not do that")
tok["key"] = key(tok.tok)
c = tok.merge(docs[docs.pair < 0][["currency", "key", "di", "amount"]], on=["currency", "key"],
              suffixes=("", "_doc"))
c = c[np.sign(c.amount) == np.sign(c.amount_doc)].sort_values("li").drop_duplicates("di")
t.loc[c.li, "pair"] = c.di.to_numpy()
t.loc[c.li, "basis"] = "ref"
docs.loc[c.di, "pair"] = c.li.to_numpy()

# 3. the same amount and currency, 7 days apart, one partner each
c = t[t.pair < 0][["li", "currency", "amount", "date"]].merge(
    docs[docs.pair < 0][["di", "currency", "amount", "date"]], on=["currency", "amount"],
    suffixes=("", "_doc"))
c = c[(c.date - c.date_doc).abs().dt.days <= 7]
c = c[c.groupby("li").di.transform("size").eq(1) & c.groupby("di").li.transform("size").eq(1)]
t.loc[c.li, "pair"] = c.di.to_numpy()
t.loc[c.li, "basis"] = "amount"
docs.loc[c.di, "pair"] = c.li.to_numpy()

# the rows: every document, and every line left alone
dp = docs.merge(t[["li", "Doc No", "Ref No", "amount", "line", "basis"]], how="left",
                left_on="pair", right_on="li", suffixes=("", "_t"))
has = dp.pair >= 0
diff = dp.amount - dp.amount_t.fillna(0).astype(np.int64)
by = pd.Series(np.select([dp.basis == "ref", dp.basis == "amount"],
                         ["by their reference", "by amount and date"], ""), index=dp.index)
dt = dp.doc_type
differs = by + np.where(by != "", "; ", "") + "they booked " + money(diff.abs()) + \
    np.where(diff > 0, " less", " more")
rows_d = pd.DataFrame({
    "cls": np.where(~has, 2, np.where(diff == 0, 0, 1)),
    "doc_no": dp.doc_no,
    "their_ref": np.where(~has, "", np.where(dp["Doc No"].fillna("") != "", dp["Doc No"], dp["Ref No"])),
    "date": dp.date, "currency": dp.currency,
    "ours": money(dp.amount), "theirs": money(dp.amount_t.fillna(0)).where(has, ""),
    "difference": money(diff),
    "note": np.where(~has, np.select(
        [(dt == "CN") | ((dt == "") & (dp.amount < 0)), dt == "PAY", dt == "ADJ"],
        ["our credit note, not in their ledger: send a copy",
         "a payment of theirs we hold, not in their ledger",
         "our adjustment, not in their ledger"], "not in their ledger: send a copy"),
        np.where(diff == 0, by, differs)),
    "line": dp.line.fillna(0).astype(np.int64),
})
lo = t[t.pair < 0]
transit = (lo.kind == "P") & (lo.amount < 0)
pending = ~transit & (lo.kind == "D") & (lo.amount < 0)
rows_t = pd.DataFrame({
    "cls": np.where(transit, 4, np.where(pending, 5, 3)),
    "doc_no": "", "their_ref": np.where(lo["Doc No"] != "", lo["Doc No"], lo["Ref No"]),
    "date": lo.date, "currency": lo.currency, "ours": "", "theirs": money(lo.amount),
    "difference": money(-lo.amount),
    "note": np.where(transit, "our bank not checked (no --payments)", np.where(pending,
        "their deduction, no credit note of ours: issue one or dispute it",
        np.where(lo.twice > 0, "not in our items; its document number is on their line " +
                 lo.twice.astype(str) + " too: booked twice?", "not in our items"))),
    "line": lo.line,
})
r = pd.concat([rows_d, rows_t]).sort_values(["currency", "cls", "date", "doc_no", "line", "their_ref"])
r["class"] = np.array(CLASSES)[r.cls]
r["date"] = r.date.dt.strftime("%Y-%m-%d")
out = r[["class", "doc_no", "their_ref", "date", "currency", "ours", "theirs", "difference", "note"]]
bal = pd.DataFrame({"ours": ours_bal, "theirs": theirs_bal}).fillna(0).astype(np.int64)
bal["difference"] = pd.concat([pd.Series(diff.to_numpy(), index=dp.currency.to_numpy()),
                               pd.Series((-lo.amount).to_numpy(), index=lo.currency.to_numpy())]
                              ).groupby(level=0).sum()
if (bal.ours - bal.theirs != bal.difference).any():
    sys.exit("does not tie out")
bal = bal.sort_index()
b = pd.DataFrame({"class": "BALANCE", "doc_no": "", "their_ref": "", "date": as_of,
                  "currency": bal.index, "ours": money(bal.ours), "theirs": money(bal.theirs),
                  "difference": money(bal.difference),
                  "note": "ours - theirs = the sum of the differences"})
pd.concat([out, b]).to_csv(sys.stdout, index=False, lineterminator="\n")
EOF

status=0
NAME_WIDTH=14
. bench/peers.sh
find_peers

cat "$D/items.csv" "$D/theirs.csv" > /dev/null   # every tool reads from the page cache
echo "ar-recon: customer $CUSTOMER, $(($(wc -l < "$D/items.csv") - 1)) of our items," \
	"$(($(wc -l < "$D/theirs.csv") - 6)) lines of theirs; load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$D/out-ar-recon.csv"
timed ar-recon /dev/null "$RUNS" env AR_CONFIG="$D/ar.ini" "$AR" --customer "$CUSTOMER" \
	--theirs "$D/theirs.csv" --profile megamart --as-of "$AS_OF" -o "$D/out-ar-recon.csv" \
	"$D/items.csv"
echo "  $(($(wc -l < "$D/out-ar-recon.csv") - 1)) rows"
sed 's/^/   ar-recon said: /' "$D/err-ar-recon.txt"
timed minimal-recon "$D/out-minimal-recon.csv" "$RUNS" "$D/minimal-recon" "$D/items.csv" \
	"$D/theirs.csv" "$CUSTOMER" "$AS_OF"
if cmp -s "$D/out-ar-recon.csv" "$D/out-minimal-recon.csv"; then echo "  agrees"; else echo "  DISAGREES"; status=1; fi
if [ -z "$skip_pandas" ]; then
	timed pandas "$D/out-pandas.csv" "$RUNS" "$PY" "$D/recon-pandas.py" "$D/items.csv" \
		"$D/theirs.csv" "$CUSTOMER" "$AS_OF"
	if cmp -s "$D/out-ar-recon.csv" "$D/out-pandas.csv"; then echo "  agrees"; else echo "  DISAGREES"; status=1; fi
else
	echo "   pandas skipped: $skip_pandas"
fi
echo "ar-recon / minimal C: $(ratio "${sec_ar_recon:-}" "${sec_minimal_recon:-}")" \
	"  ar-recon / pandas: $(ratio "${sec_ar_recon:-}" "${sec_pandas:-}")"
exit $status
