/*
 * test_refund.c - refunds: the checks, the exclusions' order, the book, the
 * approved rows weighed for payment, the pain.001 and payout CSV.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/customers.h"
#include "ar/items.h"
#include "ar/journal.h"
#include "ar/journal_write.h"
#include "ar/refund.h"
#include "ar/refund_pay.h"
#include "core/csvio.h"
#include "report/pain001.h"

static const char customers_csv[] =
    "customer,name,status,bank_account,bank_code,bank_holder\n"
    "C1,Alpha,active,5140-1122-3344,MBBEMYKL,Alpha & Sons\n"
    "C2,Beta Sdn Bhd,liquidation,8007714523,CIBBMYKL,\n";

static void
load_customers(struct customer_table *t)
{
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct ar_error e;
	FILE *fp = fmemopen((void *)customers_csv, strlen(customers_csv), "r");

	if (fp == NULL || customers_init(t, 16) != AR_OK ||
	    csvio_reader_from_stream(&r, fp, "customers.csv", &opts) != AR_OK ||
	    customers_load(t, r, &e) != AR_OK)
		abort();
	csvio_reader_close(r);
	fclose(fp);
}

static void
bic_is_iso9362(void)
{
	EXPECT(refund_bic_valid("MBBEMYKL"));
	EXPECT(refund_bic_valid("MBBEMYKLXXX"));
	EXPECT(refund_bic_valid("CIBBMYKL123"));
	EXPECT(!refund_bic_valid("MBBEMY"));        /* 6 */
	EXPECT(!refund_bic_valid("MBBEMYKLX"));     /* 9 */
	EXPECT(!refund_bic_valid("mbbemykl"));      /* lower case */
	EXPECT(!refund_bic_valid("MBBEMY1L"));      /* location 1: a test BIC */
	EXPECT(!refund_bic_valid("MBBEMYKO"));      /* O is not used */
	EXPECT(!refund_bic_valid("MBB1MYKL"));      /* the bank is letters */
	EXPECT(!refund_bic_valid(""));
}

static void
account_is_5_to_20_digits(void)
{
	char d[REFUND_ACCOUNT_MAX];

	EXPECT(refund_account_valid("5140 1122 3344", d));
	EXPECT_EQ_STR(d, "514011223344");
	EXPECT(refund_account_valid("1234-5678-90", d));
	EXPECT_EQ_STR(d, "1234567890");
	EXPECT(refund_account_valid("12345", NULL));
	EXPECT(refund_account_valid("12345678901234567890", NULL));
	EXPECT(!refund_account_valid("1234", NULL));
	EXPECT(!refund_account_valid("123456789012345678901", NULL));
	EXPECT(!refund_account_valid("5140A1122", NULL));
	EXPECT(!refund_account_valid("", NULL));
}

static void
decide_takes_the_first_reason(void)
{
	struct refund_policy p = { 30, false, "DEBT" };
	civil_day as_of = test_day("2026-11-30");
	struct refund_checks all = { true, true, true, test_day("2026-11-20"), "", "" };
	struct refund_checks ok = { false, false, false, test_day("2026-10-31"), "5140 1122 3344",
	    "MBBEMYKL" };
	struct refund_checks c;

	EXPECT_EQ_INT(refund_decide(&all, &p, as_of), REFUND_INSOLVENT);
	c = all, c.insolvent = false;
	EXPECT_EQ_INT(refund_decide(&c, &p, as_of), REFUND_DISPUTE);
	c.disputed = false;
	EXPECT_EQ_INT(refund_decide(&c, &p, as_of), REFUND_OPEN_DEBITS);
	p.net_across = true;
	EXPECT_EQ_INT(refund_decide(&c, &p, as_of), REFUND_TOO_RECENT);
	c.newest_credit = test_day("2026-10-31");   /* exactly 30 days: not too recent */
	EXPECT_EQ_INT(refund_decide(&c, &p, as_of), REFUND_NO_BANK_ACCOUNT);
	c.bank_account = "12-34";
	EXPECT_EQ_INT(refund_decide(&c, &p, as_of), REFUND_BANK_ACCOUNT_INVALID);
	EXPECT_EQ_INT(refund_decide(&ok, &p, as_of), REFUND_PROPOSED);
	ok.bank_code = "MBBEMY";
	EXPECT_EQ_INT(refund_decide(&ok, &p, as_of), REFUND_BANK_ACCOUNT_INVALID);
	EXPECT_EQ_STR(refund_reason_word(REFUND_OPEN_DEBITS), "open_debits");
	EXPECT_EQ_STR(refund_reason_word(REFUND_PROPOSED), "");
}

