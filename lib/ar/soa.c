/*
 * soa.c - the statements of account (soa.h): sums per customer and
 * currency, the lines of the period with their running balance, and the
 * open items with their aging.
 */
#include "ar/soa.h"

#include <stdlib.h>
#include <string.h>

#include "core/money.h"

/* The texts of the lines, in blocks that never move. */
struct soa_block {
	struct soa_block *prev;
	size_t used, cap;
	char data[];
};

struct soa_set {
	struct soa_period p;
	struct soa_statement *v;
	size_t n, cap;
	uint32_t *head;          /* head[customer]: first statement + 1 */
	size_t head_cap;
	struct soa_block *texts;
	size_t seq;
};

ar_err
soa_new(struct soa_set **out, const struct soa_period *p)
{
	struct soa_set *s = calloc(1, sizeof *s);

	*out = s;
	if (s == NULL)
		return AR_ENOMEM;
	s->p = *p;
	s->p.aging.as_of = p->as_of;
	return AR_OK;
}

void
soa_free(struct soa_set *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].lines);
	while (s->texts != NULL) {
		struct soa_block *b = s->texts;

		s->texts = b->prev;
		free(b);
	}
	free(s->v);
	free(s->head);
	free(s);
}

static const char *
keep(struct soa_set *s, const char *text, size_t len)
{
	struct soa_block *b = s->texts;
	char *at;

	if (text == NULL)
		len = 0;
	if (b == NULL || b->cap - b->used < len + 1) {
		size_t cap = len + 1 > 65536 ? len + 1 : 65536;

		if ((b = malloc(sizeof *b + cap)) == NULL)
			return NULL;
		b->prev = s->texts;
		b->used = 0;
		b->cap = cap;
		s->texts = b;
	}
	at = b->data + b->used;
	if (len > 0)
		memcpy(at, text, len);
	at[len] = '\0';
	b->used += len + 1;
	return at;
}

/* The statement of (customer, currency), made empty when new; NULL when out of memory. */
static struct soa_statement *
statement(struct soa_set *s, uint32_t customer, currency_id cur)
{
	struct soa_statement *st;
	uint32_t last = 0;      /* the chain's last statement, 1-based; 0: the head */

	if (customer >= s->head_cap) {
		size_t n = s->head_cap ? s->head_cap : 256;
		uint32_t *h;

		while (n <= customer)
			n *= 2;
		if ((h = realloc(s->head, n * sizeof *h)) == NULL)
			return NULL;
		memset(h + s->head_cap, 0, (n - s->head_cap) * sizeof *h);
		s->head = h;
		s->head_cap = n;
	}
	for (uint32_t i = s->head[customer]; i != 0; i = s->v[i - 1].next) {
		if (s->v[i - 1].currency == cur)
			return &s->v[i - 1];
		last = i;
	}
	if (s->n == s->cap) {
		size_t c = s->cap ? 2 * s->cap : 64;
		struct soa_statement *v = realloc(s->v, c * sizeof *v);

		if (v == NULL)
			return NULL;
		s->v = v;
		s->cap = c;
	}
	st = &s->v[s->n];
	memset(st, 0, sizeof *st);
	st->customer = customer;
	st->currency = cur;
	/* Linked by index, not through a pointer: the realloc above moves v. */
	if (last == 0)
		s->head[customer] = (uint32_t)++s->n;
	else
		s->v[last - 1].next = (uint32_t)++s->n;
	return st;
}

static ar_err
add_line(struct soa_set *s, struct soa_statement *st, const struct soa_item *it)
{
	struct soa_line *l;

	if (st->nlines == st->cap) {
		size_t c = st->cap ? 2 * st->cap : 8;
		struct soa_line *v = realloc(st->lines, c * sizeof *v);

		if (v == NULL)
			return AR_ENOMEM;
		st->lines = v;
		st->cap = c;
	}
	l = &st->lines[st->nlines];
	l->date = it->doc_date;
	l->due = it->due_date;
	l->amount = it->amount;
	l->balance = 0;
	l->seq = s->seq++;
	if ((l->doc_no = keep(s, it->doc_no, it->doc_no_len)) == NULL ||
	    (l->doc_type = keep(s, it->doc_type, it->doc_type_len)) == NULL ||
	    (l->ref = keep(s, it->ref, it->ref_len)) == NULL)
		return AR_ENOMEM;
	st->nlines++;
	return AR_OK;
}

