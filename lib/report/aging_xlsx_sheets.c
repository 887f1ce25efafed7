/*
 * aging_xlsx_sheets.c - the aging workbook's tables: Aging (one row per
 * customer and currency), Large Past Due, Movement.
 */
#include "report/aging_xlsx_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"

/* The Aging sheet's columns: key, name, currency, buckets, then these, master data, reporting. */
#define AGING_SHEET_MAX_COLUMNS (3 + AGING_MAX_COLUMNS + 5 + 4 + 1)

/* Where the Aging sheet's columns are, for the TOTAL rows' formulas. */
struct aging_layout {
	uint16_t n;
	uint16_t total, share, disputed, items, oldest, collector, reporting;
	const char *names[AGING_SHEET_MAX_COLUMNS];
	char labels[AGING_MAX_COLUMNS][AGING_LABEL_MAX];
};

static void
aging_layout(struct aging_xlsx *x, const struct aging_report *rep, struct aging_layout *l)
{
	int ncols = aging_columns(&rep->policy.buckets);
	uint16_t n = 0;

	l->names[n++] = caption(x, RC_COL_CUSTOMER);
	l->names[n++] = caption(x, RC_COL_NAME);
	l->names[n++] = caption(x, RC_COL_CURRENCY);
	for (int b = 0; b < ncols; b++) {
		if (b == 0)
			snprintf(l->labels[b], AGING_LABEL_MAX, "%s", caption(x, RC_COL_CURRENT));
		else
			aging_column_label(&rep->policy.buckets, b, l->labels[b], AGING_LABEL_MAX);
		l->names[n++] = l->labels[b];
	}
	l->names[l->total = n++] = caption(x, RC_COL_TOTAL);
	l->names[l->share = n++] = caption(x, RC_COL_SHARE);
	l->names[l->disputed = n++] = caption(x, RC_COL_DISPUTED);
	l->names[l->items = n++] = caption(x, RC_COL_ITEMS);
	l->names[l->oldest = n++] = caption(x, RC_COL_OLDEST_DAYS);
	l->collector = 0;
	if (x->info.customers_path != NULL) {
		l->names[l->collector = n++] = caption(x, RC_COL_COLLECTOR);
		l->names[n++] = caption(x, RC_COL_STATUS);
		l->names[n++] = caption(x, RC_COL_CREDIT_LIMIT);
		l->names[n++] = caption(x, RC_COL_OVER_LIMIT);
	}
	l->reporting = 0;
	if (x->info.rates != NULL)
		l->names[l->reporting = n++] = caption(x, RC_COL_TOTAL_REPORTING);
	l->n = n;
}

/* A credit limit as the master wrote it, read in cur; false when it does not read. */
static bool
credit_limit(const char *text, currency_id cur, int64_t *minor)
{
	return text[0] != '\0' && money_parse(text, strlen(text), currency_exponent(cur),
	    MONEY_DECIMAL_POINT, minor) == AR_OK;
}

/* A credit limit in the row's currency, as money; text when it does not read as one. */
static ar_err
put_credit_limit(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
    const char *text, currency_id cur)
{
	int64_t minor;

	if (text[0] == '\0')
		return AR_OK;
	if (credit_limit(text, cur, &minor))
		return axl_money(x, ws, row, col, minor, cur);
	return axl_text(x, ws, row, col, text, NULL);
}

/* The master data: collector, status, credit limit, and how far over it (the limit's currency only). */
static ar_err
aging_master_cells(struct aging_xlsx *x, const struct aging_row *r, const struct customer *cust,
    uint32_t row, uint16_t c)
{
	lxw_worksheet *ws = x->aging;
	int64_t limit, over;
	ar_err err;

	if ((err = axl_text(x, ws, row, c, cust->collector, NULL)) != AR_OK ||
	    (err = axl_text(x, ws, row, c + 1, cust->status, NULL)) != AR_OK)
		return err;
	if (r->currency != x->info.limit_currency)
		return AR_OK;
	if ((err = put_credit_limit(x, ws, row, c + 2, cust->credit_limit, r->currency)) != AR_OK)
		return err;
	if (credit_limit(cust->credit_limit, r->currency, &limit) &&
	    !__builtin_sub_overflow(r->total, limit, &over) && over > 0)
		return axl_money(x, ws, row, c + 3, over, r->currency);
	return AR_OK;
}

/*
 * One customer's row of the Aging sheet; with rates, its converted total
 * is added to *reporting, the sum of that column.
 */
