/* test_soa.c - the lines of a statement of account: opening, running balance, closing, check, aging. */
#include "test.h"

#include "ar/soa.h"

static currency_id myr, usd;

static struct soa_period
period(const char *from, const char *as_of, bool ledger, bool open_from_ledger)
{
	struct soa_period p = { 0 };

	p.from = from != NULL ? test_day(from) : DATE_NONE;
	p.as_of = test_day(as_of);
	p.ledger = ledger;
	p.open_from_ledger = open_from_ledger;
	p.aging.as_of = p.as_of;
	p.aging.basis = AGING_BASIS_DUE;
	p.aging.credits = AGING_CREDITS_OWN_DATE;
	p.aging.default_terms_days = 30;
	EXPECT_EQ_INT(aging_buckets_parse("30,60,90,120", &p.aging.buckets), AR_OK);
	return p;
}

static enum soa_taken
add(struct soa_set *s, uint32_t customer, const char *doc_no, const char *type,
    const char *date, const char *due, const char *cleared, currency_id cur, int64_t amount,
    enum soa_source source)
{
	struct soa_item it = { doc_no, type, "", strlen(doc_no), strlen(type), 0,
		test_day(date), due != NULL ? test_day(due) : DATE_NONE,
		cleared != NULL ? test_day(cleared) : DATE_NONE, cur, amount };
	enum soa_taken taken = SOA_TAKEN;

	EXPECT_EQ_INT(soa_add(s, customer, -1, &it, source, &taken), AR_OK);
	return taken;
}

static void
soa_ledger_opening_lines_closing(void)
{
	struct soa_period p = period("2026-11-01", "2026-11-30", true, true);
	struct soa_set *s;
	const struct soa_statement *st;

	EXPECT_EQ_INT(soa_new(&s, &p), AR_OK);
	/* cleared before from: in nothing */
	EXPECT_EQ_INT(add(s, 1, "A099", "INV", "2026-10-01", "2026-10-31", "2026-10-28", myr,
	    20000, SOA_LEDGER), SOA_CLEARED_BEFORE);
	EXPECT_EQ_INT(add(s, 1, "C10", "CN", "2026-10-25", NULL, "2026-10-28", myr, -20000,
	    SOA_LEDGER), SOA_CLEARED_BEFORE);
	/* cleared in the period: in the opening */
	EXPECT_EQ_INT(add(s, 1, "A100", "INV", "2026-09-15", "2026-10-15", "2026-11-10", myr,
	    100000, SOA_LEDGER), SOA_TAKEN);
	EXPECT_EQ_INT(add(s, 1, "A101", "INV", "2026-10-20", "2026-11-19", NULL, myr, 250000,
	    SOA_LEDGER), SOA_TAKEN);
	/* lines, read out of date order */
	add(s, 1, "P2", "PAY", "2026-11-20", NULL, NULL, myr, -50000, SOA_LEDGER);
	add(s, 1, "A102", "INV", "2026-11-05", "2026-12-05", NULL, myr, 120000, SOA_LEDGER);
	add(s, 1, "P1", "PAY", "2026-11-10", NULL, "2026-11-10", myr, -100000, SOA_LEDGER);
	add(s, 1, "C11", "CN", "2026-11-10", "2026-11-10", NULL, myr, -30000, SOA_LEDGER);
	EXPECT_EQ_INT(add(s, 1, "A103", "INV", "2026-12-02", NULL, NULL, myr, 80000, SOA_LEDGER),
	    SOA_LATER);
	EXPECT_EQ_INT(soa_finish(s), AR_OK);
	EXPECT_EQ_INT((long)soa_count(s), 1);
	st = soa_of(s, 1);
	EXPECT(st != NULL && soa_next(s, st) == NULL);
	EXPECT_EQ_INT(st->opening, 350000);
	EXPECT_EQ_INT((long)st->nlines, 4);
	/* by date, and the same day in the order read: P1 before C11 */
	EXPECT_EQ_STR(st->lines[0].doc_no, "A102");
	EXPECT_EQ_INT(st->lines[0].balance, 470000);
	EXPECT_EQ_STR(st->lines[1].doc_no, "P1");
	EXPECT_EQ_INT(st->lines[1].balance, 370000);
	EXPECT_EQ_STR(st->lines[2].doc_no, "C11");
	EXPECT_EQ_INT(st->lines[2].balance, 340000);
	EXPECT_EQ_STR(st->lines[3].doc_no, "P2");
	EXPECT_EQ_INT(st->lines[3].balance, 290000);
	EXPECT_EQ_INT(st->debits, 120000);
	EXPECT_EQ_INT(st->credits, 180000);
	EXPECT_EQ_INT(st->closing, 290000);
	/* open at as-of: A101, A102, C11, P2 */
	EXPECT_EQ_INT(st->open, 290000);
	EXPECT_EQ_INT((long)st->open_items, 4);
	EXPECT(soa_balanced(st));
	/* aging: A102 current; A101 11 days, C11 20 days, P2 10 days: 1-30 */
	EXPECT_EQ_INT(st->aging[0], 120000);
	EXPECT_EQ_INT(st->aging[1], 170000);
	EXPECT_EQ_INT(st->aging[2] + st->aging[3] + st->aging[4] + st->aging[5], 0);
	soa_free(s);
}

