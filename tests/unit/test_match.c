/*
 * test_match.c - the matching engine (lib/ar/match.h): each rule on small
 * hand-made data with the exact allocations expected, the customers
 * stream's matching columns, determinism over item order, and the
 * invariants over random items and payments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/customers.h"
#include "ar/match.h"
#include "test.h"

static const char customers_csv[] =
    "customer,name,payer_account,payer_names,ref1\n"
    "C1,Syarikat Maju Sdn Bhd,1234-5678; 9999 0000,Tan Ah Kow;Maju Holdings,R-001\n"
    "C2,Bintang Timur Enterprise,,,\n"
    "C3,Kedai Ali Sdn Bhd,,,\n"
    "C4,Kedai Ali Enterprise,,,\n"
    "C5,Gemilang Teknologi Bhd,5555,,\n";

static civil_day
day(int y, int mo, int d)
{
	civil_day x;

	if (date_from_ymd(y, mo, d, &x) != AR_OK)
		abort();
	return x;
}

static void
load_customers(struct customer_table *t, const char *csv)
{
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct ar_error e;
	FILE *fp = fmemopen((void *)csv, strlen(csv), "r");

	if (fp == NULL || customers_init(t, 16) != AR_OK ||
	    csvio_reader_from_stream(&r, fp, "customers.csv", &opts) != AR_OK ||
	    customers_load(t, r, &e) != AR_OK)
		abort();
	csvio_reader_close(r);
	fclose(fp);
}

struct fx {
	struct customer_table t;
	struct match_engine *m;
	struct match_result res;
};

static void
fx_open(struct fx *f)
{
	load_customers(&f->t, customers_csv);
	if (match_engine_new(&f->m, &f->t, NULL) != AR_OK)
		abort();
}

static void
item(struct fx *f, const char *customer, const char *doc, int d, int64_t amount)
{
	uint32_t id;

	if (!strtab_find(f->t.ids, customer, strlen(customer), &id) ||
	    match_engine_add_item(f->m, id, doc, strlen(doc), day(2026, 1, d),
	        test_currency("MYR"), amount) != AR_OK)
		abort();
}

static void
fx_ready(struct fx *f)
{
	if (match_engine_ready(f->m) != AR_OK)
		abort();
}

static void
fx_close(struct fx *f)
{
	match_engine_free(f->m);
	customers_free(&f->t);
}

static struct payment
pay(const char *id, int64_t amount, const char *payer, const char *account,
    const char *reference, const char *ref1)
{
	struct payment p;

	memset(&p, 0, sizeof p);
	snprintf(p.id, sizeof p.id, "%s", id);
	p.value_date = day(2026, 2, 1);
	p.currency = test_currency("MYR");
	p.amount = amount;
	p.payer = payer;
	p.payer_account = account;
	p.reference = reference;
	p.channel = "";
	p.ref1 = ref1;
	p.ref2 = "";
	p.bank_ref = "";
	p.statement = "S1";
	p.account = "";
	p.booking_date = DATE_NONE;
	p.narrative = "";
	return p;
}

/* The result as "doc:amount:rule:confidence ..." for one comparison. */
static const char *
show(const struct match_result *r)
{
	static char buf[2048];
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < r->n && used < sizeof buf - 100; i++)
		used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s/%s:%lld:%s:%d",
		    i ? " " : "", r->alloc[i].customer, r->alloc[i].doc_no,
		    (long long)r->alloc[i].amount, allocation_rule_word(r->alloc[i].rule),
		    r->alloc[i].confidence);
	return buf;
}

static void
run(struct fx *f, struct payment p)
{
	EXPECT(match_payment(f->m, &p, &f->res) == AR_OK);
	EXPECT(match_check(&p, &f->res));
	EXPECT(match_engine_check(f->m));
}

