/* test_aging_movement.c - a previous run's aging CSV beside this run's aging. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/aging_movement.h"
#include "report/aging_report.h"

static const struct item_format format = {
	.decimal = MONEY_DECIMAL_POINT, .dates = DATE_OPTS_DEFAULT
};

struct fixture {
	struct aging_policy policy;
	struct customer_table customers;
	struct aging_report rep;
	struct aging_movement_previous prev;
	struct aging_movement m;
};

static FILE *
open_text(const char *csv)
{
	FILE *fp = fmemopen((void *)csv, strlen(csv), "r");

	if (fp == NULL)
		abort();
	return fp;
}

/* An aging as of 2026-11-24, buckets 30,60,90,120, by customer, of items csv. */
static void
setup(struct fixture *f, const char *items)
{
	struct aging_feed feed;
	struct csvio_reader *r;
	struct ar_error e;
	FILE *fp = open_text(items);

	memset(f, 0, sizeof *f);
	date_from_ymd(2026, 11, 24, &f->policy.as_of);
	f->policy.default_terms_days = 30;
	aging_buckets_parse("30,60,90,120", &f->policy.buckets);
	memset(&feed, 0, sizeof feed);
	feed.format = &format;
	feed.only_currency = -1;
	if (customers_init(&f->customers, 64) != AR_OK ||
	    aging_report_init(&f->rep, &f->policy, AGING_GROUP_CUSTOMER, &f->customers) != AR_OK ||
	    csvio_reader_from_stream(&r, fp, "items.csv", NULL) != AR_OK ||
	    aging_report_feed(&f->rep, r, &feed, &e) != AR_OK ||
	    aging_report_sort(&f->rep) != AR_OK)
		abort();
	csvio_reader_close(r);
	fclose(fp);
}

static void
teardown(struct fixture *f)
{
	aging_movement_free(&f->m);
	aging_movement_previous_free(&f->prev);
	aging_report_free(&f->rep);
	customers_free(&f->customers);
}

/* Read csv, named "previous.csv", as f's previous aging. */
static ar_err
load_previous(struct fixture *f, const char *csv, struct ar_error *e)
{
	struct csvio_reader *r;
	FILE *fp = open_text(csv);
	ar_err err;

	if (csvio_reader_from_stream(&r, fp, "previous.csv", NULL) != AR_OK)
		abort();
	err = aging_movement_previous_load(&f->prev, &f->policy.buckets, r, e);
	csvio_reader_close(r);
	fclose(fp);
	return err;
}

/*
 * Due dates against 2026-11-24: 2026-12-01 current, 2026-10-31 1-30,
 * 2026-10-15 31-60, 2026-09-10 61-90, 2026-08-10 91-120.
 */
#define ITEMS "customer,name,doc_no,doc_date,due_date,currency,amount\n" \
	"C1,First Bhd,1,2026-10-01,2026-10-31,MYR,100.00\n" \
	"C1,First Bhd,2,2026-11-01,2026-12-01,MYR,50.00\n" \
	"C2,,3,2026-10-01,2026-10-31,MYR,200.00\n" \
	"C3,Third,4,2026-09-15,2026-10-15,MYR,300.00\n" \
	"C4,Fourth,5,2026-08-10,2026-09-10,MYR,80.00\n" \
	"C5,Fifth,6,2026-11-01,2026-12-01,MYR,40.00\n" \
	"C5,Fifth,7,2026-10-01,2026-10-31,MYR,60.00\n" \
	"C6,Sixth,8,2026-11-01,2026-12-01,MYR,500.00\n" \
	"C8,Eighth,9,2026-07-10,2026-08-10,TWD,1000.00\n" \
	"C10,Tenth,10,2026-11-01,2026-12-01,MYR,50.00\n" \
	"C10,Tenth,11,2026-11-01,2026-12-01,MYR,-50.00\n"

