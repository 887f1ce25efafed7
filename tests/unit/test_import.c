/*
 * test_import.c - import profiles, captions and import_read over
 * hand-made extracts (the formats of CONVENTIONS.md, see
 * tests/cases/ar-import/README.md).
 */
#define _GNU_SOURCE	/* fmemopen, mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source/captions.h"
#include "core/config.h"
#include "core/currency.h"
#include "source/import.h"
#include "source/import_profile.h"
#include "test.h"
#include "core/textin.h"

static currency_id
cur(const char *code)
{
	currency_id c = 0;

	currency_lookup(code, strlen(code), &c);
	return c;
}

static struct import_profile
builtin(const char *name)
{
	struct import_profile p;
	char msg[512];

	if (import_profile_load(NULL, name, &p, msg, sizeof msg) != AR_OK)
		printf("# %s\n", msg);
	return p;
}

/* ---- captions ---- */

static void
caption_list_parses_and_trims(void)
{
	struct caption_list l;
	char big[CAPTION_LEN_MAX + 8];
	int i;

	EXPECT_EQ_INT(caption_list_parse(" Account ,Customer,  Kunde  ", &l), AR_OK);
	EXPECT_EQ_INT(l.n, 3);
	EXPECT_EQ_STR(l.caption[0], "Account");
	EXPECT_EQ_STR(l.caption[2], "Kunde");
	EXPECT_EQ_INT(caption_list_parse(NULL, &l), AR_OK);
	EXPECT_EQ_INT(l.n, 0);
	EXPECT_EQ_INT(caption_list_parse("   ", &l), AR_OK);
	EXPECT_EQ_INT(l.n, 0);
	EXPECT_EQ_INT(caption_list_parse("A,,B", &l), AR_ESYNTAX);
	EXPECT_EQ_INT(caption_list_parse("A, ", &l), AR_ESYNTAX);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	EXPECT_EQ_INT(caption_list_parse(big, &l), AR_ERANGE);
	{
		char many[CAPTIONS_MAX * 3 + 8] = "";

		for (i = 0; i <= CAPTIONS_MAX; i++)
			strcat(many, i ? ",a" : "a");
		EXPECT_EQ_INT(caption_list_parse(many, &l), AR_ERANGE);
	}
}

static void
caption_equal_ignores_blanks_and_ascii_case(void)
{
	EXPECT(caption_equal("Net due dt", "  net DUE dt   ", 15));
	EXPECT(caption_equal("Nettofälligkeit", "Nettofälligkeit\t", 17));
	EXPECT(!caption_equal("Nettofälligkeit", "NETTOFÄLLIGKEIT", 17));
	EXPECT(!caption_equal("Amount", "Amount in DC", 12));
	EXPECT(!caption_equal("Amount in DC", "Amount", 6));
	EXPECT(caption_equal("Curr.", "Curr.xyz", 5));	/* len bounds the cell */
	EXPECT(!caption_equal("", "x", 1));
}

static void
caption_find_takes_the_first_caption_of_the_list(void)
{
	struct caption_list l;
	const char *cells[] = { "Amount in LC", "Amount in DC", "Curr." };
	size_t lens[] = { 12, 12, 5 };

	caption_list_parse("Amount in DC, Amount in LC", &l);
	EXPECT_EQ_INT(caption_find(&l, cells, lens, 3), 1);
	caption_list_parse("Amount in LC, Amount in DC", &l);
	EXPECT_EQ_INT(caption_find(&l, cells, lens, 3), 0);
	caption_list_parse("Betrag in HW", &l);
	EXPECT_EQ_INT(caption_find(&l, cells, lens, 3), -1);
	EXPECT_EQ_INT(caption_find(&l, cells, lens, 0), -1);
}

