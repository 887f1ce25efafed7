/* test_pod_report.c - claims.csv, the statement and the register of ar-pod (pod_report.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/pod_report.h"
#include "test.h"

static char doc_inv1[] = "INV-1", doc_inv2[] = "INV-2", doc_cn1[] = "CN-1",
    doc_setoff[] = "contra, supplier invoice S-9", doc_inv3[] = "INV-3", doc_pay1[] = "PAY-1",
    doc_invu1[] = "INV-U1", doc_cnu1[] = "CN-U1";
static char name_acme[] = "Acme Sdn Bhd", status_liq[] = "liquidation";

static struct pod_stmt_line
stmt_line(enum pod_doc_type type, currency_id cur, const char *date, const char *due,
    char *doc_no, int64_t amount, long days, int64_t interest, int64_t balance,
    enum pod_part part, bool claimed)
{
	return (struct pod_stmt_line){
		.kind = POD_LINE_ITEM, .type = type, .currency = cur, .date = test_day(date),
		.due = due != NULL ? test_day(due) : DATE_NONE, .doc_no = doc_no, .amount = amount,
		.interest_days = days, .interest = interest, .balance = balance, .part = part,
		.claimed = claimed
	};
}

static struct pod_stmt_line
set_off_line(currency_id cur, const char *date, char *description, int64_t amount,
    int64_t balance)
{
	return (struct pod_stmt_line){
		.kind = POD_LINE_SET_OFF, .currency = cur, .date = test_day(date), .due = DATE_NONE,
		.doc_no = description, .amount = amount, .balance = balance,
		.part = POD_UNSECURED, .claimed = true
	};
}

/*
 * A debtor wound up on 2026-03-01, interest at 8 % a year, by hand with
 * consistent figures (what pod_case_finish leaves):
 *   MYR  INV-1 1000.00 due 2025-12-31: 60 days, 13.15 interest, unsecured
 *        INV-2  500.00 due 2026-02-09: 20 days,  2.19 interest, secured
 *        CN-1  -200.00; a set-off of 100.00; INV-3 300.00 and PAY-1 50.00
 *        after the cut-off, not claimed.  principal 1300.00, interest
 *        15.34, set-off 100.00, net claim 1215.34: secured 502.19,
 *        unsecured 1013.15 - 200.00 - 100.00 = 713.15.
 *   USD  INV-U1 100.00 due 2026-02-04: 25 days, 0.55; CN-U1 -300.00: a net
 *        credit of 199.45 owed to the debtor, nothing claimed.
 */
static void
make_case(struct pod_case *k, struct pod_stmt_line lines[8], struct pod_currency cur[2],
    struct customer *cust)
{
	currency_id myr = test_currency("MYR"), usd = test_currency("USD");
	const struct pod_stmt_line l[8] = {
		stmt_line(POD_INV, myr, "2025-12-01", "2025-12-31", doc_inv1, 100000, 60, 1315,
		    101315, POD_UNSECURED, true),
		stmt_line(POD_INV, myr, "2026-01-10", "2026-02-09", doc_inv2, 50000, 20, 219,
		    151534, POD_SECURED, true),
		stmt_line(POD_CN, myr, "2026-01-15", "2026-01-15", doc_cn1, -20000, 0, 0,
		    131534, POD_UNSECURED, true),
		set_off_line(myr, "2026-02-01", doc_setoff, -10000, 121534),
		stmt_line(POD_INV, myr, "2026-03-10", "2026-04-09", doc_inv3, 30000, 0, 0,
		    121534, POD_UNSECURED, false),
		stmt_line(POD_PAY, myr, "2026-03-15", NULL, doc_pay1, -5000, 0, 0,
		    121534, POD_UNSECURED, false),
		stmt_line(POD_INV, usd, "2026-01-05", "2026-02-04", doc_invu1, 10000, 25, 55,
		    10055, POD_UNSECURED, true),
		stmt_line(POD_CN, usd, "2026-02-01", "2026-02-01", doc_cnu1, -30000, 0, 0,
		    -19945, POD_UNSECURED, true),
	};

