/*
 * test_camt.c - camt.053/054 reader: every file of the shared corpus
 * against a table of expected outcomes (compared with the upstream
 * projects' expected dumps where they exist), plus hand-written cases.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "source/camt.h"
#include "core/money.h"
#include "test.h"

#define MAXTX 64

struct got {
	int n;
	struct bank_statement st[MAXTX];
	struct bank_txn tx[MAXTX];
};

static ar_err
collect(void *ctx, const struct bank_statement *st, const struct bank_txn *t)
{
	struct got *g = ctx;

	if (g->n < MAXTX) {
		g->st[g->n] = *st;
		g->tx[g->n] = *t;
	}
	g->n++;
	return AR_OK;
}

static const char *
shared(void)
{
	const char *s = getenv("SHARED");

	return s && *s ? s : "../shared";
}

/*
 * One row per file of the corpus.  ntx: transactions read (-1 = rejected,
 * err then is a piece of the expected message).  dump: upstream expected
 * result, "json" (genkgo PHP dump: first entry, made of first_n of our
 * transactions) or "pydata" (OCA golden: every transaction).
 */
struct expect {
	const char *file;
	int ntx;
	const char *err;
	const char *dump;
	int first_n;
	const char *why;
};

static const struct expect table[] = {
	/* camt.052 intraday reports read as statements (not asked, cheap). */
	{ "camt052/genkgo/camt052.v1.xml", 1, NULL,
	  "camt052/genkgo/expected/camt052.v1.json", 1, NULL },
	{ "camt052/genkgo/camt052.v2.other-account.xml", 1, NULL,
	  "camt052/genkgo/expected/camt052.v2.other-account.json", 1, NULL },
	{ "camt052/genkgo/camt052.v2.xml", 1, NULL,
	  "camt052/genkgo/expected/camt052.v2.json", 1, NULL },
	{ "camt052/genkgo/camt052.v4.xml", 1, NULL,
	  "camt052/genkgo/expected/camt052.v4.json", 1, NULL },
	{ "camt052/genkgo/camt052.v6.Amt-zero.xml", 1, NULL,
	  "camt052/genkgo/expected/camt052.v6.Amt-zero.json", 1, NULL },
	{ "camt052/genkgo/camt052.v6.xml", 1, NULL,
	  "camt052/genkgo/expected/camt052.v6.json", 1, NULL },
	{ "camt052/genkgo/camt052.v8.xml", 1, NULL,
	  "camt052/genkgo/expected/camt052.v8.json", 1, NULL },
	{ "camt052/genkgo/camt052.v2.with-account-name.xml", 1, NULL,
	  "camt052/genkgo/expected/camt052.v2.with-account-name.json", 1,
	  "no entry date: the report's CreDtTm" },
	{ "camt053/genkgo/camt053.v2.all-balance-types.xml", -1,
	  "opening 1.01 + entries 8.85 is not closing 4.04", NULL, 0,
	  "fixture balances do not add up" },
	{ "camt053/genkgo/camt053.v2.five.decimals.xml", -1,
	  "opening 18.15 + entries 8.85 is not closing 27.05", NULL, 0,
	  "3-decimal amounts with a trailing zero read fine (8.850 = 8.85); "
	  "the closing 27.050 does not add up" },
	{ "camt053/genkgo/camt053.v2.minimal.ultimate.xml", 1, NULL,
	  "camt053/genkgo/expected/camt053.v2.minimal.ultimate.json", 1,
	  "closing balance in SEK: not checked" },
	{ "camt053/genkgo/camt053.v2.minimal.xml", 1, NULL,
	  "camt053/genkgo/expected/camt053.v2.minimal.json", 1,
	  "closing balance in SEK: not checked" },
	{ "camt053/genkgo/camt053.v2.multi.statement.xml", 2, NULL,
	  "camt053/genkgo/expected/camt053.v2.multi.statement.json", 1, NULL },
	{ "camt053/genkgo/camt053.v2.with-account-name.xml", 1, NULL,
	  "camt053/genkgo/expected/camt053.v2.with-account-name.json", 1, NULL },
	{ "camt053/genkgo/camt053.v2.with-party-ids.xml", 1, NULL,
	  "camt053/genkgo/expected/camt053.v2.with-party-ids.json", 1,
	  "closing balance in SEK: not checked" },
	{ "camt053/genkgo/camt053.v2.wrong.xml", -1,
	  "no Stmt or Ntfctn in the document", NULL, 0, "header only" },
	{ "camt053/genkgo/camt053.v3.xml", 1, NULL,
	  "camt053/genkgo/expected/camt053.v3.json", 1,
	  "closing balance in SEK: not checked" },
	{ "camt053/genkgo/camt053.v4.xml", 1, NULL,
	  "camt053/genkgo/expected/camt053.v4.json", 1,
	  "closing balance in SEK: not checked" },
	{ "camt053/genkgo/camt053.v8.xml", 1, NULL,
	  "camt053/genkgo/expected/camt053.v8.json", 1,
	  "closing balance in SEK: not checked" },
	{ "camt053/genkgo/camt53.only-Dt-with-DtTm.xml", 0, NULL, NULL, 0,
	  "statement without entries" },
	{ "camt053/oca/sftp-camt053.xml", 1, NULL, NULL, 0, "no golden" },
	{ "camt053/oca/test-camt053-bookgdt-dttm.xml", -1,
	  "opening 15568.27 + entries -754.25 is not closing 15121.12", NULL, 0,
	  "one entry kept of the original four; balances not updated" },
	{ "camt053/oca/test-camt053-no-ntry.xml", 0, NULL,
	  "camt053/oca/expected/golden-camt053-no-ntry.pydata", 0, NULL },
	{ "camt053/oca/test-camt053-txdtls.xml", 2, NULL,
	  "camt053/oca/expected/golden-camt053-txdtls.pydata", 0,
	  "one entry, two TxDtls summing to it: split" },
	{ "camt053/oca/test-camt053.xml", -1,
	  "opening 15568.27 + entries -12.99 is not closing 15121.12", NULL, 0,
	  "OCA does not check balances; these do not add up" },
	{ "camt053/oca/test-camt053.zip", -2, NULL, NULL, 0,
	  "a zip: unpacking is the caller's job, not the XML reader's" },
	{ "camt054/genkgo/camt054.v2.with-account-name.xml", 1, NULL,
	  "camt054/genkgo/expected/camt054.v2.with-account-name.json", 1,
	  "no entry date: the notification's CreDtTm" },
	{ "camt054/genkgo/camt054.v2.xml", 1, NULL,
	  "camt054/genkgo/expected/camt054.v2.json", 1, NULL },
	{ "camt054/genkgo/camt054.v4.xml", 1, NULL,
	  "camt054/genkgo/expected/camt054.v4.json", 1, NULL },
	{ "camt054/genkgo/camt054.v8-with-UETR.xml", 1, NULL,
	  "camt054/genkgo/expected/camt054.v8-with-UETR.json", 1,
	  "no entry date: the notification's CreDtTm" },
	{ "camt054/genkgo/camt054.v8-with-financial-institution.xml", 1, NULL,
	  "camt054/genkgo/expected/camt054.v8-with-financial-institution.json", 1,
	  "no entry date: the notification's CreDtTm" },
	{ "camt054/genkgo/camt054.v8.xml", 1, NULL,
	  "camt054/genkgo/expected/camt054.v8.json", 1, NULL },
	{ "camt054/oca/test-camt054.xml", 1, NULL,
	  "camt054/oca/expected/golden-camt054.pydata", 0, NULL },
};

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	if (buf != NULL) {
		buf[fread(buf, 1, (size_t)n, fp)] = '\0';
	}
	fclose(fp);
	return buf;
}

