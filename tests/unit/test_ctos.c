/* test_ctos.c - the credit-bureau listing: eligibility, the monthly diff, its properties (ctos.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/ctos.h"
#include "ar/ctos_spill.h"
#include "test.h"

static struct ctos_policy
policy(void)
{
	return (struct ctos_policy){ test_currency("MYR"), 15000, 60, 0, 14, true, false };
}

/* Facts that pass every check but the sums'. */
static struct ctos_facts
good_facts(void)
{
	return (struct ctos_facts){ test_day("2026-11-01"), test_day("2026-11-01"), false, true,
	    DATE_NONE };
}

static struct ctos_item
item(const char *doc_no, const char *due, int64_t amount, bool disputed)
{
	return (struct ctos_item){ doc_no, test_day("2026-06-01"), due ? test_day(due) : DATE_NONE, amount,
	    disputed };
}

static void
ctos_credits_pay_the_oldest_items_first(void)
{
	struct ctos_item items[] = {
		item("INV-2", "2026-09-01", 30000, false),
		item("CN-1", NULL, -45000, false),
		item("INV-1", "2026-08-01", 40000, false),
		item("INV-3", "2026-10-01", 20000, false),
	};
	struct ctos_listed out[4];
	size_t n;
	int64_t total;
	bool disputed;

	ctos_listing(items, 4, test_day("2026-11-30"), out, &n, &total, &disputed);
	EXPECT_EQ_INT(n, 2);
	EXPECT_EQ_STR(out[0].doc_no, "INV-2");
	EXPECT_EQ_INT(out[0].outstanding, 25000);       /* 40000 + 5000 of it paid by the credit */
	EXPECT_EQ_INT(out[0].original, 25000);
	EXPECT_EQ_STR(out[1].doc_no, "INV-3");
	EXPECT_EQ_INT(total, 45000);
	EXPECT(!disputed);
	EXPECT_EQ_INT(out[1].listing_date, test_day("2026-11-30"));
}

static void
ctos_lines_of_a_document_are_one_item(void)
{
	struct ctos_item items[] = {
		item("INV-1", "2026-08-01", 10000, false),
		item("INV-1", "2026-09-01", 10000, false),
		item("INV-1", "2027-01-01", 10000, false),     /* not due: not listed */
	};
	struct ctos_listed out[3];
	size_t n;
	int64_t total;
	bool disputed;

	ctos_listing(items, 3, test_day("2026-11-30"), out, &n, &total, &disputed);
	EXPECT_EQ_INT(n, 1);
	EXPECT_EQ_INT(out[0].outstanding, 20000);
	EXPECT_EQ_INT(out[0].due_date, test_day("2026-08-01"));
	EXPECT_EQ_INT(total, 20000);
}

static void
ctos_disputed_and_undue_items_are_left_out(void)
{
	struct ctos_item items[] = {
		item("INV-1", "2026-08-01", 10000, true),
		item("INV-2", "2026-11-30", 10000, false),     /* due on the as-of date: not past due */
		item("INV-3", NULL, 10000, false),
	};
	struct ctos_listed out[3];
	size_t n;
	int64_t total;
	bool disputed;

	ctos_listing(items, 3, test_day("2026-11-30"), out, &n, &total, &disputed);
	EXPECT_EQ_INT(n, 0);
	EXPECT_EQ_INT(total, 0);
	EXPECT(disputed);
}

/* The reason for one listed item of amount due on due, with facts f. */
static enum ctos_reason
reason_for(int64_t amount, const char *due, const struct ctos_facts *f)
{
	struct ctos_policy p = policy();
	struct ctos_listed l = { "INV-1", test_day("2026-06-01"), test_day(due), amount, amount,
	    test_day("2026-11-30") };

	return ctos_decide(&p, test_day("2026-11-30"), &l, 1, amount, false, f);
}

