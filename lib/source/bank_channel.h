/*
 * bank_channel.h - the Malaysian payment channel of a bank transaction,
 * told from its text, and the JomPAY references Ref-1 and Ref-2.
 *
 * Maybank, CIMB, Public Bank and RHB write the channel into the narrative
 * (:86:, camt Ustrd/AddtlNtryInf, BAI2 text, a CSV description column):
 * "IBG CREDIT 123456 ACME SDN BHD", "DUITNOW TRF ...", "JOMPAY REF1:...
 * REF2:...", "FPX ...", "RENTAS ...".  Every reader calls
 * bank_channel_scan() once per transaction so the payments stream has the
 * same channel column whatever the file format.
 */
#ifndef BANK_CHANNEL_H
#define BANK_CHANNEL_H

#include <stddef.h>

#include "source/bank.h"

/*
 * Scan text[0..len) (UTF-8, any case, line breaks are blanks) and fill
 * t->channel, t->ref1 and t->ref2 where they are still empty:
 *
 *   IBG, INTERBANK GIRO       -> "IBG"
 *   GIRO                      -> "IBG" only when t->currency is MYR
 *                                (Dutch and Swiss banks say GIRO too)
 *   DUITNOW, DUIT NOW         -> "DuitNow"
 *   JOMPAY, JOM PAY           -> "JomPAY"
 *   FPX                       -> "FPX"
 *   RENTAS                    -> "RENTAS"
 *
 * The first of these words in the text wins; a word only counts on its
 * own (FPX in "FPXB" does not; after a German MT940 "?NN" mark it does).  REF1, REF-1, REF 1, REF1:, REF-1 =
 * (and the same for 2) followed by a value take the value: the next word,
 * up to a blank, ',' or ';'.  Texts may be called several times (camt:
 * remittance text, then the entry's additional information).
 */
void bank_channel_scan(const char *text, size_t len, struct bank_txn *t);

#endif