/* One caption that two cells have is a fault; two captions of a list are not. */
static void
caption_find_unique_finds_the_caption_twice(void)
{
	struct caption_list l;
	const char *cells[] = { "Amount", "Curr.", " amount ", "Amount in LC", "Amount in DC" };
	size_t lens[] = { 6, 5, 8, 12, 12 };
	int again;

	caption_list_parse("amount, Amount", &l);
	EXPECT_EQ_INT(caption_find_unique(&l, cells, lens, 5, &again), 0);
	EXPECT_EQ_INT(again, 2);
	EXPECT_EQ_INT(caption_find_unique(&l, cells, lens, 2, &again), 0);
	EXPECT_EQ_INT(again, -1);
	caption_list_parse("Amount in DC, Amount in LC", &l);
	EXPECT_EQ_INT(caption_find_unique(&l, cells, lens, 5, &again), 4);
	EXPECT_EQ_INT(again, -1);
	caption_list_parse("Betrag", &l);
	EXPECT_EQ_INT(caption_find_unique(&l, cells, lens, 5, &again), -1);
	EXPECT_EQ_INT(again, -1);
}

static void
caption_split_cells(void)
{
	const char *line = "\"Posting Date\", Party ,,\"\"";
	const char *cells[8];
	size_t lens[8], n;

	n = caption_split(line, strlen(line), ',', cells, lens, 8);
	EXPECT_EQ_INT(n, 4);
	EXPECT_EQ_INT(lens[0], 12);
	EXPECT(memcmp(cells[0], "Posting Date", 12) == 0);
	EXPECT_EQ_INT(lens[1], 5);
	EXPECT_EQ_INT(lens[2], 0);
	EXPECT_EQ_INT(lens[3], 0);
	/* more cells than room: the count is still right */
	n = caption_split("a\tb\tc\td", 7, '\t', cells, lens, 2);
	EXPECT_EQ_INT(n, 4);
	EXPECT_EQ_INT(caption_split("", 0, ',', cells, lens, 8), 1);
}

/* ---- profiles ---- */

static void
profile_builtins_load(void)
{
	const char *const *n;
	struct import_profile p;

	for (n = import_builtin_names; *n != NULL; n++) {
		p = builtin(*n);
		EXPECT_EQ_STR(p.name, *n);
		EXPECT(import_profile_builtin(*n));
		EXPECT(p.col[IC_AMOUNT].n > 0);
		EXPECT(p.col[IC_DOC_NO].n > 0);
	}
	p = builtin("SAP-FBL5N");
	EXPECT_EQ_STR(p.name, "sap-fbl5n");
	EXPECT_EQ_INT(p.layout, IMPORT_LIST);
	EXPECT_EQ_INT(p.decimal, MONEY_DECIMAL_COMMA);
	EXPECT_EQ_STR(p.total_marker, "*");
	p = builtin("sap-fbl5n-spreadsheet");
	EXPECT_EQ_INT(p.layout, IMPORT_CSV);
	EXPECT_EQ_INT(p.delimiter, '\t');
	p = builtin("erpnext");
	EXPECT_EQ_INT(p.delimiter, ',');
	EXPECT_EQ_STR(p.total_marker, "Total");
	EXPECT(!import_profile_builtin("thai-s4"));
}

static void
profile_unknown_is_an_error(void)
{
	struct import_profile p;
	char msg[512];

	EXPECT_EQ_INT(import_profile_load(NULL, "sap-fbl5m", &p, msg, sizeof msg), AR_ECONFIG);
	EXPECT(strstr(msg, "no import profile \"sap-fbl5m\"") != NULL);
	EXPECT_EQ_INT(import_profile_load(NULL, "", &p, msg, sizeof msg), AR_ECONFIG);
}

