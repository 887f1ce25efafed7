/*
 * phone.h - telephone numbers as written in a customer master, to E.164
 * ("+60123456789"), the form SMS gateways and wa.me links take.
 *
 * No AR knowledge and no idea of mobile or landline: a number is checked
 * for its form and its length, never for whether it can receive an SMS.
 */
#ifndef PHONE_H
#define PHONE_H

#include <stddef.h>

#include "core/errors.h"

#define PHONE_E164_MAX 20   /* "+" 15 digits NUL, with room */

/*
 * One phone number as written in a customer master ("012-345 6789",
 * "+60 12-345 6789", "(03) 2161 1234", "0912 345 678", "+886 912 345 678",
 * "00886912345678", "60123456789") to E.164 "+60123456789" into out.
 * default_country: ISO 3166 alpha-2 of the customer ("MY", "TW", "SG", "CN",
 * "HK", "US" at least; "" = MY), whose calling code replaces a national
 * trunk prefix 0. Separators allowed: blanks, '-', '.', '(' ')', '/'. A
 * number of 8 to 15 digits after the country code check (E.164 allows at most
 * 15 digits in all). AR_OK, AR_ESYNTAX (letters, too short/long, a trunk 0
 * with an unknown country), AR_EUSAGE (cap too small).
 *
 * The forms, text[0..len) read after its blanks:
 *   +CC NATIONAL    '+' first, then the number with its country code
 *   00CC NATIONAL   the international prefix 00 does what '+' does
 *   0NATIONAL       trunk prefix 0 (MY, TW, CN, ID, TH, PH, VN, JP, KR, AU,
 *                   GB, IN): the default country's code replaces the 0
 *   CCNATIONAL      digits that start with the default country's calling
 *                   code, no '+': taken as international when what follows
 *                   the code has the length of that country's national
 *                   numbers ("60123456789" for MY: 60 + 9 digits)
 *   NATIONAL        bare national digits, when there are too many of them
 *                   to be a subscriber number dialled without its area
 *                   code: "138 1234 5678" for CN, "6123 4567" for SG,
 *                   "123456789" for MY (0123456789 after a spreadsheet
 *                   dropped its zero), but not "2161 1234" for MY (that is
 *                   03-2161 1234 in Kuala Lumpur: guessing could text a
 *                   stranger).  The least is 9 digits for MY and TW, 10
 *                   for CN, and the national length itself for a country
 *                   without a trunk 0 (SG, HK, MO 8, US 10).
 * The international forms are tried first, then the trunk 0, then the
 * calling code, then bare digits: "6012345678" for MY is +60 12345678.
 *
 * The table of countries (phone.c) knows each one's calling code and the
 * lengths of its national significant numbers (MY 8-10, TW 8-9, SG 8,
 * CN 10-11, HK 8, US 10, ...); a number of a country it knows, in any
 * form, must have one of those lengths. A number with a calling code it
 * does not know ("+49 30 1234567") is only held to 8-15 digits. A "0" or
 * "(0)" written after a known trunk-0 country's code ("+60 (0)12-345 6789")
 * is that trunk prefix and is dropped.
 * default_country is matched without regard to case; NULL is "" (MY); a
 * code the table lacks is no error until the number needs it (a trunk 0 or
 * bare digits are then AR_ESYNTAX; "+..." and "00..." still read). A '+' anywhere but first, or any other character (letters,
 * "ext", ';', a second number) is AR_ESYNTAX: the caller splits a field at
 * ';' and hands over one number.
 * out (cap bytes) holds the number on AR_OK, "" on an error (when
 * cap > 0); PHONE_E164_MAX bytes are always enough.
 */
ar_err phone_e164(const char *text, size_t len, const char *default_country, char *out, size_t cap);

#endif
