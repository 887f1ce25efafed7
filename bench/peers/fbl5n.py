#!/usr/bin/python3
"""SAP FBL5N list export to the items CSV, as a pandas user would write it.

    python3 fbl5n.py fbl5n.txt > items.csv

The usual recipe for an "unconverted" FBL5N list: keep the lines that start
with '|', skip the rulers, the repeated column headers and the '*' subtotal
lines, split on '|' and strip the cells; the customer, company code and name
come from the "Customer" / "Company Code" / "Name" lines that open each block
(the layout has no customer column).  Columns are found by caption in the
first header.  Then pandas: amounts "1.234,56-" to float64, dates DD.MM.YYYY
to datetimes, document types RV/DG to INV/CN, and the '**' grand totals
checked per currency (float sums, to half a cent).  Written with to_csv in
ar-import's column order (ref, dispute and block empty: the list has none).
"""
import sys

import pandas as pd

TYPES = {"RV": "INV", "DR": "INV", "DG": "CN", "DZ": "PAY", "AB": "ADJ"}
CAPTIONS = {"DocumentNo": "doc_no", "Type": "doc_type", "Doc. Date": "doc_date",
            "Net due dt": "due_date", "Curr.": "currency", "Amount in DC": "amount"}


def sap_amount(s):
    """'1.234,56-' -> -1234.56"""
    s = s.strip()
    neg = s.endswith("-")
    v = float(s.rstrip("-").replace(".", "").replace(",", "."))
    return -v if neg else v


path = sys.argv[1]
rows, totals = [], {}
customer = company = name = ""
ix = None
with open(path, encoding="utf-8") as f:
    for line in f:
        if line.startswith("|"):
            if line[1] in "-=":                      # ruler
                continue
            cells = [c.strip() for c in line.rstrip("\r\n").split("|")[1:-1]]
            if cells[0] == "St":                     # column header, on every page
                if ix is None:
                    ix = {CAPTIONS[c]: i for i, c in enumerate(cells) if c in CAPTIONS}
                continue
            if cells[0].startswith("*"):             # subtotal "*", grand total "**"
                if cells[0] == "**":
                    totals[cells[ix["currency"]]] = sap_amount(cells[ix["amount"]])
                continue
            rows.append((customer, cells[ix["doc_no"]], cells[ix["doc_type"]],
                         cells[ix["doc_date"]], cells[ix["due_date"]],
                         cells[ix["currency"]], cells[ix["amount"]], company, name))
        elif line.startswith("Customer "):
            customer = line[9:].strip()
        elif line.startswith("Company Code "):
            company = line[13:].strip()
        elif line.startswith("Name "):
            name = line[5:].strip()

df = pd.DataFrame(rows, columns=["customer", "doc_no", "doc_type", "doc_date", "due_date",
                                 "currency", "amount", "company", "name"])
del rows
neg = df["amount"].str.endswith("-")
df["amount"] = pd.to_numeric(df["amount"].str.rstrip("-").str.replace(".", "", regex=False)
                             .str.replace(",", ".", regex=False))
df.loc[neg, "amount"] *= -1
df["doc_date"] = pd.to_datetime(df["doc_date"], format="%d.%m.%Y")
df["due_date"] = pd.to_datetime(df["due_date"], format="%d.%m.%Y")
df["doc_type"] = df["doc_type"].map(TYPES).fillna(df["doc_type"])

sums = df.groupby("currency")["amount"].sum()
bad = [c for c in set(totals) | set(sums.index)
       if c not in totals or abs(sums.get(c, 0.0) - totals[c]) >= 0.005]
if bad:
    for c in sorted(bad):
        print(f"fbl5n.py: {path}: {c}: items sum {sums.get(c, 0.0):.2f}, "
              f"control total {totals.get(c, 'missing')}", file=sys.stderr)
    sys.exit(1)

df["ref"] = df["dispute"] = df["block"] = ""
df = df[["customer", "doc_no", "doc_type", "doc_date", "due_date", "currency", "amount",
         "company", "ref", "name", "dispute", "block"]]
df.to_csv(sys.stdout, index=False, float_format="%.2f", date_format="%Y-%m-%d")
