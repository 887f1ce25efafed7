/*
 * bai2.h - BAI2 cash-management (balance reporting) reader.
 *
 * Reads 01/02/03/16/88/49/98/99 records, one per line or several
 * slash-terminated (fixed-80) records on one physical line, and calls fn
 * once per 16 (transaction detail) record.  Amounts are written without a
 * decimal point and already are minor units of the account's currency
 * (03 currency, else the 02 group currency, else USD).  Type codes
 * 100-399 and the custom 920-959 are credits (+), 400-699 and the custom
 * 960-999 debits (-); 700-919 detail (loan detail, codes BAI reserves,
 * custom status) is not money movement on the account: it counts in the
 * control totals and is not handed over.  001-099 (status) in a 16 is
 * an error.  The payer comes from the 88 text tags DBNM/DACT (credits),
 * CRNM/CACT (debits) or Citi's BO1/BO.
 *
 * Checked: the 49/98/99 control totals (algebraic sum of every amount in
 * the 03 summaries and 16 details, as written) and record counts.  Not
 * checked: opening ledger (010) + movements = closing ledger (015); real
 * files in the corpus (moj/citi_example.bai2) do not satisfy it, the
 * format does not guarantee it (ledger balances may be as of other times
 * than the detail).  Both balances are still reported in the statement.
 *
 * Errors fill err (line, message) and return AR_ESYNTAX (malformed),
 * AR_ERANGE (control total or count mismatch, overflow), AR_ECURRENCY,
 * AR_EIO/AR_ENOMEM, or whatever fn returned.
 */
#ifndef BAI2_H
#define BAI2_H

#include <stdio.h>

#include "source/bank.h"

ar_err bai2_read(FILE *fp, const char *name, bank_txn_fn fn, void *ctx,
    struct ar_error *err);

#endif
