/* item_keys.c - fingerprints of the items read (item_keys.h). */
#include "ar/item_keys.h"

#include <stdlib.h>
#include <string.h>

struct slot {
	uint64_t fingerprint;   /* 0: empty */
	struct item_origin origin;
};

struct item_keys {
	struct slot *slots;
	size_t mask;            /* capacity - 1, a power of two */
	size_t count;
};

struct item_keys *
item_keys_new(void)
{
	struct item_keys *k = calloc(1, sizeof *k);

	if (k == NULL)
		return NULL;
	if ((k->slots = calloc(1024, sizeof *k->slots)) == NULL) {
		free(k);
		return NULL;
	}
	k->mask = 1023;
	return k;
}

void
item_keys_free(struct item_keys *k)
{
	if (k == NULL)
		return;
	free(k->slots);
	free(k);
}

/* 64 bits from 64 bits, every input bit reaching every output bit (splitmix64's finaliser). */
static uint64_t
mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9u;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebu;
	return h ^ (h >> 31);
}

/* Fold one field, its length first so that "ab","c" and "a","bc" differ. */
static uint64_t
fold(uint64_t h, const char *s, size_t len)
{
	uint64_t w;

	h = mix(h ^ len);
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = mix(h ^ w) + 0x9e3779b97f4a7c15u;
	}
	w = 0;
	memcpy(&w, s, len);
	return mix(h ^ w);
}

static ar_err
grow(struct item_keys *k)
{
	size_t cap = (k->mask + 1) * 2;
	struct slot *slots = calloc(cap, sizeof *slots);

	if (slots == NULL)
		return AR_ENOMEM;
	for (size_t i = 0; i <= k->mask; i++) {
		size_t j;

		if (k->slots[i].fingerprint == 0)
			continue;
		for (j = k->slots[i].fingerprint & (cap - 1); slots[j].fingerprint != 0; j = (j + 1) & (cap - 1))
			;
		slots[j] = k->slots[i];
	}
	free(k->slots);
	k->slots = slots;
	k->mask = cap - 1;
	return AR_OK;
}

uint64_t
item_keys_fingerprint(const struct csvio_record *rec, const struct item_columns *cols)
{
	const int parts[] = { cols->customer, cols->company, cols->doc_no, cols->doc_type, cols->line };
	uint64_t h = 0x2545f4914f6cdd1du;
	size_t len;

	items_field(rec, cols->doc_no, &len);
	if (len == 0)
		return 0;
	for (size_t p = 0; p < sizeof parts / sizeof *parts; p++) {
		const char *s = items_field(rec, parts[p], &len);

		h = fold(h, s, len);
	}
	return h + (h == 0);
}

void
item_keys_prefetch(const struct item_keys *k, uint64_t fingerprint)
{
	__builtin_prefetch(&k->slots[fingerprint & k->mask]);
}

ar_err
item_keys_note_key(struct item_keys *k, uint64_t h, struct item_origin here, bool *seen,
    struct item_origin *first)
{
	size_t i;

	*seen = false;
	if (h == 0)
		return AR_OK;
	/* At most half full: probes stay short. */
	if (2 * (k->count + 1) > k->mask + 1 && grow(k) != AR_OK)
		return AR_ENOMEM;
	for (i = h & k->mask; k->slots[i].fingerprint != 0; i = (i + 1) & k->mask)
		if (k->slots[i].fingerprint == h) {
			*seen = true;
			*first = k->slots[i].origin;
			return AR_OK;
		}
	k->slots[i].fingerprint = h;
	k->slots[i].origin = here;
	k->count++;
	return AR_OK;
}

ar_err
item_keys_note(struct item_keys *k, const struct csvio_record *rec,
    const struct item_columns *cols, struct item_origin here, bool *seen,
    struct item_origin *first)
{
	return item_keys_note_key(k, item_keys_fingerprint(rec, cols), here, seen, first);
}
