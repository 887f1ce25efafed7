/*
 * fuzz_bankcsv.c - libFuzzer target for the bank CSV reader (lib/source/bankcsv.c).
 *
 * The first byte of the input picks one of three profiles (built here,
 * not from ar.ini: the fuzzer exercises the reader, fuzz_config the INI):
 *   0  comma, decimal point, header with a running balance, a preamble;
 *   1  semicolon, decimal comma, no header, credit and debit columns;
 *   2  tab, CP1252, strptime dates, an amount with a D/C indicator.
 * The rest is the file.  Checks, besides the sanitizers: an error has a
 * message; every text handed over is NUL-terminated and its row's line is
 * at least 1; amounts fit the sign the profile allows.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "source/bankcsv.h"

#define TERMINATED(a) (memchr((a), '\0', sizeof(a)) != NULL)

static ar_err
check(void *ctx, const struct bank_statement *st, const struct bank_txn *t)
{
	(void)ctx;
	if (!TERMINATED(st->id) || !TERMINATED(st->account) ||
	    !TERMINATED(t->payer) || !TERMINATED(t->payer_account) ||
	    !TERMINATED(t->reference) || !TERMINATED(t->bank_ref) ||
	    !TERMINATED(t->channel) || !TERMINATED(t->ref1) ||
	    !TERMINATED(t->ref2))
		abort();
	if (t->line < 1 || t->value_date == DATE_NONE)
		abort();
	return AR_OK;
}

static void
cols(struct bankcsv_profile *p, enum bankcsv_col c, const char *captions)
{
	if (caption_list_parse(captions, &p->col[c]) != AR_OK)
		abort();
	p->has[c] = true;
}

static void
setup(struct bankcsv_profile *p, int which)
{
	memset(p, 0, sizeof *p);
	strcpy(p->name, "fuzz");
	strcpy(p->encoding, "utf-8");
	p->header = true;
	p->delimiter = ',';
	p->decimal = MONEY_DECIMAL_POINT;
	p->dates.order = DATE_DAY_FIRST;
	caption_list_parse("C,CR,CRDT,Credit", &p->credit_values);
	caption_list_parse("D,DR,DBIT,Debit", &p->debit_values);
	if (currency_lookup("MYR", 3, &p->currency) != AR_OK)
		abort();
	switch (which) {
	case 0:
		cols(p, BANKCSV_VALUE_DATE, "Date, Posting Date");
		cols(p, BANKCSV_AMOUNT, "Amount");
		cols(p, BANKCSV_BALANCE, "Balance");
		cols(p, BANKCSV_CURRENCY, "Currency");
		p->has[BANKCSV_CURRENCY] = false;      /* optional: not required */
		cols(p, BANKCSV_REFERENCE, "Description, Ref");
		break;
	case 1:
		p->header = false;
		p->delimiter = ';';
		p->decimal = MONEY_DECIMAL_COMMA;
		p->skip_lines = 1;
		cols(p, BANKCSV_BOOKING_DATE, "1");
		cols(p, BANKCSV_VALUE_DATE, "3");
		cols(p, BANKCSV_CREDIT, "4");
		cols(p, BANKCSV_DEBIT, "5");
		cols(p, BANKCSV_REFERENCE, "2");
		break;
	default:
		p->delimiter = '\t';
		strcpy(p->encoding, "cp1252");
		strcpy(p->date_format, "%d %b %y");
		p->negate = true;
		cols(p, BANKCSV_VALUE_DATE, "Date");
		cols(p, BANKCSV_AMOUNT, "Amount");
		cols(p, BANKCSV_DEBIT_CREDIT, "DC");
		cols(p, BANKCSV_PAYER, "Name");
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bankcsv_profile p;
	struct ar_error err;
	FILE *fp;
	ar_err e;

	if (size < 1)
		return 0;
	setup(&p, data[0] % 3);
	fp = fmemopen((void *)(data + 1), size - 1 ? size - 1 : 1, "r");
	if (fp == NULL)
		return 0;
	if (size == 1)
		fgetc(fp);      /* an empty file: fmemopen wants one byte */
	e = bankcsv_read(fp, "fuzz", &p, check, NULL, &err);
	fclose(fp);
	if (e != AR_OK && err.message[0] == '\0')
		abort();
	if (!TERMINATED(err.message))
		abort();
	return 0;
}
