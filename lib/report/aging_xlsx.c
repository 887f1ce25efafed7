/* aging_xlsx.c - the aging workbook (see aging_xlsx.h for the layout). */
#include "report/aging_xlsx.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"

/* Room for the large-past-due rule in words on the Summary. */
#define LPD_RULE_MAX 256

struct aging_xlsx {
	struct xlsx_book *book;
	struct aging_xlsx_info info;
	lxw_worksheet *summary, *aging, *lpd;
	/* Detail: the sheet being written, its number, rows in it. */
	lxw_worksheet *detail;
	int detail_no;
	uint32_t detail_rows;
	char **detail_names;
	uint16_t detail_ncols;
	struct ar_error error;
};

/* what NULL: the book's own words for its last failure. */
static ar_err
failed(struct aging_xlsx *x, ar_err err, const char *what)
{
	return ar_error_set(&x->error, err, 0, "%s",
	    what != NULL ? what : xlsx_error(x->book)->message);
}

static ar_err
put_text(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
    const char *s, lxw_format *fmt)
{
	return xlsx_write_text(x->book, ws, row, col, s, strlen(s), fmt);
}

static lxw_worksheet *
add_sheet(struct aging_xlsx *x, const char *name)
{
	return xlsx_add_sheet(x->book, name);
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
	/* Constant memory: every sheet is written top to bottom (see aging_xlsx.h). */
	if ((err = xlsx_open(&x->book, path, true, error)) != AR_OK) {
		int saved = errno;

		free(x);
		errno = saved;
		return err;
	}
	if ((x->summary = add_sheet(x, "Summary")) == NULL ||
	    (x->aging = add_sheet(x, "Aging")) == NULL ||
	    (x->lpd = add_sheet(x, "Large Past Due")) == NULL ||
	    (info->detail && (x->detail = add_sheet(x, "Detail")) == NULL)) {
		ar_error_set(error, AR_EIO, 0, "%s", xlsx_error(x->book)->message);
		xlsx_abort(x->book);
		free(x);
		return AR_EIO;
	}
	x->detail_no = 1;
	*out = x;
	return AR_OK;
}

/* Detail */

ar_err
aging_xlsx_detail_header(struct aging_xlsx *x, const char *const *names, size_t n)
{
	if (n + 2 > LXW_COL_MAX)
		return failed(x, AR_ERANGE, "too many columns for a worksheet");
	if ((x->detail_names = calloc(n + 2, sizeof *x->detail_names)) == NULL)
		return failed(x, AR_ENOMEM, "out of memory");
	x->detail_ncols = (uint16_t)(n + 2);
	for (size_t i = 0; i < n + 2; i++) {
		const char *s = i < n ? names[i] : i == n ? "days_overdue" : "bucket";

		if ((x->detail_names[i] = strdup(s)) == NULL)
			return failed(x, AR_ENOMEM, "out of memory");
	}
	if (xlsx_write_header(x->book, x->detail, 0, (const char *const *)x->detail_names,
	    x->detail_ncols) != AR_OK)
		return failed(x, AR_EIO, NULL);
	return AR_OK;
}

/* A full Detail sheet: its filter and widths, and the next one. */
static ar_err
next_detail_sheet(struct aging_xlsx *x)
{
	char name[XLSX_SHEET_NAME_MAX + 1];

	if (xlsx_autofilter(x->book, x->detail, 0, x->detail_rows, x->detail_ncols) != AR_OK)
		return failed(x, AR_EIO, NULL);
	xlsx_fit_columns(x->book, x->detail);
	snprintf(name, sizeof name, "Detail (%d)", ++x->detail_no);
	if ((x->detail = add_sheet(x, name)) == NULL)
		return failed(x, AR_EIO, NULL);
	x->detail_rows = 0;
	if (xlsx_write_header(x->book, x->detail, 0, (const char *const *)x->detail_names,
	    x->detail_ncols) != AR_OK)
		return failed(x, AR_EIO, NULL);
	return AR_OK;
}

