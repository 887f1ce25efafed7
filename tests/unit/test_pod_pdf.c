/*
 * test_pod_pdf.c - the proof of debt as a PDF (report/pod_pdf.h): a case
 * filled by hand is written in each language from the tree's templates/
 * and read back with pdftotext; the claim in figures and in words, every
 * supporting document, the liquidator, the debtor's number, the cut-off,
 * the place are there, and a credit note, an item after the cut-off and a
 * currency with nothing to claim are not.  Then several currencies, a
 * bankrupt without a trustee named, the setup from ar.ini, and the errors.
 *
 * Runs from the tree's root (templates/); pdftotext (poppler-utils) reads
 * the PDFs, and the cases that read them skip without it.  --keep leaves
 * the PDFs in the temporary folder for a person to look at.
 */
#define _GNU_SOURCE     /* mkdtemp, popen */
#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>

#include "test.h"
#include "ar/pod_case.h"
#include "core/config.h"
#include "core/date.h"
#include "report/doc_text.h"
#include "report/letter_pdf.h"
#include "report/pod_pdf.h"

static char dir[64];
static bool have_pdftotext;

#define NO_PDFTOTEXT "pdftotext missing (Debian: poppler-utils)"

/* 2026-11-24T00:00:00Z, the PDF's CreationDate. */
#define CREATED 1795478400LL
#define RATE_8 8000000          /* 8 % a year in millionths of a per cent */

static civil_day
day(int y, int m, int d)
{
	civil_day x;

	if (date_from_ymd(y, m, d, &x) != AR_OK)
		abort();
	return x;
}

/* A customer with every text field "" but those given. */
static struct customer
customer(const char *name, const char *lang, const char *status)
{
	struct customer c;

	memset(&c, 0, sizeof c);
	c.name = c.collector = c.status = c.company = c.credit_limit = "";
	c.payer_account = c.payer_names = c.ref1 = "";
	c.lang = c.email = c.phone = c.address = c.country = c.status_date = "";
	c.dunning_block = c.channel = c.interest_rate = "";
	c.name_local = c.reg_no = c.entity = "";
	c.id_type = c.liquidator = c.liquidator_address = "";
	c.name = (char *)name;
	c.lang = (char *)lang;
	c.status = (char *)status;
	c.line = 7;
	return c;
}

/* The lines and currencies of a case, as pod_case_finish leaves them. */
struct hand_case {
	struct pod_case k;
	struct pod_stmt_line lines[16];
	struct pod_currency currencies[4];
};

static void
add_line(struct hand_case *h, enum pod_line_kind kind, enum pod_doc_type type, const char *cur,
    civil_day date, civil_day due, const char *doc_no, int64_t amount, long days,
    int64_t interest, enum pod_part part, bool claimed)
{
	struct pod_stmt_line *l = &h->lines[h->k.nlines++];

	memset(l, 0, sizeof *l);
	l->kind = kind;
	l->type = type;
	l->currency = test_currency(cur);
	l->date = date;
	l->due = due;
	l->doc_no = (char *)doc_no;
	l->amount = amount;
	l->interest_days = days;
	l->interest = interest;
	l->part = part;
	l->claimed = claimed;
}

/* A currency over the lines [first, first + count) with its claim's figures. */
static struct pod_claim *
add_currency(struct hand_case *h, const char *cur, size_t first, size_t count)
{
	struct pod_currency *c = &h->currencies[h->k.ncurrencies++];

	memset(c, 0, sizeof *c);
	c->currency = test_currency(cur);
	c->first = first;
	c->count = count;
	c->claim.cut_off = h->k.cut_off;
	c->claim.rate = h->k.rate;
	return &c->claim;
}

/*
 * Customer 100101's claim in MYR at 2026-10-01, 8 % a year:
 *   INV-7001  10,000.00 due 2026-07-02: 91 days, 199.45   unsecured
 *   DN-0042    1,500.00 due 2026-09-14: 17 days,   5.59   unsecured
 *   CN-0017     -500.00 (netted, not a supporting document)
 *   INV-7044   1,340.63 due 2026-10-10, not due: no interest, secured
 *   set-off     -200.00 (a rebate owed to the debtor)
 *   INV-7100     900.00 of 2026-10-15: after the cut-off, not claimed
 * principal 12,340.63 + interest 205.04 - set-off 200.00 = 12,345.67,
 * of which 1,340.63 secured and 11,005.04 unsecured.
 */
