#!/usr/bin/python3
"""Normalise an aging CSV for comparison.

    python3 normalize.py aging.csv > normal.csv

Keeps customer,currency,current,1-30,31-60,61-90,91-120,121+,total,items,
oldest_days (found by header name; name is left out since not every peer
keeps it), writes amounts with exactly 2 decimals ("-0.00" becomes "0.00"),
counts as integers, and sorts rows by customer then currency (code point
order, which is byte order for UTF-8).  Standard library only.
"""
import csv
import sys
from decimal import Decimal, InvalidOperation, ROUND_HALF_EVEN

KEYS = ["customer", "currency"]
AMOUNTS = ["current", "1-30", "31-60", "61-90", "91-120", "121+", "total"]
COUNTS = ["items", "oldest_days"]
CENT = Decimal("0.01")


def amount(s):
    try:
        d = Decimal(s.strip()).quantize(CENT, rounding=ROUND_HALF_EVEN)
    except InvalidOperation:
        return s  # left as it is: the comparison shows it
    return "0.00" if d == 0 else str(d)


def count(s):
    try:
        d = Decimal(s.strip())
    except InvalidOperation:
        return s
    return str(int(d)) if d == d.to_integral_value() else s


def main():
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        header = next(r, None)
        if header is None:
            sys.exit(f"normalize: {sys.argv[1]}: empty")
        header = [h.strip().lstrip("\ufeff") for h in header]
        missing = [c for c in KEYS + AMOUNTS + COUNTS if c not in header]
        if missing:
            sys.exit(f"normalize: {sys.argv[1]}: no column {', '.join(missing)}")
        ix = {c: header.index(c) for c in KEYS + AMOUNTS + COUNTS}
        rows = []
        for rec in r:
            if not rec:
                continue
            rows.append([rec[ix[c]] for c in KEYS] + [amount(rec[ix[c]]) for c in AMOUNTS]
                        + [count(rec[ix[c]]) for c in COUNTS])
    rows.sort(key=lambda x: (x[0], x[1]))
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(KEYS + AMOUNTS + COUNTS)
    w.writerows(rows)


main()
