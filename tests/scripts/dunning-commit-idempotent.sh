#!/bin/sh
# dunning-commit-idempotent.sh - ar-dunning --commit appends one journal
# row per channel of every send, and a second --commit run on the same
# as-of date sends nothing and appends nothing (issue 13); without
# --commit the journal is not touched.  In a temporary folder with a
# small policy (three levels, grace days, interest, fees), seven customers
# and a journal:
#
#  1. a dry run: the journal byte for byte as before;
#  2. --commit: the journal gains rows;
#  3. --commit again, the same day: the journal byte for byte as after 2,
#     stderr says 0 rows appended;
#  4. a dry run after them: the journal unchanged again, the same actions
#     as run 3;
#  5. with /usr/bin/python3, in integer minor units (never floats): run
#     1's actions are run 2's (a dry run decides what --commit does); run 3
#     has no send; the rows appended by run 2 are exactly one per channel
#     of each send of run 2 (customer, currency, channel), each with the
#     as-of date, action = channel (letter, email or sms), the send's
#     level, amount = overdue_amount + interest + fee, the row's currency,
#     user ar-dunning and the level's template as the note; the journal's
#     first rows are the ones it started with.
#
# Skips (77) when there is no /usr/bin/python3.
set -eu
py=/usr/bin/python3
command -v ar-dunning >/dev/null || { echo "ar-dunning: not built (not on PATH)"; exit 1; }
[ -x "$py" ] || { echo "$py missing: cannot check the journal rows"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
as_of=2026-11-24

cat >"$tmp/ar.ini" <<'EOF'
[company]
country = MY

[dunning]
grace_days = 3
min_days_between = 14
interest_rate = 18
interest_basis = 365
fee = 0

[dunning.1]
days = 1
min_amount = 100.00
channels = email,sms
template = reminder

[dunning.2]
days = 30
min_amount = 500.00
channels = email,letter
template = second-notice
fee = 10.00

[dunning.3]
days = 60
min_amount = 1000.00
channels = letter
template = final-demand
fee = 50.00
EOF
cat >"$tmp/customers.csv" <<'EOF'
customer,name,status,lang,email,phone,address,country,dunning_block,channel,interest_rate
W01,Mail And Phone Sdn Bhd,active,,w01@example.my,0121111111,1 Jalan Satu,,,,
W02,Second Notice Sdn Bhd,active,,w02@example.my,,2 Jalan Dua,,,,
W03,Taipei Trading Co Ltd,active,zh-Hant,w03@example.tw,,3 Zhongshan Rd,TW,,,
W04,Final Demand Sdn Bhd,active,,w04@example.my,,4 Jalan Empat,,,,
W05,Blocked Sdn Bhd,active,,w05@example.my,,5 Jalan Lima,,yes,,
W06,Disputing Sdn Bhd,active,,w06@example.my,,6 Jalan Enam,,,,
W07,Two Currencies Sdn Bhd,active,,w07@example.my,0127777777,7 Jalan Tujuh,,,sms,
EOF
cat >"$tmp/items.csv" <<'EOF'
customer,doc_no,doc_type,doc_date,due_date,currency,amount,dispute
W01,INV-1,IV,2026-10-15,2026-11-14,MYR,1234.56,
W01,CN-1,CN,2026-11-01,2026-11-01,MYR,-34.56,
W02,INV-2,IV,2026-09-20,2026-10-20,MYR,2500.00,
W02,INV-3,IV,2026-11-01,2026-12-01,MYR,900.00,
W03,INV-4,IV,2026-08-13,2026-09-12,TWD,1234.50,
W03,INV-5,IV,2026-08-13,2026-09-12,TWD,1234.50,
W04,INV-6,IV,2026-07-01,2026-07-31,MYR,4321.09,
W05,INV-7,IV,2026-10-15,2026-11-14,MYR,1000.00,
W06,INV-8,IV,2026-10-15,2026-11-14,MYR,1000.00,
W07,INV-9,IV,2026-10-15,2026-11-14,MYR,700.00,
W07,INV-10,IV,2026-10-15,2026-11-14,USD,250.00,
EOF
cat >"$tmp/journal.csv" <<'EOF'
date,customer,action,level,doc_no,amount,currency,due,channel,ref,user,note
2026-10-01,W02,email,1,,2500.00,MYR,,email,,ar-dunning,reminder
2026-10-20,W04,letter,2,,4331.09,MYR,,letter,,ar-dunning,second-notice
2026-11-02,W04,call,,,,,,phone,,amy,no answer
2026-11-05,W06,dispute,,INV-8,,,,,,amy,short delivery
EOF
cp "$tmp/journal.csv" "$tmp/journal.start"

run() {  # NAME [--commit]: actions to NAME.csv, stderr to NAME.err
	name=$1
	shift
	(cd "$tmp" && ar-dunning --as-of "$as_of" --customers customers.csv --journal journal.csv \
	    "$@" -o "$name.csv" items.csv 2>"$name.err") ||
		{ echo "run $name: ar-dunning exit $?"; cat "$tmp/$name.err"; exit 1; }
}

run dry
cmp -s "$tmp/journal.start" "$tmp/journal.csv" || { echo "a dry run changed the journal"; diff "$tmp/journal.start" "$tmp/journal.csv"; exit 1; }
run first --commit
cmp -s "$tmp/journal.start" "$tmp/journal.csv" && { echo "the first --commit appended nothing"; exit 1; }
cp "$tmp/journal.csv" "$tmp/journal.first"
run second --commit
cmp -s "$tmp/journal.first" "$tmp/journal.csv" || { echo "the second --commit the same day changed the journal:"; diff "$tmp/journal.first" "$tmp/journal.csv"; exit 1; }
grep -q ': 0 journal rows appended to journal.csv$' "$tmp/second.err" ||
	{ echo "the second --commit does not say it appended 0 rows:"; cat "$tmp/second.err"; exit 1; }
run dry-after
cmp -s "$tmp/journal.first" "$tmp/journal.csv" || { echo "a dry run after --commit changed the journal"; exit 1; }
cmp -s "$tmp/second.csv" "$tmp/dry-after.csv" || { echo "a dry run decides otherwise than --commit:"; diff "$tmp/second.csv" "$tmp/dry-after.csv"; exit 1; }
cmp -s "$tmp/dry.csv" "$tmp/first.csv" || { echo "the dry run decided otherwise than --commit:"; diff "$tmp/dry.csv" "$tmp/first.csv"; exit 1; }

"$py" - "$tmp" "$as_of" <<'PY'
import csv, sys
d, as_of = sys.argv[1], sys.argv[2]

def table(name):
    with open(f"{d}/{name}", newline="", encoding="utf-8") as fp:
        return list(csv.DictReader(fp))

def minor(text):
    """'-1234.50' -> -123450 at the text's own decimals: exact, no float."""
    s = text.strip()
    neg = s.startswith("-")
    whole, _, frac = s.lstrip("+-").partition(".")
    if not (whole.isdigit() and (frac == "" or frac.isdigit())):
        raise SystemExit(f"not an amount: {text!r}")
    v = int(whole) * 10 ** len(frac) + (int(frac) if frac else 0)
    return (-v if neg else v), len(frac)

def add(*amounts):
    decs = {dec for _, dec in amounts}
    if len(decs) != 1:
        raise SystemExit(f"amounts with different decimals: {amounts}")
    return sum(v for v, _ in amounts), decs.pop()

bad = []
first, second = table("first.csv"), table("second.csv")
templates = {"1": "reminder", "2": "second-notice", "3": "final-demand"}

# What run 2 sent: one expected journal row per channel of each send.
want = {}
for a in first:
    if a["action"] != "send":
        continue
    channels = a["channel"].split(";")
    if not channels or any(c not in ("letter", "email", "sms") for c in channels):
        bad.append(f"{a['customer']} {a['currency']}: channel {a['channel']!r}")
    demanded = add(minor(a["overdue_amount"]), minor(a["interest"]), minor(a["fee"]))
    for c in channels:
        want[(a["customer"], a["currency"], c)] = (a["level"], demanded)
if len(want) < 4 or not any(a["channel"].count(";") for a in first if a["action"] == "send"):
    bad.append(f"the inputs exercise too little: {len(want)} rows due, no send by two channels")

for a in second:
    if a["action"] == "send":
        bad.append(f"second run the same day sends again: {a['customer']} {a['currency']} level {a['level']}")
    if (a["customer"], a["currency"]) in {(k[0], k[1]) for k in want} and a["reason"] not in ("too_recent", "max_level"):
        bad.append(f"{a['customer']} {a['currency']}: sent in run 2, reason {a['reason']!r} in run 3")

start, journal = table("journal.start"), table("journal.first")
if journal[:len(start)] != start:
    bad.append("the journal's first rows are not the ones it started with")
appended = journal[len(start):]
if len(appended) != len(want):
    bad.append(f"{len(appended)} rows appended, {len(want)} expected (one per channel of each send)")
seen = set()
for r in appended:
    k = (r["customer"], r["currency"], r["channel"])
    where = f"appended row {k}"
    if k in seen:
        bad.append(f"{where}: twice")
    seen.add(k)
    if k not in want:
        bad.append(f"{where}: not a channel of a send")
        continue
    level, demanded = want[k]
    if r["date"] != as_of:
        bad.append(f"{where}: date {r['date']}, expected {as_of}")
    if r["action"] not in ("letter", "email", "sms") or r["action"] != r["channel"]:
        bad.append(f"{where}: action {r['action']!r}, channel {r['channel']!r}")
    if r["level"] != level or not level.isdigit():
        bad.append(f"{where}: level {r['level']!r}, the send's is {level!r}")
    if minor(r["amount"]) != demanded:
        bad.append(f"{where}: amount {r['amount']}, expected overdue + interest + fee = {demanded}")
    if r["user"] != "ar-dunning":
        bad.append(f"{where}: user {r['user']!r}")
    if r["note"] != templates.get(level):
        bad.append(f"{where}: note {r['note']!r}, the level's template is {templates.get(level)!r}")
missing = set(want) - seen
if missing:
    bad.append(f"no journal row for {sorted(missing)}")

if bad:
    print("\n".join(bad[:30]))
    print(f"{len(bad)} problems")
    sys.exit(1)
print(f"ok: {sum(a['action'] == 'send' for a in first)} sends, {len(appended)} journal rows "
      f"appended once; the second run the same day sent nothing")
PY
echo "ok: --commit twice on $as_of appends once; dry runs leave the journal as it was"
