/*
 * soa_docs_table.c - the words of a statement in the four languages (the
 * table's captions, the document types, the aging buckets) and the table
 * of its lines (soa_docs_int.h): the cells the letter draws, and the
 * table as plain text (aligned columns, CJK characters two wide) or HTML
 * for the e-mail.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "report/doc_fill.h"
#include "report/doc_text.h"
#include "report/soa_docs_int.h"

enum { SC_DATE, SC_TYPE, SC_REF, SC_DEBIT, SC_CREDIT, SC_BALANCE, SC_BROUGHT_FORWARD,
	SC_TOTAL_DEBITS, SC_TOTAL_CREDITS, SC_CLOSING, SC_CURRENT, SC_DAYS, SC_OVER, SC_COUNT };

static const char *const captions[REPORT_LANG_COUNT][SC_COUNT] = {
	[REPORT_LANG_EN] = { "Date", "Type", "Reference", "Debit", "Credit", "Balance",
	    "Balance brought forward", "Total debits", "Total credits", "Closing balance",
	    "Current", "%s days", "Over %d days" },
	[REPORT_LANG_MS] = { "Tarikh", "Jenis", "Rujukan", "Debit", "Kredit", "Baki",
	    "Baki dibawa ke hadapan", "Jumlah debit", "Jumlah kredit", "Baki penutup",
	    "Semasa", "%s hari", "Lebih %d hari" },
	[REPORT_LANG_ZH_HANT] = { "日期", "類別", "參考", "借方", "貸方", "餘額",
	    "上期結餘", "借方合計", "貸方合計", "期末餘額", "未到期", "%s天", "超過%d天" },
	[REPORT_LANG_ZH_HANS] = { "日期", "类别", "参考", "借方", "贷方", "余额",
	    "上期结余", "借方合计", "贷方合计", "期末余额", "未到期", "%s天", "超过%d天" },
};

/* The items stream's doc_type in words; another type is printed as written. */
static const struct {
	const char *code;
	const char *words[REPORT_LANG_COUNT];
} doc_types[] = {
	{ "INV", { [REPORT_LANG_EN] = "Invoice", [REPORT_LANG_MS] = "Invois",
	    [REPORT_LANG_ZH_HANT] = "發票", [REPORT_LANG_ZH_HANS] = "发票" } },
	{ "CN", { [REPORT_LANG_EN] = "Credit note", [REPORT_LANG_MS] = "Nota kredit",
	    [REPORT_LANG_ZH_HANT] = "折讓單", [REPORT_LANG_ZH_HANS] = "贷项通知单" } },
	{ "DN", { [REPORT_LANG_EN] = "Debit note", [REPORT_LANG_MS] = "Nota debit",
	    [REPORT_LANG_ZH_HANT] = "借項通知單", [REPORT_LANG_ZH_HANS] = "借项通知单" } },
	{ "PAY", { [REPORT_LANG_EN] = "Payment received", [REPORT_LANG_MS] = "Bayaran diterima",
	    [REPORT_LANG_ZH_HANT] = "收款", [REPORT_LANG_ZH_HANS] = "收款" } },
	{ "ADJ", { [REPORT_LANG_EN] = "Adjustment", [REPORT_LANG_MS] = "Pelarasan",
	    [REPORT_LANG_ZH_HANT] = "調整", [REPORT_LANG_ZH_HANS] = "调整" } },
	{ "INT", { [REPORT_LANG_EN] = "Interest", [REPORT_LANG_MS] = "Faedah",
	    [REPORT_LANG_ZH_HANT] = "利息", [REPORT_LANG_ZH_HANS] = "利息" } },
	{ "FEE", { [REPORT_LANG_EN] = "Fee", [REPORT_LANG_MS] = "Caj",
	    [REPORT_LANG_ZH_HANT] = "費用", [REPORT_LANG_ZH_HANS] = "费用" } },
};

const char *
soa_words_doc_type(enum report_lang lang, const char *type)
{
	for (size_t i = 0; i < sizeof doc_types / sizeof doc_types[0]; i++)
		if (strcmp(doc_types[i].code, type) == 0)
			return doc_types[i].words[lang];
	return type;
}

/* The aging column col's name: "Current", "1-30 days", ..., "Over 120 days". */
void
soa_words_bucket(const struct soa_docs_setup *s, enum report_lang lang, int col, char *buf,
    size_t cap)
{
	char label[AGING_LABEL_MAX];

	if (col == 0) {
		snprintf(buf, cap, "%s", captions[lang][SC_CURRENT]);
	} else if (col == aging_columns(&s->buckets) - 1) {
		snprintf(buf, cap, captions[lang][SC_OVER], s->buckets.upper[s->buckets.n - 1]);
	} else {
		aging_column_label(&s->buckets, col, label, sizeof label);
		snprintf(buf, cap, captions[lang][SC_DAYS], label);
	}
}

