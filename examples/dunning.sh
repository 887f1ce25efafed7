#!/bin/sh
# dunning.sh - the nightly dunning decision over one data folder: who is
# chased tonight, how, and why the others are not.
#
#   dunning.sh [DATA_DIR [OUT_DIR]]
#
# DATA_DIR (default: the folder this script is in) holds items.csv (the
# open items), customers.csv (status, lang, email, phone, address, and the
# overrides dunning_block, channel, interest_rate), ar.ini ([company],
# [dunning], [dunning.N]) and journal.csv, the collections journal.  The
# templates are $AR_TEMPLATES, else [dunning] templates, else the installed
# ones (man 7 artools-templates).  OUT_DIR (default: DATA_DIR/out) receives:
#
#   actions.csv    one row per customer and currency: send (level,
#                  channels), skip or route, and the reason
#   letters/ email/ sms.csv im.csv
#                  what tonight's sends deliver: PDF letters, e-mails
#                  ready for sendmail -t, SMS and WhatsApp messages
#   journal.csv    a copy of the journal with tonight's letters, e-mails and
#                  SMS appended (ar-dunning --commit): the demo leaves
#                  DATA_DIR's journal as it was; a real run commits to it
#   night-2/       the same two weeks later ($AR_AS_OF + 14 days, the
#                  items unpaid): the second reminders, by letter
#
# The as-of date is $AR_AS_OF (YYYY-MM-DD) when set, else today.  A failing
# step stops the script with its exit status (man 7 artools).
set -eu

prog=dunning.sh
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
mkdir -p "$OUT" || die 73 "cannot create $OUT"
AS_OF=${AR_AS_OF:-$(date +%Y-%m-%d)}
AR_CONFIG=$DATA/ar.ini
export AR_CONFIG

cp "$DATA/journal.csv" "$OUT/journal.csv"
ar-dunning --as-of "$AS_OF" --customers "$DATA/customers.csv" \
	--journal "$OUT/journal.csv" --commit --out-dir "$OUT" -o "$OUT/actions.csv" \
	"$DATA/items.csv"
echo "$prog: $(grep -c ',send,' "$OUT/actions.csv") sends tonight (customer and currency);" \
	"actions in $OUT/actions.csv, the journal with them in $OUT/journal.csv"

# Two weeks on, nobody has paid: the next step, over the journal just written.
LATER=$(date -d "$AS_OF + 14 days" +%Y-%m-%d) || die 64 "AR_AS_OF $AS_OF is not a date"
mkdir -p "$OUT/night-2" || die 73 "cannot create $OUT/night-2"
ar-dunning --as-of "$LATER" --customers "$DATA/customers.csv" \
	--journal "$OUT/journal.csv" --commit --out-dir "$OUT/night-2" \
	-o "$OUT/night-2/actions.csv" "$DATA/items.csv"
echo "$prog: $LATER: $(grep -c ',send,' "$OUT/night-2/actions.csv") sends;" \
	"$(ls "$OUT/night-2/letters" | wc -l) letters in $OUT/night-2/letters"
