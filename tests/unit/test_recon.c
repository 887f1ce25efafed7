/* test_recon.c - the classifier of ar-recon (lib/ar/recon.h). */
#include "test.h"

#include "ar/recon.h"

static currency_id myr, usd;

static civil_day
day(const char *s)
{
	civil_day d = DATE_NONE;

	date_parse(s, strlen(s), NULL, &d);
	return d;
}

static void
theirs(struct recon *r, const char *doc, const char *ref, const char *date, currency_id cur,
    int64_t amount, enum recon_kind kind, long line)
{
	struct recon_their t = { doc, doc, ref, day(date), cur, amount, kind, line };

	EXPECT_EQ_INT(recon_add_theirs(r, &t), AR_OK);
}

/* The row of our doc_no, or of their line. */
static const struct recon_row *
row_of(const struct recon *r, const char *doc_no, long line)
{
	for (size_t i = 0; i < recon_nrows(r); i++) {
		const struct recon_row *x = recon_row_at(r, i);

		if ((doc_no != NULL && strcmp(x->doc_no, doc_no) == 0) ||
		    (doc_no == NULL && x->their_line == line))
			return x;
	}
	return NULL;
}

static void
classes_and_tie_out(void)
{
	struct recon *r;
	struct ar_error e = { 0 };
	const struct recon_row *x;

	EXPECT_EQ_INT(recon_new(&r), AR_OK);
	recon_add_ours(r, "IV-0001001", "INV", day("2026-10-01"), myr, 100000);
	recon_add_ours(r, "1002", "INV", day("2026-10-02"), myr, 50000);
	recon_add_ours(r, "1002", "INV", day("2026-10-02"), myr, 20000);   /* one document: 700.00 */
	recon_add_ours(r, "1003", "INV", day("2026-10-03"), myr, 30000);
	recon_add_ours(r, "CN-0001", "CN", day("2026-10-04"), myr, -5000);
	theirs(r, "inv 1001", "", "2026-10-01", myr, 100000, RECON_ENTRY, 2);
	theirs(r, "X-9", "1002", "2026-10-02", myr, 69000, RECON_ENTRY, 3);
	theirs(r, "PV-1", "1003", "2026-10-20", myr, -30000, RECON_PAYMENT, 4);
	theirs(r, "DN-1", "1003", "2026-10-21", myr, -1000, RECON_DEDUCTION, 5);
	theirs(r, "SCN-7", "CN 1", "2026-10-05", myr, -5000, RECON_ENTRY, 6);
	theirs(r, "X-10", "", "2026-10-06", myr, 4200, RECON_ENTRY, 7);
	EXPECT_EQ_INT(recon_match(r, 7), AR_OK);
	EXPECT(recon_wants_payments(r));
	EXPECT_EQ_INT(recon_finish(r, false, &e), AR_OK);
	EXPECT_EQ_INT(recon_nours(r), 4);
	x = row_of(r, "IV-0001001", 0);
	EXPECT(x != NULL && x->cls == RECON_MATCHED && x->their_line == 2);
	x = row_of(r, "1002", 0);
	EXPECT(x != NULL && x->cls == RECON_AMOUNT_DIFFERS && x->ours == 70000 &&
	    x->difference == 1000);
	EXPECT_EQ_STR(x->note, "by their reference; they booked 10.00 less");
	/* the payment cites 1003 but is no invoice: 1003 is missing in theirs */
	x = row_of(r, "1003", 0);
	EXPECT(x != NULL && x->cls == RECON_MISSING_THEIRS && !x->has_theirs);
	x = row_of(r, NULL, 4);
	EXPECT(x != NULL && x->cls == RECON_PAYMENT_IN_TRANSIT && x->difference == 30000);
	EXPECT_EQ_STR(x->note, "our bank not checked (no --payments)");
	x = row_of(r, NULL, 5);
	EXPECT(x != NULL && x->cls == RECON_CREDIT_NOTE_PENDING && x->difference == 1000);
	x = row_of(r, "CN-0001", 0);
	EXPECT(x != NULL && x->cls == RECON_MATCHED && x->their_line == 6);
	x = row_of(r, NULL, 7);
	EXPECT(x != NULL && x->cls == RECON_MISSING_OURS && x->difference == -4200);
	EXPECT_EQ_INT(recon_nbalances(r), 1);
	EXPECT_EQ_INT(recon_balance_at(r, 0)->ours, 195000);
	EXPECT_EQ_INT(recon_balance_at(r, 0)->theirs, 137200);
	EXPECT_EQ_INT(recon_balance_at(r, 0)->difference, 195000 - 137200);
	EXPECT_EQ_INT(recon_balance_at(r, 0)->count[RECON_MATCHED], 2);
	recon_free(r);
}

