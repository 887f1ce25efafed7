#!/bin/sh
# nightly.sh - the nightly aging run over one data folder.
#
#   nightly.sh [DATA_DIR [OUT_DIR]]
#
# DATA_DIR (default: the folder this script is in) holds customers.csv,
# ar.ini and the open items: fbl5n.txt, the ERP's SAP FBL5N list export,
# or items.csv.  When fbl5n.txt is there the run starts from it: ar-import
# turns it into items.csv in the run's own work folder (checking the list's
# control totals; man 1 ar-import), and items.csv in DATA_DIR, if any, is
# not read.  OUT_DIR (default: DATA_DIR/out) receives:
#
#   aging.csv               one row per customer and currency
#   aging.xlsx              the same aging as a workbook: Summary with chart,
#                           Aging, Large Past Due ([report] of ar.ini; with
#                           the journal's facts when DATA_DIR has journal.csv)
#   aging-detail.csv        one row per open item, with days_overdue and bucket
#   large-past-due.csv      the workbook's Large Past Due rows: the rule of
#                           [report] in ar.ini (lpd_min_amount, lpd_min_days)
#   aging-by-collector.csv  one row per collector and currency
#   history/items-YYYY-MM-DD.csv
#                           the day's open items (the items stream, as aged),
#                           kept for the month-end roll rates (ar-kpi
#                           --history; man 1 ar-kpi); prune old ones as the
#                           team's retention says
#
# The as-of date is $AR_AS_OF (YYYY-MM-DD) when set, otherwise today in the
# machine's local time; it is fixed once, so all the reports agree even when
# a run crosses midnight.  The reports are written into a folder of their
# own inside OUT_DIR and moved into place only when all of them succeeded, so
# a failed run leaves the previous reports as they were.  A lock on
# OUT_DIR/.lock keeps a second run from starting while one is going.
#
# From cron (02:15 every night; cron's PATH is short, so /usr/local/bin,
# where `make install` puts the tools, is added below):
#
#   15 2 * * * /opt/artools/examples/nightly.sh /data/ar /data/ar/out >>/var/log/artools.log 2>&1
#
# Exit status: 0 when every report was written; the failing step's own
# status otherwise (man 7 artools: 65 bad data, 66 missing input,
# 73 cannot write, 78 bad ar.ini, ...); 64 for bad arguments; 66 when an
# input file is missing; 75 when another run holds the lock; 127 when
# ar-age (or, with fbl5n.txt, ar-import) is not on PATH; 70 if ar-age exits
# 0 without writing its report.
set -eu

prog=nightly.sh
PATH=$PATH:/usr/local/bin
export PATH

die() {
	rc=$1
	shift
	echo "$prog: $*" >&2
	exit "$rc"
}

[ $# -le 2 ] || die 64 "usage: $prog [DATA_DIR [OUT_DIR]]"

here=$(cd "$(dirname "$0")" && pwd)
DATA=${1:-$here}
[ -d "$DATA" ] || die 66 "data folder $DATA does not exist"
DATA=$(cd "$DATA" && pwd)
OUT=${2:-$DATA/out}

AS_OF=${AR_AS_OF:-$(date +%Y-%m-%d)}
case $AS_OF in
[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]) ;;
*) die 64 "AR_AS_OF \"$AS_OF\" is not a date (expected YYYY-MM-DD)" ;;
esac

# The open items: the ERP extract when there is one, else items.csv.
extract=
[ -e "$DATA/fbl5n.txt" ] && extract=fbl5n.txt
for f in ${extract:-items.csv} customers.csv ar.ini; do
	[ -r "$DATA/$f" ] || die 66 "cannot read $DATA/$f"
done
command -v ar-age >/dev/null 2>&1 || die 127 "ar-age not found on PATH ($PATH)"
if [ -n "$extract" ]; then
	command -v ar-import >/dev/null 2>&1 ||
		die 127 "ar-import not found on PATH ($PATH)"
