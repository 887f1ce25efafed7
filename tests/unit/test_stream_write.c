/*
 * test_stream_write.c - the streams as the commands write them: the items
 * stream (ar-import, and --customers-out) and the payments stream
 * (ar-bank) with its payment_id rule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/items.h"
#include "ar/payments.h"
#include "test.h"

/* A writer into memory: sink_close gives what it wrote, for the caller to free. */
struct sink {
	char *text;
	size_t len;
	FILE *fp;
	struct csvio_writer w;
};

static void
sink_open(struct sink *s)
{
	if ((s->fp = open_memstream(&s->text, &s->len)) == NULL)
		abort();
	csvio_writer_init(&s->w, s->fp, ',', false);
}

static char *
sink_close(struct sink *s)
{
	fclose(s->fp);
	return s->text;
}

static currency_id
cur(const char *code)
{
	currency_id id;

	if (currency_lookup(code, strlen(code), &id) != AR_OK)
		abort();
	return id;
}

static civil_day
day(const char *iso)
{
	civil_day d;

	if (date_parse(iso, strlen(iso), NULL, &d) != AR_OK)
		abort();
	return d;
}

static void
payments_header_is_todays_column_list(void)
{
	struct sink s;
	char *text;

	sink_open(&s);
	payments_write_header(&s.w);
	text = sink_close(&s);
	EXPECT_EQ_STR(text, "payment_id,value_date,currency,amount,payer,"
	    "payer_account,reference,channel,ref1,ref2,bank_ref,statement,"
	    "account,booking_date,narrative\n");
	EXPECT_EQ_STR(payments_columns[0], "payment_id");
	EXPECT_EQ_STR(payments_columns[PAYMENTS_NCOLUMNS - 1], "narrative");
	free(text);
}

static void
payment_id_is_statement_and_number(void)
{
	char id[PAYMENT_ID_MAX];
	char statement[64];

	EXPECT_EQ_INT(payments_make_id(id, "STMT1", 1), 7);
	EXPECT_EQ_STR(id, "STMT1:1");
	payments_make_id(id, "uob", 12);
	EXPECT_EQ_STR(id, "uob:12");
	payments_make_id(id, "", 3);
	EXPECT_EQ_STR(id, ":3");
	/* the longest statement id a reader gives (63 bytes) still fits whole */
	memset(statement, 'S', 63);
	statement[63] = '\0';
	EXPECT_EQ_INT(payments_make_id(id, statement, 4294967295UL), 63 + 1 + 10);
	EXPECT(strncmp(id, statement, 63) == 0);
	EXPECT_EQ_STR(id + 63, ":4294967295");
}

static void
payments_row_of_a_credit_with_everything(void)
{
	struct sink s;
	struct payment p = {
		"", 0, 0, 125050, "Syarikat Maju Sdn Bhd", "5140 1234 5678",
		"INV 1800000123, 1800000124", "JomPAY", "100234", "1800000123",
		"FT2611240001", "STMT1/1", "MY12MBBE5140", 0,
		"IBG CREDIT 123456 SYARIKAT MAJU, INV 1800000123"
	};
	char *text;

	payments_make_id(p.id, "STMT1/1", 2);
	p.value_date = day("2026-11-24");
	p.booking_date = day("2026-11-25");
	p.currency = cur("MYR");
	sink_open(&s);
	payments_write(&s.w, &p);
	text = sink_close(&s);
	EXPECT_EQ_STR(text, "STMT1/1:2,2026-11-24,MYR,1250.50,Syarikat Maju Sdn Bhd,"
	    "5140 1234 5678,\"INV 1800000123, 1800000124\",JomPAY,100234,"
	    "1800000123,FT2611240001,STMT1/1,MY12MBBE5140,2026-11-25,"
	    "\"IBG CREDIT 123456 SYARIKAT MAJU, INV 1800000123\"\n");
	free(text);
}

static void
payments_row_of_a_debit_without_booking_date(void)
{
	struct sink s;
	struct payment p = {
		"", 0, 0, -5, "", "", "", "", "", "", "", "S", "", DATE_NONE, ""
	};
	char *text;

	payments_make_id(p.id, "S", 9);
	p.value_date = day("2026-01-31");
	p.currency = cur("MYR");
	sink_open(&s);
	payments_write(&s.w, &p);
	text = sink_close(&s);
	EXPECT_EQ_STR(text, "S:9,2026-01-31,MYR,-0.05,,,,,,,,S,,,\n");
	free(text);
}