static void
customers_read_matching_columns(void)
{
	struct customer_table t;
	uint32_t id;

	load_customers(&t, customers_csv);
	EXPECT(strtab_find(t.ids, "C1", 2, &id));
	EXPECT_EQ_STR(customers_get(&t, id)->payer_account, "1234-5678; 9999 0000");
	EXPECT_EQ_STR(customers_get(&t, id)->payer_names, "Tan Ah Kow;Maju Holdings");
	EXPECT_EQ_STR(customers_get(&t, id)->ref1, "R-001");
	EXPECT(strtab_find(t.ids, "C2", 2, &id));
	EXPECT_EQ_STR(customers_get(&t, id)->payer_account, "");
	customers_free(&t);

	load_customers(&t, "customer,name\nX,Xylo\n");
	EXPECT(strtab_find(t.ids, "X", 1, &id));
	EXPECT_EQ_STR(customers_get(&t, id)->name, "Xylo");
	EXPECT_EQ_STR(customers_get(&t, id)->payer_account, "");
	EXPECT_EQ_STR(customers_get(&t, id)->payer_names, "");
	EXPECT_EQ_STR(customers_get(&t, id)->ref1, "");
	customers_free(&t);
}

static void
reference_cited_items_summing_exactly(void)
{
	struct fx f;

	fx_open(&f);
	item(&f, "C1", "INV-1001", 10, 100000);
	item(&f, "C1", "INV-1002", 11, 50000);
	item(&f, "C1", "INV-1003", 12, 150000);
	fx_ready(&f);
	run(&f, pay("S1:1", 150000, "SOMEONE ELSE", "", "PAYMENT INV1001/02", ""));
	EXPECT_EQ_STR(show(&f.res), "C1/INV-1001:100000:reference:98 C1/INV-1002:50000:reference:98");
	EXPECT_EQ_INT(f.res.remainder, 0);
	EXPECT_EQ_INT(f.res.reason, MATCH_APPLIED);
	EXPECT_EQ_STR(f.res.alloc[0].payment_id, "S1:1");
	fx_close(&f);
}

static void
reference_one_cited_item_of_the_amount(void)
{
	struct fx f;

	fx_open(&f);
	item(&f, "C1", "INV-1001", 10, 100000);
	item(&f, "C1", "INV-1002", 11, 50000);
	fx_ready(&f);
	run(&f, pay("S1:1", 50000, "", "", "INV 1001 1002", ""));
	EXPECT_EQ_STR(show(&f.res), "C1/INV-1002:50000:reference:98");
	EXPECT_EQ_INT(f.res.remainder, 0);
	fx_close(&f);
}

static void
reference_short_by_a_bank_charge(void)
{
	struct fx f;
	struct match_item_info info;

	fx_open(&f);
	item(&f, "C2", "IV-2001", 10, 100000);
	item(&f, "C2", "IV-2002", 11, 200000);
	fx_ready(&f);
	run(&f, pay("S1:1", 298500, "", "", "2001,2002", ""));
	EXPECT_EQ_STR(show(&f.res), "C2/IV-2001:100000:reference:95 "
	    "C2/IV-2002:198500:reference:95 C2/IV-2002:1500:bank_charge:95");
	EXPECT_EQ_INT(f.res.remainder, 0);
	for (size_t i = 0; i < match_engine_count(f.m); i++) {
		match_engine_item(f.m, i, &info);
		EXPECT_EQ_INT(info.open, 0);
	}
	/* More than the tolerance short: a partial payment, only suggested (partial = none). */
	fx_close(&f);
	fx_open(&f);
	item(&f, "C2", "IV-2001", 10, 100000);
	fx_ready(&f);
	run(&f, pay("S1:2", 98000, "", "", "2001", ""));
	EXPECT_EQ_STR(show(&f.res), "C2/IV-2001:98000:partial:90");
	EXPECT(!f.res.applied);
	EXPECT_EQ_INT(f.res.remainder, 98000);
	EXPECT_EQ_INT(f.res.reason, MATCH_PARTIAL);
	EXPECT_EQ_STR(match_reason_word(f.res.reason), "partial");
	EXPECT_EQ_STR(f.res.candidates, "C2/IV-2001");
	match_engine_item(f.m, 0, &info);
	EXPECT_EQ_INT(info.open, 100000);
	fx_close(&f);
}

