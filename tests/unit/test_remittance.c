/*
 * test_remittance.c - remittance advices (ar-match --remittance): loaded
 * from CSV, found by payment_id or by payer, value_date and amount, each
 * handed back once, the unused ones reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ar/remittance.h"
#include "test.h"

static civil_day
day(const char *iso)
{
	civil_day d;

	if (date_parse(iso, strlen(iso), NULL, &d) != AR_OK)
		abort();
	return d;
}

/*
 * Load csv from memory; the reader and its stream are closed before the
 * table is used, so the table must hold its own copies.
 */
static struct remittance_table *
load(const char *csv, ar_err *err, struct ar_error *e)
{
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct remittance_table *t = NULL;
	struct csvio_reader *r;
	FILE *fp = fmemopen((void *)csv, strlen(csv), "r");

	if (fp == NULL || csvio_reader_from_stream(&r, fp, "advices.csv", &opts) != AR_OK)
		abort();
	memset(e, 0, sizeof *e);
	*err = remittance_load(&t, r, NULL, e);
	csvio_reader_close(r);
	fclose(fp);
	return t;
}

/* A payment as payments_parse would give it; the texts not named are "". */
static struct payment
pay(const char *id, const char *value_date, const char *code, int64_t amount,
    const char *payer)
{
	struct payment p;

	memset(&p, 0, sizeof p);
	snprintf(p.id, sizeof p.id, "%s", id);
	p.value_date = day(value_date);
	p.currency = test_currency(code);
	p.amount = amount;
	p.payer = payer;
	p.payer_account = p.reference = p.channel = p.ref1 = p.ref2 = p.bank_ref = "";
	p.statement = p.account = p.narrative = "";
	p.booking_date = DATE_NONE;
	return p;
}

static const char by_id_csv[] =
    "payment_id,doc_no,amount\n"
    "STMT1:2,1800000123,1000.00\n"
    "STMT1:7,1800000200,50.00\n"
    "STMT1:2,1800000124,250.50\n";

static void
advice_is_found_by_payment_id(void)
{
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p = pay("STMT1:2", "2026-11-24", "MYR", 125050, "ANYONE");
	struct ar_error e;
	ar_err err;
	size_t n = 99;
	struct remittance_table *t = load(by_id_csv, &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 2);
	if (n == 2) {
		EXPECT_EQ_STR(lines[0].doc_no, "1800000123");
		EXPECT_EQ_INT(lines[0].amount, 100000);
		EXPECT_EQ_INT(lines[0].line, 2);
		EXPECT_EQ_STR(lines[1].doc_no, "1800000124");
		EXPECT_EQ_INT(lines[1].amount, 25050);
		EXPECT_EQ_INT(lines[1].line, 4);
	}
	remittance_free(t);
}

/* Amounts without a currency take the payment's decimals: 50 JPY is 50, not 5000. */
static void
amounts_without_currency_take_the_payments_decimals(void)
{
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p = pay("STMT1:7", "2026-11-24", "JPY", 50, "");
	struct ar_error e;
	ar_err err;
	size_t n = 0;
	struct remittance_table *t = load(by_id_csv, &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	/* "50.00" at JPY's 0 decimals: extra zero decimals are refused, as in the payments stream */
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_EDECIMALS);
	EXPECT_EQ_INT(n, 0);
	EXPECT_EQ_INT(e.line, 3);
	remittance_free(t);

	t = load("payment_id,doc_no,amount\nS:1,INV-1,5000\n", &err, &e);
	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	p = pay("S:1", "2026-11-24", "JPY", 5000, "");
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 1);
	EXPECT_EQ_INT(lines[0].amount, 5000);
	remittance_free(t);
}

static const char by_payer_csv[] =
    "payer,value_date,payment_amount,doc_no,amount,currency\n"
    "SYARIKAT MAJU SDN. BHD.,2026-11-24,1250.50,1800000123,1000.00,\n"
    "Bintang Timur Enterprise,2026-11-24,80.00,9000001,80.00,\n"
    "Syarikat Maju Sdn Bhd,24/11/2026,1250.50,1800000124,250.50,MYR\n";

