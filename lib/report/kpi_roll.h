/*
 * kpi_roll.h - ar-kpi's delinquency analysis (issue 17) as files: two
 * items snapshots read into a roll (ar/roll.h), each item aged at its own
 * snapshot's date as ar-age ages it ([aging] basis, buckets, terms); then
 * the roll rates and the customers newly past 90 days or at risk, row by
 * row through a row sink, so that roll.csv, at_risk.csv and the sheets of
 * kpi.xlsx cannot drift apart.
 *
 * roll.csv, one row per currency and earlier bucket (the aging's columns,
 * current first), amounts in the currency, rates to one decimal of a per
 * cent of `amount` (roll.h: rounded each on its own, empty when amount is 0):
 *
 *   currency,bucket,amount,stayed,moved_to_next,rolled_forward,cured,cleared,
 *   stayed_pct,moved_to_next_pct,rolled_forward_pct,cured_pct,cleared_pct,
 *   from_date,to_date
 *
 *   amount          the earlier snapshot's debits in the bucket
 *   stayed          of it, found in the same bucket in the later snapshot
 *   moved_to_next   found in the next bucket exactly (0 for the last)
 *   rolled_forward  found in any later bucket (moved_to_next included)
 *   cured           found in an earlier bucket
 *   cleared         gone: paid, credited or written off by the later date
 *
 * at_risk.csv, one row per customer, currency and list (newly_past_90
 * first, then at_risk; by customer, then currency code):
 *
 *   customer,name,collector,currency,list,balance_before,balance_after,
 *   overdue_before,overdue_after,over_90_after,rolled,promises_broken,
 *   credit_limit,over_credit_limit
 *
 *   list               newly_past_90: nothing over 90 days earlier, some
 *                      later; at_risk: overdue earlier and the balance
 *                      higher later
 *   rolled             what rolled into a worse bucket (roll.h)
 *   promises_broken    promise_broken rows of the journal in the period
 *                      (empty without a journal)
 *   credit_limit       the master's, read in the row's currency (empty
 *                      when none); over_credit_limit yes when
 *                      balance_after exceeds it
 */
#ifndef KPI_ROLL_H
#define KPI_ROLL_H

#include <stdbool.h>

#include "ar/aging.h"
#include "ar/customers.h"
#include "ar/items.h"
#include "ar/roll.h"
#include "core/csvio.h"
#include "core/errors.h"
#include "report/row_sink.h"

/* How a snapshot's items are aged and whose they are. */
struct kpi_roll_source {
	struct aging_policy policy;             /* as_of: the snapshot's date */
	struct customer_table *customers;       /* customers interned here: roll's index */
	const struct item_format *format;
};

/*
 * Every item of r into roll as the earlier (or the later) snapshot; *items
 * counts them.  The key of an item: customer, company, doc_no and line.
 * AR_ECOLUMN (line 1, naming the column), a row's own error (its line,
 * worded as items_problem_text), AR_ERANGE, AR_ENOMEM, or the reader's,
 * with *e filled.
 */
ar_err kpi_roll_read(struct roll *roll, bool earlier, struct csvio_reader *r,
    const struct kpi_roll_source *src, unsigned long *items, struct ar_error *e);

/* The names of roll.csv's columns and their count. */
extern const char *const kpi_roll_columns[];
extern const unsigned kpi_roll_ncolumns;

/* roll.csv's rows of every currency, by currency code. */
void kpi_roll_write_rates(struct row_sink *s, const struct roll *roll,
    const struct aging_buckets *buckets, civil_day from, civil_day to);

extern const char *const kpi_at_risk_columns[];
extern const unsigned kpi_at_risk_ncolumns;

/*
 * What at_risk.csv tells of a customer besides the roll: its broken
 * promises (has_journal false: an empty cell).
 */
struct kpi_at_risk_evidence {
	bool has_journal;
	unsigned (*broken_of)(const void *ctx, uint32_t customer);
	const void *ctx;
};

/* at_risk.csv's rows.  AR_ENOMEM (nothing written). */
ar_err kpi_roll_write_at_risk(struct row_sink *s, const struct roll *roll,
    const struct customer_table *customers, const struct kpi_at_risk_evidence *ev);

#endif
