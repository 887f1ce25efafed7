/*
 * test_bai2.c - BAI2 reader: every corpus file under $SHARED/external/bai2
 * (read, or rejected with the expected message), plus hand cases.
 */
#include "source/bai2.h"
#include "test.h"

#include <dirent.h>
#include <stdlib.h>

struct got {
	int n;
	int64_t sum;
	struct bank_txn first, last;
	struct bank_statement st;
};

static ar_err
collect(void *ctx, const struct bank_statement *st, const struct bank_txn *t)
{
	struct got *g = ctx;

	if (g->n++ == 0) {
		g->first = *t;
		g->st = *st;
	}
	g->last = *t;
	g->sum += t->amount;
	return AR_OK;
}

static ar_err
read_mem(const char *text, struct got *g, struct ar_error *err)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	ar_err e;

	memset(g, 0, sizeof *g);
	if (fp == NULL)
		return AR_EIO;
	e = bai2_read(fp, "mem", collect, g, err);
	fclose(fp);
	return e;
}

/* file -> outcome; error NULL means read. */
struct expect {
	const char *file;
	int count;
	int64_t amount;
	const char *type, *bank_ref, *reference;
	const char *error;   /* substring of the message when rejected */
	long line;
};

static const struct expect table[] = {
	{ "moj/account_trailer_amount_blank_example.bai2", 0, 0, "", "", "", NULL, 0 },
	{ "moj/citi_example.bai2", 1, 1, "191", "1234567890",
	    "FR:FP SIP INCOMING ENDT:20150715", NULL, 0 },
	{ "moj/nwb_example.bai2", 5, -971, "699", "", "LVP XBANKGO24007664SJ", NULL, 0 },
	{ "moj/svb_us_example.bai2", 2, 490196, "142", "172629", "SOME PAYMENT ACH OFFSET", NULL, 0 },
	{ "moov-io/sample1.txt", 17, -2500, "409", "", "RETURNED CHEQUE", NULL, 0 },
	{ "moov-io/sample2.txt", 4, 450000, "115", "", "", NULL, 0 },
	{ "moov-io/sample3.txt", 26, 2500, "142", "", "TRANSFER   PAYPAL             PPD", NULL, 0 },
	/* The 49 control totals of these two are not the sums (moov-io's own test data). */
	{ "moov-io/sample4-continuations-newline-delimited.txt", 0, 0, "", "", "",
	    "account 107049932: control total -1260161341762", 22 },
	{ "moov-io/sample5-issue113.txt", 0, 0, "", "", "",
	    "account 107049932: control total -1260161341762", 22 },
	{ "moov-io/errors/sample-parseError.txt", 0, 0, "", "", "",
	    "does not start with an 01 file header (found 00)", 1 },
};

static const char *
shared(void)
{
	const char *s = getenv("SHARED");

	return s && *s ? s : "../shared";
}

static void
check_file(const char *rel)
{
	char path[1024];
	const struct expect *x = NULL;
	struct got g;
	struct ar_error err;
	FILE *fp;
	ar_err e;

	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].file, rel) == 0)
			x = &table[i];
	if (test_shared_dir() == NULL)
		SKIP(TEST_NO_SHARED);
	if (x == NULL) {
		printf("#   %s has no entry in the table\n", rel);
		test_case_failed = 1;
		return;
	}
	snprintf(path, sizeof path, "%s/external/bai2/%s", shared(), rel);
	fp = fopen(path, "r");
	EXPECT(fp != NULL);
	if (fp == NULL)
		return;
	memset(&g, 0, sizeof g);
	e = bai2_read(fp, rel, collect, &g, &err);
	fclose(fp);
	if (x->error == NULL) {
		if (e != AR_OK)
			printf("#   %s:%ld: %s\n", rel, err.line, err.message);
		EXPECT_EQ_INT(e, AR_OK);
		EXPECT_EQ_INT(g.n, x->count);
		if (g.n > 0) {
			EXPECT_EQ_INT(g.first.amount, x->amount);
			EXPECT_EQ_STR(g.first.type_code, x->type);
			EXPECT_EQ_STR(g.first.bank_ref, x->bank_ref);
			EXPECT(strncmp(g.first.reference, x->reference,
			    strlen(x->reference)) == 0);
			if (strncmp(g.first.reference, x->reference, strlen(x->reference)))
				printf("#   reference \"%s\"\n", g.first.reference);
		}
	} else {
		EXPECT(e != AR_OK);
		EXPECT(strstr(err.message, x->error) != NULL);
		EXPECT_EQ_INT(err.line, x->line);
		if (strstr(err.message, x->error) == NULL)
			printf("#   message %ld \"%s\"\n", err.line, err.message);
	}
}

