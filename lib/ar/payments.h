/*
 * payments.h - the payments stream: one bank transaction per row, as
 * ar-bank writes it and ar-match reads it (DESIGN.md, man 7 artools).
 *
 * A writer that holds the column list and the form of each cell, so that
 * every tool writes the same stream, and the payment_id rule.
 */
#ifndef PAYMENTS_H
#define PAYMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/csvio.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"
#include "core/money.h"

/*
 * The stream's columns, in the order they are written: payment_id,
 * value_date, currency, amount, payer, payer_account, reference, channel,
 * ref1, ref2, bank_ref, statement, account, booking_date, narrative.
 * A new column goes last: readers find columns by name, and a reader that
 * splits on commas still finds the old ones where they were.
 */
#define PAYMENTS_NCOLUMNS 15
extern const char *const payments_columns[PAYMENTS_NCOLUMNS];

/*
 * The longest payment_id, with its NUL: a statement id of up to 63 bytes
 * (bank.h), ':' and a transaction number.
 */
#define PAYMENT_ID_MAX 96

/*
 * One row.  The texts are NUL-terminated, "" when the bank gives none;
 * they belong to the caller.  booking_date is DATE_NONE when not given.
 */
struct payment {
	char id[PAYMENT_ID_MAX];    /* payments_make_id */
	civil_day value_date;
	currency_id currency;
	int64_t amount;             /* minor units; + credit (money in), - debit */
	const char *payer, *payer_account;
	const char *reference;      /* remittance text */
	const char *channel;        /* IBG, DuitNow, JomPAY, FPX, RENTAS or "" */
	const char *ref1, *ref2;    /* JomPAY Ref-1 and Ref-2 */
	const char *bank_ref;       /* the bank's own reference */
	const char *statement;      /* the statement's id */
	const char *account;        /* the statement's account, as written */
	civil_day booking_date;
	const char *narrative;      /* the bank's whole text, one line (bank.h) */
};

/*
 * payment_id: banks give no identifier that is unique in every format
 * (MT940 often says NONREF), so it is the statement id, ':' and the
 * 1-based number of the transaction within the input file, counting
 * debits too: the same file always gives the same ids, with or without
 * --debits.  A reader of a bank's CSV export names the statement after
 * the [bank.NAME] profile, so there the id is the profile name, ':' and
 * the number of the transaction (1 for the first after the header; rows
 * with every cell empty, continuation rows and rows skip_values names are
 * no transactions and are not counted).
 *
 * So: number every transaction the reader hands over, credits and debits
 * alike, whether it is written or not, from 1 at the start of each input
 * file, and make the id of transaction n of statement `statement` here.
 * buf holds PAYMENT_ID_MAX bytes; returns the id's length.
 */
size_t payments_make_id(char *buf, const char *statement, unsigned long n);

/* The header row. */
void payments_write_header(struct csvio_writer *w);

/*
 * One row: dates YYYY-MM-DD (booking_date empty when DATE_NONE), the
 * amount with the currency's decimals (-1234.56), the currency's code.
 */
void payments_write(struct csvio_writer *w, const struct payment *p);

/* Column indexes of a payments stream read back; -1 when absent. */
struct payment_columns {
	int id, value_date, currency, amount, payer, payer_account, reference,
	    channel, ref1, ref2, bank_ref, statement, account, booking_date, narrative;
};

/*
 * Find the columns by name.  payment_id, value_date, currency and amount
 * are needed (AR_ECOLUMN, *missing naming the first absent one); the rest
 * read as "" when absent, so that a stream written before a column was
 * added (narrative) is still read.
 */
ar_err payments_bind(const struct csvio_reader *r, struct payment_columns *c,
    const char **missing);

/*
 * One row of the stream into *p: its texts point into rec (valid as long
 * as it is), the dates read as ISO (or the forms dates allows), the amount
 * with the currency's decimals (ar-bank writes no others, so extra zero
 * decimals are an error here too).  AR_ESYNTAX, AR_ERANGE, AR_EDECIMALS,
 * AR_ECURRENCY with *e worded at the row's line: an empty payment_id, a
 * date, currency or amount that does not read.
 */
ar_err payments_parse(const struct csvio_record *rec, const struct payment_columns *c,
    const struct date_opts *dates, struct payment *p, struct ar_error *e);

#endif