static void
refund_id_has_customer_currency_date(void)
{
	char buf[64];

	EXPECT(refund_id_format("100101", test_currency("MYR"), test_day("2026-11-30"), buf,
	    sizeof buf));
	EXPECT_EQ_STR(buf, "R-100101-MYR-20261130");
	EXPECT(!refund_id_format("100101", test_currency("MYR"), test_day("2026-11-30"), buf, 10));
}

static void
book_nets_per_currency_across_companies(void)
{
	struct refund_book *b = refund_book_new();
	currency_id myr = test_currency("MYR"), usd = test_currency("USD");
	const struct refund_credit *c;

	EXPECT(b != NULL);
	EXPECT_EQ_INT(refund_book_add(b, "C2", 2, "1000", 4, myr, -70000, test_day("2026-08-01"),
	    false), AR_OK);
	EXPECT_EQ_INT(refund_book_add(b, "C2", 2, "2000", 4, myr, 20000, test_day("2026-09-01"),
	    false), AR_OK);
	EXPECT_EQ_INT(refund_book_add(b, "C1", 2, "", 0, usd, -500, test_day("2026-09-02"), true),
	    AR_OK);
	EXPECT_EQ_INT(refund_book_add(b, "C1", 2, "", 0, usd, -100, test_day("2026-09-05"), false),
	    AR_OK);
	EXPECT_EQ_INT(refund_book_add(b, "C1", 2, "", 0, myr, 100, test_day("2026-09-05"), false),
	    AR_OK);
	EXPECT_EQ_INT(refund_book_add(b, "C1", 2, "", 0, myr, -100, test_day("2026-09-06"), false),
	    AR_OK);
	EXPECT_EQ_INT(refund_book_add(b, "C3", 2, "", 0, myr, INT64_MAX, DATE_NONE, false), AR_OK);
	EXPECT_EQ_INT(refund_book_add(b, "C3", 2, "", 0, myr, 1, DATE_NONE, false), AR_ERANGE);
	EXPECT_EQ_INT(refund_book_close(b), AR_OK);
	EXPECT_EQ_INT(refund_book_note_item(b, "C2", 2, myr, "CN-1", 4), AR_OK);
	EXPECT_EQ_INT(refund_book_note_item(b, "C2", 2, myr, "INV-2", 5), AR_OK);
	EXPECT_EQ_INT(refund_book_note_item(b, "C1", 2, usd, "PAY-9", 5), AR_OK);
	EXPECT_EQ_INT(refund_book_note_item(b, "C1", 2, myr, "INV-8", 5), AR_OK);
	EXPECT_EQ_INT(refund_book_count(b), 2);     /* C1 USD, C2 MYR; C1 MYR nets to zero */
	c = refund_book_credit(b, 0);
	EXPECT_EQ_STR(c->customer, "C1");
	EXPECT_EQ_INT(c->currency, usd);
	EXPECT_EQ_INT(c->amount, 600);
	EXPECT_EQ_INT(c->newest_credit, test_day("2026-09-05"));
	EXPECT(c->disputed_item);
	EXPECT(!c->owes_elsewhere);
	EXPECT_EQ_STR(c->items, "PAY-9");
	c = refund_book_credit(b, 1);
	EXPECT_EQ_STR(c->customer, "C2");
	EXPECT_EQ_INT(c->amount, 50000);
	EXPECT(c->owes_elsewhere);                  /* company 2000 owes 200.00 */
	EXPECT_EQ_STR(c->items, "CN-1;INV-2");
	refund_book_free(b);
}