static void
advice_is_found_by_payer_date_and_amount(void)
{
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p = pay("STMT1:2", "2026-11-24", "MYR", 125050, "Syarikat Maju Sdn Bhd");
	struct ar_error e;
	ar_err err;
	size_t n = 0;
	struct remittance_table *t = load(by_payer_csv, &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	/* Rows 2 and 4 are one advice: the same payer once normalised, the same day */
	EXPECT_EQ_INT(remittance_count(t), 2);
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 2);
	if (n == 2) {
		EXPECT_EQ_STR(lines[0].doc_no, "1800000123");
		EXPECT_EQ_INT(lines[0].amount, 100000);
		EXPECT_EQ_STR(lines[1].doc_no, "1800000124");
		EXPECT_EQ_INT(lines[1].amount, 25050);
		EXPECT_EQ_INT(lines[1].line, 4);
	}
	remittance_free(t);
}

/* A payer written with a typo still scores PAYER_NAME_LIKELY or more. */
static void
a_likely_payer_name_is_enough(void)
{
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p = pay("S:9", "2026-11-24", "MYR", 8000, "IBG CR BINTANG TIMMUR");
	struct ar_error e;
	ar_err err;
	size_t n = 0;
	struct remittance_table *t = load(by_payer_csv, &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 1);
	EXPECT_EQ_STR(n == 1 ? lines[0].doc_no : NULL, "9000001");
	remittance_free(t);
}

static void
lines_stay_in_file_order_when_interleaved(void)
{
	static const char csv[] =
	    "payment_id,doc_no,amount\n"
	    "A:1,D3,3.00\n"
	    "B:1,X1,1.00\n"
	    "A:1,D1,1.00\n"
	    "B:1,X2,2.00\n"
	    "A:1,D2,2.00\n";
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p = pay("A:1", "2026-11-24", "USD", 600, "");
	struct ar_error e;
	ar_err err;
	size_t n = 0;
	struct remittance_table *t = load(csv, &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 3);
	if (n == 3) {
		EXPECT_EQ_STR(lines[0].doc_no, "D3");
		EXPECT_EQ_INT(lines[0].line, 2);
		EXPECT_EQ_STR(lines[1].doc_no, "D1");
		EXPECT_EQ_INT(lines[1].line, 4);
		EXPECT_EQ_STR(lines[2].doc_no, "D2");
		EXPECT_EQ_INT(lines[2].line, 6);
	}
	remittance_free(t);
}

static void
an_advice_is_handed_back_once(void)
{
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p = pay("STMT1:2", "2026-11-24", "MYR", 125050, "Syarikat Maju Sdn Bhd");
	struct payment q = pay("STMT1:3", "2026-11-24", "MYR", 125050, "Syarikat Maju");
	struct ar_error e;
	ar_err err;
	size_t n = 0;
	struct remittance_table *t = load(by_payer_csv, &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 2);
	/* a second payment of the same payer, day and amount gets nothing */
	n = 99;
	EXPECT_EQ_INT(remittance_find(t, &q, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 0);
	/* nor does the same payment asked again */
	n = 99;
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 0);
	remittance_free(t);

	t = load(by_id_csv, &err, &e);
	if (t == NULL)
		return;
	p = pay("STMT1:7", "2026-11-24", "MYR", 5000, "");
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 1);
	n = 99;
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 0);
	remittance_free(t);
}

