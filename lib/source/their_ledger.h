/*
 * their_ledger.h - a customer's accounts-payable ledger of us, as it
 * sends it for a reconciliation (issue 19, ar-recon): a CSV (or an xlsx
 * saved as CSV) read through a profile, [recon.NAME] in ar.ini, in the
 * manner of [import.NAME] (import_profile.h): captions per column
 * (captions.h), the delimiter, decimal mark, date format and sign.
 *
 * Columns (captions; header = no: column numbers from 1):
 *   doc_no     their document number: ours, maybe behind doc_prefix, or
 *              a voucher number of their own
 *   reference  their reference: often our document number
 *   date       the document's date                          (required)
 *   amount     a signed amount, debit positive as in accounts, or
 *   debit, credit  two columns, the amount debit - credit  (one of them)
 *   currency   else default_currency, else [company] default_currency
 *   type       the document type or description: says which lines are
 *              their payments (payment_types) and deductions
 *              (debit_note_types), and which are totals (skip_values)
 * Lines before the header (a title, the period, the vendor's address)
 * are passed over until a line has the captions, as ar-import does.
 *
 * sign: on which side of their books what they owe us stands.  credit
 * (the default: an accounts-payable ledger credits our invoices and
 * debits their payments) makes our amount credit - debit (the amount
 * column negated); debit makes it debit - credit (the amount as written:
 * a list of open invoices written positive).
 *
 * A line whose doc_no is empty and one of whose cells is (or starts with,
 * as a word) one of skip_values ("Total", "Closing Balance") is no entry:
 * it is counted in the summary, not handed over.
 */
#ifndef THEIR_LEDGER_H
#define THEIR_LEDGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ar/recon.h"
#include "core/config.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"
#include "core/money.h"
#include "core/textin.h"
#include "source/captions.h"

enum their_column {
	TC_DOC_NO, TC_REFERENCE, TC_DATE, TC_AMOUNT, TC_DEBIT, TC_CREDIT, TC_CURRENCY, TC_TYPE,
	TC_COUNT
};

struct their_profile {
	char name[CONFIG_PROFILE_NAME_MAX + 1];
	char delimiter;
	char encoding[32];		/* "" is UTF-8 */
	long skip_lines;
	bool header;			/* false: captions are column numbers */
	enum money_decimal decimal;
	enum date_order date_order;
	char date_format[64];		/* strptime; "" reads with date_parse */
	bool sign_debit;		/* sign = debit */
	struct caption_list doc_prefix;	/* stripped from the front of doc_no, the first that fits */
	struct caption_list payment_types, debit_note_types, skip_values;
	bool has_default_currency;
	currency_id default_currency;
	int match_days;			/* recon.h pass 3, and a payment's earliest value date */
	struct caption_list col[TC_COUNT];
};

/* The column's name in ar.ini: "doc_no", "reference", ... */
const char *their_column_name(enum their_column c);

/*
 * The profile `name` (any case): the built-in "generic", changed key by
 * key by [recon.generic], or one [recon.NAME] defines (its keys over the
 * generic's).  cfg may be NULL.  AR_ECONFIG with msg saying why (no such
 * profile, a caption list too long).
 */
ar_err their_profile_load(const struct ar_config *cfg, const char *name, struct their_profile *p,
    char *msg, size_t msgsize);

/* One line; the texts are NUL-terminated, trimmed, valid during the call. */
struct their_line {
	const char *doc_no;	/* as written */
	const char *match_no;	/* doc_no without doc_prefix */
	const char *ref, *type;
	civil_day date;
	currency_id currency;
	int64_t amount;		/* our sign: + they owe us */
	enum recon_kind kind;
	long line;
};

typedef ar_err (*their_line_fn)(void *ctx, const struct their_line *l);

struct their_summary {
	long lines;		/* entries handed over */
	long skipped;		/* total and balance lines (skip_values) */
	long preamble;		/* lines before the header */
};

/*
 * Read t to its end with profile p, calling fn for each entry in file
 * order.  has_default/default_currency: [company] default_currency, for
 * an empty currency cell when the profile names none.  AR_OK, fn's first
 * error, or an error with *e filled in at its line: AR_ECOLUMN (no line
 * with the captions), AR_EDUPCOLUMN, AR_ESYNTAX (a date, amount or
 * currency that does not read), AR_EDECIMALS, AR_ERANGE, the textin and
 * csvio errors.
 */
ar_err their_ledger_read(struct textin *t, const struct their_profile *p, bool has_default,
    currency_id default_currency, their_line_fn fn, void *ctx, struct their_summary *sum,
    struct ar_error *e);

#endif
