/*
 * payout_csv.h - a bank's bulk-payment CSV, laid out by [payout.NAME] of
 * ar.ini (ar-refund pay --payout NAME --csv FILE), as Malaysian banks'
 * bulk-payment templates want it: the columns in their order, a header
 * or none, the date and amount forms, the delimiter, a trailer row.
 *
 * The column words:
 *   refund_id     the refund's id (the pain.001's EndToEndId)
 *   customer      the customer id
 *   name          the customer's name
 *   bank_holder   the beneficiary: the account holder's name
 *   bank_account  the beneficiary account, its digits only
 *   bank_code     the beneficiary bank's SWIFT BIC
 *   currency      ISO 4217 code
 *   amount        decimal (1234.50) or cents (123450), per amount =
 *   value_date    the value date, in date_format (strftime)
 *   payment_type  the key payment_type's text (IBG, DuitNow, ...)
 *   description   the key description's text, a blank, the refund_id
 * The trailer (trailer = yes): one row of trailer_label, the count of the
 * lines and their total in the amount form.
 */
#ifndef PAYOUT_CSV_H
#define PAYOUT_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/config.h"
#include "core/errors.h"
#include "ar/refund.h"

#define PAYOUT_MAX_COLUMNS 32

enum payout_column {
	PAYOUT_REFUND_ID, PAYOUT_CUSTOMER, PAYOUT_NAME, PAYOUT_BANK_HOLDER, PAYOUT_BANK_ACCOUNT,
	PAYOUT_BANK_CODE, PAYOUT_CURRENCY, PAYOUT_AMOUNT, PAYOUT_VALUE_DATE, PAYOUT_PAYMENT_TYPE,
	PAYOUT_DESCRIPTION
};

struct payout_layout {
	char name[48];
	enum payout_column columns[PAYOUT_MAX_COLUMNS];
	size_t ncolumns;
	char *captions[PAYOUT_MAX_COLUMNS];    /* NULL: the word */
	bool header, cents, crlf, trailer;
	char delimiter;
	const char *date_format, *trailer_label, *payment_type, *description;  /* cfg's */
	char captions_buf[1100];
};

/*
 * [payout.NAME] of cfg into *l (its strings are cfg's: valid as long as
 * it).  AR_ECONFIG with *e saying why: no such section, a word of columns
 * that is not one of the list, a column twice, more captions than columns.
 */
ar_err payout_layout_load(const struct ar_config *cfg, const char *name,
    struct payout_layout *l, struct ar_error *e);

/*
 * Write lines[0..n) to fp, all in one currency (AR_EUSAGE otherwise: the
 * trailer has one total), and their total in minor units to *total.
 * AR_ERANGE when the total overflows.
 */
ar_err payout_csv_write(FILE *fp, const struct payout_layout *l, const struct refund_line *lines,
    size_t n, int64_t *total, struct ar_error *e);

#endif
