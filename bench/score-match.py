#!/usr/bin/python3
"""score-match.py - score cash-application allocations against the truth.

    score-match.py [--items ITEMS] TRUTH ALLOCATIONS [UNMATCHED]

TRUTH is bench/gen-match's truth.csv (payment_id, customer, doc_no,
currency, amount, rule[, case]); ALLOCATIONS is the allocations stream
(payment_id, customer, doc_no, currency, amount, rule[, confidence]), as
ar-match or bench/fifo-match write it; UNMATCHED (optional) is ar-match's
unmatched.csv (payment_id, ..., amount, ...: the amount left unapplied).
--items gives the open items (items stream) so that over-allocated items
are found too.  Money is exact (decimal.Decimal); standard library only.

Definitions (one row key = customer, doc_no, currency, and whether the row
is a bank_charge; rows of one payment with the same key are summed):

- applied: allocation rows with a customer.  A row with no customer, or
  rule `unidentifiable` (truth.csv fed back as allocations), is not applied.
- precision: sum over payments and keys of min(applied, truth) for positive
  amounts, over the sum of |applied|.  The label of a non-charge row
  (reference, exact_amount, combination, partial) does not matter; a
  bank_charge row is right only against a truth bank_charge row of the same
  item, an on_account row (empty doc_no) only against the truth's on_account
  row of the same customer.
- auto-match rate: over identifiable payments (the truth has a customer),
  the share whose applied rows equal the truth's, key by key, to the cent,
  and, when UNMATCHED is given, with nothing of them left in it.  An
  unidentifiable payment is never auto-matched (no one can place it): it is
  reported apart as "held back" when nothing of it was applied.
- the payment amount is the truth's sum without bank_charge rows.

Invariant breaches (each listed, the first 10 of each kind): a payment's
applied amount (without bank_charge) above its amount; with UNMATCHED,
applied + unmatched different from the amount; a row in another currency
than the payment; an allocation for a payment the truth does not know;
with --items, an item whose allocations (with bank_charge) exceed its open
amount or go against its sign, or an allocation to an unknown item.

Prints the figures and a last line "SCORE precision=P auto_match=A
breaches=N".  Exit 0, 1 when there is a breach, 2 on unreadable input.
"""
import csv
import signal
import sys
from collections import defaultdict
from decimal import Decimal, InvalidOperation

csv.field_size_limit(1 << 24)


def die(msg):
    print("score-match: " + msg, file=sys.stderr)
    sys.exit(2)


def rows(path, need):
    try:
        f = open(path, newline="", encoding="utf-8-sig")
    except OSError as e:
        die("%s: %s" % (path, e.strerror))
    r = csv.reader(f)
    try:
        head = next(r)
    except StopIteration:
        die("%s: empty file, expected a header" % path)
    col = {name: i for i, name in enumerate(head)}
    for n in need:
        if n not in col:
            die("%s:1: no column '%s' in the header" % (path, n))
    for line, rec in enumerate(r, start=2):
        if not rec:
            continue
        yield line, rec, col
    f.close()


def money(path, line, s):
    try:
        d = Decimal(s)
    except InvalidOperation:
        die("%s:%d: amount '%s' is not a number" % (path, line, s))
    if not d.is_finite() or d != d.quantize(Decimal("0.01")):
        die("%s:%d: amount '%s' is not an amount with at most 2 decimals" % (path, line, s))
    return d


def get(rec, col, name):
    i = col.get(name)
    return rec[i] if i is not None and i < len(rec) else ""


def pct(a, b):
    return "%.2f" % (100 * a / b) if b else "n/a"