static void
myr_case(struct hand_case *h, const struct customer *c)
{
	struct pod_claim *m;

	memset(h, 0, sizeof *h);
	h->k.customer_id = "100101";
	h->k.customer = c;
	h->k.cut_off = day(2026, 10, 1);
	h->k.rate = RATE_8;
	h->k.lines = h->lines;
	h->k.currencies = h->currencies;
	add_line(h, POD_LINE_ITEM, POD_INV, "MYR", day(2026, 6, 2), day(2026, 7, 2), "INV-7001",
	    1000000, 91, 19945, POD_UNSECURED, true);
	add_line(h, POD_LINE_ITEM, POD_DN, "MYR", day(2026, 8, 15), day(2026, 9, 14), "DN-0042",
	    150000, 17, 559, POD_UNSECURED, true);
	add_line(h, POD_LINE_ITEM, POD_CN, "MYR", day(2026, 8, 20), DATE_NONE, "CN-0017",
	    -50000, 0, 0, POD_UNSECURED, true);
	add_line(h, POD_LINE_ITEM, POD_INV, "MYR", day(2026, 9, 10), day(2026, 10, 10), "INV-7044",
	    134063, 0, 0, POD_SECURED, true);
	add_line(h, POD_LINE_SET_OFF, POD_INV, "MYR", day(2026, 9, 30), DATE_NONE, "Rebate Q3",
	    -20000, 0, 0, POD_UNSECURED, true);
	add_line(h, POD_LINE_ITEM, POD_INV, "MYR", day(2026, 10, 15), day(2026, 11, 14), "INV-7100",
	    90000, 0, 0, POD_UNSECURED, false);
	m = add_currency(h, "MYR", 0, 6);
	m->principal = 1234063;
	m->interest = 20504;
	m->set_off = 20000;
	m->net_claim = 1234567;
	m->part[POD_SECURED] = 134063;
	m->part[POD_UNSECURED] = 1100504;
	m->post_items = 90000;
	m->items = 4;
}

static struct pod_docs_setup
setup(void)
{
	struct pod_docs_setup s;

	memset(&s, 0, sizeof s);
	s.company_name = "Nusantara Industrial Supplies Berhad";
	s.company_reg_no = "199701004321 (421234-K)";
	s.company_phone = "+60 3-7491 2200";
	s.company_email = "credit@nusantara.example";
	s.company_logo = "";
	snprintf(s.company_address, sizeof s.company_address,
	    "Lot 5, Jalan Perusahaan 2\nKawasan Perindustrian Batu Caves\n68100 Kuala Lumpur");
	s.liquidator = "";
	s.liquidator_address = "";
	s.deponent = "Aisyah binti Rahman";
	s.deponent_title = "Credit Manager";
	s.place = "Kuala Lumpur";
	s.templates_dir = "templates";
	s.default_lang = REPORT_LANG_EN;
	s.as_of = day(2026, 11, 24);
	s.created = CREATED;
	return s;
}

/* The text of a PDF as pdftotext -layout gives it, every blank and line break taken out. */
static char *
pdf_text(const char *path)
{
	char cmd[256], buf[4096];
	size_t len = 0, cap = 1 << 16, n;
	char *text = malloc(cap);
	FILE *p;

	snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' - 2>/dev/null", path);
	if (text == NULL || (p = popen(cmd, "r")) == NULL)
		abort();
	while ((n = fread(buf, 1, sizeof buf, p)) > 0) {
		for (size_t i = 0; i < n; i++) {
			if (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t' ||
			    buf[i] == '\f')
				continue;
			if (len + 1 >= cap && (text = realloc(text, cap *= 2)) == NULL)
				abort();
			text[len++] = buf[i];
		}
	}
	text[len] = '\0';
	if (pclose(p) != 0)
		text[0] = '\0';
	return text;
}

/* Whether the squeezed text holds s, its blanks taken out likewise. */
static bool
has(const char *text, const char *s)
{
	char want[1024];
	size_t n = 0;

	for (; *s != '\0' && n + 1 < sizeof want; s++)
		if (*s != ' ' && *s != '\n')
			want[n++] = *s;
	want[n] = '\0';
	return strstr(text, want) != NULL;
}

