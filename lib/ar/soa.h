/*
 * soa.h - statements of account (issue 19): one statement per customer
 * and currency, from a ledger extract (every item, open and cleared, with
 * its clearing_date) or from the open items alone.
 *
 *   opening    at the period's first day `from`: every item dated before
 *              it and not cleared before it (cleared on or after `from`,
 *              or still open)
 *   lines      every document dated from `from` to as-of (invoices,
 *              credit notes, payments, adjustments, ...), by document
 *              date then in the order read, each with the running balance
 *   closing    opening + the lines
 *   open       the open items at as-of (not cleared on or before as-of),
 *              and their aging; the closing must equal them (soa_balanced)
 *
 * Without a ledger the open items are the statement: a line each, or,
 * before `from` when one is given, summed into the opening (brought
 * forward); the closing is then the open items by construction.
 * Items dated after as-of are not yet known: soa_add leaves them out and
 * says so (SOA_LATER) for the caller to count.
 *
 *   soa_new(&set, &period);
 *   soa_add(set, customer, terms_days, &item, SOA_LEDGER or SOA_OPEN) per row;
 *   soa_finish(set);
 *   soa_count / soa_get, soa_balanced;
 *   soa_free(set);
 *
 * Memory follows the statements: a sum per (customer, currency) and the
 * lines of the period only.
 */
#ifndef SOA_H
#define SOA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ar/aging.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"

struct soa_period {
	civil_day from;          /* DATE_NONE: no period start (open items only) */
	civil_day as_of;
	bool ledger;             /* lines come from SOA_LEDGER rows, else from SOA_OPEN ones */
	bool open_from_ledger;   /* the ledger's items open at as-of are the open items (no ITEMS) */
	struct aging_policy aging;   /* as_of, basis, credits, buckets, default terms */
};

/* One row read: a ledger item or an open item.  Texts are copied by soa_add. */
struct soa_item {
	const char *doc_no, *doc_type, *ref;
	size_t doc_no_len, doc_type_len, ref_len;
	civil_day doc_date, due_date;
	civil_day cleared;       /* DATE_NONE while open (ledger rows) */
	currency_id currency;
	int64_t amount;          /* minor units, + the customer owes */
};

enum soa_source { SOA_LEDGER, SOA_OPEN };

/* What soa_add did with a row. */
enum soa_taken {
	SOA_TAKEN,               /* counted */
	SOA_LATER,               /* dated after as-of: left out */
	SOA_CLEARED_BEFORE       /* a ledger item cleared before `from` and dated before it: nothing */
};

struct soa_line {
	civil_day date, due;
	const char *doc_no, *doc_type, *ref;   /* NUL-terminated, the set's */
	int64_t amount;          /* + debit, - credit */
	int64_t balance;         /* the running balance after this line */
	size_t seq;              /* order read */
};

struct soa_statement {
	uint32_t customer;       /* the caller's id */
	currency_id currency;
	int64_t opening, debits, credits, closing;   /* credits as a positive sum */
	int64_t open;            /* the open items at as-of */
	size_t open_items;       /* how many */
	int64_t aging[AGING_MAX_COLUMNS];   /* the open items by bucket (aging_columns) */
	struct soa_line *lines;
	size_t nlines, cap;
	size_t rows;             /* rows of the customer and currency counted at all */
	uint32_t next;           /* the customer's next statement + 1; 0 ends */
};

struct soa_set;

/* An empty set for the period.  AR_ENOMEM.  Free with soa_free. */
ar_err soa_new(struct soa_set **out, const struct soa_period *p);
void soa_free(struct soa_set *s);

/*
 * Count row it of customer (a dense id) with its terms (-1: unknown, the
 * default terms apply to an item without due date), per the period:
 * *taken says how.  AR_ERANGE when a sum would overflow (the set is
 * unchanged), AR_ESYNTAX when an open item has no date to age it from,
 * AR_ENOMEM.
 */
ar_err soa_add(struct soa_set *s, uint32_t customer, int terms_days, const struct soa_item *it,
    enum soa_source source, enum soa_taken *taken);

/* Order each statement's lines and work out the running balances and closing.  AR_ERANGE. */
ar_err soa_finish(struct soa_set *s);

/* The statements, in the order first seen; soa_of: the customer's first, or NULL. */
size_t soa_count(const struct soa_set *s);
const struct soa_statement *soa_get(const struct soa_set *s, size_t i);
const struct soa_statement *soa_of(const struct soa_set *s, uint32_t customer);
const struct soa_statement *soa_next(const struct soa_set *s, const struct soa_statement *st);

/* Whether the closing balance is the open items'. */
static inline bool
soa_balanced(const struct soa_statement *st)
{
	return st->closing == st->open;
}

/* Whether a statement has anything to say: a balance, a line or an open item. */
static inline bool
soa_has_content(const struct soa_statement *st)
{
	return st->opening != 0 || st->nlines > 0 || st->closing != 0 || st->open != 0 ||
	    st->open_items > 0;
}

/*
 * The period's first day when none is given: with a ledger the first day
 * of as-of's month (a monthly statement), without one DATE_NONE (every
 * open item is a line).
 */
civil_day soa_default_from(civil_day as_of, bool ledger);

#endif
