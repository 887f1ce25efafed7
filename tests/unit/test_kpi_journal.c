/* test_kpi_journal.c - the KPIs from the journal (ar/kpi_journal.h), against a month worked by hand. */
#include <string.h>

#include "ar/kpi_journal.h"
#include "test.h"

static currency_id myr, twd, usd;

static void
row(struct kpi_journal *j, long line, const char *date, uint32_t customer, uint32_t group,
    const char *action, const char *doc_no, int64_t amount, currency_id currency)
{
	struct kpi_journal_row r = { customer, group, test_day(date), line, action, doc_no,
	    strlen(action), strlen(doc_no), amount != 0, amount, currency };

	EXPECT_EQ_INT(kpi_journal_add(j, &r), AR_OK);
}

/*
 * November 2026; customers C1 (0) and C3 (2) of group 0, C2 (1) of group 1.
 *   promises   C1 10-20 RM 1,000 (before the period), 11-03 RM 2,000, kept 11-15;
 *              C2 11-10 "the balance", broken 11-20 RM 500; C3 11-05 TWD 300
 *   disputes   C1 INV-1 09-01, open (90 days at 11-30); C2 INV-2 11-10, resolved
 *              11-25 (line 20), raised again the same day (line 21), open (5 days);
 *              C3 the whole account 11-26, open (4 days)
 *   contacts   C1 call 11-02, email 11-04; C2 letter 10-30 (before); C3 sms 11-18;
 *              C1 call 12-01 (after as-of)
 *   overdue    C1 and C2: C1 contacted, C2 not
 */
