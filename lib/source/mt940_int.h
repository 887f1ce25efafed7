/*
 * mt940_int.h - pieces shared by mt940.c and mt940_86.c; not a public API.
 */
#ifndef MT940_INT_H
#define MT940_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "source/bank.h"

/* Copy s[0..len) into dst[size], trimmed of blanks, cut on a UTF-8 boundary. */
void mt940_copy(char *dst, size_t size, const char *s, size_t len);

/*
 * Parse the :86: text (physical lines joined with '\n') into txn's
 * payer, payer_account, reference, end_to_end, type_code and narrative.
 * Free text (neither ?NN sub-fields nor /CODE/ words) is the reference
 * whole, joined as the narrative is.
 */
void mt940_parse_86(const char *text, size_t len, struct bank_txn *txn);

/*
 * SWIFT writes :86: as up to 6 lines of 65 characters (Rabobank and others
 * more lines), and banks wrap at that width wherever it falls, mid-word
 * ("Nede" / "rland", ING's "/ERE" / "F/").  A line shorter than that ended
 * where the bank chose: at a word or a field.
 */
#define MT940_LINE_WIDTH 65

/*
 * The narrative (bank.h) of text[0..len), physical lines joined with
 * '\n', into out (size bytes): a line of MT940_LINE_WIDTH characters or
 * more runs on into the next with nothing between (the wrap split a
 * word); after a shorter line comes one blank, unless either side has one
 * already.  first_width is what stands before the text on its first line
 * and counts toward the width: 4 for the ":86:" tag (ING counts it in the
 * 65, Rabobank and ABN AMRO write 65 after it: either is full), 0 for the
 * :61: supplementary details, which start a line.  Blanks inside lines
 * are kept as written (fixed-column layouts); the text is trimmed, and
 * cut on a character boundary when longer than out.
 */
void mt940_narrative(const char *text, size_t len, size_t first_width,
    char *out, size_t size);

#endif
