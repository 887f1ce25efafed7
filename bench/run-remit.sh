#!/bin/sh
# bench/run-remit.sh - the direct credits benchmark (issue 19): ar-remit
# at 2026-12-07 over the unmatched listing of ar-match (20k credits of the
# last month, joined with their payments' payer_account, channel, Ref-1,
# Ref-2 and bank_ref: payers found by account, by Ref-1, by name, by the
# invoices they cite, by ar-match's own guess, or by nothing), the open
# items after the match (1M, of 50k customers), the customer master
# (payer accounts, Ref-1s, names and payer names, e-mail addresses) and a
# collections journal of 100k rows with the remittance requests already
# sent, writing the review (no --out-dir, so no e-mail; no --xlsx, no
# --bank-list), against what a user would pick instead (pandas) and
# against bench/minimal-remit.c, the floor (fgets, a split, hash tables,
# integers, the candidate sets).
#
# Neither peer scores payer names (payer_name.c's similarity, the word
# index, the 5-point margin): they find the payer by account, Ref-1, the
# cited invoices and ar-match's candidates only.  So the check masks, in
# both files, the columns customer, name, found_by, candidate_1..3 (text,
# amount, difference) and done of the rows ar-remit found by name (found_by
# "name N", "ambiguous: ...", "close: ...", "reference (names
# ambiguous)"), then compares the files byte for byte: every other row
# whole, every row's payment_id to reason, days and requested.  The
# bench's texts cite invoices as "INV 9xxxxxxx", "INV9xxxxxxx", "INVOICE
# 9xxxxxxx" or bare, the only forms of docref.h the peers read.
#
#   sh bench/run-remit.sh                           1,000,000 open items
#   BENCH_REMIT_ITEMS=100000 sh bench/run-remit.sh  a smaller run
#
# Environment: BUILD (default build), CC, BENCH_RUNS (default 3),
# BENCH_TIMEOUT (default 1800).  Data goes to bench/data/remit-ITEMS/
# (credits: ITEMS / 50), made by the seeded Python below when this script
# or the size changes.  Prints the figures; does not write
# bench/RESULTS.md.  Exit 1 when a tool fails or disagrees with ar-remit.
set -u

cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
CC=${CC:-cc}
AR=$BUILD/bin/ar-remit
PY=/usr/bin/python3
TIME=/usr/bin/time
ITEMS=${BENCH_REMIT_ITEMS:-1000000}
RUNS=${BENCH_RUNS:-3}
TIMEOUT=${BENCH_TIMEOUT:-1800}
D=bench/data/remit-$ITEMS
AS_OF=2026-12-07

die() { echo "bench: $*" >&2; exit 1; }