static void
reference_over_payment_goes_on_account(void)
{
	struct fx f;

	fx_open(&f);
	item(&f, "C2", "IV-2001", 10, 100000);
	fx_ready(&f);
	run(&f, pay("S1:1", 120000, "", "", "IV-2001", ""));
	EXPECT_EQ_STR(show(&f.res), "C2/IV-2001:100000:reference:90 C2/:20000:on_account:90");
	EXPECT_EQ_INT(f.res.item[1], SIZE_MAX);
	EXPECT_EQ_INT(f.res.remainder, 0);
	fx_close(&f);
}

static void
reference_near_key_only_with_the_amount(void)
{
	struct fx f;

	fx_open(&f);
	item(&f, "C2", "INV-1001", 10, 100000);
	item(&f, "C2", "INV-1002", 11, 70000);
	fx_ready(&f);
	/* 1009 is one digit off 1002 but the amount differs; 1010 is 1001 with two digits swapped. */
	run(&f, pay("S1:1", 65000, "", "", "INV1009", ""));
	EXPECT_EQ_INT(f.res.n, 0);
	run(&f, pay("S1:2", 100000, "", "", "INV1010", ""));
	EXPECT_EQ_STR(show(&f.res), "C2/INV-1001:100000:reference:92");
	fx_close(&f);
}

static void
exact_amount_by_account_oldest_first(void)
{
	struct fx f;

	fx_open(&f);
	item(&f, "C1", "INV-1003", 12, 50000);
	item(&f, "C1", "INV-1002", 11, 50000);
	item(&f, "C1", "INV-1001", 10, 80000);
	fx_ready(&f);
	run(&f, pay("S1:1", 50000, "", "9999-0000", "", ""));
	EXPECT_EQ_STR(show(&f.res), "C1/INV-1002:50000:exact_amount:95");
	/* The next payment sees what is left. */
	run(&f, pay("S1:2", 50000, "", "12345678", "", ""));
	EXPECT_EQ_STR(show(&f.res), "C1/INV-1003:50000:exact_amount:95");
	/* A known customer's payment that fits nothing: on account (partial = none). */
	run(&f, pay("S1:3", 50000, "", "12345678", "", ""));
	EXPECT_EQ_STR(show(&f.res), "C1/:50000:on_account:90");
	EXPECT(f.res.applied);
	EXPECT_EQ_INT(f.res.reason, MATCH_APPLIED);
	EXPECT_EQ_INT(f.res.remainder, 0);
	fx_close(&f);
}

static void
exact_amount_by_ref1_and_by_name(void)
{
	struct fx f;

	fx_open(&f);
	item(&f, "C1", "INV-1001", 10, 80000);
	item(&f, "C1", "INV-1002", 11, 60000);
	item(&f, "C2", "INV-2001", 10, 60000);
	fx_ready(&f);
	run(&f, pay("S1:1", 80000, "", "", "", "r001"));
	EXPECT_EQ_STR(show(&f.res), "C1/INV-1001:80000:exact_amount:95");
	run(&f, pay("S1:2", 60000, "IBG CR BINTANG TIMUR ENT.", "", "", ""));
	EXPECT_EQ_STR(show(&f.res), "C2/INV-2001:60000:exact_amount:90");
	/* An alias in payer_names. */
	run(&f, pay("S1:3", 60000, "TAN AH KOW", "", "", ""));
	EXPECT_EQ_STR(show(&f.res), "C1/INV-1002:60000:exact_amount:90");
	fx_close(&f);
}

