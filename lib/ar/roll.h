/*
 * roll.h - delinquency between two aging snapshots, for ar-kpi (issue 17):
 * roll rates (what each bucket's amount became), the customers newly past
 * 90 days, and those whose balance grew while overdue.  Pure rules: the
 * caller reads the two items streams (items-YYYY-MM-DD.csv), ages each
 * item at its own snapshot's date (aging_item_date, aging_bucket_for) and
 * feeds it here; nothing is read or printed.
 *
 * The feed.  The EARLIER snapshot's lines first (roll_add_earlier), then
 * roll_begin_later, the LATER snapshot's lines (roll_add_later), then
 * roll_finish; the results are read after it.  A line is its key (bytes
 * the caller builds from customer, currency, company, doc_no and line), the
 * customer (the caller's dense index), its currency, its column at its own
 * snapshot (0 current, 1..n the buckets, n + 1 the open end, as
 * aging_bucket_for gives; `columns` = aging_columns) and its signed amount.
 * Amounts of different currencies are never added: every figure below is
 * per currency.
 *
 * Items.  Each line's own sign decides: a line whose amount is above zero
 * is a debit and takes part in the matrix; a line at or below zero is a
 * credit, summed apart per snapshot (credits_before, credits_after),
 * whatever its key.  The debit lines of one key in one snapshot are one
 * item (the lines of one document): their amounts add up, and in the
 * earlier snapshot the item sits in the oldest of their columns (give the
 * line in the key when the input has one, so that instalments stay apart).
 *
 * The matrix, per currency (minor units; c an earlier column, c2 a later):
 *   before[c]     the earlier items in column c
 *   to[c][c2]     of them, what is found in the later snapshot in column
 *                 c2: a later line of the same key takes at most what is
 *                 left of the earlier item (an item paid in part moves
 *                 with what is left), in the order the lines are fed
 *   cleared[c]    the rest of before[c]: items gone, and the parts paid
 *   grown[c2]     a later line's amount beyond what was left of its item
 *                 (an item that grew counts at its earlier amount above)
 *   appeared[c2]  later debits whose key the earlier snapshot lacks ("new")
 *   after[c2]     the later debits in column c2
 * so that, checked by roll_finish, for every c and c2:
 *   before[c] = sum over c2 of to[c][c2] + cleared[c]
 *   after[c2] = sum over c of to[c][c2] + appeared[c2] + grown[c2]
 * A snapshot's total in the currency is its debits plus its credits (the
 * sum of before[] + credits_before, of after[] + credits_after); column by
 * column, before[] is the earlier aging's debits unless lines of one key
 * fell in different columns.
 *
 * Rates of column c, in per mille (tenths of a per cent) of before[c],
 * rounded half away from zero each on its own (so the four that part it,
 * rolled_forward + stayed + cured + cleared, may miss 1000 by 2); undefined
 * when before[c] is 0:
 *   rolled_forward  to any later column than c
 *   moved_to_next   to c + 1 exactly (0 for the open end)
 *   stayed          to c
 *   cured           to an earlier column than c
 *   cleared         cleared[c]
 *
 * Customers, per (customer, currency), at each snapshot, as an aging row
 * sums them (every line, debits and credits, signed):
 *   total     the balance
 *   overdue   of it, the columns 1 and above
 *   over_90   of it, the columns from first_over_90_column (the first whose
 *             days all exceed 90: roll_first_column_over(buckets, 90))
 *   rolled    the customer's part of the matrix's to[c][c2] with c2 > c:
 *             what rolled into a worse column
 * A row is
 *   newly past 90  when over_90 was 0 or less earlier and is above 0 later
 *   at risk        when overdue was above 0 earlier and total is higher
 *                  later (its evidence: the two totals, rolled, over_90
 *                  later; broken promises and the credit limit come from
 *                  the journal and the master, the caller's to join by
 *                  customer index)
 * A customer with two currencies may be on a list in one of them only.
 *
 * Memory.  The one table here that follows the items, not the customers:
 * the earlier snapshot's items as 64-bit fingerprints of (key, currency)
 * with their column and amount, 24 bytes a slot in a table at most three
 * quarters full (32 to 64 bytes an earlier item), freed by roll_finish.
 * The key's text is not kept: among n keys of the two snapshots, two
 * share a fingerprint by chance with a probability of about n^2 / 2^65
 * (10^-7 for a million items a snapshot, 10^-5 for ten million); the
 * totals still reconcile then, but one item's amount is read as the
 * other's.  The customers' rows follow the customers (about 80 bytes a
 * (customer, currency)), indexed by customer: give dense indices.
 */
#ifndef ROLL_H
#define ROLL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/currency.h"
#include "core/errors.h"
#include "ar/aging.h"

