/* kpi_roll.c - ar-kpi's delinquency analysis as files (kpi_roll.h). */
#include "report/kpi_roll.h"

#include <stdlib.h>
#include <string.h>

#include "core/money.h"

/* The key of an item: customer, company, doc_no and line, unit-separated. */
static size_t
item_key(const struct csvio_record *rec, const struct item_columns *c, char *buf, size_t cap)
{
	const int cols[4] = { c->customer, c->company, c->doc_no, c->line };
	size_t n = 0;

	for (int i = 0; i < 4; i++) {
		size_t len;
		const char *s = items_field(rec, cols[i], &len);

		if (len > cap - n - 1)
			len = cap - n - 1;
		memcpy(buf + n, s, len);
		n += len;
		buf[n++] = '\x1f';
	}
	return n;
}

ar_err
kpi_roll_read(struct roll *roll, bool earlier, struct csvio_reader *r,
    const struct kpi_roll_source *src, unsigned long *items, struct ar_error *e)
{
	struct item_columns cols;
	struct csvio_record rec;
	const char *missing;
	char key[4096];
	ar_err err;

	if (items_bind(r, src->policy.basis == AGING_BASIS_DOC, &cols, &missing) != AR_OK) {
		ar_error_set(e, AR_ECOLUMN, 1, "no %s column", missing);
		return AR_ECOLUMN;
	}
	while ((err = csvio_read(r, &rec)) == AR_OK) {
		struct item it;
		struct item_problem problem;
		enum aging_date_source source;
		struct roll_line line;
		civil_day from;
		bool added;

		if ((err = items_parse(&rec, &cols, src->format, &it, &problem)) != AR_OK) {
			char msg[512];

			items_problem_text(&problem, msg, sizeof msg);
			ar_error_set(e, problem.err, rec.line, "%s", msg);
			return problem.err;
		}
		if (customers_intern(src->customers, it.customer, it.customer_len, &line.customer,
		    &added) != AR_OK)
			return AR_ENOMEM;
		if (aging_item_date(&src->policy, &it,
		    customers_hot(src->customers, line.customer).terms_days, &from, &source) != AR_OK) {
			ar_error_set(e, AR_ESYNTAX, rec.line, "no date to age the item from");
			return AR_ESYNTAX;
		}
		line.key = key;
		line.len = item_key(&rec, &cols, key, sizeof key);
		line.currency = it.currency;
		line.column = aging_position_for(&src->policy, from, it.amount).bucket;
		line.amount = it.amount;
		err = earlier ? roll_add_earlier(roll, &line) : roll_add_later(roll, &line);
		if (err != AR_OK) {
			ar_error_set(e, err, rec.line, "%s", err == AR_ERANGE ?
			    "the snapshot's sums overflow" : ar_strerror(err));
			return err;
		}
		(*items)++;
	}
	if (err != AR_EOF) {
		*e = *csvio_error(r);
		return err;
	}
	return AR_OK;
}

const char *const kpi_roll_columns[] = {
	"currency", "bucket", "amount", "stayed", "moved_to_next", "rolled_forward", "cured",
	"cleared", "stayed_pct", "moved_to_next_pct", "rolled_forward_pct", "cured_pct",
	"cleared_pct", "from_date", "to_date"
};
const unsigned kpi_roll_ncolumns = sizeof kpi_roll_columns / sizeof kpi_roll_columns[0];

static void
rate(struct row_sink *s, bool defined, int per_mille)
{
	if (defined)
		s->decimal(s, per_mille, 1);
	else
		s->text(s, "");
}

