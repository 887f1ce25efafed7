/* money.c - exact amounts: the number forms ERP extracts write, and back. */
#include "core/money.h"

#include <stdio.h>
#include <string.h>

#define EXPONENT_MAX 6

static const uint64_t pow10[EXPONENT_MAX + 1] = {
	1, 10, 100, 1000, 10000, 100000, 1000000
};

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void
trim(const char **s, const char **e)
{
	while (*s < *e && is_blank(**s))
		(*s)++;
	while (*e > *s && is_blank((*e)[-1]))
		(*e)--;
}

/*
 * Take the sign off [*s, *e): a leading '-' or '+', parentheses, or SAP's
 * trailing minus, at most one of them.  Blanks may sit between the sign
 * and the digits ("1.234,56 -"), as SAP pads its list output.
 */
static ar_err
strip_sign(const char **s, const char **e, bool *neg)
{
	int forms = 0;

	*neg = false;
	trim(s, e);
	if (*s < *e && **s == '(') {
		if ((*e)[-1] != ')')
			return AR_ESYNTAX;
		(*s)++;
		(*e)--;
		*neg = true;
		forms++;
		trim(s, e);
	}
	if (*s < *e && (**s == '-' || **s == '+')) {
		*neg = **s == '-';
		(*s)++;
		forms++;
		trim(s, e);
	}
	if (*s < *e && (*e)[-1] == '-') {
		(*e)--;
		*neg = true;
		forms++;
		trim(s, e);
	}
	if (forms > 1 || *s == *e)
		return AR_ESYNTAX;
	return AR_OK;
}

static bool
is_group(char c, enum money_decimal decimal)
{
	if (decimal == MONEY_DECIMAL_COMMA)
		return c == '.' || c == ' ';
	return c == ',';
}

/*
 * zeros_ok: extra decimals that are zeros are accepted (and no group
 * separator is), for notations that never group digits.
 */
static ar_err
parse(const char *text, size_t len, int exponent, enum money_decimal decimal,
    bool zeros_ok, int64_t *minor)
{
	const char *s = text, *e, *p;
	char dec = decimal == MONEY_DECIMAL_COMMA ? ',' : '.';
	char group = '\0';      /* the group separator, once one is seen */
	int glen = 0;           /* digits in the current group */
	int nfrac = 0;          /* fraction digits kept, up to exponent */
	bool neg, any = false, big = false, extra = false;
	uint64_t mag = 0, frac = 0, limit;
	ar_err err;

	if (exponent < 0 || exponent > EXPONENT_MAX)
		return AR_EUSAGE;
	if (len == 0)   /* an empty field may come as NULL, 0 */
		return AR_ESYNTAX;
	e = text + len;
	if ((err = strip_sign(&s, &e, &neg)) != AR_OK)
		return err;

	for (p = s; p < e && *p != dec; p++) {
		if (is_digit(*p)) {
			/* keep scanning after an overflow: bad syntax wins */
			if (__builtin_mul_overflow(mag, 10, &mag) ||
			    __builtin_add_overflow(mag, *p - '0', &mag))
				big = true;
			any = true;
			if (glen < 4)   /* only 0, 1-3 or more matter */
				glen++;
			continue;
		}
		if (zeros_ok || !is_group(*p, decimal) ||
		    (group != '\0' && *p != group))
			return AR_ESYNTAX;
		/*
		 * A first group led by 0 ("0,500") is a decimal-comma amount
		 * read with the wrong profile, not five hundred.
		 */
		if (group == '\0' ? glen < 1 || glen > 3 || *s == '0' :
		    glen != 3)
			return AR_ESYNTAX;
		group = *p;
		glen = 0;
	}
	if (group != '\0' && glen != 3)
		return AR_ESYNTAX;

	if (p < e) {
		for (p++; p < e; p++) {
			if (!is_digit(*p))
				return AR_ESYNTAX;
			any = true;
			if (nfrac < exponent) {
				frac = frac * 10 + (uint64_t)(*p - '0');
				nfrac++;
			} else if (*p != '0' || !zeros_ok)
				extra = true;
		}
	}
	if (!any)
		return AR_ESYNTAX;
	if (extra)
		return AR_EDECIMALS;

	/* The magnitude of INT64_MIN is one more than INT64_MAX. */
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	frac *= pow10[exponent - nfrac];
	if (big || __builtin_mul_overflow(mag, pow10[exponent], &mag) ||
	    __builtin_add_overflow(mag, frac, &mag) || mag > limit)
		return AR_ERANGE;
	if (!neg)
		*minor = (int64_t)mag;
	else if (mag == 0)
		*minor = 0;
	else
		*minor = -(int64_t)(mag - 1) - 1;
	return AR_OK;
}

