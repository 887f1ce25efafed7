/*
 * aging_report.h - an aging over a stream of items: each item dated and
 * placed (aging.h), summed into rows by customer, collector, company or
 * currency, then sorted or cut to the large past-due balances, and
 * written as the aging CSV that ar-age prints and the reports reuse.
 *
 * Memory follows the customers and groups, never the items.
 */
#ifndef AGING_REPORT_H
#define AGING_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ar/aging.h"
#include "core/csvio.h"
#include "ar/customers.h"
#include "ar/items.h"
#include "ar/item_keys.h"
#include "core/strtab.h"
#include "core/fxrate.h"

enum aging_group {
	AGING_GROUP_CUSTOMER,
	AGING_GROUP_COLLECTOR,
	AGING_GROUP_COMPANY,
	AGING_GROUP_CURRENCY
};

struct aging_report {
	struct aging_policy policy;
	enum aging_group group_by;
	struct customer_table *customers;  /* not owned */
	struct strtab *groups;             /* collector or company names */
	struct aging_table table;
	/* How the figures were made, for the caller to report. */
	unsigned long rows;                /* records fed (aging_report_feed), good and bad */
	unsigned long from_terms;          /* no due_date: doc_date + terms */
	unsigned long credits_from_doc;    /* credit without due_date: doc_date */
	unsigned long not_in_master;       /* items of customers not in the file */
	unsigned long currency_defaulted;  /* empty currency: [company] default_currency */
	unsigned long duplicates;          /* items seen before (aging_feed.keys) */
	unsigned long skipped;             /* bad rows feed->bad_row skipped */
	unsigned long skipped_unread;      /* of them, rows whose amount did not read */
	int64_t skipped_amount[CURRENCY_MAX];  /* the others' amounts (saturating) */
	/*
	 * The sum of |amount| of every item added (saturating; merged in by
	 * aging_merge_report, not by aging_merge_row): no sum can be larger,
	 * so aging_parallel knows when merging cannot overflow.
	 */
	uint64_t magnitude;
	unsigned inputs;                   /* aging_report_feed calls so far */
	char **input_names;                /* [inputs]: csvio_name of each, owned */
	/*
	 * With track_oldest set (before the first item), each row remembers
	 * the doc_no of its oldest overdue debit (the most days overdue; the
	 * lowest doc_no among equals, so input order does not matter): one
	 * string per row, replaced as older items come, so memory still
	 * follows the rows.  Read it with aging_report_oldest_doc().
	 */
	bool track_oldest;
	/*
	 * With track_sides set (before the first item), the same aging is
	 * also summed by company code and by collector (the item's column,
	 * else the master's), for the workbook's subtotals.
	 */
	bool track_sides;
	struct aging_side *by_company, *by_collector;   /* owned; NULL until tracked */
	char **oldest_docs;                /* [row->oldest_doc - 1], owned */
	/* Rows of each key before the large-past-due cut; NULL until cut. */
	uint32_t *rows_per_key;
	size_t n_oldest, cap_oldest;
};

/* An aging summed by one more key: rows keyed by names' ids. */
struct aging_side {
	struct strtab *names;
	struct aging_table table;
};

/* customers is the caller's (loaded or empty); the report interns into it. */
ar_err aging_report_init(struct aging_report *rep, const struct aging_policy *policy,
    enum aging_group group_by, struct customer_table *customers);
void aging_report_free(struct aging_report *rep);

/*
 * Date one item: its customer's id, days overdue and bucket.  AR_ESYNTAX
 * when the item has no date to age from (aging_report_date_problem words
 * it), AR_ENOMEM.
 */
ar_err aging_report_place(struct aging_report *rep, const struct item *it,
    uint32_t *customer, struct aging_position *pos);
const char *aging_report_date_problem(const struct aging_report *rep);

/*
 * A batch of items goes faster when each stage first asks for what the
 * next will need (the lookups are cache misses, not work): the customer's
 * hash slot from its raw id before parsing, the row once the id is known.
 */
static inline void
aging_report_prefetch_customer(const struct aging_report *rep, const char *id, size_t len)
{
	strtab_prefetch(rep->customers->ids, id, len);
}

static inline void
aging_report_prefetch_row(const struct aging_report *rep, uint32_t customer)
{
	if (rep->group_by == AGING_GROUP_CUSTOMER)
		aging_table_prefetch(&rep->table, customer);
}

/*
 * Sum a placed item into its row.  rec and cols give the item's own name,
 * collector and company columns.  AR_ERANGE when the row's sums would
 * overflow (nothing added), AR_ENOMEM.
 */
ar_err aging_report_add(struct aging_report *rep, const struct csvio_record *rec,
    const struct item_columns *cols, const struct item *it, uint32_t customer,
    struct aging_position pos);

struct aging_detail;

/* How aging_report_feed takes an input beyond what rep's policy says. */
struct aging_feed {
	const struct item_format *format;  /* how amounts and dates read */
	currency_id only_currency;         /* -1: every currency */
	struct aging_detail *detail;       /* NULL: no per-item output */
	bool detail_only;                  /* with detail: list the items, do not sum them */
	/*
	 * A row that cannot be aged (an amount, date or currency that does not
	 * read, no date to age from).  NULL: the feed stops at the first.
	 * Otherwise called with the input's name, the row's line and what is
	 * wrong; ROW_SKIP goes on without the row, ROW_STOP stops.
	 */
	bad_row_fn bad_row;
	/*
	 * The same item seen twice (item_keys.h): NULL keys, not looked for.
	 * Otherwise, for each repeat, called with the input's name and line
	 * and where the item was first seen (input numbered from 0 by the
	 * calls to aging_report_feed); ROW_SKIP goes on, the repeat aged like
	 * any item, ROW_STOP stops (AR_ESYNTAX, "item ... seen twice").
	 */
	struct item_keys *keys;
	enum row_action (*duplicate)(void *ctx, const char *input, long line,
	    const char *first_input, long first_line);
	/*
	 * Instead of keys: each item that would be noted in keys is logged,
	 * its fingerprint and line in order, for a check after the fact
	 * (aging_parallel.c: a thread's range).  NULL: not logged.
	 */
	struct aging_key_log *key_log;
	/* NULL, or called each time rep->rows reaches a multiple of AGING_FEED_PROGRESS. */
	void (*progress)(void *ctx, unsigned long rows);
	void *ctx;                         /* handed to bad_row and progress */
};