static void
items_header_is_todays_column_list(void)
{
	struct sink s;
	char *text;

	sink_open(&s);
	items_write_header(&s.w);
	text = sink_close(&s);
	EXPECT_EQ_STR(text, "customer,doc_no,doc_type,doc_date,due_date,currency,"
	    "amount,company,ref,name,dispute,block\n");
	EXPECT_EQ_STR(items_columns[ITEMS_NCOLUMNS - 1], "block");
	free(text);
}

static void
items_row_with_every_column(void)
{
	struct sink s;
	struct item_row r = {
		"100234", "1800000123", "INV", 0, 0, 0, 1250000, "1000", "90001234",
		"Syarikat \"Maju\" Sdn Bhd", "D1", "A"
	};
	char *text;

	r.doc_date = day("2026-10-01");
	r.due_date = day("2026-10-31");
	r.currency = cur("MYR");
	sink_open(&s);
	items_write_row(&s.w, &r);
	text = sink_close(&s);
	EXPECT_EQ_STR(text, "100234,1800000123,INV,2026-10-01,2026-10-31,MYR,"
	    "12500.00,1000,90001234,\"Syarikat \"\"Maju\"\" Sdn Bhd\",D1,A\n");
	free(text);
}

static void
items_row_of_a_credit_without_dates(void)
{
	struct sink s;
	struct item_row r = {
		"C1", "CN-1", "CN", DATE_NONE, DATE_NONE, 0, -5, "", "", "", "", ""
	};
	char *text;

	r.currency = cur("MYR");
	sink_open(&s);
	items_write_row(&s.w, &r);
	text = sink_close(&s);
	EXPECT_EQ_STR(text, "C1,CN-1,CN,,,MYR,-0.05,,,,,\n");
	free(text);
}

static void
customers_keep_first_order_and_first_name(void)
{
	struct items_customers *c = items_customers_new();
	struct sink s;
	char *text;

	if (c == NULL)
		abort();
	EXPECT_EQ_INT(items_customers_note(c, "200", ""), AR_OK);
	EXPECT_EQ_INT(items_customers_note(c, "100", "First Name"), AR_OK);
	EXPECT_EQ_INT(items_customers_note(c, "200", "Late Name"), AR_OK);
	EXPECT_EQ_INT(items_customers_note(c, "100", "Second Name"), AR_OK);
	EXPECT_EQ_INT(items_customers_note(c, "300", ""), AR_OK);
	sink_open(&s);
	items_customers_write(c, &s.w);
	text = sink_close(&s);
	EXPECT_EQ_STR(text, "customer,name\n200,Late Name\n100,First Name\n300,\n");
	free(text);
	items_customers_free(c);
}

static void
customers_many(void)
{
	struct items_customers *c = items_customers_new();
	struct sink s;
	char id[16], *text;
	int lines = 0;

	if (c == NULL)
		abort();
	for (int i = 0; i < 5000; i++) {
		snprintf(id, sizeof id, "C%d", i % 2500);
		EXPECT_EQ_INT(items_customers_note(c, id, i < 2500 ? "" : id), AR_OK);
	}
	sink_open(&s);
	items_customers_write(c, &s.w);
	text = sink_close(&s);
	for (char *p = text; *p; p++)
		lines += *p == '\n';
	EXPECT_EQ_INT(lines, 2501);
	EXPECT(strstr(text, "\nC2499,C2499\n") != NULL);
	free(text);
	items_customers_free(c);
}

int
main(void)
{
	RUN(items_header_is_todays_column_list);
	RUN(items_row_with_every_column);
	RUN(items_row_of_a_credit_without_dates);
	RUN(customers_keep_first_order_and_first_name);
	RUN(customers_many);
	RUN(payments_header_is_todays_column_list);
	RUN(payment_id_is_statement_and_number);
	RUN(payments_row_of_a_credit_with_everything);
	RUN(payments_row_of_a_debit_without_booking_date);
	return test_summary();
}
