/*
 * test_roll.c - roll rates and delinquent customers between two aging
 * snapshots (ar/roll.h): examples worked by hand, and the matrix's
 * identities over random pairs of snapshots.
 */
#include <stdbool.h>
#include <string.h>

#include "ar/roll.h"
#include "test.h"

/* Buckets 30,60,90,120: columns 0 current, 1 1-30, 2 31-60, 3 61-90, 4 91-120, 5 121+. */
#define COLUMNS 6
#define OVER_90 4

static struct roll *
new_roll(void)
{
	struct roll *r;

	if (roll_new(COLUMNS, OVER_90, &r) != AR_OK)
		abort();
	return r;
}

static ar_err
line(struct roll *r, bool later, const char *key, uint32_t customer, const char *cur,
    int column, int64_t amount)
{
	struct roll_line l = { key, strlen(key), customer, test_currency(cur), column, amount };

	return later ? roll_add_later(r, &l) : roll_add_earlier(r, &l);
}

#define EARLIER(...) EXPECT_EQ_INT(line(r, false, __VA_ARGS__), AR_OK)
#define LATER(...) EXPECT_EQ_INT(line(r, true, __VA_ARGS__), AR_OK)

/* Every cell of got[0..n) against want, naming the one that differs. */
static void
expect_cells(const char *what, const int64_t *got, const int64_t *want, int n, int at)
{
	for (int i = 0; i < n; i++) {
		test_case_checks++;
		if (got[i] != want[i]) {
			char msg[160];

			snprintf(msg, sizeof msg, "%s[%d] is %lld, expected %lld", what, i,
			    (long long)got[i], (long long)want[i]);
			test_fail(__FILE__, at, msg);
		}
	}
}

#define EXPECT_CELLS(got, ...) do { \
	const int64_t want_[] = { __VA_ARGS__ }; \
	expect_cells(#got, got, want_, (int)(sizeof want_ / sizeof *want_), __LINE__); \
} while (0)

#define EXPECT_RATES(m, c, rf, next, st, cu, cl) do { \
	struct roll_rates v_ = roll_rates_of(m, c); \
	EXPECT(v_.defined); \
	EXPECT_EQ_INT(v_.rolled_forward, rf); \
	EXPECT_EQ_INT(v_.moved_to_next, next); \
	EXPECT_EQ_INT(v_.stayed, st); \
	EXPECT_EQ_INT(v_.cured, cu); \
	EXPECT_EQ_INT(v_.cleared, cl); \
} while (0)

static void
roll_first_column_over_90_from_the_buckets(void)
{
	struct aging_buckets b;

	EXPECT_EQ_INT(aging_buckets_parse("30,60,90,120", &b), AR_OK);
	EXPECT_EQ_INT(roll_first_column_over(&b, 90), 4);       /* 91-120 */
	EXPECT_EQ_INT(roll_first_column_over(&b, 100), 5);      /* 121+ */
	EXPECT_EQ_INT(roll_first_column_over(&b, 0), 1);        /* 1-30 */
	EXPECT_EQ_INT(aging_buckets_parse("30,60,90", &b), AR_OK);
	EXPECT_EQ_INT(roll_first_column_over(&b, 90), 4);       /* 91+ */
	EXPECT_EQ_INT(aging_buckets_parse("45,100", &b), AR_OK);
	EXPECT_EQ_INT(roll_first_column_over(&b, 90), 3);       /* 101+: 46-100 is not all over 90 */
	EXPECT_EQ_INT(aging_buckets_parse("30,60", &b), AR_OK);
	EXPECT_EQ_INT(roll_first_column_over(&b, 90), 4);       /* none: 61+ holds 61 to 90 too */
	EXPECT_EQ_INT(aging_columns(&b), 4);
}

/*
 * Customer C1 in MYR from 2026-10-31 to 2026-11-30 (amounts in sen),
 * columns 0 current, 1 1-30, 2 31-60, 3 61-90, 4 91-120, 5 121+:
 *
 *   item    earlier        later          in the matrix
 *   INV-1   1-30  1000.00  31-60 1000.00  to[1][2] 100000  unpaid, rolled
 *   INV-2   1-30   500.00  -              cleared[1] 50000 paid in full
 *   INV-3   31-60  800.00  61-90  500.00  to[2][3] 50000, cleared[2] 30000  paid in part
 *   INV-4   1-30   200.00  cur    200.00  to[1][0] 20000   due date moved: cured
 *   INV-5   cur    400.00  1-30   400.00  to[0][1] 40000
 *   INV-6   91-120 300.00  121+   299.85  to[4][5] 29985, cleared[4] 15
 *   INV-7   121+   150.00  121+   150.00  to[5][5] 15000   the open end stays
 *   INV-9   31-60  100.00  61-90  250.00  to[2][3] 10000, grown[3] 15000
 *   INV-8   -              cur    600.00  appeared[0] 60000
 *   CN-1    cur   -120.00  cur   -120.00  credits apart, -12000 each
 *
 * before = 40000, 170000 (INV-1,2,4), 90000 (INV-3,9), 0, 30000, 15000
 * after  = 80000 (INV-4,8), 40000, 100000, 75000 (INV-3,9), 0, 44985
 *   and 80000 = to[1][0] 20000 + appeared 60000; 75000 = to[2][3] 60000 +
 *   grown 15000; 44985 = to[4][5] 29985 + to[5][5] 15000.
 * Rates in per mille of before[c]:
 *   cur    to 1-30 40000/40000: rolled 1000, next 1000
 *   1-30   rolled 100000/170000 = 588.2 -> 588 (all to the next), cured
 *          20000/170000 = 117.6 -> 118, cleared 50000/170000 = 294.1 -> 294
 *   31-60  rolled 60000/90000 = 666.7 -> 667, cleared 333.3 -> 333
 *   61-90  nothing before: undefined
 *   91-120 rolled 29985/30000 = 999.5 -> 1000 and cleared 15/30000 = 0.5 ->
 *          1: half away from zero, each alone (they sum to 1001)
 *   121+   stayed 1000; moved to next 0, there is none
 * Customer C2 in TWD, kept apart: INV-T1 61-90 10,000.00 -> 91-120, INV-T2
 * 1-30 5,000.00 paid.
 */
