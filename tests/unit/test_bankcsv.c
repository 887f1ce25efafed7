/*
 * test_bankcsv.c - bank CSV statements through [bank.NAME] profiles
 * (lib/source/bankcsv.c): header finding after a preamble, decimal comma, CR-only
 * lines, files without a header, the three ways of writing the amount,
 * running balances in either order, character sets, errors with lines,
 * short rows, continuation rows, skip_values, currency symbols.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source/bankcsv.h"
#include "core/config.h"
#include "test.h"

#define MAXROWS 16

struct got {
	int n;
	struct bank_txn t[MAXROWS];
	struct bank_statement st;
};

static ar_err
collect(void *ctx, const struct bank_statement *st, const struct bank_txn *t)
{
	struct got *g = ctx;

	if (g->n < MAXROWS)
		g->t[g->n] = *t;
	g->st = *st;
	g->n++;
	return AR_OK;
}

/* Load ini text as ar.ini, then profile name of it; AR_OK or the error. */
static ar_err
profile(const char *ini, const char *name, struct bankcsv_profile *p,
    char *msg, size_t size)
{
	char path[] = "/tmp/test_bankcsv_XXXXXX";
	struct ar_config *cfg = NULL;
	struct ar_error cerr;
	int fd = mkstemp(path);
	ar_err e;

	if (fd < 0 || write(fd, ini, strlen(ini)) != (ssize_t)strlen(ini)) {
		snprintf(msg, size, "cannot write %s", path);
		return AR_EIO;
	}
	close(fd);
	e = config_load(path, &cfg, &cerr);
	unlink(path);
	if (e != AR_OK) {
		snprintf(msg, size, "%ld: %s", cerr.line, cerr.message);
		return e;
	}
	e = bankcsv_profile_load(cfg, name, p, msg, size);
	config_free(cfg);
	return e;
}

static ar_err
read_counted(const char *ini, const char *name, const char *data, size_t len,
    struct got *g, struct bankcsv_counts *counts, struct ar_error *err)
{
	struct bankcsv_profile p;
	char msg[768];
	FILE *fp;
	ar_err e;

	memset(g, 0, sizeof *g);
	if ((e = profile(ini, name, &p, msg, sizeof msg)) != AR_OK) {
		printf("#   profile: %s\n", msg);
		return e;
	}
	fp = fmemopen((void *)data, len, "r");
	if (fp == NULL)
		return AR_EIO;
	e = bankcsv_read_counts(fp, "t.csv", &p, collect, g, counts, err);
	fclose(fp);
	return e;
}

static ar_err
read_csv(const char *ini, const char *name, const char *data, size_t len,
    struct got *g, struct ar_error *err)
{
	return read_counted(ini, name, data, len, g, NULL, err);
}

#define READ(ini, data, g, err) read_csv(ini, "b", data, strlen(data), g, err)

static civil_day
ymd(int y, int m, int d)
{
	civil_day day = DATE_NONE;

	date_from_ymd(y, m, d, &day);
	return day;
}

/* A Maybank-style export: preamble, decimal point, CR-only line ends. */
static void
preamble_and_cr_lines(void)
{
	struct got g;
	struct ar_error err;
	ar_err e;

	e = READ("[bank.b]\nvalue_date = Posting Date\namount = Amount\n"
	    "reference = Description, Ref\nbalance = Balance\n"
	    "default_currency = MYR\naccount = 514011223344\n",
	    "Account Number,514011223344\rStatement Period,01/11/2026 - 24/11/2026\r"
	    "\rPosting Date,Description,Ref,Amount,Balance\r"
	    "20/11/2026,IBG CREDIT ACME SDN BHD,INV 2026-001,\"1,250.00\",\"11,250.00\"\r"
	    "21/11/2026,SERVICE CHARGE,,-2.50,\"11,247.50\"\r", &g, &err);
	if (e != AR_OK)
		printf("#   %ld: %s\n", err.line, err.message);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 2);
	EXPECT_EQ_INT(g.t[0].amount, 125000);
	EXPECT_EQ_INT(g.t[0].value_date, ymd(2026, 11, 20));
	EXPECT_EQ_INT(g.t[0].line, 5);
	EXPECT(strcmp(g.t[0].reference, "IBG CREDIT ACME SDN BHD INV 2026-001") == 0);
	EXPECT_EQ_STR(g.t[0].channel, "IBG");
	EXPECT_EQ_INT(g.t[1].amount, -250);
	/* textin_rest() hands csvio the header with its own CR, so lines count on */
	EXPECT_EQ_INT(g.t[1].line, 6);
	EXPECT_EQ_STR(g.st.id, "b");
	EXPECT_EQ_STR(g.st.account, "514011223344");
}