static void
combination_fewest_then_oldest(void)
{
	struct fx f;

	fx_open(&f);
	item(&f, "C5", "A1", 1, 10000);
	item(&f, "C5", "A2", 2, 25000);
	item(&f, "C5", "A3", 3, 40000);
	item(&f, "C5", "A4", 4, 5000);
	item(&f, "C5", "A5", 5, 20000);
	item(&f, "C5", "A6", 6, 15000);
	fx_ready(&f);
	/* 45000: A2+A5 and A3+A4 (two items each; A2+A5 holds the older A2), or three or more. */
	run(&f, pay("S1:1", 45000, "", "5555", "", ""));
	EXPECT_EQ_STR(show(&f.res), "C5/A2:25000:combination:90 C5/A5:20000:combination:90");
	/* Left: A1 10000, A3 40000, A4 5000, A6 15000; 30000 = A1+A4+A6. */
	run(&f, pay("S1:2", 30000, "", "5555", "", ""));
	EXPECT_EQ_STR(show(&f.res), "C5/A1:10000:combination:90 C5/A4:5000:combination:90 "
	    "C5/A6:15000:combination:90");
	fx_close(&f);
}

static void
bank_charge_within_the_customer(void)
{
	struct fx f;

	fx_open(&f);
	item(&f, "C5", "B1", 1, 100000);
	item(&f, "C5", "B2", 2, 99500);
	item(&f, "C5", "B3", 3, 30000);
	item(&f, "C5", "B4", 4, 20500);
	fx_ready(&f);
	/* One item: B2 is 500 short, B1 1000: the smaller shortfall. */
	run(&f, pay("S1:1", 99000, "", "5555", "", ""));
	EXPECT_EQ_STR(show(&f.res), "C5/B2:99000:exact_amount:90 C5/B2:500:bank_charge:90");
	/*
	 * Several: B3+B4 = 50500 for 50000, the charge on the newest; many
	 * subsets come within a charge of a sum, so 80: only suggested.
	 */
	run(&f, pay("S1:2", 50000, "", "5555", "", ""));
	EXPECT_EQ_STR(show(&f.res), "C5/B3:30000:combination:80 C5/B4:20000:combination:80 "
	    "C5/B4:500:bank_charge:80");
	EXPECT(!f.res.applied);
	EXPECT_EQ_INT(f.res.reason, MATCH_LOW_CONFIDENCE);
	EXPECT_EQ_INT(f.res.remainder, 50000);
	fx_close(&f);
}

static void
fx_open_with(struct fx *f, const struct match_opts *o)
{
	load_customers(&f->t, customers_csv);
	if (match_engine_new(&f->m, &f->t, o) != AR_OK)
		abort();
}

static void
partial_payments_oldest_first_only_when_asked(void)
{
	struct match_opts o = MATCH_OPTS_DEFAULT;
	struct match_item_info info;
	struct fx f;

	o.partial = MATCH_PARTIAL_OLDEST;
	fx_open_with(&f, &o);
	item(&f, "C5", "B1", 1, 30000);
	item(&f, "C5", "B2", 2, 100000);
	item(&f, "C5", "B3", 3, 100000);
	fx_ready(&f);
	/* Nothing quoted: B1 in full, B2 in part. */
	run(&f, pay("S1:1", 70000, "", "5555", "", ""));
	EXPECT_EQ_STR(show(&f.res), "C5/B1:30000:partial:90 C5/B2:40000:partial:90");
	EXPECT(f.res.applied);
	EXPECT_EQ_INT(f.res.remainder, 0);
	/* Quoted: the quoted item only. */
	run(&f, pay("S1:2", 25000, "", "", "B3", ""));
	EXPECT_EQ_STR(show(&f.res), "C5/B3:25000:partial:90");
	EXPECT(f.res.applied);
	/* More than all that is open: the rest on account. */
	run(&f, pay("S1:3", 200000, "", "5555", "", ""));
	EXPECT_EQ_STR(show(&f.res), "C5/B2:60000:partial:90 C5/B3:75000:partial:90 "
	    "C5/:65000:on_account:90");
	for (size_t i = 0; i < match_engine_count(f.m); i++) {
		match_engine_item(f.m, i, &info);
		EXPECT_EQ_INT(info.open, 0);
	}
	EXPECT(match_engine_check(f.m));
	fx_close(&f);
}

