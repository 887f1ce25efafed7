/* aging_movement.c - a previous run's aging beside this run's. */
#include "report/aging_movement.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"

void
aging_movement_previous_free(struct aging_movement_previous *p)
{
	for (size_t i = 0; i < p->names_cap; i++)
		free(p->names[i]);
	free(p->names);
	free(p->lines);
	aging_table_free(&p->table);
	strtab_free(p->ids);
	memset(p, 0, sizeof *p);
}

/* Append s to buf[0..cap), keeping it NUL-terminated; a list too long is cut. */
static void
append(char *buf, size_t cap, const char *s)
{
	size_t at = strlen(buf), n = strlen(s);

	if (at + n >= cap)
		n = cap - at - 1;
	memcpy(buf + at, s, n);
	buf[at + n] = '\0';
}

/*
 * The bucket columns sit between current and total and must be this
 * run's labels in order: an aging made with other buckets cannot be set
 * beside this one column by column.
 */
static ar_err
check_buckets(const struct aging_buckets *b, struct csvio_reader *r, int c_current,
    int c_total, struct ar_error *e)
{
	int columns = aging_columns(b);
	char label[AGING_LABEL_MAX], theirs[200] = "", ours[200] = "";
	bool same = c_total - c_current == columns;

	for (int col = 1; col < columns; col++) {
		aging_column_label(b, col, label, sizeof label);
		append(ours, sizeof ours, col > 1 ? "," : "");
		append(ours, sizeof ours, label);
		if (same && strcmp(csvio_column_name(r, (size_t)(c_current + col)), label) != 0)
			same = false;
	}
	if (same)
		return AR_OK;
	for (int i = c_current + 1; i < c_total; i++) {
		append(theirs, sizeof theirs, i > c_current + 1 ? "," : "");
		append(theirs, sizeof theirs, csvio_column_name(r, (size_t)i));
	}
	return ar_error_set(e, AR_ECOLUMN, 1,
	    "the previous aging's buckets are \"%s\", this run's are \"%s\"", theirs, ours);
}

static ar_err
amount_problem(struct ar_error *e, ar_err err, long line, const char *column,
    const char *text, currency_id c)
{
	switch (err) {
	case AR_EDECIMALS:
		return ar_error_set(e, err, line, "%s \"%s\" has more decimals than %s has (%d)",
		    column, text, currency_code(c), currency_exponent(c));
	case AR_ERANGE:
		return ar_error_set(e, err, line, "%s \"%s\" is too large", column, text);
	default:
		return ar_error_set(e, err, line,
		    "%s \"%s\" is not an amount (expected e.g. 1234.56)", column, text);
	}
}

/* Room for names[id] and lines[] beside a table that may have grown. */
static ar_err
grow(struct aging_movement_previous *p, uint32_t id)
{
	if (id >= p->names_cap) {
		size_t cap = p->names_cap ? p->names_cap * 2 : 256;
		char **names = realloc(p->names, cap * sizeof *names);

		if (names == NULL)
			return AR_ENOMEM;
		/* NULL until named, so that a failure half way frees only what was made */
		memset(names + p->names_cap, 0, (cap - p->names_cap) * sizeof *names);
		p->names = names;
		p->names_cap = cap;
	}
	if (p->table.cap > p->lines_cap) {
		long *lines = realloc(p->lines, p->table.cap * sizeof *lines);

		if (lines == NULL)
			return AR_ENOMEM;
		p->lines = lines;
		p->lines_cap = p->table.cap;
	}
	return AR_OK;
}