#define AGING_FEED_PROGRESS 65536

/* The items of a range in order: fingerprint (item_keys.h) and line. */
struct aging_key_log {
	struct aging_logged_key { uint64_t fingerprint; long line; } *key;
	size_t n, cap;
};

/* An input about to be fed other than by aging_report_feed (its name, for repeats). */
ar_err aging_report_add_input(struct aging_report *rep, const char *name);

/*
 * The error of an item seen twice that feed->duplicate did not skip: at
 * line, the same item as first_input:first_line.  Returns AR_ESYNTAX.
 */
ar_err aging_report_repeat_error(struct ar_error *e, long line, const char *first_input,
    long first_line, bool line_column);

/*
 * Age every record of r, an items stream, into rep: bind its columns
 * (AR_ECOLUMN when one is missing), start feed->detail on its header,
 * then parse each record, keep those in feed->only_currency, place them
 * (aging_report_place), list them to feed->detail and add them
 * (aging_report_add).  Records are taken in batches of what one block of
 * input holds, in three passes, each prefetching what the next looks up,
 * so that the cache misses of one item overlap with the work on others.
 *
 * On failure *e says why, at a line of r (its file left as it was): a
 * damaged file (wrong field count, broken quote, not UTF-8: the reader's
 * own error, always the end), a bad row feed->bad_row did not skip (its
 * parse error, or AR_ESYNTAX for no date to age from), a row whose sums
 * would overflow (AR_ERANGE, "the MYR total of customer "X" does not fit
 * in 64 bits"), a header that differs from the first input's with
 * --detail, the workbook's failure (aging_detail_write); or AR_ENOMEM.
 */
ar_err aging_report_feed(struct aging_report *rep, struct csvio_reader *r,
    const struct aging_feed *feed, struct ar_error *e);

/*
 * A debit of doc[0..len) overdue by row->oldest_days, just added to row:
 * keep its doc_no when it is newer (more days than any before) or ties
 * with the one kept and is lower.  AR_ENOMEM.
 */
ar_err aging_report_keep_oldest_doc(struct aging_report *rep, struct aging_row *row,
    const char *doc, size_t len, bool newer);

/* The doc_no of a row's oldest overdue debit; NULL when none is overdue. */
const char *aging_report_oldest_doc(const struct aging_report *rep,
    const struct aging_row *row);

/* How many rows (currencies) key has in the whole aging, before any cut. */
size_t aging_report_rows_of(const struct aging_report *rep, uint32_t key);

/* The text of a row's key (customer id, collector, ...). */
const char *aging_report_key(const struct aging_report *rep, const struct aging_row *row);

/* Rows sorted by key, then currency. */
ar_err aging_report_sort(struct aging_report *rep);

/*
 * The large past-due minimum of each currency, in its minor units: the
 * amount of by_currency[c] when given (NULL entries and a NULL array: none),
 * else min_past_due (NULL: any amount above zero), read in the currency's
 * own units; or, with fx, min_past_due is in fx's reporting currency and a
 * currency's minimum is the least amount that converts to it or more.
 * AR_ESYNTAX or AR_EDECIMALS when one does not read in a currency some row
 * has (*currency says which; *which says whether it was by_currency's);
 * AR_ECURRENCY when fx has no rate for a row's currency (*currency).
 */
ar_err aging_report_lpd_minimums(const struct aging_report *rep, const char *min_past_due,
    const char *const *by_currency, const struct fx_rates *fx, int64_t min[CURRENCY_MAX],
    currency_id *currency, bool *which);

/* [report] lpd_min_amount.CODE of cfg for each currency that has one, else NULL. */
void aging_report_lpd_by_currency(const struct ar_config *cfg,
    const char *by_currency[CURRENCY_MAX]);

/* A currency of rep's rows fx has no rate for: true and *currency, else false. */
bool aging_report_lacks_rate(const struct aging_report *rep, const struct fx_rates *fx,
    currency_id *currency);

/*
 * Keep the large past-due rows: past_due (over policy.past_due_days)
 * reaching min[row's currency]; at most top rows per currency (0: all);
 * sorted by currency, then past_due descending.  AR_ENOMEM.
 */
ar_err aging_report_large_past_due(struct aging_report *rep, const int64_t min[CURRENCY_MAX],
    size_t top);

/* What the aging CSV holds beyond the default columns. */
struct aging_csv_opts {
	bool master_columns;  /* collector, status, credit_limit (customer rows) */
	bool past_due;        /* a past_due column */
	bool totals;          /* a TOTAL row per currency */
};

/*
 * Write the header and rows:
 *   customer,name,currency,current,<buckets>,total,items,oldest_days[,...]
 * (collector/company/currency first when grouped so).  AR_ERANGE when a
 * TOTAL does not fit in 64 bits (*currency says which).
 */
ar_err aging_report_write_csv(const struct aging_report *rep, struct csvio_writer *w,
    const struct aging_csv_opts *opts, currency_id *currency);

#endif
