/* test_aging_run.c - one ar-age run's rules: threads, rates, the large past due, the sides from the rows, the partials against the options. */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "report/aging_run.h"

#include "aging_fixture.h"

/* A reader over the text csv (a master or items); fp to close after it. */
static struct csvio_reader *
reader_of(const char *csv, FILE **fp)
{
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;

	*fp = fmemopen((void *)csv, strlen(csv), "r");
	if (*fp == NULL || csvio_reader_from_stream(&r, *fp, "items.csv", &opts) != AR_OK)
		abort();
	return r;
}

/*
 * The items csv aged into a; with untrack, the sides left to the rows
 * when aging_run_untrack_sides finds none (*untracked says so).
 */
static void
feed(struct aging *a, const char *csv, bool untrack, bool *untracked)
{
	struct aging_feed f = { .format = &format, .only_currency = -1 };
	struct ar_error e = { 0 };
	FILE *fp;
	struct csvio_reader *r = reader_of(csv, &fp);

	if (untrack)
		*untracked = aging_run_untrack_sides(&a->rep, r, true);
	if (aging_report_feed(&a->rep, r, &f, &e) != AR_OK) {
		printf("# feed: %ld: %s\n", e.line, e.message);
		abort();
	}
	csvio_reader_close(r);
	fclose(fp);
}

/* a's partials by aging_run_write_partial, for the caller to free; NULL when it fails (*e). */
static char *
partials_of(struct aging *a, bool sides_from_rows, struct ar_error *e)
{
	struct aging_partial_policy p = { a->rep.policy, a->rep.group_by, -1, -1 };
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	ar_err err;

	if (fp == NULL)
		abort();
	err = aging_run_write_partial(fp, &a->rep, &p, sides_from_rows, e);
	fclose(fp);
	if (err != AR_OK) {
		free(text);
		return NULL;
	}
	return text;
}

#define ITEMS "customer,name,doc_no,doc_date,due_date,currency,amount,dispute\n" \
	"C1,One,1,2026-06-01,2026-07-01,MYR,1000.00,\n" \
	"C1,One,2,2026-10-01,2026-10-31,MYR,250.50,yes\n" \
	"C1,One,CN-1,2026-09-15,2026-09-15,MYR,-100.25,\n" \
	"C2,Two,T-1,2026-08-01,2026-08-31,TWD,35000.00,yes\n" \
	"C2,Two,T-2,2026-11-20,2026-12-20,TWD,1.00,\n" \
	"C3,,3,2026-01-05,2026-02-04,MYR,7.00,\n" \
	"C3,,4,2026-11-01,2026-12-01,USD,0.00,\n"

/* Sides made from the rows are the sides summed item by item, byte for byte. */
static void
sides_from_rows_are_the_tracked_sides(void)
{
	struct aging tracked, untracked;
	struct ar_error e = { 0 };
	bool from_rows = false;
	char *a, *b;

	aging_setup(&tracked, AGING_GROUP_CUSTOMER, 30);
	aging_setup(&untracked, AGING_GROUP_CUSTOMER, 30);
	feed(&tracked, ITEMS, false, NULL);
	feed(&untracked, ITEMS, true, &from_rows);
	EXPECT(from_rows);
	EXPECT(!untracked.rep.track_sides && untracked.rep.by_company == NULL);
	a = partials_of(&tracked, false, &e);
	b = partials_of(&untracked, true, &e);
	EXPECT(a != NULL && b != NULL);
	if (a != NULL && b != NULL) {
		EXPECT_EQ_STR(b, a);
		EXPECT(strstr(a, "\tcompany\t") != NULL && strstr(a, "\tcollector\t") != NULL);
	}
	free(a);
	free(b);
	aging_teardown(&tracked);
	aging_teardown(&untracked);
}

