/*
 * test_sms.c - SMS encodings and segments counted by hand (sms.h): the
 * GSM-7 edge at 160/161 and 306/307, extension characters counting two and
 * never split, one Chinese character switching to UCS-2, 70/67 units and
 * surrogate pairs; and wa.me links for a Malay and a Chinese text.
 */
#include <string.h>

#include "report/sms.h"
#include "test.h"

static char text[4096];

/* text := the concatenation of n1 copies of s1, n2 of s2, n3 of s3; its length. */
static size_t
repeat3(const char *s1, int n1, const char *s2, int n2, const char *s3, int n3)
{
	size_t len = 0;
	const char *s[3] = { s1, s2, s3 };
	int n[3] = { n1, n2, n3 };

	for (int k = 0; k < 3; k++)
		for (int i = 0; i < n[k]; i++) {
			size_t l = strlen(s[k]);

			if (len + l >= sizeof text)
				abort();
			memcpy(text + len, s[k], l);
			len += l;
		}
	text[len] = '\0';
	return len;
}

static size_t
repeat(const char *s, int n)
{
	return repeat3(s, n, "", 0, "", 0);
}

static struct sms_measure
measure(size_t len)
{
	struct sms_measure m = { SMS_UCS2, -1, -1 };

	sms_measure(text, len, &m);
	return m;
}

#define EXPECT_MEASURE(len, enc, units_, segments_) do { \
	struct sms_measure m_ = measure(len); \
	EXPECT_EQ_STR(sms_encoding_word(m_.encoding), sms_encoding_word(enc)); \
	EXPECT_EQ_INT(m_.units, units_); \
	EXPECT_EQ_INT(m_.segments, segments_); \
} while (0)

static void
gsm7_single_and_concatenated(void)
{
	EXPECT_MEASURE(repeat("a", 0), SMS_GSM7, 0, 1);
	EXPECT_MEASURE(repeat("a", 1), SMS_GSM7, 1, 1);
	EXPECT_MEASURE(repeat("a", 160), SMS_GSM7, 160, 1);
	EXPECT_MEASURE(repeat("a", 161), SMS_GSM7, 161, 2);
	EXPECT_MEASURE(repeat("a", 306), SMS_GSM7, 306, 2);
	EXPECT_MEASURE(repeat("a", 307), SMS_GSM7, 307, 3);
	EXPECT_MEASURE(repeat("a", 459), SMS_GSM7, 459, 3);
	EXPECT_MEASURE(repeat("a", 460), SMS_GSM7, 460, 4);
}

static void
gsm7_extension_characters_count_two(void)
{
	/* 158 + 2 = 160: one message; 159 + 2 = 161: two. */
	EXPECT_MEASURE(repeat3("a", 158, "€", 1, "", 0), SMS_GSM7, 160, 1);
	EXPECT_MEASURE(repeat3("a", 159, "€", 1, "", 0), SMS_GSM7, 161, 2);
	EXPECT_MEASURE(repeat3("a", 159, "{", 1, "", 0), SMS_GSM7, 161, 2);
	/* Every extension character: form feed ^ { } \ [ ~ ] | €, two each. */
	EXPECT_MEASURE(repeat("\f^{}\\[~]|€", 1), SMS_GSM7, 20, 1);
	EXPECT_MEASURE(repeat("[]", 40), SMS_GSM7, 160, 1);
	EXPECT_MEASURE(repeat3("[]", 40, "a", 1, "", 0), SMS_GSM7, 161, 2);
}

static void
gsm7_escape_never_split(void)
{
	/*
	 * 152 'a', '{', 152 'a' = 306 septets, which would fill two parts of
	 * 153, but the '{' (escape + brace) at 153/154 moves whole to part 2:
	 * 152 | 2 + 151 | 1.
	 */
	EXPECT_MEASURE(repeat3("a", 152, "{", 1, "a", 152), SMS_GSM7, 306, 3);
	/* The same septets with the '{' clear of the edge: 153 | 2 + 151. */
	EXPECT_MEASURE(repeat3("a", 153, "{", 1, "a", 151), SMS_GSM7, 306, 2);
	EXPECT_MEASURE(repeat3("a", 151, "{", 1, "a", 153), SMS_GSM7, 306, 2);
	/* In a single message there is no edge: 152 + 2 + 6 = 160. */
	EXPECT_MEASURE(repeat3("a", 152, "{", 1, "a", 6), SMS_GSM7, 160, 1);
}

