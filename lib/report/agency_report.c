/* agency_report.c - ar-agency's statement and report (agency_report.h). */
#include "report/agency_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/kpi.h"
#include "core/money.h"
#include "core/xlsx.h"

struct line {
	const struct agency_span *span;
	char *customer, *payment_id;
	civil_day value_date;
	currency_id currency;
	int64_t amount;
};

struct agency_lines {
	const struct agency_contract *contract;
	struct line *v;
	size_t n, cap;
};

ar_err
agency_lines_new(const struct agency_contract *contract, struct agency_lines **out)
{
	if ((*out = calloc(1, sizeof **out)) == NULL)
		return AR_ENOMEM;
	(*out)->contract = contract;
	return AR_OK;
}

void
agency_lines_free(struct agency_lines *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].customer);
		free(l->v[i].payment_id);
	}
	free(l->v);
	free(l);
}

ar_err
agency_lines_add(struct agency_lines *l, const struct agency_span *span, const char *customer,
    const char *payment_id, civil_day value_date, currency_id currency, int64_t amount)
{
	struct line *x;

	if (l->n == l->cap) {
		size_t n = l->cap ? 2 * l->cap : 64;
		struct line *v = realloc(l->v, n * sizeof *v);

		if (v == NULL)
			return AR_ENOMEM;
		l->v = v;
		l->cap = n;
	}
	x = &l->v[l->n];
	*x = (struct line){ span, strdup(customer), strdup(payment_id), value_date, currency,
	    amount };
	if (x->customer == NULL || x->payment_id == NULL) {
		free(x->customer);
		free(x->payment_id);
		return AR_ENOMEM;
	}
	l->n++;
	return AR_OK;
}

static int
by_date_customer_payment(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	int c;

	if (x->value_date != y->value_date)
		return x->value_date < y->value_date ? -1 : 1;
	if ((c = strcmp(x->customer, y->customer)) != 0)
		return c;
	if ((c = strcmp(x->payment_id, y->payment_id)) != 0)
		return c;
	return strcmp(currency_code(x->currency), currency_code(y->currency));
}

ar_err
agency_lines_finish(struct agency_lines *l)
{
	size_t k = 0;

	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, by_date_customer_payment);
	for (size_t i = 0; i < l->n; i++) {
		if (k > 0 && by_date_customer_payment(&l->v[k - 1], &l->v[i]) == 0) {
			if (money_add(&l->v[k - 1].amount, l->v[i].amount) != AR_OK)
				return AR_ERANGE;
			free(l->v[i].customer);
			free(l->v[i].payment_id);
			continue;
		}
		l->v[k++] = l->v[i];
	}
	l->n = k;
	return AR_OK;
}

size_t
agency_lines_count(const struct agency_lines *l)
{
	return l->n;
}

void
agency_lines_at(const struct agency_lines *l, size_t i, const struct agency_contract *c,
    struct agency_line_view *out)
{
	const struct line *x = &l->v[i];

	*out = (struct agency_line_view){ x->customer, x->payment_id, x->value_date, x->currency,
	    x->amount, { 0, 0, 0, 0 } };
	(void)agency_commission_of(c, x->value_date, x->span->from, x->span->oldest_due, x->amount,
	    &out->k);
}

void
agency_lines_sums(const struct agency_lines *l, const struct agency_contract *c,
    struct agency_sums *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < l->n; i++) {
		struct agency_line_view v;
		currency_id cur = l->v[i].currency;

		agency_lines_at(l, i, c, &v);
		out->seen[cur] = true;
		(void)money_add(&out->amount[cur], v.amount);
		(void)money_add(&out->commission[cur], v.k.commission);
		out->tier_lines[cur][v.k.tier]++;
		(void)money_add(&out->tier_amount[cur][v.k.tier], v.amount);
		(void)money_add(&out->tier_commission[cur][v.k.tier], v.k.commission);
	}
	for (currency_id cur = 0; cur < CURRENCY_MAX; cur++) {
		int64_t fee;

		if (out->seen[cur] && out->amount[cur] > 0 && agency_min_fee(c, cur, &fee) &&
		    out->commission[cur] < fee) {
			out->commission[cur] = fee;
			out->min_fee[cur] = true;
		}
	}
}

