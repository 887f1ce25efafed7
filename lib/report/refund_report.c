/* refund_report.c - ar-refund's proposal, CSV and workbook through one row sink. */
#include "report/refund_report.h"

#include "core/xlsx.h"

static void
rows_to(struct row_sink *s, const struct refund_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct refund_row *r = &rows[i];

		s->text(s, r->refund_id);
		s->text(s, r->customer);
		s->text(s, r->name);
		s->text(s, currency_code(r->currency));
		s->money(s, r->amount, r->currency);
		s->text(s, r->items);
		s->text(s, r->bank_holder);
		s->text(s, r->bank_account);
		s->text(s, r->bank_code);
		s->text(s, "");
		s->text(s, r->reason == REFUND_PROPOSED ? "proposed" : "excluded");
		s->text(s, refund_reason_word(r->reason));
		s->end(s);
	}
}

void
refund_report_write(struct row_sink *s, const struct refund_row *rows, size_t n)
{
	for (size_t c = 0; c < REFUND_NCOLUMNS; c++)
		s->text(s, refund_columns[c]);
	s->end(s);
	rows_to(s, rows, n);
}

ar_err
refund_report_xlsx(const char *path, const struct refund_row *rows, size_t n, struct ar_error *e)
{
	struct xlsx_book *book;
	struct row_sink_sheet x;
	ar_err err;

	if ((err = xlsx_open(&book, path, false, e)) != AR_OK)
		return err;
	if (row_sink_sheet_start(&x, book, "Proposal", refund_columns, REFUND_NCOLUMNS)) {
		rows_to(&x.sink, rows, n);
		xlsx_fit_columns(book, x.ws);
	}
	return row_sink_book_finish(book, x.err, e);
}
