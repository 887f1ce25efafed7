/*
 * test_pod.c - the claim of a proof of debt (pod.h): the cut-off, interest
 * to the cut-off rounded once per item, INT and FEE without interest, set-off,
 * receipts after the cut-off listed apart, the parts, the caps; and, over
 * random ledgers, the claim equals the sum of its lines, moving the
 * cut-off later never lowers interest, nothing dated after it is claimed.
 */
#include <stdlib.h>
#include <string.h>

#include "ar/interest.h"
#include "ar/pod.h"
#include "test.h"

static civil_day
day(int y, int m, int d)
{
	civil_day x;

	if (date_from_ymd(y, m, d, &x) != AR_OK)
		abort();
	return x;
}

static struct pod_item
item(enum pod_doc_type t, civil_day doc, civil_day due, int64_t amount, enum pod_part part)
{
	struct pod_item it = { t, doc, due, amount, part };

	return it;
}

static void
claim_at_the_cut_off(void)
{
	struct pod_claim c;
	struct pod_line l;
	bool counted;
	civil_day cut = day(2026, 10, 5);

	pod_claim_init(&c, cut, 8 * (int64_t)INTEREST_PER_CENT);
	/* 100,000.00 due 2026-07-07: 90 days at 8 %: 1,972.60 (1972.6027...) */
	EXPECT_EQ_INT(pod_claim_add_item(&c, &(struct pod_item){ POD_INV, day(2026, 6, 7),
	    day(2026, 7, 7), 10000000, POD_UNSECURED }, &l), AR_OK);
	EXPECT(l.claimed);
	EXPECT_EQ_INT(l.interest_days, 90);
	EXPECT_EQ_INT(l.interest, 197260);
	/* due after the cut-off: claimed, no interest */
	pod_claim_add_item(&c, &(struct pod_item){ POD_INV, day(2026, 9, 30), day(2026, 10, 30),
	    500000, POD_SECURED }, &l);
	EXPECT(l.claimed);
	EXPECT_EQ_INT(l.interest, 0);
	/* a fee: principal, no interest */
	pod_claim_add_item(&c, &(struct pod_item){ POD_FEE, day(2026, 8, 1), day(2026, 8, 1),
	    5000, POD_UNSECURED }, &l);
	EXPECT_EQ_INT(l.interest, 0);
	/* a credit note before the cut-off, an invoice and a dividend after it */
	pod_claim_add_item(&c, &(struct pod_item){ POD_CN, day(2026, 9, 1), DATE_NONE, -200000,
	    POD_UNSECURED }, &l);
	EXPECT(l.claimed);
	pod_claim_add_item(&c, &(struct pod_item){ POD_INV, day(2026, 10, 6), day(2026, 11, 5),
	    300000, POD_UNSECURED }, &l);
	EXPECT(!l.claimed);
	pod_claim_add_item(&c, &(struct pod_item){ POD_PAY, day(2027, 3, 1), DATE_NONE, -150000,
	    POD_UNSECURED }, &l);
	EXPECT(!l.claimed);
	EXPECT_EQ_INT(pod_claim_add_set_off(&c, day(2026, 10, 1), 1000000, &counted), AR_OK);
	EXPECT(counted);
	EXPECT_EQ_INT(pod_claim_add_set_off(&c, day(2026, 10, 6), 999, &counted), AR_OK);
	EXPECT(!counted);
	EXPECT_EQ_INT(pod_claim_finish(&c), AR_OK);
	EXPECT_EQ_INT(c.principal, 10000000 + 500000 + 5000 - 200000);
	EXPECT_EQ_INT(c.interest, 197260);
	EXPECT_EQ_INT(c.set_off, 1000000);
	EXPECT_EQ_INT(c.net_claim, 10305000 + 197260 - 1000000);
	EXPECT_EQ_INT(c.items, 4);
	EXPECT_EQ_INT(c.post_items, 300000);
	EXPECT_EQ_INT(c.post_receipts, 150000);
	/* credits and set-off come off the unsecured part */
	EXPECT_EQ_INT(c.part[POD_SECURED], 500000);
	EXPECT_EQ_INT(c.part[POD_PREFERENTIAL], 0);
	EXPECT_EQ_INT(c.part[POD_UNSECURED], 10000000 + 197260 + 5000 - 200000 - 1000000);
	EXPECT_EQ_INT(c.part[0] + c.part[1] + c.part[2], c.net_claim);
}

static void
set_off_beyond_the_unsecured_part(void)
{
	struct pod_claim c;
	bool counted;
	civil_day cut = day(2026, 10, 5);

	pod_claim_init(&c, cut, 0);
	pod_claim_add_item(&c, &(struct pod_item){ POD_INV, cut, cut, 1000, POD_UNSECURED }, NULL);
	pod_claim_add_item(&c, &(struct pod_item){ POD_INV, cut, cut, 2000, POD_PREFERENTIAL }, NULL);
	pod_claim_add_item(&c, &(struct pod_item){ POD_INV, cut, cut, 4000, POD_SECURED }, NULL);
	pod_claim_add_set_off(&c, cut, 2500, &counted);
	pod_claim_finish(&c);
	EXPECT_EQ_INT(c.part[POD_UNSECURED], 0);
	EXPECT_EQ_INT(c.part[POD_PREFERENTIAL], 500);
	EXPECT_EQ_INT(c.part[POD_SECURED], 4000);
	EXPECT_EQ_INT(c.net_claim, 4500);
	/* more set-off than debt: nothing claimed, the rest owed to the debtor */
	pod_claim_add_set_off(&c, cut, 10000, &counted);
	pod_claim_finish(&c);
	EXPECT_EQ_INT(c.net_claim, 0);
	EXPECT_EQ_INT(c.owed_to_debtor, 5500);
	EXPECT_EQ_INT(c.part[POD_UNSECURED] + c.part[POD_PREFERENTIAL] + c.part[POD_SECURED], 0);
}

