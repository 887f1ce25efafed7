/* test_pod_filings.c - proofs of debt and dividends read from the journal (pod_filings.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ar/pod_filings.h"
#include "test.h"

#define HEAD "date,customer,action,level,doc_no,amount,currency,due,channel,ref,user,note\n"

/*
 * The filings of journal text read at as_of, written to a temporary file
 * first as ar-pod reads it; the load's result in *err and *e.
 */
static struct pod_filings *
load(const char *text, const char *as_of, ar_err *err, struct ar_error *e)
{
	static const struct item_format fmt = {
		.decimal = MONEY_DECIMAL_POINT, .dates = DATE_OPTS_DEFAULT
	};
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	char path[] = "/tmp/test_pod_filings.XXXXXX";
	struct csvio_reader *r;
	struct pod_filings *f;
	int fd = mkstemp(path);
	FILE *fp;

	if (fd < 0 || (fp = fdopen(fd, "w")) == NULL)
		abort();
	fputs(text, fp);
	if (fclose(fp) != 0 || pod_filings_new(&f, test_day(as_of), test_currency("MYR")) != AR_OK ||
	    csvio_reader_open(&r, path, &opts) != AR_OK)
		abort();
	memset(e, 0, sizeof *e);
	*err = pod_filings_load(f, r, &fmt, e);
	csvio_reader_close(r);
	unlink(path);
	return f;
}

/*
 * ACME: a proof in MYR filed, then amended (the amendment written first,
 * dated later), one in USD, a dividend before any proof, two dividends of
 * one day (one without currency), and rows after the as-of date.  BETA:
 * two cut-offs, each dividend to the latest one on or before it.
 */
static const char journal[] = HEAD
    "2026-02-20,ACME,dividend,,,50.00,MYR,,,,,paid before the proof\n"            /* 2 */
    "2026-04-10,ACME,pod_amended,,,\"1,400.00\",MYR,2026-03-01,,pod/ACME-2.pdf,,\n" /* 3 */
    "2026-03-05,ACME,pod_filed,,,1500.00,MYR,2026-03-01,,pod/ACME.pdf,,\n"         /* 4 */
    "2026-03-05,ACME,pod_filed,,,200.00,USD,2026-03-01,,pod/ACME-USD.pdf,,\n"      /* 5 */
    "2026-05-01,ACME,dividend,,,300.00,MYR,,,,,\n"                                 /* 6 */
    "2026-05-01,ACME,DIVIDEND,,,100.00,,,,,,\n"                                    /* 7 */
    "2026-06-01,ACME,dividend,,,999.00,MYR,,,,,after the as-of date\n"             /* 8 */
    "2026-06-01,ACME,pod_amended,,,1.00,MYR,2026-03-01,,late.pdf,,\n"              /* 9 */
    "2026-06-02,ACME,pod_filed,,,not money,MYR,2026-05-15,,,,\n"                  /* 10 */
    "2026-03-01,BETA,call,,,x,ZZZ,someday,,,,other actions are not read\n"        /* 11 */
    "2026-03-06,BETA,pod_filed,,,10.00,,2026-02-01,,,,\n"                          /* 12 */
    "2026-03-20,BETA,dividend,,,2.00,MYR,,,,,\n"                                   /* 13 */
    "2026-04-05,BETA,pod_filed,,,50.00,MYR,2026-04-01,,,,\n"                       /* 14 */
    "2026-04-20,BETA,dividend,,,3.00,MYR,,,,,\n";                                  /* 15 */

