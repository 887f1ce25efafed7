/* test_aging_feed.c - aging_report_feed: an items stream into an aging, bad rows, detail. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/aging_detail.h"
#include "report/aging_report.h"

static const struct item_format format = { .decimal = MONEY_DECIMAL_POINT, .dates = DATE_OPTS_DEFAULT };

struct fixture {
	struct aging_policy policy;
	struct customer_table customers;
	struct aging_report rep;
	struct aging_feed feed;
};

static void
setup(struct fixture *f)
{
	memset(f, 0, sizeof *f);
	date_from_ymd(2026, 11, 24, &f->policy.as_of);
	f->policy.default_terms_days = 30;
	aging_buckets_parse("30,60,90,120", &f->policy.buckets);
	if (customers_init(&f->customers, 64) != AR_OK ||
	    aging_report_init(&f->rep, &f->policy, AGING_GROUP_CUSTOMER, &f->customers) != AR_OK)
		abort();
	f->feed.format = &format;
	f->feed.only_currency = -1;
}

static void
teardown(struct fixture *f)
{
	aging_report_free(&f->rep);
	customers_free(&f->customers);
}

/* Feed csv, named "items.csv", to f's report. */
static ar_err
feed(struct fixture *f, const char *csv, struct ar_error *e)
{
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	FILE *fp = fmemopen((void *)csv, strlen(csv), "r");
	ar_err err;

	if (fp == NULL || csvio_reader_from_stream(&r, fp, "items.csv", &opts) != AR_OK)
		abort();
	memset(e, 0, sizeof *e);
	err = aging_report_feed(&f->rep, r, &f->feed, e);
	csvio_reader_close(r);
	fclose(fp);
	return err;
}

/* The row of customer id in currency code, or NULL. */
static const struct aging_row *
row_of(const struct fixture *f, const char *id, const char *code)
{
	for (size_t i = 0; i < f->rep.table.n; i++) {
		const struct aging_row *row = &f->rep.table.rows[i];

		if (strcmp(aging_report_key(&f->rep, row), id) == 0 &&
		    strcmp(currency_code(row->currency), code) == 0)
			return row;
	}
	return NULL;
}

#define HEAD "customer,doc_no,doc_date,due_date,currency,amount\n"

static void
feed_sums_items_by_customer_and_currency(void)
{
	struct fixture f;
	struct ar_error e;
	const struct aging_row *row;

	setup(&f);
	EXPECT_EQ_INT(feed(&f, HEAD
	    "C1,1,2026-10-01,2026-10-31,MYR,100.00\n"
	    "C1,2,2026-11-01,2026-12-01,MYR,50.00\n"
	    "C1,3,2026-10-01,2026-10-31,TWD,7\n"
	    "C2,4,2026-06-01,2026-07-01,MYR,10.00\n", &e), AR_OK);
	EXPECT_EQ_INT(f.rep.rows, 4);
	EXPECT_EQ_INT(f.rep.table.n, 3);
	row = row_of(&f, "C1", "MYR");
	EXPECT(row != NULL);
	if (row != NULL) {
		EXPECT_EQ_INT(row->total, 15000);
		EXPECT_EQ_INT(row->bucket[0], 5000);    /* current */
		EXPECT_EQ_INT(row->bucket[1], 10000);   /* 1-30: 24 days */
		EXPECT_EQ_INT(row->items, 2);
	}
	row = row_of(&f, "C2", "MYR");
	EXPECT(row != NULL && row->bucket[5] == 1000);   /* 121+ */
	teardown(&f);
}

static void
feed_keeps_only_the_currency_asked(void)
{
	struct fixture f;
	struct ar_error e;

	setup(&f);
	currency_lookup("TWD", 3, &f.feed.only_currency);
	EXPECT_EQ_INT(feed(&f, HEAD
	    "C1,1,2026-10-01,2026-10-31,MYR,100.00\n"
	    "C1,3,2026-10-01,2026-10-31,TWD,7\n", &e), AR_OK);
	EXPECT_EQ_INT(f.rep.table.n, 1);
	EXPECT(row_of(&f, "C1", "TWD") != NULL);
	teardown(&f);
}

static void
feed_stops_at_a_bad_row_by_default(void)
{
	struct fixture f;
	struct ar_error e;

	setup(&f);
	EXPECT(feed(&f, HEAD
	    "C1,1,2026-10-01,2026-10-31,MYR,100.00\n"
	    "C1,2,2026-10-01,31/02/2026,MYR,1.00\n"
	    "C1,3,2026-10-01,2026-10-31,MYR,1.00\n", &e) != AR_OK);
	EXPECT_EQ_INT(e.line, 3);
	EXPECT_EQ_STR(e.message, "due_date \"31/02/2026\" is not a date (no such day)");
	EXPECT_EQ_STR(e.file, "");
	teardown(&f);
}

struct skipped {
	int n;
	long line;
	char input[64], message[256];
};

