#!/bin/sh
# letter-pdf.sh - the letters of report/letter_pdf.c read back with poppler:
# in English, Malay, Simplified and Traditional Chinese the addressee, every
# doc_no, the amount due and the amount in words come out of pdftotext as
# text (shaped, never boxes); every font is embedded, and is Noto (Noto Sans
# CJK, regular, only where there is Chinese); a table of 120 rows runs over 3 pages or
# more with all 120 doc_nos; a long body and a table too wide for the page
# lose nothing; no word crosses the margins.  The letters
# are written by `test_letter_pdf --write DIR` (tests/unit/test_letter_pdf.c,
# which holds the same strings).
set -eu
build=${BUILD:-build/san}
for tool in pdftotext pdffonts pdfinfo; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "$tool missing (Debian: poppler-utils)"
		exit 77
	fi
done
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

"$build/tests/test_letter_pdf" --write "$dir"

fail() {
	echo "letter-pdf: $*" >&2
	exit 1
}

# has FILE TEXT: TEXT on a line of FILE.
has() {
	grep -qF -- "$2" "$1" || fail "$1 lacks \"$2\""
}

# has_wrapped FILE TEXT: TEXT in FILE, wherever its lines were wrapped.
has_wrapped() {
	tr -d ' \n' <"$1" >"$1.flat"
	grep -qF -- "$(printf '%s' "$2" | tr -d ' ')" "$1.flat" || fail "$1 lacks \"$2\""
}

# fonts FILE: the PDF's fonts, all embedded, all Noto; their names on stdout.
fonts() {
	pdffonts "$1" >"$dir/fonts" || fail "pdffonts cannot read $1"
	# name, type (may have blanks), encoding, emb, sub, uni, object, generation
	awk 'NR > 2 { if ($(NF - 4) != "yes") bad = bad " " $1; print $1 }
	    END { if (bad != "") { print "not embedded:" bad > "/dev/stderr"; exit 1 } }' \
	    "$dir/fonts" >"$dir/names" || fail "$1 has fonts not embedded"
	[ -s "$dir/names" ] || fail "$1 has no fonts"
	grep -v '^[A-Z]\{6\}+NotoSans' "$dir/names" && fail "$1 has fonts other than Noto"
	cat "$dir/names"
}

check() {
	lang=$1 name=$2 amount=$3 words=$4
	shift 4
	pdf=$dir/$lang.pdf
	pdftotext -layout "$pdf" "$dir/$lang.txt"
	has "$dir/$lang.txt" "$name"
	for doc_no in "$@"; do
		has "$dir/$lang.txt" "$doc_no"
	done
	has "$dir/$lang.txt" "$amount"
	has_wrapped "$dir/$lang.txt" "$words"
	[ "$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')" = 1 ] || fail "$pdf is not one page"
	fonts "$pdf" >"$dir/$lang.fonts"
}

check en "Northwind Components Sdn. Bhd." "MYR 12,345.60" \
	"Ringgit Malaysia twelve thousand three hundred and forty-five and cents sixty only" \
	INV-2026-0815 INV-2026-0902 INV-2026-0920
check ms "Syarikat Perniagaan Maju Jaya Sdn. Bhd." "MYR 12,345.60" \
	"Ringgit Malaysia dua belas ribu tiga ratus empat puluh lima dan sen enam puluh sahaja" \
	INV-2026-1101 INV-2026-1102 INV-2026-1103
check zh-Hans "深圳市华南精密制造有限公司" "CNY 12,345.60" "人民币壹万贰仟叁佰肆拾伍元陆角整" \
	HD-2026-0815 HD-2026-0902 HD-2026-0920
check zh-Hant "臺灣精密工業股份有限公司" "TWD 12,345" "新臺幣壹萬貳仟參佰肆拾伍元整" \
	LF-2026-0815 LF-2026-0902 LF-2026-0920

