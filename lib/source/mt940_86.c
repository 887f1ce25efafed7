/*
 * mt940_86.c - the :86: information field: German ?NN sub-fields, the
 * Dutch /CODE/value/ dialect, or free text; and the narrative, the whole
 * field on one line (mt940_int.h says how its lines are joined).
 */
#include <ctype.h>
#include <string.h>

#include "core/utf8.h"
#include "source/mt940_int.h"

void
mt940_copy(char *dst, size_t size, const char *s, size_t len)
{
	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len >= size)
		len = size - 1;
	/*
	 * A cut (here, or a caller's fixed width such as the 4-byte :61:
	 * type) may split a character: keep only whole ones.
	 */
	len = utf8_valid_prefix(s, len);
	memcpy(dst, s, len);
	dst[len] = '\0';
}

/* Append s[0..len) to dst (NUL-terminated, size bytes), with sep between. */
static void
append(char *dst, size_t size, const char *s, size_t len, const char *sep)
{
	size_t have = strlen(dst), room;
	char tmp[BANK_TEXT_MAX];

	mt940_copy(tmp, sizeof tmp, s, len);
	if (tmp[0] == '\0')
		return;
	if (have > 0 && have + strlen(sep) < size) {
		memcpy(dst + have, sep, strlen(sep) + 1);
		have += strlen(sep);
	}
	room = size - have;
	mt940_copy(dst + have, room, tmp, strlen(tmp));
}

/*
 * Join lines with nothing between: the structured dialects wrap at a
 * fixed width, mid-word, and their separators (?NN, /CODE/) carry the
 * structure wherever a line ends.
 */
static size_t
unwrap(const char *text, size_t len, char *out, size_t size)
{
	size_t i, n = 0;

	for (i = 0; i < len && n + 1 < size; i++)
		if (text[i] != '\r' && text[i] != '\n')
			out[n++] = text[i];
	out[n] = '\0';
	return n;
}

/*
 * German (DFÜ-Abkommen) form: GVC code, then ?NN sub-fields.  ?20..?29
 * and ?60..?63 are 27-character chunks of one text, so a full chunk joins
 * the next without a blank.
 */
static const char *const sepa_keys[] = {
	"EREF+", "KREF+", "MREF+", "CRED+", "DEBT+", "SVWZ+", "ABWA+", "ABWE+",
	"IBAN+", "BIC+", NULL
};

/* Where the next SEPA keyword starts in s, or its end. */
static const char *
next_sepa_key(const char *s)
{
	const char *best = s + strlen(s), *p;
	int k;

	for (k = 0; sepa_keys[k] != NULL; k++)
		if ((p = strstr(s, sepa_keys[k])) != NULL && p < best)
			best = p;
	return best;
}

/*
 * sep is '?' (DFÜ) or '>' (Triodos writes the same sub-fields with '>').
 */
static void
parse_german(const char *s, size_t len, char sep, struct bank_txn *t)
{
	size_t i = 0, start, prevlen = 0, name32 = 0;
	const char *p, *q;

	while (i < len && s[i] != sep)
		i++;
	mt940_copy(t->type_code, sizeof t->type_code, s, i);
	while (i + 2 < len) {
		int nn = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');

		start = i + 3;
		i = start;
		while (i < len && !(s[i] == sep && i + 2 < len &&
		    isdigit((unsigned char)s[i + 1]) &&
		    isdigit((unsigned char)s[i + 2])))
			i++;
		if ((nn >= 20 && nn <= 29) || (nn >= 60 && nn <= 63)) {
			append(t->reference, sizeof t->reference, s + start,
			    i - start, prevlen >= 27 ? "" : " ");
			prevlen = i - start;
		} else if (nn == 31)
			mt940_copy(t->payer_account, sizeof t->payer_account,
			    s + start, i - start);
		else if (nn == 32 || nn == 33) {
			/* ?33 continues ?32 the same way: mid-word when full. */
			append(t->payer, sizeof t->payer, s + start, i - start,
			    name32 >= 27 ? "" : " ");
			name32 = i - start;
		}
		if (i >= len)
			break;
	}
	/*
	 * SEPA texts carry keywords: EREF+ is the end-to-end id, SVWZ+ the
	 * remittance text; each runs to the next keyword.
	 */
	if ((p = strstr(t->reference, "EREF+")) != NULL) {
		q = next_sepa_key(p + 5);
		mt940_copy(t->end_to_end, sizeof t->end_to_end, p + 5,
		    (size_t)(q - p - 5));
	}
	if ((p = strstr(t->reference, "SVWZ+")) != NULL) {
		char tmp[BANK_TEXT_MAX];

		q = next_sepa_key(p + 5);
		mt940_copy(tmp, sizeof tmp, p + 5, (size_t)(q - p - 5));
		memcpy(t->reference, tmp, strlen(tmp) + 1);
	}
}

