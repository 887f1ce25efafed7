/*
 * item_keys.h - telling the same item read twice: a file given twice, an
 * extract appended to itself.  An item is its customer, company, doc_no,
 * doc_type and, when the input has one, its line column (the line of a
 * document split over several due dates); amounts and dates are not part
 * of it, so a re-extract with a changed amount is caught as well.
 *
 * The one table that follows the items, not the customers: 16 bytes an
 * item, a fingerprint of its key and where it was first seen.  Two keys
 * share a 64-bit fingerprint by chance about once in 10^12 runs of ten
 * million items; the text is not kept, so that is the price of the bound.
 * [aging] duplicates = allow does without it.
 */
#ifndef ITEM_KEYS_H
#define ITEM_KEYS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/errors.h"
#include "core/csvio.h"
#include "ar/items.h"

/* Where an item was first seen: the input's number (0 for the first) and line. */
struct item_origin {
	uint32_t input;
	uint32_t line;
};

struct item_keys;

/* An empty set; the caller frees it with item_keys_free.  NULL: out of memory. */
struct item_keys *item_keys_new(void);
void item_keys_free(struct item_keys *k);

/*
 * Note the item of rec (columns cols; cols->line may be -1) seen in input
 * at line.  *seen says whether the same key was noted before, and *first
 * where.  Items without a doc_no are not noted (*seen false): nothing tells
 * two of them apart.  AR_ENOMEM.
 */
ar_err item_keys_note(struct item_keys *k, const struct csvio_record *rec,
    const struct item_columns *cols, struct item_origin here, bool *seen,
    struct item_origin *first);

/*
 * The same in two steps, for a batch of items: the fingerprint of rec's
 * key (0: no doc_no, nothing to note), whose slot item_keys_prefetch asks
 * the cache for while other items are worked on, then item_keys_note_key.
 */
uint64_t item_keys_fingerprint(const struct csvio_record *rec, const struct item_columns *cols);
void item_keys_prefetch(const struct item_keys *k, uint64_t fingerprint);
ar_err item_keys_note_key(struct item_keys *k, uint64_t fingerprint, struct item_origin here,
    bool *seen, struct item_origin *first);

#endif