#define PREV_HEAD "customer,name,currency,current,1-30,31-60,61-90,91-120,121+,total," \
	"items,oldest_days,past_due\n"

/* Last month: ar-age's CSV with --totals and --past-due. */
#define PREVIOUS PREV_HEAD \
	"C1,Old First,MYR,150.00,0.00,0.00,0.00,0.00,0.00,150.00,1,0,0.00\n" \
	"C2,Second,MYR,0.00,0.00,200.00,0.00,0.00,0.00,200.00,1,40,200.00\n" \
	"C3,Third,MYR,0.00,0.00,100.00,0.00,0.00,0.00,100.00,1,40,100.00\n" \
	"C4,Fourth,MYR,0.00,0.00,0.00,120.00,0.00,0.00,120.00,1,75,120.00\n" \
	"C5,Fifth,MYR,10.00,60.00,0.00,0.00,0.00,0.00,70.00,2,24,60.00\n" \
	"C7,Seventh Sdn Bhd,MYR,0.00,0.00,0.00,0.00,0.00,70.00,70.00,1,146,70.00\n" \
	"C8,Eighth,TWD,0.00,0.00,0.00,0.00,0.00,0.00,0.00,2,0,0.00\n" \
	"C9,Ninth,MYR,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0,0,0.00\n" \
	"C10,Tenth,MYR,25.00,0.00,0.00,0.00,0.00,0.00,25.00,1,0,0.00\n" \
	"TOTAL,,MYR,185.00,60.00,300.00,120.00,0.00,70.00,735.00,9,146,550.00\n" \
	"TOTAL,,TWD,0.00,0.00,0.00,0.00,0.00,0.00,0.00,2,0,0.00\n"

static void
compare_standard(struct fixture *f)
{
	struct ar_error e;

	setup(f, ITEMS);
	EXPECT_EQ_INT(load_previous(f, PREVIOUS, &e), AR_OK);
	EXPECT_EQ_INT(aging_movement_compare(&f->m, &f->rep, &f->prev, &e), AR_OK);
}

static const struct aging_movement_row *
row_of(const struct aging_movement *m, const char *customer, const char *code)
{
	for (size_t i = 0; i < m->n_rows; i++)
		if (strcmp(m->rows[i].customer, customer) == 0 &&
		    strcmp(currency_code(m->rows[i].currency), code) == 0)
			return &m->rows[i];
	return NULL;
}

static void
movement_loads_rows_and_skips_totals(void)
{
	struct fixture f;
	struct ar_error e;

	setup(&f, ITEMS);
	EXPECT_EQ_INT(load_previous(&f, PREVIOUS, &e), AR_OK);
	EXPECT_EQ_INT(f.prev.table.n, 9);   /* the two TOTAL rows are not customers */
	EXPECT_EQ_INT(strtab_count(f.prev.ids), 9);
	EXPECT(!strtab_find(f.prev.ids, "TOTAL", 5, &(uint32_t){ 0 }));
	EXPECT_EQ_INT(f.prev.lines[6], 8);  /* C8, the seventh row, on line 8 */
	EXPECT_EQ_STR(f.prev.names[5], "Seventh Sdn Bhd");
	EXPECT_EQ_INT(f.prev.table.rows[4].bucket[0], 1000);
	EXPECT_EQ_INT(f.prev.table.rows[4].bucket[1], 6000);
	EXPECT_EQ_INT(f.prev.table.rows[4].total, 7000);
	teardown(&f);
}

