#!/bin/sh
# bench/run-soa.sh - the statements-of-account benchmark (issue 19): ar-soa
# --batch over a ledger extract of two years (1M items, open and cleared,
# with their clearing_date, of 50k customers, mostly MYR, some USD and
# TWD), the November statement (--from 2026-11-01 --as-of 2026-11-30) of
# every customer and currency with a balance, against what a user would
# pick instead (pandas) and against bench/minimal-soa.c, the floor (fgets,
# a split, a hash table, integers).  Each peer's summary (customer,
# currency, opening, debits, credits, closing, lines, pdf, csv, eml) is
# checked against ar-soa's byte for byte.
#
# ar-soa --batch always writes a PDF, a CSV and (with an address) an
# e-mail per statement: there is no summary-only run.  So the batch is
# kept realistic in size: of the 50k customers, about 2,000 have a balance
# at the as-of date (the others paid up in time: no statement), and
# ar-soa's time is its 1M-row read plus about 2,000 statements' documents,
# while pandas and the floor do the sums only.  The per-statement cost is
# printed, and so is ar-soa --customer of the batch's first customer on
# the same ledger: the read and the sums, with one statement's documents.
#
#   sh bench/run-soa.sh                          1,000,000 items, 2,000 statements' customers
#   BENCH_SOA_ROWS=100000 sh bench/run-soa.sh    a smaller ledger (customers = rows / 20)
#   BENCH_SOA_OPEN=500 sh bench/run-soa.sh       fewer customers with a balance
#
# Environment: BUILD (default build), CC, BENCH_RUNS (default 3),
# BENCH_TIMEOUT (default 1800).  Data goes to bench/data/soa-ROWS-OPEN/,
# made by the seeded Python below when this script or the sizes change;
# the statements to bench/data/soa-ROWS-OPEN/soa-out/ (each run replaces
# the last's).  Prints the figures; does not write bench/RESULTS.md.
# Exit 1 when a tool fails or disagrees with ar-soa.
set -u

cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
CC=${CC:-cc}
AR=$BUILD/bin/ar-soa
PY=/usr/bin/python3
TIME=/usr/bin/time
ROWS=${BENCH_SOA_ROWS:-1000000}
OPEN=${BENCH_SOA_OPEN:-2000}
RUNS=${BENCH_RUNS:-3}
TIMEOUT=${BENCH_TIMEOUT:-1800}
D=bench/data/soa-$ROWS-$OPEN
FROM=2026-11-01
AS_OF=2026-11-30

die() { echo "bench: $*" >&2; exit 1; }

