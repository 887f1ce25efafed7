/*
 * fuzz_money.c - libFuzzer target for money_parse and money_format.
 *
 * The first byte picks the exponent and the decimal form; the rest is the
 * text.  Invariants checked (abort on breach, so libFuzzer reports it):
 *   - whatever parses is negative only when the text has '-' or '(', and
 *     formats and parses back to the same amount, also as decimal comma and
 *     with its integer part grouped by three;
 *   - blanks around the text change nothing, the error included;
 *   - any int64 formats within MONEY_TEXT_MAX and parses back, and without
 *     its minus sign parses to its negation or, for INT64_MIN, AR_ERANGE;
 *   - money_add agrees with overflow-checked addition;
 *   - money_parse_ungrouped reads what money_parse reads without a group
 *     separator, to the same amount.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

/* "1234567.89" -> "1,234,567.89" (sep ','), kept within out's 64 bytes. */
static size_t
group(const char *s, size_t n, char sep, char dec, char *out)
{
	size_t i = 0, k = 0, intlen;

	if (s[0] == '-')
		out[k++] = s[i++];
	for (intlen = 0; i + intlen < n && s[i + intlen] != '.'; intlen++)
		;
	for (; intlen > 0; intlen--) {
		out[k++] = s[i++];
		if (intlen > 1 && (intlen - 1) % 3 == 0)
			out[k++] = sep;
	}
	for (; i < n; i++)
		out[k++] = s[i] == '.' ? dec : s[i];
	return k;
}

/* Whether s, blanks around it left out, holds a character that may group digits. */
static bool
groups(const char *s, size_t n, enum money_decimal decimal)
{
	char other = decimal == MONEY_DECIMAL_COMMA ? '.' : ',';

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	for (size_t i = 0; i < n; i++)
		if (s[i] == other || s[i] == ' ' || s[i] == '\t' || (unsigned char)s[i] >= 0x80 ||
		    s[i] == '\'')
			return true;
	return false;
}

static void
expect_parses_to(const char *s, size_t n, int exponent,
    enum money_decimal decimal, int64_t want)
{
	int64_t got = ~want;

	CHECK(money_parse(s, n, exponent, decimal, &got) == AR_OK);
	CHECK(got == want);
}

static void
check_round_trip(int64_t v, int exponent)
{
	char buf[MONEY_TEXT_MAX], alt[64];
	size_t n, k;
	int64_t back;

	n = money_format(v, exponent, buf);
	CHECK(n < MONEY_TEXT_MAX && n == strlen(buf));
	expect_parses_to(buf, n, exponent, MONEY_DECIMAL_POINT, v);
	/* without its minus: -v, except that -INT64_MIN does not fit */
	if (v == INT64_MIN)
		CHECK(money_parse(buf + 1, n - 1, exponent,
		    MONEY_DECIMAL_POINT, &back) == AR_ERANGE);
	else if (v < 0)
		expect_parses_to(buf + 1, n - 1, exponent, MONEY_DECIMAL_POINT,
		    -v);

	k = group(buf, n, ',', '.', alt);
	expect_parses_to(alt, k, exponent, MONEY_DECIMAL_POINT, v);
	k = group(buf, n, '.', ',', alt);
	expect_parses_to(alt, k, exponent, MONEY_DECIMAL_COMMA, v);
	k = group(buf, n, ' ', ',', alt);
	expect_parses_to(alt, k, exponent, MONEY_DECIMAL_COMMA, v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum money_decimal decimal;
	int exponent;
	int64_t v, w, acc;
	ar_err err, err2;
	char *padded;

	if (size < 1)
		return 0;
	exponent = data[0] % 7;
	decimal = (data[0] & 0x80) ? MONEY_DECIMAL_COMMA : MONEY_DECIMAL_POINT;
	data++;
	size--;

	v = 0x1234;
	err = money_parse((const char *)data, size, exponent, decimal, &v);
	CHECK(err == AR_OK || err == AR_ESYNTAX || err == AR_EDECIMALS ||
	    err == AR_ERANGE);
	if (err == AR_OK) {
		/* the sign comes only from '-' or '(' */
		bool minus = memchr(data, '-', size) || memchr(data, '(', size);

		CHECK(minus ? v <= 0 : v >= 0);
		check_round_trip(v, exponent);
	} else
		CHECK(v == 0x1234);

	/*
	 * The ungrouped reading (camt, MT940) agrees with the strict one on
	 * whatever the strict one reads; beyond it, it only adds extra zero
	 * decimals, never a grouped number.
	 */
	w = 0x1234;
	err2 = money_parse_ungrouped((const char *)data, size, exponent, decimal, &w);
	CHECK(err2 == AR_OK || err2 == AR_ESYNTAX || err2 == AR_EDECIMALS || err2 == AR_ERANGE);
	if (err == AR_OK && !groups((const char *)data, size, decimal))
		CHECK(err2 == AR_OK && w == v);
	if (err2 == AR_OK)   /* more than the strict reading: extra zero decimals only */
		CHECK((err == AR_OK && w == v) || err == AR_EDECIMALS);

	if ((padded = malloc(size + 4)) != NULL) {
		padded[0] = ' ';
		padded[1] = '\t';
		memcpy(padded + 2, data, size);
		padded[size + 2] = ' ';
		padded[size + 3] = '\t';
		w = 0x1234;
		err2 = money_parse(padded, size + 4, exponent, decimal, &w);
		CHECK(err2 == err);
		CHECK(err != AR_OK || w == v);
		free(padded);
	}

	/* The raw bytes as amounts: INT64_MIN and friends come up quickly. */
	if (size >= 16) {
		memcpy(&v, data, 8);
		memcpy(&w, data + 8, 8);
		check_round_trip(v, exponent);
		check_round_trip(w, exponent);
		acc = v;
		if ((w > 0 && v > INT64_MAX - w) ||
		    (w < 0 && v < INT64_MIN - w))
			CHECK(money_add(&acc, w) == AR_ERANGE && acc == v);
		else
			CHECK(money_add(&acc, w) == AR_OK && acc - w == v);
	}
	return 0;
}