static bool
exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* The proof of the MYR case in lang, read back. */
static void
one_language(enum report_lang lang, const char *tag, bool roc)
{
	struct customer c = customer("Sinar Jaya Trading Sdn. Bhd.", tag, "liquidation");
	struct pod_docs_setup s = setup();
	struct pod_templates *t;
	struct hand_case h;
	struct ar_error e = { 0 };
	char path[128], tpath[256], words[DOC_TEXT_WORDS_MAX], cut[DOC_TEXT_DATE_MAX], *text;

	c.reg_no = "200401018233 (651207-P)";
	c.id_type = "ssm";
	c.name_local = lang == REPORT_LANG_ZH_HANS ? "星光贸易有限公司" :
	    lang == REPORT_LANG_ZH_HANT ? "星光貿易有限公司" : "";
	c.address = "No. 18, Jalan Industri USJ 1/3, 47600 Subang Jaya, Selangor";
	c.liquidator = "Lim Chee Keong";
	c.liquidator_address = "Level 8, Menara KL Insolvency; Jalan Ampang; 50450 Kuala Lumpur";
	s.roc_dates = roc;
	myr_case(&h, &c);
	snprintf(path, sizeof path, "%s/proof-%s.pdf", dir, tag);
	EXPECT_EQ_INT(pod_templates_new(&t, s.templates_dir), AR_OK);
	EXPECT_EQ_INT(pod_templates_need(t, lang, &e, tpath, sizeof tpath), AR_OK);
	EXPECT_EQ_STR(e.message, "");
	EXPECT_EQ_INT(pod_doc_pdf(&s, t, &h.k, "200401018233 (651207-P)", path, &e), AR_OK);
	EXPECT_EQ_STR(e.message, "");
	pod_templates_free(t);
	text = pdf_text(path);
	EXPECT(text[0] != '\0');
	EXPECT_EQ_INT(doc_amount_words(lang, test_currency("MYR"), 2, 1234567, words, sizeof words),
	    AR_OK);
	EXPECT(doc_long_date(lang, roc, day(2026, 10, 1), cut, sizeof cut) > 0);
	EXPECT(has(text, "12,345.67"));
	EXPECT(has(text, words));
	EXPECT(has(text, "INV-7001"));
	EXPECT(has(text, "DN-0042"));
	EXPECT(has(text, "INV-7044"));
	EXPECT(has(text, "Lim Chee Keong"));
	EXPECT(has(text, "50450 Kuala Lumpur"));
	EXPECT(has(text, "200401018233 (651207-P)"));
	EXPECT(has(text, cut));
	EXPECT(has(text, "Kuala Lumpur"));
	EXPECT(has(text, "Aisyah binti Rahman"));
	EXPECT(has(text, "POD/100101/20261001"));
	/* netted, not supporting documents; after the cut-off, not claimed */
	EXPECT(!has(text, "CN-0017"));
	EXPECT(!has(text, "INV-7100"));
	EXPECT(!has(text, "Rebate Q3"));
	EXPECT(!has(text, "900.00"));
	free(text);
}

static void
proof_in_english(void)
{
	char path[128], *text;

	if (!have_pdftotext)
		SKIP(NO_PDFTOTEXT);
	char expected_words[] = "Ringgit Malaysia Twelve Thousand Three Hundred Forty-Five and "
	    "Sen Sixty-Seven Only";

	one_language(REPORT_LANG_EN, "en", false);
	snprintf(path, sizeof path, "%s/proof-en.pdf", dir);
	text = pdf_text(path);
	/* the words of doc_amount_words, spelt out once here */
	EXPECT(has(text, expected_words));
	EXPECT(has(text, "Proof of Debt – General Form (Form 79, Companies (Winding-Up) Rules 1972)"));
	EXPECT(has(text, "AND IN THE MATTER OF Sinar Jaya Trading Sdn. Bhd. (Registration No. "
	    "200401018233 (651207-P)), in liquidation"));
	EXPECT(has(text, "at the date of the winding-up order, namely 1 October 2026"));
	/* the totals: principal, interest, set-off as negative, the net claim */
	EXPECT(has(text, "PrincipalMYR 12,340.63"));
	EXPECT(has(text, "InterestMYR 205.04"));
	EXPECT(has(text, "Set-offMYR -200.00"));
	EXPECT(has(text, "NetclaimMYR 12,345.67"));
	/* the parts, and the security held */
	EXPECT(has(text, "MYR 11,005.04 is claimed as an unsecured debt and MYR 1,340.63 as a "
	    "secured debt"));
	EXPECT(has(text, "save and except the following: the security held"));
	EXPECT(has(text, "interest of MYR 205.04 at 8 per cent a year"));
	EXPECT(has(text, "less MYR 200.00 set off"));
	/* a row of the table: doc no, date, due date, amount, days, interest, part */
	EXPECT(has(text, "INV-7001 2026-06-02 2026-07-02 10,000.00 91 199.45 Unsecured"));
	EXPECT(has(text, "INV-7044 2026-09-10 2026-10-10 1,340.63 0 0.00 Secured"));
	EXPECT(has(text, "Declared at Kuala Lumpur this 24 November 2026"));
	EXPECT(has(text, "Commissioner for Oaths"));
	free(text);
}

