/*
 * dunning_docs_table.c - the table of overdue items of a send
 * (dunning_docs_int.h): its cells, totals and words (doc_table.h draws
 * the table as plain text or HTML for the e-mail, and hands it to the
 * letter), and the amount due in words after it in the e-mail.
 */
#include <string.h>

#include "report/doc_fill.h"
#include "report/doc_text.h"
#include "report/dunning_docs_int.h"

static ar_err
add_str(struct tmpl_buf *out, const char *s)
{
	return tmpl_buf_add(out, s, strlen(s));
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
	const char *head[DD_COLS];
	ar_err err;

	tb->words[0] = '\0';
	if ((err = doc_table_init(&tb->table, DD_COLS, d->nlines)) != AR_OK)
		return err;
	for (size_t k = 0; k < DD_COLS; k++) {
		tb->table.numeric[k] = k >= 3;
		head[k] = doc_caption(d->lang, caption[k]);
	}
	if ((err = doc_table_set_row(&tb->table, 0, head)) != AR_OK)
		return err;
	for (size_t r = 0; r < d->nlines; r++) {
		const struct dunning_doc_line *l = &d->lines[r];
		char cell[DD_COLS][DOC_TEXT_MONEY_MAX + 16];
		const char *row[DD_COLS] = { cell[0], cell[1], cell[2], cell[3], cell[4], cell[5] };

		snprintf(cell[0], sizeof cell[0], "%s", l->doc_no);
		doc_short_date(d->lang, s->roc_dates, l->doc_date, cell[1], sizeof cell[1]);
		doc_short_date(d->lang, s->roc_dates, l->due, cell[2], sizeof cell[2]);
		snprintf(cell[3], sizeof cell[3], "%ld", l->days);
		doc_money(l->amount, exp, cell[4], sizeof cell[4]);
		doc_money(l->interest, exp, cell[5], sizeof cell[5]);
		if ((err = doc_table_set_row(&tb->table, r + 1, row)) != AR_OK)
			return err;
	}
	for (size_t k = 0; k < 4; k++)
		if ((err = doc_table_add_total(&tb->table, doc_caption(d->lang, total_caption[k]),
		    d->x.currency, totals[k])) != AR_OK)
			return err;
	if ((err = doc_amount_words(d->lang, d->x.currency, exp, total < 0 ? -total : total,
	    tb->words, sizeof tb->words)) != AR_OK)
		return err;
	return AR_OK;
}

static ar_err
add_html(struct tmpl_buf *out, const char *s)
{
	return tmpl_buf_add_html(out, s, strlen(s));
}

ar_err
dd_table_render(const struct dd_table *tb, enum report_lang lang, bool html, struct tmpl_buf *out)
{
	bool chinese = lang == REPORT_LANG_ZH_HANS || lang == REPORT_LANG_ZH_HANT;
	ar_err err = doc_table_render(&tb->table, html, out);

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