static void
roll_worked_by_hand_every_cell(void)
{
	struct roll *r = new_roll();
	const struct roll_matrix *m;
	const struct roll_customer *c;
	size_t pos = 0;

	EARLIER("C1|MYR|INV-1", 0, "MYR", 1, 100000);
	EARLIER("C1|MYR|INV-2", 0, "MYR", 1, 50000);
	EARLIER("C1|MYR|INV-3", 0, "MYR", 2, 80000);
	EARLIER("C2|TWD|INV-T1", 1, "TWD", 3, 1000000);
	EARLIER("C1|MYR|INV-4", 0, "MYR", 1, 20000);
	EARLIER("C1|MYR|INV-5", 0, "MYR", 0, 40000);
	EARLIER("C1|MYR|INV-6", 0, "MYR", 4, 30000);
	EARLIER("C1|MYR|INV-7", 0, "MYR", 5, 15000);
	EARLIER("C1|MYR|INV-9", 0, "MYR", 2, 10000);
	EARLIER("C1|MYR|CN-1", 0, "MYR", 0, -12000);
	EARLIER("C2|TWD|INV-T2", 1, "TWD", 1, 500000);
	EXPECT_EQ_INT(roll_begin_later(r), AR_OK);
	LATER("C1|MYR|INV-8", 0, "MYR", 0, 60000);
	LATER("C1|MYR|INV-1", 0, "MYR", 2, 100000);
	LATER("C1|MYR|INV-3", 0, "MYR", 3, 50000);
	LATER("C1|MYR|INV-4", 0, "MYR", 0, 20000);
	LATER("C2|TWD|INV-T1", 1, "TWD", 4, 1000000);
	LATER("C1|MYR|INV-5", 0, "MYR", 1, 40000);
	LATER("C1|MYR|INV-6", 0, "MYR", 5, 29985);
	LATER("C1|MYR|INV-7", 0, "MYR", 5, 15000);
	LATER("C1|MYR|INV-9", 0, "MYR", 3, 25000);
	LATER("C1|MYR|CN-1", 0, "MYR", 0, -12000);
	EXPECT_EQ_INT(roll_finish(r), AR_OK);

	m = roll_matrix_of(r, test_currency("MYR"));
	EXPECT(m != NULL);
	if (m == NULL)
		goto out;
	EXPECT_EQ_INT(m->columns, COLUMNS);
	EXPECT_CELLS(m->before, 40000, 170000, 90000, 0, 30000, 15000);
	EXPECT_CELLS(m->to[0], 0, 40000, 0, 0, 0, 0);
	EXPECT_CELLS(m->to[1], 20000, 0, 100000, 0, 0, 0);
	EXPECT_CELLS(m->to[2], 0, 0, 0, 60000, 0, 0);
	EXPECT_CELLS(m->to[3], 0, 0, 0, 0, 0, 0);
	EXPECT_CELLS(m->to[4], 0, 0, 0, 0, 0, 29985);
	EXPECT_CELLS(m->to[5], 0, 0, 0, 0, 0, 15000);
	EXPECT_CELLS(m->cleared, 0, 50000, 30000, 0, 15, 0);
	EXPECT_CELLS(m->appeared, 60000, 0, 0, 0, 0, 0);
	EXPECT_CELLS(m->grown, 0, 0, 0, 15000, 0, 0);
	EXPECT_CELLS(m->after, 80000, 40000, 100000, 75000, 0, 44985);
	EXPECT_EQ_INT(m->credits_before, -12000);
	EXPECT_EQ_INT(m->credits_after, -12000);
	EXPECT_RATES(m, 0, 1000, 1000, 0, 0, 0);
	EXPECT_RATES(m, 1, 588, 588, 0, 118, 294);
	EXPECT_RATES(m, 2, 667, 667, 0, 0, 333);
	EXPECT(!roll_rates_of(m, 3).defined);
	EXPECT_RATES(m, 4, 1000, 1000, 0, 0, 1);
	EXPECT_RATES(m, 5, 0, 0, 1000, 0, 0);
	EXPECT(!roll_rates_of(m, 6).defined);
	EXPECT(!roll_rates_of(m, -1).defined);

	m = roll_matrix_of(r, test_currency("TWD"));
	EXPECT(m != NULL);
	if (m == NULL)
		goto out;
	EXPECT_CELLS(m->before, 0, 500000, 0, 1000000, 0, 0);
	EXPECT_CELLS(m->to[3], 0, 0, 0, 0, 1000000, 0);
	EXPECT_CELLS(m->cleared, 0, 500000, 0, 0, 0, 0);
	EXPECT_CELLS(m->after, 0, 0, 0, 0, 1000000, 0);
	EXPECT_RATES(m, 1, 0, 0, 0, 0, 1000);
	EXPECT_RATES(m, 3, 1000, 1000, 0, 0, 0);
	EXPECT(roll_matrix_of(r, test_currency("USD")) == NULL);

	/*
	 * C1 in MYR.  Earlier: total 40000 + 170000 + 90000 + 30000 + 15000 -
	 * 12000 = 333000, overdue (1-30 on) 305000, over 90 (91-120 on) 45000.
	 * Later: 339985 - 12000 = 327985, overdue 259985, over 90 44985.
	 * Rolled: 40000 + 100000 + 60000 + 29985 = 229985.  Its balance fell:
	 * not at risk; it was over 90 before: not newly.
	 */
	c = roll_next(r, ROLL_ALL, &pos);
	EXPECT(c != NULL && c->customer == 0 && c->currency == test_currency("MYR"));
	if (c == NULL)
		goto out;
	EXPECT_EQ_INT(c->earlier.total, 333000);
	EXPECT_EQ_INT(c->earlier.overdue, 305000);
	EXPECT_EQ_INT(c->earlier.over_90, 45000);
	EXPECT_EQ_INT(c->later.total, 327985);
	EXPECT_EQ_INT(c->later.overdue, 259985);
	EXPECT_EQ_INT(c->later.over_90, 44985);
	EXPECT_EQ_INT(c->rolled, 229985);
	EXPECT(!roll_at_risk(c) && !roll_newly_past_90(c));
	/* C2 in TWD: 1,000,000 rolled from 61-90 into 91-120, newly past 90 */
	c = roll_next(r, ROLL_ALL, &pos);
	EXPECT(c != NULL && c->customer == 1 && c->currency == test_currency("TWD"));
	if (c == NULL)
		goto out;
	EXPECT_EQ_INT(c->rolled, 1000000);
	EXPECT(roll_newly_past_90(c));
	EXPECT(roll_next(r, ROLL_ALL, &pos) == NULL);
out:
	roll_free(r);
}