void
kpi_roll_write_rates(struct row_sink *s, const struct roll *roll,
    const struct aging_buckets *buckets, civil_day from, civil_day to)
{
	currency_id order[CURRENCY_MAX];
	size_t n = 0;

	for (currency_id c = 0; c < CURRENCY_MAX; c++)
		if (roll_matrix_of(roll, c) != NULL)
			order[n++] = c;
	/* Insertion by code: a handful of currencies. */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && strcmp(currency_code(order[k - 1]),
		    currency_code(order[k])) > 0; k--) {
			currency_id t = order[k];

			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		const struct roll_matrix *m = roll_matrix_of(roll, order[i]);

		for (int c = 0; c < m->columns; c++) {
			struct roll_rates r = roll_rates_of(m, c);
			int64_t forward = 0, cured = 0;
			char label[AGING_LABEL_MAX];

			for (int c2 = 0; c2 < m->columns; c2++) {
				forward += c2 > c ? m->to[c][c2] : 0;
				cured += c2 < c ? m->to[c][c2] : 0;
			}
			aging_column_label(buckets, c, label, sizeof label);
			s->text(s, currency_code(m->currency));
			s->text(s, label);
			s->money(s, m->before[c], m->currency);
			s->money(s, m->to[c][c], m->currency);
			s->money(s, c + 1 < m->columns ? m->to[c][c + 1] : 0, m->currency);
			s->money(s, forward, m->currency);
			s->money(s, cured, m->currency);
			s->money(s, m->cleared[c], m->currency);
			rate(s, r.defined, r.stayed);
			rate(s, r.defined, r.moved_to_next);
			rate(s, r.defined, r.rolled_forward);
			rate(s, r.defined, r.cured);
			rate(s, r.defined, r.cleared);
			s->date(s, from);
			s->date(s, to);
			s->end(s);
		}
	}
}

const char *const kpi_at_risk_columns[] = {
	"customer", "name", "collector", "currency", "list", "balance_before", "balance_after",
	"overdue_before", "overdue_after", "over_90_after", "rolled", "promises_broken",
	"credit_limit", "over_credit_limit"
};
const unsigned kpi_at_risk_ncolumns = sizeof kpi_at_risk_columns / sizeof kpi_at_risk_columns[0];

struct listed {
	const struct roll_customer *row;
	const char *code;
	bool newly;
};

static int
by_list_customer_currency(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;
	int c;

	if (x->newly != y->newly)
		return x->newly ? -1 : 1;
	if ((c = strcmp(x->code, y->code)) != 0)
		return c;
	return strcmp(currency_code(x->row->currency), currency_code(y->row->currency));
}

static void
at_risk_row(struct row_sink *s, const struct listed *l, const struct customer_table *customers,
    const struct kpi_at_risk_evidence *ev)
{
	const struct roll_customer *c = l->row;
	const struct customer *m = customers_get(customers, c->customer);
	int64_t limit = 0;
	bool has_limit = m->credit_limit[0] != '\0' &&
	    money_parse(m->credit_limit, strlen(m->credit_limit), currency_exponent(c->currency),
	    MONEY_DECIMAL_POINT, &limit) == AR_OK;

	s->text(s, l->code);
	s->text(s, m->name);
	s->text(s, m->collector);
	s->text(s, currency_code(c->currency));
	s->text(s, l->newly ? "newly_past_90" : "at_risk");
	s->money(s, c->earlier.total, c->currency);
	s->money(s, c->later.total, c->currency);
	s->money(s, c->earlier.overdue, c->currency);
	s->money(s, c->later.overdue, c->currency);
	s->money(s, c->later.over_90, c->currency);
	s->money(s, c->rolled, c->currency);
	if (ev->has_journal)
		s->count(s, ev->broken_of(ev->ctx, c->customer));
	else
		s->text(s, "");
	if (has_limit)
		s->money(s, limit, c->currency);
	else
		s->text(s, "");
	s->text(s, has_limit && c->later.total > limit ? "yes" : has_limit ? "no" : "");
	s->end(s);
}

ar_err
kpi_roll_write_at_risk(struct row_sink *s, const struct roll *roll,
    const struct customer_table *customers, const struct kpi_at_risk_evidence *ev)
{
	struct listed *rows = NULL;
	size_t n = 0, cap = 0, pos;
	const struct roll_customer *c;

	for (int list = 0; list < 2; list++) {
		pos = 0;
		while ((c = roll_next(roll, list == 0 ? ROLL_NEWLY_PAST_90 : ROLL_AT_RISK,
		    &pos)) != NULL) {
			if (n == cap) {
				size_t m = cap ? 2 * cap : 64;
				struct listed *r = realloc(rows, m * sizeof *r);

				if (r == NULL) {
					free(rows);
					return AR_ENOMEM;
				}
				rows = r;
				cap = m;
			}
			rows[n++] = (struct listed){ c, strtab_key(customers->ids, c->customer),
			    list == 0 };
		}
	}
	if (n > 1)
		qsort(rows, n, sizeof *rows, by_list_customer_currency);
	for (size_t i = 0; i < n; i++)
		at_risk_row(s, &rows[i], customers, ev);
	free(rows);
	return AR_OK;
}
