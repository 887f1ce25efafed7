/*
 * test_doc_text.c - the language layer of letters (doc_text.h): long dates,
 * amounts in figures, amounts in words in en, ms, zh-Hant and zh-Hans (every
 * edge the issue names, as exact strings), and the captions.
 *
 * Run with `--words LANG CODE EXPONENT` it is instead the filter that
 * tests/scripts/words-second-implementation.sh compares against an
 * independent implementation: one amount in minor units per line on stdin,
 * doc_amount_words's text (or ERANGE) per line on stdout.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "core/date.h"
#include "core/utf8.h"
#include "report/doc_text.h"
#include "test.h"

#define EN REPORT_LANG_EN
#define MS REPORT_LANG_MS
#define HANT REPORT_LANG_ZH_HANT
#define HANS REPORT_LANG_ZH_HANS

/* 10^k as an int64. */
static int64_t
p10(int k)
{
	int64_t v = 1;

	while (k-- > 0)
		v *= 10;
	return v;
}

/*
 * doc_amount_words's text, or "error N"; exponent -1 is the currency's.
 * One static buffer: each EXPECT_EQ_STR uses it before the next call.
 */
static const char *
words(enum report_lang lang, const char *code, int exponent, int64_t minor)
{
	static char buf[DOC_TEXT_WORDS_MAX];
	ar_err err = doc_amount_words(lang, test_currency(code), exponent, minor, buf, sizeof buf);

	if (err != AR_OK)
		snprintf(buf, sizeof buf, "error %d", (int)err);
	return buf;
}

static const char *
date_text(enum report_lang lang, bool roc, int y, int m, int d)
{
	static char buf[DOC_TEXT_DATE_MAX];
	civil_day day;

	if (date_from_ymd(y, m, d, &day) != AR_OK)
		return "(bad test date)";
	if (doc_long_date(lang, roc, day, buf, sizeof buf) != strlen(buf))
		return "(length returned is not the string's)";
	return buf;
}

static const char *
money_text(int64_t minor, int exponent)
{
	static char buf[DOC_TEXT_MONEY_MAX];

	if (doc_money(minor, exponent, buf, sizeof buf) != strlen(buf))
		return "(length returned is not the string's)";
	return buf;
}

/* ---- dates ------------------------------------------------------------ */

static void
long_dates_in_each_language(void)
{
	EXPECT_EQ_STR(date_text(EN, false, 2026, 11, 24), "24 November 2026");
	EXPECT_EQ_STR(date_text(EN, false, 2026, 3, 4), "4 March 2026");
	EXPECT_EQ_STR(date_text(MS, false, 2026, 11, 24), "24 November 2026");
	EXPECT_EQ_STR(date_text(MS, false, 2026, 3, 24), "24 Mac 2026");
	EXPECT_EQ_STR(date_text(MS, false, 2026, 8, 1), "1 Ogos 2026");
	EXPECT_EQ_STR(date_text(MS, false, 2026, 12, 31), "31 Disember 2026");
	EXPECT_EQ_STR(date_text(MS, false, 2026, 7, 9), "9 Julai 2026");
	EXPECT_EQ_STR(date_text(HANS, false, 2026, 11, 24), "2026年11月24日");
	EXPECT_EQ_STR(date_text(HANT, false, 2026, 11, 24), "2026年11月24日");
	EXPECT_EQ_STR(date_text(HANT, false, 2026, 1, 5), "2026年1月5日");
}

static void
roc_dates_in_traditional_chinese(void)
{
	EXPECT_EQ_STR(date_text(HANT, true, 2026, 11, 24), "中華民國115年11月24日");
	EXPECT_EQ_STR(date_text(HANT, true, 1912, 1, 1), "中華民國元年1月1日");
	EXPECT_EQ_STR(date_text(HANT, true, 1912, 12, 31), "中華民國元年12月31日");
	EXPECT_EQ_STR(date_text(HANT, true, 1913, 1, 1), "中華民國2年1月1日");
	/* Before the Republic: the Gregorian form. */
	EXPECT_EQ_STR(date_text(HANT, true, 1911, 12, 31), "1911年12月31日");
	/* roc means nothing to the other languages. */
	EXPECT_EQ_STR(date_text(HANS, true, 2026, 11, 24), "2026年11月24日");
	EXPECT_EQ_STR(date_text(EN, true, 2026, 11, 24), "24 November 2026");
	EXPECT_EQ_STR(date_text(MS, true, 2026, 11, 24), "24 November 2026");
}

