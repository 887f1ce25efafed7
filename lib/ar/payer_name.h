/*
 * payer_name.h - a payer's name as ar-match compares it (issue 12, rule 3).
 *
 * A bank credit names its payer the way the payer's bank typed it:
 * "IBG CR SYARIKAT MAJU SDN. BHD.", "ＭＡＪＵ　ＥＮＴＥＲＰＲＩＳＥ",
 * "台灣電子股份有限公司".  The customer master names the same company
 * "Syarikat Maju Sdn Bhd".  Both sides go through payer_name_normalise,
 * then payer_name_similarity scores the two results.
 *
 * Both functions are deterministic and bounded: at most PAYER_NAME_MAX
 * bytes of a name are read (longer input is cut at a character boundary)
 * and a normalised name is never longer than PAYER_NAME_MAX bytes.
 */
#ifndef PAYER_NAME_H
#define PAYER_NAME_H

#include <stddef.h>

#include "core/errors.h"

/* Bytes of a name that count; the rest of a longer name is ignored. */
#define PAYER_NAME_MAX 256
/* A buffer that always holds a normalised name and its NUL. */
#define PAYER_NAME_SIZE (PAYER_NAME_MAX + 1)

/*
 * Scores of payer_name_similarity, for a caller picking thresholds:
 * at or above PAYER_NAME_LIKELY the two names are the same payer unless
 * another customer scores there too (then ambiguous: issue 12 rule 3);
 * below PAYER_NAME_UNRELATED they are different names.  Examples are in
 * payer_name_similarity's comment.
 */
#define PAYER_NAME_LIKELY 85
#define PAYER_NAME_UNRELATED 60

/*
 * Write the comparable form of name[0..len) to out (cap bytes, NUL
 * included), its length to *outlen when outlen is not NULL:
 *
 *  1. the first PAYER_NAME_MAX bytes (cut at a character boundary);
 *  2. NFKC and case folding, default-ignorable characters (zero-width
 *     space, soft hyphen) dropped (utf8proc): "ＡＢＣ１２３" -> "abc123";
 *  3. apostrophes dropped ("TAN'S" -> "tans"); every other character that
 *     is not a letter, mark or number (punctuation, symbols, spaces,
 *     controls) separates words; words joined by one space;
 *  4. bank prefixes removed from the front ("IBG CR", "DUITNOW",
 *     "TRF FROM", "GIRO", "TT CR", ...; table in payer_name.c);
 *  5. legal forms and business-type words removed from the end, as whole
 *     words ("SDN BHD", "S/B", "(M)", "BERHAD", "ENTERPRISE", "TRADING",
 *     "CO LTD", "PTE LTD", "INC", ...) and as suffixes of the last word
 *     for Chinese ("股份有限公司", "有限公司", "公司", "企業社", ...);
 *     steps 4 and 5 always leave at least one word.
 *
 * No traditional/simplified conversion: "台灣" and "台湾" stay different.
 * AR_EUTF8 when name is not UTF-8 (anywhere, not only in the part read),
 * AR_ENUL for a NUL byte, AR_ERANGE when out cannot hold the result,
 * AR_ENOMEM, AR_EUSAGE for a NULL out; on error out is "" when cap > 0.
 * PAYER_NAME_SIZE bytes of out are always enough.
 */
ar_err payer_name_normalise(const char *name, size_t len, char *out, size_t cap,
    size_t *outlen);

/*
 * How alike two NORMALISED names are, 0 to 100; symmetric.
 *
 * 100 only for the same bytes; 0 when either is empty or not UTF-8;
 * otherwise at most 99.  The measure is a length-weighted soft token
 * Dice: each name is split into words (at spaces; each CJK ideograph,
 * hiragana or katakana is a word of its own, since those scripts have no
 * spaces); every word w of either name scores its best Jaro-Winkler
 * similarity (over code points, prefix scale 0.1, up to 4) against the
 * words of the other name, counted only when at least 0.85 (a typo, a
 * truncation) and 0 below (a different word); then
 *
 *   score = sum over both names of best(w) * chars(w) / chars of both names
 *
 * Word order does not count; a common word ("syarikat") counts by length.
 * Examples (tests/unit/test_payer_name.c pins them):
 *   "syarikat maju" ~ "syarikat maju jaya"  86
 *   "syarikat maju" ~ "syarikat majju"      98
 *   "syarikat maju" ~ "maju syarikat"       99
 *   "syarikat maju" ~ "syarikat bintang"    59
 *   "syarikat maju" ~ "bintang timur"        0
 *   "台灣電子" ~ "台灣電子工業"             80
 * At most PAYER_NAME_MAX code points of each name are compared.
 */
int payer_name_similarity(const char *a, size_t alen, const char *b, size_t blen);

#endif
