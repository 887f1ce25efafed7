#!/bin/sh
# bench/run-legal.sh - the legal report benchmark (issue 18): ar-legal
# report at 2026-11-30 over a nightly collections journal of two years
# (1M rows: dunning letters, emails, calls, promises, notes, disputes and
# holds of 50k customers, which the report reads past, and the
# legal_stage and legal_cost rows of 20k cases of 8 law firms, of all
# four types, a few rows after the as-of date), against what a user would
# pick instead (pandas) and against bench/minimal-legal.c, the floor
# (fgets, a split, a hash table of cases, integers, qsort).  Each peer's
# report.csv is checked against ar-legal's byte for byte.
#
#   sh bench/run-legal.sh                          1,000,000 journal rows
#   BENCH_LEGAL_ROWS=100000 sh bench/run-legal.sh  a smaller run
#
# Environment: BUILD (default build), CC, BENCH_RUNS (default 3),
# BENCH_TIMEOUT (default 1800).  Data goes to bench/data/legal-ROWS/,
# made by the seeded Python below when this script or the size changes.
# Prints the figures; does not write bench/RESULTS.md.  Exit 1 when a tool
# fails or disagrees with ar-legal.
set -u

cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
CC=${CC:-cc}
AR=$BUILD/bin/ar-legal
PY=/usr/bin/python3
TIME=/usr/bin/time
ROWS=${BENCH_LEGAL_ROWS:-1000000}
RUNS=${BENCH_RUNS:-3}
TIMEOUT=${BENCH_TIMEOUT:-1800}
D=bench/data/legal-$ROWS
AS_OF=2026-11-30

die() { echo "bench: $*" >&2; exit 1; }

