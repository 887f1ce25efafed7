/* test_money.c - money_parse, money_format, money_add. */
#include "core/money.h"
#include "test.h"

#define PT MONEY_DECIMAL_POINT
#define CM MONEY_DECIMAL_COMMA

static int64_t got;

/* Parse a C string; got holds the amount on AR_OK. */
static ar_err
parse(const char *s, int exponent, enum money_decimal decimal)
{
	got = 0x5A5A;
	return money_parse(s, strlen(s), exponent, decimal, &got);
}

#define EXPECT_AMOUNT(s, exp, dec, want) do { \
	EXPECT_EQ_INT(parse(s, exp, dec), AR_OK); \
	EXPECT_EQ_INT(got, want); \
} while (0)

#define EXPECT_ERR(s, exp, dec, err) do { \
	EXPECT_EQ_INT(parse(s, exp, dec), err); \
	EXPECT_EQ_INT(got, 0x5A5A); \
} while (0)

static const char *
fmt(int64_t minor, int exponent)
{
	static char buf[MONEY_TEXT_MAX];
	size_t n = money_format(minor, exponent, buf);

	EXPECT_EQ_INT(n, strlen(buf));
	return buf;
}

static void
money_parses_plain(void)
{
	EXPECT_AMOUNT("1234.56", 2, PT, 123456);
	EXPECT_AMOUNT("0", 2, PT, 0);
	EXPECT_AMOUNT("7", 0, PT, 7);
	EXPECT_AMOUNT("0.01", 2, PT, 1);
}

static void
money_parses_leading_signs(void)
{
	EXPECT_AMOUNT("-1234.56", 2, PT, -123456);
	EXPECT_AMOUNT("+1234.56", 2, PT, 123456);
	EXPECT_AMOUNT("-0", 2, PT, 0);
	EXPECT_AMOUNT("-0.05", 2, PT, -5);
}

static void
money_parses_grouped(void)
{
	EXPECT_AMOUNT("1,234.56", 2, PT, 123456);
	EXPECT_AMOUNT("12,345,678.90", 2, PT, 1234567890);
	EXPECT_AMOUNT("123,456", 0, PT, 123456);
	EXPECT_AMOUNT("1,000", 2, PT, 100000);
}

static void
money_parses_parentheses_as_negative(void)
{
	EXPECT_AMOUNT("(1,234.56)", 2, PT, -123456);
	EXPECT_AMOUNT("(5)", 0, PT, -5);
	EXPECT_AMOUNT("( 5 )", 0, PT, -5);
	EXPECT_AMOUNT("(1.234,56)", 2, CM, -123456);
}

static void
money_parses_sap_trailing_minus(void)
{
	EXPECT_AMOUNT("1,234.56-", 2, PT, -123456);
	EXPECT_AMOUNT("1.234,56-", 2, CM, -123456);
	EXPECT_AMOUNT("5-", 0, PT, -5);
}

static void
money_parses_sap_minus_after_blank(void)
{
	EXPECT_AMOUNT("1.234,56 -", 2, CM, -123456);
	EXPECT_AMOUNT("1 234,56 -", 2, CM, -123456);
	EXPECT_AMOUNT("- 5", 0, PT, -5);
}

static void
money_parses_decimal_comma(void)
{
	EXPECT_AMOUNT("1.234,56", 2, CM, 123456);
	EXPECT_AMOUNT("1234,56", 2, CM, 123456);
	EXPECT_AMOUNT("1.234.567,8", 2, CM, 123456780);
	EXPECT_AMOUNT("-1.234,56", 2, CM, -123456);
	EXPECT_AMOUNT("1.234", 0, CM, 1234);
}

static void
money_parses_space_grouping(void)
{
	EXPECT_AMOUNT("1 234,56", 2, CM, 123456);
	EXPECT_AMOUNT("12 345 678,90", 2, CM, 1234567890);
}

