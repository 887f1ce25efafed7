#!/usr/bin/python3
"""detail_xlsxwriter.py - the Python peer for ar-age --detail --xlsx.

    /usr/bin/python3 detail_xlsxwriter.py AS_OF(YYYY-MM-DD) items.csv out.xlsx

What a Python user writes: the csv module and XlsxWriter in constant_memory
mode, one Detail sheet with the cells minimal-xlsx.c and ar-age write: every
input column (text as strings, doc_date/due_date as dates yyyy-mm-dd, amount
as money #,##0.00;[Red]-#,##0.00), then days_overdue (#,##0) and bucket; a
bold header with the panes frozen below it and an autofilter.  Dates are
written as Excel serial numbers from a per-date cache (faster than
write_datetime per cell, so the peer is not handicapped).
"""
import csv
import datetime
import sys

import xlsxwriter

BUCKETS = ((0, "current"), (30, "1-30"), (60, "31-60"), (90, "61-90"), (120, "91-120"))
EXCEL_EPOCH = datetime.date(1899, 12, 30).toordinal()


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: detail_xlsxwriter.py YYYY-MM-DD items.csv out.xlsx")
    as_of = datetime.date.fromisoformat(sys.argv[1]).toordinal() - EXCEL_EPOCH
    wb = xlsxwriter.Workbook(sys.argv[3], {"constant_memory": True})
    ws = wb.add_worksheet("Detail")
    bold = wb.add_format({"bold": True, "bottom": 1})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    money_fmt = wb.add_format({"num_format": "#,##0.00;[Red]-#,##0.00"})
    int_fmt = wb.add_format({"num_format": "#,##0"})
    serials = {}

    def serial(s):
        v = serials.get(s)
        if v is None:
            v = serials[s] = datetime.date.fromisoformat(s).toordinal() - EXCEL_EPOCH
        return v

    with open(sys.argv[2], newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        header = next(rd)
        n = len(header)
        doc, due, amt = header.index("doc_date"), header.index("due_date"), header.index("amount")
        for c, name in enumerate(header + ["days_overdue", "bucket"]):
            ws.write_string(0, c, name, bold)
        ws.freeze_panes(1, 0)
        write_string, write_number = ws.write_string, ws.write_number
        r = 0
        for rec in rd:
            r += 1
            for c, v in enumerate(rec):
                if c == amt:
                    write_number(r, c, float(v), money_fmt)
                elif c == doc or c == due:
                    write_number(r, c, serial(v), date_fmt)
                elif v:
                    write_string(r, c, v)
            d = as_of - serial(rec[due])
            label = "121+"
            for top, name in BUCKETS:
                if d <= top:
                    label = name
                    break
            write_number(r, n, d, int_fmt)
            write_string(r, n + 1, label)
        if r > 0:
            ws.autofilter(0, 0, r, n + 1)
    wb.close()


if __name__ == "__main__":
    main()