static enum row_action
skip(void *ctx, const char *input, long line, const char *message)
{
	struct skipped *s = ctx;

	s->n++;
	s->line = line;
	snprintf(s->input, sizeof s->input, "%s", input);
	snprintf(s->message, sizeof s->message, "%s", message);
	return ROW_SKIP;
}

static void
feed_skips_bad_rows_the_caller_skips(void)
{
	struct fixture f;
	struct ar_error e;
	struct skipped s = { 0 };

	setup(&f);
	f.feed.bad_row = skip;
	f.feed.ctx = &s;
	EXPECT_EQ_INT(feed(&f, HEAD
	    "C1,1,2026-10-01,2026-10-31,MYR,100.00\n"
	    "C1,2,2026-10-01,2026-10-31,MYR,1.234\n"
	    "C1,3,,,MYR,1.00\n"
	    "C1,4,2026-10-01,2026-10-31,MYR,1.00\n", &e), AR_OK);
	EXPECT_EQ_INT(s.n, 2);
	EXPECT_EQ_INT(s.line, 4);
	EXPECT_EQ_STR(s.input, "items.csv");
	EXPECT_EQ_STR(s.message, "due_date and doc_date are both empty");
	EXPECT_EQ_INT(f.rep.rows, 4);
	EXPECT(row_of(&f, "C1", "MYR") != NULL && row_of(&f, "C1", "MYR")->items == 2);
	/* For the workbook's Notes: two skipped, one of them (no date) with its amount. */
	EXPECT_EQ_INT(f.rep.skipped, 2);
	EXPECT_EQ_INT(f.rep.skipped_unread, 1);
	EXPECT_EQ_INT(f.rep.skipped_amount[row_of(&f, "C1", "MYR")->currency], 100);
	teardown(&f);
}

struct repeats {
	int n;
	long line, first_line;
	char first_input[32];
	enum row_action action;
};

static enum row_action
repeated(void *ctx, const char *input, long line, const char *first_input, long first_line)
{
	struct repeats *r = ctx;

	(void)input;
	r->n++;
	r->line = line;
	r->first_line = first_line;
	snprintf(r->first_input, sizeof r->first_input, "%s", first_input);
	return r->action;
}

