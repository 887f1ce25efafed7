/*
 * aging_movement.h - last month beside this month: a previous run's aging
 * CSV (ar-age by customer, as aging_report_write_csv writes it) against
 * this run's aging, per customer and currency and per currency and bucket,
 * for the workbook's Movement sheet.
 *
 * Amounts are compared only within one currency: a customer's MYR row
 * with its previous MYR row, never with its USD row.
 *
 * Memory follows the customers: one entry per customer and currency of
 * each side, nothing per item.
 */
#ifndef AGING_MOVEMENT_H
#define AGING_MOVEMENT_H

#include <stddef.h>
#include <stdint.h>

#include "ar/aging.h"
#include "core/csvio.h"
#include "core/errors.h"
#include "core/strtab.h"
#include "report/aging_report.h"

/*
 * The previous run's rows.  Only each row's bucket[], total, key (an id
 * in ids) and currency are filled; its other fields are zero.
 */
struct aging_movement_previous {
	struct aging_buckets buckets;  /* this run's, which the file's columns matched */
	struct strtab *ids;            /* the file's customer ids */
	char **names;                  /* names[id]: the file's name column, "" when none */
	size_t names_cap;
	struct aging_table table;      /* one row per customer and currency */
	long *lines;                   /* lines[i]: the line rows[i] was read on */
	size_t lines_cap;
};

/*
 * Read a previous run's aging CSV from an open reader into *p (which it
 * initialises), for an aging with buckets.  Columns by name:
 *   customer,name,currency,current,<bucket labels>,total,...
 * `name` may be missing; other columns (items, oldest_days, past_due,
 * collector, ...) are ignored.  The bucket columns are those between
 * `current` and `total`, and must be this run's labels (aging_column_label
 * of columns 1..n+1), in order.  A row whose customer cell is `TOTAL`
 * (--totals) is skipped, so a customer with that very id cannot be
 * compared.  Amounts are read as ar-age writes them (money_parse, a
 * decimal point) in the row currency's exponent, and total must be the
 * sum of the row's buckets.
 *
 * On failure *e says why and on which line (its file left ""; the reader
 * is the file), and *p is freed: a missing column (AR_ECOLUMN, line 1),
 * bucket columns other than this run's (AR_ECOLUMN, line 1, naming both
 * lists), an empty customer (AR_ESYNTAX), a currency that does not read
 * (AR_ESYNTAX, AR_ECURRENCY), an amount that does not read (money_parse's
 * code: AR_ESYNTAX, AR_EDECIMALS, AR_ERANGE), a total other than the sum
 * of the buckets (AR_ESYNTAX), a customer and currency twice (AR_ESYNTAX),
 * the reader's own error, or AR_ENOMEM.
 * The caller frees *p with aging_movement_previous_free().
 */
ar_err aging_movement_previous_load(struct aging_movement_previous *p,
    const struct aging_buckets *buckets, struct csvio_reader *r, struct ar_error *e);

/* Free what *p holds; safe on a zeroed or already freed *p. */
void aging_movement_previous_free(struct aging_movement_previous *p);

/*
 * What happened to one customer's balance in one currency.  A side is
 * open when its row exists and its total is not zero.
 *   NEW        open now, not open before (absent from the previous file,
 *              or there with a zero total)
 *   CLEARED    open before, not open now (absent from this run, or a zero
 *              total now)
 *   open on both sides, compared by the worst column (the highest column
 *   holding a positive amount; none counts below current), then by the
 *   past-due sum (every column after current, signed):
 *   WORSE      a later worst column, or the same one and more past due
 *   BETTER     an earlier worst column, or the same one and less past due
 *   UNCHANGED  the same worst column and the same past due, whatever the
 *              current column did
 * A customer and currency open on neither side is not listed (its rows
 * still count in the per-bucket totals).
 */
enum aging_movement_kind {
	AGING_MOVEMENT_NEW,
	AGING_MOVEMENT_CLEARED,
	AGING_MOVEMENT_WORSE,
	AGING_MOVEMENT_BETTER,
	AGING_MOVEMENT_UNCHANGED,
	AGING_MOVEMENT_KINDS
};

/* "new", "cleared", "worse", "better", "unchanged"; "" for no kind. */
const char *aging_movement_kind_name(enum aging_movement_kind kind);

/* One customer in one currency. */
struct aging_movement_row {
	const char *customer;         /* the customer id */
	const char *name;             /* this run's name, else the previous file's; "" */
	currency_id currency;
	enum aging_movement_kind kind;
	/*
	 * Each side's amount per column (aging_movement.columns of them: current,
	 * the buckets, the open end), zeros for a side without a row.
	 */
	const int64_t *previous, *current;
	int64_t previous_total, current_total, change;  /* change = current - previous */
	/* The columns after current: not the report's past_due (past_due_days). */
	int64_t previous_past_due, current_past_due;
	int previous_worst, current_worst;              /* worst column; -1 when none */
};

/* One currency's columns on both sides, and how many rows moved which way. */
struct aging_movement_currency {
	currency_id currency;
	int64_t previous[AGING_MAX_COLUMNS], current[AGING_MAX_COLUMNS];
	int64_t change[AGING_MAX_COLUMNS];               /* current - previous */
	int64_t previous_total, current_total, change_total;
	size_t count[AGING_MOVEMENT_KINDS];              /* rows of each kind */
};

struct aging_movement {
	int columns;                          /* aging_columns of the buckets */
	struct aging_movement_row *rows;      /* by currency code, then customer id (bytes) */
	size_t n_rows;
	struct aging_movement_currency *currencies;  /* by currency code; each currency
	                                                 of either side */
	size_t n_currencies;
	int64_t *amounts;                     /* owned: what rows[].previous/current point at */
};

/*
 * Compare rep, an aging by customer with prev's buckets, with prev into *m
 * (which it initialises).  Every row of rep counts, so call it on the whole
 * aging, before aging_report_large_past_due cuts it.  Once made, *m does
 * not look at rep's rows again (they may be sorted or cut), but its
 * customer and name strings point into rep's customer table and into
 * prev: keep both alive while *m is read.
 *
 * AR_EUSAGE when rep is not grouped by customer or its buckets differ
 * from prev's, AR_ERANGE when a sum or change does not fit in 64 bits
 * (*e names the currency; line 0), AR_ENOMEM; *m is freed on failure.
 * The caller frees *m with aging_movement_free().
 */
ar_err aging_movement_compare(struct aging_movement *m, const struct aging_report *rep,
    const struct aging_movement_previous *prev, struct ar_error *e);

/* Free what *m holds; safe on a zeroed or already freed *m. */
void aging_movement_free(struct aging_movement *m);

#endif
