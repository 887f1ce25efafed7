/*
 * mt940.h - SWIFT MT940 (customer statement) and MT942 (interim report)
 * reader for ar-bank.
 *
 * Accepts multi-statement files, SWIFT block wrappers {1:}{2:}{4: ... -}{5:},
 * a leading SOH or other control byte, LF or CRLF lines.  Each :61: is
 * handed to fn (see bank.h) once its :86: (if any) has been read; the
 * statement passed along has the opening balance but not yet the closing
 * one (the file has not reached it).  Each statement with both balances is
 * checked: opening + movements = closing, else AR_ESYNTAX naming the
 * statement and its line.
 *
 * Texts are UTF-8: a line that is not valid UTF-8 is taken as ISO-8859-1
 * and converted with iconv (see mt940.c).
 */
#ifndef MT940_H
#define MT940_H

#include <stdio.h>

#include "core/errors.h"
#include "source/bank.h"

/*
 * Read fp to its end.  name is only used in messages.  Returns AR_OK, the
 * first non-AR_OK result of fn, or an error with err->line and
 * err->message filled in (AR_ESYNTAX, AR_ERANGE for an impossible date or
 * an overflowing sum, AR_ECURRENCY, AR_EDECIMALS, AR_ENOMEM, AR_EIO).
 */
ar_err mt940_read(FILE *fp, const char *name, bank_txn_fn fn, void *ctx,
    struct ar_error *err);

#endif