static void
long_date_refuses_small_buffers_and_no_date(void)
{
	char buf[DOC_TEXT_DATE_MAX];
	civil_day day;

	EXPECT_EQ_INT(date_from_ymd(2026, 11, 24, &day), AR_OK);
	/* "24 November 2026" is 16 bytes: 17 with its NUL. */
	memset(buf, 'x', sizeof buf);
	EXPECT_EQ_INT(doc_long_date(EN, false, day, buf, 16), 0);
	EXPECT_EQ_STR(buf, "");
	EXPECT_EQ_INT(doc_long_date(EN, false, day, buf, 17), 16);
	EXPECT_EQ_STR(buf, "24 November 2026");
	/* 中華民國115年11月24日: 7 CJK characters of 3 bytes and 7 digits. */
	EXPECT_EQ_INT(doc_long_date(HANT, true, day, buf, 28), 0);
	EXPECT_EQ_INT(doc_long_date(HANT, true, day, buf, 29), 28);
	EXPECT_EQ_INT(doc_long_date(EN, false, day, buf, 0), 0);
	EXPECT_EQ_INT(doc_long_date(EN, false, DATE_NONE, buf, sizeof buf), 0);
	EXPECT_EQ_STR(buf, "");
	EXPECT_EQ_INT(doc_long_date(REPORT_LANG_COUNT, false, day, buf, sizeof buf), 0);
	/* The longest: "30 September 9999" and the ROC year 8088. */
	EXPECT_EQ_STR(date_text(EN, false, 9999, 9, 30), "30 September 9999");
	EXPECT_EQ_STR(date_text(HANT, true, 9999, 12, 31), "中華民國8088年12月31日");
	EXPECT_EQ_STR(date_text(EN, false, 1, 1, 1), "1 January 1");
}

/* ---- amounts in figures ----------------------------------------------- */

static void
money_grouped_by_thousands(void)
{
	EXPECT_EQ_STR(money_text(1234560, 2), "12,345.60");
	EXPECT_EQ_STR(money_text(12345, 0), "12,345");
	EXPECT_EQ_STR(money_text(-5, 2), "-0.05");
	EXPECT_EQ_STR(money_text(-123456, 2), "-1,234.56");
	EXPECT_EQ_STR(money_text(0, 2), "0.00");
	EXPECT_EQ_STR(money_text(0, 0), "0");
	EXPECT_EQ_STR(money_text(999, 0), "999");
	EXPECT_EQ_STR(money_text(1000, 0), "1,000");
	EXPECT_EQ_STR(money_text(100000, 0), "100,000");
	EXPECT_EQ_STR(money_text(100000000, 2), "1,000,000.00");
	EXPECT_EQ_STR(money_text(-123456789, 3), "-123,456.789");
	EXPECT_EQ_STR(money_text(7, 6), "0.000007");
	EXPECT_EQ_STR(money_text(INT64_MAX, 2), "92,233,720,368,547,758.07");
	EXPECT_EQ_STR(money_text(INT64_MIN, 0), "-9,223,372,036,854,775,808");
}

static void
money_refuses_small_buffers_and_odd_exponents(void)
{
	char buf[DOC_TEXT_MONEY_MAX];

	memset(buf, 'x', sizeof buf);
	EXPECT_EQ_INT(doc_money(1234560, 2, buf, 9), 0);   /* "12,345.60" needs 10 */
	EXPECT_EQ_STR(buf, "");
	EXPECT_EQ_INT(doc_money(1234560, 2, buf, 10), 9);
	EXPECT_EQ_STR(buf, "12,345.60");
	EXPECT_EQ_INT(doc_money(1, 7, buf, sizeof buf), 0);
	EXPECT_EQ_INT(doc_money(1, -1, buf, sizeof buf), 0);
	EXPECT_EQ_INT(doc_money(1, 2, buf, 0), 0);
	/* The longest of all fits the promised size. */
	EXPECT(doc_money(INT64_MIN, 6, buf, sizeof buf) > 0);
	EXPECT_EQ_STR(buf, "-9,223,372,036,854.775808");
}

/* ---- amounts in words ------------------------------------------------- */

