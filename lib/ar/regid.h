/*
 * regid.h - registration numbers of customers checked and put in one form
 * (issue 15): the `reg_no` and `id_type` columns of the customers stream,
 * for ar-pod's proofs of debt now and ar-ctos's credit-bureau file later.
 *
 * The forms, and where each rule comes from:
 *
 * ssm (Companies Commission of Malaysia, SSM)
 *   new   YYYYTTNNNNNN, 12 digits, issued since 11 October 2019 to every
 *         entity, old ones included (SSM's announcement, example
 *         "201901000005 (1312525-A)").  YYYY is the year of first
 *         registration (accepted 1800..2100: old companies go back far),
 *         TT the entity type from SSM's list: 01 local company, 02 foreign
 *         company, 03 business (sole proprietor, partnership), 04 local
 *         LLP, 05 foreign LLP, 06 LLP for professional practice; NNNNNN
 *         the running number.  No check digit.
 *   old   company   1 to 7 digits and a letter, "651207-P" (Registrar of
 *                   Companies numbers); leading zeros dropped.
 *         business  9 digits and a letter, "001234567-K", or two letters
 *                   and 7 digits and a letter, "SA0123456-D" (Registrar of
 *                   Businesses numbers, the letters a state office).
 *         LLP       "LLP" 7 digits, '-' and 3 letters, "LLP0027514-LGN"
 *                   (not in the issue; LLPs registered before 2019 carry it).
 *         The trailing letter is a check character, but SSM has published
 *         no algorithm for it and none could be found: any letter A-Z is
 *         accepted.  Case, and blanks or a hyphen before the letter (and
 *         between a business number's two letters and its digits), are
 *         free; the canonical form is upper case with one hyphen.
 *   both  "200401018233 (651207-P)", as SSM prints it during the
 *         transition: both parts checked, and the old one must be of the
 *         kind the new one's entity type names (01/02 company, 03
 *         business, 04..06 LLP).
 *   Holder: 01, 02 and an old company number company; 03 and an old
 *   business number business; 04..06 and an old LLP number llp.
 *
 * nric (Malaysian identity card, MyKad; National Registration Department,
 * JPN)
 *   YYMMDD-PB-###G, 12 digits, the two hyphens (or blanks) optional.
 *   YYMMDD a real date in 19YY or 20YY (the century is not in the number).
 *   PB the place of birth, from JPN's "kod negeri" and "kod negara" lists
 *   (as kept in python-stdnum's stdnum/my/bp.dat): 01-16 and 21-59 states
 *   and federal territories, 60-68 and 74-79 single countries, 71-72
 *   abroad, 82 state unknown, 83-93 regions of the world, 98 stateless,
 *   99 unspecified.  00, 17-20, 69, 70, 73, 80, 81 and 94-97 are not
 *   issued.  ###G a serial, G odd for men, even for women; no check digit.
 *   Holder individual.
 *
 * ubn (Taiwan 統一編號, Unified Business Number; Ministry of Finance)
 *   8 digits.  Weights 1,2,1,2,1,2,4,1; the digits of each product are
 *   added (28 gives 2+8 = 10), then the eight results.  Valid when the sum
 *   is divisible by 5: MOF's "營利事業統一編號檢查碼邏輯修正說明", in
 *   force 1 April 2023, relaxed the old rule "divisible by 10" to add
 *   numbers; % 5 accepts every older number too.  When the 7th digit is 7
 *   (4 * 7 = 28, whose 10 may count as 1 or 0) the sum + 1 divisible by 5
 *   is valid as well.  Holder company.
 *
 * twid (Taiwan 身分證字號, national ID; Ministry of the Interior)
 *   A letter, then 1 (male) or 2 (female), then 8 digits, the last the
 *   check digit.  The letter stands for a two-digit number: A10 B11 C12
 *   D13 E14 F15 G16 H17 I34 J18 K19 L20 M21 N22 O35 P23 Q24 R25 S26 T27
 *   U28 V29 W32 X30 Y31 Z33.  Its two digits and the nine that follow
 *   take the weights 1,9,8,7,6,5,4,3,2,1,1; valid when the sum is
 *   divisible by 10 (A123456789: 130).  The resident certificate numbers
 *   issued to foreigners since 2 January 2021 (新式統一證號) have 8 or 9
 *   as second character and the same check: accepted.  The older resident
 *   numbers with a letter A-D second are not.  Lower case is accepted and
 *   upper-cased.  Holder individual.
 *
 * passport
 *   6 to 20 letters and digits, upper-cased; no other check.  Holder
 *   individual.  Never inferred: anything would fit.
 */
