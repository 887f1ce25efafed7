/*
 * sms.h - a text message measured as the carriers bill it (encoding and
 * segments), and the click-to-chat link of an instant message: what
 * ar-dunning writes in sms.csv and im.csv.
 *
 * GSM 03.38 (3GPP TS 23.038) default alphabet, the basic set: 128 septets,
 * 0x1B of them the escape to the extension table, the other 127
 *
 *   @ £ $ ¥ è é ù ì ò Ç LF Ø ø CR Å å Δ _ Φ Γ Λ Ω Π Ψ Σ Θ Ξ (ESC) Æ æ ß É
 *   SP ! " # ¤ % & ' ( ) * + , - . / 0-9 : ; < = > ?
 *   ¡ A-Z Ä Ö Ñ Ü § ¿ a-z ä ö ñ ü à
 *
 * that is "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà".
 * Not in it, among others: '`', lower-case 'ç' (0x09 is 'Ç'), '¢', tab,
 * curly quotes and dashes, and ESC itself as a character of the text.  The
 * extension table adds, at two septets each (ESC and the character):
 * form feed ^ { } \ [ ~ ] | and €.  No national shift table is used.
 */
#ifndef SMS_H
#define SMS_H

#include <stddef.h>

#include "core/errors.h"

enum sms_encoding { SMS_GSM7, SMS_UCS2 };

struct sms_measure {
	enum sms_encoding encoding;
	long units;      /* septets (GSM-7, an extension character counts 2) or UTF-16 code units */
	long segments;   /* 1 for an empty text */
};

/*
 * The text (UTF-8, assumed valid: the caller checked) measured as carriers
 * count it: GSM 03.38 basic set + its extension table (^ { } \ [ ~ ] | €, and
 * form feed) with no national shift tables; any other character -> UCS-2.
 * GSM-7: 160 septets in one message, else 153 per segment, an extension
 * character's escape and character never split across two segments; UCS-2: 70
 * units in one, else 67 per segment, a surrogate pair never split.
 *
 * A text that is all GSM-7 is GSM-7, the empty text among them (0 units, 1
 * segment).  A byte that is not UTF-8 after all counts as one UCS-2 unit
 * (U+FFFD) rather than being skipped.  Examples: 160 'a' is 1 segment, 161
 * is 2; 152 'a', '{' and 152 'a' are 306 septets in 3 segments (the '{'
 * opens the second); one '中' makes a whole Latin text UCS-2.
 */
void sms_measure(const char *text, size_t len, struct sms_measure *out);

/* "GSM-7" or "UCS-2", the words of sms.csv's encoding column; static. */
const char *sms_encoding_word(enum sms_encoding e);

/*
 * https://wa.me/<digits of e164 without '+'>?text=<UTF-8 percent-encoded:
 * A-Z a-z 0-9 - . _ ~ kept, every other byte %XX upper-case hex, blank %20>
 * into buf. AR_OK, AR_ESYNTAX (e164 not '+' and digits), AR_EUSAGE (cap too small).
 *
 * e164 is '+' and 1 to 15 digits (phone_e164's output); text[0..len) is
 * encoded byte by byte, so "?text=" is there even for an empty text.  buf
 * (cap bytes) holds the link on AR_OK, "" otherwise (when cap > 0); it
 * needs 14 + 15 + 6 + 3 * len + 1 bytes at most.
 */
ar_err sms_im_link(const char *e164, const char *text, size_t len, char *buf, size_t cap);

#endif