ar_err
money_parse(const char *text, size_t len, int exponent,
    enum money_decimal decimal, int64_t *minor)
{
	/*
	 * "52.500" in a 2-decimal currency is refused though its extra digit
	 * is a zero: it is nearly always 52,500 written with the other
	 * notation's thousands separator, and reading it as 52.50 puts an
	 * extract (and a control total written alike) 1000 times low.
	 */
	return parse(text, len, exponent, decimal, false, minor);
}

ar_err
money_parse_ungrouped(const char *text, size_t len, int exponent,
    enum money_decimal decimal, int64_t *minor)
{
	return parse(text, len, exponent, decimal, true, minor);
}

/*
 * Digits after the decimal separator of a text money_parse refused with
 * AR_EDECIMALS: its separator is the last '.' or ',' (a group separator
 * never follows the decimal one), whichever the notation.
 */
static int
decimals_of(const char *text, size_t len, char *sep)
{
	const char *p = text + len, *q;
	int n = 0;

	while (p > text && p[-1] != '.' && p[-1] != ',')
		p--;
	*sep = p > text ? p[-1] : '\0';
	if (p == text)
		return 0;
	for (q = p; q < text + len && is_digit(*q); q++)
		n++;
	return n;
}

size_t
money_decimals_message(char *buf, size_t size, const char *what,
    const char *text, size_t len, currency_id cur, const char *setting)
{
	const char *code = currency_code(cur);
	int exponent = currency_exponent(cur), n, shown = len > 40 ? 40 : (int)len;
	enum money_decimal other;
	int64_t v;
	char sep;
	int w;

	n = decimals_of(text, len, &sep);
	other = sep == '.' ? MONEY_DECIMAL_COMMA : MONEY_DECIMAL_POINT;
	w = snprintf(buf, size, "%s \"%.*s\" has %d decimal%s but %s has %d: ",
	    what, shown, text, n, n == 1 ? "" : "s", code, exponent);
	if (w < 0 || (size_t)w >= size)
		return strlen(buf);
	/* Suggest the other notation only when the text reads in it. */
	if (sep != '\0' && money_parse(text, len, exponent, other, &v) != AR_ESYNTAX) {
		if (setting != NULL)
			w += snprintf(buf + w, size - (size_t)w, "if \"%c\" groups "
			    "thousands in this file, set %s = %s; else ", sep, setting,
			    other == MONEY_DECIMAL_COMMA ? "comma" : "point");
		else
			w += snprintf(buf + w, size - (size_t)w, "if \"%c\" groups "
			    "thousands, write the amount without it; else ", sep);
	}
	if ((size_t)w < size)
		w += snprintf(buf + w, size - (size_t)w, "check [currency.%s] exponent", code);
	return (size_t)w < size ? (size_t)w : strlen(buf);
}

size_t
money_format(int64_t minor, int exponent, char *buf)
{
	char digits[MONEY_TEXT_MAX];
	uint64_t mag;
	int n = 0;
	size_t len = 0;

	if (exponent < 0)
		exponent = 0;
	if (exponent > EXPONENT_MAX)
		exponent = EXPONENT_MAX;
	/* Negate in unsigned arithmetic: -INT64_MIN does not fit in int64. */
	mag = minor < 0 ? 0 - (uint64_t)minor : (uint64_t)minor;
	do {
		digits[n++] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag != 0);
	while (n <= exponent)
		digits[n++] = '0';

	if (minor < 0)
		buf[len++] = '-';
	while (n > 0) {
		if (n == exponent)
			buf[len++] = '.';
		buf[len++] = digits[--n];
	}
	buf[len] = '\0';
	return len;
}

ar_err
money_add(int64_t *acc, int64_t v)
{
	int64_t sum;

	if (__builtin_add_overflow(*acc, v, &sum))
		return AR_ERANGE;
	*acc = sum;
	return AR_OK;
}
