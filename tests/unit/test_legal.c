/* test_legal.c - legal cases: stage order, references, the register from the journal (legal.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ar/legal.h"
#include "test.h"

#define HEAD "date,customer,action,level,doc_no,amount,currency,due,channel,ref,user,note\n"

static int
level(enum legal_type t, const char *word)
{
	return legal_stage_level(t, word, strlen(word));
}

static void
stages_are_numbered_in_path_order(void)
{
	EXPECT_EQ_INT(level(LEGAL_CIVIL, "opened"), 1);
	EXPECT_EQ_INT(level(LEGAL_CIVIL, "lod_sent"), 2);
	EXPECT_EQ_INT(level(LEGAL_CIVIL, "enforcement"), 6);
	EXPECT_EQ_INT(level(LEGAL_WINDING_UP, "s466_notice"), 2);
	EXPECT_EQ_INT(level(LEGAL_WINDING_UP, "order"), 6);
	EXPECT_EQ_INT(level(LEGAL_BANKRUPTCY, "creditors_petition"), 3);
	EXPECT_EQ_INT(level(LEGAL_ARBITRATION, "award"), 5);
	EXPECT_EQ_INT(level(LEGAL_ARBITRATION, "settled"), 97);
	EXPECT_EQ_INT(level(LEGAL_CIVIL, "closed"), 98);
	EXPECT_EQ_INT(level(LEGAL_BANKRUPTCY, "withdrawn"), 99);
	/* a stage of another path, or a word in another case */
	EXPECT_EQ_INT(level(LEGAL_CIVIL, "petition_filed"), 0);
	EXPECT_EQ_INT(level(LEGAL_CIVIL, "Judgment"), 0);
	EXPECT_EQ_STR(legal_stage_word(LEGAL_CIVIL, 5), "judgment");
	EXPECT_EQ_STR(legal_stage_word(LEGAL_BANKRUPTCY, 2), "bankruptcy_notice");
	EXPECT(legal_stage_word(LEGAL_CIVIL, 7) == NULL);
	EXPECT(legal_stage_word(LEGAL_CIVIL, 0) == NULL);
	EXPECT_EQ_INT(legal_judgment_level(LEGAL_CIVIL), 5);
	EXPECT_EQ_INT(legal_judgment_level(LEGAL_WINDING_UP), 6);
	EXPECT_EQ_INT(legal_judgment_level(LEGAL_ARBITRATION), 5);
}

static void
stage_order_next_same_or_end(void)
{
	/* the next stage, the same again (an adjourned hearing), an end */
	EXPECT_EQ_INT(legal_stage_order(LEGAL_CIVIL, 1, 2), LEGAL_IN_ORDER);
	EXPECT_EQ_INT(legal_stage_order(LEGAL_CIVIL, 2, 3), LEGAL_IN_ORDER);
	EXPECT_EQ_INT(legal_stage_order(LEGAL_WINDING_UP, 5, 5), LEGAL_IN_ORDER);
	EXPECT_EQ_INT(legal_stage_order(LEGAL_CIVIL, 1, 97), LEGAL_IN_ORDER);
	EXPECT_EQ_INT(legal_stage_order(LEGAL_CIVIL, 6, 98), LEGAL_IN_ORDER);
	/* skipped, gone back */
	EXPECT_EQ_INT(legal_stage_order(LEGAL_CIVIL, 2, 4), LEGAL_OUT_OF_ORDER);
	EXPECT_EQ_INT(legal_stage_order(LEGAL_CIVIL, 1, 5), LEGAL_OUT_OF_ORDER);
	EXPECT_EQ_INT(legal_stage_order(LEGAL_CIVIL, 4, 3), LEGAL_OUT_OF_ORDER);
	/* after the end, even an end */
	EXPECT_EQ_INT(legal_stage_order(LEGAL_CIVIL, 97, 6), LEGAL_ENDED);
	EXPECT_EQ_INT(legal_stage_order(LEGAL_CIVIL, 98, 99), LEGAL_ENDED);
	/* opened again, or past the path */
	EXPECT_EQ_INT(legal_stage_order(LEGAL_CIVIL, 1, 1), LEGAL_NOT_A_STAGE);
	EXPECT_EQ_INT(legal_stage_order(LEGAL_CIVIL, 6, 7), LEGAL_NOT_A_STAGE);
}

static void
e_filing_references(void)
{
	struct ar_error e = { 0 };

	EXPECT_EQ_INT(legal_ref_check("WA-22NCvC-123-01/2026", &e), AR_OK);
	EXPECT_EQ_INT(legal_ref_check("AIAC/ADM-123-2026", &e), AR_OK);
	EXPECT_EQ_INT(legal_ref_check("A1", &e), AR_ESYNTAX);
	EXPECT_EQ_INT(legal_ref_check("WA 22NCvC-123", &e), AR_ESYNTAX);
	EXPECT_EQ_STR(e.message, "e-filing reference \"WA 22NCvC-123\" holds \" \" (expected "
	    "letters, digits and - / . ( ) only, such as WA-22NCvC-123-01/2026)");
	EXPECT_EQ_INT(legal_ref_check("-WA-123", &e), AR_ESYNTAX);
	EXPECT_EQ_INT(legal_ref_check("WA-NCVC", &e), AR_ESYNTAX);
	EXPECT_EQ_INT(legal_ref_check("WA-1\xc3\xa9", &e), AR_ESYNTAX);
	EXPECT_EQ_INT(legal_text_check("--firm", "Tan & Co", &e), AR_OK);
	EXPECT_EQ_INT(legal_text_check("--firm", "Tan; Co", &e), AR_ESYNTAX);
	EXPECT_EQ_INT(legal_text_check("--firm", " Tan", &e), AR_ESYNTAX);
	EXPECT_EQ_INT(legal_text_check("--firm", "", &e), AR_ESYNTAX);
}