/* ---- one statement's table ---- */



void
sd_table_free(struct sd_table *tb)
{
	if (tb->cells != NULL)
		for (size_t i = 0; i < (tb->rows + 1) * SD_COLS; i++)
			free(tb->cells[i]);
	free(tb->cells);
}

static ar_err
sd_row(char **row, const char *const cell[SD_COLS])
{
	for (size_t k = 0; k < SD_COLS; k++)
		if ((row[k] = strdup(cell[k] != NULL ? cell[k] : "")) == NULL)
			return AR_ENOMEM;
	return AR_OK;
}

/* The lines of d, a first row brought forward when the period has a start. */
ar_err
sd_table_build(const struct soa_docs_setup *s, const struct soa_doc *d, struct sd_table *tb)
{
	const struct soa_statement *st = d->st;
	const char *const *c = captions[d->lang];
	int exp = currency_exponent(st->currency);
	bool bf = s->from != DATE_NONE;
	const char *head[SD_COLS] = { c[SC_DATE], doc_caption(d->lang, DC_COL_DOC_NO), c[SC_TYPE],
		c[SC_REF], doc_caption(d->lang, DC_COL_DUE_DATE), c[SC_DEBIT], c[SC_CREDIT],
		c[SC_BALANCE] };
	int64_t totals[3] = { st->debits, st->credits, st->closing };
	ar_err err;

	memset(tb, 0, sizeof *tb);
	tb->rows = st->nlines + (bf ? 1 : 0);
	if ((tb->cells = calloc((tb->rows + 1) * SD_COLS, sizeof *tb->cells)) == NULL)
		return AR_ENOMEM;
	for (size_t k = 0; k < SD_COLS; k++)
		tb->numeric[k] = k >= 5;
	if ((err = sd_row(tb->cells, head)) != AR_OK)
		return err;
	if (bf) {
		char date[DATE_TEXT_MAX + 16], balance[DOC_TEXT_MONEY_MAX];
		const char *row[SD_COLS] = { date, NULL, c[SC_BROUGHT_FORWARD], NULL, NULL, NULL,
			NULL, balance };

		doc_short_date(d->lang, s->roc_dates, s->from, date, sizeof date);
		doc_money(st->opening, exp, balance, sizeof balance);
		if ((err = sd_row(tb->cells + SD_COLS, row)) != AR_OK)
			return err;
	}
	for (size_t r = 0; r < st->nlines; r++) {
		const struct soa_line *l = &st->lines[r];
		char date[DATE_TEXT_MAX + 16], due[DATE_TEXT_MAX + 16];
		char dr[DOC_TEXT_MONEY_MAX] = "", cr[DOC_TEXT_MONEY_MAX] = "", bal[DOC_TEXT_MONEY_MAX];
		const char *row[SD_COLS] = { date, l->doc_no, soa_words_doc_type(d->lang, l->doc_type),
			l->ref, due, dr, cr, bal };

		doc_short_date(d->lang, s->roc_dates, l->date, date, sizeof date);
		doc_short_date(d->lang, s->roc_dates, l->due, due, sizeof due);
		if (l->amount < 0)
			doc_money(-l->amount, exp, cr, sizeof cr);
		else
			doc_money(l->amount, exp, dr, sizeof dr);
		doc_money(l->balance, exp, bal, sizeof bal);
		if ((err = sd_row(tb->cells + (r + 1 + (bf ? 1 : 0)) * SD_COLS, row)) != AR_OK)
			return err;
	}
	for (size_t k = 0; k < 3; k++) {
		char amount[DOC_TEXT_MONEY_MAX];

		doc_money(totals[k], exp, amount, sizeof amount);
		snprintf(tb->totals[k][0], sizeof tb->totals[k][0], "%s", c[SC_TOTAL_DEBITS + k]);
		snprintf(tb->totals[k][1], sizeof tb->totals[k][1], "%s %s",
		    currency_code(st->currency), amount);
	}
	return AR_OK;
}

static ar_err
add_str(struct tmpl_buf *out, const char *s)
{
	return tmpl_buf_add(out, s, strlen(s));
}

/* Columns on a terminal or in a plain-text e-mail: CJK characters take two. */
static size_t
text_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t w = 0;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	while (*p != '\0' && (n = utf8proc_iterate(p, -1, &cp)) > 0) {
		int cw = utf8proc_charwidth(cp);

		w += cw > 0 ? (size_t)cw : 0;
		p += n;
	}
	return w;
}