#define FILE_TEST(fn, rel) static void fn(void) { check_file(rel); }
FILE_TEST(moj_blank, "moj/account_trailer_amount_blank_example.bai2")
FILE_TEST(moj_citi, "moj/citi_example.bai2")
FILE_TEST(moj_nwb, "moj/nwb_example.bai2")
FILE_TEST(moj_svb, "moj/svb_us_example.bai2")
FILE_TEST(moov_sample1, "moov-io/sample1.txt")
FILE_TEST(moov_sample2, "moov-io/sample2.txt")
FILE_TEST(moov_sample3, "moov-io/sample3.txt")
FILE_TEST(moov_sample4, "moov-io/sample4-continuations-newline-delimited.txt")
FILE_TEST(moov_sample5, "moov-io/sample5-issue113.txt")
FILE_TEST(moov_parse_error, "moov-io/errors/sample-parseError.txt")

/* Every data file in the corpus has a table entry; a missing corpus fails. */
static void
corpus_has_table_entries(void)
{
	static const char *dirs[] = { "moj", "moov-io", "moov-io/errors" };
	int seen = 0;

	if (test_shared_dir() == NULL)
		SKIP(TEST_NO_SHARED);
	for (size_t d = 0; d < 3; d++) {
		char path[1024];
		DIR *dp;
		struct dirent *de;

		snprintf(path, sizeof path, "%s/external/bai2/%s", shared(), dirs[d]);
		if ((dp = opendir(path)) == NULL)
			continue;
		while ((de = readdir(dp)) != NULL) {
			char rel[600];
			int found = 0;

			if (de->d_name[0] == '.' || strncmp(de->d_name, "LICENSE", 7) == 0 ||
			    strcmp(de->d_name, "errors") == 0)
				continue;
			snprintf(rel, sizeof rel, "%s/%s", dirs[d], de->d_name);
			for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
				found |= strcmp(table[i].file, rel) == 0;
			if (!found)
				printf("#   %s has no entry in the table\n", rel);
			EXPECT(found);
			seen++;
		}
		closedir(dp);
	}
	EXPECT_EQ_INT(seen, (int)(sizeof table / sizeof table[0]));
}

static void
continuation_88_joins_text(void)
{
	struct got g;
	struct ar_error err;
	ar_err e = read_mem(
	    "01,A,B,240101,0000,1,,,2/\n"
	    "02,B,A,1,240101,,EUR,2/\n"
	    "03,X1,,010,100,,/\n"
	    "16,175,250,0,BR1,CR1,INVOICE\n"
	    "88,12345\n"
	    "49,350,4/\n"
	    "98,350,1,6/\n"
	    "99,350,1,8/\n", &g, &err);

	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 1);
	EXPECT_EQ_INT(g.first.amount, 250);
	EXPECT(strcmp(g.first.reference, "INVOICE 12345") == 0);
	EXPECT_EQ_STR(g.first.bank_ref, "BR1");
	EXPECT_EQ_STR(g.first.end_to_end, "CR1");
	EXPECT_EQ_STR(currency_code(g.first.currency), "EUR");
	EXPECT_EQ_INT(g.st.opening, 100);
}

static void
fixed80_records_on_one_line(void)
{
	struct got g;
	struct ar_error err;
	ar_err e = read_mem(
	    "01,A,B,240101,0000,1,80,,2/                                                     "
	    "02,B,A,1,240101,,USD,2/                                                         "
	    "03,X1,,010,0,,/                                                                 "
	    "16,475,1999,0,,,CHEQUE 12/                                                      "
	    "49,1999,3/                                                                      "
	    "98,1999,1,5/                                                                    "
	    "99,1999,1,7/                                                                    ",
	    &g, &err);

	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 1);
	EXPECT_EQ_INT(g.first.amount, -1999);   /* 475: a debit */
	EXPECT_EQ_STR(g.first.type_code, "475");
	EXPECT(strcmp(g.first.reference, "CHEQUE 12") == 0);
}

static void
control_total_mismatch_names_account(void)
{
	struct got g;
	struct ar_error err;
	ar_err e = read_mem(
	    "01,A,B,240101,0000,1,,,2/\n"
	    "02,B,A,1,240101,,USD,2/\n"
	    "03,ACC9,,010,0,,/\n"
	    "16,175,250,0,,,X\n"
	    "49,251,3/\n"
	    "98,251,1,5/\n"
	    "99,251,1,7/\n", &g, &err);

	EXPECT_EQ_INT(e, AR_ERANGE);
	EXPECT_EQ_INT(err.line, 5);
	EXPECT_EQ_STR(err.message,
	    "account ACC9: control total 251, the records add up to 250");
}