static struct refund_line
line(const char *id, const char *cur, int64_t amount, const char *day)
{
	struct refund_line l = { id, "C1", "Alpha", "", "approved", "Alpha & Sons", "5140 1122 3344",
	    "MBBEMYKL", test_currency(cur), amount, test_day(day), true };

	return l;
}

static void
pain001_sums_blocks_and_header(void)
{
	struct refund_line l[3] = { line("R-1", "MYR", 50000, "2026-12-01"),
	    line("R-2", "JPY", 1200, "2026-12-01"), line("R-3", "MYR", 5, "2026-12-01") };
	struct pain001_debtor d = { "Contoh", "514011009988", "MBBEMYKL", "DEBT" };
	struct pain001_totals t, t2;
	struct ar_error e = { 0 };
	char *buf = NULL, *buf2 = NULL;
	size_t len = 0, len2 = 0;
	FILE *fp = open_memstream(&buf, &len), *fp2 = open_memstream(&buf2, &len2);

	EXPECT_EQ_INT(pain001_write(fp, &d, l, 3, test_day("2026-11-30"), &t, &e), AR_OK);
	EXPECT_EQ_INT(pain001_write(fp2, &d, l, 3, test_day("2026-11-30"), &t2, &e), AR_OK);
	fclose(fp);
	fclose(fp2);
	EXPECT_EQ_INT(t.transactions, 3);
	EXPECT_EQ_INT(t.blocks, 2);
	EXPECT_EQ_INT(t.exponent, 2);
	EXPECT_EQ_INT(t.ctrl_sum, 50000 + 120000 + 5);   /* 1200.00 + 500.05 */
	EXPECT(strstr(buf, "<CtrlSum>1700.05</CtrlSum>") != NULL);
	EXPECT(strstr(buf, "<CtrlSum>500.05</CtrlSum>") != NULL);
	EXPECT(strstr(buf, "<InstdAmt Ccy=\"JPY\">1200</InstdAmt>") != NULL);
	EXPECT(strstr(buf, "<Nm>Alpha &amp; Sons</Nm>") != NULL);
	EXPECT(strstr(buf, "<Id>514011223344</Id>") != NULL);
	EXPECT(len == len2 && memcmp(buf, buf2, len) == 0);   /* the same bytes */
	EXPECT_EQ_INT(pain001_write(stdout, &d, l, 0, test_day("2026-11-30"), &t, &e), AR_EUSAGE);
	free(buf);
	free(buf2);
}

static void
item_dates_and_disputes_go_to_the_book(void)
{
	struct refund_book *b = refund_book_new();
	currency_id myr = test_currency("MYR");
	/* doc_date 1 October wins over due_date 1 December. */
	struct item it = { "C1", 2, test_day("2026-10-01"), test_day("2026-12-01"), myr, -300, false };
	struct ar_error e = { 0 };
	const struct refund_credit *c;

	EXPECT(b != NULL);
	EXPECT_EQ_INT(refund_book_add_item(b, &it, "", 0, "", 0, 2, &e), AR_OK);
	it.doc_date = DATE_NONE;     /* the due_date stands in */
	it.due_date = test_day("2026-11-15");
	EXPECT_EQ_INT(refund_book_add_item(b, &it, "", 0, "wrong price", 11, 3, &e), AR_OK);
	it.customer = "C3", it.amount = INT64_MAX;
	EXPECT_EQ_INT(refund_book_add_item(b, &it, "", 0, NULL, 0, 4, &e), AR_OK);
	it.amount = 1;
	EXPECT_EQ_INT(refund_book_add_item(b, &it, "", 0, NULL, 0, 5, &e), AR_ERANGE);
	EXPECT_EQ_INT(e.line, 5);
	EXPECT_EQ_STR(e.message, "the balance of C3 in MYR overflows");
	EXPECT_EQ_INT(refund_book_close(b), AR_OK);
	EXPECT_EQ_INT(refund_book_count(b), 1);
	c = refund_book_credit(b, 0);
	EXPECT_EQ_INT(c->amount, 600);
	EXPECT_EQ_INT(c->newest_credit, test_day("2026-11-15"));
	EXPECT(c->disputed_item);
	refund_book_free(b);
}

