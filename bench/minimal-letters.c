/*
 * minimal-letters.c - the floor for bench/run-letters.sh: N one-language
 * letters drawn with cairo + pango and nothing else (no templates, no
 * page breaks, no table rules: the body's text and eight rows of six
 * cells, one layout reused), each its own PDF, in the language mix of the
 * benchmark (40 % en, 30 % ms, 15 % zh-Hans, 15 % zh-Hant).
 *
 *   minimal-letters N OUTDIR
 */
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const body[4] = {
	"Dear Sirs,\n\nOur records show that the following amounts remain unpaid as at 24 November 2026. "
	"Unless payment of the sum of MYR 12,345.60 (Ringgit Malaysia Twelve Thousand Three Hundred "
	"Forty-Five and Sen Sixty Only) is received by 8 December 2026, we shall take such action as "
	"we consider appropriate to recover the debt, without further notice to you.",
	"Tuan/Puan,\n\nMenurut rekod kami, jumlah berikut masih belum dijelaskan setakat 24 November 2026. "
	"Sekiranya bayaran sebanyak MYR 12,345.60 (Ringgit Malaysia Dua Belas Ribu Tiga Ratus Empat "
	"Puluh Lima dan Sen Enam Puluh Sahaja) tidak diterima selewat-lewatnya pada 8 Disember 2026, "
	"kami akan mengambil tindakan yang sewajarnya tanpa notis lanjut.",
	"敬启者：\n\n根据本公司记录，截至2026年11月24日，贵公司账户中的以下款项仍未付清。如本公司未能于"
	"2026年12月8日或之前收到全数款项马币12,345.60（马币壹万贰仟叁佰肆拾伍令吉陆拾仙），本公司将在不另行"
	"通知的情况下，采取适当行动追讨该笔欠款。",
	"敬啟者：\n\n依本公司帳載紀錄，截至中華民國115年11月24日止，貴公司帳戶中下列款項仍屆期未付。"
	"敬請貴公司於中華民國115年12月8日前清償應付總額新臺幣123,456元（新臺幣壹拾貳萬參仟肆佰伍拾陸元整）"
	"，如逾期未付，本公司將不另行通知，逕行採取法律行動。",
};
static const char *const fonts[4] = {
	"Noto Sans, Noto Sans CJK SC 10", "Noto Sans, Noto Sans CJK SC 10",
	"Noto Sans, Noto Sans CJK SC 10", "Noto Sans, Noto Sans CJK TC 10"
};

int
main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[1]) : 0;
	PangoFontMap *fm = pango_cairo_font_map_new();
	PangoContext *ctx[4];
	PangoLayout *l[4];

	if (n <= 0) {
		fprintf(stderr, "usage: minimal-letters N OUTDIR\n");
		return 64;
	}
	for (int k = 0; k < 4; k++) {
		PangoFontDescription *d = pango_font_description_from_string(fonts[k]);

		ctx[k] = pango_font_map_create_context(fm);
		l[k] = pango_layout_new(ctx[k]);
		pango_layout_set_font_description(l[k], d);
		pango_font_description_free(d);
	}
	for (int i = 0; i < n; i++) {
		int k = i % 20 < 8 ? 0 : i % 20 < 14 ? 1 : i % 20 < 17 ? 2 : 3;
		char path[4096], row[160];
		cairo_surface_t *s;
		cairo_t *cr;

		snprintf(path, sizeof path, "%s/%06d.pdf", argv[2], i);
		s = cairo_pdf_surface_create(path, 595.276, 841.89);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2026-11-24T00:00:00Z");
		cr = cairo_create(s);
		pango_cairo_update_context(cr, ctx[k]);
		pango_layout_set_width(l[k], 480 * PANGO_SCALE);
		pango_layout_set_text(l[k], body[k], -1);
		cairo_move_to(cr, 57, 200);
		pango_cairo_show_layout(cr, l[k]);
		pango_layout_set_width(l[k], -1);
		for (int r = 0; r < 8; r++) {
			snprintf(row, sizeof row, "INV-%07d    2026-06-01    2026-09-%02d    %d    %d.%02d    %d.%02d",
			    i * 20 + r, r + 1, 80 + r, 1000 + 37 * r, r, 10 + r, r);
			pango_layout_set_text(l[k], row, -1);
			cairo_move_to(cr, 57, 400 + 14 * r);
			pango_cairo_show_layout(cr, l[k]);
		}
		cairo_show_page(cr);
		cairo_destroy(cr);
		cairo_surface_destroy(s);
	}
	for (int k = 0; k < 4; k++) {
		g_object_unref(l[k]);
		g_object_unref(ctx[k]);
	}
	g_object_unref(fm);
	return 0;
}