static void
the_issue_examples(void)
{
	EXPECT_EQ_STR(words(EN, "MYR", 2, 1234560),
	    "Ringgit Malaysia Twelve Thousand Three Hundred Forty-Five and Sen Sixty Only");
	EXPECT_EQ_STR(words(EN, "MYR", 2, 10000), "Ringgit Malaysia One Hundred Only");
	EXPECT_EQ_STR(words(MS, "MYR", 2, 1234560),
	    "Ringgit Malaysia Dua Belas Ribu Tiga Ratus Empat Puluh Lima dan Sen Enam Puluh Sahaja");
	EXPECT_EQ_STR(words(HANS, "MYR", 2, 1234560), "马币壹万贰仟叁佰肆拾伍令吉陆拾仙");
	EXPECT_EQ_STR(words(HANT, "MYR", 2, 1234560), "馬幣壹萬貳仟參佰肆拾伍令吉陸拾仙");
	EXPECT_EQ_STR(words(HANS, "MYR", 2, 1234500), "马币壹万贰仟叁佰肆拾伍令吉整");
	EXPECT_EQ_STR(words(HANS, "MYR", 2, 1234505), "马币壹万贰仟叁佰肆拾伍令吉伍仙");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 12345), "新臺幣壹萬貳仟參佰肆拾伍元整");
	EXPECT_EQ_STR(words(HANS, "TWD", 0, 12345), "新台币壹万贰仟叁佰肆拾伍元整");
	EXPECT_EQ_STR(words(HANS, "CNY", 2, 1234506), "人民币壹万贰仟叁佰肆拾伍元零陆分");
	EXPECT_EQ_STR(words(HANS, "CNY", 2, 1234560), "人民币壹万贰仟叁佰肆拾伍元陆角");
	EXPECT_EQ_STR(words(HANS, "CNY", 2, 1234500), "人民币壹万贰仟叁佰肆拾伍元整");
	EXPECT_EQ_STR(words(HANS, "CNY", 2, 1234567), "人民币壹万贰仟叁佰肆拾伍元陆角柒分");
	EXPECT_EQ_STR(words(HANT, "CNY", 2, 1234506), "人民幣壹萬貳仟參佰肆拾伍元零陸分");
	/* The other languages of the same amounts. */
	EXPECT_EQ_STR(words(EN, "TWD", 0, 12345),
	    "New Taiwan Dollars Twelve Thousand Three Hundred Forty-Five Only");
	EXPECT_EQ_STR(words(MS, "TWD", 0, 12345),
	    "Dolar Baharu Taiwan Dua Belas Ribu Tiga Ratus Empat Puluh Lima Sahaja");
	EXPECT_EQ_STR(words(EN, "CNY", 2, 1234560),
	    "Renminbi Yuan Twelve Thousand Three Hundred Forty-Five and Fen Sixty Only");
	EXPECT_EQ_STR(words(MS, "CNY", 2, 1234506),
	    "Yuan Renminbi Dua Belas Ribu Tiga Ratus Empat Puluh Lima dan Fen Enam Sahaja");
	EXPECT_EQ_STR(words(MS, "MYR", 2, 10000), "Ringgit Malaysia Seratus Sahaja");
	EXPECT_EQ_STR(words(HANT, "MYR", 2, 10000), "馬幣壹佰令吉整");
	EXPECT_EQ_STR(words(HANS, "MYR", 2, 10000), "马币壹佰令吉整");
}

