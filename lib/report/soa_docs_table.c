/*
 * soa_docs_table.c - the words of a statement in the four languages (the
 * table's captions, the document types, the aging buckets) and the table
 * of its lines (soa_docs_int.h): the cells the letter and the e-mail draw
 * (doc_table.h).
 */
#include <string.h>

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

/* The lines of d, a first row brought forward when the period has a start. */
ar_err
sd_table_build(const struct soa_docs_setup *s, const struct soa_doc *d, struct doc_table *tb)
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

	if ((err = doc_table_init(tb, SD_COLS, st->nlines + (bf ? 1 : 0))) != AR_OK)
		return err;
	for (size_t k = 0; k < SD_COLS; k++)
		tb->numeric[k] = k >= 5;
	if ((err = doc_table_set_row(tb, 0, head)) != AR_OK)
		return err;
	if (bf) {
		char date[DATE_TEXT_MAX + 16], balance[DOC_TEXT_MONEY_MAX];
		const char *row[SD_COLS] = { date, NULL, c[SC_BROUGHT_FORWARD], NULL, NULL, NULL,
			NULL, balance };

		doc_short_date(d->lang, s->roc_dates, s->from, date, sizeof date);
		doc_money(st->opening, exp, balance, sizeof balance);
		if ((err = doc_table_set_row(tb, 1, row)) != AR_OK)
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
		if ((err = doc_table_set_row(tb, r + 1 + (bf ? 1 : 0), row)) != AR_OK)
			return err;
	}
	for (size_t k = 0; k < 3; k++)
		if ((err = doc_table_add_total(tb, c[SC_TOTAL_DEBITS + k], st->currency,
		    totals[k])) != AR_OK)
			return err;
	return AR_OK;
}