/* Two advices fit equally: the first in the file goes first, the other next. */
static void
ties_go_to_the_advice_first_in_the_file(void)
{
	static const char csv[] =
	    "payer,value_date,payment_amount,doc_no,amount\n"
	    "Syarikat Maju,2026-11-24,\"1,250.50\",FIRST,1250.50\n"
	    "Syarikat Maju Sdn Bhd,2026-11-24,1250.50,SECOND,1250.50\n";
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p = pay("S:1", "2026-11-24", "MYR", 125050, "SYARIKAT MAJU S/B");
	struct ar_error e;
	ar_err err;
	size_t n = 0;
	struct remittance_table *t = load(csv, &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	EXPECT_EQ_INT(remittance_count(t), 2);
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_STR(n == 1 ? lines[0].doc_no : NULL, "FIRST");
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_STR(n == 1 ? lines[0].doc_no : NULL, "SECOND");
	remittance_free(t);
}

/* The best payer score wins over an earlier, merely likely, one. */
static void
the_best_payer_score_wins(void)
{
	static const char csv[] =
	    "payer,value_date,payment_amount,doc_no,amount\n"
	    "Syarikat Maju Jaya,2026-11-24,100.00,JAYA,100.00\n"
	    "Syarikat Maju,2026-11-24,100.00,MAJU,100.00\n";
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p = pay("S:1", "2026-11-24", "MYR", 10000, "SYARIKAT MAJU SDN BHD");
	struct ar_error e;
	ar_err err;
	size_t n = 0;
	struct remittance_table *t = load(csv, &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_STR(n == 1 ? lines[0].doc_no : NULL, "MAJU");
	/* "syarikat maju jaya" scores 86 with "syarikat maju": still likely, so next */
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_STR(n == 1 ? lines[0].doc_no : NULL, "JAYA");
	remittance_free(t);
}

static void
a_wrong_amount_date_or_payer_gives_none(void)
{
	static const struct { const char *id, *date; int64_t amount; const char *payer; } miss[] = {
		{ "S:1", "2026-11-24", 125000, "Syarikat Maju Sdn Bhd" },   /* 1250.00 */
		{ "S:2", "2026-11-25", 125050, "Syarikat Maju Sdn Bhd" },   /* a day later */
		{ "S:6", "2026-11-23", 125050, "Syarikat Maju Sdn Bhd" },   /* a day earlier */
		{ "S:3", "2026-11-24", 125050, "Syarikat Bintang Sdn Bhd" },/* another payer */
		{ "S:4", "2026-11-24", 125050, "" },                        /* no payer */
	};
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p;
	struct ar_error e;
	ar_err err;
	size_t n;
	struct remittance_table *t = load(by_payer_csv, &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	for (size_t i = 0; i < sizeof miss / sizeof *miss; i++) {
		p = pay(miss[i].id, miss[i].date, "MYR", miss[i].amount, miss[i].payer);
		n = 99;
		EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
		EXPECT_EQ_INT(n, 0);
	}
	/* the misses used nothing up */
	p = pay("S:5", "2026-11-24", "MYR", 125050, "Syarikat Maju Sdn Bhd");
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 2);
	remittance_free(t);
}

/* The same payer paying the same amount on two days sends two advices. */
static void
the_value_date_tells_two_advices_apart(void)
{
	static const char csv[] =
	    "payer,value_date,payment_amount,doc_no,amount\n"
	    "Syarikat Maju,2026-11-25,100.00,LATER,100.00\n"
	    "Syarikat Maju,2026-11-24,100.00,EARLIER,100.00\n";
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p = pay("S:1", "2026-11-24", "MYR", 10000, "Syarikat Maju");
	struct ar_error e;
	ar_err err;
	size_t n = 0;
	struct remittance_table *t = load(csv, &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	EXPECT_EQ_INT(remittance_count(t), 2);
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_STR(n == 1 ? lines[0].doc_no : NULL, "EARLIER");
	p = pay("S:2", "2026-11-25", "MYR", 10000, "Syarikat Maju");
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_STR(n == 1 ? lines[0].doc_no : NULL, "LATER");
	remittance_free(t);
}

static void
a_myr_line_with_three_decimals_is_an_error_at_its_line(void)
{
	static const char csv[] =
	    "payment_id,doc_no,amount,currency\n"
	    "S:1,INV-1,10.00,MYR\n"
	    "S:1,INV-2,12.345,MYR\n";
	struct ar_error e;
	ar_err err;
	struct remittance_table *t = load(csv, &err, &e);

	EXPECT(t == NULL);
	EXPECT_EQ_INT(err, AR_EDECIMALS);
	EXPECT_EQ_INT(e.code, AR_EDECIMALS);
	EXPECT_EQ_INT(e.line, 3);
	EXPECT_EQ_STR(e.message, "amount \"12.345\" has 3 decimals but MYR has 2: "
	    "if \".\" groups thousands, write the amount without it; else check [currency.MYR] exponent");
	remittance_free(t);
}

/* Without a currency column the same line loads, and fails when matched to a MYR payment. */
static void
three_decimals_without_currency_fail_when_found(void)
{
	static const char csv[] =
	    "payment_id,doc_no,amount\n"
	    "S:1,INV-1,10.00\n"
	    "S:1,INV-2,12.345\n";
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p = pay("S:1", "2026-11-24", "MYR", 2234, "");
	struct ar_error e;
	ar_err err;
	size_t n = 99;
	struct remittance_table *t = load(csv, &err, &e);
	struct remittance_advice_info info;

	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_EDECIMALS);
	EXPECT_EQ_INT(n, 0);
	EXPECT_EQ_INT(e.line, 3);
	EXPECT(strstr(e.message, "amount \"12.345\" has 3 decimals but MYR has 2") == e.message);
	remittance_advice(t, 0, &info);
	EXPECT(!info.used);
	remittance_free(t);

	/* in Bahraini dinars (3 decimals) it reads */
	t = load(csv, &err, &e);
	if (t == NULL)
		return;
	p = pay("S:1", "2026-11-24", "BHD", 22345, "");
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 2);
	EXPECT_EQ_INT(n == 2 ? lines[1].amount : 0, 12345);
	remittance_free(t);
}

/*
 * Too large for six decimals, so only its syntax is checked when loaded;
 * read in MYR it fits, and is still refused for its sign.
 */
static void
a_huge_negative_amount_is_refused_when_found(void)
{
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p = pay("S:1", "2026-11-24", "MYR", 100, "");
	struct ar_error e;
	ar_err err;
	size_t n = 99;
	struct remittance_table *t = load("payment_id,doc_no,amount\nS:1,INV-1,-99999999999999.99\n",
	    &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_ERANGE);
	EXPECT_EQ_INT(n, 0);
	EXPECT_EQ_INT(e.line, 2);
	EXPECT_EQ_STR(e.message, "amount \"-99999999999999.99\" must be more than zero");
	remittance_free(t);
}

static void
missing_columns_are_named(void)
{
	static const struct { const char *csv, *message; } cases[] = {
		{ "payment_id,amount\nS:1,1.00\n", "missing column \"doc_no\"" },
		{ "payment_id,doc_no\nS:1,INV-1\n", "missing column \"amount\"" },
		{ "doc_no,amount\nINV-1,1.00\n",
		  "missing column \"payment_id\", or else columns \"payer\", \"value_date\" and \"payment_amount\"" },
		{ "payer,value_date,doc_no,amount\nX,2026-11-24,INV-1,1.00\n",
		  "missing column \"payment_id\", or else column \"payment_amount\"" },
		{ "value_date,doc_no,amount\n2026-11-24,INV-1,1.00\n",
		  "missing column \"payment_id\", or else columns \"payer\" and \"payment_amount\"" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct ar_error e;
		ar_err err;
		struct remittance_table *t = load(cases[i].csv, &err, &e);

		EXPECT(t == NULL);
		EXPECT_EQ_INT(err, AR_ECOLUMN);
		EXPECT_EQ_INT(e.line, 1);
		EXPECT_EQ_STR(e.message, cases[i].message);
		remittance_free(t);
	}
}

/* Column names are found whatever their ASCII case. */
static void
column_names_ignore_case(void)
{
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p = pay("S:1", "2026-11-24", "MYR", 100, "");
	struct ar_error e;
	ar_err err;
	size_t n = 0;
	struct remittance_table *t = load("Payment_ID,DOC_NO,Amount\nS:1,INV-1,1.00\n", &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 1);
	remittance_free(t);
}

static void
bad_rows_say_what_and_where(void)
{
	static const char head[] = "payment_id,payer,value_date,payment_amount,doc_no,amount,currency\n";
	static const struct { const char *row, *message; ar_err err; } cases[] = {
		{ ",,2026-11-24,10.00,INV-1,10.00,", "payer is empty (needed without a payment_id)", AR_ESYNTAX },
		{ ",Maju,,10.00,INV-1,10.00,", "value_date is empty (needed without a payment_id)", AR_ESYNTAX },
		{ ",Maju,2026-11-24,,INV-1,10.00,", "payment_amount is empty (needed without a payment_id)", AR_ESYNTAX },
		{ ",Maju,2026-02-31,10.00,INV-1,10.00,",
		  "value_date \"2026-02-31\" is not a date (expected YYYY-MM-DD)", AR_ERANGE },
		{ ",Maju,2026-11-24,ten,INV-1,10.00,",
		  "payment_amount \"ten\" is not an amount (expected e.g. 1234.56)", AR_ESYNTAX },
		{ ",Maju,2026-11-24,0.00,INV-1,10.00,", "payment_amount \"0.00\" must be more than zero", AR_ERANGE },
		{ ",***,2026-11-24,10.00,INV-1,10.00,", "payer \"***\" has no letters or digits", AR_ESYNTAX },
		{ "S:1,,,,,10.00,", "doc_no is empty", AR_ESYNTAX },
		{ "S:1,,,,INV-1,,", "amount is empty", AR_ESYNTAX },
		{ "S:1,,,,INV-1,1.0.0,", "amount \"1.0.0\" is not an amount (expected e.g. 1234.56)", AR_ESYNTAX },
		{ "S:1,,,,INV-1,0.00,", "amount \"0.00\" must be more than zero", AR_ERANGE },
		{ "S:1,,,,INV-1,-5.00,", "amount \"-5.00\" must be more than zero", AR_ERANGE },
		{ "S:1,,,,INV-1,-5.00,MYR", "amount \"-5.00\" must be more than zero", AR_ERANGE },
		{ "S:1,,,,INV-1,5.00,XYZ",
		  "currency \"XYZ\" is not a known currency (add [currency.CODE] to ar.ini)", AR_ECURRENCY },
		{ "S:1,,,,INV-1,5.00,myr",
		  "currency \"myr\" is not a currency code (expected three capital letters, e.g. MYR)", AR_ESYNTAX },
	};
	char csv[512];

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct ar_error e;
		ar_err err;
		struct remittance_table *t;

		snprintf(csv, sizeof csv, "%sS:0,,,,INV-0,1.00,\n%s\n", head, cases[i].row);
		t = load(csv, &err, &e);
		EXPECT(t == NULL);
		EXPECT_EQ_INT(err, cases[i].err);
		EXPECT_EQ_INT(e.line, 3);
		EXPECT_EQ_STR(e.message, cases[i].message);
		remittance_free(t);
	}
}

/* A header with payment_id only: a row without one cannot name its payment. */
static void
a_row_lacking_payer_without_payment_id_is_an_error_at_its_line(void)
{
	struct ar_error e;
	ar_err err;
	struct remittance_table *t = load("payment_id,doc_no,amount\nS:1,INV-1,1.00\n,INV-2,2.00\n",
	    &err, &e);

	EXPECT(t == NULL);
	EXPECT_EQ_INT(err, AR_ESYNTAX);
	EXPECT_EQ_INT(e.line, 3);
	EXPECT_EQ_STR(e.message, "payment_id is empty and there is no payer column");
	remittance_free(t);
}

static void
unused_advices_are_reported_in_file_order(void)
{
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p = pay("STMT1:2", "2026-11-24", "MYR", 125050, "Syarikat Maju Sdn Bhd");
	struct remittance_advice_info info;
	struct ar_error e;
	ar_err err;
	size_t n = 0;
	struct remittance_table *t = load(by_payer_csv, &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(remittance_count(t), 2);
	remittance_advice(t, 0, &info);
	EXPECT_EQ_INT(info.line, 2);
	EXPECT(info.used);
	EXPECT_EQ_INT(info.nlines, 2);
	EXPECT_EQ_STR(info.key, "SYARIKAT MAJU SDN. BHD., 2026-11-24, 1250.50");
	remittance_advice(t, 1, &info);
	EXPECT_EQ_INT(info.line, 3);
	EXPECT(!info.used);
	EXPECT_EQ_INT(info.nlines, 1);
	EXPECT_EQ_STR(info.key, "Bintang Timur Enterprise, 2026-11-24, 80.00");
	remittance_free(t);

	t = load(by_id_csv, &err, &e);
	if (t == NULL)
		return;
	p = pay("STMT1:7", "2026-11-24", "MYR", 5000, "");
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	remittance_advice(t, 0, &info);
	EXPECT_EQ_STR(info.key, "STMT1:2");
	EXPECT(!info.used);
	EXPECT_EQ_INT(info.nlines, 2);
	remittance_advice(t, 1, &info);
	EXPECT_EQ_STR(info.key, "STMT1:7");
	EXPECT(info.used);
	EXPECT_EQ_INT(info.line, 3);
	remittance_free(t);
}

static void
lines_of_another_currency_are_an_error(void)
{
	static const char csv[] =
	    "payment_id,doc_no,amount,currency\n"
	    "S:1,INV-1,10.00,\n"
	    "S:1,INV-2,20.00,USD\n";
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p = pay("S:1", "2026-11-24", "MYR", 3000, "");
	struct remittance_advice_info info;
	struct ar_error e;
	ar_err err;
	size_t n = 99;
	struct remittance_table *t = load(csv, &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_ECURRENCY);
	EXPECT_EQ_INT(n, 0);
	EXPECT_EQ_INT(e.line, 3);
	EXPECT_EQ_STR(e.message, "currency USD differs from MYR of payment S:1");
	remittance_advice(t, 0, &info);
	EXPECT(!info.used);
	/* the USD payment it names takes it */
	p = pay("S:1", "2026-11-24", "USD", 3000, "");
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 2);
	remittance_free(t);
}

/* Found by payer, an advice in another currency is not the payment's: none, no error. */
static void
a_payer_advice_in_another_currency_never_matches(void)
{
	static const char csv[] =
	    "payer,value_date,payment_amount,doc_no,amount,currency\n"
	    "Syarikat Maju,2026-11-24,100.00,INV-1,100.00,USD\n";
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p = pay("S:1", "2026-11-24", "MYR", 10000, "Syarikat Maju");
	struct ar_error e;
	ar_err err;
	size_t n = 99;
	struct remittance_table *t = load(csv, &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	if (t == NULL)
		return;
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 0);
	p.currency = test_currency("USD");
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 1);
	remittance_free(t);
}

