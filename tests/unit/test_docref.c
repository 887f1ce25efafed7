/* test_docref.c - document numbers in doc_no cells and bank texts (docref.h). */
#include "test.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/docref.h"

/*
 * s[0..len) copied to a buffer of exactly len bytes, no NUL: the texts
 * come from CSV cells, and the sanitizer catches a read past len.
 */
static char *
exact_copy(const char *s, size_t len)
{
	char *b = malloc(len > 0 ? len : 1);

	if (b == NULL)
		abort();
	memcpy(b, s, len);
	return b;
}

/* The key of s, or "" when none. */
static const char *
key_of(const char *s)
{
	static char key[DOCREF_KEY_SIZE];
	char *b = exact_copy(s, strlen(s));
	size_t n = docref_key(b, strlen(s), key, sizeof key);

	free(b);
	if (n != strlen(key))
		return "(length differs from the key)";
	return key;
}

/* The list's keys, separated by blanks. */
static const char *
joined(const struct docref_list *list)
{
	static char out[DOCREF_MAX * DOCREF_KEY_SIZE + 1];
	size_t at = 0;

	out[0] = '\0';
	for (size_t i = 0; i < list->n; i++)
		at += (size_t)snprintf(out + at, sizeof out - at, "%s%s", i > 0 ? " " : "", list->key[i]);
	return out;
}

/* The keys text[0..len) cites, separated by blanks. */
static const char *
cited_n(const char *text, size_t len)
{
	static struct docref_list list;
	char *b = exact_copy(text, len);
	size_t added;

	docref_list_clear(&list);
	added = docref_extract(b, len, &list);
	free(b);
	if (added != list.n)
		return "(count differs from the list)";
	return joined(&list);
}

static const char *
cited(const char *text)
{
	return cited_n(text, strlen(text));
}

static bool
near(const char *a, const char *b)
{
	return docref_near(a, strlen(a), b, strlen(b));
}

static void
key_drops_case_separators_prefix_and_zeros(void)
{
	EXPECT_EQ_STR(key_of("INV-0001001"), "1001");
	EXPECT_EQ_STR(key_of("inv 1001"), "1001");
	EXPECT_EQ_STR(key_of("No.1001"), "1001");
	EXPECT_EQ_STR(key_of("IV1001"), "1001");
	EXPECT_EQ_STR(key_of("IV-0001"), "1");
	EXPECT_EQ_STR(key_of("Invoice No. 1001"), "1001");
	EXPECT_EQ_STR(key_of("INVNO1001"), "1001");
	EXPECT_EQ_STR(key_of("inv#1001"), "1001");
	EXPECT_EQ_STR(key_of("Invois 1001"), "1001");
	EXPECT_EQ_STR(key_of("Bil. 1001"), "1001");
	EXPECT_EQ_STR(key_of("0001001"), "1001");
	EXPECT_EQ_STR(key_of(" 1_001\t"), "1001");
	EXPECT_EQ_STR(key_of("1800000123"), "1800000123");
	EXPECT_EQ_STR(key_of("0090001001"), "90001001");
	EXPECT_EQ_STR(key_of("2026-0044"), "20260044");
	EXPECT_EQ_STR(key_of("INV/2026/00044"), "202600044");
	EXPECT_EQ_STR(key_of("000"), "0");
	EXPECT_EQ_STR(key_of("INV-000"), "0");
}

/* A series is kept (only its zeros go); credit and debit notes stay apart from invoices. */
static void
key_keeps_series_and_note_letters(void)
{
	EXPECT_EQ_STR(key_of("TW-0001"), "TW1");
	EXPECT_EQ_STR(key_of("tw 1"), "TW1");
	EXPECT_EQ_STR(key_of("SI-00123"), "SI123");
	EXPECT_EQ_STR(key_of("CN-0001"), "CN1");
	EXPECT_EQ_STR(key_of("dn 0001"), "DN1");
	EXPECT_EQ_STR(key_of("IV-0001"), "1");
	EXPECT_EQ_STR(key_of("A0001B07"), "A1B07");
	/* invoice words only before a digit, and only whole words */
	EXPECT_EQ_STR(key_of("NOTE1"), "NOTE1");
	EXPECT_EQ_STR(key_of("IVAN-0001"), "IVAN1");
	EXPECT_EQ_STR(key_of("INV"), "INV");
	EXPECT_EQ_STR(key_of("INVX1"), "INVX1");
	/* other bytes stay as they are: a UTF-8 doc_no still matches itself */
	EXPECT_EQ_STR(key_of("發票-0001"), "發票0001");
}

