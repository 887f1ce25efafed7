/*
 * refund.h - refunds of credit balances (issue 19): who is proposed, who
 * is excluded and why, and the approved proposal read back for payment
 * (what is then paid of it: refund_pay.h).
 *
 * A customer's credit.  Per customer and currency, the net balance is the
 * sum of its open items in that currency (every company); a net below
 * zero is a credit, proposed for refund as a positive amount, made up of
 * those items.
 *
 * Exclusions, the first that applies, in this order (refund_decide):
 *   insolvent             the customer is in liquidation, administration,
 *                         judicial management or bankruptcy: its credit
 *                         belongs to the set-off of the proof of debt
 *   dispute               an open dispute in the journal, or an open item of
 *                         the customer with a dispute
 *   open_debits           the customer owes elsewhere: a company and currency
 *                         in which its open items net to a debit (in the
 *                         credit's own currency, another company's debit
 *                         netted into the credit), unless
 *                         [refund] net_across = yes
 *   too_recent            the newest credit item of the currency is younger
 *                         than [refund] min_days days at the as-of date (its
 *                         doc_date, else its due_date)
 *   no_bank_account       the customer has no bank_account
 *   bank_account_invalid  bank_account is not 5 to 20 digits once blanks and
 *                         hyphens are taken out, or bank_code is not a
 *                         SWIFT BIC of 8 or 11 characters
 *
 * Memory follows customers: refund_book_add takes the items one by one
 * and keeps per customer its balances per company and currency; the
 * doc_nos are taken in a second reading (refund_book_note_item), only of
 * the customers and currencies in credit.
 */
#ifndef REFUND_H
#define REFUND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/csvio.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"

/* [refund] of ar.ini. */
struct refund_policy {
	int min_days;       /* min_days, default 30 */
	bool net_across;    /* net_across, default no */
	const char *charges;  /* charges as the pain.001 writes it: DEBT, SHAR, CRED */
};

void refund_policy_load(const struct ar_config *cfg, struct refund_policy *p);

enum refund_reason {
	REFUND_PROPOSED,
	REFUND_INSOLVENT,
	REFUND_DISPUTE,
	REFUND_OPEN_DEBITS,
	REFUND_TOO_RECENT,
	REFUND_NO_BANK_ACCOUNT,
	REFUND_BANK_ACCOUNT_INVALID
};

/* The reason's word in the proposal ("" for REFUND_PROPOSED). */
const char *refund_reason_word(enum refund_reason r);

/* Longest account number and BIC, with the NUL. */
#define REFUND_ACCOUNT_MAX 21
#define REFUND_BIC_MAX 12

/*
 * Whether account is 5 to 20 digits once blanks and hyphens are taken
 * out; the digits in out (REFUND_ACCOUNT_MAX bytes; may be NULL).
 */
bool refund_account_valid(const char *account, char *out);

/*
 * Whether bic is a SWIFT BIC as ISO 9362 and the pain.001 schema write
 * it: 4 letters of the bank, 2 of the country, 2 letters or digits of the
 * place (the first not 0 or 1, the second not O), and an optional branch of
 * 3 letters or digits: 8 or 11 characters, upper case.
 */
bool refund_bic_valid(const char *bic);

/* What refund_decide weighs for one customer and currency. */
struct refund_checks {
	bool insolvent;          /* its status is a proceeding (pod_proceeding) */
	bool disputed;           /* an open dispute in the journal or an open item */
	bool owes_elsewhere;     /* a company and currency with a net debit */
	civil_day newest_credit; /* the date of its newest credit item; DATE_NONE: none */
	const char *bank_account, *bank_code;  /* "" when absent */
};

/* The reason a credit is excluded, or REFUND_PROPOSED. */
enum refund_reason refund_decide(const struct refund_checks *c, const struct refund_policy *p,
    civil_day as_of);

/*
 * The refund's identifier: R-<customer>-<currency>-<as-of YYYYMMDD>, in
 * buf (cap bytes); false when it does not fit.
 */
bool refund_id_format(const char *customer, currency_id cur, civil_day as_of, char *buf,
    size_t cap);

/* The balances of every customer, and the credits among them. */
struct refund_book;

/* NULL when out of memory; the caller frees it with refund_book_free. */
struct refund_book *refund_book_new(void);
void refund_book_free(struct refund_book *b);

