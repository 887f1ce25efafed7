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
#include "ar/pod_case.h"
#include "core/currency.h"
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

static currency_id
cur(const char *code)
{
	currency_id c;

	if (currency_lookup(code, strlen(code), &c) != AR_OK)
		abort();
	return c;
}

static void
add(struct pod_case *k, const char *doc_no, currency_id c, struct pod_item it)
{
	struct pod_item_in in = { doc_no, strlen(doc_no), it, c, 0 };
	struct ar_error e = { 0 };

	EXPECT_EQ_INT(pod_case_add_item(k, &in, &e), AR_OK);
}

/* The statement: ordered by currency, date, doc_no; the running balance of the claimed lines. */
static void
case_statement_in_order(void)
{
	struct customer c;
	struct pod_case k;
	struct ar_error e = { 0 };
	civil_day cut = day(2026, 8, 14);
	struct pod_set_off_in so = { "Rebate", 6, cur("MYR"), day(2026, 6, 30), 15000, 0 };
	struct pod_set_off_in late = { "Late rebate", 11, cur("MYR"), day(2026, 9, 1), 100, 0 };

	memset(&c, 0, sizeof c);
	pod_case_init(&k, "L1", &c, cut, 8 * (int64_t)INTEREST_PER_CENT);
	add(&k, "U1", cur("USD"), item(POD_INV, day(2026, 6, 1), day(2026, 7, 1), 100000, POD_UNSECURED));
	add(&k, "90003", cur("MYR"), item(POD_INV, day(2026, 8, 15), day(2026, 9, 14), 300000, POD_UNSECURED));
	add(&k, "90001", cur("MYR"), item(POD_INV, day(2026, 5, 1), day(2026, 5, 31), 1000000, POD_UNSECURED));
	add(&k, "70001", cur("MYR"), item(POD_CN, day(2026, 6, 10), DATE_NONE, -120000, POD_UNSECURED));
	add(&k, "50001", cur("MYR"), item(POD_PAY, day(2026, 5, 1), DATE_NONE, -20000, POD_UNSECURED));
	EXPECT_EQ_INT(pod_case_add_set_off(&k, &so, &e), AR_OK);
	EXPECT_EQ_INT(pod_case_add_set_off(&k, &late, &e), AR_OK);
	EXPECT_EQ_INT(pod_case_finish(&k, &e), AR_OK);
	EXPECT_EQ_INT(k.nlines, 7);
	EXPECT_EQ_INT(k.ncurrencies, 2);
	if (k.nlines == 7 && k.ncurrencies == 2) {
		static const char *const order[] = { "50001", "90001", "70001", "Rebate", "90003",
			"Late rebate", "U1" };
		/* 10,000.00 + 164.38 interest (75 days at 8 %), less 200.00, 1,200.00, 150.00 */
		static const int64_t balance[] = { -20000, 996438, 876438, 861438, 861438, 861438,
			100964 };

		for (size_t i = 0; i < 7; i++) {
			EXPECT_EQ_STR(k.lines[i].doc_no, order[i]);
			EXPECT_EQ_INT(k.lines[i].balance, balance[i]);
		}
		EXPECT_EQ_STR(pod_line_type_word(&k.lines[3]), "SETOFF");
		EXPECT_EQ_INT(k.lines[3].amount, -15000);
		EXPECT(!k.lines[4].claimed && !k.lines[5].claimed && k.lines[6].claimed);
		EXPECT(pod_line_supports(&k.lines[1]) && !pod_line_supports(&k.lines[2]) &&
		    !pod_line_supports(&k.lines[4]));
		EXPECT_EQ_STR(currency_code(k.currencies[0].currency), "MYR");
		EXPECT_EQ_INT(k.currencies[0].first, 0);
		EXPECT_EQ_INT(k.currencies[0].count, 6);
		EXPECT_EQ_INT(k.currencies[0].claim.net_claim, 861438);
		EXPECT_EQ_INT(k.currencies[0].claim.post_items, 300000);
		EXPECT_EQ_INT(k.currencies[1].claim.net_claim, 100964);   /* 1,000.00 + 9.64 (44 days) */
	}
	pod_case_free(&k);
}

/* Over random debtors of two currencies: every currency's statement ends at its claim before the floor, and nothing after the cut-off is claimed. */
static void
case_properties(void)
{
	unsigned seed = 151;
	struct pod_item v[40];
	int held = 0;

	for (int round = 0; round < 500; round++) {
		size_t n = 1 + (size_t)(rand_r(&seed) % 40);
		civil_day cut = day(2026, 1, 1) + rand_r(&seed) % 400;
		struct customer c;
		struct pod_case k;
		struct ar_error e = { 0 };
		bool ok = true;

		memset(&c, 0, sizeof c);
		random_items(v, n, &seed);
		pod_case_init(&k, "R", &c, cut, (int64_t)(rand_r(&seed) % 20) * INTEREST_PER_CENT);
		for (size_t i = 0; i < n; i++)
			add(&k, i % 3 ? "A" : "B", cur(i % 4 ? "MYR" : "SGD"), v[i]);
		for (int s = rand_r(&seed) % 3; s > 0; s--) {
			struct pod_set_off_in so = { "S", 1, cur("MYR"), day(2026, 1, 1) +
			    rand_r(&seed) % 400, 1 + rand_r(&seed) % 500000, 0 };

			ok = ok && pod_case_add_set_off(&k, &so, &e) == AR_OK;
		}
		ok = ok && pod_case_finish(&k, &e) == AR_OK;
		for (size_t i = 0; ok && i < k.nlines; i++) {
			const struct pod_stmt_line *l = &k.lines[i];

			ok = l->claimed == (l->date <= cut) && (l->claimed || l->interest == 0) &&
			    (i == 0 || l->currency != l[-1].currency || l->date >= l[-1].date);
		}
		for (size_t j = 0; ok && j < k.ncurrencies; j++) {
			const struct pod_currency *pc = &k.currencies[j];
			const struct pod_claim *cl = &pc->claim;
			int64_t end = pc->count ? k.lines[pc->first + pc->count - 1].balance : 0;

			ok = end == cl->principal + cl->interest - cl->set_off &&
			    cl->net_claim - cl->owed_to_debtor == end;
		}
		pod_case_free(&k);
		if (!ok) {
			printf("#   round %d breaks a property\n", round);
			break;
		}
		held++;
	}
	EXPECT_EQ_INT(held, 500);
}

int
main(void)
{
	RUN(claim_at_the_cut_off);
	RUN(set_off_beyond_the_unsecured_part);
	RUN(rates_and_caps);
	RUN(words);
	RUN(properties_over_random_ledgers);
	RUN(case_statement_in_order);
	RUN(case_properties);
	return test_summary();
}