static void
proof_in_malay(void)
{
	char path[128], *text;

	if (!have_pdftotext)
		SKIP(NO_PDFTOTEXT);

	one_language(REPORT_LANG_MS, "ms", false);
	snprintf(path, sizeof path, "%s/proof-ms.pdf", dir);
	text = pdf_text(path);
	EXPECT(has(text, "Bukti Hutang – Borang Am (Borang 79"));
	EXPECT(has(text, "(No. Pendaftaran 200401018233 (651207-P)), dalam likuidasi"));
	EXPECT(has(text, "pada tarikh perintah penggulungan, iaitu 1 Oktober 2026"));
	EXPECT(has(text, "Diakui di Kuala Lumpur pada 24 November 2026"));
	EXPECT(has(text, "Pesuruhjaya Sumpah"));
	EXPECT(has(text, "Bercagar"));
	free(text);
}

static void
proof_in_simplified_chinese(void)
{
	char path[128], *text;

	if (!have_pdftotext)
		SKIP(NO_PDFTOTEXT);

	one_language(REPORT_LANG_ZH_HANS, "zh-Hans", false);
	snprintf(path, sizeof path, "%s/proof-zh-Hans.pdf", dir);
	text = pdf_text(path);
	EXPECT(has(text, "债权申报书"));
	EXPECT(has(text, "债务人：星光贸易有限公司（Sinar Jaya Trading Sdn. Bhd.），清算中"));
	EXPECT(has(text, "于清算令之日，即2026年10月1日"));
	EXPECT(has(text, "马币壹万贰仟叁佰肆拾伍令吉陆拾柒仙"));
	EXPECT(has(text, "有担保债权"));
	free(text);
}

static void
proof_in_traditional_chinese(void)
{
	char path[128], *text;

	if (!have_pdftotext)
		SKIP(NO_PDFTOTEXT);

	one_language(REPORT_LANG_ZH_HANT, "zh-Hant", true);
	snprintf(path, sizeof path, "%s/proof-zh-Hant.pdf", dir);
	text = pdf_text(path);
	EXPECT(has(text, "債權申報書"));
	EXPECT(has(text, "債務人：星光貿易有限公司（Sinar Jaya Trading Sdn. Bhd.），清算中"));
	EXPECT(has(text, "於清算開始之日，即中華民國115年10月1日"));
	EXPECT(has(text, "聲明日期：中華民國115年11月24日"));
	/* roc_dates: the table's dates too */
	EXPECT(has(text, "INV-7001 115/06/02 115/07/02 10,000.00 91 199.45 普通債權"));
	free(text);
}

/*
 * MYR 12,345.67 as above, USD 2,500.00 (one invoice, preferential), and
 * SGD whose credit note outweighs its invoice: nothing to claim there.
 */
