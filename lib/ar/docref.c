/* docref.c - document numbers in doc_no cells and bank texts (docref.h). */
#include "ar/docref.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NORM_MAX 256            /* a doc_no longer than this, normalised, is no document number */
#define PREFIX_RUN_MAX 16       /* letters that can still be invoice words ("INVOICENO" is 9) */
#define PARTS_MAX 16            /* parts of one number; more start the next */

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool
is_alnum(unsigned char c)
{
	return is_digit(c) || is_alpha(c);
}

static bool
is_separator(unsigned char c)
{
	return c < 0x20 || c == ' ' || c == '-' || c == '/' || c == '.' || c == '_' ||
	    c == '#' || c == ':';
}

/* What joins the parts of one number in a text; a blank ends it. */
static bool
is_joiner(unsigned char c)
{
	return c == '-' || c == '/' || c == '.' || c == '_' || c == '#';
}

static const char *const invoice_words[] = { "INVOICE", "INVOIS", "INV", "IV", "NO", "BIL" };

/* Whether s[0..k) is invoice words one after the other ("INVNO", "INVOICENO"). */
static bool
all_invoice_words(const char *s, size_t k)
{
	if (k == 0)
		return true;
	for (size_t i = 0; i < sizeof invoice_words / sizeof *invoice_words; i++) {
		size_t w = strlen(invoice_words[i]);

		if (w <= k && memcmp(s, invoice_words[i], w) == 0 && all_invoice_words(s + w, k - w))
			return true;
	}
	return false;
}

size_t
docref_key(const char *doc_no, size_t len, char *out, size_t cap)
{
	char norm[NORM_MAX];
	size_t n = 0, start = 0, letters = 0, digits;

	if (cap == 0)
		return 0;
	out[0] = '\0';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)doc_no[i];

		if (is_separator(c))
			continue;
		if (n == sizeof norm)
			return 0;
		norm[n++] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
	}
	while (letters < n && is_alpha((unsigned char)norm[letters]))
		letters++;
	if (letters > 0 && letters < n && letters <= PREFIX_RUN_MAX &&
	    is_digit((unsigned char)norm[letters]) && all_invoice_words(norm, letters)) {
		start = letters;
		letters = 0;
	}
	/* the number's leading zeros, keeping its last digit: "000" is "0" */
	digits = start + letters;
	while (digits + 1 < n && norm[digits] == '0' && is_digit((unsigned char)norm[digits + 1]))
		digits++;
	if (letters + (n - digits) == 0 || letters + (n - digits) >= cap)
		return 0;
	memcpy(out, norm + start, letters);
	memcpy(out + letters, norm + digits, n - digits);
	out[letters + n - digits] = '\0';
	return letters + n - digits;
}

void
docref_list_clear(struct docref_list *list)
{
	list->n = 0;
	list->truncated = false;
}

/* Add s[0..len)'s key unless it is empty or held already; count what was added. */
static void
add_number(struct docref_list *list, const char *s, size_t len, size_t *added)
{
	char key[DOCREF_KEY_SIZE];

	if (docref_key(s, len, key, sizeof key) == 0)
		return;
	for (size_t i = 0; i < list->n; i++)
		if (strcmp(list->key[i], key) == 0)
			return;
	if (list->n == DOCREF_MAX) {
		list->truncated = true;
		return;
	}
	memcpy(list->key[list->n++], key, sizeof key);
	(*added)++;
}

/* Add the series head[0..hlen) followed by the number digits[0..dlen). */
static void
add_in_series(struct docref_list *list, const char *head, size_t hlen, const char *digits,
    size_t dlen, size_t *added)
{
	char s[2 * DOCREF_KEY_SIZE];

	if (hlen + dlen > sizeof s)
		return;
	memcpy(s, head, hlen);
	memcpy(s + hlen, digits, dlen);
	add_number(list, s, hlen + dlen, added);
}

/* One part of a number in the text: text[at..at+len), and the joiner before it. */
struct part {
	size_t at, len;
	char joiner;
};

static bool
all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_digit((unsigned char)s[i]))
			return false;
	return len > 0;
}

static bool
any_digit(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (is_digit((unsigned char)s[i]))
			return true;
	return false;
}