/*
 * The code words of the slash-coded form (ING, Rabobank, ABN AMRO,
 * Triodos, Knab, Danske; the list banks and parsers document).  A code
 * word not listed still ends the value before it (unknown_key_at), except
 * inside REMI and CNTP (value_end).
 */
static const char *const dutch_keys[] = {
	"ACCW", "ADDR", "BBAN", "BENM", "BIC", "BUSP", "CHGS", "CHRG", "CNTP",
	"COAM", "CSID", "EREF", "EXCH", "FX", "IBAN", "ID", "IREF", "ISDT",
	"KREF", "MARF", "NAME", "NBTR", "OCMT", "ORDP", "ORDT", "OSDR", "OTHR",
	"PREF", "PURP", "RCMT", "REMI", "RREF", "RTRN", "SVCL", "TRCD", "TRTP",
	"ULTB", "ULTC", "ULTD",
	NULL
};

/* Is s[i..] "/KEY/" for a known key?  Returns the key's length or 0. */
static size_t
dutch_key_at(const char *s, size_t len, size_t i)
{
	size_t k, n;

	if (s[i] != '/')
		return 0;
	for (k = 0; dutch_keys[k] != NULL; k++) {
		n = strlen(dutch_keys[k]);
		if (i + n + 1 < len && memcmp(s + i + 1, dutch_keys[k], n) == 0 &&
		    s[i + n + 1] == '/')
			return n;
	}
	return 0;
}

/*
 * Is s[i..] a code word the list lacks: "/" three or four capital letters
 * "/" (/XYZ/, HSBC's /OGB/, ING's /SUM/)?  Returns its length or 0.  Two
 * letters are too often text ("EN/OF/").  The price: a name of three or
 * four capitals alone between slashes after some other value
 * (/ORDP/5140123456789/ACME/) is taken for a code word too.
 */
static size_t
unknown_key_at(const char *s, size_t len, size_t i)
{
	size_t n = 0;

	if (s[i] != '/')
		return 0;
	while (i + 1 + n < len && n <= 4 && s[i + 1 + n] >= 'A' &&
	    s[i + 1 + n] <= 'Z')
		n++;
	if (n < 3 || n > 4 || i + 1 + n >= len || s[i + 1 + n] != '/')
		return 0;
	return n;
}

/*
 * Where the value that starts at s[i] ends: at the next code word.  The
 * remittance text (REMI) and CNTP's positional sub-fields (account, BIC,
 * name, city) may hold words of capitals between slashes (REMI/USTD//,
 * REMI/STRD/CUR/, a city): only a listed code word ends those.
 */
static size_t
value_end(const char *s, size_t len, size_t i, bool any_key_ends)
{
	while (i < len && dutch_key_at(s, len, i) == 0 &&
	    !(any_key_ends && unknown_key_at(s, len, i) != 0))
		i++;
	return i;
}

static bool
key_is(const char *key, size_t klen, const char *name)
{
	return klen == strlen(name) && memcmp(key, name, klen) == 0;
}

/*
 * An account number as banks write one in a party field: 5 to 34 ASCII
 * letters and digits, at least 5 of them digits (KBS "300000000460495",
 * an IBAN).
 */
static bool
is_account(const char *s, size_t n)
{
	size_t i, digits = 0;

	if (n < 5 || n > 34)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (!(s[i] >= 'A' && s[i] <= 'Z') &&
		    !(s[i] >= 'a' && s[i] <= 'z'))
			return false;
	}
	return digits >= 5;
}

