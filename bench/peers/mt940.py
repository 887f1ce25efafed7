#!/usr/bin/python3
"""MT940 statements to a payments CSV in plain Python, as an analyst would
write it (Debian has no MT940 package).

    python3 mt940.py statements.sta > payments.csv

Reads line by line: a line starting ':NN[A]:' opens a field, any other line
continues the field before it ('{1:...' and '-}' frame the messages).
:25: account, :28C: statement number, :60F:/:60M: opening balance (and the
currency), :61: one transaction (value date YYMMDD, entry date MMDD, D/C
mark, amount with a decimal comma, type, customer ref // bank ref), :86:
its text, continuation lines joined with a space, :62F:/:62M: closing
balance, checked against opening + movements (exact, Decimal).  Debits are
written with a minus sign (as ar-bank --debits does).  Writes payment_id
(statement:transaction number in the file), value_date, currency, amount,
reference (the :86: text), bank_ref, statement, account, booking_date with
the csv module.
"""
import csv
import re
import sys
from decimal import Decimal

TAG = re.compile(r":(\d\d[A-Z]?):(.*)")
T61 = re.compile(r"(\d{6})(\d{4})?(R?[CD])([A-Z])?(\d+,\d*)([NSF][A-Z0-9]{3})([^/]*)(?://(\S*))?")
BAL = re.compile(r"([CD])(\d{6})([A-Z]{3})(\d+,\d*)")


def amount(s):
    return Decimal(s.replace(",", "."))


def iso(yymmdd):
    return f"20{yymmdd[0:2]}-{yymmdd[2:4]}-{yymmdd[4:6]}"


def fields(f):
    """(tag, text) per field, continuation lines joined with a space."""
    tag = text = None
    for line in f:
        line = line.rstrip("\r\n")
        m = TAG.match(line)
        if m or line.startswith(("{", "-}")):
            if tag:
                yield tag, text
            tag, text = (m.group(1), m.group(2)) if m else (None, None)
        elif tag:
            text += " " + line
    if tag:
        yield tag, text


def main():
    path = sys.argv[1]
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["payment_id", "value_date", "currency", "amount", "reference", "bank_ref",
                "statement", "account", "booking_date"])
    n = 0
    account = statement = currency = ""
    balance = None
    pending = None
    with open(path, encoding="utf-8", newline="") as f:
        for tag, text in fields(f):
            if tag == "86" and pending:
                pending[4] = text
                continue
            if pending:
                w.writerow(pending)
                pending = None
            if tag == "25":
                account = text.strip()
            elif tag == "28C":
                statement = text.strip()
            elif tag in ("60F", "60M"):
                m = BAL.match(text)
                currency = m.group(3)
                balance = amount(m.group(4)) * (-1 if m.group(1) == "D" else 1)
            elif tag == "61":
                m = T61.match(text)
                if not m:
                    sys.exit(f"mt940.py: {path}: bad :61: {text}")
                vd, ed, mark, _, amt, _, _, bank_ref = m.groups()
                a = amount(amt)
                if mark in ("D", "RC"):
                    a = -a
                balance += a
                booking = ""
                if ed:
                    y = int(vd[0:2]) + (ed[0:2] == "01" and vd[2:4] == "12") - (ed[0:2] == "12" and vd[2:4] == "01")
                    booking = iso(f"{y:02d}{ed}")
                n += 1
                pending = [f"{statement}:{n}", iso(vd), currency, f"{a:.2f}", "",
                           (bank_ref or "").strip(), statement, account, booking]
            elif tag in ("62F", "62M"):
                m = BAL.match(text)
                closing = amount(m.group(4)) * (-1 if m.group(1) == "D" else 1)
                if closing != balance:
                    sys.exit(f"mt940.py: {path}: statement {statement}: opening + movements "
                             f"{balance} != closing {closing}")
    if pending:
        w.writerow(pending)


main()
