/* test_remit.c - ar-remit's rules (lib/ar/remit.h): the ranking of the candidates above all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/customers.h"
#include "ar/remit.h"
#include "core/csvio.h"
#include "test.h"

static const char customers_csv[] =
    "customer,name,payer_account\n"
    "C1,Syarikat Maju Sdn Bhd,5140-1122\n"
    "C2,Maju Jaya Sdn Bhd,\n"
    "C3,Maju Jaya Trading,\n";

static civil_day
day(int y, int mo, int d)
{
	civil_day x;

	if (date_from_ymd(y, mo, d, &x) != AR_OK)
		abort();
	return x;
}

static void
load_customers(struct customer_table *t)
{
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct ar_error e;
	FILE *fp = fmemopen((void *)customers_csv, strlen(customers_csv), "r");

	if (fp == NULL || customers_init(t, 16) != AR_OK ||
	    csvio_reader_from_stream(&r, fp, "customers.csv", &opts) != AR_OK ||
	    customers_load(t, r, &e) != AR_OK)
		abort();
	csvio_reader_close(r);
	fclose(fp);
}

static uint32_t
id_of(const struct customer_table *t, const char *c)
{
	uint32_t id;

	if (!strtab_find(t->ids, c, strlen(c), &id))
		abort();
	return id;
}

static currency_id
cur(const char *code)
{
	currency_id c;

	if (currency_lookup(code, 3, &c) != AR_OK)
		abort();
	return c;
}

/*
 * C1: INV-1 1000.00 (1 Oct), INV-2 2000.00 (15 Oct), INV-3 2600.00 (20 Oct),
 * INV-4 400.00 (1 Nov), CN-1 -150.00, and a USD item; C2: IV-7001 880.00.
 */
static struct remit *
book(struct customer_table *t)
{
	struct remit *r;
	uint32_t c1 = id_of(t, "C1"), c2 = id_of(t, "C2");

	if (remit_new(&r, t) != AR_OK ||
	    remit_add_item(r, c1, "INV-1", 5, day(2026, 10, 1), cur("MYR"), 100000) != AR_OK ||
	    remit_add_item(r, c1, "INV-2", 5, day(2026, 10, 15), cur("MYR"), 200000) != AR_OK ||
	    remit_add_item(r, c1, "INV-3", 5, day(2026, 10, 20), cur("MYR"), 260000) != AR_OK ||
	    remit_add_item(r, c1, "INV-4", 5, day(2026, 11, 1), cur("MYR"), 40000) != AR_OK ||
	    remit_add_item(r, c1, "CN-1", 4, day(2026, 11, 2), cur("MYR"), -15000) != AR_OK ||
	    remit_add_item(r, c1, "INV-9", 5, day(2026, 9, 1), cur("USD"), 300000) != AR_OK ||
	    remit_add_item(r, c2, "IV-7001", 7, day(2026, 11, 1), cur("MYR"), 88000) != AR_OK ||
	    remit_ready(r) != AR_OK)
		abort();
	return r;
}

static struct payment
credit(int64_t amount, const char *payer, const char *reference)
{
	struct payment p;

	memset(&p, 0, sizeof p);
	snprintf(p.id, sizeof p.id, "S:1");
	p.value_date = day(2026, 11, 20);
	p.currency = cur("MYR");
	p.amount = amount;
	p.payer = payer;
	p.reference = reference;
	p.payer_account = p.channel = p.ref1 = p.ref2 = p.bank_ref = p.statement = p.account =
	    p.narrative = "";
	return p;
}

/* Candidate k as "INV-1+INV-2=300000/0". */
static void
show(const struct remit *r, const struct remit_candidate *k, char *buf, size_t cap)
{
	size_t used = 0;

	for (size_t i = 0; i < k->n; i++) {
		struct remit_item_info it;

		remit_item(r, k->item[i], &it);
		used += (size_t)snprintf(buf + used, cap - used, "%s%s", i ? "+" : "", it.doc_no);
	}
	snprintf(buf + used, cap - used, "=%lld/%lld", (long long)k->sum, (long long)k->difference);
}

