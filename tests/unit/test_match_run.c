/*
 * test_match_run.c - a run of ar-match over held payments (match_run.h):
 * a payment_id twice, the applying order whatever the order added, the
 * streams written, after_as_of, the summary, [match] from ar.ini, and an
 * items row written back with its amount left open (items.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/customers.h"
#include "ar/items.h"
#include "ar/match_run.h"
#include "test.h"

static civil_day
day(int d)
{
	civil_day x;

	if (date_from_ymd(2026, 11, d, &x) != AR_OK)
		abort();
	return x;
}

static struct payment
pay(const char *id, int d, int64_t amount, const char *account, const char *reference)
{
	struct payment p;

	memset(&p, 0, sizeof p);
	snprintf(p.id, sizeof p.id, "%s", id);
	p.value_date = day(d);
	p.currency = test_currency("MYR");
	p.amount = amount;
	p.payer = p.channel = p.ref1 = p.ref2 = p.bank_ref = p.statement = p.account = "";
	p.narrative = "";
	p.payer_account = account;
	p.reference = reference;
	p.booking_date = DATE_NONE;
	return p;
}

struct fx {
	struct customer_table t;
	struct match_engine *m;
	struct match_run *run;
};

static void
fx_open(struct fx *f)
{
	static const char csv[] = "customer,name,payer_account\nC1,Maju Sdn Bhd,777\n";
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct ar_error e;
	FILE *fp = fmemopen((void *)csv, strlen(csv), "r");
	uint32_t c1;

	if (fp == NULL || customers_init(&f->t, 4) != AR_OK ||
	    csvio_reader_from_stream(&r, fp, "customers.csv", &opts) != AR_OK ||
	    customers_load(&f->t, r, &e) != AR_OK || match_engine_new(&f->m, &f->t, NULL) != AR_OK ||
	    match_run_new(&f->run) != AR_OK)
		abort();
	csvio_reader_close(r);
	fclose(fp);
	strtab_find(f->t.ids, "C1", 2, &c1);
	if (match_engine_add_item(f->m, c1, "INV-1", 5, day(1), test_currency("MYR"), 50000) != AR_OK ||
	    match_engine_add_item(f->m, c1, "INV-2", 5, day(2), test_currency("MYR"), 50000) != AR_OK ||
	    match_engine_ready(f->m) != AR_OK)
		abort();
}

static void
fx_close(struct fx *f)
{
	match_run_free(f->run);
	match_engine_free(f->m);
	customers_free(&f->t);
}

/* What fn writes into a string (the caller frees). */
static char *
written(const struct match_run *run, bool unmatched)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	struct csvio_writer w;

	if (fp == NULL)
		abort();
	csvio_writer_init(&w, fp, ',', false);
	if (unmatched)
		match_run_write_unmatched(run, &w);
	else
		match_run_write_allocations(run, &w, NULL);
	fclose(fp);
	return out;
}