	memcpy(lines, l, sizeof l);
	memset(cur, 0, 2 * sizeof *cur);
	memset(cust, 0, sizeof *cust);
	cust->name = name_acme;
	cust->status = status_liq;
	cur[0].currency = myr;
	cur[0].first = 0;
	cur[0].count = 6;
	cur[0].claim = (struct pod_claim){
		.cut_off = test_day("2026-03-01"), .rate = 8000000,
		.principal = 130000, .interest = 1534, .set_off = 10000, .net_claim = 121534,
		.owed_to_debtor = 0, .part = { [POD_UNSECURED] = 71315, [POD_SECURED] = 50219 },
		.post_items = 30000, .post_receipts = 5000, .items = 3,
		.gross = { [POD_UNSECURED] = 101315, [POD_SECURED] = 50219 }, .credits = 20000
	};
	cur[1].currency = usd;
	cur[1].first = 6;
	cur[1].count = 2;
	cur[1].claim = (struct pod_claim){
		.cut_off = test_day("2026-03-01"), .rate = 8000000,
		.principal = -20000, .interest = 55, .set_off = 0, .net_claim = 0,
		.owed_to_debtor = 19945, .items = 2,
		.gross = { [POD_UNSECURED] = 10055 }, .credits = 30000
	};
	memset(k, 0, sizeof *k);
	k->customer_id = "ACME";
	k->customer = cust;
	k->cut_off = test_day("2026-03-01");
	k->rate = 8000000;
	k->lines = lines;
	k->nlines = k->cap = 8;
	k->currencies = cur;
	k->ncurrencies = 2;
}

/* What a writer callback writes, as one NUL-terminated string the caller frees. */
struct written {
	char *text;
	size_t len;
	FILE *fp;
	struct csvio_writer w;
};

static void
written_open(struct written *o)
{
	if ((o->fp = open_memstream(&o->text, &o->len)) == NULL)
		abort();
	csvio_writer_init(&o->w, o->fp, ',', false);
}

static char *
written_close(struct written *o)
{
	if (fclose(o->fp) != 0)
		abort();
	return o->text;
}

static void
pod_claims_csv_one_row_per_currency(void)
{
	struct pod_stmt_line lines[8];
	struct pod_currency cur[2];
	struct customer cust;
	struct pod_case k;
	struct written o;
	char *text;

	make_case(&k, lines, cur, &cust);
	written_open(&o);
	pod_claims_write_header(&o.w);
	pod_claims_write_rows(&o.w, &k);
	text = written_close(&o);
	EXPECT_EQ_STR(text,
	    "customer,name,currency,proceeding,cut_off,principal,interest,set_off,net_claim,"
	    "secured,preferential,unsecured,post_cut_off_items,post_cut_off_receipts,items\n"
	    "ACME,Acme Sdn Bhd,MYR,liquidation,2026-03-01,1300.00,15.34,100.00,1215.34,"
	    "502.19,0.00,713.15,300.00,50.00,3\n"
	    "ACME,Acme Sdn Bhd,USD,liquidation,2026-03-01,-200.00,0.55,0.00,0.00,"
	    "0.00,0.00,0.00,0.00,0.00,2\n");
	free(text);
}

static void
pod_claims_csv_without_a_master_record(void)
{
	struct pod_stmt_line lines[8];
	struct pod_currency cur[2];
	struct customer cust;
	struct pod_case k;
	struct written o;
	char *text;

	make_case(&k, lines, cur, &cust);
	k.customer = NULL;
	k.ncurrencies = 1;
	written_open(&o);
	pod_claims_write_rows(&o.w, &k);
	text = written_close(&o);
	EXPECT_EQ_STR(text, "ACME,,MYR,,2026-03-01,1300.00,15.34,100.00,1215.34,"
	    "502.19,0.00,713.15,300.00,50.00,3\n");
	free(text);
}

static void
pod_statement_csv_every_line(void)
{
	struct pod_stmt_line lines[8];
	struct pod_currency cur[2];
	struct customer cust;
	struct pod_case k;
	struct written o;
	char *text;

	make_case(&k, lines, cur, &cust);
	written_open(&o);
	pod_statement_write_csv(&o.w, &k);
	text = written_close(&o);
	EXPECT_EQ_STR(text,
	    "currency,date,doc_no,doc_type,amount,interest_days,interest,balance,part,claimed\n"
	    "MYR,2025-12-01,INV-1,INV,1000.00,60,13.15,1013.15,unsecured,yes\n"
	    "MYR,2026-01-10,INV-2,INV,500.00,20,2.19,1515.34,secured,yes\n"
	    "MYR,2026-01-15,CN-1,CN,-200.00,0,0.00,1315.34,unsecured,yes\n"
	    "MYR,2026-02-01,\"contra, supplier invoice S-9\",SETOFF,-100.00,0,0.00,1215.34,"
	    "unsecured,yes\n"
	    "MYR,2026-03-10,INV-3,INV,300.00,0,0.00,1215.34,unsecured,no\n"
	    "MYR,2026-03-15,PAY-1,PAY,-50.00,0,0.00,1215.34,unsecured,no\n"
	    "USD,2026-01-05,INV-U1,INV,100.00,25,0.55,100.55,unsecured,yes\n"
	    "USD,2026-02-01,CN-U1,CN,-300.00,0,0.00,-199.45,unsecured,yes\n");
	free(text);
}

