#!/bin/sh
# bench/run-refund.sh - the refund benchmark (issue 19): ar-refund propose
# at 2026-11-30 over 1M open items of 50k customers (invoices, credit
# notes, payments; two companies, MYR with some USD and SGD; about 5 % of
# the customers net in credit: paid twice, overpaid, a credit note after
# payment), the customer master (a few in liquidation or another
# proceeding, some without a bank account or with an invalid one, some not
# in it) and a collections journal of 200k rows (letters, calls, notes,
# disputes raised and resolved), against what a user would pick instead
# (pandas) and against bench/minimal-refund.c, the floor (fgets, a split,
# hash tables, integers, qsort).  Each peer's proposal.csv is checked
# against ar-refund's byte for byte.  Then ar-refund pay on the proposal
# with every proposed row approved: the pain.001 (checked once against
# the ISO 20022 schema with xmllint, outside the timing) and the journal's
# refund rows, against minimal-refund pay and pandas doing the same, the
# pain.001 checked byte for byte.
#
#   sh bench/run-refund.sh                            1,000,000 items
#   BENCH_REFUND_ITEMS=100000 sh bench/run-refund.sh  a smaller run
#
# Environment: BUILD (default build), CC, BENCH_RUNS (default 3),
# BENCH_TIMEOUT (default 1800).  Data goes to bench/data/refund-ITEMS/,
# made by the seeded Python below when this script or the size changes.
# Prints the figures; does not write bench/RESULTS.md.  Exit 1 when a tool
# fails or disagrees with ar-refund.
set -u

cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
CC=${CC:-cc}
AR=$BUILD/bin/ar-refund
PY=/usr/bin/python3
TIME=/usr/bin/time
ITEMS=${BENCH_REFUND_ITEMS:-1000000}
RUNS=${BENCH_RUNS:-3}
TIMEOUT=${BENCH_TIMEOUT:-1800}
D=bench/data/refund-$ITEMS
AS_OF=2026-11-30
VALUE_DATE=2026-12-02
XSD=tests/data/pain.001.001.03.xsd

die() { echo "bench: $*" >&2; exit 1; }

