/*
 * test_ctos_state.c - the listing's state read and written (ctos_state.h),
 * and the journal's notices, payments and disputes (ctos_journal.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ar/ctos_journal.h"
#include "ar/ctos_state.h"
#include "test.h"

#define STATE_HEAD "customer,debtor_type,name,id_new,id_old,doc_no,doc_date,due_date,currency," \
	"original_amount,outstanding,listing_date,notice_date,notice_ref\n"
#define JOURNAL_HEAD "date,customer,action,level,doc_no,amount,currency,due,channel,ref,user,note\n"

/* A reader over text, through a temporary file as the command reads it. */
static struct csvio_reader *
reader_of(const char *text, char *path)
{
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	int fd = mkstemp(path);
	FILE *fp;

	if (fd < 0 || (fp = fdopen(fd, "w")) == NULL)
		abort();
	fputs(text, fp);
	if (fclose(fp) != 0 || csvio_reader_open(&r, path, &opts) != AR_OK)
		abort();
	return r;
}

static struct ctos_state *
load_state(const char *text, ar_err *err, struct ar_error *e)
{
	char path[] = "/tmp/test_ctos_state.XXXXXX";
	struct csvio_reader *r = reader_of(text, path);
	struct ctos_state *s = ctos_state_new(test_currency("MYR"));

	if (s == NULL)
		abort();
	memset(e, 0, sizeof *e);
	*err = ctos_state_load(s, r, e);
	csvio_reader_close(r);
	unlink(path);
	return s;
}

static void
ctos_state_reads_what_it_writes(void)
{
	struct ctos_listed items[2] = {
		{ "INV-1", test_day("2026-07-01"), test_day("2026-08-01"), 90000, 45050, test_day("2026-10-31") },
		{ "INV,2", DATE_NONE, test_day("2026-09-01"), 100, 100, test_day("2026-11-30") },
	};
	struct ctos_state_debtor d = { "C1", "company", "Alpha \"A\" Sdn. Bhd.", "201901000005",
	    "1312525-A", "N-1", test_day("2026-11-01"), items, 2, 0 };
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	struct csvio_writer w;
	struct ar_error e;
	ar_err err;

	csvio_writer_init(&w, fp, ',', false);
	ctos_state_write_header(&w);
	ctos_state_write_debtor(&w, &d, test_currency("MYR"));
	fclose(fp);
	EXPECT_EQ_STR(text, STATE_HEAD
	    "C1,company,\"Alpha \"\"A\"\" Sdn. Bhd.\",201901000005,1312525-A,INV-1,2026-07-01,"
	    "2026-08-01,MYR,900.00,450.50,2026-10-31,2026-11-01,N-1\n"
	    "C1,company,\"Alpha \"\"A\"\" Sdn. Bhd.\",201901000005,1312525-A,\"INV,2\",,"
	    "2026-09-01,MYR,1.00,1.00,2026-11-30,2026-11-01,N-1\n");
	struct ctos_state *s = load_state(text, &err, &e);
	EXPECT_EQ_INT(err, AR_OK);
	EXPECT_EQ_INT(ctos_state_count(s), 1);
	const struct ctos_state_debtor *got = ctos_state_find(s, "C1", 2);
	EXPECT(got != NULL);
	if (got != NULL) {
		EXPECT_EQ_STR(got->name, "Alpha \"A\" Sdn. Bhd.");
		EXPECT_EQ_STR(got->id_old, "1312525-A");
		EXPECT_EQ_INT(got->notice_date, test_day("2026-11-01"));
		EXPECT_EQ_INT(got->nitems, 2);
		EXPECT_EQ_STR(got->items[1].doc_no, "INV,2");
		EXPECT_EQ_INT(got->items[0].outstanding, 45050);
		EXPECT_EQ_INT(got->items[0].original, 90000);
		EXPECT_EQ_INT(got->items[1].doc_date, DATE_NONE);
		EXPECT_EQ_INT(got->line, 2);
	}
	EXPECT(ctos_state_find(s, "C2", 2) == NULL);
	ctos_state_free(s);
	free(text);
}

