/*
 * test_match_streams.c - the streams ar-match reads and writes: the
 * payments stream read back (payments_bind, payments_parse) and the
 * allocations stream written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/allocations.h"
#include "ar/payments.h"
#include "test.h"

/* Read csv's first record into *p; the reader is left open in *r for the record's life. */
static ar_err
read_one(const char *csv, struct csvio_reader **r, FILE **fp, struct payment *p,
    struct ar_error *e, const char **missing)
{
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct payment_columns cols;
	struct csvio_record rec;
	ar_err err;

	*fp = fmemopen((void *)csv, strlen(csv), "r");
	if (*fp == NULL || csvio_reader_from_stream(r, *fp, "payments.csv", &opts) != AR_OK)
		abort();
	memset(e, 0, sizeof *e);
	if ((err = payments_bind(*r, &cols, missing)) != AR_OK)
		return err;
	if ((err = csvio_read(*r, &rec)) != AR_OK)
		return err;
	return payments_parse(&rec, &cols, NULL, p, e);
}

static void
close_one(struct csvio_reader *r, FILE *fp)
{
	csvio_reader_close(r);
	fclose(fp);
}

static void
payments_read_back_what_ar_bank_writes(void)
{
	struct csvio_reader *r;
	struct payment p;
	struct ar_error e;
	const char *missing;
	FILE *fp;
	civil_day d;

	static const char csv[] = "payment_id,value_date,currency,amount,payer,payer_account,"
	    "reference,channel,ref1,ref2,bank_ref,statement,account,booking_date,narrative\n"
	    "STMT1:2,2026-11-24,MYR,1250.50,Syarikat Maju Sdn Bhd,5140 1234 5678,"
	    "\"INV 1800000123, 1800000124\",JomPAY,100234,1800000123,FT2611240001,STMT1,"
	    "MY12MBBE5140,2026-11-25,IBG CREDIT SYARIKAT MAJU\n";

	EXPECT_EQ_INT(read_one(csv, &r, &fp, &p, &e, &missing), AR_OK);
	EXPECT_EQ_STR(p.id, "STMT1:2");
	date_from_ymd(2026, 11, 24, &d);
	EXPECT_EQ_INT(p.value_date, d);
	date_from_ymd(2026, 11, 25, &d);
	EXPECT_EQ_INT(p.booking_date, d);
	EXPECT_EQ_INT(p.currency, test_currency("MYR"));
	EXPECT_EQ_INT(p.amount, 125050);
	EXPECT_EQ_STR(p.payer, "Syarikat Maju Sdn Bhd");
	EXPECT_EQ_STR(p.reference, "INV 1800000123, 1800000124");
	EXPECT_EQ_STR(p.ref1, "100234");
	EXPECT_EQ_STR(p.narrative, "IBG CREDIT SYARIKAT MAJU");
	close_one(r, fp);
}

static void
payments_without_the_newer_columns_still_read(void)
{
	struct csvio_reader *r;
	struct payment p;
	struct ar_error e;
	const char *missing;
	FILE *fp;

	EXPECT_EQ_INT(read_one("payment_id,value_date,currency,amount\nS:1,2026-11-24,USD,5.00\n",
	    &r, &fp, &p, &e, &missing), AR_OK);
	EXPECT_EQ_INT(p.amount, 500);
	EXPECT_EQ_STR(p.narrative, "");
	EXPECT_EQ_INT(p.booking_date, DATE_NONE);
	close_one(r, fp);
}

static void
payments_bad_rows_say_what_and_where(void)
{
	static const struct { const char *row, *message; ar_err err; } cases[] = {
		{ ",2026-11-24,MYR,1.00", "payment_id is empty", AR_ESYNTAX },
		{ "S:1,,MYR,1.00", "value_date is empty", AR_ESYNTAX },
		{ "S:1,2026-02-31,MYR,1.00", "value_date \"2026-02-31\" is not a date (expected YYYY-MM-DD)", AR_ERANGE },
		{ "S:1,2026-11-24,XYZ,1.00", "currency \"XYZ\" is not a known currency (add [currency.CODE] to ar.ini)", AR_ECURRENCY },
		{ "S:1,2026-11-24,MYR,1.0.0", "amount \"1.0.0\" is not an amount (expected e.g. 1234.56)", AR_ESYNTAX },
		{ "S:1,2026-11-24,MYR,52.500", "amount \"52.500\" has 3 decimals but MYR has 2: "
		  "if \".\" groups thousands, write the amount without it; else check [currency.MYR] exponent", AR_EDECIMALS },
	};
	char csv[256];

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct csvio_reader *r;
		struct payment p;
		struct ar_error e;
		const char *missing;
		FILE *fp;

		snprintf(csv, sizeof csv, "payment_id,value_date,currency,amount\n%s\n", cases[i].row);
		EXPECT_EQ_INT(read_one(csv, &r, &fp, &p, &e, &missing), cases[i].err);
		EXPECT_EQ_INT(e.line, 2);
		EXPECT_EQ_STR(e.message, cases[i].message);
		close_one(r, fp);
	}
}

static void
payments_need_their_key_columns(void)
{
	struct csvio_reader *r;
	struct payment p;
	struct ar_error e;
	const char *missing;
	FILE *fp;

	EXPECT_EQ_INT(read_one("payment_id,value_date,amount\nS:1,2026-11-24,1.00\n",
	    &r, &fp, &p, &e, &missing), AR_ECOLUMN);
	EXPECT_EQ_STR(missing, "currency");
	close_one(r, fp);
}

static void
allocations_write_their_columns_and_words(void)
{
	struct allocation a = { "STMT1:2", "C001", "90001001", 0, 125000, ALLOCATION_BANK_CHARGE, 95 };
	struct csvio_writer w;
	enum allocation_rule rule;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	a.currency = test_currency("MYR");
	csvio_writer_init(&w, fp, ',', false);
	allocations_write_header(&w);
	allocations_write(&w, &a);
	a.doc_no = "";
	a.rule = ALLOCATION_ON_ACCOUNT;
	a.confidence = 140;   /* clamped */
	a.amount = 5;
	allocations_write(&w, &a);
	fclose(fp);
	EXPECT_EQ_STR(text, "payment_id,customer,doc_no,currency,amount,rule,confidence\n"
	    "STMT1:2,C001,90001001,MYR,1250.00,bank_charge,95\n"
	    "STMT1:2,C001,,MYR,0.05,on_account,100\n");
	free(text);
	for (int i = 0; i < ALLOCATION_RULES; i++) {
		const char *word = allocation_rule_word((enum allocation_rule)i);

		EXPECT_EQ_INT(allocation_rule_parse(word, &rule), AR_OK);
		EXPECT_EQ_INT(rule, i);
	}
	EXPECT_EQ_STR(allocation_rule_word(ALLOCATION_EXACT_AMOUNT), "exact_amount");
	EXPECT_EQ_INT(allocation_rule_parse("FIFO", &rule), AR_ESYNTAX);
}

int
main(void)
{
	RUN(payments_read_back_what_ar_bank_writes);
	RUN(payments_without_the_newer_columns_still_read);
	RUN(payments_bad_rows_say_what_and_where);
	RUN(payments_need_their_key_columns);
	RUN(allocations_write_their_columns_and_words);
	return test_summary();
}
