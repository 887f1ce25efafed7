/*
 * fxrate.h - exchange rates to one reporting currency, exact.
 *
 * A rate says what 1 unit of a currency is worth in the reporting
 * currency: with MYR reporting, USD 4.4725 means USD 1.00 = MYR 4.4725.
 * A rate is an exact decimal (digits and a scale, at most 9 decimals),
 * multiplied in integers, so that converting the same amount always gives
 * the same cent.  Rates come from a --rates file (fx_rates_load) or from ar.ini's
 * [currency.X] rate (fx_rates_set with no date).
 *
 * A struct fx_rates is a plain value: no allocation, nothing to free.
 */
#ifndef FXRATE_H
#define FXRATE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/csvio.h"
#include "core/currency.h"
#include "core/date.h"
#include "core/errors.h"
#include "core/config.h"

#define FX_DECIMALS_MAX 9   /* decimals a rate may have */
#define FX_TEXT_MAX 32      /* the longest rate text kept, with its NUL */

struct fx_rate {
	bool known;
	int64_t digits;          /* the rate times 10^scale: 4.4725 is 44725 */
	int scale;               /* 0..FX_DECIMALS_MAX */
	char text[FX_TEXT_MAX];  /* as written, for printing beside the figures */
	civil_day as_of;         /* the rate's date; DATE_NONE when given without one (ar.ini) */
};

struct fx_rates {
	currency_id reporting;
	struct fx_rate rate[CURRENCY_MAX];   /* by currency_id */
};

/*
 * No rates known but the reporting currency's own, which is 1 exactly
 * (text "1", no date).  AR_EUSAGE when reporting is not a looked-up
 * currency (r then knows no rate at all).
 */
ar_err fx_rates_init(struct fx_rates *r, currency_id reporting);

/*
 * Set the rate of currency from text: digits, optionally a '.' and 1 to
 * FX_DECIMALS_MAX digits ("4.4725", "0.0301", "32"), nothing else.
 * AR_ESYNTAX for any other form (blanks, a sign, grouping "1,234.5",
 * ".5", "5.", an exponent), for a rate of zero, and for more than
 * FX_DECIMALS_MAX decimals (even zeros: they suggest a misread file);
 * AR_ERANGE when the digits do not fit in int64 or the text is longer
 * than FX_TEXT_MAX - 1, and for a reporting-currency rate other than 1
 * ("1.000" is 1); AR_EUSAGE for a currency no lookup returned.  as_of is
 * the rate's date, DATE_NONE for none.  r is unchanged on failure.
 */
ar_err fx_rates_set(struct fx_rates *r, currency_id currency, const char *text,
    civil_day as_of);

/*
 * Read a rates file from an open reader: columns found by name, others
 * ignored:
 *   currency,rate,as_of
 *   USD,4.4725,2026-11-30
 * one row per currency, `rate` as fx_rates_set reads it, `as_of` as
 * YYYY-MM-DD.  Rows set rates over what r holds (an ar.ini rate of the
 * same currency is replaced).  On failure *e says why and on which line
 * (its file left ""; the reader is the file): a missing column
 * (AR_ECOLUMN, line 1), a currency twice (AR_ESYNTAX), an unknown or
 * malformed code (AR_ECURRENCY, AR_ESYNTAX), a bad rate (fx_rates_set's
 * code), a bad date (AR_ESYNTAX, AR_ERANGE for 2026-02-31), a reporting
 * currency row whose rate is not 1 (AR_ERANGE), or the reader's own error.
 * Rows before the failing one stay set.
 */
ar_err fx_rates_load(struct fx_rates *r, struct csvio_reader *in, struct ar_error *e);

/* The rate of currency, or NULL when none is known. */
const struct fx_rate *fx_rates_get(const struct fx_rates *r, currency_id currency);

/*
 * minor units of `from` into minor units of the reporting currency, each
 * in its own exponent (currency_exponent): USD 1,234.56 at 4.4725 is
 * MYR 5,521.57.  Exact, rounded half away from zero (-0.005 -> -0.01).
 * AR_ECURRENCY when no rate of `from` is known (nor an id a lookup
 * returned), AR_ERANGE when the result does not fit in int64.  *out is
 * written only on AR_OK.
 */
ar_err fx_convert(const struct fx_rates *r, int64_t minor, currency_id from, int64_t *out);

/*
 * The reporting currency of ar.ini: [report] currency, else [company]
 * default_currency.  *set says whether [report] currency names one (then
 * the rates of ar.ini are wanted).
 */
currency_id fx_reporting_currency(const struct ar_config *cfg, bool *set);

/*
 * Every [currency.X] rate (and rate_date, read with dates) of cfg into r,
 * initialised for its reporting currency.  AR_ECONFIG with *e saying which
 * key is wrong (its file and line left out).
 */
ar_err fx_rates_from_config(struct fx_rates *r, const struct ar_config *cfg,
    const struct date_opts *dates, struct ar_error *e);

#endif