/* Pass 3 pairs only where each side has one candidate. */
static void
amount_and_date_only_when_alone(void)
{
	struct recon *r;
	struct ar_error e = { 0 };

	EXPECT_EQ_INT(recon_new(&r), AR_OK);
	recon_add_ours(r, "A", "INV", day("2026-10-01"), myr, 1000);
	recon_add_ours(r, "B", "INV", day("2026-10-03"), myr, 1000);
	recon_add_ours(r, "C", "INV", day("2026-10-01"), usd, 1000);
	theirs(r, "Z1", "", "2026-10-02", myr, 1000, RECON_ENTRY, 2);
	theirs(r, "Z2", "", "2026-10-20", usd, 1000, RECON_ENTRY, 3);
	theirs(r, "Z3", "", "2026-10-05", usd, 1000, RECON_ENTRY, 4);
	recon_match(r, 7);
	EXPECT_EQ_INT(recon_finish(r, false, &e), AR_OK);
	EXPECT_EQ_INT(row_of(r, "A", 0)->cls, RECON_MISSING_THEIRS);   /* A and B both fit Z1 */
	EXPECT_EQ_INT(row_of(r, "B", 0)->cls, RECON_MISSING_THEIRS);
	EXPECT_EQ_INT(row_of(r, NULL, 2)->cls, RECON_MISSING_OURS);
	EXPECT_EQ_INT(row_of(r, "C", 0)->their_line, 4);              /* Z2 is 19 days off */
	EXPECT_EQ_STR(row_of(r, "C", 0)->note, "by amount and date");
	EXPECT_EQ_INT(recon_nbalances(r), 2);
	recon_free(r);
}

/* A payment found in the bank: the one citing it first, then the nearest; each once. */
static void
payments_found_in_bank(void)
{
	struct recon *r;
	struct ar_error e = { 0 };

	EXPECT_EQ_INT(recon_new(&r), AR_OK);
	theirs(r, "PV-1", "INV 5001", "2026-11-10", myr, -240000, RECON_PAYMENT, 2);
	theirs(r, "PV-2", "", "2026-11-10", myr, -240000, RECON_PAYMENT, 3);
	theirs(r, "PV-3", "", "2026-11-10", myr, -1000, RECON_PAYMENT, 4);
	recon_match(r, 7);
	EXPECT_EQ_INT(recon_offer_payment(r, "S:1", day("2026-11-11"), myr, 240000, ""), AR_OK);
	EXPECT_EQ_INT(recon_offer_payment(r, "S:2", day("2026-11-15"), myr, 240000, "5001"), AR_OK);
	EXPECT_EQ_INT(recon_offer_payment(r, "S:3", day("2026-11-01"), myr, 1000, ""), AR_OK);
	EXPECT_EQ_INT(recon_finish(r, true, &e), AR_OK);
	EXPECT_EQ_STR(row_of(r, NULL, 2)->note,
	    "in our bank: S:2, value 2026-11-15, not applied to our items");
	EXPECT_EQ_STR(row_of(r, NULL, 3)->note,
	    "in our bank: S:1, value 2026-11-11, not applied to our items");
	EXPECT_EQ_STR(row_of(r, NULL, 4)->note, "not in our bank");   /* 9 days before */
	EXPECT_EQ_INT(recon_balance_at(r, 0)->difference, 481000);
	recon_free(r);
}

int
main(void)
{
	currency_lookup("MYR", 3, &myr);
	currency_lookup("USD", 3, &usd);
	RUN(classes_and_tie_out);
	RUN(amount_and_date_only_when_alone);
	RUN(payments_found_in_bank);
	return test_summary();
}
