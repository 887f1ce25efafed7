/* ctos_update.c - the CTOS update and the customers not listed (ctos_update.h). */
#include "report/ctos_update.h"

#include <string.h>

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

static const struct ctos_listed *
find_in(const struct ctos_listed *l, size_t n, const char *doc_no)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(l[i].doc_no, doc_no) == 0)
			return &l[i];
	return NULL;
}

static struct ctos_update_row
item_row(struct ctos_update_row r, const struct ctos_listed *l, int64_t outstanding,
    const char *reason)
{
	r.doc_no = l->doc_no;
	r.doc_date = l->doc_date;
	r.due_date = l->due_date;
	r.original_amount = l->original;
	r.outstanding = outstanding;
	r.listing_date = l->listing_date;
	r.reason = reason;
	return r;
}

void
ctos_update_rows_of(const struct ctos_update_debtor *d, struct ctos_update_row *rows, size_t *n)
{
	const struct ctos_state_debtor *was = d->was;
	struct ctos_update_row base = { .action = d->action, .customer = d->customer,
	    .id_new = d->id_new, .id_old = d->id_old, .currency = d->currency, .as_of = d->as_of,
	    .last_payment_date = d->last_payment };

	if (d->action == CTOS_SETTLED || d->action == CTOS_DISPUTE_HOLD ||
	    d->action == CTOS_WITHDRAW) {
		base.debtor_type = was->debtor_type;
		base.name = was->name;
		base.notice_date = was->notice_date;
		base.notice_ref = was->notice_ref;
		if (d->action == CTOS_SETTLED && d->last_payment == DATE_NONE)
			base.last_payment_date = d->as_of;  /* paid by the as-of date, no day known */
		for (size_t i = 0; i < was->nitems; i++) {
			const struct ctos_listed *l = &was->items[i];
			const struct ctos_listed *now = find_in(d->listing, d->nlisting, l->doc_no);
			const char *fate = ctos_fate_word(d->fate[i]);

			rows[(*n)++] = item_row(base, l, now != NULL ? now->outstanding :
			    d->fate[i] == CTOS_ITEM_PAID ? 0 : l->outstanding,
			    fate[0] != '\0' ? fate : d->action == CTOS_SETTLED ? "paid" :
			    ctos_reason_word(d->reason));
		}
		return;
	}
	base.debtor_type = d->debtor_type;
	base.name = d->name;
	base.notice_date = was != NULL ? was->notice_date : d->notice_date;
	base.notice_ref = was != NULL ? was->notice_ref : d->notice_ref;
	for (size_t i = 0; i < d->nlisting; i++)
		rows[(*n)++] = item_row(base, &d->listing[i], d->listing[i].outstanding, "");
	/* An amendment names the items listed before that are not any more. */
	for (size_t i = 0; was != NULL && i < was->nitems; i++)
		if (find_in(d->listing, d->nlisting, was->items[i].doc_no) == NULL)
			rows[(*n)++] = item_row(base, &was->items[i], 0, ctos_fate_word(d->fate[i]));
}

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
