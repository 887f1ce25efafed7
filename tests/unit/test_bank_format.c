/* test_bank_format.c - telling MT940, camt and BAI2 apart by their first bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source/bank_format.h"
#include "test.h"

static enum bank_format
detect(const char *s)
{
	return bank_format_detect((const unsigned char *)s, strlen(s));
}

static void
camt_is_xml_after_bom_and_blanks(void)
{
	EXPECT_EQ_INT(detect("<?xml version=\"1.0\"?><Document>"), BANK_FORMAT_CAMT);
	EXPECT_EQ_INT(detect("\xef\xbb\xbf<Document>"), BANK_FORMAT_CAMT);
	EXPECT_EQ_INT(detect("\xef\xbb\xbf \t\r\n\n  <?xml?>"), BANK_FORMAT_CAMT);
	EXPECT_EQ_INT(detect("\r\n<Document xmlns=\"urn:iso:std:iso:20022\">"), BANK_FORMAT_CAMT);
}

static void
bai2_starts_with_file_header(void)
{
	EXPECT_EQ_INT(detect("01,122099999,123456789,261124,0800,1,,,2/\n"), BANK_FORMAT_BAI2);
	EXPECT_EQ_INT(detect("\xef\xbb\xbf\n01,X/"), BANK_FORMAT_BAI2);
	/* "01" without its comma is not a BAI2 file header */
	EXPECT_EQ_INT(detect("01;122099999"), BANK_FORMAT_UNKNOWN);
}

static void
mt940_by_block_or_tag(void)
{
	EXPECT_EQ_INT(detect("{1:F01ABCDMYKLAXXX0000000000}{2:O940}{4:\n:20:X\n"), BANK_FORMAT_MT940);
	EXPECT_EQ_INT(detect(":940:\n:20:STMT\n"), BANK_FORMAT_MT940);
	EXPECT_EQ_INT(detect(":20:STMT1\r\n:25:123\r\n"), BANK_FORMAT_MT940);
	EXPECT_EQ_INT(detect(":60F:C261123MYR1000,00\n"), BANK_FORMAT_MT940);
	EXPECT_EQ_INT(detect(":NS:22MYR\n"), BANK_FORMAT_MT940);
	EXPECT_EQ_INT(detect(":28C:1/1\n"), BANK_FORMAT_MT940);
	EXPECT_EQ_INT(detect("\n\n:20:X\n"), BANK_FORMAT_MT940);
}

static void
mt940_with_soh_byte(void)
{
	EXPECT_EQ_INT(detect("\x01{1:F01ABCDMYKLAXXX}{4:\n:20:X\n"), BANK_FORMAT_MT940);
	EXPECT_EQ_INT(detect("\x01:20:X\n"), BANK_FORMAT_MT940);
}

static void
mt940_with_header_line_before_20(void)
{
	EXPECT_EQ_INT(detect("ABCDMYKL STATEMENT 2026-11-24\n:20:STMT1\n:25:1\n"), BANK_FORMAT_MT940);
	EXPECT_EQ_INT(detect("0000 header\r\n:20:X\r\n"), BANK_FORMAT_MT940);
	/* :20: must start a line */
	EXPECT_EQ_INT(detect("header :20:X\n"), BANK_FORMAT_UNKNOWN);
	/* another tag after a header line is not enough: only :20: is looked for */
	EXPECT_EQ_INT(detect("header\n:25:123\n"), BANK_FORMAT_UNKNOWN);
}

static void
unknown_formats(void)
{
	EXPECT_EQ_INT(detect(""), BANK_FORMAT_UNKNOWN);
	EXPECT_EQ_INT(detect("\xef\xbb\xbf"), BANK_FORMAT_UNKNOWN);
	EXPECT_EQ_INT(detect("Date,Description,Amount\n24/11/2026,FPX,100.00\n"), BANK_FORMAT_UNKNOWN);
	EXPECT_EQ_INT(detect(":2:X"), BANK_FORMAT_UNKNOWN);      /* one digit */
	EXPECT_EQ_INT(detect(":2A:X"), BANK_FORMAT_UNKNOWN);
	EXPECT_EQ_INT(detect(":60f:X"), BANK_FORMAT_UNKNOWN);    /* lower-case option letter */
	EXPECT_EQ_INT(detect(":60F"), BANK_FORMAT_UNKNOWN);      /* cut short */
	EXPECT_EQ_INT(detect("{2:O940}"), BANK_FORMAT_UNKNOWN);
	/* only n bytes are looked at */
	EXPECT_EQ_INT(bank_format_detect((const unsigned char *)":20:X", 3), BANK_FORMAT_UNKNOWN);
}

static void
sniff_reads_the_head_and_rewinds(void)
{
	static const char text[] = "header line\n:20:STMT\n:25:1\n";
	enum bank_format f = BANK_FORMAT_CSV;
	char buf[8];
	FILE *fp = fmemopen((void *)text, sizeof text - 1, "r");

	if (fp == NULL)
		abort();
	EXPECT_EQ_INT(bank_format_sniff(fp, &f), AR_OK);
	EXPECT_EQ_INT(f, BANK_FORMAT_MT940);
	EXPECT(fgets(buf, sizeof buf, fp) != NULL);
	EXPECT_EQ_STR(buf, "header ");
	fclose(fp);
}

