/* test_utf8.c - what well-formed UTF-8 is (RFC 3629), and where to cut it. */
#include "test.h"

#include "core/utf8.h"

/* utf8_sequence over a string literal: its bytes, without the NUL. */
#define SEQ(lit, cp) utf8_sequence(lit, sizeof lit - 1, cp)

static void
ascii_is_one_byte_a_character(void)
{
	uint32_t cp = 0;

	EXPECT_EQ_INT(SEQ("A", &cp), 1);
	EXPECT_EQ_INT(cp, 0x41);
	EXPECT_EQ_INT(SEQ("\x7f", &cp), 1);
	EXPECT_EQ_INT(cp, 0x7f);
	/* A NUL is a character to UTF-8; the readers reject it themselves. */
	EXPECT_EQ_INT(utf8_sequence("\0", 1, &cp), 1);
	EXPECT_EQ_INT(cp, 0);
	EXPECT_EQ_INT(utf8_sequence("A", 0, &cp), 0);
	EXPECT_EQ_INT(SEQ("A", NULL), 1);
	EXPECT(utf8_valid("hello, world", 12));
	EXPECT(utf8_valid("", 0));
	EXPECT_EQ_INT(utf8_lead_length('A'), 1);
}

static void
two_byte_sequences_from_u0080_to_u07ff(void)
{
	uint32_t cp = 0;

	EXPECT_EQ_INT(SEQ("\xc3\xa9", &cp), 2);     /* é */
	EXPECT_EQ_INT(cp, 0xe9);
	EXPECT_EQ_INT(SEQ("\xc2\x80", &cp), 2);
	EXPECT_EQ_INT(cp, 0x80);
	EXPECT_EQ_INT(SEQ("\xdf\xbf", &cp), 2);
	EXPECT_EQ_INT(cp, 0x7ff);
	EXPECT_EQ_INT(utf8_lead_length(0xc2), 2);
	EXPECT_EQ_INT(utf8_lead_length(0xdf), 2);
}

static void
three_byte_sequences_from_u0800_to_uffff(void)
{
	uint32_t cp = 0;

	EXPECT_EQ_INT(SEQ("\xe2\x82\xac", &cp), 3); /* € */
	EXPECT_EQ_INT(cp, 0x20ac);
	EXPECT_EQ_INT(SEQ("\xe4\xb8\xad", &cp), 3); /* 中 */
	EXPECT_EQ_INT(cp, 0x4e2d);
	EXPECT_EQ_INT(SEQ("\xe0\xa0\x80", &cp), 3);
	EXPECT_EQ_INT(cp, 0x800);
	EXPECT_EQ_INT(SEQ("\xed\x9f\xbf", &cp), 3); /* just below the surrogates */
	EXPECT_EQ_INT(cp, 0xd7ff);
	EXPECT_EQ_INT(SEQ("\xee\x80\x80", &cp), 3); /* just above them */
	EXPECT_EQ_INT(cp, 0xe000);
	EXPECT_EQ_INT(SEQ("\xef\xbf\xbf", &cp), 3);
	EXPECT_EQ_INT(cp, 0xffff);
	EXPECT_EQ_INT(utf8_lead_length(0xe0), 3);
	EXPECT_EQ_INT(utf8_lead_length(0xef), 3);
}

static void
four_byte_sequences_from_u10000_to_u10ffff(void)
{
	uint32_t cp = 0;

	EXPECT_EQ_INT(SEQ("\xf0\x9f\x98\x80", &cp), 4); /* 😀 */
	EXPECT_EQ_INT(cp, 0x1f600);
	EXPECT_EQ_INT(SEQ("\xf0\x90\x80\x80", &cp), 4);
	EXPECT_EQ_INT(cp, 0x10000);
	EXPECT_EQ_INT(SEQ("\xf4\x8f\xbf\xbf", &cp), 4);
	EXPECT_EQ_INT(cp, 0x10ffff);
	EXPECT_EQ_INT(utf8_lead_length(0xf0), 4);
	EXPECT_EQ_INT(utf8_lead_length(0xf4), 4);
}