/* Where an item can have a company or collector, the sides stay summed item by item. */
static void
sides_stay_tracked_where_an_item_can_have_one(void)
{
	static const char *const headers[] = {
		"customer,currency,amount,doc_date,company\n",
		"customer,currency,amount,doc_date,collector\n",
	};
	struct aging a;
	FILE *fp, *mfp;
	struct csvio_reader *r, *master;
	struct ar_error e = { 0 };

	for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++) {
		aging_setup(&a, AGING_GROUP_CUSTOMER, 30);
		r = reader_of(headers[i], &fp);
		EXPECT(!aging_run_untrack_sides(&a.rep, r, true));
		EXPECT(a.rep.track_sides);
		csvio_reader_close(r);
		fclose(fp);
		aging_teardown(&a);
	}
	/* Inputs that may not share the first's columns. */
	aging_setup(&a, AGING_GROUP_CUSTOMER, 30);
	r = reader_of("customer,currency,amount,doc_date\n", &fp);
	EXPECT(!aging_run_untrack_sides(&a.rep, r, false));
	/* A master that names a collector. */
	master = reader_of("customer,name,collector\nC1,One,Aina\n", &mfp);
	EXPECT_EQ_INT(customers_load(&a.customers, master, &e), AR_OK);
	csvio_reader_close(master);
	fclose(mfp);
	EXPECT(!aging_run_untrack_sides(&a.rep, r, true));
	EXPECT(a.rep.track_sides);
	csvio_reader_close(r);
	fclose(fp);
	aging_teardown(&a);
	/* Not by customer: no sides to leave. */
	aging_setup(&a, AGING_GROUP_CURRENCY, 30);
	r = reader_of("customer,currency,amount,doc_date\n", &fp);
	EXPECT(!aging_run_untrack_sides(&a.rep, r, true));
	csvio_reader_close(r);
	fclose(fp);
	aging_teardown(&a);
}

/* A currency's sum of rows that does not fit in 64 bits is said, not wrapped. */
static void
sides_from_rows_overflow(void)
{
	struct aging a;
	struct ar_error e = { 0 };
	bool from_rows = false;

	aging_setup(&a, AGING_GROUP_CUSTOMER, 30);
	feed(&a, "customer,currency,amount,doc_date\n"
	    "A,MYR,90000000000000000.00,2026-01-01\nB,MYR,90000000000000000.00,2026-01-01\n",
	    true, &from_rows);
	EXPECT(from_rows);
	EXPECT(partials_of(&a, true, &e) == NULL);
	EXPECT_EQ_INT(e.code, AR_ERANGE);
	EXPECT_EQ_STR(e.message, "the MYR total does not fit in 64 bits");
	EXPECT_EQ_STR(e.file, "");
	aging_teardown(&a);
}

/* Threads only for regular files, not for --detail, by default only for enough to share. */
static void
jobs_for_regular_files(void)
{
	char path[] = "/tmp/test_aging_run_XXXXXX";
	int fd = mkstemp(path);
	char *one[] = { path }, *stdin_too[] = { path, "-" };

	EXPECT(fd >= 0);
	if (fd < 0)
		return;
	EXPECT_EQ_INT(write(fd, "customer\n", 9), 9);
	close(fd);
	EXPECT_EQ_INT(aging_run_jobs(4, NULL, 0, false), 0);        /* standard input */
	EXPECT_EQ_INT(aging_run_jobs(4, stdin_too, 2, false), 0);
	EXPECT_EQ_INT(aging_run_jobs(4, one, 1, true), 0);          /* --detail */
	EXPECT_EQ_INT(aging_run_jobs(1, one, 1, false), 0);
	EXPECT_EQ_INT(aging_run_jobs(0, one, 1, false), 0);         /* too small to share */
	EXPECT_EQ_INT(aging_run_jobs(3, one, 1, false), 3);         /* asked for */
	EXPECT_EQ_INT(aging_run_jobs(1000, one, 1, false), 256);
	remove(path);
}

/* ar.ini of text in a temporary file, loaded; NULL when it does not load. */
static struct ar_config *
config_of(const char *text)
{
	char path[] = "/tmp/test_aging_run_XXXXXX";
	struct ar_config *cfg = NULL;
	struct ar_error e;
	int fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (fp == NULL)
		abort();
	fputs(text, fp);
	fclose(fp);
	if (config_load(path, &cfg, &e) != AR_OK)
		printf("# config: %s\n", e.message);
	remove(path);
	return cfg;
}

