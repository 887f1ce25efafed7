/* test_payer_name.c - payer names as a bank types them against the customer master (issue 12, rule 3). */
#include "test.h"

#include "ar/payer_name.h"
#include "core/utf8.h"

/* The normalised form of s, or "<error N>". */
static const char *
norm(const char *s)
{
	static char out[PAYER_NAME_SIZE];
	static char err[32];
	size_t n = 12345;
	ar_err e = payer_name_normalise(s, strlen(s), out, sizeof out, &n);

	if (e != AR_OK) {
		snprintf(err, sizeof err, "<error %d>", (int)e);
		return err;
	}
	if (n != strlen(out))
		return "<outlen differs from strlen>";
	return out;
}

static int
sim(const char *a, const char *b)
{
	return payer_name_similarity(a, strlen(a), b, strlen(b));
}

static void
payer_name_legal_forms_go(void)
{
	EXPECT_EQ_STR(norm("SYARIKAT MAJU SDN. BHD."), "syarikat maju");
	EXPECT_EQ_STR(norm("Syarikat Maju Sdn Bhd"), "syarikat maju");
	EXPECT_EQ_STR(norm("TAN, LIM & PARTNERS SDN BHD"), "tan lim partners");
	EXPECT_EQ_STR(norm("MAJU (M) SDN BHD"), "maju");
	EXPECT_EQ_STR(norm("MAJU SDN BHD (M)"), "maju");
	EXPECT_EQ_STR(norm("MAJU S/B"), "maju");
	EXPECT_EQ_STR(norm("MAJU SDN B"), "maju");             /* a bank's truncation */
	EXPECT_EQ_STR(norm("MAJU BERHAD"), "maju");
	EXPECT_EQ_STR(norm("MAJU TRADING & CO"), "maju");
	EXPECT_EQ_STR(norm("SINAR JAYA TRDG S/B"), "sinar jaya");
	EXPECT_EQ_STR(norm("MAJU ENTP"), "maju");
	EXPECT_EQ_STR(norm("MAJU CO., LTD."), "maju");
	EXPECT_EQ_STR(norm("MAJU PTE. LTD."), "maju");
	/* only at the end: a legal word inside a name stays */
	EXPECT_EQ_STR(norm("MAJU ENTERPRISE (KL) SDN BHD"), "maju enterprise kl");
}

static void
payer_name_width_case_and_punctuation(void)
{
	EXPECT_EQ_STR(norm("ＭＡＪＵ　ＥＮＴＥＲＰＲＩＳＥ"), "maju");
	EXPECT_EQ_STR(norm("ＡＢＣ１２３"), "abc123");
	EXPECT_EQ_STR(norm("  Maju--Jaya\t/ Holdings  "), "maju jaya holdings");
	EXPECT_EQ_STR(norm("TAN'S KITCHEN"), "tans kitchen");   /* apostrophe joins */
	EXPECT_EQ_STR(norm("TAN\xe2\x80\x99S KITCHEN"), "tans kitchen");
	EXPECT_EQ_STR(norm("MAJU\xe2\x80\x8bJAYA"), "majujaya");  /* zero-width space is ignorable */
	EXPECT_EQ_STR(norm("STRASSE"), norm("Stra\xc3\x9f" "e"));  /* full case folding: ß -> ss */
	EXPECT_EQ_STR(norm("Cafe\xcc\x81"), "caf\xc3\xa9");      /* composed */
	EXPECT_EQ_STR(norm("  ...  "), "");
	EXPECT_EQ_STR(norm(""), "");
}

static void
payer_name_chinese_forms_go(void)
{
	EXPECT_EQ_STR(norm("台灣電子股份有限公司"), "台灣電子");
	EXPECT_EQ_STR(norm("台灣電子有限公司"), "台灣電子");
	EXPECT_EQ_STR(norm("台灣電子(股)公司"), "台灣電子");
	EXPECT_EQ_STR(norm("台灣電子 股份有限公司"), "台灣電子");
	EXPECT_EQ_STR(norm("大同企業社"), "大同");
	/* no traditional/simplified conversion */
	EXPECT_EQ_STR(norm("台湾电子有限公司"), "台湾电子");
	/* the form alone stays: something must be left to compare */
	EXPECT_EQ_STR(norm("有限公司"), "有限公司");
}