static void
overlong_forms_are_not_utf8(void)
{
	EXPECT_EQ_INT(SEQ("\xc0\x80", NULL), 0);     /* NUL in two bytes */
	EXPECT_EQ_INT(SEQ("\xc1\xbf", NULL), 0);
	EXPECT_EQ_INT(SEQ("\xe0\x80\x80", NULL), 0);
	EXPECT_EQ_INT(SEQ("\xe0\x9f\xbf", NULL), 0);  /* U+07FF in three */
	EXPECT_EQ_INT(SEQ("\xf0\x80\x80\x80", NULL), 0);
	EXPECT_EQ_INT(SEQ("\xf0\x8f\xbf\xbf", NULL), 0); /* U+FFFF in four */
	EXPECT(!utf8_valid("a\xc0\x80", 3));
	/* C0 and C1 can only start overlongs: they lead nothing. */
	EXPECT_EQ_INT(utf8_lead_length(0xc0), 1);
	EXPECT_EQ_INT(utf8_lead_length(0xc1), 1);
}

static void
surrogates_are_not_utf8(void)
{
	EXPECT_EQ_INT(SEQ("\xed\xa0\x80", NULL), 0);  /* U+D800 */
	EXPECT_EQ_INT(SEQ("\xed\xb0\x80", NULL), 0);  /* U+DC00 */
	EXPECT_EQ_INT(SEQ("\xed\xbf\xbf", NULL), 0);  /* U+DFFF */
	/* CESU-8's pair for U+1F600 */
	EXPECT(!utf8_valid("\xed\xa0\xbd\xed\xb8\x80", 6));
}

static void
nothing_beyond_u10ffff(void)
{
	EXPECT_EQ_INT(SEQ("\xf4\x90\x80\x80", NULL), 0);  /* U+110000 */
	EXPECT_EQ_INT(SEQ("\xf5\x80\x80\x80", NULL), 0);
	EXPECT_EQ_INT(SEQ("\xf7\xbf\xbf\xbf", NULL), 0);
	EXPECT_EQ_INT(SEQ("\xf8\x88\x80\x80\x80", NULL), 0);  /* old 5-byte form */
	EXPECT_EQ_INT(SEQ("\xfe", NULL), 0);
	EXPECT_EQ_INT(SEQ("\xff", NULL), 0);
	EXPECT_EQ_INT(utf8_lead_length(0xf5), 1);
	EXPECT_EQ_INT(utf8_lead_length(0xff), 1);
}

static void
sequences_cut_short_are_not_utf8(void)
{
	EXPECT_EQ_INT(SEQ("\xc3", NULL), 0);
	EXPECT_EQ_INT(SEQ("\xe2\x82", NULL), 0);
	EXPECT_EQ_INT(SEQ("\xf0\x9f\x98", NULL), 0);
	/* n ends the text even when more bytes follow in memory */
	EXPECT_EQ_INT(utf8_sequence("\xc3\xa9", 1, NULL), 0);
	EXPECT_EQ_INT(utf8_sequence("\xf0\x9f\x98\x80", 3, NULL), 0);
	/* a sequence broken by an ASCII byte */
	EXPECT_EQ_INT(SEQ("\xe2\x41\x42", NULL), 0);
	EXPECT_EQ_INT(SEQ("\xe2\x82\x41", NULL), 0);
	EXPECT(!utf8_valid("ab\xe2\x82", 4));
}

static void
stray_continuation_bytes_are_not_utf8(void)
{
	EXPECT_EQ_INT(SEQ("\x80", NULL), 0);
	EXPECT_EQ_INT(SEQ("\xbf", NULL), 0);
	EXPECT_EQ_INT(SEQ("\xa9\xc3", NULL), 0);
	EXPECT(!utf8_valid("a\x80" "b", 3));
	/* one continuation too many after a whole character */
	EXPECT(!utf8_valid("\xc3\xa9\xa9", 3));
	EXPECT_EQ_INT(utf8_lead_length(0x80), 1);
	EXPECT_EQ_INT(utf8_lead_length(0xbf), 1);
}

static void
valid_prefix_stops_at_the_first_bad_byte(void)
{
	const char mixed[] = "ab\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";

	EXPECT_EQ_INT(utf8_valid_prefix(mixed, sizeof mixed - 1), sizeof mixed - 1);
	EXPECT_EQ_INT(utf8_valid_prefix("ab\xc3\xa9\xff" "cd", 7), 4);
	EXPECT_EQ_INT(utf8_valid_prefix("abc\xc0\x80", 5), 3);
	EXPECT_EQ_INT(utf8_valid_prefix("\xed\xa0\x80" "abc", 6), 0);
	EXPECT_EQ_INT(utf8_valid_prefix("x\x80\xc3\xa9", 4), 1);
	/* a character cut by n is left out whole */
	EXPECT_EQ_INT(utf8_valid_prefix("ab\xe2\x82\xac", 4), 2);
	EXPECT_EQ_INT(utf8_valid_prefix("ab\xe2\x82\xac", 5), 5);
	EXPECT_EQ_INT(utf8_valid_prefix("", 0), 0);
	/* what follows the bad byte does not matter, good or bad */
	EXPECT_EQ_INT(utf8_valid_prefix("\xc3\xa9\xc3\xc3\xa9", 5), 2);
}