/*
 * The value of /ORDP/ (the ordering party) written in the field itself,
 * not in /ORDP//NAME/: its name (/ORDP/Hr R Kuil en/of Mw A/), the NAME
 * sub-field after one slash (/ORDP/NAME/x/), or, as SWIFT party fields
 * begin and Komercijalna Banka writes it, an account, "/" and the name
 * (/ORDP/300000000460495/IVOTEHNA DOOEL SKOPJE/747//747/...).
 */
static bool
is_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Whether the slash at v[i] joins two one-letter words: " S/B", " A/L ". */
static bool
letter_pair_slash(const char *v, size_t vlen, size_t i)
{
	return i >= 1 && i + 1 < vlen && is_letter(v[i - 1]) && is_letter(v[i + 1]) &&
	    (i == 1 || v[i - 2] == ' ') &&
	    (i + 2 == vlen || v[i + 2] == ' ' || v[i + 2] == '/');
}

static void
ordp_value(const char *v, size_t vlen, char *name, size_t size,
    struct bank_txn *t)
{
	size_t a = 0, b;

	while (a < vlen && v[a] != '/')
		a++;
	/* /ORDP/NAME/x, /ORDP/ID/x: the sub-field with one slash. */
	if (key_is(v, a, "ID") || key_is(v, a, "ADDR"))
		return;
	if (!key_is(v, a, "NAME") && !is_account(v, a)) {
		mt940_copy(name, size, v, vlen);
		return;
	}
	if (is_account(v, a) && t->payer_account[0] == '\0')
		mt940_copy(t->payer_account, sizeof t->payer_account, v, a);
	/*
	 * The name: the piece after NAME or the account, up to the next
	 * slash, except the slash of a one-letter pair ("SINAR JAYA TRDG S/B",
	 * "MUTHU A/L RAMAN", "S/O"): Malaysian names and legal forms have them.
	 */
	v += a < vlen ? a + 1 : a;
	vlen -= a < vlen ? a + 1 : a;
	for (b = 0; b < vlen && (v[b] != '/' || letter_pair_slash(v, vlen, b)); b++)
		;
	mt940_copy(name, size, v, b);
}

/*
 * Dutch (ING, Rabobank, ABN AMRO, Triodos) form: /KEY/value/KEY/value/.
 * A party code with an empty value (/ORDP//NAME/x/ADDR/y/ID/z) owns the
 * NAME, ADDR and ID that follow it.  The payer is the ordering party's
 * name (/ORDP//NAME/x or /ORDP/x) wherever /ORDP/ stands; without one,
 * the last other NAME or CNTP name (ABN AMRO's bare /NAME/, ING's CNTP,
 * Rabobank's /BENM//NAME/ of a debit).
 */