struct roll;

/*
 * The first aging column all of whose days overdue exceed `days`: 1 when
 * days < 1, else the bucket after the one ending at or past `days`
 * (30,60,90,120 and 90: 4, the 91-120 column); aging_columns(b) when there
 * is none (30,60 and 90: the open end 61+ holds 61 to 90 days too).
 */
int roll_first_column_over(const struct aging_buckets *b, int days);

/*
 * An empty roll over `columns` aging columns (2 .. AGING_MAX_COLUMNS), the
 * columns from first_over_90_column (1 .. columns; columns: none) being
 * over 90 days.  The caller frees it with roll_free.  AR_EUSAGE for
 * arguments out of range, AR_ENOMEM.
 */
ar_err roll_new(int columns, int first_over_90_column, struct roll **out);
void roll_free(struct roll *r);

/* One line of a snapshot; key[0..len) need not be terminated and is not kept. */
struct roll_line {
	const char *key;
	size_t len;
	uint32_t customer;      /* the caller's dense index */
	currency_id currency;   /* 0 .. CURRENCY_MAX - 1 */
	int column;             /* 0 .. columns - 1 */
	int64_t amount;         /* minor units; above 0: the customer owes */
};

/*
 * Feed a line of the earlier snapshot, before roll_begin_later.  AR_EUSAGE
 * after roll_begin_later (there is no AR_EINVAL: AR_EUSAGE is the code for
 * a call that makes no sense) or for a column or currency out of range;
 * AR_ERANGE when a sum would overflow; AR_ENOMEM.  A line refused is not
 * added: every sum is as it was.
 */
ar_err roll_add_earlier(struct roll *r, const struct roll_line *line);

/*
 * The earlier snapshot is whole: its sums per column are made.  AR_EUSAGE
 * when called twice or after roll_finish; AR_ERANGE (nothing done) when a
 * column's sum overflows.
 */
ar_err roll_begin_later(struct roll *r);

/* Feed a line of the later snapshot; errors as roll_add_earlier, AR_EUSAGE before roll_begin_later. */
ar_err roll_add_later(struct roll *r, const struct roll_line *line);

/*
 * The later snapshot is whole: what is left of the earlier items is
 * cleared, the item table freed, the lists ordered, the matrix's two
 * identities checked.  AR_EUSAGE when not after roll_begin_later (or
 * twice), AR_ERANGE, AR_ENOMEM, AR_EINVARIANT when an identity fails (a
 * bug).  The results below are there only after it returns AR_OK.
 */
ar_err roll_finish(struct roll *r);

struct roll_matrix {
	currency_id currency;
	int columns;
	int64_t before[AGING_MAX_COLUMNS];
	int64_t to[AGING_MAX_COLUMNS][AGING_MAX_COLUMNS];   /* [earlier][later] */
	int64_t cleared[AGING_MAX_COLUMNS];
	int64_t grown[AGING_MAX_COLUMNS];
	int64_t appeared[AGING_MAX_COLUMNS];
	int64_t after[AGING_MAX_COLUMNS];
	int64_t credits_before, credits_after;   /* 0 or less */
};

/*
 * The matrix of currency cur, NULL when neither snapshot had a line in it
 * (or before roll_finish).  It lives as long as r.  For every currency:
 * for (currency_id c = 0; c < CURRENCY_MAX; c++) if ((m = roll_matrix_of(r, c)) ...
 */
const struct roll_matrix *roll_matrix_of(const struct roll *r, currency_id cur);

struct roll_rates {
	bool defined;           /* before[column] > 0 */
	int rolled_forward, moved_to_next, stayed, cured, cleared;   /* per mille */
};

/* The rates of one column of m (0 .. m->columns - 1; any other: undefined). */
struct roll_rates roll_rates_of(const struct roll_matrix *m, int column);

/* A customer's sums at one snapshot. */
struct roll_balance {
	int64_t total, overdue, over_90;
};

struct roll_customer {
	uint32_t customer;
	currency_id currency;
	struct roll_balance earlier, later;
	int64_t rolled;
	uint32_t next;          /* the table's own chain */
};

bool roll_newly_past_90(const struct roll_customer *c);
bool roll_at_risk(const struct roll_customer *c);

enum roll_list { ROLL_ALL, ROLL_NEWLY_PAST_90, ROLL_AT_RISK };

/*
 * The rows of a list one at a time, in customer-index order and, within a
 * customer, by currency code; NULL at the end (or before roll_finish).
 *   size_t pos = 0;
 *   while ((c = roll_next(r, ROLL_AT_RISK, &pos)) != NULL) ...
 * The rows live as long as r.
 */
const struct roll_customer *roll_next(const struct roll *r, enum roll_list list, size_t *pos);

#endif
