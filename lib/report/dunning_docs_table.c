/*
 * dunning_docs_table.c - the table of overdue items of a send
 * (dunning_docs_int.h): its cells, totals and words, and the table as
 * plain text (aligned columns, CJK characters two wide) or HTML for the
 * e-mail; the letter draws the same cells (letter_pdf.h).
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "report/doc_fill.h"
#include "report/doc_text.h"
#include "report/dunning_docs_int.h"

static ar_err
add_str(struct tmpl_buf *out, const char *s)
{
	return tmpl_buf_add(out, s, strlen(s));
}

void
dd_table_free(struct dd_table *tb)
{
	if (tb->cells != NULL)
		for (size_t i = 0; i < (tb->rows + 1) * DD_COLS; i++)
			free(tb->cells[i]);
	free(tb->cells);
}

ar_err
dd_table_build(const struct dunning_docs_setup *s, const struct dunning_doc *d, int64_t total,
    struct dd_table *tb)
{
	static const enum doc_caption caption[DD_COLS] = {
		DC_COL_DOC_NO, DC_COL_DOC_DATE, DC_COL_DUE_DATE, DC_COL_DAYS, DC_COL_AMOUNT,
		DC_COL_INTEREST
	};
	static const enum doc_caption total_caption[4] = {
		DC_OVERDUE_AMOUNT, DC_INTEREST, DC_FEE, DC_AMOUNT_DUE
	};
	int exp = currency_exponent(d->x.currency);
	int64_t totals[4] = { d->x.overdue_amount, d->x.interest, d->x.fee, total };
	ar_err err;

	memset(tb, 0, sizeof *tb);
	tb->rows = d->nlines;
	if ((tb->cells = calloc((tb->rows + 1) * DD_COLS, sizeof *tb->cells)) == NULL)
		return AR_ENOMEM;
	for (size_t k = 0; k < DD_COLS; k++) {
		tb->numeric[k] = k >= 3;
		if ((tb->cells[k] = strdup(doc_caption(d->lang, caption[k]))) == NULL)
			return AR_ENOMEM;
	}
	for (size_t r = 0; r < d->nlines; r++) {
		const struct dunning_doc_line *l = &d->lines[r];
		char cell[DD_COLS][DOC_TEXT_MONEY_MAX + 16];
		char **row = &tb->cells[(r + 1) * DD_COLS];

		snprintf(cell[0], sizeof cell[0], "%s", l->doc_no);
		doc_short_date(d->lang, s->roc_dates, l->doc_date, cell[1], sizeof cell[1]);
		doc_short_date(d->lang, s->roc_dates, l->due, cell[2], sizeof cell[2]);
		snprintf(cell[3], sizeof cell[3], "%ld", l->days);
		doc_money(l->amount, exp, cell[4], sizeof cell[4]);
		doc_money(l->interest, exp, cell[5], sizeof cell[5]);
		for (size_t k = 0; k < DD_COLS; k++)
			if ((row[k] = strdup(cell[k])) == NULL)
				return AR_ENOMEM;
	}
	for (size_t k = 0; k < 4; k++) {
		char amount[DOC_TEXT_MONEY_MAX];

		doc_money(totals[k], exp, amount, sizeof amount);
		snprintf(tb->totals[k][0], sizeof tb->totals[k][0], "%s",
		    doc_caption(d->lang, total_caption[k]));
		snprintf(tb->totals[k][1], sizeof tb->totals[k][1], "%s %s",
		    currency_code(d->x.currency), amount);
	}
	if ((err = doc_amount_words(d->lang, d->x.currency, exp, total < 0 ? -total : total,
	    tb->words, sizeof tb->words)) != AR_OK)
		return err;
	return AR_OK;
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
	static const char blanks[] = "                                        ";
	ar_err err = AR_OK;

	while (n > 0 && err == AR_OK) {
		size_t k = n < sizeof blanks - 1 ? n : sizeof blanks - 1;

		err = tmpl_buf_add(out, blanks, k);
		n -= k;
	}
	return err;
}

static ar_err
text_table(const struct dd_table *tb, struct tmpl_buf *out)
{
	size_t width[DD_COLS] = { 0 }, line = 0, label = 0, value = 0;
	ar_err err = AR_OK;

	for (size_t i = 0; i < (tb->rows + 1) * DD_COLS; i++) {
		size_t w = text_width(tb->cells[i]);

		if (w > width[i % DD_COLS])
			width[i % DD_COLS] = w;
	}
	for (size_t k = 0; k < DD_COLS; k++)
		line += width[k] + (k ? 2 : 0);
	for (size_t r = 0; r <= tb->rows && err == AR_OK; r++) {
		for (size_t k = 0; k < DD_COLS && err == AR_OK; k++) {
			const char *cell = tb->cells[r * DD_COLS + k];
			size_t gap = width[k] - text_width(cell);

			if (k > 0)
				err = pad(out, 2);
			if (err == AR_OK && tb->numeric[k])
				err = pad(out, gap);
			if (err == AR_OK)
				err = add_str(out, cell);
			if (err == AR_OK && !tb->numeric[k] && k + 1 < DD_COLS)
				err = pad(out, gap);
		}
		if (err == AR_OK)
			err = add_str(out, "\n");
	}
	for (size_t k = 0; k < 4; k++) {
		if (text_width(tb->totals[k][0]) > label)
			label = text_width(tb->totals[k][0]);
		if (text_width(tb->totals[k][1]) > value)
			value = text_width(tb->totals[k][1]);
	}
	if (err == AR_OK)
		err = add_str(out, "\n");
	for (size_t k = 0; k < 4 && err == AR_OK; k++) {
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
html_table(const struct dd_table *tb, struct tmpl_buf *out)
{
	static const char *const align[2] = { "left", "right" };
	char tag[96];
	ar_err err = add_str(out, "<table style=\"border-collapse:collapse\" cellpadding=\"4\">\n");

	for (size_t r = 0; r <= tb->rows && err == AR_OK; r++) {
		err = add_str(out, "<tr>");
		for (size_t k = 0; k < DD_COLS && err == AR_OK; k++) {
			snprintf(tag, sizeof tag, "<%s style=\"text-align:%s;border-bottom:1px solid #ccc\">",
			    r == 0 ? "th" : "td", align[tb->numeric[k]]);
			err = add_str(out, tag);
			if (err == AR_OK)
				err = add_html(out, tb->cells[r * DD_COLS + k]);
			if (err == AR_OK)
				err = add_str(out, r == 0 ? "</th>" : "</td>");
		}
		if (err == AR_OK)
			err = add_str(out, "</tr>\n");
	}
	for (size_t k = 0; k < 4 && err == AR_OK; k++) {
		err = add_str(out, k == 3 ? "<tr style=\"font-weight:bold\">" : "<tr>");
		if (err == AR_OK)
			err = add_str(out, "<td colspan=\"5\" style=\"text-align:right\">");
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
dd_table_render(const struct dd_table *tb, enum report_lang lang, bool html, struct tmpl_buf *out)
{
	bool chinese = lang == REPORT_LANG_ZH_HANS || lang == REPORT_LANG_ZH_HANT;
	ar_err err = html ? html_table(tb, out) : text_table(tb, out);

	if (err == AR_OK && html) {
		err = add_str(out, "<p>");
		if (err == AR_OK)
			err = add_html(out, doc_caption(lang, DC_AMOUNT_IN_WORDS));
		if (err == AR_OK)
			err = add_str(out, chinese ? "：<b>" : ": <b>");
		if (err == AR_OK)
			err = add_html(out, tb->words);
		if (err == AR_OK)
			err = add_str(out, "</b></p>\n");
	} else if (err == AR_OK) {
		err = add_str(out, "\n");
		if (err == AR_OK)
			err = add_str(out, doc_caption(lang, DC_AMOUNT_IN_WORDS));
		if (err == AR_OK)
			err = add_str(out, chinese ? "：" : ": ");
		if (err == AR_OK)
			err = add_str(out, tb->words);
		if (err == AR_OK)
			err = add_str(out, "\n");
	}
	return err;
}