/* The text after `key` up to the next quote or comma, as a string. */
static int
field(const char *p, const char *key, char *out, size_t outsz)
{
	const char *q = strstr(p, key);
	size_t n = 0;

	if (q == NULL)
		return 0;
	q += strlen(key);
	while (q[n] != '\0' && q[n] != '"' && q[n] != '\'' && q[n] != ',' &&
	    q[n] != '\n' && n + 1 < outsz)
		n++;
	memcpy(out, q, n);
	out[n] = '\0';
	return 1;
}

static int64_t
amt(const char *s)
{
	int64_t v = INT64_MIN;

	if (money_parse(s, strlen(s), 2, MONEY_DECIMAL_POINT, &v) != AR_OK)
		return INT64_MIN;
	return v;
}

static civil_day
day(const char *s)
{
	civil_day d = DATE_NONE;

	if (date_parse(s, 10, NULL, &d) != AR_OK)
		return DATE_NONE;
	return d;
}

/*
 * genkgo: the dump's top-level Entry (keys at 12 blanks, amounts in minor
 * units); it is the first entry of the statement named by getRecord's
 * getId, made of first_n of our transactions.  A null getValueDate means
 * the file has none: we then give the booking date as the value date.
 */
static void
check_json(const char *path, const struct got *g, int first_n)
{
	char *j = slurp(path), v[64], cdi[8], id[64];
	const char *p;
	int64_t want = INT64_MIN, sum = 0;
	int i, k;

	EXPECT(j != NULL);
	if (j == NULL)
		return;
	EXPECT(field(j, "\n                \"getId\": \"", id, sizeof id));
	for (k = 0; k < g->n && k < MAXTX; k++)
		if (strcmp(g->st[k].id, id) == 0)
			break;
	EXPECT(first_n >= 1 && k + first_n <= g->n);
	if (k + first_n > g->n || k + first_n > MAXTX) {
		free(j);
		return;
	}
	for (i = k; i < k + first_n; i++)
		sum += g->tx[i].amount;
	p = strstr(j, "\n            \"getAmount\": {");
	EXPECT(p != NULL && field(p, "\"getAmount\": \"", v, sizeof v));
	(void)money_parse(v, strlen(v), 0, MONEY_DECIMAL_POINT, &want);
	EXPECT(field(j, "\n            \"getCreditDebitIndicator\": \"", cdi,
	    sizeof cdi));
	if (want > 0 && strcmp(cdi, "DBIT") == 0)
		want = -want;
	EXPECT_EQ_INT(sum, want);
	p = strstr(j, "\n            \"getBookingDate\": {");
	if (p == NULL) {
		/* No BookgDt nor ValDt: dated by the record's CreDtTm. */
		EXPECT_EQ_INT(g->tx[k].booking_date, DATE_NONE);
		EXPECT(strstr(j, "\n            \"getValueDate\": {") == NULL);
		EXPECT(g->tx[k].value_date != DATE_NONE);
		free(j);
		return;
	}
	EXPECT(field(p, "\"0\": \"", v, sizeof v));
	EXPECT_EQ_INT(g->tx[k].booking_date, day(v));
	p = strstr(j, "\n            \"getValueDate\": {");
	if (p == NULL)
		EXPECT_EQ_INT(g->tx[k].value_date, g->tx[k].booking_date);
	else {
		EXPECT(field(p, "\"0\": \"", v, sizeof v));
		EXPECT_EQ_INT(g->tx[k].value_date, day(v));
	}
	free(j);
}

