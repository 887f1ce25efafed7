/*
 * recon.h - reconciling a customer's ledger of us with our items
 * (issue 19, ar-recon): their lines matched to our documents, every
 * difference classified, and the tie-out
 *
 *   balance(ours) - balance(theirs) = sum of the differences
 *
 * per currency, to the cent.
 *
 * Both sides are in our sign: + the customer owes us.  Our side is a
 * document: the items of one doc_no and currency (the lines of one
 * document) added up.  Their side is a line of their ledger, each on its
 * own.  A line is paired with at most one document and a document with at
 * most one line, in three passes, each over the lines left by the one
 * before, lines in file order:
 *
 *   1. doc_no     the key (docref.h, as ar-match compares document
 *                 numbers) of their document number, its prefix stripped
 *                 by the reader, is the key of one of our documents in the
 *                 same currency, whatever the signs;
 *   2. reference  a key their reference cites (docref_extract) is the key
 *                 of one of our documents in the same currency and of the
 *                 same sign (a payment or a deduction that cites an
 *                 invoice is not the invoice);
 *   3. amount and date
 *                 the line and a document have the same amount and
 *                 currency, dates at most match_days apart, and neither
 *                 has another such partner.
 *
 * Then every pair and every one left alone is a row of one class:
 *
 *   matched              a pair, the same amount
 *   amount_differs       a pair, amounts apart
 *   missing_theirs       our document, no line: they have not booked it
 *   missing_ours         their line, no document, not one of the two below
 *   payment_in_transit   their payment (RECON_PAYMENT) reducing what they
 *                        owe, no document: paid by them, not in our items
 *   credit_note_pending  their deduction or debit note (RECON_DEDUCTION)
 *                        reducing what they owe, no document: they took a
 *                        credit we have not issued a credit note for
 *
 * A row's difference is ours - theirs, an absent side counting 0.
 * With the payments stream offered (recon_offer_payment), a payment in
 * transit is looked for in our bank: a credit of its amount and currency
 * valued no earlier than match_days before their date, one citing their
 * document number or reference first, else the nearest in date; each
 * credit serves one line.
 */
#ifndef RECON_H
#define RECON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"

enum recon_class {
	RECON_MATCHED,
	RECON_AMOUNT_DIFFERS,
	RECON_MISSING_THEIRS,
	RECON_MISSING_OURS,
	RECON_PAYMENT_IN_TRANSIT,
	RECON_CREDIT_NOTE_PENDING,
	RECON_NCLASSES
};

/* "matched", "amount_differs", ... as recon.csv writes them. */
const char *recon_class_name(enum recon_class c);

/* What a line of their ledger is, by its type (the reader's profile says). */
enum recon_kind {
	RECON_ENTRY,      /* an invoice, credit note, anything else */
	RECON_PAYMENT,    /* their payment to us */
	RECON_DEDUCTION   /* their debit note or deduction */
};

/* One line of their ledger; the texts are copied. */
struct recon_their {
	const char *doc_no;     /* as they wrote it ("" when none) */
	const char *match_no;   /* doc_no with their prefix stripped: what pass 1 keys */
	const char *ref;        /* their reference column ("" when none) */
	civil_day date;
	currency_id currency;
	int64_t amount;         /* our sign: + they owe us */
	enum recon_kind kind;
	long line;              /* in their file */
};

/* One row of the reconciliation. */
struct recon_row {
	enum recon_class cls;
	const char *doc_no;     /* ours; "" when we have none */
	const char *doc_type;   /* ours; "" when none */
	const char *their_ref;  /* their document number, else their reference; "" */
	civil_day date;         /* our document's, else their line's */
	currency_id currency;
	bool has_ours, has_theirs;
	int64_t ours, theirs, difference;
	long their_line;        /* 0 when no line */
	char note[192];
};

/* Per currency: both balances, the sum of the differences, and rows per class. */
struct recon_balance {
	currency_id currency;
	int64_t ours, theirs, difference;
	size_t count[RECON_NCLASSES];
	int64_t class_difference[RECON_NCLASSES];
};

struct recon;

/* A new reconciliation; the caller frees it with recon_free.  AR_ENOMEM. */
ar_err recon_new(struct recon **out);
void recon_free(struct recon *r);

/*
 * One of our items (of the customer): added to the document of its doc_no
 * and currency, whose date is its first item's.  AR_ENOMEM, AR_ERANGE
 * (the document or the balance overflows).
 */
ar_err recon_add_ours(struct recon *r, const char *doc_no, const char *doc_type,
    civil_day date, currency_id currency, int64_t amount);

/* One line of their ledger.  AR_ENOMEM, AR_ERANGE (their balance overflows). */
ar_err recon_add_theirs(struct recon *r, const struct recon_their *t);

/* Pair and classify (the passes above), dates at most match_days apart in pass 3.  AR_ENOMEM. */
ar_err recon_match(struct recon *r, int match_days);

/* Whether any payment in transit is left to look for in our bank (after recon_match). */
bool recon_wants_payments(const struct recon *r);

/*
 * A credit of our bank (the payments stream), after recon_match: kept
 * when it may be a payment in transit.  text is what it says (reference,
 * narrative), read for document numbers.  AR_ENOMEM.
 */
ar_err recon_offer_payment(struct recon *r, const char *payment_id, civil_day value_date,
    currency_id currency, int64_t amount, const char *text);

/*
 * The rows ordered (currency code, class, date, document, their line),
 * the notes worded (payments_checked: whether the payments stream was
 * offered), the balances per currency in code order, and the tie-out
 * checked: AR_OK; AR_ERANGE (a sum overflows); AR_EINVARIANT with *e
 * naming the currency and the figures when balance(ours) -
 * balance(theirs) is not the sum of the differences (a bug).
 */
ar_err recon_finish(struct recon *r, bool payments_checked, struct ar_error *e);

size_t recon_nrows(const struct recon *r);
const struct recon_row *recon_row_at(const struct recon *r, size_t i);
size_t recon_nbalances(const struct recon *r);
const struct recon_balance *recon_balance_at(const struct recon *r, size_t i);

/* Documents of ours and lines of theirs added. */
size_t recon_nours(const struct recon *r);
size_t recon_ntheirs(const struct recon *r);

#endif