/* Register rows as pod_filings_register gives them. */
static void
make_register(struct pod_register_row r[4])
{
	currency_id myr = test_currency("MYR");

	r[0] = (struct pod_register_row){ "ACME", myr, DATE_NONE, 0, DATE_NONE, DATE_NONE, "",
	    5000, -5000, 1 };
	r[1] = (struct pod_register_row){ "ACME", myr, test_day("2026-03-01"), 140000,
	    test_day("2026-03-05"), test_day("2026-04-10"), "pod/ACME-2.pdf", 40000, 100000, 2 };
	r[2] = (struct pod_register_row){ "BETA", test_currency("JPY"), test_day("2026-02-01"), 125000,
	    test_day("2026-03-06"), DATE_NONE, "", 0, 125000, 0 };
	r[3] = (struct pod_register_row){ "ZED", myr, test_day("2026-01-15"), 1000, test_day("2026-01-20"),
	    DATE_NONE, "pod/ZED.pdf", 1000, 0, 1 };
}

static void
load_customers(struct customer_table *t)
{
	static const char csv[] =
	    "customer,name,status,liquidator\n"
	    "ACME,Acme Sdn Bhd,liquidation,\"Tan & Co, liquidators\"\n"
	    "BETA,Beta Bhd,judicial_management,\n";
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r;
	struct ar_error e;
	FILE *fp = fmemopen((void *)csv, strlen(csv), "r");

	if (fp == NULL || customers_init(t, 16) != AR_OK ||
	    csvio_reader_from_stream(&r, fp, "customers.csv", &opts) != AR_OK ||
	    customers_load(t, r, &e) != AR_OK)
		abort();
	csvio_reader_close(r);
	fclose(fp);
}

static void
pod_register_csv_from_the_master(void)
{
	struct pod_register_row rows[4];
	struct customer_table t;
	struct written o;
	char *text;

	make_register(rows);
	load_customers(&t);
	written_open(&o);
	pod_register_write_csv(&o.w, rows, 4, &t, "Official Receiver");
	text = written_close(&o);
	/* BETA names no liquidator: the default; ZED is not in the master. */
	EXPECT_EQ_STR(text,
	    "customer,name,currency,proceeding,cut_off,claim,filed,amended,liquidator,"
	    "dividends,unrecovered,ref\n"
	    "ACME,Acme Sdn Bhd,MYR,liquidation,,0.00,,,\"Tan & Co, liquidators\",50.00,-50.00,\n"
	    "ACME,Acme Sdn Bhd,MYR,liquidation,2026-03-01,1400.00,2026-03-05,2026-04-10,"
	    "\"Tan & Co, liquidators\",400.00,1000.00,pod/ACME-2.pdf\n"
	    "BETA,Beta Bhd,JPY,judicial_management,2026-02-01,125000,2026-03-06,,"
	    "Official Receiver,0,125000,\n"
	    "ZED,,MYR,,2026-01-15,10.00,2026-01-20,,Official Receiver,10.00,0.00,pod/ZED.pdf\n");
	free(text);
	written_open(&o);
	pod_register_write_csv(&o.w, rows + 2, 1, NULL, NULL);
	text = written_close(&o);
	EXPECT_EQ_STR(text,
	    "customer,name,currency,proceeding,cut_off,claim,filed,amended,liquidator,"
	    "dividends,unrecovered,ref\n"
	    "BETA,,JPY,,2026-02-01,125000,2026-03-06,,,0,125000,\n");
	free(text);
	customers_free(&t);
}

/* Workbooks read back with openpyxl (tests/scripts/xlsx_check.py) */

#define PYTHON "/usr/bin/python3"
#define XLSX_CHECK "tests/scripts/xlsx_check.py"

/* Why the workbooks cannot be read back here, or NULL when they can. */
static const char *
no_openpyxl(void)
{
	if (access(XLSX_CHECK, R_OK) != 0)
		return "tests/scripts/xlsx_check.py not found (run from the repository root)";
	if (system(PYTHON " -c 'import openpyxl' 2>/dev/null") != 0)
		return "no openpyxl for " PYTHON ": workbooks not read back";
	return NULL;
}

