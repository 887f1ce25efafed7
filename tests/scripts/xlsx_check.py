#!/usr/bin/python3
"""xlsx_check.py - read back a workbook artools wrote, for the tests.

Run with Debian's interpreter (/usr/bin/python3, which has python3-openpyxl):

  xlsx_check.py FILE dump        every sheet, one line per fact, stable order:
      sheet NAME
      freeze NAME CELL|-
      autofilter NAME REF|-
      charts NAME N
      cell NAME COORD TYPE VALUE FORMAT BOLD|-
    TYPE is openpyxl's data type (s string, n number, d date, f formula,
    b bool); VALUE is Python's repr (dates as YYYY-MM-DD); FORMAT the
    number format; BOLD "bold" when the font is bold.  Empty cells are
    left out.
  xlsx_check.py FILE sheets      the sheet names, one a line
  xlsx_check.py FILE rows SHEET  "SHEET ROWS COLS" (fast, read-only mode)
  xlsx_check.py FILE edges SHEET the first data row, the last row and the
                                 row count, values tab-separated (read-only
                                 mode: for very large sheets)
  xlsx_check.py FILE widths SHEET  "COL WIDTH" per column with a width set
  xlsx_check.py FILE props       "created ISO-TIME" of the document
  xlsx_check.py FILE print       per sheet, how it prints: "print NAME
                                 ORIENTATION PAPER fit=W×H titles=ROWS",
                                 then "header NAME L|C|R TEXT" and
                                 "footer NAME L|C|R TEXT" for each part set

Exit status: 0, 1 when the file cannot be read, 2 on a usage error.
"""
import datetime
import sys

import openpyxl


def fmt_value(v):
    if isinstance(v, datetime.datetime):
        if v.time() == datetime.time(0):
            return v.strftime("%Y-%m-%d")
        return v.isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    return repr(v)


def dump(path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        name = ws.title
        print("sheet", name)
        print("freeze", name, ws.freeze_panes or "-")
        print("autofilter", name, ws.auto_filter.ref or "-")
        print("charts", name, len(getattr(ws, "_charts", [])))
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                print("cell", name, c.coordinate, c.data_type, fmt_value(c.value),
                      c.number_format, "bold" if c.font is not None and c.font.b else "-")


def edges(path, sheet):
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb[sheet]
    first = last = None
    n = 0
    for values in ws.iter_rows(values_only=True):
        n += 1
        if n == 2:
            first = values
        last = values
    wb.close()
    show = lambda vals: "\t".join(fmt_value(v) for v in (vals or ()))
    print("first", show(first))
    print("last", show(last))
    print("rows", n)


def print_setup(path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        ps = ws.page_setup
        fit = ws.sheet_properties.pageSetUpPr
        # An absent fitToWidth/fitToHeight is Excel's default, 1.
        one = lambda v: 1 if v is None else v
        fit = "%sx%s" % (one(ps.fitToWidth), one(ps.fitToHeight)) if fit is not None and fit.fitToPage else "-"
        print("print", ws.title, ps.orientation, ps.paperSize, "fit=" + fit,
              "titles=" + (ws.print_title_rows or "-"))
        for what, hf in (("header", ws.oddHeader), ("footer", ws.oddFooter)):
            for side, part in (("L", hf.left), ("C", hf.center), ("R", hf.right)):
                if part.text:
                    print(what, ws.title, side, part.text)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    path, what = argv[1], argv[2]
    try:
        if what == "dump" and len(argv) == 3:
            dump(path)
        elif what == "sheets" and len(argv) == 3:
            wb = openpyxl.load_workbook(path, read_only=True)
            for n in wb.sheetnames:
                print(n)
            wb.close()
        elif what == "rows" and len(argv) == 4:
            wb = openpyxl.load_workbook(path, read_only=True)
            ws = wb[argv[3]]
            rows = cols = 0
            for values in ws.iter_rows(values_only=True):
                rows += 1
                cols = max(cols, len(values))
            wb.close()
            print(argv[3], rows, cols)
        elif what == "edges" and len(argv) == 4:
            edges(path, argv[3])
        elif what == "props" and len(argv) == 3:
            wb = openpyxl.load_workbook(path, read_only=True)
            print("created", wb.properties.created.isoformat())
            wb.close()
        elif what == "print" and len(argv) == 3:
            print_setup(path)
        elif what == "widths" and len(argv) == 4:
            ws = openpyxl.load_workbook(path)[argv[3]]
            for key in sorted(ws.column_dimensions.keys(),
                              key=lambda k: (len(k), k)):
                d = ws.column_dimensions[key]
                if d.customWidth:
                    print(key, round(d.width, 2))
        else:
            sys.stderr.write(__doc__)
            return 2
    except Exception as e:  # a broken file is a test failure, said plainly
        sys.stderr.write("xlsx_check.py: %s: %s: %s\n" % (path, type(e).__name__, e))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