static void
ambiguous_and_unknown_payers(void)
{
	struct fx f;

	fx_open(&f);
	item(&f, "C3", "K1", 1, 10000);
	item(&f, "C4", "K2", 1, 10000);
	fx_ready(&f);
	run(&f, pay("S1:1", 10000, "KEDAI ALI", "", "", ""));
	EXPECT_EQ_INT(f.res.n, 0);
	EXPECT_EQ_STR(match_reason_word(f.res.reason), "ambiguous_customer");
	EXPECT_EQ_STR(f.res.candidates, "C3;C4");
	run(&f, pay("S1:2", 10000, "ZZZ QQQ", "", "", ""));
	EXPECT_EQ_STR(match_reason_word(f.res.reason), "no_customer");
	EXPECT_EQ_STR(f.res.candidates, "");
	/* A debit is never applied. */
	run(&f, pay("S1:3", -500, "KEDAI ALI SDN BHD", "", "", ""));
	EXPECT_EQ_STR(match_reason_word(f.res.reason), "debit");
	EXPECT_EQ_INT(f.res.remainder, -500);
	fx_close(&f);
}

static void
shared_account_is_no_identification(void)
{
	struct customer_table t;
	struct match_engine *m;
	struct match_result r;
	struct payment p;
	uint32_t a, b;

	load_customers(&t, "customer,name,payer_account\nA,Alpha,777\nB,Beta,777;888\n");
	EXPECT(match_engine_new(&m, &t, NULL) == AR_OK);
	strtab_find(t.ids, "A", 1, &a);
	strtab_find(t.ids, "B", 1, &b);
	EXPECT(match_engine_add_item(m, a, "X1", 2, day(2026, 1, 1), test_currency("MYR"), 500) == AR_OK);
	EXPECT(match_engine_add_item(m, b, "X2", 2, day(2026, 1, 1), test_currency("MYR"), 500) == AR_OK);
	EXPECT(match_engine_ready(m) == AR_OK);
	EXPECT(match_engine_add_item(m, a, "X3", 2, day(2026, 1, 1), test_currency("MYR"), 5) == AR_EUSAGE);
	p = pay("S:1", 500, "", "777", "", "");
	EXPECT(match_payment(m, &p, &r) == AR_OK);
	EXPECT_EQ_INT(r.n, 0);
	EXPECT_EQ_INT(r.reason, MATCH_NO_CUSTOMER);
	p = pay("S:2", 500, "", "888", "", "");
	EXPECT(match_payment(m, &p, &r) == AR_OK);
	EXPECT_EQ_STR(show(&r), "B/X2:500:exact_amount:95");
	/* Another currency is never touched. */
	p = pay("S:3", 500, "", "777", "X1", "");
	p.currency = test_currency("USD");
	EXPECT(match_payment(m, &p, &r) == AR_OK);
	EXPECT_EQ_INT(r.n, 0);
	match_engine_free(m);
	customers_free(&t);
}