static void
one_advice_has_one_currency(void)
{
	static const char csv[] =
	    "payment_id,doc_no,amount,currency\n"
	    "S:1,INV-1,10.00,MYR\n"
	    "S:2,INV-2,10.00,USD\n"
	    "S:1,INV-3,20.00,USD\n";
	struct ar_error e;
	ar_err err;
	struct remittance_table *t = load(csv, &err, &e);

	EXPECT(t == NULL);
	EXPECT_EQ_INT(err, AR_ECURRENCY);
	EXPECT_EQ_INT(e.line, 4);
	EXPECT_EQ_STR(e.message, "currency USD differs from MYR on line 2 of the same advice");
	remittance_free(t);
}

static void
an_advice_of_too_many_lines_is_an_error(void)
{
	size_t size = 64 + (REMITTANCE_LINES_MAX + 1) * 32;
	char *csv = malloc(size);
	struct ar_error e;
	size_t w;
	ar_err err;
	struct remittance_table *t;

	if (csv == NULL)
		abort();
	w = (size_t)snprintf(csv, size, "payment_id,doc_no,amount\n");
	for (int i = 0; i < REMITTANCE_LINES_MAX; i++)
		w += (size_t)snprintf(csv + w, size - w, "S:1,INV-%d,1.00\n", i);
	t = load(csv, &err, &e);
	EXPECT_EQ_INT(err, AR_OK);      /* REMITTANCE_LINES_MAX lines are fine */
	remittance_free(t);
	snprintf(csv + w, size - w, "S:1,INV-LAST,1.00\n");
	t = load(csv, &err, &e);
	EXPECT(t == NULL);
	EXPECT_EQ_INT(err, AR_ERANGE);
	EXPECT_EQ_INT(e.line, REMITTANCE_LINES_MAX + 2);
	EXPECT_EQ_STR(e.message, "advice for payment S:1 has more than 64 lines");
	remittance_free(t);
	free(csv);
}

