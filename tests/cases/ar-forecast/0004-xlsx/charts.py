# The charts of a sheet: title, then per series its name, categories and values.
import sys

import openpyxl

ws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]
for ch in ws._charts:
    print("chart", type(ch).__name__, ch.title.tx.rich.p[0].r[0].t)
    for s in ch.series:
        print("  series", s.tx.v, s.cat.numRef.f, s.val.numRef.f)