ar_err
aging_xlsx_detail_row(struct aging_xlsx *x, const struct aging_buckets *buckets,
    const struct csvio_record *rec, const struct item_columns *cols,
    const struct item *it, struct aging_position pos)
{
	uint32_t row;
	uint16_t n = x->detail_ncols - 2;
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
			return failed(x, err, NULL);
	}
	aging_column_label(buckets, pos.bucket, label, sizeof label);
	if ((err = xlsx_write_integer(x->book, x->detail, row, n, pos.days)) != AR_OK ||
	    (err = put_text(x, x->detail, row, n + 1, label, NULL)) != AR_OK)
		return failed(x, err, NULL);
	return AR_OK;
}

/* Summary and Aging */

/* Per currency: sums of the rows. */
struct currency_total {
	struct aging_row sum;
	uint64_t customers;
	bool seen;
};

/* The sums per currency, and the currencies seen in the order of their codes. */
struct totals {
	struct currency_total by[CURRENCY_MAX];
	int order[CURRENCY_MAX];
	int n;
};

/* The i-th currency's totals, in code order. */
static const struct currency_total *
nth(const struct totals *t, int i)
{
	return &t->by[t->order[i]];
}

static ar_err
sum_by_currency(struct aging_xlsx *x, const struct aging_report *rep, struct totals *t)
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

static ar_err
put_money(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
    int64_t minor, currency_id cur)
{
	ar_err err = xlsx_write_money(x->book, ws, row, col, minor, currency_exponent(cur));

	if (err != AR_OK)
		return failed(x, err, NULL);
	return AR_OK;
}

static ar_err
put_integer(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col, int64_t v)
{
	ar_err err = xlsx_write_integer(x->book, ws, row, col, v);

	if (err != AR_OK)
		return failed(x, err, NULL);
	return AR_OK;
}

/*
 * A formula with the value we worked out as its cached result, so that
 * readers that do not recalculate (previews, openpyxl, xlsx2csv) show the
 * right figure while Excel recalculates it on open.
 */
static ar_err
put_formula(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
    const char *formula, double value, lxw_format *fmt)
{
	lxw_error e = worksheet_write_formula_num(ws, row, col, formula, fmt, value);

	if (e != LXW_NO_ERROR)
		return failed(x, AR_EIO, lxw_strerror(e));
	return AR_OK;
}

static double
as_number(int64_t minor, currency_id cur)
{
	return xlsx_money_cell_value(minor, currency_exponent(cur));
}

/* part / whole as a share for a percent cell; 0 when whole is 0. */
static double
share_of(int64_t part, int64_t whole)
{
	return whole == 0 ? 0 : (double)part / (double)whole;
}

/* The sheet's title: bold and larger, on one line that spills to the right. */
static lxw_format *
title_style(struct aging_xlsx *x)
{
	lxw_format *f = workbook_add_format(xlsx_workbook(x->book));

	if (f != NULL) {
		format_set_bold(f);
		format_set_font_size(f, 14);
	}
	return f;
}

/* A line of the Summary's header block: label in A, text in B. */
static ar_err
put_note(struct aging_xlsx *x, uint32_t row, const char *label, const char *text)
{
	ar_err err;

	if ((err = put_text(x, x->summary, row, 0, label, NULL)) != AR_OK)
		return err;
	return put_text(x, x->summary, row, 1, text, NULL);
}

/* The item files, "a.csv, b.csv" ("<stdin>" for standard input), as far as cap allows. */
static void
sources_text(const struct aging_xlsx_info *info, char *buf, size_t cap)
{
	buf[0] = '\0';
	for (size_t i = 0; i < info->nsources || i == 0; i++) {
		const char *s = i < info->nsources ? info->sources[i] : NULL;

		if (s == NULL || strcmp(s, "-") == 0)
			s = "<stdin>";
		if (strlen(buf) + strlen(s) + 3 < cap)
			strcat(strcat(buf, i > 0 ? ", " : ""), s);
	}
}

/* The large-past-due rule in words: "past due over 90 days, 50000 or more ...". */
static void
lpd_rule_text(const struct aging_xlsx_info *info, int days, char *buf, size_t cap)
{
	int n = snprintf(buf, cap, "past due over %d days", days);

	if (n > 0 && (size_t)n < cap && info->lpd_min_amount != NULL)
		n += snprintf(buf + n, cap - (size_t)n, ", %s or more in the row's currency",
		    info->lpd_min_amount);
	if (n > 0 && (size_t)n < cap && info->lpd_top > 0)
		snprintf(buf + n, cap - (size_t)n, ", the %ld largest per currency", info->lpd_top);
}