/* The rule: --min-past-due over every amount of [report]; [report]'s only under its rule. */
static void
lpd_rule_resolves(void)
{
	struct ar_config *cfg = config_of("[report]\nlpd_min_amount = 50000\n"
	    "lpd_min_amount.USD = 10000\n");
	struct aging_run_lpd l = { .from_report = true };
	currency_id usd;

	EXPECT(cfg != NULL);
	if (cfg == NULL)
		return;
	EXPECT_EQ_INT(currency_lookup("USD", 3, &usd), AR_OK);
	aging_run_lpd_resolve(&l, cfg, true);
	EXPECT_EQ_STR(l.min_amount, "50000");
	EXPECT(l.in_reporting);
	EXPECT(l.by_currency[usd] != NULL && strcmp(l.by_currency[usd], "10000") == 0);
	l.min_past_due = "100";
	aging_run_lpd_resolve(&l, cfg, true);
	EXPECT_EQ_STR(l.min_amount, "100");
	EXPECT(!l.in_reporting && l.by_currency[usd] == NULL);
	l = (struct aging_run_lpd){ .from_report = false };
	aging_run_lpd_resolve(&l, cfg, true);
	EXPECT(l.min_amount == NULL && !l.in_reporting && l.by_currency[usd] == NULL);
	config_free(cfg);
}

/* The report written: what stops it is worded as ar-age says it. */
static void
write_says_what_stops_it(void)
{
	struct aging a;
	struct aging_run_lpd l = { .min_past_due = "12x", .min_amount = "12x" };
	struct fx_rates rates;
	struct aging_run_outputs o = { .lpd = &l, .csv_opts = { false, true, false } };
	struct csvio_writer w;
	struct ar_error e = { 0 };
	FILE *out = fopen("/dev/null", "w");
	currency_id myr;

	aging_setup(&a, AGING_GROUP_CUSTOMER, 30);
	feed(&a, ITEMS, false, NULL);
	if (out == NULL || currency_lookup("MYR", 3, &myr) != AR_OK)
		abort();
	csvio_writer_init(&w, out, ',', false);
	o.csv = &w;
	EXPECT_EQ_INT(aging_run_write(&a.rep, &o, &e), AR_EUSAGE);
	EXPECT_EQ_STR(e.message, "--min-past-due \"12x\" is not an amount in MYR");
	fx_rates_init(&rates, myr);
	o.rates = &rates;
	o.rates_path = "rates.csv";
	EXPECT_EQ_INT(aging_run_write(&a.rep, &o, &e), AR_ECURRENCY);
	EXPECT_EQ_STR(e.file, "rates.csv");
	EXPECT_EQ_STR(e.message, "no rate for TWD to MYR");
	o.rates_path = NULL;
	EXPECT_EQ_INT(aging_run_write(&a.rep, &o, &e), AR_ECONFIG);
	EXPECT_EQ_STR(e.file, "");
	EXPECT_EQ_STR(e.message, "no rate for TWD to [report] currency MYR: add [currency.TWD] "
	    "rate to ar.ini, or give --rates");
	fclose(out);
	aging_teardown(&a);
}

/* path holding text (a template made a name first), for the caller to remove. */
static void
file_of(char *path, const char *text)
{
	size_t len = strlen(path);
	int fd = len >= 6 && strcmp(path + len - 6, "XXXXXX") == 0 ? mkstemp(path) :
	    open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (fp == NULL)
		abort();
	fputs(text, fp);
	fclose(fp);
}