static ar_err
aging_sheet_row(struct aging_xlsx *x, const struct aging_report *rep, const struct totals *t,
    const struct aging_layout *l, const struct aging_row *r, uint32_t row, int64_t *reporting)
{
	lxw_worksheet *ws = x->aging;
	const struct customer *cust = customers_get(rep->customers, r->key);
	int ncols = aging_columns(&rep->policy.buckets);
	uint16_t c = 0;
	int64_t v;
	ar_err err;

	if ((err = axl_text(x, ws, row, c++, aging_report_key(rep, r), NULL)) != AR_OK ||
	    (err = axl_text(x, ws, row, c++, cust->name, NULL)) != AR_OK ||
	    (err = axl_text(x, ws, row, c++, currency_code(r->currency), NULL)) != AR_OK)
		return err;
	for (int k = 0; k < ncols; k++)
		if ((err = axl_money(x, ws, row, c++, r->bucket[k], r->currency)) != AR_OK)
			return err;
	if ((err = axl_money(x, ws, row, l->total, r->total, r->currency)) != AR_OK ||
	    (err = axl_percent(x, ws, row, l->share, r->total,
	    t->by[r->currency].sum.total)) != AR_OK ||
	    (r->disputed != 0 &&
	    (err = axl_money(x, ws, row, l->disputed, r->disputed, r->currency)) != AR_OK) ||
	    (err = axl_integer(x, ws, row, l->items, (int64_t)r->items)) != AR_OK ||
	    (err = axl_integer(x, ws, row, l->oldest, r->oldest_days)) != AR_OK)
		return err;
	if (l->collector && (err = aging_master_cells(x, r, cust, row, l->collector)) != AR_OK)
		return err;
	if (l->reporting) {
		if (fx_convert(x->info.rates, r->total, r->currency, &v) != AR_OK)
			return ar_error_set(&x->error, AR_ERANGE, 0, "the total of customer \"%s\" "
			    "in %s does not fit in 64 bits", aging_report_key(rep, r),
			    currency_code(x->info.rates->reporting));
		if (money_add(reporting, v) != AR_OK)
			return ar_error_set(&x->error, AR_ERANGE, 0, "the group total in %s does not "
			    "fit in 64 bits", currency_code(x->info.rates->reporting));
		if ((err = axl_money(x, ws, row, l->reporting, v, x->info.rates->reporting)) != AR_OK)
			return err;
	}
	return AR_OK;
}

/* A column of the data rows 1..last as an absolute range, "$D$2:$D$9". */
static void
column_range(uint16_t col, uint32_t last, char *buf, size_t cap)
{
	char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];

	lxw_rowcol_to_cell_abs(a, 1, col, 1, 1);
	lxw_rowcol_to_cell_abs(b, last, col, 1, 1);
	snprintf(buf, cap, "%s:%s", a, b);
}

/*
 * The sum of column col over the rows of currency code that the filter
 * shows: SUBTOTAL(109) of each row (through OFFSET) weighed by whether it
 * is of the currency.  Filtering the sheet by collector gives that
 * collector's totals; amounts in different currencies are never added.
 */
static ar_err
put_filtered_sum(struct aging_xlsx *x, uint32_t row, uint16_t col, uint32_t last,
    const char *cur_range, const char *code, double value, lxw_format *fmt)
{
	char formula[512], range[LXW_MAX_CELL_RANGE_LENGTH], first[LXW_MAX_CELL_NAME_LENGTH];

	column_range(col, last, range, sizeof range);
	lxw_rowcol_to_cell_abs(first, 1, col, 1, 1);
	if (code == NULL)
		snprintf(formula, sizeof formula, "=SUBTOTAL(109,%s)", range);
	else
		snprintf(formula, sizeof formula,
		    "=SUMPRODUCT(SUBTOTAL(109,OFFSET(%s,ROW(%s)-ROW(%s),0)),--(%s=\"%s\"))",
		    first, range, first, cur_range, code);
	return axl_formula(x, x->aging, row, col, formula, value, fmt);
}

/*
 * TOTAL rows below a blank row after the last data row, outside the
 * filter so that sorting the table leaves them alone: one per currency,
 * and with rates one for the reporting currency's column.
 */