/* One data record of the previous file into p. */
static ar_err
load_row(struct aging_movement_previous *p, struct csvio_reader *r,
    const struct csvio_record *rec, const int *col, int c_name, struct ar_error *e)
{
	enum { CUSTOMER, CURRENCY, CURRENT, TOTAL };
	const struct csvio_field *f = rec->field;
	int columns = aging_columns(&p->buckets);
	int64_t amount[AGING_MAX_COLUMNS], total, sum = 0;
	bool fits = true, added;
	currency_id c;
	uint32_t id;
	size_t n_before;
	struct aging_row *row;
	ar_err err;

	if (f[col[CUSTOMER]].len == 0)
		return ar_error_set(e, AR_ESYNTAX, rec->line, "customer is empty");
	if (strcmp(f[col[CUSTOMER]].ptr, "TOTAL") == 0)
		return AR_OK;   /* --totals: a sum of the rows, not a customer */
	if ((err = currency_lookup(f[col[CURRENCY]].ptr, f[col[CURRENCY]].len, &c)) != AR_OK)
		return ar_error_set(e, err, rec->line, "currency \"%s\" is %s", f[col[CURRENCY]].ptr,
		    err == AR_ECURRENCY ? "not a known currency (add [currency.CODE] to ar.ini)"
		    : "not a currency code (expected three capital letters, e.g. MYR)");
	for (int k = 0; k <= columns; k++) {
		/* columns 0..columns-1 follow current; then total */
		int at = k < columns ? col[CURRENT] + k : col[TOTAL];
		int64_t *v = k < columns ? &amount[k] : &total;

		/* Our own CSV never groups digits: "35000.00" stays readable if an exponent changed. */
		err = money_parse_ungrouped(f[at].ptr, f[at].len, currency_exponent(c),
		    MONEY_DECIMAL_POINT, v);
		if (err != AR_OK)
			return amount_problem(e, err, rec->line, csvio_column_name(r, (size_t)at),
			    f[at].ptr, c);
		if (k < columns)
			fits &= money_add(&sum, *v) == AR_OK;
	}
	if (!fits || sum != total) {
		char text[MONEY_TEXT_MAX];

		money_format(sum, currency_exponent(c), text);
		return ar_error_set(e, AR_ESYNTAX, rec->line,
		    "total \"%s\" is not the sum of the buckets (%s)", f[col[TOTAL]].ptr,
		    fits ? text : "more than 64 bits hold");
	}
	if ((err = strtab_intern(p->ids, f[col[CUSTOMER]].ptr, f[col[CUSTOMER]].len, &id,
	    &added)) != AR_OK || (err = grow(p, id)) != AR_OK)
		return err;
	if (added) {
		const char *name = c_name >= 0 ? f[c_name].ptr : "";

		if ((p->names[id] = strdup(name)) == NULL)
			return AR_ENOMEM;
	}
	n_before = p->table.n;
	if ((row = aging_table_row(&p->table, id, c)) == NULL)
		return AR_ENOMEM;
	if (p->table.n == n_before)
		return ar_error_set(e, AR_ESYNTAX, rec->line,
		    "customer \"%s\" appears twice in %s (first on line %ld)",
		    f[col[CUSTOMER]].ptr, currency_code(c), p->lines[row - p->table.rows]);
	if ((err = grow(p, id)) != AR_OK)   /* the table may have grown its rows */
		return err;
	p->lines[p->table.n - 1] = rec->line;
	memcpy(row->bucket, amount, (size_t)columns * sizeof amount[0]);
	row->total = total;
	return AR_OK;
}

ar_err
aging_movement_previous_load(struct aging_movement_previous *p,
    const struct aging_buckets *buckets, struct csvio_reader *r, struct ar_error *e)
{
	static const char *const required[] = { "customer", "currency", "current", "total" };
	int col[4], c_name = csvio_column(r, "name");
	struct csvio_record rec;
	ar_err err;

	memset(p, 0, sizeof *p);
	memset(e, 0, sizeof *e);   /* its file stays "": the caller's reader is the file */
	p->buckets = *buckets;
	aging_table_init(&p->table);
	for (int i = 0; i < 4; i++)
		if ((col[i] = csvio_column(r, required[i])) < 0)
			return ar_error_set(e, AR_ECOLUMN, 1, "missing column \"%s\"", required[i]);
	if ((err = check_buckets(buckets, r, col[2], col[3], e)) != AR_OK)
		return err;
	if ((p->ids = strtab_new(1024)) == NULL)
		return AR_ENOMEM;
	while ((err = csvio_read(r, &rec)) == AR_OK)
		if ((err = load_row(p, r, &rec, col, c_name, e)) != AR_OK)
			goto fail;
	if (err == AR_EOF)
		return AR_OK;
	err = ar_error_set(e, err, csvio_error(r)->line, "%s", csvio_error(r)->message);
fail:
	aging_movement_previous_free(p);
	return err;
}

const char *
aging_movement_kind_name(enum aging_movement_kind kind)
{
	static const char *const names[AGING_MOVEMENT_KINDS] = {
		"new", "cleared", "worse", "better", "unchanged"
	};

	return (int)kind >= 0 && kind < AGING_MOVEMENT_KINDS ? names[kind] : "";
}

void
aging_movement_free(struct aging_movement *m)
{
	free(m->rows);
	free(m->currencies);
	free(m->amounts);
	memset(m, 0, sizeof *m);
}

/* What the comparison keeps of one side of a customer and currency. */
struct side {
	const int64_t *bucket;   /* NULL: no row on this side */
	int64_t total;
};

static ar_err
too_large(struct ar_error *e, const char *what, currency_id c, const char *customer)
{
	return ar_error_set(e, AR_ERANGE, 0, "the %s %s%s%s%s does not fit in 64 bits", what,
	    currency_code(c), customer ? " of customer \"" : "", customer ? customer : "",
	    customer ? "\"" : "");
}