# Latin letters stay out of the CJK font (it would make them several times
# bigger); Chinese ones take the CJK font of their script, regular only: its
# bold is synthetic, as each CJK face costs cairo some 11 ms a PDF.
for lang in en ms; do
	grep -q CJK "$dir/$lang.fonts" && fail "$lang.pdf uses a CJK font"
	grep -q '+NotoSans-Regular$' "$dir/$lang.fonts" || fail "$lang.pdf lacks Noto Sans"
	grep -q '+NotoSans-Bold$' "$dir/$lang.fonts" || fail "$lang.pdf lacks Noto Sans Bold"
	# one subset each: no ligature glyph ("fi" of "forty-five") forcing a second
	[ "$(wc -l <"$dir/$lang.fonts")" -eq 2 ] || fail "$lang.pdf has more than 2 fonts"
done
for f in zh-Hans:sc zh-Hant:tc; do
	lang=${f%:*} script=${f#*:}
	[ "$(grep CJK "$dir/$lang.fonts")" = "$(grep "+NotoSansCJK$script-Regular\$" "$dir/$lang.fonts")" ] &&
		[ "$(grep -c CJK "$dir/$lang.fonts")" = 1 ] ||
		fail "$lang.pdf: expected one CJK font, Noto Sans CJK ${script} Regular; has $(grep CJK "$dir/$lang.fonts" | tr '\n' ' ')"
done
has "$dir/zh-Hant.txt" "第 1 頁，共 1 頁"
# 如 takes its Japanese form in Simplified Chinese (cairo 1.16 empties the
# SC one; letter_pdf_text.c): it still reads as 如.
has "$dir/zh-Hans.txt" "如贵司已付款"

# The long letter: 3 pages or more, every doc_no once, each page's footer.
long=$dir/long.pdf
pages=$(pdfinfo "$long" | sed -n 's/^Pages: *//p')
[ "$pages" -ge 3 ] || fail "long.pdf has $pages pages, expected 3 or more"
pdftotext -layout "$long" "$dir/long.txt"
awk 'BEGIN { for (i = 1; i <= 120; i++) printf "INV-%06d\n", i }' >"$dir/want"
grep -o 'INV-[0-9]\{6\}' "$dir/long.txt" >"$dir/got"
cmp -s "$dir/want" "$dir/got" || { diff "$dir/want" "$dir/got" | head >&2; fail "long.pdf: doc_nos lost, doubled or out of order"; }
for p in $(seq 1 "$pages"); do
	has "$dir/long.txt" "Page $p of $pages"
done
# The table's header on every page it continues on.
[ "$(grep -c 'doc_no  *doc_date  *due_date' "$dir/long.txt")" -ge "$pages" ] ||
	fail "long.pdf: the table's header is not on every page"
has "$dir/long.txt" "MYR 12,345.60"
fonts "$long" >/dev/null

# The wide letter: its 40 paragraphs (split over pages) and its 10 rows,
# whose descriptions wrap in a narrowed column, all there.
wide=$dir/wide.pdf
pdftotext -layout "$wide" "$dir/wide.txt"
for i in $(seq 1 40); do
	has "$dir/wide.txt" "Paragraph $i. "
done
for i in $(seq 1 10); do
	has "$dir/wide.txt" "$(printf 'WIDE-%04d' "$i")"
	has "$dir/wide.txt" "$(printf 'PO-2026-%05d' $((7000 + i - 1)))"
done

# Every word of long.pdf and wide.pdf inside one band: the running head
# above the top margin (56.69 pt), the text between the margins (to
# 785.2 pt, 56.69 to 538.59 across), or the footer below 796 pt.
# pdftotext's boxes take the font's ascent and descent, hence a point of
# slack.
for pdf in "$long" "$wide"; do
	pdftotext -bbox "$pdf" - | awk -F'"' '/<word / {
		x0 = $2; y0 = $4; x1 = $6; y1 = $8; w = $9; sub(/^>/, "", w); sub(/<.*/, "", w)
		head = y1 <= 56.7 + 1; body = y0 >= 56.7 - 1 && y1 <= 785.2 + 1; foot = y0 >= 796
		if (!(head || body || foot) || x0 < 56.7 - 1 || x1 > 538.6 + 1) {
			printf "word \"%s\" at x %.1f-%.1f, y %.1f-%.1f crosses a margin\n", w, x0, x1, y0, y1
			bad = 1
		}
	} END { exit bad }' >&2 || fail "$(basename "$pdf") draws past its margins"
done
echo "letter-pdf ok"
