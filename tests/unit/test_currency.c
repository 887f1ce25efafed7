/* test_currency.c - the currency table. */
#include "core/currency.h"
#include "test.h"

/* The exponent of a code, or -100 - the error when lookup fails. */
static int
exponent_of(const char *code)
{
	currency_id id;
	ar_err err = currency_lookup(code, strlen(code), &id);

	if (err != AR_OK)
		return -100 - (int)err;
	return currency_exponent(id);
}

static void
currency_knows_team_currencies(void)
{
	EXPECT_EQ_INT(exponent_of("MYR"), 2);
	EXPECT_EQ_INT(exponent_of("TWD"), 2);
	EXPECT_EQ_INT(exponent_of("USD"), 2);
}

static void
currency_knows_every_builtin(void)
{
	static const struct { const char *code; int exponent; } want[] = {
		{ "MYR", 2 }, { "TWD", 2 }, { "USD", 2 }, { "SGD", 2 },
		{ "CNY", 2 }, { "HKD", 2 }, { "EUR", 2 }, { "GBP", 2 },
		{ "AUD", 2 }, { "THB", 2 }, { "IDR", 2 }, { "PHP", 2 },
		{ "VND", 0 }, { "JPY", 0 }, { "KRW", 0 }, { "INR", 2 },
		{ "BHD", 3 }, { "KWD", 3 }, { "OMR", 3 }, { "CHF", 2 },
		{ "NZD", 2 }, { "CAD", 2 },
	};
	size_t i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++)
		EXPECT_EQ_INT(exponent_of(want[i].code), want[i].exponent);
}

static void
currency_zero_decimal_yen(void)
{
	EXPECT_EQ_INT(exponent_of("JPY"), 0);
	EXPECT_EQ_INT(exponent_of("KRW"), 0);
	EXPECT_EQ_INT(exponent_of("VND"), 0);
}

static void
currency_three_decimal_gulf(void)
{
	EXPECT_EQ_INT(exponent_of("BHD"), 3);
	EXPECT_EQ_INT(exponent_of("KWD"), 3);
	EXPECT_EQ_INT(exponent_of("OMR"), 3);
}

static void
currency_code_round_trips(void)
{
	currency_id id;

	EXPECT_EQ_INT(currency_lookup("SGD", 3, &id), AR_OK);
	EXPECT_EQ_STR(currency_code(id), "SGD");
}

static void
currency_ids_are_distinct(void)
{
	currency_id a, b;

	EXPECT_EQ_INT(currency_lookup("MYR", 3, &a), AR_OK);
	EXPECT_EQ_INT(currency_lookup("TWD", 3, &b), AR_OK);
	EXPECT(a != b);
	EXPECT(a >= 0 && a < CURRENCY_MAX);
	EXPECT(b >= 0 && b < CURRENCY_MAX);
}

static void
currency_rejects_lower_case(void)
{
	EXPECT_EQ_INT(exponent_of("myr"), -100 - AR_ESYNTAX);
	EXPECT_EQ_INT(exponent_of("Myr"), -100 - AR_ESYNTAX);
}

static void
currency_rejects_wrong_length(void)
{
	EXPECT_EQ_INT(exponent_of(""), -100 - AR_ESYNTAX);
	EXPECT_EQ_INT(exponent_of("MY"), -100 - AR_ESYNTAX);
	EXPECT_EQ_INT(exponent_of("MYRX"), -100 - AR_ESYNTAX);
}

static void
currency_rejects_non_letters(void)
{
	currency_id id;

	EXPECT_EQ_INT(exponent_of("MY1"), -100 - AR_ESYNTAX);
	EXPECT_EQ_INT(exponent_of(" MY"), -100 - AR_ESYNTAX);
	EXPECT_EQ_INT(exponent_of("M-R"), -100 - AR_ESYNTAX);
	EXPECT_EQ_INT(currency_lookup("MY\0", 3, &id), AR_ESYNTAX);
	EXPECT_EQ_INT(currency_lookup("\xc3\x89R", 3, &id), AR_ESYNTAX);
}

static void
currency_looks_at_len_bytes_only(void)
{
	currency_id id;

	EXPECT_EQ_INT(currency_lookup("MYRUSD", 3, &id), AR_OK);
	EXPECT_EQ_STR(currency_code(id), "MYR");
}

static void
currency_unknown_is_ecurrency(void)
{
	EXPECT_EQ_INT(exponent_of("XYZ"), -100 - AR_ECURRENCY);
	EXPECT_EQ_INT(exponent_of("AAA"), -100 - AR_ECURRENCY);
}

