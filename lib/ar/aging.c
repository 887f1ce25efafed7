/* aging.c - buckets, the date an item is aged from, and row sums. */
#include "ar/aging.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bigmem.h"
#include "core/money.h"

ar_err
aging_buckets_parse(const char *text, struct aging_buckets *b)
{
	return daylist_parse(text, b->upper, &b->n);
}

void
aging_column_label(const struct aging_buckets *b, int col, char *buf, size_t cap)
{
	if (col == 0)
		snprintf(buf, cap, "current");
	else if (col <= b->n)
		snprintf(buf, cap, "%d-%d", col == 1 ? 1 : b->upper[col - 2] + 1, b->upper[col - 1]);
	else
		snprintf(buf, cap, "%d+", b->upper[b->n - 1] + 1);
}

int
aging_bucket_for(const struct aging_buckets *b, int days)
{
	int col = 1;

	if (days <= 0)
		return 0;
	while (col <= b->n && days > b->upper[col - 1])
		col++;
	return col;
}

ar_err
aging_item_date(const struct aging_policy *p, const struct item *it,
    int customer_terms, civil_day *date, enum aging_date_source *source)
{
	*source = AGING_DATE_GIVEN;
	if (p->basis == AGING_BASIS_DOC) {
		*date = it->doc_date;
		return it->doc_date == DATE_NONE ? AR_ESYNTAX : AR_OK;
	}
	if (it->due_date != DATE_NONE) {
		*date = it->due_date;
		return AR_OK;
	}
	if (it->doc_date == DATE_NONE)
		return AR_ESYNTAX;
	if (it->amount < 0) {
		/* A credit note or payment has no terms: it counts from its own date. */
		*source = AGING_DATE_CREDIT_DOC;
		*date = it->doc_date;
	} else {
		*source = AGING_DATE_TERMS;
		*date = it->doc_date + (customer_terms >= 0 ? customer_terms : p->default_terms_days);
	}
	return AR_OK;
}

struct aging_position
aging_position_for(const struct aging_policy *p, civil_day aged_from, int64_t amount)
{
	struct aging_position pos;

	pos.days = (int)((int64_t)p->as_of - aged_from);
	pos.source = AGING_DATE_GIVEN;
	if (amount < 0 && p->credits == AGING_CREDITS_CURRENT)
		pos.bucket = 0;
	else
		pos.bucket = aging_bucket_for(&p->buckets, pos.days);
	return pos;
}

ar_err
aging_row_add(struct aging_row *row, const struct aging_policy *p,
    struct aging_position pos, int64_t amount)
{
	int64_t bucket = row->bucket[pos.bucket], total = row->total, past = row->past_due;
	bool counts_past_due = pos.bucket > 0 && pos.days > p->past_due_days;

	if (money_add(&bucket, amount) != AR_OK || money_add(&total, amount) != AR_OK ||
	    (counts_past_due && money_add(&past, amount) != AR_OK))
		return AR_ERANGE;
	row->bucket[pos.bucket] = bucket;
	row->total = total;
	row->past_due = past;
	row->items++;
	if (amount > 0 && pos.days > row->oldest_days)
		row->oldest_days = pos.days;
	return AR_OK;
}

void
aging_table_init(struct aging_table *t)
{
	memset(t, 0, sizeof *t);
}

void
aging_table_free(struct aging_table *t)
{
	free(t->rows);
	free(t->head);
	memset(t, 0, sizeof *t);
}

struct aging_row *
aging_table_row(struct aging_table *t, uint32_t key, currency_id currency)
{
	struct aging_row *row;

	if (key < t->head_cap) {
		for (uint32_t i = t->head[key]; i != 0; i = t->rows[i - 1].next)
			if (t->rows[i - 1].currency == currency)
				return &t->rows[i - 1];
	} else {
		size_t cap = t->head_cap ? t->head_cap : 1024;
		uint32_t *head;

		while (cap <= key)
			cap *= 2;
		if ((head = realloc(t->head, cap * sizeof *head)) == NULL)
			return NULL;
		memset(head + t->head_cap, 0, (cap - t->head_cap) * sizeof *head);
		t->head = head;
		t->head_cap = cap;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		/* In huge pages when large: rows are looked up at random. */
		struct aging_row *rows = bigmem_grow(t->rows, t->n * sizeof *rows, cap * sizeof *rows);

		if (rows == NULL)
			return NULL;
		t->rows = rows;
		t->cap = cap;
	}
	row = &t->rows[t->n++];
	memset(row, 0, sizeof *row);
	row->key = key;
	row->currency = currency;
	row->next = t->head[key];
	t->head[key] = (uint32_t)t->n;
	return row;
}