static void
checks_come_from_master_and_journal(void)
{
	struct customer_table t;
	struct refund_credit c = { "C1", test_currency("MYR"), 500, test_day("2026-10-01"), true,
	    false, "" };
	struct journal_facts f = { 0 };
	struct refund_checks k;
	uint32_t id;
	bool added;

	load_customers(&t);
	EXPECT_EQ_INT(customers_intern(&t, "C9", 2, &id, &added), AR_OK);   /* seen in items only */
	EXPECT(refund_master(&t, "C9") == NULL);
	EXPECT(refund_master(NULL, "C1") == NULL);
	EXPECT(refund_master(&t, "C1") != NULL);
	EXPECT_EQ_STR(refund_bank_holder(refund_master(&t, "C1")), "Alpha & Sons");
	EXPECT_EQ_STR(refund_bank_holder(refund_master(&t, "C2")), "Beta Sdn Bhd");
	EXPECT_EQ_STR(refund_bank_holder(NULL), "");
	refund_checks_of(&k, &c, refund_master(&t, "C1"), NULL);
	EXPECT(!k.insolvent && !k.disputed && k.owes_elsewhere);
	EXPECT_EQ_STR(k.bank_account, "5140-1122-3344");
	EXPECT_EQ_STR(k.bank_code, "MBBEMYKL");
	f.open_disputes = 1;
	refund_checks_of(&k, &c, refund_master(&t, "C2"), &f);
	EXPECT(k.insolvent && k.disputed);
	refund_checks_of(&k, &c, NULL, NULL);
	EXPECT(!k.insolvent);
	EXPECT_EQ_STR(k.bank_account, "");
	EXPECT_EQ_INT(refund_decide(&k, &(struct refund_policy){ 30, true, "DEBT" },
	    test_day("2026-11-30")), REFUND_NO_BANK_ACCOUNT);
	customers_free(&t);
}