static void
currency_out_of_range_id(void)
{
	EXPECT(currency_code(-1) == NULL);
	EXPECT(currency_code(CURRENCY_MAX) == NULL);
	EXPECT_EQ_INT(currency_exponent(-1), -1);
	EXPECT_EQ_INT(currency_exponent(CURRENCY_MAX), -1);
}

static void
currency_override_twd_to_zero(void)
{
	currency_id before, after;

	EXPECT_EQ_INT(currency_lookup("TWD", 3, &before), AR_OK);
	EXPECT_EQ_INT(currency_set_exponent("TWD", 0), AR_OK);
	EXPECT_EQ_INT(currency_lookup("TWD", 3, &after), AR_OK);
	EXPECT_EQ_INT(after, before);
	EXPECT_EQ_INT(currency_exponent(after), 0);
	EXPECT_EQ_INT(currency_set_exponent("TWD", 2), AR_OK);
	EXPECT_EQ_INT(currency_exponent(after), 2);
}

static void
currency_adds_new_code(void)
{
	currency_id id;

	EXPECT_EQ_INT(exponent_of("XAU"), -100 - AR_ECURRENCY);
	EXPECT_EQ_INT(currency_set_exponent("XAU", 4), AR_OK);
	EXPECT_EQ_INT(currency_lookup("XAU", 3, &id), AR_OK);
	EXPECT_EQ_STR(currency_code(id), "XAU");
	EXPECT_EQ_INT(currency_exponent(id), 4);
	EXPECT_EQ_INT(exponent_of("MYR"), 2);
}

static void
currency_set_rejects_malformed_code(void)
{
	EXPECT_EQ_INT(currency_set_exponent("myr", 2), AR_ESYNTAX);
	EXPECT_EQ_INT(currency_set_exponent("MY", 2), AR_ESYNTAX);
	EXPECT_EQ_INT(currency_set_exponent("MYRX", 2), AR_ESYNTAX);
	EXPECT_EQ_INT(currency_set_exponent("", 2), AR_ESYNTAX);
}

static void
currency_set_rejects_bad_exponent(void)
{
	EXPECT_EQ_INT(currency_set_exponent("MYR", -1), AR_ERANGE);
	EXPECT_EQ_INT(currency_set_exponent("MYR", 7), AR_ERANGE);
	EXPECT_EQ_INT(currency_set_exponent("MYR", 6), AR_OK);
	EXPECT_EQ_INT(currency_set_exponent("MYR", 2), AR_OK);
	EXPECT_EQ_INT(exponent_of("MYR"), 2);
}

static void
currency_table_fills_up(void)
{
	char code[4] = "QAA";
	ar_err err = AR_OK;
	int added = 0;

	/* earlier cases added XAU; fill every slot left, then one more */
	while (err == AR_OK && added < CURRENCY_MAX + 1) {
		err = currency_set_exponent(code, 2);
		if (err == AR_OK)
			added++;
		if (++code[2] > 'Z') {
			code[2] = 'A';
			code[1]++;
		}
	}
	EXPECT_EQ_INT(err, AR_ENOMEM);
	EXPECT(added < CURRENCY_MAX);
	EXPECT_EQ_INT(exponent_of("QAA"), 2);
	/* a full table still takes overrides of known codes */
	EXPECT_EQ_INT(currency_set_exponent("TWD", 0), AR_OK);
	EXPECT_EQ_INT(exponent_of("TWD"), 0);
	EXPECT_EQ_INT(exponent_of("MYR"), 2);
}

int
main(void)
{
	RUN(currency_knows_team_currencies);
	RUN(currency_knows_every_builtin);
	RUN(currency_zero_decimal_yen);
	RUN(currency_three_decimal_gulf);
	RUN(currency_code_round_trips);
	RUN(currency_ids_are_distinct);
	RUN(currency_rejects_lower_case);
	RUN(currency_rejects_wrong_length);
	RUN(currency_rejects_non_letters);
	RUN(currency_looks_at_len_bytes_only);
	RUN(currency_unknown_is_ecurrency);
	RUN(currency_out_of_range_id);
	RUN(currency_override_twd_to_zero);
	RUN(currency_adds_new_code);
	RUN(currency_set_rejects_malformed_code);
	RUN(currency_set_rejects_bad_exponent);
	/* last: it fills the process-wide table */
	RUN(currency_table_fills_up);
	return test_summary();
}