/* The reader's own error comes through with its line. */
static void
a_reader_error_is_passed_on(void)
{
	struct ar_error e;
	ar_err err;
	struct remittance_table *t = load("payment_id,doc_no,amount\nS:1,INV-1\n", &err, &e);

	EXPECT(t == NULL);
	EXPECT_EQ_INT(err, AR_EFIELDS);
	EXPECT_EQ_INT(e.line, 2);
	EXPECT(e.message[0] != '\0');
	remittance_free(t);
}

/* From a file on disk, as ar-match opens it. */
static void
advices_load_from_a_file(void)
{
	char path[] = "/tmp/test_remittance_XXXXXX";
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct remittance_line lines[REMITTANCE_LINES_MAX];
	struct payment p = pay("S:1", "2026-11-24", "MYR", 125050, "Syarikat Maju Sdn. Bhd.");
	struct remittance_table *t = NULL;
	struct csvio_reader *r = NULL;
	struct ar_error e;
	size_t n = 0;
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, by_payer_csv, strlen(by_payer_csv)) != (ssize_t)strlen(by_payer_csv))
		abort();
	close(fd);
	EXPECT_EQ_INT(csvio_reader_open(&r, path, &opts), AR_OK);
	if (r != NULL) {
		EXPECT_EQ_INT(remittance_load(&t, r, NULL, &e), AR_OK);
		csvio_reader_close(r);
	}
	unlink(path);
	if (t == NULL)
		return;
	EXPECT_EQ_INT(remittance_find(t, &p, lines, &n, &e), AR_OK);
	EXPECT_EQ_INT(n, 2);
	remittance_free(t);
}

