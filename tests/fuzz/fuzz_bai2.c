/*
 * fuzz_bai2.c - libFuzzer target for the BAI2 reader.
 *
 * Checks, besides the sanitizers: the result is AR_OK or an error with a
 * message; every text handed to the callback is NUL-terminated UTF-8
 * (non-UTF-8 input is converted from ISO-8859-1 by the reader).
 */
#include "source/bai2.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Deliberately not the reader's code: decode code points one by one. */
static int
valid_utf8(const char *p)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0, n = strlen(p), k;
	uint32_t cp, min;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			k = 1, cp = s[i] & 0x1f, min = 0x80;
		else if (s[i] >= 0xe0 && s[i] <= 0xef)
			k = 2, cp = s[i] & 0x0f, min = 0x800;
		else if (s[i] >= 0xf0 && s[i] <= 0xf4)
			k = 3, cp = s[i] & 0x07, min = 0x10000;
		else
			return 0;
		for (size_t j = 1; j <= k; j++) {
			if (i + j >= n || (s[i + j] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + j] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += k + 1;
	}
	return 1;
}

#define TERMINATED(a) (memchr((a), '\0', sizeof(a)) != NULL)

static ar_err
check(void *ctx, const struct bank_statement *st, const struct bank_txn *t)
{
	(void)ctx;
	if (!TERMINATED(st->id) || !TERMINATED(st->account) ||
	    !TERMINATED(t->bank_ref) || !TERMINATED(t->end_to_end) ||
	    !TERMINATED(t->payer) || !TERMINATED(t->payer_account) ||
	    !TERMINATED(t->reference) || !TERMINATED(t->type_code))
		abort();
	if (!valid_utf8(st->account) || !valid_utf8(t->bank_ref) ||
	    !valid_utf8(t->end_to_end) || !valid_utf8(t->reference) ||
	    !valid_utf8(t->type_code))
		abort();
	return AR_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ar_error err;
	FILE *fp;
	ar_err e;

	if (size == 0)
		return 0;
	if ((fp = fmemopen((void *)data, size, "r")) == NULL)
		return 0;
	e = bai2_read(fp, "fuzz", check, NULL, &err);
	fclose(fp);
	if (e != AR_OK && (err.message[0] == '\0' ||
	    !TERMINATED(err.message) || !valid_utf8(err.message)))
		abort();
	return 0;
}
