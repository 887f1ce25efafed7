/*
 * strtab.c - interned strings: open addressing over 32-byte slots.
 *
 * A slot holds the hash, the id and, for keys of up to SLOT_INLINE bytes
 * (every customer number we have met), the key itself: a lookup then
 * touches one cache line.  Longer keys are compared in the arena.
 */
#include "core/strtab.h"

#include "core/bigmem.h"

#include <stdlib.h>
#include <string.h>

#define SLOT_INLINE 23

struct slot {
	uint32_t hash;
	uint32_t id1;              /* id + 1; 0 marks an empty slot */
	uint8_t len;               /* key length when <= SLOT_INLINE, else 255 */
	char key[SLOT_INLINE];
};

/*
 * The keys live in blocks that never move once made, so that a key's
 * pointer stays good while the table grows (a register keeps them).
 */
struct block {
	struct block *prev;
	size_t used, cap;
	char bytes[];
};

struct strtab {
	struct slot *slots;
	size_t mask;        /* slot count - 1; slot count is a power of two */
	struct block *arena;  /* the newest block of keys, each followed by a NUL */
	const char **key;   /* key[id] */
	uint32_t *len;      /* len[id] */
	size_t count, cap;  /* keys stored, and room in key/len */
};

/* FNV-1a, then a final mix so that the low bits used for the slot are good. */
static uint32_t
hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	h ^= h >> 16;
	h *= 0x7feb352du;
	h ^= h >> 15;
	return h;
}

/* n empty slots, in huge pages when large (bigmem.h): each lookup lands on a random slot. */
static struct slot *
new_slots(size_t n)
{
	if (n > SIZE_MAX / sizeof(struct slot))
		return NULL;
	return bigmem_zeroed(n * sizeof(struct slot));
}

struct strtab *
strtab_new(size_t expected)
{
	struct strtab *t = calloc(1, sizeof *t);
	size_t n = 64;

	if (t == NULL)
		return NULL;
	while (n < expected * 2)   /* load stays at or under one half */
		n <<= 1;
	t->slots = new_slots(n);
	if (t->slots == NULL) {
		free(t);
		return NULL;
	}
	t->mask = n - 1;
	return t;
}

void
strtab_free(struct strtab *t)
{
	if (t == NULL)
		return;
	free(t->slots);
	while (t->arena != NULL) {
		struct block *b = t->arena;

		t->arena = b->prev;
		free(b);
	}
	free(t->key);
	free(t->len);
	free(t);
}

/*
 * a[0..n) == b[0..n) for a short key, without a call: memcmp's call and
 * dispatch cost more than the compare of a customer number.
 */
static inline bool
same_short(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	size_t i = 0;

	for (; n - i >= 8; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return false;
	}
	for (; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static inline bool
slot_matches(const struct strtab *t, const struct slot *sl, uint32_t h,
    const char *s, size_t len)
{
	if (sl->hash != h)
		return false;
	if (len <= SLOT_INLINE)
		return sl->len == len && same_short(sl->key, s, len);
	return sl->len == 255 && t->len[sl->id1 - 1] == len &&
	    memcmp(t->key[sl->id1 - 1], s, len) == 0;
}

void
strtab_prefetch(const struct strtab *t, const char *s, size_t len)
{
	__builtin_prefetch(&t->slots[hash_bytes(s, len) & t->mask]);
}

bool
strtab_find(const struct strtab *t, const char *s, size_t len, uint32_t *id)
{
	uint32_t h = hash_bytes(s, len);

	for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
		const struct slot *sl = &t->slots[i];

		if (sl->id1 == 0)
			return false;
		if (slot_matches(t, sl, h, s, len)) {
			*id = sl->id1 - 1;
			return true;
		}
	}
}

static ar_err
grow_slots(struct strtab *t)
{
	size_t n = (t->mask + 1) * 2;
	struct slot *slots = new_slots(n);

	if (slots == NULL)
		return AR_ENOMEM;
	for (size_t i = 0; i <= t->mask; i++) {
		size_t j;

		if (t->slots[i].id1 == 0)
			continue;
		for (j = t->slots[i].hash & (n - 1); slots[j].id1 != 0; j = (j + 1) & (n - 1))
			;
		slots[j] = t->slots[i];
	}
	free(t->slots);
	t->slots = slots;
	t->mask = n - 1;
	return AR_OK;
}

static ar_err
store_key(struct strtab *t, const char *s, size_t len)
{
	if (t->count == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		const char **key = realloc(t->key, cap * sizeof *key);
		uint32_t *lens;

		if (key == NULL)
			return AR_ENOMEM;
		t->key = key;
		lens = realloc(t->len, cap * sizeof *lens);
		if (lens == NULL)
			return AR_ENOMEM;
		t->len = lens;
		t->cap = cap;
	}
	if (t->arena == NULL || t->arena->cap - t->arena->used < len + 1) {
		/* A new block, twice the last (up to 1 MiB), or the key's size. */
		size_t cap = t->arena == NULL ? 4096 : t->arena->cap < (1u << 20) ?
		    t->arena->cap * 2 : t->arena->cap;
		struct block *b;

		if (cap < len + 1)
			cap = len + 1;
		if ((b = malloc(sizeof *b + cap)) == NULL)
			return AR_ENOMEM;
		b->prev = t->arena;
		b->used = 0;
		b->cap = cap;
		t->arena = b;
	}
	{
		char *k = t->arena->bytes + t->arena->used;

		memcpy(k, s, len);
		k[len] = '\0';
		t->key[t->count] = k;
	}
	t->len[t->count] = (uint32_t)len;
	t->arena->used += len + 1;
	t->count++;
	return AR_OK;
}

ar_err
strtab_intern(struct strtab *t, const char *s, size_t len, uint32_t *id, bool *added)
{
	uint32_t h = hash_bytes(s, len);
	struct slot *sl;
	size_t i;
	ar_err err;

	if (len > UINT32_MAX || t->count >= UINT32_MAX - 1)
		return AR_ERANGE;
	for (i = h & t->mask; t->slots[i].id1 != 0; i = (i + 1) & t->mask) {
		if (slot_matches(t, &t->slots[i], h, s, len)) {
			*id = t->slots[i].id1 - 1;
			if (added)
				*added = false;
			return AR_OK;
		}
	}
	if ((err = store_key(t, s, len)) != AR_OK)
		return err;
	sl = &t->slots[i];
	sl->hash = h;
	sl->id1 = (uint32_t)t->count;
	if (len <= SLOT_INLINE) {
		sl->len = (uint8_t)len;
		memcpy(sl->key, s, len);
	} else {
		sl->len = 255;
	}
	*id = (uint32_t)t->count - 1;
	if (added)
		*added = true;
	if (t->count * 2 > t->mask + 1)
		return grow_slots(t);
	return AR_OK;
}

const char *
strtab_key(const struct strtab *t, uint32_t id)
{
	return t->key[id];
}

size_t
strtab_key_len(const struct strtab *t, uint32_t id)
{
	return t->len[id];
}

size_t
strtab_count(const struct strtab *t)
{
	return t->count;
}
