/*
 * aging_xlsx.c - the aging workbook (see aging_xlsx.h for the layout):
 * the book, its printed pages, the cell writers the sheets share, and the
 * Detail sheets.  The Summary is in aging_xlsx_summary.c, the Aging,
 * Large Past Due and Movement sheets in aging_xlsx_sheets.c.
 */
#include "report/aging_xlsx_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"

ar_err
axl_failed(struct aging_xlsx *x, ar_err err, const char *what)
{
	return ar_error_set(&x->error, err, 0, "%s",
	    what != NULL ? what : xlsx_error(x->book)->message);
}

ar_err
axl_text(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
    const char *s, lxw_format *fmt)
{
	ar_err err = xlsx_write_text(x->book, ws, row, col, s, strlen(s), fmt);

	return err == AR_OK ? AR_OK : axl_failed(x, err, NULL);
}

ar_err
axl_money(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
    int64_t minor, currency_id cur)
{
	ar_err err = xlsx_write_money(x->book, ws, row, col, minor, currency_exponent(cur));

	return err == AR_OK ? AR_OK : axl_failed(x, err, NULL);
}

ar_err
axl_integer(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col, int64_t v)
{
	ar_err err = xlsx_write_integer(x->book, ws, row, col, v);

	return err == AR_OK ? AR_OK : axl_failed(x, err, NULL);
}

ar_err
axl_date(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col, civil_day d)
{
	ar_err err;

	if (d == DATE_NONE)
		return AR_OK;
	err = xlsx_write_date(x->book, ws, row, col, d);
	return err == AR_OK ? AR_OK : axl_failed(x, err, NULL);
}

double
axl_share(int64_t part, int64_t whole)
{
	__extension__ typedef __int128 wide;
	wide ppm, num = (wide)part * 1000000;

	if (whole == 0)
		return 0;
	/* Parts per million, rounded half away from zero: the amounts stay integers. */
	ppm = (num + (((num < 0) != (whole < 0)) ? -(wide)(whole / 2) : (wide)(whole / 2))) / whole;
	return (double)(int64_t)ppm / 1e6;
}

ar_err
axl_percent(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
    int64_t part, int64_t whole)
{
	lxw_error e = worksheet_write_number(ws, row, col, axl_share(part, whole),
	    xlsx_style(x->book, XLSX_STYLE_PERCENT));

	return e == LXW_NO_ERROR ? AR_OK : axl_failed(x, AR_EIO, lxw_strerror(e));
}

ar_err
axl_formula(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
    const char *formula, double value, lxw_format *fmt)
{
	lxw_error e = worksheet_write_formula_num(ws, row, col, formula, fmt, value);

	return e == LXW_NO_ERROR ? AR_OK : axl_failed(x, AR_EIO, lxw_strerror(e));
}

double
axl_number(int64_t minor, currency_id cur)
{
	return xlsx_money_cell_value(minor, currency_exponent(cur));
}

ar_err
axl_header(struct aging_xlsx *x, lxw_worksheet *ws, const char *const *names, uint16_t n)
{
	if (xlsx_write_header(x->book, ws, 0, names, n) != AR_OK)
		return axl_failed(x, AR_EIO, NULL);
	/* The header row on every printed page. */
	worksheet_repeat_rows(ws, 0, 0);
	return AR_OK;
}

ar_err
axl_sum_by_currency(struct aging_xlsx *x, const struct aging_report *rep, struct totals *t)
{
	int ncols = aging_columns(&rep->policy.buckets);

	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < rep->table.n; i++) {
		const struct aging_row *r = &rep->table.rows[i];
		struct currency_total *c = &t->by[r->currency];
		bool ok = true;

		c->seen = true;
		c->sum.currency = r->currency;
		for (int b = 0; b < ncols; b++)
			ok &= money_add(&c->sum.bucket[b], r->bucket[b]) == AR_OK;
		ok &= money_add(&c->sum.total, r->total) == AR_OK;
		ok &= money_add(&c->sum.disputed, r->disputed) == AR_OK;
		if (!ok)
			return ar_error_set(&x->error, AR_ERANGE, 0,
			    "the %s total does not fit in 64 bits", currency_code(r->currency));
		c->sum.items += r->items;
		c->customers++;
	}
	for (int c = 0; c < CURRENCY_MAX; c++) {
		int k;

		if (!t->by[c].seen)
			continue;
		for (k = t->n; k > 0 && strcmp(currency_code(t->order[k - 1]), currency_code(c)) > 0; k--)
			t->order[k] = t->order[k - 1];
		t->order[k] = c;
		t->n++;
	}
	return AR_OK;
}

