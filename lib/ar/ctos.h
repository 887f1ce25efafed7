/*
 * ctos.h - the credit-bureau listing of bad payers (issue 16): who may be
 * listed with CTOS this month, for how much, and what the portal must be
 * told against what is listed now (ctos_state.h).
 *
 * A debtor's listing, in the bureau's currency ([ctos] currency, MYR):
 *   - its items past due (due date before the as-of date) that are
 *     positive and not disputed (the items' dispute column, or an open
 *     dispute in the journal on the document or the whole account);
 *   - its credits (every negative item: credit notes, unapplied payments)
 *     taken off those items oldest first (due date, document date,
 *     doc_no), as a cash application would: an item they cover is paid,
 *     so that nothing is listed for more than is owed;
 *   - outstanding = the sum of what is left.
 *
 * Eligible when all hold, else the first reason that fails, in this order:
 *   not_overdue        nothing outstanding past due
 *   dispute            items past due, all of them disputed
 *   written_off        status written_off and [ctos] list_written_off = no
 *   below_minimum      outstanding < [ctos] min_amount (150.00)
 *   too_recent         the oldest item listed is past due < [ctos] min_days (60)
 *   no_notice          no notice of intended listing in the journal: a letter
 *                      at level [ctos] notice_level, or a ctos_notice row
 *   notice_too_recent  the notice is dated after as-of - [ctos] notice_days (14)
 *                      (these three are waived, with [ctos] judgment = yes, for
 *                      a debtor whose legal case reached judgment on or before
 *                      as-of: a court's judgment is itself the public record)
 *   invalid_id         reg_no missing or invalid under id_type (regid.h), or
 *                      the customer is not in the master
 *
 * Against what is listed (one action per debtor):
 *   listed, eligible, the same items at the same amounts   none
 *   not listed, eligible                                   NEW
 *   listed, eligible, outstanding lower, only by items
 *     paid in part or in full                              PART_PAID
 *   listed, eligible, any other change                     AMEND
 *   listed, not eligible, every listed item paid           SETTLED
 *   listed, not eligible, a listed item now disputed       DISPUTE_HOLD
 *   listed, not eligible, for another reason               WITHDRAW
 * so a debtor whose listed items are all paid never stays listed.
 */
#ifndef CTOS_H
#define CTOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"

/* [ctos] */
struct ctos_policy {
	currency_id currency;        /* currency, default MYR */
	int64_t min_amount;          /* min_amount in minor units of currency, default 150.00 */
	int min_days;                /* default 60 */
	int notice_level;            /* 0 (the default): no letter is a notice */
	int notice_days;             /* default 14 */
	bool list_written_off;       /* default yes */
	bool judgment;               /* a judgment lists without notice or wait; default no */
};

/* [ctos] of cfg into *p; AR_ECONFIG with a whole message in msg for a value that does not read. */
ar_err ctos_policy_from_config(const struct ar_config *cfg, struct ctos_policy *p, char *msg,
    size_t cap);

enum ctos_reason {
	CTOS_ELIGIBLE,
	CTOS_NOT_OVERDUE, CTOS_DISPUTE, CTOS_WRITTEN_OFF, CTOS_BELOW_MINIMUM, CTOS_TOO_RECENT,
	CTOS_NO_NOTICE, CTOS_NOTICE_TOO_RECENT, CTOS_INVALID_ID,
	CTOS_NREASONS
};

/* "not_overdue", ... as above; "" for CTOS_ELIGIBLE. */
const char *ctos_reason_word(enum ctos_reason r);

enum ctos_action {
	CTOS_NONE, CTOS_NEW, CTOS_AMEND, CTOS_PART_PAID, CTOS_SETTLED, CTOS_DISPUTE_HOLD,
	CTOS_WITHDRAW,
	CTOS_NACTIONS
};

/* "NEW", "AMEND", "PART_PAID", "SETTLED", "DISPUTE_HOLD", "WITHDRAW"; "" for CTOS_NONE. */
const char *ctos_action_word(enum ctos_action a);

/* The journal action an action is recorded as: ctos_list, ctos_amend or ctos_remove. */
const char *ctos_action_journal(enum ctos_action a);

/* One open item of a debtor in the bureau's currency. */
struct ctos_item {
	const char *doc_no;          /* the caller's; lives as long as the item */
	civil_day doc_date, due_date;
	int64_t amount;              /* the open amount, + the debtor owes */
	bool disputed;
};

