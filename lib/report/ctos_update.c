/* ctos_update.c - the CTOS update and the customers not listed (ctos_update.h). */
#include "report/ctos_update.h"

#include "core/xlsx.h"
#include "report/row_sink.h"

static const char *const update_columns[] = {
	"action", "debtor_type", "name", "id_new", "id_old", "customer", "doc_no", "doc_date",
	"due_date", "currency", "original_amount", "outstanding", "days_past_due",
	"last_payment_date", "notice_date", "notice_ref", "listing_date", "reason"
};
#define UPDATE_NCOLUMNS (sizeof update_columns / sizeof update_columns[0])

static const char *const not_listed_columns[] = {
	"customer", "name", "reason", "outstanding", "currency", "oldest_due_date",
	"days_past_due", "notice_date"
};
#define NOT_LISTED_NCOLUMNS (sizeof not_listed_columns / sizeof not_listed_columns[0])

static void
update_row(struct row_sink *s, const struct ctos_update_row *r)
{
	s->text(s, ctos_action_word(r->action));
	s->text(s, r->debtor_type);
	s->text(s, r->name);
	s->text(s, r->id_new);
	s->text(s, r->id_old);
	s->text(s, r->customer);
	s->text(s, r->doc_no);
	s->date(s, r->doc_date);
	s->date(s, r->due_date);
	s->text(s, currency_code(r->currency));
	s->money(s, r->original_amount, r->currency);
	s->money(s, r->outstanding, r->currency);
	s->count(s, r->due_date != DATE_NONE ? r->as_of - r->due_date : 0);
	s->date(s, r->last_payment_date);
	s->date(s, r->notice_date);
	s->text(s, r->notice_ref);
	s->date(s, r->listing_date);
	s->text(s, r->reason);
	s->end(s);
}

void
ctos_update_write_csv(struct csvio_writer *w, const struct ctos_update_row *rows, size_t n)
{
	struct row_sink_csv c;

	row_sink_csv_init(&c, w);
	csvio_write_names(w, update_columns, UPDATE_NCOLUMNS);
	for (size_t i = 0; i < n; i++)
		update_row(&c.sink, &rows[i]);
}

ar_err
ctos_update_write_xlsx(const char *path, const struct ctos_update_row *rows, size_t n,
    struct ar_error *e)
{
	struct xlsx_book *book;
	struct row_sink_sheet x = { .err = AR_OK };
	ar_err err;

	if ((err = xlsx_open(&book, path, false, e)) != AR_OK)
		return err;
	for (int a = CTOS_NEW; a < CTOS_NACTIONS && x.err == AR_OK; a++) {
		if (!row_sink_sheet_start(&x, book, ctos_action_word((enum ctos_action)a),
		    update_columns, UPDATE_NCOLUMNS))
			break;
		for (size_t i = 0; i < n && x.err == AR_OK; i++)
			if (rows[i].action == (enum ctos_action)a)
				update_row(&x.sink, &rows[i]);
		if (x.err == AR_OK)
			x.err = xlsx_autofilter(book, x.ws, 0, x.row - 1, UPDATE_NCOLUMNS);
		xlsx_fit_columns(book, x.ws);
	}
	return row_sink_book_finish(book, x.err, e);
}

void
ctos_not_listed_write_csv(struct csvio_writer *w, const struct ctos_not_listed_row *rows,
    size_t n)
{
	struct row_sink_csv c;
	struct row_sink *s = &c.sink;

	row_sink_csv_init(&c, w);
	csvio_write_names(w, not_listed_columns, NOT_LISTED_NCOLUMNS);
	for (size_t i = 0; i < n; i++) {
		const struct ctos_not_listed_row *r = &rows[i];

		s->text(s, r->customer);
		s->text(s, r->name);
		s->text(s, ctos_reason_word(r->reason));
		s->money(s, r->outstanding, r->currency);
		s->text(s, currency_code(r->currency));
		s->date(s, r->oldest_due);
		if (r->oldest_due != DATE_NONE)
			s->count(s, r->as_of - r->oldest_due);
		else
			s->text(s, "");
		s->date(s, r->notice_date);
		s->end(s);
	}
}