static ar_err
aging_sheet_totals(struct aging_xlsx *x, const struct aging_report *rep, const struct totals *t,
    const struct aging_layout *l, uint32_t last, int64_t reporting)
{
	lxw_worksheet *ws = x->aging;
	int ncols = aging_columns(&rep->policy.buckets);
	char cur_range[LXW_MAX_CELL_RANGE_LENGTH];
	lxw_format *label = xlsx_style(x->book, XLSX_STYLE_HEADER);
	uint32_t row = last + 2;
	ar_err err;

	column_range(2, last, cur_range, sizeof cur_range);
	for (int i = 0; i < t->n; i++, row++) {
		const struct aging_row *sum = &totals_nth(t, i)->sum;
		const char *code = currency_code(sum->currency);
		lxw_format *money = xlsx_money_style(x->book, currency_exponent(sum->currency));

		if ((err = axl_text(x, ws, row, 0, caption(x, RC_TOTAL), label)) != AR_OK ||
		    (err = axl_text(x, ws, row, 2, code, NULL)) != AR_OK)
			return err;
		for (int k = 0; k <= ncols; k++) {
			uint16_t col = (uint16_t)(3 + k);
			int64_t v = k < ncols ? sum->bucket[k] : sum->total;

			if ((err = put_filtered_sum(x, row, col, last, cur_range, code,
			    axl_number(v, sum->currency), money)) != AR_OK)
				return err;
		}
		if ((err = put_filtered_sum(x, row, l->disputed, last, cur_range, code,
		    axl_number(sum->disputed, sum->currency), money)) != AR_OK ||
		    (err = put_filtered_sum(x, row, l->items, last, cur_range, code,
		    (double)sum->items, xlsx_style(x->book, XLSX_STYLE_INTEGER))) != AR_OK)
			return err;
	}
	if (l->reporting) {
		currency_id to = x->info.rates->reporting;

		/* The column's cells, each converted on its own, added as the rows were written. */
		if ((err = axl_text(x, ws, row, 0, caption(x, RC_TOTAL), label)) != AR_OK ||
		    (err = axl_text(x, ws, row, 2, currency_code(to), NULL)) != AR_OK ||
		    (err = put_filtered_sum(x, row, l->reporting, last, NULL, NULL,
		    axl_number(reporting, to), xlsx_money_style(x->book, currency_exponent(to)))) != AR_OK)
			return err;
	}
	return AR_OK;
}

ar_err
axl_write_aging_sheet(struct aging_xlsx *x, const struct aging_report *rep, const struct totals *t)
{
	struct aging_layout l;
	uint32_t last = (uint32_t)rep->table.n;   /* last data row, 0-based; header is 0 */
	int64_t reporting = 0;
	ar_err err;

	if (rep->table.n > AGING_XLSX_DETAIL_ROWS - 3 - CURRENCY_MAX)
		return axl_failed(x, AR_ERANGE, "more aging rows than a worksheet holds");
	aging_layout(x, rep, &l);
	if ((err = axl_header(x, x->aging, l.names, l.n)) != AR_OK)
		return err;
	for (size_t i = 0; i < rep->table.n; i++)
		if ((err = aging_sheet_row(x, rep, t, &l, &rep->table.rows[i], (uint32_t)i + 1,
		    &reporting)) != AR_OK)
			return err;
	if (rep->table.n > 0) {
		if (xlsx_autofilter(x->book, x->aging, 0, last, l.n) != AR_OK)
			return axl_failed(x, AR_EIO, NULL);
		if ((err = aging_sheet_totals(x, rep, t, &l, last, reporting)) != AR_OK)
			return err;
	}
	xlsx_fit_columns(x->book, x->aging);
	return AR_OK;
}

/* Large Past Due */

static const enum report_caption lpd_columns[] = {
	RC_COL_CUSTOMER, RC_COL_NAME, RC_COL_CURRENCY, RC_COL_PAST_DUE, RC_COL_TOTAL,
	RC_COL_OLDEST_DAYS, RC_COL_OLDEST_DOC_NO, RC_COL_OLDEST_DUE_DATE, RC_COL_COLLECTOR,
	RC_COL_STATUS, RC_COL_CREDIT_LIMIT,
	/* with a journal */
	RC_COL_LAST_ACTION, RC_COL_LAST_ACTION_DATE, RC_COL_PROMISE_AMOUNT,
	RC_COL_PROMISE_CURRENCY, RC_COL_PROMISE_DUE, RC_COL_PROMISE_MADE, RC_COL_OPEN_DISPUTES,
	RC_COL_DISPUTED_DOCS, RC_COL_DISPUTE_SINCE
};
#define LPD_BASE 11
#define LPD_ALL (sizeof lpd_columns / sizeof lpd_columns[0])

/*
 * The open promise belongs on this row: it names the row's currency, or
 * names none and the customer owes in this currency only.
 */
static bool
promise_for_row(const struct journal_facts *f, currency_id row_currency, bool single_row)
{
	return f->promise_open &&
	    (f->promise_currency_given ? f->promise_currency == row_currency : single_row);
}

