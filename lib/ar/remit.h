/*
 * remit.h - direct credits to identify (issue 19, ar-remit): each credit
 * that ar-match left unmatched, its probable customer, the open items it
 * most likely pays, and what to do about it: ask the customer for its
 * remittance details, wait for the answer to a request already sent, or
 * hand the credit to the bank to trace.
 *
 *   remit_new(&r, &customers);
 *   remit_add_item(r, ...) for every open item; remit_ready(r);
 *   per credit of the unmatched listing:
 *     remit_case_hold(&c, &payment, reason, candidates, line);
 *     remit_identify(r, &c.p, c.reason, c.match_candidates, &c.payer);
 *     c.ncand = remit_candidates(r, c.payer.customer, &c.p, c.cand, n);
 *     c.done = remit_decide(&policy, as_of, ...);
 *   remit_free(r);
 *
 * Who paid is found as ar-match finds it (match_ident.c: payer account,
 * Ref-1, the payer's name scored by payer_name.h), then by the document
 * numbers the texts cite (docref.h), then by what ar-match itself said
 * in the listing's candidates.  The library never prints.
 */
#ifndef REMIT_H
#define REMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ar/customers.h"
#include "ar/payments.h"
#include "core/config.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"

#define REMIT_NOBODY UINT32_MAX
#define REMIT_CANDIDATES_DEFAULT 3
#define REMIT_CANDIDATES_MAX 10     /* [remit] candidates at most */
#define REMIT_SET_MAX 20            /* items in one candidate: ar-match's MATCH_COMBO_ITEMS */
#define REMIT_NOTE_SIZE 160

/* [remit] of ar.ini. */
struct remit_policy {
	int candidates;         /* best candidate items shown per credit, 0..REMIT_CANDIDATES_MAX */
	int resend_days;        /* a request is not sent again within this many days */
	int escalate_days;      /* unidentified this many days after the value date: to the bank */
};

/* [remit] of cfg (the schema has checked the ranges). */
void remit_policy_from_config(const struct ar_config *cfg, struct remit_policy *p);

struct remit;

/*
 * Customers and open items indexed as ar-match indexes them; ct must
 * outlive the book, and gains no customer after remit_ready.  AR_ENOMEM.
 * Free with remit_free.
 */
ar_err remit_new(struct remit **out, const struct customer_table *ct);
void remit_free(struct remit *r);

/* One open item (customer an id of the table); zero amounts are ignored.  AR_ENOMEM, AR_EUSAGE. */
ar_err remit_add_item(struct remit *r, uint32_t customer, const char *doc_no, size_t len,
    civil_day due_date, currency_id currency, int64_t amount);

/* Build the indexes: no items after it.  AR_ENOMEM. */
ar_err remit_ready(struct remit *r);

/* How the probable customer was found. */
enum remit_found {
	REMIT_FOUND_NONE,       /* nobody */
	REMIT_FOUND_ACCOUNT,    /* payer_account or ref1 of exactly one customer */
	REMIT_FOUND_NAME,       /* the payer's name, 85 or more and no rival within 5 */
	REMIT_FOUND_REFERENCE,  /* the open items the texts cite are all one customer's */
	REMIT_FOUND_MATCH,      /* ar-match named one customer (low_confidence, partial) */
	REMIT_FOUND_AMBIGUOUS   /* two names fit: nobody, the rivals in note */
};

struct remit_payer {
	uint32_t customer;      /* REMIT_NOBODY when none is probable */
	enum remit_found found;
	char note[REMIT_NOTE_SIZE]; /* in words: "account", "name 92", "ambiguous: A 90, B 88", "close: A 72" */
};

/*
 * The probable customer of credit p (its texts never NULL): by account or
 * Ref-1, by name, by the items its texts cite (all of one customer, open
 * in its currency), and last, when reason is low_confidence or partial,
 * the one customer ar-match's candidates name ("C1/INV-1;C1").
 * Deterministic.
 */
