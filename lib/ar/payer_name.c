/* payer_name.c - normalise and compare payer names (see payer_name.h). */
#include "ar/payer_name.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/utf8.h"

/* Every word takes at least one byte and one separator. */
#define WORDS_MAX (PAYER_NAME_MAX / 2 + 1)

/*
 * Bank prefixes: what Malaysian banks put before the payer in a credit's
 * narrative (Maybank, CIMB, Public Bank, RHB statements: "IBG CR", "GIRO CR",
 * "DUITNOW TRSF CR", "TRF FROM", "RENTAS", "JOMPAY", "FPX").  Only words no
 * company name starts with are removed on their own; "CR" and "TT" start
 * real names ("TT DOTCOM SDN BHD"), so they go only after a bank word or as
 * the pair "TT CR".  After a prefix, "CR", "FR" and "FROM" go as well.
 */
static const char *const bank_words[] = {
	"ibg", "giro", "duitnow", "rentas", "fpx", "jompay", "ibft",
	"trf", "trsf", "transfer", NULL
};
static const char *const bank_pairs[][2] = {
	{ "tt", "cr" }, { "inst", "trf" }, { "instant", "trf" },
	{ "instant", "transfer" }, { "inward", "tt" }, { NULL, NULL }
};
static const char *const bank_after[] = { "cr", "fr", "from", NULL };

/*
 * Legal forms and business-type words, removed from the end of a name.
 * Malaysia: Companies Act 2016 s.27 ("Sendirian Berhad"/"Sdn. Bhd."
 * private, "Berhad"/"Bhd." public; "S/B" is the ledger shorthand, "(M)"
 * marks the Malaysian company of a group); Registration of Businesses Act
 * 1956 sole proprietors and partnerships ("Enterprise", "Trading", "& Co";
 * banks cut them to "ENT", "ENTP", "TRDG" in a 20-character payer field).
 * Singapore "Pte. Ltd.", UK "Ltd"/"Limited"/"PLC", US "Inc."/"LLC"/"Corp.",
 * Taiwan's English "Co., Ltd.".
 */
static const char *const legal_words[] = {
	"sdn", "bhd", "berhad", "sendirian", "enterprise", "enterprises", "ent", "entp",
	"trading", "trdg", "co", "company", "corp", "corporation", "ltd", "limited",
	"plc", "inc", "llc", "pte", NULL
};
/* "S/B" becomes the two words "s b". */
static const char *const legal_pairs[][2] = { { "s", "b" }, { NULL, NULL } };
/*
 * Words removed only next to a legal form: "(M)" in "MAJU (M) SDN BHD" or
 * "MAJU SDN BHD (M)", the "B" of a bank's truncated "SDN B", the "股" of
 * "台灣電子(股)公司".  On their own they may be a name ("M KUMAR").
 */
static const char *const legal_weak[] = { "m", "b", "股", NULL };
/*
 * Chinese legal forms (Taiwan Company Act art. 2: 無限公司, 有限公司,
 * 兩合公司, 股份有限公司; 分公司 a branch; 企業社/商行 sole proprietors),
 * suffixes of the last word since Chinese has no spaces.  Longest first.
 */
static const char *const legal_suffixes[] = {
	"股份有限公司", "無限公司", "兩合公司", "有限公司", "分公司", "公司",
	"企業社", "企业社", "商行", NULL
};

struct words {
	char text[PAYER_NAME_SIZE];  /* the words, one space between */
	size_t used;
	size_t n;
	uint16_t off[WORDS_MAX], len[WORDS_MAX];  /* bytes; PAYER_NAME_MAX fits */
};

static bool
word_is(const struct words *w, size_t i, const char *s)
{
	size_t k = strlen(s);

	return w->len[i] == k && memcmp(w->text + w->off[i], s, k) == 0;
}

static bool
word_in(const struct words *w, size_t i, const char *const *list)
{
	for (; *list != NULL; list++)
		if (word_is(w, i, *list))
			return true;
	return false;
}

static bool
pair_in(const struct words *w, size_t i, const char *const (*pairs)[2])
{
	for (; (*pairs)[0] != NULL; pairs++)
		if (word_is(w, i, (*pairs)[0]) && word_is(w, i + 1, (*pairs)[1]))
			return true;
	return false;
}

static bool
is_apostrophe(uint32_t cp)
{
	return cp == 0x27 || cp == 0x60 || cp == 0x2018 || cp == 0x2019 || cp == 0x02bc;
}

/* Letters, marks and numbers make words; everything else separates them. */
static bool
is_word_char(uint32_t cp)
{
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);

	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

