/* test_fxrate.c - fx_rates_set, fx_rates_load, fx_convert. */
#include "core/fxrate.h"
#include "test.h"

#include <stdio.h>

static currency_id
cur(const char *code)
{
	currency_id c = -1;

	if (currency_lookup(code, strlen(code), &c) != AR_OK)
		abort();
	return c;
}

/* Rates to MYR with USD, JPY and KWD set as in ar.ini (no date). */
static struct fx_rates
myr_rates(void)
{
	struct fx_rates r;

	if (fx_rates_init(&r, cur("MYR")) != AR_OK ||
	    fx_rates_set(&r, cur("USD"), "4.4725", DATE_NONE) != AR_OK ||
	    fx_rates_set(&r, cur("JPY"), "0.0301", DATE_NONE) != AR_OK ||
	    fx_rates_set(&r, cur("KWD"), "14.5678", DATE_NONE) != AR_OK)
		abort();
	return r;
}

static int64_t got;

static ar_err
convert(const struct fx_rates *r, int64_t minor, const char *from)
{
	got = 0x5A5A;
	return fx_convert(r, minor, cur(from), &got);
}

#define EXPECT_CONVERTS(r, minor, from, want) do { \
	EXPECT_EQ_INT(convert(r, minor, from), AR_OK); \
	EXPECT_EQ_INT(got, want); \
} while (0)

static void
fx_init_knows_the_reporting_currency_at_one(void)
{
	struct fx_rates r;
	const struct fx_rate *rate;

	EXPECT_EQ_INT(fx_rates_init(&r, cur("MYR")), AR_OK);
	rate = fx_rates_get(&r, cur("MYR"));
	EXPECT(rate != NULL);
	if (rate != NULL) {
		EXPECT_EQ_INT(rate->digits, 1);
		EXPECT_EQ_INT(rate->scale, 0);
		EXPECT_EQ_STR(rate->text, "1");
		EXPECT_EQ_INT(rate->as_of, DATE_NONE);
	}
	EXPECT(fx_rates_get(&r, cur("USD")) == NULL);
	EXPECT_CONVERTS(&r, 123456, "MYR", 123456);
	EXPECT_EQ_INT(fx_rates_init(&r, CURRENCY_MAX), AR_EUSAGE);
	EXPECT_EQ_INT(fx_rates_init(&r, -1), AR_EUSAGE);
}

static void
fx_set_keeps_digits_scale_text_and_date(void)
{
	struct fx_rates r = myr_rates();
	const struct fx_rate *rate;
	civil_day d;

	date_from_ymd(2026, 11, 30, &d);
	EXPECT_EQ_INT(fx_rates_set(&r, cur("TWD"), "0.138250000", d), AR_OK);
	rate = fx_rates_get(&r, cur("TWD"));
	EXPECT(rate != NULL);
	if (rate != NULL) {
		EXPECT_EQ_INT(rate->digits, 138250000);
		EXPECT_EQ_INT(rate->scale, 9);
		EXPECT_EQ_STR(rate->text, "0.138250000");
		EXPECT_EQ_INT(rate->as_of, d);
	}
	EXPECT_EQ_INT(fx_rates_set(&r, cur("SGD"), "3", DATE_NONE), AR_OK);
	rate = fx_rates_get(&r, cur("SGD"));
	EXPECT(rate != NULL && rate->digits == 3 && rate->scale == 0);
}

static void
fx_set_refuses_what_does_not_read(void)
{
	struct fx_rates r = myr_rates();
	static const char *const bad[] = {
		"", "-4.4725", "+4.4725", "1,234.5", "4,4725", ".5", "5.", "4.47.25",
		"0", "0.000", "00", " 4.4725", "4.4725 ", "4.4725e1", "0.1234567891",
		"1.0000000000", "abc",
	};
	const struct fx_rate before = *fx_rates_get(&r, cur("USD"));

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ar_err err = fx_rates_set(&r, cur("USD"), bad[i], DATE_NONE);

		if (err != AR_ESYNTAX)
			printf("#   \"%s\" gave %d\n", bad[i], (int)err);
		EXPECT_EQ_INT(err, AR_ESYNTAX);
	}
	/* r unchanged by every refusal */
	EXPECT_EQ_INT(fx_rates_get(&r, cur("USD"))->digits, before.digits);
	EXPECT_EQ_STR(fx_rates_get(&r, cur("USD"))->text, "4.4725");
	/* nine decimals is the most; the digits must fit in int64 */
	EXPECT_EQ_INT(fx_rates_set(&r, cur("USD"), "0.000000001", DATE_NONE), AR_OK);
	EXPECT_EQ_INT(fx_rates_set(&r, cur("USD"), "9223372036854775807", DATE_NONE), AR_OK);
	EXPECT_EQ_INT(fx_rates_set(&r, cur("USD"), "9223372036854775808", DATE_NONE), AR_ERANGE);
	EXPECT_EQ_INT(fx_rates_set(&r, cur("USD"), "922337203.6854775808", DATE_NONE), AR_ESYNTAX);
	EXPECT_EQ_INT(fx_rates_set(&r, cur("USD"), "9223372036.854775808", DATE_NONE), AR_ERANGE);
	EXPECT_EQ_INT(fx_rates_set(&r, -1, "1", DATE_NONE), AR_EUSAGE);
}

