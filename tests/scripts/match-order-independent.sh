#!/bin/sh
# match-order-independent.sh - ar-match gives the same outputs whatever
# the order of the payments and of the items (issue 12), and every cent
# is accounted for.  On a deterministic noisy feed of bench/gen-match.c
# (3,000 items, 400 payments, 150 customers, seed 7):
#
#  1. run A: the feed as generated; run B: the payments in reverse order
#     (header kept): allocations, unmatched, suggestions and --open-out
#     byte-identical to A's, and the summary on stderr too;
#  2. run C: the payments reversed and the items shuffled: allocations,
#     unmatched and suggestions byte-identical to A's; --open-out keeps
#     the items file's order, so its rows are A's in another order (the
#     same sorted);
#  3. with /usr/bin/python3, in integer minor units (never floats), on A:
#     for every payment, its allocations except bank_charge plus its
#     unmatched amount (0 when it has no row) equal its amount; no item
#     (customer, doc_no, currency) is allocated more than its amount, nor
#     against its sign; every allocated doc_no is an item; and open-after
#     holds, per item, its amount less what was allocated (rows settled
#     in full dropped).
#
# Skips (77) when there is no C compiler or no /usr/bin/python3.
set -eu
cc=${CC:-cc}
py=/usr/bin/python3
command -v ar-match >/dev/null || { echo "ar-match: not built (not on PATH)"; exit 1; }
command -v "$cc" >/dev/null || { echo "no C compiler ($cc): cannot build bench/gen-match.c"; exit 77; }
[ -x "$py" ] || { echo "$py missing: cannot check the invariants"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

$cc -O2 -o "$tmp/gen" bench/gen-match.c
mkdir "$tmp/feed"
"$tmp/gen" 3000 400 150 7 "$tmp/feed" 2>/dev/null
f=$tmp/feed

# The shuffled inputs, row by row (quoted cells hold commas): payments
# reversed, items in a fixed pseudo-random order.
"$py" - "$f" <<'PY'
import csv, random, sys
d = sys.argv[1]
def rows(name):
    with open(f"{d}/{name}", newline="", encoding="utf-8") as fp:
        r = list(csv.reader(fp))
    return r[0], r[1:]
def write(name, head, body):
    with open(f"{d}/{name}", "w", newline="", encoding="utf-8") as fp:
        w = csv.writer(fp, lineterminator="\n")
        w.writerow(head)
        w.writerows(body)
head, body = rows("payments.csv")
write("payments-reversed.csv", head, body[::-1])
head, body = rows("items.csv")
random.Random(20261124).shuffle(body)
write("items-shuffled.csv", head, body)
PY
cmp -s "$f/payments.csv" "$f/payments-reversed.csv" && { echo "payments-reversed.csv is not reordered"; exit 1; }
cmp -s "$f/items.csv" "$f/items-shuffled.csv" && { echo "items-shuffled.csv is not reordered"; exit 1; }

run() {  # NAME ITEMS PAYMENTS
	mkdir "$tmp/$1"
	ar-match --items "$f/$2" --customers "$f/customers.csv" \
	    -o "$tmp/$1/allocations.csv" --unmatched "$tmp/$1/unmatched.csv" \
	    --suggestions "$tmp/$1/suggestions.csv" --open-out "$tmp/$1/open-after.csv" \
	    "$f/$3" 2>"$tmp/$1/summary.txt" || { echo "run $1: ar-match exit $?"; cat "$tmp/$1/summary.txt"; exit 1; }
}
run A items.csv payments.csv
run B items.csv payments-reversed.csv
run C items-shuffled.csv payments-reversed.csv

for o in allocations.csv unmatched.csv suggestions.csv open-after.csv summary.txt; do
	cmp "$tmp/A/$o" "$tmp/B/$o" || { echo "payments reversed: $o differs"; diff "$tmp/A/$o" "$tmp/B/$o" | head -20; exit 1; }
done
for o in allocations.csv unmatched.csv suggestions.csv summary.txt; do
	cmp "$tmp/A/$o" "$tmp/C/$o" || { echo "items shuffled too: $o differs"; diff "$tmp/A/$o" "$tmp/C/$o" | head -20; exit 1; }
done
[ "$(head -n 1 "$tmp/A/open-after.csv")" = "$(head -n 1 "$tmp/C/open-after.csv")" ] ||
	{ echo "items shuffled: open-after header differs"; exit 1; }
tail -n +2 "$tmp/A/open-after.csv" | LC_ALL=C sort >"$tmp/A.sorted"
tail -n +2 "$tmp/C/open-after.csv" | LC_ALL=C sort >"$tmp/C.sorted"
cmp "$tmp/A.sorted" "$tmp/C.sorted" || { echo "items shuffled: open-after rows differ"; exit 1; }

"$py" - "$f" "$tmp/A" <<'PY'
import csv, sys
from collections import defaultdict
feed, out = sys.argv[1], sys.argv[2]

def table(path):
    with open(path, newline="", encoding="utf-8") as fp:
        return list(csv.DictReader(fp))

def minor(text, decimals=None):
    """'-1234.50' -> (-123450, 2): exact, no float."""
    s = text.strip()
    neg = s.startswith("-")
    s = s.lstrip("+-")
    whole, _, frac = s.partition(".")
    if not (whole.isdigit() and (frac == "" or frac.isdigit())):
        raise SystemExit(f"not an amount: {text!r}")
    v = int(whole) * 10 ** len(frac) + (int(frac) if frac else 0)
    if decimals is not None and len(frac) != decimals:
        raise SystemExit(f"{text!r}: {len(frac)} decimals, expected {decimals}")
    return (-v if neg else v), len(frac)

bad = []
decimals = {}                     # currency -> decimals, as the payments write it
pay = {}
for p in table(f"{feed}/payments.csv"):
    v, d = minor(p["amount"])
    if decimals.setdefault(p["currency"], d) != d:
        bad.append(f"{p['payment_id']}: {p['currency']} written with {d} decimals")
    pay[p["payment_id"]] = (p["currency"], v)

alloc = table(f"{out}/allocations.csv")
unm = table(f"{out}/unmatched.csv")
applied = defaultdict(int)
for a in alloc:
    if a["payment_id"] not in pay:
        bad.append(f"allocation of unknown payment {a['payment_id']}")
        continue
    cur, _ = pay[a["payment_id"]]
    if a["currency"] != cur:
        bad.append(f"{a['payment_id']}: allocation in {a['currency']}, payment in {cur}")
    v, _ = minor(a["amount"], decimals[cur])
    if a["rule"] == "bank_charge":
        if v <= 0 or a["doc_no"] == "":
            bad.append(f"{a['payment_id']}: bank_charge {a['amount']} on {a['doc_no']!r}")
    else:
        applied[a["payment_id"]] += v
left = {}
for u in unm:
    if u["payment_id"] in left:
        bad.append(f"{u['payment_id']}: two unmatched rows")
    cur, _ = pay.get(u["payment_id"], (u["currency"], 0))
    left[u["payment_id"]], _ = minor(u["amount"], decimals.get(cur))
for pid, (cur, amount) in pay.items():
    if applied[pid] + left.get(pid, 0) != amount:
        bad.append(f"{pid}: allocations {applied[pid]} + unmatched {left.get(pid, 0)} "
                   f"!= amount {amount} (minor units of {cur})")

# Items: (customer, doc_no, currency) -> amount in minor units (a key twice: summed).
item = defaultdict(int)
item_decimals = {}
for it in table(f"{feed}/items.csv"):
    k = (it["customer"], it["doc_no"], it["currency"])
    v, d = minor(it["amount"])
    item[k] += v
    item_decimals[it["currency"]] = d
taken = defaultdict(int)
for a in alloc:
    if a["doc_no"] == "":
        if a["rule"] != "on_account":
            bad.append(f"{a['payment_id']}: {a['rule']} without a doc_no")
        continue
    k = (a["customer"], a["doc_no"], a["currency"])
    if k not in item:
        bad.append(f"{a['payment_id']}: allocated to {k}, not an item")
        continue
    taken[k] += minor(a["amount"])[0]
for k, t in taken.items():
    amount = item[k]
    if (amount > 0 and not 0 <= t <= amount) or (amount < 0 and not amount <= t <= 0):
        bad.append(f"{k}: allocated {t}, its amount is {amount} (minor units)")

# open-after: per item what is left; items settled in full are gone.
after = defaultdict(int)
for it in table(f"{out}/open-after.csv"):
    after[(it["customer"], it["doc_no"], it["currency"])] += minor(it["amount"])[0]
for k, amount in item.items():
    want = amount - taken.get(k, 0)
    if after.get(k, 0) != want:
        bad.append(f"open-after {k}: {after.get(k, 0)}, expected {want}")

if bad:
    print("\n".join(bad[:30]))
    print(f"{len(bad)} invariant breaches")
    sys.exit(1)
print(f"ok: {len(pay)} payments, {len(alloc)} allocations, {len(unm)} unmatched rows, "
      f"{len(taken)} items touched; every cent accounted for")
PY
echo "ok: the same outputs with payments reversed and items shuffled"