static void
zero_and_zero_sen(void)
{
	/* Nothing at all. */
	EXPECT_EQ_STR(words(EN, "MYR", 2, 0), "Ringgit Malaysia Zero Only");
	EXPECT_EQ_STR(words(MS, "MYR", 2, 0), "Ringgit Malaysia Kosong Sahaja");
	EXPECT_EQ_STR(words(HANT, "MYR", 2, 0), "馬幣零令吉整");
	EXPECT_EQ_STR(words(HANS, "MYR", 2, 0), "马币零令吉整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 0), "新臺幣零元整");
	EXPECT_EQ_STR(words(HANS, "CNY", 2, 0), "人民币零元整");
	/* Sen only. */
	EXPECT_EQ_STR(words(EN, "MYR", 2, 5), "Ringgit Malaysia Zero and Sen Five Only");
	EXPECT_EQ_STR(words(MS, "MYR", 2, 5), "Ringgit Malaysia Kosong dan Sen Lima Sahaja");
	EXPECT_EQ_STR(words(HANS, "MYR", 2, 5), "马币伍仙");
	EXPECT_EQ_STR(words(HANT, "MYR", 2, 60), "馬幣陸拾仙");
	EXPECT_EQ_STR(words(HANS, "CNY", 2, 5), "人民币伍分");
	EXPECT_EQ_STR(words(HANS, "CNY", 2, 56), "人民币伍角陆分");
	EXPECT_EQ_STR(words(HANT, "TWD", 2, 50), "新臺幣伍角");
	/* Zero sen: no fraction at all, whatever the amount. */
	EXPECT_EQ_STR(words(EN, "MYR", 2, 1200), "Ringgit Malaysia Twelve Only");
	EXPECT_EQ_STR(words(MS, "MYR", 2, 1200), "Ringgit Malaysia Dua Belas Sahaja");
	EXPECT_EQ_STR(words(HANT, "MYR", 2, 1200), "馬幣壹拾貳令吉整");
}

static void
ten_eleven_nineteen_hundred(void)
{
	EXPECT_EQ_STR(words(EN, "MYR", 2, 1000), "Ringgit Malaysia Ten Only");
	EXPECT_EQ_STR(words(MS, "MYR", 2, 1000), "Ringgit Malaysia Sepuluh Sahaja");
	EXPECT_EQ_STR(words(HANT, "MYR", 2, 1000), "馬幣壹拾令吉整");
	EXPECT_EQ_STR(words(HANS, "MYR", 2, 1000), "马币壹拾令吉整");
	EXPECT_EQ_STR(words(EN, "MYR", 2, 1100), "Ringgit Malaysia Eleven Only");
	EXPECT_EQ_STR(words(MS, "MYR", 2, 1100), "Ringgit Malaysia Sebelas Sahaja");
	EXPECT_EQ_STR(words(HANT, "MYR", 2, 1100), "馬幣壹拾壹令吉整");
	EXPECT_EQ_STR(words(HANS, "MYR", 2, 1100), "马币壹拾壹令吉整");
	EXPECT_EQ_STR(words(EN, "MYR", 2, 1900), "Ringgit Malaysia Nineteen Only");
	EXPECT_EQ_STR(words(MS, "MYR", 2, 1900), "Ringgit Malaysia Sembilan Belas Sahaja");
	EXPECT_EQ_STR(words(HANT, "MYR", 2, 1900), "馬幣壹拾玖令吉整");
	EXPECT_EQ_STR(words(HANS, "MYR", 2, 1900), "马币壹拾玖令吉整");
	/* The same in the sen. */
	EXPECT_EQ_STR(words(EN, "MYR", 2, 1110), "Ringgit Malaysia Eleven and Sen Ten Only");
	EXPECT_EQ_STR(words(MS, "MYR", 2, 1119),
	    "Ringgit Malaysia Sebelas dan Sen Sembilan Belas Sahaja");
	EXPECT_EQ_STR(words(HANS, "MYR", 2, 1110), "马币壹拾壹令吉壹拾仙");
	EXPECT_EQ_STR(words(HANT, "TWD", 2, 1110), "新臺幣壹拾壹元壹角");
	/* Tens, hyphens and hundreds. */
	EXPECT_EQ_STR(words(EN, "SGD", 2, 2100), "Singapore Dollars Twenty-One Only");
	EXPECT_EQ_STR(words(MS, "SGD", 2, 2100), "Dolar Singapura Dua Puluh Satu Sahaja");
	EXPECT_EQ_STR(words(HANS, "SGD", 2, 2100), "新加坡元贰拾壹元整");
	EXPECT_EQ_STR(words(EN, "TWD", 0, 20), "New Taiwan Dollars Twenty Only");
	EXPECT_EQ_STR(words(EN, "TWD", 0, 99), "New Taiwan Dollars Ninety-Nine Only");
	EXPECT_EQ_STR(words(EN, "TWD", 0, 105), "New Taiwan Dollars One Hundred Five Only");
	EXPECT_EQ_STR(words(MS, "TWD", 0, 101), "Dolar Baharu Taiwan Seratus Satu Sahaja");
	EXPECT_EQ_STR(words(MS, "TWD", 0, 110), "Dolar Baharu Taiwan Seratus Sepuluh Sahaja");
	EXPECT_EQ_STR(words(MS, "TWD", 0, 200), "Dolar Baharu Taiwan Dua Ratus Sahaja");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 100), "新臺幣壹佰元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 110), "新臺幣壹佰壹拾元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 101), "新臺幣壹佰零壹元整");
}

