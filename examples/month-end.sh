#!/bin/sh
# month-end.sh - the month-end numbers over one data folder: the KPIs with
# their trend, the roll rates and the customers at risk (man 1 ar-kpi), and
# the collections forecast with its backtest (man 1 ar-forecast).
#
#   month-end.sh [DATA_DIR [OUT_DIR]]
#
# DATA_DIR (default: the folder this script is in) holds customers.csv,
# items.csv, journal.csv and ar.ini.  The demo has no ERP behind it, so it
# makes what the ERP and the nightly job would have kept (make-ledger.py,
# from a fixed seed: every run the same):
#
#   OUT_DIR/ledger.csv      two years of items, open and cleared, with their
#                           clearing_date (SAP FBL5N "all items")
#   OUT_DIR/history/        the open items at the last four month ends,
#                           items-YYYY-MM-DD.csv, as nightly.sh keeps them;
#                           then, as each month end's run would have kept
#                           them, kpi-YYYY-MM-DD.csv of the 12 months before
#                           and forecast-YYYY-MM-DD.csv of three months
#                           before
#
# and writes into OUT_DIR (default: DATA_DIR/out):
#
#   kpi.csv, kpi.xlsx       the KPIs of the month, in total and per
#                           collector; the workbook with the 13-month trend
#                           and its DSO and CEI charts, the roll, the
#                           customers at risk, the contacts per channel
#   roll.csv, at_risk.csv   the roll rates since the month before, the
#                           customers newly past 90 days and at risk
#   forecast.csv, forecast.xlsx
#                           the collections expected in the next 13 weeks
#   backtest.csv            the forecast of three months before against
#                           what came in
#
# The month end is $AR_AS_OF (YYYY-MM-DD) when set, else 2026-11-30.  A
# failing step stops the script with its exit status (man 7 artools).
set -eu

prog=month-end.sh
die() {
	rc=$1
	shift
	echo "$prog: $*" >&2
	exit "$rc"
}

[ $# -le 2 ] || die 64 "usage: $prog [DATA_DIR [OUT_DIR]]"
here=$(cd "$(dirname "$0")" && pwd)
DATA=${1:-$here}
OUT=${2:-$DATA/out}
for f in items.csv customers.csv ar.ini journal.csv; do
	[ -f "$DATA/$f" ] || die 66 "$DATA/$f does not exist"
done
command -v python3 >/dev/null 2>&1 || die 127 "python3 not found on PATH ($PATH)"
AS_OF=${AR_AS_OF:-2026-11-30}
date -d "$AS_OF" >/dev/null 2>&1 || die 64 "AR_AS_OF $AS_OF is not a date"
AR_CONFIG=$DATA/ar.ini
export AR_CONFIG

rm -rf "$OUT/history"
mkdir -p "$OUT/history" || die 73 "cannot create $OUT/history"
python3 "$here/make-ledger.py" "$DATA/customers.csv" "$DATA/items.csv" "$OUT" "$AS_OF"
history=$OUT/history
ledger=$OUT/ledger.csv

# The last day of the month m months before AS_OF's.
month_end() {
	date -d "$(date -d "$AS_OF" +%Y-%m-01) - $(($1 - 1)) months - 1 day" +%Y-%m-%d
}

# What the month ends before would have kept: their KPIs, and the forecast
# of three months before (13 weeks: the most recent one entirely over).
for m in 12 11 10 9 8 7 6 5 4 3 2 1; do
	day=$(month_end "$m")
	ar-kpi --as-of "$day" --ledger "$ledger" --journal "$DATA/journal.csv" \
		-o "$history/kpi-$day.csv" 2>/dev/null
done
past=$(month_end 3)
ar-forecast --as-of "$past" --ledger "$ledger" --customers "$DATA/customers.csv" \
	--journal "$DATA/journal.csv" -o "$history/forecast-$past.csv" \
	"$history/items-$past.csv" 2>/dev/null

today=$history/items-$AS_OF.csv
ar-kpi --as-of "$AS_OF" --ledger "$ledger" --journal "$DATA/journal.csv" \
	--customers "$DATA/customers.csv" --group-by collector --history "$history" \
	--roll "$OUT/roll.csv" --at-risk "$OUT/at_risk.csv" --xlsx "$OUT/kpi.xlsx" \
	-o "$OUT/kpi.csv" "$today"
ar-forecast --as-of "$AS_OF" --ledger "$ledger" --customers "$DATA/customers.csv" \
	--journal "$DATA/journal.csv" --history "$history" --backtest "$OUT/backtest.csv" \
	--xlsx "$OUT/forecast.xlsx" -o "$OUT/forecast.csv" "$today"
echo "$prog: $AS_OF: $OUT/kpi.xlsx, $OUT/forecast.xlsx"