/* The header block: what this is, as of when, made from what, by which rules. */
static ar_err
summary_about(struct aging_xlsx *x, const struct aging_report *rep, uint32_t *row)
{
	const struct aging_xlsx_info *info = &x->info;
	char buf[1024], rule[LPD_RULE_MAX];
	ar_err err;

	snprintf(buf, sizeof buf, "%s%sAccounts receivable aging", info->company,
	    info->company[0] ? ": " : "");
	if ((err = put_text(x, x->summary, (*row)++, 0, buf, title_style(x))) != AR_OK)
		return err;
	if ((err = put_text(x, x->summary, *row, 0, "As of", NULL)) != AR_OK ||
	    (err = xlsx_write_date(x->book, x->summary, (*row)++, 1, rep->policy.as_of)) != AR_OK)
		return failed(x, err, NULL);
	sources_text(info, buf, sizeof buf);
	if ((err = put_note(x, (*row)++, "Items", buf)) != AR_OK)
		return err;
	if (info->customers_path != NULL &&
	    (err = put_note(x, (*row)++, "Customers", info->customers_path)) != AR_OK)
		return err;
	if (info->journal_path != NULL &&
	    (err = put_note(x, (*row)++, "Journal", info->journal_path)) != AR_OK)
		return err;
	lpd_rule_text(info, rep->policy.past_due_days, rule, sizeof rule);
	if ((err = put_note(x, (*row)++, "Aged by", rep->policy.basis == AGING_BASIS_DOC
	    ? "document date" : "due date")) != AR_OK ||
	    (err = put_note(x, (*row)++, "Large past due", rule)) != AR_OK ||
	    (err = put_note(x, (*row)++, "Generated by", "ar-age (artools) " ARTOOLS_VERSION)) != AR_OK)
		return err;
	return AR_OK;
}

/* How many customers (distinct keys of the sorted rows) and items the aging holds. */
static ar_err
summary_counts(struct aging_xlsx *x, const struct aging_report *rep, const struct totals *t,
    uint32_t *row)
{
	uint64_t items = 0, customers = 0;
	ar_err err;

	for (int i = 0; i < t->n; i++)
		items += nth(t, i)->sum.items;
	for (size_t i = 0; i < rep->table.n; i++)
		customers += i == 0 || rep->table.rows[i].key != rep->table.rows[i - 1].key;
	if ((err = put_text(x, x->summary, *row, 0, "Customers", NULL)) != AR_OK ||
	    (err = put_integer(x, x->summary, (*row)++, 1, (int64_t)customers)) != AR_OK)
		return err;
	if ((err = put_text(x, x->summary, *row, 0, "Items", NULL)) != AR_OK ||
	    (err = put_integer(x, x->summary, (*row)++, 1, (int64_t)items)) != AR_OK)
		return err;
	return AR_OK;
}

/* A table's header: first, then the bucket labels, in bold. */
static ar_err
put_bucket_header(struct aging_xlsx *x, const struct aging_report *rep, uint32_t row,
    const char *first)
{
	lxw_format *bold = xlsx_style(x->book, XLSX_STYLE_HEADER);
	char label[AGING_LABEL_MAX];
	ar_err err;

	if ((err = put_text(x, x->summary, row, 0, first, bold)) != AR_OK)
		return err;
	for (int b = 0; b < aging_columns(&rep->policy.buckets); b++) {
		aging_column_label(&rep->policy.buckets, b, label, sizeof label);
		if ((err = put_text(x, x->summary, row, (uint16_t)(1 + b), label, bold)) != AR_OK)
			return err;
	}
	return AR_OK;
}

