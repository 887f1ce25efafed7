/* recon_report.c - recon.csv and its workbook (recon_report.h). */
#include "report/recon_report.h"

#include <stdio.h>
#include <string.h>

#include "core/money.h"
#include "core/xlsx.h"

const char *const recon_columns[] = {
	"class", "doc_no", "their_ref", "date", "currency", "ours", "theirs", "difference", "note"
};
const unsigned recon_ncolumns = 9;

static void
header(struct row_sink *s, const char *const *names, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		s->text(s, names[i]);
	s->end(s);
}

static void
rows(struct row_sink *s, const struct recon *r, civil_day as_of)
{
	for (size_t i = 0; i < recon_nrows(r); i++) {
		const struct recon_row *x = recon_row_at(r, i);

		s->text(s, recon_class_name(x->cls));
		s->text(s, x->doc_no);
		s->text(s, x->their_ref);
		s->date(s, x->date);
		s->text(s, currency_code(x->currency));
		if (x->has_ours)
			s->money(s, x->ours, x->currency);
		else
			s->text(s, "");
		if (x->has_theirs)
			s->money(s, x->theirs, x->currency);
		else
			s->text(s, "");
		s->money(s, x->difference, x->currency);
		s->text(s, x->note);
		s->end(s);
	}
	for (size_t k = 0; k < recon_nbalances(r); k++) {
		const struct recon_balance *b = recon_balance_at(r, k);

		s->text(s, "BALANCE");
		s->text(s, "");
		s->text(s, "");
		s->date(s, as_of);
		s->text(s, currency_code(b->currency));
		s->money(s, b->ours, b->currency);
		s->money(s, b->theirs, b->currency);
		s->money(s, b->difference, b->currency);
		s->text(s, "ours - theirs = the sum of the differences");
		s->end(s);
	}
}

void
recon_write(struct row_sink *s, const struct recon *r, civil_day as_of)
{
	header(s, recon_columns, recon_ncolumns);
	rows(s, r, as_of);
}

static const char *const summary_columns[] = {
	"currency", "class", "rows", "difference"
};

static void
summary_rows(struct row_sink *s, const struct recon *r)
{
	for (size_t k = 0; k < recon_nbalances(r); k++) {
		const struct recon_balance *b = recon_balance_at(r, k);

		for (int c = 0; c < RECON_NCLASSES; c++) {
			s->text(s, currency_code(b->currency));
			s->text(s, recon_class_name((enum recon_class)c));
			s->count(s, (int64_t)b->count[c]);
			s->money(s, b->class_difference[c], b->currency);
			s->end(s);
		}
	}
}

static const char *const balance_columns[] = {
	"currency", "ours", "theirs", "difference", "ties_out"
};

static void
balance_rows(struct row_sink *s, const struct recon *r)
{
	for (size_t k = 0; k < recon_nbalances(r); k++) {
		const struct recon_balance *b = recon_balance_at(r, k);

		s->text(s, currency_code(b->currency));
		s->money(s, b->ours, b->currency);
		s->money(s, b->theirs, b->currency);
		s->money(s, b->difference, b->currency);
		s->text(s, b->ours - b->theirs == b->difference ? "yes" : "no");
		s->end(s);
	}
}

static ar_err
note_row(struct xlsx_book *book, lxw_worksheet *ws, uint32_t row, const char *what,
    const char *text)
{
	ar_err err = xlsx_write_text(book, ws, row, 0, what, strlen(what), NULL);

	return err != AR_OK ? err : xlsx_write_text(book, ws, row, 1, text, strlen(text), NULL);
}

ar_err
recon_xlsx(const char *path, const struct recon *r, const struct recon_meta *m,
    struct ar_error *e)
{
	struct xlsx_book *book;
	struct row_sink_sheet x;
	lxw_worksheet *ws = NULL;
	char day[DATE_TEXT_MAX], who[512];
	ar_err err;

	if ((err = xlsx_open(&book, path, false, e)) != AR_OK)
		return err;
	if (row_sink_sheet_start(&x, book, "Reconciliation", recon_columns,
	    (uint16_t)recon_ncolumns)) {
		rows(&x.sink, r, m->as_of);
		xlsx_fit_columns(book, x.ws);
	}
	err = x.err;
	if (err == AR_OK && row_sink_sheet_start(&x, book, "Summary", summary_columns, 4)) {
		summary_rows(&x.sink, r);
		xlsx_fit_columns(book, x.ws);
	}
	if (err == AR_OK)
		err = x.err;
	if (err == AR_OK && row_sink_sheet_start(&x, book, "Balances", balance_columns, 5)) {
		balance_rows(&x.sink, r);
		xlsx_fit_columns(book, x.ws);
	}
	if (err == AR_OK)
		err = x.err;
	date_format(m->as_of, day);
	snprintf(who, sizeof who, "%s%s%s", m->customer, m->name[0] != '\0' ? " " : "", m->name);
	if (err == AR_OK && (ws = xlsx_add_sheet(book, "Notes")) == NULL)
		err = AR_EIO;
	if (err == AR_OK)
		err = note_row(book, ws, 0, "customer", who);
	if (err == AR_OK)
		err = note_row(book, ws, 1, "their ledger", m->theirs_path);
	if (err == AR_OK)
		err = note_row(book, ws, 2, "profile", m->profile);
	if (err == AR_OK)
		err = note_row(book, ws, 3, "as of", day);
	if (err == AR_OK)
		err = note_row(book, ws, 4, "sign", "+ the customer owes us; difference = ours - "
		    "theirs, an absent side counting 0");
	if (err == AR_OK)
		err = note_row(book, ws, 5, "proof", "per currency, balance(ours) - balance(theirs) "
		    "= the sum of the differences, to the cent (Balances: ties_out)");
	if (err == AR_OK)
		xlsx_fit_columns(book, ws);
	return row_sink_book_finish(book, err, e);
}
