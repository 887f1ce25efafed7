/* phone.c - telephone numbers to E.164 (phone.h). */
#include <string.h>

#include "core/phone.h"

/* E.164 (ITU-T): a calling code and a national significant number, 15 digits at most. */
#define E164_DIGITS_MIN 8
#define E164_DIGITS_MAX 15
/* More digits than any number written with prefixes and a trunk 0: surely not one number. */
#define RAW_DIGITS_MAX 24

struct country {
	char iso[3];          /* ISO 3166 alpha-2 */
	const char *code;     /* calling code, digits */
	unsigned char trunk0; /* national numbers are dialled with a leading 0 */
	unsigned char nsn_min, nsn_max; /* digits of a national significant number */
	/*
	 * The fewest digits a number written with neither its trunk 0 nor
	 * its code may have: more than a subscriber number dialled locally,
	 * without its area code, ever has.  "2161 1234" in Kuala Lumpur is
	 * 03-2161 1234, not +60 21611234; "138 1234 5678" in China and
	 * "123456789" (0123456789 after a spreadsheet dropped its zero) are
	 * whole national numbers.
	 */
	unsigned char bare_min;
};

/*
 * The countries the team's customers are in and their neighbours.  Calling
 * codes are prefix-free (ITU-T E.164), so at most one row matches the start
 * of a number.  The lengths span landlines and mobiles alike.
 */
static const struct country countries[] = {
	/* 04-261 1234 (8), 03-2161 1234 (9), 011-1234 5678 (10); subscribers up to 8 */
	{ "MY", "60", 1, 8, 10, 9 },
	/* 037-123456 (8), 02-2345-6789 (9), 0912-345-678 (9); subscribers up to 8 */
	{ "TW", "886", 1, 8, 9, 9 },
	{ "SG", "65", 0, 8, 8, 8 },
	/* 010-1234 5678 (10), 0871-123 4567 (10), 138 1234 5678 (11); subscribers up to 8 */
	{ "CN", "86", 1, 10, 11, 10 },
	{ "HK", "852", 0, 8, 8, 8 },
	{ "MO", "853", 0, 8, 8, 8 },
	{ "US", "1", 0, 10, 10, 10 },    /* NANP; its trunk prefix 1 is its calling code */
	{ "ID", "62", 1, 8, 12, 12 },
	{ "TH", "66", 1, 8, 9, 9 },
	{ "PH", "63", 1, 8, 10, 10 },
	{ "VN", "84", 1, 9, 10, 10 },
	{ "JP", "81", 1, 9, 10, 10 },
	{ "KR", "82", 1, 8, 10, 10 },
	{ "AU", "61", 1, 9, 9, 9 },
	{ "GB", "44", 1, 9, 10, 10 },
	{ "IN", "91", 1, 10, 10, 10 },
	{ "BN", "673", 0, 7, 7, 7 },
};

#define NCOUNTRIES (sizeof countries / sizeof countries[0])

static const struct country *
country_by_iso(const char *iso)
{
	char up[3];

	if (iso == NULL || *iso == '\0')
		iso = "MY";
	if (strlen(iso) != 2)
		return NULL;
	for (int i = 0; i < 2; i++)
		up[i] = iso[i] >= 'a' && iso[i] <= 'z' ? (char)(iso[i] - 'a' + 'A') : iso[i];
	up[2] = '\0';
	for (size_t i = 0; i < NCOUNTRIES; i++)
		if (memcmp(countries[i].iso, up, 3) == 0)
			return &countries[i];
	return NULL;
}

static const struct country *
country_by_code(const char *digits, size_t n)
{
	for (size_t i = 0; i < NCOUNTRIES; i++) {
		size_t k = strlen(countries[i].code);

		if (k <= n && memcmp(countries[i].code, digits, k) == 0)
			return &countries[i];
	}
	return NULL;
}

static int
nsn_fits(const struct country *c, size_t n)
{
	return n >= c->nsn_min && n <= c->nsn_max;
}

/* "+" code nsn into out; the lengths are checked here once for every form. */
static ar_err
emit(const char *code, size_t code_len, const char *nsn, size_t nsn_len, char *out, size_t cap)
{
	size_t total = code_len + nsn_len;

	if (code_len == 0 || total < E164_DIGITS_MIN || total > E164_DIGITS_MAX)
		return AR_ESYNTAX;
	if (cap < total + 2)
		return AR_EUSAGE;
	out[0] = '+';
	memcpy(out + 1, code, code_len);
	memcpy(out + 1 + code_len, nsn, nsn_len);
	out[1 + total] = '\0';
	return AR_OK;
}

/* digits[0..n) after '+' or 00: a calling code, then the national number. */
static ar_err
international(const char *digits, size_t n, char *out, size_t cap)
{
	const struct country *c;
	size_t k;

	if (n == 0 || digits[0] == '0')
		return AR_ESYNTAX;
	if ((c = country_by_code(digits, n)) == NULL)
		return emit(digits, n, "", 0, out, cap);
	k = strlen(c->code);
	/* "+60 (0)12-345 6789": the trunk 0 written out of habit. */
	if (c->trunk0 && k < n && digits[k] == '0')
		k++;
	if (!nsn_fits(c, n - k))
		return AR_ESYNTAX;
	return emit(c->code, strlen(c->code), digits + k, n - k, out, cap);
}

static ar_err
national(const char *digits, size_t n, const char *default_country, char *out, size_t cap)
{
	const struct country *c = country_by_iso(default_country);
	size_t k;

	if (c == NULL)
		return AR_ESYNTAX;
	k = strlen(c->code);
	if (digits[0] == '0') {
		if (!c->trunk0 || !nsn_fits(c, n - 1))
			return AR_ESYNTAX;
		return emit(c->code, k, digits + 1, n - 1, out, cap);
	}
	if (n > k && memcmp(digits, c->code, k) == 0 && nsn_fits(c, n - k))
		return emit(c->code, k, digits + k, n - k, out, cap);
	if (nsn_fits(c, n) && n >= c->bare_min)
		return emit(c->code, k, digits, n, out, cap);
	return AR_ESYNTAX;
}

static ar_err
parse(const char *text, size_t len, const char *default_country, char *out, size_t cap)
{
	char digits[RAW_DIGITS_MAX];
	size_t i = 0, n = 0;
	int plus = 0;

	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	if (i < len && text[i] == '+') {
		plus = 1;
		i++;
	}
	for (; i < len; i++) {
		char ch = text[i];

		if (ch >= '0' && ch <= '9') {
			if (n == sizeof digits)
				return AR_ESYNTAX;
			digits[n++] = ch;
		} else if (!strchr(" \t-.()/", ch) || ch == '\0') {
			return AR_ESYNTAX;
		}
	}
	if (n == 0)
		return AR_ESYNTAX;
	if (plus)
		return international(digits, n, out, cap);
	if (n >= 2 && digits[0] == '0' && digits[1] == '0')
		return international(digits + 2, n - 2, out, cap);
	return national(digits, n, default_country, out, cap);
}

ar_err
phone_e164(const char *text, size_t len, const char *default_country, char *out, size_t cap)
{
	ar_err err;

	if (out == NULL || cap == 0)
		return AR_EUSAGE;
	if (text == NULL)
		text = "";
	if ((err = parse(text, len, default_country, out, cap)) != AR_OK)
		out[0] = '\0';
	return err;
}