static void
key_is_its_own_key(void)
{
	const char *docs[] = { "INV-0001001", "TW-0001", "CN-0001", "0001", "A0001B07", "INV-000",
		"NOTE1", "2026-0044", "發票-0001", "IVNO-0-1" };

	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		char once[DOCREF_KEY_SIZE], twice[DOCREF_KEY_SIZE];
		size_t n = docref_key(docs[i], strlen(docs[i]), once, sizeof once);

		EXPECT(n > 0);
		EXPECT_EQ_INT(docref_key(once, n, twice, sizeof twice), n);
		EXPECT_EQ_STR(twice, once);
	}
}

static void
key_empty_or_too_long_is_none(void)
{
	char out[8] = "junk";

	EXPECT_EQ_INT(docref_key("", 0, out, sizeof out), 0);
	EXPECT_EQ_STR(out, "");
	EXPECT_EQ_INT(docref_key(" -/._#", 6, out, sizeof out), 0);
	EXPECT_EQ_INT(docref_key("1234567", 7, out, sizeof out), 7);
	EXPECT_EQ_STR(out, "1234567");
	/* one byte short: none rather than a truncated key that could be another document */
	EXPECT_EQ_INT(docref_key("12345678", 8, out, sizeof out), 0);
	EXPECT_EQ_STR(out, "");
	EXPECT_EQ_INT(docref_key("INV-00012345678", 15, out, sizeof out), 0);
	EXPECT_EQ_INT(docref_key("INV-0001234567", 14, out, sizeof out), 7);
	EXPECT_EQ_INT(docref_key("1001", 4, out, 0), 0);
	/* len, not the NUL, ends the doc_no */
	EXPECT_EQ_INT(docref_key("1001999", 4, out, sizeof out), 4);
	EXPECT_EQ_STR(out, "1001");
}

/* The examples of the brief, with every key they give. */
static void
extract_reads_bank_texts(void)
{
	EXPECT_EQ_STR(cited("PAYMENT INV 1800000123, 1800000124"), "1800000123 1800000124");
	EXPECT_EQ_STR(cited("IBG CR 123456 MAJU SDN BHD INV1001/02/03"), "123456 1001 1002 1003");
	EXPECT_EQ_STR(cited("INV 1001-1004 LESS CHG"), "1001 1002 1003 1004 10011004");
	EXPECT_EQ_STR(cited("TT REF FT2611240001 INV NO.90001001 & 90001002"),
	    "FT2611240001 90001001 90001002");
	EXPECT_EQ_STR(cited("Bayaran invois 2026-0044"), "20260044");
	EXPECT_EQ_STR(cited("發票 TW-0001、TW-0002"), "TW1 TW2");
	/* The series repeated after the dash: still a range. */
	EXPECT_EQ_STR(cited("Inv INV-0001154-INV-0001157"), "1154 1157 1155 1156");
	EXPECT_EQ_STR(cited("PAY TW-0248-TW-0250"), "TW248 TW250 TW249");
	EXPECT_EQ_STR(cited("TW-0248-CN-0250"), "TW248 CN250");
	EXPECT_EQ_STR(cited("INV-1004-INV-1001"), "1004 1001");
	EXPECT_EQ_STR(cited("INV-1001-INV-1200"), "1001 1200");
}

static void
extract_normalises_like_the_key(void)
{
	EXPECT_EQ_STR(cited("inv-0001001 No.1002 iv1003 INVOICE NO. 1004 bil:1005"),
	    "1001 1002 1003 1004 1005");
	EXPECT_EQ_STR(cited("PAYMENT-INV1001"), "1001");
	EXPECT_EQ_STR(cited("CN-0001 IV-0001"), "CN1 1");
	/* repeats once, in order of first appearance */
	EXPECT_EQ_STR(cited("1002 INV1001 inv 1002 No.01001"), "1002 1001");
	EXPECT_EQ_STR(cited(""), "");
	EXPECT_EQ_STR(cited("TRANSFER FROM MAJU SDN BHD"), "");
}