static void
thousands_millions_trillions(void)
{
	EXPECT_EQ_STR(words(MS, "TWD", 0, 1000), "Dolar Baharu Taiwan Seribu Sahaja");
	EXPECT_EQ_STR(words(MS, "TWD", 0, 2000), "Dolar Baharu Taiwan Dua Ribu Sahaja");
	EXPECT_EQ_STR(words(MS, "TWD", 0, 111000), "Dolar Baharu Taiwan Seratus Sebelas Ribu Sahaja");
	EXPECT_EQ_STR(words(MS, "TWD", 0, 1001000), "Dolar Baharu Taiwan Satu Juta Seribu Sahaja");
	EXPECT_EQ_STR(words(EN, "TWD", 0, 1001000),
	    "New Taiwan Dollars One Million One Thousand Only");
	/* 1,000,000 ringgit. */
	EXPECT_EQ_STR(words(EN, "MYR", 2, p10(8)), "Ringgit Malaysia One Million Only");
	EXPECT_EQ_STR(words(MS, "MYR", 2, p10(8)), "Ringgit Malaysia Satu Juta Sahaja");
	EXPECT_EQ_STR(words(HANT, "MYR", 2, p10(8)), "馬幣壹佰萬令吉整");
	EXPECT_EQ_STR(words(HANS, "MYR", 2, p10(8)), "马币壹佰万令吉整");
	EXPECT_EQ_STR(words(EN, "USD", 2, p10(11)), "US Dollars One Billion Only");
	EXPECT_EQ_STR(words(MS, "USD", 2, p10(11)), "Dolar Amerika Syarikat Satu Bilion Sahaja");
	EXPECT_EQ_STR(words(HANT, "USD", 2, p10(11)), "美元壹拾億元整");
	/* 10^12 ringgit: Taiwan's 兆, the mainland's 万亿. */
	EXPECT_EQ_STR(words(EN, "MYR", 2, p10(14)), "Ringgit Malaysia One Trillion Only");
	EXPECT_EQ_STR(words(MS, "MYR", 2, p10(14)), "Ringgit Malaysia Satu Trilion Sahaja");
	EXPECT_EQ_STR(words(HANT, "MYR", 2, p10(14)), "馬幣壹兆令吉整");
	EXPECT_EQ_STR(words(HANS, "MYR", 2, p10(14)), "马币壹万亿令吉整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, p10(12)), "新臺幣壹兆元整");
	EXPECT_EQ_STR(words(HANS, "TWD", 0, p10(12)), "新台币壹万亿元整");
	EXPECT_EQ_STR(words(HANS, "CNY", 0, 1234567890000), "人民币壹万贰仟叁佰肆拾伍亿陆仟柒佰捌拾玖万元整");
	EXPECT_EQ_STR(words(HANT, "CNY", 0, 1234567890000), "人民幣壹兆貳仟參佰肆拾伍億陸仟柒佰捌拾玖萬元整");
}

static void
the_limit_of_ten_to_the_fifteen(void)
{
	/* 10^15 minor units is accepted: 10^13 ringgit, or 10^15 dollars at exponent 0. */
	EXPECT_EQ_STR(words(EN, "MYR", 2, p10(15)), "Ringgit Malaysia Ten Trillion Only");
	EXPECT_EQ_STR(words(MS, "MYR", 2, p10(15)), "Ringgit Malaysia Sepuluh Trilion Sahaja");
	EXPECT_EQ_STR(words(HANT, "MYR", 2, p10(15)), "馬幣壹拾兆令吉整");
	EXPECT_EQ_STR(words(HANS, "MYR", 2, p10(15)), "马币壹拾万亿令吉整");
	EXPECT_EQ_STR(words(EN, "TWD", 0, p10(15)), "New Taiwan Dollars One Thousand Trillion Only");
	EXPECT_EQ_STR(words(MS, "TWD", 0, p10(15)), "Dolar Baharu Taiwan Seribu Trilion Sahaja");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, p10(15)), "新臺幣壹仟兆元整");
	EXPECT_EQ_STR(words(HANS, "TWD", 0, p10(15)), "新台币壹仟万亿元整");
	EXPECT_EQ_STR(words(EN, "MYR", 2, p10(15) - 1),
	    "Ringgit Malaysia Nine Trillion Nine Hundred Ninety-Nine Billion Nine Hundred "
	    "Ninety-Nine Million Nine Hundred Ninety-Nine Thousand Nine Hundred Ninety-Nine "
	    "and Sen Ninety-Nine Only");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, p10(15) - 1),
	    "新臺幣玖佰玖拾玖兆玖仟玖佰玖拾玖億玖仟玖佰玖拾玖萬玖仟玖佰玖拾玖元整");
	EXPECT_EQ_STR(words(HANS, "TWD", 0, p10(15) - 1),
	    "新台币玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元整");
	/* One more, or below zero: out of range in every language. */
	for (int l = 0; l < REPORT_LANG_COUNT; l++) {
		char buf[DOC_TEXT_WORDS_MAX];

		memset(buf, 'x', sizeof buf);
		EXPECT_EQ_INT(doc_amount_words((enum report_lang)l, test_currency("MYR"), 2,
		    p10(15) + 1, buf, sizeof buf), AR_ERANGE);
		EXPECT_EQ_STR(buf, "");
		EXPECT_EQ_INT(doc_amount_words((enum report_lang)l, test_currency("TWD"), 0,
		    p10(15) + 1, buf, sizeof buf), AR_ERANGE);
		EXPECT_EQ_INT(doc_amount_words((enum report_lang)l, test_currency("MYR"), 2,
		    -1, buf, sizeof buf), AR_ERANGE);
		EXPECT_EQ_INT(doc_amount_words((enum report_lang)l, test_currency("MYR"), 2,
		    INT64_MIN, buf, sizeof buf), AR_ERANGE);
		EXPECT_EQ_INT(doc_amount_words((enum report_lang)l, test_currency("MYR"), 2,
		    INT64_MAX, buf, sizeof buf), AR_ERANGE);
	}
}