[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
[ -x "$PY" ] || die "$PY missing"
[ -x "$AR" ] || die "$AR missing: make BUILD=$BUILD"
mkdir -p "$D" || exit 1
$CC -std=c17 -Wall -Wextra -Wpedantic -O2 -o "$D/minimal-remit" bench/minimal-remit.c ||
	die "cannot build bench/minimal-remit.c"

stamp="$(cksum < bench/run-remit.sh | cut -d' ' -f1) $ITEMS"
if [ "$(cat "$D/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $ITEMS open items into $D ..."
	"$PY" - "$D" "$ITEMS" "$AS_OF" <<'EOF' || die "cannot generate the data"
import datetime, random, sys
d, nitems, as_of = sys.argv[1], int(sys.argv[2]), datetime.date.fromisoformat(sys.argv[3])
rnd = random.Random(1919)
ncust = max(100, nitems // 20)
ncredits = max(50, nitems // 50)
start = as_of - datetime.timedelta(days=400)
day_text = [(start + datetime.timedelta(days=i)).isoformat() for i in range(900)]
today = (as_of - start).days

with open(d + "/ar.ini", "w") as f:
    f.write("[company]\nname = Bench Berhad\nemail = ar@bench.example\ndefault_currency = MYR\n")

def money(c):
    return ("-" if c < 0 else "") + "%d.%02d" % divmod(abs(c), 100)

def cell(s):
    return '"' + s.replace('"', '""') + '"' if "," in s or '"' in s else s

# Names of made-up words, so that most are told apart; a few alike.
syl = ["ka", "ri", "ma", "jo", "lin", "seng", "ta", "bu", "mi", "san", "hup", "lee", "ra", "nu",
       "pe", "so", "wa", "ti", "ko", "ya", "ha", "de", "gu", "lo", "chu", "an", "tek", "ming"]
def word():
    return "".join(rnd.choice(syl) for _ in range(rnd.randint(2, 3))).capitalize()
trades = ["Trading", "Hardware", "Foods", "Motors", "Logistics", "Retail", "Supplies", "Printing",
          "Steel", "Electrical", "Paints", "Glass", "Engineering", "Textiles", "Plastics"]
forms = ["Sdn. Bhd.", "Sdn. Bhd.", "Sdn. Bhd.", "Enterprise", "Berhad", "& Co"]
people = ["MOHD FIRDAUS BIN ABDULLAH", "TAN AH KOW", "SITI AMINAH BINTI YUSOF", "RAJ KUMAR A/L MUTHU",
          "WONG KAR FAI", "NURUL HUDA BINTI ISMAIL", "LIM CHEE KEONG", "CASH DEPOSIT", "CDM DEPOSIT",
          "CHEQUE DEPOSIT", ""]

customers = ["C%06d" % i for i in range(ncust)]
name, accounts, ref1 = {}, {}, {}
with open(d + "/customers.csv", "w") as f:
    f.write("customer,name,payer_account,ref1,payer_names,lang,email\n")
    shared = None
    for i, c in enumerate(customers):
        name[c] = "%s %s %s %s" % (word(), word(), rnd.choice(trades), rnd.choice(forms))
        accts = []
        if rnd.random() < 0.75:
            for _ in range(1 if rnd.random() < 0.85 else 2):
                accts.append("".join(rnd.choice("0123456789") for _ in range(12)))
        if shared is not None and rnd.random() < 0.5:
            accts.append(shared)            # a group paying for two of its companies
            shared = None
        elif accts and rnd.random() < 0.01:
            shared = accts[0]
        accounts[c] = accts
        written = ";".join(a if rnd.random() < 0.5 else "%s-%s-%s" % (a[:4], a[4:8], a[8:]) for a in accts)
        ref1[c] = "1%07d" % (i * 7 % 10000000) if rnd.random() < 0.4 else ""
        payer_names = "Kumpulan %s Berhad" % word() if rnd.random() < 0.1 else ""
        r = rnd.random()
        email = "" if r < 0.10 else "accounts dept" if r < 0.15 else \
            "ar@%s.example.my" % c.lower() if r < 0.9 else "ar@%s.example.my;finance@%s.example.my" % (c.lower(), c.lower())
        if i % 500 == 499:
            continue                        # not in the master: its items name it only
        f.write("%s,%s,%s,%s,%s,%s,%s\n" % (c, cell(name[c]), written, ref1[c], payer_names,
                rnd.choice(("en", "en", "ms", "zh-Hans")), email))

# The open items after the match, customer by customer: mostly invoices
# (doc_no 9xxxxxxx), a few credit notes; MYR, some customers USD too.
debits = {}     # (customer, currency): [(due, doc, cents)] oldest first
doc = 90000000
n = 0
with open(d + "/items.csv", "w") as f:
    f.write("customer,doc_no,doc_type,doc_date,due_date,currency,amount\n")
    for c in customers:
        if n >= nitems:
            break
        usd = rnd.random() < 0.06
        for _ in range(min(rnd.randint(4, 36), nitems - n)):
            cur = "USD" if usd and rnd.random() < 0.3 else "MYR"
            day = today - rnd.randint(0, 300)
            due = day + 30
            if rnd.random() < 0.04:
                doc += 1
                f.write("%s,CN-%06d,CN,%s,%s,%s,%s\n" % (c, doc - 90000000, day_text[day], day_text[due],
                        cur, money(-rnd.randint(5000, 80000))))
                continue
            doc += 1
            a = rnd.randint(10000, 2000000) if rnd.random() < 0.8 else rnd.choice((50000, 100000, 250000))
            debits.setdefault((c, cur), []).append((due, "%d" % doc, a))
            f.write("%s,%d,INV,%s,%s,%s,%s\n" % (c, doc, day_text[day], day_text[due], cur, money(a)))
            n += 1
for v in debits.values():
    v.sort()

def cite(docs):
    forms = ["INV %s", "INV%s", "%s", "INVOICE %s"]
    form = rnd.choice(forms)
    sep = rnd.choice((" ", ", ", " & ", " "))
    text = sep.join(form % x for x in docs)
    return rnd.choice(("%s", "PAYMENT %s", "%s TQ", "PYMT FOR %s")) % text

def bank_name(c):
    s = name[c].upper().replace(".", "").replace("&", "AND")
    return s[:rnd.choice((20, 24, 35))].rstrip() if rnd.random() < 0.5 else s

generic = ["PAYMENT", "OCT INVOICES", "NOV INVOICES", "IBG TRANSFER", "SETTLEMENT", "", "",
           "RM 1,250.50 PAYMENT", "PAYMENT 2026-11-24", "TT", "FUND TRANSFER"]
rows, listed = [], []
keyed = [k for k in debits if len(debits[k]) > 0]
with_account = [k for k in keyed if accounts[k[0]]]
with_ref1 = [k for k in keyed if ref1[k[0]]]
for i in range(ncredits):
    pid = "S%s:%d" % (day_text[today - 30 + i % 30].replace("-", "")[2:], i + 1)
    r = rnd.random()
    c, cur = rnd.choice(with_account if r < 0.40 else with_ref1 if r < 0.50 else keyed)
    items = debits[(c, cur)]
    day = today - rnd.randint(0, 30)
    # what the credit pays: the oldest few, one, a pair, one less a bank charge, or anything
    k = rnd.random()
    if k < 0.35:
        paid = items[:rnd.randint(1, min(4, len(items)))]
    elif k < 0.55:
        paid = [rnd.choice(items)]
    elif k < 0.70 and len(items) > 1:
        paid = sorted(rnd.sample(items, 2))
    else:
        paid = [rnd.choice(items)]
    amount = sum(a for _, _, a in paid)
    if k >= 0.70:
        amount = amount - rnd.randint(50, 1000) if k < 0.85 else rnd.randint(10000, 5000000)
    cited = [x for _, x, _ in paid] if rnd.random() < 0.8 else [rnd.choice(items)[1]]
    payer, account, channel, r1, r2, reason, cands = "", "", rnd.choice(("IBG", "DuitNow", "")), "", "", "no_fit", ""
    reference = rnd.choice(generic)
    if r < 0.40:                                    # by payer account
        payer, account = bank_name(c), rnd.choice(accounts[c])
        if rnd.random() < 0.4:
            reference = cite(cited)
        if rnd.random() < 0.1:
            r1 = cited[0]
    elif r < 0.50:                                  # by Ref-1 (JomPAY)
        payer, channel, r1 = bank_name(c), "JomPAY", ref1[c]
        if rnd.random() < 0.3:
            r2 = "INV %s" % cited[0]
    elif r < 0.65:                                  # by name only
        payer = bank_name(c)
        reason = rnd.choice(("no_fit", "ambiguous_customer"))
        if rnd.random() < 0.3:
            account = "".join(rnd.choice("0123456789") for _ in range(12))
    elif r < 0.77:                                  # by the invoices cited
        payer, reason = rnd.choice(people), "no_customer"
        other = rnd.choice(keyed)
        reference = cite(cited + ([debits[other][0][1]] if rnd.random() < 0.05 else []))
        cands = "%s/%s" % (c, cited[0])
    elif r < 0.82:                                  # ar-match's own guess
        payer, reason = rnd.choice(people), rnd.choice(("low_confidence", "partial"))
        cands = ";".join(["%s/%s" % (c, x) for x in cited] + [c])
    else:                                           # nobody
        payer, reason = rnd.choice(people), "no_customer"
        if rnd.random() < 0.3:
            cands = rnd.choice(customers)
    if rnd.random() < 0.005:
        amount, reason = -amount, "debit"
    elif rnd.random() < 0.005:
        day = today + rnd.randint(1, 3)
    bank_ref = "%s%s-%04d" % (channel[:3].upper() or "TRF", day_text[day][5:].replace("-", ""), i % 10000)
    rows.append("%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s" % (pid, day_text[day], cur, money(amount), cell(payer),
                cell(reference), reason, cands, account, channel, r1, r2, bank_ref))
    listed.append((pid, day))
with open(d + "/unmatched.csv", "w") as f:
    f.write("payment_id,value_date,currency,amount,payer,reference,reason,candidates,payer_account,"
            "channel,ref1,ref2,bank_ref\n")
    f.write("".join(x + "\n" for x in rows))

# The journal: the requests already sent (a few after the as-of date), among other rows.
jrows = []
for pid, day in listed:
    if rnd.random() < 0.35:
        for _ in range(rnd.randint(1, 2)):
            when = min(day + rnd.randint(0, 12), today + 3)
            c = rnd.choice(customers)
            jrows.append((when, "%s,%s,remittance_requested,,,100.00,MYR,,email,%s,lim," % (day_text[when], c, pid)))
users = ["amy", "ben", "siti"]
for _ in range(max(1000, nitems // 10)):
    day = rnd.randint(0, today + 3)
    c = rnd.choice(customers)
    r = rnd.random()
    if r < 0.5:
        jrows.append((day, "%s,%s,letter,%d,,%s,MYR,,letter,,ar-dunning,reminder" % (day_text[day], c,
                      rnd.randint(1, 3), money(rnd.randint(1000, 5000000)))))
    elif r < 0.8:
        jrows.append((day, "%s,%s,call,,,,,,phone,,%s,no answer" % (day_text[day], c, rnd.choice(users))))
    else:
        jrows.append((day, "%s,%s,note,,,,,,,,%s,statement sent" % (day_text[day], c, rnd.choice(users))))
jrows.sort(key=lambda x: x[0])
with open(d + "/journal.csv", "w") as f:
    f.write("date,customer,action,level,doc_no,amount,currency,due,channel,ref,user,note\n")
    f.write("".join(t + "\n" for _, t in jrows))
EOF
	echo "$stamp" > "$D/stamp"
fi

cat > "$D/remit-pandas.py" <<'EOF'
import heapq, re, sys
import numpy as np
import pandas as pd
listing, customers, journal, items, as_of = sys.argv[1:6]
AS_OF = pd.Timestamp(as_of)

def cents(s):
    neg = s.str.startswith("-")
    w = s.str.lstrip("-").str.split(".", expand=True)
    v = w[0].astype(np.int64) * 100 + w[1].astype(np.int64)
    return np.where(neg, -v, v)

def money(v):
    return ("-" if v < 0 else "") + "%d.%02d" % divmod(abs(int(v)), 100)

def text(s):
    if s and (re.search(r'[",\r\n]', s) or s[0] in " \t" or s[-1] in " \t"):
        return '"' + s.replace('"', '""') + '"'
    return s

def norm(s):
    return s.str.upper().str.replace(r"[^A-Z0-9]", "", regex=True)

cust = pd.read_csv(customers, dtype=str, keep_default_na=False)
names = dict(zip(cust.customer, cust.name))
has_email = dict(zip(cust.customer, cust.email.str.contains("@")))

def unique_map(col):
    x = cust[["customer", col]].assign(v=cust[col].str.split(";")).explode("v")
    x["k"] = norm(x.v.fillna(""))
    x = x[x.k != ""].drop_duplicates(["k", "customer"])
    n = x.groupby("k").customer.transform("size")
    return dict(zip(x.k, np.where(n == 1, x.customer, None)))

by_account, by_ref1 = unique_map("payer_account"), unique_map("ref1")

it = pd.read_csv(items, dtype=str, keep_default_na=False,
                 usecols=["customer", "doc_no", "doc_date", "due_date", "currency", "amount"])
it["cents"] = cents(it.amount)
it = it[it.cents != 0]
it["due"] = it.due_date.where(it.due_date != "", it.doc_date)
it = it.sort_values(["customer", "currency", "due", "doc_no", "cents"], kind="stable")
known = set(it.customer) | set(cust.customer)
# each customer's open debits in a currency, oldest first: a slice of the sorted items
deb = it[it.cents > 0]
gkey = (deb.customer + "/" + deb.currency).to_numpy()
starts = np.flatnonzero(np.r_[True, gkey[1:] != gkey[:-1]])
groups = dict(zip(gkey[starts], zip(starts, np.r_[starts[1:], len(gkey)])))
all_docs, all_cents = deb.doc_no.to_numpy(), deb.cents.to_numpy()

j = pd.read_csv(journal, dtype=str, keep_default_na=False, usecols=["date", "action", "ref"])
j = j[(j.action == "remittance_requested") & (j.ref != "") & (j.date <= as_of)]
asked = j.groupby("ref").date.agg(["min", "max"])

l = pd.read_csv(listing, dtype=str, keep_default_na=False)
l["cents"] = cents(l.amount)
l = l[(l.cents > 0) & (l.value_date <= as_of)].reset_index(drop=True)

token = re.compile(r"[A-Za-z0-9]+")
doc_key = re.compile(r"(?:INVOICE|INV)?(9\d{7})")
def keys(*texts):
    out = []
    for t in texts:
        for w in token.findall(t):
            m = doc_key.fullmatch(w.upper())
            if m and m.group(1) not in out:
                out.append(m.group(1))
    return out
l["keys"] = [keys(a, b, c) for a, b, c in zip(l.reference, l.ref1, l.ref2)]
# the customers whose open items in the credit's currency the texts cite
k = l[["keys", "currency"]].explode("keys").dropna().reset_index()
k = k.merge(it[["doc_no", "currency", "customer"]], left_on=["keys", "currency"],
            right_on=["doc_no", "currency"])
cited_by = k.groupby("index").customer.agg(lambda s: s.iloc[0] if s.nunique() == 1 else None)

def named(reason, cands):
    if reason not in ("low_confidence", "partial"):
        return None
    who = None
    for piece in cands.split(";") if cands else []:
        c = piece.split("/")[0]
        if c == "" or c not in known or (who is not None and who != c):
            return None
        who = c
    return who

def ranked(docs, opens, keyset, amount):
    cited = [d in keyset for d in docs]
    n = len(opens)
    sets = {(i,) for i in range(n)}
    old = list(range(min(n, 20)))
    sets.update((a, b) for x, a in enumerate(old) for b in old[x + 1:])
    sets.update(tuple(old[:m]) for m in range(3, len(old) + 1))
    c = [i for i in range(n) if cited[i]][:20]
    if len(c) > 1:
        sets.add(tuple(c))
    def key(s):
        total = sum(opens[i] for i in s)
        return (not all(cited[i] for i in s), abs(amount - total), len(s), s, total)
    return heapq.nsmallest(3, (key(s) for s in sets))

out = sys.stdout
out.write("payment_id,value_date,currency,amount,payer,reference,reason,customer,name,found_by," +
          ",".join("candidate_%d,candidate_%d_amount,candidate_%d_difference" % (i, i, i) for i in (1, 2, 3)) +
          ",days,done,requested\n")
acct = norm(l.payer_account)
r1 = norm(l.ref1)
days = (AS_OF - pd.to_datetime(l.value_date)).dt.days
for i, row in enumerate(l.itertuples(index=False)):
    who, how = by_account.get(acct[i]), "payer account"
    if who is None:
        who, how = by_ref1.get(r1[i]), "Ref-1"
    if who is None:
        who, how = cited_by.get(i), "reference"
    if who is None:
        who, how = named(row.reason, row.candidates), "ar-match " + row.reason
    if who is None:
        how = ""
    cells = [row.payment_id, row.value_date, row.currency, row.amount, text(row.payer),
             text(row.reference), row.reason, who or "", text(names.get(who, "")) if who else "", how]
    best = []
    g = groups.get("%s/%s" % (who, row.currency)) if who is not None else None
    if g is not None:
        docs, opens = all_docs[g[0]:g[1]].tolist(), all_cents[g[0]:g[1]].tolist()
        best = ranked(docs, opens, set(row.keys), int(row.cents))
    for b in range(3):
        if b < len(best):
            _, _, _, s, total = best[b]
            cells += [" + ".join(docs[x] for x in s), money(total), money(int(row.cents) - total)]
        else:
            cells += ["", "", ""]
    first, last = asked.loc[row.payment_id] if row.payment_id in asked.index else ("", "")
    dy = int(days[i])
    if dy >= 14:
        done = "to escalate"
    elif who is None:
        done = "no customer"
    elif last and (AS_OF - pd.Timestamp(last)).days < 7:
        done = "already requested on " + last
    elif not has_email.get(who, False):
        done = "no e-mail address"
    else:
        done = "to request"
    cells += [str(dy), done, first]
    out.write(",".join(cells) + "\n")
EOF

# mask_names A B: the columns a name decided (customer .. candidates, done)
# blanked in both review files, on the rows where file A's found_by is a
# name's; the count of such rows on standard output.
mask_names() {
	"$PY" - "$1" "$2" <<'EOF'
import csv, sys
a, b = sys.argv[1:3]
ra = list(csv.reader(open(a, newline="")))
rb = list(csv.reader(open(b, newline="")))
head = ra[0]
fb = head.index("found_by")
cols = [head.index(c) for c in head if c in ("customer", "name", "found_by", "done") or c.startswith("candidate_")]
masked = 0
for i in range(1, len(ra)):
    how = ra[i][fb]
    if how.startswith(("name ", "ambiguous", "close")) or how == "reference (names ambiguous)":
        masked += 1
        for rows in (ra, rb):
            if i < len(rows):
                for c in cols:
                    if c < len(rows[i]):
                        rows[i][c] = "*"
for rows, path in ((ra, a + ".masked"), (rb, b + ".masked")):
    with open(path, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
print(masked)
EOF
}

# agrees NAME: the peer's review against ar-remit's, name rows masked
agrees() {
	if m=$(mask_names "$D/out-ar-remit.csv" "$D/out-$1.csv") &&
	    cmp -s "$D/out-ar-remit.csv.masked" "$D/out-$1.csv.masked"; then
		echo "  agrees ($m rows found by name masked)"
	else
		echo "  DISAGREES"; status=1
	fi
}

status=0
NAME_WIDTH=14
. bench/peers.sh
find_peers

echo "ar-remit: $(($(wc -l < "$D/unmatched.csv") - 1)) credits listed, $(($(wc -l < "$D/items.csv") - 1))" \
	"open items, $(($(wc -l < "$D/customers.csv") - 1)) customers, $(($(wc -l < "$D/journal.csv") - 1))" \
	"journal rows, as of $AS_OF"
timed ar-remit "$D/out-ar-remit.csv" "$RUNS" env AR_CONFIG="$D/ar.ini" "$AR" --as-of "$AS_OF" \
	--unmatched "$D/unmatched.csv" --customers "$D/customers.csv" --journal "$D/journal.csv" "$D/items.csv"
echo "  $(($(wc -l < "$D/out-ar-remit.csv") - 1)) rows"
sed 's/^/   ar-remit said: /' "$D/err-ar-remit.txt"
"$PY" - "$D/out-ar-remit.csv" <<'EOF'
import collections, csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
how = collections.Counter(r["found_by"].split(" ")[0].rstrip(":") or "nobody" for r in rows)
done = collections.Counter(r["done"].split(" on ")[0] for r in rows)
print("   found by: " + ", ".join("%s %d" % kv for kv in how.most_common()))
print("   done: " + ", ".join("%s %d" % kv for kv in done.most_common()))
EOF
timed minimal-remit "$D/out-minimal-remit.csv" "$RUNS" "$D/minimal-remit" "$D/unmatched.csv" \
	"$D/customers.csv" "$D/journal.csv" "$D/items.csv" "$AS_OF"
agrees minimal-remit
if [ -z "$skip_pandas" ]; then
	timed pandas "$D/out-pandas.csv" "$RUNS" "$PY" "$D/remit-pandas.py" "$D/unmatched.csv" \
		"$D/customers.csv" "$D/journal.csv" "$D/items.csv" "$AS_OF"
	agrees pandas
else
	echo "   pandas skipped: $skip_pandas"
fi
echo "ar-remit / minimal C: $(ratio "${sec_ar_remit:-}" "${sec_minimal_remit:-}")" \
	"  ar-remit / pandas: $(ratio "${sec_ar_remit:-}" "${sec_pandas:-}")"
exit $status