/* German export: semicolons, decimal comma, two-digit years, currency column. */
static void
decimal_comma_and_date_format(void)
{
	struct got g;
	struct ar_error err;
	ar_err e;

	e = READ("[bank.b]\ndelimiter = semicolon\ndecimal = comma\n"
	    "date_format = %d.%m.%y\nvalue_date = Valuta\nbooking_date = Buchungstag\n"
	    "amount = Betrag\ncurrency = Waehrung\npayer = Name\n",
	    "\"Buchungstag\";\"Valuta\";\"Name\";\"Betrag\";\"Waehrung\"\n"
	    "\"22.02.26\";\"23.02.26\";\"Kedai Ah Seng\";\"1.234,56\";\"EUR\"\n",
	    &g, &err);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 1);
	EXPECT_EQ_INT(g.t[0].amount, 123456);
	EXPECT_EQ_INT(g.t[0].value_date, ymd(2026, 2, 23));
	EXPECT_EQ_INT(g.t[0].booking_date, ymd(2026, 2, 22));
	EXPECT_EQ_STR(g.t[0].payer, "Kedai Ah Seng");
	EXPECT_EQ_STR(currency_code(g.t[0].currency), "EUR");
}

/* Credit and debit columns; a debit written with or without its minus. */
static void
credit_and_debit_columns(void)
{
	struct got g;
	struct ar_error err;
	ar_err e;

	e = READ("[bank.b]\nvalue_date = Date\ncredit = Deposits\ndebit = Withdrawals\n",
	    "Date,Withdrawals,Deposits\n"
	    "2026-11-20,,100.00\n2026-11-21,25.00,\n2026-11-22,-5.00,\n", &g, &err);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 3);
	EXPECT_EQ_INT(g.t[0].amount, 10000);
	EXPECT_EQ_INT(g.t[1].amount, -2500);
	EXPECT_EQ_INT(g.t[2].amount, -500);
	/* Company currency when the profile names none. */
	EXPECT_EQ_STR(currency_code(g.t[0].currency), "MYR");
	e = READ("[bank.b]\nvalue_date = Date\ncredit = Deposits\ndebit = Withdrawals\n",
	    "Date,Withdrawals,Deposits\n2026-11-20,1.00,2.00\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
	EXPECT_EQ_INT(err.line, 2);
	EXPECT(strstr(err.message, "both credit and debit") != NULL);
	e = READ("[bank.b]\nvalue_date = Date\ncredit = Deposits\ndebit = Withdrawals\n",
	    "Date,Withdrawals,Deposits\n2026-11-20,,\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
	EXPECT(strstr(err.message, "both empty") != NULL);
}

static void
indicator_and_sign(void)
{
	struct got g;
	struct ar_error err;
	ar_err e;

	e = READ("[bank.b]\nvalue_date = Date\namount = Amount\ndebit_credit = DC\n",
	    "Date,Amount,DC\n2026-11-20,10.00,CR\n2026-11-20,-3.00,D\n", &g, &err);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.t[0].amount, 1000);
	EXPECT_EQ_INT(g.t[1].amount, -300);
	e = READ("[bank.b]\nvalue_date = Date\namount = Amount\ndebit_credit = DC\n",
	    "Date,Amount,DC\n2026-11-20,10.00,X\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
	EXPECT(strstr(err.message, "indicator \"X\"") != NULL);
	/* Card statement: purchases positive, so the sign is turned. */
	e = READ("[bank.b]\nvalue_date = Date\namount = Amount\nsign = negate\n",
	    "Date,Amount\n2026-11-20,33.50\n2026-11-21,-100.00\n", &g, &err);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.t[0].amount, -3350);
	EXPECT_EQ_INT(g.t[1].amount, 10000);
}

