/*
 * row_sink.c - a table's row to a CSV writer or a worksheet (row_sink.h).
 */
#include "report/row_sink.h"

#include <stdio.h>
#include <string.h>

/* CSV */

static struct csvio_writer *
csv_of(struct row_sink *s)
{
	return ((struct row_sink_csv *)(void *)s)->w;
}

static void
csv_text(struct row_sink *s, const char *text)
{
	csvio_write_str(csv_of(s), text);
}

static void
csv_money(struct row_sink *s, int64_t minor, currency_id cur)
{
	csvio_write_money(csv_of(s), minor, currency_exponent(cur));
}

static void
csv_date(struct row_sink *s, civil_day day)
{
	csvio_write_day(csv_of(s), day);
}

static void
csv_count(struct row_sink *s, int64_t n)
{
	char buf[24];
	int len = snprintf(buf, sizeof buf, "%lld", (long long)n);

	csvio_write_field(csv_of(s), buf, (size_t)len);
}

static void
csv_decimal(struct row_sink *s, int64_t scaled, int decimals)
{
	csvio_write_money(csv_of(s), scaled, decimals);
}

static void
csv_end(struct row_sink *s)
{
	csvio_end_record(csv_of(s));
}

void
row_sink_csv_init(struct row_sink_csv *c, struct csvio_writer *w)
{
	c->sink = (struct row_sink){ csv_text, csv_money, csv_date, csv_count, csv_decimal, csv_end };
	c->w = w;
}

/* Worksheet: the first failure is kept and every cell after it skipped. */

static struct row_sink_sheet *
sheet_of(struct row_sink *s)
{
	return (struct row_sink_sheet *)(void *)s;
}

static void
sheet_text(struct row_sink *s, const char *text)
{
	struct row_sink_sheet *x = sheet_of(s);

	if (x->err == AR_OK)
		x->err = xlsx_write_text(x->book, x->ws, x->row, x->col, text, strlen(text), NULL);
	x->col++;
}

static void
sheet_money(struct row_sink *s, int64_t minor, currency_id cur)
{
	struct row_sink_sheet *x = sheet_of(s);

	if (x->err == AR_OK)
		x->err = xlsx_write_money(x->book, x->ws, x->row, x->col, minor,
		    currency_exponent(cur));
	x->col++;
}

static void
sheet_date(struct row_sink *s, civil_day day)
{
	struct row_sink_sheet *x = sheet_of(s);

	if (x->err == AR_OK)
		x->err = xlsx_write_date(x->book, x->ws, x->row, x->col, day);
	x->col++;
}

static void
sheet_count(struct row_sink *s, int64_t n)
{
	struct row_sink_sheet *x = sheet_of(s);

	if (x->err == AR_OK)
		x->err = xlsx_write_integer(x->book, x->ws, x->row, x->col, n);
	x->col++;
}

static void
sheet_decimal(struct row_sink *s, int64_t scaled, int decimals)
{
	struct row_sink_sheet *x = sheet_of(s);

	if (x->err == AR_OK)
		x->err = xlsx_write_money(x->book, x->ws, x->row, x->col, scaled, decimals);
	x->col++;
}

static void
sheet_end(struct row_sink *s)
{
	struct row_sink_sheet *x = sheet_of(s);

	x->row++;
	x->col = 0;
}

/*
 * A new sheet of book with its header row, ready for the first data row;
 * false with x->err set when the workbook refuses.
 */
bool
row_sink_sheet_start(struct row_sink_sheet *x, struct xlsx_book *book, const char *name,
    const char *const *names, uint16_t ncols)
{
	x->sink = (struct row_sink){ sheet_text, sheet_money, sheet_date, sheet_count, sheet_decimal,
	    sheet_end };
	x->book = book;
	x->row = 1;
	x->col = 0;
	x->err = AR_OK;
	if ((x->ws = xlsx_add_sheet(book, name)) == NULL) {
		x->err = AR_EIO;
		return false;
	}
	xlsx_print_landscape(x->ws);
	x->err = xlsx_write_header(book, x->ws, 0, names, ncols);
	return x->err == AR_OK;
}

/* The book written out, or given up with the first failure in *e. */
ar_err
row_sink_book_finish(struct xlsx_book *book, ar_err err, struct ar_error *e)
{
	if (err != AR_OK) {
		const char *why = xlsx_error(book)->message;

		ar_error_set(e, err, 0, "%s", why[0] != '\0' ? why : ar_strerror(err));
		xlsx_abort(book);
		return err;
	}
	return xlsx_close(book, e);
}