/* Printed pages */

/* s into out with every & doubled: a lone & starts a page-header code. */
static void
header_escaped(const char *s, char *out, size_t cap)
{
	size_t n = 0;

	for (; *s != '\0' && n + 3 < cap; s++) {
		if (*s == '&')
			out[n++] = '&';
		out[n++] = *s;
	}
	out[n] = '\0';
}

/*
 * Landscape A4, one page wide (as many long as the rows need), the
 * company left, the title centred and the as-of date right above, the
 * page number below.  one_page: the whole sheet on one page (the Summary).
 */
static void
print_setup(struct aging_xlsx *x, lxw_worksheet *ws, bool one_page)
{
	char company[160], title[160], header[512], date[16];

	header_escaped(x->info.company, company, sizeof company);
	header_escaped(caption(x, RC_TITLE), title, sizeof title);
	date_format(x->as_of, date);
	/* Excel takes 255 characters at most in a page header. */
	snprintf(header, sizeof header, "&L%.80s&C%.80s&R%s %s", company, title,
	    caption(x, RC_AS_OF), date);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);   /* A4 */
	worksheet_fit_to_pages(ws, 1, one_page ? 1 : 0);
	worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
	worksheet_set_header(ws, header);
	worksheet_set_footer(ws, caption(x, RC_PAGE_FOOTER));
}

static lxw_worksheet *
add_sheet(struct aging_xlsx *x, enum report_caption name, bool one_page)
{
	lxw_worksheet *ws = xlsx_add_sheet(x->book, caption(x, name));

	if (ws != NULL)
		print_setup(x, ws, one_page);
	return ws;
}

ar_err
aging_xlsx_open(struct aging_xlsx **out, const char *path, const struct aging_xlsx_info *info,
    struct ar_error *error)
{
	struct aging_xlsx *x;
	ar_err err;

	*out = NULL;
	if ((x = calloc(1, sizeof *x)) == NULL)
		return ar_error_set(error, AR_ENOMEM, 0, "out of memory");
	x->info = *info;
	x->as_of = info->as_of;
	/* Constant memory: every sheet is written top to bottom (see aging_xlsx.h). */
	if ((err = xlsx_open(&x->book, path, true, error)) != AR_OK) {
		int saved = errno;

		free(x);
		errno = saved;
		return err;
	}
	if ((x->summary = add_sheet(x, RC_SHEET_SUMMARY, true)) == NULL ||
	    (x->aging = add_sheet(x, RC_SHEET_AGING, false)) == NULL ||
	    (x->lpd = add_sheet(x, RC_SHEET_LPD, false)) == NULL ||
	    (info->previous_path && (x->movement = add_sheet(x, RC_SHEET_MOVEMENT, false)) == NULL) ||
	    (info->detail && (x->detail = add_sheet(x, RC_SHEET_DETAIL, false)) == NULL)) {
		ar_error_set(error, AR_EIO, 0, "%s", xlsx_error(x->book)->message);
		xlsx_abort(x->book);
		free(x);
		return AR_EIO;
	}
	x->detail_no = 1;
	*out = x;
	return AR_OK;
}

/* Detail: the input's columns, then days_overdue, bucket, and the date aged from when derived. */
#define DETAIL_OWN_COLUMNS 3

ar_err
aging_xlsx_detail_header(struct aging_xlsx *x, const char *const *names, size_t n)
{
	static const enum report_caption own[DETAIL_OWN_COLUMNS] = {
		RC_COL_DAYS_OVERDUE, RC_COL_BUCKET, RC_COL_AGED_FROM
	};

	if (n + DETAIL_OWN_COLUMNS > LXW_COL_MAX)
		return axl_failed(x, AR_ERANGE, "too many columns for a worksheet");
	if ((x->detail_names = calloc(n + DETAIL_OWN_COLUMNS, sizeof *x->detail_names)) == NULL)
		return axl_failed(x, AR_ENOMEM, "out of memory");
	x->detail_ncols = (uint16_t)(n + DETAIL_OWN_COLUMNS);
	for (size_t i = 0; i < x->detail_ncols; i++) {
		const char *s = i < n ? names[i] : caption(x, own[i - n]);

		if ((x->detail_names[i] = strdup(s)) == NULL)
			return axl_failed(x, AR_ENOMEM, "out of memory");
	}
	return axl_header(x, x->detail, (const char *const *)x->detail_names, x->detail_ncols);
}