static void
fx_set_holds_the_reporting_currency_at_one(void)
{
	struct fx_rates r = myr_rates();

	EXPECT_EQ_INT(fx_rates_set(&r, cur("MYR"), "4.4725", DATE_NONE), AR_ERANGE);
	EXPECT_EQ_INT(fx_rates_set(&r, cur("MYR"), "1.000000001", DATE_NONE), AR_ERANGE);
	EXPECT_EQ_INT(fx_rates_set(&r, cur("MYR"), "1.000", DATE_NONE), AR_OK);
	EXPECT_EQ_STR(fx_rates_get(&r, cur("MYR"))->text, "1.000");
	EXPECT_CONVERTS(&r, -98765, "MYR", -98765);
}

static void
fx_converts_exactly_between_exponents(void)
{
	struct fx_rates r = myr_rates();

	/* USD 1,234.56 x 4.4725 = 5,521.5696 -> MYR 5,521.57 */
	EXPECT_CONVERTS(&r, 123456, "USD", 552157);
	EXPECT_CONVERTS(&r, -123456, "USD", -552157);
	/* JPY 100,000 (exponent 0) x 0.0301 = MYR 3,010.00 */
	EXPECT_CONVERTS(&r, 100000, "JPY", 301000);
	/* KWD 1.234 (exponent 3) x 14.5678 = 17.9766652 -> MYR 17.98 */
	EXPECT_CONVERTS(&r, 1234, "KWD", 1798);
	EXPECT_CONVERTS(&r, 0, "KWD", 0);
}

static void
fx_converts_into_a_reporting_currency_of_other_exponents(void)
{
	struct fx_rates r;

	/* into JPY (exponent 0): USD 1.50 x 150.25 = 225.375 -> JPY 225 */
	EXPECT_EQ_INT(fx_rates_init(&r, cur("JPY")), AR_OK);
	EXPECT_EQ_INT(fx_rates_set(&r, cur("USD"), "150.25", DATE_NONE), AR_OK);
	EXPECT_CONVERTS(&r, 150, "USD", 225);
	/* USD 1.51 x 150.25 = 226.8775 -> JPY 227 */
	EXPECT_CONVERTS(&r, 151, "USD", 227);
	/* into KWD (exponent 3): MYR 100.00 x 0.0686 = KWD 6.860 */
	EXPECT_EQ_INT(fx_rates_init(&r, cur("KWD")), AR_OK);
	EXPECT_EQ_INT(fx_rates_set(&r, cur("MYR"), "0.0686", DATE_NONE), AR_OK);
	EXPECT_CONVERTS(&r, 10000, "MYR", 6860);
	/* and JPY 7 x 0.002 = KWD 0.014 */
	EXPECT_EQ_INT(fx_rates_set(&r, cur("JPY"), "0.002", DATE_NONE), AR_OK);
	EXPECT_CONVERTS(&r, 7, "JPY", 14);
}

static void
fx_rounds_half_away_from_zero(void)
{
	struct fx_rates r = myr_rates();

	/* USD 0.01 x 0.5 = MYR 0.005: exactly half a cent */
	EXPECT_EQ_INT(fx_rates_set(&r, cur("USD"), "0.5", DATE_NONE), AR_OK);
	EXPECT_CONVERTS(&r, 1, "USD", 1);
	EXPECT_CONVERTS(&r, -1, "USD", -1);
	EXPECT_CONVERTS(&r, 3, "USD", 2);     /* 0.015 */
	EXPECT_CONVERTS(&r, -3, "USD", -2);
	/* just under half stays down: 0.01 x 0.499999999 = 0.00499999999 */
	EXPECT_EQ_INT(fx_rates_set(&r, cur("USD"), "0.499999999", DATE_NONE), AR_OK);
	EXPECT_CONVERTS(&r, 1, "USD", 0);
	EXPECT_CONVERTS(&r, -1, "USD", 0);
	/* just over half goes up: 0.01 x 0.500000001 */
	EXPECT_EQ_INT(fx_rates_set(&r, cur("USD"), "0.500000001", DATE_NONE), AR_OK);
	EXPECT_CONVERTS(&r, 1, "USD", 1);
	EXPECT_CONVERTS(&r, -1, "USD", -1);
}