/* [ctos] judgment = yes: a judgment waives the wait and the notice, not the minimum or the id. */
static void
ctos_judgment_lists_without_notice(void)
{
	struct ctos_policy p = policy();
	struct ctos_facts f = good_facts();
	struct ctos_listed l = { "INV-1", test_day("2026-06-01"), test_day("2026-11-20"), 15000,
	    15000, test_day("2026-11-30") };
	civil_day as_of = test_day("2026-11-30");

	f.notice_date = f.notice_latest = DATE_NONE;
	f.judgment_date = test_day("2026-11-02");
	EXPECT_EQ_STR(ctos_reason_word(ctos_decide(&p, as_of, &l, 1, 15000, false, &f)),
	    "too_recent");                                   /* judgment = no: as before */
	p.judgment = true;
	EXPECT_EQ_INT(ctos_decide(&p, as_of, &l, 1, 15000, false, &f), CTOS_ELIGIBLE);
	EXPECT_EQ_STR(ctos_reason_word(ctos_decide(&p, as_of, &l, 1, 14999, false, &f)),
	    "below_minimum");
	f.id_valid = false;
	EXPECT_EQ_STR(ctos_reason_word(ctos_decide(&p, as_of, &l, 1, 15000, false, &f)),
	    "invalid_id");
	f.id_valid = true;
	f.judgment_date = test_day("2026-12-01");            /* after as-of: not yet */
	EXPECT_EQ_STR(ctos_reason_word(ctos_decide(&p, as_of, &l, 1, 15000, false, &f)),
	    "too_recent");
}

static void
ctos_every_reason_in_its_order(void)
{
	struct ctos_policy p = policy();
	struct ctos_facts f = good_facts();

	EXPECT_EQ_INT(reason_for(15000, "2026-10-01", &f), CTOS_ELIGIBLE);
	EXPECT_EQ_STR(ctos_reason_word(ctos_decide(&p, test_day("2026-11-30"), NULL, 0, 0, false, &f)),
	    "not_overdue");
	EXPECT_EQ_STR(ctos_reason_word(ctos_decide(&p, test_day("2026-11-30"), NULL, 0, 0, true, &f)),
	    "dispute");
	EXPECT_EQ_STR(ctos_reason_word(reason_for(14999, "2026-10-01", &f)), "below_minimum");
	/* 60 days past due is old enough; 59 is not. */
	EXPECT_EQ_INT(reason_for(15000, "2026-10-01", &f), CTOS_ELIGIBLE);
	EXPECT_EQ_STR(ctos_reason_word(reason_for(15000, "2026-10-02", &f)), "too_recent");
	f.notice_date = f.notice_latest = DATE_NONE;
	EXPECT_EQ_STR(ctos_reason_word(reason_for(15000, "2026-10-01", &f)), "no_notice");
	/* below the minimum says so before the notice does */
	EXPECT_EQ_STR(ctos_reason_word(reason_for(100, "2026-10-01", &f)), "below_minimum");
	f.notice_latest = test_day("2026-11-20");
	EXPECT_EQ_STR(ctos_reason_word(reason_for(15000, "2026-10-01", &f)), "notice_too_recent");
	f = good_facts();
	f.id_valid = false;
	EXPECT_EQ_STR(ctos_reason_word(reason_for(15000, "2026-10-01", &f)), "invalid_id");
	f = good_facts();
	f.written_off = true;
	EXPECT_EQ_INT(reason_for(15000, "2026-10-01", &f), CTOS_ELIGIBLE);
	p.list_written_off = false;
	{
		struct ctos_listed l = { "INV-1", test_day("2026-06-01"), test_day("2026-10-01"), 15000, 15000,
		    test_day("2026-11-30") };

		EXPECT_EQ_STR(ctos_reason_word(ctos_decide(&p, test_day("2026-11-30"), &l, 1, 15000, false,
		    &f)), "written_off");
	}
}

/* A state of two items listed at 100.00 and 200.00. */
static const struct ctos_listed listed[2] = {
	{ "INV-1", 0, 0, 10000, 10000, 0 },
	{ "INV-2", 0, 0, 20000, 20000, 0 },
};