def main(argv):
    items_path = None
    args = []
    it = iter(argv)
    for a in it:
        if a == "--items":
            items_path = next(it, None) or die("--items needs a file")
        elif a.startswith("--items="):
            items_path = a[len("--items="):]
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            args.append(a)
    if len(args) not in (2, 3):
        die("usage: score-match.py [--items ITEMS] TRUTH ALLOCATIONS [UNMATCHED]")
    truth_path, alloc_path = args[0], args[1]
    unm_path = args[2] if len(args) == 3 else None

    need = ("payment_id", "customer", "doc_no", "currency", "amount", "rule")
    truth = defaultdict(lambda: defaultdict(Decimal))  # pid -> key -> amount
    pay_amount = defaultdict(Decimal)
    pay_cur = {}
    unident = {}
    case_of = {}
    truth_rule = defaultdict(lambda: [0, Decimal(0)])
    for line, rec, col in rows(truth_path, need):
        pid, cust, doc, cur, rule = (get(rec, col, k) for k in
                                     ("payment_id", "customer", "doc_no", "currency", "rule"))
        amt = money(truth_path, line, get(rec, col, "amount"))
        truth_rule[rule][0] += 1
        truth_rule[rule][1] += amt
        pay_cur[pid] = cur
        if "case" in col:
            case_of[pid] = get(rec, col, "case")
        if rule != "bank_charge":
            pay_amount[pid] += amt
        if rule == "unidentifiable" or not cust:
            unident[pid] = unident.get(pid, Decimal(0)) + amt
            continue
        truth[pid][(cust, doc, cur, rule == "bank_charge")] += amt

    breaches = defaultdict(list)

    def breach(kind, msg):
        breaches[kind].append(msg)

    alloc = defaultdict(lambda: defaultdict(Decimal))
    alloc_rule = defaultdict(lambda: [0, Decimal(0)])
    per_item = defaultdict(Decimal)
    for line, rec, col in rows(alloc_path, need):
        pid, cust, doc, cur, rule = (get(rec, col, k) for k in
                                     ("payment_id", "customer", "doc_no", "currency", "rule"))
        amt = money(alloc_path, line, get(rec, col, "amount"))
        if rule == "unidentifiable" or not cust:
            continue
        alloc_rule[rule][0] += 1
        alloc_rule[rule][1] += amt
        if pid not in pay_amount:
            breach("unknown payment", "%s:%d: payment %s is not in the truth" % (alloc_path, line, pid))
            continue
        if cur != pay_cur[pid]:
            breach("currency", "%s:%d: payment %s is %s, allocation in %s"
                   % (alloc_path, line, pid, pay_cur[pid], cur))
        alloc[pid][(cust, doc, cur, rule == "bank_charge")] += amt
        if doc:
            per_item[(cust, doc, cur)] += amt

    unmatched = defaultdict(Decimal)
    if unm_path:
        for line, rec, col in rows(unm_path, ("payment_id", "amount")):
            unmatched[get(rec, col, "payment_id")] += money(unm_path, line, get(rec, col, "amount"))

    # ---- the figures ----
    right = applied = Decimal(0)
    ident = auto = held = 0
    cases = defaultdict(lambda: [0, 0, Decimal(0), Decimal(0)])  # n, auto, right, applied
    for pid, amount in pay_amount.items():
        t = {k: v for k, v in truth[pid].items() if v != 0}
        a = {k: v for k, v in alloc[pid].items() if v != 0}
        r = sum((min(v, t.get(k, Decimal(0))) for k, v in a.items()
                 if v > 0 and t.get(k, Decimal(0)) > 0), Decimal(0))
        ap = sum((abs(v) for v in a.values()), Decimal(0))
        right += r
        applied += ap
        c = cases[case_of.get(pid, "")]
        c[0] += 1
        c[2] += r
        c[3] += ap
        left = unmatched.get(pid, Decimal(0))
        if t:
            ident += 1
            if a == t and (not unm_path or left == unident.get(pid, Decimal(0))):
                auto += 1
                c[1] += 1
        elif not a:
            held += 1
        net = sum((v for k, v in a.items() if not k[3]), Decimal(0))
        if net > amount:
            breach("over-applied payment", "payment %s: %s applied of %s" % (pid, net, amount))
        if unm_path and net + left != amount:
            breach("payment balance", "payment %s: %s applied + %s unmatched != %s"
                   % (pid, net, left, amount))
    for pid in unmatched:
        if pid not in pay_amount:
            breach("unknown payment", "%s: payment %s is not in the truth" % (unm_path, pid))

    items_checked = False
    if items_path:
        items_checked = True
        open_amt = {}
        for line, rec, col in rows(items_path, ("customer", "doc_no", "currency", "amount")):
            key = (get(rec, col, "customer"), get(rec, col, "doc_no"), get(rec, col, "currency"))
            open_amt[key] = open_amt.get(key, Decimal(0)) + money(items_path, line, get(rec, col, "amount"))
        for key, amt in per_item.items():
            o = open_amt.get(key)
            if o is None:
                breach("unknown item", "item %s/%s %s is not open" % key)
            elif (o >= 0 and (amt > o or amt < 0)) or (o < 0 and (amt < o or amt > 0)):
                breach("over-allocated item", "item %s/%s %s: %s allocated, %s open"
                       % (key + (amt, o)))

    npay = len(pay_amount)
    nun = npay - ident
    print("payments: %d (%d identifiable, %d unidentifiable)" % (npay, ident, nun))
    print("precision: %s %% (%s of %s applied went to the right item)"
          % (pct(right, applied), right, applied))
    print("auto-match: %s %% (%d of %d identifiable payments applied fully and correctly)"
          % (pct(auto, ident), auto, ident))
    print("unidentifiable held back: %d of %d" % (held, nun))
    if case_of:
        print("per case:            payments  auto-match %  precision %")
        for name in sorted(cases, key=lambda k: -cases[k][0]):
            n, au, r, ap = cases[name]
            ident_n = n if name != "unidentifiable" else 0
            print("  %-16s %10d  %12s  %11s" % (name, n, pct(au, ident_n), pct(r, ap)))
    print("rows per rule:        truth rows      truth amount  applied rows    applied amount")
    for rule in sorted(set(truth_rule) | set(alloc_rule)):
        tr, ar = truth_rule.get(rule, [0, 0]), alloc_rule.get(rule, [0, 0])
        print("  %-16s %10d %17s %13d %17s" % (rule, tr[0], tr[1], ar[0], ar[1]))
    nb = sum(len(v) for v in breaches.values())
    if not items_checked:
        print("items: not checked for over-allocation (no --items)")
    if nb:
        print("invariant breaches: %d" % nb)
        for kind, msgs in sorted(breaches.items()):
            print("  %s: %d" % (kind, len(msgs)))
            for m in msgs[:10]:
                print("    " + m)
    else:
        print("invariant breaches: none")
    print("SCORE precision=%s auto_match=%s breaches=%d" % (pct(right, applied), pct(auto, ident), nb))
    return 1 if nb else 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main(sys.argv[1:]))