static void
pod_filings_register_attributes_dividends(void)
{
	struct pod_register_row *rows;
	struct ar_error e;
	size_t n;
	ar_err err;
	struct pod_filings *f = load(journal, "2026-05-31", &err, &e);
	currency_id myr = test_currency("MYR"), usd = test_currency("USD");

	EXPECT_EQ_INT(err, AR_OK);
	EXPECT_EQ_INT(pod_filings_register(f, &rows, &n), AR_OK);
	EXPECT_EQ_INT(n, 5);
	if (n != 5) {
		free(rows);
		pod_filings_free(f);
		return;
	}
	/* ACME's dividend before its only cut-off: a row of no proof, never dropped. */
	EXPECT_EQ_STR(rows[0].customer, "ACME");
	EXPECT_EQ_INT(rows[0].currency, myr);
	EXPECT_EQ_INT(rows[0].cut_off, DATE_NONE);
	EXPECT_EQ_INT(rows[0].claim, 0);
	EXPECT_EQ_INT(rows[0].filed, DATE_NONE);
	EXPECT_EQ_INT(rows[0].amended, DATE_NONE);
	EXPECT_EQ_STR(rows[0].ref, "");
	EXPECT_EQ_INT(rows[0].dividends, 5000);
	EXPECT_EQ_INT(rows[0].unrecovered, -5000);
	EXPECT_EQ_INT(rows[0].dividend_rows, 1);
	/* The amendment is the latest by date, though written first; June's rows are unknown. */
	EXPECT_EQ_STR(rows[1].customer, "ACME");
	EXPECT_EQ_INT(rows[1].currency, myr);
	EXPECT_EQ_INT(rows[1].cut_off, test_day("2026-03-01"));
	EXPECT_EQ_INT(rows[1].claim, 140000);
	EXPECT_EQ_INT(rows[1].filed, test_day("2026-03-05"));
	EXPECT_EQ_INT(rows[1].amended, test_day("2026-04-10"));
	EXPECT_EQ_STR(rows[1].ref, "pod/ACME-2.pdf");
	EXPECT_EQ_INT(rows[1].dividends, 40000);
	EXPECT_EQ_INT(rows[1].dividend_rows, 2);
	EXPECT_EQ_INT(rows[1].unrecovered, 100000);
	EXPECT_EQ_STR(rows[2].customer, "ACME");
	EXPECT_EQ_INT(rows[2].currency, usd);
	EXPECT_EQ_INT(rows[2].cut_off, test_day("2026-03-01"));
	EXPECT_EQ_INT(rows[2].claim, 20000);
	EXPECT_EQ_INT(rows[2].amended, DATE_NONE);
	EXPECT_EQ_STR(rows[2].ref, "pod/ACME-USD.pdf");
	EXPECT_EQ_INT(rows[2].dividends, 0);
	EXPECT_EQ_INT(rows[2].dividend_rows, 0);
	EXPECT_EQ_INT(rows[2].unrecovered, 20000);
	/* BETA: the dividend of 20 March to the February cut-off, that of 20 April to April's. */
	EXPECT_EQ_STR(rows[3].customer, "BETA");
	EXPECT_EQ_INT(rows[3].cut_off, test_day("2026-02-01"));
	EXPECT_EQ_INT(rows[3].currency, myr);
	EXPECT_EQ_INT(rows[3].claim, 1000);
	EXPECT_EQ_INT(rows[3].dividends, 200);
	EXPECT_EQ_INT(rows[3].unrecovered, 800);
	EXPECT_EQ_STR(rows[3].ref, "");
	EXPECT_EQ_STR(rows[4].customer, "BETA");
	EXPECT_EQ_INT(rows[4].cut_off, test_day("2026-04-01"));
	EXPECT_EQ_INT(rows[4].filed, test_day("2026-04-05"));
	EXPECT_EQ_INT(rows[4].claim, 5000);
	EXPECT_EQ_INT(rows[4].dividends, 300);
	EXPECT_EQ_INT(rows[4].unrecovered, 4700);
	free(rows);
	pod_filings_free(f);
}