/* OCA: every transaction's 'amount' (float text) and 'date' (booking). */
static void
check_pydata(const char *path, const struct got *g)
{
	char *j = slurp(path), v[64];
	const char *p;
	int i = 0;

	EXPECT(j != NULL);
	if (j == NULL)
		return;
	if (g->n > 0) {
		EXPECT(field(j, "'balance_start': ", v, sizeof v));
		if (g->st[0].has_opening)
			EXPECT_EQ_INT(g->st[0].opening, amt(v));
		EXPECT(field(j, "'balance_end_real': ", v, sizeof v));
		if (g->st[0].has_closing)
			EXPECT_EQ_INT(g->st[0].closing, amt(v));
	}
	for (p = j; (p = strstr(p, "'amount': ")) != NULL; p++, i++) {
		if (i >= g->n || i >= MAXTX)
			continue;
		EXPECT(field(p, "'amount': ", v, sizeof v));
		EXPECT_EQ_INT(g->tx[i].amount, amt(v));
		EXPECT(field(p, "'date': '", v, sizeof v));
		EXPECT_EQ_INT(g->tx[i].booking_date, day(v));
	}
	EXPECT_EQ_INT(i, g->n);
	free(j);
}

static void
check_file(const char *rel)
{
	char path[1024];
	const struct expect *e = NULL;
	struct got *g;
	struct ar_error err;
	FILE *fp;
	ar_err rc;
	size_t i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].file, rel) == 0)
			e = &table[i];
	printf("# %s\n", rel);
	EXPECT(e != NULL);  /* a new corpus file needs a row in the table */
	if (e == NULL || e->ntx == -2)
		return;
	snprintf(path, sizeof path, "%s/external/%s", shared(), rel);
	fp = fopen(path, "rb");
	EXPECT(fp != NULL);
	if (fp == NULL)
		return;
	g = calloc(1, sizeof *g);
	rc = camt_read(fp, rel, collect, g, &err);
	fclose(fp);
	if (e->ntx < 0) {
		EXPECT(rc != AR_OK);
		EXPECT(err.line > 0);
		if (strstr(err.message, e->err) == NULL)
			EXPECT_EQ_STR(err.message, e->err);
	} else {
		if (rc != AR_OK)
			EXPECT_EQ_STR(err.message, "(no error)");
		EXPECT_EQ_INT(g->n, e->ntx);
		if (e->dump != NULL) {
			snprintf(path, sizeof path, "%s/external/%s", shared(),
			    e->dump);
			if (strstr(e->dump, ".json") != NULL)
				check_json(path, g, e->first_n);
			else
				check_pydata(path, g);
		}
	}
	free(g);
}