static void
extract_expands_ranges(void)
{
	EXPECT_EQ_STR(cited("1001-04"), "1001 1002 1003 1004");
	EXPECT_EQ_STR(cited("1001-4"), "1001 1002 1003 1004");
	EXPECT_EQ_STR(cited("INV1098-102"), "1098 1099 1100 1101 1102");
	EXPECT_EQ_STR(cited("1099-1101"), "1099 1100 1101 10991101");
	EXPECT_EQ_STR(cited("TW-0001-0003"), "TW1 TW2 TW3 TW10003");
	EXPECT_EQ_STR(cited("TW-0009-11"), "TW9 TW10 TW11");
	/* year and sequence: the joined number stays a candidate */
	EXPECT_EQ_STR(cited("2026-2028"), "2026 2027 2028 20262028");
	/* not increasing: one number */
	EXPECT_EQ_STR(cited("1004-1001"), "10041001");
	EXPECT_EQ_STR(cited("1004-03"), "100403");
	EXPECT_EQ_STR(cited("1001-1001"), "10011001");
	/* a longer right part is no range */
	EXPECT_EQ_STR(cited("012-3456789"), "123456789");
}

static void
extract_bounds_ranges(void)
{
	struct docref_list list = { 0 };
	const char *fifty = "1001-1050", *fifty_one = "1001-1051";

	EXPECT_EQ_INT(docref_extract(fifty, strlen(fifty), &list), 51);
	EXPECT_EQ_STR(list.key[0], "1001");
	EXPECT_EQ_STR(list.key[49], "1050");
	EXPECT_EQ_STR(list.key[50], "10011050");
	EXPECT_EQ_STR(cited(fifty_one), "1001 1051 10011051");
	EXPECT_EQ_STR(cited("INV 100001-110000"), "100001 110000 100001110000");
	EXPECT_EQ_STR(cited("1-99999999999999999999"), "199999999999999999999");
}

static void
extract_expands_lists(void)
{
	EXPECT_EQ_STR(cited("1001/02/03"), "1001 1002 1003");
	EXPECT_EQ_STR(cited("1001/1002"), "1001 1002 10011002");
	EXPECT_EQ_STR(cited("INV-1009/10/1"), "1009 1010 1011");
	EXPECT_EQ_STR(cited("INV1001,1002&1003 1004"), "1001 1002 1003 1004");
	EXPECT_EQ_STR(cited("INV1001/INV1002"), "1001 1002");
	EXPECT_EQ_STR(cited("1001/CUST ABC"), "1001");
	/* a single letter after the number is its suffix */
	EXPECT_EQ_STR(cited("TW-0001-A"), "TW1A");
	/* not increasing: one number (Odoo's INV/2026/00044 among them) */
	EXPECT_EQ_STR(cited("1003/01"), "100301");
	EXPECT_EQ_STR(cited("INV/2026/00044"), "202600044");
	EXPECT_EQ_STR(cited("INV/2026/0044"), "20260044");
}

/* A date is never a range or a list, whichever way it is written. */
static void
extract_dates_are_one_number(void)
{
	EXPECT_EQ_STR(cited("2026-11-24"), "20261124");
	EXPECT_EQ_STR(cited("24/11/2026"), "24112026");
	EXPECT_EQ_STR(cited("24-11-2026"), "24112026");
	EXPECT_EQ_STR(cited("24.11.2026"), "24112026");
	EXPECT_EQ_STR(cited("2010/11/12"), "20101112");
	EXPECT_EQ_STR(cited("2026-11"), "202611");
	EXPECT_EQ_STR(cited("2025-12"), "202512");
	EXPECT_EQ_STR(cited("10/11/12"), "101112");
	EXPECT_EQ_STR(cited("01/02/2026"), "1022026");
	EXPECT_EQ_STR(cited("INV2010/11/12"), "20101112");
	EXPECT_EQ_STR(cited("PAID 24/11/2026 INV 1001 RM1,250.50"), "24112026 1001 RM1 25050");
	EXPECT_EQ_STR(cited("10/13/14"), "101314");
	/* not a date (no day 33 nor month 33): the list it is */
	EXPECT_EQ_STR(cited("10/33/34"), "10 33 34 103334");
}

