/* tiers.c - rates stepping with days (tiers.h). */
#include "core/tiers.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *
skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* A per cent with at most three decimals into thousandths; the end in *end. */
static bool
parse_rate(const char *s, int64_t *rate, const char **end)
{
	int64_t whole = 0, frac = 0;
	int digits = 0, decimals = 0;

	while (isdigit((unsigned char)*s) && digits < 4) {
		whole = whole * 10 + (*s++ - '0');
		digits++;
	}
	if (digits == 0)
		return false;
	if (*s == '.') {
		s++;
		while (isdigit((unsigned char)*s) && decimals < 3) {
			frac = frac * 10 + (*s++ - '0');
			decimals++;
		}
		if (decimals == 0 || isdigit((unsigned char)*s))
			return false;
	}
	while (decimals++ < 3)
		frac *= 10;
	*rate = whole * TIERS_RATE_SCALE + frac;
	*end = s;
	return true;
}

ar_err
tiers_parse(const char *text, struct rate_tiers *out)
{
	const char *s = skip_blanks(text);

	out->n = 0;
	for (;;) {
		int upto = TIERS_OPEN_END;
		int64_t rate;

		if (out->n == TIERS_MAX)
			return AR_ERANGE;
		if (*s == '*') {
			s++;
		} else {
			long days = 0;
			int digits = 0;

			while (isdigit((unsigned char)*s) && digits < 6) {
				days = days * 10 + (*s++ - '0');
				digits++;
			}
			if (digits == 0)
				return AR_ESYNTAX;
			if (days > TIERS_DAYS_MAX)
				return AR_ERANGE;
			upto = (int)days;
			if (out->n > 0 && upto <= out->upto[out->n - 1])
				return AR_ERANGE;
		}
		s = skip_blanks(s);
		if (*s++ != ':')
			return AR_ESYNTAX;
		s = skip_blanks(s);
		if (!parse_rate(s, &rate, &s))
			return AR_ESYNTAX;
		if (rate > 100 * TIERS_RATE_SCALE)
			return AR_ERANGE;
		out->upto[out->n] = upto;
		out->rate[out->n++] = rate;
		s = skip_blanks(s);
		if (upto == TIERS_OPEN_END)
			return *s == '\0' ? AR_OK : AR_ESYNTAX;
		if (*s++ != ',')
			return AR_ESYNTAX;   /* the end without a "*" tier, or garbage */
		s = skip_blanks(s);
	}
}

void
tiers_format(const struct rate_tiers *t, char *buf, size_t cap)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < t->n && len < cap; i++) {
		char limit[16], frac[8] = "";
		int64_t f = t->rate[i] % TIERS_RATE_SCALE;

		if (t->upto[i] == TIERS_OPEN_END)
			snprintf(limit, sizeof limit, "*");
		else
			snprintf(limit, sizeof limit, "%d", t->upto[i]);
		if (f != 0) {
			snprintf(frac, sizeof frac, ".%03d", (int)f);
			for (size_t k = strlen(frac); frac[k - 1] == '0'; k--)
				frac[k - 1] = '\0';
		}
		len += (size_t)snprintf(buf + len, cap - len, "%s%s:%lld%s", i ? ", " : "", limit,
		    (long long)(t->rate[i] / TIERS_RATE_SCALE), frac);
	}
}

int
tiers_index_for(const struct rate_tiers *t, int days)
{
	for (int i = 0; i < t->n; i++)
		if (t->upto[i] == TIERS_OPEN_END || days <= t->upto[i])
			return i;
	return t->n - 1;
}

ar_err
tiers_apply(int64_t amount, int64_t rate, int64_t *out)
{
	const int64_t den = 100 * TIERS_RATE_SCALE;
	int64_t a = amount < 0 ? -amount : amount;
	int64_t q, r;

	if (amount == INT64_MIN || (rate != 0 && a > INT64_MAX / rate))
		return AR_ERANGE;
	q = a * rate / den;
	r = a * rate % den;
	if (2 * r >= den)
		q++;
	*out = amount < 0 ? -q : q;
	return AR_OK;
}