/* Totals at row head: currency, buckets, total, customers, items; one row per currency. */
static ar_err
summary_totals(struct aging_xlsx *x, const struct aging_report *rep, const struct totals *t,
    uint32_t head)
{
	lxw_worksheet *ws = x->summary;
	lxw_format *bold = xlsx_style(x->book, XLSX_STYLE_HEADER);
	uint16_t ncols = (uint16_t)aging_columns(&rep->policy.buckets);
	ar_err err;

	if ((err = put_bucket_header(x, rep, head, "currency")) != AR_OK ||
	    (err = put_text(x, ws, head, 1 + ncols, "total", bold)) != AR_OK ||
	    (err = put_text(x, ws, head, 2 + ncols, "customers", bold)) != AR_OK ||
	    (err = put_text(x, ws, head, 3 + ncols, "items", bold)) != AR_OK)
		return err;
	for (int i = 0; i < t->n; i++) {
		const struct aging_row *s = &nth(t, i)->sum;
		uint32_t row = head + 1 + (uint32_t)i;

		if ((err = put_text(x, ws, row, 0, currency_code(s->currency), NULL)) != AR_OK)
			return err;
		for (uint16_t b = 0; b < ncols; b++)
			if ((err = put_money(x, ws, row, 1 + b, s->bucket[b], s->currency)) != AR_OK)
				return err;
		if ((err = put_money(x, ws, row, 1 + ncols, s->total, s->currency)) != AR_OK ||
		    (err = put_integer(x, ws, row, 2 + ncols, (int64_t)nth(t, i)->customers)) != AR_OK ||
		    (err = put_integer(x, ws, row, 3 + ncols, (int64_t)s->items)) != AR_OK)
			return err;
	}
	return AR_OK;
}

/* Shares at row: formulas over the totals at head, so that an edit there carries. */
static ar_err
summary_shares(struct aging_xlsx *x, const struct aging_report *rep, const struct totals *t,
    uint32_t head, uint32_t row)
{
	int ncols = aging_columns(&rep->policy.buckets);
	char formula[256], from[LXW_MAX_CELL_NAME_LENGTH], to[LXW_MAX_CELL_NAME_LENGTH];
	ar_err err;

	if ((err = put_bucket_header(x, rep, row++, "share")) != AR_OK)
		return err;
	for (int i = 0; i < t->n; i++, row++) {
		const struct aging_row *s = &nth(t, i)->sum;
		uint32_t src = head + 1 + (uint32_t)i;

		if ((err = put_text(x, x->summary, row, 0, currency_code(s->currency), NULL)) != AR_OK)
			return err;
		lxw_rowcol_to_cell_abs(to, src, (lxw_col_t)(1 + ncols), 0, 1);
		for (int b = 0; b < ncols; b++) {
			lxw_rowcol_to_cell(from, src, (lxw_col_t)(1 + b));
			snprintf(formula, sizeof formula, "=IF(%s=0,0,%s/%s)", to, from, to);
			if ((err = put_formula(x, x->summary, row, (uint16_t)(1 + b), formula,
			    share_of(s->bucket[b], s->total),
			    xlsx_style(x->book, XLSX_STYLE_PERCENT))) != AR_OK)
				return err;
		}
	}
	return AR_OK;
}

/* A stacked column per currency over the totals at head, placed at row. */
static ar_err
summary_chart(struct aging_xlsx *x, int ncols, const struct totals *t, uint32_t head,
    uint32_t row)
{
	lxw_chart *chart = workbook_add_chart(xlsx_workbook(x->book), LXW_CHART_COLUMN_STACKED);

	if (chart == NULL)
		return failed(x, AR_ENOMEM, "out of memory for the chart");
	chart_title_set_name(chart, "Receivables by bucket");
	for (int i = 0; i < t->n; i++) {
		lxw_chart_series *se = chart_add_series(chart, NULL, NULL);
		lxw_row_t src = head + 1 + (lxw_row_t)i;

		if (se == NULL)
			return failed(x, AR_ENOMEM, "out of memory for the chart");
		chart_series_set_categories(se, "Summary", head, 1, head, (lxw_col_t)ncols);
		chart_series_set_values(se, "Summary", src, 1, src, (lxw_col_t)ncols);
		chart_series_set_name_range(se, "Summary", src, 0);
	}
	chart_axis_set_name(chart->y_axis, "amount (each currency in its own units)");
	if (worksheet_insert_chart(x->summary, row, 0, chart) != LXW_NO_ERROR)
		return failed(x, AR_EIO, "cannot insert the chart");
	return AR_OK;
}

/*
 * The Summary, top to bottom: the header block, a blank row, the totals,
 * a blank row, the shares, and the chart below them after a blank row.
 */