/* Every file in the corpus folders, so a new one without a row fails. */
static int
corpus_files(const char *dir, char names[][320], int max)
{
	const char *subs[] = { "genkgo", "oca" };
	int n = 0;
	size_t s;

	for (s = 0; s < 2; s++) {
		char path[512];
		DIR *d;
		struct dirent *de;

		snprintf(path, sizeof path, "%s/external/%s/%s", shared(), dir,
		    subs[s]);
		d = opendir(path);
		if (d == NULL)
			continue;
		while ((de = readdir(d)) != NULL && n < max) {
			size_t l = strlen(de->d_name);

			if ((l > 4 && strcmp(de->d_name + l - 4, ".xml") == 0) ||
			    (l > 4 && strcmp(de->d_name + l - 4, ".zip") == 0))
				snprintf(names[n++], 320, "%s/%s/%s", dir, subs[s],
				    de->d_name);
		}
		closedir(d);
	}
	return n;
}

static char names[128][320];
static int nnames;
static int cur;

static void corpus_file(void) { check_file(names[cur]); }

static void
corpus_present(void)
{
	/* No ../shared at all is a skip; a corpus missing from it fails. */
	if (test_shared_dir() == NULL)
		SKIP(TEST_NO_SHARED);
	EXPECT(nnames >= (int)(sizeof table / sizeof table[0]));
}

/* Hand cases: a small document builder. */
static ar_err
read_str(const char *xml, struct got *g, struct ar_error *err)
{
	FILE *fp = fmemopen((void *)xml, strlen(xml), "r");
	ar_err rc;

	memset(g, 0, sizeof *g);
	rc = camt_read(fp, "mem", collect, g, err);
	fclose(fp);
	return rc;
}

#define DOC(body) "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:" \
	"iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt><Stmt><Id>S1</Id>" \
	"<Acct><Id><IBAN>MY12</IBAN></Id><Ccy>MYR</Ccy></Acct>" body \
	"</Stmt></BkToCstmrStmt></Document>"
#define BAL(tp, a, cdi) "<Bal><Tp><CdOrPrtry><Cd>" tp "</Cd></CdOrPrtry></Tp>" \
	"<Amt Ccy=\"MYR\">" a "</Amt><CdtDbtInd>" cdi "</CdtDbtInd>" \
	"<Dt><Dt>2026-11-24</Dt></Dt></Bal>"
#define NTRY(a, cdi, dtls) "<Ntry><Amt Ccy=\"MYR\">" a "</Amt><CdtDbtInd>" \
	cdi "</CdtDbtInd><BookgDt><DtTm>2026-11-24T10:00:00+08:00</DtTm>" \
	"</BookgDt><ValDt><Dt>2026-11-25</Dt></ValDt>" \
	"<AcctSvcrRef>B1</AcctSvcrRef>" dtls "</Ntry>"
#define TX(a, name, ustrd) "<TxDtls><Refs><EndToEndId>E" a "</EndToEndId>" \
	"</Refs><AmtDtls><TxAmt><Amt Ccy=\"MYR\">" a "</Amt></TxAmt></AmtDtls>" \
	"<RltdPties><Dbtr><Pty><Nm>" name "</Nm></Pty></Dbtr><DbtrAcct><Id>" \
	"<IBAN>MY99</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Ustrd>" ustrd \
	"</Ustrd><Ustrd>line 2</Ustrd></RmtInf></TxDtls>"

/*
 * EXPECT_EQ_STR on a narrative cut to 200 bytes: test.h's message buffer
 * is smaller than the field, and GCC says so.
 */
#define EXPECT_NARRATIVE(got, want) do { \
	char cut_[200]; \
	size_t n_ = strnlen((got), sizeof cut_ - 1); \
	memcpy(cut_, (got), n_); \
	cut_[n_] = '\0'; \
	EXPECT_EQ_STR(cut_, (want)); \
} while (0)