static void
extract_is_byte_safe(void)
{
	const char *zh = "發票號碼：TW-0001，TW-0002、TW-0003；金額NT$1000";
	struct docref_list list = { 0 };
	char *b;

	EXPECT_EQ_STR(cited(zh), "TW1 TW2 TW3 1000");
	EXPECT_EQ_STR(cited("付款INV1001與INV1002"), "1001 1002");
	/* no byte of a UTF-8 character in any key */
	docref_extract(zh, strlen(zh), &list);
	for (size_t i = 0; i < list.n; i++)
		for (const char *c = list.key[i]; *c != '\0'; c++)
			EXPECT((unsigned char)*c < 0x80);
	/* len ends the text: a number cut there is what was given */
	EXPECT_EQ_STR(cited_n("INV 1001 1002", 8), "1001");
	EXPECT_EQ_STR(cited_n("INV 1001 1002", 7), "100");
	EXPECT_EQ_STR(cited_n("1001-1004", 6), "10011");
	EXPECT_EQ_STR(cited_n("1001/02/03", 7), "1001 1002");
	EXPECT_EQ_STR(cited_n("1001/02/03", 9), "1001020");
	EXPECT_EQ_STR(cited_n("1001/02/03", 6), "10010");
	EXPECT_EQ_STR(cited_n("1001-", 5), "1001");
	EXPECT_EQ_STR(cited_n("付款1001", 5), "");
	/* NUL and control bytes end a number like any other byte */
	EXPECT_EQ_STR(cited_n("1001\0" "1002\r\n1003", 15), "1001 1002 1003");
	b = exact_copy("\xe7\x99\xbc", 2);       /* a character cut by len */
	EXPECT_EQ_INT(docref_extract(b, 2, &list), 0);
	free(b);
}

static void
extract_bounds_the_list(void)
{
	struct docref_list list;
	char text[2048];
	size_t at = 0;

	for (int i = 0; i < DOCREF_MAX + 6; i++)
		at += (size_t)snprintf(text + at, sizeof text - at, "%d ", 5000 + i);
	docref_list_clear(&list);
	EXPECT_EQ_INT(docref_extract(text, at, &list), DOCREF_MAX);
	EXPECT_EQ_INT(list.n, DOCREF_MAX);
	EXPECT(list.truncated);
	EXPECT_EQ_STR(list.key[DOCREF_MAX - 1], "5063");
	/* a number too long for a key is none */
	EXPECT_EQ_STR(cited("X1234567890123456789012345678901 1001"), "1001");
	EXPECT_EQ_STR(cited("X123456789012345678901234567890 1001"),
	    "X123456789012345678901234567890 1001");
	/* a long run of parts is read in pieces, none lost past the bound */
	EXPECT_EQ_STR(cited("1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18"),
	    "12345678910111213141516 1718");
}

/* One payment's columns gather into one list. */
static void
extract_appends_across_columns(void)
{
	struct docref_list list = { 0 };

	EXPECT_EQ_INT(docref_extract("INV1001", 7, &list), 1);
	EXPECT_EQ_INT(docref_extract("1001 1002", 9, &list), 1);
	EXPECT_EQ_INT(docref_extract("MAJU", 4, &list), 0);
	EXPECT_EQ_STR(joined(&list), "1001 1002");
	EXPECT(!list.truncated);
	docref_list_clear(&list);
	EXPECT_EQ_INT(list.n, 0);
}

static void
near_takes_one_digit_or_one_swap(void)
{
	EXPECT(near("1001", "1007"));
	EXPECT(near("1001", "7001"));
	EXPECT(near("1234", "1324"));
	EXPECT(near("1234", "2134"));
	EXPECT(near("1234", "1243"));
	EXPECT(near("TW12", "TW21"));
	EXPECT(near("TW1", "WT1"));
	EXPECT(near("9", "8"));
	EXPECT(!near("1001", "1001"));
	EXPECT(!near("1001", "10010"));
	EXPECT(!near("1001", "01001"));
	EXPECT(!near("1001", "101"));
	EXPECT(!near("1001", "1012"));
	EXPECT(!near("1001", "2002"));
	EXPECT(!near("1234", "3214"));
	EXPECT(!near("1234", "1432"));
	EXPECT(!near("12345", "21354"));
	EXPECT(!near("TW1", "TX1"));
	EXPECT(!near("CN1", "DN1"));
	EXPECT(!near("1A", "12"));
	EXPECT(!near("", ""));
	/* lengths count, not NULs */
	EXPECT(docref_near("1001x", 4, "1007y", 4));
	EXPECT(!docref_near("1001", 4, "1001", 3));
}

int
main(void)
{
	RUN(key_drops_case_separators_prefix_and_zeros);
	RUN(key_keeps_series_and_note_letters);
	RUN(key_is_its_own_key);
	RUN(key_empty_or_too_long_is_none);
	RUN(extract_reads_bank_texts);
	RUN(extract_normalises_like_the_key);
	RUN(extract_expands_ranges);
	RUN(extract_bounds_ranges);
	RUN(extract_expands_lists);
	RUN(extract_dates_are_one_number);
	RUN(extract_is_byte_safe);
	RUN(extract_bounds_the_list);
	RUN(extract_appends_across_columns);
	RUN(near_takes_one_digit_or_one_swap);
	return test_summary();
}