static void
ctos_state_refuses_what_it_never_writes(void)
{
	static const struct {
		const char *rows;
		ar_err err;
		long line;
		const char *message;
	} cases[] = {
		{ "C1,company,A,1,,INV-1,,2026-08-01,MYR,1.00,1.00,2026-11-30,,\n"
		  "C1,company,A,1,,INV-1,,2026-08-01,MYR,1.00,1.00,2026-11-30,,\n", AR_ESYNTAX, 3,
		  "customer \"C1\": doc_no \"INV-1\" is listed twice" },
		{ "C1,company,A,1,,INV-1,,2026-08-01,USD,1.00,1.00,2026-11-30,,\n", AR_ECURRENCY, 2,
		  "currency \"USD\" is not MYR, the currency of the listing ([ctos] currency)" },
		{ "C1,company,A,1,,INV-1,,2026-08-01,MYR,1.00,0.00,2026-11-30,,\n", AR_ERANGE, 2,
		  "outstanding \"0.00\" is not an amount above zero (such as 1234.56)" },
		{ "C1,company,A,1,,INV-1,,01/08/2026,MYR,1.00,1.00,2026-11-30,,\n", AR_ESYNTAX, 2,
		  "due_date \"01/08/2026\" is not a date (expected YYYY-MM-DD)" },
		{ "C1,company,A,1,,INV-1,,2026-08-01,MYR,1.00,1.00,,,\n", AR_ESYNTAX, 2,
		  "listing_date \"\" is not a date (expected YYYY-MM-DD)" },
		{ "C1,company,A,1,,INV-1,,2026-08-01,MYR,1.00,1.00,2026-11-30,,\n"
		  "C1,company,A,2,,INV-2,,2026-08-01,MYR,1.00,1.00,2026-11-30,,\n", AR_ESYNTAX, 3,
		  "customer \"C1\": id_new \"2\" differs from its row at line 2 (\"1\")" },
		{ ",company,A,1,,INV-1,,2026-08-01,MYR,1.00,1.00,2026-11-30,,\n", AR_ESYNTAX, 2,
		  "customer is empty" },
	};
	char text[1024];
	struct ar_error e;
	ar_err err;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(text, sizeof text, "%s%s", STATE_HEAD, cases[i].rows);
		ctos_state_free(load_state(text, &err, &e));
		EXPECT_EQ_INT(err, cases[i].err);
		EXPECT_EQ_INT(e.line, cases[i].line);
		EXPECT_EQ_STR(e.message, cases[i].message);
	}
	ctos_state_free(load_state("customer,doc_no\nC1,INV-1\n", &err, &e));
	EXPECT_EQ_INT(err, AR_ECOLUMN);
	EXPECT_EQ_STR(e.message, "missing column \"debtor_type\" (a state file is what ar-ctos "
	    "--commit wrote)");
}

static struct ctos_journal *
load_journal(const char *text, int notice_level, ar_err *err, struct ar_error *e)
{
	static const struct item_format fmt = {
		.decimal = MONEY_DECIMAL_POINT, .dates = DATE_OPTS_DEFAULT
	};
	struct ctos_policy p = { test_currency("MYR"), 15000, 60, notice_level, 14, true, false };
	char path[] = "/tmp/test_ctos_journal.XXXXXX";
	struct csvio_reader *r = reader_of(text, path);
	struct ctos_journal *j = ctos_journal_new(&p, test_day("2026-11-30"), test_currency("MYR"));

	if (j == NULL)
		abort();
	memset(e, 0, sizeof *e);
	*err = ctos_journal_load(j, r, &fmt, e);
	csvio_reader_close(r);
	unlink(path);
	return j;
}