static void
fx_convert_says_no_rate_and_overflow(void)
{
	struct fx_rates r = myr_rates();

	EXPECT_EQ_INT(convert(&r, 100, "TWD"), AR_ECURRENCY);
	EXPECT_EQ_INT(got, 0x5A5A);
	got = 0x5A5A;
	EXPECT_EQ_INT(fx_convert(&r, 100, CURRENCY_MAX, &got), AR_ECURRENCY);
	EXPECT_EQ_INT(fx_convert(&r, 100, -1, &got), AR_ECURRENCY);
	EXPECT_EQ_INT(got, 0x5A5A);
	/* 2^62 cents x 4.4725 does not fit */
	EXPECT_EQ_INT(convert(&r, INT64_MAX / 2, "USD"), AR_ERANGE);
	EXPECT_EQ_INT(convert(&r, INT64_MIN, "USD"), AR_ERANGE);
	EXPECT_EQ_INT(got, 0x5A5A);
	/* the extremes at rate 1 pass through, INT64_MIN included */
	EXPECT_EQ_INT(fx_rates_set(&r, cur("USD"), "1", DATE_NONE), AR_OK);
	EXPECT_CONVERTS(&r, INT64_MAX, "USD", INT64_MAX);
	EXPECT_CONVERTS(&r, INT64_MIN, "USD", INT64_MIN);
	/* into a larger exponent: JPY INT64_MAX at 1 is 100x too many MYR cents */
	EXPECT_EQ_INT(fx_rates_set(&r, cur("JPY"), "1", DATE_NONE), AR_OK);
	EXPECT_EQ_INT(convert(&r, INT64_MAX, "JPY"), AR_ERANGE);
	EXPECT_CONVERTS(&r, INT64_MAX / 100, "JPY", INT64_MAX / 100 * 100);
	/* a huge rate with an amount that divides it back in range */
	EXPECT_EQ_INT(fx_rates_set(&r, cur("USD"), "922337203.685477580", DATE_NONE), AR_OK);
	EXPECT_CONVERTS(&r, 1, "USD", 922337204);   /* MYR 9,223,372.0368547758 */
}

/* Load csv, named "rates.csv", over r; *e holds the error. */
static ar_err
load(struct fx_rates *r, const char *csv, struct ar_error *e)
{
	struct csvio_reader *in;
	FILE *fp = fmemopen((void *)csv, strlen(csv), "r");
	ar_err err;

	if (fp == NULL || csvio_reader_from_stream(&in, fp, "rates.csv", NULL) != AR_OK)
		abort();
	err = fx_rates_load(r, in, e);
	csvio_reader_close(in);
	fclose(fp);
	return err;
}

static void
fx_load_reads_columns_by_name(void)
{
	struct fx_rates r;
	struct ar_error e;
	const struct fx_rate *usd, *twd;
	civil_day d30, d28;

	date_from_ymd(2026, 11, 30, &d30);
	date_from_ymd(2026, 11, 28, &d28);
	fx_rates_init(&r, cur("MYR"));
	EXPECT_EQ_INT(fx_rates_set(&r, cur("USD"), "4.1", DATE_NONE), AR_OK);
	EXPECT_EQ_INT(load(&r, "as_of,source,rate,currency\n"
	    "2026-11-30,BNM,4.4725,USD\n"
	    "2026-11-28,BNM,0.1382,TWD\n"
	    "2026-11-30,,1,MYR\n", &e), AR_OK);
	usd = fx_rates_get(&r, cur("USD"));
	twd = fx_rates_get(&r, cur("TWD"));
	EXPECT(usd != NULL && twd != NULL);
	if (usd != NULL && twd != NULL) {
		EXPECT_EQ_STR(usd->text, "4.4725");   /* the file's replaces ar.ini's */
		EXPECT_EQ_INT(usd->as_of, d30);
		EXPECT_EQ_INT(twd->digits, 1382);
		EXPECT_EQ_INT(twd->as_of, d28);
	}
	EXPECT_EQ_INT(fx_rates_get(&r, cur("MYR"))->as_of, d30);
	EXPECT(fx_rates_get(&r, cur("JPY")) == NULL);
	/* TWD 1,000.00 x 0.1382 = MYR 138.20 */
	EXPECT_CONVERTS(&r, 100000, "TWD", 13820);
}

