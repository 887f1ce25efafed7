/*
 * mt940_int.h - pieces shared by mt940.c and mt940_86.c; not a public API.
 */
#ifndef MT940_INT_H
#define MT940_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "source/bank.h"

/* Copy s[0..len) into dst[size], trimmed of blanks, cut on a UTF-8 boundary. */
void mt940_copy(char *dst, size_t size, const char *s, size_t len);

/*
 * Parse the :86: text (physical lines joined with '\n') into txn's
 * payer, payer_account, reference, end_to_end and type_code.
 */
void mt940_parse_86(const char *text, size_t len, struct bank_txn *txn);

#endif