static void
soa_closing_checked_against_the_open_items(void)
{
	struct soa_period p = period("2026-11-01", "2026-11-30", true, false);
	struct soa_set *s;
	const struct soa_statement *st;

	EXPECT_EQ_INT(soa_new(&s, &p), AR_OK);
	add(s, 7, "I1", "INV", "2026-11-03", "2026-12-03", NULL, usd, 40000, SOA_LEDGER);
	add(s, 7, "I2", "INV", "2026-11-04", "2026-12-04", NULL, usd, 10000, SOA_LEDGER);
	/* the open items name only I1: the ledger's closing is 100.00 above them */
	add(s, 7, "I1", "INV", "2026-11-03", "2026-12-03", NULL, usd, 40000, SOA_OPEN);
	EXPECT_EQ_INT(soa_finish(s), AR_OK);
	st = soa_of(s, 7);
	EXPECT(st != NULL);
	EXPECT_EQ_INT(st->closing, 50000);
	EXPECT_EQ_INT(st->open, 40000);
	EXPECT(!soa_balanced(st));
	EXPECT_EQ_INT((long)st->nlines, 2);   /* open items make no line with a ledger */
	soa_free(s);
}

static void
soa_open_items_alone(void)
{
	struct soa_period p = period(NULL, "2026-11-30", false, false);
	struct soa_period q = period("2026-11-01", "2026-11-30", false, false);
	struct soa_set *s;
	const struct soa_statement *st;

	/* no from: every open item a line, opening 0 */
	EXPECT_EQ_INT(soa_new(&s, &p), AR_OK);
	add(s, 2, "I1", "INV", "2026-09-10", "2026-10-10", NULL, myr, 100000, SOA_OPEN);
	add(s, 2, "T9", "INV", "2026-11-01", "2026-12-01", NULL, usd, 500, SOA_OPEN);
	add(s, 2, "P9", "PAY", "2026-11-20", NULL, NULL, myr, -10000, SOA_OPEN);
	EXPECT_EQ_INT(soa_finish(s), AR_OK);
	EXPECT_EQ_INT((long)soa_count(s), 2);
	st = soa_of(s, 2);
	EXPECT(st != NULL && st->currency == myr && soa_next(s, st) != NULL);
	EXPECT_EQ_INT(st->opening, 0);
	EXPECT_EQ_INT((long)st->nlines, 2);
	EXPECT_EQ_INT(st->closing, 90000);
	EXPECT(soa_balanced(st));
	EXPECT_EQ_INT(st->aging[2], 100000);   /* 51 days: 31-60 */
	EXPECT_EQ_INT(st->aging[1], -10000);   /* a credit by its own date: 10 days */
	soa_free(s);
	/* from given: what is older is brought forward */
	EXPECT_EQ_INT(soa_new(&s, &q), AR_OK);
	add(s, 2, "I1", "INV", "2026-09-10", "2026-10-10", NULL, myr, 100000, SOA_OPEN);
	add(s, 2, "P9", "PAY", "2026-11-20", NULL, NULL, myr, -10000, SOA_OPEN);
	EXPECT_EQ_INT(soa_finish(s), AR_OK);
	st = soa_of(s, 2);
	EXPECT_EQ_INT(st->opening, 100000);
	EXPECT_EQ_INT((long)st->nlines, 1);
	EXPECT_EQ_INT(st->lines[0].balance, 90000);
	EXPECT_EQ_INT(st->closing, 90000);
	EXPECT(soa_balanced(st));
	EXPECT(soa_of(s, 3) == NULL);
	soa_free(s);
}

