/*
 * tiers.h - a rate that steps with a number of days, as a commission is
 * written in a collection agency's contract: "90:10, 180:12.5, *:15" is
 * 10 % up to and including 90 days, 12.5 % from 91 to 180, 15 % after.
 *
 * Limits are whole days, 0 to TIERS_DAYS_MAX, strictly increasing; the
 * last tier is "*" (every day after the one before it), so that every
 * number of days has a rate.  Rates are per cents from 0 to 100 with at
 * most three decimals, kept exactly in thousandths of a per cent.
 */
#ifndef TIERS_H
#define TIERS_H

#include <stddef.h>
#include <stdint.h>

#include "core/errors.h"

#define TIERS_MAX 16
#define TIERS_DAYS_MAX 36500
#define TIERS_OPEN_END (-1)            /* the "*" tier's limit */
#define TIERS_RATE_SCALE 1000          /* a rate of 12.5 % is 12500 */

struct rate_tiers {
	int n;
	int upto[TIERS_MAX];               /* the last one TIERS_OPEN_END */
	int64_t rate[TIERS_MAX];           /* thousandths of a per cent */
};

/* AR_ESYNTAX (not LIMIT:RATE pairs ending in *:RATE) or AR_ERANGE (order, bounds). */
ar_err tiers_parse(const char *text, struct rate_tiers *out);

/* The canonical spelling, "90:10, 180:12.5, *:15", into buf (cap bytes, 256 is enough). */
void tiers_format(const struct rate_tiers *t, char *buf, size_t cap);

/* The tier of `days` (below 0 counts as 0): its index. */
int tiers_index_for(const struct rate_tiers *t, int days);

/*
 * amount × rate, in the amount's own minor units, rounded half away from
 * zero once: commission on 1,234.56 at 12.5 % is 154.32.  AR_ERANGE when
 * it would overflow.
 */
ar_err tiers_apply(int64_t amount, int64_t rate, int64_t *out);

#endif
