/*
 * pod_case.h - one debtor's proof of debt (issue 15): its claims at the
 * cut-off, one per currency (pod.h), and the lines of its statement, every
 * item and set-off row with what became of it.  What ar-pod builds from the
 * streams and what the statement, the PDF and claims.csv are written from.
 *
 *   pod_case_init(&k, customer_id, customer, cut_off, rate);
 *   pod_case_add_item(&k, &in, &e) for each item of the customer;
 *   pod_case_add_set_off(&k, &in, &e) for each of its set-off rows;
 *   pod_case_finish(&k, &e);      lines ordered, balances, claims finished
 *   ...
 *   pod_case_free(&k);
 *
 * Memory follows the debtors selected (a handful a night) and their items.
 */
#ifndef POD_CASE_H
#define POD_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ar/customers.h"
#include "ar/pod.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"

/* The type of a statement line: an item's, or a set-off row. */
enum pod_line_kind { POD_LINE_ITEM, POD_LINE_SET_OFF };

/* One line of the statement (statement.csv: currency,date,doc_no,doc_type,amount,interest_days,interest,balance,part,claimed). */
struct pod_stmt_line {
	enum pod_line_kind kind;
	enum pod_doc_type type;     /* POD_LINE_ITEM only; a set-off row's doc_type is "SETOFF" */
	currency_id currency;
	civil_day date;             /* doc_date, or the set-off row's date */
	civil_day due;              /* an item's due date (given or doc_date + terms); DATE_NONE for set-off */
	char *doc_no;               /* owned; a set-off row's description */
	int64_t amount;             /* as the item (credits negative); a set-off row negative */
	long interest_days;         /* 0 when none */
	int64_t interest;
	int64_t balance;            /* after pod_case_finish: the running claim per currency of the claimed lines (amount + interest) */
	enum pod_part part;         /* an item's part; a set-off row: POD_UNSECURED */
	bool claimed;               /* dated on or before the cut-off */
	long line;                  /* its line in its input, for messages */
	size_t seq;                 /* the order it was added in: the last sort key */
};

/* One currency of the debtor: the claim (pod.h) and the lines that make it. */
struct pod_currency {
	currency_id currency;
	struct pod_claim claim;
	size_t first, count;        /* its lines: lines[first .. first+count) after pod_case_finish */
};

struct pod_case {
	const char *customer_id;    /* the caller's, outlives the case */
	const struct customer *customer;   /* the master record */
	civil_day cut_off;
	int64_t rate;               /* millionths of a per cent a year (pod_rate) */
	struct pod_stmt_line *lines;
	size_t nlines, cap;
	struct pod_currency *currencies;   /* ordered by currency code after pod_case_finish */
	size_t ncurrencies;
};

/* The text of a statement line's doc_type: the item's word, or "SETOFF". */
const char *pod_line_type_word(const struct pod_stmt_line *l);

void pod_case_init(struct pod_case *k, const char *customer_id, const struct customer *customer,
    civil_day cut_off, int64_t rate);
void pod_case_free(struct pod_case *k);

/* One item as read: texts are copied. */
struct pod_item_in {
	const char *doc_no;
	size_t doc_no_len;
	struct pod_item item;       /* its due already doc_date + terms when the row had none */
	currency_id currency;
	long line;
};

/* One set-off row as read: what the company owes the debtor (amount > 0). */
struct pod_set_off_in {
	const char *description;
	size_t description_len;
	currency_id currency;
	civil_day date;
	int64_t amount;
	long line;
};

/* Add an item / a set-off row.  AR_ENOMEM, or AR_ERANGE (a sum overflows) with *e at its line. */
ar_err pod_case_add_item(struct pod_case *k, const struct pod_item_in *in, struct ar_error *e);
ar_err pod_case_add_set_off(struct pod_case *k, const struct pod_set_off_in *in, struct ar_error *e);

/*
 * Order the lines by currency, date, doc_no (then as read), work out the
 * running balances and finish every currency's claim (pod_claim_finish).
 * AR_ERANGE with *e when a sum overflows.  After it, for each currency:
 * Σ amount + interest of its claimed lines = principal + interest − set_off.
 */
ar_err pod_case_finish(struct pod_case *k, struct ar_error *e);

/* The supporting documents: whether a line is an invoice or debit note claimed. */
bool pod_line_supports(const struct pod_stmt_line *l);

#endif