/*
 * Customers in MYR (one also in TWD), 91-120 and 121+ being over 90:
 *   0  1-30 1000 -> 31-60 1000, and a new 500 current: grew while
 *      overdue, at risk (rolled 1000, nothing over 90)
 *   1  61-90 700 -> 91-120 700: newly past 90; its balance did not grow
 *   2  current 300 -> 1-30 300, and a new 400: grew, but was not overdue
 *   3  91-120 200 -> 121+ 200, a new 100 at 91-120: at risk, not newly
 *      past 90 (it was already)
 *   4  31-60 1000 -> 31-60 400 (600 paid) and a new 800 current: 1000 ->
 *      1200, at risk with nothing rolled
 *   5  MYR 61-90 100 -> 91-120 100: newly past 90 in MYR; TWD 1-30 500
 *      -> 1-30 500 and a new 50 current: at risk in TWD
 *   6  31-60 500 -> paid: on no list
 *   7  a credit of -50 at 91-120 and 30 at 1-30 -> the credit and 40 at
 *      121+: over 90 is -50, then -10, never above 0; overdue -20 was not
 *      above 0: on no list (balances are net, as an aging row's)
 *   9  only later, 121+ 900: newly past 90 (a customer new to the
 *      ledger with old items)
 */
static void
roll_newly_past_90_and_at_risk_by_hand(void)
{
	struct roll *r = new_roll();
	const struct roll_customer *c;
	currency_id myr = test_currency("MYR"), twd = test_currency("TWD");
	size_t pos;
	int n;

	EARLIER("5|TWD|t", 5, "TWD", 1, 50000);
	EARLIER("0|MYR|a", 0, "MYR", 1, 100000);
	EARLIER("1|MYR|a", 1, "MYR", 3, 70000);
	EARLIER("2|MYR|a", 2, "MYR", 0, 30000);
	EARLIER("3|MYR|a", 3, "MYR", 4, 20000);
	EARLIER("4|MYR|a", 4, "MYR", 2, 100000);
	EARLIER("5|MYR|m", 5, "MYR", 3, 10000);
	EARLIER("6|MYR|a", 6, "MYR", 2, 50000);
	EARLIER("7|MYR|cn", 7, "MYR", 4, -5000);
	EARLIER("7|MYR|a", 7, "MYR", 1, 3000);
	EXPECT_EQ_INT(roll_begin_later(r), AR_OK);
	LATER("9|MYR|a", 9, "MYR", 5, 90000);
	LATER("0|MYR|a", 0, "MYR", 2, 100000);
	LATER("0|MYR|b", 0, "MYR", 0, 50000);
	LATER("1|MYR|a", 1, "MYR", 4, 70000);
	LATER("2|MYR|a", 2, "MYR", 1, 30000);
	LATER("2|MYR|b", 2, "MYR", 0, 40000);
	LATER("3|MYR|a", 3, "MYR", 5, 20000);
	LATER("3|MYR|b", 3, "MYR", 4, 10000);
	LATER("4|MYR|a", 4, "MYR", 2, 40000);
	LATER("4|MYR|b", 4, "MYR", 0, 80000);
	LATER("5|MYR|m", 5, "MYR", 4, 10000);
	LATER("5|TWD|t", 5, "TWD", 1, 50000);
	LATER("5|TWD|u", 5, "TWD", 0, 5000);
	LATER("7|MYR|cn", 7, "MYR", 4, -5000);
	LATER("7|MYR|a", 7, "MYR", 5, 4000);
	EXPECT_EQ_INT(roll_finish(r), AR_OK);

	/* every row, by customer index, then currency code (MYR before TWD) */
	{
		static const uint32_t who[] = { 0, 1, 2, 3, 4, 5, 5, 6, 7, 9 };

		pos = 0;
		for (n = 0; (c = roll_next(r, ROLL_ALL, &pos)) != NULL; n++)
			if (n < 10) {
				EXPECT_EQ_INT(c->customer, who[n]);
				EXPECT_EQ_INT(c->currency, n == 6 ? twd : myr);
			}
		EXPECT_EQ_INT(n, 10);
	}

	pos = 0;
	c = roll_next(r, ROLL_NEWLY_PAST_90, &pos);
	EXPECT(c != NULL && c->customer == 1 && c->currency == myr);
	if (c != NULL) {
		EXPECT_EQ_INT(c->earlier.over_90, 0);
		EXPECT_EQ_INT(c->later.over_90, 70000);
	}
	c = roll_next(r, ROLL_NEWLY_PAST_90, &pos);
	EXPECT(c != NULL && c->customer == 5 && c->currency == myr);
	c = roll_next(r, ROLL_NEWLY_PAST_90, &pos);
	EXPECT(c != NULL && c->customer == 9 && c->currency == myr);
	if (c != NULL)
		EXPECT_EQ_INT(c->later.over_90, 90000);
	EXPECT(roll_next(r, ROLL_NEWLY_PAST_90, &pos) == NULL);

	/* at risk, with the evidence: the two totals, rolled, over 90 now */
	pos = 0;
	c = roll_next(r, ROLL_AT_RISK, &pos);
	EXPECT(c != NULL && c->customer == 0 && c->currency == myr);
	if (c != NULL) {
		EXPECT_EQ_INT(c->earlier.total, 100000);
		EXPECT_EQ_INT(c->later.total, 150000);
		EXPECT_EQ_INT(c->rolled, 100000);
		EXPECT_EQ_INT(c->later.over_90, 0);
	}
	c = roll_next(r, ROLL_AT_RISK, &pos);
	EXPECT(c != NULL && c->customer == 3 && c->currency == myr);
	if (c != NULL) {
		EXPECT_EQ_INT(c->earlier.total, 20000);
		EXPECT_EQ_INT(c->later.total, 30000);
		EXPECT_EQ_INT(c->rolled, 20000);
		EXPECT_EQ_INT(c->later.over_90, 30000);
	}
	c = roll_next(r, ROLL_AT_RISK, &pos);
	EXPECT(c != NULL && c->customer == 4 && c->currency == myr);
	if (c != NULL) {
		EXPECT_EQ_INT(c->earlier.total, 100000);
		EXPECT_EQ_INT(c->later.total, 120000);
		EXPECT_EQ_INT(c->rolled, 0);
		EXPECT_EQ_INT(c->later.overdue, 40000);
	}
	c = roll_next(r, ROLL_AT_RISK, &pos);
	EXPECT(c != NULL && c->customer == 5 && c->currency == twd);
	if (c != NULL) {
		EXPECT_EQ_INT(c->earlier.total, 50000);
		EXPECT_EQ_INT(c->later.total, 55000);
		EXPECT_EQ_INT(c->rolled, 0);
	}
	EXPECT(roll_next(r, ROLL_AT_RISK, &pos) == NULL);

	/* customer 7: net sums, as an aging row's */
	pos = 0;
	while ((c = roll_next(r, ROLL_ALL, &pos)) != NULL && c->customer != 7)
		;
	EXPECT(c != NULL);
	if (c != NULL) {
		EXPECT_EQ_INT(c->earlier.overdue, -2000);
		EXPECT_EQ_INT(c->earlier.over_90, -5000);
		EXPECT_EQ_INT(c->later.over_90, -1000);
		EXPECT_EQ_INT(c->rolled, 3000);
	}
	roll_free(r);
}