/* header = no: captions are column numbers; skip_lines before the data. */
static void
no_header(void)
{
	struct got g;
	struct ar_error err;
	ar_err e;

	e = READ("[bank.b]\nheader = no\nskip_lines = 1\ndelimiter = pipe\n"
	    "value_date = 3\namount = 5\nreference = 2\n",
	    "K|32000|244081|MYR\n| DUITNOW TRF|20261120|X|12.30|\n", &g, &err);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 1);
	EXPECT_EQ_INT(g.t[0].amount, 1230);
	EXPECT_EQ_INT(g.t[0].line, 2);
	EXPECT_EQ_STR(g.t[0].channel, "DuitNow");
}

static void
running_balance(void)
{
	struct got g;
	struct ar_error err;
	const char *ini = "[bank.b]\nvalue_date = Date\namount = Amount\n"
	    "balance = Balance\n";
	ar_err e;

	/* Oldest first. */
	e = READ(ini, "Date,Amount,Balance\n2026-11-20,10.00,110.00\n"
	    "2026-11-21,-5.00,105.00\n2026-11-22,1.00,\n2026-11-23,2.00,108.00\n",
	    &g, &err);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 4);
	/* Newest first. */
	e = READ(ini, "Date,Amount,Balance\n2026-11-23,2.00,108.00\n"
	    "2026-11-22,1.00,\n2026-11-21,-5.00,105.00\n2026-11-20,10.00,110.00\n",
	    &g, &err);
	EXPECT_EQ_INT(e, AR_OK);
	/* Neither: the line and the figures. */
	e = READ(ini, "Date,Amount,Balance\n2026-11-20,10.00,110.00\n"
	    "2026-11-21,-5.00,104.00\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
	EXPECT_EQ_INT(err.line, 3);
	EXPECT_EQ_STR(err.message, "balance 104.00 is not 105.00 (balance 110.00 "
	    "of line 2 + amounts -5.00): the balances do not add up");
}

/* A CP1252 file converts; the same bytes read as UTF-8 are an error. */
static void
encodings(void)
{
	static const char data[] = "Date,Amount,Name\n2026-11-20,1.00,M\xfcller\n";
	struct got g;
	struct ar_error err;
	ar_err e;

	e = read_csv("[bank.b]\nencoding = cp1252\nvalue_date = Date\n"
	    "amount = Amount\npayer = Name\n", "b", data, sizeof data - 1, &g, &err);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_STR(g.t[0].payer, "M\xc3\xbcller");
	e = read_csv("[bank.b]\nvalue_date = Date\namount = Amount\npayer = Name\n",
	    "b", data, sizeof data - 1, &g, &err);
	EXPECT(e != AR_OK);
	EXPECT_EQ_INT(err.line, 2);
}