/* An open item at as-of: its sum and its bucket. */
static ar_err
add_open(struct soa_set *s, struct soa_statement *st, int terms_days, const struct soa_item *it)
{
	struct item item = { 0 };
	struct aging_position pos;
	enum aging_date_source source;
	civil_day from;
	int64_t open = st->open, bucket;
	ar_err err;

	item.doc_date = it->doc_date;
	item.due_date = it->due_date;
	item.currency = it->currency;
	item.amount = it->amount;
	if ((err = aging_item_date(&s->p.aging, &item, terms_days, &from, &source)) != AR_OK)
		return err;
	pos = aging_position_for(&s->p.aging, from, it->amount);
	bucket = st->aging[pos.bucket];
	if ((err = money_add(&open, it->amount)) != AR_OK ||
	    (err = money_add(&bucket, it->amount)) != AR_OK)
		return err;
	st->open = open;
	st->aging[pos.bucket] = bucket;
	st->open_items++;
	return AR_OK;
}

ar_err
soa_add(struct soa_set *s, uint32_t customer, int terms_days, const struct soa_item *it,
    enum soa_source source, enum soa_taken *taken)
{
	const struct soa_period *p = &s->p;
	struct soa_statement *st;
	bool before = p->from != DATE_NONE && it->doc_date < p->from;
	ar_err err;

	*taken = SOA_TAKEN;
	if (it->doc_date != DATE_NONE && it->doc_date > p->as_of) {
		*taken = SOA_LATER;
		return AR_OK;
	}
	if ((st = statement(s, customer, it->currency)) == NULL)
		return AR_ENOMEM;
	st->rows++;
	if (source == SOA_LEDGER) {
		bool open_at_as_of = it->cleared == DATE_NONE || it->cleared > p->as_of;

		if (p->open_from_ledger && open_at_as_of &&
		    (err = add_open(s, st, terms_days, it)) != AR_OK)
			return err;
		if (before) {
			if (it->cleared != DATE_NONE && it->cleared < p->from) {
				*taken = SOA_CLEARED_BEFORE;
				return AR_OK;
			}
			return money_add(&st->opening, it->amount);
		}
		return add_line(s, st, it);
	}
	if ((err = add_open(s, st, terms_days, it)) != AR_OK)
		return err;
	if (p->ledger)
		return AR_OK;        /* the check and the aging only */
	if (before)
		return money_add(&st->opening, it->amount);
	return add_line(s, st, it);
}

static int
line_order(const void *a, const void *b)
{
	const struct soa_line *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

ar_err
soa_finish(struct soa_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct soa_statement *st = &s->v[i];
		int64_t balance = st->opening;

		if (st->nlines > 1)
			qsort(st->lines, st->nlines, sizeof *st->lines, line_order);
		st->debits = st->credits = 0;
		for (size_t k = 0; k < st->nlines; k++) {
			struct soa_line *l = &st->lines[k];

			if (money_add(&balance, l->amount) != AR_OK ||
			    (l->amount > 0 && money_add(&st->debits, l->amount) != AR_OK) ||
			    (l->amount < 0 && money_add(&st->credits, -l->amount) != AR_OK))
				return AR_ERANGE;
			l->balance = balance;
		}
		st->closing = balance;
	}
	return AR_OK;
}

size_t
soa_count(const struct soa_set *s)
{
	return s->n;
}

const struct soa_statement *
soa_get(const struct soa_set *s, size_t i)
{
	return i < s->n ? &s->v[i] : NULL;
}

const struct soa_statement *
soa_of(const struct soa_set *s, uint32_t customer)
{
	return customer < s->head_cap && s->head[customer] != 0 ? &s->v[s->head[customer] - 1] :
	    NULL;
}

const struct soa_statement *
soa_next(const struct soa_set *s, const struct soa_statement *st)
{
	return st->next != 0 ? &s->v[st->next - 1] : NULL;
}

civil_day
soa_default_from(civil_day as_of, bool ledger)
{
	int y, m, d;
	civil_day first;

	if (!ledger)
		return DATE_NONE;
	date_to_ymd(as_of, &y, &m, &d);
	return date_from_ymd(y, m, 1, &first) == AR_OK ? first : as_of;
}