/* What the options given say against the partials, and where the partials' policy was read. */
static void
partials_against_the_options(void)
{
	struct aging mapper, merger;
	struct aging_partial_merge m = { 0 };
	struct aging_policy mine;
	struct aging_run_given given = { .policy = &mine, .group = AGING_GROUP_CUSTOMER,
	    .only_currency = -1 };
	struct ar_error e = { 0 };
	char path[] = "/tmp/test_aging_run_XXXXXX", *text, *files[1] = { path };

	aging_setup(&mapper, AGING_GROUP_CUSTOMER, 30);
	feed(&mapper, ITEMS, false, NULL);
	text = partials_of(&mapper, false, &e);
	if (text == NULL)
		abort();
	file_of(path, text);
	free(text);
	mine = mapper.policy;

	aging_setup(&merger, AGING_GROUP_CUSTOMER, 30);
	m.rep = &merger.rep;
	EXPECT_EQ_INT(aging_run_merge(&m, files, 1, &given, &e), AR_OK);
	EXPECT(m.begun);
	EXPECT_EQ_INT(aging_run_check_partials(&m, &given, &e), AR_OK);
	date_from_ymd(2026, 11, 30, &mine.as_of);
	given.as_of = true;
	EXPECT_EQ_INT(aging_run_check_partials(&m, &given, &e), AR_EUSAGE);
	EXPECT_EQ_STR(e.message, "--as-of 2026-11-30 contradicts the partials' as_of=2026-11-24");
	given.as_of = false;
	mine.past_due_days = 90;
	given.past_due = true;
	EXPECT_EQ_INT(aging_run_check_partials(&m, &given, &e), AR_EUSAGE);
	EXPECT_EQ_STR(e.message, "the partials' past_due_days=30 is not this run's 90 (--min-days, "
	    "else [report] lpd_min_days): give the mappers --min-days 90");
	given.past_due = false;
	given.group_by = true;
	given.group = AGING_GROUP_COLLECTOR;
	EXPECT_EQ_INT(aging_run_check_partials(&m, &given, &e), AR_EUSAGE);
	EXPECT_EQ_STR(e.message, "--group-by collector contradicts the partials' group=customer");
	aging_partial_merge_free(&m);
	aging_teardown(&merger);

	/* Through aging_run_merge: the message names where the policy was read. */
	aging_setup(&merger, AGING_GROUP_CUSTOMER, 30);
	m = (struct aging_partial_merge){ .rep = &merger.rep };
	EXPECT_EQ_INT(aging_run_merge(&m, files, 1, &given, &e), AR_EUSAGE);
	EXPECT_EQ_STR(e.file, "");
	EXPECT(strstr(e.message, "contradicts the partials' group=customer (/tmp/test_aging_run_") != NULL);
	EXPECT(strstr(e.message, ":1)") != NULL);
	aging_partial_merge_free(&m);
	aging_teardown(&merger);
	remove(path);

	/* A file that does not open; a line that does not read, at its file and line. */
	aging_setup(&merger, AGING_GROUP_CUSTOMER, 30);
	m = (struct aging_partial_merge){ .rep = &merger.rep };
	given.group_by = false;
	EXPECT_EQ_INT(aging_run_merge(&m, files, 1, &given, &e), AR_EOPEN);
	EXPECT(strstr(e.message, "cannot open /tmp/test_aging_run_") == e.message);
	EXPECT(strstr(e.message, ": No such file or directory") != NULL);
	EXPECT_EQ_STR(e.file, "");
	aging_partial_merge_free(&m);
	file_of(path, "x\trow\n");
	m = (struct aging_partial_merge){ .rep = &merger.rep };
	EXPECT_EQ_INT(aging_run_merge(&m, files, 1, &given, &e), AR_ESYNTAX);
	EXPECT_EQ_STR(e.file, path);
	EXPECT_EQ_INT(e.line, 1);
	aging_partial_merge_free(&m);
	remove(path);
	aging_teardown(&merger);
	aging_teardown(&mapper);
}

int
main(void)
{
	RUN(sides_from_rows_are_the_tracked_sides);
	RUN(sides_stay_tracked_where_an_item_can_have_one);
	RUN(sides_from_rows_overflow);
	RUN(jobs_for_regular_files);
	RUN(lpd_rule_resolves);
	RUN(write_says_what_stops_it);
	RUN(partials_against_the_options);
	return test_summary();
}