static void
format_words(void)
{
	enum bank_format f = BANK_FORMAT_UNKNOWN;

	EXPECT_EQ_INT(bank_format_parse("mt940", &f), AR_OK);
	EXPECT_EQ_INT(f, BANK_FORMAT_MT940);
	EXPECT_EQ_INT(bank_format_parse("camt053", &f), AR_OK);
	EXPECT_EQ_INT(f, BANK_FORMAT_CAMT);
	f = BANK_FORMAT_UNKNOWN;
	EXPECT_EQ_INT(bank_format_parse("camt054", &f), AR_OK);
	EXPECT_EQ_INT(f, BANK_FORMAT_CAMT);
	EXPECT_EQ_INT(bank_format_parse("bai2", &f), AR_OK);
	EXPECT_EQ_INT(f, BANK_FORMAT_BAI2);
	EXPECT_EQ_INT(bank_format_parse("csv", &f), AR_OK);
	EXPECT_EQ_INT(f, BANK_FORMAT_CSV);
	EXPECT_EQ_INT(bank_format_parse("MT940", &f), AR_EUSAGE);
	EXPECT_EQ_INT(bank_format_parse("camt052", &f), AR_EUSAGE);
	EXPECT_EQ_INT(f, BANK_FORMAT_CSV);   /* untouched */
	EXPECT_EQ_STR(bank_format_words[0], "mt940");
	EXPECT(bank_format_words[5] == NULL);
}

struct seen {
	int n;
	char ids[4][64];
	long long amounts[4];
};

static ar_err
note(void *ctx, const struct bank_statement *st, const struct bank_txn *t)
{
	struct seen *s = ctx;

	if (s->n < 4) {
		snprintf(s->ids[s->n], sizeof s->ids[0], "%s", st->id);
		s->amounts[s->n] = t->amount;
	}
	s->n++;
	return AR_OK;
}

static void
read_dispatches_by_format(void)
{
	static const char mt940[] =
	    ":20:STMT1\n:25:1234567890\n:28C:1/1\n:60F:C261123MYR1000,00\n"
	    ":61:2611241124C100,00NTRFNONREF\n:86:FPX ACME\n"
	    ":61:2611241124D40,00NTRFNONREF\n:86:FEE\n"
	    ":62F:C261124MYR1060,00\n";
	struct seen s = { 0 };
	struct bankcsv_counts counts = { 7, "x", 7, 7 };
	struct ar_error e = { 0 };
	FILE *fp = fmemopen((void *)mt940, sizeof mt940 - 1, "r");

	if (fp == NULL)
		abort();
	EXPECT_EQ_INT(bank_format_read(BANK_FORMAT_MT940, fp, "t.sta", NULL, note,
	    &s, &counts, &e), AR_OK);
	EXPECT_EQ_INT(s.n, 2);
	EXPECT_EQ_INT(s.amounts[0], 10000);
	EXPECT_EQ_INT(s.amounts[1], -4000);
	EXPECT_EQ_INT(counts.skipped, 0);   /* zeroed for every format */
	EXPECT_EQ_INT(counts.rows, 0);
	rewind(fp);
	/* no format, or CSV without its profile: nothing is read */
	s.n = 0;
	EXPECT_EQ_INT(bank_format_read(BANK_FORMAT_UNKNOWN, fp, "t.sta", NULL,
	    note, &s, NULL, &e), AR_EUSAGE);
	EXPECT_EQ_INT(bank_format_read(BANK_FORMAT_CSV, fp, "t.sta", NULL, note,
	    &s, NULL, &e), AR_EUSAGE);
	EXPECT_EQ_INT(s.n, 0);
	fclose(fp);
}

static void
read_reports_a_balance_that_does_not_add_up(void)
{
	static const char mt940[] =
	    ":20:STMT1\n:25:1\n:28C:1/1\n:60F:C261123MYR1000,00\n"
	    ":61:2611241124C100,00NTRFNONREF\n:86:FPX ACME\n"
	    ":62F:C261124MYR1100,01\n";
	struct seen s = { 0 };
	struct ar_error e = { 0 };
	FILE *fp = fmemopen((void *)mt940, sizeof mt940 - 1, "r");

	if (fp == NULL)
		abort();
	EXPECT_EQ_INT(bank_format_read(BANK_FORMAT_MT940, fp, "t.sta", NULL, note,
	    &s, NULL, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(s.n, 1);      /* the good transaction came first */
	EXPECT(e.message[0] != '\0');
	fclose(fp);
}

int
main(void)
{
	RUN(camt_is_xml_after_bom_and_blanks);
	RUN(bai2_starts_with_file_header);
	RUN(mt940_by_block_or_tag);
	RUN(mt940_with_soh_byte);
	RUN(mt940_with_header_line_before_20);
	RUN(unknown_formats);
	RUN(sniff_reads_the_head_and_rewinds);
	RUN(format_words);
	RUN(read_dispatches_by_format);
	RUN(read_reports_a_balance_that_does_not_add_up);
	return test_summary();
}
