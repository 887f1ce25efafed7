/*
 * aging_xlsx_summary.c - the aging workbook's Summary: what the aging is
 * and how it was made, totals and shares per currency, the group total in
 * the reporting currency with its rates, subtotals by company code,
 * collector and status, the Notes on the input, one chart per currency.
 *
 * Amounts in different currencies are never added, nor stacked in one
 * chart: only the group total adds them, each converted first.
 */
#include "report/aging_xlsx_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"

/* Room for the large-past-due rule in words. */
#define LPD_RULE_MAX 512

/* Charts: the rows one takes (libxlsxwriter's default size), one under another right of the tables. */
#define CHART_ROWS 15

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

static lxw_format *
bold(struct aging_xlsx *x)
{
	return xlsx_style(x->book, XLSX_STYLE_HEADER);
}

/* A line of the header block: label in A, text in B. */
static ar_err
put_line(struct aging_xlsx *x, uint32_t row, enum report_caption label, const char *text)
{
	ar_err err;

	if ((err = axl_text(x, x->summary, row, 0, caption(x, label), NULL)) != AR_OK)
		return err;
	return axl_text(x, x->summary, row, 1, text, NULL);
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

/* Append to buf[*n..cap), as snprintf would. */
static void
append(char *buf, size_t cap, size_t *n, const char *fmt, const char *a, const char *b)
{
	int k;

	if (*n >= cap)
		return;
	k = snprintf(buf + *n, cap - *n, fmt, a, b);
	if (k > 0)
		*n += (size_t)k;
}

/* The large-past-due rule in words: "past due over 90 days; 50000 or more in the row's currency; ...". */
static void
lpd_rule_text(const struct aging_xlsx *x, int days, char *buf, size_t cap)
{
	const struct aging_xlsx_info *info = &x->info;
	char d[24];
	size_t n = 0;

	snprintf(d, sizeof d, "%d", days);
	append(buf, cap, &n, "%s %s", caption(x, RC_LPD_DAYS_BEFORE), d);
	append(buf, cap, &n, " %s%s", caption(x, RC_LPD_DAYS_AFTER), "");
	if (info->lpd_min_amount != NULL && info->lpd_in_reporting) {
		append(buf, cap, &n, "; %s %s", info->lpd_min_amount, currency_code(info->rates->reporting));
		append(buf, cap, &n, " %s %s", caption(x, RC_LPD_OR_MORE), caption(x, RC_LPD_AFTER_CONVERSION));
	} else if (info->lpd_min_amount != NULL) {
		append(buf, cap, &n, "; %s %s", info->lpd_min_amount, caption(x, RC_LPD_OR_MORE));
		append(buf, cap, &n, " %s%s", caption(x, RC_LPD_IN_ROW_CURRENCY), "");
	}
	for (currency_id c = 0; info->lpd_min_by_currency != NULL && c < CURRENCY_MAX; c++)
		if (info->lpd_min_by_currency[c] != NULL) {
			append(buf, cap, &n, "; %s %s", currency_code(c), info->lpd_min_by_currency[c]);
			append(buf, cap, &n, " %s%s", caption(x, RC_LPD_OR_MORE), "");
		}
	if (info->lpd_top > 0) {
		snprintf(d, sizeof d, "%ld", info->lpd_top);
		append(buf, cap, &n, "; %s %s", caption(x, RC_LPD_TOP), d);
	}
}

/* The header block: what this is, as of when, made from what, by which rules. */
static ar_err
summary_about(struct aging_xlsx *x, const struct aging_report *rep, uint32_t *row)
{
	const struct aging_xlsx_info *info = &x->info;
	char buf[1024], rule[LPD_RULE_MAX];
	ar_err err;

	snprintf(buf, sizeof buf, "%s%s%s", info->company, info->company[0] ? ": " : "",
	    caption(x, RC_TITLE));
	if ((err = axl_text(x, x->summary, (*row)++, 0, buf, title_style(x))) != AR_OK)
		return err;
	if ((err = axl_text(x, x->summary, *row, 0, caption(x, RC_AS_OF), NULL)) != AR_OK ||
	    (err = axl_date(x, x->summary, (*row)++, 1, rep->policy.as_of)) != AR_OK)
		return err;
	sources_text(info, buf, sizeof buf);
	if ((err = put_line(x, (*row)++, RC_ITEMS_FILES, buf)) != AR_OK)
		return err;
	if (info->customers_path != NULL &&
	    (err = put_line(x, (*row)++, RC_CUSTOMERS_FILE, info->customers_path)) != AR_OK)
		return err;
	if (info->journal_path != NULL &&
	    (err = put_line(x, (*row)++, RC_JOURNAL_FILE, info->journal_path)) != AR_OK)
		return err;
	if (info->previous_path != NULL &&
	    (err = put_line(x, (*row)++, RC_PREVIOUS_FILE, info->previous_path)) != AR_OK)
		return err;
	lpd_rule_text(x, rep->policy.past_due_days, rule, sizeof rule);
	if ((err = put_line(x, (*row)++, RC_AGED_BY, caption(x, rep->policy.basis == AGING_BASIS_DOC
	    ? RC_AGED_BY_DOC : RC_AGED_BY_DUE))) != AR_OK ||
	    (err = put_line(x, (*row)++, RC_LPD_RULE, rule)) != AR_OK ||
	    (err = put_line(x, (*row)++, RC_GENERATED_BY, "ar-age (artools) " ARTOOLS_VERSION)) != AR_OK)
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
		items += totals_nth(t, i)->sum.items;
	for (size_t i = 0; i < rep->table.n; i++)
		customers += i == 0 || rep->table.rows[i].key != rep->table.rows[i - 1].key;
	if ((err = axl_text(x, x->summary, *row, 0, caption(x, RC_CUSTOMERS), NULL)) != AR_OK ||
	    (err = axl_integer(x, x->summary, (*row)++, 1, (int64_t)customers)) != AR_OK ||
	    (err = axl_text(x, x->summary, *row, 0, caption(x, RC_ITEMS), NULL)) != AR_OK ||
	    (err = axl_integer(x, x->summary, (*row)++, 1, (int64_t)items)) != AR_OK)
		return err;
	return AR_OK;
}

/* A section's title, bold, on its own row. */
static ar_err
section(struct aging_xlsx *x, uint32_t *row, enum report_caption title, const char *more)
{
	char buf[256];

	snprintf(buf, sizeof buf, "%s%s%s", caption(x, title), more[0] ? " " : "", more);
	return axl_text(x, x->summary, (*row)++, 0, buf, title_style(x));
}

/* A table's header: first, then the bucket labels, then the captions of after[0..nafter). */
static ar_err
bucket_header(struct aging_xlsx *x, const struct aging_report *rep, uint32_t row,
    const char *first, const enum report_caption *after, int nafter)
{
	int ncols = aging_columns(&rep->policy.buckets);
	char label[AGING_LABEL_MAX];
	ar_err err;

	if ((err = axl_text(x, x->summary, row, 0, first, bold(x))) != AR_OK)
		return err;
	for (int b = 0; b < ncols; b++) {
		if (b == 0)
			snprintf(label, sizeof label, "%s", caption(x, RC_COL_CURRENT));
		else
			aging_column_label(&rep->policy.buckets, b, label, sizeof label);
		if ((err = axl_text(x, x->summary, row, (uint16_t)(1 + b), label, bold(x))) != AR_OK)
			return err;
	}
	for (int i = 0; i < nafter; i++)
		if ((err = axl_text(x, x->summary, row, (uint16_t)(1 + ncols + i),
		    caption(x, after[i]), bold(x))) != AR_OK)
			return err;
	return AR_OK;
}

/* One row: label, the buckets and the total of s in its currency. */
static ar_err
bucket_row(struct aging_xlsx *x, const struct aging_report *rep, uint32_t row,
    const char *label, const struct aging_row *s)
{
	uint16_t ncols = (uint16_t)aging_columns(&rep->policy.buckets);
	ar_err err;

	if ((err = axl_text(x, x->summary, row, 0, label, NULL)) != AR_OK)
		return err;
	for (uint16_t b = 0; b < ncols; b++)
		if ((err = axl_money(x, x->summary, row, 1 + b, s->bucket[b], s->currency)) != AR_OK)
			return err;
	return axl_money(x, x->summary, row, 1 + ncols, s->total, s->currency);
}

/* Totals per currency at row head: buckets, total, customers, items, disputed. */
static ar_err
summary_totals(struct aging_xlsx *x, const struct aging_report *rep, const struct totals *t,
    uint32_t head)
{
	static const enum report_caption after[] = {
		RC_COL_TOTAL, RC_COL_CUSTOMERS, RC_COL_ITEMS, RC_COL_DISPUTED
	};
	uint16_t ncols = (uint16_t)aging_columns(&rep->policy.buckets);
	ar_err err;

	if ((err = bucket_header(x, rep, head, caption(x, RC_COL_CURRENCY), after, 4)) != AR_OK)
		return err;
	for (int i = 0; i < t->n; i++) {
		const struct aging_row *s = &totals_nth(t, i)->sum;
		uint32_t row = head + 1 + (uint32_t)i;

		if ((err = bucket_row(x, rep, row, currency_code(s->currency), s)) != AR_OK ||
		    (err = axl_integer(x, x->summary, row, 2 + ncols,
		    (int64_t)totals_nth(t, i)->customers)) != AR_OK ||
		    (err = axl_integer(x, x->summary, row, 3 + ncols, (int64_t)s->items)) != AR_OK ||
		    (err = axl_money(x, x->summary, row, 4 + ncols, s->disputed, s->currency)) != AR_OK)
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

	if ((err = bucket_header(x, rep, row++, caption(x, RC_SHARES), NULL, 0)) != AR_OK)
		return err;
	for (int i = 0; i < t->n; i++, row++) {
		const struct aging_row *s = &totals_nth(t, i)->sum;
		uint32_t src = head + 1 + (uint32_t)i;

		if ((err = axl_text(x, x->summary, row, 0, currency_code(s->currency), NULL)) != AR_OK)
			return err;
		lxw_rowcol_to_cell_abs(to, src, (lxw_col_t)(1 + ncols), 0, 1);
		for (int b = 0; b < ncols; b++) {
			lxw_rowcol_to_cell(from, src, (lxw_col_t)(1 + b));
			snprintf(formula, sizeof formula, "=IF(%s=0,0,%s/%s)", to, from, to);
			if ((err = axl_formula(x, x->summary, row, (uint16_t)(1 + b), formula,
			    axl_share(s->bucket[b], s->total),
			    xlsx_style(x->book, XLSX_STYLE_PERCENT))) != AR_OK)
				return err;
		}
	}
	return AR_OK;
}

/* A rate as a number showing exactly the decimals it was written with. */
static ar_err
put_rate(struct aging_xlsx *x, uint32_t row, uint16_t col, const struct fx_rate *r)
{
	lxw_format **f = &x->rate_style[r->scale];
	char num[16] = "0";
	double v = (double)r->digits;
	lxw_error e;

	for (int i = 0; i < r->scale; i++)
		v /= 10;
	if (*f == NULL && (*f = workbook_add_format(xlsx_workbook(x->book))) != NULL) {
		if (r->scale > 0)
			snprintf(num, sizeof num, "0.%.*s", r->scale, "000000000");
		format_set_num_format(*f, num);
	}
	e = worksheet_write_number(x->summary, row, col, v, *f);
	return e == LXW_NO_ERROR ? AR_OK : axl_failed(x, AR_EIO, lxw_strerror(e));
}

/*
 * With rates: each currency's rate, its date and its total converted, then
 * the group total by bucket in the reporting currency.  Each currency's
 * bucket sums are converted (rounded half away from zero), then added; the
 * group total is the sum of its converted buckets.
 */
static ar_err
summary_rates(struct aging_xlsx *x, const struct aging_report *rep, const struct totals *t,
    uint32_t *row)
{
	static const enum report_caption cols[] = {
		RC_COL_CURRENCY, RC_RATE, RC_RATE_DATE, RC_COL_TOTAL, RC_COL_TOTAL_REPORTING
	};
	const struct fx_rates *fx = x->info.rates;
	currency_id to = fx->reporting;
	int ncols = aging_columns(&rep->policy.buckets);
	struct aging_row group = { .currency = to };
	char more[96];
	ar_err err;

	snprintf(more, sizeof more, "(%s %s, %s)", caption(x, RC_REPORTING_CURRENCY),
	    currency_code(to), x->info.rates_source);
	if ((err = section(x, row, RC_RATES, more)) != AR_OK)
		return err;
	for (uint16_t i = 0; i < 5; i++)
		if ((err = axl_text(x, x->summary, *row, i, caption(x, cols[i]), bold(x))) != AR_OK)
			return err;
	++*row;
	for (int i = 0; i < t->n; i++, ++*row) {
		const struct aging_row *s = &totals_nth(t, i)->sum;
		const struct fx_rate *r = fx_rates_get(fx, s->currency);
		int64_t v;

		if (r == NULL)
			return ar_error_set(&x->error, AR_ECONFIG, 0, "no rate for %s to %s",
			    currency_code(s->currency), currency_code(to));
		if ((err = axl_text(x, x->summary, *row, 0, currency_code(s->currency), NULL)) != AR_OK ||
		    (err = put_rate(x, *row, 1, r)) != AR_OK ||
		    (err = axl_date(x, x->summary, *row, 2, r->as_of)) != AR_OK ||
		    (err = axl_money(x, x->summary, *row, 3, s->total, s->currency)) != AR_OK)
			return err;
		if (fx_convert(fx, s->total, s->currency, &v) != AR_OK)
			return ar_error_set(&x->error, AR_ERANGE, 0,
			    "the %s total in %s does not fit in 64 bits", currency_code(s->currency),
			    currency_code(to));
		if ((err = axl_money(x, x->summary, *row, 4, v, to)) != AR_OK)
			return err;
		for (int b = 0; b < ncols; b++)
			if (fx_convert(fx, s->bucket[b], s->currency, &v) != AR_OK ||
			    money_add(&group.bucket[b], v) != AR_OK || money_add(&group.total, v) != AR_OK)
				return ar_error_set(&x->error, AR_ERANGE, 0,
				    "the group total in %s does not fit in 64 bits", currency_code(to));
	}
	++*row;
	snprintf(more, sizeof more, "%s %s", caption(x, RC_GROUP_TOTAL), currency_code(to));
	if ((err = bucket_header(x, rep, (*row)++, caption(x, RC_COL_CURRENCY),
	    (const enum report_caption[]){ RC_COL_TOTAL }, 1)) != AR_OK ||
	    (err = bucket_row(x, rep, (*row)++, more, &group)) != AR_OK)
		return err;
	return AR_OK;
}

static const char *
side_key(const void *ctx, uint32_t key)
{
	return strtab_key(ctx, key);
}

/* Subtotals by company code or collector: name, currency, buckets, total. */
static ar_err
summary_side(struct aging_xlsx *x, const struct aging_report *rep, struct aging_side *side,
    enum report_caption title, enum report_caption key, uint32_t *row)
{
	char label[160];
	ar_err err;

	if (side == NULL || side->table.n == 0)
		return AR_OK;
	/* One key and that one empty: the input has no such column, nothing to break down. */
	if (strtab_count(side->names) == 1 && strtab_key(side->names, 0)[0] == '\0')
		return AR_OK;
	if (aging_table_sort_by_key(&side->table, side_key, side->names) != AR_OK)
		return axl_failed(x, AR_ENOMEM, "out of memory");
	if ((err = section(x, row, title, "")) != AR_OK ||
	    (err = bucket_header(x, rep, (*row)++, caption(x, key),
	    (const enum report_caption[]){ RC_COL_TOTAL }, 1)) != AR_OK)
		return err;
	for (size_t i = 0; i < side->table.n; i++) {
		const struct aging_row *r = &side->table.rows[i];
		const char *name = strtab_key(side->names, r->key);

		snprintf(label, sizeof label, "%s %s", name[0] ? name : "-", currency_code(r->currency));
		if ((err = bucket_row(x, rep, (*row)++, label, r)) != AR_OK)
			return err;
	}
	++*row;
	return AR_OK;
}

/* A status that sets a customer apart: anything but active (or none). */
static bool
set_apart(const char *status)
{
	return status[0] != '\0' && strcmp(status, "active") != 0;
}

/*
 * Customers in liquidation, with lawyers, with an agency...: per status
 * and currency, their total and how many; a status is listed in the order
 * it is first met in the (sorted) rows.
 */
static ar_err
summary_status(struct aging_xlsx *x, const struct aging_report *rep, uint32_t *row)
{
	enum { MAX_STATUSES = 16 };
	const char *status[MAX_STATUSES];
	struct { int64_t total; uint64_t customers; } sum[MAX_STATUSES][CURRENCY_MAX];
	int n = 0;
	ar_err err;

	if (x->info.customers_path == NULL)
		return AR_OK;
	memset(sum, 0, sizeof sum);
	for (size_t i = 0; i < rep->table.n; i++) {
		const struct aging_row *r = &rep->table.rows[i];
		const char *s = customers_get(rep->customers, r->key)->status;
		int k;

		if (!set_apart(s))
			continue;
		for (k = 0; k < n && strcmp(status[k], s) != 0; k++)
			;
		if (k == n) {
			if (n == MAX_STATUSES)
				continue;   /* the Aging sheet's status column still shows it */
			status[n++] = s;
		}
		if (money_add(&sum[k][r->currency].total, r->total) != AR_OK)
			return ar_error_set(&x->error, AR_ERANGE, 0, "the %s total does not fit in 64 bits",
			    currency_code(r->currency));
		sum[k][r->currency].customers++;
	}
	if (n == 0)
		return AR_OK;
	if ((err = section(x, row, RC_BY_STATUS, "")) != AR_OK)
		return err;
	if ((err = axl_text(x, x->summary, *row, 0, caption(x, RC_COL_STATUS), bold(x))) != AR_OK ||
	    (err = axl_text(x, x->summary, *row, 1, caption(x, RC_COL_CURRENCY), bold(x))) != AR_OK ||
	    (err = axl_text(x, x->summary, *row, 2, caption(x, RC_COL_TOTAL), bold(x))) != AR_OK ||
	    (err = axl_text(x, x->summary, (*row)++, 3, caption(x, RC_COL_CUSTOMERS), bold(x))) != AR_OK)
		return err;
	for (int k = 0; k < n; k++)
		for (currency_id c = 0; c < CURRENCY_MAX; c++) {
			if (sum[k][c].customers == 0)
				continue;
			if ((err = axl_text(x, x->summary, *row, 0, status[k], NULL)) != AR_OK ||
			    (err = axl_text(x, x->summary, *row, 1, currency_code(c), NULL)) != AR_OK ||
			    (err = axl_money(x, x->summary, *row, 2, sum[k][c].total, c)) != AR_OK ||
			    (err = axl_integer(x, x->summary, (*row)++, 3,
			    (int64_t)sum[k][c].customers)) != AR_OK)
				return err;
		}
	++*row;
	return AR_OK;
}

/* "MYR 1,234.00; TWD 52,500.00" of the non-zero amounts[], as far as cap allows. */
static void
amounts_text(const int64_t *amounts, char *buf, size_t cap)
{
	char money[MONEY_TEXT_MAX];
	size_t n = 0;

	buf[0] = '\0';
	for (currency_id c = 0; c < CURRENCY_MAX; c++) {
		if (amounts[c] == 0)
			continue;
		money_format(amounts[c], currency_exponent(c), money);
		append(buf, cap, &n, n ? "; %s %s" : "%s %s", currency_code(c), money);
	}
}

/* One line of the Notes, "what: how many (a word more)", spilling over the empty cells to its right. */
static ar_err
note(struct aging_xlsx *x, uint32_t *row, enum report_caption what, unsigned long count,
    const char *more)
{
	char line[768];

	snprintf(line, sizeof line, "%s: %lu%s%s%s", caption(x, what), count,
	    more[0] ? " (" : "", more, more[0] ? ")" : "");
	return axl_text(x, x->summary, (*row)++, 0, line, NULL);
}

/* What happened to the input: the same facts ar-age says on standard error. */
static ar_err
summary_notes(struct aging_xlsx *x, const struct aging_report *rep, uint32_t *row)
{
	char amounts[512], more[560];
	ar_err err;

	/* Without a master every customer is "missing" from it: no news. */
	unsigned long not_in_master = x->info.customers_path ? rep->not_in_master : 0;

	if ((err = section(x, row, RC_NOTES, "")) != AR_OK)
		return err;
	if (rep->skipped + rep->from_terms + rep->credits_from_doc + not_in_master +
	    rep->duplicates + rep->currency_defaulted == 0)
		return axl_text(x, x->summary, (*row)++, 0, caption(x, RC_NOTE_NONE), NULL);
	amounts_text(rep->skipped_amount, amounts, sizeof amounts);
	if (rep->skipped_unread > 0)
		snprintf(more, sizeof more, "%s%s%s %lu", amounts, amounts[0] ? "; " : "",
		    caption(x, RC_NOTE_UNREAD_AMOUNT), rep->skipped_unread);
	else
		snprintf(more, sizeof more, "%s", amounts);
	if ((rep->skipped && (err = note(x, row, RC_NOTE_SKIPPED, rep->skipped, more)) != AR_OK) ||
	    (rep->from_terms && (err = note(x, row, RC_NOTE_NO_DUE_DATE, rep->from_terms, "")) != AR_OK) ||
	    (rep->credits_from_doc && (err = note(x, row, RC_NOTE_CREDIT_DOC_DATE,
	    rep->credits_from_doc, "")) != AR_OK) ||
	    (not_in_master && (err = note(x, row, RC_NOTE_NOT_IN_MASTER,
	    not_in_master, x->info.customers_path)) != AR_OK) ||
	    (rep->duplicates && (err = note(x, row, RC_NOTE_DUPLICATES, rep->duplicates, "")) != AR_OK) ||
	    (rep->currency_defaulted && (err = note(x, row, RC_NOTE_DEFAULT_CURRENCY,
	    rep->currency_defaulted, "")) != AR_OK))
		return err;
	return AR_OK;
}

/* One column chart per currency, over its row of the totals at head; at row, column col, one under another. */
static ar_err
summary_charts(struct aging_xlsx *x, const struct aging_report *rep, const struct totals *t,
    uint32_t head, uint32_t row, uint16_t col)
{
	const char *sheet = caption(x, RC_SHEET_SUMMARY);
	int ncols = aging_columns(&rep->policy.buckets);
	char title[128];

	for (int i = 0; i < t->n; i++) {
		lxw_chart *chart = workbook_add_chart(xlsx_workbook(x->book), LXW_CHART_COLUMN);
		lxw_row_t src = head + 1 + (lxw_row_t)i;
		currency_id cur = totals_nth(t, i)->sum.currency;
		lxw_chart_series *se;

		if (chart == NULL || (se = chart_add_series(chart, NULL, NULL)) == NULL)
			return axl_failed(x, AR_ENOMEM, "out of memory for the chart");
		snprintf(title, sizeof title, "%s %s", caption(x, RC_CHART_CURRENCY), currency_code(cur));
		chart_title_set_name(chart, title);
		chart_series_set_categories(se, sheet, head, 1, head, (lxw_col_t)ncols);
		chart_series_set_values(se, sheet, src, 1, src, (lxw_col_t)ncols);
		chart_series_set_name_range(se, sheet, src, 0);
		chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
		chart_axis_set_name(chart->y_axis, currency_code(cur));
		if (worksheet_insert_chart(x->summary, row + (lxw_row_t)i * CHART_ROWS, col,
		    chart) != LXW_NO_ERROR)
			return axl_failed(x, AR_EIO, "cannot insert the chart");
	}
	return AR_OK;
}

/*
 * The Summary, top to bottom: the header block and counts; the totals and
 * shares per currency; the rates and group total; the subtotals by company
 * code, collector and status; the Notes; the charts.
 */
ar_err
axl_write_summary(struct aging_xlsx *x, const struct aging_report *rep, const struct totals *t)
{
	uint32_t row = 0, head;
	ar_err err;

	if ((err = summary_about(x, rep, &row)) != AR_OK ||
	    (err = summary_counts(x, rep, t, &row)) != AR_OK)
		return err;
	/* The notes above spill over empty cells; the tables alone size the columns. */
	xlsx_forget_widths(x->book, x->summary);
	head = ++row;
	row = head + 2 + (uint32_t)t->n;
	if ((err = summary_totals(x, rep, t, head)) != AR_OK ||
	    (err = summary_shares(x, rep, t, head, row)) != AR_OK)
		return err;
	row += 2 + (uint32_t)t->n;
	if (x->info.rates != NULL && t->n > 0 && (err = summary_rates(x, rep, t, &row)) != AR_OK)
		return err;
	if (x->info.rates != NULL)
		row++;
	if ((err = summary_side(x, rep, rep->by_company, RC_BY_COMPANY, RC_COL_COMPANY, &row)) != AR_OK ||
	    (err = summary_side(x, rep, rep->by_collector, RC_BY_COLLECTOR, RC_COL_COLLECTOR, &row)) != AR_OK ||
	    (err = summary_status(x, rep, &row)) != AR_OK)
		return err;
	/* Widths before the notes, whose long words spill to the right. */
	xlsx_fit_columns(x->book, x->summary);
	worksheet_set_column(x->summary, 0, 0, 30, NULL);
	if ((err = summary_notes(x, rep, &row)) != AR_OK)
		return err;
	/* Right of the widest table (the totals: buckets, total, customers, items, disputed). */
	return summary_charts(x, rep, t, head, head, (uint16_t)(aging_columns(&rep->policy.buckets) + 6));
}