static void
feed_reports_an_item_seen_twice(void)
{
	struct fixture f;
	struct ar_error e;
	struct repeats r = { .action = ROW_SKIP };
	const char *csv = HEAD
	    "C1,A1,2026-10-01,2026-10-31,MYR,100.00\n"
	    "C1,A2,2026-10-01,2026-10-31,MYR,5.00\n";

	setup(&f);
	f.feed.keys = item_keys_new();
	f.feed.duplicate = repeated;
	f.feed.ctx = &r;
	EXPECT_EQ_INT(feed(&f, csv, &e), AR_OK);
	EXPECT_EQ_INT(r.n, 0);
	EXPECT_EQ_INT(feed(&f, csv, &e), AR_OK);   /* the file given twice */
	EXPECT_EQ_INT(r.n, 2);
	EXPECT_EQ_INT(r.line, 3);
	EXPECT_EQ_INT(r.first_line, 3);
	EXPECT_EQ_STR(r.first_input, "items.csv");
	EXPECT_EQ_INT(f.rep.duplicates, 2);
	EXPECT_EQ_INT(row_of(&f, "C1", "MYR")->total, 21000);   /* warned, both aged */
	r.action = ROW_STOP;
	EXPECT_EQ_INT(feed(&f, csv, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(e.line, 2);
	EXPECT_EQ_STR(e.message, "the same item as items.csv:2 (customer, company, doc_no, doc_type): "
	    "a file given twice? ([aging] duplicates = warn ages both)");
	item_keys_free(f.feed.keys);
	teardown(&f);
}

static void
feed_sums_disputed_items_and_the_sides(void)
{
	struct fixture f;
	struct ar_error e;
	const struct aging_side *co;

	setup(&f);
	f.rep.track_sides = true;
	EXPECT_EQ_INT(feed(&f, "customer,doc_no,due_date,currency,amount,dispute,company,collector\n"
	    "C1,A1,2026-10-31,MYR,100.00,price,1000,Aminah\n"
	    "C1,A2,2026-10-31,MYR,5.00,,2000,Aminah\n"
	    "C2,A3,2026-10-31,MYR,7.00,qty,1000,Ravi\n", &e), AR_OK);
	EXPECT_EQ_INT(row_of(&f, "C1", "MYR")->disputed, 10000);
	EXPECT_EQ_INT(row_of(&f, "C2", "MYR")->disputed, 700);
	co = f.rep.by_company;
	EXPECT(co != NULL && strtab_count(co->names) == 2 && co->table.n == 2);
	EXPECT_EQ_INT(co->table.rows[0].total, 10700);   /* 1000: A1 + A3 */
	EXPECT_EQ_INT(co->table.rows[1].total, 500);
	EXPECT(f.rep.by_collector != NULL && f.rep.by_collector->table.n == 2);
	EXPECT_EQ_INT(f.rep.by_collector->table.rows[0].total, 10500);   /* Aminah */
	teardown(&f);
}

static void
feed_says_which_total_overflows(void)
{
	struct fixture f;
	struct ar_error e;

	setup(&f);
	EXPECT_EQ_INT(feed(&f, HEAD
	    "C1,1,2026-10-01,2026-10-31,JPY,9000000000000000000\n"
	    "C1,2,2026-10-01,2026-10-31,JPY,9000000000000000000\n", &e), AR_ERANGE);
	EXPECT_EQ_INT(e.line, 3);
	EXPECT_EQ_STR(e.message, "the JPY total of customer \"C1\" does not fit in 64 bits");
	teardown(&f);
}

static void
feed_names_a_missing_column(void)
{
	struct fixture f;
	struct ar_error e;

	setup(&f);
	EXPECT_EQ_INT(feed(&f, "customer,doc_no,due_date,currency\nC1,1,2026-10-31,MYR\n", &e),
	    AR_ECOLUMN);
	EXPECT_EQ_INT(e.line, 1);
	EXPECT_EQ_STR(e.message, "missing column \"amount\"");
	teardown(&f);
}

static void
feed_passes_the_reader_error_on(void)
{
	struct fixture f;
	struct ar_error e;

	setup(&f);
	EXPECT_EQ_INT(feed(&f, HEAD "C1,1,2026-10-01,2026-10-31,MYR\n", &e), AR_EFIELDS);
	EXPECT_EQ_INT(e.line, 2);
	EXPECT_EQ_STR(e.message, "record has 5 fields, header has 6");
	teardown(&f);
}

static void
feed_lists_items_to_the_detail(void)
{
	struct fixture f;
	struct ar_error e;
	struct aging_detail d;
	struct csvio_writer w;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	setup(&f);
	csvio_writer_init(&w, fp, ',', false);
	aging_detail_init(&d, &w, NULL, &f.policy.buckets);
	f.feed.detail = &d;
	f.feed.detail_only = true;
	EXPECT_EQ_INT(feed(&f, HEAD
	    "C1,1,2026-10-01,2026-10-31,MYR,100.00\n"
	    "C2,4,2026-06-01,2026-07-01,MYR,-10.00\n", &e), AR_OK);
	EXPECT_EQ_INT(f.rep.table.n, 0);   /* listed, not summed */
	EXPECT_EQ_INT(feed(&f, "customer,doc_no,doc_date,due_date,amount,currency\n", &e),
	    AR_ESYNTAX);
	EXPECT_EQ_INT(e.line, 1);
	EXPECT_EQ_STR(e.message, "columns differ from the first input's: "
	    "--detail needs the same header in every file");
	fclose(fp);
	EXPECT_EQ_STR(out, "customer,doc_no,doc_date,due_date,currency,amount,days_overdue,bucket\n"
	    "C1,1,2026-10-01,2026-10-31,MYR,100.00,24,1-30\n"
	    "C2,4,2026-06-01,2026-07-01,MYR,-10.00,146,121+\n");
	free(out);
	aging_detail_free(&d);
	teardown(&f);
}

static void
count_progress(void *ctx, unsigned long rows)
{
	unsigned long *seen = ctx;

	EXPECT_EQ_INT(rows % AGING_FEED_PROGRESS, 0);
	*seen = rows;
}

static void
feed_reports_progress_every_so_many_rows(void)
{
	struct fixture f;
	struct ar_error e;
	unsigned long seen = 0;
	size_t n = AGING_FEED_PROGRESS + 100, cap = sizeof HEAD + n * 48, len;
	char *csv = malloc(cap);

	setup(&f);
	len = (size_t)snprintf(csv, cap, "%s", HEAD);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(csv + len, cap - len, "C%zu,%zu,2026-10-01,2026-10-31,MYR,1.00\n",
		    i % 100, i);
	f.feed.progress = count_progress;
	f.feed.ctx = &seen;
	EXPECT_EQ_INT(feed(&f, csv, &e), AR_OK);
	EXPECT_EQ_INT(seen, AGING_FEED_PROGRESS);
	EXPECT_EQ_INT(f.rep.rows, n);
	free(csv);
	teardown(&f);
}

int
main(void)
{
	RUN(feed_sums_items_by_customer_and_currency);
	RUN(feed_keeps_only_the_currency_asked);
	RUN(feed_stops_at_a_bad_row_by_default);
	RUN(feed_skips_bad_rows_the_caller_skips);
	RUN(feed_reports_an_item_seen_twice);
	RUN(feed_sums_disputed_items_and_the_sides);
	RUN(feed_says_which_total_overflows);
	RUN(feed_names_a_missing_column);
	RUN(feed_passes_the_reader_error_on);
	RUN(feed_lists_items_to_the_detail);
	RUN(feed_reports_progress_every_so_many_rows);
	return test_summary();
}
