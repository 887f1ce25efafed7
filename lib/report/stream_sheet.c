/* stream_sheet.c - a stream's rows as typed cells (stream_sheet.h). */
#include "report/stream_sheet.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"

/* Of a value that does not read, a message shows this much. */
#define SHOWN_MAX 60

/* The cell of column col cannot be had: "COL "VALUE" WHAT" at the record's line. */
static ar_err bad_value(ar_err err, const struct csvio_record *rec, const char *col,
    const struct csvio_field *f, struct ar_error *e, const char *what, ...)
    __attribute__((format(printf, 6, 7)));

static ar_err
bad_value(ar_err err, const struct csvio_record *rec, const char *col,
    const struct csvio_field *f, struct ar_error *e, const char *what, ...)
{
	int n = f->len > SHOWN_MAX ? SHOWN_MAX : (int)f->len;
	size_t used;
	va_list ap;

	ar_error_set(e, err, rec->line, "%s \"%.*s%s\" ", col, n, f->ptr,
	    f->len > SHOWN_MAX ? "..." : "");
	used = strlen(e->message);
	va_start(ap, what);
	vsnprintf(e->message + used, sizeof e->message - used, what, ap);
	va_end(ap);
	return err;
}

void
stream_sheet_name(const char *path, char *buf, size_t cap)
{
	const char *base, *dot;
	size_t n;

	if (path == NULL) {
		snprintf(buf, cap, "Sheet1");
		return;
	}
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	n = dot != NULL && dot != base ? (size_t)(dot - base) : strlen(base);
	snprintf(buf, cap, "%.*s", (int)n, base);
}

/* Whole numbers as written by artools: an optional sign and digits. */
static bool
parse_integer(const char *s, size_t len, int64_t *v)
{
	size_t i = 0;
	bool neg = false;
	uint64_t mag = 0;

	if (len > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i++;
	}
	if (i == len)
		return false;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9' || mag > (UINT64_MAX - 9) / 10)
			return false;
		mag = mag * 10 + (uint64_t)(s[i] - '0');
	}
	if (mag > (uint64_t)INT64_MAX)
		return false;
	*v = neg ? -(int64_t)mag : (int64_t)mag;
	return true;
}

/* The currency of money in this row: its own, else the default. */
static ar_err
row_currency(const struct stream_cells *c, const struct csvio_record *rec, currency_id *id,
    struct ar_error *e)
{
	const struct csvio_field *f;

	*id = c->default_currency;
	if (c->currency_col < 0 || rec->field[c->currency_col].len == 0)
		return AR_OK;
	f = &rec->field[c->currency_col];
	if (currency_lookup(f->ptr, f->len, id) != AR_OK)
		return bad_value(AR_ECURRENCY, rec, "currency", f, e, "is not a known currency code");
	return AR_OK;
}

/* What the workbook said to a write: AR_OK, AR_ENOMEM, or its refusal worded in *e. */
static ar_err
written(struct xlsx_book *b, ar_err err, const struct csvio_record *rec, const char *name,
    const struct csvio_field *f, struct ar_error *e)
{
	if (err == AR_OK || err == AR_ENOMEM)
		return err;
	return bad_value(err, rec, name, f, e, "cannot be written: %s", xlsx_error(b)->message);
}

static ar_err
write_money(struct xlsx_book *b, lxw_worksheet *ws, uint32_t row, uint16_t col,
    const struct stream_cells *c, const struct csvio_record *rec, const char *name,
    struct ar_error *e)
{
	const struct csvio_field *f = &rec->field[col];
	currency_id cur;
	int64_t v;
	ar_err err;

	if ((err = row_currency(c, rec, &cur, e)) != AR_OK)
		return err;
	err = money_parse(f->ptr, f->len, currency_exponent(cur), c->format->decimal, &v);
	if (err == AR_EDECIMALS) {
		char msg[sizeof e->message];

		money_decimals_message(msg, sizeof msg, name, f->ptr, f->len, cur, "[input] decimal");
		return ar_error_set(e, err, rec->line, "%s", msg);
	}
	if (err != AR_OK)
		return bad_value(err, rec, name, f, e, "is not an amount");
	return written(b, xlsx_write_money(b, ws, row, col, v, currency_exponent(cur)),
	    rec, name, f, e);
}

static ar_err
write_date(struct xlsx_book *b, lxw_worksheet *ws, uint32_t row, uint16_t col,
    const struct stream_cells *c, const struct csvio_record *rec, const char *name,
    struct ar_error *e)
{
	const struct csvio_field *f = &rec->field[col];
	civil_day day;
	ar_err err = date_parse(f->ptr, f->len, &c->format->dates, &day);

	if (err == AR_ERANGE)
		return bad_value(err, rec, name, f, e, "is not a date (no such day)");
	if (err == AR_EAMBIGUOUS)
		return bad_value(err, rec, name, f, e, "is not a date (ambiguous: write YYYY-MM-DD)");
	if (err != AR_OK)
		return bad_value(err, rec, name, f, e, "is not a date (expected YYYY-MM-DD)");
	return written(b, xlsx_write_date(b, ws, row, col, day), rec, name, f, e);
}

static ar_err
write_cell(struct xlsx_book *b, lxw_worksheet *ws, uint32_t row, uint16_t col,
    const struct stream_cells *c, const struct csvio_record *rec, const char *name,
    struct ar_error *e)
{
	const struct csvio_field *f = &rec->field[col];
	int64_t v;

	switch (c->types[col]) {
	case STREAM_MONEY:
		return write_money(b, ws, row, col, c, rec, name, e);
	case STREAM_DATE:
		return write_date(b, ws, row, col, c, rec, name, e);
	case STREAM_INTEGER:
		if (!parse_integer(f->ptr, f->len, &v))
			return bad_value(AR_ESYNTAX, rec, name, f, e, "is not a whole number");
		return written(b, xlsx_write_integer(b, ws, row, col, v), rec, name, f, e);
	case STREAM_TEXT:
		break;
	}
	return written(b, xlsx_write_text(b, ws, row, col, f->ptr, f->len, NULL), rec, name, f, e);
}

ar_err
stream_write_row(struct xlsx_book *b, lxw_worksheet *ws, uint32_t row,
    const struct stream_cells *c, const struct csvio_reader *r,
    const struct csvio_record *rec, struct ar_error *e)
{
	size_t ncols = csvio_ncolumns(r);
	ar_err err;

	for (size_t i = 0; i < ncols; i++) {
		if (rec->field[i].len == 0)
			continue;   /* an empty cell stays blank, whatever its column */
		err = write_cell(b, ws, row, (uint16_t)i, c, rec, csvio_column_name(r, i), e);
		if (err != AR_OK)
			return err;
	}
	return AR_OK;
}