/* Highest column with a positive amount, -1 when none: how late the worst money is. */
static int
worst_column(const int64_t *bucket, int columns)
{
	for (int col = columns - 1; col >= 0; col--)
		if (bucket[col] > 0)
			return col;
	return -1;
}

static enum aging_movement_kind
classify(const struct aging_movement_row *mr, bool was_open, bool is_open)
{
	if (!was_open)
		return AGING_MOVEMENT_NEW;
	if (!is_open)
		return AGING_MOVEMENT_CLEARED;
	if (mr->current_worst != mr->previous_worst)
		return mr->current_worst > mr->previous_worst ? AGING_MOVEMENT_WORSE
		    : AGING_MOVEMENT_BETTER;
	if (mr->current_past_due != mr->previous_past_due)
		return mr->current_past_due > mr->previous_past_due ? AGING_MOVEMENT_WORSE
		    : AGING_MOVEMENT_BETTER;
	return AGING_MOVEMENT_UNCHANGED;
}

struct compare_state {
	struct aging_movement *m;
	struct aging_movement_currency *acc;  /* [CURRENCY_MAX] */
	bool seen[CURRENCY_MAX];
	struct ar_error *e;
};

/* Sum one side's columns into its currency's; label names the side in errors. */
static ar_err
add_side(struct compare_state *s, currency_id c, const struct side *side, bool previous)
{
	struct aging_movement_currency *a = &s->acc[c];
	int64_t *sum = previous ? a->previous : a->current;
	int64_t *total = previous ? &a->previous_total : &a->current_total;

	s->seen[c] = true;
	for (int col = 0; col < s->m->columns; col++)
		if (money_add(&sum[col], side->bucket[col]) != AR_OK)
			return too_large(s->e, previous ? "previous total in" : "total in", c, NULL);
	if (money_add(total, side->total) != AR_OK)
		return too_large(s->e, previous ? "previous total in" : "total in", c, NULL);
	return AR_OK;
}

/* The past-due sum of one side: every column after current. */
static ar_err
past_due(struct compare_state *s, const int64_t *bucket, currency_id c,
    const char *customer, int64_t *out)
{
	*out = 0;
	for (int col = 1; col < s->m->columns; col++)
		if (money_add(out, bucket[col]) != AR_OK)
			return too_large(s->e, "past due in", c, customer);
	return AR_OK;
}

/* List a customer and currency open on either side; a row of neither is not listed. */
static ar_err
add_row(struct compare_state *s, const char *customer, const char *name, currency_id c,
    const struct side *prev, const struct side *cur)
{
	struct aging_movement *m = s->m;
	bool was_open = prev->bucket != NULL && prev->total != 0;
	bool is_open = cur->bucket != NULL && cur->total != 0;
	struct aging_movement_row *mr;
	int64_t *amounts;
	ar_err err;

	if (!was_open && !is_open)
		return AR_OK;
	mr = &m->rows[m->n_rows];
	amounts = m->amounts + m->n_rows * 2 * (size_t)m->columns;
	memset(mr, 0, sizeof *mr);
	mr->customer = customer;
	mr->name = name;
	mr->currency = c;
	mr->previous = amounts;
	mr->current = amounts + m->columns;
	if (prev->bucket != NULL)
		memcpy(amounts, prev->bucket, (size_t)m->columns * sizeof *amounts);
	if (cur->bucket != NULL)
		memcpy(amounts + m->columns, cur->bucket, (size_t)m->columns * sizeof *amounts);
	mr->previous_total = prev->bucket ? prev->total : 0;
	mr->current_total = cur->bucket ? cur->total : 0;
	if (__builtin_sub_overflow(mr->current_total, mr->previous_total, &mr->change))
		return too_large(s->e, "change in", c, customer);
	if ((err = past_due(s, mr->previous, c, customer, &mr->previous_past_due)) != AR_OK ||
	    (err = past_due(s, mr->current, c, customer, &mr->current_past_due)) != AR_OK)
		return err;
	mr->previous_worst = worst_column(mr->previous, m->columns);
	mr->current_worst = worst_column(mr->current, m->columns);
	mr->kind = classify(mr, was_open, is_open);
	s->acc[c].count[mr->kind]++;
	m->n_rows++;
	return AR_OK;
}

/* The previous row of (customer, c), or -1. */
static long
find_previous(const struct aging_movement_previous *p, const char *customer, currency_id c)
{
	uint32_t id;

	if (!strtab_find(p->ids, customer, strlen(customer), &id) || id >= p->table.head_cap)
		return -1;
	for (uint32_t i = p->table.head[id]; i != 0; i = p->table.rows[i - 1].next)
		if (p->table.rows[i - 1].currency == c)
			return (long)i - 1;
	return -1;
}

