/*
 * fuzz_mt940.c - libFuzzer target for mt940_read.
 *
 * The bytes are the file, read through fmemopen.  Invariants checked
 * (abort on breach, so libFuzzer reports it):
 *   - the result is AR_OK or an error with a non-empty message;
 *   - every text handed over is NUL-terminated within its array and
 *     valid UTF-8;
 *   - each transaction is in its statement's currency, and when AR_OK the
 *     statement's opening balance plus its movements never overflows
 *     (the reader checks against the closing balance itself; the closing
 *     balance is not yet known when the callback runs, so that check is
 *     exercised by the corpus test instead).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/utf8.h"
#include "source/mt940.h"
#include "source/mt940_int.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

struct run {
	unsigned long st_seq;   /* statement being summed (two may share a line) */
	int64_t running;
	bool overflow;
};

static void
check_text(const char *s, size_t size)
{
	size_t len = strnlen(s, size);

	CHECK(len < size);
	CHECK(utf8_valid(s, len));
}

static ar_err
cb(void *ctx, const struct bank_statement *st, const struct bank_txn *t)
{
	struct run *r = ctx;

	check_text(t->reference, sizeof t->reference);
	check_text(t->payer, sizeof t->payer);
	check_text(t->payer_account, sizeof t->payer_account);
	check_text(t->bank_ref, sizeof t->bank_ref);
	check_text(t->end_to_end, sizeof t->end_to_end);
	check_text(t->type_code, sizeof t->type_code);
	check_text(st->id, sizeof st->id);
	check_text(st->account, sizeof st->account);
	CHECK(t->currency == st->currency && currency_code(t->currency) != NULL);
	if (st->seq != r->st_seq) {
		r->st_seq = st->seq;
		r->running = st->has_opening ? st->opening : 0;
	}
	if (money_add(&r->running, t->amount) != AR_OK)
		r->overflow = true;
	return AR_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ar_error err;
	struct run r = { -1, 0, false };
	FILE *fp;
	ar_err e;

	if (size == 0)
		return 0;
	fp = fmemopen((void *)data, size, "r");
	if (fp == NULL)
		return 0;
	e = mt940_read(fp, "fuzz", cb, &r, &err);
	fclose(fp);
	if (e != AR_OK)
		CHECK(err.message[0] != '\0' && strnlen(err.message,
		    sizeof err.message) < sizeof err.message);
	else
		CHECK(!r.overflow);
	return 0;
}