static ar_err
pad(struct tmpl_buf *out, size_t n)
{
	ar_err err = AR_OK;

	while (n-- > 0 && err == AR_OK)
		err = tmpl_buf_add(out, " ", 1);
	return err;
}

static ar_err
text_table(const struct sd_table *tb, struct tmpl_buf *out)
{
	size_t width[SD_COLS] = { 0 }, line = 0, label = 0, value = 0;
	ar_err err = AR_OK;

	for (size_t i = 0; i < (tb->rows + 1) * SD_COLS; i++)
		if (text_width(tb->cells[i]) > width[i % SD_COLS])
			width[i % SD_COLS] = text_width(tb->cells[i]);
	for (size_t k = 0; k < SD_COLS; k++)
		line += width[k] + (k ? 2 : 0);
	for (size_t r = 0; r <= tb->rows && err == AR_OK; r++) {
		for (size_t k = 0; k < SD_COLS && err == AR_OK; k++) {
			const char *cell = tb->cells[r * SD_COLS + k];
			size_t gap = width[k] - text_width(cell);

			if (k > 0)
				err = pad(out, 2);
			if (err == AR_OK && tb->numeric[k])
				err = pad(out, gap);
			if (err == AR_OK)
				err = add_str(out, cell);
			if (err == AR_OK && !tb->numeric[k] && k + 1 < SD_COLS)
				err = pad(out, gap);
		}
		/* no blanks at the end of a line */
		while (err == AR_OK && out->len > 0 && out->data[out->len - 1] == ' ')
			out->data[--out->len] = '\0';
		if (err == AR_OK)
			err = add_str(out, "\n");
	}
	for (size_t k = 0; k < 3; k++) {
		if (text_width(tb->totals[k][0]) > label)
			label = text_width(tb->totals[k][0]);
		if (text_width(tb->totals[k][1]) > value)
			value = text_width(tb->totals[k][1]);
	}
	if (err == AR_OK)
		err = add_str(out, "\n");
	for (size_t k = 0; k < 3 && err == AR_OK; k++) {
		size_t used = label + 2 + value;

		err = pad(out, line > used ? line - used : 0);
		if (err == AR_OK)
			err = add_str(out, tb->totals[k][0]);
		if (err == AR_OK)
			err = pad(out, label - text_width(tb->totals[k][0]) + 2 + value -
			    text_width(tb->totals[k][1]));
		if (err == AR_OK)
			err = add_str(out, tb->totals[k][1]);
		if (err == AR_OK)
			err = add_str(out, "\n");
	}
	return err;
}

static ar_err
add_html(struct tmpl_buf *out, const char *s)
{
	return tmpl_buf_add_html(out, s, strlen(s));
}

static ar_err
html_table(const struct sd_table *tb, struct tmpl_buf *out)
{
	static const char *const align[2] = { "left", "right" };
	char tag[96];
	ar_err err = add_str(out, "<table style=\"border-collapse:collapse\" cellpadding=\"4\">\n");

	for (size_t r = 0; r <= tb->rows && err == AR_OK; r++) {
		err = add_str(out, "<tr>");
		for (size_t k = 0; k < SD_COLS && err == AR_OK; k++) {
			snprintf(tag, sizeof tag, "<%s style=\"text-align:%s;border-bottom:1px solid #ccc\">",
			    r == 0 ? "th" : "td", align[tb->numeric[k]]);
			err = add_str(out, tag);
			if (err == AR_OK)
				err = add_html(out, tb->cells[r * SD_COLS + k]);
			if (err == AR_OK)
				err = add_str(out, r == 0 ? "</th>" : "</td>");
		}
		if (err == AR_OK)
			err = add_str(out, "</tr>\n");
	}
	for (size_t k = 0; k < 3 && err == AR_OK; k++) {
		err = add_str(out, k == 2 ? "<tr style=\"font-weight:bold\">" : "<tr>");
		if (err == AR_OK)
			err = add_str(out, "<td colspan=\"7\" style=\"text-align:right\">");
		if (err == AR_OK)
			err = add_html(out, tb->totals[k][0]);
		if (err == AR_OK)
			err = add_str(out, "</td><td style=\"text-align:right\">");
		if (err == AR_OK)
			err = add_html(out, tb->totals[k][1]);
		if (err == AR_OK)
			err = add_str(out, "</td></tr>\n");
	}
	if (err == AR_OK)
		err = add_str(out, "</table>\n");
	return err;
}

ar_err
sd_table_render(const struct sd_table *tb, bool html, struct tmpl_buf *out)
{
	return html ? html_table(tb, out) : text_table(tb, out);
}