[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
[ -x "$PY" ] || die "$PY missing"
[ -x "$AR" ] || die "$AR missing: make BUILD=$BUILD"
mkdir -p "$D" || exit 1
$CC -std=c17 -Wall -Wextra -Wpedantic -O2 -o "$D/minimal-refund" bench/minimal-refund.c ||
	die "cannot build bench/minimal-refund.c"

stamp="$(cksum < bench/run-refund.sh | cut -d' ' -f1) $ITEMS"
if [ "$(cat "$D/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $ITEMS open items into $D ..."
	"$PY" - "$D" "$ITEMS" "$AS_OF" <<'EOF' || die "cannot generate the data"
# The open items as an ERP exports them, customer by customer; the master
# and the journal as artools reads them.
import datetime, random, sys
d, nitems, as_of = sys.argv[1], int(sys.argv[2]), datetime.date.fromisoformat(sys.argv[3])
rnd = random.Random(19)
ncust = max(100, nitems // 20)
start = as_of - datetime.timedelta(days=540)
day_text = [(start + datetime.timedelta(days=i)).isoformat() for i in range(700)]
today = (as_of - start).days

with open(d + "/ar.ini", "w") as f:
    f.write("[company]\nname = Bench Berhad\ndefault_currency = MYR\n"
            "bank_account = 5140-1100-9988\nbank_swift = MBBEMYKL\n")

def money(c):
    return ("-" if c < 0 else "") + "%d.%02d" % divmod(abs(c), 100)

def cell(s):
    return '"' + s.replace('"', '""') + '"' if "," in s or '"' in s else s

words = ["Maju", "Jaya", "Sinar", "Cahaya", "Bumi", "Mutiara", "Gemilang", "Harmoni", "Kenanga",
         "Lestari", "Delima", "Fajar", "Indah", "Wawasan", "Setia", "Murni", "Permata", "Teguh",
         "Sentosa", "Makmur", "Hup Seng", "Kim Loong", "Eng Hin", "Tat Lee", "Golden", "Pacific"]
trades = ["Trading", "Hardware", "Foods", "Motors", "Logistics", "Retail", "Supplies", "Printing",
          "Steel", "Electrical", "Paints", "Glass", "Engineering", "Textiles", "Plastics"]
forms = ["Sdn. Bhd.", "Sdn. Bhd.", "Sdn. Bhd.", "Enterprise", "Berhad", "& Co", "Trading Co"]
holders = ["Lim Ah Kow", "Tan Mei Ling", "Siti Aminah binti Yusof", "Raj Kumar a/l Muthu",
           "Wong Kar Fai", "Nurul Huda"]
bics = ["MBBEMYKL", "CIBBMYKL", "PBBEMYKL", "RHBBMYKL", "HLBBMYKL", "AMMBMYKL", "BIMBMYKL",
        "MBBEMYKLXXX", "OCBCMYKL", "UOVBMYKL"]
proceedings = ["liquidation", "administration", "judicial_management", "bankruptcy"]
customers = ["C%06d" % i for i in range(ncust)]

with open(d + "/customers.csv", "w") as f:
    f.write("customer,name,status,status_date,bank_account,bank_code,bank_holder\n")
    for c in customers:
        if rnd.random() < 0.005:
            continue        # not in the master: its items name it only
        name = "%s %s %s %s" % (rnd.choice(words), rnd.choice(words), rnd.choice(trades), rnd.choice(forms))
        if rnd.random() < 0.01:
            name = name.replace(" ", ", ", 1)
        r = rnd.random()
        status, sdate = ("", "") if r < 0.3 else ("active", "")
        if r > 0.985:
            status, sdate = rnd.choice(proceedings), day_text[rnd.randrange(today)]
        r = rnd.random()
        if r < 0.08:
            acct, bic = "", ""
        else:
            digits = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(10, 14)))
            k = rnd.random()
            acct = digits if k < 0.5 else " ".join((digits[:4], digits[4:8], digits[8:])) if k < 0.8 \
                else "-".join((digits[:4], digits[4:8], digits[8:]))
            bic = rnd.choice(bics)
            if r < 0.10:
                acct = rnd.choice(("12-34", "ACC" + digits[:8], digits + "99999999"))
            elif r < 0.115:
                bic = rnd.choice(("MBBEMY", "mbbemykl", "MBBEMY1L", "CIBB MYKL"))
        holder = rnd.choice(holders) if acct and rnd.random() < 0.15 else ""
        f.write("%s,%s,%s,%s,%s,%s,%s\n" % (c, cell(name), status, sdate, acct, bic, holder))

seq = {"INV": 0, "CN": 0, "PAY": 0}
disputes = ("price", "short delivery", "damaged goods")
n = 0
with open(d + "/items.csv", "w") as f:
    f.write("customer,doc_no,doc_type,doc_date,due_date,currency,amount,company,dispute\n")
    for ci, c in enumerate(customers):
        if n >= nitems:
            break
        credit = rnd.random() < 0.05
        # a customer in credit paid twice, or overpaid: few items are left open
        count = min(rnd.randint(1, 6) if credit else rnd.randint(4, 38), nitems - n)
        rows = []
        other = rnd.choice(("USD", "SGD")) if rnd.random() < 0.06 else None
        second = rnd.random() < 0.10
        cur = other if credit and other and rnd.random() < 0.3 else "MYR"

        def item(kind, company, currency, amount, day):
            seq[kind] += 1
            rows.append((company, currency, "%s%08d" % (kind, seq[kind]), kind, day, amount))

        ncredits = (1 if rnd.random() < 0.7 else 2) if credit else 0
        for k in range(max(0, count - ncredits)):
            company = "2000" if second and rnd.random() < 0.25 else "1000"
            currency = other if other and rnd.random() < 0.15 else "MYR"
            day = today - rnd.randint(0, 540)
            if rnd.random() < 0.05:
                item("CN", company, currency, -rnd.randint(5000, 50000), day)
            else:
                item("INV", company, currency, rnd.randint(10000, 2000000), day)
        if credit:
            # a payment twice, or an overpayment: credits bigger than what is open
            due = max(0, sum(a for co, cu, _, _, _, a in rows if co == "1000" and cu == cur))
            due += rnd.randint(5000, 5000000)
            for a in ([due] if ncredits == 1 else [due // 2, due - due // 2]):
                day = today - rnd.randint(0, 29) if rnd.random() < 0.2 else today - rnd.randint(30, 400)
                item("PAY" if rnd.random() < 0.8 else "CN", "1000", cur, -a, day)
        elif rnd.random() < 0.003:
            # settled exactly: a payment as big as the balance, no row
            tot = sum(a for co, cu, _, _, _, a in rows if cu == "MYR")
            if tot > 0:
                item("PAY", "1000", "MYR", -tot, today - rnd.randint(0, 200))
        for company, currency, doc, kind, day, amount in rows:
            dispute = rnd.choice(disputes) if kind == "INV" and rnd.random() < 0.003 else ""
            due = day + 30 if kind == "INV" else day
            f.write("%s,%s,%s,%s,%s,%s,%s,%s,%s\n" % (c, doc, kind, day_text[day], day_text[due],
                    currency, money(amount), company, dispute))
        n += len(rows)

# The journal: a year and a half of collections, disputes raised and resolved,
# a few refunds of an earlier run, a few rows after the as-of date.
rows = []
users = ["amy", "ben", "siti"]
for _ in range(max(1000, nitems // 5)):
    day = rnd.randint(0, today + 5)
    c = customers[rnd.randrange(ncust)]
    r = rnd.random()
    if r < 0.45:
        lv = rnd.randint(1, 3)
        rows.append((day, "%s,%s,letter,%d,,%s,MYR,,letter,,ar-dunning,reminder" % (day_text[day], c, lv,
                     money(rnd.randint(1000, 5000000)))))
    elif r < 0.70:
        rows.append((day, "%s,%s,call,,,,,,phone,,%s,no answer" % (day_text[day], c, rnd.choice(users))))
    elif r < 0.90:
        rows.append((day, "%s,%s,note,,,,,,,,%s,statement sent" % (day_text[day], c, rnd.choice(users))))
    elif r < 0.995:
        doc = "INV%08d" % rnd.randint(1, max(1, seq["INV"])) if rnd.random() < 0.9 else ""
        rows.append((day, "%s,%s,dispute,,%s,,,,,,%s,wrong price" % (day_text[day], c, doc, rnd.choice(users))))
        if rnd.random() < 0.5:
            later = day + rnd.randint(0, 60)
            rows.append((later, "%s,%s,dispute_resolved,,%s,,,,,,%s,credit note issued" % (
                day_text[later], c, doc, rnd.choice(users))))
    else:
        a = rnd.randint(1000, 500000)
        rows.append((day, "%s,%s,refund,,,%s,MYR,,,R-%s-MYR-20251031,finance,pain.001 REFUND-20251031-0badf00d" % (
            day_text[day], c, money(a), c)))
rows.sort(key=lambda x: x[0])
with open(d + "/journal.csv", "w") as f:
    f.write("date,customer,action,level,doc_no,amount,currency,due,channel,ref,user,note\n")
    f.write("".join(t + "\n" for _, t in rows))
EOF
	echo "$stamp" > "$D/stamp"
fi

cat > "$D/refund-pandas.py" <<'EOF'
import sys
import numpy as np
import pandas as pd
verb = sys.argv[1]

def text(s):
    q = s.str.contains(r'[",\r\n]') | s.str.contains(r"^[ \t]|[ \t]$")
    return s.where(~q, '"' + s.str.replace('"', '""') + '"')

def cents(s):
    neg = s.str.startswith("-")
    w = s.str.lstrip("-").str.split(".", expand=True)
    v = w[0].astype(np.int64) * 100 + w[1].astype(np.int64)
    return np.where(neg, -v, v)

def money(v):
    v = pd.Series(v).astype(np.int64)
    a = v.abs()
    return pd.Series(np.where(v < 0, "-", ""), index=v.index) + (a // 100).astype(str) + "." + \
        (a % 100).astype(str).str.zfill(2)

def master(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False).set_index("customer")

if verb == "propose":
    items, customers, journal, as_of = sys.argv[2:6]
    it = pd.read_csv(items, dtype=str, keep_default_na=False,
                     usecols=["customer", "doc_no", "doc_date", "due_date", "currency", "amount",
                              "company", "dispute"])
    it["cents"] = cents(it.amount)
    it["day"] = pd.to_datetime(it.doc_date.where(it.doc_date != "", it.due_date))
    it["credit_day"] = it.day.where(it.cents < 0)
    g = it.groupby(["customer", "company", "currency"], sort=False).agg(
        balance=("cents", "sum"), newest=("credit_day", "max"))
    owes = g.balance.gt(0).groupby(level="customer").any()
    cur = g.groupby(level=["customer", "currency"]).agg(amount=("balance", "sum"), newest=("newest", "max"))
    cur = cur[cur.amount < 0].reset_index()
    disputed_item = it[it.dispute != ""].customer.unique()
    keys = cur.customer + "\x00" + cur.currency
    ik = it.customer + "\x00" + it.currency
    docs = it[ik.isin(set(keys))].assign(k=ik).groupby("k", sort=False).doc_no.agg(";".join)
    cur["items"] = keys.map(docs)

    j = pd.read_csv(journal, dtype=str, keep_default_na=False, usecols=["date", "customer", "action", "doc_no"])
    j["line"] = np.arange(len(j))
    j = j[j.action.isin(["dispute", "dispute_resolved"]) & (j.date <= as_of)].sort_values(["date", "line"])
    j["seq"] = np.arange(len(j))
    last = j.groupby(["customer", "doc_no", "action"]).seq.max().unstack()
    raised = last.get("dispute", pd.Series(np.nan, index=last.index))
    resolved = last.get("dispute_resolved", pd.Series(np.nan, index=last.index))
    open_ = raised.notna() & (resolved.isna() | (raised > resolved))
    journal_disputed = set(open_[open_].index.get_level_values("customer"))

    m = master(customers)
    mm = m.reindex(cur.customer)
    known = mm.name.notna().to_numpy()
    mm = mm.fillna("")
    name = mm.name.to_numpy()
    acct = mm.bank_account.to_numpy()
    bic = mm.bank_code.to_numpy()
    holder = np.where(mm.bank_holder != "", mm.bank_holder, mm.name)
    digits = pd.Series(acct).str.replace(r"[ \t-]", "", regex=True)
    acct_ok = digits.str.fullmatch(r"[0-9]{5,20}").to_numpy()
    bic_ok = pd.Series(bic).str.fullmatch(r"[A-Z]{6}[A-Z2-9][A-NP-Z0-9](?:[A-Z0-9]{3})?").to_numpy()
    insolvent = known & mm.status.isin(["liquidation", "administration", "judicial_management", "bankruptcy"]).to_numpy()
    dispute = cur.customer.isin(disputed_item).to_numpy() | cur.customer.isin(journal_disputed).to_numpy()
    odeb = cur.customer.map(owes).to_numpy()
    age = (pd.Timestamp(as_of) - cur.newest).dt.days.to_numpy()
    recent = cur.newest.notna().to_numpy() & (age < 30)
    reason = np.select([insolvent, dispute, odeb, recent, acct == "", ~(acct_ok & bic_ok)],
                       ["insolvent", "dispute", "open_debits", "too_recent", "no_bank_account",
                        "bank_account_invalid"], "")
    out = pd.DataFrame({
        "refund_id": "R-" + cur.customer + "-" + cur.currency + "-" + as_of.replace("-", ""),
        "customer": cur.customer, "name": text(pd.Series(name)), "currency": cur.currency,
        "amount": money(-cur.amount), "items": cur["items"], "bank_holder": text(pd.Series(holder)),
        "bank_account": acct, "bank_code": bic, "value_date": "",
        "status": np.where(reason == "", "proposed", "excluded"), "reason": reason,
    })
    out["_c"] = cur.customer.to_numpy()
    out["_k"] = cur.currency.to_numpy()
    out = out.sort_values(["_c", "_k"], kind="stable").drop(columns=["_c", "_k"])
    w = sys.stdout
    w.write(",".join(out.columns) + "\n")
    if len(out):
        out = out.astype(str)
        w.write("\n".join(out.iloc[:, 0].str.cat([out[c] for c in out.columns[1:]], sep=",")) + "\n")
    sys.exit(0)

# pay: the approved rows, checked against the master, as a pain.001; journal rows appended
import hashlib
approved, customers, journal, as_of, value_date, user = sys.argv[2:8]
ap = pd.read_csv(approved, dtype=str, keep_default_na=False)
paid = pd.read_csv(journal, dtype=str, keep_default_na=False, usecols=["action", "ref"])
paid = set(paid[paid.action == "refund"].ref)
ap = ap[(ap.status == "approved") & ~ap.refund_id.isin(paid)].copy()
m = master(customers).reindex(ap.customer).fillna("")
holder = np.where(m.bank_holder != "", m.bank_holder, m.name)
strip = lambda s: s.str.replace(r"[ \t-]", "", regex=True)
if not ((strip(m.bank_account).to_numpy() == strip(ap.bank_account).to_numpy()).all() and
        (m.bank_code.to_numpy() == ap.bank_code.to_numpy()).all() and (holder == ap.bank_holder.to_numpy()).all()):
    sys.exit("bank details differ from the master")
ap["value_date"] = ap.value_date.where(ap.value_date != "", value_date)
ap["cents"] = cents(ap.amount)
ap["digits"] = strip(ap.bank_account)

def fnv(h, s):
    for b in s.encode():
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return (h * 16777619) & 0xFFFFFFFF

h = 2166136261
for r in zip(ap.refund_id, ap.amount, ap.currency, ap.value_date, ap.bank_account, ap.bank_code):
    for s in r:
        h = fnv(h, s)
msg = "REFUND-%s-%08x" % (as_of.replace("-", ""), h)
esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
debtor = ("Bench Berhad", "514011009988", "MBBEMYKL", "DEBT")
total = int(ap.cents.sum())
o = ['<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">\n'
     "  <CstmrCdtTrfInitn>\n    <GrpHdr>\n      <MsgId>%s</MsgId>\n      <CreDtTm>%sT00:00:00</CreDtTm>\n"
     "      <NbOfTxs>%d</NbOfTxs>\n      <CtrlSum>%d.%02d</CtrlSum>\n      <InitgPty>\n        <Nm>%s</Nm>\n"
     "      </InitgPty>\n    </GrpHdr>\n" % (msg, as_of, len(ap), total // 100, total % 100, debtor[0])]
for b, ((vd, cu), g) in enumerate(ap.groupby(["value_date", "currency"], sort=True)):
    s = int(g.cents.sum())
    o.append("    <PmtInf>\n      <PmtInfId>%s-%d</PmtInfId>\n      <PmtMtd>TRF</PmtMtd>\n"
             "      <BtchBookg>false</BtchBookg>\n      <NbOfTxs>%d</NbOfTxs>\n      <CtrlSum>%d.%02d</CtrlSum>\n"
             "      <ReqdExctnDt>%s</ReqdExctnDt>\n      <Dbtr>\n        <Nm>%s</Nm>\n      </Dbtr>\n"
             "      <DbtrAcct>\n        <Id>\n          <Othr>\n            <Id>%s</Id>\n          </Othr>\n"
             "        </Id>\n      </DbtrAcct>\n      <DbtrAgt>\n        <FinInstnId>\n          <BIC>%s</BIC>\n"
             "        </FinInstnId>\n      </DbtrAgt>\n      <ChrgBr>%s</ChrgBr>\n" % (
                 msg, b + 1, len(g), s // 100, s % 100, vd, debtor[0], debtor[1], debtor[2], debtor[3]))
    for rid, amt, ccy, bic, nm, dg in zip(g.refund_id, g.amount, g.currency, g.bank_code, g.bank_holder, g.digits):
        o.append("      <CdtTrfTxInf>\n        <PmtId>\n          <EndToEndId>%s</EndToEndId>\n        </PmtId>\n"
                 "        <Amt>\n          <InstdAmt Ccy=\"%s\">%s</InstdAmt>\n        </Amt>\n"
                 "        <CdtrAgt>\n          <FinInstnId>\n            <BIC>%s</BIC>\n          </FinInstnId>\n"
                 "        </CdtrAgt>\n        <Cdtr>\n          <Nm>%s</Nm>\n        </Cdtr>\n"
                 "        <CdtrAcct>\n          <Id>\n            <Othr>\n              <Id>%s</Id>\n"
                 "            </Othr>\n          </Id>\n        </CdtrAcct>\n        <RmtInf>\n"
                 "          <Ustrd>Refund of credit balance %s</Ustrd>\n        </RmtInf>\n      </CdtTrfTxInf>\n" % (
                     rid, ccy, amt, bic, esc(nm[:140]), dg, rid))
    o.append("    </PmtInf>\n")
o.append("  </CstmrCdtTrfInitn>\n</Document>\n")
sys.stdout.write("".join(o))
with open(journal, "a") as f:
    note = "pain.001 " + msg
    f.write("".join("%s,%s,refund,,,%s,%s,,,%s,%s,%s\n" % (vd, c, a, cu, rid, user, note) for vd, c, a, cu, rid in
                    zip(ap.value_date, ap.customer, ap.amount, ap.currency, ap.refund_id)))
EOF

status=0
NAME_WIDTH=20
. bench/peers.sh
find_peers

echo "ar-refund propose: $(($(wc -l < "$D/items.csv") - 1)) open items, $(($(wc -l < "$D/customers.csv") - 1))" \
	"customers in the master, $(($(wc -l < "$D/journal.csv") - 1)) journal rows, as of $AS_OF"
timed ar-refund "$D/out-ar-refund.csv" "$RUNS" env AR_CONFIG="$D/ar.ini" "$AR" propose \
	--as-of "$AS_OF" --customers "$D/customers.csv" --journal "$D/journal.csv" "$D/items.csv"
echo "  $(($(wc -l < "$D/out-ar-refund.csv") - 1)) rows, $(grep -c ',proposed,$' "$D/out-ar-refund.csv") proposed"
sed 's/^/   ar-refund said: /' "$D/err-ar-refund.txt"
timed minimal-refund "$D/out-minimal-refund.csv" "$RUNS" "$D/minimal-refund" propose "$D/items.csv" \
	"$D/customers.csv" "$D/journal.csv" "$AS_OF"
if cmp -s "$D/out-ar-refund.csv" "$D/out-minimal-refund.csv"; then echo "  agrees"; else echo "  DISAGREES"; status=1; fi
if [ -z "$skip_pandas" ]; then
	timed pandas "$D/out-pandas.csv" "$RUNS" "$PY" "$D/refund-pandas.py" propose "$D/items.csv" \
		"$D/customers.csv" "$D/journal.csv" "$AS_OF"
	if cmp -s "$D/out-ar-refund.csv" "$D/out-pandas.csv"; then echo "  agrees"; else echo "  DISAGREES"; status=1; fi
else
	echo "   pandas skipped: $skip_pandas"
fi
echo "ar-refund / minimal C: $(ratio "${sec_ar_refund:-}" "${sec_minimal_refund:-}")" \
	"  ar-refund / pandas: $(ratio "${sec_ar_refund:-}" "${sec_pandas:-}")"

# pay: every proposed row approved; each run pays into a fresh copy of the
# journal (the cp takes about 0.02 s of each run, the same for every peer).
awk -F, 'BEGIN { OFS = "," } NR > 1 && /,proposed,$/ { sub(/,proposed,$/, ",approved,") } { print }' \
	"$D/out-ar-refund.csv" > "$D/approved.csv"
echo "ar-refund pay: $(grep -c ',approved,$' "$D/approved.csv") approved rows, value date $VALUE_DATE"
# shellcheck disable=SC2016 # the inner sh expands its own arguments (likewise below)
timed ar-refund-pay "$D/out-ar-refund-pay.txt" "$RUNS" sh -c 'cp "$1/journal.csv" "$1/pay-journal.csv" &&
	AR_CONFIG="$1/ar.ini" USER=finance exec "$2" pay --as-of "$3" --value-date "$4" --approved "$1/approved.csv" \
	--customers "$1/customers.csv" --journal "$1/pay-journal.csv" --xml "$1/pain001-ar.xml"' sh "$D" "$AR" \
	"$AS_OF" "$VALUE_DATE"
echo "  $(($(wc -l < "$D/pay-journal.csv") - $(wc -l < "$D/journal.csv"))) journal rows appended"
sed 's/^/   ar-refund said: /' "$D/err-ar-refund-pay.txt"
cp "$D/pay-journal.csv" "$D/pay-journal-ar.csv"
if command -v xmllint >/dev/null; then
	if xmllint --noout --schema "$XSD" "$D/pain001-ar.xml" 2> "$D/xmllint.txt"; then
		echo "   pain001-ar.xml validates against $XSD"
	else
		tail -3 "$D/xmllint.txt"; echo "   pain001-ar.xml DOES NOT VALIDATE"; status=1
	fi
else
	echo "   xmllint not installed: the pain.001 is not checked against the schema"
fi
# shellcheck disable=SC2016
timed minimal-refund-pay "$D/pain001-minimal.xml" "$RUNS" sh -c 'cp "$1/journal.csv" "$1/pay-journal.csv" &&
	exec "$1/minimal-refund" pay "$1/approved.csv" "$1/customers.csv" "$1/pay-journal.csv" "$2" "$3" finance' \
	sh "$D" "$AS_OF" "$VALUE_DATE"
if cmp -s "$D/pain001-ar.xml" "$D/pain001-minimal.xml" && cmp -s "$D/pay-journal-ar.csv" "$D/pay-journal.csv"; then
	echo "  agrees"
else
	echo "  DISAGREES"; status=1
fi
if [ -z "$skip_pandas" ]; then
	# shellcheck disable=SC2016
	timed pandas-pay "$D/pain001-pandas.xml" "$RUNS" sh -c 'cp "$1/journal.csv" "$1/pay-journal.csv" &&
		exec "$4" "$1/refund-pandas.py" pay "$1/approved.csv" "$1/customers.csv" "$1/pay-journal.csv" "$2" "$3" finance' \
		sh "$D" "$AS_OF" "$VALUE_DATE" "$PY"
	if cmp -s "$D/pain001-ar.xml" "$D/pain001-pandas.xml" && cmp -s "$D/pay-journal-ar.csv" "$D/pay-journal.csv"; then
		echo "  agrees"
	else
		echo "  DISAGREES"; status=1
	fi
fi
echo "ar-refund pay / minimal C: $(ratio "${sec_ar_refund_pay:-}" "${sec_minimal_refund_pay:-}")" \
	"  ar-refund pay / pandas: $(ratio "${sec_ar_refund_pay:-}" "${sec_pandas_pay:-}")"
exit $status