static ar_err
write_summary(struct aging_xlsx *x, const struct aging_report *rep, const struct totals *t)
{
	uint32_t row = 0, head;
	ar_err err;

	if ((err = summary_about(x, rep, &row)) != AR_OK ||
	    (err = summary_counts(x, rep, t, &row)) != AR_OK)
		return err;
	/* The notes above spill over empty cells; the tables alone size the columns. */
	xlsx_forget_widths(x->book, x->summary);
	head = row + 1;
	if ((err = summary_totals(x, rep, t, head)) != AR_OK ||
	    (err = summary_shares(x, rep, t, head, head + 2 + (uint32_t)t->n)) != AR_OK)
		return err;
	/* Widths before the chart, which sits below and does not count. */
	xlsx_fit_columns(x->book, x->summary);
	/* Column A holds the header block's labels too ("Large past due"). */
	worksheet_set_column(x->summary, 0, 0, 16, NULL);
	if (t->n == 0)
		return AR_OK;
	return summary_chart(x, aging_columns(&rep->policy.buckets), t,
	    head, head + 2 * (2 + (uint32_t)t->n));
}

/* The Aging sheet's columns: key, name, currency, buckets, counts, master data. */
#define AGING_SHEET_MAX_COLUMNS (3 + AGING_MAX_COLUMNS + 3 + 3)

static uint16_t
aging_header(const struct aging_report *rep, bool master, const char **names,
    char labels[][AGING_LABEL_MAX])
{
	int ncols = aging_columns(&rep->policy.buckets);
	uint16_t n = 0;

	names[n++] = "customer";
	names[n++] = "name";
	names[n++] = "currency";
	for (int b = 0; b < ncols; b++) {
		aging_column_label(&rep->policy.buckets, b, labels[b], AGING_LABEL_MAX);
		names[n++] = labels[b];
	}
	names[n++] = "total";
	names[n++] = "items";
	names[n++] = "oldest_days";
	if (master) {
		names[n++] = "collector";
		names[n++] = "status";
		names[n++] = "credit_limit";
	}
	return n;
}

/*
 * A credit limit in the row's currency, as money; text when it does not
 * read as one (the master keeps it as the file wrote it).
 */
static ar_err
put_credit_limit(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
    const char *text, currency_id cur)
{
	int64_t minor;

	if (text[0] == '\0')
		return AR_OK;
	if (money_parse(text, strlen(text), currency_exponent(cur), MONEY_DECIMAL_POINT,
	    &minor) == AR_OK)
		return put_money(x, ws, row, col, minor, cur);
	return put_text(x, ws, row, col, text, NULL);
}

/* One customer's row of the Aging sheet. */
static ar_err
aging_sheet_row(struct aging_xlsx *x, const struct aging_report *rep, const struct aging_row *r,
    uint32_t row)
{
	lxw_worksheet *ws = x->aging;
	const struct customer *cust = customers_get(rep->customers, r->key);
	int ncols = aging_columns(&rep->policy.buckets);
	uint16_t c = 0;
	ar_err err;

	if ((err = put_text(x, ws, row, c++, aging_report_key(rep, r), NULL)) != AR_OK ||
	    (err = put_text(x, ws, row, c++, cust->name, NULL)) != AR_OK ||
	    (err = put_text(x, ws, row, c++, currency_code(r->currency), NULL)) != AR_OK)
		return err;
	for (int k = 0; k < ncols; k++)
		if ((err = put_money(x, ws, row, c++, r->bucket[k], r->currency)) != AR_OK)
			return err;
	if ((err = put_money(x, ws, row, c++, r->total, r->currency)) != AR_OK ||
	    (err = put_integer(x, ws, row, c++, (int64_t)r->items)) != AR_OK ||
	    (err = put_integer(x, ws, row, c++, r->oldest_days)) != AR_OK)
		return err;
	if (x->info.customers_path != NULL &&
	    ((err = put_text(x, ws, row, c++, cust->collector, NULL)) != AR_OK ||
	    (err = put_text(x, ws, row, c++, cust->status, NULL)) != AR_OK ||
	    (err = put_credit_limit(x, ws, row, c++, cust->credit_limit, r->currency)) != AR_OK))
		return err;
	return AR_OK;
}

/*
 * Totals below a blank row after the last data row, outside the filter so
 * that sorting the table leaves them alone; SUMIF per currency, since
 * amounts in different currencies are never added.
 */