static void
movement_tells_each_kind(void)
{
	static const struct { const char *customer, *code, *kind; } want[] = {
		{ "C1", "MYR", "worse" },      /* worst column current -> 1-30 */
		{ "C10", "MYR", "cleared" },   /* 25.00 -> a zero total */
		{ "C2", "MYR", "better" },     /* worst column 31-60 -> 1-30 */
		{ "C3", "MYR", "worse" },      /* same column, past due 100.00 -> 300.00 */
		{ "C4", "MYR", "better" },     /* same column, past due 120.00 -> 80.00 */
		{ "C5", "MYR", "unchanged" },  /* only current moved */
		{ "C6", "MYR", "new" },        /* absent before */
		{ "C7", "MYR", "cleared" },    /* absent now */
		{ "C8", "TWD", "new" },        /* a zero total before */
	};
	struct fixture f;

	compare_standard(&f);
	EXPECT_EQ_INT(f.m.n_rows, 9);   /* C9: zero before, absent now: not listed */
	for (size_t i = 0; i < sizeof want / sizeof want[0] && i < f.m.n_rows; i++) {
		EXPECT_EQ_STR(f.m.rows[i].customer, want[i].customer);
		EXPECT_EQ_STR(currency_code(f.m.rows[i].currency), want[i].code);
		EXPECT_EQ_STR(aging_movement_kind_name(f.m.rows[i].kind), want[i].kind);
	}
	teardown(&f);
}

static void
movement_rows_carry_both_sides(void)
{
	struct fixture f;
	const struct aging_movement_row *r;

	compare_standard(&f);
	EXPECT_EQ_INT(f.m.columns, 6);
	r = row_of(&f.m, "C1", "MYR");
	EXPECT(r != NULL);
	if (r != NULL) {
		EXPECT_EQ_STR(r->name, "First Bhd");   /* this run's name wins */
		EXPECT_EQ_INT(r->previous_total, 15000);
		EXPECT_EQ_INT(r->current_total, 15000);
		EXPECT_EQ_INT(r->change, 0);
		EXPECT_EQ_INT(r->previous[0], 15000);
		EXPECT_EQ_INT(r->current[0], 5000);
		EXPECT_EQ_INT(r->current[1], 10000);
		EXPECT_EQ_INT(r->previous_worst, 0);
		EXPECT_EQ_INT(r->current_worst, 1);
		EXPECT_EQ_INT(r->previous_past_due, 0);
		EXPECT_EQ_INT(r->current_past_due, 10000);
	}
	r = row_of(&f.m, "C2", "MYR");
	EXPECT(r != NULL && strcmp(r->name, "Second") == 0);   /* no name now: the file's */
	r = row_of(&f.m, "C7", "MYR");
	EXPECT(r != NULL);
	if (r != NULL) {
		EXPECT_EQ_STR(r->name, "Seventh Sdn Bhd");
		EXPECT_EQ_INT(r->previous[5], 7000);
		EXPECT_EQ_INT(r->current[5], 0);
		EXPECT_EQ_INT(r->current_total, 0);
		EXPECT_EQ_INT(r->change, -7000);
		EXPECT_EQ_INT(r->current_worst, -1);
	}
	r = row_of(&f.m, "C6", "MYR");
	EXPECT(r != NULL && r->previous_total == 0 && r->change == 50000 &&
	    r->previous_worst == -1);
	r = row_of(&f.m, "C10", "MYR");
	EXPECT(r != NULL && r->current_total == 0 && r->change == -2500);
	teardown(&f);
}

