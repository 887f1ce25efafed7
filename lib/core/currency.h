/*
 * currency.h - ISO 4217 codes and their exponents.
 *
 * A built-in table covers the currencies the team meets (MYR, TWD, USD,
 * SGD, CNY, HKD, JPY, EUR, ...); [currency.CODE] exponent = N in ar.ini
 * overrides or adds (TWD is 2 by default; some ledgers keep it at 0).
 */
#ifndef CURRENCY_H
#define CURRENCY_H

#include <stddef.h>

#include "core/errors.h"

#define CURRENCY_MAX 64

/* A currency is an index into the process-wide table; small and dense. */
typedef int currency_id;

/*
 * Look up a three-letter code (upper case, exactly three A-Z bytes).
 * Returns AR_OK and *id, AR_ESYNTAX when code is not three letters,
 * AR_ECURRENCY when it is well formed but not known.
 */
ar_err currency_lookup(const char *code, size_t len, currency_id *id);

/*
 * The code ("MYR") and exponent of a looked-up currency; an id that no
 * lookup returned gives NULL and -1.  The code lives as long as the process.
 */
const char *currency_code(currency_id id);
int currency_exponent(currency_id id);

/*
 * Set (or add) the exponent of a code, from configuration.  AR_ESYNTAX for
 * a malformed code, AR_ERANGE for an exponent outside 0..6, AR_ENOMEM when
 * the table is full.  The table is not locked: set exponents while the
 * process is still single-threaded (configuration time).
 */
ar_err currency_set_exponent(const char *code, int exponent);

#endif
