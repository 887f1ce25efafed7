/*
 * refund_pay.h - the approved proposal weighed for payment (issue 19):
 * which rows are paid, which are not and why, which stop the payment.
 *
 * Each row read with refund_proposal_parse (refund.h) goes to
 * refund_approved_add, which weighs it in this order:
 *   - a refund_id seen before in the file: an error, "refund_id R-.. twice"
 *     (whatever the status of either row);
 *   - status not approved: not paid, counted as proposed, excluded or other;
 *   - a refund row in the journal with its refund_id as ref (whatever its
 *     date: paid is paid; refund_journal_entry writes it): not paid again,
 *     counted;
 *   - with a customer master: the customer not in it, or bank details not
 *     the master's (the account compared as refund_account_valid's digits,
 *     the bank_code exactly, the holder as refund_bank_holder): an error,
 *     "propose again", for the approver saw other details than the bank
 *     would be sent;
 *   - value_date empty: the default value date;
 *   - value_date before the as-of date: an error, a bank does not pay in
 *     the past;
 *   - else the row is paid: kept, its texts copied, status "approved".
 * An error stops the payment: the caller writes nothing.
 */
#ifndef REFUND_PAY_H
#define REFUND_PAY_H

#include <stdbool.h>
#include <stddef.h>

#include "ar/refund.h"
#include "core/date.h"
#include "core/errors.h"

/* The rows of one approved proposal, and what was paid before. */
struct refund_approved;

/*
 * A set for rows paid at as_of, value_date the day of rows without one.
 * master is the customer master the bank details are checked against (NULL:
 * not checked), master_name its file's name for the messages; both must
 * outlive the set.  NULL when out of memory; the caller frees it with
 * refund_approved_free.
 */
struct refund_approved *refund_approved_new(civil_day as_of, civil_day value_date,
    const struct customer_table *master, const char *master_name);
void refund_approved_free(struct refund_approved *s);

/*
 * A row of the journal, before the first refund_approved_add: a refund row
 * with a ref marks that refund_id paid.  AR_ENOMEM.
 */
ar_err refund_approved_note_journal(struct refund_approved *s, const char *action, size_t alen,
    const char *ref, size_t rlen);

/* What becomes of an approved proposal's row. */
enum refund_verdict {
	REFUND_TO_PAY,         /* kept for the payment */
	REFUND_NOT_APPROVED,   /* its status is not approved */
	REFUND_ALREADY_PAID    /* the journal has its refund row */
};

/*
 * Weigh row l, read at line of the file, as the header says.  AR_OK with
 * *verdict (verdict may be NULL); AR_ESYNTAX (a refund_id twice, a customer or bank details not
 * the master's) or AR_ERANGE (value_date in the past) with *e at line, the
 * message naming the refund_id; AR_ENOMEM.
 */
ar_err refund_approved_add(struct refund_approved *s, const struct refund_line *l, long line,
    enum refund_verdict *verdict, struct ar_error *e);

/* The rows not paid, counted. */
struct refund_approved_tally {
	unsigned long not_approved;        /* every row not approved */
	unsigned long proposed, excluded;  /* of those, status proposed, excluded */
	unsigned long other;               /* and any other status */
	unsigned long already_paid;
	const char *first_paid;            /* the first one's refund_id; NULL when none */
};

void refund_approved_tally(const struct refund_approved *s, struct refund_approved_tally *t);

/*
 * The rows to pay, in the order read, with their value_date set and
 * status "approved"; *n of them.  Valid until refund_approved_free.
 */
const struct refund_line *refund_approved_lines(const struct refund_approved *s, size_t *n);

struct journal_entry;

/*
 * The journal row (journal_write.h) that records l as paid, the row
 * refund_approved_note_journal reads back: dated its value_date, action
 * refund, its amount and currency, ref its refund_id; note and user the
 * caller's (the payment file's MsgId, who paid).  The texts of *out belong
 * to l and the caller.
 */
void refund_journal_entry(const struct refund_line *l, const char *note, const char *user,
    struct journal_entry *out);

#endif