/* A full Detail sheet: its filter and widths, and the next one. */
static ar_err
next_detail_sheet(struct aging_xlsx *x)
{
	char name[XLSX_SHEET_NAME_MAX + 1];

	if (xlsx_autofilter(x->book, x->detail, 0, x->detail_rows, x->detail_ncols) != AR_OK)
		return axl_failed(x, AR_EIO, NULL);
	xlsx_fit_columns(x->book, x->detail);
	snprintf(name, sizeof name, "%s (%d)", caption(x, RC_SHEET_DETAIL), ++x->detail_no);
	if ((x->detail = xlsx_add_sheet(x->book, name)) == NULL)
		return axl_failed(x, AR_EIO, NULL);
	print_setup(x, x->detail, false);
	x->detail_rows = 0;
	return axl_header(x, x->detail, (const char *const *)x->detail_names, x->detail_ncols);
}

ar_err
aging_xlsx_detail_row(struct aging_xlsx *x, const struct aging_buckets *buckets,
    const struct csvio_record *rec, const struct item_columns *cols,
    const struct item *it, struct aging_position pos)
{
	uint32_t row;
	uint16_t n = x->detail_ncols - DETAIL_OWN_COLUMNS;
	char label[AGING_LABEL_MAX];
	ar_err err;

	if (x->detail_rows == AGING_XLSX_DETAIL_ROWS && (err = next_detail_sheet(x)) != AR_OK)
		return err;
	row = ++x->detail_rows;
	for (uint16_t c = 0; c < n && c < rec->nfields; c++) {
		const struct csvio_field *f = &rec->field[c];

		if (c == cols->amount)
			err = xlsx_write_money(x->book, x->detail, row, c, it->amount,
			    currency_exponent(it->currency));
		else if (c == cols->doc_date && it->doc_date != DATE_NONE)
			err = xlsx_write_date(x->book, x->detail, row, c, it->doc_date);
		else if (c == cols->due_date && it->due_date != DATE_NONE)
			err = xlsx_write_date(x->book, x->detail, row, c, it->due_date);
		else if (f->len == 0)
			continue;
		else
			err = xlsx_write_text(x->book, x->detail, row, c, f->ptr, f->len, NULL);
		if (err != AR_OK)
			return axl_failed(x, err, NULL);
	}
	aging_column_label(buckets, pos.bucket, label, sizeof label);
	if ((err = axl_integer(x, x->detail, row, n, pos.days)) != AR_OK ||
	    (err = axl_text(x, x->detail, row, n + 1, label, NULL)) != AR_OK)
		return err;
	/* No due date: the date it was aged from was worked out (doc_date + terms, or a credit's own). */
	if (pos.source != AGING_DATE_GIVEN)
		return axl_date(x, x->detail, row, n + 2, x->as_of - pos.days);
	return AR_OK;
}

ar_err
aging_xlsx_write_aging(struct aging_xlsx *x, const struct aging_report *rep)
{
	struct totals *t = malloc(sizeof *t);
	ar_err err;

	if (t == NULL)
		return axl_failed(x, AR_ENOMEM, "out of memory");
	if ((err = axl_sum_by_currency(x, rep, t)) == AR_OK &&
	    (err = axl_write_summary(x, rep, t)) == AR_OK)
		err = axl_write_aging_sheet(x, rep, t);
	free(t);
	return err;
}

static void
free_x(struct aging_xlsx *x)
{
	for (uint16_t i = 0; x->detail_names != NULL && i < x->detail_ncols; i++)
		free(x->detail_names[i]);
	free(x->detail_names);
	free(x);
}

ar_err
aging_xlsx_close(struct aging_xlsx *x, struct ar_error *error)
{
	ar_err err;

	if (x->detail != NULL && x->detail_names != NULL) {
		if (x->detail_rows > 0 &&
		    xlsx_autofilter(x->book, x->detail, 0, x->detail_rows, x->detail_ncols) != AR_OK) {
			ar_error_set(error, AR_EIO, 0, "%s", xlsx_error(x->book)->message);
			aging_xlsx_abort(x);
			return AR_EIO;
		}
		xlsx_fit_columns(x->book, x->detail);
	}
	err = xlsx_close(x->book, error);
	free_x(x);
	return err;
}

void
aging_xlsx_abort(struct aging_xlsx *x)
{
	if (x == NULL)
		return;
	xlsx_abort(x->book);
	free_x(x);
}

const struct ar_error *
aging_xlsx_error(const struct aging_xlsx *x)
{
	return x->error.code != AR_OK ? &x->error : xlsx_error(x->book);
}

bool
aging_xlsx_failed(const struct aging_xlsx *x)
{
	return aging_xlsx_error(x)->code != AR_OK;
}
