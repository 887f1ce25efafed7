/*
 * money.h - exact amounts as int64 minor units.
 *
 * An amount is never a float: 1,234.56 MYR is 123456 with exponent 2.
 * The exponent is the currency's (see currency.h). Sums are overflow checked.
 */
#ifndef MONEY_H
#define MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/errors.h"

/* The longest text money_format writes, with its NUL. */
#define MONEY_TEXT_MAX 32

/* How an input writes its numbers. */
enum money_decimal {
	MONEY_DECIMAL_POINT, /* 1,234.56  (group separator ',' or none) */
	MONEY_DECIMAL_COMMA  /* 1.234,56  (group separator '.', ' ' or none) */
};

/*
 * Parse text[0..len) into minor units of a currency with `exponent`
 * decimals (0..6).  Accepted, around optional blanks:
 *   1234.56   -1234.56   +1234.56   1,234.56   (1,234.56)   1,234.56-
 *   (the trailing minus is SAP's), and with MONEY_DECIMAL_COMMA 1.234,56,
 *   1 234,56, 1.234,56-.  Fewer decimals than the exponent are padded
 *   ("12.5" -> 1250); extra decimals are accepted only when they are zeros.
 * Group separators must group by three.  Returns AR_OK, AR_ESYNTAX (empty,
 * letters, two signs, misplaced separators), AR_EDECIMALS (1.005 for an
 * exponent of 2) or AR_ERANGE (does not fit in int64).
 * Also: blanks may stand between the sign and the digits ("1.234,56 -");
 * a grouped number may not start with 0 ("0,500" is AR_ESYNTAX, it is a
 * decimal-comma amount under the wrong profile); an exponent outside 0..6
 * is AR_EUSAGE.  *minor is written only on AR_OK.
 */
ar_err money_parse(const char *text, size_t len, int exponent,
    enum money_decimal decimal, int64_t *minor);

/*
 * Write minor units as plain text with `exponent` decimals, '.' as the
 * separator, '-' in front when negative, no grouping: 123456,2 -> "1234.56",
 * -5,2 -> "-0.05", 7,0 -> "7".  buf must hold MONEY_TEXT_MAX bytes.
 * Returns the length written (without the NUL).  An exponent outside 0..6
 * is taken as the nearest of 0 and 6.
 */
size_t money_format(int64_t minor, int exponent, char *buf);

/* *acc += v; AR_ERANGE (and *acc unchanged) on overflow. */
ar_err money_add(int64_t *acc, int64_t v);

#endif