static void
kpi_journal_month_worked_by_hand(void)
{
	struct kpi_calendar c;
	struct kpi_journal *j;
	struct kpi_value v[KPI_NIDS];
	currency_id cur[CURRENCY_MAX];

	EXPECT_EQ_INT(kpi_calendar_init(&c, test_day("2026-11-30"), 1), AR_OK);
	EXPECT_EQ_INT(kpi_journal_new(&c, &j), AR_OK);
	row(j, 2, "2026-10-20", 0, 0, "promise", "", 100000, myr);
	row(j, 3, "2026-11-03", 0, 0, "promise", "", 200000, myr);
	row(j, 4, "2026-11-10", 1, 1, "promise", "", 0, myr);
	row(j, 5, "2026-11-15", 0, 0, "promise_kept", "", 200000, myr);
	row(j, 6, "2026-11-20", 1, 1, "promise_broken", "", 50000, myr);
	row(j, 7, "2026-11-05", 2, 0, "promise", "", 30000, twd);
	row(j, 8, "2026-09-01", 0, 0, "dispute", "INV-1", 0, myr);
	row(j, 9, "2026-11-10", 1, 1, "dispute", "INV-2", 0, myr);
	row(j, 21, "2026-11-25", 1, 1, "dispute", "INV-2", 0, myr);   /* fed before its line 20 */
	row(j, 20, "2026-11-25", 1, 1, "dispute_resolved", "INV-2", 0, myr);
	row(j, 22, "2026-11-26", 2, 0, "dispute", "", 0, myr);
	row(j, 10, "2026-11-02", 0, 0, "call", "", 0, myr);
	row(j, 11, "2026-11-04", 0, 0, "email", "", 0, myr);
	row(j, 12, "2026-10-30", 1, 1, "letter", "", 0, myr);
	row(j, 13, "2026-11-18", 2, 0, "sms", "", 0, myr);
	row(j, 14, "2026-12-01", 0, 0, "call", "", 0, myr);
	row(j, 15, "2026-11-19", 0, 0, "note", "", 0, myr);          /* not a contact */
	EXPECT_EQ_INT(kpi_journal_overdue(j, 0, 0), AR_OK);
	EXPECT_EQ_INT(kpi_journal_overdue(j, 1, 1), AR_OK);
	EXPECT_EQ_INT(kpi_journal_finish(j), AR_OK);

	EXPECT_EQ_INT(kpi_journal_currencies(j, KPI_GROUP_ALL, cur), 2);
	kpi_journal_values(j, KPI_GROUP_ALL, myr, v);
	EXPECT_EQ_INT(v[KPI_PROMISES_MADE].value, 2);
	EXPECT_EQ_INT(v[KPI_PROMISES_MADE].numerator, 200000);
	EXPECT(!v[KPI_PROMISES_MADE].has_denominator);
	EXPECT_EQ_INT(v[KPI_PROMISES_KEPT].value, 1);
	EXPECT_EQ_INT(v[KPI_PROMISES_BROKEN].numerator, 50000);
	EXPECT_EQ_INT(v[KPI_PROMISE_KEPT_PCT].value, 800);             /* 2,000 / 2,500 */
	EXPECT_EQ_INT(v[KPI_PROMISE_KEPT_PCT].denominator, 250000);
	kpi_journal_values(j, KPI_GROUP_ALL, twd, v);
	EXPECT_EQ_INT(v[KPI_PROMISES_MADE].value, 1);
	EXPECT(!v[KPI_PROMISE_KEPT_PCT].defined);
	kpi_journal_values(j, 1, myr, v);
	EXPECT_EQ_INT(v[KPI_PROMISE_KEPT_PCT].value, 0);

	kpi_journal_values(j, KPI_GROUP_ALL, KPI_NO_CURRENCY, v);
	EXPECT_EQ_INT(v[KPI_DISPUTES_OPENED].value, 3);
	EXPECT_EQ_INT(v[KPI_DISPUTES_RESOLVED].value, 1);
	EXPECT_EQ_INT(v[KPI_DISPUTES_OPEN].value, 3);
	EXPECT_EQ_INT(v[KPI_DISPUTE_MEAN_DAYS].value, 3300);           /* (90 + 5 + 4) / 3 */
	EXPECT_EQ_INT(v[KPI_DISPUTE_MEAN_DAYS].numerator, 99);
	EXPECT_EQ_INT(v[KPI_CONTACTS].value, 3);
	EXPECT_EQ_INT(v[KPI_COVERAGE_PCT].value, 500);                 /* 1 of 2 */
	kpi_journal_values(j, 0, KPI_NO_CURRENCY, v);
	EXPECT_EQ_INT(v[KPI_DISPUTES_OPEN].value, 2);
	EXPECT_EQ_INT(v[KPI_DISPUTE_MEAN_DAYS].value, 4700);
	EXPECT_EQ_INT(v[KPI_CONTACTS].value, 3);
	EXPECT_EQ_INT(v[KPI_COVERAGE_PCT].value, 1000);
	kpi_journal_values(j, 1, KPI_NO_CURRENCY, v);
	EXPECT_EQ_INT(v[KPI_DISPUTES_OPEN].value, 1);
	EXPECT_EQ_INT(v[KPI_DISPUTE_MEAN_DAYS].value, 500);
	EXPECT_EQ_INT(v[KPI_CONTACTS].value, 0);
	EXPECT_EQ_INT(v[KPI_COVERAGE_PCT].value, 0);
	EXPECT(v[KPI_COVERAGE_PCT].defined);

	/* Per channel: call and email of C1, sms of C3 in group 0; the letter of October left out. */
	{
		int64_t ch[KPI_CHANNELS];

		kpi_journal_channels(j, KPI_GROUP_ALL, ch);
		EXPECT_EQ_INT(ch[0], 1);                                /* call */
		EXPECT_EQ_INT(ch[1], 0);                                /* letter */
		EXPECT_EQ_INT(ch[2], 1);                                /* email */
		EXPECT_EQ_INT(ch[3], 1);                                /* sms */
		EXPECT_EQ_INT(ch[4], 0);                                /* im */
		EXPECT_EQ_STR(kpi_channel_word(3), "sms");
		kpi_journal_channels(j, 1, ch);
		EXPECT_EQ_INT(ch[0] + ch[1] + ch[2] + ch[3] + ch[4], 0);
	}
	/* The broken promise of C2 in the period; none of C1 or of a customer never seen. */
	EXPECT_EQ_INT(kpi_journal_broken_of(j, 1), 1);
	EXPECT_EQ_INT(kpi_journal_broken_of(j, 0), 0);
	EXPECT_EQ_INT(kpi_journal_broken_of(j, 999999), 0);
	kpi_journal_free(j);
}