static void
payer_name_bank_prefixes_go(void)
{
	EXPECT_EQ_STR(norm("IBG CR SYARIKAT MAJU"), "syarikat maju");
	EXPECT_EQ_STR(norm("DUITNOW TRSF CR SYARIKAT MAJU SDN BHD"), "syarikat maju");
	EXPECT_EQ_STR(norm("TRF FROM TAN'S TRADING"), "tans");
	EXPECT_EQ_STR(norm("GIRO CR MAJU"), "maju");
	EXPECT_EQ_STR(norm("TT CR SYARIKAT MAJU"), "syarikat maju");
	/* CR and TT alone start real names */
	EXPECT_EQ_STR(norm("TT DOTCOM SDN BHD"), "tt dotcom");
	EXPECT_EQ_STR(norm("CR TECHNOLOGY SDN BHD"), "cr technology");
	/* only at the front */
	EXPECT_EQ_STR(norm("MAJU GIRO"), "maju giro");
}

static void
payer_name_leaves_one_word(void)
{
	EXPECT_EQ_STR(norm("ENTERPRISE"), "enterprise");
	EXPECT_EQ_STR(norm("TRADING SDN BHD"), "trading");
	EXPECT_EQ_STR(norm("IBG"), "ibg");
	EXPECT_EQ_STR(norm("IBG CR"), "cr");
	/* M and B go only beside a legal form */
	EXPECT_EQ_STR(norm("M KUMAR"), "m kumar");
	EXPECT_EQ_STR(norm("KEDAI M"), "kedai m");
	EXPECT_EQ_STR(norm("PLAN B"), "plan b");
}

static void
payer_name_refuses_bad_input(void)
{
	char out[PAYER_NAME_SIZE] = "junk", small[5] = "junk";
	size_t n = 99;

	EXPECT_EQ_INT(payer_name_normalise("MAJU \xff", 6, out, sizeof out, &n), AR_EUTF8);
	EXPECT_EQ_STR(out, "");
	EXPECT_EQ_INT(n, 0);
	EXPECT_EQ_INT(payer_name_normalise("\xc0\xaf", 2, out, sizeof out, &n), AR_EUTF8);  /* overlong */
	EXPECT_EQ_INT(payer_name_normalise("\xed\xa0\x80", 3, out, sizeof out, &n), AR_EUTF8);  /* surrogate */
	EXPECT_EQ_INT(payer_name_normalise("MA\0JU", 5, out, sizeof out, &n), AR_ENUL);
	EXPECT_EQ_INT(payer_name_normalise("MAJU", 4, NULL, 0, &n), AR_EUSAGE);
	/* "syarikat" needs 9 bytes with its NUL */
	EXPECT_EQ_INT(payer_name_normalise("SYARIKAT", 8, small, sizeof small, &n), AR_ERANGE);
	EXPECT_EQ_STR(small, "");
	EXPECT_EQ_INT(payer_name_normalise("MAJU SDN BHD", 12, small, sizeof small, &n), AR_OK);
	EXPECT_EQ_STR(small, "maju");
	EXPECT_EQ_INT(n, 4);
}

static void
payer_name_is_bounded(void)
{
	char in[1200], out[PAYER_NAME_SIZE];
	size_t n, i;

	/* cut at a character boundary: "a" then 2-byte é; 256 bytes would split one */
	in[0] = 'a';
	for (i = 0; i < 150; i++)
		memcpy(in + 1 + 2 * i, "\xc3\xa9", 2);
	EXPECT_EQ_INT(payer_name_normalise(in, 301, out, sizeof out, &n), AR_OK);
	EXPECT_EQ_INT(n, 255);
	EXPECT(utf8_valid(out, n));
	/* bad bytes past the part read are still bad */
	in[300] = '\xff';
	EXPECT_EQ_INT(payer_name_normalise(in, 301, out, sizeof out, &n), AR_EUTF8);
	/* U+FDFA grows to 18 characters under NFKC: still at most PAYER_NAME_MAX out */
	for (i = 0; i < 85; i++)
		memcpy(in + 3 * i, "\xef\xb7\xba", 3);
	EXPECT_EQ_INT(payer_name_normalise(in, 255, out, sizeof out, &n), AR_OK);
	EXPECT(n <= PAYER_NAME_MAX && n > 200);
	EXPECT(utf8_valid(out, n));
	EXPECT_EQ_INT(strlen(out), n);
}