static void
gsm7_basic_set_is_the_real_table(void)
{
	/* The 127 characters of the basic set (all but the escape), one septet each. */
	const char *basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
	    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	EXPECT_MEASURE(repeat(basic, 1), SMS_GSM7, 127, 1);
	EXPECT_MEASURE(repeat("Ç", 1), SMS_GSM7, 1, 1);
	/* Look-alikes that are not in it switch the whole text to UCS-2. */
	EXPECT_MEASURE(repeat3("Sila bayar", 1, "`", 1, "", 0), SMS_UCS2, 11, 1);
	EXPECT_MEASURE(repeat3("Sila bayar", 1, "ç", 1, "", 0), SMS_UCS2, 11, 1);
	EXPECT_MEASURE(repeat3("Sila bayar", 1, "\t", 1, "", 0), SMS_UCS2, 11, 1);
	EXPECT_MEASURE(repeat3("Sila bayar", 1, "\x1b", 1, "", 0), SMS_UCS2, 11, 1);
	/* A word processor's apostrophe (U+2019) and a Greek small alpha. */
	EXPECT_MEASURE(repeat("Invois ’", 1), SMS_UCS2, 8, 1);
	EXPECT_MEASURE(repeat("α", 1), SMS_UCS2, 1, 1);
	/* A Malay reminder, all GSM-7: 72 characters. */
	EXPECT_MEASURE(repeat("Peringatan: invois INV-001 sebanyak RM1,234.50 telah tertunggak 30 hari.", 1),
	    SMS_GSM7, 72, 1);
}

static void
one_chinese_character_switches_to_ucs2(void)
{
	/* "Sila bayar " is 11 units, the '中' one more. */
	EXPECT_MEASURE(repeat("Sila bayar 中", 1), SMS_UCS2, 12, 1);
	/* 150 Latin letters fit one GSM-7 message, but not with one '中': 151 units > 70. */
	EXPECT_MEASURE(repeat("a", 150), SMS_GSM7, 150, 1);
	EXPECT_MEASURE(repeat3("a", 150, "中", 1, "", 0), SMS_UCS2, 151, 3);
	/* An extension character counts one unit in UCS-2. */
	EXPECT_MEASURE(repeat3("€", 1, "中", 1, "", 0), SMS_UCS2, 2, 1);
	/* 您的帳款 NT$12,345 已逾期 30 天，請儘速付款。 : 30 characters, counted by hand. */
	EXPECT_MEASURE(repeat("您的帳款 NT$12,345 已逾期 30 天，請儘速付款。", 1), SMS_UCS2, 30, 1);
}

static void
ucs2_single_and_concatenated(void)
{
	EXPECT_MEASURE(repeat("中", 70), SMS_UCS2, 70, 1);
	EXPECT_MEASURE(repeat("中", 71), SMS_UCS2, 71, 2);
	EXPECT_MEASURE(repeat("中", 134), SMS_UCS2, 134, 2);
	EXPECT_MEASURE(repeat("中", 135), SMS_UCS2, 135, 3);
	EXPECT_MEASURE(repeat("中", 201), SMS_UCS2, 201, 3);
	EXPECT_MEASURE(repeat("中", 202), SMS_UCS2, 202, 4);
}

static void
surrogate_pairs_count_two_and_stay_whole(void)
{
	/* U+1F600 is a surrogate pair in UTF-16: 2 units. */
	EXPECT_MEASURE(repeat("😀", 1), SMS_UCS2, 2, 1);
	EXPECT_MEASURE(repeat("😀", 35), SMS_UCS2, 70, 1);
	/* 71 units: 33 pairs (66) | 2 pairs and the 中 (5). */
	EXPECT_MEASURE(repeat3("😀", 35, "中", 1, "", 0), SMS_UCS2, 71, 2);
	/* 66 + 2 + 66 = 134 units, but the pair at 67/68 moves whole: 66 | 2 + 65 | 1. */
	EXPECT_MEASURE(repeat3("中", 66, "😀", 1, "中", 66), SMS_UCS2, 134, 3);
	/* Clear of the edge: 67 | 2 + 65. */
	EXPECT_MEASURE(repeat3("中", 67, "😀", 1, "中", 65), SMS_UCS2, 134, 2);
}

static void
length_bounds_the_text(void)
{
	struct sms_measure m;

	repeat3("a", 160, "中", 1, "", 0);
	EXPECT_MEASURE(160, SMS_GSM7, 160, 1);
	sms_measure(NULL, 0, &m);
	EXPECT_EQ_INT(m.encoding, SMS_GSM7);
	EXPECT_EQ_INT(m.units, 0);
	EXPECT_EQ_INT(m.segments, 1);
	/* A stray byte (the caller should have refused it) is one UCS-2 unit, not skipped. */
	EXPECT_MEASURE(repeat("ab\xff", 1), SMS_UCS2, 3, 1);
}

