/* test_journal.c - the journal read into per-customer facts at an as-of date. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ar/journal.h"
#include "test.h"

static struct journal *
load(const char *csv, const char *as_of, int *bad)
{
	static const struct item_format fmt = {
		.decimal = MONEY_DECIMAL_POINT, .dates = DATE_OPTS_DEFAULT
	};
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct journal_columns cols;
	struct ar_error problem;
	struct csvio_reader *r;
	struct csvio_record rec;
	struct journal *j;
	const char *missing;
	currency_id myr;
	civil_day day;
	FILE *fp = fmemopen((void *)csv, strlen(csv), "r");

	*bad = 0;
	currency_lookup("MYR", 3, &myr);
	date_parse(as_of, strlen(as_of), NULL, &day);
	if (fp == NULL || journal_new(&j, day, myr) != AR_OK ||
	    csvio_reader_from_stream(&r, fp, "journal", &opts) != AR_OK)
		abort();
	if (journal_bind(r, &cols, &missing) != AR_OK) {
		*bad = -1;
	} else {
		while (csvio_read(r, &rec) == AR_OK)
			if (journal_add(j, &rec, &cols, &fmt, &problem) != AR_OK)
				(*bad)++;
	}
	csvio_reader_close(r);
	fclose(fp);
	return j;
}

#define HEAD "date,customer,action,doc_no,amount,currency,due\n"

static void
journal_open_promise(void)
{
	int bad;
	struct journal *j = load(HEAD
	    "2026-11-01,C1,promise,,\"1,500.50\",,2026-11-30\n", "2026-11-24", &bad);
	const struct journal_facts *f = journal_find(j, "C1", 2);

	EXPECT_EQ_INT(bad, 0);
	EXPECT(f != NULL && f->promise_open);
	EXPECT_EQ_INT(f->promise_amount, 150050);
	EXPECT_EQ_STR(currency_code(f->promise_currency), "MYR");
	EXPECT_EQ_STR(f->last_action, "promise");
	EXPECT(journal_find(j, "C2", 2) == NULL);
	journal_free(j);
}

static void
journal_promise_past_due_is_not_open(void)
{
	int bad;
	struct journal *j = load(HEAD "2026-11-01,C1,promise,,100,,2026-11-23\n", "2026-11-24", &bad);

	EXPECT(!journal_find(j, "C1", 2)->promise_open);
	journal_free(j);
}

static void
journal_promise_due_on_as_of_is_open(void)
{
	int bad;
	struct journal *j = load(HEAD "2026-11-01,C1,promise,,,,2026-11-24\n", "2026-11-24", &bad);
	const struct journal_facts *f = journal_find(j, "C1", 2);

	EXPECT(f->promise_open);
	EXPECT(!f->promise_has_amount);
	journal_free(j);
}

static void
journal_broken_or_paid_closes_promise(void)
{
	int bad;
	struct journal *j = load(HEAD
	    "2026-11-01,C1,promise,,100,,2026-12-31\n"
	    "2026-11-05,C1,promise_broken,,,,\n"
	    "2026-11-01,C2,promise,,100,,2026-12-31\n"
	    "2026-11-02,C2,payment,,100,,\n", "2026-11-24", &bad);

	EXPECT(!journal_find(j, "C1", 2)->promise_open);
	EXPECT(!journal_find(j, "C2", 2)->promise_open);
	journal_free(j);
}

static void
journal_out_of_order_rows_go_by_date(void)
{
	int bad;
	/* The broken mark is written after the promise but dated before it. */
	struct journal *j = load(HEAD
	    "2026-11-10,C1,promise,,100,,2026-12-31\n"
	    "2026-11-05,C1,promise_broken,,,,\n"
	    "2026-11-01,C1,call,,,,\n", "2026-11-24", &bad);
	const struct journal_facts *f = journal_find(j, "C1", 2);

	EXPECT(f->promise_open);
	EXPECT_EQ_STR(f->last_action, "promise");
	journal_free(j);
}

static void
journal_newer_promise_replaces(void)
{
	int bad;
	struct journal *j = load(HEAD
	    "2026-11-01,C1,promise,,100,,2026-12-31\n"
	    "2026-11-03,C1,promise,,250,USD,2026-12-15\n", "2026-11-24", &bad);
	const struct journal_facts *f = journal_find(j, "C1", 2);

	EXPECT(f->promise_open);
	EXPECT_EQ_INT(f->promise_amount, 25000);
	EXPECT_EQ_STR(currency_code(f->promise_currency), "USD");
	journal_free(j);
}