/* Split mapped text into words; stop, at a character, where the next would not fit. */
static void
split_words(const char *s, size_t n, struct words *w)
{
	bool in_word = false;
	size_t i = 0;

	w->used = 0;
	w->n = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_sequence(s + i, n - i, &cp);

		if (k == 0)  /* utf8proc wrote it: cannot happen; stop rather than loop */
			break;
		if (is_apostrophe(cp)) {
			i += k;
			continue;
		}
		if (!is_word_char(cp)) {
			in_word = false;
			i += k;
			continue;
		}
		if (!in_word) {
			size_t sep = w->n > 0;

			if (w->used + sep + k > PAYER_NAME_MAX || w->n == WORDS_MAX)
				break;
			if (sep)
				w->text[w->used++] = ' ';
			w->off[w->n] = (uint16_t)w->used;
			w->len[w->n] = 0;
			w->n++;
			in_word = true;
		} else if (w->used + k > PAYER_NAME_MAX) {
			break;
		}
		memcpy(w->text + w->used, s + i, k);
		w->used += k;
		w->len[w->n - 1] = (uint16_t)(w->len[w->n - 1] + k);
		i += k;
	}
	w->text[w->used] = '\0';
}

/* First word after the bank prefixes of words [0, end); leaves one word at least. */
static size_t
skip_bank_prefix(const struct words *w, size_t end)
{
	size_t h = 0;

	for (;;) {
		size_t next;

		if (end - h > 1 && word_in(w, h, bank_words))
			next = h + 1;
		else if (end - h > 2 && pair_in(w, h, bank_pairs))
			next = h + 2;
		else
			return h;
		while (end - next > 1 && word_in(w, next, bank_after))
			next++;
		h = next;
	}
}

/* The length word i keeps once a Chinese legal form ends it; SIZE_MAX for none. */
static size_t
without_legal_suffix(const struct words *w, size_t i)
{
	const char *const *suf;

	for (suf = legal_suffixes; *suf != NULL; suf++) {
		size_t k = strlen(*suf);

		if (w->len[i] >= k &&
		    memcmp(w->text + w->off[i] + w->len[i] - k, *suf, k) == 0)
			return w->len[i] - k;
	}
	return SIZE_MAX;
}

/*
 * End of the name once legal forms are removed from the end of words
 * [h, end); may shorten the last word kept (a Chinese suffix).  Leaves one
 * word at least.
 */
static size_t
strip_legal_forms(struct words *w, size_t h, size_t end)
{
	bool stripped = false;

	for (;;) {
		size_t last = end - 1, words = end - h, rest;

		if (words > 1 && word_in(w, last, legal_words)) {
			end--;
		} else if (words > 2 && pair_in(w, last - 1, legal_pairs)) {
			end -= 2;
		} else if (words > 1 && word_in(w, last, legal_weak) &&
		    (stripped || word_in(w, last - 1, legal_words))) {
			end--;
		} else if ((rest = without_legal_suffix(w, last)) != SIZE_MAX) {
			/*
			 * The name before it stays, and is looked at again: what a
			 * suffix uncovers ("MAJU S B有限公司") goes too, so that a
			 * normalised name normalises to itself.
			 */
			if (rest > 0)
				w->len[last] = (uint16_t)rest;
			else if (words > 1)
				end--;
			else
				return end;
		} else {
			return end;
		}
		stripped = true;
	}
}

ar_err
payer_name_normalise(const char *name, size_t len, char *out, size_t cap, size_t *outlen)
{
	const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;
	struct words words, *w = &words;
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t mlen;
	size_t h, end, used = 0, i;
	ar_err err = AR_OK;

	if (outlen != NULL)
		*outlen = 0;
	if (out == NULL)
		return AR_EUSAGE;
	if (cap > 0)
		out[0] = '\0';
	if (name == NULL && len > 0)
		return AR_EUSAGE;
	if (len > 0 && memchr(name, '\0', len) != NULL)
		return AR_ENUL;
	if (len > 0 && !utf8_valid(name, len))
		return AR_EUTF8;
	if (len > PAYER_NAME_MAX)
		len = utf8_cut(name, PAYER_NAME_MAX);
	if (cap == 0)
		return AR_ERANGE;
	if (len == 0)
		return AR_OK;

	mlen = utf8proc_map((const utf8proc_uint8_t *)name, (utf8proc_ssize_t)len, &mapped, opts);
	if (mlen < 0)
		return mlen == UTF8PROC_ERROR_NOMEM ? AR_ENOMEM : AR_EUTF8;
	split_words((const char *)mapped, (size_t)mlen, w);
	free(mapped);

	if (w->n > 0) {
		h = skip_bank_prefix(w, w->n);
		end = strip_legal_forms(w, h, w->n);
		for (i = h; i < end; i++) {
			size_t sep = i > h;

			if (used + sep + w->len[i] >= cap) {
				err = AR_ERANGE;
				used = 0;
				break;
			}
			if (sep)
				out[used++] = ' ';
			memcpy(out + used, w->text + w->off[i], w->len[i]);
			used += w->len[i];
		}
	}
	out[used] = '\0';
	if (outlen != NULL)
		*outlen = used;
	return err;
}

/* ---- similarity ---- */

