/*
 * test_bank_channel.c - channel and JomPAY references from bank texts
 * (lib/source/bank_channel.c).  The narratives are written the way Maybank,
 * CIMB and Public Bank statements print them.
 */
#include <string.h>

#include "source/bank_channel.h"
#include "core/currency.h"
#include "test.h"

static struct bank_txn
scan(const char *text, const char *cur)
{
	struct bank_txn t;

	memset(&t, 0, sizeof t);
	t.currency = -1;
	if (cur != NULL)
		currency_lookup(cur, 3, &t.currency);
	bank_channel_scan(text, strlen(text), &t);
	return t;
}

static void
channel_words(void)
{
	EXPECT_EQ_STR(scan("IBG CREDIT 123456 ACME SDN BHD INV 2026-001", "MYR").channel, "IBG");
	EXPECT_EQ_STR(scan("INTERBANK GIRO CR ACME", "EUR").channel, "IBG");
	EXPECT_EQ_STR(scan("DUITNOW TRF KEDAI AH SENG", "MYR").channel, "DuitNow");
	EXPECT_EQ_STR(scan("Inward Duit Now transfer", "MYR").channel, "DuitNow");
	EXPECT_EQ_STR(scan("jompay biller 8899", "MYR").channel, "JomPAY");
	EXPECT_EQ_STR(scan("FPX B2B ACME SDN BHD", "MYR").channel, "FPX");
	EXPECT_EQ_STR(scan("RENTAS CR 2611200001", "MYR").channel, "RENTAS");
	/* Line breaks are blanks; the first channel word wins. */
	EXPECT_EQ_STR(scan("PAYMENT\nFPX 1234 VIA DUITNOW", "MYR").channel, "FPX");
	/* German MT940 sub-field marks glue text to digits: ?00FPX is FPX. */
	EXPECT_EQ_STR(scan("166?00FPX ZAHLUNG?20INV 1", "EUR").channel, "FPX");
	EXPECT_EQ_STR(scan("1200FPX", "MYR").channel, "");
}

static void
channel_only_whole_words(void)
{
	EXPECT_EQ_STR(scan("FPXB2B", "MYR").channel, "");
	EXPECT_EQ_STR(scan("REFPX 12", "MYR").channel, "");
	EXPECT_EQ_STR(scan("IBGX CREDIT", "MYR").channel, "");
	EXPECT_EQ_STR(scan("", "MYR").channel, "");
}

/* Dutch and Swiss statements say GIRO for their own transfers. */
static void
giro_alone_only_in_myr(void)
{
	EXPECT_EQ_STR(scan("GIRO CR 5566 ACME", "MYR").channel, "IBG");
	EXPECT_EQ_STR(scan("GIRO   428428 KPN BV", "EUR").channel, "");
	EXPECT_EQ_STR(scan("GIRO AUS ONLINE-SIC 80532", "CHF").channel, "");
	EXPECT_EQ_STR(scan("GIRO 1", NULL).channel, "");
}

static void
jompay_references(void)
{
	struct bank_txn t;

	t = scan("JOMPAY REF1:INV2026001 REF2:ACME", "MYR");
	EXPECT_EQ_STR(t.channel, "JomPAY");
	EXPECT_EQ_STR(t.ref1, "INV2026001");
	EXPECT_EQ_STR(t.ref2, "ACME");
	t = scan("JomPAY 12345 Ref-1 0123456789 Ref-2 A1B2", "MYR");
	EXPECT_EQ_STR(t.ref1, "0123456789");
	EXPECT_EQ_STR(t.ref2, "A1B2");
	t = scan("JOMPAY REF 1 = 556677, REF 2: X-9;", "MYR");
	EXPECT_EQ_STR(t.ref1, "556677");
	EXPECT_EQ_STR(t.ref2, "X-9");
	t = scan("ref-1: abc\nref-2:\ndef", "MYR");
	EXPECT_EQ_STR(t.ref1, "abc");
	EXPECT_EQ_STR(t.ref2, "def");
	/* REF12345 and PREF1 are other references, not Ref-1. */
	t = scan("REF12345 PREF1:XX", "MYR");
	EXPECT_EQ_STR(t.ref1, "");
	/* The slash that closes an MT940 sub-field is not the value's. */
	t = scan("/REMI/USTD//BILLER 71423 REF-1 881001119/", "MYR");
	EXPECT_EQ_STR(t.ref1, "881001119");
	/* A Ref-1 with no value is no Ref-1. */
	t = scan("JOMPAY REF1:", "MYR");
	EXPECT_EQ_STR(t.ref1, "");
}

static void
existing_values_kept(void)
{
	struct bank_txn t;

	memset(&t, 0, sizeof t);
	t.currency = -1;
	strcpy(t.ref1, "STRUCTURED");
	strcpy(t.channel, "FPX");
	bank_channel_scan("DUITNOW REF1:TEXT REF2:B", 24, &t);
	EXPECT_EQ_STR(t.channel, "FPX");
	EXPECT_EQ_STR(t.ref1, "STRUCTURED");
	EXPECT_EQ_STR(t.ref2, "B");
}

static void
long_value_cut_on_character(void)
{
	char text[200];
	struct bank_txn t;

	/* 62 ASCII bytes, then "é" (2 bytes) would end at 64: cut before. */
	memset(text, 0, sizeof text);
	strcpy(text, "REF1:");
	memset(text + 5, 'A', 62);
	strcpy(text + 67, "\xc3\xa9Z");
	t = scan(text, "MYR");
	EXPECT_EQ_INT(strlen(t.ref1), 62);
}

int
main(void)
{
	RUN(channel_words);
	RUN(channel_only_whole_words);
	RUN(giro_alone_only_in_myr);
	RUN(jompay_references);
	RUN(existing_values_kept);
	RUN(long_value_cut_on_character);
	return test_summary();
}