static void
journal_disputes_by_doc_no(void)
{
	int bad;
	struct journal *j = load(HEAD
	    "2026-10-01,C1,dispute,INV-2,,,\n"
	    "2026-10-02,C1,dispute,INV-1,,,\n"
	    "2026-10-03,C1,dispute,,,,\n"
	    "2026-10-04,C1,dispute,INV-3,,,\n"
	    "2026-10-05,C1,dispute_resolved,INV-3,,,\n"
	    "2026-10-06,C1,dispute_resolved,INV-9,,,\n", "2026-11-24", &bad);
	const struct journal_facts *f = journal_find(j, "C1", 2);

	EXPECT_EQ_INT(f->open_disputes, 3);
	EXPECT_EQ_STR(f->dispute_docs, "(account); INV-1; INV-2");
	{
		civil_day d;

		date_parse("2026-10-01", 10, NULL, &d);
		EXPECT_EQ_INT(f->dispute_since, d);
	}
	journal_free(j);
}

static void
journal_dispute_raised_again_after_resolution(void)
{
	int bad;
	struct journal *j = load(HEAD
	    "2026-10-01,C1,dispute,INV-1,,,\n"
	    "2026-10-05,C1,dispute_resolved,INV-1,,,\n"
	    "2026-10-09,C1,dispute,INV-1,,,\n", "2026-11-24", &bad);

	EXPECT_EQ_INT(journal_find(j, "C1", 2)->open_disputes, 1);
	journal_free(j);
}

static void
journal_rows_after_as_of_ignored(void)
{
	int bad;
	struct journal *j = load(HEAD
	    "2026-11-01,C1,call,,,,\n"
	    "2026-11-25,C1,dispute,INV-1,,,\n"
	    "2026-11-25,C2,call,,,,\n", "2026-11-24", &bad);
	const struct journal_facts *f = journal_find(j, "C1", 2);

	EXPECT_EQ_STR(f->last_action, "call");
	EXPECT_EQ_INT(f->open_disputes, 0);
	EXPECT(journal_find(j, "C2", 2) == NULL);
	EXPECT_EQ_INT(journal_rows(j), 3);
	EXPECT_EQ_INT(journal_future_rows(j), 2);
	journal_free(j);
}

static void
journal_bad_rows_refused(void)
{
	int bad;
	struct journal *j = load(HEAD
	    "2026-02-31,C1,call,,,,\n"
	    "2026-11-01,C1,promise,,100,,\n"
	    "2026-11-01,C1,promise,,1.005,,2026-12-01\n"
	    "2026-11-01,C1,promise,,100,XYZ,2026-12-01\n"
	    "2026-11-01,,call,,,,\n", "2026-11-24", &bad);

	EXPECT_EQ_INT(bad, 5);
	EXPECT(journal_find(j, "C1", 2) == NULL);
	journal_free(j);
}

static void
journal_missing_column(void)
{
	int bad;
	struct journal *j = load("date,customer\n2026-11-01,C1\n", "2026-11-24", &bad);

	EXPECT_EQ_INT(bad, -1);
	journal_free(j);
}

/* journal_load: a bad row stops at its line, unless the caller skips it. */
static enum row_action
count_skip(void *ctx, const char *input, long line, const char *message)
{
	int *n = ctx;

	(void)input;
	(void)message;
	*n = *n * 100 + (int)line;   /* which lines, in order */
	return ROW_SKIP;
}

/* *promise: whether C1's promise was read. */
static ar_err
load_whole(const char *csv, bad_row_fn bad_row, int *skipped, struct ar_error *e,
    bool *promise)
{
	static const struct item_format fmt = {
		.decimal = MONEY_DECIMAL_POINT, .dates = DATE_OPTS_DEFAULT
	};
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	FILE *fp = fmemopen((void *)csv, strlen(csv), "r");
	struct csvio_reader *r;
	struct journal *j;
	currency_id myr;
	civil_day day;
	ar_err err;

	currency_lookup("MYR", 3, &myr);
	date_parse("2026-11-24", 10, NULL, &day);
	if (fp == NULL || journal_new(&j, day, myr) != AR_OK ||
	    csvio_reader_from_stream(&r, fp, "journal", &opts) != AR_OK)
		abort();
	err = journal_load(j, r, &fmt, bad_row, skipped, e);
	{
		const struct journal_facts *f = journal_find(j, "C1", 2);

		*promise = f != NULL && f->promise_open;
	}
	csvio_reader_close(r);
	fclose(fp);
	journal_free(j);
	return err;
}

