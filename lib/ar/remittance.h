/*
 * remittance.h - remittance advices: what a customer says a bank payment
 * pays (ar-match --remittance advices.csv).
 *
 * A bank credit rarely names every invoice it pays; the customer's advice
 * does.  The advices file is a CSV with a header, columns found by name
 * (ASCII case ignored; csvio already refuses two names that differ only in
 * case, so no lookup is ambiguous):
 *
 *   payment_id      optional: the payment the line belongs to, the exact
 *                   payment_id of the payments stream;
 *   payer, value_date, payment_amount
 *                   the payment otherwise: all three needed (non-empty) on a
 *                   row without a payment_id; not read on a row with one;
 *   doc_no          required, non-empty: the document the line pays;
 *   amount          required: what the line pays on it, more than zero;
 *   currency        optional: when non-empty, the line's currency code.
 *
 * A header without payment_id and without all of payer, value_date and
 * payment_amount, or without doc_no or amount, is AR_ECOLUMN.
 *
 * Lines with the same key form one advice, wherever they stand in the
 * file: the same payment_id, or (no payment_id) the same normalised payer
 * (payer_name_normalise), the same value_date (the day, however written)
 * and the same payment_amount text.  An advice keeps its lines in file
 * order.  The lines of one advice that name a currency must name the same
 * one: an advice pays one payment, which has one currency.
 *
 * Amounts are read as the payments stream reads them (money_parse, '.'
 * for decimals, ',' grouping thousands).  A line that names its currency
 * is read and checked when loaded; a line that does not takes the
 * decimals of the payment it is matched to, so only its syntax and sign
 * are checked when loaded and the rest when remittance_find hands it back.
 *
 * The file is small (advices for a day) and is held whole.  Messages
 * follow "FILE:LINE: " (errors.h); the library never prints.
 */
#ifndef REMITTANCE_H
#define REMITTANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ar/payments.h"
#include "core/csvio.h"
#include "core/date.h"
#include "core/errors.h"

struct remittance_table;   /* opaque */

/* One line of an advice, as remittance_find hands it back. */
struct remittance_line {
	const char *doc_no;   /* NUL-terminated, the table's: lives until remittance_free */
	int64_t amount;       /* minor units of the payment's currency, more than zero */
	long line;            /* line in the file, for messages */
};

/*
 * Lines of one advice handed back: the caller's array lives on its stack,
 * and one payment's allocations must stay bounded (match.h), so an advice
 * may cite as many documents as one bank reference may (DOCREF_MAX) and
 * no more.  A 65th line of one advice is an error at its line when loading.
 */
#define REMITTANCE_LINES_MAX 64

/*
 * Read every advice of an open reader (the caller still closes it) into
 * *out; dates as dates allows (NULL: DATE_OPTS_DEFAULT), as
 * payments_parse reads them.  The caller owns *out and frees it with
 * remittance_free.  On error *out is NULL and *e says what and at which
 * line: AR_ECOLUMN (line 1) for a missing column; AR_ESYNTAX, AR_ERANGE,
 * AR_EDECIMALS, AR_ECURRENCY for a row (an empty doc_no, a payment_id
 * longer than any payments_make_id gives, a row without a payment_id
 * lacking payer, value_date or payment_amount, a payer with no
 * letters or digits, a date, currency or amount that does not read, an
 * amount or payment_amount of zero or less, a second currency in one
 * advice, too many lines); the reader's own error; AR_ENOMEM.
 */
ar_err remittance_load(struct remittance_table **out, struct csvio_reader *r,
    const struct date_opts *dates, struct ar_error *e);

/* Free a table from remittance_load; NULL is fine. */
void remittance_free(struct remittance_table *t);

/*
 * The advice of payment p, marked used: its lines (amounts in p's
 * currency) into lines[], count in *n (0: none).
 *
 * Matching: an advice with payment_id equal to p->id (a hash lookup; when
 * there is one, it is the only one considered, so a payment its customer
 * named is never given another's advice); else one without payment_id
 * whose value_date equals p->value_date, whose payment_amount read in
 * p->currency equals p->amount, whose lines name no currency other than
 * p's, and whose normalised payer equals p->payer normalised or scores at
 * least PAYER_NAME_LIKELY with it (payer_name_similarity) -- the best
 * score wins, ties to the advice first in the file.  An advice already
 * used is never handed back again.
 *
 * AR_ESYNTAX, AR_ERANGE, AR_EDECIMALS (money_decimals_message) or
 * AR_ECURRENCY in *e at the line when an amount of the chosen advice does
 * not read in p's currency or is not more than zero, or a line's currency
 * differs from p's (the message says both codes); then *n is 0 and the
 * advice stays unused.  AR_ENOMEM; AR_EUSAGE for a NULL table or payment,
 * or a payment currency no currency_lookup returned.
 */
ar_err remittance_find(struct remittance_table *t, const struct payment *p,
    struct remittance_line lines[REMITTANCE_LINES_MAX], size_t *n, struct ar_error *e);

/*
 * The advices in file order (of their first line), for the command to
 * report those never handed back ("LINE: advice for payment X was not
 * used"): i = 0 .. remittance_count(t) - 1.  key is the payment_id, or
 * for an advice without one "PAYER, YYYY-MM-DD, PAYMENT_AMOUNT" (payer and
 * payment_amount as its first line writes them); it is the table's.
 */
size_t remittance_count(const struct remittance_table *t);

struct remittance_advice_info {
	long line;          /* the advice's first line */
	const char *key;
	bool used;          /* handed back by remittance_find */
	size_t nlines;
};

void remittance_advice(const struct remittance_table *t, size_t i,
    struct remittance_advice_info *out);

#endif
