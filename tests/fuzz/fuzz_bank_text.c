/*
 * fuzz_bank_text.c - libFuzzer target for what ar-match reads out of a
 * bank's free text: document numbers (docref) and payer names
 * (payer_name).  The input is the text, as a bank would send it.
 * Invariants checked (abort on breach, so libFuzzer reports it):
 *   - docref_extract never reads past the text (the copy is exactly its
 *     length), keeps at most DOCREF_MAX keys, each non-empty, shorter than
 *     DOCREF_KEY_SIZE, of ASCII letters and digits only, each its own key,
 *     none twice; a second extract over the same list adds nothing;
 *   - docref_near is symmetric and false for equal keys;
 *   - payer_name_normalise either fails or gives at most PAYER_NAME_MAX
 *     bytes of valid UTF-8 that normalise to themselves;
 *   - payer_name_similarity is symmetric, 0..100, 100 for a name with
 *     itself.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ar/docref.h"
#include "ar/payer_name.h"
#include "core/utf8.h"

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static bool
is_key_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static void
check_docref(const char *text, size_t len)
{
	static struct docref_list list;
	size_t added;

	docref_list_clear(&list);
	added = docref_extract(text, len, &list);
	CHECK(added == list.n && list.n <= DOCREF_MAX);
	for (size_t i = 0; i < list.n; i++) {
		char again[DOCREF_KEY_SIZE];
		size_t klen = strlen(list.key[i]);

		CHECK(klen > 0 && klen < DOCREF_KEY_SIZE);
		for (size_t k = 0; k < klen; k++)
			CHECK(is_key_char(list.key[i][k]));
		CHECK(docref_key(list.key[i], klen, again, sizeof again) == klen);
		CHECK(strcmp(again, list.key[i]) == 0);
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(list.key[i], list.key[j]) != 0);
		if (i > 0) {
			size_t plen = strlen(list.key[i - 1]);

			CHECK(docref_near(list.key[i], klen, list.key[i - 1], plen) ==
			    docref_near(list.key[i - 1], plen, list.key[i], klen));
		}
		CHECK(!docref_near(list.key[i], klen, list.key[i], klen));
	}
	CHECK(docref_extract(text, len, &list) == 0 || list.truncated);
}

static void
check_payer_name(const char *text, size_t len)
{
	char a[PAYER_NAME_SIZE], b[PAYER_NAME_SIZE];
	size_t alen, blen;
	size_t half = len / 2;

	if (payer_name_normalise(text, len, a, sizeof a, &alen) != AR_OK)
		return;
	CHECK(alen <= PAYER_NAME_MAX && utf8_valid(a, alen) && strlen(a) == alen);
	CHECK(payer_name_normalise(a, alen, b, sizeof b, &blen) == AR_OK);
	CHECK(blen == alen && memcmp(a, b, alen) == 0);
	if (alen > 0)
		CHECK(payer_name_similarity(a, alen, a, alen) == 100);
	/* The text's halves as two names, when each reads. */
	half = utf8_cut(text, half);
	if (payer_name_normalise(text, half, a, sizeof a, &alen) == AR_OK &&
	    payer_name_normalise(text + half, len - half, b, sizeof b, &blen) == AR_OK) {
		int ab = payer_name_similarity(a, alen, b, blen);

		CHECK(ab >= 0 && ab <= 100);
		CHECK(ab == payer_name_similarity(b, blen, a, alen));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size ? size : 1);   /* exactly size bytes: no NUL to lean on */

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	check_docref(text, size);
	check_payer_name(text, size);
	free(text);
	return 0;
}
