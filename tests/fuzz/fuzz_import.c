/*
 * fuzz_import.c - libFuzzer target for ar-import's reader (import.c).
 *
 * Input: one option byte, then the extract.  The option byte picks the
 * built-in profile (low two bits: sap-fbl5n, sap-fbl5n-spreadsheet,
 * erpnext, generic) and the character set (bits 2-3: none, cp1252,
 * utf-16le, big5).
 *
 * Checks, besides the sanitizers:
 * - every item has a stream doc_type, a currency, a date, a customer, and
 *   a line that never goes back;
 * - the items add up to the summary's sums, and its counts to the items;
 * - list layout: every line read is an item, a header, a subtotal, a
 *   total or another line, once (but the line in error);
 * - an error has a message and a line no greater than the lines read.
 */
#define _GNU_SOURCE	/* fmemopen */
#include "source/import.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const profiles[] = {
	"sap-fbl5n", "sap-fbl5n-spreadsheet", "erpnext", "generic"
};
static const char *const encodings[] = { NULL, "cp1252", "utf-16le", "big5" };

struct seen {
	long n, last_line;
	int64_t sum[IMPORT_CURRENCIES_MAX];
	currency_id cur[IMPORT_CURRENCIES_MAX];
	size_t ncur;
};

static ar_err
on_item(void *ctx, const struct import_item *it)
{
	static const char *const types[] = { "", "INV", "CN", "DN", "PAY",
	    "ADJ", "INT", "FEE" };
	struct seen *s = ctx;
	size_t i;
	int ok = 0;

	for (i = 0; i < sizeof types / sizeof types[0]; i++)
		ok |= strcmp(it->doc_type, types[i]) == 0;
	if (!ok || it->customer[0] == '\0' ||
	    (it->doc_date == DATE_NONE && it->due_date == DATE_NONE) ||
	    it->line < s->last_line || it->line < 1)
		abort();
	s->last_line = it->line;
	s->n++;
	for (i = 0; i < s->ncur && s->cur[i] != it->currency; i++)
		continue;
	if (i == s->ncur) {
		if (s->ncur == IMPORT_CURRENCIES_MAX)
			abort();
		s->cur[s->ncur++] = it->currency;
	}
	s->sum[i] += it->amount;	/* import.c checked the overflow */
	return AR_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct import_profile prof[4];
	static int loaded;
	struct import_summary sum;
	struct ar_error err;
	const struct import_profile *p;
	struct seen s;
	struct textin *t;
	size_t i, k;
	long count;
	FILE *fp;
	ar_err e;
	char msg[256];

	if (!loaded) {
		for (i = 0; i < 4; i++)
			if (import_profile_load(NULL, profiles[i], &prof[i], msg,
			    sizeof msg) != AR_OK)
				abort();
		loaded = 1;
	}
	if (size < 1)
		return 0;
	p = &prof[data[0] & 3];
	if ((fp = fmemopen((void *)(data + 1), size - 1 ? size - 1 : 1, "rb")) == NULL)
		return 0;
	if (size == 1)
		fgetc(fp);	/* an empty file: fmemopen wants a size */
	if (textin_from_stream(&t, fp, "fuzz", encodings[data[0] >> 2 & 3]) != AR_OK) {
		fclose(fp);
		return 0;
	}
	memset(&s, 0, sizeof s);
	e = import_read(t, p, 0, on_item, &s, &sum, &err);
	textin_close(t);
	fclose(fp);
	if (e == AR_ENOMEM)
		return 0;
	if (e != AR_OK) {
		if (err.message[0] == '\0' || err.line < 0)
			abort();
		/* a line that does not convert was not counted yet */
		if (p->layout == IMPORT_LIST && err.line > sum.lines + 1)
			abort();
	}
	if (s.n != sum.items)
		abort();
	for (count = 0, i = 0; i < sum.ncurrencies; i++) {
		count += sum.cur[i].count;
		for (k = 0; k < s.ncur && s.cur[k] != sum.cur[i].currency; k++)
			continue;
		if (k == s.ncur ? sum.cur[i].count != 0 : s.sum[k] != sum.cur[i].items)
			abort();
		if (e == AR_OK && sum.cur[i].has_control &&
		    sum.cur[i].control != sum.cur[i].items)
			abort();
	}
	if (count != sum.items)
		abort();
	/*
	 * List layout: every line read is counted once; after an error the
	 * line in error (read, then refused) is the one not counted.
	 */
	count = sum.items + sum.headers + sum.subtotals + sum.totals + sum.page_lines;
	if (p->layout == IMPORT_LIST && (e == AR_OK ? count != sum.lines :
	    count != sum.lines && count != sum.lines - 1))
		abort();
	if (e == AR_OK && sum.page_lines < 0)
		abort();
	return 0;
}
