#!/usr/bin/python3
"""make-ledger.py - the demo's two years of ledger and its month-end snapshots.

  make-ledger.py CUSTOMERS ITEMS OUT_DIR [AS_OF]

Writes, for the customers of CUSTOMERS (each in the company and currency
its first row in ITEMS has, else MY01 and MYR):

  OUT_DIR/ledger.csv                every item billed in the 24 months to
                                    AS_OF (default 2026-11-30), open and
                                    cleared: the items stream plus
                                    clearing_date (empty while open), as
                                    SAP's FBL5N "all items" gives it
  OUT_DIR/history/items-DATE.csv    the open items at the last four month
                                    ends up to AS_OF, as nightly.sh keeps
                                    them: the ledger's items dated on or
                                    before DATE and not cleared by it

Each customer bills one to four invoices a month and pays them a number of
days after the due date of its own (some early, most late, a few very
late); one invoice in twenty has a credit note, cleared with it; customers
in liquidation, legal or agency status stop paying after their status
date.  The numbers come from a fixed seed: every run writes the same files.
"""
import csv
import datetime
import os
import random
import sys

SEED = 17
MONTHS = 24
SNAPSHOTS = 4


def month_end(year, month):
    nxt = datetime.date(year + month // 12, month % 12 + 1, 1)
    return nxt - datetime.timedelta(days=1)


def months_back(as_of, n):
    """The month ends from n - 1 months before as_of to as_of, oldest first."""
    ends = []
    y, m = as_of.year, as_of.month
    for _ in range(n):
        ends.append(month_end(y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return list(reversed(ends))


def money(minor):
    return "%d.%02d" % (minor // 100, minor % 100) if minor >= 0 else \
        "-%d.%02d" % (-minor // 100, -minor % 100)


def main(argv):
    if len(argv) not in (4, 5):
        sys.stderr.write(__doc__)
        return 64
    customers_path, items_path, out = argv[1], argv[2], argv[3]
    as_of = datetime.date.fromisoformat(argv[4] if len(argv) == 5 else "2026-11-30")
    rng = random.Random(SEED)

    where = {}
    with open(items_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            where.setdefault(row["customer"], (row.get("company") or "MY01",
                                               row.get("currency") or "MYR"))
    with open(customers_path, newline="", encoding="utf-8") as f:
        customers = list(csv.DictReader(f))

    ends = months_back(as_of, MONTHS)
    rows = []
    doc_no = 95000000
    for c in customers:
        company, currency = where.get(c["customer"], ("MY01", "MYR"))
        terms = int(c.get("terms_days") or 30)
        habit = rng.choice([-5, 0, 2, 5, 7, 10, 14, 21, 45])
        stops = None
        if c.get("status") in ("liquidation", "legal", "agency") and c.get("status_date"):
            stops = datetime.date.fromisoformat(c["status_date"]) - datetime.timedelta(days=60)
        scale = 30 if currency == "TWD" else 1
        for end in ends:
            first = end.replace(day=1)
            for _ in range(rng.randint(1, 4)):
                doc_no += 1
                doc = first + datetime.timedelta(days=rng.randint(0, end.day - 1))
                if doc > as_of:
                    continue
                due = doc + datetime.timedelta(days=terms)
                amount = rng.randint(500, 30000) * 100 * scale
                paid = due + datetime.timedelta(days=habit + rng.randint(-7, 7))
                if rng.random() < 0.04:
                    paid += datetime.timedelta(days=rng.randint(60, 150))
                if stops is not None and paid > stops:
                    paid = None
                if paid is not None and paid > as_of:
                    paid = None
                if paid is not None and paid < doc:
                    paid = doc
                rows.append((c, company, currency, str(doc_no), "INV", doc, due, amount, paid))
                if rng.random() < 0.05:
                    doc_no += 1
                    cn_date = doc + datetime.timedelta(days=rng.randint(3, 20))
                    if cn_date <= as_of:
                        cleared = paid if paid is not None and paid >= cn_date else None
                        if paid is not None and cleared is None:
                            cleared = cn_date
                        cn = -(amount * rng.randint(5, 30) // 100)
                        rows.append((c, company, currency, str(doc_no), "CN", cn_date, cn_date,
                                     cn, cleared))
    rows.sort(key=lambda r: (r[0]["customer"], r[5], r[3]))

    os.makedirs(os.path.join(out, "history"), exist_ok=True)
    head = ["customer", "name", "company", "doc_no", "doc_type", "doc_date", "due_date",
            "currency", "amount"]
    with open(os.path.join(out, "ledger.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(head + ["clearing_date"])
        for c, company, cur, no, typ, doc, due, amount, paid in rows:
            w.writerow([c["customer"], c["name"], company, no, typ, doc.isoformat(),
                        due.isoformat(), cur, money(amount), paid.isoformat() if paid else ""])
    for end in ends[-SNAPSHOTS:]:
        name = os.path.join(out, "history", "items-%s.csv" % end.isoformat())
        with open(name, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(head)
            for c, company, cur, no, typ, doc, due, amount, paid in rows:
                if doc <= end and (paid is None or paid > end):
                    w.writerow([c["customer"], c["name"], company, no, typ, doc.isoformat(),
                                due.isoformat(), cur, money(amount)])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
