/*
 * test_interest.c - late-payment interest (interest.h): rates read, worked
 * examples at the Malaysian contract rate and Taiwan's statutory 5 %, the
 * rounding, and the properties over random items: never negative, zero on
 * credits, never less for more days.
 */
#include <stdint.h>
#include <string.h>

#include "ar/interest.h"
#include "test.h"

static int64_t
rate(const char *s)
{
	int64_t r = -1;

	EXPECT_EQ_INT(interest_rate_parse(s, strlen(s), &r), AR_OK);
	return r;
}

static void
rates_read_as_per_cent(void)
{
	int64_t r;

	EXPECT_EQ_INT(rate("5"), 5000000);
	EXPECT_EQ_INT(rate("18 %"), 18000000);
	EXPECT_EQ_INT(rate("1.5"), 1500000);
	EXPECT_EQ_INT(rate("0.000001"), 1);
	EXPECT_EQ_INT(interest_rate_parse("0.0000001", 9, &r), AR_EDECIMALS);
	EXPECT_EQ_INT(interest_rate_parse("-1", 2, &r), AR_ERANGE);
	EXPECT_EQ_INT(interest_rate_parse("1001", 4, &r), AR_ERANGE);
	EXPECT_EQ_INT(interest_rate_parse("five", 4, &r), AR_ESYNTAX);
	EXPECT_EQ_INT(interest_rate_parse("1,000", 5, &r), AR_ESYNTAX);
}

static void
worked_examples(void)
{
	/* MYR 10,000.00 at 18 % for 30 days: 10000 * 0.18 * 30 / 365 = 147.945... -> 147.95 */
	EXPECT_EQ_INT(interest_simple(1000000, rate("18"), 30, 365), 14795);
	/* TWD 12,345.00 at 5 % for 100 days: 169.109... -> 169.11 */
	EXPECT_EQ_INT(interest_simple(1234500, INTEREST_RATE_TW, 100, 365), 16911);
	/* Half up: 1.00 at 36.5 % for 5 days is 0.005 -> 0.01; for 4 days 0.004 -> 0.00. */
	EXPECT_EQ_INT(interest_simple(100, rate("36.5"), 5, 365), 1);
	EXPECT_EQ_INT(interest_simple(100, rate("36.5"), 4, 365), 0);
	/* A 360-day year: 1,000.00 at 12 % for 30 days is exactly 10.00. */
	EXPECT_EQ_INT(interest_simple(100000, rate("12"), 30, 360), 1000);
	EXPECT_EQ_INT(interest_simple(100000, rate("12"), 30, 0), interest_simple(100000, rate("12"), 30, 365));
	/* Credits, no days, no rate: none. */
	EXPECT_EQ_INT(interest_simple(-100000, rate("18"), 30, 365), 0);
	EXPECT_EQ_INT(interest_simple(100000, rate("18"), 0, 365), 0);
	EXPECT_EQ_INT(interest_simple(100000, 0, 30, 365), 0);
	/* The largest amounts do not overflow. */
	EXPECT(interest_simple(INT64_MAX, 1000 * (int64_t)INTEREST_PER_CENT, 100000, 365) == INT64_MAX);
}

static uint64_t state = 88172645463325252ULL;

static uint64_t
next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static void
never_negative_zero_on_credits_monotone_in_days(void)
{
	long bad = 0;

	for (int i = 0; i < 100000; i++) {
		int64_t amount = (int64_t)(next() % 2000000000) - 200000000;
		int64_t r = (int64_t)(next() % (40 * (uint64_t)INTEREST_PER_CENT));
		long days = (long)(next() % 3000);
		int basis = next() % 2 ? 365 : 360;
		int64_t a = interest_simple(amount, r, days, basis);
		int64_t b = interest_simple(amount, r, days + 1 + (long)(next() % 30), basis);

		if (a < 0 || b < a || (amount <= 0 && (a != 0 || b != 0)))
			bad++;
	}
	EXPECT_EQ_INT(bad, 0);
}

int
main(void)
{
	RUN(rates_read_as_per_cent);
	RUN(worked_examples);
	RUN(never_negative_zero_on_credits_monotone_in_days);
	return test_summary();
}
