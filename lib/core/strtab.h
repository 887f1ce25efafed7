/*
 * strtab.h - interned strings with dense ids, for customer keys.
 *
 * Aging looks up the customer of every row; at 50k customers that lookup
 * costs as much as parsing the row, and almost all of it is cache misses.
 * So: open addressing over 32-byte slots that hold the hash, the id and a
 * short key itself (probed linearly: one cache line per lookup), every key
 * also packed in one arena, and a dense id per key that callers use to
 * index plain arrays.
 */
#ifndef STRTAB_H
#define STRTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/errors.h"

struct strtab;

/* A table sized for about `expected` keys (it grows past that). Caller frees. */
struct strtab *strtab_new(size_t expected);
void strtab_free(struct strtab *t);

/*
 * The id of s[0..len), adding it (copied) when new; *added says which.
 * Ids are 0, 1, 2, ... in order of first appearance.  AR_ENOMEM on failure.
 */
ar_err strtab_intern(struct strtab *t, const char *s, size_t len,
    uint32_t *id, bool *added);

/* Start loading the slot s[0..len) hashes to, ahead of an intern or find. */
void strtab_prefetch(const struct strtab *t, const char *s, size_t len);

/* The id of s[0..len) if present. */
bool strtab_find(const struct strtab *t, const char *s, size_t len, uint32_t *id);

/* The key of an id: NUL-terminated, valid while the table lives (more keys do not move it). */
const char *strtab_key(const struct strtab *t, uint32_t id);
size_t strtab_key_len(const struct strtab *t, uint32_t id);

size_t strtab_count(const struct strtab *t);

#endif
