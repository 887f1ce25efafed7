/*
 * bankcsv.h - a bank's delimited (CSV) statement, read through a
 * [bank.NAME] profile of ar.ini, into bank transactions (bank.h).
 *
 * Banks' CSV exports differ in everything: delimiter, decimal comma,
 * character set, a preamble of account details before the header, the
 * captions, one signed amount or separate money-in/money-out columns or
 * an amount with a D/C indicator, card statements with the sign the other
 * way round, dates as 24.11.26 or 27 Feb 2018, amounts as £1,183.23,
 * descriptions that run on in rows of their own, "Pending" rows and
 * balance footers.  The profile says which; nothing is guessed.  See
 * ar.ini(5), [bank.NAME].
 *
 * Text goes through textin (any character set to UTF-8, LF/CRLF/CR line
 * ends), the CSV itself through csvio (libcsv).  Line numbers in messages
 * are lines of the file.
 */
#ifndef BANKCSV_H
#define BANKCSV_H

#include <stdbool.h>
#include <stdio.h>

#include "core/errors.h"
#include "source/bank.h"
#include "source/captions.h"
#include "core/config.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/money.h"

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
	struct caption_list skip_values; /* value_date of rows to leave out */
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

/* What a read left out, for the caller to report (nothing goes silently). */
struct bankcsv_counts {
	long skipped;           /* rows skip_values said are no transaction */
	char skipped_what[128]; /* "value_date Pending or ...": values seen */
	long continued;         /* continuation rows joined to the row above */
	long rows;              /* rows read (not all-empty), transactions or not */
};

/*
 * Read the statement from fp (name for messages only; fp is not closed)
 * and call fn once per transaction, in file order.  The statement handed
 * along has id = the profile name, account = the profile's account, no
 * balances; each transaction's line is the file line its row starts on.
 * A transaction is handed on once the next row is known not to continue
 * it (or at the end).
 *
 * Header: after skip_lines, the first line whose cells (caption_split)
 * hold a caption of every column the profile names is the header; the
 * lines before it are a preamble.  header = no: the captions are column
 * numbers from 1, the data starts after skip_lines.  A row whose every
 * cell is empty is no transaction.
 *
 * Rows may have fewer cells than the header: the missing ones are empty,
 * and a row is an error ("record has N fields, header has M") only when
 * a cell it needs (a date, the amount, the indicator) is missing.
 *
 * Continuation rows: a row whose date and money cells (value_date,
 * booking_date, amount, credit, debit, debit_credit, balance) are all
 * empty but which has text continues the transaction above: its
 * non-empty cells are appended, each after a space, to its reference
 * and its narrative.  The narrative (bank.h) is the reference columns'
 * text and the continuation rows, joined the same way, on one line.
 * A continuation row before any transaction is an error.
 *
 * skip_values: a row whose value_date cell (booking_date when the
 * profile names no value_date) is one of them ("Pending", "Balance at
 * start of period") is no transaction: it and its continuation rows are
 * counted in counts->skipped.
 *
 * Amounts (and balances) may carry a currency symbol before or after the
 * number and its sign: £ € $ ¥ ￥ or RM (-£5.00, + £1,100.00, RM1,250.00,
 * 12,50 €); it is dropped, not checked against the currency.  The sign may
 * follow the number, as Maybank2u writes it: 52,500.00+ and 1,000.00-.
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
    bank_txn_fn fn, void *ctx, struct ar_error *err);

/* The same; *counts (zeroed first, NULL when not wanted) says what was left out. */
ar_err bankcsv_read_counts(FILE *fp, const char *name,
    const struct bankcsv_profile *p, bank_txn_fn fn, void *ctx,
    struct bankcsv_counts *counts, struct ar_error *err);

#endif
