/* roll.c - roll rates and delinquent customers between two aging snapshots (roll.h). */
#include "ar/roll.h"

#include <stdlib.h>
#include <string.h>

#include "core/money.h"

__extension__ typedef __int128 i128;

enum phase { PHASE_EARLIER, PHASE_LATER, PHASE_DONE };

/* An earlier item. */
struct slot {
	uint64_t fingerprint;   /* 0: empty */
	int64_t amount;         /* the item's; while the later snapshot is fed, what is left of it */
	uint8_t currency;
	uint8_t column;
};

_Static_assert(sizeof(struct slot) == 24, "roll.h promises 24 bytes a slot");
_Static_assert(CURRENCY_MAX <= 256 && AGING_MAX_COLUMNS <= 256, "a slot keeps them in a byte");

struct roll {
	int columns, over_90;
	enum phase phase;
	struct slot *slots;
	size_t mask;            /* capacity - 1, a power of two */
	size_t count;
	struct roll_matrix *matrix[CURRENCY_MAX];
	struct roll_customer *rows;
	size_t n, cap;
	uint32_t *head;         /* head[customer]: its first row + 1, 0 for none */
	size_t head_cap;
	uint32_t *order;        /* the rows by customer, then currency code: after roll_finish */
};

int
roll_first_column_over(const struct aging_buckets *b, int days)
{
	for (int c = 1; c <= b->n + 1; c++)
		if ((c == 1 ? 1 : b->upper[c - 2] + 1) > days)
			return c;
	return aging_columns(b);
}

ar_err
roll_new(int columns, int first_over_90_column, struct roll **out)
{
	struct roll *r;

	*out = NULL;
	if (columns < 2 || columns > AGING_MAX_COLUMNS || first_over_90_column < 1 ||
	    first_over_90_column > columns)
		return AR_EUSAGE;
	if ((r = calloc(1, sizeof *r)) == NULL)
		return AR_ENOMEM;
	if ((r->slots = calloc(1024, sizeof *r->slots)) == NULL) {
		free(r);
		return AR_ENOMEM;
	}
	r->mask = 1023;
	r->columns = columns;
	r->over_90 = first_over_90_column;
	r->phase = PHASE_EARLIER;
	*out = r;
	return AR_OK;
}

void
roll_free(struct roll *r)
{
	if (r == NULL)
		return;
	free(r->slots);
	for (int c = 0; c < CURRENCY_MAX; c++)
		free(r->matrix[c]);
	free(r->rows);
	free(r->head);
	free(r->order);
	free(r);
}

/*
 * FNV-1a 64 over the key and the currency (the two as one string: a key
 * of one length cannot be another key with its currency), then murmur3's
 * finaliser, since FNV's last bytes barely reach the high bits and the
 * table is indexed by the low ones.
 */
static uint64_t
fingerprint(const char *key, size_t len, currency_id cur)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)key[i]) * 0x100000001b3u;
	h = (h ^ (uint64_t)cur) * 0x100000001b3u;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 33;
	return h + (h == 0);
}

/* The slot of h, or the empty one where it would go. */
static struct slot *
slot_of(const struct roll *r, uint64_t h)
{
	size_t i;

	for (i = h & r->mask; r->slots[i].fingerprint != 0 && r->slots[i].fingerprint != h;
	    i = (i + 1) & r->mask)
		;
	return &r->slots[i];
}

static ar_err
grow(struct roll *r)
{
	size_t cap = (r->mask + 1) * 2;
	struct slot *old = r->slots;
	size_t old_cap = r->mask + 1;

	if ((r->slots = calloc(cap, sizeof *r->slots)) == NULL) {
		r->slots = old;
		return AR_ENOMEM;
	}
	r->mask = cap - 1;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].fingerprint != 0)
			*slot_of(r, old[i].fingerprint) = old[i];
	free(old);
	return AR_OK;
}

