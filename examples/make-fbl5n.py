#!/usr/bin/python3
"""make-fbl5n.py - write fbl5n.txt: the open items of items.csv as SAP
FBL5N (Customer Line Item Display) writes them with List > Export >
Local File > Unconverted.

    python3 make-fbl5n.py [ITEMS_CSV [OUT]]    (default: items.csv, fbl5n.txt
                                                beside this script)

The list is what ar-import's sap-fbl5n profile reads (man 1 ar-import):
pages of 60 lines, each with a title (company, report, date, page number),
rulers and the column header again; one block per customer, introduced by
"Customer", "Company Code" and "Name" lines (the layout has no customer
column); items in the order of items.csv; a subtotal line "*" per customer
and currency at the end of each block (SAP's list totals split by
currency); grand total lines "**" per currency at the end, the control
totals ar-import checks.  Amounts as 1.234,56 with a trailing minus, dates
as DD.MM.YYYY, as a user with decimal notation "X" (1.234.567,89) and
date format DD.MM.YYYY gets them.

items.csv's doc_type becomes an SAP document type: INV is RV (billing
documents, numbers 9...) or DR, CN is DG, PAY is DZ, and the client's own
types ZD (debit memo), ZI (interest) and ZF (fee) for DN, INT and FEE;
ar.ini's [import.sap-fbl5n] doc_types maps them back.  items.csv's
dispute flag is the layout's "Disputed" column (Y), which the sap-fbl5n
profile reads into the items' dispute column.

The output is deterministic: running this again gives the committed file.
"""
import csv
import os
import sys

PAGE_LINES = 60
LIST_DATE = "24.11.2026"
COMPANY = "Nusantara Industrial Supplies Berhad"
REPORT = "Customer Line Item Display"
PROGRAM = "RFITEMAR/NURULA"

SAP_TYPE = {"CN": "DG", "PAY": "DZ", "DN": "ZD", "INT": "ZI", "FEE": "ZF",
            "ADJ": "AB"}

# (caption, width, right-aligned)
COLUMNS = [("St", 3, False), ("Type", 4, False), ("DocumentNo", 16, False),
           ("Doc. Date", 10, False), ("Net due dt", 10, False),
           ("Reference", 28, False), ("Amount in DC", 18, True),
           ("Curr.", 5, False), ("Disputed", 8, False)]


def sap_type(item):
    t = item["doc_type"]
    if t == "INV":
        return "RV" if item["doc_no"].startswith("9") else "DR"
    return SAP_TYPE[t]


def sap_date(iso):
    if iso == "":
        return ""
    y, m, d = iso.split("-")
    return "%s.%s.%s" % (d, m, y)


def minor(amount):
    """'-1234.5' -> -123450 (two decimals: MYR, TWD and USD here)."""
    neg = amount.startswith("-")
    whole, _, frac = amount.lstrip("-").partition(".")
    v = int(whole) * 100 + int((frac + "00")[:2])
    return -v if neg else v


def sap_amount(v):
    """-123456 -> '1.234,56-'"""
    s = "%d" % (abs(v) // 100)
    groups = []
    while len(s) > 3:
        groups.insert(0, s[-3:])
        s = s[:-3]
    groups.insert(0, s)
    return "%s,%02d%s" % (".".join(groups), abs(v) % 100, "-" if v < 0 else "")


def row(cells):
    out = []
    for (caption, width, right), text in zip(COLUMNS, cells):
        out.append(text.rjust(width) if right else text.ljust(width))
    return "|" + "|".join(out) + "|"


class Listing:
    def __init__(self):
        self.lines = []
        self.page = 0
        self.width = len(row([""] * len(COLUMNS)))

    def page_header(self):
        self.page += 1
        w = self.width
        left = COMPANY
        right = "Date %s" % LIST_DATE
        self.lines.append(left + right.rjust(w - len(left)))
        left = "Kuala Lumpur"
        mid = REPORT
        right = "%s  Page %5d" % (PROGRAM, self.page)
        gap = w - len(left) - len(right)
        self.lines.append(left + mid.center(gap) + right)
        self.lines.append("")
        self.lines.append("-" * w)
        self.lines.append(row([c for c, _, _ in COLUMNS]))
        self.lines.append("|" + "|".join("-" * wd for _, wd, _ in COLUMNS) + "|")

    def add(self, lines):
        """Lines kept on one page (a block's head, a run of totals)."""
        used = len(self.lines) % PAGE_LINES
        if self.page == 0 or used + len(lines) + 1 > PAGE_LINES:
            if self.page > 0:
                # close the page with a ruler and blank lines up to its end
                self.lines.append("-" * self.width)
                while len(self.lines) % PAGE_LINES:
                    self.lines.append("")
            self.page_header()
        self.lines.extend(lines)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "items.csv")
    dst = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "fbl5n.txt")
    with open(src, newline="", encoding="utf-8") as f:
        items = list(csv.DictReader(f))

    blocks = []     # (customer, company, name, [items]) in file order
    for it in items:
        if not blocks or blocks[-1][0] != it["customer"]:
            blocks.append((it["customer"], it["company"], it["name"], []))
        if blocks[-1][1] != it["company"]:
            sys.exit("make-fbl5n.py: customer %s is in two company codes"
                     % it["customer"])
        blocks[-1][3].append(it)

    lst = Listing()
    grand = {}
    for customer, company, name, its in blocks:
        lst.add(["", "Customer      %s" % customer,
                 "Company Code  %s" % company,
                 "Name          %s" % name, ""])
        sub = {}
        for it in its:
            v = minor(it["amount"])
            sub[it["currency"]] = sub.get(it["currency"], 0) + v
            lst.add([row(["", sap_type(it), it["doc_no"],
                          sap_date(it["doc_date"]), sap_date(it["due_date"]),
                          it["ref"], sap_amount(v), it["currency"],
                          it["dispute"]])])
        tot = ["|" + "|".join("-" * wd for _, wd, _ in COLUMNS) + "|"]
        for cur in sorted(sub):
            tot.append(row(["*", "", "", "", "", "", sap_amount(sub[cur]), cur,
                            ""]))
            grand[cur] = grand.get(cur, 0) + sub[cur]
        lst.add(tot)
    tot = ["|" + "|".join("=" * wd for _, wd, _ in COLUMNS) + "|"]
    for cur in sorted(grand):
        tot.append(row(["**", "", "", "", "", "", sap_amount(grand[cur]), cur,
                        ""]))
    lst.add(tot)
    lst.lines.append("-" * lst.width)

    with open(dst, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lst.lines) + "\n")


if __name__ == "__main__":
    main()