static void
ctos_journal_finds_the_notice_and_its_age(void)
{
	struct ar_error e;
	ar_err err;
	struct ctos_journal *j = load_journal(JOURNAL_HEAD
	    "2026-10-01,C1,letter,2,,,,,,L-2,,\n"
	    "2026-10-05,C1,letter,3,,,,,,L-3,,\n"
	    "2026-11-16,C1,ctos_notice,,,,,,,N-16,,\n"        /* as-of - 14: old enough */
	    "2026-11-17,C1,ctos_notice,,,,,,,N-17,,\n"        /* too recent */
	    "2026-12-01,C1,ctos_notice,,,,,,,N-future,,\n"    /* after the as-of date */
	    "2026-11-20,C2,ctos_notice,,,,,,,N-C2,,\n"
	    "2026-11-02,C3,promise_kept,,,,,,,,,\n"
	    "2026-11-03,C3,dispute,,INV-9,,,,,,,\n", 3, &err, &e);
	const struct ctos_journal_facts *f;

	EXPECT_EQ_INT(err, AR_OK);
	f = ctos_journal_find(j, "C1", 2);
	EXPECT(f != NULL);
	if (f != NULL) {
		EXPECT_EQ_INT(f->notice_date, test_day("2026-11-16"));
		EXPECT_EQ_STR(f->notice_ref, "N-16");
		EXPECT_EQ_INT(f->notice_latest, test_day("2026-11-17"));
	}
	f = ctos_journal_find(j, "C2", 2);
	EXPECT(f != NULL && f->notice_date == DATE_NONE && f->notice_latest == test_day("2026-11-20"));
	f = ctos_journal_find(j, "C3", 2);
	EXPECT(f != NULL && f->paid_date == test_day("2026-11-02") && f->notice_latest == DATE_NONE);
	EXPECT(ctos_journal_disputed(j, "C3", 2, "INV-9", 5));
	EXPECT(!ctos_journal_disputed(j, "C3", 2, "INV-8", 5));
	ctos_journal_free(j);

	/* the level 3 letter is the notice only when [ctos] notice_level says so */
	j = load_journal(JOURNAL_HEAD "2026-10-05,C1,letter,3,,,,,,L-3,,\n"
	    "2026-10-01,C1,letter,2,,,,,,L-2,,\n", 3, &err, &e);
	f = ctos_journal_find(j, "C1", 2);
	EXPECT(f != NULL && f->notice_date == test_day("2026-10-05"));
	EXPECT_EQ_STR(f != NULL ? f->notice_ref : "", "L-3");
	ctos_journal_free(j);
	j = load_journal(JOURNAL_HEAD "2026-10-05,C1,letter,3,,,,,,L-3,,\n", 0, &err, &e);
	EXPECT(ctos_journal_find(j, "C1", 2) == NULL);
	ctos_journal_free(j);
}

/* A legal case at judgment (civil: stage 5) or past it, not ended: the first such day. */
static void
ctos_journal_finds_the_judgment(void)
{
	struct ar_error e;
	ar_err err;
	struct ctos_journal *j = load_journal(JOURNAL_HEAD
	    "2026-09-01,C1,legal_stage,1,L2026-0001,,,,civil,,,stage=opened; firm=Lee\n"
	    "2026-10-20,C1,legal_stage,6,L2026-0001,,,,civil,,,stage=enforcement\n"
	    "2026-10-12,C1,legal_stage,5,L2026-0001,,,,civil,,,stage=judgment\n"
	    "2026-10-12,C2,legal_stage,4,L2026-0002,,,,civil,,,stage=served\n"
	    "2026-10-12,C3,legal_stage,5,,,,,civil,,,no case number\n"
	    "2026-12-01,C4,legal_stage,5,L2026-0004,,,,civil,,,after as-of\n"
	    "2026-10-12,C5,legal_stage,97,L2026-0005,,,,civil,,,stage=settled\n", 0, &err, &e);
	const struct ctos_journal_facts *f;

	EXPECT_EQ_INT(err, AR_OK);
	f = ctos_journal_find(j, "C1", 2);
	EXPECT(f != NULL && f->judgment_date == test_day("2026-10-12"));
	EXPECT(ctos_journal_find(j, "C2", 2) == NULL);        /* served: not yet */
	EXPECT(ctos_journal_find(j, "C3", 2) == NULL);
	EXPECT(ctos_journal_find(j, "C4", 2) == NULL);
	EXPECT(ctos_journal_find(j, "C5", 2) == NULL);        /* an end is no judgment */
	ctos_journal_free(j);
}

static void
ctos_journal_bad_rows_stop_the_read(void)
{
	struct ar_error e;
	ar_err err;

	ctos_journal_free(load_journal(JOURNAL_HEAD "2026-13-01,C1,ctos_notice,,,,,,,,,\n", 0, &err,
	    &e));
	EXPECT(err != AR_OK);
	EXPECT_EQ_INT(e.line, 2);
	ctos_journal_free(load_journal("date,customer\n2026-11-01,C1\n", 0, &err, &e));
	EXPECT_EQ_INT(err, AR_ECOLUMN);
	EXPECT_EQ_STR(e.message, "missing column \"action\"");
}

int
main(void)
{
	RUN(ctos_state_reads_what_it_writes);
	RUN(ctos_state_refuses_what_it_never_writes);
	RUN(ctos_journal_finds_the_notice_and_its_age);
	RUN(ctos_journal_bad_rows_stop_the_read);
	RUN(ctos_journal_finds_the_judgment);
	return test_summary();
}