static int
small_number(const char *s, size_t len)
{
	int v = 0;

	for (size_t i = 0; i < len; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Whether first[0..la) and the two parts after it read as a date: y-m-d, d/m/y or m/d/y. */
static bool
reads_as_date(const char *t, const char *first, size_t la, const struct part *p)
{
	size_t lb = p[0].len, lc = p[1].len;
	int a, b, c;

	if (la > 4 || lb > 2 || lc > 4)
		return false;
	a = small_number(first, la);
	b = small_number(t + p[0].at, lb);
	c = small_number(t + p[1].at, lc);
	if (la == 4)
		return a >= 1900 && a <= 2099 && b >= 1 && b <= 12 && lc <= 2 && c >= 1 && c <= 31;
	if (la > 2 || (lc != 2 && lc != 4))
		return false;
	return (a >= 1 && a <= 31 && b >= 1 && b <= 12) || (a >= 1 && a <= 12 && b >= 1 && b <= 31);
}

/* Add one to the decimal digits s[0..len); the caller knows it does not overflow. */
static void
increment(char *s, size_t len)
{
	while (len > 0 && s[len - 1] == '9')
		s[--len] = '0';
	if (len > 0)
		s[len - 1]++;
}

/*
 * The numbers first[0..flen) / the parts rest[0..nrest) stand for, into
 * nums (each flen digits), when they are a list: each part replaces the
 * last digits of the first, each number larger than the one before.
 */
static bool
as_list(const char *t, const char *first, size_t flen, const struct part *rest, size_t nrest,
    char nums[][DOCREF_KEY_SIZE])
{
	memcpy(nums[0], first, flen);
	for (size_t i = 0; i < nrest; i++) {
		if (rest[i].len > flen)
			return false;
		memcpy(nums[i + 1], nums[i], flen);
		memcpy(nums[i + 1] + flen - rest[i].len, t + rest[i].at, rest[i].len);
		if (memcmp(nums[i + 1], nums[i], flen) <= 0)
			return false;
	}
	return true;
}

/*
 * Add the range or list that parts p[f..np) make after the series
 * head[0..hlen); whether they were one.  *joined_too: a right part is
 * as long as the first, so the joined number is a candidate as well.
 */
static bool
add_range_or_list(struct docref_list *list, const char *t, const struct part *p, size_t f,
    size_t np, size_t lead, const char *head, size_t hlen, bool *joined_too, size_t *added)
{
	char nums[PARTS_MAX][DOCREF_KEY_SIZE];
	const char *first = t + p[f].at + lead;
	size_t flen = p[f].len - lead, nrest = np - f - 1;
	char joiner = p[f + 1].joiner;

	if (!all_digits(first, flen) || flen >= DOCREF_KEY_SIZE)
		return false;
	for (size_t i = f + 1; i < np; i++)
		if (p[i].joiner != joiner || !all_digits(t + p[i].at, p[i].len))
			return false;
	if (nrest == 2 && reads_as_date(t, first, flen, p + f + 1))
		return false;
	if (!as_list(t, first, flen, p + f + 1, nrest, nums))
		return false;
	*joined_too = false;
	for (size_t i = f + 1; i < np; i++)
		if (p[i].len == flen)
			*joined_too = true;
	if (joiner == '/') {
		for (size_t i = 0; i <= nrest; i++)
			add_in_series(list, head, hlen, nums[i], flen, added);
		return true;
	}
	if (joiner != '-' || nrest != 1)
		return false;
	/* a range: all its numbers when there are few, else its ends */
	char cur[DOCREF_KEY_SIZE];
	size_t steps = 0;

	memcpy(cur, nums[0], flen);
	while (memcmp(cur, nums[1], flen) != 0 && steps < DOCREF_RANGE_MAX - 1) {
		increment(cur, flen);
		steps++;
	}
	if (memcmp(cur, nums[1], flen) != 0) {
		add_in_series(list, head, hlen, nums[0], flen, added);
		add_in_series(list, head, hlen, nums[1], flen, added);
		return true;
	}
	memcpy(cur, nums[0], flen);
	for (size_t i = 0; i <= steps; i++, increment(cur, flen))
		add_in_series(list, head, hlen, cur, flen, added);
	return true;
}

/* Add what one number of the text, parts p[0..np), cites. */
static void
add_cited(struct docref_list *list, const char *t, const struct part *p, size_t np, size_t *added)
{
	size_t f = 0, start, lead = 0, hlen = 0;
	char head[2 * DOCREF_KEY_SIZE];
	bool joined_too = true;

	while (f < np && !any_digit(t + p[f].at, p[f].len))
		f++;
	if (f == np)
		return;
	/* the series: letters glued to the number, or else the word just before it */
	start = f;
	if (f > 0 && !is_alpha((unsigned char)t[p[f].at]))
		start = f - 1;
	if (start < f && p[start].len <= DOCREF_KEY_SIZE) {
		memcpy(head, t + p[start].at, p[start].len);
		hlen = p[start].len;
	}
	while (lead < p[f].len && is_alpha((unsigned char)t[p[f].at + lead]))
		lead++;
	if (lead > DOCREF_KEY_SIZE)
		return;
	memcpy(head + hlen, t + p[f].at, lead);
	hlen += lead;
	if (np - f >= 2 &&
	    add_range_or_list(list, t, p, f, np, lead, head, hlen, &joined_too, added) && !joined_too)
		return;
	add_number(list, t + p[start].at, p[np - 1].at + p[np - 1].len - p[start].at, added);
}

/* A key as its series (the letters before its last digits) and number; false when it has no digits or too many. */
static bool
split_key(const char *key, size_t *series, unsigned long long *number)
{
	size_t len = strlen(key), d = len;

	while (d > 0 && is_digit((unsigned char)key[d - 1]))
		d--;
	if (d == len || len - d > 18)
		return false;
	*series = d;
	*number = strtoull(key + d, NULL, 10);
	return true;
}

/*
 * "INV-0001154-INV-0001157": two numbers of one series joined by '-', the
 * second repeating the series: the numbers between them, when few.
 */
static void
add_repeated_range(struct docref_list *list, const char *a, const char *b, size_t *added)
{
	size_t sa, sb;
	unsigned long long na, nb;
	char s[DOCREF_KEY_SIZE + 24];

	if (!split_key(a, &sa, &na) || !split_key(b, &sb, &nb) || sa != sb ||
	    memcmp(a, b, sa) != 0 || nb <= na || nb - na >= DOCREF_RANGE_MAX)
		return;
	for (unsigned long long v = na + 1; v < nb; v++) {
		int n = snprintf(s, sizeof s, "%.*s%llu", (int)sa, a, v);

		if (n > 0 && (size_t)n < sizeof s)
			add_number(list, s, (size_t)n, added);
	}
}

size_t
docref_extract(const char *text, size_t len, struct docref_list *list)
{
	const unsigned char *t = (const unsigned char *)text;
	struct part p[PARTS_MAX];
	size_t i = 0, added = 0, last_single = SIZE_MAX;
	bool dash_word = false;     /* the last number ended at "-" and a word */

	while (i < len) {
		size_t np = 0;
		bool digits = false;
		char joiner = 0;

		if (!is_alnum(t[i])) {
			i++;
			continue;
		}
		for (;;) {
			size_t at = i;

			while (i < len && is_alnum(t[i]))
				i++;
			p[np].at = at;
			p[np].len = i - at;
			p[np].joiner = joiner;
			digits = digits || any_digit(text + at, i - at);
			if (++np == PARTS_MAX || i + 1 >= len || !is_joiner(t[i]) || !is_alnum(t[i + 1]))
				break;
			/* a word after a number starts the next: "INV1001/INV1002", "1001/CUST" */
			if (digits && i + 2 < len && is_alpha(t[i + 1]) && is_alpha(t[i + 2]))
				break;
			joiner = (char)t[i++];
		}
		{
			size_t before = list->n;

			add_cited(list, text, p, np, &added);
			if (dash_word && last_single != SIZE_MAX && list->n == before + 1 && before > 0)
				add_repeated_range(list, list->key[last_single], list->key[before], &added);
			last_single = list->n == before + 1 ? before : SIZE_MAX;
			dash_word = i + 2 < len && t[i] == '-' && is_alpha(t[i + 1]) && is_alpha(t[i + 2]);
		}
	}
	return added;
}

bool
docref_near(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t first = 0, diffs = 0;

	if (alen != blen)
		return false;
	for (size_t i = 0; i < alen; i++) {
		if (a[i] == b[i])
			continue;
		if (diffs++ == 0)
			first = i;
		if (diffs > 2)
			return false;
	}
	if (diffs == 1)
		return is_digit((unsigned char)a[first]) && is_digit((unsigned char)b[first]);
	/* two differences: a swap when they are adjacent and crossed */
	return diffs == 2 && first + 1 < alen && a[first] == b[first + 1] && a[first + 1] == b[first];
}