static void
money_rejects_mixed_group_separators(void)
{
	EXPECT_ERR("1.234 567,00", 2, CM, AR_ESYNTAX);
	EXPECT_ERR("1 234.567,00", 2, CM, AR_ESYNTAX);
	EXPECT_ERR("1 234", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("1.234.56", 2, PT, AR_ESYNTAX);
}

static void
money_skips_surrounding_blanks(void)
{
	EXPECT_AMOUNT("  1,234.56\t", 2, PT, 123456);
	EXPECT_AMOUNT("\t-5 ", 0, PT, -5);
	EXPECT_AMOUNT(" (5) ", 0, PT, -5);
}

static void
money_pads_missing_decimals(void)
{
	EXPECT_AMOUNT("12.5", 2, PT, 1250);
	EXPECT_AMOUNT("12", 2, PT, 1200);
	EXPECT_AMOUNT("1.5", 3, PT, 1500);
	EXPECT_AMOUNT("0.000001", 6, PT, 1);
}

static void
money_accepts_bare_decimal_point(void)
{
	EXPECT_AMOUNT(".5", 2, PT, 50);
	EXPECT_AMOUNT("-.5", 2, PT, -50);
	EXPECT_AMOUNT(",5", 2, CM, 50);
	EXPECT_AMOUNT("5.", 2, PT, 500);
	EXPECT_AMOUNT("1,234.", 2, PT, 123400);
}

/* "52.500" MYR is nearly always 52,500 with the other notation's separator. */
static void
money_rejects_extra_zero_decimals(void)
{
	EXPECT_ERR("52.500", 2, PT, AR_EDECIMALS);
	EXPECT_ERR("1.500", 2, PT, AR_EDECIMALS);
	EXPECT_ERR("-1.500", 2, PT, AR_EDECIMALS);
	EXPECT_ERR("1.500-", 2, PT, AR_EDECIMALS);
	EXPECT_ERR("12.00", 0, PT, AR_EDECIMALS);
	EXPECT_ERR("1.5000000000000000000000000", 2, PT, AR_EDECIMALS);
	EXPECT_ERR("52,500", 2, CM, AR_EDECIMALS);
	EXPECT_ERR("(1.234,500)", 2, CM, AR_EDECIMALS);
	EXPECT_ERR("0.0000000", 6, PT, AR_EDECIMALS);
}

/* Exactly the currency's decimals, or fewer, still read. */
static void
money_accepts_decimals_up_to_exponent(void)
{
	EXPECT_AMOUNT("52.50", 2, PT, 5250);
	EXPECT_AMOUNT("1.500", 3, PT, 1500);
	EXPECT_AMOUNT("52,500", 3, CM, 52500);
	EXPECT_AMOUNT("52,500", 2, PT, 5250000);
}

/* Where digits are never grouped (camt, MT940) trailing zeros are only zeros. */
static void
money_ungrouped_accepts_extra_zero_decimals(void)
{
	EXPECT_EQ_INT(money_parse_ungrouped("5000.00", 7, 0, PT, &got), AR_OK);
	EXPECT_EQ_INT(got, 5000);
	EXPECT_EQ_INT(money_parse_ungrouped("52.500", 6, 2, PT, &got), AR_OK);
	EXPECT_EQ_INT(got, 5250);
	EXPECT_EQ_INT(money_parse_ungrouped("1500,00", 7, 0, CM, &got), AR_OK);
	EXPECT_EQ_INT(got, 1500);
	EXPECT_EQ_INT(money_parse_ungrouped("12.34", 5, 2, PT, &got), AR_OK);
	EXPECT_EQ_INT(got, 1234);
}

static void
money_ungrouped_rejects_nonzero_decimals_and_groups(void)
{
	got = 0x5A5A;
	EXPECT_EQ_INT(money_parse_ungrouped("5000.01", 7, 0, PT, &got), AR_EDECIMALS);
	EXPECT_EQ_INT(money_parse_ungrouped("1,000.00", 8, 2, PT, &got), AR_ESYNTAX);
	EXPECT_EQ_INT(money_parse_ungrouped("1.000,00", 8, 2, CM, &got), AR_ESYNTAX);
	EXPECT_EQ_INT(got, 0x5A5A);
}

static const char *
decimals_message(const char *text, const char *code)
{
	static char buf[512];
	currency_id cur;
	size_t n;

	EXPECT_EQ_INT(currency_lookup(code, 3, &cur), AR_OK);
	n = money_decimals_message(buf, sizeof buf, "amount", text, strlen(text),
	    cur, "[input] decimal");
	EXPECT_EQ_INT(n, strlen(buf));
	return buf;
}

/* The message names the value, both counts, and the settings that fix it. */
static void
money_words_too_many_decimals(void)
{
	EXPECT_EQ_STR(decimals_message("52.500", "MYR"), "amount \"52.500\" has 3 decimals "
	    "but MYR has 2: if \".\" groups thousands in this file, set [input] decimal "
	    "= comma; else check [currency.MYR] exponent");
	EXPECT_EQ_STR(decimals_message("52,500-", "TWD"), "amount \"52,500-\" has 3 decimals "
	    "but TWD has 2: if \",\" groups thousands in this file, set [input] decimal "
	    "= point; else check [currency.TWD] exponent");
	/* 12.50 cannot be a thousands group, 1,234.500 not a decimal comma */
	EXPECT_EQ_STR(decimals_message("12.50", "JPY"), "amount \"12.50\" has 2 decimals "
	    "but JPY has 0: check [currency.JPY] exponent");
	EXPECT_EQ_STR(decimals_message("1,234.500", "USD"), "amount \"1,234.500\" has 3 "
	    "decimals but USD has 2: check [currency.USD] exponent");
	EXPECT_EQ_STR(decimals_message("(7.0)", "JPY"), "amount \"(7.0)\" has 1 decimal "
	    "but JPY has 0: check [currency.JPY] exponent");
}

/* Without a setting (a file of one notation) the hint says what to write. */
static void
money_words_too_many_decimals_without_setting(void)
{
	char buf[256];
	currency_id cur;

	EXPECT_EQ_INT(currency_lookup("MYR", 3, &cur), AR_OK);
	money_decimals_message(buf, sizeof buf, "credit_limit", "50.000", 6, cur, NULL);
	EXPECT_EQ_STR(buf, "credit_limit \"50.000\" has 3 decimals but MYR has 2: if "
	    "\".\" groups thousands, write the amount without it; else check "
	    "[currency.MYR] exponent");
}

static void
money_decimals_message_fits_its_buffer(void)
{
	char buf[16];
	currency_id cur;

	EXPECT_EQ_INT(currency_lookup("MYR", 3, &cur), AR_OK);
	EXPECT_EQ_INT(money_decimals_message(buf, sizeof buf, "amount", "52.500", 6, cur,
	    "[input] decimal"), 15);
	EXPECT_EQ_STR(buf, "amount \"52.500\"");
}

static void
money_rejects_extra_nonzero_decimals(void)
{
	EXPECT_ERR("1.005", 2, PT, AR_EDECIMALS);
	EXPECT_ERR("12.5", 0, PT, AR_EDECIMALS);
	EXPECT_ERR("0.0000001", 6, PT, AR_EDECIMALS);
	EXPECT_ERR("1,005", 2, CM, AR_EDECIMALS);
}

static void
money_rejects_empty(void)
{
	EXPECT_ERR("", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("   ", 2, PT, AR_ESYNTAX);
	EXPECT_ERR(".", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("()", 2, PT, AR_ESYNTAX);
}

static void
money_rejects_sign_only(void)
{
	EXPECT_ERR("-", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("+", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("-.", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("( )", 2, PT, AR_ESYNTAX);
}

static void
money_rejects_two_signs(void)
{
	EXPECT_ERR("--1", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("+-1", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("-1-", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("(-1)", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("(1)-", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("(1-)", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("1--", 2, PT, AR_ESYNTAX);
}

static void
money_rejects_unbalanced_parentheses(void)
{
	EXPECT_ERR("(1", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("1)", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("((1))", 2, PT, AR_ESYNTAX);
}

static void
money_rejects_letters(void)
{
	EXPECT_ERR("abc", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("12a", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("MYR 12", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("1e5", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("0x10", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("1.5+", 2, PT, AR_ESYNTAX);
}

static void
money_rejects_minus_inside(void)
{
	EXPECT_ERR("1-2", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("1 2", 2, PT, AR_ESYNTAX);
}

static void
money_rejects_bad_grouping(void)
{
	EXPECT_ERR("1,23.4", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("12,34", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("1234,567", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("1,2345", 2, PT, AR_ESYNTAX);
	EXPECT_ERR(",123", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("1,,234", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("1,", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("1,234,56", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("1.23,4", 2, CM, AR_ESYNTAX);
	EXPECT_ERR("12.34", 2, CM, AR_ESYNTAX);
}

static void
money_rejects_group_separator_in_fraction(void)
{
	EXPECT_ERR("1.234,5", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("1,234.567,8", 4, PT, AR_ESYNTAX);
	EXPECT_ERR("1,23.4", 2, CM, AR_ESYNTAX);
}

static void
money_rejects_zero_led_group(void)
{
	/* a decimal-comma 0,500 read with the point profile is not 500 */
	EXPECT_ERR("0,500", 2, PT, AR_ESYNTAX);
	EXPECT_ERR("01,234", 2, PT, AR_ESYNTAX);
	EXPECT_AMOUNT("0500", 0, PT, 500);
}

static void
money_rejects_nul_inside(void)
{
	EXPECT_EQ_INT(money_parse("1\0" "2", 3, 0, PT, &got), AR_ESYNTAX);
}

static void
money_rejects_null_empty(void)
{
	EXPECT_EQ_INT(money_parse(NULL, 0, 2, PT, &got), AR_ESYNTAX);
}

static void
money_parses_only_len_bytes(void)
{
	EXPECT_EQ_INT(money_parse("12345", 2, 0, PT, &got), AR_OK);
	EXPECT_EQ_INT(got, 12);
}

static void
money_rejects_bad_exponent(void)
{
	EXPECT_ERR("1", -1, PT, AR_EUSAGE);
	EXPECT_ERR("1", 7, PT, AR_EUSAGE);
	EXPECT_AMOUNT("1", 6, PT, 1000000);
}

static void
money_parses_int64_max(void)
{
	EXPECT_AMOUNT("9223372036854775807", 0, PT, INT64_MAX);
	EXPECT_AMOUNT("92233720368547758.07", 2, PT, INT64_MAX);
	EXPECT_AMOUNT("9,223,372,036,854,775,807", 0, PT, INT64_MAX);
	EXPECT_AMOUNT("000000000000009223372036854775807", 0, PT, INT64_MAX);
}

static void
money_parses_int64_min(void)
{
	EXPECT_AMOUNT("-9223372036854775808", 0, PT, INT64_MIN);
	EXPECT_AMOUNT("(92233720368547758.08)", 2, PT, INT64_MIN);
	EXPECT_AMOUNT("92.233.720.368.547.758,08-", 2, CM, INT64_MIN);
}

static void
money_rejects_past_int64(void)
{
	EXPECT_ERR("9223372036854775808", 0, PT, AR_ERANGE);
	EXPECT_ERR("-9223372036854775809", 0, PT, AR_ERANGE);
	EXPECT_ERR("92233720368547758.08", 2, PT, AR_ERANGE);
	EXPECT_ERR("92233720368547758.1", 2, PT, AR_ERANGE);
	EXPECT_ERR("92233720368547759", 2, PT, AR_ERANGE);
	EXPECT_ERR("18446744073709551616", 0, PT, AR_ERANGE);
	EXPECT_ERR("99999999999999999999999999999", 0, PT, AR_ERANGE);
	EXPECT_ERR("9223372036854775807", 1, PT, AR_ERANGE);
}

static void
money_prefers_syntax_error_to_overflow(void)
{
	EXPECT_ERR("99999999999999999999999x", 0, PT, AR_ESYNTAX);
	EXPECT_ERR("99999999999999999999999.5", 0, PT, AR_EDECIMALS);
}

static void
money_formats_plain(void)
{
	EXPECT_EQ_STR(fmt(123456, 2), "1234.56");
	EXPECT_EQ_STR(fmt(7, 0), "7");
	EXPECT_EQ_STR(fmt(0, 0), "0");
	EXPECT_EQ_STR(fmt(0, 2), "0.00");
	EXPECT_EQ_STR(fmt(1234567, 3), "1234.567");
	EXPECT_EQ_STR(fmt(1, 6), "0.000001");
}

static void
money_formats_negative(void)
{
	EXPECT_EQ_STR(fmt(-5, 2), "-0.05");
	EXPECT_EQ_STR(fmt(-123456, 2), "-1234.56");
	EXPECT_EQ_STR(fmt(-7, 0), "-7");
	EXPECT_EQ_STR(fmt(-100, 2), "-1.00");
}

static void
money_formats_int64_bounds(void)
{
	EXPECT_EQ_STR(fmt(INT64_MAX, 0), "9223372036854775807");
	EXPECT_EQ_STR(fmt(INT64_MIN, 0), "-9223372036854775808");
	EXPECT_EQ_STR(fmt(INT64_MIN, 2), "-92233720368547758.08");
	EXPECT_EQ_STR(fmt(INT64_MIN, 6), "-9223372036854.775808");
	EXPECT(strlen(fmt(INT64_MIN, 6)) < MONEY_TEXT_MAX);
}

static void
money_formats_clamped_exponent(void)
{
	EXPECT_EQ_STR(fmt(5, -3), "5");
	EXPECT_EQ_STR(fmt(5, 9), "0.000005");
}

static void
money_round_trips_boundaries(void)
{
	static const int64_t v[] = {
		0, 1, -1, 99, -99, 100, -100, 123456789, -987654321,
		INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1
	};
	size_t i;
	int e;

	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		for (e = 0; e <= 6; e++) {
			const char *s = fmt(v[i], e);

			EXPECT_EQ_INT(parse(s, e, PT), AR_OK);
			EXPECT_EQ_INT(got, v[i]);
		}
}

static void
money_adds(void)
{
	int64_t acc = 100;

	EXPECT_EQ_INT(money_add(&acc, 23), AR_OK);
	EXPECT_EQ_INT(acc, 123);
	EXPECT_EQ_INT(money_add(&acc, -223), AR_OK);
	EXPECT_EQ_INT(acc, -100);
}

static void
money_add_reaches_bounds(void)
{
	int64_t acc = INT64_MAX - 1;

	EXPECT_EQ_INT(money_add(&acc, 1), AR_OK);
	EXPECT_EQ_INT(acc, INT64_MAX);
	acc = INT64_MIN + 1;
	EXPECT_EQ_INT(money_add(&acc, -1), AR_OK);
	EXPECT_EQ_INT(acc, INT64_MIN);
}

static void
money_add_overflow_leaves_acc(void)
{
	int64_t acc = INT64_MAX;

	EXPECT_EQ_INT(money_add(&acc, 1), AR_ERANGE);
	EXPECT_EQ_INT(acc, INT64_MAX);
	acc = INT64_MIN;
	EXPECT_EQ_INT(money_add(&acc, -1), AR_ERANGE);
	EXPECT_EQ_INT(acc, INT64_MIN);
	EXPECT_EQ_INT(money_add(&acc, INT64_MIN), AR_ERANGE);
	EXPECT_EQ_INT(money_add(&acc, INT64_MAX), AR_OK);
	EXPECT_EQ_INT(acc, -1);
}

int
main(void)
{
	RUN(money_parses_plain);
	RUN(money_parses_leading_signs);
	RUN(money_parses_grouped);
	RUN(money_parses_parentheses_as_negative);
	RUN(money_parses_sap_trailing_minus);
	RUN(money_parses_sap_minus_after_blank);
	RUN(money_parses_decimal_comma);
	RUN(money_parses_space_grouping);
	RUN(money_rejects_mixed_group_separators);
	RUN(money_skips_surrounding_blanks);
	RUN(money_pads_missing_decimals);
	RUN(money_accepts_bare_decimal_point);
	RUN(money_rejects_extra_zero_decimals);
	RUN(money_accepts_decimals_up_to_exponent);
	RUN(money_ungrouped_accepts_extra_zero_decimals);
	RUN(money_ungrouped_rejects_nonzero_decimals_and_groups);
	RUN(money_words_too_many_decimals);
	RUN(money_words_too_many_decimals_without_setting);
	RUN(money_decimals_message_fits_its_buffer);
	RUN(money_rejects_extra_nonzero_decimals);
	RUN(money_rejects_empty);
	RUN(money_rejects_sign_only);
	RUN(money_rejects_two_signs);
	RUN(money_rejects_unbalanced_parentheses);
	RUN(money_rejects_letters);
	RUN(money_rejects_minus_inside);
	RUN(money_rejects_bad_grouping);
	RUN(money_rejects_group_separator_in_fraction);
	RUN(money_rejects_zero_led_group);
	RUN(money_rejects_nul_inside);
	RUN(money_rejects_null_empty);
	RUN(money_parses_only_len_bytes);
	RUN(money_rejects_bad_exponent);
	RUN(money_parses_int64_max);
	RUN(money_parses_int64_min);
	RUN(money_rejects_past_int64);
	RUN(money_prefers_syntax_error_to_overflow);
	RUN(money_formats_plain);
	RUN(money_formats_negative);
	RUN(money_formats_int64_bounds);
	RUN(money_formats_clamped_exponent);
	RUN(money_round_trips_boundaries);
	RUN(money_adds);
	RUN(money_add_reaches_bounds);
	RUN(money_add_overflow_leaves_acc);
	return test_summary();
}
