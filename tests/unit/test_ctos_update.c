/* test_ctos_update.c - the update's rows of one debtor (report/ctos_update.h). */
#include <string.h>

#include "ar/ctos.h"
#include "ar/ctos_state.h"
#include "report/ctos_update.h"
#include "test.h"

static struct ctos_listed
listed(const char *doc_no, const char *due, int64_t original, int64_t outstanding,
    const char *listing_date)
{
	return (struct ctos_listed){ doc_no, test_day("2026-06-01"), test_day(due), original,
	    outstanding, test_day(listing_date) };
}

/* Listed in September for three items, as the state has it. */
static struct ctos_listed was_items[3];
static struct ctos_state_debtor was = { "C1", "company", "Old Name Sdn. Bhd.", "201901000005",
    "1312525-A", "N-1", 0, was_items, 3, 0 };

static void
setup(void)
{
	was_items[0] = listed("INV-1", "2026-07-01", 1000, 1000, "2026-09-30");
	was_items[1] = listed("INV-2", "2026-07-15", 500, 500, "2026-09-30");
	was_items[2] = listed("INV-3", "2026-08-01", 300, 300, "2026-09-30");
	was.notice_date = test_day("2026-09-01");
}

static struct ctos_update_debtor
debtor(enum ctos_action action, enum ctos_reason reason, const enum ctos_item_fate *fate,
    const struct ctos_listed *listing, size_t n)
{
	return (struct ctos_update_debtor){ .action = action, .reason = reason, .customer = "C1",
	    .debtor_type = "company", .name = "New Name Sdn. Bhd.", .id_new = "201901000005",
	    .id_old = "1312525-A", .was = &was, .fate = fate, .listing = listing, .nlisting = n,
	    .notice_date = DATE_NONE, .notice_ref = "", .last_payment = DATE_NONE,
	    .as_of = test_day("2026-10-31"), .currency = 0 };  /* not a column asserted here */
}

static void
ctos_part_paid_lists_what_is_left_then_what_was_paid(void)
{
	enum ctos_item_fate fate[3] = { CTOS_ITEM_PAID, CTOS_ITEM_LOWER, CTOS_ITEM_SAME };
	struct ctos_listed now[2];
	struct ctos_update_row rows[5];
	struct ctos_update_debtor d;
	size_t n = 0;

	setup();
	now[0] = listed("INV-2", "2026-07-15", 500, 200, "2026-09-30");
	now[1] = listed("INV-3", "2026-08-01", 300, 300, "2026-09-30");
	d = debtor(CTOS_PART_PAID, CTOS_ELIGIBLE, fate, now, 2);
	d.last_payment = test_day("2026-10-20");
	ctos_update_rows_of(&d, rows, &n);
	EXPECT_EQ_INT(n, 3);
	EXPECT_EQ_STR(rows[0].doc_no, "INV-2");
	EXPECT_EQ_INT(rows[0].outstanding, 200);
	EXPECT_EQ_INT(rows[0].original_amount, 500);
	EXPECT_EQ_STR(rows[0].reason, "");
	EXPECT_EQ_STR(rows[0].name, "New Name Sdn. Bhd.");      /* the master's now */
	EXPECT_EQ_STR(rows[0].notice_ref, "N-1");               /* the notice it was listed on */
	EXPECT_EQ_INT(rows[0].last_payment_date, test_day("2026-10-20"));
	EXPECT_EQ_STR(rows[2].doc_no, "INV-1");
	EXPECT_EQ_INT(rows[2].outstanding, 0);
	EXPECT_EQ_STR(rows[2].reason, "paid");
	EXPECT_EQ_INT(rows[2].listing_date, test_day("2026-09-30"));
}

static void
ctos_removals_show_what_the_bureau_was_told(void)
{
	enum ctos_item_fate paid[3] = { CTOS_ITEM_PAID, CTOS_ITEM_PAID, CTOS_ITEM_PAID };
	enum ctos_item_fate held[3] = { CTOS_ITEM_SAME, CTOS_ITEM_DISPUTED, CTOS_ITEM_SAME };
	struct ctos_listed left[1];
	struct ctos_update_row rows[3];
	struct ctos_update_debtor d;
	size_t n = 0;

	setup();
	d = debtor(CTOS_SETTLED, CTOS_NOT_OVERDUE, paid, NULL, 0);
	ctos_update_rows_of(&d, rows, &n);
	EXPECT_EQ_INT(n, 3);
	for (size_t i = 0; i < n; i++) {
		EXPECT_EQ_STR(rows[i].name, "Old Name Sdn. Bhd.");
		EXPECT_EQ_STR(rows[i].reason, "paid");
		EXPECT_EQ_INT(rows[i].outstanding, 0);
		EXPECT_EQ_INT(rows[i].last_payment_date, test_day("2026-10-31"));  /* no day known */
	}
	/* a listed item disputed, the rest below the minimum: still owed, held */
	n = 0;
	left[0] = listed("INV-3", "2026-08-01", 300, 100, "2026-10-31");
	d = debtor(CTOS_DISPUTE_HOLD, CTOS_BELOW_MINIMUM, held, left, 1);
	ctos_update_rows_of(&d, rows, &n);
	EXPECT_EQ_INT(n, 3);
	EXPECT_EQ_INT(rows[0].outstanding, 1000);
	EXPECT_EQ_STR(rows[0].reason, "below_minimum");
	EXPECT_EQ_STR(rows[1].reason, "dispute");
	EXPECT_EQ_INT(rows[2].outstanding, 100);
	EXPECT_EQ_INT(rows[2].last_payment_date, DATE_NONE);
}

int
main(void)
{
	RUN(ctos_part_paid_lists_what_is_left_then_what_was_paid);
	RUN(ctos_removals_show_what_the_bureau_was_told);
	return test_summary();
}