static void
movement_sums_each_currency_by_bucket(void)
{
	static const int64_t prev_myr[6] = { 18500, 6000, 30000, 12000, 0, 7000 };
	static const int64_t cur_myr[6] = { 59000, 36000, 30000, 8000, 0, 0 };
	static const size_t count_myr[AGING_MOVEMENT_KINDS] = { 1, 2, 2, 2, 1 };
	struct fixture f;
	const struct aging_movement_currency *myr, *twd;

	compare_standard(&f);
	EXPECT_EQ_INT(f.m.n_currencies, 2);
	if (f.m.n_currencies != 2) {
		teardown(&f);
		return;
	}
	myr = &f.m.currencies[0];
	twd = &f.m.currencies[1];
	EXPECT_EQ_STR(currency_code(myr->currency), "MYR");
	EXPECT_EQ_STR(currency_code(twd->currency), "TWD");
	for (int col = 0; col < 6; col++) {
		EXPECT_EQ_INT(myr->previous[col], prev_myr[col]);
		EXPECT_EQ_INT(myr->current[col], cur_myr[col]);
		EXPECT_EQ_INT(myr->change[col], cur_myr[col] - prev_myr[col]);
	}
	EXPECT_EQ_INT(myr->previous_total, 73500);
	EXPECT_EQ_INT(myr->current_total, 133000);
	EXPECT_EQ_INT(myr->change_total, 59500);
	for (int k = 0; k < AGING_MOVEMENT_KINDS; k++)
		EXPECT_EQ_INT(myr->count[k], count_myr[k]);
	EXPECT_EQ_INT(twd->previous[4], 0);
	EXPECT_EQ_INT(twd->current[4], 100000);
	EXPECT_EQ_INT(twd->change_total, 100000);
	EXPECT_EQ_INT(twd->count[AGING_MOVEMENT_NEW], 1);
	EXPECT_EQ_INT(twd->count[AGING_MOVEMENT_CLEARED], 0);
	teardown(&f);
}

static void
movement_reads_columns_by_name(void)
{
	struct fixture f;
	struct ar_error e;
	const struct aging_movement_row *r;

	setup(&f, ITEMS);
	/* name last, currency first, no past_due, a column ar-age never wrote */
	EXPECT_EQ_INT(load_previous(&f, "currency,customer,note,current,1-30,31-60,61-90,"
	    "91-120,121+,total,name\n"
	    "MYR,C3,x,0.00,0.00,300.00,0.00,0.00,0.00,300.00,Third\n", &e), AR_OK);
	EXPECT_EQ_INT(aging_movement_compare(&f.m, &f.rep, &f.prev, &e), AR_OK);
	r = row_of(&f.m, "C3", "MYR");
	EXPECT(r != NULL && r->kind == AGING_MOVEMENT_UNCHANGED);
	r = row_of(&f.m, "C1", "MYR");
	EXPECT(r != NULL && r->kind == AGING_MOVEMENT_NEW);
	teardown(&f);
}

/* This run's own CSV (ar-age --totals --past-due --customers) read back: nothing moved. */
static void
movement_reads_what_ar_age_writes(void)
{
	struct fixture f;
	struct ar_error e;
	struct csvio_writer w;
	struct aging_csv_opts opts = { .master_columns = true, .past_due = true, .totals = true };
	currency_id cur;
	char *csv = NULL;
	size_t len = 0;
	FILE *fp;

	setup(&f, ITEMS);
	if ((fp = open_memstream(&csv, &len)) == NULL)
		abort();
	csvio_writer_init(&w, fp, ',', false);
	EXPECT_EQ_INT(aging_report_write_csv(&f.rep, &w, &opts, &cur), AR_OK);
	fclose(fp);
	EXPECT_EQ_INT(load_previous(&f, csv, &e), AR_OK);
	EXPECT_EQ_INT(f.prev.table.n, f.rep.table.n);
	EXPECT_EQ_INT(aging_movement_compare(&f.m, &f.rep, &f.prev, &e), AR_OK);
	EXPECT_EQ_INT(f.m.n_rows, 7);   /* C1-C6 and C8; C10 is zero on both sides */
	for (size_t i = 0; i < f.m.n_rows; i++)
		EXPECT_EQ_STR(aging_movement_kind_name(f.m.rows[i].kind), "unchanged");
	for (size_t i = 0; i < f.m.n_currencies; i++) {
		EXPECT_EQ_INT(f.m.currencies[i].change_total, 0);
		EXPECT(f.m.currencies[i].current_total != 0);
	}
	EXPECT_EQ_INT(f.m.n_currencies, 2);
	free(csv);
	teardown(&f);
}

