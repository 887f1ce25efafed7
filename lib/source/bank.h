/*
 * bank.h - what every bank statement reader hands back: statements and
 * their transactions, whatever the format (MT940/MT942, camt.053/054,
 * BAI2, bank CSV).  ar-bank turns them into the payments stream.
 *
 * A reader calls the caller's function once per transaction, in file
 * order, with the statement it belongs to; it checks each statement's
 * opening balance + movements = closing balance when both balances are
 * given, and reports a mismatch as an error naming the statement.  Amounts
 * are minor units of the statement's currency (int64), signed: positive is
 * money in (a credit), negative money out (a debit).
 *
 * The narrative is the bank's whole text for the transaction, on one line,
 * so that matching can fall back on it when the parts taken out of it
 * (payer, reference) miss something:
 *   MT940   every :86: field of the :61: (without one, the :61:
 *           supplementary details), the SWIFT 65-character wrapping undone
 *           as mt940_int.h says;
 *   camt    the transaction's RmtInf/Ustrd lines, its AddtlTxInf, then the
 *           entry's AddtlNtryInf, a piece the text holds already left out;
 *   BAI2    the 16 record's text and its 88 continuations;
 *   CSV     the reference columns the profile names and continuation rows;
 * the camt, BAI2 and CSV pieces joined with one blank.  A line break
 * inside a piece is a blank; a longer text is cut on a character boundary.
 */
#ifndef BANK_H
#define BANK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/errors.h"
#include "core/currency.h"
#include "core/date.h"

#define BANK_TEXT_MAX 1024
#define BANK_NARRATIVE_MAX 2048

struct bank_statement {
	char id[64];            /* :20:/:28C:, <Stmt><Id>, BAI2 group/account */
	char account[64];       /* IBAN or account number as written */
	currency_id currency;
	bool has_opening, has_closing;
	int64_t opening, closing;
	civil_day opening_date, closing_date;   /* DATE_NONE when not given */
	long line;              /* where the statement starts, for messages */
	unsigned long seq;      /* its number in the input, from 1: statements may share a line */
};

struct bank_txn {
	civil_day value_date;
	civil_day booking_date;     /* DATE_NONE when not given */
	int64_t amount;             /* + credit, - debit, minor units */
	currency_id currency;
	char bank_ref[128];         /* the bank's own reference */
	char end_to_end[128];       /* EREF / EndToEndId, when given */
	char payer[256];            /* name of the other party */
	char payer_account[64];     /* IBAN/account of the other party */
	char reference[BANK_TEXT_MAX]; /* remittance text (REMI, ?20.., Ustrd) */
	char type_code[16];         /* GVC / BTC / BAI type code, as given */
	char channel[16];           /* IBG, DuitNow, JomPAY, FPX, RENTAS or "" */
	char ref1[64];              /* JomPAY Ref-1, camt CdtrRefInf/Ref */
	char ref2[64];              /* JomPAY Ref-2 */
	char narrative[BANK_NARRATIVE_MAX]; /* the whole text, one line (above) */
	long line;                  /* where the transaction starts */
};

/* Called once per transaction; a non-AR_OK result stops the reader and is returned. */
typedef ar_err (*bank_txn_fn)(void *ctx, const struct bank_statement *st,
    const struct bank_txn *txn);

#endif