static void
payment_id_twice_names_the_first(void)
{
	struct fx f;
	struct ar_error e = { 0 };
	struct payment p = pay("S:1", 20, 100, "", "");

	fx_open(&f);
	EXPECT_EQ_INT(match_run_add(f.run, &p, "a.csv", 2, &e), AR_OK);
	EXPECT_EQ_INT(match_run_add(f.run, &p, "b.csv", 7, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(e.line, 7);
	EXPECT_EQ_STR(e.message, "payment_id \"S:1\" again (first at a.csv:2): each payment is applied once");
	EXPECT_EQ_INT(match_run_count(f.run), 1);
	fx_close(&f);
}

/*
 * Added S:10 (by amount) before S:9 (citing INV-1): applied S:9 first by
 * number order, and phase one's citing payment keeps its item anyway.
 */
static void
applying_order_and_streams(void)
{
	struct fx f;
	struct ar_error e = { 0 };
	struct payment a = pay("S:10", 20, 50000, "777", "");
	struct payment b = pay("S:9", 20, 50000, "", "INV-2");
	struct payment c = pay("S:2", 21, 7000, "", "");
	struct payment d = pay("S:1", 19, -300, "", "");
	struct match_run_outcome o;
	struct match_run_summary sum;
	char *s;

	fx_open(&f);
	EXPECT_EQ_INT(match_run_add(f.run, &a, "p.csv", 2, &e), AR_OK);
	EXPECT_EQ_INT(match_run_add(f.run, &b, "p.csv", 3, &e), AR_OK);
	EXPECT_EQ_INT(match_run_add(f.run, &c, "p.csv", 4, &e), AR_OK);
	EXPECT_EQ_INT(match_run_add(f.run, &d, "p.csv", 5, &e), AR_OK);
	EXPECT_EQ_INT(match_run_apply(f.run, f.m, NULL, day(20), true, NULL, NULL, &e), AR_OK);
	match_run_outcome(f.run, 0, &o);
	EXPECT_EQ_STR(o.payment->id, "S:1");
	match_run_outcome(f.run, 1, &o);
	EXPECT_EQ_STR(o.payment->id, "S:9");
	EXPECT_EQ_INT(o.line, 3);
	EXPECT_EQ_STR(o.file, "p.csv");
	s = written(f.run, false);
	EXPECT_EQ_STR(s, "payment_id,customer,doc_no,currency,amount,rule,confidence\n"
	    "S:9,C1,INV-2,MYR,500.00,reference,98\n"
	    "S:10,C1,INV-1,MYR,500.00,exact_amount,95\n");
	free(s);
	s = written(f.run, true);
	EXPECT_EQ_STR(s, "payment_id,value_date,currency,amount,payer,reference,reason,candidates\n"
	    "S:1,2026-11-19,MYR,-3.00,,,debit,\n"
	    "S:2,2026-11-21,MYR,70.00,,,after_as_of,\n");
	free(s);
	match_run_summarise(f.run, &sum);
	EXPECT_EQ_INT(sum.read.count, 4);
	EXPECT_EQ_INT(sum.read.sum[0], 50000 + 50000 + 7000 - 300);
	EXPECT_EQ_INT(sum.rule[ALLOCATION_REFERENCE].count, 1);
	EXPECT_EQ_INT(sum.rule[ALLOCATION_EXACT_AMOUNT].sum[0], 50000);
	EXPECT_EQ_INT(sum.unmatched.count, 2);
	EXPECT_EQ_INT(sum.suggested.count, 0);
	/* Once only. */
	EXPECT_EQ_INT(match_run_apply(f.run, f.m, NULL, day(20), true, NULL, NULL, &e), AR_EUSAGE);
	EXPECT_EQ_INT(match_run_add(f.run, &a, "p.csv", 9, &e), AR_EUSAGE);
	fx_close(&f);
}

static void
opts_from_config(void)
{
	static const char ini[] = "[match]\ncharge_max = 7.50\ncharge_pct = 0.25\n"
	    "partial = oldest\nuse_credits = yes\nmin_confidence = 80\n";
	char path[] = "/tmp/test_match_run_XXXXXX", msg[512];
	struct ar_config *cfg;
	struct ar_error err;
	struct match_opts o;
	int fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (fp == NULL)
		abort();
	fputs(ini, fp);
	fclose(fp);
	EXPECT_EQ_INT(config_load(path, &cfg, &err), AR_OK);
	EXPECT_EQ_INT(match_opts_from_config(cfg, &o, msg, sizeof msg), AR_OK);
	EXPECT_EQ_INT(o.charge_max, 750);
	EXPECT_EQ_INT(o.charge_pct, 25);
	EXPECT_EQ_INT(o.partial, MATCH_PARTIAL_OLDEST);
	EXPECT(o.use_credits);
	EXPECT_EQ_INT(o.min_confidence, 80);
	config_free(cfg);
	fp = fopen(path, "w");
	if (fp == NULL)
		abort();
	fputs("[match]\ncharge_max = 1.005\n", fp);
	fclose(fp);
	EXPECT_EQ_INT(config_load(path, &cfg, &err), AR_OK);
	EXPECT_EQ_INT(match_opts_from_config(cfg, &o, msg, sizeof msg), AR_ECONFIG);
	EXPECT(strstr(msg, "[match] charge_max \"1.005\" has more than 2 decimals") != NULL);
	config_free(cfg);
	remove(path);
}

/* --open-out's row: every cell as read, the amount in the file's own decimal mark. */
static void
items_row_with_amount_left(void)
{
	static const struct csvio_field cells[] = {
		{ "C1", 2 }, { "INV-1", 5 }, { "1.250,00", 8 }, { "a,b", 3 }
	};
	const struct csvio_record rec = { 2, 4, cells };
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	struct csvio_writer w;

	if (fp == NULL)
		abort();
	csvio_writer_init(&w, fp, ';', false);
	items_write_with_amount(&w, &rec, 5, 2, 75050, test_currency("MYR"), MONEY_DECIMAL_COMMA);
	items_write_with_amount(&w, &rec, 4, -1, 0, test_currency("MYR"), MONEY_DECIMAL_COMMA);
	fclose(fp);
	EXPECT_EQ_STR(out, "C1;INV-1;750,50;a,b;\nC1;INV-1;1.250,00;a,b\n");
	free(out);
}

int
main(void)
{
	RUN(payment_id_twice_names_the_first);
	RUN(applying_order_and_streams);
	RUN(opts_from_config);
	RUN(items_row_with_amount_left);
	return test_summary();
}