static int
compare_rows(const void *a, const void *b)
{
	const struct aging_movement_row *x = a, *y = b;
	int d = strcmp(currency_code(x->currency), currency_code(y->currency));

	return d != 0 ? d : strcmp(x->customer, y->customer);
}

static int
compare_currencies(const void *a, const void *b)
{
	const struct aging_movement_currency *x = a, *y = b;

	return strcmp(currency_code(x->currency), currency_code(y->currency));
}

static bool
same_buckets(const struct aging_buckets *a, const struct aging_buckets *b)
{
	return a->n == b->n && memcmp(a->upper, b->upper, (size_t)a->n * sizeof a->upper[0]) == 0;
}

/* The per-currency sums, their changes, in code order. */
static ar_err
finish_currencies(struct compare_state *s)
{
	struct aging_movement *m = s->m;

	for (currency_id c = 0; c < CURRENCY_MAX; c++) {
		struct aging_movement_currency *a = &s->acc[c];

		if (!s->seen[c])
			continue;
		a->currency = c;
		for (int col = 0; col < m->columns; col++)
			if (__builtin_sub_overflow(a->current[col], a->previous[col], &a->change[col]))
				return too_large(s->e, "change in", c, NULL);
		if (__builtin_sub_overflow(a->current_total, a->previous_total, &a->change_total))
			return too_large(s->e, "change in", c, NULL);
		m->currencies[m->n_currencies++] = *a;
	}
	qsort(m->currencies, m->n_currencies, sizeof m->currencies[0], compare_currencies);
	qsort(m->rows, m->n_rows, sizeof m->rows[0], compare_rows);
	return AR_OK;
}

static ar_err
compare(struct compare_state *s, const struct aging_report *rep,
    const struct aging_movement_previous *prev, bool *matched)
{
	ar_err err;

	for (size_t i = 0; i < rep->table.n; i++) {
		const struct aging_row *row = &rep->table.rows[i];
		const char *customer = aging_report_key(rep, row);
		const char *name = customers_get(rep->customers, row->key)->name;
		long at = find_previous(prev, customer, row->currency);
		struct side cur = { row->bucket, row->total }, old = { NULL, 0 };

		if (at >= 0) {
			const struct aging_row *p = &prev->table.rows[at];

			matched[at] = true;
			old = (struct side){ p->bucket, p->total };
			if (name[0] == '\0')
				name = prev->names[p->key];
			if ((err = add_side(s, row->currency, &old, true)) != AR_OK)
				return err;
		}
		if ((err = add_side(s, row->currency, &cur, false)) != AR_OK ||
		    (err = add_row(s, customer, name, row->currency, &old, &cur)) != AR_OK)
			return err;
	}
	for (size_t i = 0; i < prev->table.n; i++) {
		const struct aging_row *p = &prev->table.rows[i];
		struct side old = { p->bucket, p->total }, cur = { NULL, 0 };

		if (matched[i])
			continue;
		if ((err = add_side(s, p->currency, &old, true)) != AR_OK ||
		    (err = add_row(s, strtab_key(prev->ids, p->key), prev->names[p->key],
		    p->currency, &old, &cur)) != AR_OK)
			return err;
	}
	return finish_currencies(s);
}

ar_err
aging_movement_compare(struct aging_movement *m, const struct aging_report *rep,
    const struct aging_movement_previous *prev, struct ar_error *e)
{
	struct compare_state s = { m, NULL, { false }, e };
	size_t cap = rep->table.n + prev->table.n;
	bool *matched;
	ar_err err;

	memset(m, 0, sizeof *m);
	memset(e, 0, sizeof *e);
	if (rep->group_by != AGING_GROUP_CUSTOMER)
		return ar_error_set(e, AR_EUSAGE, 0, "a movement needs an aging by customer");
	if (!same_buckets(&rep->policy.buckets, &prev->buckets))
		return ar_error_set(e, AR_EUSAGE, 0,
		    "the previous aging was read for other buckets than this run's");
	m->columns = aging_columns(&prev->buckets);
	/* + 1: calloc(0) may be NULL, which is not a failure */
	m->rows = calloc(cap + 1, sizeof *m->rows);
	m->amounts = calloc((cap + 1) * 2 * (size_t)m->columns, sizeof *m->amounts);
	m->currencies = calloc(CURRENCY_MAX, sizeof *m->currencies);
	s.acc = calloc(CURRENCY_MAX, sizeof *s.acc);
	matched = calloc(prev->table.n + 1, sizeof *matched);
	if (m->rows == NULL || m->amounts == NULL || m->currencies == NULL || s.acc == NULL ||
	    matched == NULL)
		err = AR_ENOMEM;
	else
		err = compare(&s, rep, prev, matched);
	free(s.acc);
	free(matched);
	if (err != AR_OK)
		aging_movement_free(m);
	return err;
}
