/* test_kpi.c - the month-end KPIs from the ledger (ar/kpi.h), against figures worked by hand. */
#include <string.h>

#include "ar/kpi.h"
#include "test.h"

static void
add(struct kpi_ledger *l, const struct kpi_calendar *c, const char *type, const char *doc,
    const char *due, const char *cleared, int64_t amount)
{
	EXPECT_EQ_INT(kpi_ledger_add(l, c, kpi_doc_of(type, strlen(type)), test_day(doc),
	    due ? test_day(due) : DATE_NONE, cleared ? test_day(cleared) : DATE_NONE, amount), AR_OK);
}

static void
kpi_calendar_steps_back_by_month_ends(void)
{
	struct kpi_calendar c;

	EXPECT_EQ_INT(kpi_calendar_init(&c, test_day("2026-11-30"), 1), AR_OK);
	EXPECT_EQ_INT(c.end[1], test_day("2026-10-31"));
	EXPECT_EQ_INT(c.end[12], test_day("2025-11-30"));
	EXPECT_EQ_INT(kpi_month_days(&c, 0), 30);
	EXPECT_EQ_INT(kpi_month_days(&c, 1), 31);
	EXPECT_EQ_INT(kpi_month_days(&c, 9), 28);       /* February 2026 */
	EXPECT_EQ_INT(kpi_month_of(&c, test_day("2026-11-01")), 0);
	EXPECT_EQ_INT(kpi_month_of(&c, test_day("2026-10-31")), 1);
	EXPECT_EQ_INT(kpi_month_of(&c, test_day("2025-12-01")), 11);
	EXPECT_EQ_INT(kpi_month_of(&c, test_day("2025-11-30")), -1);
	EXPECT_EQ_INT(kpi_month_of(&c, test_day("2026-12-01")), -1);
	/* an as-of inside a month: the month ending that day */
	EXPECT_EQ_INT(kpi_calendar_init(&c, test_day("2026-11-24"), 3), AR_OK);
	EXPECT_EQ_INT(c.end[3], test_day("2026-08-24"));
	EXPECT_EQ_INT(kpi_month_of(&c, test_day("2026-10-25")), 0);
	EXPECT_EQ_INT(kpi_calendar_init(&c, test_day("2026-11-24"), 0), AR_ERANGE);
}

/*
 * Five months of a ledger, as at 2026-11-30 (amounts in RM):
 *   Jul  INV 1,000 due 07-31, open                        over 90 days
 *   Aug  INV 8,000 due 09-09, cleared 10-05
 *   Sep  INV 6,000 due 10-15, cleared 10-20; INV 3,000 due 10-15, open
 *   Oct  INV 12,000 due 11-14, open; INV 2,000 due 11-09, cleared 11-25
 *   Nov  INV 10,500 + DN 500 due 12-30, open (current); CN 1,000 due 11-05, open
 *        PAY -300 on 11-28, cleared the same day (neither sales nor open)
 * Sales: Nov 10,000 (10,500 + 500 - 1,000), Oct 14,000, Sep 9,000,
 * Aug 8,000, Jul 1,000.  Receivable at 11-30: 1,000 + 3,000 + 12,000 +
 * 10,500 + 500 - 1,000 = 26,000; current 11,000; at 10-31: 1,000 + 3,000 +
 * 12,000 + 2,000 = 18,000.
 */
