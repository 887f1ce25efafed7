/* sms.c - SMS encodings and segments, wa.me links (sms.h). */
#include <stdint.h>
#include <string.h>

#include "core/utf8.h"
#include "report/sms.h"

#define GSM7_SINGLE 160
#define GSM7_PART 153     /* 160 less the 7 septets of the concatenation header */
#define UCS2_SINGLE 70
#define UCS2_PART 67

#define NO_CHAR 0xffffffffu

/* 3GPP TS 23.038 6.2.1, the default alphabet by septet; 0x1B is the escape. */
static const uint32_t gsm7_basic[128] = {
	0x0040, 0x00a3, 0x0024, 0x00a5, 0x00e8, 0x00e9, 0x00f9, 0x00ec,   /* @ £ $ ¥ è é ù ì */
	0x00f2, 0x00c7, 0x000a, 0x00d8, 0x00f8, 0x000d, 0x00c5, 0x00e5,   /* ò Ç LF Ø ø CR Å å */
	0x0394, 0x005f, 0x03a6, 0x0393, 0x039b, 0x03a9, 0x03a0, 0x03a8,   /* Δ _ Φ Γ Λ Ω Π Ψ */
	0x03a3, 0x0398, 0x039e, NO_CHAR, 0x00c6, 0x00e6, 0x00df, 0x00c9,  /* Σ Θ Ξ ESC Æ æ ß É */
	0x0020, 0x0021, 0x0022, 0x0023, 0x00a4, 0x0025, 0x0026, 0x0027,   /* SP ! " # ¤ % & ' */
	0x0028, 0x0029, 0x002a, 0x002b, 0x002c, 0x002d, 0x002e, 0x002f,   /* ( ) * + , - . / */
	0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037,
	0x0038, 0x0039, 0x003a, 0x003b, 0x003c, 0x003d, 0x003e, 0x003f,   /* 8 9 : ; < = > ? */
	0x00a1, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045, 0x0046, 0x0047,   /* ¡ A-G */
	0x0048, 0x0049, 0x004a, 0x004b, 0x004c, 0x004d, 0x004e, 0x004f,
	0x0050, 0x0051, 0x0052, 0x0053, 0x0054, 0x0055, 0x0056, 0x0057,
	0x0058, 0x0059, 0x005a, 0x00c4, 0x00d6, 0x00d1, 0x00dc, 0x00a7,   /* X Y Z Ä Ö Ñ Ü § */
	0x00bf, 0x0061, 0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067,   /* ¿ a-g */
	0x0068, 0x0069, 0x006a, 0x006b, 0x006c, 0x006d, 0x006e, 0x006f,
	0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077,
	0x0078, 0x0079, 0x007a, 0x00e4, 0x00f6, 0x00f1, 0x00fc, 0x00e0,   /* x y z ä ö ñ ü à */
};

/* 3GPP TS 23.038 6.2.1.1, the extension table (each after an escape). */
static const uint32_t gsm7_extension[] = {
	0x000c, 0x005e, 0x007b, 0x007d, 0x005c, 0x005b, 0x007e, 0x005d,   /* FF ^ { } \ [ ~ ] */
	0x007c, 0x20ac,                                                   /* | € */
};

/* Septets of cp in GSM-7: 1 in the basic set, 2 in the extension table, 0 when not there. */
static int
gsm7_septets(uint32_t cp)
{
	for (size_t i = 0; i < sizeof gsm7_basic / sizeof gsm7_basic[0]; i++)
		if (gsm7_basic[i] == cp)
			return 1;
	for (size_t i = 0; i < sizeof gsm7_extension / sizeof gsm7_extension[0]; i++)
		if (gsm7_extension[i] == cp)
			return 2;
	return 0;
}

/* The character at text[*i], *i moved past it; U+FFFD for a byte that starts none. */
static uint32_t
next_char(const char *text, size_t len, size_t *i)
{
	uint32_t cp;
	size_t k = utf8_sequence(text + *i, len - *i, &cp);

	if (k == 0) {
		*i += 1;
		return 0xfffd;
	}
	*i += k;
	return cp;
}

/*
 * Units of one character in the encoding: septets in GSM-7, UTF-16 code
 * units in UCS-2 (2 for a character beyond the BMP, a surrogate pair).
 */
static int
char_units(uint32_t cp, enum sms_encoding enc)
{
	if (enc == SMS_GSM7)
		return gsm7_septets(cp);
	return cp >= 0x10000 ? 2 : 1;
}

void
sms_measure(const char *text, size_t len, struct sms_measure *out)
{
	enum sms_encoding enc = SMS_GSM7;
	long units = 0, segments = 1, part = 0;
	long single, per_part;
	size_t i;

	if (text == NULL)
		len = 0;
	for (i = 0; i < len;)
		if (gsm7_septets(next_char(text, len, &i)) == 0) {
			enc = SMS_UCS2;
			break;
		}
	single = enc == SMS_GSM7 ? GSM7_SINGLE : UCS2_SINGLE;
	per_part = enc == SMS_GSM7 ? GSM7_PART : UCS2_PART;

	/*
	 * Parts are filled greedily, a character that does not fit whole
	 * opening the next one: an escape and its character, or the two
	 * halves of a surrogate pair, go in the same part.
	 */
	for (i = 0; i < len;) {
		int u = char_units(next_char(text, len, &i), enc);

		units += u;
		if (part + u > per_part) {
			segments++;
			part = 0;
		}
		part += u;
	}
	if (units <= single)
		segments = 1;
	out->encoding = enc;
	out->units = units;
	out->segments = segments;
}

const char *
sms_encoding_word(enum sms_encoding e)
{
	return e == SMS_UCS2 ? "UCS-2" : "GSM-7";
}

/* RFC 3986's unreserved characters, the only bytes a query keeps as they are. */
static int
url_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

ar_err
sms_im_link(const char *e164, const char *text, size_t len, char *buf, size_t cap)
{
	static const char prefix[] = "https://wa.me/", query[] = "?text=";
	static const char hex[] = "0123456789ABCDEF";
	size_t ndigits, need, o;

	if (buf == NULL || cap == 0)
		return AR_EUSAGE;
	buf[0] = '\0';
	if (e164 == NULL || e164[0] != '+')
		return AR_ESYNTAX;
	ndigits = strlen(e164 + 1);
	if (ndigits < 1 || ndigits > 15 || strspn(e164 + 1, "0123456789") != ndigits)
		return AR_ESYNTAX;
	if (text == NULL)
		len = 0;

	need = sizeof prefix - 1 + ndigits + sizeof query - 1 + 1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		need += url_unreserved(c) ? 1 : 3;
	}
	if (need > cap)
		return AR_EUSAGE;

	o = 0;
	memcpy(buf + o, prefix, sizeof prefix - 1);
	o += sizeof prefix - 1;
	memcpy(buf + o, e164 + 1, ndigits);
	o += ndigits;
	memcpy(buf + o, query, sizeof query - 1);
	o += sizeof query - 1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (url_unreserved(c)) {
			buf[o++] = (char)c;
		} else {
			buf[o++] = '%';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 0x0f];
		}
	}
	buf[o] = '\0';
	return AR_OK;
}