static void
rates_and_caps(void)
{
	struct pod_policy p = { 10 * (int64_t)INTEREST_PER_CENT, 6 * (int64_t)INTEREST_PER_CENT, -1 };
	struct customer c;
	struct ar_error e = { 0 };
	int64_t rate;

	memset(&c, 0, sizeof c);
	c.status = (char *)"liquidation";
	c.interest_rate = (char *)"";
	EXPECT_EQ_INT(pod_rate(&p, &c, &rate, &e), AR_OK);
	EXPECT_EQ_INT(rate, 10 * (int64_t)INTEREST_PER_CENT);   /* the policy's, no cap */
	c.interest_rate = (char *)"0";
	pod_rate(&p, &c, &rate, &e);
	EXPECT_EQ_INT(rate, 0);                                 /* "0": none */
	c.interest_rate = (char *)"18";
	c.status = (char *)"bankruptcy";
	pod_rate(&p, &c, &rate, &e);
	EXPECT_EQ_INT(rate, 6 * (int64_t)INTEREST_PER_CENT);    /* the Insolvency Act's cap */
	c.status = (char *)"liquidation";
	p.cap_company = 8 * (int64_t)INTEREST_PER_CENT;
	pod_rate(&p, &c, &rate, &e);
	EXPECT_EQ_INT(rate, 8 * (int64_t)INTEREST_PER_CENT);
	c.interest_rate = (char *)"lots";
	c.line = 7;
	EXPECT_EQ_INT(pod_rate(&p, &c, &rate, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(e.line, 7);
}

static void
words(void)
{
	enum pod_doc_type t;
	enum pod_part part;

	EXPECT(pod_doc_type_parse("cn", 2, &t) && t == POD_CN);
	EXPECT(!pod_doc_type_parse("XX", 2, &t));
	EXPECT(pod_part_parse("", 0, &part) && part == POD_UNSECURED);
	EXPECT(pod_part_parse("Secured", 7, &part) && part == POD_SECURED);
	EXPECT(!pod_part_parse("partly", 6, &part));
	EXPECT_EQ_STR(pod_part_word(POD_PREFERENTIAL), "preferential");
}

/* A random ledger of n items around 2026. */
static void
random_items(struct pod_item *v, size_t n, unsigned *seed)
{
	static const enum pod_doc_type types[] = { POD_INV, POD_INV, POD_INV, POD_DN, POD_CN,
		POD_PAY, POD_INT, POD_FEE };

	for (size_t i = 0; i < n; i++) {
		enum pod_doc_type t = types[rand_r(seed) % 8];
		civil_day doc = day(2026, 1, 1) + rand_r(seed) % 365;
		int64_t amount = 100 + rand_r(seed) % 10000000;

		if (t == POD_CN || t == POD_PAY)
			amount = -amount;
		v[i] = item(t, doc, rand_r(seed) % 5 ? doc + rand_r(seed) % 90 : DATE_NONE, amount,
		    (enum pod_part)(rand_r(seed) % 6 < 4 ? POD_UNSECURED : rand_r(seed) % 2 + 1));
	}
}

static void
properties_over_random_ledgers(void)
{
	unsigned seed = 15;
	struct pod_item v[60];
	int held = 0;

	for (int round = 0; round < 2000; round++) {
		size_t n = 1 + (size_t)(rand_r(&seed) % 60);
		civil_day cut = day(2026, 1, 1) + rand_r(&seed) % 400;
		int64_t rate = (int64_t)(rand_r(&seed) % 25) * INTEREST_PER_CENT / 2;
		struct pod_claim a, b;
		int64_t sum = 0, isum = 0;
		bool ok = true, counted;

		random_items(v, n, &seed);
		pod_claim_init(&a, cut, rate);
		pod_claim_init(&b, cut + 1 + rand_r(&seed) % 100, rate);
		for (size_t i = 0; i < n; i++) {
			struct pod_line l;

			pod_claim_add_item(&a, &v[i], &l);
			pod_claim_add_item(&b, &v[i], NULL);
			ok = ok && l.claimed == (v[i].doc_date <= cut);
			if (l.claimed) {
				sum += v[i].amount;
				isum += l.interest;
			}
		}
		pod_claim_add_set_off(&a, cut, rand_r(&seed) % 100000, &counted);
		pod_claim_finish(&a);
		pod_claim_finish(&b);
		if (!ok || a.principal != sum || a.interest != isum ||
		    a.net_claim != (sum + isum - a.set_off > 0 ? sum + isum - a.set_off : 0) ||
		    a.part[0] + a.part[1] + a.part[2] != a.net_claim ||
		    a.part[0] < 0 || a.part[1] < 0 || a.part[2] < 0 || b.interest < a.interest) {
			printf("#   round %d breaks a property\n", round);
			break;
		}
		held++;
	}
	EXPECT_EQ_INT(held, 2000);
}

int
main(void)
{
	RUN(claim_at_the_cut_off);
	RUN(set_off_beyond_the_unsecured_part);
	RUN(rates_and_caps);
	RUN(words);
	RUN(properties_over_random_ledgers);
	return test_summary();
}