static void
hand_reads_fields(void)
{
	struct got g;
	struct ar_error err;

	EXPECT_EQ_INT(read_str(DOC(BAL("OPBD", "100.00", "CRDT")
	    BAL("CLBD", "150.50", "CRDT") NTRY("50.50", "CRDT",
	    "<NtryDtls>" TX("50.50", "Syarikat \xe5\xa4\xa7", "INV 1") "</NtryDtls>")),
	    &g, &err), AR_OK);
	EXPECT_EQ_INT(g.n, 1);
	EXPECT_EQ_INT(g.tx[0].amount, 5050);
	EXPECT_EQ_STR(g.tx[0].payer, "Syarikat \xe5\xa4\xa7");
	EXPECT_EQ_STR(g.tx[0].payer_account, "MY99");
	EXPECT(strcmp(g.tx[0].reference, "INV 1 line 2") == 0);
	EXPECT_EQ_STR(g.tx[0].end_to_end, "E50.50");
	EXPECT_EQ_STR(g.tx[0].bank_ref, "B1");
	EXPECT_EQ_STR(g.st[0].id, "S1");
	EXPECT_EQ_STR(g.st[0].account, "MY12");
	EXPECT_EQ_INT(g.st[0].opening, 10000);
	EXPECT_EQ_INT(g.tx[0].value_date - g.tx[0].booking_date, 1);
}

static void
hand_splits_txdtls(void)
{
	struct got g;
	struct ar_error err;

	EXPECT_EQ_INT(read_str(DOC(NTRY("30.00", "CRDT", "<NtryDtls>"
	    TX("10.00", "A", "x") TX("20.00", "B", "y") "</NtryDtls>")), &g, &err),
	    AR_OK);
	EXPECT_EQ_INT(g.n, 2);
	EXPECT_EQ_INT(g.tx[0].amount, 1000);
	EXPECT_EQ_STR(g.tx[1].payer, "B");
	/* not summing to the entry: one transaction */
	EXPECT_EQ_INT(read_str(DOC(NTRY("31.00", "CRDT", "<NtryDtls>"
	    TX("10.00", "A", "x") TX("20.00", "B", "y") "</NtryDtls>")), &g, &err),
	    AR_OK);
	EXPECT_EQ_INT(g.n, 1);
	EXPECT_EQ_INT(g.tx[0].amount, 3100);
	EXPECT(strcmp(g.tx[0].reference, "x line 2 y line 2") == 0);
}

static void
hand_rejects(void)
{
	struct got g;
	struct ar_error err;

	EXPECT_EQ_INT(read_str(DOC(NTRY("1.005", "CRDT", "")), &g, &err),
	    AR_EDECIMALS);
	EXPECT(strstr(err.message, "more decimals") != NULL);
	EXPECT_EQ_INT(read_str(DOC(NTRY("-1.00", "CRDT", "")), &g, &err),
	    AR_ESYNTAX);
	EXPECT_EQ_INT(read_str(DOC(BAL("OPBD", "1.00", "CRDT")
	    BAL("CLBD", "1.00", "DBIT") NTRY("1.00", "DBIT", "")), &g, &err),
	    AR_ESYNTAX);
	EXPECT(strstr(err.message, "statement S1 (line 2)") != NULL);
	EXPECT_EQ_INT(read_str("<Document><BkToCstmrStmt><Stmt>", &g, &err),
	    AR_ESYNTAX);
	EXPECT(strstr(err.message, "XML:") != NULL);
	EXPECT_EQ_INT(read_str("<foo/>", &g, &err), AR_ESYNTAX);
	EXPECT(strstr(err.message, "root element") != NULL);
	EXPECT_EQ_INT(read_str("<!DOCTYPE d [<!ENTITY a \"aaaa\">]><Document/>",
	    &g, &err), AR_ESYNTAX);
	EXPECT_EQ_INT(read_str(DOC(NTRY("1.00", "XXXX", "")), &g, &err),
	    AR_ESYNTAX);
}

/* A closing balance in a second currency is not checked; the file is read. */
static void
hand_balance_in_other_currency(void)
{
	struct got g;
	struct ar_error err;
	ar_err rc;

	rc = read_str(DOC(BAL("OPBD", "10.00", "CRDT")
	    "<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>"
	    "<Amt Ccy=\"XYZ\">99.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>"
	    "<Dt><Dt>2026-11-24</Dt></Dt></Bal>"
	    NTRY("1.00", "CRDT", "")), &g, &err);
	EXPECT_EQ_INT(rc, AR_OK);
	EXPECT_EQ_INT(g.n, 1);
	EXPECT(!g.st[0].has_closing);
	/* An entry in another currency still is an error. */
	rc = read_str(DOC(BAL("OPBD", "10.00", "CRDT")
	    "<Ntry><Amt Ccy=\"USD\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>"
	    "<BookgDt><Dt>2026-11-24</Dt></BookgDt></Ntry>"), &g, &err);
	EXPECT_EQ_INT(rc, AR_ESYNTAX);
	EXPECT(strstr(err.message, "is in MYR but has an amount in USD") != NULL);
}