/*
 * A key fed twice in one snapshot is one item (the lines of one document):
 *   A  earlier 300.00 at 1-30 and 200.00 at 31-60: one item of 500.00 in
 *      31-60, the older column; later 200.00 and 400.00 at 61-90: 500.00
 *      moved (the second line takes the 300.00 left), 100.00 grown
 *   B  earlier 100.00 twice at 1-30: 200.00; a credit of -30.00 with the
 *      same key is a credit, apart; later 50.00: 150.00 cleared
 *   A in TWD later: another item (the currency is part of the key)
 */
static void
roll_a_key_fed_twice_adds_up(void)
{
	struct roll *r = new_roll();
	const struct roll_matrix *m;
	size_t pos = 0;
	const struct roll_customer *c;

	EARLIER("A", 0, "MYR", 1, 30000);
	EARLIER("B", 0, "MYR", 1, 10000);
	EARLIER("A", 0, "MYR", 2, 20000);
	EARLIER("B", 0, "MYR", 1, 10000);
	EARLIER("B", 0, "MYR", 1, -3000);
	EXPECT_EQ_INT(roll_begin_later(r), AR_OK);
	LATER("A", 0, "MYR", 3, 20000);
	LATER("A", 0, "MYR", 3, 40000);
	LATER("B", 0, "MYR", 1, 5000);
	LATER("A", 0, "TWD", 0, 7000);
	EXPECT_EQ_INT(roll_finish(r), AR_OK);
	m = roll_matrix_of(r, test_currency("MYR"));
	EXPECT(m != NULL);
	if (m != NULL) {
		EXPECT_CELLS(m->before, 0, 20000, 50000, 0, 0, 0);
		EXPECT_CELLS(m->to[1], 0, 5000, 0, 0, 0, 0);
		EXPECT_CELLS(m->to[2], 0, 0, 0, 50000, 0, 0);
		EXPECT_CELLS(m->cleared, 0, 15000, 0, 0, 0, 0);
		EXPECT_CELLS(m->grown, 0, 0, 0, 10000, 0, 0);
		EXPECT_CELLS(m->appeared, 0, 0, 0, 0, 0, 0);
		EXPECT_EQ_INT(m->credits_before, -3000);
	}
	m = roll_matrix_of(r, test_currency("TWD"));
	EXPECT(m != NULL);
	if (m != NULL) {
		EXPECT_CELLS(m->appeared, 7000, 0, 0, 0, 0, 0);
		EXPECT_CELLS(m->before, 0, 0, 0, 0, 0, 0);
	}
	/* the customer's balances take every line: 300 + 100 + 200 + 100 - 30 */
	c = roll_next(r, ROLL_ALL, &pos);
	EXPECT(c != NULL);
	if (c != NULL) {
		EXPECT_EQ_INT(c->earlier.total, 67000);
		EXPECT_EQ_INT(c->later.total, 65000);
		EXPECT_EQ_INT(c->rolled, 50000);
	}
	roll_free(r);
}