static void
kpi_journal_nothing_is_zero_or_undefined(void)
{
	struct kpi_calendar c;
	struct kpi_journal *j;
	struct kpi_value v[KPI_NIDS];

	EXPECT_EQ_INT(kpi_calendar_init(&c, test_day("2026-11-30"), 1), AR_OK);
	EXPECT_EQ_INT(kpi_journal_new(&c, &j), AR_OK);
	EXPECT_EQ_INT(kpi_journal_finish(j), AR_OK);
	kpi_journal_values(j, KPI_GROUP_ALL, KPI_NO_CURRENCY, v);
	EXPECT_EQ_INT(v[KPI_DISPUTES_OPEN].value, 0);
	EXPECT(v[KPI_DISPUTES_OPEN].defined);
	EXPECT(!v[KPI_DISPUTE_MEAN_DAYS].defined);
	EXPECT(!v[KPI_COVERAGE_PCT].defined);
	kpi_journal_values(j, 7, myr, v);                               /* a group never seen */
	EXPECT_EQ_INT(v[KPI_PROMISES_MADE].value, 0);
	kpi_journal_free(j);
}

/*
 * Many groups in three currencies: the table of promises grows while a
 * group's chain points into it (its second currency added at 16 entries).
 */
static void
kpi_journal_many_groups_keep_their_promises(void)
{
	struct kpi_calendar c;
	struct kpi_journal *j;
	struct kpi_value v[KPI_NIDS];
	currency_id cur[CURRENCY_MAX];

	EXPECT_EQ_INT(kpi_calendar_init(&c, test_day("2026-11-30"), 1), AR_OK);
	EXPECT_EQ_INT(kpi_journal_new(&c, &j), AR_OK);
	for (uint32_t g = 0; g < 100; g++) {
		row(j, 2 * g, "2026-11-10", g, g, "promise", "", 100 + g, myr);
		row(j, 2 * g + 1, "2026-11-11", g, g, "promise_kept", "", 10, twd);
		row(j, 1000 + g, "2026-11-12", g, g, "promise_broken", "", 5, usd);
	}
	EXPECT_EQ_INT(kpi_journal_finish(j), AR_OK);
	for (uint32_t g = 0; g < 100; g++) {
		EXPECT_EQ_INT(kpi_journal_currencies(j, g, cur), 3);
		kpi_journal_values(j, g, myr, v);
		EXPECT_EQ_INT(v[KPI_PROMISES_MADE].numerator, 100 + g);
		kpi_journal_values(j, g, twd, v);
		EXPECT_EQ_INT(v[KPI_PROMISES_KEPT].value, 1);
	}
	kpi_journal_values(j, KPI_GROUP_ALL, myr, v);
	EXPECT_EQ_INT(v[KPI_PROMISES_MADE].value, 100);
	EXPECT_EQ_INT(v[KPI_PROMISES_MADE].numerator, 100 * 100 + 4950);
	kpi_journal_values(j, KPI_GROUP_ALL, twd, v);
	EXPECT_EQ_INT(v[KPI_PROMISES_KEPT].numerator, 1000);
	kpi_journal_values(j, KPI_GROUP_ALL, usd, v);
	EXPECT_EQ_INT(v[KPI_PROMISES_BROKEN].numerator, 500);
	kpi_journal_free(j);
}

int
main(void)
{
	EXPECT_EQ_INT(currency_lookup("MYR", 3, &myr), AR_OK);
	EXPECT_EQ_INT(currency_lookup("TWD", 3, &twd), AR_OK);
	EXPECT_EQ_INT(currency_lookup("USD", 3, &usd), AR_OK);
	RUN(kpi_journal_month_worked_by_hand);
	RUN(kpi_journal_nothing_is_zero_or_undefined);
	RUN(kpi_journal_many_groups_keep_their_promises);
	return test_summary();
}