static void
encoding_words(void)
{
	EXPECT_EQ_STR(sms_encoding_word(SMS_GSM7), "GSM-7");
	EXPECT_EQ_STR(sms_encoding_word(SMS_UCS2), "UCS-2");
}

static void
im_link_malay_and_chinese(void)
{
	char buf[512];
	const char *malay = "Sila bayar RM1,234.50 hari ini. Terima kasih!";
	const char *chinese = "您好，請付款 NT$12,345（發票 INV-0042）。";

	EXPECT_EQ_INT(sms_im_link("+60123456789", malay, strlen(malay), buf, sizeof buf), AR_OK);
	EXPECT_EQ_STR(buf, "https://wa.me/60123456789?text="
	    "Sila%20bayar%20RM1%2C234.50%20hari%20ini.%20Terima%20kasih%21");
	EXPECT_EQ_INT(sms_im_link("+886912345678", chinese, strlen(chinese), buf, sizeof buf), AR_OK);
	/* 您 E6 82 A8, 好 E5 A5 BD, ， EF BC 8C, 請 E8 AB 8B, 付 E4 BB 98, 款 E6 AC BE, ... */
	EXPECT_EQ_STR(buf, "https://wa.me/886912345678?text="
	    "%E6%82%A8%E5%A5%BD%EF%BC%8C%E8%AB%8B%E4%BB%98%E6%AC%BE%20NT%2412%2C345"
	    "%EF%BC%88%E7%99%BC%E7%A5%A8%20INV-0042%EF%BC%89%E3%80%82");
}

static void
im_link_encodes_every_byte_but_unreserved(void)
{
	char buf[128];
	const char *t = "a-b.c_d~e /?&=+#%\n";

	EXPECT_EQ_INT(sms_im_link("+60123456789", t, strlen(t), buf, sizeof buf), AR_OK);
	EXPECT_EQ_STR(buf, "https://wa.me/60123456789?text=a-b.c_d~e%20%2F%3F%26%3D%2B%23%25%0A");
	EXPECT_EQ_INT(sms_im_link("+60123456789", "😀", 4, buf, sizeof buf), AR_OK);
	EXPECT_EQ_STR(buf, "https://wa.me/60123456789?text=%F0%9F%98%80");
	EXPECT_EQ_INT(sms_im_link("+60123456789", "", 0, buf, sizeof buf), AR_OK);
	EXPECT_EQ_STR(buf, "https://wa.me/60123456789?text=");
	/* Only text[0..len). */
	EXPECT_EQ_INT(sms_im_link("+60123456789", "ab cd", 2, buf, sizeof buf), AR_OK);
	EXPECT_EQ_STR(buf, "https://wa.me/60123456789?text=ab");
}

static void
im_link_refusals(void)
{
	char buf[64];
	/* "https://wa.me/60123456789?text=%20" is 34 characters. */
	char exact[35];

	EXPECT_EQ_INT(sms_im_link("60123456789", "x", 1, buf, sizeof buf), AR_ESYNTAX);
	EXPECT_EQ_STR(buf, "");
	EXPECT_EQ_INT(sms_im_link("+60 12-345 6789", "x", 1, buf, sizeof buf), AR_ESYNTAX);
	EXPECT_EQ_INT(sms_im_link("+", "x", 1, buf, sizeof buf), AR_ESYNTAX);
	EXPECT_EQ_INT(sms_im_link("+1234567890123456", "x", 1, buf, sizeof buf), AR_ESYNTAX);
	EXPECT_EQ_INT(sms_im_link(NULL, "x", 1, buf, sizeof buf), AR_ESYNTAX);
	EXPECT_EQ_INT(sms_im_link("+60123456789", " ", 1, exact, sizeof exact), AR_OK);
	EXPECT_EQ_STR(exact, "https://wa.me/60123456789?text=%20");
	EXPECT_EQ_INT(sms_im_link("+60123456789", " ", 1, exact, sizeof exact - 1), AR_EUSAGE);
	EXPECT_EQ_STR(exact, "");
	EXPECT_EQ_INT(sms_im_link("+60123456789", " ", 1, exact, 0), AR_EUSAGE);
}

int
main(void)
{
	RUN(gsm7_single_and_concatenated);
	RUN(gsm7_extension_characters_count_two);
	RUN(gsm7_escape_never_split);
	RUN(gsm7_basic_set_is_the_real_table);
	RUN(one_chinese_character_switches_to_ucs2);
	RUN(ucs2_single_and_concatenated);
	RUN(surrogate_pairs_count_two_and_stay_whole);
	RUN(length_bounds_the_text);
	RUN(encoding_words);
	RUN(im_link_malay_and_chinese);
	RUN(im_link_encodes_every_byte_but_unreserved);
	RUN(im_link_refusals);
	return test_summary();
}