static void
roll_refuses_out_of_order_and_overflow(void)
{
	struct roll *r;
	struct roll_line l = { "K", 1, 0, test_currency("MYR"), 1, 100 };

	EXPECT_EQ_INT(roll_new(1, 1, &r), AR_EUSAGE);
	EXPECT(r == NULL);
	EXPECT_EQ_INT(roll_new(COLUMNS, 0, &r), AR_EUSAGE);
	EXPECT_EQ_INT(roll_new(COLUMNS, COLUMNS + 1, &r), AR_EUSAGE);
	EXPECT_EQ_INT(roll_new(AGING_MAX_COLUMNS + 1, 4, &r), AR_EUSAGE);
	EXPECT_EQ_INT(roll_new(COLUMNS, COLUMNS, &r), AR_OK);   /* no column over 90 */
	roll_free(r);

	r = new_roll();
	EXPECT_EQ_INT(roll_add_later(r, &l), AR_EUSAGE);        /* before roll_begin_later */
	EXPECT_EQ_INT(roll_finish(r), AR_EUSAGE);
	l.column = COLUMNS;
	EXPECT_EQ_INT(roll_add_earlier(r, &l), AR_EUSAGE);
	l.column = -1;
	EXPECT_EQ_INT(roll_add_earlier(r, &l), AR_EUSAGE);
	l.column = 1;
	l.currency = CURRENCY_MAX;
	EXPECT_EQ_INT(roll_add_earlier(r, &l), AR_EUSAGE);
	l.currency = test_currency("MYR");
	l.amount = INT64_MAX;
	EXPECT_EQ_INT(roll_add_earlier(r, &l), AR_OK);
	l.amount = 1;
	EXPECT_EQ_INT(roll_add_earlier(r, &l), AR_ERANGE);      /* the item, and the customer */
	l.customer = 1;
	l.key = "L";
	l.amount = -5;
	EXPECT_EQ_INT(roll_add_earlier(r, &l), AR_OK);
	EXPECT_EQ_INT(roll_begin_later(r), AR_OK);
	EXPECT(roll_matrix_of(r, l.currency) == NULL);          /* not before roll_finish */
	EXPECT_EQ_INT(roll_add_earlier(r, &l), AR_EUSAGE);      /* the earlier snapshot is closed */
	EXPECT_EQ_INT(roll_begin_later(r), AR_EUSAGE);
	l.key = "K";
	l.customer = 0;
	l.amount = INT64_MAX;
	EXPECT_EQ_INT(roll_add_later(r, &l), AR_OK);
	EXPECT_EQ_INT(roll_add_later(r, &l), AR_ERANGE);        /* refused: nothing added */
	EXPECT_EQ_INT(roll_finish(r), AR_OK);
	EXPECT_EQ_INT(roll_finish(r), AR_EUSAGE);
	EXPECT_EQ_INT(roll_add_later(r, &l), AR_EUSAGE);
	{
		const struct roll_matrix *m = roll_matrix_of(r, l.currency);

		EXPECT(m != NULL);
		if (m != NULL) {
			EXPECT_EQ_INT(m->before[1], INT64_MAX);         /* the 1 refused is not in */
			EXPECT_EQ_INT(m->to[1][1], INT64_MAX);
			EXPECT_EQ_INT(m->credits_before, -5);
		}
	}
	roll_free(r);

	/* two items of one column whose sum overflows: roll_begin_later says so */
	r = new_roll();
	l = (struct roll_line){ "A", 1, 0, test_currency("MYR"), 2, INT64_MAX };
	EXPECT_EQ_INT(roll_add_earlier(r, &l), AR_OK);
	l.key = "B";
	l.customer = 1;
	EXPECT_EQ_INT(roll_add_earlier(r, &l), AR_OK);
	EXPECT_EQ_INT(roll_begin_later(r), AR_ERANGE);
	roll_free(r);
}

