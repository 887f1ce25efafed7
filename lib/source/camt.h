/*
 * camt.h - ISO 20022 camt.053 (statement) and camt.054 (debit/credit
 * notification) reader; camt.052 reports are read the same way.
 *
 * Any message version: elements are matched by local name, the namespace
 * is ignored.  See bank.h for what is handed back; camt.c's header
 * comment says how entries with several TxDtls are split.
 */
#ifndef CAMT_H
#define CAMT_H

#include <stdio.h>

#include "source/bank.h"

/*
 * Read the camt document from fp (name is for messages only) and call fn
 * once per transaction.  Returns AR_OK, fn's error, or an error with
 * err->line and err->message filled in: AR_ESYNTAX (malformed XML, not a
 * camt document, missing or bad fields, balance mismatch), AR_EDECIMALS,
 * AR_ECURRENCY, AR_ERANGE, AR_ENOMEM, AR_EIO.
 */
ar_err camt_read(FILE *fp, const char *name, bank_txn_fn fn, void *ctx,
    struct ar_error *err);

#endif