#ifndef REGID_H
#define REGID_H

#include <stddef.h>

#include "core/errors.h"

enum regid_type { REGID_SSM, REGID_NRIC, REGID_PASSPORT, REGID_UBN, REGID_TWID };

/* who the number says the holder is: ar-ctos's debtor_type words */
enum regid_holder { REGID_INDIVIDUAL, REGID_COMPANY, REGID_BUSINESS, REGID_LLP };

/* A size for regid_parse's message that no message outgrows. */
#define REGID_WHY_MAX 512

struct regid {
	enum regid_type type;
	enum regid_holder holder;
	/*
	 * Canonical: SSM new 12 digits ("" when reg_no gave only an old
	 * form); NRIC "YYMMDD-PB-###G" with hyphens; UBN 8 digits; twid
	 * upper-case letter + 9 digits; passport as given, trimmed, upper case.
	 */
	char id_new[24];
	/* SSM old form canonical ("651207-P", "001234567-K", "SA0123456-D", "LLP0027514-LGN"); "" when none */
	char id_old[24];
};

/*
 * Parse and check reg_no under id_type.  id_type is one of "ssm", "nric",
 * "passport", "ubn", "twid" spelled exactly, or "" (or NULL) to infer:
 * every form but passport is tried, and the one that fits is taken; none or
 * more than one is an error.  Blanks (space, tab, CR, LF) around reg_no are
 * ignored; NULL reads as "".
 *
 * out must not be NULL.  AR_OK with *out filled, or AR_ESYNTAX with *out
 * cleared and, when why is not NULL and cap > 0, why[0..cap) a whole
 * lower-case message (cut to cap) naming the value and what is wrong:
 *   reg_no is empty
 *   id_type "ssn" is not one of: ssm, nric, passport, ubn, twid
 *   reg_no "770305-17-1234": nric place-of-birth code 17 is not issued
 *   reg_no "200101025419" could be an ssm or an nric number: set id_type
 * The value is quoted as far as 40 bytes, bytes that are not printable
 * UTF-8 as \xNN.  why is "" on AR_OK.  Never reads past the strings; no
 * allocation.
 */
ar_err regid_parse(const char *id_type, const char *reg_no, struct regid *out, char *why, size_t cap);

/* "ssm", "nric", "passport", "ubn", "twid"; "unknown" for any other value. */
const char *regid_type_word(enum regid_type t);

/* "individual", "company", "business", "llp"; "unknown" for any other value. */
const char *regid_holder_word(enum regid_holder h);

/*
 * The number that names the holder: r->id_new, or r->id_old when the
 * record gave only an SSM old form.  Points into *r.
 */
const char *regid_id(const struct regid *r);

/*
 * The id masked for internal circulation (ar-ctos --masked), into
 * buf[0..cap) (cut to cap, always terminated when cap > 0).  An NRIC,
 * twid or passport: all but the last 4 characters as '*', hyphens kept
 * ("******-**-1234", "******6789").  An SSM number (new or old) or a UBN:
 * the first 7 characters kept, the rest '*' but hyphens ("2019010*****",
 * "2209913*", "651207-*").
 * regid_mask tells them apart by shape, as canonical ids have them: 8 or
 * 12 digits, or an SSM old form, is SSM or UBN; anything else keeps its
 * last 4.  A passport made only of 8 or 12 digits would show 7, so mask a
 * parsed id with regid_mask_as, which goes by its type.
 */
void regid_mask(const char *id, char *buf, size_t cap);
void regid_mask_as(enum regid_type t, const char *id, char *buf, size_t cap);

#endif