/* minor from exponent from to exponent to; false when it does not go exactly. */
static bool
rescale(int64_t *minor, int from, int to)
{
	for (; from < to; from++)
		if (__builtin_mul_overflow(*minor, 10, minor))
			return false;
	for (; from > to; from--) {
		if (*minor % 10 != 0)
			return false;
		*minor /= 10;
	}
	return true;
}

static ar_err
put_facts(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t c,
    const struct journal_facts *f, currency_id row_currency, bool single_row)
{
	ar_err err;

	if (f == NULL)
		return AR_OK;
	if ((err = axl_text(x, ws, row, c, f->last_action, NULL)) != AR_OK ||
	    (err = axl_date(x, ws, row, c + 1, f->last_date)) != AR_OK)
		return err;
	if (promise_for_row(f, row_currency, single_row)) {
		/* A promise naming no currency is the row's; it was read in the default's decimals. */
		currency_id cur = f->promise_currency_given ? f->promise_currency : row_currency;
		int64_t amount = f->promise_amount;
		bool has_amount = f->promise_has_amount &&
		    rescale(&amount, currency_exponent(f->promise_currency), currency_exponent(cur));

		if (has_amount &&
		    ((err = axl_money(x, ws, row, c + 2, amount, cur)) != AR_OK ||
		    (err = axl_text(x, ws, row, c + 3, currency_code(cur), NULL)) != AR_OK))
			return err;
		if ((err = axl_date(x, ws, row, c + 4, f->promise_due)) != AR_OK ||
		    (err = axl_date(x, ws, row, c + 5, f->promise_date)) != AR_OK)
			return err;
	}
	if ((err = axl_integer(x, ws, row, c + 6, (int64_t)f->open_disputes)) != AR_OK)
		return err;
	if (f->open_disputes > 0 &&
	    ((err = axl_text(x, ws, row, c + 7, f->dispute_docs, NULL)) != AR_OK ||
	    (err = axl_date(x, ws, row, c + 8, f->dispute_since)) != AR_OK))
		return err;
	return AR_OK;
}

ar_err
aging_xlsx_write_lpd(struct aging_xlsx *x, const struct aging_report *rep, struct journal *j)
{
	lxw_worksheet *ws = x->lpd;
	uint16_t n = j != NULL ? LPD_ALL : LPD_BASE;
	const char *names[LPD_ALL];
	ar_err err;

	for (uint16_t i = 0; i < n; i++)
		names[i] = caption(x, lpd_columns[i]);
	if ((err = axl_header(x, ws, names, n)) != AR_OK)
		return err;
	for (size_t i = 0; i < rep->table.n; i++) {
		const struct aging_row *r = &rep->table.rows[i];
		const struct customer *cust = customers_get(rep->customers, r->key);
		const char *key = aging_report_key(rep, r);
		const char *doc = aging_report_oldest_doc(rep, r);
		uint32_t row = (uint32_t)i + 1;

		if ((err = axl_text(x, ws, row, 0, key, NULL)) != AR_OK ||
		    (err = axl_text(x, ws, row, 1, cust->name, NULL)) != AR_OK ||
		    (err = axl_text(x, ws, row, 2, currency_code(r->currency), NULL)) != AR_OK ||
		    (err = axl_money(x, ws, row, 3, r->past_due, r->currency)) != AR_OK ||
		    (err = axl_money(x, ws, row, 4, r->total, r->currency)) != AR_OK ||
		    (err = axl_integer(x, ws, row, 5, r->oldest_days)) != AR_OK)
			return err;
		if (r->oldest_days > 0 &&
		    ((err = axl_text(x, ws, row, 6, doc ? doc : "", NULL)) != AR_OK ||
		    (err = axl_date(x, ws, row, 7, rep->policy.as_of - r->oldest_days)) != AR_OK))
			return err;
		if ((err = axl_text(x, ws, row, 8, cust->collector, NULL)) != AR_OK ||
		    (err = axl_text(x, ws, row, 9, cust->status, NULL)) != AR_OK ||
		    (err = put_credit_limit(x, ws, row, 10, cust->credit_limit, r->currency)) != AR_OK)
			return err;
		if (j != NULL && (err = put_facts(x, ws, row, LPD_BASE, journal_find(j, key, strlen(key)),
		    r->currency, aging_report_rows_of(rep, r->key) == 1)) != AR_OK)
			return err;
	}
	if (rep->table.n > 0 && xlsx_autofilter(x->book, ws, 0, (uint32_t)rep->table.n, n) != AR_OK)
		return axl_failed(x, AR_EIO, NULL);
	xlsx_fit_columns(x->book, ws);
	return AR_OK;
}

/* Movement */

