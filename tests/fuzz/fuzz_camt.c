/*
 * fuzz_camt.c - libFuzzer target for camt_read.
 *
 * The input is the XML document, read through fmemopen.  Invariants
 * (abort on breach, so libFuzzer reports it):
 *   - the result is AR_OK or an error with a non-empty message;
 *   - every text handed out is NUL-terminated within its field and valid
 *     UTF-8;
 *   - when AR_OK, each statement with both balances satisfies
 *     opening + sum of its transactions = closing.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source/camt.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

struct acc {
	unsigned long seq;  /* statement being summed (two may share a line) */
	struct bank_statement st;
	int64_t sum;
	int bad;            /* a finished statement did not balance */
};

/* NUL within cap, and well-formed UTF-8 (no cut sequence, no stray byte). */
static int
utf8_ok(const char *s, size_t cap)
{
	size_t n = strnlen(s, cap), i = 0, k, j;

	if (n == cap)
		return 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80)
			k = 0;
		else if (c >= 0xC2 && c <= 0xDF)
			k = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			k = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			k = 3;
		else
			return 0;
		if (i + k >= n + (k == 0 ? 1 : 0) && k > 0)
			return 0;
		for (j = 1; j <= k; j++)
			if (((unsigned char)s[i + j] & 0xC0) != 0x80)
				return 0;
		i += k + 1;
	}
	return 1;
}

static void
close_st(struct acc *a)
{
	if (a->seq != 0 && a->st.has_opening && a->st.has_closing &&
	    a->st.opening + a->sum != a->st.closing)
		a->bad = 1;
}

static ar_err
on_txn(void *ctx, const struct bank_statement *st, const struct bank_txn *t)
{
	struct acc *a = ctx;

	CHECK(utf8_ok(st->id, sizeof st->id));
	CHECK(utf8_ok(st->account, sizeof st->account));
	CHECK(utf8_ok(t->bank_ref, sizeof t->bank_ref));
	CHECK(utf8_ok(t->end_to_end, sizeof t->end_to_end));
	CHECK(utf8_ok(t->payer, sizeof t->payer));
	CHECK(utf8_ok(t->payer_account, sizeof t->payer_account));
	CHECK(utf8_ok(t->reference, sizeof t->reference));
	CHECK(utf8_ok(t->type_code, sizeof t->type_code));
	CHECK(t->value_date != DATE_NONE);
	if (st->seq != a->seq) {
		close_st(a);
		a->seq = st->seq;
		a->sum = 0;
	}
	a->st = *st;
	a->sum += t->amount;   /* reader checked overflow already */
	return AR_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct acc a;
	struct ar_error err;
	FILE *fp;
	ar_err rc;

	if (size == 0)
		return 0;
	fp = fmemopen((void *)data, size, "r");
	if (fp == NULL)
		return 0;
	memset(&a, 0, sizeof a);
	rc = camt_read(fp, "fuzz", on_txn, &a, &err);
	fclose(fp);
	if (rc != AR_OK) {
		CHECK(err.message[0] != '\0');
		CHECK(utf8_ok(err.message, sizeof err.message));
		return 0;
	}
	close_st(&a);
	CHECK(!a.bad);
	return 0;
}