static void
journal_load_stops_or_skips(void)
{
	static const char csv[] = HEAD
	    "2026-11-01,C2,call,,,,\n"
	    "2026-13-01,C2,call,,,,\n"
	    "2026-11-02,C1,promise,,100.00,,2026-11-30\n";
	struct ar_error e = { 0 };
	int skipped = 0;
	bool c1;
	ar_err err;

	err = load_whole(csv, NULL, &skipped, &e, &c1);
	EXPECT(err != AR_OK);
	EXPECT_EQ_INT(e.code, err);
	EXPECT_EQ_INT(e.line, 3);
	EXPECT(strstr(e.message, "2026-13-01") != NULL);
	EXPECT_EQ_INT(skipped, 0);
	memset(&e, 0, sizeof e);
	EXPECT_EQ_INT(load_whole(csv, count_skip, &skipped, &e, &c1), AR_OK);
	EXPECT_EQ_INT(skipped, 3);
	EXPECT(c1);
	EXPECT_EQ_INT(load_whole("date,customer\n", NULL, &skipped, &e, &c1), AR_ECOLUMN);
	EXPECT_EQ_INT(e.line, 1);
	EXPECT_EQ_STR(e.message, "missing column \"action\"");
}

/* "1.500" MYR is 1,500 in the other notation, not 1.50: refused, naming the fix. */
static void
journal_promise_amount_with_extra_decimals_refused(void)
{
	struct ar_error e = { 0 };
	int skipped = 0;
	bool c1;

	EXPECT_EQ_INT(load_whole(HEAD "2026-11-02,C1,promise,,1.500,,2026-11-30\n", NULL,
	    &skipped, &e, &c1), AR_EDECIMALS);
	EXPECT_EQ_INT(e.line, 2);
	EXPECT_EQ_STR(e.message, "amount \"1.500\" has 3 decimals but MYR has 2: if \".\" "
	    "groups thousands in this file, set [input] decimal = comma; else check "
	    "[currency.MYR] exponent");
	EXPECT(!c1);
}

/* An agency holds the account from its assign to its recall; a legal case is open until stage 97. */
static void
journal_agency_and_legal_case(void)
{
	int bad;
	struct journal *j = load("date,customer,action,level,doc_no,amount,currency,due\n"
	    "2026-10-01,C1,agency_assign,,,1400.00,MYR,2026-06-30\n"
	    "2026-10-01,C2,agency_assign,,,500.00,MYR,\n"
	    "2026-11-01,C2,agency_recall,,,,,\n"
	    "2026-09-01,C3,legal_stage,1,L2026-0001,,,\n"
	    "2026-10-01,C3,legal_stage,2,L2026-0001,,,\n"
	    "2026-09-01,C4,legal_stage,1,L2026-0002,,,\n"
	    "2026-11-20,C4,legal_stage,98,L2026-0002,,,\n"
	    "2026-12-01,C5,legal_stage,1,L2026-0003,,,\n"
	    "2026-10-01,C6,legal_stage,x,L2026-0004,,,\n"
	    "2026-10-01,C7,legal_stage,3,,,,\n"                  /* no case number: no case */
	    "2026-10-01,C8,legal_stage,,L2026-0005,,,\n", "2026-11-24", &bad);
	const struct journal_facts *f;

	EXPECT_EQ_INT(bad, 1);                                    /* C6's stage "x" */
	f = journal_find(j, "C1", 2);
	EXPECT(f != NULL && f->with_agency && !f->legal_open);
	f = journal_find(j, "C2", 2);
	EXPECT(f != NULL && !f->with_agency);                    /* recalled */
	f = journal_find(j, "C3", 2);
	EXPECT(f != NULL && f->legal_open);
	f = journal_find(j, "C4", 2);
	EXPECT(f != NULL && !f->legal_open);                     /* ended: 98 */
	f = journal_find(j, "C5", 2);
	EXPECT(f == NULL || !f->legal_open);                     /* opened after as-of */
	f = journal_find(j, "C7", 2);
	EXPECT(f != NULL && !f->legal_open);
	f = journal_find(j, "C8", 2);
	EXPECT(f != NULL && !f->legal_open);                     /* no stage */
	journal_free(j);
}

int
main(void)
{
	RUN(journal_open_promise);
	RUN(journal_promise_past_due_is_not_open);
	RUN(journal_promise_due_on_as_of_is_open);
	RUN(journal_broken_or_paid_closes_promise);
	RUN(journal_out_of_order_rows_go_by_date);
	RUN(journal_newer_promise_replaces);
	RUN(journal_disputes_by_doc_no);
	RUN(journal_dispute_raised_again_after_resolution);
	RUN(journal_rows_after_as_of_ignored);
	RUN(journal_bad_rows_refused);
	RUN(journal_missing_column);
	RUN(journal_load_stops_or_skips);
	RUN(journal_promise_amount_with_extra_decimals_refused);
	RUN(journal_agency_and_legal_case);
	return test_summary();
}
