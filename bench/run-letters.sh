#!/bin/sh
# bench/run-letters.sh - the letters benchmark (issue 14): ar-dunning
# --out-dir writing 10,000 PDF letters (the target: under 60 s on 2 cores),
# in the language mix of a Malaysian and Taiwanese ledger (40 % en, 30 % ms,
# 15 % zh-Hans, 15 % zh-Hant), 3 to 14 overdue items each (final demands,
# two pages), with --jobs 2 and --jobs 1; against bench/minimal-letters.c,
# the floor: the same number of one-page letters drawn with cairo + pango
# and nothing else, in one process.
#
#   sh bench/run-letters.sh                10,000 letters
#   BENCH_LETTERS=1000 sh bench/run-letters.sh
#
# Environment: BUILD (default build), BENCH_RUNS (default 1).  Data goes to
# bench/data/letters-N/ (customers, items, ar.ini from the inline Python
# below, seeded).  Prints the figures; does not write bench/RESULTS.md.
set -u

cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
PY=/usr/bin/python3
TIME=/usr/bin/time
N=${BENCH_LETTERS:-10000}
RUNS=${BENCH_RUNS:-1}
D=bench/data/letters-$N

die() { echo "bench: $*" >&2; exit 1; }

[ -x "$TIME" ] || die "$TIME missing: run sh mk/deps.sh bench (Debian package time)"
[ -x "$PY" ] || die "$PY missing"
[ -x "$BUILD/bin/ar-dunning" ] || die "$BUILD/bin/ar-dunning missing: make BUILD=$BUILD"
mkdir -p "$D" || exit 1
${CC:-cc} -std=c17 -O2 -o "$D/minimal-letters" bench/minimal-letters.c \
	$(pkg-config --cflags --libs pangocairo) || die "cannot build bench/minimal-letters.c"

stamp="$(cksum < bench/run-letters.sh | cut -d' ' -f1) $N"
if [ "$(cat "$D/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "generating $N customers with overdue items into $D ..."
	"$PY" - "$D" "$N" <<'EOF' || die "cannot generate the data"
import csv, random, sys
d, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(14)
langs = ["en"] * 40 + ["ms"] * 30 + ["zh-Hans"] * 15 + ["zh-Hant"] * 15
han = "陈林黄张李王吴刘蔡杨郑谢郭洪邱曾廖赖周叶苏庄江吕何罗高萧潘朱简锺彭游詹胡施沈余卢梁赵颜柯翁魏孙戴"
words = ["Jaya", "Maju", "Sinar", "Bintang", "Harapan", "Gemilang", "Sentosa", "Makmur",
         "Trading", "Engineering", "Logistics", "Hardware", "Industries", "Enterprise"]
with open(d + "/customers.csv", "w", newline="") as f, open(d + "/items.csv", "w", newline="") as g:
    w = csv.writer(f, lineterminator="\n")
    v = csv.writer(g, lineterminator="\n")
    w.writerow(["customer", "name", "name_local", "lang", "email", "phone", "address", "country"])
    v.writerow(["customer", "doc_no", "doc_date", "due_date", "currency", "amount"])
    for i in range(n):
        c = "C%06d" % i
        lang = rnd.choice(langs)
        tw = lang == "zh-Hant"
        name = " ".join(rnd.sample(words, 3)) + (" Co., Ltd." if tw else " Sdn. Bhd.")
        local = "".join(rnd.sample(han, 4)) + ("股份有限公司" if tw else "有限公司") if lang.startswith("zh") else ""
        phone = "+886 9%02d %03d %03d" % (rnd.randrange(100), rnd.randrange(1000), rnd.randrange(1000)) if tw \
            else "+60 1%d-%03d %04d" % (rnd.randrange(10), rnd.randrange(1000), rnd.randrange(10000))
        addr = ("No. %d, Jalan %s %d, Taman %s, %05d Kuala Lumpur" % (rnd.randrange(1, 200),
                rnd.choice(words), rnd.randrange(1, 20), rnd.choice(words), rnd.randrange(40000, 60000))
                if not tw else "台北市中山區南京東路%d段%d號%d樓" % (rnd.randrange(1, 6), rnd.randrange(1, 300), rnd.randrange(1, 20)))
        w.writerow([c, name, local, lang, "ar%d@example.com" % i, phone, addr, "TW" if tw else "MY"])
        cur = "TWD" if tw else "MYR"
        for k in range(rnd.randrange(3, 15)):
            due = "2026-%02d-%02d" % (rnd.randrange(7, 11), rnd.randrange(1, 29))
            v.writerow([c, "INV-%07d" % (i * 20 + k), "2026-06-01", due, cur,
                        "%d.%02d" % (rnd.randrange(100, 90000), rnd.randrange(100))])
with open(d + "/ar.ini", "w") as f:
    f.write("""[company]
name = Nusantara Industrial Supplies Berhad
reg_no = 199801012345 (461234-K)
address = "Lot 12, Jalan Perusahaan 4; 68100 Batu Caves, Selangor"
phone = +60 3-6188 2400
email = credit.control@nusantara-industrial.example
country = MY
roc_dates = yes
[input]
date_order = day-first
[dunning]
interest_rate = 18
[dunning.1]
days = 1
channels = letter
template = final-demand
""")
EOF
	echo "$stamp" > "$D/stamp"
fi

export AR_CONFIG="$D/ar.ini" AR_TEMPLATES="$PWD/templates" SOURCE_DATE_EPOCH=1795536000
run() {     # run LABEL JOBS CHANNELS_NOTE
	rm -rf "$D/out"
	$TIME -f "%e %M" -o "$D/time" "$BUILD/bin/ar-dunning" --as-of 2026-11-24 \
		--customers "$D/customers.csv" --jobs "$2" --out-dir "$D/out" -o "$D/actions.csv" \
		"$D/items.csv" 2>"$D/err" || { cat "$D/err"; die "ar-dunning failed"; }
	set -- "$1" "$2" $(cat "$D/time")
	echo "$1: $(ls "$D/out/letters" | wc -l) letters in $3 s with --jobs $2 (peak $4 KiB per process)"
}
for r in $(seq "$RUNS"); do
	run "letters" 2
	du -sh "$D/out/letters" | sed 's/^/size of the letters: /'
	run "letters" 1
	rm -rf "$D/minimal" && mkdir -p "$D/minimal"
	$TIME -f "%e" -o "$D/time" "$D/minimal-letters" "$N" "$D/minimal" || die "minimal-letters failed"
	echo "minimal C loop (cairo + pango, one page, one process): $N letters in $(cat "$D/time") s"
done
