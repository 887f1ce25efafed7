/*
 * aging.h - aging rules: which date an item is aged from, which bucket its
 * days overdue fall in, and per-(customer, currency) sums of buckets.
 *
 * Buckets are given by their upper bounds in days overdue: 30,60,90,120
 * makes the columns current (not yet overdue), 1-30, 31-60, 61-90, 91-120
 * and 121+.  Amounts in different currencies are never added: a row is
 * one key (customer, collector, company...) in one currency.
 */
#ifndef AGING_H
#define AGING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/errors.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/daylist.h"
#include "ar/items.h"

#define AGING_MAX_BUCKETS DAYLIST_MAX             /* upper bounds */
#define AGING_MAX_COLUMNS (AGING_MAX_BUCKETS + 2) /* + current + the open end */
#define AGING_MAX_DAYS DAYLIST_DAYS_MAX

struct aging_buckets {
	int n;                        /* number of upper bounds */
	int upper[AGING_MAX_BUCKETS]; /* strictly increasing, 1..AGING_MAX_DAYS */
};

/*
 * "30,60,90,120" (blanks allowed), by daylist_parse; AR_ESYNTAX or
 * AR_ERANGE when not 1 to AGING_MAX_BUCKETS increasing days.
 */
ar_err aging_buckets_parse(const char *text, struct aging_buckets *b);

/* Columns: current, one per bound, and the open end: n + 2. */
static inline int
aging_columns(const struct aging_buckets *b)
{
	return b->n + 2;
}

/*
 * The header of column col: "current", "1-30", ..., "121+".  A buffer of
 * AGING_LABEL_MAX bytes holds any (the longest is "36500-36500").
 */
#define AGING_LABEL_MAX 32
void aging_column_label(const struct aging_buckets *b, int col, char *buf, size_t cap);

/* Column of an item overdue by `days` (0 = current when days <= 0). */
int aging_bucket_for(const struct aging_buckets *b, int days);

enum aging_basis { AGING_BASIS_DUE, AGING_BASIS_DOC };
enum aging_credits { AGING_CREDITS_OWN_DATE, AGING_CREDITS_CURRENT };

struct aging_policy {
	civil_day as_of;
	enum aging_basis basis;
	enum aging_credits credits;
	int default_terms_days;   /* for items without due date, customer terms unknown */
	int past_due_days;        /* past_due sums items overdue by more than this */
	struct aging_buckets buckets;
};

/* Where the date an item is aged from came from. */
enum aging_date_source {
	AGING_DATE_GIVEN,      /* due_date (or doc_date with basis doc) */
	AGING_DATE_TERMS,      /* no due_date: doc_date + terms */
	AGING_DATE_CREDIT_DOC  /* a credit without due_date: its own doc_date */
};

/*
 * The date an item is aged from.  With basis due: due_date; without one,
 * doc_date + terms for a debit (customer_terms, or the default when
 * customer_terms < 0) and doc_date for a credit, which has no terms.
 * With basis doc: doc_date.  AR_ESYNTAX when the needed date is missing.
 */
ar_err aging_item_date(const struct aging_policy *p, const struct item *it,
    int customer_terms, civil_day *date, enum aging_date_source *source);

/* Days overdue at the policy's as-of date and the column the amount goes in. */
struct aging_position {
	int days;
	int bucket;
	int source;   /* enum aging_date_source: set by the caller that dated the item */
};

struct aging_position aging_position_for(const struct aging_policy *p,
    civil_day aged_from, int64_t amount);

struct aging_row {
	int64_t bucket[AGING_MAX_COLUMNS];
	int64_t total;
	int64_t past_due;      /* over policy.past_due_days */
	int64_t disputed;      /* of items marked disputed (the caller adds it) */
	uint64_t items;
	int32_t oldest_days;   /* most days overdue of a debit, 0 when none is overdue */
	uint32_t key;          /* the caller's key id (customer, collector, ...) */
	currency_id currency;
	uint32_t next;         /* next row of the same key, + 1; 0 ends */
	uint32_t oldest_doc;   /* the caller's note of the oldest overdue debit, + 1; 0: none */
};

/* Add one item; AR_ERANGE (row unchanged) when a sum would overflow. */
ar_err aging_row_add(struct aging_row *row, const struct aging_policy *p,
    struct aging_position pos, int64_t amount);

/*
 * Rows by (key id, currency): keys are dense ids (strtab), each key's rows
 * are chained, so a lookup is one array index and a short walk (a customer
 * seldom has more than two currencies).
 */
struct aging_table {
	struct aging_row *rows;
	size_t n, cap;
	uint32_t *head;      /* head[key]: first row + 1, 0 for none */
	size_t head_cap;
};

void aging_table_init(struct aging_table *t);
void aging_table_free(struct aging_table *t);

/* The row of (key, currency), created empty when new.  NULL when out of memory. */
struct aging_row *aging_table_row(struct aging_table *t, uint32_t key, currency_id currency);

/*
 * Start loading the first row of key, if it has one, ahead of
 * aging_table_row: all its cache lines, as the walk reads the currency at
 * its end and the sums fill the rest.
 */
void aging_table_prefetch(const struct aging_table *t, uint32_t key);

/* Order rows by key text (byte order, as given by key_text), then currency code. */
ar_err aging_table_sort_by_key(struct aging_table *t,
    const char *(*key_text)(const void *ctx, uint32_t key), const void *ctx);

/*
 * Keep rows whose past_due reaches min_past_due[currency] (minor units of
 * that currency), ordered by currency code, then past_due descending, then
 * key; keep at most `top` rows per currency when top > 0.  The chains are
 * not valid afterwards: only read rows[0..n).  Both sorts return AR_ENOMEM
 * (table unchanged) when the scratch copy cannot be had.
 */
ar_err aging_table_large_past_due(struct aging_table *t, const int64_t *min_past_due,
    size_t top, const char *(*key_text)(const void *ctx, uint32_t key), const void *ctx);

#endif