static struct roll_matrix *
matrix_of(struct roll *r, currency_id cur)
{
	if (r->matrix[cur] == NULL && (r->matrix[cur] = calloc(1, sizeof *r->matrix[cur])) != NULL) {
		r->matrix[cur]->currency = cur;
		r->matrix[cur]->columns = r->columns;
	}
	return r->matrix[cur];
}

/* The row of (customer, currency), created empty when new; NULL when out of memory. */
static struct roll_customer *
customer_row(struct roll *r, uint32_t customer, currency_id cur)
{
	struct roll_customer *row;

	if (customer < r->head_cap) {
		for (uint32_t i = r->head[customer]; i != 0; i = r->rows[i - 1].next)
			if (r->rows[i - 1].currency == cur)
				return &r->rows[i - 1];
	} else {
		size_t cap = r->head_cap ? r->head_cap : 1024;
		uint32_t *head;

		while (cap <= customer)
			cap *= 2;
		if ((head = realloc(r->head, cap * sizeof *head)) == NULL)
			return NULL;
		memset(head + r->head_cap, 0, (cap - r->head_cap) * sizeof *head);
		r->head = head;
		r->head_cap = cap;
	}
	if (r->n == UINT32_MAX)
		return NULL;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 256;
		struct roll_customer *rows = realloc(r->rows, cap * sizeof *rows);

		if (rows == NULL)
			return NULL;
		r->rows = rows;
		r->cap = cap;
	}
	row = &r->rows[r->n++];
	memset(row, 0, sizeof *row);
	row->customer = customer;
	row->currency = cur;
	row->next = r->head[customer];
	r->head[customer] = (uint32_t)r->n;
	return row;
}

/*
 * What both feeds do first: check the line, find its matrix and customer
 * row, and work out the row's balance *b with the line added (not yet
 * stored, so that a line refused leaves the sums as they were).
 */
static ar_err
take(struct roll *r, const struct roll_line *l, bool later, struct roll_matrix **m,
    struct roll_customer **row, struct roll_balance *b)
{
	if (l->currency < 0 || l->currency >= CURRENCY_MAX || l->column < 0 ||
	    l->column >= r->columns || (l->key == NULL && l->len > 0))
		return AR_EUSAGE;
	if ((*m = matrix_of(r, l->currency)) == NULL ||
	    (*row = customer_row(r, l->customer, l->currency)) == NULL)
		return AR_ENOMEM;
	*b = later ? (*row)->later : (*row)->earlier;
	if (money_add(&b->total, l->amount) != AR_OK ||
	    (l->column >= 1 && money_add(&b->overdue, l->amount) != AR_OK) ||
	    (l->column >= r->over_90 && money_add(&b->over_90, l->amount) != AR_OK))
		return AR_ERANGE;
	return AR_OK;
}

ar_err
roll_add_earlier(struct roll *r, const struct roll_line *l)
{
	struct roll_matrix *m;
	struct roll_customer *row;
	struct roll_balance b;
	struct slot *s;
	int64_t sum;
	uint64_t h;
	ar_err err;

	if (r->phase != PHASE_EARLIER)
		return AR_EUSAGE;
	if ((err = take(r, l, false, &m, &row, &b)) != AR_OK)
		return err;
	if (l->amount <= 0) {
		sum = m->credits_before;
		if (money_add(&sum, l->amount) != AR_OK)
			return AR_ERANGE;
		m->credits_before = sum;
		row->earlier = b;
		return AR_OK;
	}
	/* At most three quarters full: probes stay short enough, memory stays near 24 bytes an item. */
	if (4 * (r->count + 1) > 3 * (r->mask + 1) && grow(r) != AR_OK)
		return AR_ENOMEM;
	h = fingerprint(l->key, l->len, l->currency);
	s = slot_of(r, h);
	sum = s->fingerprint != 0 ? s->amount : 0;
	if (money_add(&sum, l->amount) != AR_OK)
		return AR_ERANGE;
	if (s->fingerprint == 0) {
		s->fingerprint = h;
		s->currency = (uint8_t)l->currency;
		s->column = (uint8_t)l->column;
		r->count++;
	} else if (l->column > s->column) {
		s->column = (uint8_t)l->column;   /* lines of one document: the oldest column */
	}
	s->amount = sum;
	row->earlier = b;
	return AR_OK;
}