static void
errors_name_the_line(void)
{
	struct got g;
	struct ar_error err;
	const char *ini = "[bank.b]\nvalue_date = Date\namount = Amount\n";
	ar_err e;

	e = READ(ini, "Something else\nA,B\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ENOHEADER);
	EXPECT(strstr(err.message, "no header line") != NULL);
	/* a day without movements: no transactions, no error */
	e = READ(ini, "Date,Amount\n", &g, &err);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 0);
	e = READ(ini, "Date,Amount\n,\n", &g, &err);
	EXPECT_EQ_INT(e, AR_OK);  /* an all-empty row is no row */
	EXPECT_EQ_INT(g.n, 0);
	e = READ(ini, "x\nDate,Amount\n2026-11-20,1.00\n31/02/2026,1.00\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ERANGE);
	EXPECT_EQ_INT(err.line, 4);
	EXPECT_EQ_INT(g.n, 1);
	e = READ(ini, "Date,Amount\n2026-11-20,1.005\n", &g, &err);
	EXPECT_EQ_INT(e, AR_EDECIMALS);
	e = READ(ini, "Date,Amount\n2026-11-20,abc\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
	EXPECT(strstr(err.message, "amount \"abc\" is not an amount") != NULL);
	e = READ(ini, "Date,Amount\n2026-11-20,1.00,3\n", &g, &err);
	EXPECT_EQ_INT(e, AR_EFIELDS);
	EXPECT_EQ_INT(err.line, 2);
}

/* OCBC: a description runs on in rows of their own, with fewer fields. */
static void
continuation_rows(void)
{
	const char *ini = "[bank.b]\nvalue_date = Value date\n"
	    "booking_date = Transaction date\ndebit = Withdrawals\n"
	    "credit = Deposits\nreference = Description\ndefault_currency = SGD\n";
	static const char data[] = "Ledger Balance,\"6,666.66\"\n\n"
	    "Transaction date,Value date,Description,Withdrawals,Deposits\n"
	    "18/04/2018,18/04/2018,DEBIT PURCHASE,6.66,\n"
	    ",,15/04/18  66-6666 UBER EATS \n"
	    ",,,,\n"
	    " , ,HELP.UBER\n"
	    "17/04/2018,17/04/2018,FUNDS TRANSFER,,100.00\n"
	    ",,IBG CREDIT ACME PTE LTD\n";
	struct bankcsv_counts c;
	struct got g;
	struct ar_error err;
	ar_err e;

	e = read_counted(ini, "b", data, sizeof data - 1, &g, &c, &err);
	if (e != AR_OK)
		printf("#   %ld: %s\n", err.line, err.message);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 2);
	EXPECT(strcmp(g.t[0].reference,
	    "DEBIT PURCHASE 15/04/18  66-6666 UBER EATS HELP.UBER") == 0);
	EXPECT_EQ_INT(g.t[0].amount, -666);
	EXPECT_EQ_INT(g.t[0].line, 4);
	/* The last transaction is handed on at the end, continued. */
	EXPECT(strcmp(g.t[1].reference,
	    "FUNDS TRANSFER IBG CREDIT ACME PTE LTD") == 0);
	EXPECT_EQ_INT(g.t[1].amount, 10000);
	EXPECT_EQ_INT(g.t[1].line, 8);
	/* The channel is read from the text as continued. */
	EXPECT_EQ_STR(g.t[1].channel, "IBG");
	EXPECT_EQ_INT(c.continued, 3);
	EXPECT_EQ_INT(c.skipped, 0);

	/* Before any transaction: an error on its line. */
	e = READ(ini, "Transaction date,Value date,Description,Withdrawals,Deposits\n"
	    ",,RUNS ON FROM NOWHERE\n18/04/2018,18/04/2018,X,1.00,\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
	EXPECT_EQ_INT(err.line, 2);
	EXPECT(strstr(err.message, "continuation row") != NULL);
	EXPECT(strstr(err.message, "before any transaction") != NULL);
	EXPECT_EQ_INT(g.n, 0);

	/* A short row with a date is no continuation: csvio's words, its line. */
	e = READ(ini, "Transaction date,Value date,Description,Withdrawals,Deposits\n"
	    "18/04/2018,18/04/2018,X,1.00,\n17/04/2018,17/04/2018\n", &g, &err);
	EXPECT_EQ_INT(e, AR_EFIELDS);
	EXPECT_EQ_INT(err.line, 3);
	EXPECT_EQ_STR(err.message, "record has 2 fields, header has 5");
	EXPECT_EQ_INT(g.n, 1);          /* the row before it is complete */
	/* Text in a date column: no continuation, a bad date. */
	e = READ(ini, "Transaction date,Value date,Description,Withdrawals,Deposits\n"
	    "18/04/2018,18/04/2018,X,1.00,\nA null transaction,,,,\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
	EXPECT_EQ_INT(err.line, 3);
	EXPECT(strstr(err.message, "booking_date \"A null transaction\"") != NULL);
}

/* PayPal: trailing columns without a caption left off every row. */
static void
short_rows(void)
{
	const char *ini = "[bank.b]\nvalue_date = Date\namount = Net\n"
	    "payer = Name\nreference = Note\n";
	struct got g;
	struct ar_error err;
	ar_err e;

	e = READ(ini, "Date,Net,Name,Note,,,\n2026-11-20,1.00,Acme,INV 1\n"
	    "2026-11-21,2.00,Acme\n2026-11-22,3.00\n", &g, &err);
	if (e != AR_OK)
		printf("#   %ld: %s\n", err.line, err.message);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 3);
	EXPECT(strcmp(g.t[0].reference, "INV 1") == 0);
	/* Named columns left off: empty where a value is not needed. */
	EXPECT(strcmp(g.t[1].reference, "") == 0);
	EXPECT_EQ_STR(g.t[2].payer, "");
	EXPECT_EQ_INT(g.t[2].amount, 300);
	/* Where it is needed, the row is misshapen. */
	e = READ(ini, "Date,Net,Name,Note,,,\n2026-11-20,1.00,Acme,INV 1\n"
	    "2026-11-21\n", &g, &err);
	EXPECT_EQ_INT(e, AR_EFIELDS);
	EXPECT_EQ_INT(err.line, 3);
	EXPECT_EQ_STR(err.message, "record has 1 field, header has 7");
	/* Credit and debit: one left off is empty, both is an error. */
	e = READ("[bank.b]\nvalue_date = Date\ndebit = Out\ncredit = In\n",
	    "Date,Out,In\n2026-11-20,1.00\n", &g, &err);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.t[0].amount, -100);
	e = READ("[bank.b]\nvalue_date = Date\ndebit = Out\ncredit = In\n",
	    "Date,Out,In\n2026-11-20,,\n2026-11-20,\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);   /* the first row: both empty */
	e = READ("[bank.b]\nvalue_date = Date\ndebit = Out\ncredit = In\n",
	    "Date,Out,In\n2026-11-20,\n", &g, &err);
	EXPECT_EQ_INT(e, AR_EFIELDS);
	EXPECT_EQ_STR(err.message, "record has 2 fields, header has 3");
}

/* "Pending" rows of a card statement, a balance footer: counted, not read. */
static void
skip_values(void)
{
	const char *ini = "[bank.b]\ndate_format = %d-%b-%Y\n"
	    "skip_values = pending, Balance at start of period\n"
	    "value_date = Date\namount = Amount\nreference = Description\n"
	    "default_currency = GBP\n";
	static const char data[] = "Date,Description,Amount\n"
	    "Pending,L'OLILO,1.00\n"
	    " PENDING ,NOWTV,2.00\n"
	    ",RUNS ON WITH THE PENDING ONE,\n"
	    "12-Dec-2019,ROYAL LONDON,3.00\n"
	    ",RUNS ON,\n"
	    "Balance at start of period,,\"1,000.00\"\n";
	static const char booked[] = "Date,Amount\nPending,1.00\n"
	    "2026-11-20,2.00\n";
	struct bankcsv_counts c;
	struct got g;
	struct ar_error err;
	ar_err e;

	e = read_counted(ini, "b", data, sizeof data - 1, &g, &c, &err);
	if (e != AR_OK)
		printf("#   %ld: %s\n", err.line, err.message);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 1);
	EXPECT_EQ_INT(g.t[0].amount, 300);
	EXPECT(strcmp(g.t[0].reference, "ROYAL LONDON RUNS ON") == 0);
	/* A continuation of a skipped row goes with it. */
	EXPECT_EQ_INT(c.skipped, 4);
	EXPECT_EQ_INT(c.continued, 1);
	EXPECT_EQ_STR(c.skipped_what,
	    "value_date Pending or Balance at start of period");
	/* Without the key, the same file is an error, as before. */
	e = READ("[bank.b]\ndate_format = %d-%b-%Y\nvalue_date = Date\n"
	    "amount = Amount\ndefault_currency = GBP\n", data, &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
	EXPECT_EQ_INT(err.line, 2);
	/* booking_date when the profile names no value_date. */
	e = read_counted("[bank.b]\nskip_values = Pending\n"
	    "booking_date = Date\namount = Amount\n", "b", booked,
	    sizeof booked - 1, &g, &c, &err);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 1);
	EXPECT_EQ_INT(c.skipped, 1);
	EXPECT_EQ_STR(c.skipped_what, "booking_date Pending");
}

/* Amounts with a currency symbol before or after the number and its sign. */
static void
currency_symbols(void)
{
	const char *ini = "[bank.b]\nvalue_date = Date\namount = Amount\n"
	    "balance = Balance\n";
	struct got g;
	struct ar_error err;
	ar_err e;

	e = READ(ini, "Date,Amount,Balance\n"
	    "2026-11-20,\xc2\xa3" "67.40,\n"
	    "2026-11-20,\"\xc2\xa3" "1,183.23\",\n"
	    "2026-11-20,\"+ \xc2\xa3" "1,100.00\",\n"
	    "2026-11-20,-\xc2\xa3" "5.00,\n"
	    "2026-11-20,\xc2\xa3-5.00,\n"
	    "2026-11-20,RM1.25,\n"
	    "2026-11-20,-RM 2.50,\n"
	    "2026-11-20,(RM3.00),\n"
	    "2026-11-20,$4.00,\n"
	    "2026-11-20,4.00 \xe2\x82\xac,\n"
	    "2026-11-20,\xc2\xa5" "1.00,RM 2330.38\n", &g, &err);
	if (e != AR_OK)
		printf("#   %ld: %s\n", err.line, err.message);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 11);
	EXPECT_EQ_INT(g.t[0].amount, 6740);
	EXPECT_EQ_INT(g.t[1].amount, 118323);
	EXPECT_EQ_INT(g.t[2].amount, 110000);
	EXPECT_EQ_INT(g.t[3].amount, -500);
	EXPECT_EQ_INT(g.t[4].amount, -500);
	EXPECT_EQ_INT(g.t[5].amount, 125);
	EXPECT_EQ_INT(g.t[6].amount, -250);
	EXPECT_EQ_INT(g.t[7].amount, -300);
	EXPECT_EQ_INT(g.t[8].amount, 400);
	EXPECT_EQ_INT(g.t[9].amount, 400);
	EXPECT_EQ_INT(g.t[10].amount, 100);
	/* Decimal comma, the symbol after. */
	e = READ("[bank.b]\ndelimiter = semicolon\ndecimal = comma\n"
	    "value_date = Date\namount = Amount\n",
	    "Date;Amount\n2026-11-20;1.234,56 \xe2\x82\xac\n", &g, &err);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.t[0].amount, 123456);
	/* A symbol alone, two symbols, one in the middle: not amounts. */
	e = READ(ini, "Date,Amount,Balance\n2026-11-20,\xc2\xa3,\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
	EXPECT(strstr(err.message, "amount \"\xc2\xa3\" is not an amount") != NULL);
	e = READ(ini, "Date,Amount,Balance\n2026-11-20,\xc2\xa3$1.00,\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
	e = READ(ini, "Date,Amount,Balance\n2026-11-20,1RM00,\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
	e = READ(ini, "Date,Amount,Balance\n2026-11-20,FROM,\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
}

/* Maybank2u writes the sign after the number: 52,500.00+ and 1,000.00-. */
static void
trailing_sign(void)
{
	const char *ini = "[bank.b]\nvalue_date = Date\namount = Amount\n"
	    "balance = Balance\ndefault_currency = MYR\n";
	struct got g;
	struct ar_error err;
	ar_err e;

	e = READ(ini, "Date,Amount,Balance\n"
	    "20/11/2026,\"52,500.00+\",\"152,500.00\"\n"
	    "21/11/2026,\"1,000.00-\",\"151,500.00\"\n"
	    "22/11/2026,RM12.50+,\"151,512.50\"\n"
	    "23/11/2026, 7.50 + ,\"151,520.00+\"\n", &g, &err);
	if (e != AR_OK)
		printf("#   %ld: %s\n", err.line, err.message);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 4);
	EXPECT_EQ_INT(g.t[0].amount, 5250000);
	EXPECT_EQ_INT(g.t[1].amount, -100000);
	EXPECT_EQ_INT(g.t[2].amount, 1250);
	EXPECT_EQ_INT(g.t[3].amount, 750);
	/* Decimal comma alike. */
	e = READ("[bank.b]\ndelimiter = semicolon\ndecimal = comma\n"
	    "value_date = Date\namount = Amount\ndefault_currency = MYR\n",
	    "Date;Amount\n20/11/2026;52.500,00+\n", &g, &err);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.t[0].amount, 5250000);
	/* A second sign is no amount: the cell as written in the message. */
	e = READ(ini, "Date,Amount,Balance\n20/11/2026,+1.00+,\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
	EXPECT_EQ_INT(err.line, 2);
	EXPECT_EQ_STR(err.message, "amount \"+1.00+\" is not an amount "
	    "(decimal point, as the profile says)");
	e = READ(ini, "Date,Amount,Balance\n20/11/2026,-1.00+,\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
	e = READ(ini, "Date,Amount,Balance\n20/11/2026,(1.00)+,\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
	e = READ(ini, "Date,Amount,Balance\n20/11/2026,+,\n", &g, &err);
	EXPECT_EQ_INT(e, AR_ESYNTAX);
}

/*
 * The narrative: the reference columns and the continuation rows, on one
 * line; not the payer.
 */
static void
narrative_is_the_description(void)
{
	const char *ini = "[bank.b]\nvalue_date = Date\namount = Amount\n"
	    "reference = Description, Ref\npayer = Name\n"
	    "default_currency = MYR\n";
	struct got g;
	struct ar_error err;
	ar_err e;

	e = READ(ini, "Date,Description,Name,Ref,Amount\n"
	    "20/11/2026,\"IBG CREDIT\r\nACME\",ACME SDN BHD,INV 1,1.00\n"
	    ",RUNS ON,,,\n"
	    "21/11/2026,,KEDAI,,2.00\n", &g, &err);
	if (e != AR_OK)
		printf("#   %ld: %s\n", err.line, err.message);
	EXPECT_EQ_INT(e, AR_OK);
	EXPECT_EQ_INT(g.n, 2);
	EXPECT(strcmp(g.t[0].narrative, "IBG CREDIT ACME INV 1 RUNS ON") == 0);
	EXPECT(strcmp(g.t[1].narrative, "") == 0);
}

static void
profile_errors(void)
{
	struct bankcsv_profile p;
	char msg[768];

	EXPECT_EQ_INT(profile("[bank.b]\nvalue_date = D\n", "c", &p, msg,
	    sizeof msg), AR_ECONFIG);
	EXPECT(strstr(msg, "no [bank.c] profile") != NULL);
	EXPECT_EQ_INT(profile("[bank.b]\nvalue_date = D\n", "B", &p, msg,
	    sizeof msg), AR_ECONFIG);
	EXPECT(strstr(msg, "no amount column") != NULL);
	EXPECT_EQ_INT(profile("[bank.b]\namount = A\n", "b", &p, msg,
	    sizeof msg), AR_ECONFIG);
	EXPECT_EQ_INT(profile("[bank.b]\nvalue_date = D\namount = A\ncredit = C\n",
	    "b", &p, msg, sizeof msg), AR_ECONFIG);
	EXPECT_EQ_INT(profile("[bank.b]\nvalue_date = D\ncredit = C\n"
	    "debit_credit = X\n", "b", &p, msg, sizeof msg), AR_ECONFIG);
	EXPECT_EQ_INT(profile("[bank.b]\nvalue_date = D,,E\namount = A\n", "b",
	    &p, msg, sizeof msg), AR_ECONFIG);
}

int
main(void)
{
	RUN(preamble_and_cr_lines);
	RUN(decimal_comma_and_date_format);
	RUN(credit_and_debit_columns);
	RUN(indicator_and_sign);
	RUN(no_header);
	RUN(running_balance);
	RUN(encodings);
	RUN(errors_name_the_line);
	RUN(continuation_rows);
	RUN(short_rows);
	RUN(skip_values);
	RUN(currency_symbols);
	RUN(trailing_sign);
	RUN(narrative_is_the_description);
	RUN(profile_errors);
	return test_summary();
}