/* A customer's second currency met when the statements must grow: still one statement each. */
static void
soa_second_currency_when_the_array_grows(void)
{
	struct soa_period p = period(NULL, "2026-11-30", false, false);
	struct soa_set *s;
	const struct soa_statement *st;
	char doc[16];

	EXPECT_EQ_INT(soa_new(&s, &p), AR_OK);
	for (uint32_t c = 0; c < 64; c++) {   /* 64: the array's first size, full */
		snprintf(doc, sizeof doc, "M%u", c);
		add(s, c, doc, "INV", "2026-11-01", "2026-12-01", NULL, myr, 1000, SOA_OPEN);
	}
	add(s, 63, "U1", "INV", "2026-11-02", "2026-12-02", NULL, usd, 5000, SOA_OPEN);
	add(s, 63, "U2", "INV", "2026-11-03", "2026-12-03", NULL, usd, 2500, SOA_OPEN);
	EXPECT_EQ_INT(soa_finish(s), AR_OK);
	EXPECT_EQ_INT((long)soa_count(s), 65);
	st = soa_of(s, 63);
	EXPECT(st != NULL && st->currency == myr && st->closing == 1000);
	st = st != NULL ? soa_next(s, st) : NULL;
	EXPECT(st != NULL && st->currency == usd && st->closing == 7500 && st->nlines == 2);
	EXPECT(st == NULL || soa_next(s, st) == NULL);
	soa_free(s);
}

static void
soa_overflow_refused(void)
{
	struct soa_period p = period(NULL, "2026-11-30", false, false);
	struct soa_set *s;
	struct soa_item it = { "X", "INV", "", 1, 3, 0, 0, 0, DATE_NONE, 0, INT64_MAX };
	enum soa_taken taken;

	it.doc_date = it.due_date = test_day("2026-11-01");
	it.currency = myr;
	EXPECT_EQ_INT(soa_new(&s, &p), AR_OK);
	EXPECT_EQ_INT(soa_add(s, 0, -1, &it, SOA_OPEN, &taken), AR_OK);
	EXPECT_EQ_INT(soa_add(s, 0, -1, &it, SOA_OPEN, &taken), AR_ERANGE);
	soa_free(s);
}

static void
soa_default_from_is_the_first_of_the_month_with_a_ledger(void)
{
	EXPECT_EQ_INT(soa_default_from(test_day("2026-11-30"), true), test_day("2026-11-01"));
	EXPECT_EQ_INT(soa_default_from(test_day("2026-02-01"), true), test_day("2026-02-01"));
	EXPECT_EQ_INT(soa_default_from(test_day("2026-11-30"), false), DATE_NONE);
}

int
main(void)
{
	if (currency_lookup("MYR", 3, &myr) != AR_OK || currency_lookup("USD", 3, &usd) != AR_OK)
		return 1;
	RUN(soa_ledger_opening_lines_closing);
	RUN(soa_closing_checked_against_the_open_items);
	RUN(soa_open_items_alone);
	RUN(soa_second_currency_when_the_array_grows);
	RUN(soa_overflow_refused);
	RUN(soa_default_from_is_the_first_of_the_month_with_a_ledger);
	return test_summary();
}