static struct ar_config *
load_ini(const char *text, char *dir, size_t dirsize)
{
	struct ar_config *cfg = NULL;
	struct ar_error err;
	char path[512];
	FILE *fp;

	snprintf(dir, dirsize, "/tmp/test_import.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return NULL;
	snprintf(path, sizeof path, "%s/ar.ini", dir);
	if ((fp = fopen(path, "w")) == NULL)
		return NULL;
	fputs(text, fp);
	fclose(fp);
	if (config_load(path, &cfg, &err) != AR_OK)
		printf("# config_load failed\n");
	unlink(path);
	rmdir(dir);
	return cfg;
}

static void
profile_ar_ini_changes_a_builtin_key_by_key(void)
{
	char dir[64], msg[512];
	struct import_profile p;
	struct ar_config *cfg;

	cfg = load_ini("[import.sap-fbl5n]\namount = LC amount\n"
	    "doc_types = RV:INV, YR:INT\ncompany_code = 1000\n"
	    "default_currency = TWD\n"
	    "[import.mine]\ndelimiter = semicolon\nheader = no\namount = 7\n"
	    "doc_no = 2\nsign = negate\ndate_format = %d/%m/%y\n"
	    "credit_values = H, -\n", dir, sizeof dir);
	EXPECT(cfg != NULL);
	if (cfg == NULL)
		return;
	EXPECT_EQ_INT(import_profile_load(cfg, "sap-fbl5n", &p, msg, sizeof msg), AR_OK);
	EXPECT_EQ_INT(p.layout, IMPORT_LIST);		/* kept */
	EXPECT_EQ_INT(p.decimal, MONEY_DECIMAL_COMMA);	/* kept */
	EXPECT_EQ_INT(p.col[IC_AMOUNT].n, 1);
	EXPECT_EQ_STR(p.col[IC_AMOUNT].caption[0], "LC amount");
	EXPECT(p.col[IC_CUSTOMER].n > 1);		/* kept */
	EXPECT_EQ_STR(import_doc_type(&p, "YR", 2), "INT");
	EXPECT(import_doc_type(&p, "DG", 2) == NULL);	/* the list replaced */
	EXPECT_EQ_STR(p.company_code, "1000");
	EXPECT(p.has_default_currency);
	EXPECT_EQ_INT(p.default_currency, cur("TWD"));
	EXPECT_EQ_INT(import_profile_load(cfg, "mine", &p, msg, sizeof msg), AR_OK);
	EXPECT_EQ_INT(p.delimiter, ';');
	EXPECT(!p.header);
	EXPECT(p.negate);
	EXPECT_EQ_STR(p.date_format, "%d/%m/%y");
	EXPECT(import_is_credit(&p, "-", 1));
	EXPECT(!import_is_credit(&p, "S", 1));
	/* a built-in stays as built when ar.ini has no section for it */
	EXPECT_EQ_INT(import_profile_load(cfg, "erpnext", &p, msg, sizeof msg), AR_OK);
	EXPECT_EQ_STR(p.col[IC_AMOUNT].caption[0], "Outstanding Amount");
	EXPECT_EQ_INT(import_profile_load(cfg, "other", &p, msg, sizeof msg), AR_ECONFIG);
	config_free(cfg);
}

static void
doc_type_maps_sap_types(void)
{
	struct import_profile p = builtin("sap-fbl5n");

	EXPECT_EQ_STR(import_doc_type(&p, "RV", 2), "INV");
	EXPECT_EQ_STR(import_doc_type(&p, " dr ", 4), "INV");
	EXPECT_EQ_STR(import_doc_type(&p, "DG", 2), "CN");
	EXPECT_EQ_STR(import_doc_type(&p, "DZ", 2), "PAY");
	EXPECT_EQ_STR(import_doc_type(&p, "AB", 2), "ADJ");
	EXPECT_EQ_STR(import_doc_type(&p, "fee", 3), "FEE");	/* a stream type */
	EXPECT_EQ_STR(import_doc_type(&p, "  ", 2), "");
	EXPECT(import_doc_type(&p, "ZZ", 2) == NULL);
	EXPECT(import_doc_type(&p, "RVX", 2) != NULL);	/* len bounds it */
	p = builtin("erpnext");
	EXPECT_EQ_STR(import_doc_type(&p, "Sales Invoice", 13), "INV");
	EXPECT_EQ_STR(import_doc_type(&p, "payment entry", 13), "PAY");
}

static void
is_credit_default_values(void)
{
	struct import_profile p = builtin("generic");

	EXPECT(import_is_credit(&p, "H", 1));
	EXPECT(import_is_credit(&p, " cr ", 4));
	EXPECT(import_is_credit(&p, "Credit", 6));
	EXPECT(!import_is_credit(&p, "S", 1));
	EXPECT(!import_is_credit(&p, "", 0));
}

/* ---- import_read ---- */

struct got {
	int n;
	int64_t sum;
	char first[256];
	char last_customer[64], last_name[128], last_company[32];
	long last_line;
};

static ar_err
collect(void *ctx, const struct import_item *it)
{
	struct got *g = ctx;

	if (g->n == 0)
		snprintf(g->first, sizeof g->first, "%s|%s|%s|%s|%lld|%ld",
		    it->customer, it->doc_no, it->doc_type, currency_code(it->currency),
		    (long long)it->amount, it->line);
	g->n++;
	g->sum += it->amount;
	snprintf(g->last_customer, sizeof g->last_customer, "%s", it->customer);
	snprintf(g->last_name, sizeof g->last_name, "%s", it->name);
	snprintf(g->last_company, sizeof g->last_company, "%s", it->company);
	g->last_line = it->line;
	return AR_OK;
}

static ar_err
read_text(const char *text, const char *profile, const char *enc,
    struct got *g, struct import_summary *s, struct ar_error *e)
{
	struct import_profile p = builtin(profile);
	struct textin *t;
	FILE *fp;
	ar_err r;

	memset(g, 0, sizeof *g);
	fp = fmemopen((void *)text, strlen(text), "r");
	if (fp == NULL || textin_from_stream(&t, fp, "x.txt", enc) != AR_OK) {
		if (fp)
			fclose(fp);
		return AR_EIO;
	}
	r = import_read(t, &p, cur("MYR"), collect, g, s, e);
	textin_close(t);
	fclose(fp);
	return r;
}

static const char list_two_pages[] =
    "24.11.2026   Customer Line Item Display   Page 1\n"
    "\n"
    "Customer      100234\n"
    "Company Code  1000\n"
    "Name          Syarikat Maju Sdn Bhd\n"
    "-----------------------------------------------------\n"
    "|St|DocumentNo|Typ|Net due dt|Amount in DC|Curr.|Text      |\n"
    "-----------------------------------------------------\n"
    "|  |1800000123|RV |31.10.2026|   12.500,00|MYR  |Oct       |\n"
    "|  |1600000045|DG |20.10.2026|   1.200,00-|MYR  |a|b       |\n"
    "|* |          |   |          |   11.300,00|MYR  |          |\n"
    "\n"
    "24.11.2026   Customer Line Item Display   Page 2\n"
    "Customer      100871\n"
    "Name          Taipei Trading\n"
    "-----------------------------------------------------\n"
    "|St|DocumentNo|Typ|Net due dt|Amount in DC|Curr.|Text      |\n"
    "-----------------------------------------------------\n"
    "|  |1800000130|RV |01.10.2026|   48.000,00|USD  |          |\n"
    "|* |          |   |          |   48.000,00|USD  |          |\n"
    "|**|          |   |          |   11.300,00|MYR  |          |\n"
    "|**|          |   |          |   48.000,00|USD  |          |\n";

static void
read_list_export_accounts_for_every_line(void)
{
	struct import_summary s;
	struct ar_error e;
	struct got g;

	EXPECT_EQ_INT(read_text(list_two_pages, "sap-fbl5n", NULL, &g, &s, &e), AR_OK);
	EXPECT_EQ_INT(g.n, 3);
	EXPECT_EQ_STR(g.first, "100234|1800000123|INV|MYR|1250000|9");
	EXPECT_EQ_STR(g.last_customer, "100871");
	EXPECT_EQ_STR(g.last_name, "Taipei Trading");
	EXPECT_EQ_STR(g.last_company, "1000");
	EXPECT_EQ_INT(s.lines, 22);
	EXPECT_EQ_INT(s.items, 3);
	EXPECT_EQ_INT(s.headers, 2);
	EXPECT_EQ_INT(s.subtotals, 2);
	EXPECT_EQ_INT(s.totals, 2);
	EXPECT_EQ_INT(s.items + s.headers + s.subtotals + s.totals + s.page_lines, s.lines);
	EXPECT_EQ_INT(s.ncurrencies, 2);
	EXPECT_EQ_INT(s.cur[0].items, 1130000);
	EXPECT_EQ_INT(s.cur[0].control, 1130000);
	EXPECT_EQ_INT(s.cur[0].control_line, 21);
	EXPECT_EQ_INT(s.cur[1].items, 4800000);
}

static void
read_list_control_total_mismatch(void)
{
	char buf[sizeof list_two_pages];
	struct import_summary s;
	struct ar_error e;
	struct got g;
	char *p;

	memcpy(buf, list_two_pages, sizeof buf);
	p = strstr(buf, "|**|          |   |          |   11.300,00");
	memcpy(strstr(p, "11.300,00"), "11.300,01", 9);
	EXPECT_EQ_INT(read_text(buf, "sap-fbl5n", NULL, &g, &s, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(e.line, 21);
	EXPECT(strstr(e.message, "MYR 11300.01") != NULL);
	EXPECT(strstr(e.message, "difference 0.01") != NULL);
}

static void
read_csv_erpnext_total_row(void)
{
	static const char csv[] =
	    "\"Posting Date\",\"Party\",\"Customer Name\",\"Voucher Type\",\"Voucher No\","
	    "\"Due Date\",\"Outstanding Amount\",\"Currency\"\n"
	    "\"02-09-2026\",\"CUST-1\",\"Ah Seng\",\"Sales Invoice\",\"SINV-1\","
	    "\"02-10-2026\",\"1,500.00\",\"MYR\"\n"
	    "\"03-09-2026\",\"CUST-2\",\"Bina\",\"Payment Entry\",\"PAY-1\","
	    "\"03-09-2026\",\"-250.50\",\"MYR\"\n"
	    "\"Total\",\"\",\"\",\"\",\"\",\"\",\"1,249.50\",\"\"\n";
	struct import_summary s;
	struct ar_error e;
	struct got g;

	EXPECT_EQ_INT(read_text(csv, "erpnext", NULL, &g, &s, &e), AR_OK);
	EXPECT_EQ_INT(g.n, 2);
	EXPECT_EQ_INT(g.sum, 124950);
	EXPECT_EQ_STR(g.first, "CUST-1|SINV-1|INV|MYR|150000|2");
	EXPECT_EQ_INT(s.lines, 4);
	EXPECT_EQ_INT(s.headers, 1);
	EXPECT_EQ_INT(s.totals, 1);
	EXPECT_EQ_INT(s.page_lines, 0);
	EXPECT(s.cur[0].has_control);
}

static void
read_csv_preamble_and_errors(void)
{
	struct import_summary s;
	struct ar_error e;
	struct got g;

	EXPECT_EQ_INT(read_text("Open items\n\ncustomer,doc_no,doc_date,amount\n"
	    "C1,D1,2026-11-01,10.00\nC1,D2,2026-11-02,-2.50\n", "generic", NULL,
	    &g, &s, &e), AR_OK);
	EXPECT_EQ_INT(g.n, 2);
	EXPECT_EQ_INT(g.sum, 750);
	EXPECT_EQ_INT(g.last_line, 5);
	EXPECT_EQ_INT(s.lines, 5);
	EXPECT_EQ_INT(s.page_lines, 2);
	EXPECT_EQ_INT(read_text("customer,doc_no,doc_date,amount\nC1,D1,31.02.2026,1\n",
	    "generic", NULL, &g, &s, &e), AR_ESYNTAX);
	EXPECT_EQ_INT(e.line, 2);
	EXPECT(strstr(e.message, "no such day") != NULL);
	EXPECT_EQ_INT(read_text("nothing,here\n", "generic", NULL, &g, &s, &e), AR_ECOLUMN);
	EXPECT_EQ_INT(e.line, 0);
	EXPECT_EQ_INT(read_text("customer,doc_no,doc_date,amount,currency\n"
	    "C1,D1,2026-11-01,1,XYZ\n", "generic", NULL, &g, &s, &e), AR_ESYNTAX);
	EXPECT(strstr(e.message, "\"XYZ\"") != NULL);
	/* CP1252 read as UTF-8 names the line */
	EXPECT_EQ_INT(read_text("customer,doc_no,doc_date,amount,name\n"
	    "C1,D1,2026-11-01,1,Caf\xe9\n", "generic", NULL, &g, &s, &e), AR_EUTF8);
	EXPECT_EQ_INT(e.line, 2);
	EXPECT_EQ_INT(read_text("customer,doc_no,doc_date,amount,name\n"
	    "C1,D1,2026-11-01,1,Caf\xe9\n", "generic", "cp1252", &g, &s, &e), AR_OK);
	EXPECT_EQ_STR(g.last_name, "Café");
}

/* A header with a column's caption twice is refused, not read from the leftmost. */
static void
read_header_with_a_caption_twice(void)
{
	struct import_summary s;
	struct ar_error e;
	struct got g;

	EXPECT_EQ_INT(read_text("Customer   100234\n"
	    "|DocumentNo|Typ|Net due dt|Amount in DC|Crcy |Amount in LC|crcy |\n"
	    "|1800000123|RV |31.10.2026|      500,00|USD  |    2.350,00|MYR  |\n",
	    "sap-fbl5n", NULL, &g, &s, &e), AR_EDUPCOLUMN);
	EXPECT_EQ_INT(e.line, 2);
	EXPECT_EQ_STR(e.message, "the header has the currency column twice "
	    "(as \"Crcy\" in column 5 and \"crcy\" in column 7)");
	EXPECT_EQ_INT(g.n, 0);
	/* quoted, the blank stays and csvio sees two names; the captions are one */
	EXPECT_EQ_INT(read_text("Open items\ncustomer,doc_no,doc_date,\"Amount \",amount\n"
	    "C1,D1,2026-11-01,10.00,9.00\n", "generic", NULL, &g, &s, &e), AR_EDUPCOLUMN);
	EXPECT_EQ_INT(e.line, 2);
	EXPECT_EQ_STR(e.message, "the header has the amount column twice "
	    "(as \"Amount \" in column 4 and \"amount\" in column 5)");
	/* differing in case only: csvio refuses it first */
	EXPECT_EQ_INT(read_text("customer,doc_no,doc_date,Amount,amount\n"
	    "C1,D1,2026-11-01,10.00,9.00\n", "generic", NULL, &g, &s, &e), AR_EDUPCOLUMN);
	EXPECT_EQ_INT(e.line, 1);
	EXPECT_EQ_STR(e.message, "column \"amount\" appears twice in the header "
	    "(as \"Amount\" and \"amount\")");
}

/*
 * "1.500" TWD is 1,500 in the other notation, not 1.50: items and control
 * totals alike stop, with the profile's decimal key in the message.
 */
static void
read_amount_with_extra_zero_decimals(void)
{
	char buf[sizeof list_two_pages];
	struct import_summary s;
	struct ar_error e;
	struct got g;
	char *p;

	EXPECT_EQ_INT(read_text("customer,doc_no,doc_date,currency,amount\n"
	    "C1,D1,2026-11-01,TWD,2.00\nC1,D2,2026-11-02,TWD,1.500\n", "generic", NULL,
	    &g, &s, &e), AR_EDECIMALS);
	EXPECT_EQ_INT(e.line, 3);
	EXPECT_EQ_STR(e.message, "amount \"1.500\" has 3 decimals but TWD has 2: if "
	    "\".\" groups thousands in this file, set [import.generic] decimal = comma; "
	    "else check [currency.TWD] exponent");
	EXPECT_EQ_INT(g.n, 1);
	/* a control total written with a decimal too many */
	memcpy(buf, list_two_pages, sizeof buf);
	p = strstr(buf, "|**|          |   |          |   11.300,00|MYR  |");
	memcpy(strstr(p, "   11.300,00"), "  11.300,000", 12);
	EXPECT_EQ_INT(read_text(buf, "sap-fbl5n", NULL, &g, &s, &e), AR_EDECIMALS);
	EXPECT_EQ_INT(e.line, 21);
	EXPECT_EQ_STR(e.message, "amount \"11.300,000\" has 3 decimals but MYR has 2: "
	    "check [currency.MYR] exponent");
}

/*
 * Property: a list export of random items with its subtotals and totals
 * right reads back to the same sum, and every line is counted once.
 */
static void
property_random_list_export_adds_up(void)
{
	static const char *const types[] = { "RV", "DG", "DZ", "AB", "DR" };
	static const char *const curs[] = { "MYR", "USD", "TWD" };
	unsigned seed = 20261124;
	int round, ok = 1;

	for (round = 0; round < 200 && ok; round++) {
		size_t cap = 1 << 16, len = 0;
		char *buf = malloc(cap);
		int64_t tot[3] = { 0, 0, 0 }, sub[3];
		long lines = 0, nitems = 0, ncust, c, i, k, n;
		struct import_summary s;
		struct ar_error e;
		struct got g;
		ar_err r;

#define OUT(...) do { len += (size_t)snprintf(buf + len, cap - len, __VA_ARGS__); lines++; } while (0)
		ncust = 1 + rand_r(&seed) % 4;
		OUT("24.11.2026  Customer Line Item Display  1\n");
		for (c = 0; c < ncust; c++) {
			memset(sub, 0, sizeof sub);
			OUT("Customer   %ld\n", 100000 + c);
			OUT("----------\n");
			OUT("|DocumentNo|Typ|Doc. Date |      Amount in DC|Curr.|\n");
			OUT("----------\n");
			n = rand_r(&seed) % 6;
			for (i = 0; i < n; i++) {
				int64_t v = (int64_t)(rand_r(&seed) % 10000000) - 3000000;
				int64_t a = v < 0 ? -v : v;
				char amt[40];

				k = rand_r(&seed) % 3;
				if (a >= 100000)
					snprintf(amt, sizeof amt, "%lld.%03lld,%02lld%s",
					    (long long)(a / 100000), (long long)(a / 100 % 1000),
					    (long long)(a % 100), v < 0 ? "-" : "");
				else
					snprintf(amt, sizeof amt, "%lld,%02lld%s",
					    (long long)(a / 100), (long long)(a % 100), v < 0 ? "-" : "");
				OUT("|%010ld|%s |0%ld.11.2026|%18s|%s  |\n", 1800000000 + nitems,
				    types[rand_r(&seed) % 5], 1 + i, amt, curs[k]);
				sub[k] += v;
				tot[k] += v;
				nitems++;
			}
			for (k = 0; k < 3; k++)
				if (sub[k] != 0) {
					int64_t a = sub[k] < 0 ? -sub[k] : sub[k];
					OUT("|*         |   |          |%15lld,%02lld%s|%s  |\n",
					    (long long)(a / 100), (long long)(a % 100),
					    sub[k] < 0 ? "-" : " ", curs[k]);
				}
		}
		for (k = 0; k < 3; k++) {
			int64_t a = tot[k] < 0 ? -tot[k] : tot[k];
			OUT("|**        |   |          |%15lld,%02lld%s|%s  |\n",
			    (long long)(a / 100), (long long)(a % 100),
			    tot[k] < 0 ? "-" : " ", curs[k]);
		}
#undef OUT
		r = read_text(buf, "sap-fbl5n", NULL, &g, &s, &e);
		if (r != AR_OK) {
			printf("# round %d: %s at %ld\n", round, e.message, e.line);
			ok = 0;
		}
		EXPECT_EQ_INT(r, AR_OK);
		EXPECT_EQ_INT(s.lines, lines);
		EXPECT_EQ_INT(s.items, nitems);
		EXPECT_EQ_INT(s.totals, 3);
		EXPECT_EQ_INT(s.headers, ncust);
		EXPECT_EQ_INT(s.items + s.headers + s.subtotals + s.totals + s.page_lines, s.lines);
		EXPECT_EQ_INT(g.sum, tot[0] + tot[1] + tot[2]);
		for (k = 0; k < (long)s.ncurrencies; k++)
			EXPECT_EQ_INT(s.cur[k].items, s.cur[k].control);
		if (test_case_failed)
			ok = 0;
		free(buf);
	}
}

int
main(void)
{
	RUN(caption_list_parses_and_trims);
	RUN(caption_equal_ignores_blanks_and_ascii_case);
	RUN(caption_find_takes_the_first_caption_of_the_list);
	RUN(caption_find_unique_finds_the_caption_twice);
	RUN(caption_split_cells);
	RUN(profile_builtins_load);
	RUN(profile_unknown_is_an_error);
	RUN(profile_ar_ini_changes_a_builtin_key_by_key);
	RUN(doc_type_maps_sap_types);
	RUN(is_credit_default_values);
	RUN(read_list_export_accounts_for_every_line);
	RUN(read_list_control_total_mismatch);
	RUN(read_csv_erpnext_total_row);
	RUN(read_csv_preamble_and_errors);
	RUN(read_header_with_a_caption_twice);
	RUN(read_amount_with_extra_zero_decimals);
	RUN(property_random_list_export_adds_up);
	return test_summary();
}