void
agency_tier_label(const struct agency_contract *c, int tier, char *buf, size_t cap)
{
	int from = tier > 0 ? c->tiers.upto[tier - 1] + 1 : 0;
	int upto = c->tiers.upto[tier];

	if (upto == TIERS_OPEN_END && tier == 0)
		snprintf(buf, cap, "any days");
	else if (upto == TIERS_OPEN_END)
		snprintf(buf, cap, "over %d days", from - 1);
	else if (tier == 0)
		snprintf(buf, cap, "up to %d days", upto);
	else
		snprintf(buf, cap, "%d to %d days", from, upto);
}

const char *const agency_statement_columns[] = {
	"customer", "payment_id", "value_date", "currency", "amount", "days_assigned", "rate",
	"commission"
};
const unsigned agency_statement_ncolumns = 8;

static void
header(struct row_sink *s, const char *const *names, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		s->text(s, names[i]);
	s->end(s);
}

static void
statement_rows(struct row_sink *s, const struct agency_lines *l, const struct agency_contract *c)
{
	struct agency_sums t;   /* about 25 KB */

	for (size_t i = 0; i < l->n; i++) {
		struct agency_line_view v;

		agency_lines_at(l, i, c, &v);
		s->text(s, v.customer);
		s->text(s, v.payment_id);
		s->date(s, v.value_date);
		s->text(s, currency_code(v.currency));
		s->money(s, v.amount, v.currency);
		s->count(s, v.k.days);
		s->decimal(s, v.k.rate, 3);
		s->money(s, v.k.commission, v.currency);
		s->end(s);
	}
	agency_lines_sums(l, c, &t);
	for (currency_id cur = 0; cur < CURRENCY_MAX; cur++) {
		if (!t.seen[cur])
			continue;
		s->text(s, "TOTAL");
		s->text(s, "");
		s->text(s, "");
		s->text(s, currency_code(cur));
		s->money(s, t.amount[cur], cur);
		s->text(s, "");
		s->text(s, "");
		s->money(s, t.commission[cur], cur);
		s->end(s);
	}
}

void
agency_statement_write(struct row_sink *s, const struct agency_lines *l,
    const struct agency_contract *c)
{
	header(s, agency_statement_columns, agency_statement_ncolumns);
	statement_rows(s, l, c);
}

static const char *const tier_columns[] = {
	"currency", "tier", "rate", "lines", "amount", "commission"
};

