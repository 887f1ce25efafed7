/*
 * mt940_86.c - the :86: information field: German ?NN sub-fields, the
 * Dutch /CODE/value/ dialect, or free text.
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

/* Join lines: structured dialects wrap at a fixed width, mid-word. */
static size_t
unwrap(const char *text, size_t len, char *out, size_t size, bool spaced)
{
	size_t i, n = 0;

	for (i = 0; i < len && n + 1 < size; i++) {
		if (text[i] == '\r')
			continue;
		if (text[i] == '\n') {
			if (spaced && n > 0 && out[n - 1] != ' ')
				out[n++] = ' ';
			continue;
		}
		out[n++] = text[i];
	}
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

static const char *const dutch_keys[] = {
	"ADDR", "BENM", "BIC", "BUSP", "CNTP", "CSID", "CHGS", "EREF", "EXCH",
	"FX", "IBAN", "ID", "ISDT", "MARF", "NAME", "OCMT", "ORDP", "PREF",
	"PURP", "REMI", "RTRN", "SVCL", "TRCD", "TRTP", "ULTB", "ULTC", "ULTD",
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

/* Dutch (ING, Rabobank, ABN AMRO, Triodos) form: /KEY/value/KEY/value/. */
static void
parse_dutch(const char *s, size_t len, struct bank_txn *t)
{
	size_t i = 0, j, klen, vlen;
	const char *key, *v;

	while (i < len) {
		klen = dutch_key_at(s, len, i);
		if (klen == 0) {
			i++;
			continue;
		}
		key = s + i + 1;
		j = i + klen + 2;
		while (j < len && dutch_key_at(s, len, j) == 0)
			j++;
		v = s + i + klen + 2;
		vlen = j - (i + klen + 2);
		while (vlen > 0 && v[vlen - 1] == '/')
			vlen--;
		if (klen == 4 && memcmp(key, "EREF", 4) == 0)
			mt940_copy(t->end_to_end, sizeof t->end_to_end, v, vlen);
		else if (klen == 4 && memcmp(key, "REMI", 4) == 0) {
			/* REMI/USTD//text or REMI/STRD/CUR/ref: skip the kind. */
			if (vlen >= 6 && memcmp(v, "USTD//", 6) == 0) {
				v += 6;
				vlen -= 6;
			} else if (vlen >= 9 && memcmp(v, "STRD/CUR/", 9) == 0) {
				v += 9;
				vlen -= 9;
			}
			mt940_copy(t->reference, sizeof t->reference, v, vlen);
		} else if (klen == 4 && memcmp(key, "NAME", 4) == 0)
			mt940_copy(t->payer, sizeof t->payer, v, vlen);
		else if (klen == 4 && memcmp(key, "IBAN", 4) == 0)
			mt940_copy(t->payer_account, sizeof t->payer_account, v,
			    vlen);
		else if (klen == 4 && memcmp(key, "CNTP", 4) == 0) {
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
}

void
mt940_parse_86(const char *text, size_t len, struct bank_txn *t)
{
	char local[8192], *flat = local;  /* longer :86: texts are cut */
	size_t n, i = 0;

	n = unwrap(text, len, flat, sizeof local, false);
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
	/* Free text: line breaks are word breaks. */
	n = unwrap(text, len, flat, sizeof local, true);
	mt940_copy(t->reference, sizeof t->reference, flat, n);
}
