#!/usr/bin/python3
"""Aging with pandas, as a pandas user would write it.

    python3 age.py AS_OF items.csv > aging.csv

Amounts are read as float64 and summed as floats; the sums are rounded to
2 decimals only when written (float_format '%.2f').
"""
import sys

import numpy as np
import pandas as pd

as_of, path = pd.Timestamp(sys.argv[1]), sys.argv[2]
df = pd.read_csv(path, usecols=["customer", "name", "currency", "due_date", "amount"],
                 dtype={"customer": str, "name": str, "currency": str, "amount": float},
                 parse_dates=["due_date"])
df["days"] = (as_of - df["due_date"]).dt.days
labels = ["current", "1-30", "31-60", "61-90", "91-120", "121+"]
df["bucket"] = pd.cut(df["days"], bins=[-np.inf, 0, 30, 60, 90, 120, np.inf], labels=labels)

keys = ["customer", "currency"]
out = (df.groupby(keys + ["bucket"], observed=True)["amount"].sum()
       .unstack("bucket", fill_value=0.0).reindex(columns=labels, fill_value=0.0))
out.columns = labels
out["total"] = out[labels].sum(axis=1)
g = df.groupby(keys)
out["items"] = g.size()
out["oldest_days"] = (df["days"].where(df["amount"] > 0).groupby([df["customer"], df["currency"]])
                      .max().clip(lower=0).fillna(0).astype(int))
out.insert(0, "name", g["name"].first())
out = out.reset_index().sort_values(keys)
out = out[["customer", "name", "currency"] + labels + ["total", "items", "oldest_days"]]
out.to_csv(sys.stdout, index=False, float_format="%.2f")