static void
case_numbers(void)
{
	EXPECT(legal_case_id_valid("L2026-0001", 10));
	EXPECT(legal_case_id_valid("L2026-12345", 11));
	EXPECT(!legal_case_id_valid("L2026-0000", 10));
	EXPECT(!legal_case_id_valid("L2026-001", 9));
	EXPECT(!legal_case_id_valid("INV-000123", 10));
	EXPECT(!legal_case_id_valid("", 0));
}

static void
note_round_trip_format(void)
{
	char buf[256];

	EXPECT(legal_note_format(buf, sizeof buf, "opened", "Tan & Co", NULL, false, NULL));
	EXPECT_EQ_STR(buf, "stage=opened; firm=Tan & Co");
	EXPECT(legal_note_format(buf, sizeof buf, "served", NULL, "High Court KL", true,
	    "served by hand; at the office"));
	EXPECT_EQ_STR(buf, "stage=served; court=High Court KL; forced; note=served by hand; "
	    "at the office");
	EXPECT(!legal_note_format(buf, 10, "served", NULL, NULL, false, NULL));
}

static struct legal_register *
load(const char *text, civil_day as_of, ar_err *err, struct ar_error *e)
{
	static const struct item_format fmt = {
		.decimal = MONEY_DECIMAL_POINT, .dates = DATE_OPTS_DEFAULT
	};
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	char path[] = "/tmp/test_legal.XXXXXX";
	struct csvio_reader *r;
	struct legal_register *g;
	int fd = mkstemp(path);
	FILE *fp;

	if (fd < 0 || (fp = fdopen(fd, "w")) == NULL)
		abort();
	fputs(text, fp);
	if (fclose(fp) != 0 || legal_register_new(&g, as_of, test_currency("MYR")) != AR_OK ||
	    csvio_reader_open(&r, path, &opts) != AR_OK)
		abort();
	memset(e, 0, sizeof *e);
	*err = legal_register_load(g, r, &fmt, e);
	csvio_reader_close(r);
	unlink(path);
	return g;
}

/*
 * C1: a civil case at judgment (rows written out of date order), with a
 * cost and a recovery; C1 also a withdrawn winding-up; C2 an arbitration
 * at hearing with a row after the as-of date; a legal_stage of no case.
 */
static const char journal[] = HEAD
    "2026-01-05,C1,legal_stage,1,L2026-0001,12000.00,MYR,,civil,,amy,stage=opened; firm=Tan & Co\n"
    "2026-03-01,C1,legal_stage,5,L2026-0001,,,2026-04-01,civil,WA-22NCvC-1-01/2026,amy,stage=judgment; court=HC KL\n"
    "2026-01-20,C1,legal_stage,2,L2026-0001,,,,civil,,amy,stage=lod_sent\n"
    "2026-02-01,C1,legal_stage,3,L2026-0001,,,,civil,,amy,stage=writ_filed\n"
    "2026-02-10,C1,legal_stage,4,L2026-0001,,,,civil,,amy,stage=served; note=by hand; at reception\n"
    "2026-02-11,C1,legal_cost,,L2026-0001,1500.00,MYR,,,,amy,filing fee\n"
    "2026-03-02,C1,legal_stage,6,L2026-0001,2000.00,MYR,,civil,,amy,stage=enforcement\n"
    "2026-01-06,C1,legal_stage,1,L2026-0002,,,,winding_up,,amy,stage=opened; firm=Lee\n"
    "2026-01-07,C1,legal_stage,99,L2026-0002,,,,winding_up,,amy,stage=withdrawn\n"
    "2026-02-01,C2,legal_stage,1,L2026-0003,500,USD,,arbitration,,ben,stage=opened; firm=Lee\n"
    "2026-02-02,C2,legal_stage,2,L2026-0003,,,,arbitration,,ben,stage=notice_of_arbitration\n"
    "2026-02-20,C2,legal_stage,3,L2026-0003,,,,arbitration,,ben,stage=tribunal_constituted\n"
    "2026-03-10,C2,legal_stage,4,L2026-0003,,,,arbitration,,ben,stage=hearing\n"
    "2026-05-10,C2,legal_stage,5,L2026-0003,,,,arbitration,,ben,stage=award\n"
    "2026-03-01,C9,legal_stage,3,,,,,,,legal,writ of summons served\n"
    "2026-03-01,C9,call,,,,,,,,amy,other rows are not read\n";