static void
ranking_cited_then_closest_then_older(void)
{
	struct customer_table t;
	struct remit *r;
	struct payment p;
	struct remit_candidate k[REMIT_CANDIDATES_MAX];
	char s[128];
	size_t n;

	load_customers(&t);
	r = book(&t);
	p = credit(300000, "", "PAYMENT INV-3");
	n = remit_candidates(r, id_of(&t, "C1"), &p, k, 5);
	EXPECT_EQ_INT(n, 5);
	show(r, &k[0], s, sizeof s);
	EXPECT_EQ_STR(s, "INV-3=260000/40000");     /* cited: first though not the closest */
	EXPECT(k[0].cited);
	show(r, &k[1], s, sizeof s);
	EXPECT_EQ_STR(s, "INV-1+INV-2=300000/0");   /* exact, and older than INV-3+INV-4 */
	show(r, &k[2], s, sizeof s);
	EXPECT_EQ_STR(s, "INV-3+INV-4=300000/0");
	EXPECT(!k[2].cited);                        /* INV-4 is not cited */
	show(r, &k[3], s, sizeof s);
	EXPECT_EQ_STR(s, "INV-1+INV-3=360000/-60000");  /* |600| either way: the older pair */
	show(r, &k[4], s, sizeof s);
	EXPECT_EQ_STR(s, "INV-2+INV-4=240000/60000");
	remit_free(r);
	customers_free(&t);
}

static void
ranking_fewer_items_first(void)
{
	struct customer_table t;
	struct remit *r;
	struct payment p;
	struct remit_candidate k[REMIT_CANDIDATES_MAX];
	char s[128];

	load_customers(&t);
	r = book(&t);
	/* 2500.00: INV-3 over by 100.00 and INV-2 + INV-4 under by 100.00: the single item first. */
	p = credit(250000, "", "");
	EXPECT_EQ_INT(remit_candidates(r, id_of(&t, "C1"), &p, k, 2), 2);
	show(r, &k[0], s, sizeof s);
	EXPECT_EQ_STR(s, "INV-3=260000/-10000");
	show(r, &k[1], s, sizeof s);
	EXPECT_EQ_STR(s, "INV-2+INV-4=240000/10000");
	/* The three oldest together: 5600.00. */
	p = credit(560000, "", "");
	EXPECT_EQ_INT(remit_candidates(r, id_of(&t, "C1"), &p, k, 1), 1);
	show(r, &k[0], s, sizeof s);
	EXPECT_EQ_STR(s, "INV-1+INV-2+INV-3=560000/0");
	remit_free(r);
	customers_free(&t);
}

static void
ranking_leaves_out_credits_other_currencies_and_nobody(void)
{
	struct customer_table t;
	struct remit *r;
	struct payment p;
	struct remit_candidate k[REMIT_CANDIDATES_MAX];

	load_customers(&t);
	r = book(&t);
	p = credit(300000, "", "INV-9");    /* the USD item, cited: not in MYR */
	EXPECT_EQ_INT(remit_candidates(r, id_of(&t, "C1"), &p, k, REMIT_CANDIDATES_MAX), 10);
	for (size_t i = 0; i < 10; i++) {
		EXPECT(!k[i].cited);
		for (size_t j = 0; j < k[i].n; j++) {
			struct remit_item_info it;

			remit_item(r, k[i].item[j], &it);
			EXPECT(it.open > 0);
			EXPECT_EQ_STR(currency_code(it.currency), "MYR");
		}
	}
	EXPECT_EQ_INT(remit_candidates(r, REMIT_NOBODY, &p, k, 3), 0);
	EXPECT_EQ_INT(remit_candidates(r, id_of(&t, "C1"), &p, k, 0), 0);
	EXPECT_EQ_INT(remit_candidates(r, id_of(&t, "C3"), &p, k, 3), 0);  /* no items */
	remit_free(r);
	customers_free(&t);
}