ar_err
roll_begin_later(struct roll *r)
{
	int64_t before[CURRENCY_MAX][AGING_MAX_COLUMNS] = { { 0 } };

	if (r->phase != PHASE_EARLIER)
		return AR_EUSAGE;
	for (size_t i = 0; i <= r->mask; i++) {
		const struct slot *s = &r->slots[i];

		if (s->fingerprint != 0 && money_add(&before[s->currency][s->column], s->amount) != AR_OK)
			return AR_ERANGE;
	}
	for (int c = 0; c < CURRENCY_MAX; c++)
		if (r->matrix[c] != NULL)
			memcpy(r->matrix[c]->before, before[c], sizeof before[c]);
	r->phase = PHASE_LATER;
	return AR_OK;
}

ar_err
roll_add_later(struct roll *r, const struct roll_line *l)
{
	struct roll_matrix *m;
	struct roll_customer *row;
	struct roll_balance b;
	struct slot *s;
	int64_t after, to, grown, rolled, moved;
	int c, c2 = l->column;
	ar_err err;

	if (r->phase != PHASE_LATER)
		return AR_EUSAGE;
	if ((err = take(r, l, true, &m, &row, &b)) != AR_OK)
		return err;
	if (l->amount <= 0) {
		after = m->credits_after;
		if (money_add(&after, l->amount) != AR_OK)
			return AR_ERANGE;
		m->credits_after = after;
		row->later = b;
		return AR_OK;
	}
	after = m->after[c2];
	if (money_add(&after, l->amount) != AR_OK)
		return AR_ERANGE;
	s = slot_of(r, fingerprint(l->key, l->len, l->currency));
	/* a fingerprint shared with another currency's key by chance: not the same item */
	if (s->fingerprint == 0 || s->currency != l->currency) {
		grown = m->appeared[c2];
		if (money_add(&grown, l->amount) != AR_OK)
			return AR_ERANGE;
		m->appeared[c2] = grown;
		m->after[c2] = after;
		row->later = b;
		return AR_OK;
	}
	c = s->column;
	moved = l->amount < s->amount ? l->amount : s->amount;
	to = m->to[c][c2];
	grown = m->grown[c2];
	rolled = row->rolled;
	if (money_add(&to, moved) != AR_OK || money_add(&grown, l->amount - moved) != AR_OK ||
	    (c2 > c && money_add(&rolled, moved) != AR_OK))
		return AR_ERANGE;
	s->amount -= moved;
	m->to[c][c2] = to;
	m->grown[c2] = grown;
	m->after[c2] = after;
	row->rolled = rolled;
	row->later = b;
	return AR_OK;
}

/* Order by currency code; an id no lookup gave (no code) by id, after the others. */
static int
currency_cmp(currency_id a, currency_id b)
{
	const char *ca = currency_code(a), *cb = currency_code(b);
	int d;

	if (ca != NULL && cb != NULL && (d = strcmp(ca, cb)) != 0)
		return d;
	if ((ca == NULL) != (cb == NULL))
		return ca == NULL ? 1 : -1;
	return (a > b) - (a < b);
}

/* The rows by customer index, each customer's few by currency code (an insertion sort). */
static ar_err
order_rows(struct roll *r)
{
	size_t k = 0;

	if ((r->order = malloc((r->n ? r->n : 1) * sizeof *r->order)) == NULL)
		return AR_ENOMEM;
	for (size_t cust = 0; cust < r->head_cap; cust++) {
		size_t first = k;

		for (uint32_t i = r->head[cust]; i != 0; i = r->rows[i - 1].next) {
			size_t j = k++;

			for (; j > first && currency_cmp(r->rows[r->order[j - 1]].currency,
			    r->rows[i - 1].currency) > 0; j--)
				r->order[j] = r->order[j - 1];
			r->order[j] = i - 1;
		}
	}
	return AR_OK;
}

