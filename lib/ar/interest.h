/*
 * interest.h - late-payment interest on an overdue item, exact in
 * integers (issue 13): simple daily interest, rounded half up once per
 * item to the currency's minor unit.
 *
 *   interest = amount * rate * days / (100 * basis)
 *
 * with rate the yearly per cent and basis the days of a year (365 by
 * default; 360 for some contracts).  Rates are held in millionths of one
 * per cent a year, so "5" (Taiwan's statutory rate, Civil Code art. 203),
 * "18" and "1.5" per month times twelve are exact.
 */
#ifndef INTEREST_H
#define INTEREST_H

#include <stddef.h>
#include <stdint.h>

#include "core/errors.h"

/* One per cent a year, in the units of a rate. */
#define INTEREST_PER_CENT 1000000
/* Taiwan's statutory rate where the contract names none (Civil Code art. 203): 5 % a year. */
#define INTEREST_RATE_TW (5 * INTEREST_PER_CENT)

/*
 * A yearly per cent, "5", "5.25", "18 %" (blanks and one trailing '%'
 * allowed), into millionths of a per cent; at most 6 decimals, 0 to 1000
 * per cent.  AR_ESYNTAX, AR_EDECIMALS, AR_ERANGE.
 */
ar_err interest_rate_parse(const char *text, size_t len, int64_t *rate);

/*
 * The interest on amount (minor units) for days at rate (millionths of a
 * per cent a year) on a year of basis days: 0 when amount, rate or days is
 * not more than zero (credits earn none), else rounded half up.  Never
 * negative; never less for more days.  basis 0 or less is taken as 365.
 * Saturates at INT64_MAX, which no real amount reaches.
 */
int64_t interest_simple(int64_t amount, int64_t rate, long days, int basis);

#endif
