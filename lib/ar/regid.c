/* regid.c - registration numbers checked and put in one form (regid.h). */
#include "ar/regid.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/utf8.h"

/* How far a checker got with a value. */
enum fit {
	FIT,     /* valid: *out filled */
	NEAR,    /* of the form's shape but wrong: the reason says what */
	NOSHAPE  /* not of the form at all */
};

/* Reasons are short; quoted values are at most 40 bytes, 4 each escaped. */
#define REASON_MAX 224
#define QUOTE_BYTES 40

struct check {
	enum fit fit;
	char reason[REASON_MAX];
};

static const char *const type_words[] = { "ssm", "nric", "passport", "ubn", "twid" };
static const char *const holder_words[] = { "individual", "company", "business", "llp" };

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_letter(char c) { return is_upper(c) || is_lower(c); }
static char upper(char c) { return is_lower(c) ? (char)(c - 'a' + 'A') : c; }
static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static int
digit_value(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static bool
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

static enum fit
fail(struct check *c, enum fit fit, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static enum fit
fail(struct check *c, enum fit fit, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->reason, sizeof c->reason, fmt, ap);
	va_end(ap);
	return c->fit = fit;
}

static void
clear(struct regid *r)
{
	memset(r, 0, sizeof *r);
}

/* ---- ssm ---------------------------------------------------------------- */

/* The holder an SSM entity type names; false for a type not on SSM's list (01..06). */
static bool
ssm_type_holder(int type, enum regid_holder *h)
{
	switch (type) {
	case 1: case 2: *h = REGID_COMPANY; return true;
	case 3: *h = REGID_BUSINESS; return true;
	case 4: case 5: case 6: *h = REGID_LLP; return true;
	default: return false;
	}
}

/* s[0..12) all digits: the new form. */
static enum fit
ssm_new(const char *s, struct regid *r, struct check *c)
{
	int year = digit_value(s, 4), type = digit_value(s + 4, 2);

	if (year < 1800 || year > 2100)
		return fail(c, NEAR, "ssm year %d is not in 1800..2100", year);
	if (!ssm_type_holder(type, &r->holder))
		return fail(c, NEAR, "ssm entity type %02d is not one of 01..06", type);
	memcpy(r->id_new, s, 12);
	r->id_new[12] = '\0';
	return c->fit = FIT;
}

/* Skip blanks, at most one hyphen, blanks: what may part an old number. */
static size_t
skip_sep(const char *s, size_t n, size_t i)
{
	while (i < n && is_blank(s[i]))
		i++;
	if (i < n && s[i] == '-')
		i++;
	while (i < n && is_blank(s[i]))
		i++;
	return i;
}

#define SSM_OLD_FORMS "123456-X, 001234567-X, XX0123456-X or LLP0012345-XXX"

/*
 * An old form: letters, digits, letters, parted by skip_sep.  Into
 * r->id_old and r->holder.
 */
static enum fit
ssm_old(const char *s, size_t n, struct regid *r, struct check *c)
{
	size_t i = 0, pre, pre_n, dig, dig_n, suf, suf_n;
	char *o = r->id_old;

	for (pre = i; i < n && is_letter(s[i]); i++)
		;
	pre_n = i - pre;
	i = skip_sep(s, n, i);
	for (dig = i; i < n && is_digit(s[i]); i++)
		;
	dig_n = i - dig;
	i = skip_sep(s, n, i);
	for (suf = i; i < n && is_letter(s[i]); i++)
		;
	suf_n = i - suf;
	if (i != n || dig_n == 0 || suf_n == 0 || pre_n > 3 || suf_n > 3)
		return fail(c, NOSHAPE, "not an ssm number (expected YYYYTTNNNNNN, YYYYTTNNNNNN (123456-X), "
		    SSM_OLD_FORMS ")");

	if (pre_n == 0 && dig_n <= 7 && suf_n == 1) {
		/* Company numbers are written without leading zeros: 3813-K, not 0003813-K. */
		while (dig_n > 1 && s[dig] == '0')
			dig++, dig_n--;
		if (s[dig] == '0')
			return fail(c, NEAR, "ssm company number 0 is not issued");
		r->holder = REGID_COMPANY;
	} else if (((pre_n == 0 && dig_n == 9) || (pre_n == 2 && dig_n == 7)) && suf_n == 1) {
		r->holder = REGID_BUSINESS;
	} else if (pre_n == 3 && dig_n == 7 && suf_n == 3 && upper(s[pre]) == 'L' &&
	    upper(s[pre + 1]) == 'L' && upper(s[pre + 2]) == 'P') {
		r->holder = REGID_LLP;
	} else {
		return fail(c, NEAR, "ssm old number is not one of the forms " SSM_OLD_FORMS);
	}
	for (size_t k = 0; k < pre_n; k++)
		*o++ = upper(s[pre + k]);
	memcpy(o, s + dig, dig_n);
	o += dig_n;
	*o++ = '-';
	for (size_t k = 0; k < suf_n; k++)
		*o++ = upper(s[suf + k]);
	*o = '\0';
	return c->fit = FIT;
}

/* "200401018233 (651207-P)": the new form, the old one in parentheses. */
static enum fit
ssm_both(const char *s, size_t n, const char *open, struct regid *r, struct check *c)
{
	size_t new_n = (size_t)(open - s), old_at = new_n + 1, end;
	enum regid_holder said;
	struct check part;

	while (new_n > 0 && is_blank(s[new_n - 1]))
		new_n--;
	if (s[n - 1] != ')')
		return fail(c, NEAR, "ssm number with an old one in parentheses does not end with ')'");
	end = n - 1;
	while (old_at < end && is_blank(s[old_at]))
		old_at++;
	while (end > old_at && is_blank(s[end - 1]))
		end--;
	if (new_n != 12 || !all_digits(s, 12))
		return fail(c, NEAR, "ssm number before '(' is not 12 digits (YYYYTTNNNNNN)");
	if (ssm_new(s, r, &part) != FIT)
		return fail(c, NEAR, "%s", part.reason);
	said = r->holder;
	if (ssm_old(s + old_at, end - old_at, r, &part) != FIT)
		return fail(c, NEAR, "%s", part.fit == NOSHAPE ?
		    "ssm number in parentheses is not one of the old forms " SSM_OLD_FORMS : part.reason);
	if (r->holder != said)
		return fail(c, NEAR, "%s is a%s %s number (entity type %.2s) but %s is a%s %s number",
		    r->id_new, said == REGID_LLP ? "n" : "", holder_words[said], s + 4,
		    r->id_old, r->holder == REGID_LLP ? "n" : "", holder_words[r->holder]);
	return c->fit = FIT;
}

static enum fit
check_ssm(const char *s, size_t n, struct regid *r, struct check *c)
{
	const char *open = memchr(s, '(', n);

	r->type = REGID_SSM;
	if (open != NULL)
		return ssm_both(s, n, open, r, c);
	if (n == 12 && all_digits(s, n))
		return ssm_new(s, r, c);
	return ssm_old(s, n, r, c);
}

/* ---- nric --------------------------------------------------------------- */

/*
 * Whether JPN has issued place-of-birth code pb (its "kod negeri" and
 * "kod negara" lists; see regid.h).
 */
static bool
nric_place_issued(int pb)
{
	return (pb >= 1 && pb <= 16) || (pb >= 21 && pb <= 68) || pb == 71 || pb == 72 ||
	    (pb >= 74 && pb <= 79) || (pb >= 82 && pb <= 93) || pb == 98 || pb == 99;
}

static enum fit
check_nric(const char *s, size_t n, struct regid *r, struct check *c)
{
	char d[12];
	size_t nd = 0;
	civil_day day;

	r->type = REGID_NRIC;
	r->holder = REGID_INDIVIDUAL;
	for (size_t i = 0; i < n; i++) {
		if (is_digit(s[i]) && nd < 12)
			d[nd++] = s[i];
		/* (a hyphen or blank only after the date and after the place, once) */
		else if (!((s[i] == '-' || s[i] == ' ') && (nd == 6 || nd == 8) && is_digit(s[i - 1])))
			return fail(c, NOSHAPE, "not an nric number (expected YYMMDD-PB-###G, 12 digits)");
	}
	if (nd != 12)
		return fail(c, NOSHAPE, "not an nric number (expected YYMMDD-PB-###G, 12 digits)");

	int yy = digit_value(d, 2), mm = digit_value(d + 2, 2), dd = digit_value(d + 4, 2);
	int pb = digit_value(d + 6, 2);
	/* The century is not in the number: a day real in either one will do (000229 is 2000's). */
	if (date_from_ymd(1900 + yy, mm, dd, &day) != AR_OK && date_from_ymd(2000 + yy, mm, dd, &day) != AR_OK)
		return fail(c, NEAR, "nric date %.6s is not a real date (YYMMDD)", d);
	if (!nric_place_issued(pb))
		return fail(c, NEAR, "nric place-of-birth code %.2s is not issued", d + 6);
	snprintf(r->id_new, sizeof r->id_new, "%.6s-%.2s-%.4s", d, d + 6, d + 8);
	return c->fit = FIT;
}

/* ---- ubn ---------------------------------------------------------------- */

static enum fit
check_ubn(const char *s, size_t n, struct regid *r, struct check *c)
{
	static const int weight[8] = { 1, 2, 1, 2, 1, 2, 4, 1 };
	int sum = 0;

	r->type = REGID_UBN;
	r->holder = REGID_COMPANY;
	if (n != 8 || !all_digits(s, n))
		return fail(c, NOSHAPE, "not a ubn (expected 8 digits)");
	for (int i = 0; i < 8; i++) {
		int p = (s[i] - '0') * weight[i];
		sum += p / 10 + p % 10;
	}
	/* The 7th digit 7 gives 28, whose 2 + 8 = 10 MOF lets count as 1 or 0. */
	if (sum % 5 != 0 && !(s[6] == '7' && (sum + 1) % 5 == 0))
		return fail(c, NEAR, "ubn check digit is wrong");
	memcpy(r->id_new, s, 8);
	r->id_new[8] = '\0';
	return c->fit = FIT;
}

/* ---- twid --------------------------------------------------------------- */

static enum fit
check_twid(const char *s, size_t n, struct regid *r, struct check *c)
{
	/* The number each letter stands for: the order of the original areas, I, O, W, Z added late. */
	static const int letter_code[26] = {
		10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21,
		22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33,
	};
	char l;
	int code, sum;

	r->type = REGID_TWID;
	r->holder = REGID_INDIVIDUAL;
	if (n != 10 || !is_letter(s[0]) || !(is_digit(s[1]) || is_letter(s[1])) || !all_digits(s + 2, 8))
		return fail(c, NOSHAPE, "not a twid (expected a letter and 9 digits, A123456789)");
	if (s[1] != '1' && s[1] != '2' && s[1] != '8' && s[1] != '9')
		return fail(c, NEAR, "twid second character %c is not 1, 2, 8 or 9", s[1]);
	l = upper(s[0]);
	code = letter_code[l - 'A'];
	sum = code / 10 + code % 10 * 9;
	for (int i = 1; i <= 8; i++)
		sum += (s[i] - '0') * (9 - i);
	sum += s[9] - '0';
	if (sum % 10 != 0)
		return fail(c, NEAR, "twid check digit is wrong");
	r->id_new[0] = l;
	memcpy(r->id_new + 1, s + 1, 9);
	r->id_new[10] = '\0';
	return c->fit = FIT;
}

/* ---- passport ----------------------------------------------------------- */

static enum fit
check_passport(const char *s, size_t n, struct regid *r, struct check *c)
{
	r->type = REGID_PASSPORT;
	r->holder = REGID_INDIVIDUAL;
	if (n < 6 || n > 20)
		return fail(c, NOSHAPE, "passport must be 6 to 20 letters and digits");
	for (size_t i = 0; i < n; i++) {
		if (!is_letter(s[i]) && !is_digit(s[i]))
			return fail(c, NOSHAPE, "passport must be 6 to 20 letters and digits");
		r->id_new[i] = upper(s[i]);
	}
	r->id_new[n] = '\0';
	return c->fit = FIT;
}

/* ---- regid_parse -------------------------------------------------------- */

typedef enum fit (*checker)(const char *, size_t, struct regid *, struct check *);

static const checker checkers[] = {
	[REGID_SSM] = check_ssm,
	[REGID_NRIC] = check_nric,
	[REGID_PASSPORT] = check_passport,
	[REGID_UBN] = check_ubn,
	[REGID_TWID] = check_twid,
};

/* What inference tries, in the order a message names them. */
static const enum regid_type inferred[] = { REGID_SSM, REGID_NRIC, REGID_UBN, REGID_TWID };
#define NINFERRED (sizeof inferred / sizeof inferred[0])

static const char *
article(enum regid_type t)
{
	return t == REGID_SSM || t == REGID_NRIC ? "an" : "a";
}

/*
 * s[0..n) for a message, into q (QUOTE_BYTES * 4 + 4 bytes): '"' and '\'
 * escaped, what is not printable ASCII or whole UTF-8 as \xNN, "..."
 * after QUOTE_BYTES bytes.
 */
static void
quote(const char *s, size_t n, char *q)
{
	size_t i = 0, lim = n < QUOTE_BYTES ? n : QUOTE_BYTES;

	while (i < lim) {
		unsigned char b = (unsigned char)s[i];
		size_t seq;

		if (b == '"' || b == '\\') {
			*q++ = '\\';
			*q++ = (char)b;
			i++;
		} else if (b >= 0x20 && b < 0x7f) {
			*q++ = (char)b;
			i++;
		} else if (b >= 0x80 && (seq = utf8_sequence(s + i, lim - i, NULL)) > 0) {
			memcpy(q, s + i, seq);
			q += seq;
			i += seq;
		} else {
			q += sprintf(q, "\\x%02x", b);
			i++;
		}
	}
	if (i < n)
		q += sprintf(q, "...");
	*q = '\0';
}

static ar_err
say(char *why, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static ar_err
say(char *why, size_t cap, const char *fmt, ...)
{
	char full[2 * REGID_WHY_MAX];
	va_list ap;
	size_t len;

	if (why == NULL || cap == 0)
		return AR_ESYNTAX;
	va_start(ap, fmt);
	vsnprintf(full, sizeof full, fmt, ap);
	va_end(ap);
	len = strlen(full);
	/* A message cut to cap stays whole UTF-8. */
	if (len >= cap)
		len = utf8_cut(full, cap - 1);
	memcpy(why, full, len);
	why[len] = '\0';
	return AR_ESYNTAX;
}

static ar_err
infer(const char *s, size_t n, const char *q, struct regid *out, char *why, size_t cap)
{
	struct regid tries[NINFERRED];
	struct check checks[NINFERRED];
	size_t fits = 0, nears = 0, fit_at = 0;
	char list[128] = "", reasons[NINFERRED * (REASON_MAX + 2)] = "";

	for (size_t i = 0; i < NINFERRED; i++) {
		clear(&tries[i]);
		checkers[inferred[i]](s, n, &tries[i], &checks[i]);
		if (checks[i].fit == FIT)
			fit_at = i, fits++;
		nears += checks[i].fit == NEAR;
	}
	if (fits == 1) {
		*out = tries[fit_at];
		return AR_OK;
	}
	if (fits > 1) {
		size_t k = 0;

		for (size_t i = 0; i < NINFERRED; i++) {
			if (checks[i].fit != FIT)
				continue;
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s %s",
			    k == 0 ? "" : k + 1 == fits ? " or " : ", ", article(inferred[i]),
			    type_words[inferred[i]]);
			k++;
		}
		return say(why, cap, "reg_no \"%s\" could be %s number: set id_type", q, list);
	}
	if (nears == 0)
		return say(why, cap, "reg_no \"%s\" is not an ssm, nric, ubn or twid number: set id_type "
		    "(a passport is never inferred)", q);
	for (size_t i = 0; i < NINFERRED; i++)
		if (checks[i].fit == NEAR)
			snprintf(reasons + strlen(reasons), sizeof reasons - strlen(reasons), "%s%s",
			    reasons[0] != '\0' ? "; " : "", checks[i].reason);
	return say(why, cap, "reg_no \"%s\": %s", q, reasons);
}

ar_err
regid_parse(const char *id_type, const char *reg_no, struct regid *out, char *why, size_t cap)
{
	const char *s = reg_no != NULL ? reg_no : "";
	size_t n = strlen(s);
	char q[QUOTE_BYTES * 4 + 4];
	struct check c;
	ar_err err;

	clear(out);
	if (why != NULL && cap > 0)
		why[0] = '\0';
	while (n > 0 && is_blank(*s))
		s++, n--;
	while (n > 0 && is_blank(s[n - 1]))
		n--;

	if (id_type != NULL && id_type[0] != '\0') {
		size_t t;

		for (t = 0; t < sizeof type_words / sizeof type_words[0]; t++)
			if (strcmp(id_type, type_words[t]) == 0)
				break;
		if (t == sizeof type_words / sizeof type_words[0]) {
			quote(id_type, strlen(id_type), q);
			return say(why, cap, "id_type \"%s\" is not one of: ssm, nric, passport, ubn, twid", q);
		}
		if (n == 0)
			return say(why, cap, "reg_no is empty");
		quote(s, n, q);
		if (checkers[t](s, n, out, &c) == FIT)
			return AR_OK;
		clear(out);
		return say(why, cap, "reg_no \"%s\": %s", q, c.reason);
	}
	if (n == 0)
		return say(why, cap, "reg_no is empty");
	quote(s, n, q);
	if ((err = infer(s, n, q, out, why, cap)) != AR_OK)
		clear(out);
	return err;
}

const char *
regid_type_word(enum regid_type t)
{
	return (unsigned)t < sizeof type_words / sizeof type_words[0] ? type_words[t] : "unknown";
}

const char *
regid_holder_word(enum regid_holder h)
{
	return (unsigned)h < sizeof holder_words / sizeof holder_words[0] ? holder_words[h] : "unknown";
}

const char *
regid_id(const struct regid *r)
{
	return r->id_new[0] != '\0' ? r->id_new : r->id_old;
}

/* ---- masking ------------------------------------------------------------ */

/* keep_first > 0: keep that many characters; else keep the last 4.  Hyphens always show. */
static void
mask(const char *id, size_t keep_first, char *buf, size_t cap)
{
	size_t n, i;

	if (buf == NULL || cap == 0)
		return;
	if (id == NULL)
		id = "";
	n = strlen(id);
	for (i = 0; i < n && i + 1 < cap; i++) {
		bool show = id[i] == '-' || (keep_first > 0 ? i < keep_first : i + 4 >= n);

		buf[i] = show ? id[i] : '*';
	}
	buf[i] = '\0';
}

/* Whether id has the shape of a canonical SSM old form (digits or letters, '-', letters). */
static bool
ssm_old_shaped(const char *id)
{
	size_t i = 0, letters = 0, digits = 0, suffix = 0;

	while (is_upper(id[i]))
		i++, letters++;
	while (is_digit(id[i]))
		i++, digits++;
	if (id[i++] != '-')
		return false;
	while (is_upper(id[i]))
		i++, suffix++;
	return id[i] == '\0' && digits > 0 && letters <= 3 && suffix >= 1 && suffix <= 3;
}

void
regid_mask(const char *id, char *buf, size_t cap)
{
	size_t n = id != NULL ? strlen(id) : 0;
	bool ssm_or_ubn = ((n == 8 || n == 12) && all_digits(id, n)) || (n > 0 && ssm_old_shaped(id));

	mask(id, ssm_or_ubn ? 7 : 0, buf, cap);
}

void
regid_mask_as(enum regid_type t, const char *id, char *buf, size_t cap)
{
	mask(id, t == REGID_SSM || t == REGID_UBN ? 7 : 0, buf, cap);
}
