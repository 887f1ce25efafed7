/* test_refund.c - refunds: the checks, the exclusions' order, the book, the pain.001 and payout CSV. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "ar/refund.h"
#include "report/pain001.h"

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

int
main(void)
{
	RUN(bic_is_iso9362);
	RUN(account_is_5_to_20_digits);
	RUN(decide_takes_the_first_reason);
	RUN(refund_id_has_customer_currency_date);
	RUN(book_nets_per_currency_across_companies);
	RUN(pain001_sums_blocks_and_header);
	return test_summary();
}