/* No BookgDt, no ValDt: the Stmt's CreDtTm, else the GrpHdr's. */
static void
hand_entry_without_date(void)
{
	struct got g;
	struct ar_error err;
	ar_err rc;
	civil_day want;

	date_from_ymd(2026, 11, 23, &want);
	rc = read_str("<Document><BkToCstmrDbtCdtNtfctn><GrpHdr>"
	    "<CreDtTm>2026-11-22T08:00:00</CreDtTm></GrpHdr><Ntfctn><Id>N1</Id>"
	    "<CreDtTm>2026-11-23T09:00:00+08:00</CreDtTm>"
	    "<Ntry><Amt Ccy=\"MYR\">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>"
	    "</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>", &g, &err);
	EXPECT_EQ_INT(rc, AR_OK);
	EXPECT_EQ_INT(g.n, 1);
	EXPECT_EQ_INT(g.tx[0].value_date, want);
	EXPECT_EQ_INT(g.tx[0].booking_date, DATE_NONE);
	date_from_ymd(2026, 11, 22, &want);
	rc = read_str("<Document><BkToCstmrDbtCdtNtfctn><GrpHdr>"
	    "<CreDtTm>2026-11-22T08:00:00</CreDtTm></GrpHdr><Ntfctn><Id>N1</Id>"
	    "<Ntry><Amt Ccy=\"MYR\">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>"
	    "</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>", &g, &err);
	EXPECT_EQ_INT(rc, AR_OK);
	EXPECT_EQ_INT(g.tx[0].value_date, want);
	rc = read_str("<Document><BkToCstmrDbtCdtNtfctn><Ntfctn>"
	    "<Id>N1</Id><Ntry><Amt Ccy=\"MYR\">5.00</Amt><CdtDbtInd>CRDT"
	    "</CdtDbtInd></Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>",
	    &g, &err);
	EXPECT_EQ_INT(rc, AR_ESYNTAX);
	EXPECT(strstr(err.message, "has no date") != NULL);
}

/* Structured CdtrRefInf/Ref is Ref-1; the channel comes from the text. */
static void
hand_channel_and_refs(void)
{
	struct got g;
	struct ar_error err;
	ar_err rc;

	rc = read_str(DOC(NTRY("5.00", "CRDT", "<NtryDtls><TxDtls>"
	    "<RmtInf><Ustrd>JOMPAY 8899 REF2:KL01</Ustrd><Strd><CdtrRefInf>"
	    "<Ref>INV-7</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls>")
	    NTRY("6.00", "CRDT", "<AddtlNtryInf>DUITNOW TRF</AddtlNtryInf>")),
	    &g, &err);
	EXPECT_EQ_INT(rc, AR_OK);
	EXPECT_EQ_INT(g.n, 2);
	EXPECT_EQ_STR(g.tx[0].channel, "JomPAY");
	EXPECT_EQ_STR(g.tx[0].ref1, "INV-7");
	EXPECT_EQ_STR(g.tx[0].ref2, "KL01");
	EXPECT_EQ_STR(g.tx[1].channel, "DuitNow");
}

/*
 * The narrative: the transaction's Ustrd lines, its AddtlTxInf, the
 * entry's AddtlNtryInf, each after one blank; a piece the text already
 * holds is left out.
 */