/*
 * One open item: its customer, company ("" when none), currency, signed
 * amount, date (doc_date, else due_date) and whether it has a dispute.
 * AR_ERANGE when a balance overflows, AR_ENOMEM.
 */
ar_err refund_book_add(struct refund_book *b, const char *customer, size_t clen,
    const char *company, size_t colen, currency_id cur, int64_t amount, civil_day date,
    bool disputed);

/*
 * After the last refund_book_add: the credits, one per customer and
 * currency with a net balance below zero, by customer and currency code.
 * AR_ENOMEM.
 */
ar_err refund_book_close(struct refund_book *b);

/* An item read again: its doc_no is kept when its customer and currency are in credit. */
ar_err refund_book_note_item(struct refund_book *b, const char *customer, size_t clen,
    currency_id cur, const char *doc_no, size_t dlen);

struct refund_credit {
	const char *customer;
	currency_id currency;
	int64_t amount;            /* the credit, positive */
	civil_day newest_credit;   /* its newest credit item's date */
	bool owes_elsewhere;
	bool disputed_item;        /* an open item of the customer with a dispute */
	const char *items;         /* the doc_nos, ';'-separated, in the order read */
};

size_t refund_book_count(const struct refund_book *b);
/* The i-th credit; valid until refund_book_free. */
const struct refund_credit *refund_book_credit(const struct refund_book *b, size_t i);

struct item;
struct customer;
struct customer_table;
struct journal_facts;

/*
 * An item of the items stream (items.h) into the book: its date is its
 * doc_date, else its due_date; it is disputed when its dispute cell
 * (dispute, dlen; may be NULL when dlen is 0) is not empty.  AR_ERANGE
 * with *e at line, "the balance of C1 in MYR overflows"; AR_ENOMEM.
 */
ar_err refund_book_add_item(struct refund_book *b, const struct item *it, const char *company,
    size_t colen, const char *dispute, size_t dlen, long line, struct ar_error *e);

/*
 * A customer's record in the master; NULL when t is NULL or the customer
 * is not in the customers file (only seen in items).  Valid as long as t.
 */
const struct customer *refund_master(const struct customer_table *t, const char *customer);

/* The name a refund is paid to: the master's bank_holder, else its name; "" when m is NULL. */
const char *refund_bank_holder(const struct customer *m);

/*
 * What refund_decide weighs of a credit: m its customer's master record
 * (NULL: not in the master, so no bank account and no proceeding), f its
 * journal facts (NULL: none; an open dispute there excludes the credit).
 * The texts in *k belong to m.
 */
void refund_checks_of(struct refund_checks *k, const struct refund_credit *c,
    const struct customer *m, const struct journal_facts *f);

/*
 * The proposal (and approved proposal) columns, in order:
 * refund_id,customer,name,currency,amount,items,bank_holder,bank_account,
 * bank_code,value_date,status,reason
 */
#define REFUND_NCOLUMNS 12
extern const char *const refund_columns[REFUND_NCOLUMNS];

struct refund_proposal_columns {
	int col[REFUND_NCOLUMNS];   /* index of each of refund_columns in the file */
};

/* Find the columns; AR_ECOLUMN with *missing naming the first one absent. */
ar_err refund_proposal_bind(const struct csvio_reader *r, struct refund_proposal_columns *c,
    const char **missing);

/* One row of an approved proposal.  Texts point into the record. */
struct refund_line {
	const char *refund_id, *customer, *name, *items, *status;
	const char *bank_holder, *bank_account, *bank_code;
	currency_id currency;
	int64_t amount;          /* positive */
	civil_day value_date;    /* DATE_NONE when empty */
	bool approved;           /* status is "approved" */
};

/*
 * Read one row: refund_id and status are needed in every row; an
 * approved row is checked whole: a refund_id of 1 to 35 characters, a
 * customer, a known currency, an amount above zero in its decimals, a
 * value_date YYYY-MM-DD or empty, a bank_account and bank_code as
 * refund_account_valid and refund_bic_valid have them, a holder (or a
 * name).  AR_ESYNTAX / AR_ECURRENCY / AR_EDECIMALS / AR_ERANGE with *e at
 * the row's line.
 */
ar_err refund_proposal_parse(const struct csvio_record *rec,
    const struct refund_proposal_columns *c, struct refund_line *out, struct ar_error *e);

#endif
