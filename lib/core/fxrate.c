/* fxrate.c - exchange rates to one reporting currency, exact. */
#include "core/fxrate.h"

#include <stdio.h>
#include <string.h>

/* A product of two int64 magnitudes needs 126 bits; ISO C has no such type. */
__extension__ typedef unsigned __int128 u128;

static const uint64_t pow10[] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
	100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL,
	1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
	1000000000000000ULL, 10000000000000000ULL
};

static bool
valid_currency(currency_id c)
{
	return c >= 0 && c < CURRENCY_MAX && currency_code(c) != NULL;
}

ar_err
fx_rates_init(struct fx_rates *r, currency_id reporting)
{
	memset(r, 0, sizeof *r);
	r->reporting = -1;
	if (!valid_currency(reporting))
		return AR_EUSAGE;
	r->reporting = reporting;
	r->rate[reporting] = (struct fx_rate){ true, 1, 0, "1", DATE_NONE };
	return AR_OK;
}

/* "4.4725" -> 44725, 4; the form fx_rates_set documents. */
static ar_err
parse_rate(const char *s, int64_t *digits, int *scale)
{
	uint64_t v = 0;
	int decimals = -1;   /* -1: no '.' seen */
	size_t n = 0;        /* digits before the '.' */

	for (; *s != '\0'; s++) {
		if (*s == '.') {
			if (decimals >= 0 || n == 0)
				return AR_ESYNTAX;
			decimals = 0;
			continue;
		}
		if (*s < '0' || *s > '9')
			return AR_ESYNTAX;
		if (decimals >= 0 && ++decimals > FX_DECIMALS_MAX)
			return AR_ESYNTAX;
		if (decimals < 0)
			n++;
		if (v > ((uint64_t)INT64_MAX - (uint64_t)(*s - '0')) / 10)
			return AR_ERANGE;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (n == 0 || decimals == 0)
		return AR_ESYNTAX;
	if (v == 0)
		return AR_ESYNTAX;   /* a rate of zero would wipe amounts out */
	*digits = (int64_t)v;
	*scale = decimals < 0 ? 0 : decimals;
	return AR_OK;
}

ar_err
fx_rates_set(struct fx_rates *r, currency_id currency, const char *text, civil_day as_of)
{
	struct fx_rate rate = { true, 0, 0, "", as_of };
	ar_err err;

	if (!valid_currency(currency))
		return AR_EUSAGE;
	if ((err = parse_rate(text, &rate.digits, &rate.scale)) != AR_OK)
		return err;
	if (strlen(text) >= FX_TEXT_MAX)
		return AR_ERANGE;
	if (currency == r->reporting && (uint64_t)rate.digits != pow10[rate.scale])
		return AR_ERANGE;
	memcpy(rate.text, text, strlen(text) + 1);
	r->rate[currency] = rate;
	return AR_OK;
}

const struct fx_rate *
fx_rates_get(const struct fx_rates *r, currency_id currency)
{
	if (currency < 0 || currency >= CURRENCY_MAX || !r->rate[currency].known)
		return NULL;
	return &r->rate[currency];
}

/* Exactly YYYY-MM-DD: a rates file is written by people, not by an ERP. */
static ar_err
parse_iso_day(const char *s, size_t len, civil_day *day)
{
	int v[3] = { 0, 0, 0 };
	static const int width[3] = { 4, 2, 2 };
	size_t at = 0;

	if (len != 10)
		return AR_ESYNTAX;
	for (int part = 0; part < 3; part++) {
		for (int i = 0; i < width[part]; i++, at++) {
			if (s[at] < '0' || s[at] > '9')
				return AR_ESYNTAX;
			v[part] = v[part] * 10 + (s[at] - '0');
		}
		if (part < 2 && s[at++] != '-')
			return AR_ESYNTAX;
	}
	return date_from_ymd(v[0], v[1], v[2], day);
}

static ar_err
rate_problem(struct ar_error *e, ar_err err, long line, const struct fx_rates *r,
    currency_id c, const char *text)
{
	int64_t digits;
	int scale;

	if (err == AR_ERANGE && strlen(text) >= FX_TEXT_MAX)
		return ar_error_set(e, err, line, "rate \"%s\" of %s is longer than %d characters",
		    text, currency_code(c), FX_TEXT_MAX - 1);
	if (err == AR_ERANGE && c == r->reporting && parse_rate(text, &digits, &scale) == AR_OK)
		return ar_error_set(e, err, line,
		    "rate of %s, the reporting currency, must be 1, found \"%s\"",
		    currency_code(c), text);
	if (err == AR_ERANGE)
		return ar_error_set(e, err, line, "rate \"%s\" of %s is too large",
		    text, currency_code(c));
	return ar_error_set(e, err, line,
	    "rate \"%s\" of %s is not a rate (expected e.g. 4.4725: digits, a point, "
	    "at most %d decimals, more than zero)", text, currency_code(c), FX_DECIMALS_MAX);
}

ar_err
fx_rates_load(struct fx_rates *r, struct csvio_reader *in, struct ar_error *e)
{
	static const char *const names[] = { "currency", "rate", "as_of" };
	int col[3];
	long seen_on[CURRENCY_MAX] = { 0 };   /* line a currency was read on; 0: not yet */
	struct csvio_record rec;
	ar_err err;

	memset(e, 0, sizeof *e);   /* its file stays "": the caller's reader is the file */
	for (int i = 0; i < 3; i++)
		if ((col[i] = csvio_column(in, names[i])) < 0)
			return ar_error_set(e, AR_ECOLUMN, 1, "missing column \"%s\"", names[i]);
	while ((err = csvio_read(in, &rec)) == AR_OK) {
		const struct csvio_field *code = &rec.field[col[0]];
		const struct csvio_field *rate = &rec.field[col[1]];
		const struct csvio_field *as_of = &rec.field[col[2]];
		currency_id c;
		civil_day day;

		if ((err = currency_lookup(code->ptr, code->len, &c)) != AR_OK)
			return ar_error_set(e, err, rec.line, "currency \"%s\" is %s", code->ptr,
			    err == AR_ECURRENCY ? "not a known currency (add [currency.CODE] to ar.ini)"
			    : "not a currency code (expected three capital letters, e.g. MYR)");
		if (seen_on[c] != 0)
			return ar_error_set(e, AR_ESYNTAX, rec.line,
			    "currency %s appears twice (first on line %ld)", currency_code(c), seen_on[c]);
		seen_on[c] = rec.line;
		if ((err = parse_iso_day(as_of->ptr, as_of->len, &day)) != AR_OK)
			return ar_error_set(e, err, rec.line, "as_of \"%s\" of %s is %s", as_of->ptr,
			    currency_code(c), err == AR_ERANGE ? "not a date (no such day)"
			    : "not a date (expected YYYY-MM-DD)");
		if ((err = fx_rates_set(r, c, rate->ptr, day)) != AR_OK)
			return rate_problem(e, err, rec.line, r, c, rate->ptr);
	}
	if (err != AR_EOF)
		return ar_error_set(e, err, csvio_error(in)->line, "%s", csvio_error(in)->message);
	return AR_OK;
}

ar_err
fx_convert(const struct fx_rates *r, int64_t minor, currency_id from, int64_t *out)
{
	const struct fx_rate *rate = fx_rates_get(r, from);
	u128 mag, result;
	int shift;   /* the power of ten the product is scaled by */

	if (rate == NULL || !valid_currency(from) || !valid_currency(r->reporting))
		return AR_ECURRENCY;
	/* minor / 10^e_from * digits / 10^scale * 10^e_to, in one division. */
	shift = currency_exponent(r->reporting) - currency_exponent(from) - rate->scale;
	mag = (u128)(minor < 0 ? -(uint64_t)minor : (uint64_t)minor) * (uint64_t)rate->digits;
	if (shift >= 0) {
		/* Nothing to round; past 2^63 the result cannot fit, and stops the product growing. */
		if (mag > (u128)INT64_MAX + 1)
			return AR_ERANGE;
		result = mag * pow10[shift];
	} else {
		u128 div = pow10[-shift];   /* -shift <= exponent 6 + scale 9 */

		result = mag / div;
		if ((mag % div) * 2 >= div)
			result++;   /* half away from zero: the sign is put back after */
	}
	if (minor < 0 ? result > (u128)INT64_MAX + 1 : result > (u128)INT64_MAX)
		return AR_ERANGE;
	/* -(result - 1) - 1 reaches INT64_MIN without converting 2^63 to int64. */
	if (minor >= 0 || result == 0)
		*out = (int64_t)result;
	else
		*out = -(int64_t)(result - 1) - 1;
	return AR_OK;
}

currency_id
fx_reporting_currency(const struct ar_config *cfg, bool *set)
{
	*set = config_has(cfg, "report:currency");
	return *set ? config_get_currency(cfg, "report:currency")
	    : config_get_currency(cfg, "company:default_currency");
}

ar_err
fx_rates_from_config(struct fx_rates *r, const struct ar_config *cfg,
    const struct date_opts *dates, struct ar_error *e)
{
	bool set;
	currency_id to = fx_reporting_currency(cfg, &set);
	char key[64];

	if (fx_rates_init(r, to) != AR_OK)
		return ar_error_set(e, AR_ECONFIG, 0, "no reporting currency");
	for (currency_id c = 0; c < CURRENCY_MAX && currency_code(c) != NULL; c++) {
		const char *rate, *date = NULL;
		civil_day day = DATE_NONE;

		snprintf(key, sizeof key, "currency.%s:rate", currency_code(c));
		if (c == to || !config_has(cfg, key))
			continue;
		rate = config_get_string(cfg, key);
		snprintf(key, sizeof key, "currency.%s:rate_date", currency_code(c));
		if (config_has(cfg, key))
			date = config_get_string(cfg, key);
		if (date != NULL && date_parse(date, strlen(date), dates, &day) != AR_OK)
			return ar_error_set(e, AR_ECONFIG, 0,
			    "[currency.%s] rate_date \"%s\" is not a date (expected YYYY-MM-DD)",
			    currency_code(c), date);
		if (fx_rates_set(r, c, rate, day) != AR_OK)
			return ar_error_set(e, AR_ECONFIG, 0, "[currency.%s] rate \"%s\" is not a rate "
			    "(a number above zero with at most %d decimals, such as 4.4725)",
			    currency_code(c), rate, FX_DECIMALS_MAX);
	}
	return AR_OK;
}