static ar_err
aging_sheet_totals(struct aging_xlsx *x, const struct aging_report *rep, const struct totals *t,
    uint32_t last)
{
	lxw_worksheet *ws = x->aging;
	int ncols = aging_columns(&rep->policy.buckets);
	char formula[256], cur_range[LXW_MAX_CELL_RANGE_LENGTH];
	char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
	ar_err err;

	lxw_rowcol_to_cell_abs(a, 1, 2, 1, 1);
	lxw_rowcol_to_cell_abs(b, last, 2, 1, 1);
	snprintf(cur_range, sizeof cur_range, "%s:%s", a, b);
	for (int i = 0; i < t->n; i++) {
		const struct aging_row *sum = &nth(t, i)->sum;
		uint32_t row = last + 2 + (uint32_t)i;
		const char *code = currency_code(sum->currency);

		if ((err = put_text(x, ws, row, 0, "TOTAL", xlsx_style(x->book, XLSX_STYLE_HEADER))) != AR_OK ||
		    (err = put_text(x, ws, row, 2, code, NULL)) != AR_OK)
			return err;
		/* the buckets, the total, then the count of items */
		for (int k = 0; k <= ncols + 1; k++) {
			uint16_t col = (uint16_t)(3 + k);
			bool count = k == ncols + 1;
			int64_t v = k < ncols ? sum->bucket[k] : sum->total;

			lxw_rowcol_to_cell_abs(a, 1, col, 1, 0);
			lxw_rowcol_to_cell_abs(b, last, col, 1, 0);
			snprintf(formula, sizeof formula, "=SUMIF(%s,\"%s\",%s:%s)", cur_range, code, a, b);
			err = put_formula(x, ws, row, col, formula,
			    count ? (double)sum->items : as_number(v, sum->currency),
			    count ? xlsx_style(x->book, XLSX_STYLE_INTEGER)
			    : xlsx_money_style(x->book, currency_exponent(sum->currency)));
			if (err != AR_OK)
				return err;
		}
	}
	return AR_OK;
}

static ar_err
write_aging_sheet(struct aging_xlsx *x, const struct aging_report *rep, const struct totals *t)
{
	const char *names[AGING_SHEET_MAX_COLUMNS];
	char labels[AGING_MAX_COLUMNS][AGING_LABEL_MAX];
	uint16_t n = aging_header(rep, x->info.customers_path != NULL, names, labels);
	uint32_t last = (uint32_t)rep->table.n;   /* last data row, 0-based; header is 0 */
	ar_err err;

	if (rep->table.n > AGING_XLSX_DETAIL_ROWS - 2 - CURRENCY_MAX)
		return failed(x, AR_ERANGE, "more aging rows than a worksheet holds");
	if (xlsx_write_header(x->book, x->aging, 0, names, n) != AR_OK)
		return failed(x, AR_EIO, NULL);
	for (size_t i = 0; i < rep->table.n; i++)
		if ((err = aging_sheet_row(x, rep, &rep->table.rows[i], (uint32_t)i + 1)) != AR_OK)
			return err;
	if (rep->table.n > 0) {
		if (xlsx_autofilter(x->book, x->aging, 0, last, n) != AR_OK)
			return failed(x, AR_EIO, NULL);
		if ((err = aging_sheet_totals(x, rep, t, last)) != AR_OK)
			return err;
	}
	xlsx_fit_columns(x->book, x->aging);
	return AR_OK;
}

ar_err
aging_xlsx_write_aging(struct aging_xlsx *x, const struct aging_report *rep)
{
	struct totals *t = malloc(sizeof *t);
	ar_err err;

	if (t == NULL)
		return failed(x, AR_ENOMEM, "out of memory");
	if ((err = sum_by_currency(x, rep, t)) == AR_OK &&
	    (err = write_summary(x, rep, t)) == AR_OK)
		err = write_aging_sheet(x, rep, t);
	free(t);
	return err;
}

/* Large Past Due */