static void
pod_filings_has_a_proof_of_the_cut_off(void)
{
	struct ar_error e;
	ar_err err;
	struct pod_filings *f = load(journal, "2026-05-31", &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	EXPECT(pod_filings_has(f, "ACME", 4, test_day("2026-03-01")));
	EXPECT(!pod_filings_has(f, "ACME", 4, test_day("2026-02-01")));
	/* Filed on 2 June: not yet known on 31 May. */
	EXPECT(!pod_filings_has(f, "ACME", 4, test_day("2026-05-15")));
	EXPECT(pod_filings_has(f, "BETA", 4, test_day("2026-02-01")));
	EXPECT(pod_filings_has(f, "BETA", 4, test_day("2026-04-01")));
	EXPECT(!pod_filings_has(f, "NOBODY", 6, test_day("2026-03-01")));
	/* A dividend is no filing. */
	EXPECT(!pod_filings_has(f, "ACME", 4, test_day("2026-02-20")));
	pod_filings_free(f);
}

static void
pod_filings_later_as_of_sees_later_rows(void)
{
	struct pod_register_row *rows;
	struct ar_error e;
	size_t n;
	ar_err err;
	/* The row of 2 June does not read: known from then on, it is an error at its line. */
	struct pod_filings *f = load(journal, "2026-06-01", &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	EXPECT_EQ_INT(pod_filings_register(f, &rows, &n), AR_OK);
	EXPECT(n == 5 && rows[1].claim == 100 && rows[1].amended == test_day("2026-06-01"));
	EXPECT(n == 5 && rows[1].dividends == 139900 && rows[1].unrecovered == -139800);
	EXPECT(n == 5 && strcmp(rows[1].ref, "late.pdf") == 0);
	free(rows);
	pod_filings_free(f);
	f = load(journal, "2026-06-02", &err, &e);
	EXPECT_EQ_INT(err, AR_ESYNTAX);
	EXPECT_EQ_INT(e.line, 10);
	EXPECT_EQ_STR(e.message, "amount \"not money\" is not an amount");
	pod_filings_free(f);
}

static void
pod_filings_bad_amount_is_an_error_at_its_line(void)
{
	struct ar_error e;
	ar_err err;
	struct pod_filings *f = load(HEAD
	    "2026-03-05,ACME,pod_filed,,,1500.00,MYR,2026-03-01,,,,\n"
	    "2026-04-01,ACME,dividend,,,12.3x,MYR,,,,,\n", "2026-05-31", &err, &e);

	EXPECT_EQ_INT(err, AR_ESYNTAX);
	EXPECT_EQ_INT(e.line, 3);
	EXPECT_EQ_STR(e.message, "amount \"12.3x\" is not an amount");
	pod_filings_free(f);
}

static void
pod_filings_rows_that_do_not_read(void)
{
	static const struct {
		const char *row;
		ar_err err;
		const char *message;
	} cases[] = {
		{ "2026-03-05,ACME,pod_filed,,,1500.00,MYR,,,,,\n", AR_ESYNTAX,
		  "a pod_filed row needs a due date (the cut-off)" },
		{ "2026-03-05,ACME,pod_amended,,,,MYR,2026-03-01,,,,\n", AR_ESYNTAX,
		  "a pod_amended row needs an amount" },
		{ "2026-03-05,ACME,pod_filed,,,-5.00,MYR,2026-03-01,,,,\n", AR_ERANGE,
		  "amount \"-5.00\" of a pod_filed row is below zero" },
		{ "2026-03-05,ACME,pod_filed,,,5.00,MYR,31/02/2026,,,,\n", AR_ERANGE,
		  "due \"31/02/2026\" is not a date" },
		{ "2026-03-05,ACME,dividend,,,0.00,MYR,,,,,\n", AR_ERANGE,
		  "amount \"0.00\" of a dividend is not above zero" },
		{ "2026-03-05,ACME,dividend,,,5.00,XYZ,,,,,\n", AR_ECURRENCY,
		  "currency \"XYZ\" is not a known currency code" },
		{ "2026-03-05,ACME,dividend,,,5.001,MYR,,,,,\n", AR_EDECIMALS, NULL },
		{ "05-2026,ACME,dividend,,,5.00,MYR,,,,,\n", AR_ESYNTAX,
		  "date \"05-2026\" is not a date" },
		{ "2026-03-05,,dividend,,,5.00,MYR,,,,,\n", AR_ESYNTAX, "customer is empty" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[512];
		struct ar_error e;
		ar_err err;
		struct pod_filings *f;

		snprintf(text, sizeof text, HEAD "2026-01-01,ACME,note,,,,,,,,,fine\n%s",
		    cases[i].row);
		f = load(text, "2026-05-31", &err, &e);
		EXPECT_EQ_INT(err, cases[i].err);
		EXPECT_EQ_INT(e.line, 3);
		if (cases[i].message != NULL)
			EXPECT_EQ_STR(e.message, cases[i].message);
		else
			EXPECT(strstr(e.message, "\"5.001\" has 3 decimals but MYR has 2") != NULL);
		pod_filings_free(f);
	}
}

static void
pod_filings_needs_the_journal_columns(void)
{
	struct ar_error e;
	ar_err err;
	struct pod_filings *f = load("date,customer,amount\n2026-03-05,ACME,1.00\n", "2026-05-31",
	    &err, &e);

	EXPECT_EQ_INT(err, AR_ECOLUMN);
	EXPECT_EQ_INT(e.line, 1);
	EXPECT_EQ_STR(e.message, "missing column \"action\"");
	pod_filings_free(f);
}

static void
pod_filings_empty_register(void)
{
	struct pod_register_row *rows = (struct pod_register_row *)1;
	struct ar_error e;
	size_t n = 7;
	ar_err err;
	struct pod_filings *f = load(HEAD "2026-03-05,ACME,call,,,,,,,,,\n", "2026-05-31", &err,
	    &e);

	EXPECT_EQ_INT(err, AR_OK);
	EXPECT_EQ_INT(pod_filings_register(f, &rows, &n), AR_OK);
	EXPECT_EQ_INT(n, 0);
	EXPECT(rows == NULL);
	EXPECT(!pod_filings_has(f, "ACME", 4, test_day("2026-03-05")));
	pod_filings_free(f);
}

int
main(void)
{
	RUN(pod_filings_register_attributes_dividends);
	RUN(pod_filings_has_a_proof_of_the_cut_off);
	RUN(pod_filings_later_as_of_sees_later_rows);
	RUN(pod_filings_bad_amount_is_an_error_at_its_line);
	RUN(pod_filings_rows_that_do_not_read);
	RUN(pod_filings_needs_the_journal_columns);
	RUN(pod_filings_empty_register);
	return test_summary();
}