static void
remittance_lines_applied_as_advised(void)
{
	struct fx f;
	struct payment p;
	bool decided;
	struct remittance_line two[2] = { { "INV 1001", 60000, 2 }, { "1002", 30000, 3 } };
	struct remittance_line unknown[1] = { { "INV-9999", 50000, 4 } };

	fx_open(&f);
	item(&f, "C2", "INV-1001", 10, 100000);
	item(&f, "C2", "INV-1002", 11, 30000);
	item(&f, "C3", "INV-3001", 11, 50000);
	fx_ready(&f);
	/* Part of INV-1001 as the customer says, INV-1002 short by a 5.00 charge. */
	p = pay("S1:1", 89500, "", "", "", "");
	EXPECT(match_payment_cited(f.m, &p, two, 2, &f.res, &decided) == AR_OK);
	EXPECT(decided);
	EXPECT_EQ_STR(show(&f.res), "C2/INV-1001:60000:remittance:100 "
	    "C2/INV-1002:29500:remittance:100 C2/INV-1002:500:bank_charge:100");
	EXPECT(f.res.applied);
	EXPECT(match_check(&p, &f.res));
	/* An advice naming no open item is passed over; the reference rule decides. */
	p = pay("S1:2", 50000, "", "", "INV-3001", "");
	EXPECT(match_payment_cited(f.m, &p, unknown, 1, &f.res, &decided) == AR_OK);
	EXPECT(decided);
	EXPECT_EQ_STR(show(&f.res), "C3/INV-3001:50000:reference:98");
	/* Lines under the amount: the rest on account. */
	two[0].amount = 40000;
	two[1].doc_no = "INV-1001";
	two[1].amount = 100;
	p = pay("S1:3", 50000, "", "", "", "");
	EXPECT(match_payment_cited(f.m, &p, two, 1, &f.res, &decided) == AR_OK);
	EXPECT_EQ_STR(show(&f.res), "C2/INV-1001:40000:remittance:100 C2/:10000:on_account:100");
	fx_close(&f);
}

static void
credit_notes_netted_only_with_use_credits(void)
{
	struct match_opts o = MATCH_OPTS_DEFAULT;
	struct fx f;

	for (int pass = 0; pass < 2; pass++) {
		o.use_credits = pass == 1;
		fx_open_with(&f, &o);
		item(&f, "C5", "B1", 1, 100000);
		item(&f, "C5", "B2", 2, 50000);
		item(&f, "C5", "CN1", 3, -20000);
		fx_ready(&f);
		run(&f, pay("S1:1", 130000, "", "5555", "", ""));
		if (pass == 0)
			EXPECT_EQ_STR(show(&f.res), "C5/:130000:on_account:90");
		else
			EXPECT_EQ_STR(show(&f.res), "C5/B1:100000:combination:90 "
			    "C5/B2:50000:combination:90 C5/CN1:-20000:combination:90");
		EXPECT_EQ_INT(f.res.remainder, 0);
		EXPECT(match_engine_check(f.m));
		fx_close(&f);
	}
}

static void
tolerance_per_currency_and_share(void)
{
	struct match_opts o = MATCH_OPTS_DEFAULT;
	struct fx f;
	struct payment p;
	uint32_t c5;

	/* 15.00 is 15 yen: JPY has no decimals. */
	fx_open(&f);
	strtab_find(f.t.ids, "C5", 2, &c5);
	EXPECT(match_engine_add_item(f.m, c5, "J1", 2, day(2026, 1, 1), test_currency("JPY"), 10015) == AR_OK);
	EXPECT(match_engine_add_item(f.m, c5, "J2", 2, day(2026, 1, 2), test_currency("JPY"), 20016) == AR_OK);
	fx_ready(&f);
	p = pay("S1:1", 10000, "", "5555", "", "");
	p.currency = test_currency("JPY");
	EXPECT(match_payment(f.m, &p, &f.res) == AR_OK);
	EXPECT_EQ_STR(show(&f.res), "C5/J1:10000:exact_amount:90 C5/J1:15:bank_charge:90");
	p = pay("S1:2", 20000, "", "5555", "", "");
	p.currency = test_currency("JPY");
	EXPECT(match_payment(f.m, &p, &f.res) == AR_OK);
	EXPECT_EQ_STR(show(&f.res), "C5/:20000:on_account:90");
	fx_close(&f);
	/* charge_pct 0.5 %: of 1,000.00 at most 5.00, though charge_max is 15.00. */
	o.charge_pct = 50;
	fx_open_with(&f, &o);
	item(&f, "C5", "B1", 1, 100600);
	item(&f, "C5", "B2", 2, 200500);
	fx_ready(&f);
	run(&f, pay("S1:3", 100000, "", "5555", "", ""));
	EXPECT_EQ_STR(show(&f.res), "C5/:100000:on_account:90");
	run(&f, pay("S1:4", 200000, "", "5555", "", ""));
	EXPECT_EQ_STR(show(&f.res), "C5/B2:200000:exact_amount:90 C5/B2:500:bank_charge:90");
	fx_close(&f);
}

