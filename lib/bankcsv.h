/*
 * bankcsv.h - a bank's delimited (CSV) statement, read through a
 * [bank.NAME] profile of ar.ini, into bank transactions (bank.h).
 *
 * Banks' CSV exports differ in everything: delimiter, decimal comma,
 * character set, a preamble of account details before the header, the
 * captions, one signed amount or separate money-in/money-out columns or
 * an amount with a D/C indicator, card statements with the sign the other
 * way round, dates as 24.11.26 or 27 Feb 2018.  The profile says which;
 * nothing is guessed.  See ar.ini(5), [bank.NAME].
 *
 * Text goes through textin (any character set to UTF-8, LF/CRLF/CR line
 * ends), the CSV itself through csvio (libcsv).  Line numbers in messages
 * are lines of the file.
 */
#ifndef BANKCSV_H
#define BANKCSV_H

#include <stdbool.h>
#include <stdio.h>

#include "ar.h"
#include "bank.h"
#include "captions.h"
#include "config.h"
#include "currency.h"
#include "date.h"
#include "money.h"

/* The columns a profile can name, each by a caption list. */
enum bankcsv_col {
	BANKCSV_VALUE_DATE, BANKCSV_BOOKING_DATE, BANKCSV_AMOUNT,
	BANKCSV_CREDIT, BANKCSV_DEBIT, BANKCSV_DEBIT_CREDIT, BANKCSV_CURRENCY,
	BANKCSV_PAYER, BANKCSV_PAYER_ACCOUNT, BANKCSV_REFERENCE,
	BANKCSV_BANK_REF, BANKCSV_CHANNEL, BANKCSV_REF1, BANKCSV_REF2,
	BANKCSV_BALANCE,
	BANKCSV_NCOLS
};

struct bankcsv_profile {
	char name[CONFIG_PROFILE_NAME_MAX + 1];  /* lower case */
	char delimiter;
	char encoding[64];
	long skip_lines;
	bool header;
	enum money_decimal decimal;
	struct date_opts dates;
	char date_format[64];           /* strptime format, "" for date_parse */
	bool negate;
	struct caption_list credit_values, debit_values;
	currency_id currency;           /* default_currency, [company]'s, or -1 */
	char account[64];
	bool has[BANKCSV_NCOLS];        /* the profile names the column */
	struct caption_list col[BANKCSV_NCOLS];
};

/*
 * Fill *p from [bank.NAME] of cfg (name in any case).  AR_ECONFIG with
 * msg (msgsize bytes) saying why: no such section, no value_date, no
 * amount (neither amount nor credit/debit), debit_credit without amount,
 * a caption list that does not parse.
 */
ar_err bankcsv_profile_load(const struct ar_config *cfg, const char *name,
    struct bankcsv_profile *p, char *msg, size_t msgsize);

/*
 * Read the statement from fp (name for messages only; fp is not closed)
 * and call fn once per row, in file order.  The statement handed along
 * has id = the profile name, account = the profile's account, no
 * balances; each transaction's line is the file line its row starts on.
 *
 * Header: after skip_lines, the first line whose cells (caption_split)
 * hold a caption of every column the profile names is the header; the
 * lines before it are a preamble.  header = no: the captions are column
 * numbers from 1, the data starts after skip_lines.  A row whose every
 * cell is empty is no transaction.
 *
 * Running balance (the balance column): each row's balance must be the
 * previous one plus its amount (oldest first) or the next one plus its
 * amount (newest first); the order is whichever the rows satisfy.  A
 * row with an empty balance carries its amount to the next one given.
 *
 * Errors fill err and return AR_ESYNTAX (no header, a cell that is not a
 * date or an amount, balances that do not add up), AR_ECURRENCY,
 * AR_EDECIMALS, AR_ERANGE, AR_EUTF8 (a byte the encoding does not have),
 * AR_EFIELDS/AR_EQUOTE (CSV), AR_EIO, AR_ENOMEM, or what fn returned.
 */
ar_err bankcsv_read(FILE *fp, const char *name, const struct bankcsv_profile *p,
    bank_txn_fn fn, void *ctx, struct bank_error *err);

#endif