#define EXPECT_LOAD_ERROR(csv, want_code, want_line, want_msg) do { \
	struct fx_rates r_; \
	struct ar_error e_; \
	fx_rates_init(&r_, cur("MYR")); \
	EXPECT_EQ_INT(load(&r_, csv, &e_), want_code); \
	EXPECT_EQ_INT(e_.code, want_code); \
	EXPECT_EQ_INT(e_.line, want_line); \
	EXPECT_EQ_STR(e_.message, want_msg); \
} while (0)

static void
fx_load_errors_name_their_line(void)
{
	EXPECT_LOAD_ERROR("currency,rate\nUSD,4.4725\n", AR_ECOLUMN, 1,
	    "missing column \"as_of\"");
	EXPECT_LOAD_ERROR("currency,rate,as_of\nUSD,4.4725,2026-11-30\n"
	    "TWD,0.1382,2026-11-30\nUSD,4.47,2026-11-30\n", AR_ESYNTAX, 4,
	    "currency USD appears twice (first on line 2)");
	EXPECT_LOAD_ERROR("currency,rate,as_of\nUSD,4.4725,2026-11-30\nXYZ,1,2026-11-30\n",
	    AR_ECURRENCY, 3,
	    "currency \"XYZ\" is not a known currency (add [currency.CODE] to ar.ini)");
	EXPECT_LOAD_ERROR("currency,rate,as_of\nusd,4.4725,2026-11-30\n", AR_ESYNTAX, 2,
	    "currency \"usd\" is not a currency code (expected three capital letters, e.g. MYR)");
	EXPECT_LOAD_ERROR("currency,rate,as_of\nUSD,\"4,4725\",2026-11-30\n", AR_ESYNTAX, 2,
	    "rate \"4,4725\" of USD is not a rate (expected e.g. 4.4725: digits, a point, "
	    "at most 9 decimals, more than zero)");
	EXPECT_LOAD_ERROR("currency,rate,as_of\nUSD,0,2026-11-30\n", AR_ESYNTAX, 2,
	    "rate \"0\" of USD is not a rate (expected e.g. 4.4725: digits, a point, "
	    "at most 9 decimals, more than zero)");
	EXPECT_LOAD_ERROR("currency,rate,as_of\nUSD,99999999999999999999,2026-11-30\n",
	    AR_ERANGE, 2, "rate \"99999999999999999999\" of USD is too large");
	EXPECT_LOAD_ERROR("currency,rate,as_of\n\nUSD,4.4725,30/11/2026\n", AR_ESYNTAX, 3,
	    "as_of \"30/11/2026\" of USD is not a date (expected YYYY-MM-DD)");
	EXPECT_LOAD_ERROR("currency,rate,as_of\nUSD,4.4725,2026-02-30\n", AR_ERANGE, 2,
	    "as_of \"2026-02-30\" of USD is not a date (no such day)");
	EXPECT_LOAD_ERROR("currency,rate,as_of\nUSD,4.4725,\n", AR_ESYNTAX, 2,
	    "as_of \"\" of USD is not a date (expected YYYY-MM-DD)");
	EXPECT_LOAD_ERROR("currency,rate,as_of\nUSD,4.4725,2026-11-30,x\n", AR_EFIELDS, 2,
	    "record has 4 fields, header has 3");
}

static void
fx_load_holds_the_reporting_row_at_one(void)
{
	EXPECT_LOAD_ERROR("currency,rate,as_of\nUSD,4.4725,2026-11-30\nMYR,1.01,2026-11-30\n",
	    AR_ERANGE, 3, "rate of MYR, the reporting currency, must be 1, found \"1.01\"");
	EXPECT_LOAD_ERROR("currency,rate,as_of\nMYR,0.5,2026-11-30\n",
	    AR_ERANGE, 2, "rate of MYR, the reporting currency, must be 1, found \"0.5\"");
	EXPECT_LOAD_ERROR("currency,rate,as_of\nMYR,00000000000000000000000000000001,2026-11-30\n",
	    AR_ERANGE, 2, "rate \"00000000000000000000000000000001\" of MYR is longer than 31 characters");
}

int
main(void)
{
	RUN(fx_init_knows_the_reporting_currency_at_one);
	RUN(fx_set_keeps_digits_scale_text_and_date);
	RUN(fx_set_refuses_what_does_not_read);
	RUN(fx_set_holds_the_reporting_currency_at_one);
	RUN(fx_converts_exactly_between_exponents);
	RUN(fx_converts_into_a_reporting_currency_of_other_exponents);
	RUN(fx_rounds_half_away_from_zero);
	RUN(fx_convert_says_no_rate_and_overflow);
	RUN(fx_load_reads_columns_by_name);
	RUN(fx_load_errors_name_their_line);
	RUN(fx_load_holds_the_reporting_row_at_one);
	return test_summary();
}