static const char *const lpd_names[] = {
	"customer", "name", "currency", "past_due", "total", "oldest_days",
	"oldest_doc_no", "oldest_due_date", "collector", "status", "credit_limit",
	/* with a journal */
	"last_action", "last_action_date", "promise_amount", "promise_due",
	"promise_made", "open_disputes", "disputed_docs", "dispute_since"
};
#define LPD_BASE 11
#define LPD_ALL (sizeof lpd_names / sizeof lpd_names[0])

static ar_err
put_date(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col, civil_day d)
{
	ar_err err;

	if (d == DATE_NONE)
		return AR_OK;
	if ((err = xlsx_write_date(x->book, ws, row, col, d)) != AR_OK)
		return failed(x, err, NULL);
	return AR_OK;
}

static ar_err
put_facts(struct aging_xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t c,
    const struct journal_facts *f)
{
	ar_err err;

	if (f == NULL)
		return AR_OK;
	if ((err = put_text(x, ws, row, c, f->last_action, NULL)) != AR_OK ||
	    (err = put_date(x, ws, row, c + 1, f->last_date)) != AR_OK)
		return err;
	if (f->promise_open) {
		if (f->promise_has_amount &&
		    (err = put_money(x, ws, row, c + 2, f->promise_amount, f->promise_currency)) != AR_OK)
			return err;
		if ((err = put_date(x, ws, row, c + 3, f->promise_due)) != AR_OK ||
		    (err = put_date(x, ws, row, c + 4, f->promise_date)) != AR_OK)
			return err;
	}
	if ((err = xlsx_write_integer(x->book, ws, row, c + 5, (int64_t)f->open_disputes)) != AR_OK)
		return failed(x, err, NULL);
	if (f->open_disputes > 0 &&
	    ((err = put_text(x, ws, row, c + 6, f->dispute_docs, NULL)) != AR_OK ||
	    (err = put_date(x, ws, row, c + 7, f->dispute_since)) != AR_OK))
		return err;
	return AR_OK;
}

ar_err
aging_xlsx_write_lpd(struct aging_xlsx *x, const struct aging_report *rep, struct journal *j)
{
	lxw_worksheet *ws = x->lpd;
	uint16_t n = j != NULL ? LPD_ALL : LPD_BASE;
	ar_err err;

	if (xlsx_write_header(x->book, ws, 0, lpd_names, n) != AR_OK)
		return failed(x, AR_EIO, NULL);
	for (size_t i = 0; i < rep->table.n; i++) {
		const struct aging_row *r = &rep->table.rows[i];
		const struct customer *cust = customers_get(rep->customers, r->key);
		const char *key = aging_report_key(rep, r);
		const char *doc = aging_report_oldest_doc(rep, r);
		uint32_t row = (uint32_t)i + 1;

		if ((err = put_text(x, ws, row, 0, key, NULL)) != AR_OK ||
		    (err = put_text(x, ws, row, 1, cust->name, NULL)) != AR_OK ||
		    (err = put_text(x, ws, row, 2, currency_code(r->currency), NULL)) != AR_OK ||
		    (err = put_money(x, ws, row, 3, r->past_due, r->currency)) != AR_OK ||
		    (err = put_money(x, ws, row, 4, r->total, r->currency)) != AR_OK)
			return err;
		if ((err = xlsx_write_integer(x->book, ws, row, 5, r->oldest_days)) != AR_OK)
			return failed(x, err, NULL);
		if (r->oldest_days > 0 &&
		    ((err = put_text(x, ws, row, 6, doc ? doc : "", NULL)) != AR_OK ||
		    (err = put_date(x, ws, row, 7, rep->policy.as_of - r->oldest_days)) != AR_OK))
			return err;
		if ((err = put_text(x, ws, row, 8, cust->collector, NULL)) != AR_OK ||
		    (err = put_text(x, ws, row, 9, cust->status, NULL)) != AR_OK ||
		    (err = put_credit_limit(x, ws, row, 10, cust->credit_limit, r->currency)) != AR_OK)
			return err;
		if (j != NULL &&
		    (err = put_facts(x, ws, row, LPD_BASE, journal_find(j, key, strlen(key)))) != AR_OK)
			return err;
	}
	if (rep->table.n > 0 && xlsx_autofilter(x->book, ws, 0, (uint32_t)rep->table.n, n) != AR_OK)
		return failed(x, AR_EIO, NULL);
	xlsx_fit_columns(x->book, ws);
	return AR_OK;
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