static enum ctos_action
diff(const struct ctos_listed *now, size_t n, enum ctos_reason reason,
    const struct ctos_item *items, size_t nitems, enum ctos_item_fate *fate)
{
	return ctos_diff(listed, 2, now, n, reason, test_day("2026-11-30"), items, nitems, fate);
}

static void
ctos_diff_gives_every_action(void)
{
	struct ctos_listed same[2] = { listed[0], listed[1] };
	struct ctos_listed lower[2] = { listed[0], { "INV-2", 0, 0, 20000, 5000, 0 } };
	struct ctos_listed more[3] = { listed[0], listed[1], { "INV-9", 0, 0, 100, 100, 0 } };
	struct ctos_item open_disputed[] = { item("INV-1", "2026-08-01", 10000, true),
	    item("INV-2", "2026-08-01", 20000, false) };
	struct ctos_item not_due[] = { item("INV-1", "2027-01-01", 10000, false) };
	enum ctos_item_fate fate[2];

	EXPECT_EQ_INT(ctos_diff(NULL, 0, same, 2, CTOS_ELIGIBLE, test_day("2026-11-30"), NULL, 0, NULL),
	    CTOS_NEW);
	EXPECT_EQ_INT(ctos_diff(NULL, 0, NULL, 0, CTOS_BELOW_MINIMUM, test_day("2026-11-30"), NULL, 0,
	    NULL), CTOS_NONE);
	EXPECT_EQ_INT(diff(same, 2, CTOS_ELIGIBLE, NULL, 0, fate), CTOS_NONE);
	EXPECT_EQ_INT(fate[0], CTOS_ITEM_SAME);
	EXPECT_EQ_STR(ctos_action_word(diff(lower, 2, CTOS_ELIGIBLE, NULL, 0, fate)), "PART_PAID");
	EXPECT_EQ_INT(fate[1], CTOS_ITEM_LOWER);
	/* INV-1 gone from the items: paid in full, the rest still listed */
	EXPECT_EQ_STR(ctos_action_word(diff(&listed[1], 1, CTOS_ELIGIBLE, NULL, 0, fate)),
	    "PART_PAID");
	EXPECT_EQ_STR(ctos_fate_word(fate[0]), "paid");
	EXPECT_EQ_STR(ctos_action_word(diff(more, 3, CTOS_ELIGIBLE, NULL, 0, fate)), "AMEND");
	/* a listed item disputed, the rest still eligible: amended without it */
	EXPECT_EQ_STR(ctos_action_word(diff(&listed[1], 1, CTOS_ELIGIBLE, open_disputed, 2, fate)),
	    "AMEND");
	EXPECT_EQ_STR(ctos_fate_word(fate[0]), "dispute");
	{
		struct ctos_listed higher[2] = { listed[0], { "INV-2", 0, 0, 20000, 30000, 0 } };

		EXPECT_EQ_STR(ctos_action_word(diff(higher, 2, CTOS_ELIGIBLE, NULL, 0, fate)),
		    "AMEND");
		EXPECT_EQ_INT(fate[1], CTOS_ITEM_HIGHER);
	}
	EXPECT_EQ_STR(ctos_action_word(diff(NULL, 0, CTOS_NOT_OVERDUE, NULL, 0, fate)), "SETTLED");
	EXPECT_EQ_STR(ctos_action_word(diff(NULL, 0, CTOS_DISPUTE, open_disputed, 2, fate)),
	    "DISPUTE_HOLD");
	EXPECT_EQ_STR(ctos_action_word(diff(&listed[1], 1, CTOS_INVALID_ID, open_disputed + 1, 1,
	    fate)), "WITHDRAW");
	/* still owed but not past due any more (its due date moved) */
	EXPECT_EQ_STR(ctos_action_word(diff(&listed[1], 1, CTOS_ELIGIBLE, not_due, 1, fate)),
	    "AMEND");
	EXPECT_EQ_INT(fate[0], CTOS_ITEM_DROPPED);
	EXPECT_EQ_STR(ctos_action_journal(CTOS_NEW), "ctos_list");
	EXPECT_EQ_STR(ctos_action_journal(CTOS_PART_PAID), "ctos_amend");
	EXPECT_EQ_STR(ctos_action_journal(CTOS_DISPUTE_HOLD), "ctos_remove");
}