static void
latin1_text_becomes_utf8(void)
{
	struct got g;
	struct ar_error err;
	ar_err e = read_mem(
	    "01,A,B,240101,0000,1,,,2/\n"
	    "02,B,A,1,240101,,USD,2/\n"
	    "03,ACC9,,010,0,,/\n"
	    "16,175,250,0,,,Caf\xe9\n"
	    "49,250,3/\n"
	    "98,250,1,5/\n"
	    "99,250,1,7/\n", &g, &err);

	EXPECT_EQ_INT(e, AR_OK);
	EXPECT(strcmp(g.first.reference, "Caf\xc3\xa9") == 0);
}

/*
 * BAI2 type codes 700-999: 700-919 are not money on the account (loan
 * detail, reserved, custom status) and are skipped, still counting in the
 * control totals; 920-959 are custom credits, 960-999 custom debits.
 */
static void
type_codes_700_to_999(void)
{
	struct got g;
	struct ar_error err;
	ar_err e = read_mem(
	    "01,A,B,240101,0000,1,,,2/\n"
	    "02,B,A,1,240101,,USD,2/\n"
	    "03,X1,,010,0,,/\n"
	    "16,721,100,0,,,LOAN INTEREST PART/\n"
	    "16,905,200,0,,,CUSTOM STATUS/\n"
	    "16,925,300,0,,,CUSTOM CREDIT/\n"
	    "16,965,400,0,,,CUSTOM DEBIT/\n"
	    "16,899,500,0,,,RESERVED/\n"
	    "49,1500,7/\n"
	    "98,1500,1,9/\n"
	    "99,1500,1,11/\n", &g, &err);

	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 2);
	EXPECT_EQ_INT(g.first.amount, 300);
	EXPECT_EQ_STR(g.first.type_code, "925");
	EXPECT_EQ_INT(g.last.amount, -400);
	EXPECT_EQ_INT(g.sum, -100);
	/* A status code (001-099) is not a transaction. */
	e = read_mem(
	    "01,A,B,240101,0000,1,,,2/\n"
	    "02,B,A,1,240101,,USD,2/\n"
	    "03,X1,,010,0,,/\n"
	    "16,015,100,0,,,X/\n"
	    "49,100,3/\n98,100,1,5/\n99,100,1,7/\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
	EXPECT_EQ_INT(err.line, 4);
	EXPECT(strstr(err.message, "type code 015 is an account status") != NULL);
}

/* Goldman Sachs style tags, one per 88: DBNM/DACT for a credit, CRNM/CACT for a debit. */
static void
payer_from_88_tags(void)
{
	struct got g;
	struct ar_error err;
	ar_err e = read_mem(
	    "01,GSBI,cont001,210706,1249,1,,,2/\n"
	    "02,cont001,026015079,1,230906,2000,,/\n"
	    "03,107049932,USD,,,,,/\n"
	    "16,142,60000,,SPB1,1111,ACH Credit Payment,Entry Description: EXP; -, SEC: CCD\n"
	    "88,EREF: 1111\n"
	    "88,DBNM: TEST INC\n"
	    "88,DACT: 101152046\n"
	    "88,CRNM: OUR COMPANY\n"
	    "16,495,50500,,GI2,GSV0,Outgoing Wire,To: TEST COMPANY\n"
	    "88,CACT: 998877\n"
	    "88,CRNM: TEST COMPANY\n"
	    "88,DBNM: SAMPLE TEST\n"
	    "49,110500,11/\n"
	    "98,110500,1,13/\n"
	    "99,110500,1,15/\n", &g, &err);

	if (e != AR_OK)
		printf("#   %ld: %s\n", err.line, err.message);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 2);
	EXPECT_EQ_STR(g.first.payer, "TEST INC");
	EXPECT_EQ_STR(g.first.payer_account, "101152046");
	EXPECT(strncmp(g.first.reference, "ACH Credit Payment,Entry Description: EXP; -, SEC: CCD EREF: 1111 DBNM: TEST INC", 80) == 0);
	EXPECT_EQ_STR(g.last.payer, "TEST COMPANY");
	EXPECT_EQ_STR(g.last.payer_account, "998877");
	EXPECT_EQ_INT(g.last.amount, -50500);
}