[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
[ -x "$PY" ] || die "$PY missing"
[ -x "$AR" ] || die "$AR missing: make BUILD=$BUILD"
mkdir -p "$D" || exit 1
$CC -std=c17 -Wall -Wextra -Wpedantic -O2 -o "$D/minimal-soa" bench/minimal-soa.c ||
	die "cannot build bench/minimal-soa.c"

stamp="$(cksum < bench/run-soa.sh | cut -d' ' -f1) $ROWS $OPEN"
if [ "$(cat "$D/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating about $ROWS ledger items into $D ..."
	"$PY" - "$D" "$ROWS" "$OPEN" <<'EOF' || die "cannot generate the data"
# A ledger extract as SAP FBL5N "all items" gives it: per customer and
# currency, invoices from 2025-01-01 to 2026-12-05 (the last days after the
# as-of date), each group of one to three (with now and then a credit note
# and a bank-charge adjustment) cleared by one payment that nets it to
# zero, every item of the group with the payment's date as clearing_date.
# The customers with a balance at 2026-11-30 leave their recent invoices
# open (some paid after the as-of date, some part-paid on account); the
# others paid everything dated up to the as-of date by then.
import datetime, random, sys
d, rows, nopen = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(19)
ncust = max(100, rows // 20)
owing = set(rnd.sample(range(ncust), min(nopen, ncust)))
first, as_of, last = datetime.date(2025, 1, 1), datetime.date(2026, 11, 30), datetime.date(2026, 12, 5)
span = (last - first).days
day_text = [(first + datetime.timedelta(days=i)).isoformat() for i in range(span + 200)]
AS_OF = (as_of - first).days
LAST = span
with open(d + "/ar.ini", "w") as f:
    f.write("[company]\nname = Bench Industrial Supplies Berhad\nreg_no = 201901012345 (1234567-X)\n"
            "address = \"Lot 12, Jalan Perusahaan 3; 40150 Shah Alam; Selangor\"\n"
            "phone = 03-5511 2200\nemail = ar@bench.example\ntimezone = Asia/Kuala_Lumpur\n"
            "default_currency = MYR\nbank_name = Malayan Banking Berhad\n"
            "bank_account = 5140-1234-5678\nbank_swift = MBBEMYKL\njompay_biller = 88123\n")
first_words = ["Kedai", "Syarikat", "Perniagaan", "Hardware", "Trading", "Kilang", "Pasar Raya",
               "Jaya", "Maju", "Sinar", "Golden", "Evergreen", "Orchid", "Harmoni", "Bintang"]
second_words = ["Bina", "Makmur", "Sejahtera", "Hup Seng", "Ah Kow", "Lian Hin", "Cahaya",
                "Permai", "Utama", "Global", "Teknik", "Elektrik", "Logistik", "Murni"]
ends = ["Sdn. Bhd.", "Enterprise", "Trading", "Sdn. Bhd.", "Bhd.", "& Sons"]
towns = ["50000 Kuala Lumpur", "40150 Shah Alam", "10200 George Town", "80000 Johor Bahru",
         "30000 Ipoh", "93000 Kuching", "88000 Kota Kinabalu", "75000 Melaka"]
langs = ["en"] * 11 + ["ms"] * 5 + ["zh-Hans"] * 3 + ["zh-Hant"]
with open(d + "/customers.csv", "w") as f:
    f.write("customer,name,lang,email,address,ref1,terms_days\n")
    for c in range(ncust):
        email = "" if rnd.random() < 0.08 else "accounts@c%06d.example.my" % c
        f.write("C%06d,%s %s %s,%s,%s,%d Jalan %s; %s,%s,%d\n" % (
            c, rnd.choice(first_words), rnd.choice(second_words), rnd.choice(ends),
            rnd.choice(langs), email, rnd.randint(1, 300), rnd.choice(second_words),
            rnd.choice(towns), "REF%06d" % c if rnd.random() < 0.3 else "",
            rnd.choice((30, 30, 60, 90))))

n = {"IV": 0, "CN": 0, "OR": 0, "JV": 0}
def number(series):
    n[series] += 1
    return "%s-%07d" % (series, n[series])

def money(c):
    return ("-" if c < 0 else "") + "%d.%02d" % divmod(abs(c), 100)

def item(out, cust, series, typ, day, due, cur, amount, ref, cleared):
    out.append((day, "%s,%s,%s,%s,%s,%s,%s,%s,%s" % (cust, number(series), typ, day_text[day],
        day_text[due] if due is not None else "", cur, money(amount), ref,
        day_text[cleared] if cleared is not None else "")))

pays = ["IBG %d", "JomPAY %d", "CHQ %06d", "DuitNow %d", "TT %d"]
# The extract in customer order, then date, as FBL5N gives it.
lines = []
for c in range(ncust):
    cust = "C%06d" % c
    r = rnd.random()
    curs = ["MYR"] if r < 0.88 else ["MYR", "USD"] if r < 0.94 else ["USD"] if r < 0.97 else ["TWD"]
    owes = c in owing
    terms = rnd.choice((30, 30, 60, 90))
    budget = rnd.randint(8, 32)
    out = []
    for k, cur in enumerate(curs):
        items = budget if len(curs) == 1 else (budget * 3 // 4 if k == 0 else budget - budget * 3 // 4)
        scale = 30 if cur == "TWD" else 1
        ngroups = max(1, round(items * 10 / 27))
        starts = sorted(rnd.randrange(LAST + 1) for _ in range(ngroups))
        if owes and starts[-1] < AS_OF - 40:
            starts[-1] = AS_OF - rnd.randint(0, 40)   # something recent to owe
        for g, start in enumerate(starts):
            # a group's invoices on one side of the as-of date
            end = AS_OF if start <= AS_OF else LAST
            days = sorted(min(end, start + rnd.randint(0, 20)) for _ in range(rnd.choice((1, 1, 1, 2, 2, 3))))
            amounts = [rnd.randint(5000, 5000000) * scale for _ in days]
            latest = days[-1]
            if latest > AS_OF:
                paid = None                         # after the as-of date: open, left out
            else:
                paid = latest + rnd.randint(7, 75)
                if not owes:
                    paid = min(paid, AS_OF)
                elif paid > AS_OF:
                    paid = paid if paid <= LAST and rnd.random() < 0.3 else None
            group = []
            for day, a in zip(days, amounts):
                item(group, cust, "IV", "INV", day, day + terms, cur, a, "PO-%d" % rnd.randint(1000, 99999), paid)
            total = sum(amounts)
            if rnd.random() < 0.08:
                cn = rnd.randint(1, max(1, amounts[0] // 10))
                day = min(latest + rnd.randint(0, 10), paid if paid is not None else LAST)
                item(group, cust, "CN", "CN", day, day, cur, -cn, "return " + group[0][1].split(",")[1], paid)
                total -= cn
            if paid is not None:
                if rnd.random() < 0.02:
                    charge = rnd.randint(50, 1000)
                    item(group, cust, "JV", "ADJ", paid, paid, cur, charge, "bank charge", paid)
                    total += charge
                item(group, cust, "OR", "PAY", paid, None, cur, -total, rnd.choice(pays) % rnd.randint(1, 999999), paid)
            elif owes and latest <= AS_OF and rnd.random() < 0.2:
                day = min(AS_OF, latest + rnd.randint(1, 30))
                item(group, cust, "OR", "PAY", day, None, cur, -(total // 2), "on account", None)
            out.extend(group)
    out.sort(key=lambda x: x[0])
    for _, line in out:
        lines.append(line)
with open(d + "/ledger.csv", "w") as f:
    f.write("customer,doc_no,doc_type,doc_date,due_date,currency,amount,ref,clearing_date\n")
    f.write("".join(line + "\n" for line in lines))
EOF
	echo "$stamp" > "$D/stamp"
fi

cat > "$D/soa-pandas.py" <<'EOF'
import sys
import numpy as np
import pandas as pd
ledger, customers, frm, as_of, out_dir = sys.argv[1:6]
l = pd.read_csv(ledger, dtype=str, keep_default_na=False,
                usecols=["customer", "doc_date", "currency", "amount", "clearing_date"])
l = l[l.doc_date <= as_of]
neg = l.amount.str.startswith("-")
w = l.amount.str.lstrip("-").str.split(".", expand=True)
c = w[0].astype(np.int64) * 100 + w[1].astype(np.int64)
c = np.where(neg, -c, c)
before = l.doc_date < frm
cleared = l.clearing_date
period = ~before
g = pd.DataFrame({
    "customer": l.customer, "currency": l.currency,
    "opening": np.where(before & ~((cleared != "") & (cleared < frm)), c, 0),
    "debits": np.where(period & (c > 0), c, 0),
    "credits": np.where(period & (c < 0), -c, 0),
    "lines": period.astype(np.int64),
    "open": np.where((cleared == "") | (cleared > as_of), c, 0),
}).groupby(["customer", "currency"], as_index=False, sort=False).sum()
g["closing"] = g.opening + g.debits - g.credits
g = g[(g.closing != 0) | (g.open != 0)]
bad = g[g.closing != g.open]
if len(bad):
    sys.exit("%d statements do not balance, the first %s %s" % (len(bad), bad.customer.iloc[0], bad.currency.iloc[0]))
g = g.sort_values(["customer", "currency"])
m = pd.read_csv(customers, dtype=str, keep_default_na=False, usecols=["customer", "email"])
g = g.merge(m, on="customer", how="left").fillna({"email": ""})

def money(v):
    a = v.abs()
    return pd.Series(np.where(v < 0, "-", ""), index=v.index) + (a // 100).astype(str) + "." + \
        (a % 100).astype(str).str.zfill(2)

base = out_dir + "/" + g.customer + "-" + g.currency
out = pd.DataFrame({
    "customer": g.customer, "currency": g.currency, "opening": money(g.opening),
    "debits": money(g.debits), "credits": money(g.credits), "closing": money(g.closing),
    "lines": g.lines.astype(str), "pdf": base + ".pdf", "csv": base + ".csv",
    "eml": (base + ".eml").where(g.email != "", ""),
})
w = sys.stdout
w.write(",".join(out.columns) + "\n")
if len(out):
    w.write("\n".join(out.iloc[:, 0].str.cat([out[k] for k in out.columns[1:]], sep=",")) + "\n")
EOF

status=0
NAME_WIDTH=14
. bench/peers.sh
find_peers

OUT=$D/soa-out
rm -rf "$OUT"   # the runs replace each other's files; none of an older data set left
export AR_TEMPLATES="$PWD/templates" SOURCE_DATE_EPOCH=1795000000
cat "$D/ledger.csv" "$D/customers.csv" > /dev/null   # every tool reads from the page cache
echo "ar-soa --batch: $(($(wc -l < "$D/ledger.csv") - 1)) ledger items, $(($(wc -l < "$D/customers.csv") - 1))" \
	"customers, $FROM to $AS_OF; load $(cut -d' ' -f1-3 /proc/loadavg)"
st=0
if timed ar-soa "$D/out-ar-soa.csv" "$RUNS" env AR_CONFIG="$D/ar.ini" "$AR" --batch \
	--customers "$D/customers.csv" --ledger "$D/ledger.csv" --from "$FROM" --as-of "$AS_OF" \
	--out-dir "$OUT"; then
	st=$(($(wc -l < "$D/out-ar-soa.csv") - 1))
	echo "  $st statements ($(find "$OUT" -name '*.pdf' | wc -l) PDF, $(find "$OUT" -name '*.eml' |
		wc -l) e-mails, $(du -sh "$OUT" | cut -f1)), $(awk -v s="${sec_ar_soa:-0}" -v n="$st" \
		'BEGIN { printf "%.2f ms", n ? 1000 * s / n : 0 }') a statement in all"
	tail -1 "$D/err-ar-soa.txt" | sed 's/^/   ar-soa said: /'
fi
# The read and the sums alone, as near as ar-soa goes: the same ledger,
# the statement of the batch's first customer only (its row checked).
one=$(sed -n 2p "$D/out-ar-soa.csv" | cut -d, -f1)
if [ -n "$one" ] && timed ar-soa-one "$D/out-ar-soa-one.csv" "$RUNS" env AR_CONFIG="$D/ar.ini" \
	"$AR" --customer "$one" --customers "$D/customers.csv" --ledger "$D/ledger.csv" \
	--from "$FROM" --as-of "$AS_OF" --out-dir "$D/soa-one"; then
	echo "  --customer $one instead of --batch: $(($(wc -l < "$D/out-ar-soa-one.csv") - 1)) statement(s)"
	grep "^$one," "$D/out-ar-soa.csv" | sed "s|$OUT/|$D/soa-one/|g" > "$D/one-expected.csv"
	if tail -n +2 "$D/out-ar-soa-one.csv" | cmp -s - "$D/one-expected.csv"; then
		echo "  its row is the batch's"
	else
		echo "  its row DIFFERS from the batch's"
		status=1
	fi
fi
timed minimal-soa "$D/out-minimal-soa.csv" "$RUNS" "$D/minimal-soa" "$D/ledger.csv" \
	"$D/customers.csv" "$FROM" "$AS_OF" "$OUT"
if cmp -s "$D/out-ar-soa.csv" "$D/out-minimal-soa.csv"; then echo "  agrees"; else echo "  DISAGREES"; status=1; fi
if [ -z "$skip_pandas" ]; then
	timed pandas "$D/out-pandas.csv" "$RUNS" "$PY" "$D/soa-pandas.py" "$D/ledger.csv" \
		"$D/customers.csv" "$FROM" "$AS_OF" "$OUT"
	if cmp -s "$D/out-ar-soa.csv" "$D/out-pandas.csv"; then echo "  agrees"; else echo "  DISAGREES"; status=1; fi
else
	echo "   pandas skipped: $skip_pandas"
fi
echo "ar-soa / minimal C: $(ratio "${sec_ar_soa:-}" "${sec_minimal_soa:-}")" \
	"  ar-soa / pandas: $(ratio "${sec_ar_soa:-}" "${sec_pandas:-}")" \
	"  (ar-soa writes $st statements' documents; the peers only sum)"
echo "ar-soa one customer / minimal C: $(ratio "${sec_ar_soa_one:-}" "${sec_minimal_soa:-}")" \
	"  / pandas: $(ratio "${sec_ar_soa_one:-}" "${sec_pandas:-}")"
exit $status