ar_err
aging_xlsx_write_movement(struct aging_xlsx *x, const struct aging_report *rep,
    const struct aging_movement *m)
{
	static const enum report_caption kinds[AGING_MOVEMENT_KINDS] = {
		RC_MV_NEW, RC_MV_CLEARED, RC_MV_WORSE, RC_MV_BETTER, RC_MV_UNCHANGED
	};
	lxw_worksheet *ws = x->movement;
	char labels[AGING_MAX_COLUMNS][AGING_LABEL_MAX];
	const char *names[8 + AGING_MAX_COLUMNS];
	uint16_t n = 0;
	uint32_t row = 1;
	ar_err err;

	/* Per customer: customer, name, currency, movement, previous, total, change, then this run's buckets. */
	names[n++] = caption(x, RC_COL_CUSTOMER);
	names[n++] = caption(x, RC_COL_NAME);
	names[n++] = caption(x, RC_COL_CURRENCY);
	names[n++] = caption(x, RC_COL_MOVEMENT);
	names[n++] = caption(x, RC_COL_PREVIOUS);
	names[n++] = caption(x, RC_COL_TOTAL);
	names[n++] = caption(x, RC_COL_CHANGE);
	for (int b = 0; b < m->columns; b++) {
		if (b == 0)
			snprintf(labels[b], AGING_LABEL_MAX, "%s", caption(x, RC_COL_CURRENT));
		else
			aging_column_label(&rep->policy.buckets, b, labels[b], AGING_LABEL_MAX);
		names[n++] = labels[b];
	}
	if ((err = axl_header(x, ws, names, n)) != AR_OK)
		return err;
	for (size_t i = 0; i < m->n_rows; i++, row++) {
		const struct aging_movement_row *r = &m->rows[i];

		if ((err = axl_text(x, ws, row, 0, r->customer, NULL)) != AR_OK ||
		    (err = axl_text(x, ws, row, 1, r->name, NULL)) != AR_OK ||
		    (err = axl_text(x, ws, row, 2, currency_code(r->currency), NULL)) != AR_OK ||
		    (err = axl_text(x, ws, row, 3, caption(x, kinds[r->kind]), NULL)) != AR_OK ||
		    (err = axl_money(x, ws, row, 4, r->previous_total, r->currency)) != AR_OK ||
		    (err = axl_money(x, ws, row, 5, r->current_total, r->currency)) != AR_OK ||
		    (err = axl_money(x, ws, row, 6, r->change, r->currency)) != AR_OK)
			return err;
		for (int b = 0; b < m->columns; b++)
			if ((err = axl_money(x, ws, row, (uint16_t)(7 + b), r->current[b], r->currency)) != AR_OK)
				return err;
	}
	if (m->n_rows > 0 && xlsx_autofilter(x->book, ws, 0, (uint32_t)m->n_rows, n) != AR_OK)
		return axl_failed(x, AR_EIO, NULL);
	/* Below, per currency: each bucket last time, this time, the change; and the counts. */
	row++;
	for (size_t i = 0; i < m->n_currencies; i++) {
		const struct aging_movement_currency *c = &m->currencies[i];
		const int64_t *side[3] = { c->previous, c->current, c->change };
		const int64_t total[3] = { c->previous_total, c->current_total, c->change_total };
		const enum report_caption what[3] = { RC_COL_PREVIOUS, RC_COL_TOTAL, RC_COL_CHANGE };

		for (int s = 0; s < 3; s++, row++) {
			if ((err = axl_text(x, ws, row, 0, caption(x, RC_TOTAL), NULL)) != AR_OK ||
			    (err = axl_text(x, ws, row, 2, currency_code(c->currency), NULL)) != AR_OK ||
			    (err = axl_text(x, ws, row, 3, caption(x, what[s]), NULL)) != AR_OK ||
			    (err = axl_money(x, ws, row, 5, total[s], c->currency)) != AR_OK)
				return err;
			for (int b = 0; b < m->columns; b++)
				if ((err = axl_money(x, ws, row, (uint16_t)(7 + b), side[s][b], c->currency)) != AR_OK)
					return err;
		}
		for (int k = 0; k < AGING_MOVEMENT_KINDS; k++, row++)
			if ((err = axl_text(x, ws, row, 2, currency_code(c->currency), NULL)) != AR_OK ||
			    (err = axl_text(x, ws, row, 3, caption(x, kinds[k]), NULL)) != AR_OK ||
			    (err = axl_integer(x, ws, row, 4, (int64_t)c->count[k])) != AR_OK)
				return err;
		row++;
	}
	xlsx_fit_columns(x->book, ws);
	return AR_OK;
}