/* The measure's values: a change to the measure shows here. */
static void
payer_name_similarity_values(void)
{
	EXPECT_EQ_INT(sim("syarikat maju", "syarikat maju"), 100);
	EXPECT_EQ_INT(sim("syarikat maju", "syarikat maju jaya"), 86);
	EXPECT_EQ_INT(sim("syarikat maju", "syarikat majju"), 98);
	EXPECT_EQ_INT(sim("syarikat maju", "maju syarikat"), 99);
	EXPECT_EQ_INT(sim("syarikat maju", "syarikat bintang"), 59);
	EXPECT_EQ_INT(sim("syarikat maju", "bintang timur"), 0);
	EXPECT_EQ_INT(sim("syarikat maju jay", "syarikat maju jaya"), 99);
	EXPECT_EQ_INT(sim("tan lim partners", "tan lim"), 60);
	EXPECT_EQ_INT(sim("台灣電子", "台灣電子工業"), 80);
	EXPECT_EQ_INT(sim("台灣電子", "台湾电子"), 50);
	/* short words one letter apart are different words */
	EXPECT_EQ_INT(sim("tan", "tam"), 0);
}

static void
payer_name_similarity_thresholds(void)
{
	EXPECT(sim("syarikat maju", "syarikat maju jaya") >= PAYER_NAME_LIKELY);
	EXPECT(sim("syarikat maju", "syarikat majju") >= PAYER_NAME_LIKELY);
	EXPECT(sim("syarikat maju", "maju syarikat") >= PAYER_NAME_LIKELY);
	EXPECT(sim("syarikat maju", "syarikat bintang") < PAYER_NAME_UNRELATED);
	EXPECT(sim("syarikat maju", "bintang timur") < 40);
	EXPECT(sim("台灣電子", "台灣電子工業") >= 70);
	/* not identical never scores 100 */
	EXPECT(sim("maju syarikat", "syarikat maju") < 100);
}

static void
payer_name_similarity_is_symmetric(void)
{
	static const char *const names[] = {
		"syarikat maju", "syarikat maju jaya", "syarikat majju", "maju syarikat",
		"bintang timur", "台灣電子", "台灣電子工業", "tan lim partners", "martha",
		"marhta", "dwayne", "duane", "abc 台灣 x", "a", "ab ba ab",
	};
	size_t n = sizeof names / sizeof names[0], i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			EXPECT_EQ_INT(sim(names[i], names[j]), sim(names[j], names[i]));
}

static void
payer_name_similarity_edges(void)
{
	EXPECT_EQ_INT(sim("", ""), 0);
	EXPECT_EQ_INT(sim("maju", ""), 0);
	EXPECT_EQ_INT(payer_name_similarity(NULL, 0, "maju", 4), 0);
	EXPECT_EQ_INT(sim("maju \xff", "maju \xff"), 0);  /* not UTF-8 */
	EXPECT_EQ_INT(sim("maju", "maju"), 100);
	EXPECT_EQ_INT(sim("martha", "marhta"), 96);  /* Winkler's own example, 0.961 */
}

/* Bank text and master data, both normalised, meet. */
static void
payer_name_bank_meets_master(void)
{
	char a[PAYER_NAME_SIZE], b[PAYER_NAME_SIZE];
	size_t na, nb;
	const char *bank = "IBG CR SYARIKAT MAJU SDN. BHD.";
	const char *master = "Syarikat Maju Sdn Bhd";

	EXPECT_EQ_INT(payer_name_normalise(bank, strlen(bank), a, sizeof a, &na), AR_OK);
	EXPECT_EQ_INT(payer_name_normalise(master, strlen(master), b, sizeof b, &nb), AR_OK);
	EXPECT_EQ_INT(payer_name_similarity(a, na, b, nb), 100);
}

int
main(void)
{
	RUN(payer_name_legal_forms_go);
	RUN(payer_name_width_case_and_punctuation);
	RUN(payer_name_chinese_forms_go);
	RUN(payer_name_bank_prefixes_go);
	RUN(payer_name_leaves_one_word);
	RUN(payer_name_refuses_bad_input);
	RUN(payer_name_is_bounded);
	RUN(payer_name_similarity_values);
	RUN(payer_name_similarity_thresholds);
	RUN(payer_name_similarity_is_symmetric);
	RUN(payer_name_similarity_edges);
	RUN(payer_name_bank_meets_master);
	return test_summary();
}