/* One item as listed (the state) or to be listed. */
struct ctos_listed {
	const char *doc_no;
	civil_day doc_date, due_date;
	int64_t original;            /* outstanding when first listed */
	int64_t outstanding;
	civil_day listing_date;
};

/* What the debtor's notice, status and registration say. */
struct ctos_facts {
	civil_day notice_date;       /* the latest notice on or before as-of - notice_days; DATE_NONE */
	civil_day notice_latest;     /* the latest notice on or before as-of; DATE_NONE */
	bool written_off;
	bool id_valid;
	civil_day judgment_date;     /* the debtor's legal case reached judgment (ar-legal); DATE_NONE */
};

/*
 * The listing of a debtor from its open items (in any order; sorted here
 * oldest first): into out[0..*n) the undisputed items past due at as_of
 * with what is left of them after the credits, listing_date as_of and
 * original = outstanding; *outstanding their sum.  out holds nitems.
 * *disputed_past_due tells whether any positive disputed item is past
 * due.
 */
void ctos_listing(struct ctos_item *items, size_t nitems, civil_day as_of,
    struct ctos_listed *out, size_t *n, int64_t *outstanding, bool *disputed_past_due);

/*
 * A debtor's open items summed as they stream past, so that only debtors
 * who may be listed (or are listed now) need their items kept: the
 * undisputed positive items past due, the credits, the oldest due date,
 * and whether a disputed item is past due.
 */
struct ctos_tally {
	int64_t past_due;            /* undisputed positive items past due */
	int64_t credits;             /* negative items, as a positive sum */
	civil_day oldest_due;        /* of those past due; DATE_NONE */
	civil_day last_payment;      /* the latest payment seen; DATE_NONE */
	size_t lines;                /* items added */
	bool disputed_past_due;
	bool seen;                   /* has an item in the bureau's currency */
};

#define CTOS_TALLY_INIT { .oldest_due = DATE_NONE, .last_payment = DATE_NONE }

/* Add an open item; AR_ERANGE when a sum overflows. */
ar_err ctos_tally_add(struct ctos_tally *t, const struct ctos_item *it, civil_day as_of);

/* A payment of the debtor on day (a PAY item's date, an item cleared, a promise kept). */
void ctos_tally_paid(struct ctos_tally *t, civil_day day);

/*
 * The reason the sums give.  The credits paying the oldest items first
 * leave the same outstanding and an oldest item no older, so a reason
 * before no_notice in the order above is the listing's too
 * (ctos_tally_final); from no_notice on, or eligible, ctos_listing over
 * the debtor's items decides.
 */
enum ctos_reason ctos_tally_reason(const struct ctos_policy *p, civil_day as_of,
    const struct ctos_tally *t, const struct ctos_facts *f);
bool ctos_tally_final(enum ctos_reason r);

/* The first reason the debtor may not be listed, or CTOS_ELIGIBLE. */
enum ctos_reason ctos_decide(const struct ctos_policy *p, civil_day as_of,
    const struct ctos_listed *listing, size_t n, int64_t outstanding, bool disputed_past_due,
    const struct ctos_facts *f);

/* What became of one item listed now (the state) this month. */
enum ctos_item_fate {
	CTOS_ITEM_SAME,              /* still listed at the same amount */
	CTOS_ITEM_LOWER,             /* still listed, less outstanding (paid in part) */
	CTOS_ITEM_HIGHER,            /* still listed, more outstanding */
	CTOS_ITEM_PAID,              /* no longer owed: paid, credited, cleared */
	CTOS_ITEM_DISPUTED,          /* still open, now disputed */
	CTOS_ITEM_DROPPED            /* still owed, no longer listed (not past due) */
};

/*
 * The action for a debtor: state[0..nstate) what is listed now (empty: not
 * listed), listing[0..n) and reason this month's, items[0..nitems) its
 * open items (to tell paid from disputed).  fate[i] says what became of
 * state[i] (fate may be NULL).  Items are matched on doc_no.
 */
enum ctos_action ctos_diff(const struct ctos_listed *state, size_t nstate,
    const struct ctos_listed *listing, size_t n, enum ctos_reason reason, civil_day as_of,
    const struct ctos_item *items, size_t nitems, enum ctos_item_fate *fate);

/*
 * What the state knew of the items listed again: their original amount
 * and listing date carried into listing[0..n) from state[0..nstate).
 */
void ctos_carry_over(const struct ctos_listed *state, size_t nstate, struct ctos_listed *listing,
    size_t n);

/* "paid", "dispute", ... for a row of the update; "" for SAME, LOWER, HIGHER. */
const char *ctos_fate_word(enum ctos_item_fate f);

#endif