static void
hand_narrative(void)
{
	struct got g;
	struct ar_error err;
	ar_err rc;

	rc = read_str(DOC(NTRY("5.00", "CRDT", "<NtryDtls><TxDtls><RmtInf>"
	    "<Ustrd>INV 1</Ustrd><Ustrd>INV 2</Ustrd></RmtInf><AddtlTxInf>ACME "
	    "SDN BHD   PAYMENT</AddtlTxInf></TxDtls></NtryDtls>"
	    "<AddtlNtryInf>IBG CREDIT</AddtlNtryInf>")
	    NTRY("6.00", "CRDT", "<NtryDtls><TxDtls><RmtInf><Ustrd>INV 3 THANK "
	    "YOU</Ustrd></RmtInf></TxDtls></NtryDtls>"
	    "<AddtlNtryInf>INV 3</AddtlNtryInf>")
	    NTRY("7.00", "CRDT", "<AddtlNtryInf>DUITNOW TRF\n   KEDAI AH SENG"
	    "</AddtlNtryInf>")), &g, &err);
	EXPECT_EQ_INT(rc, AR_OK);
	EXPECT_EQ_INT(g.n, 3);
	EXPECT_NARRATIVE(g.tx[0].narrative,
	    "INV 1 INV 2 ACME SDN BHD PAYMENT IBG CREDIT");
	EXPECT(strcmp(g.tx[0].reference, "INV 1 INV 2") == 0);
	EXPECT_NARRATIVE(g.tx[1].narrative, "INV 3 THANK YOU");
	EXPECT_NARRATIVE(g.tx[2].narrative, "DUITNOW TRF KEDAI AH SENG");
	/* Split per TxDtls: each its own texts, and the entry's. */
	rc = read_str(DOC(NTRY("30.00", "CRDT", "<NtryDtls>" TX("10.00", "A", "x")
	    TX("20.00", "B", "y") "</NtryDtls><AddtlNtryInf>BATCH 7"
	    "</AddtlNtryInf>")), &g, &err);
	EXPECT_EQ_INT(rc, AR_OK);
	EXPECT_EQ_INT(g.n, 2);
	EXPECT_NARRATIVE(g.tx[0].narrative, "x line 2 BATCH 7");
	EXPECT_NARRATIVE(g.tx[1].narrative, "y line 2 BATCH 7");
	/* One transaction for the entry: every TxDtls in turn. */
	rc = read_str(DOC(NTRY("31.00", "CRDT", "<NtryDtls>" TX("10.00", "A", "x")
	    TX("20.00", "B", "y") "</NtryDtls><AddtlNtryInf>BATCH 7"
	    "</AddtlNtryInf>")), &g, &err);
	EXPECT_EQ_INT(rc, AR_OK);
	EXPECT_EQ_INT(g.n, 1);
	EXPECT_NARRATIVE(g.tx[0].narrative, "x line 2 y line 2 BATCH 7");
}

static ar_err
stop_at_first(void *ctx, const struct bank_statement *st,
    const struct bank_txn *t)
{
	(void)st;
	(void)t;
	++*(int *)ctx;
	return AR_ECONFIG;
}

static void
hand_debit_and_callback_error(void)
{
	static const char xml[] = DOC("<Ntry><Amt Ccy=\"MYR\">5</Amt><CdtDbtInd>"
	    "DBIT</CdtDbtInd><ValDt><Dt>2026-01-31</Dt></ValDt><BkTxCd><Prtry>"
	    "<Cd>NTRF</Cd></Prtry></BkTxCd><NtryDtls><TxDtls><RltdPties><Dbtr>"
	    "<Nm>Us</Nm></Dbtr><Cdtr><Nm>Supplier</Nm></Cdtr><CdtrAcct><Id><Othr>"
	    "<Id>123</Id></Othr></Id></CdtrAcct></RltdPties></TxDtls></NtryDtls>"
	    "</Ntry>" NTRY("1.00", "CRDT", ""));
	struct got g;
	struct ar_error err;
	FILE *fp;
	int calls = 0;

	EXPECT_EQ_INT(read_str(xml, &g, &err), AR_OK);
	EXPECT_EQ_INT(g.n, 2);
	EXPECT_EQ_INT(g.tx[0].amount, -500);
	EXPECT_EQ_STR(g.tx[0].payer, "Supplier");
	EXPECT_EQ_STR(g.tx[0].payer_account, "123");
	EXPECT_EQ_STR(g.tx[0].type_code, "NTRF");
	EXPECT_EQ_INT(g.tx[0].booking_date, DATE_NONE);
	fp = fmemopen((void *)xml, strlen(xml), "r");
	EXPECT_EQ_INT(camt_read(fp, "mem", stop_at_first, &calls, &err),
	    AR_ECONFIG);
	fclose(fp);
	EXPECT_EQ_INT(calls, 1);
}

/* Two statements on one line (a one-line file): told apart by seq, not line (a fuzzer found the harness confused them). */
static void
hand_two_statements_one_line(void)
{
	static const char stmt[] = "<Stmt><Id>S</Id>"
	    "<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"MYR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Bal>"
	    "<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"MYR\">3.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Bal>"
	    "<Ntry><Amt Ccy=\"MYR\">2.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><ValDt><Dt>2026-11-24</Dt></ValDt></Ntry></Stmt>";
	char xml[2048];
	struct got g;
	struct ar_error err;

	snprintf(xml, sizeof xml, "<Document><BkToCstmrStmt>%s%s</BkToCstmrStmt></Document>", stmt, stmt);
	EXPECT_EQ_INT(read_str(xml, &g, &err), AR_OK);
	EXPECT_EQ_INT(g.n, 2);
	EXPECT_EQ_INT(g.st[0].line, g.st[1].line);
	EXPECT_EQ_INT(g.st[0].seq, 1);
	EXPECT_EQ_INT(g.st[1].seq, 2);
}