/* A small seeded generator, the same sequence on every machine. */
static uint64_t rng_state;

static uint32_t
rng(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng_state >> 33);
}

#define KEYS 24
#define CUSTOMERS 6
#define LINES 48

struct gen_line {
	int key, cur, column;   /* key k belongs to customer k % CUSTOMERS */
	int64_t amount;
};

static int64_t
gen_amount(void)
{
	switch (rng() % 10) {
	case 0:
		return -(int64_t)(rng() % 5000);   /* a credit, or nothing */
	case 1:
		return 1 + rng() % 10;
	default:
		return 1 + rng() % 100000;
	}
}

/*
 * Over random pairs of snapshots (keys repeated within a snapshot, keys
 * shared across currencies, items paid in part, grown, moved either way):
 * every earlier column is parted without a cent lost, every later debit
 * is accounted for, and the totals and customers' sums are those of the
 * lines themselves.  The matrix is also compared cell by cell with a
 * plain model of the rules of roll.h over arrays.
 */
static void
roll_matrix_accounts_for_every_cent(void)
{
	currency_id cur_id[2] = { test_currency("MYR"), test_currency("TWD") };
	long grown_seen = 0, cured_seen = 0, cleared_seen = 0, appeared_seen = 0, twice_seen = 0;

	rng_state = 17;
	for (int round = 0; round < 3000; round++) {
		int columns = 2 + (int)(rng() % (AGING_MAX_COLUMNS - 1));
		int over_90 = 1 + (int)(rng() % (unsigned)columns);
		struct gen_line early[LINES], late[LINES];
		int n1 = (int)(rng() % LINES), n2 = 0;
		/* the model */
		int64_t left[2][KEYS], debit1[2] = { 0 }, debit2[2] = { 0 }, credit1[2] = { 0 },
		    credit2[2] = { 0 };
		int col_of[2][KEYS];
		bool seen[2][KEYS] = { { false } };
		int64_t before[2][AGING_MAX_COLUMNS] = { { 0 } }, after[2][AGING_MAX_COLUMNS] = { { 0 } };
		int64_t to[2][AGING_MAX_COLUMNS][AGING_MAX_COLUMNS] = { { { 0 } } };
		int64_t grown[2][AGING_MAX_COLUMNS] = { { 0 } }, appeared[2][AGING_MAX_COLUMNS] = { { 0 } };
		int64_t cleared[2][AGING_MAX_COLUMNS] = { { 0 } };
		struct roll_balance bal[2][CUSTOMERS][2];
		int64_t rolled[CUSTOMERS][2] = { { 0 } };
		bool has_row[CUSTOMERS][2] = { { false } };
		struct roll *r;
		char key[16];

		memset(bal, 0, sizeof bal);
		for (int i = 0; i < n1; i++)
			early[i] = (struct gen_line){ (int)(rng() % KEYS), (int)(rng() % 2),
			    (int)(rng() % (unsigned)columns), gen_amount() };
		/* the later snapshot: mostly what became of the earlier lines, some new */
		for (int i = 0; i < n1 && n2 < LINES; i++) {
			struct gen_line g = early[i];
			int move = (int)(rng() % 5) - 1;   /* -1 (cured) .. 3 */

			switch (rng() % 6) {
			case 0:
				continue;                       /* paid */
			case 1:
				g.amount = g.amount / 2;        /* paid in part */
				break;
			case 2:
				g.amount += (int64_t)(rng() % 20000);   /* grew */
				break;
			default:
				break;
			}
			g.column = g.column + move < 0 ? 0 : g.column + move >= columns ?
			    columns - 1 : g.column + move;
			late[n2++] = g;
		}
		while (n2 < LINES && rng() % 3 != 0)
			late[n2++] = (struct gen_line){ (int)(rng() % KEYS), (int)(rng() % 2),
			    (int)(rng() % (unsigned)columns), gen_amount() };

		/* the model: merge the earlier debits by (key, currency), oldest column */
		for (int i = 0; i < n1; i++) {
			struct gen_line g = early[i];
			struct roll_balance *b = &bal[0][g.key % CUSTOMERS][g.cur];

			has_row[g.key % CUSTOMERS][g.cur] = true;
			b->total += g.amount;
			b->overdue += g.column >= 1 ? g.amount : 0;
			b->over_90 += g.column >= over_90 ? g.amount : 0;
			if (g.amount <= 0) {
				credit1[g.cur] += g.amount;
				continue;
			}
			debit1[g.cur] += g.amount;
			if (!seen[g.cur][g.key]) {
				seen[g.cur][g.key] = true;
				left[g.cur][g.key] = 0;
				col_of[g.cur][g.key] = g.column;
			} else {
				twice_seen++;
			}
			left[g.cur][g.key] += g.amount;
			if (g.column > col_of[g.cur][g.key])
				col_of[g.cur][g.key] = g.column;
		}
		for (int cu = 0; cu < 2; cu++)
			for (int k = 0; k < KEYS; k++)
				if (seen[cu][k])
					before[cu][col_of[cu][k]] += left[cu][k];
		for (int i = 0; i < n2; i++) {
			struct gen_line g = late[i];
			struct roll_balance *b = &bal[1][g.key % CUSTOMERS][g.cur];

			has_row[g.key % CUSTOMERS][g.cur] = true;
			b->total += g.amount;
			b->overdue += g.column >= 1 ? g.amount : 0;
			b->over_90 += g.column >= over_90 ? g.amount : 0;
			if (g.amount <= 0) {
				credit2[g.cur] += g.amount;
				continue;
			}
			debit2[g.cur] += g.amount;
			after[g.cur][g.column] += g.amount;
			if (!seen[g.cur][g.key]) {
				appeared[g.cur][g.column] += g.amount;
				continue;
			}
			int c = col_of[g.cur][g.key];
			int64_t moved = g.amount < left[g.cur][g.key] ? g.amount : left[g.cur][g.key];

			left[g.cur][g.key] -= moved;
			to[g.cur][c][g.column] += moved;
			grown[g.cur][g.column] += g.amount - moved;
			if (g.column > c)
				rolled[g.key % CUSTOMERS][g.cur] += moved;
		}
		for (int cu = 0; cu < 2; cu++)
			for (int k = 0; k < KEYS; k++)
				if (seen[cu][k])
					cleared[cu][col_of[cu][k]] += left[cu][k];

		/* the module */
		EXPECT_EQ_INT(roll_new(columns, over_90, &r), AR_OK);
		for (int i = 0; i < n1; i++) {
			struct roll_line l = { key, 0, (uint32_t)(early[i].key % CUSTOMERS),
			    cur_id[early[i].cur], early[i].column, early[i].amount };

			l.len = (size_t)snprintf(key, sizeof key, "K%d", early[i].key);
			EXPECT_EQ_INT(roll_add_earlier(r, &l), AR_OK);
		}
		EXPECT_EQ_INT(roll_begin_later(r), AR_OK);
		for (int i = 0; i < n2; i++) {
			struct roll_line l = { key, 0, (uint32_t)(late[i].key % CUSTOMERS),
			    cur_id[late[i].cur], late[i].column, late[i].amount };

			l.len = (size_t)snprintf(key, sizeof key, "K%d", late[i].key);
			EXPECT_EQ_INT(roll_add_later(r, &l), AR_OK);
		}
		EXPECT_EQ_INT(roll_finish(r), AR_OK);

		for (int cu = 0; cu < 2; cu++) {
			const struct roll_matrix *m = roll_matrix_of(r, cur_id[cu]);
			int64_t sum_before = 0, sum_later = 0;

			if (m == NULL) {
				EXPECT(debit1[cu] == 0 && debit2[cu] == 0 && credit1[cu] == 0 &&
				    credit2[cu] == 0);
				continue;
			}
			/* the identities of the issue */
			for (int c = 0; c < columns; c++) {
				int64_t parted = m->cleared[c];

				for (int c2 = 0; c2 < columns; c2++) {
					parted += m->to[c][c2];
					sum_later += m->to[c][c2];
				}
				EXPECT_EQ_INT(parted, m->before[c]);
				sum_before += m->before[c];
				sum_later += m->appeared[c] + m->grown[c];
			}
			EXPECT_EQ_INT(sum_before, debit1[cu]);
			EXPECT_EQ_INT(sum_later, debit2[cu]);
			EXPECT_EQ_INT(m->credits_before, credit1[cu]);
			EXPECT_EQ_INT(m->credits_after, credit2[cu]);
			/* and the model, cell by cell */
			expect_cells("before", m->before, before[cu], columns, __LINE__);
			expect_cells("after", m->after, after[cu], columns, __LINE__);
			expect_cells("cleared", m->cleared, cleared[cu], columns, __LINE__);
			expect_cells("grown", m->grown, grown[cu], columns, __LINE__);
			expect_cells("appeared", m->appeared, appeared[cu], columns, __LINE__);
			for (int c = 0; c < columns; c++) {
				struct roll_rates v = roll_rates_of(m, c);

				expect_cells("to", m->to[c], to[cu][c], columns, __LINE__);
				EXPECT(v.defined == (before[cu][c] > 0));
				if (v.defined) {
					int sum = v.rolled_forward + v.stayed + v.cured + v.cleared;

					EXPECT(sum >= 998 && sum <= 1002);
					EXPECT(v.moved_to_next <= v.rolled_forward);
				}
				for (int c2 = 0; c2 < c; c2++)
					cured_seen += m->to[c][c2] > 0;
				cleared_seen += m->cleared[c] > 0;
				grown_seen += m->grown[c] > 0;
				appeared_seen += m->appeared[c] > 0;
			}
		}
		/* the customers: every row once, in order, with the model's sums */
		{
			const struct roll_customer *c;
			size_t pos = 0, pos_new = 0, pos_risk = 0;
			int rows = 0, want_rows = 0;
			long last = -1;

			for (int k = 0; k < CUSTOMERS; k++)
				want_rows += has_row[k][0] + has_row[k][1];
			while ((c = roll_next(r, ROLL_ALL, &pos)) != NULL) {
				int cu = c->currency == cur_id[0] ? 0 : 1;
				long at = (long)c->customer * 2 + (strcmp(currency_code(c->currency),
				    "MYR") == 0 ? 0 : 1);

				rows++;
				EXPECT(at > last);
				last = at;
				if (c->customer >= CUSTOMERS)
					continue;
				EXPECT(memcmp(&c->earlier, &bal[0][c->customer][cu],
				    sizeof c->earlier) == 0);
				EXPECT(memcmp(&c->later, &bal[1][c->customer][cu], sizeof c->later) == 0);
				EXPECT_EQ_INT(c->rolled, rolled[c->customer][cu]);
				if (roll_newly_past_90(c))
					EXPECT(roll_next(r, ROLL_NEWLY_PAST_90, &pos_new) == c);
				if (roll_at_risk(c))
					EXPECT(roll_next(r, ROLL_AT_RISK, &pos_risk) == c);
			}
			EXPECT_EQ_INT(rows, want_rows);
			EXPECT(roll_next(r, ROLL_NEWLY_PAST_90, &pos_new) == NULL);
			EXPECT(roll_next(r, ROLL_AT_RISK, &pos_risk) == NULL);
		}
		roll_free(r);
	}
	/* the property was exercised */
	EXPECT(grown_seen > 100);
	EXPECT(cured_seen > 100);
	EXPECT(cleared_seen > 100);
	EXPECT(appeared_seen > 100);
	EXPECT(twice_seen > 100);
}