static void
ctos_carry_over_keeps_the_first_listing(void)
{
	struct ctos_listed state[1] = { { "INV-1", 0, 0, 50000, 40000, test_day("2026-10-31") } };
	struct ctos_listed now[2] = {
		{ "INV-1", 0, 0, 30000, 30000, test_day("2026-11-30") },
		{ "INV-2", 0, 0, 7000, 7000, test_day("2026-11-30") },
	};

	ctos_carry_over(state, 1, now, 2);
	EXPECT_EQ_INT(now[0].original, 50000);
	EXPECT_EQ_INT(now[0].listing_date, test_day("2026-10-31"));
	EXPECT_EQ_INT(now[1].original, 7000);
	EXPECT_EQ_INT(now[1].listing_date, test_day("2026-11-30"));
}

/* A small seeded generator, the same sequence on every machine. */
static uint64_t rng_state;

static uint32_t
rng(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng_state >> 33);
}

static void
ctos_sums_agree_with_the_listing(void)
{
	struct ctos_policy p = policy();
	struct ctos_facts f = good_facts();
	civil_day as_of = test_day("2026-11-30");
	static const char *const docs[] = { "A", "B", "C", "D", "E", "F" };

	rng_state = 16;
	for (int round = 0; round < 5000; round++) {
		struct ctos_item items[6];
		struct ctos_listed out[6];
		struct ctos_tally t = CTOS_TALLY_INIT;
		size_t n = rng() % 7, k;
		int64_t total;
		bool disputed;

		for (size_t i = 0; i < n; i++) {
			char due[11];

			snprintf(due, sizeof due, "2026-%02u-%02u", 6 + rng() % 7, 1 + rng() % 28);
			items[i] = item(docs[i], due, (int64_t)(rng() % 40000) - 8000, rng() % 8 == 0);
			EXPECT_EQ_INT(ctos_tally_add(&t, &items[i], as_of), AR_OK);
		}
		f.notice_latest = f.notice_date = rng() % 4 ? test_day("2026-11-01") : DATE_NONE;
		enum ctos_reason by_sums = ctos_tally_reason(&p, as_of, &t, &f);
		ctos_listing(items, n, as_of, out, &k, &total, &disputed);
		enum ctos_reason by_items = ctos_decide(&p, as_of, out, k, total, disputed, &f);
		EXPECT_EQ_INT(total, t.past_due > t.credits ? t.past_due - t.credits : 0);
		if (ctos_tally_final(by_sums))
			EXPECT_EQ_INT(by_items, by_sums);
		/* the listing never claims more than the debtor owes past due */
		int64_t sum = 0;
		for (size_t i = 0; i < k; i++) {
			EXPECT(out[i].outstanding > 0);
			sum += out[i].outstanding;
		}
		EXPECT_EQ_INT(sum, total);
	}
}

/*
 * Over random months of payments, with each month's action committed to
 * the state: a debtor whose listed items are all paid is never left
 * listed, and nothing stays listed for more than is open.
 */
#define DEBTORS 40
#define DOCS 5

