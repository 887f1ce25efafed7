/*
 * bank_channel.c - channel and JomPAY references from a transaction's
 * text (see bank_channel.h).
 *
 * Words are compared in ASCII upper case; the text is never changed.  No
 * locale: the narratives are ASCII (Bahasa Malaysia and English), and any
 * UTF-8 byte counts as a letter, so a word never ends inside a character.
 */
#include <string.h>

#include "source/bank_channel.h"
#include "core/currency.h"
#include "core/utf8.h"

static int
upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static int
is_word(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z') || (c & 0x80) != 0;
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Does a word start at s[i]?  After a blank or punctuation, and after the
 * German MT940 sub-field marks "?NN" (":86:166?00FPX ZAHLUNG?20..."),
 * which glue the next field's text to their digits.
 */
static int
word_start(const char *s, size_t i)
{
	if (i == 0 || !is_word((unsigned char)s[i - 1]))
		return 1;
	return i >= 3 && s[i - 3] == '?' && s[i - 2] >= '0' && s[i - 2] <= '9' &&
	    s[i - 1] >= '0' && s[i - 1] <= '9';
}

/* Does text[i..) start with word w (upper case), and w end there? */
static size_t
word_at(const char *s, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w), k;

	if (!word_start(s, i))
		return 0;
	if (i + n > len)
		return 0;
	for (k = 0; k < n; k++)
		if (upper((unsigned char)s[i + k]) != w[k])
			return 0;
	if (i + n < len && is_word((unsigned char)s[i + n]))
		return 0;
	return n;
}

/* "DUIT NOW", "JOM PAY": two words with blanks between. */
static size_t
two_words_at(const char *s, size_t len, size_t i, const char *a,
    const char *b)
{
	size_t n = strlen(a), m, j;
	size_t k;

	if (!word_start(s, i))
		return 0;
	if (i + n >= len)
		return 0;
	for (k = 0; k < n; k++)
		if (upper((unsigned char)s[i + k]) != a[k])
			return 0;
	for (j = i + n; j < len && is_blank((unsigned char)s[j]); j++)
		;
	if (j == i + n)
		return 0;
	if ((m = word_at(s, len, j, b)) == 0)
		return 0;
	return j + m - i;
}

static bool
is_myr(currency_id cur)
{
	const char *code = currency_code(cur);

	return code != NULL && strcmp(code, "MYR") == 0;
}

/* The channel named at text[i], or NULL. */
static const char *
channel_at(const char *s, size_t len, size_t i, currency_id cur)
{
	if (word_at(s, len, i, "IBG") ||
	    two_words_at(s, len, i, "INTERBANK", "GIRO"))
		return "IBG";
	if (word_at(s, len, i, "GIRO") && is_myr(cur))
		return "IBG";
	if (word_at(s, len, i, "DUITNOW") ||
	    two_words_at(s, len, i, "DUIT", "NOW"))
		return "DuitNow";
	if (word_at(s, len, i, "JOMPAY") ||
	    two_words_at(s, len, i, "JOM", "PAY"))
		return "JomPAY";
	if (word_at(s, len, i, "FPX"))
		return "FPX";
	if (word_at(s, len, i, "RENTAS"))
		return "RENTAS";
	return NULL;
}

/*
 * "REF1", "REF-1", "REF 1", "REF.1" at text[i] (any case), then ':' or
 * '=' or blanks: which (1 or 2) and where the value starts, else 0.
 */
static int
ref_at(const char *s, size_t len, size_t i, size_t *value)
{
	size_t j;
	int which;

	if (!word_start(s, i))
		return 0;
	if (i + 4 > len || upper((unsigned char)s[i]) != 'R' ||
	    upper((unsigned char)s[i + 1]) != 'E' ||
	    upper((unsigned char)s[i + 2]) != 'F')
		return 0;
	j = i + 3;
	if (j < len && (s[j] == '-' || s[j] == ' ' || s[j] == '.' ||
	    s[j] == '_'))
		j++;
	if (j >= len || (s[j] != '1' && s[j] != '2'))
		return 0;
	which = s[j] - '0';
	j++;
	if (j < len && is_word((unsigned char)s[j]))
		return 0;       /* REF12345 is a reference, not Ref-1 */
	while (j < len && is_blank((unsigned char)s[j]))
		j++;
	if (j < len && (s[j] == ':' || s[j] == '='))
		j++;
	while (j < len && is_blank((unsigned char)s[j]))
		j++;
	if (j >= len || s[j] == ',' || s[j] == ';')
		return 0;
	*value = j;
	return which;
}

/* The value at s: up to a blank, ',', ';' or '/' (the slash that closes an MT940 sub-field, "REF-1 881001119/"). */
static void
copy_value(char *dst, size_t size, const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && !is_blank((unsigned char)s[n]) && s[n] != ',' &&
	    s[n] != ';' && s[n] != '/')
		n++;
	if (n >= size)
		n = utf8_cut(s, size - 1);
	memcpy(dst, s, n);
	dst[n] = '\0';
}

void
bank_channel_scan(const char *text, size_t len, struct bank_txn *t)
{
	size_t i, v = 0;
	const char *ch;
	int which;

	if (text == NULL)
		return;
	for (i = 0; i < len; i++) {
		int c = upper((unsigned char)text[i]);

		if (!is_word(c) || !word_start(text, i))
			continue;
		/* Every word looked for starts with one of these letters. */
		if (strchr("IGDJFR", c) == NULL || c == '\0')
			continue;
		if (t->channel[0] == '\0' &&
		    (ch = channel_at(text, len, i, t->currency)) != NULL)
			memcpy(t->channel, ch, strlen(ch) + 1);
		which = c == 'R' ? ref_at(text, len, i, &v) : 0;
		if (which == 1 && t->ref1[0] == '\0')
			copy_value(t->ref1, sizeof t->ref1, text + v, len - v);
		else if (which == 2 && t->ref2[0] == '\0')
			copy_value(t->ref2, sizeof t->ref2, text + v, len - v);
	}
}