/* Past the table's first size: the items of a large snapshot all found again. */
static void
roll_many_items_all_found_again(void)
{
	struct roll *r = new_roll();
	const struct roll_matrix *m;
	char key[32];
	const int n = 50000;

	for (int i = 0; i < n; i++) {
		struct roll_line l = { key, (size_t)snprintf(key, sizeof key, "C%d|MYR|INV-%d", i % 997, i),
		    (uint32_t)(i % 997), test_currency("MYR"), i % COLUMNS, 100 };

		EXPECT_EQ_INT(roll_add_earlier(r, &l), AR_OK);
	}
	EXPECT_EQ_INT(roll_begin_later(r), AR_OK);
	for (int i = 0; i < n; i += 2) {
		struct roll_line l = { key, (size_t)snprintf(key, sizeof key, "C%d|MYR|INV-%d", i % 997, i),
		    (uint32_t)(i % 997), test_currency("MYR"), i % COLUMNS, 100 };

		EXPECT_EQ_INT(roll_add_later(r, &l), AR_OK);
	}
	EXPECT_EQ_INT(roll_finish(r), AR_OK);
	m = roll_matrix_of(r, test_currency("MYR"));
	EXPECT(m != NULL);
	if (m != NULL) {
		int64_t stayed = 0, cleared = 0, appeared = 0;

		for (int c = 0; c < COLUMNS; c++) {
			stayed += m->to[c][c];
			cleared += m->cleared[c];
			appeared += m->appeared[c];
		}
		EXPECT_EQ_INT(stayed, 100LL * n / 2);
		EXPECT_EQ_INT(cleared, 100LL * n / 2);
		EXPECT_EQ_INT(appeared, 0);
	}
	roll_free(r);
}

int
main(void)
{
	RUN(roll_first_column_over_90_from_the_buckets);
	RUN(roll_worked_by_hand_every_cell);
	RUN(roll_newly_past_90_and_at_risk_by_hand);
	RUN(roll_a_key_fed_twice_adds_up);
	RUN(roll_refuses_out_of_order_and_overflow);
	RUN(roll_matrix_accounts_for_every_cent);
	RUN(roll_many_items_all_found_again);
	return test_summary();
}
