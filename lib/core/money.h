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

#include "core/currency.h"
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
 *   ("12.5" -> 1250); more are an error even when they are zeros: "52.500"
 *   for an exponent of 2 is nearly always 52,500 in the other notation.
 * Group separators must group by three.  Returns AR_OK, AR_ESYNTAX (empty,
 * letters, two signs, misplaced separators), AR_EDECIMALS (1.005 or 1.500
 * for an exponent of 2) or AR_ERANGE (does not fit in int64).
 * Also: blanks may stand between the sign and the digits ("1.234,56 -");
 * a grouped number may not start with 0 ("0,500" is AR_ESYNTAX, it is a
 * decimal-comma amount under the wrong profile); an exponent outside 0..6
 * is AR_EUSAGE.  *minor is written only on AR_OK.
 */
ar_err money_parse(const char *text, size_t len, int exponent,
    enum money_decimal decimal, int64_t *minor);

/*
 * money_parse for a notation that never groups digits: camt's xs:decimal,
 * a SWIFT MT940/942 amount.  There "5000.00" JPY cannot hide a thousands
 * separator, so extra decimals that are zeros are accepted ("5000.00" at
 * exponent 0 is 5000; "5000.01" is still AR_EDECIMALS), and a group
 * separator is AR_ESYNTAX.
 */
ar_err money_parse_ungrouped(const char *text, size_t len, int exponent,
    enum money_decimal decimal, int64_t *minor);

/*
 * Word AR_EDECIMALS for text[0..len), an amount money_parse refused with
 * it in currency cur, as a message to follow "FILE:LINE: ", in buf (size
 * bytes, cut if need be); returns its length.  what names the cell
 * ("amount"), setting the key that says the input's notation ("[input]
 * decimal"; NULL when the input has one notation only, such as the
 * customers master).  The thousands hint comes only when the text reads
 * in the other notation:
 *   amount "52.500" has 3 decimals but MYR has 2: if "." groups thousands
 *   in this file, set [input] decimal = comma; else check [currency.MYR] exponent
 *   amount "12.50" has 2 decimals but TWD has 0: check [currency.TWD] exponent
 */
size_t money_decimals_message(char *buf, size_t size, const char *what,
    const char *text, size_t len, currency_id cur, const char *setting);

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

/* |v|, which for INT64_MIN does not fit an int64. */
static inline uint64_t
money_magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)-(v + 1) + 1 : (uint64_t)v;
}

/* a + b, UINT64_MAX when it does not fit: a bound on sums of magnitudes. */
static inline uint64_t
money_magnitude_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

#endif