static void
movement_refuses_other_buckets(void)
{
	struct fixture f;
	struct ar_error e;

	setup(&f, ITEMS);
	EXPECT_EQ_INT(load_previous(&f, "customer,name,currency,current,1-30,31-60,61-90,90+,total\n"
	    "C1,,MYR,1.00,0.00,0.00,0.00,0.00,1.00\n", &e), AR_ECOLUMN);
	EXPECT_EQ_INT(e.line, 1);
	EXPECT_EQ_STR(e.message, "the previous aging's buckets are \"1-30,31-60,61-90,90+\", "
	    "this run's are \"1-30,31-60,61-90,91-120,121+\"");
	EXPECT(f.prev.ids == NULL && f.prev.table.n == 0);
	/* same labels in another order */
	EXPECT_EQ_INT(load_previous(&f, "customer,currency,current,1-30,31-60,61-90,121+,91-120,total\n",
	    &e), AR_ECOLUMN);
	EXPECT_EQ_STR(e.message, "the previous aging's buckets are \"1-30,31-60,61-90,121+,91-120\", "
	    "this run's are \"1-30,31-60,61-90,91-120,121+\"");
	EXPECT_EQ_INT(load_previous(&f, "customer,currency,current,1-30,31-60,61-90,91-120,121+\n",
	    &e), AR_ECOLUMN);
	EXPECT_EQ_STR(e.message, "missing column \"total\"");
	/* a file aged by collector has no customer column */
	EXPECT_EQ_INT(load_previous(&f, "collector,currency,current,1-30,31-60,61-90,91-120,121+,"
	    "total\n", &e), AR_ECOLUMN);
	EXPECT_EQ_STR(e.message, "missing column \"customer\"");
	teardown(&f);
}

#define EXPECT_PREVIOUS_ERROR(rows, want_code, want_line, want_msg) do { \
	struct fixture f_; \
	struct ar_error e_; \
	ar_err err_; \
	setup(&f_, ITEMS); \
	err_ = load_previous(&f_, PREV_HEAD rows, &e_); \
	EXPECT_EQ_INT(err_, want_code); \
	EXPECT_EQ_INT(e_.code, want_code); \
	EXPECT_EQ_INT(e_.line, want_line); \
	EXPECT_EQ_STR(e_.message, want_msg); \
	EXPECT(f_.prev.ids == NULL); \
	teardown(&f_); \
} while (0)

static void
movement_names_the_line_of_a_bad_row(void)
{
	EXPECT_PREVIOUS_ERROR(
	    "C1,,MYR,150.00,0.00,0.00,0.00,0.00,0.00,150.00,1,0,0.00\n"
	    "C2,,MYR,0.00,12.3.4,0.00,0.00,0.00,0.00,200.00,1,40,200.00\n",
	    AR_ESYNTAX, 3, "1-30 \"12.3.4\" is not an amount (expected e.g. 1234.56)");
	EXPECT_PREVIOUS_ERROR(
	    "C1,,MYR,150.005,0.00,0.00,0.00,0.00,0.00,150.00,1,0,0.00\n",
	    AR_EDECIMALS, 2, "current \"150.005\" has more decimals than MYR has (2)");
	EXPECT_PREVIOUS_ERROR(
	    "C1,,MYR,150.00,0.00,0.00,0.00,0.00,0.00,,1,0,0.00\n",
	    AR_ESYNTAX, 2, "total \"\" is not an amount (expected e.g. 1234.56)");
	EXPECT_PREVIOUS_ERROR(
	    "C1,,MYR,150.00,0.00,0.00,0.00,0.00,0.00,150.00,1,0,0.00\n"
	    "C1,,USD,1.00,0.00,0.00,0.00,0.00,0.00,1.00,1,0,0.00\n"
	    "C2,,MYR,1.00,0.00,0.00,0.00,0.00,0.00,1.00,1,0,0.00\n"
	    "C1,,MYR,1.00,0.00,0.00,0.00,0.00,0.00,1.00,1,0,0.00\n",
	    AR_ESYNTAX, 5, "customer \"C1\" appears twice in MYR (first on line 2)");
	EXPECT_PREVIOUS_ERROR(
	    "C1,,MYR,150.00,10.00,0.00,0.00,0.00,0.00,150.00,1,0,0.00\n",
	    AR_ESYNTAX, 2, "total \"150.00\" is not the sum of the buckets (160.00)");
	EXPECT_PREVIOUS_ERROR(
	    "C1,,XYZ,150.00,0.00,0.00,0.00,0.00,0.00,150.00,1,0,0.00\n",
	    AR_ECURRENCY, 2, "currency \"XYZ\" is not a known currency (add [currency.CODE] to ar.ini)");
	EXPECT_PREVIOUS_ERROR(
	    ",,MYR,150.00,0.00,0.00,0.00,0.00,0.00,150.00,1,0,0.00\n",
	    AR_ESYNTAX, 2, "customer is empty");
	EXPECT_PREVIOUS_ERROR(
	    "C1,,MYR,150.00,0.00,0.00,0.00,0.00,0.00,150.00,1,0\n",
	    AR_EFIELDS, 2, "record has 12 fields, header has 13");
}