/* xlsx_check.py's dump of path, or NULL; the caller frees it. */
static char *
dump(const char *path)
{
	char cmd[512], *text = NULL;
	size_t len = 0;
	FILE *in, *out;
	int c;

	snprintf(cmd, sizeof cmd, PYTHON " " XLSX_CHECK " '%s' dump", path);
	if ((in = popen(cmd, "r")) == NULL || (out = open_memstream(&text, &len)) == NULL)
		abort();
	while ((c = getc(in)) != EOF)
		putc(c, out);
	fclose(out);
	if (pclose(in) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* Whether the dump holds line (without its line end) as a whole line. */
static int
has_line(const char *text, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = text; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p ? p + 1 : p)
		if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
			return 1;
	return 0;
}

#define EXPECT_LINE(text, line) do { \
	test_case_checks++; \
	if ((text) == NULL || !has_line((text), (line))) \
		test_fail(__FILE__, __LINE__, "dump lacks: " line); \
} while (0)

#define MONEY2 "#,##0.00;[Red]-#,##0.00"

static void
pod_statement_xlsx_typed_cells(void)
{
	struct pod_stmt_line lines[8];
	struct pod_currency cur[2];
	struct customer cust;
	struct pod_case k;
	struct ar_error e;
	char dir[] = "/tmp/test_pod_report.XXXXXX", path[64];
	const char *why = no_openpyxl();
	char *text;

	if (why != NULL)
		SKIP(why);
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, sizeof path, "%s/statement.xlsx", dir);
	make_case(&k, lines, cur, &cust);
	EXPECT_EQ_INT(pod_statement_write_xlsx(path, &k, &e), AR_OK);
	text = dump(path);
	EXPECT(text != NULL);
	EXPECT_LINE(text, "sheet Statement");
	EXPECT_LINE(text, "freeze Statement A2");
	EXPECT_LINE(text, "cell Statement A1 s 'currency' General bold");
	EXPECT_LINE(text, "cell Statement F1 s 'interest_days' General bold");
	EXPECT_LINE(text, "cell Statement A2 s 'MYR' General -");
	EXPECT_LINE(text, "cell Statement B2 d 2025-12-01 yyyy-mm-dd -");
	EXPECT_LINE(text, "cell Statement C2 s 'INV-1' General -");
	EXPECT_LINE(text, "cell Statement E2 n 1000 " MONEY2 " -");
	EXPECT_LINE(text, "cell Statement F2 n 60 #,##0 -");
	EXPECT_LINE(text, "cell Statement G2 n 13.15 " MONEY2 " -");
	EXPECT_LINE(text, "cell Statement H2 n 1013.15 " MONEY2 " -");
	EXPECT_LINE(text, "cell Statement I3 s 'secured' General -");
	EXPECT_LINE(text, "cell Statement D5 s 'SETOFF' General -");
	EXPECT_LINE(text, "cell Statement E5 n -100 " MONEY2 " -");
	EXPECT_LINE(text, "cell Statement J7 s 'no' General -");
	/* Row 8 parts the currencies; USD from row 9. */
	EXPECT(text != NULL && strstr(text, "cell Statement A8 ") == NULL);
	EXPECT_LINE(text, "cell Statement A9 s 'USD' General -");
	EXPECT_LINE(text, "cell Statement H10 n -199.45 " MONEY2 " -");
	EXPECT_LINE(text, "sheet Claim");
	EXPECT_LINE(text, "freeze Claim A2");
	EXPECT_LINE(text, "cell Claim L1 s 'owed_to_debtor' General bold");
	EXPECT_LINE(text, "cell Claim B2 d 2026-03-01 yyyy-mm-dd -");
	EXPECT_LINE(text, "cell Claim F2 n 1215.34 " MONEY2 " -");
	EXPECT_LINE(text, "cell Claim G2 n 502.19 " MONEY2 " -");
	EXPECT_LINE(text, "cell Claim I2 n 713.15 " MONEY2 " -");
	EXPECT_LINE(text, "cell Claim K2 n 50 " MONEY2 " -");
	EXPECT_LINE(text, "cell Claim A3 s 'USD' General -");
	EXPECT_LINE(text, "cell Claim F3 n 0 " MONEY2 " -");
	EXPECT_LINE(text, "cell Claim L3 n 199.45 " MONEY2 " -");
	free(text);
	unlink(path);
	rmdir(dir);
}