fi

# The reports name customers: readable by the owner and the group only.
umask 027
mkdir -p "$OUT" || die 73 "cannot create $OUT"
OUT=$(cd "$OUT" && pwd)

( : >>"$OUT/.lock" ) 2>/dev/null || die 73 "cannot write $OUT/.lock"
exec 9>>"$OUT/.lock"
flock -n 9 || die 75 "another run holds $OUT/.lock; not starting"
# Holding the lock, any staging folder left here is from a run that was killed.
rm -rf "$OUT"/.nightly.*

stage=$OUT/.nightly.$$
trap 'rm -rf "$stage"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir "$stage" || die 73 "cannot create $stage"

AR_CONFIG=$DATA/ar.ini
export AR_CONFIG
cd "$DATA"

echo "$prog: $(date '+%Y-%m-%d %H:%M:%S') as of $AS_OF, data $DATA, out $OUT"

# step NAME COMMAND...: run COMMAND; on failure name the step and exit with its status.
step() {
	name=$1
	shift
	echo "$prog: $name"
	"$@" || {
		rc=$?
		echo "$prog: step \"$name\" failed with exit status $rc; reports in $OUT left as they were" >&2
		exit "$rc"
	}
}

# From the ERP extract: ar-import writes items.csv into a work folder inside
# the staging folder (removed with it: only the reports are published), and
# the aging steps run in that folder, beside links to DATA_DIR's other
# inputs, so that the reports name their inputs as a run from items.csv does.
if [ -n "$extract" ]; then
	work=$stage/work
	mkdir "$work" || die 73 "cannot create $work"
	step import ar-import -o "$work/items.csv" "$extract"
	for f in customers.csv journal.csv; do
		if [ -e "$f" ]; then
			ln -s "$DATA/$f" "$work/$f" || die 73 "cannot link $f into $work"
		fi
	done
	cd "$work"
fi

# journal.csv is optional: without it the workbook has no journal columns.
journal=
[ -r journal.csv ] && journal="--journal journal.csv"
step aging \
	ar-age --as-of "$AS_OF" --customers customers.csv \
	--xlsx "$stage/aging.xlsx" $journal \
	-o "$stage/aging.csv" items.csv
step aging-detail \
	ar-age --as-of "$AS_OF" --customers customers.csv --detail \
	-o "$stage/aging-detail.csv" items.csv
step large-past-due \
	ar-age --as-of "$AS_OF" --customers customers.csv --large-past-due \
	-o "$stage/large-past-due.csv" items.csv
step aging-by-collector \
	ar-age --as-of "$AS_OF" --customers customers.csv --group-by collector \
	-o "$stage/aging-by-collector.csv" items.csv

reports="aging.csv aging.xlsx aging-detail.csv large-past-due.csv aging-by-collector.csv"
for f in $reports; do
	[ -f "$stage/$f" ] || die 70 "ar-age reported success but wrote no $f"
done
# Same file system: each mv is a rename, so a reader sees a whole file.
for f in $reports; do
	mv -f "$stage/$f" "$OUT/$f"
done

# The day's open items, kept under their date for ar-kpi's roll rates.
mkdir -p "$OUT/history" || die 73 "cannot create $OUT/history"
cp items.csv "$stage/items-$AS_OF.csv" || die 73 "cannot copy items.csv into $stage"
mv -f "$stage/items-$AS_OF.csv" "$OUT/history/items-$AS_OF.csv" ||
	die 73 "cannot keep the items in $OUT/history"

echo "$prog: reports as of $AS_OF written:"
for f in $reports; do
	case $f in
	*.csv)
		lines=$(wc -l <"$OUT/$f")
		echo "  $OUT/$f: $((lines - 1)) rows" ;;
	*)
		echo "  $OUT/$f: $(wc -c <"$OUT/$f") bytes" ;;
	esac
done
echo "  $OUT/history/items-$AS_OF.csv: kept"