static void
ctos_a_debtor_who_paid_is_never_left_listed(void)
{
	static const char *const docs[DOCS] = { "INV-1", "INV-2", "INV-3", "INV-4", "INV-5" };
	struct ctos_policy p = policy();
	struct ctos_facts f = good_facts();
	int64_t open[DEBTORS][DOCS];
	struct ctos_listed state[DEBTORS][DOCS];
	size_t nstate[DEBTORS] = { 0 };
	unsigned long settled = 0, listed_months = 0;

	rng_state = 42;
	for (int d = 0; d < DEBTORS; d++)
		for (int k = 0; k < DOCS; k++)
			open[d][k] = rng() % 3 ? (int64_t)(rng() % 100000) : 0;
	for (int month = 0; month < 12; month++) {
		civil_day as_of = test_day("2026-11-30") + 30 * month;

		for (int d = 0; d < DEBTORS; d++) {
			struct ctos_item items[DOCS];
			struct ctos_listed now[DOCS];
			enum ctos_item_fate fate[DOCS];
			size_t n = 0, k;
			int64_t total;
			bool disputed;

			/* this month's payments: some items paid in part, some in full */
			for (int i = 0; i < DOCS; i++) {
				if (month > 0 && rng() % 3 == 0)
					open[d][i] = rng() % 2 ? open[d][i] / 2 : 0;
				if (open[d][i] > 0)
					items[n++] = item(docs[i], "2026-07-01", open[d][i],
					    rng() % 20 == 0);
			}
			ctos_listing(items, n, as_of, now, &k, &total, &disputed);
			enum ctos_reason r = ctos_decide(&p, as_of, now, k, total, disputed, &f);
			enum ctos_action a = ctos_diff(state[d], nstate[d], now, k, r, as_of, items, n,
			    fate);
			bool all_paid = nstate[d] > 0;

			for (size_t i = 0; i < nstate[d]; i++) {
				int doc = state[d][i].doc_no[4] - '1';

				all_paid = all_paid && open[d][doc] == 0;
			}
			if (all_paid) {
				EXPECT(a == CTOS_SETTLED || a == CTOS_AMEND || a == CTOS_PART_PAID);
				settled += a == CTOS_SETTLED;
			}
			/* commit */
			if (a == CTOS_NEW || a == CTOS_AMEND || a == CTOS_PART_PAID) {
				ctos_carry_over(state[d], nstate[d], now, k);
				memcpy(state[d], now, k * sizeof now[0]);
				nstate[d] = k;
			} else if (a == CTOS_SETTLED || a == CTOS_DISPUTE_HOLD || a == CTOS_WITHDRAW) {
				nstate[d] = 0;
			}
			/* what stays listed is open, at most what is open */
			for (size_t i = 0; i < nstate[d]; i++) {
				int doc = state[d][i].doc_no[4] - '1';

				EXPECT(open[d][doc] > 0);
				EXPECT(state[d][i].outstanding <= open[d][doc]);
				listed_months++;
			}
		}
	}
	/* the property was exercised: debtors were listed, and some settled */
	EXPECT(listed_months > 50);
	EXPECT(settled > 5);
}

static void
ctos_spill_gives_back_the_items_asked_for(void)
{
	struct ctos_spill *s;
	struct ctos_spill_items out[2] = { { 0 } };
	int32_t slot[3] = { 1, -1, 0 };
	struct ctos_item a = item("INV-1xx", "2026-08-01", 100, true);

	EXPECT_EQ_INT(ctos_spill_open(&s), AR_OK);
	EXPECT_EQ_INT(ctos_spill_put(s, 0, &a, 5), AR_OK);
	EXPECT_EQ_INT(ctos_spill_put(s, 1, &a, 7), AR_OK);
	EXPECT_EQ_INT(ctos_spill_put(s, 2, &a, 3), AR_OK);
	EXPECT_EQ_INT(ctos_spill_put(s, 7, &a, 3), AR_OK);     /* beyond the slots: not wanted */
	EXPECT_EQ_INT(ctos_spill_put(s, 0, &a, 0), AR_OK);
	EXPECT_EQ_INT(ctos_spill_gather(s, slot, 3, out), AR_OK);
	EXPECT_EQ_INT(out[1].n, 2);
	EXPECT_EQ_STR(out[1].items[0].doc_no, "INV-1");
	EXPECT_EQ_STR(out[1].items[1].doc_no, "");
	EXPECT_EQ_INT(out[1].items[0].amount, 100);
	EXPECT(out[1].items[0].disputed);
	EXPECT_EQ_INT(out[1].items[0].due_date, test_day("2026-08-01"));
	EXPECT_EQ_INT(out[0].n, 1);
	EXPECT_EQ_STR(out[0].items[0].doc_no, "INV");
	ctos_spill_items_free(&out[0]);
	ctos_spill_items_free(&out[1]);
	/* a second pass over the file, for other debtors */
	ctos_spill_forget(s);
	slot[0] = slot[2] = -1;
	slot[1] = 0;
	EXPECT_EQ_INT(ctos_spill_gather(s, slot, 3, out), AR_OK);
	EXPECT_EQ_INT(out[0].n, 1);
	EXPECT_EQ_STR(out[0].items[0].doc_no, "INV-1xx");
	EXPECT_EQ_INT(out[1].n, 0);
	ctos_spill_items_free(&out[0]);
	ctos_spill_close(s);
}

