/*
 * docref.h - document numbers as a bank text cites them and as an item's
 * doc_no holds them, brought to one key so that they can be compared
 * (issue 12, ar-match rule 2).
 *
 * A key is the doc_no in ASCII upper case without separators (space, tab,
 * - / . _ # : and control bytes), without a leading invoice word, and
 * without the leading zeros of its number:
 *
 *   "INV-0001001", "inv 1001", "No.1001", "IV1001", "Invoice No. 1001"  -> "1001"
 *   "TW-0001", "tw 1"  -> "TW1"        "CN-0001" -> "CN1"
 *   "1800000123" -> "1800000123"      "2026-0044" -> "20260044"
 *
 * The invoice words dropped are INVOICE, INVOIS, INV, IV, NO and BIL, alone
 * or in a row ("INV NO."), and only when a digit follows them: customers
 * quote "INV 1001" for doc 1001 and "1001" for doc IV-1001.  CN and DN are
 * kept: ERPs that number each series from 1 (AutoCount IV-0001, CN-0001)
 * would otherwise make a credit note and an invoice one key.  Any other
 * letters before the number are a series and kept, with the zeros after
 * them dropped ("TW-0001" is "TW1"), so that "TW-1" finds TW-0001 while
 * TW-0001 and CN-0001 stay apart.  Other bytes (UTF-8 text) are kept as
 * they are.  The same function makes both sides, so every doc_no matches
 * itself, and a key is its own key.
 *
 * Extraction reads a free text (reference, ref1, ref2, narrative) for the
 * numbers it cites.  It needs no NUL and never reads past len; only ASCII
 * letters and digits go into a key, so a UTF-8 character never does, and
 * Chinese punctuation (、，：) ends a number like any other.  A number is
 * letters and digits joined by - / . _ # without blanks; in it
 *
 *   "1001-1004", "1001-04"   a range, at most DOCREF_RANGE_MAX numbers,
 *                            else its two ends only;
 *   "1001/02/03", "1001/1002" a list, the right parts replacing the last
 *                            digits of the first;
 *
 * each increasing, or it is no range or list; three numbers that read as
 * a date (2026-11-24, 24/11/26, 2010/11/12) never are.  A series before
 * the first number goes on every number ("TW-0001-0003": TW1 TW2 TW3).
 * A range or list whose right part is as long as the first may also be
 * one number (year and sequence: "2026-2044"), so its joined key follows
 * the numbers; "1001-04" and "1001/02/03" are read one way only.  A word
 * of two letters or more after a number starts the next one
 * ("INV1001/INV1002", "1001/CUST"), and of several words before a number
 * only the last is kept ("PAYMENT-INV1001" is 1001; "REF-1001" is
 * REF1001, a series like TW).
 *
 * Dates, amounts, bank transaction ids and phone numbers come out as keys
 * too ("1,250.50" gives "1" and "25050"): a key is only a candidate, used
 * when an open item has it.  Not read: full-width digits, "1001 - 1004"
 * or "1001 TO 1004" (two numbers, no range).  "INV-1001-INV-1004" and
 * "TW-0248-TW-0250", the series repeated after the '-', are ranges too
 * (the numbers between two keys of one series, when fewer than
 * DOCREF_RANGE_MAX).
 */
#ifndef DOCREF_H
#define DOCREF_H

#include <stdbool.h>
#include <stddef.h>

#define DOCREF_MAX 64           /* keys in one list */
#define DOCREF_KEY_SIZE 32      /* a key with its NUL: a longer one is no document number */
#define DOCREF_RANGE_MAX 50     /* numbers a range expands to */

/*
 * The key of doc_no[0..len) into out (cap bytes, NUL-terminated); its
 * length.  0, and out "", when nothing is left or the key needs cap bytes
 * or more: a truncated key could match another document.
 */
size_t docref_key(const char *doc_no, size_t len, char *out, size_t cap);

/* Keys in order of first appearance, no repeats; start from {0} or docref_list_clear. */
struct docref_list {
	size_t n;
	bool truncated;         /* a key was left out: the list was full */
	char key[DOCREF_MAX][DOCREF_KEY_SIZE];
};

void docref_list_clear(struct docref_list *list);

/*
 * Add to list the keys of the document numbers text[0..len) cites that
 * it does not hold yet; the number added.  Called once per column of a
 * payment, it gathers the payment's candidates.
 */
size_t docref_extract(const char *text, size_t len, struct docref_list *list);

/*
 * Whether keys a and b (same length) differ in one digit only, or by the
 * swap of two adjacent characters: a mistyped or transposed number.  Equal
 * keys are not near.  Weak evidence on its own: the caller takes it only
 * when the amount confirms.
 */
bool docref_near(const char *a, size_t alen, const char *b, size_t blen);

#endif