[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
[ -x "$PY" ] || die "$PY missing"
[ -x "$AR" ] || die "$AR missing: make BUILD=$BUILD"
mkdir -p "$D" || exit 1
$CC -std=c17 -Wall -Wextra -Wpedantic -O2 -o "$D/minimal-legal" bench/minimal-legal.c ||
	die "cannot build bench/minimal-legal.c"

stamp="$(cksum < bench/run-legal.sh | cut -d' ' -f1) $ROWS"
if [ "$(cat "$D/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $ROWS journal rows into $D ..."
	"$PY" - "$D" "$ROWS" <<'EOF' || die "cannot generate the data"
# The journal as ar-legal, ar-note and ar-dunning write it: in date order
# from 2024-12-01 to 2026-12-03 (the last days after the as-of date), the
# cases' rows among the day's others in their own order.
import datetime, random, sys
d, rows = sys.argv[1], int(sys.argv[2])
rnd = random.Random(18)
customers = ["C%06d" % i for i in range(max(100, rows // 20))]
ncases = max(50, rows // 48)
start, last = datetime.date(2024, 12, 1), datetime.date(2026, 12, 3)
ndays = (last - start).days + 1
day_text = [(start + datetime.timedelta(days=i)).isoformat() for i in range(ndays + 400)]
with open(d + "/ar.ini", "w") as f:
    f.write("[company]\nname = Bench Berhad\ndefault_currency = MYR\n")

def cell(s):
    if "," in s or '"' in s:
        return '"' + s.replace('"', '""') + '"'
    return s

def money(c):
    return "%d.%02d" % divmod(c, 100)

firms = ["Tan & Partners", "Lee & Co", "Shearn Delamore & Co", "Zaid Ibrahim & Co", "Skrine",
         "Wong & Partners", "Rahmat Lim & Partners", "Azmi & Associates"]
firm_weights = [22, 18, 14, 12, 10, 10, 8, 6]
types = ["civil", "winding_up", "bankruptcy", "arbitration"]
type_weights = [55, 20, 10, 15]
paths = {
    "civil": ["lod_sent", "writ_filed", "served", "judgment", "enforcement"],
    "winding_up": ["s466_notice", "petition_filed", "advertised", "hearing", "order"],
    "bankruptcy": ["bankruptcy_notice", "creditors_petition", "served", "hearing", "order"],
    "arbitration": ["notice_of_arbitration", "tribunal_constituted", "hearing", "award", "enforcement"],
}
courts = [("WA", "High Court Kuala Lumpur"), ("BA", "High Court Shah Alam"),
          ("JA", "High Court Johor Bahru"), ("PA", "High Court Penang"),
          ("WA", "Sessions Court Kuala Lumpur"), ("BA", "Sessions Court Shah Alam")]
filings = {"writ_filed": "22NCvC", "petition_filed": "28NCC", "bankruptcy_notice": "29NCC",
           "creditors_petition": "29NCC"}
dated = {"writ_filed", "served", "judgment", "petition_filed", "advertised", "hearing",
         "creditors_petition", "tribunal_constituted", "award"}
costed = {"lod_sent": "letter of demand", "writ_filed": "filing fee",
          "served": "process server", "hearing": "hearing fee, two days",
          "petition_filed": "filing fee", "advertised": "advertisement in the Gazette",
          "bankruptcy_notice": "filing fee", "creditors_petition": "filing fee",
          "notice_of_arbitration": "counsel's fee", "tribunal_constituted": "AIAC registration fee",
          "award": "arbitrator's fees", "enforcement": "bailiff's fee", "judgment": "counsel's fee"}
free_texts = ["adjourned at the defendant's request", "counsel absent, mention fixed",
              "served at the registered office", "awaiting the sealed copy",
              "partial payment, balance by instalments", "instructed by the CFO",
              "the customer disputes the sum", "by substituted service"]
users = ["amy", "ben", "siti", "legal"]

legal = [[] for _ in range(ndays)]    # the cases' rows of each day, in their order
open_until = {}                       # (customer, type): the day its case ended
opens = sorted(rnd.randint(0, ndays - 6) for _ in range(ncases))
numbers = {}

for day0 in opens:
    year = int(day_text[day0][:4])
    numbers[year] = numbers.get(year, 0) + 1
    cid = "L%d-%04d" % (year, numbers[year])
    cust = rnd.choice(customers)
    typ = rnd.choices(types, type_weights)[0]
    firm = rnd.choices(firms, firm_weights)[0]
    path = paths[typ]
    user = rnd.choice(users)
    r = rnd.random()
    cur = None if r < 0.12 else "USD" if r < 0.25 else "MYR"
    cost_cur = "MYR" if cur == "USD" and rnd.random() < 0.6 else cur
    suit = rnd.randint(1000, 2500000) * 100 + rnd.choice((0, 0, 0, 50, rnd.randint(1, 99)))
    rows_of = []

    def row(day, action, level, amount, currency, due, ref, note):
        rows_of.append((day, ",".join((day_text[day], cust, action, level, cid,
            money(amount) if amount else "", currency if amount else "",
            day_text[due] if due is not None else "", typ if action == "legal_stage" else "",
            ref, user, cell(note)))))

    def stage(day, word, level, amount=None, currency=None, due=None, ref="", court="",
              forced=False, text=""):
        note = "stage=" + word + ("; court=" + court if court else "") + \
            ("; forced" if forced else "") + ("; note=" + text if text else "")
        row(day, "legal_stage", str(level), amount, currency or cur, due, ref, note)

    def cost(day, what):
        if cost_cur is not None and rnd.random() < 0.55:
            row(day + rnd.randint(0, 9), "legal_cost", "", rnd.randint(200, 25000) * 100 +
                rnd.choice((0, 0, 50)), cost_cur, None, "", what)

    forced_open = open_until.get((cust, typ), -1) > day0
    note = "stage=opened; firm=" + firm
    if forced_open:
        note += "; forced; note=a second claim, on the guarantee"
    elif rnd.random() < 0.05:
        note += "; note=" + rnd.choice(free_texts)
    row(day0, "legal_stage", "1", suit if cur and rnd.random() < 0.95 else None, cur, None,
        "", note)
    day, level, court, end = day0, 1, "", 10 ** 9
    code, court_name = rnd.choice(courts)
    while True:
        due = None
        r = rnd.random()
        if r < 0.10 or (level == len(path) + 1 and r < 0.55):
            word = rnd.choices(("settled", "closed", "withdrawn"), (5, 3, 2))[0]
            nlevel = {"settled": 97, "closed": 98, "withdrawn": 99}[word]
            amount = None
            if cur and (word == "settled" and rnd.random() < 0.85 or word == "closed" and rnd.random() < 0.1):
                amount = suit * rnd.randint(5, 100) // 100 or 100
            stage(day, word, nlevel, amount)
            end = min(end, day)
            # a settlement not paid: enforcement after the end, forced
            if rnd.random() < 0.03 and typ in ("civil", "arbitration"):
                day += rnd.randint(30, 120)
                if day >= ndays:
                    break
                stage(day, "enforcement", 6, forced=True, text="settlement sum not paid")
                level = 6
                end = 10 ** 9
                day += 1 + int(rnd.expovariate(1 / 60))
                if day >= ndays:
                    break
                continue
            break
        if r < 0.22 or level == len(path) + 1:
            break    # idle from here, open
        nlevel = level + 1
        forced = nlevel < len(path) and rnd.random() < 0.01
        if forced:
            nlevel += 1
        word = path[nlevel - 2]
        ref = ""
        here = ""
        if word in filings:
            ref = "%s-%s-%d-%02d/%s" % (code, filings[word], rnd.randint(1, 2999),
                                       int(day_text[day][5:7]), day_text[day][:4])
            here = court = court_name
        elif word == "tribunal_constituted":
            ref = "AIAC/ADM-%d-%s" % (rnd.randint(1, 999), day_text[day][:4])
            here = court = "AIAC Kuala Lumpur"
        elif word == "enforcement" and rnd.random() < 0.5:
            ref = "%s-%s-%d-%02d/%s" % (code, "24NCC(ARB)" if typ == "arbitration" else "38",
                                       rnd.randint(1, 999), int(day_text[day][5:7]), day_text[day][:4])
            here = court = court_name
        amount = None
        if cur and word in ("enforcement", "order", "award") and rnd.random() < 0.35:
            amount = suit * rnd.randint(5, 60) // 100 or 100
        currency = "USD" if amount and cur == "MYR" and rnd.random() < 0.05 else cur
        if word in dated and rnd.random() < 0.7:
            due = day + rnd.randint(7, 90)
        text = "by substituted service" if forced else rnd.choice(free_texts) if rnd.random() < 0.08 else ""
        stage(day, word, nlevel, amount, currency, due, ref, here, forced, text)
        if word in costed:
            cost(day, costed[word])
        level = nlevel
        # an adjourned hearing, service again: the same stage once more
        while word in ("served", "hearing") and due is not None and rnd.random() < 0.4:
            day = due
            if day >= ndays:
                break
            due = day + rnd.randint(14, 60) if rnd.random() < 0.8 else None
            stage(day, word, level, due=due, text="adjourned" if rnd.random() < 0.5 else "")
        gap = due - day if due is not None and rnd.random() < 0.7 else 1 + int(rnd.expovariate(1 / 50))
        day += max(gap, 0)
        if day >= ndays:
            break
    open_until[(cust, typ)] = end
    for day, text in rows_of:
        if day < ndays:
            legal[day].append(text)

nlegal = sum(len(x) for x in legal)
other = [[] for _ in range(ndays)]
acts = (("email", 0.25), ("letter", 0.40), ("sms", 0.50), ("call", 0.70), ("note", 0.80),
        ("promise", 0.88), ("promise_kept", 0.92), ("promise_broken", 0.95), ("dispute", 0.97),
        ("dispute_resolved", 0.985), ("hold", 1.0))
words = ("reminder", "second-notice", "final-demand")
calls = ("no answer", "left message", "spoke to accounts, will revert", "number not in service",
         "promised to check with the boss")
for _ in range(max(0, rows - nlegal)):
    day = rnd.randrange(ndays)
    dt = day_text[day]
    cust = customers[int(rnd.random() * len(customers))]
    r = rnd.random()
    a = next(name for name, p in acts if r < p)
    if a in ("email", "letter", "sms"):
        lv = 1 + int(rnd.random() * 3)
        line = "%s,%s,%s,%d,,%s,MYR,,%s,,ar-dunning,%s" % (dt, cust, a, lv,
            money(rnd.randint(100, 5000000)), a, words[lv - 1])
    elif a == "call":
        line = "%s,%s,call,,,,,,phone,,%s,%s" % (dt, cust, rnd.choice(users), cell(rnd.choice(calls)))
    elif a == "note":
        line = "%s,%s,note,,,,,,,,%s,%s" % (dt, cust, rnd.choice(users), "statement sent")
    elif a == "promise":
        line = "%s,%s,promise,,,%s,MYR,%s,,,%s,pays by month end" % (dt, cust,
            money(rnd.randint(10000, 2000000)), day_text[day + rnd.randint(3, 30)], rnd.choice(users))
    elif a in ("promise_kept", "promise_broken"):
        line = "%s,%s,%s,,,,,,,,%s," % (dt, cust, a, rnd.choice(users))
    elif a in ("dispute", "dispute_resolved"):
        line = "%s,%s,%s,,INV-%d,,,,,,%s,%s" % (dt, cust, a, rnd.randint(1, 999999),
            rnd.choice(users), "short delivery" if a == "dispute" else "credit note issued")
    else:
        line = "%s,%s,hold,,,,,%s,,,%s,awaiting the director" % (dt, cust,
            day_text[day + rnd.randint(7, 60)] if rnd.random() < 0.7 else "", rnd.choice(users))
    other[day].append(line)

with open(d + "/journal.csv", "w") as f:
    f.write("date,customer,action,level,doc_no,amount,currency,due,channel,ref,user,note\n")
    for day in range(ndays):
        a, b = other[day], legal[day]
        if not b:
            f.write("".join(x + "\n" for x in a))
            continue
        at = set(rnd.sample(range(len(a) + len(b)), len(b)))
        ia = ib = 0
        out = []
        for k in range(len(a) + len(b)):
            if k in at:
                out.append(b[ib]); ib += 1
            else:
                out.append(a[ia]); ia += 1
        f.write("".join(x + "\n" for x in out))
EOF
	echo "$stamp" > "$D/stamp"
fi

cat > "$D/legal-pandas.py" <<'EOF'
import sys
import numpy as np
import pandas as pd
journal, as_of = sys.argv[1:3]
TYPES = ["civil", "winding_up", "bankruptcy", "arbitration"]
j = pd.read_csv(journal, dtype=str, keep_default_na=False)
j["line"] = np.arange(len(j))
j["action"] = j["action"].str.lower()
j = j[j.action.isin(["legal_stage", "legal_cost"]) & (j.date <= as_of) &
      j.doc_no.str.fullmatch(r"L\d{4}-\d{4,6}")]
amt = j.amount.str.extract(r"^(-?)(\d*)(?:\.(\d*))?$")
cents = amt[1].replace("", "0").astype(np.int64) * 100 + \
    amt[2].fillna("").str.ljust(2, "0").replace("", "00").astype(np.int64)
j["cents"] = np.where(amt[0] == "-", -cents, cents)
j["cur"] = j.currency.replace("", "MYR")
j = j.sort_values(["date", "line"], kind="stable")

st = j[j.action == "legal_stage"].copy()
st["level"] = st.level.astype(int)
head = st.note.str.split("; note=", n=1).str[0]
st["firm"] = head.str.extract(r"(?:^|; )firm=([^;]*)", expand=False).fillna("")
st["court"] = head.str.extract(r"(?:^|; )court=([^;]*)", expand=False).fillna("")
st["word"] = head.str.extract(r"^stage=([^;]*)", expand=False)
opened = st[st.level == 1].set_index("doc_no")
g = st.groupby("doc_no", sort=False)
latest = g.tail(1).set_index("doc_no")
cases = pd.DataFrame({
    "customer": opened.customer, "firm": opened.firm, "type": opened.channel,
    "opened": opened.date,
})
cases["stage"] = latest.word
cases["level"] = latest.level
cases["stage_date"] = latest.date
cases["next_date"] = latest.due
cases["ref"] = st[st.ref != ""].groupby("doc_no").ref.last()
cases["court"] = st[st.court != ""].groupby("doc_no").court.last()
cases = cases.fillna({"ref": "", "court": ""})

# money per case and currency: in suit (opened), costs, recovered (later stages)
m = j[j.amount != ""]
kind = np.where(m.action == "legal_cost", "costs", np.where(m.level == "1", "in_suit", "recovered"))
sums = m.assign(kind=kind).pivot_table(index=["doc_no", "cur"], columns="kind", values="cents",
                                       aggfunc="sum", fill_value=0)
for k in ("in_suit", "costs", "recovered"):
    if k not in sums:
        sums[k] = 0
sums = sums.reset_index().rename(columns={"doc_no": "case"})

ended = cases.level >= 97
month = as_of[:8] + "01"
cases = cases[~ended | (cases.stage_date >= month)].rename_axis("case").reset_index()
r = cases.merge(sums, on="case", how="left")
r["cur"] = r.cur.fillna("")
num = r["case"].str.split("-", n=1, expand=True)
r["year"] = num[0].str[1:].astype(int)
r["num"] = num[1].astype(int)
r["tord"] = r["type"].map({t: i for i, t in enumerate(TYPES)})
r = r.sort_values(["firm", "tord", "level", "year", "num", "cur"], kind="stable")

opn = r.level < 97
day = pd.to_datetime(as_of)
idle = (day - pd.to_datetime(r.stage_date)).dt.days
nxt = pd.to_datetime(r.next_date, errors="coerce")
near = (nxt >= day) & (nxt <= day + pd.Timedelta(days=30))
has = r.cur != ""

def money(col):
    v = r[col].fillna(0).astype(np.int64)
    a = v.abs()
    s = pd.Series(np.where(v < 0, "-", ""), index=r.index) + (a // 100).astype(str) + "." + \
        (a % 100).astype(str).str.zfill(2)
    return s.where(has, "")

def text(col):
    s = r[col]
    q = s.str.contains(r'[",\r\n]') | s.str.contains(r"^[ \t]|[ \t]$") | s.str.startswith("\ufeff")
    return s.where(~q, '"' + s.str.replace('"', '""') + '"')

r["net_c"] = r.recovered.fillna(0) - r.costs.fillna(0)
out = pd.DataFrame({
    "case": r["case"], "customer": text("customer"), "name": "", "firm": text("firm"),
    "type": r["type"], "stage": r.stage, "stage_date": r.stage_date, "opened": r.opened,
    "currency": r.cur, "in_suit": money("in_suit"), "costs": money("costs"),
    "recovered": money("recovered"), "net": money("net_c"), "next_date": r.next_date,
    "next_30": np.where(opn & near, "yes", ""),
    "idle_days": np.where(opn, idle.astype(str), ""),
    "idle_90": np.where(opn & (idle >= 90), "yes", ""),
    "ref": text("ref"), "court": text("court"),
})
w = sys.stdout
w.write(",".join(out.columns) + "\n")
if len(out):
    out = out.astype(str)
    w.write("\n".join(out.iloc[:, 0].str.cat([out[c] for c in out.columns[1:]], sep=",")) + "\n")
EOF

status=0
NAME_WIDTH=14
. bench/peers.sh
find_peers

echo "ar-legal report: $(($(wc -l < "$D/journal.csv") - 1)) journal rows, $(awk -F, -v d="$AS_OF" \
	'$3 == "legal_stage" && $4 == 1 && $1 <= d { n++ } END { print n + 0 }' "$D/journal.csv") cases" \
	"opened by $AS_OF"
timed ar-legal "$D/out-ar-legal.csv" "$RUNS" env AR_CONFIG="$D/ar.ini" \
	"$AR" report --as-of "$AS_OF" --journal "$D/journal.csv"
echo "  $(($(wc -l < "$D/out-ar-legal.csv") - 1)) lines"
if [ -s "$D/err-ar-legal.txt" ]; then
	sed 's/^/   ar-legal said: /' "$D/err-ar-legal.txt"
fi
timed minimal-legal "$D/out-minimal-legal.csv" "$RUNS" "$D/minimal-legal" "$D/journal.csv" "$AS_OF"
if cmp -s "$D/out-ar-legal.csv" "$D/out-minimal-legal.csv"; then echo "  agrees"; else echo "  DISAGREES"; status=1; fi
if [ -z "$skip_pandas" ]; then
	timed pandas "$D/out-pandas.csv" "$RUNS" "$PY" "$D/legal-pandas.py" "$D/journal.csv" "$AS_OF"
	if cmp -s "$D/out-ar-legal.csv" "$D/out-pandas.csv"; then echo "  agrees"; else echo "  DISAGREES"; status=1; fi
else
	echo "   pandas skipped: $skip_pandas"
fi
echo "ar-legal / minimal C: $(ratio "${sec_ar_legal:-}" "${sec_minimal_legal:-}")" \
	"  ar-legal / pandas: $(ratio "${sec_ar_legal:-}" "${sec_pandas:-}")"
exit $status