int
main(void)
{
	RUN(advice_is_found_by_payment_id);
	RUN(amounts_without_currency_take_the_payments_decimals);
	RUN(advice_is_found_by_payer_date_and_amount);
	RUN(a_likely_payer_name_is_enough);
	RUN(lines_stay_in_file_order_when_interleaved);
	RUN(an_advice_is_handed_back_once);
	RUN(ties_go_to_the_advice_first_in_the_file);
	RUN(the_best_payer_score_wins);
	RUN(a_wrong_amount_date_or_payer_gives_none);
	RUN(the_value_date_tells_two_advices_apart);
	RUN(a_myr_line_with_three_decimals_is_an_error_at_its_line);
	RUN(three_decimals_without_currency_fail_when_found);
	RUN(a_huge_negative_amount_is_refused_when_found);
	RUN(missing_columns_are_named);
	RUN(column_names_ignore_case);
	RUN(bad_rows_say_what_and_where);
	RUN(a_row_lacking_payer_without_payment_id_is_an_error_at_its_line);
	RUN(unused_advices_are_reported_in_file_order);
	RUN(lines_of_another_currency_are_an_error);
	RUN(a_payer_advice_in_another_currency_never_matches);
	RUN(one_advice_has_one_currency);
	RUN(an_advice_of_too_many_lines_is_an_error);
	RUN(a_reader_error_is_passed_on);
	RUN(advices_load_from_a_file);
	return test_summary();
}