static void
identify_in_order(void)
{
	struct customer_table t;
	struct remit *r;
	struct payment p;
	struct remit_payer w;

	load_customers(&t);
	r = book(&t);
	p = credit(100, "SOMEONE ELSE", "");
	p.payer_account = "514011 22";
	remit_identify(r, &p, "no_customer", "", &w);
	EXPECT_EQ_INT(w.customer, id_of(&t, "C1"));
	EXPECT_EQ_INT(w.found, REMIT_FOUND_ACCOUNT);
	EXPECT_EQ_STR(w.note, "payer account");
	p = credit(100, "SYARIKAT MAJU S/B", "");
	remit_identify(r, &p, "no_customer", "", &w);
	EXPECT_EQ_INT(w.found, REMIT_FOUND_NAME);
	EXPECT_EQ_STR(w.note, "name 100");
	p = credit(100, "MAJU JAYA", "");
	remit_identify(r, &p, "ambiguous_customer", "C2;C3", &w);
	EXPECT_EQ_INT(w.customer, REMIT_NOBODY);
	EXPECT_EQ_INT(w.found, REMIT_FOUND_AMBIGUOUS);
	EXPECT_EQ_STR(w.note, "ambiguous: C2 100, C3 100");
	p = credit(100, "MAJU JAYA", "IV 7001");
	remit_identify(r, &p, "ambiguous_customer", "C2;C3", &w);
	EXPECT_EQ_INT(w.customer, id_of(&t, "C2"));
	EXPECT_EQ_STR(w.note, "reference (names ambiguous)");
	p = credit(100, "", "");
	remit_identify(r, &p, "low_confidence", "C1/INV-1;C1/INV-2;C1", &w);
	EXPECT_EQ_INT(w.customer, id_of(&t, "C1"));
	EXPECT_EQ_STR(w.note, "ar-match low_confidence");
	remit_identify(r, &p, "low_confidence", "C1/INV-1;C2", &w);  /* two customers: nobody */
	EXPECT_EQ_INT(w.customer, REMIT_NOBODY);
	remit_identify(r, &p, "no_customer", "C1", &w);  /* a name guess is no identification */
	EXPECT_EQ_INT(w.customer, REMIT_NOBODY);
	remit_free(r);
	customers_free(&t);
}

static void
decide_in_order(void)
{
	struct remit_policy pol = { 3, 7, 14 };
	civil_day asof = day(2026, 12, 4);

	EXPECT_EQ_INT(remit_decide(&pol, asof, asof - 14, true, true, DATE_NONE), REMIT_ESCALATE);
	EXPECT_EQ_INT(remit_decide(&pol, asof, asof - 14, false, false, DATE_NONE), REMIT_ESCALATE);
	EXPECT_EQ_INT(remit_decide(&pol, asof, asof - 13, false, true, DATE_NONE), REMIT_NO_CUSTOMER);
	EXPECT_EQ_INT(remit_decide(&pol, asof, asof - 13, true, true, asof - 6), REMIT_ALREADY);
	EXPECT_EQ_INT(remit_decide(&pol, asof, asof - 13, true, true, asof - 7), REMIT_REQUEST);
	EXPECT_EQ_INT(remit_decide(&pol, asof, asof - 13, true, false, asof - 7), REMIT_NO_EMAIL);
	EXPECT_EQ_INT(remit_decide(&pol, asof, asof - 1, true, false, asof), REMIT_ALREADY);
	EXPECT_EQ_INT(remit_decide(&pol, asof, asof, true, true, DATE_NONE), REMIT_REQUEST);
}

static void
requests_first_and_last(void)
{
	struct remit_requests *q;
	civil_day f, l;

	EXPECT_EQ_INT(remit_requests_new(&q), AR_OK);
	EXPECT_EQ_INT(remit_requests_note(q, "S:1", 3, day(2026, 11, 20)), AR_OK);
	EXPECT_EQ_INT(remit_requests_note(q, "S:1", 3, day(2026, 11, 12)), AR_OK);
	EXPECT_EQ_INT(remit_requests_note(q, "S:1", 3, day(2026, 11, 16)), AR_OK);
	EXPECT(remit_requests_find(q, "S:1", &f, &l));
	EXPECT_EQ_INT(f, day(2026, 11, 12));
	EXPECT_EQ_INT(l, day(2026, 11, 20));
	EXPECT(!remit_requests_find(q, "S:2", &f, &l));
	EXPECT_EQ_INT(f, DATE_NONE);
	remit_requests_free(q);
}

int
main(void)
{
	RUN(ranking_cited_then_closest_then_older);
	RUN(ranking_fewer_items_first);
	RUN(ranking_leaves_out_credits_other_currencies_and_nobody);
	RUN(identify_in_order);
	RUN(decide_in_order);
	RUN(requests_first_and_last);
	return test_summary();
}
