/*
 * fuzz_ctos_state.c - libFuzzer target for the credit-bureau state file
 * (ar/ctos_state.h), the file ar-ctos --commit writes and reads back the
 * next month.  The input is the file.
 * Invariants checked (abort on breach, so libFuzzer reports it):
 *   - a refused file says why: a message, at a line of the file;
 *   - a state read is written out and read again to the same debtors,
 *     items and amounts (what --commit writes, the next month reads), and
 *     the second write is the same bytes as the first;
 *   - every item read has both amounts above zero and a due and listing date.
 */
#define _GNU_SOURCE	/* fmemopen, open_memstream */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ar/ctos_state.h"
#include "core/currency.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static struct ctos_state *
read_state(const char *data, size_t size, currency_id myr, ar_err *err, struct ar_error *e)
{
	struct csvio_opts opts = CSVIO_OPTS_DEFAULT;
	struct csvio_reader *r = NULL;
	struct ctos_state *s = ctos_state_new(myr);
	FILE *fp = fmemopen((void *)data, size ? size : 1, "r");

	CHECK(s != NULL && fp != NULL);
	if (size == 0)
		fgetc(fp);
	memset(e, 0, sizeof *e);
	*err = csvio_reader_from_stream(&r, fp, "fuzz", &opts);
	if (*err == AR_OK)
		*err = ctos_state_load(s, r, e);
	else
		*e = *csvio_error(r);
	csvio_reader_close(r);
	fclose(fp);
	return s;
}

static char *
write_state(const struct ctos_state *s, currency_id myr, size_t *len)
{
	char *text = NULL;
	FILE *fp = open_memstream(&text, len);
	struct csvio_writer w;

	CHECK(fp != NULL);
	csvio_writer_init(&w, fp, ',', false);
	ctos_state_write_header(&w);
	for (size_t i = 0; i < ctos_state_count(s); i++)
		ctos_state_write_debtor(&w, ctos_state_debtor(s, i), myr);
	CHECK(fclose(fp) == 0);
	return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	currency_id myr;
	struct ar_error e;
	ar_err err;
	struct ctos_state *s, *back;
	size_t len, len2;
	char *text, *text2;

	CHECK(currency_lookup("MYR", 3, &myr) == AR_OK);
	s = read_state((const char *)data, size, myr, &err, &e);
	if (err != AR_OK) {
		CHECK(err == AR_ENOMEM || (e.message[0] != '\0' && e.line >= 0));
		ctos_state_free(s);
		return 0;
	}
	for (size_t i = 0; i < ctos_state_count(s); i++) {
		const struct ctos_state_debtor *d = ctos_state_debtor(s, i);

		CHECK(d->nitems > 0 && d->customer[0] != '\0');
		for (size_t k = 0; k < d->nitems; k++)
			CHECK(d->items[k].original > 0 && d->items[k].outstanding > 0 &&
			    d->items[k].due_date != DATE_NONE && d->items[k].listing_date != DATE_NONE);
	}
	text = write_state(s, myr, &len);
	back = read_state(text, len, myr, &err, &e);
	CHECK(err == AR_OK && ctos_state_count(back) == ctos_state_count(s));
	for (size_t i = 0; i < ctos_state_count(s); i++) {
		const struct ctos_state_debtor *a = ctos_state_debtor(s, i);
		const struct ctos_state_debtor *b = ctos_state_debtor(back, i);

		CHECK(strcmp(a->customer, b->customer) == 0 && a->nitems == b->nitems &&
		    strcmp(a->id_new, b->id_new) == 0 && a->notice_date == b->notice_date);
		for (size_t k = 0; k < a->nitems; k++)
			CHECK(strcmp(a->items[k].doc_no, b->items[k].doc_no) == 0 &&
			    a->items[k].outstanding == b->items[k].outstanding &&
			    a->items[k].original == b->items[k].original &&
			    a->items[k].doc_date == b->items[k].doc_date);
	}
	text2 = write_state(back, myr, &len2);
	CHECK(len == len2 && memcmp(text, text2, len) == 0);
	free(text);
	free(text2);
	ctos_state_free(back);
	ctos_state_free(s);
	return 0;
}