/* Citi writes several tags on one 88: BO: by-order-of account, BO1: its name. */
static void
payer_from_citi_tags(void)
{
	char path[1024];
	struct got g;
	struct ar_error err;
	FILE *fp;

	if (test_shared_dir() == NULL)
		SKIP(TEST_NO_SHARED);
	snprintf(path, sizeof path, "%s/external/bai2/moj/citi_example.bai2",
	    shared());
	fp = fopen(path, "r");
	EXPECT(fp != NULL);
	if (fp == NULL)
		return;
	memset(&g, 0, sizeof g);
	EXPECT_EQ_INT(bai2_read(fp, "citi", collect, &g, &err), AR_OK);
	fclose(fp);
	EXPECT_EQ_STR(g.first.payer, "DOE JO");
	EXPECT_EQ_STR(g.first.payer_account, "11111111");
}

/* The channel is recognised in BAI2 text as in every other format. */
static void
channel_in_text(void)
{
	struct got g;
	struct ar_error err;
	ar_err e = read_mem(
	    "01,A,B,240101,0000,1,,,2/\n"
	    "02,B,A,1,240101,,MYR,2/\n"
	    "03,X1,,010,0,,/\n"
	    "16,195,12000,0,B1,,JOMPAY 8899 REF1:INV2026001\n"
	    "88,REF2:ACME\n"
	    "49,12000,4/\n"
	    "98,12000,1,6/\n"
	    "99,12000,1,8/\n", &g, &err);

	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_STR(g.first.channel, "JomPAY");
	EXPECT_EQ_STR(g.first.ref1, "INV2026001");
	EXPECT_EQ_STR(g.first.ref2, "ACME");
}

/*
 * The narrative: the 16's text and each 88 after one blank, whole; the
 * reference is the same text cut at BANK_TEXT_MAX.
 */
static void
narrative_is_the_whole_text(void)
{
	char text[4096], want[2048], got[200];
	struct got g;
	struct ar_error err;
	size_t n = 0, w = 0;
	int i;
	ar_err e = read_mem(
	    "01,GSBI,cont001,210706,1249,1,,,2/\n"
	    "02,cont001,026015079,1,230906,2000,,/\n"
	    "03,107049932,USD,,,,,/\n"
	    "16,142,60000,,SPB1,1111,ACH Credit Payment\n"
	    "88,EREF: 1111\n"
	    "88,DBNM: TEST INC\n"
	    "16,142,100,,SPB2,,\n"
	    "88,INV 7\n"
	    "49,60100,7/\n"
	    "98,60100,1,9/\n"
	    "99,60100,1,11/\n", &g, &err);

	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 2);
	snprintf(got, sizeof got, "%.199s", g.first.narrative);
	EXPECT_EQ_STR(got, "ACH Credit Payment EREF: 1111 DBNM: TEST INC");
	/* An empty 16 text: the 88 is the text, no blank before it. */
	snprintf(got, sizeof got, "%.199s", g.last.narrative);
	EXPECT_EQ_STR(got, "INV 7");

	/* 20 continuations of 70 characters: longer than a reference holds. */
	n += (size_t)snprintf(text + n, sizeof text - n,
	    "01,A,B,240101,0000,1,,,2/\n02,B,A,1,240101,,USD,2/\n"
	    "03,X1,,010,0,,/\n16,175,5,0,,,START\n");
	w += (size_t)snprintf(want + w, sizeof want - w, "START");
	for (i = 0; i < 20; i++) {
		n += (size_t)snprintf(text + n, sizeof text - n,
		    "88,LINE %02d %060d\n", i, i);
		w += (size_t)snprintf(want + w, sizeof want - w,
		    " LINE %02d %060d", i, i);
	}
	snprintf(text + n, sizeof text - n,
	    "49,5,23/\n98,5,1,25/\n99,5,1,27/\n");
	e = read_mem(text, &g, &err);
	if (e != AR_OK)
		printf("#   %ld: %s\n", err.line, err.message);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(strlen(g.first.narrative), w);
	EXPECT(strcmp(g.first.narrative, want) == 0);
	EXPECT_EQ_INT(strlen(g.first.reference), BANK_TEXT_MAX - 1);
}

int
main(void)
{
	RUN(corpus_has_table_entries);
	RUN(moj_blank);
	RUN(moj_citi);
	RUN(moj_nwb);
	RUN(moj_svb);
	RUN(moov_sample1);
	RUN(moov_sample2);
	RUN(moov_sample3);
	RUN(moov_sample4);
	RUN(moov_sample5);
	RUN(moov_parse_error);
	RUN(continuation_88_joins_text);
	RUN(fixed80_records_on_one_line);
	RUN(control_total_mismatch_names_account);
	RUN(latin1_text_becomes_utf8);
	RUN(type_codes_700_to_999);
	RUN(payer_from_88_tags);
	RUN(payer_from_citi_tags);
	RUN(channel_in_text);
	RUN(narrative_is_the_whole_text);
	return test_summary();
}