void remit_identify(struct remit *r, const struct payment *p, const char *reason,
    const char *candidates, struct remit_payer *out);

/*
 * A candidate: a set of the customer's open debit items in the credit's
 * currency that the credit may pay.
 */
struct remit_candidate {
	size_t n;
	uint32_t item[REMIT_SET_MAX];   /* indexes for remit_item, oldest first */
	int64_t sum;                    /* their open amounts */
	int64_t difference;             /* the credit's amount - sum */
	bool cited;                     /* every item is cited by the credit's texts */
};

/*
 * Up to max (at most REMIT_CANDIDATES_MAX) candidates for p from
 * customer's open debit items in p's currency, best first; their count.
 * The sets looked at: every single item; every pair of the 20 oldest;
 * the k oldest together (k = 3..20: a customer paying its oldest
 * invoices); all the items the texts cite.  Ranked: sets whose items the
 * texts all cite first, then by |difference| (closest first), then fewer
 * items, then the older (item by item, oldest first).  None for
 * REMIT_NOBODY.
 */
size_t remit_candidates(const struct remit *r, uint32_t customer, const struct payment *p,
    struct remit_candidate *out, size_t max);

/* An item as it stands. */
struct remit_item_info {
	const char *customer, *doc_no;  /* the book's */
	civil_day due_date;
	currency_id currency;
	int64_t open;
};

void remit_item(const struct remit *r, uint32_t item, struct remit_item_info *out);

/* The requests the journal holds: remittance_requested rows, by ref (the payment_id). */
struct remit_requests;

ar_err remit_requests_new(struct remit_requests **out);
void remit_requests_free(struct remit_requests *t);

/* A remittance_requested row of ref[0..len) dated day.  AR_ENOMEM. */
ar_err remit_requests_note(struct remit_requests *t, const char *ref, size_t len, civil_day day);

/* The first and last request for ref; false (both DATE_NONE) when never asked. */
bool remit_requests_find(const struct remit_requests *t, const char *ref, civil_day *first,
    civil_day *last);

/* What is done about a credit. */
enum remit_done {
	REMIT_REQUEST,          /* ask the customer: an e-mail and a journal row */
	REMIT_ALREADY,          /* asked within resend_days: wait for the answer */
	REMIT_ESCALATE,         /* unidentified escalate_days after its value date: to the bank */
	REMIT_NO_CUSTOMER,      /* nobody to ask */
	REMIT_NO_EMAIL          /* a customer without a valid e-mail address: a person calls */
};

/*
 * The decision, in this order: days = as_of - value_date of escalate_days
 * or more: escalate; no probable customer: no_customer; a request within
 * resend_days (as_of - last_request < resend_days): already; no valid
 * e-mail address: no_email; else request (again, when the last one is
 * older than resend_days).
 */
enum remit_done remit_decide(const struct remit_policy *pol, civil_day as_of,
    civil_day value_date, bool has_customer, bool has_email, civil_day last_request);

/* One credit of the listing and what was found and decided, its texts copied. */
struct remit_case {
	struct payment p;
	char *texts;            /* p's texts, reason and match_candidates in one block */
	const char *reason;     /* ar-match's reason word */
	const char *match_candidates;   /* ar-match's candidates column */
	long line;
	struct remit_payer payer;
	size_t ncand;
	struct remit_candidate cand[REMIT_CANDIDATES_MAX];
	long days;              /* as-of - value date */
	enum remit_done done;
	bool acted;             /* requested now (e-mail written) / on the bank list */
	civil_day first_request, last_request;  /* DATE_NONE when never asked */
};

/* Copy p, reason and candidates into c (texts NULL read as "").  AR_ENOMEM. */
ar_err remit_case_hold(struct remit_case *c, const struct payment *p, const char *reason,
    const char *candidates, long line);
void remit_case_release(struct remit_case *c);

#endif