static void
kpi_three_months_worked_by_hand(void)
{
	struct kpi_calendar c;
	struct kpi_ledger l = { 0 };
	struct kpi_value v[KPI_NIDS];

	EXPECT_EQ_INT(kpi_calendar_init(&c, test_day("2026-11-30"), 1), AR_OK);
	add(&l, &c, "INV", "2026-07-01", "2026-07-31", NULL, 100000);
	add(&l, &c, "INV", "2026-08-10", "2026-09-09", "2026-10-05", 800000);
	add(&l, &c, "INV", "2026-09-15", "2026-10-15", "2026-10-20", 600000);
	add(&l, &c, "INV", "2026-09-15", "2026-10-15", NULL, 300000);
	add(&l, &c, "INV", "2026-10-15", "2026-11-14", NULL, 1200000);
	add(&l, &c, "INV", "2026-10-10", "2026-11-09", "2026-11-25", 200000);
	add(&l, &c, "INV", "2026-11-30", "2026-12-30", NULL, 1050000);
	add(&l, &c, "DN", "2026-11-30", "2026-12-30", NULL, 50000);
	add(&l, &c, "CN", "2026-11-05", NULL, NULL, -100000);
	add(&l, &c, "PAY", "2026-11-28", NULL, "2026-11-28", -30000);
	EXPECT_EQ_INT(l.sales[0], 1000000);
	EXPECT_EQ_INT(l.sales[1], 1400000);
	EXPECT_EQ_INT(l.open_at[0], 2600000);
	EXPECT_EQ_INT(l.open_at[1], 1800000);
	EXPECT_EQ_INT(l.open_at[2], 1800000);           /* 09-30: 1,000 + 8,000 + 6,000 + 3,000 */
	EXPECT_EQ_INT(l.current_end, 1100000);
	kpi_from_ledger(&l, &c, v);
	/* 26,000 - 10,000 (30 days) - 14,000 (31 days) = 2,000; 2,000 / 9,000 x 30 = 6.67 */
	EXPECT_EQ_INT(v[KPI_DSO_COUNTBACK].value, 6767);
	EXPECT_EQ_INT(v[KPI_DSO_COUNTBACK].numerator, 2600000);
	EXPECT_EQ_INT(v[KPI_DSO_COUNTBACK].denominator, 3300000);
	/* 26,000 / 10,000 x 30 */
	EXPECT_EQ_INT(v[KPI_DSO_SIMPLE].value, 7800);
	/* 11,000 - 10,000 (30 days) = 1,000; 1,000 / 14,000 x 31 = 2.21 */
	EXPECT_EQ_INT(v[KPI_BEST_DSO].value, 3221);
	EXPECT_EQ_INT(v[KPI_ADD].value, 3546);
	/* (18,000 + 10,000 - 26,000) / (18,000 + 10,000 - 11,000) = 11.76 % */
	EXPECT_EQ_INT(v[KPI_CEI].value, 118);
	EXPECT_EQ_INT(v[KPI_CEI].numerator, 200000);
	EXPECT_EQ_INT(v[KPI_CEI].denominator, 1700000);
	EXPECT_EQ_INT(v[KPI_PCT_CURRENT].value, 423);   /* 11,000 / 26,000 */
	EXPECT_EQ_INT(v[KPI_PCT_OVER_90].value, 38);    /* 1,000 / 26,000 */
	EXPECT_EQ_INT(v[KPI_CN_RATIO].value, 91);       /* 1,000 / 11,000 */
	/*
	 * 42,000 of sales over the mean of 13 month ends: 26,000 + 18,000 +
	 * 18,000 (09-30) + 9,000 (08-31) + 1,000 (07-31) = 72,000 / 13 =
	 * 5,538.46; 42,000 / 5,538.46 = 7.58
	 */
	EXPECT_EQ_INT(v[KPI_TURNOVER].value, 758);
	EXPECT_EQ_INT(v[KPI_TURNOVER].denominator, 553846);
	EXPECT(v[KPI_TURNOVER].defined);
}

static void
kpi_edges_are_defined_or_not_as_written(void)
{
	struct kpi_calendar c;
	struct kpi_ledger l = { 0 };
	struct kpi_value v[KPI_NIDS];

	EXPECT_EQ_INT(kpi_calendar_init(&c, test_day("2026-11-30"), 1), AR_OK);
	kpi_from_ledger(&l, &c, v);
	EXPECT(v[KPI_DSO_COUNTBACK].defined);           /* nothing receivable: 0 days */
	EXPECT_EQ_INT(v[KPI_DSO_COUNTBACK].value, 0);
	EXPECT(!v[KPI_DSO_SIMPLE].defined);             /* no sales */
	EXPECT(!v[KPI_CEI].defined);
	EXPECT(!v[KPI_PCT_CURRENT].defined);
	EXPECT(!v[KPI_TURNOVER].defined);
	EXPECT(!v[KPI_CN_RATIO].defined);
	/* a receivable no 12 months of sales cover: their 365 days, a floor */
	add(&l, &c, "INV", "2026-11-15", "2026-12-15", NULL, 100);
	add(&l, &c, "ADJ", "2024-01-01", NULL, NULL, 900000);
	kpi_from_ledger(&l, &c, v);
	EXPECT_EQ_INT(v[KPI_DSO_COUNTBACK].value, 36500);
	/* a month of net credit adds its days and takes nothing */
	memset(&l, 0, sizeof l);
	add(&l, &c, "CN", "2026-11-10", NULL, "2026-11-10", -5000);
	add(&l, &c, "INV", "2026-10-10", "2026-12-10", NULL, 3100);
	kpi_from_ledger(&l, &c, v);
	EXPECT_EQ_INT(v[KPI_DSO_COUNTBACK].value, 3000 + 3100);   /* 30 + 3,100 / 3,100 x 31 */
	EXPECT(!v[KPI_DSO_SIMPLE].defined);             /* the period's sales are below zero */
}

int
main(void)
{
	RUN(kpi_calendar_steps_back_by_month_ends);
	RUN(kpi_three_months_worked_by_hand);
	RUN(kpi_edges_are_defined_or_not_as_written);
	return test_summary();
}
