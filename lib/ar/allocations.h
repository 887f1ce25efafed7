/*
 * allocations.h - the allocations stream (DESIGN.md, man 7 artools): one
 * piece of a payment applied to one item, as ar-match writes it and the
 * tools after it (ar-agency, ar-recon, ar-kpi) read it.
 *
 *   payment_id,customer,doc_no,currency,amount,rule,confidence
 *
 * rule says which rule of ar-match applied it; confidence is 0..100.  A
 * bank-charge shortfall is its own row (rule bank_charge, the doc_no it
 * settles); money of an identified customer that fits no item is
 * on_account, with an empty doc_no.
 */
#ifndef ALLOCATIONS_H
#define ALLOCATIONS_H

#include <stdint.h>

#include "core/csvio.h"
#include "core/currency.h"
#include "core/errors.h"

/* In the order of confidence in which ar-match tries them (issue 12). */
enum allocation_rule {
	ALLOCATION_REMITTANCE,
	ALLOCATION_REFERENCE,
	ALLOCATION_EXACT_AMOUNT,
	ALLOCATION_COMBINATION,
	ALLOCATION_BANK_CHARGE,
	ALLOCATION_PARTIAL,
	ALLOCATION_ON_ACCOUNT,
	ALLOCATION_RULES
};

/* The rule's word in the stream: "remittance", ..., "on_account". */
const char *allocation_rule_word(enum allocation_rule rule);

/* The word back; AR_ESYNTAX for any other text. */
ar_err allocation_rule_parse(const char *word, enum allocation_rule *rule);

#define ALLOCATIONS_NCOLUMNS 7
extern const char *const allocations_columns[ALLOCATIONS_NCOLUMNS];

/* One row; texts are the caller's, "" for none. */
struct allocation {
	const char *payment_id, *customer, *doc_no;
	currency_id currency;
	int64_t amount;              /* minor units of currency */
	enum allocation_rule rule;
	int confidence;              /* 0..100 */
};

void allocations_write_header(struct csvio_writer *w);

/* Column indexes of an allocations stream read back; confidence -1 when absent. */
struct allocation_columns {
	int payment_id, customer, doc_no, currency, amount, rule, confidence;
};

/* Find the columns by name: all but confidence needed (AR_ECOLUMN, *missing naming one). */
ar_err allocations_bind(const struct csvio_reader *r, struct allocation_columns *c,
    const char **missing);

/*
 * One row into *a, its texts pointing into rec: AR_ESYNTAX / AR_ECURRENCY
 * / AR_EDECIMALS / AR_ERANGE with *e worded at the row's line for an empty
 * payment_id or customer, an unknown currency or rule, an amount that does
 * not read with the currency's decimals.
 */
ar_err allocations_parse(const struct csvio_record *rec, const struct allocation_columns *c,
    struct allocation *a, struct ar_error *e);
void allocations_write(struct csvio_writer *w, const struct allocation *a);

#endif