/* Per currency and tier: what was recovered in it and its commission. */
static void
tier_rows(struct row_sink *s, const struct agency_lines *l, const struct agency_contract *c)
{
	struct agency_sums t;

	agency_lines_sums(l, c, &t);
	for (currency_id cur = 0; cur < CURRENCY_MAX; cur++) {
		if (!t.seen[cur])
			continue;
		for (int k = 0; k < c->tiers.n; k++) {
			char label[64];

			agency_tier_label(c, k, label, sizeof label);
			s->text(s, currency_code(cur));
			s->text(s, label);
			s->decimal(s, c->tiers.rate[k], 3);
			s->count(s, t.tier_lines[cur][k]);
			s->money(s, t.tier_amount[cur][k], cur);
			s->money(s, t.tier_commission[cur][k], cur);
			s->end(s);
		}
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
agency_statement_xlsx(const char *path, const struct agency_lines *l,
    const struct agency_contract *c, civil_day from, civil_day to, struct ar_error *e)
{
	struct xlsx_book *book;
	struct row_sink_sheet x;
	lxw_worksheet *ws;
	char period[64], d1[DATE_TEXT_MAX], d2[DATE_TEXT_MAX], tiers[256];
	ar_err err = AR_OK;

	if ((err = xlsx_open(&book, path, false, e)) != AR_OK)
		return err;
	if (row_sink_sheet_start(&x, book, "Statement", agency_statement_columns,
	    (uint16_t)agency_statement_ncolumns)) {
		statement_rows(&x.sink, l, c);
		xlsx_fit_columns(book, x.ws);
	}
	err = x.err;
	if (err == AR_OK && row_sink_sheet_start(&x, book, "Tiers", tier_columns, 6)) {
		tier_rows(&x.sink, l, c);
		xlsx_fit_columns(book, x.ws);
	}
	if (err == AR_OK)
		err = x.err;
	date_format(from, d1);
	date_format(to, d2);
	snprintf(period, sizeof period, "%s to %s", d1, d2);
	tiers_format(&c->tiers, tiers, sizeof tiers);
	if (err == AR_OK && (ws = xlsx_add_sheet(book, "Notes")) == NULL)
		err = AR_EIO;
	if (err == AR_OK)
		err = note_row(book, ws, 0, "agency", c->name);
	if (err == AR_OK)
		err = note_row(book, ws, 1, "contact", c->contact != NULL ? c->contact : "");
	if (err == AR_OK)
		err = note_row(book, ws, 2, "period", period);
	if (err == AR_OK)
		err = note_row(book, ws, 3, "tiers (days: per cent)", tiers);
	if (err == AR_OK)
		err = note_row(book, ws, 4, "tier basis", c->basis == AGENCY_DEBT_AGE ?
		    "the age of the oldest item" : "days since the assignment");
	if (err == AR_OK)
		xlsx_fit_columns(book, ws);
	return row_sink_book_finish(book, err, e);
}

/* The report. */

struct report_row {
	const struct agency_contract *contract;
	currency_id currency;
	bool has_currency;
	int64_t accounts, open_accounts, assigned, recovered, commission;
	int64_t first_days, with_recovery;   /* the sum of days to the first recovery, and how many */
};

struct agency_report {
	struct report_row *rows;
	size_t n;
	civil_day day;
};

static int
by_code(const void *a, const void *b)
{
	return strcmp(currency_code(*(const currency_id *)a), currency_code(*(const currency_id *)b));
}

/*
 * One pass over the spans (what was assigned), one over the lines (what
 * was recovered, earliest first: agency_lines_finish orders them by
 * value date, so a span's first line in a currency is its first
 * recovery), into a grid of agency x currency; then the grid's rows in
 * agency order and currency code.
 */
ar_err
agency_report_make(const struct agency_register *reg, const struct agency_lines *l,
    const struct agency_contract *contracts, size_t n, civil_day day,
    struct agency_report **out)
{
	size_t nspans = agency_nspans(reg);
	const struct agency_span *base = agency_span_at(reg, 0);
	struct agency_report *r = calloc(1, sizeof *r);
	struct report_row *grid = calloc(n * CURRENCY_MAX + 1, sizeof *grid);
	struct report_row *unbalanced = calloc(n + 1, sizeof *unbalanced);   /* per agency */
	int *contract_of = calloc(nspans + 1, sizeof *contract_of);   /* per span; -1: none */
	uint64_t *recovered_in = calloc(nspans + 1, sizeof *recovered_in);   /* per span: currencies */
	currency_id order[CURRENCY_MAX];
	int norder = 0;

	*out = NULL;
	if (r == NULL || grid == NULL || unbalanced == NULL || contract_of == NULL ||
	    recovered_in == NULL ||
	    (r->rows = calloc(n * (CURRENCY_MAX + 1) + 1, sizeof *r->rows)) == NULL) {
		if (r != NULL)
			free(r->rows);
		free(r);
		free(grid);
		free(unbalanced);
		free(contract_of);
		free(recovered_in);
		return AR_ENOMEM;
	}
	r->day = day;
	for (size_t i = 0; i < nspans; i++) {
		const struct agency_span *s = agency_span_at(reg, i);

		contract_of[i] = -1;
		for (size_t a = 0; a < n; a++)
			if (strcmp(s->agency, contracts[a].name) == 0)
				contract_of[i] = (int)a;
		bool balanced = false;

		if (contract_of[i] < 0 || s->from > day)
			continue;
		for (currency_id cur = 0; cur < CURRENCY_MAX; cur++)
			balanced = balanced || s->has_assigned[cur];
		if (!balanced) {
			/* Assigned without --items: counted, in a row of its own with no currency. */
			unbalanced[contract_of[i]].accounts++;
			unbalanced[contract_of[i]].open_accounts += s->to == DATE_NONE || s->to > day;
		}
		for (currency_id cur = 0; cur < CURRENCY_MAX; cur++) {
			struct report_row *x = &grid[(size_t)contract_of[i] * CURRENCY_MAX + cur];

			if (!s->has_assigned[cur])
				continue;
			x->has_currency = true;
			x->accounts++;
			x->open_accounts += s->to == DATE_NONE || s->to > day;
			(void)money_add(&x->assigned, s->assigned[cur]);
		}
	}
	for (size_t k = 0; k < l->n; k++) {
		const struct line *y = &l->v[k];
		size_t i = (size_t)(y->span - base);
		const struct agency_contract *c;
		struct agency_commission m = { 0, 0, 0, 0 };
		struct report_row *x;
		uint64_t bit = UINT64_C(1) << y->currency;

		if (y->value_date > day || contract_of[i] < 0)
			continue;
		c = &contracts[contract_of[i]];
		x = &grid[(size_t)contract_of[i] * CURRENCY_MAX + y->currency];
		x->has_currency = true;
		(void)money_add(&x->recovered, y->amount);
		(void)agency_commission_of(c, y->value_date, y->span->from, y->span->oldest_due,
		    y->amount, &m);
		(void)money_add(&x->commission, m.commission);
		if (!(recovered_in[i] & bit)) {
			recovered_in[i] |= bit;
			x->first_days += (int64_t)y->value_date - (int64_t)y->span->from;
			x->with_recovery++;
		}
	}
	for (currency_id cur = 0; cur < CURRENCY_MAX; cur++)
		if (currency_code(cur) != NULL)
			order[norder++] = cur;
	qsort(order, (size_t)norder, sizeof *order, by_code);
	for (size_t a = 0; a < n; a++) {
		size_t first = r->n;

		for (int k = 0; k < norder; k++) {
			struct report_row *x = &grid[a * CURRENCY_MAX + order[k]];

			if (!x->has_currency)
				continue;
			x->contract = &contracts[a];
			x->currency = order[k];
			r->rows[r->n++] = *x;
		}
		if (r->n == first || unbalanced[a].accounts > 0) {
			unbalanced[a].contract = &contracts[a];
			r->rows[r->n++] = unbalanced[a];
		}
	}
	free(grid);
	free(unbalanced);
	free(contract_of);
	free(recovered_in);
	*out = r;
	return AR_OK;
}

void
agency_report_free(struct agency_report *r)
{
	if (r == NULL)
		return;
	free(r->rows);
	free(r);
}

const char *const agency_report_columns[] = {
	"agency", "currency", "accounts", "open_accounts", "assigned", "recovered",
	"recovery_pct", "avg_days_to_first_recovery", "commission", "contract_end", "renewal"
};
const unsigned agency_report_ncolumns = 11;

static void
report_rows(struct row_sink *s, const struct agency_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct report_row *x = &r->rows[i];
		const struct agency_contract *c = x->contract;
		currency_id cur = x->has_currency ? x->currency : 0;
		const char *renewal = "";

		if (c->end != DATE_NONE && r->day > c->end)
			renewal = "expired";
		else if (c->end != DATE_NONE && (int64_t)c->end - (int64_t)r->day <= AGENCY_RENEWAL_DAYS)
			renewal = "renew";
		s->text(s, c->name);
		s->text(s, x->has_currency ? currency_code(cur) : "");
		s->count(s, x->accounts);
		s->count(s, x->open_accounts);
		if (x->has_currency) {
			struct kpi_value pct = kpi_ratio(x->recovered, x->assigned, 1000);

			s->money(s, x->assigned, cur);
			s->money(s, x->recovered, cur);
			if (pct.defined)
				s->decimal(s, pct.value, 1);
			else
				s->text(s, "");
		} else {
			s->text(s, "");
			s->text(s, "");
			s->text(s, "");
		}
		if (x->with_recovery > 0)
			s->decimal(s, kpi_ratio(x->first_days, x->with_recovery, 100).value, 2);
		else
			s->text(s, "");
		if (x->has_currency)
			s->money(s, x->commission, cur);
		else
			s->text(s, "");
		s->date(s, c->end);
		s->text(s, renewal);
		s->end(s);
	}
}

void
agency_report_write(struct row_sink *s, const struct agency_report *r)
{
	header(s, agency_report_columns, agency_report_ncolumns);
	report_rows(s, r);
}

ar_err
agency_report_xlsx(const char *path, const struct agency_report *r, struct ar_error *e)
{
	struct xlsx_book *book;
	struct row_sink_sheet x;
	ar_err err;

	if ((err = xlsx_open(&book, path, false, e)) != AR_OK)
		return err;
	if (row_sink_sheet_start(&x, book, "Agencies", agency_report_columns,
	    (uint16_t)agency_report_ncolumns)) {
		report_rows(&x.sink, r);
		xlsx_fit_columns(book, x.ws);
	}
	return row_sink_book_finish(book, x.err, e);
}