/* expat converts a declared Latin-1 document: we hand out UTF-8. */
static void
hand_latin1_is_utf8(void)
{
	static const char xml[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
	    "<Document><BkToCstmrDbtCdtNtfctn><Ntfctn><Id>N</Id>"
	    "<Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>"
	    "<ValDt><Dt>2026-01-31</Dt></ValDt><NtryDtls><TxDtls><RltdPties>"
	    "<Dbtr><Nm>Fran\xe7ois</Nm></Dbtr></RltdPties></TxDtls></NtryDtls>"
	    "</Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>";
	struct got g;
	struct ar_error err;

	EXPECT_EQ_INT(read_str(xml, &g, &err), AR_OK);
	EXPECT_EQ_INT(g.n, 1);
	EXPECT_EQ_STR(g.tx[0].payer, "Fran\xc3\xa7ois");
}

/* Malformed XML and a wrong root report expat's line. */
static void
hand_error_lines(void)
{
	struct got g;
	struct ar_error err;

	EXPECT_EQ_INT(read_str("<Document>\n<BkToCstmrStmt>\n<Stmt></Stmx>",
	    &g, &err), AR_ESYNTAX);
	EXPECT_EQ_INT(err.line, 3);
	EXPECT_EQ_STR(err.message, "XML: mismatched tag");
	EXPECT_EQ_INT(read_str("\n\n<pain.001/>", &g, &err), AR_ESYNTAX);
	EXPECT_EQ_INT(err.line, 3);
}

/* Quoted document text is cut whole-character in messages. */
static void
hand_message_utf8(void)
{
	static const char xml[] = DOC(NTRY(
	    "\xe5\xa4\xa7\xe5\xa4\xa7\xe5\xa4\xa7\xe5\xa4\xa7\xe5\xa4\xa7"
	    "\xe5\xa4\xa7\xe5\xa4\xa7\xe5\xa4\xa7\xe5\xa4\xa7\xe5\xa4\xa7"
	    "\xe5\xa4\xa7\xe5\xa4\xa7\xe5\xa4\xa7\xe5\xa4\xa7\xe5\xa4\xa7"
	    "\xe5\xa4\xa7\xe5\xa4\xa7", "CRDT", ""));
	struct got g;
	struct ar_error err;

	EXPECT_EQ_INT(read_str(xml, &g, &err), AR_ESYNTAX);
	/* 47 bytes fit: 15 whole characters of 3 bytes. */
	EXPECT_EQ_STR(err.message, "amount \"\xe5\xa4\xa7\xe5\xa4\xa7\xe5\xa4\xa7"
	    "\xe5\xa4\xa7\xe5\xa4\xa7\xe5\xa4\xa7\xe5\xa4\xa7\xe5\xa4\xa7"
	    "\xe5\xa4\xa7\xe5\xa4\xa7\xe5\xa4\xa7\xe5\xa4\xa7\xe5\xa4\xa7"
	    "\xe5\xa4\xa7\xe5\xa4\xa7\" is not a decimal number");
}

int
main(void)
{
	size_t i;

	/* The fixtures use SEK and RON, as an ar.ini [currency.X] would add. */
	currency_set_exponent("SEK", 2);
	currency_set_exponent("RON", 2);
	nnames = corpus_files("camt052", names, 128);
	nnames += corpus_files("camt053", names + nnames, 128 - nnames);
	nnames += corpus_files("camt054", names + nnames, 128 - nnames);
	for (i = 0; i < (size_t)nnames; i++)
		for (size_t k = i + 1; k < (size_t)nnames; k++)
			if (strcmp(names[k], names[i]) < 0) {
				char t[320];

				memcpy(t, names[i], 320);
				memcpy(names[i], names[k], 320);
				memcpy(names[k], t, 320);
			}
	RUN(corpus_present);
	for (cur = 0; cur < nnames; cur++)
		RUN(corpus_file);
	RUN(hand_reads_fields);
	RUN(hand_splits_txdtls);
	RUN(hand_rejects);
	RUN(hand_balance_in_other_currency);
	RUN(hand_entry_without_date);
	RUN(hand_channel_and_refs);
	RUN(hand_narrative);
	RUN(hand_debit_and_callback_error);
	RUN(hand_two_statements_one_line);
	RUN(hand_latin1_is_utf8);
	RUN(hand_error_lines);
	RUN(hand_message_utf8);
	return test_summary();
}