static void
below_min_confidence_is_a_suggestion(void)
{
	struct match_opts o = MATCH_OPTS_DEFAULT;
	struct match_item_info info;
	struct fx f;

	fx_open(&f);
	item(&f, "C2", "X1", 1, 30000);
	item(&f, "C2", "X2", 2, 20000);
	fx_ready(&f);
	/* By name only, a combination is 85: below the default 90. */
	run(&f, pay("S1:1", 50000, "BINTANG TIMUR ENTERPRISE", "", "", ""));
	EXPECT_EQ_STR(show(&f.res), "C2/X1:30000:combination:85 C2/X2:20000:combination:85");
	EXPECT(!f.res.applied);
	EXPECT_EQ_INT(f.res.reason, MATCH_LOW_CONFIDENCE);
	EXPECT_EQ_STR(match_reason_word(f.res.reason), "low_confidence");
	EXPECT_EQ_INT(f.res.remainder, 50000);
	EXPECT_EQ_STR(f.res.candidates, "C2/X1;C2/X2;C2");
	for (size_t i = 0; i < match_engine_count(f.m); i++) {
		match_engine_item(f.m, i, &info);
		EXPECT_EQ_INT(info.open, info.amount);
	}
	fx_close(&f);
	o.min_confidence = 85;
	fx_open_with(&f, &o);
	item(&f, "C2", "X1", 1, 30000);
	item(&f, "C2", "X2", 2, 20000);
	fx_ready(&f);
	run(&f, pay("S1:1", 50000, "BINTANG TIMUR ENTERPRISE", "", "", ""));
	EXPECT(f.res.applied);
	EXPECT_EQ_INT(f.res.remainder, 0);
	fx_close(&f);
}

static void
known_payer_overrules_a_doubtful_reference(void)
{
	struct fx f;

	fx_open(&f);
	item(&f, "C1", "INV-1777", 10, 70000);
	item(&f, "C2", "INV-2001", 10, 90000);
	fx_ready(&f);
	/* C1's account, C2's number, C1's amount: not a partial payment of INV-2001. */
	run(&f, pay("S1:1", 70000, "", "1234-5678", "INV-2001", ""));
	EXPECT_EQ_STR(show(&f.res), "C1/INV-1777:70000:exact_amount:95");
	fx_close(&f);
}

static void
name_found_through_a_typo(void)
{
	struct fx f;

	fx_open(&f);
	item(&f, "C5", "G1", 1, 12300);
	fx_ready(&f);
	/* "Gemilang" mistyped past its first three letters, "Teknologi" short of a letter. */
	run(&f, pay("S1:1", 12300, "GEMILNAG TEKNOLOG BHD", "", "", ""));
	EXPECT_EQ_STR(show(&f.res), "C5/G1:12300:exact_amount:90");
	fx_close(&f);
}

/* ---- determinism and the invariants over random data ---- */

static uint64_t rng_state;

static uint32_t
rng(uint32_t n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)((rng_state >> 33) % n);
}

#define NITEMS 300
#define NPAYS 400

static long rule_rows[ALLOCATION_RULES];

struct ritem {
	char cust[8], doc[16];
	int d;
	int64_t amount;
};

static void
random_items(struct ritem *it, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		snprintf(it[i].cust, sizeof it[i].cust, "C%u", 1 + rng(5));
		snprintf(it[i].doc, sizeof it[i].doc, "INV-%u", 1000 + rng(200));
		it[i].d = 1 + (int)rng(28);
		it[i].amount = rng(10) == 0 ? -(int64_t)(1 + rng(5000)) : (int64_t)(100 * (1 + rng(50)));
	}
}