static void
several_currencies(void)
{
	struct customer c = customer("Sinar Jaya Trading Sdn. Bhd.", "", "liquidation");
	struct pod_docs_setup s = setup();
	struct pod_templates *t;
	struct hand_case h;
	struct pod_claim *cl;
	struct ar_error e = { 0 };
	char path[128], tpath[256], *text;

	if (!have_pdftotext)
		SKIP(NO_PDFTOTEXT);
	c.reg_no = "200401018233 (651207-P)";
	c.id_type = "ssm";
	s.liquidator = "Tan Sri Wong & Co.";
	s.liquidator_address = "Suite 3A, Wisma Likuidasi;Jalan Tun Razak;50400 Kuala Lumpur";
	myr_case(&h, &c);
	add_line(&h, POD_LINE_ITEM, POD_INV, "SGD", day(2026, 7, 1), day(2026, 7, 31), "INV-SG-31",
	    40000, 62, 544, POD_UNSECURED, true);
	add_line(&h, POD_LINE_ITEM, POD_CN, "SGD", day(2026, 8, 1), DATE_NONE, "CN-SG-2",
	    -60000, 0, 0, POD_UNSECURED, true);
	cl = add_currency(&h, "SGD", 6, 2);
	cl->principal = -20000;
	cl->interest = 544;
	cl->net_claim = 0;
	cl->owed_to_debtor = 19456;
	add_line(&h, POD_LINE_ITEM, POD_INV, "USD", day(2026, 9, 1), day(2026, 10, 31), "INV-US-9",
	    250000, 0, 0, POD_PREFERENTIAL, true);
	cl = add_currency(&h, "USD", 8, 1);
	cl->principal = 250000;
	cl->net_claim = 250000;
	cl->part[POD_PREFERENTIAL] = 250000;
	snprintf(path, sizeof path, "%s/proof-several.pdf", dir);
	EXPECT_EQ_INT(pod_templates_new(&t, s.templates_dir), AR_OK);
	EXPECT_EQ_INT(pod_templates_need(t, REPORT_LANG_EN, &e, tpath, sizeof tpath), AR_OK);
	EXPECT_EQ_INT(pod_doc_pdf(&s, t, &h.k, "200401018233 (651207-P)", path, &e), AR_OK);
	EXPECT_EQ_STR(e.message, "");
	pod_templates_free(t);
	text = pdf_text(path);
	/* [pod]'s liquidator and address, its lines split at ';' */
	EXPECT(has(text, "Tan Sri Wong & Co."));
	EXPECT(has(text, "Jalan Tun Razak"));
	EXPECT(!has(text, "Wisma Likuidasi;"));
	/* a claim paragraph, the totals and the words for each claimed currency */
	EXPECT(has(text, "in the sum of MYR 12,345.67 (Ringgit Malaysia Twelve Thousand"));
	EXPECT(has(text, "in the sum of USD 2,500.00 (US Dollars Two Thousand Five Hundred Only)"));
	EXPECT(has(text, "NetclaimUSD 2,500.00"));
	EXPECT(has(text, "USD: US Dollars Two Thousand Five Hundred Only"));
	EXPECT(has(text, "MYR: Ringgit Malaysia Twelve Thousand"));
	EXPECT(has(text, "USD INV-US-9 2026-09-01 2026-10-31 2,500.00 0 0.00 Preferential"));
	EXPECT(has(text, "USD 2,500.00 as a preferential debt"));
	/* nothing to claim in SGD: neither its documents nor its figures */
	EXPECT(!has(text, "INV-SG-31"));
	EXPECT(!has(text, "CN-SG-2"));
	EXPECT(!has(text, "SGD"));
	EXPECT(!has(text, "CN-0017"));
	free(text);
}

/* A bankrupt with no trustee named anywhere: the Official Assignee, an NRIC. */
static void
bankrupt_without_a_trustee(void)
{
	struct customer c = customer("Tan Ah Kow", "en", "Bankruptcy");
	struct pod_docs_setup s = setup();
	struct pod_templates *t;
	struct hand_case h;
	struct ar_error e = { 0 };
	char path[128], tpath[256], *text;

	if (!have_pdftotext)
		SKIP(NO_PDFTOTEXT);
	c.id_type = "nric";
	c.reg_no = "750101-14-5678";
	s.deponent = "";
	s.deponent_title = "";
	myr_case(&h, &c);
	snprintf(path, sizeof path, "%s/proof-bankrupt.pdf", dir);
	EXPECT_EQ_INT(pod_templates_new(&t, s.templates_dir), AR_OK);
	EXPECT_EQ_INT(pod_templates_need(t, REPORT_LANG_EN, &e, tpath, sizeof tpath), AR_OK);
	/* no number given: the customer's column as written */
	EXPECT_EQ_INT(pod_doc_pdf(&s, t, &h.k, NULL, path, &e), AR_OK);
	pod_templates_free(t);
	text = pdf_text(path);
	EXPECT(has(text, "The Official Assignee"));
	EXPECT(has(text, "Proof of Debt (Insolvency Act 1967)"));
	EXPECT(has(text, "IN THE MATTER OF THE INSOLVENCY ACT 1967"));
	EXPECT(has(text, "Tan Ah Kow (NRIC No. 750101-14-5678), a bankrupt"));
	EXPECT(has(text, "That the said debtor was, at the date of the bankruptcy order"));
	/* no deponent in [pod]: a line to fill in by hand */
	EXPECT(has(text, "I, .............................., .............................. of"));
	EXPECT(!has(text, "COMPANIES ACT"));
	free(text);
}