/* Out of line: GCC 12 drops a __builtin_prefetch inlined from a header (the rows were never prefetched). */
void
aging_table_prefetch(const struct aging_table *t, uint32_t key)
{
	if (key < t->head_cap && t->head[key] != 0) {
		const char *row = (const char *)&t->rows[t->head[key] - 1];

		__builtin_prefetch(row);
		__builtin_prefetch(row + 64);
		__builtin_prefetch(row + 128);
		__builtin_prefetch(row + sizeof(struct aging_row) - 1);
	}
}

/* Sorting sees each row with its key text beside it, so no global context. */
struct sort_entry {
	const char *key;
	const struct aging_row *row;
};

static int
compare_key_currency(const void *a, const void *b)
{
	const struct sort_entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : strcmp(currency_code(x->row->currency), currency_code(y->row->currency));
}

static int
compare_past_due(const void *a, const void *b)
{
	const struct sort_entry *x = a, *y = b;
	int c = strcmp(currency_code(x->row->currency), currency_code(y->row->currency));

	if (c)
		return c;
	if (x->row->past_due != y->row->past_due)
		return x->row->past_due > y->row->past_due ? -1 : 1;
	return strcmp(x->key, y->key);
}

/*
 * Rows in place so that rows[k] = the old rows[from[k]], each from[] a
 * permutation of 0..n-1: cycle by cycle, from[k] = k marking a place done.
 * A copy of the rows would double the table at its largest, at the end.
 */
static void
permute_rows(struct aging_row *rows, uint32_t *from, size_t n)
{
	for (size_t start = 0; start < n; start++) {
		struct aging_row first;
		size_t k = start;

		if (from[start] == start)
			continue;
		first = rows[start];
		while (from[k] != start) {
			size_t j = from[k];

			rows[k] = rows[j];
			from[k] = (uint32_t)k;
			k = j;
		}
		rows[k] = first;
		from[k] = (uint32_t)k;
	}
}

/* Sort rows with cmp, keeping those `keep` allows; chains are dropped. */
static ar_err
sort_rows(struct aging_table *t, int (*cmp)(const void *, const void *),
    const char *(*key_text)(const void *, uint32_t), const void *ctx,
    const int64_t *min_past_due, size_t top)
{
	struct sort_entry *e = malloc((t->n ? t->n : 1) * sizeof *e);
	uint32_t *from = malloc((t->n ? t->n : 1) * sizeof *from);
	unsigned char *kept_row = calloc(t->n ? t->n : 1, 1);
	size_t n = 0, kept = 0, in_currency = 0, rest;

	if (e == NULL || from == NULL || kept_row == NULL) {
		free(e);
		free(from);
		free(kept_row);
		return AR_ENOMEM;
	}
	for (size_t i = 0; i < t->n; i++) {
		if (min_past_due && t->rows[i].past_due < min_past_due[t->rows[i].currency])
			continue;
		e[n].key = key_text(ctx, t->rows[i].key);
		e[n].row = &t->rows[i];
		n++;
	}
	qsort(e, n, sizeof *e, cmp);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && e[i].row->currency != e[i - 1].row->currency)
			in_currency = 0;
		if (top > 0 && in_currency >= top)
			continue;
		in_currency++;
		from[kept] = (uint32_t)(e[i].row - t->rows);
		kept_row[from[kept]] = 1;
		kept++;
	}
	/* The rows not kept after, in any order: a whole permutation. */
	rest = kept;
	for (size_t i = 0; i < t->n; i++)
		if (!kept_row[i])
			from[rest++] = (uint32_t)i;
	free(e);
	free(kept_row);
	permute_rows(t->rows, from, t->n);
	free(from);
	for (size_t i = 0; i < kept; i++)
		t->rows[i].next = 0;
	t->n = kept;
	if (t->head != NULL)
		memset(t->head, 0, t->head_cap * sizeof *t->head);
	return AR_OK;
}

ar_err
aging_table_sort_by_key(struct aging_table *t,
    const char *(*key_text)(const void *, uint32_t), const void *ctx)
{
	return sort_rows(t, compare_key_currency, key_text, ctx, NULL, 0);
}

ar_err
aging_table_large_past_due(struct aging_table *t, const int64_t *min_past_due,
    size_t top, const char *(*key_text)(const void *, uint32_t), const void *ctx)
{
	return sort_rows(t, compare_past_due, key_text, ctx, min_past_due, top);
}
