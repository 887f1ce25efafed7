#!/usr/bin/python3
"""Normalise a row-per-record CSV (items, payments) for comparison.

    python3 normalize-rows.py FILE COLUMNS [AMOUNTS] > normal.csv

COLUMNS and AMOUNTS are comma-separated header names.  Keeps the COLUMNS,
found by header name, in that order; writes the AMOUNTS among them with
exactly 2 decimals ("-0.00" becomes "0.00") and every other cell stripped of
surrounding blanks.  Rows keep the input order: the tools compared stream
their input, so the same rows in another order would be a difference.
The companion of normalize.py (aging); standard library only.
"""
import csv
import sys
from decimal import Decimal, InvalidOperation, ROUND_HALF_EVEN

CENT = Decimal("0.01")


def amount(s):
    try:
        d = Decimal(s.strip()).quantize(CENT, rounding=ROUND_HALF_EVEN)
    except InvalidOperation:
        return s  # left as it is: the comparison shows it
    return "0.00" if d == 0 else str(d)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: normalize-rows.py FILE COLUMNS [AMOUNTS]")
    cols = sys.argv[2].split(",")
    amounts = set(sys.argv[3].split(",")) if len(sys.argv) == 4 else set()
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        header = next(r, None)
        if header is None:
            sys.exit(f"normalize-rows: {sys.argv[1]}: empty")
        header = [h.strip().lstrip("\ufeff") for h in header]
        missing = [c for c in cols if c not in header]
        if missing:
            sys.exit(f"normalize-rows: {sys.argv[1]}: no column {', '.join(missing)}")
        ix = [(header.index(c), c in amounts) for c in cols]
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(cols)
        for rec in r:
            if rec:
                w.writerow([amount(rec[i]) if a else rec[i].strip() for i, a in ix])


main()