/* [company] and [pod] of an ar.ini: the place from the address, the templates' folder. */
static void
setup_from_config(void)
{
	struct ar_config *cfg = NULL;
	struct pod_docs_setup s;
	struct ar_error e = { 0 };
	char ini[128], msg[256];
	FILE *f;

	snprintf(ini, sizeof ini, "%s/ar.ini", dir);
	if ((f = fopen(ini, "w")) == NULL)
		abort();
	fputs("[company]\nname = Nusantara Industrial Supplies Berhad\n"
	    "address = \"Lot 5, Jalan Perusahaan 2; 68100 Kuala Lumpur\"\n"
	    "[report]\nlang = ms\n"
	    "[dunning]\ntemplates = /srv/letters\n"
	    "[pod]\nliquidator = Lim Chee Keong\nliquidator_address = \"Level 8; Jalan Ampang\"\n", f);
	fclose(f);
	EXPECT_EQ_INT(config_load(ini, &cfg, &e), AR_OK);
	if (cfg == NULL)
		return;
	EXPECT_EQ_INT(pod_docs_setup_read(cfg, "/usr/share/artools/templates", day(2026, 11, 24),
	    CREATED, &s, msg, sizeof msg), AR_OK);
	EXPECT_EQ_STR(s.company_address, "Lot 5, Jalan Perusahaan 2\n68100 Kuala Lumpur");
	EXPECT_EQ_STR(s.place, "Kuala Lumpur");
	EXPECT_EQ_STR(s.templates_dir, "/srv/letters");
	EXPECT_EQ_STR(s.liquidator, "Lim Chee Keong");
	EXPECT_EQ_STR(s.liquidator_address, "Level 8; Jalan Ampang");
	EXPECT_EQ_INT(s.default_lang, REPORT_LANG_MS);
	EXPECT_EQ_INT(s.as_of, day(2026, 11, 24));
	config_free(cfg);

	if ((f = fopen(ini, "w")) == NULL)
		abort();
	fputs("[company]\naddress = \"Lot 5; 68100 Kuala Lumpur\"\n"
	    "[dunning]\ntemplates = /srv/letters\n"
	    "[pod]\nplace = Petaling Jaya\ntemplates = /srv/pod\n", f);
	fclose(f);
	EXPECT_EQ_INT(config_load(ini, &cfg, &e), AR_OK);
	if (cfg == NULL)
		return;
	pod_docs_setup_read(cfg, "/usr/share/artools/templates", day(2026, 11, 24), CREATED, &s,
	    msg, sizeof msg);
	EXPECT_EQ_STR(s.place, "Petaling Jaya");
	EXPECT_EQ_STR(s.templates_dir, "/srv/pod");
	EXPECT_EQ_INT(s.default_lang, REPORT_LANG_EN);
	config_free(cfg);
	remove(ini);
}

