/*
 * ctos_spill.h - the open items of a credit-bureau run kept on disk while
 * the items stream is read, so that memory follows the debtors: once the
 * sums (ctos_tally) have said which debtors may be listed, only their
 * items are read back into memory.
 */
#ifndef CTOS_SPILL_H
#define CTOS_SPILL_H

#include <stddef.h>
#include <stdint.h>

#include "ar/ctos.h"
#include "core/errors.h"

struct ctos_spill;

/* A spill in a temporary file (tmpfile(3)); AR_EIO with errno set, AR_ENOMEM. */
ar_err ctos_spill_open(struct ctos_spill **out);
void ctos_spill_close(struct ctos_spill *s);

/*
 * Keep one item of debtor `debtor`, its doc_no it->doc_no[0..doc_len) (not
 * necessarily terminated; copied).  AR_EIO with errno set.
 */
ar_err ctos_spill_put(struct ctos_spill *s, uint32_t debtor, const struct ctos_item *it,
    size_t doc_len);

/* A debtor's items read back; doc_nos owned by the debtor's items (ctos_spill_items_free). */
struct ctos_spill_items {
	struct ctos_item *items;
	size_t n, cap;
};

/*
 * Read every item back, each into out[slot[debtor]] when that is not
 * negative (slot has ndebtors entries; a debtor beyond them is not
 * wanted).  AR_EIO with errno set, AR_ENOMEM.
 */
ar_err ctos_spill_gather(struct ctos_spill *s, const int32_t *slot, size_t ndebtors,
    struct ctos_spill_items *out);

void ctos_spill_items_free(struct ctos_spill_items *it);

#endif