struct cp_words {
	uint32_t cp[PAYER_NAME_MAX];
	size_t ncp;
	size_t n;
	uint16_t off[PAYER_NAME_MAX], len[PAYER_NAME_MAX];  /* code points */
};

/* Scripts written without spaces: each character is a word of its own. */
static bool
is_unspaced(uint32_t c)
{
	return (c >= 0x3040 && c <= 0x30ff) ||   /* hiragana, katakana */
	    (c >= 0x3400 && c <= 0x4dbf) ||      /* CJK extension A */
	    (c >= 0x4e00 && c <= 0x9fff) ||      /* CJK unified ideographs */
	    (c >= 0xf900 && c <= 0xfaff) ||      /* CJK compatibility ideographs */
	    (c >= 0x20000 && c <= 0x323af);      /* CJK extensions B to H */
}

/* Decode and split; false when s is not UTF-8. */
static bool
split_cp_words(const char *s, size_t n, struct cp_words *w)
{
	size_t i = 0;
	bool in_word = false;

	w->ncp = 0;
	w->n = 0;
	while (i < n && w->ncp < PAYER_NAME_MAX) {
		uint32_t c;
		size_t k = utf8_sequence(s + i, n - i, &c);

		if (k == 0)
			return false;
		i += k;
		if (c == ' ') {
			in_word = false;
			continue;
		}
		if (!in_word || is_unspaced(c) || is_unspaced(w->cp[w->ncp - 1])) {
			w->off[w->n] = (uint16_t)w->ncp;
			w->len[w->n] = 0;
			w->n++;
		}
		in_word = true;
		w->cp[w->ncp++] = c;
		w->len[w->n - 1] = (uint16_t)(w->len[w->n - 1] + 1);
	}
	return true;
}

/* Jaro-Winkler (prefix scale 0.1, prefix up to 4, boost above 0.7) of s and t, m and n <= PAYER_NAME_MAX. */
static double
jaro_winkler(const uint32_t *s, size_t m, const uint32_t *t, size_t n)
{
	bool s_hit[PAYER_NAME_MAX] = { false }, t_hit[PAYER_NAME_MAX] = { false };
	size_t window, matches = 0, half_trans = 0, i, j, k, prefix;
	double jaro;

	if (m == 0 || n == 0)
		return 0.0;
	window = (m > n ? m : n) / 2;
	window = window > 0 ? window - 1 : 0;
	for (i = 0; i < m; i++) {
		size_t lo = i > window ? i - window : 0;
		size_t hi = i + window + 1 < n ? i + window + 1 : n;

		for (j = lo; j < hi; j++) {
			if (!t_hit[j] && s[i] == t[j]) {
				s_hit[i] = t_hit[j] = true;
				matches++;
				break;
			}
		}
	}
	if (matches == 0)
		return 0.0;
	for (i = 0, k = 0; i < m; i++) {
		if (!s_hit[i])
			continue;
		while (!t_hit[k])
			k++;
		if (s[i] != t[k])
			half_trans++;
		k++;
	}
	jaro = ((double)matches / (double)m + (double)matches / (double)n +
	    ((double)matches - (double)half_trans / 2.0) / (double)matches) / 3.0;
	if (jaro <= 0.7)
		return jaro;
	for (prefix = 0; prefix < 4 && prefix < m && prefix < n && s[prefix] == t[prefix]; prefix++)
		;
	return jaro + (double)prefix * 0.1 * (1.0 - jaro);
}

/* A word pair below this is two different words, not a typo of one. */
#define WORD_SIMILAR_MIN 0.85

/* Σ best(w) * chars(w) over the words w of x, best against the words of y. */
static double
weighted_best(const struct cp_words *x, const struct cp_words *y)
{
	double sum = 0.0;
	size_t i, j;

	for (i = 0; i < x->n; i++) {
		const uint32_t *s = x->cp + x->off[i];
		double best = 0.0;

		for (j = 0; j < y->n && best < 1.0; j++) {
			double jw = jaro_winkler(s, x->len[i], y->cp + y->off[j], y->len[j]);

			if (jw > best)
				best = jw;
		}
		if (best >= WORD_SIMILAR_MIN)
			sum += best * (double)x->len[i];
	}
	return sum;
}

int
payer_name_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
	struct cp_words wa, wb;  /* 2 KiB each */
	double score;
	int r;

	if (a == NULL || b == NULL || alen == 0 || blen == 0)
		return 0;
	if (!split_cp_words(a, alen, &wa) || !split_cp_words(b, blen, &wb) ||
	    wa.ncp == 0 || wb.ncp == 0)
		return 0;
	if (alen == blen && memcmp(a, b, alen) == 0)
		return 100;
	/* two sums added once, so that (a, b) and (b, a) round alike */
	score = (weighted_best(&wa, &wb) + weighted_best(&wb, &wa)) /
	    (double)(wa.ncp + wb.ncp);
	r = (int)(score * 100.0 + 0.5);
	return r > 99 ? 99 : r < 0 ? 0 : r;
}