static void
pod_claims_xlsx_typed_cells(void)
{
	struct pod_stmt_line lines[8];
	struct pod_currency cur[2];
	struct customer cust;
	struct pod_case k[2];
	struct ar_error e;
	char dir[] = "/tmp/test_pod_report.XXXXXX", path[64];
	const char *why = no_openpyxl();
	char *text;

	if (why != NULL)
		SKIP(why);
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, sizeof path, "%s/claims.xlsx", dir);
	make_case(&k[0], lines, cur, &cust);
	k[1] = k[0];
	k[1].customer_id = "ACME2";
	k[1].ncurrencies = 1;
	EXPECT_EQ_INT(pod_claims_write_xlsx(path, k, 2, &e), AR_OK);
	text = dump(path);
	EXPECT_LINE(text, "sheet Claims");
	EXPECT_LINE(text, "freeze Claims A2");
	EXPECT_LINE(text, "autofilter Claims A1:O4");
	EXPECT_LINE(text, "cell Claims O1 s 'items' General bold");
	EXPECT_LINE(text, "cell Claims B2 s 'Acme Sdn Bhd' General -");
	EXPECT_LINE(text, "cell Claims D2 s 'liquidation' General -");
	EXPECT_LINE(text, "cell Claims E2 d 2026-03-01 yyyy-mm-dd -");
	EXPECT_LINE(text, "cell Claims F2 n 1300 " MONEY2 " -");
	EXPECT_LINE(text, "cell Claims O2 n 3 #,##0 -");
	EXPECT_LINE(text, "cell Claims F3 n -200 " MONEY2 " -");
	EXPECT_LINE(text, "cell Claims I3 n 0 " MONEY2 " -");
	EXPECT_LINE(text, "cell Claims A4 s 'ACME2' General -");
	EXPECT(text != NULL && strstr(text, "cell Claims A5 ") == NULL);
	free(text);
	unlink(path);
	rmdir(dir);
}

static void
pod_register_xlsx_typed_cells(void)
{
	struct pod_register_row rows[4];
	struct customer_table t;
	struct ar_error e;
	char dir[] = "/tmp/test_pod_report.XXXXXX", path[64];
	const char *why = no_openpyxl();
	char *text;

	if (why != NULL)
		SKIP(why);
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, sizeof path, "%s/register.xlsx", dir);
	make_register(rows);
	load_customers(&t);
	EXPECT_EQ_INT(pod_register_write_xlsx(path, rows, 4, &t, "Official Receiver", &e), AR_OK);
	text = dump(path);
	EXPECT_LINE(text, "sheet Register");
	EXPECT_LINE(text, "freeze Register A2");
	EXPECT_LINE(text, "autofilter Register A1:L5");
	EXPECT_LINE(text, "cell Register L1 s 'ref' General bold");
	/* The row of no proof: no cut-off, no filing date. */
	EXPECT(text != NULL && strstr(text, "cell Register E2 ") == NULL);
	EXPECT(text != NULL && strstr(text, "cell Register G2 ") == NULL);
	EXPECT_LINE(text, "cell Register F2 n 0 " MONEY2 " -");
	EXPECT_LINE(text, "cell Register K2 n -50 " MONEY2 " -");
	EXPECT_LINE(text, "cell Register E3 d 2026-03-01 yyyy-mm-dd -");
	EXPECT_LINE(text, "cell Register H3 d 2026-04-10 yyyy-mm-dd -");
	EXPECT_LINE(text, "cell Register I3 s 'Tan & Co, liquidators' General -");
	EXPECT_LINE(text, "cell Register J3 n 400 " MONEY2 " -");
	EXPECT_LINE(text, "cell Register L3 s 'pod/ACME-2.pdf' General -");
	EXPECT_LINE(text, "cell Register F4 n 125000 #,##0;[Red]-#,##0 -");
	EXPECT_LINE(text, "cell Register I4 s 'Official Receiver' General -");
	EXPECT(text != NULL && strstr(text, "cell Register B5 ") == NULL);
	free(text);
	customers_free(&t);
	unlink(path);
	rmdir(dir);
}

static void
pod_xlsx_cannot_create_leaves_an_error(void)
{
	struct pod_register_row rows[4];
	struct ar_error e;

	make_register(rows);
	memset(&e, 0, sizeof e);
	EXPECT_EQ_INT(pod_register_write_xlsx("/nonexistent-dir/register.xlsx", rows, 4, NULL, NULL,
	    &e), AR_ECREATE);
	EXPECT_EQ_STR(e.message, "No such file or directory");
	EXPECT(access("/nonexistent-dir/register.xlsx", F_OK) != 0);
}

int
main(void)
{
	RUN(pod_claims_csv_one_row_per_currency);
	RUN(pod_claims_csv_without_a_master_record);
	RUN(pod_statement_csv_every_line);
	RUN(pod_register_csv_from_the_master);
	RUN(pod_statement_xlsx_typed_cells);
	RUN(pod_claims_xlsx_typed_cells);
	RUN(pod_register_xlsx_typed_cells);
	RUN(pod_xlsx_cannot_create_leaves_an_error);
	return test_summary();
}