static void
parse_dutch(const char *s, size_t len, struct bank_txn *t)
{
	size_t i = 0, j, klen, vlen;
	const char *key, *v;
	char ordp[sizeof t->payer] = "";
	bool in_ordp = false;

	while (i < len) {
		klen = dutch_key_at(s, len, i);
		if (klen == 0)
			klen = unknown_key_at(s, len, i);
		if (klen == 0) {
			i++;
			continue;
		}
		key = s + i + 1;
		v = s + i + klen + 2;
		j = value_end(s, len, i + klen + 2, !key_is(key, klen, "REMI") &&
		    !key_is(key, klen, "CNTP"));
		vlen = j - (i + klen + 2);
		while (vlen > 0 && v[vlen - 1] == '/')
			vlen--;
		if (!key_is(key, klen, "NAME") && !key_is(key, klen, "ADDR") &&
		    !key_is(key, klen, "ID"))
			in_ordp = key_is(key, klen, "ORDP");
		if (key_is(key, klen, "ORDP") && vlen > 0)
			ordp_value(v, vlen, ordp, sizeof ordp, t);
		else if (key_is(key, klen, "EREF"))
			mt940_copy(t->end_to_end, sizeof t->end_to_end, v, vlen);
		else if (key_is(key, klen, "REMI")) {
			/* REMI/USTD//text or REMI/STRD/CUR/ref: skip the kind. */
			if (vlen >= 6 && memcmp(v, "USTD//", 6) == 0) {
				v += 6;
				vlen -= 6;
			} else if (vlen >= 9 && memcmp(v, "STRD/CUR/", 9) == 0) {
				v += 9;
				vlen -= 9;
			}
			mt940_copy(t->reference, sizeof t->reference, v, vlen);
		} else if (key_is(key, klen, "NAME"))
			mt940_copy(in_ordp ? ordp : t->payer, sizeof t->payer, v,
			    vlen);
		else if (key_is(key, klen, "IBAN"))
			mt940_copy(t->payer_account, sizeof t->payer_account, v,
			    vlen);
		else if (key_is(key, klen, "CNTP")) {
			/* CNTP/IBAN/BIC/NAME/CITY, positional. */
			const char *f[4] = { v, NULL, NULL, NULL };
			size_t fl[4] = { 0, 0, 0, 0 }, n = 0, x;

			for (x = 0; x <= vlen && n < 4; x++) {
				if (x == vlen || v[x] == '/') {
					fl[n] = (size_t)(v + x - f[n]);
					if (++n < 4)
						f[n] = v + x + 1;
				}
			}
			mt940_copy(t->payer_account, sizeof t->payer_account,
			    f[0], fl[0]);
			if (n > 2)
				mt940_copy(t->payer, sizeof t->payer, f[2], fl[2]);
		}
		i = j;
	}
	if (ordp[0] != '\0')
		memcpy(t->payer, ordp, strlen(ordp) + 1);
}

/* Characters (not bytes) in s[0..n): the wrapping width counts letters. */
static size_t
width(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

void
mt940_narrative(const char *text, size_t len, size_t first_width,
    char *out, size_t size)
{
	size_t i = 0, n = 0, end, k, lead;
	bool full = false;

	while (i < len) {
		for (end = i; end < len && text[end] != '\n'; end++)
			;
		k = end;
		if (k > i && text[k - 1] == '\r')
			k--;
		/* After a short line, a blank, unless one is there already. */
		if (n > 0 && !full && out[n - 1] != ' ' && k > i &&
		    text[i] != ' ' && n + 1 < size)
			out[n++] = ' ';
		full = first_width + width(text + i, k - i) >= MT940_LINE_WIDTH;
		first_width = 0;
		while (i < k && n + 1 < size)
			out[n++] = text[i++];
		i = end + 1;
	}
	n = utf8_valid_prefix(out, n);     /* a cut may split a character */
	while (n > 0 && out[n - 1] == ' ')
		n--;
	for (lead = 0; lead < n && out[lead] == ' '; lead++)
		;
	memmove(out, out + lead, n - lead);
	out[n - lead] = '\0';
}

void
mt940_parse_86(const char *text, size_t len, struct bank_txn *t)
{
	char local[8192], *flat = local;  /* longer :86: texts are cut */
	size_t n, i = 0;

	mt940_narrative(text, len, 4, t->narrative, sizeof t->narrative);
	n = unwrap(text, len, flat, sizeof local);
	while (i < n && flat[i] == ' ')
		i++;
	if (n - i >= 4 && isdigit((unsigned char)flat[i]) &&
	    isdigit((unsigned char)flat[i + 1]) &&
	    isdigit((unsigned char)flat[i + 2]) &&
	    (flat[i + 3] == '?' || flat[i + 3] == '>')) {
		parse_german(flat + i, n - i, flat[i + 3], t);
		return;
	}
	if (n - i >= 3 && flat[i] == '?' && isdigit((unsigned char)flat[i + 1])) {
		parse_german(flat + i, n - i, '?', t);
		return;
	}
	for (; i < n; i++)
		if (dutch_key_at(flat, n, i) != 0) {
			parse_dutch(flat, n, t);
			return;
		}
	/* Free text: the remittance text is the whole text. */
	mt940_copy(t->reference, sizeof t->reference, t->narrative,
	    strlen(t->narrative));
}
