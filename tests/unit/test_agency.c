/* test_agency.c - who is with which agency when, and the commission of a recovery. */
#include "test.h"

#include "ar/agency.h"

static ar_err
add(struct agency_register *reg, const char *date, long line, const char *customer,
    const char *agency, bool recall, int64_t amount, currency_id cur)
{
	struct agency_row r = { test_day(date), line, customer, agency, recall, amount != 0,
	    amount, cur, DATE_NONE };

	return agency_register_add(reg, &r);
}

static void
agency_spans_run_from_assignment_up_to_recall(void)
{
	struct agency_register *reg;
	struct ar_error e = { 0 };
	const struct agency_span *s;
	currency_id myr = 0, usd = 0;

	EXPECT_EQ_INT(currency_lookup("MYR", 3, &myr), AR_OK);
	EXPECT_EQ_INT(currency_lookup("USD", 3, &usd), AR_OK);
	EXPECT_EQ_INT(agency_register_new(&reg), AR_OK);
	/* Fed out of order, as a journal written by hand can be. */
	EXPECT_EQ_INT(add(reg, "2026-12-01", 9, "C4",
	    "KR", true, 0, myr), AR_OK);
	EXPECT_EQ_INT(add(reg, "2026-10-01", 4, "C4",
	    "kr", false, 200000, myr), AR_OK);
	EXPECT_EQ_INT(add(reg, "2026-10-01", 5, "C4",
	    "kr", false, 30000, usd), AR_OK);
	EXPECT_EQ_INT(add(reg, "2027-01-10", 12, "C4",
	    "other", false, 150000, myr), AR_OK);
	EXPECT_EQ_INT(agency_register_finish(reg, &e), AR_OK);
	EXPECT_EQ_INT((long)agency_nspans(reg), 2);
	EXPECT(agency_on(reg, "C4", 2, test_day("2026-09-30")) == NULL);
	s = agency_on(reg, "C4", 2, test_day("2026-10-01"));
	EXPECT(s != NULL && strcmp(s->agency, "kr") == 0);
	if (s != NULL) {
		EXPECT_EQ_INT(s->assigned[myr], 200000);
		EXPECT_EQ_INT(s->assigned[usd], 30000);
	}
	EXPECT(agency_on(reg, "C4", 2, test_day("2026-11-30")) != NULL);
	EXPECT(agency_on(reg, "C4", 2, test_day("2026-12-01")) == NULL);   /* the recall's day */
	s = agency_on(reg, "C4", 2, test_day("2027-03-01"));
	EXPECT(s != NULL && strcmp(s->agency, "other") == 0);
	EXPECT(agency_on(reg, "C5", 2, test_day("2026-11-01")) == NULL);
	agency_register_free(reg);
}

static void
agency_rows_that_contradict_are_refused(void)
{
	struct agency_register *reg;
	struct ar_error e = { 0 };

	EXPECT_EQ_INT(agency_register_new(&reg), AR_OK);
	EXPECT_EQ_INT(add(reg, "2026-10-01", 2, "C1",
	    "kr", false, 100, 0), AR_OK);
	EXPECT_EQ_INT(add(reg, "2026-11-01", 3, "C1",
	    "other", false, 100, 0), AR_OK);
	EXPECT_EQ_INT(agency_register_finish(reg, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(e.line, 3);
	EXPECT_EQ_STR(e.message, "agency_assign of C1 to other while with kr since line 2");
	agency_register_free(reg);

	EXPECT_EQ_INT(agency_register_new(&reg), AR_OK);
	EXPECT_EQ_INT(add(reg, "2026-10-01", 7, "C2",
	    "kr", true, 0, 0), AR_OK);
	EXPECT_EQ_INT(agency_register_finish(reg, &e), AR_ESYNTAX);
	EXPECT_EQ_STR(e.message, "agency_recall of C2 from kr, with which it is not");
	EXPECT_EQ_INT(add(reg, "2026-10-01", 8, "C2",
	    "no name", false, 0, 0), AR_ESYNTAX);
	agency_register_free(reg);
}

static void
agency_commission_by_days_assigned_or_debt_age(void)
{
	struct agency_contract c = { .basis = AGENCY_DAYS_ASSIGNED };
	struct agency_commission k;

	EXPECT_EQ_INT(tiers_parse("90:10, 180:12.5, *:15", &c.tiers), AR_OK);
	EXPECT_EQ_INT(agency_commission_of(&c, test_day("2026-12-30"), test_day("2026-10-01"),
	    test_day("2026-06-30"), 12345, &k), AR_OK);
	EXPECT_EQ_INT(k.days, 90);
	EXPECT_EQ_INT(k.rate, 10000);
	EXPECT_EQ_INT(k.commission, 1235);                 /* 12.345 rounds up */
	c.basis = AGENCY_DEBT_AGE;                         /* from the oldest due date */
	EXPECT_EQ_INT(agency_commission_of(&c, test_day("2026-12-30"), test_day("2026-10-01"),
	    test_day("2026-06-30"), 12345, &k), AR_OK);
	EXPECT_EQ_INT(k.days, 183);
	EXPECT_EQ_INT(k.rate, 15000);
	EXPECT_EQ_INT(k.commission, 1852);                 /* 18.5175 */
}

int
main(void)
{
	RUN(agency_spans_run_from_assignment_up_to_recall);
	RUN(agency_rows_that_contradict_are_refused);
	RUN(agency_commission_by_days_assigned_or_debt_age);
	return test_summary();
}