static void
approved_refuses_a_refund_id_twice(void)
{
	struct refund_approved *s = refund_approved_new(test_day("2026-11-30"),
	    test_day("2026-11-30"), NULL, NULL);
	struct refund_line l = line("R-1", "MYR", 500, "2026-12-01");
	struct ar_error e = { 0 };
	enum refund_verdict v;

	EXPECT(s != NULL);
	l.approved = false, l.status = "proposed";
	EXPECT_EQ_INT(refund_approved_add(s, &l, 2, &v, &e), AR_OK);
	EXPECT_EQ_INT(v, REFUND_NOT_APPROVED);
	l = line("R-1", "MYR", 500, "2026-12-01");     /* approved the second time: still twice */
	EXPECT_EQ_INT(refund_approved_add(s, &l, 3, &v, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(e.line, 3);
	EXPECT_EQ_STR(e.message, "refund_id R-1 twice");
	refund_approved_free(s);
}

static void
approved_counts_rows_not_approved(void)
{
	struct refund_approved *s = refund_approved_new(test_day("2026-11-30"),
	    test_day("2026-11-30"), NULL, NULL);
	static const char *const ids[] = { "R-1", "R-2", "R-3", "R-4" };
	static const char *const status[] = { "proposed", "excluded", "rejected", "proposed" };
	struct refund_approved_tally t;
	size_t n;

	for (size_t i = 0; i < 4; i++) {
		struct refund_line l = line(ids[i], "MYR", 100, "2026-12-01");

		l.approved = false, l.status = status[i];
		EXPECT_EQ_INT(refund_approved_add(s, &l, (long)i + 2, NULL, NULL), AR_OK);
	}
	refund_approved_tally(s, &t);
	EXPECT_EQ_INT(t.not_approved, 4);
	EXPECT_EQ_INT(t.proposed, 2);
	EXPECT_EQ_INT(t.excluded, 1);
	EXPECT_EQ_INT(t.other, 1);
	EXPECT_EQ_INT(t.already_paid, 0);
	EXPECT(t.first_paid == NULL);
	refund_approved_lines(s, &n);
	EXPECT_EQ_INT(n, 0);
	refund_approved_free(s);
}

static void
approved_skips_a_row_already_paid(void)
{
	struct refund_approved *s = refund_approved_new(test_day("2026-11-30"),
	    test_day("2026-11-30"), NULL, NULL);
	struct refund_line l = line("R-2", "MYR", 500, "2026-12-01");
	struct journal_entry row;
	struct refund_approved_tally t;
	enum refund_verdict v;
	size_t n;

	/* The row the payment writes is the row that stops a second one. */
	refund_journal_entry(&l, "pain.001 M-1", "finance", &row);
	EXPECT_EQ_STR(row.action, "refund");
	EXPECT_EQ_STR(row.ref, "R-2");
	EXPECT_EQ_INT(row.date, test_day("2026-12-01"));
	EXPECT_EQ_INT(row.amount, 500);
	EXPECT(row.has_amount && row.has_currency);
	EXPECT_EQ_INT(journal_entry_check(&row, NULL), AR_OK);
	EXPECT_EQ_INT(refund_approved_note_journal(s, row.action, strlen(row.action), row.ref,
	    strlen(row.ref)), AR_OK);
	/* A refund row without a ref, or another action with the ref, pays nothing. */
	EXPECT_EQ_INT(refund_approved_note_journal(s, "refund", 6, "", 0), AR_OK);
	EXPECT_EQ_INT(refund_approved_note_journal(s, "note", 4, "R-1", 3), AR_OK);
	EXPECT_EQ_INT(refund_approved_add(s, &l, 2, &v, NULL), AR_OK);
	EXPECT_EQ_INT(v, REFUND_ALREADY_PAID);
	l = line("R-1", "MYR", 500, "2026-12-01");
	EXPECT_EQ_INT(refund_approved_add(s, &l, 3, &v, NULL), AR_OK);
	EXPECT_EQ_INT(v, REFUND_TO_PAY);
	refund_approved_tally(s, &t);
	EXPECT_EQ_INT(t.already_paid, 1);
	EXPECT_EQ_STR(t.first_paid, "R-2");
	refund_approved_lines(s, &n);
	EXPECT_EQ_INT(n, 1);
	refund_approved_free(s);
}

static void
approved_bank_details_are_the_masters(void)
{
	struct customer_table t;
	struct refund_approved *s;
	struct refund_line l = line("R-1", "MYR", 500, "2026-12-01");
	struct ar_error e = { 0 };
	enum refund_verdict v;

	load_customers(&t);
	s = refund_approved_new(test_day("2026-11-30"), test_day("2026-11-30"), &t,
	    "customers.csv");
	/* 5140 1122 3344 is the master's 5140-1122-3344: the same digits. */
	EXPECT_EQ_INT(refund_approved_add(s, &l, 2, &v, &e), AR_OK);
	EXPECT_EQ_INT(v, REFUND_TO_PAY);
	l = line("R-2", "MYR", 500, "2026-12-01");
	l.bank_account = "5140 1122 9999";
	EXPECT_EQ_INT(refund_approved_add(s, &l, 3, &v, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(e.line, 3);
	EXPECT_EQ_STR(e.message, "R-2: the bank details are not those of C1 in customers.csv "
	    "(Alpha & Sons 5140-1122-3344 MBBEMYKL): propose again");
	l = line("R-3", "MYR", 500, "2026-12-01");
	l.bank_holder = "Alpha";       /* the name, where the master has a holder */
	EXPECT_EQ_INT(refund_approved_add(s, &l, 4, &v, &e), AR_ESYNTAX);
	l = line("R-4", "MYR", 500, "2026-12-01");
	l.bank_code = "MBBEMYKLXXX";
	EXPECT_EQ_INT(refund_approved_add(s, &l, 5, &v, &e), AR_ESYNTAX);
	l = line("R-5", "MYR", 500, "2026-12-01");
	l.customer = "C9";
	EXPECT_EQ_INT(refund_approved_add(s, &l, 6, &v, &e), AR_ESYNTAX);
	EXPECT_EQ_STR(e.message, "R-5: customer C9 is not in customers.csv");
	refund_approved_free(s);
	customers_free(&t);
}

static void
approved_value_date_defaults_and_not_past(void)
{
	struct refund_approved *s = refund_approved_new(test_day("2026-11-30"),
	    test_day("2026-12-04"), NULL, NULL);
	char id[] = "R-1", holder[] = "Alpha & Sons";
	struct refund_line l = line(id, "MYR", 500, "2026-12-01");
	const struct refund_line *kept;
	struct ar_error e = { 0 };
	size_t n;

	l.value_date = DATE_NONE;
	l.bank_holder = holder;
	EXPECT_EQ_INT(refund_approved_add(s, &l, 2, NULL, &e), AR_OK);
	l = line("R-2", "MYR", 700, "2026-11-30");     /* the as-of date itself is not past */
	EXPECT_EQ_INT(refund_approved_add(s, &l, 3, NULL, &e), AR_OK);
	l = line("R-3", "MYR", 500, "2026-11-29");
	EXPECT_EQ_INT(refund_approved_add(s, &l, 4, NULL, &e), AR_ERANGE);
	EXPECT_EQ_INT(e.line, 4);
	EXPECT_EQ_STR(e.message, "R-3: value_date is before the as-of date: a bank does not pay "
	    "in the past");
	/* The texts are copies: the record they came from may go. */
	id[2] = '9', holder[0] = 'X';
	kept = refund_approved_lines(s, &n);
	EXPECT_EQ_INT(n, 2);
	EXPECT_EQ_STR(kept[0].refund_id, "R-1");
	EXPECT_EQ_STR(kept[0].bank_holder, "Alpha & Sons");
	EXPECT_EQ_STR(kept[0].status, "approved");
	EXPECT_EQ_INT(kept[0].value_date, test_day("2026-12-04"));
	EXPECT_EQ_INT(kept[1].value_date, test_day("2026-11-30"));
	EXPECT_EQ_INT(kept[1].amount, 700);
	refund_approved_free(s);
	s = refund_approved_new(test_day("2026-11-30"), test_day("2026-11-28"), NULL, NULL);
	l = line("R-4", "MYR", 500, "2026-12-01");
	l.value_date = DATE_NONE;      /* a default in the past is refused as well */
	EXPECT_EQ_INT(refund_approved_add(s, &l, 2, NULL, &e), AR_ERANGE);
	refund_approved_free(s);
}

int
main(void)
{
	RUN(bic_is_iso9362);
	RUN(account_is_5_to_20_digits);
	RUN(decide_takes_the_first_reason);
	RUN(refund_id_has_customer_currency_date);
	RUN(book_nets_per_currency_across_companies);
	RUN(pain001_sums_blocks_and_header);
	RUN(item_dates_and_disputes_go_to_the_book);
	RUN(checks_come_from_master_and_journal);
	RUN(approved_refuses_a_refund_id_twice);
	RUN(approved_counts_rows_not_approved);
	RUN(approved_skips_a_row_already_paid);
	RUN(approved_bank_details_are_the_masters);
	RUN(approved_value_date_defaults_and_not_past);
	return test_summary();
}