static void
errors_leave_no_file(void)
{
	struct customer c = customer("Sinar Jaya Trading Sdn. Bhd.", "en", "active");
	struct pod_docs_setup s = setup();
	struct pod_templates *t, *none;
	struct hand_case h;
	struct ar_error e = { 0 };
	enum report_lang lang;
	char path[128], tpath[256];

	snprintf(path, sizeof path, "%s/proof-error.pdf", dir);
	myr_case(&h, &c);
	EXPECT_EQ_INT(pod_templates_new(&t, s.templates_dir), AR_OK);
	EXPECT_EQ_INT(pod_templates_need(t, REPORT_LANG_EN, &e, tpath, sizeof tpath), AR_OK);
	EXPECT_EQ_STR(tpath, "templates/pod.en.txt");
	/* a status that is no insolvency */
	EXPECT_EQ_INT(pod_doc_pdf(&s, t, &h.k, "x", path, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(e.line, 7);
	EXPECT_EQ_STR(e.message, "status \"active\" of customer \"100101\" is not liquidation, "
	    "administration, judicial_management or bankruptcy: no proof of debt");
	EXPECT(!exists(path));
	/* a language no template is loaded for */
	c.status = "judicial_management";
	c.lang = "ms";
	EXPECT_EQ_INT(pod_doc_pdf(&s, t, &h.k, "x", path, &e), AR_EUSAGE);
	EXPECT_EQ_STR(e.message, "template pod.ms.txt was not loaded");
	/* a language that is none */
	c.lang = "fr";
	EXPECT_EQ_INT(pod_doc_lang(&s, &c, &lang), AR_ESYNTAX);
	EXPECT_EQ_INT(pod_doc_pdf(&s, t, &h.k, "x", path, &e), AR_ESYNTAX);
	EXPECT_EQ_STR(e.message, "lang \"fr\" of customer \"100101\" is not en, ms, zh-Hans or zh-Hant");
	c.lang = "";
	s.default_lang = REPORT_LANG_ZH_HANT;
	EXPECT_EQ_INT(pod_doc_lang(&s, &c, &lang), AR_OK);
	EXPECT_EQ_INT(lang, REPORT_LANG_ZH_HANT);
	s.default_lang = REPORT_LANG_EN;
	/* nothing to claim */
	h.currencies[0].claim.net_claim = 0;
	EXPECT_EQ_INT(pod_doc_pdf(&s, t, &h.k, "x", path, &e), AR_EUSAGE);
	EXPECT(!exists(path));
	/* a net claim too large for words */
	h.currencies[0].claim.net_claim = DOC_TEXT_WORDS_LIMIT + 1;
	EXPECT_EQ_INT(pod_doc_pdf(&s, t, &h.k, "x", path, &e), AR_ERANGE);
	EXPECT(!exists(path));
	pod_templates_free(t);
	/* a folder without the templates: the path named */
	EXPECT_EQ_INT(pod_templates_new(&none, "/nonexistent"), AR_OK);
	EXPECT_EQ_INT(pod_templates_need(none, REPORT_LANG_ZH_HANS, &e, tpath, sizeof tpath),
	    AR_ECONFIG);
	EXPECT_EQ_STR(tpath, "/nonexistent/pod.zh-Hans.txt");
	EXPECT_EQ_STR(e.message, "cannot read: No such file or directory");
	pod_templates_free(none);
}

/* Every shipped template compiles against the schema. */
static void
every_template_loads(void)
{
	struct pod_templates *t;
	struct ar_error e = { 0 };
	char tpath[256];

	EXPECT_EQ_INT(pod_templates_new(&t, "templates"), AR_OK);
	for (int lang = 0; lang < REPORT_LANG_COUNT; lang++) {
		EXPECT_EQ_INT(pod_templates_need(t, (enum report_lang)lang, &e, tpath, sizeof tpath),
		    AR_OK);
		if (e.message[0] != '\0')
			printf("#   %s:%ld: %s\n", tpath, e.line, e.message);
	}
	pod_templates_free(t);
}

int
main(int argc, char **argv)
{
	int rc;

	snprintf(dir, sizeof dir, "/tmp/test_pod_pdf.XXXXXX");
	if (mkdtemp(dir) == NULL)
		abort();
	have_pdftotext = system("command -v pdftotext >/dev/null 2>&1") == 0;
	RUN(every_template_loads);
	RUN(proof_in_english);
	RUN(proof_in_malay);
	RUN(proof_in_simplified_chinese);
	RUN(proof_in_traditional_chinese);
	RUN(several_currencies);
	RUN(bankrupt_without_a_trustee);
	RUN(setup_from_config);
	RUN(errors_leave_no_file);
	rc = test_summary();
	letter_pdf_shutdown();
	/* --keep: leave the PDFs for a person to look at */
	if (argc > 1 && strcmp(argv[1], "--keep") == 0) {
		printf("# PDFs in %s\n", dir);
	} else {
		const char *names[] = { "en", "ms", "zh-Hans", "zh-Hant", "several", "bankrupt" };
		char path[128];

		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			snprintf(path, sizeof path, "%s/proof-%s.pdf", dir, names[i]);
			remove(path);
		}
		rmdir(dir);
	}
	return rc;
}
