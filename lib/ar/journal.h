/*
 * journal.h - the collections journal (DESIGN.md: one action or event a
 * row: date, customer, action, doc_no, amount, currency, due, ...) read
 * into what a report needs to know about each customer at an as-of date:
 * the last action, the open promise to pay, the open disputes.
 *
 * The journal is append-only but two writers or a late entry can put rows
 * out of date order, so "later" is always by (date, line), never by
 * position alone.  Rows dated after the as-of date are not yet known at
 * that date and are ignored, so that a report re-run for a past date shows
 * what it showed then.
 *
 *   open promise   the latest promise row (a newer promise replaces an
 *                  older one) whose due date is on or after the as-of
 *                  date and which no later promise_broken, promise_kept or
 *                  payment row of the customer follows
 *   open dispute   per doc_no: a dispute row that no later
 *                  dispute_resolved row for the same doc_no follows (an
 *                  empty doc_no is a dispute about the whole account)
 *   last action    the latest row of any action
 *   last dunning   the latest letter, email, sms or im row with a level (a
 *                  dunning level, a whole number from 1): its level and
 *                  date, of the customer and, by journal_dunned, of one
 *                  currency (ar-dunning escalates one level at a time)
 *   hold           the latest hold row: held until its due date (on it
 *                  included), or with no due date until a later hold
 *                  row with a due date in the past lifts it
 *   broken promise the latest promise, due before the as-of date, that no
 *                  later promise_kept or payment row follows (a
 *                  promise_broken row says so outright)
 *
 * Memory follows the customers (and their disputes) in the journal, not
 * its rows.
 */
#ifndef JOURNAL_H
#define JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/errors.h"
#include "core/csvio.h"
#include "core/currency.h"
#include "core/date.h"
#include "ar/items.h"

/* "Later" in the journal: by date, then by line for rows of one day. */
struct journal_seq {
	civil_day date;
	long line;
};

static inline bool
journal_seq_after(struct journal_seq a, struct journal_seq b)
{
	return a.date > b.date || (a.date == b.date && a.line > b.line);
}

/* Column indexes; -1 when absent.  date, customer and action are required. */
struct journal_columns {
	int date, customer, action, doc_no, amount, currency, due, level;
};

/* What one customer's journal says at the as-of date. */
struct journal_facts {
	civil_day last_date;          /* DATE_NONE: no action at all */
	const char *last_action;      /* "" when none */
	bool promise_open;
	civil_day promise_due;        /* the day the customer promised to pay by */
	civil_day promise_date;       /* the day the promise was made */
	bool promise_has_amount;      /* an empty amount promises "the balance" */
	int64_t promise_amount;       /* minor units of promise_currency */
	currency_id promise_currency;
	/*
	 * false: the row named no currency; promise_currency is then the
	 * default and the promise belongs to the customer's only currency.
	 */
	bool promise_currency_given;
	int dun_level;                /* the last dunning level sent; 0: none */
	civil_day dun_date;           /* when; DATE_NONE when none */
	bool held;                    /* a hold is on at the as-of date */
	civil_day hold_until;         /* its last day; DATE_NONE: no end given */
	bool promise_broken;          /* the latest promise was broken */
	bool with_agency;             /* an agency_assign not followed by an agency_recall */
	bool legal_open;              /* a legal case (legal.h) whose latest stage has not ended it */
	size_t open_disputes;
	civil_day dispute_since;      /* the earliest date among the open disputes' rows */
	const char *dispute_docs;     /* their doc_nos, "; "-separated, by doc_no; "" when none */
};

struct journal;

/*
 * A journal read at as_of; promise amounts without a currency column (or
 * with it empty) are in default_currency.  The caller owns *out and frees
 * it with journal_free().  AR_ENOMEM.
 */
ar_err journal_new(struct journal **out, civil_day as_of, currency_id default_currency);
void journal_free(struct journal *j);

/* Find the columns; AR_ECOLUMN with *missing naming the first missing one. */
ar_err journal_bind(const struct csvio_reader *r, struct journal_columns *cols,
    const char **missing);

/*
 * Take one row.  AR_ESYNTAX / AR_ERANGE / AR_EDECIMALS / AR_ECURRENCY with
 * *problem worded at the row's line (a bad date, a promise without due
 * date, a bad amount; its file left as it was): the journal is then
 * unchanged.  AR_ENOMEM.
 */
ar_err journal_add(struct journal *j, const struct csvio_record *rec,
    const struct journal_columns *cols, const struct item_format *fmt,
    struct ar_error *problem);

/*
 * Read a whole journal stream from r: bind its columns (AR_ECOLUMN at line
 * 1 naming the missing one), then journal_add every record.  A bad row
 * stops the read with its error in *e, unless bad_row (may be NULL) says
 * ROW_SKIP.  The reader's own errors (a damaged file) always stop: *e
 * then holds the reader's.  AR_ENOMEM.
 */
ar_err journal_load(struct journal *j, struct csvio_reader *r,
    const struct item_format *fmt, bad_row_fn bad_row, void *ctx,
    struct ar_error *e);

/*
 * The facts about a customer, NULL when the journal never names it.  The
 * result (and its strings) is the journal's, valid until journal_free; the
 * first call for a customer works out the facts, so call it after the
 * last journal_add.
 */
const struct journal_facts *journal_find(struct journal *j, const char *customer,
    size_t len);

/*
 * The last dunning level sent to the customer in currency (letter, email
 * sms or im rows with a level, of that currency or naming none) and its
 * date: false, 0 and DATE_NONE when there is none.
 */
bool journal_dunned(struct journal *j, const char *customer, size_t len, currency_id currency,
    int *level, civil_day *date);

/*
 * Whether the customer's doc_no[0..dlen) is under an open dispute: one for
 * that document, or one about the whole account (empty doc_no).  Call
 * after the last journal_add.
 */
bool journal_disputed(struct journal *j, const char *customer, size_t len,
    const char *doc_no, size_t dlen);

/* Rows taken, and those ignored for being dated after the as-of date. */
unsigned long journal_rows(const struct journal *j);
unsigned long journal_future_rows(const struct journal *j);

#endif