static void
cut_backs_off_to_the_start_of_a_character(void)
{
	const char e_acute[] = "a\xc3\xa9" "b";              /* a é b */
	const char euro[] = "\xe2\x82\xac" "x";               /* € x */
	const char smile[] = "\xf0\x9f\x98\x80" "y";          /* 😀 y */

	EXPECT_EQ_INT(utf8_cut(e_acute, 1), 1);
	EXPECT_EQ_INT(utf8_cut(e_acute, 2), 1);     /* inside é */
	EXPECT_EQ_INT(utf8_cut(e_acute, 3), 3);
	EXPECT_EQ_INT(utf8_cut(euro, 1), 0);
	EXPECT_EQ_INT(utf8_cut(euro, 2), 0);
	EXPECT_EQ_INT(utf8_cut(euro, 3), 3);
	EXPECT_EQ_INT(utf8_cut(smile, 1), 0);
	EXPECT_EQ_INT(utf8_cut(smile, 2), 0);
	EXPECT_EQ_INT(utf8_cut(smile, 3), 0);
	EXPECT_EQ_INT(utf8_cut(smile, 4), 4);
	EXPECT_EQ_INT(utf8_cut("abc", 2), 2);
	EXPECT_EQ_INT(utf8_cut("abc", 0), 0);
	/* at the end of a string the NUL follows: no character to cut */
	EXPECT_EQ_INT(utf8_cut(e_acute, sizeof e_acute - 1), sizeof e_acute - 1);
}

/*
 * Every two- and three-byte combination against the definition: the
 * code point the bits give, in the range the length may encode, and not
 * a surrogate.
 */
static void
every_two_and_three_byte_form_follows_the_definition(void)
{
	unsigned char b[3];
	uint32_t cp, want, got;
	long wrong = 0;

	for (unsigned a = 0x80; a <= 0xff; a++)
		for (unsigned c = 0; c <= 0xff; c++) {
			b[0] = (unsigned char)a, b[1] = (unsigned char)c;
			want = (a & 0xe0) == 0xc0 && (c & 0xc0) == 0x80 ?
			    ((a & 0x1f) << 6 | (c & 0x3f)) : 0;
			got = utf8_sequence((const char *)b, 2, &cp) == 2 ? cp : 0;
			wrong += want >= 0x80 ? got != want : got != 0;
		}
	for (unsigned a = 0xe0; a <= 0xef; a++)
		for (unsigned c = 0; c <= 0xff; c++)
			for (unsigned d = 0; d <= 0xff; d++) {
				b[0] = (unsigned char)a, b[1] = (unsigned char)c;
				b[2] = (unsigned char)d;
				want = (c & 0xc0) == 0x80 && (d & 0xc0) == 0x80 ?
				    ((a & 0x0f) << 12 | (c & 0x3f) << 6 | (d & 0x3f)) : 0;
				if (want < 0x800 || (want >= 0xd800 && want <= 0xdfff))
					want = 0;
				got = utf8_sequence((const char *)b, 3, &cp) == 3 ? cp : 0;
				wrong += got != want;
			}
	EXPECT_EQ_INT(wrong, 0);
}

int
main(void)
{
	RUN(ascii_is_one_byte_a_character);
	RUN(two_byte_sequences_from_u0080_to_u07ff);
	RUN(three_byte_sequences_from_u0800_to_uffff);
	RUN(four_byte_sequences_from_u10000_to_u10ffff);
	RUN(overlong_forms_are_not_utf8);
	RUN(surrogates_are_not_utf8);
	RUN(nothing_beyond_u10ffff);
	RUN(sequences_cut_short_are_not_utf8);
	RUN(stray_continuation_bytes_are_not_utf8);
	RUN(valid_prefix_stops_at_the_first_bad_byte);
	RUN(cut_backs_off_to_the_start_of_a_character);
	RUN(every_two_and_three_byte_form_follows_the_definition);
	return test_summary();
}