/* All results of NPAYS payments over items in the given order, as one text. */
static void
run_random(const struct ritem *it, const size_t *order, uint64_t seed, char *out, size_t cap,
    int *bad)
{
	struct fx f;
	static const char *payers[] = { "", "SYARIKAT MAJU", "KEDAI ALI", "BINTANG TIMUR", "XX" };
	static const char *accounts[] = { "", "12345678", "5555", "999" };
	size_t used = 0;

	fx_open(&f);
	for (size_t i = 0; i < NITEMS; i++)
		item(&f, it[order[i]].cust, it[order[i]].doc, it[order[i]].d, it[order[i]].amount);
	fx_ready(&f);
	rng_state = seed;
	for (int k = 0; k < NPAYS; k++) {
		char id[32], ref[64];
		struct payment p;

		snprintf(id, sizeof id, "S:%d", k);
		snprintf(ref, sizeof ref, rng(2) ? "INV%u/%u" : "PAY %u", 1000 + rng(200), rng(10));
		p = pay(id, (int64_t)(100 * (1 + rng(120))) - (int64_t)rng(3) * 250,
		    payers[rng(5)], accounts[rng(4)], ref, "");
		if (match_payment(f.m, &p, &f.res) != AR_OK || !match_check(&p, &f.res) ||
		    !match_engine_check(f.m))
			(*bad)++;
		for (size_t i = 0; i < f.res.n; i++)
			rule_rows[f.res.alloc[i].rule]++;
		used += (size_t)snprintf(out + used, cap - used, "%s|%lld|%s\n", show(&f.res),
		    (long long)f.res.remainder, f.res.candidates);
		if (used >= cap)
			abort();
	}
	fx_close(&f);
}

static void
invariants_and_order_independence(void)
{
	static struct ritem it[NITEMS];
	static char a[1 << 20], b[1 << 20];
	size_t order[NITEMS];

	for (uint64_t seed = 1; seed <= 5; seed++) {
		int bad = 0;

		rng_state = seed;
		random_items(it, NITEMS);
		for (size_t i = 0; i < NITEMS; i++)
			order[i] = i;
		run_random(it, order, seed * 7919, a, sizeof a, &bad);
		for (size_t i = NITEMS - 1; i > 0; i--) {    /* shuffle */
			size_t j = rng((uint32_t)(i + 1)), t = order[i];

			order[i] = order[j];
			order[j] = t;
		}
		run_random(it, order, seed * 7919, b, sizeof b, &bad);
		EXPECT_EQ_INT(bad, 0);
		EXPECT(strcmp(a, b) == 0);
	}
	/* The random data reaches every rule but remittance and partial. */
	for (int r = ALLOCATION_REFERENCE; r < ALLOCATION_RULES; r++) {
		if (r == ALLOCATION_PARTIAL)
			continue;
		printf("# %s rows: %ld\n", allocation_rule_word((enum allocation_rule)r), rule_rows[r]);
		EXPECT(rule_rows[r] > 0);
	}
}

int
main(void)
{
	RUN(customers_read_matching_columns);
	RUN(reference_cited_items_summing_exactly);
	RUN(reference_one_cited_item_of_the_amount);
	RUN(reference_short_by_a_bank_charge);
	RUN(reference_over_payment_goes_on_account);
	RUN(reference_near_key_only_with_the_amount);
	RUN(exact_amount_by_account_oldest_first);
	RUN(exact_amount_by_ref1_and_by_name);
	RUN(combination_fewest_then_oldest);
	RUN(bank_charge_within_the_customer);
	RUN(partial_payments_oldest_first_only_when_asked);
	RUN(remittance_lines_applied_as_advised);
	RUN(credit_notes_netted_only_with_use_credits);
	RUN(tolerance_per_currency_and_share);
	RUN(below_min_confidence_is_a_suggestion);
	RUN(known_payer_overrules_a_doubtful_reference);
	RUN(name_found_through_a_typo);
	RUN(ambiguous_and_unknown_payers);
	RUN(shared_account_is_no_identification);
	RUN(invariants_and_order_independence);
	return test_summary();
}