/* The matrix's two identities (roll.h), with the cleared sums not yet stored. */
static bool
balances(const struct roll_matrix *m, const int64_t cleared[AGING_MAX_COLUMNS])
{
	for (int c = 0; c < m->columns; c++) {
		i128 from = cleared[c], into = (i128)m->appeared[c] + m->grown[c];

		for (int c2 = 0; c2 < m->columns; c2++) {
			from += m->to[c][c2];
			into += m->to[c2][c];
		}
		if (from != m->before[c] || into != m->after[c])
			return false;
	}
	return true;
}

ar_err
roll_finish(struct roll *r)
{
	int64_t cleared[CURRENCY_MAX][AGING_MAX_COLUMNS] = { { 0 } };
	ar_err err;

	if (r->phase != PHASE_LATER)
		return AR_EUSAGE;
	for (size_t i = 0; i <= r->mask; i++) {
		const struct slot *s = &r->slots[i];

		if (s->fingerprint != 0 && money_add(&cleared[s->currency][s->column], s->amount) != AR_OK)
			return AR_ERANGE;
	}
	for (int c = 0; c < CURRENCY_MAX; c++)
		if (r->matrix[c] != NULL && !balances(r->matrix[c], cleared[c]))
			return AR_EINVARIANT;
	if ((err = order_rows(r)) != AR_OK)
		return err;
	for (int c = 0; c < CURRENCY_MAX; c++)
		if (r->matrix[c] != NULL)
			memcpy(r->matrix[c]->cleared, cleared[c], sizeof cleared[c]);
	free(r->slots);
	r->slots = NULL;
	r->mask = 0;
	r->count = 0;
	r->phase = PHASE_DONE;
	return AR_OK;
}

const struct roll_matrix *
roll_matrix_of(const struct roll *r, currency_id cur)
{
	if (r->phase != PHASE_DONE || cur < 0 || cur >= CURRENCY_MAX)
		return NULL;
	return r->matrix[cur];
}

/* part of whole in per mille, rounded half away from zero; 0 <= part, 0 < whole. */
static int
per_mille(int64_t part, int64_t whole)
{
	return (int)(((i128)part * 1000 + whole / 2) / whole);
}

struct roll_rates
roll_rates_of(const struct roll_matrix *m, int c)
{
	struct roll_rates v = { 0 };
	int64_t forward = 0, back = 0;   /* parts of before[c]: no overflow */

	if (c < 0 || c >= m->columns || m->before[c] <= 0)
		return v;
	for (int c2 = 0; c2 < m->columns; c2++) {
		if (c2 < c)
			back += m->to[c][c2];
		else if (c2 > c)
			forward += m->to[c][c2];
	}
	v.defined = true;
	v.rolled_forward = per_mille(forward, m->before[c]);
	v.moved_to_next = c + 1 < m->columns ? per_mille(m->to[c][c + 1], m->before[c]) : 0;
	v.stayed = per_mille(m->to[c][c], m->before[c]);
	v.cured = per_mille(back, m->before[c]);
	v.cleared = per_mille(m->cleared[c], m->before[c]);
	return v;
}

bool
roll_newly_past_90(const struct roll_customer *c)
{
	return c->earlier.over_90 <= 0 && c->later.over_90 > 0;
}

bool
roll_at_risk(const struct roll_customer *c)
{
	return c->earlier.overdue > 0 && c->later.total > c->earlier.total;
}

const struct roll_customer *
roll_next(const struct roll *r, enum roll_list list, size_t *pos)
{
	if (r->phase != PHASE_DONE)
		return NULL;
	while (*pos < r->n) {
		const struct roll_customer *c = &r->rows[r->order[(*pos)++]];

		if (list == ROLL_ALL || (list == ROLL_NEWLY_PAST_90 && roll_newly_past_90(c)) ||
		    (list == ROLL_AT_RISK && roll_at_risk(c)))
			return c;
	}
	return NULL;
}