static void
register_from_journal(void)
{
	struct ar_error e;
	struct legal_case_view v;
	const struct legal_case *c;
	char id[LEGAL_CASE_ID_MAX];
	ar_err err;
	struct legal_register *g = load(journal, test_day("2026-03-31"), &err, &e);

	EXPECT_EQ_INT(err, AR_OK);
	EXPECT_EQ_STR(e.message, "");
	EXPECT_EQ_INT(legal_register_count(g), 3);
	EXPECT_EQ_INT(legal_register_loose(g), 1);
	c = legal_register_find(g, "L2026-0001");
	EXPECT(c != NULL);
	if (c != NULL) {
		EXPECT_EQ_STR(c->firm, "Tan & Co");
		EXPECT_EQ_INT(c->nstages, 6);
		EXPECT_EQ_STR(c->stages[3].stage, "served");
		EXPECT_EQ_STR(c->stages[3].note, "by hand; at reception");
		EXPECT_EQ_INT(c->level, 6);
		EXPECT_EQ_STR(c->ref, "WA-22NCvC-1-01/2026");
		EXPECT_EQ_STR(c->court, "HC KL");
		EXPECT_EQ_INT(c->nsums, 1);
		EXPECT_EQ_INT(c->sums[0].in_suit, 1200000);
		EXPECT_EQ_INT(c->sums[0].costs, 150000);
		EXPECT_EQ_INT(c->sums[0].recovered, 200000);
	}
	EXPECT(legal_case_open(g, "C1", 2, &v));
	EXPECT_EQ_STR(v.case_id, "L2026-0001");
	EXPECT_EQ_STR(v.stage, "enforcement");
	EXPECT(v.judgment);
	EXPECT_EQ_INT(v.judgment_date, test_day("2026-03-01"));
	EXPECT_EQ_INT(v.open_cases, 1);
	EXPECT(legal_case_open(g, "C2", 2, &v));
	EXPECT_EQ_STR(v.stage, "hearing");
	EXPECT(!v.judgment);
	EXPECT(!legal_case_open(g, "C9", 2, NULL));
	EXPECT(legal_register_next_id(g, 2026, id));
	EXPECT_EQ_STR(id, "L2026-0004");
	EXPECT(legal_register_next_id(g, 2027, id));
	EXPECT_EQ_STR(id, "L2027-0001");
	legal_register_free(g);
	/* read at a later date, C2's award is a judgment */
	g = load(journal, test_day("2026-05-31"), &err, &e);
	EXPECT(legal_case_open(g, "C2", 2, &v) && v.judgment);
	legal_register_free(g);
}

static void
register_refuses_bad_rows(void)
{
	struct ar_error e;
	ar_err err;
	struct legal_register *g;

	g = load(HEAD "2026-01-05,C1,legal_stage,3,L2026-0001,,,,civil,,amy,stage=lod_sent\n",
	    LEGAL_AS_OF_ALL, &err, &e);
	EXPECT_EQ_INT(err, AR_ESYNTAX);
	EXPECT_EQ_STR(e.message, "level 3 of case L2026-0001 is not that of its stage lod_sent (2)");
	legal_register_free(g);
	g = load(HEAD "2026-01-05,C1,legal_stage,2,L2026-0001,,,,civil,,amy,stage=lod_sent\n",
	    LEGAL_AS_OF_ALL, &err, &e);
	EXPECT_EQ_INT(err, AR_ESYNTAX);
	EXPECT_EQ_INT(e.line, 2);
	EXPECT_EQ_STR(e.message, "case L2026-0001 was never opened (no legal_stage row of stage "
	    "opened for it)");
	legal_register_free(g);
	g = load(HEAD "2026-01-05,C1,legal_stage,1,L2026-0001,,,,civil,,amy,stage=opened; firm=A\n"
	    "2026-01-06,C2,legal_cost,,L2026-0001,10,MYR,,,,amy,\n", LEGAL_AS_OF_ALL, &err, &e);
	EXPECT_EQ_INT(err, AR_ESYNTAX);
	EXPECT_EQ_STR(e.message, "case L2026-0001 is customer C1's, not C2's");
	legal_register_free(g);
	g = load(HEAD "2026-01-05,C1,legal_stage,1,L2026-0001,,,,civil,,amy,stage=opened\n",
	    LEGAL_AS_OF_ALL, &err, &e);
	EXPECT_EQ_INT(err, AR_ESYNTAX);
	legal_register_free(g);
	g = load(HEAD "2026-01-05,C1,legal_stage,1,L2026-0001,,,,civil,,amy,firm=A; stage=opened\n",
	    LEGAL_AS_OF_ALL, &err, &e);
	EXPECT_EQ_INT(err, AR_ESYNTAX);
	legal_register_free(g);
}

int
main(void)
{
	RUN(stages_are_numbered_in_path_order);
	RUN(stage_order_next_same_or_end);
	RUN(e_filing_references);
	RUN(case_numbers);
	RUN(note_round_trip_format);
	RUN(register_from_journal);
	RUN(register_refuses_bad_rows);
	return test_summary();
}