/* What ctos_spill_passes handed over: the debtor's place and its items' doc_nos and amounts. */
struct seen_items {
	char text[8][64];
	size_t calls;
};

static void
note_items(void *arg, size_t i, const struct ctos_spill_items *items)
{
	struct seen_items *seen = arg;
	int k = snprintf(seen->text[seen->calls], sizeof seen->text[0], "%zu:", i);

	for (size_t j = 0; j < items->n; j++)
		k += snprintf(seen->text[seen->calls] + k, sizeof seen->text[0] - (size_t)k, " %s=%lld",
		    items->items[j].doc_no, (long long)items->items[j].amount);
	seen->calls++;
}

static void
ctos_spill_passes_give_the_same_items_whatever_the_budget(void)
{
	static const char *const want[] = { "0: C-1=30 C-2=31", "1:", "2: A-1=10 A-2=11 A-3=12" };
	struct ctos_spill *s;
	struct ctos_item a = item("A-1", "2026-08-01", 0, false);
	uint32_t ids[3] = { 2, 1, 0 };          /* C, B (no items), A */
	size_t lines[3] = { 2, 0, 3 };
	size_t budgets[] = { 1, 2, 3, 5, 1000 };

	EXPECT_EQ_INT(ctos_spill_open(&s), AR_OK);
	for (int k = 0; k < 5; k++) {
		char doc[16];
		uint32_t who = k < 3 ? 0 : 2;

		snprintf(doc, sizeof doc, "%c-%d", who == 0 ? 'A' : 'C', k < 3 ? k + 1 : k - 2);
		a.doc_no = doc;
		a.amount = who == 0 ? 10 + k : 30 + k - 3;
		EXPECT_EQ_INT(ctos_spill_put(s, who, &a, strlen(doc)), AR_OK);
		EXPECT_EQ_INT(ctos_spill_put(s, 3, &a, strlen(doc)), AR_OK);  /* D: not asked for */
	}
	for (size_t b = 0; b < sizeof budgets / sizeof budgets[0]; b++) {
		struct seen_items seen = { .calls = 0 };

		EXPECT_EQ_INT(ctos_spill_passes(s, ids, lines, 3, 4, budgets[b], note_items, &seen),
		    AR_OK);
		EXPECT_EQ_INT(seen.calls, 3);
		for (size_t i = 0; i < 3; i++)
			EXPECT_EQ_STR(seen.text[i], want[i]);
	}
	ctos_spill_close(s);
}

int
main(void)
{
	RUN(ctos_credits_pay_the_oldest_items_first);
	RUN(ctos_lines_of_a_document_are_one_item);
	RUN(ctos_disputed_and_undue_items_are_left_out);
	RUN(ctos_every_reason_in_its_order);
	RUN(ctos_diff_gives_every_action);
	RUN(ctos_carry_over_keeps_the_first_listing);
	RUN(ctos_sums_agree_with_the_listing);
	RUN(ctos_a_debtor_who_paid_is_never_left_listed);
	RUN(ctos_spill_gives_back_the_items_asked_for);
	RUN(ctos_spill_passes_give_the_same_items_whatever_the_budget);
	RUN(ctos_judgment_lists_without_notice);
	return test_summary();
}