/* One 零 for a run of zeros between two digits, across 萬 and 億; none at the end. */
static void
chinese_zero_placement(void)
{
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 10005), "新臺幣壹萬零伍元整");
	EXPECT_EQ_STR(words(HANS, "TWD", 0, 10005), "新台币壹万零伍元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 100000005), "新臺幣壹億零伍元整");
	EXPECT_EQ_STR(words(HANS, "TWD", 0, 100000005), "新台币壹亿零伍元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 10050000), "新臺幣壹仟零伍萬元整");
	EXPECT_EQ_STR(words(HANS, "TWD", 0, 10050000), "新台币壹仟零伍万元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 1000500), "新臺幣壹佰萬零伍佰元整");
	EXPECT_EQ_STR(words(HANS, "TWD", 0, 1000500), "新台币壹佰万零伍佰元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 100100), "新臺幣壹拾萬零壹佰元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 1005), "新臺幣壹仟零伍元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 1050), "新臺幣壹仟零伍拾元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 1500), "新臺幣壹仟伍佰元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 10000), "新臺幣壹萬元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 100000), "新臺幣壹拾萬元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 110000), "新臺幣壹拾壹萬元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 1010101), "新臺幣壹佰零壹萬零壹佰零壹元整");
	/* Across 兆 and 亿: the mainland's 亿 stands after the whole part above it. */
	EXPECT_EQ_STR(words(HANT, "TWD", 0, p10(12) + 5), "新臺幣壹兆零伍元整");
	EXPECT_EQ_STR(words(HANS, "TWD", 0, p10(12) + 5), "新台币壹万亿零伍元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, p10(12) + p10(8)), "新臺幣壹兆零壹億元整");
	EXPECT_EQ_STR(words(HANS, "TWD", 0, p10(12) + p10(8)), "新台币壹万零壹亿元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 2 * p10(12) + 3 * p10(4)), "新臺幣貳兆零參萬元整");
	EXPECT_EQ_STR(words(HANS, "TWD", 0, 2 * p10(12) + 3 * p10(4)), "新台币贰万亿零叁万元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 5 * p10(13) + 5 * p10(11)), "新臺幣伍拾兆零伍仟億元整");
	EXPECT_EQ_STR(words(HANT, "TWD", 0, 5 * p10(12) + 5 * p10(11)), "新臺幣伍兆伍仟億元整");
	EXPECT_EQ_STR(words(HANS, "TWD", 0, 5 * p10(12) + 5 * p10(11)), "新台币伍万伍仟亿元整");
	/* In the fraction: 零 for a zero 角 between the 元 and the 分. */
	EXPECT_EQ_STR(words(HANT, "TWD", 2, 1234506), "新臺幣壹萬貳仟參佰肆拾伍元零陸分");
	EXPECT_EQ_STR(words(HANS, "USD", 2, 10001), "美元壹佰元零壹分");
	EXPECT_EQ_STR(words(HANT, "USD", 2, 10001), "美元壹佰元零壹分");
	EXPECT_EQ_STR(words(HANS, "CNY", 2, 1050), "人民币壹拾元伍角");
}

static void
other_currencies(void)
{
	EXPECT_EQ_STR(words(EN, "USD", 2, 10001), "US Dollars One Hundred and Cents One Only");
	EXPECT_EQ_STR(words(MS, "USD", 2, 10001), "Dolar Amerika Syarikat Seratus dan Sen Satu Sahaja");
	EXPECT_EQ_STR(words(EN, "TWD", 2, 1234505),
	    "New Taiwan Dollars Twelve Thousand Three Hundred Forty-Five and Cents Five Only");
	EXPECT_EQ_STR(words(HANT, "HKD", 2, 10000), "港幣壹佰元整");
	EXPECT_EQ_STR(words(HANS, "HKD", 2, 10000), "港币壹佰元整");
	EXPECT_EQ_STR(words(HANT, "SGD", 2, 10000), "新加坡元壹佰元整");
	EXPECT_EQ_STR(words(EN, "HKD", 2, 10000), "HKD One Hundred Only");
	EXPECT_EQ_STR(words(EN, "EUR", 2, 10005), "EUR One Hundred and Cents Five Only");
	EXPECT_EQ_STR(words(MS, "EUR", 2, 10005), "EUR Seratus dan Sen Lima Sahaja");
	EXPECT_EQ_STR(words(HANS, "EUR", 2, 10005), "EUR壹佰元零伍分");
	EXPECT_EQ_STR(words(EN, "JPY", 0, 1000000), "JPY One Million Only");
	EXPECT_EQ_STR(words(HANT, "JPY", 0, 1000000), "JPY壹佰萬元整");
	/* Exponent 3 (the dinars): the fraction goes on to 厘. */
	EXPECT_EQ_STR(words(HANT, "BHD", 3, 1505), "BHD壹元伍角零伍厘");
	EXPECT_EQ_STR(words(EN, "BHD", 3, 1505), "BHD One and Cents Five Hundred Five Only");
	/* A negative exponent is the currency's own. */
	EXPECT_EQ_STR(words(EN, "MYR", -1, 1234560),
	    "Ringgit Malaysia Twelve Thousand Three Hundred Forty-Five and Sen Sixty Only");
	EXPECT_EQ_STR(words(EN, "JPY", -1, 1234), "JPY One Thousand Two Hundred Thirty-Four Only");
	/* TWD kept at exponent 0 by a ledger: no fraction, the whole amount in dollars. */
	EXPECT_EQ_STR(words(EN, "TWD", 0, 1234560),
	    "New Taiwan Dollars One Million Two Hundred Thirty-Four Thousand Five Hundred Sixty Only");
}

static void
words_refuse_bad_arguments(void)
{
	char buf[DOC_TEXT_WORDS_MAX];
	currency_id myr = test_currency("MYR");
	const char *full = "Ringgit Malaysia One Hundred Only";

	memset(buf, 'x', sizeof buf);
	EXPECT_EQ_INT(doc_amount_words(EN, myr, 2, 10000, buf, strlen(full)), AR_EUSAGE);
	EXPECT_EQ_STR(buf, "");
	EXPECT_EQ_INT(doc_amount_words(EN, myr, 2, 10000, buf, strlen(full) + 1), AR_OK);
	EXPECT_EQ_STR(buf, full);
	EXPECT_EQ_INT(doc_amount_words(HANS, myr, 2, 10000, buf, 3), AR_EUSAGE);
	EXPECT_EQ_STR(buf, "");
	EXPECT_EQ_INT(doc_amount_words(EN, myr, 2, 10000, buf, 0), AR_EUSAGE);
	EXPECT_EQ_INT(doc_amount_words(EN, myr, 7, 10000, buf, sizeof buf), AR_EUSAGE);
	EXPECT_EQ_INT(doc_amount_words(EN, 9999, 2, 10000, buf, sizeof buf), AR_EUSAGE);
	EXPECT_EQ_INT(doc_amount_words(REPORT_LANG_COUNT, myr, 2, 10000, buf, sizeof buf), AR_EUSAGE);
}

/*
 * DOC_TEXT_WORDS_MAX is enough: the text is the sum of its groups (digits
 * in Chinese), so the longest repeats the longest group.  Every group
 * 0..999 repeated over 15 digits, and every digit repeated, in every
 * language, currency name and exponent.
 */
static void
words_fit_the_promised_size(void)
{
	static const char *const codes[] = { "MYR", "TWD", "USD", "SGD", "CNY", "HKD", "EUR" };
	char buf[DOC_TEXT_WORDS_MAX];
	size_t longest = 0, bad = 0;

	for (int l = 0; l < REPORT_LANG_COUNT; l++)
		for (size_t c = 0; c < sizeof codes / sizeof codes[0]; c++)
			for (int e = 0; e <= 6; e++)
				for (int64_t g = 0; g < 1000 + 10; g++) {
					int64_t v = g < 1000 ? g * 1001001001001 : (g - 1000) * 111111111111111;

					if (doc_amount_words((enum report_lang)l, test_currency(codes[c]), e,
					    v, buf, sizeof buf) != AR_OK)
						bad++;
					else if (strlen(buf) > longest)
						longest = strlen(buf);
				}
	EXPECT_EQ_INT(bad, 0);
	EXPECT(longest < DOC_TEXT_WORDS_MAX);
	/* The guard is not vacuous: the longest (Malay, USD) is about 250 bytes. */
	EXPECT(longest > 200);
}

/* ---- captions --------------------------------------------------------- */

static void
every_caption_in_every_language(void)
{
	for (int l = 0; l < REPORT_LANG_COUNT; l++)
		for (int i = 0; i < DC_COUNT; i++) {
			const char *s = doc_caption((enum report_lang)l, (enum doc_caption)i);

			EXPECT(s != NULL && s[0] != '\0');
			if (s == NULL)
				continue;
			EXPECT(utf8_valid(s, strlen(s)));
			/* A language's own caption, not the English fallback (but for Tel.). */
			if (l != EN && i != DC_TEL)
				EXPECT(strcmp(s, doc_caption(EN, (enum doc_caption)i)) != 0);
		}
	EXPECT_EQ_STR(doc_caption(EN, DC_COUNT), "?");
	EXPECT_EQ_STR(doc_caption(REPORT_LANG_COUNT, DC_DATE), "Date");
}

/* Exactly two %d and no other conversion: the page, then the pages. */
static void
page_of_has_two_numbers(void)
{
	static const char *const want[REPORT_LANG_COUNT] = {
		[EN] = "Page 1 of 2", [HANT] = "第 1 頁，共 2 頁", [HANS] = "第 1 页，共 2 页",
		[MS] = "Halaman 1 daripada 2",
	};

	for (int l = 0; l < REPORT_LANG_COUNT; l++) {
		const char *f = doc_caption((enum report_lang)l, DC_PAGE_OF);
		int conversions = 0, ds = 0;
		char buf[64];

		for (const char *p = strchr(f, '%'); p != NULL; p = strchr(p + 2, '%')) {
			conversions++;
			if (p[1] == 'd')
				ds++;
			if (p[1] == '\0')
				break;
		}
		EXPECT_EQ_INT(conversions, 2);
		EXPECT_EQ_INT(ds, 2);
		if (ds == 2 && conversions == 2) {
			snprintf(buf, sizeof buf, f, 1, 2);
			EXPECT_EQ_STR(buf, want[l]);
		}
	}
}

static void
captions_named_in_the_issue(void)
{
	EXPECT_EQ_STR(doc_caption(EN, DC_AMOUNT_IN_WORDS), "Amount due in words");
	EXPECT_EQ_STR(doc_caption(EN, DC_REG_NO), "Company No.");
	EXPECT_EQ_STR(doc_caption(MS, DC_REG_NO), "No. Syarikat");
	EXPECT_EQ_STR(doc_caption(HANT, DC_REG_NO), "統一編號");
	EXPECT_EQ_STR(doc_caption(HANS, DC_REG_NO), "公司注册号");
	EXPECT_EQ_STR(doc_caption(EN, DC_PAGE_OF), "Page %d of %d");
}

/* ---- the filter for the second implementation ------------------------- */

static int
words_filter(int argc, char **argv)
{
	enum report_lang lang;
	currency_id cur;
	char line[128], buf[DOC_TEXT_WORDS_MAX], *end;
	long exponent;
	long n = 0;

	if (argc != 5 || strcmp(argv[1], "--words") != 0) {
		fprintf(stderr, "usage: %s [--words LANG CODE EXPONENT]\n", argv[0]);
		return 2;
	}
	exponent = strtol(argv[4], &end, 10);
	if (report_lang_parse(argv[2], &lang) != AR_OK ||
	    currency_lookup(argv[3], strlen(argv[3]), &cur) != AR_OK ||
	    *argv[4] == '\0' || *end != '\0' || exponent < 0 || exponent > 6) {
		fprintf(stderr, "%s: --words %s %s %s: not a language, currency and exponent 0..6\n",
		    argv[0], argv[2], argv[3], argv[4]);
		return 2;
	}
	while (fgets(line, sizeof line, stdin) != NULL) {
		long long v;
		ar_err err;

		n++;
		line[strcspn(line, "\r\n")] = '\0';
		errno = 0;
		v = strtoll(line, &end, 10);
		if (line[0] == '\0' || *end != '\0' || errno != 0) {
			fprintf(stderr, "%s: line %ld: \"%s\" is not an integer\n", argv[0], n, line);
			return 2;
		}
		err = doc_amount_words(lang, cur, (int)exponent, (int64_t)v, buf, sizeof buf);
		if (err == AR_OK)
			puts(buf);
		else if (err == AR_ERANGE)
			puts("ERANGE");
		else
			printf("error %d\n", (int)err);
	}
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}

int
main(int argc, char **argv)
{
	if (argc > 1)
		return words_filter(argc, argv);
	RUN(long_dates_in_each_language);
	RUN(roc_dates_in_traditional_chinese);
	RUN(long_date_refuses_small_buffers_and_no_date);
	RUN(money_grouped_by_thousands);
	RUN(money_refuses_small_buffers_and_odd_exponents);
	RUN(the_issue_examples);
	RUN(zero_and_zero_sen);
	RUN(ten_eleven_nineteen_hundred);
	RUN(thousands_millions_trillions);
	RUN(the_limit_of_ten_to_the_fifteen);
	RUN(chinese_zero_placement);
	RUN(other_currencies);
	RUN(words_refuse_bad_arguments);
	RUN(words_fit_the_promised_size);
	RUN(every_caption_in_every_language);
	RUN(page_of_has_two_numbers);
	RUN(captions_named_in_the_issue);
	return test_summary();
}