static void
movement_needs_an_aging_by_customer_with_the_same_buckets(void)
{
	struct fixture f;
	struct ar_error e;

	setup(&f, ITEMS);
	EXPECT_EQ_INT(load_previous(&f, PREVIOUS, &e), AR_OK);
	f.prev.buckets.upper[0] = 31;
	EXPECT_EQ_INT(aging_movement_compare(&f.m, &f.rep, &f.prev, &e), AR_EUSAGE);
	EXPECT_EQ_STR(e.message, "the previous aging was read for other buckets than this run's");
	EXPECT(f.m.rows == NULL && f.m.n_rows == 0);
	f.prev.buckets.upper[0] = 30;
	f.rep.group_by = AGING_GROUP_COLLECTOR;
	EXPECT_EQ_INT(aging_movement_compare(&f.m, &f.rep, &f.prev, &e), AR_EUSAGE);
	EXPECT_EQ_STR(e.message, "a movement needs an aging by customer");
	f.rep.group_by = AGING_GROUP_CUSTOMER;
	teardown(&f);
}

static void
movement_refuses_a_sum_that_overflows(void)
{
	struct fixture f;
	struct ar_error e;

	setup(&f, "customer,doc_no,doc_date,due_date,currency,amount\n"
	    "C1,1,2026-11-01,2026-12-01,MYR,90000000000000000.00\n");
	EXPECT_EQ_INT(load_previous(&f, PREV_HEAD
	    "C1,,MYR,-90000000000000000.00,0.00,0.00,0.00,0.00,0.00,-90000000000000000.00,1,0,0.00\n",
	    &e), AR_OK);
	EXPECT_EQ_INT(aging_movement_compare(&f.m, &f.rep, &f.prev, &e), AR_ERANGE);
	EXPECT_EQ_STR(e.message, "the change in MYR of customer \"C1\" does not fit in 64 bits");
	EXPECT(f.m.rows == NULL);
	teardown(&f);
}

int
main(void)
{
	RUN(movement_loads_rows_and_skips_totals);
	RUN(movement_tells_each_kind);
	RUN(movement_rows_carry_both_sides);
	RUN(movement_sums_each_currency_by_bucket);
	RUN(movement_reads_columns_by_name);
	RUN(movement_reads_what_ar_age_writes);
	RUN(movement_refuses_other_buckets);
	RUN(movement_names_the_line_of_a_bad_row);
	RUN(movement_needs_an_aging_by_customer_with_the_same_buckets);
	RUN(movement_refuses_a_sum_that_overflows);
	return test_summary();
}
