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

/* A debtor's items read back. */
struct ctos_spill_items {
	struct ctos_item *items;
	size_t n, cap;
};

/*
 * Read every item back, each into out[slot[debtor]] when that is not
 * negative (slot has ndebtors entries; a debtor beyond them is not
 * wanted).  The items' doc_nos are the spill's, valid until
 * ctos_spill_forget or ctos_spill_close.  May be called again (another
 * slot, in passes over the file).  AR_EIO with errno set, AR_ENOMEM.
 */
ar_err ctos_spill_gather(struct ctos_spill *s, const int32_t *slot, size_t ndebtors,
    struct ctos_spill_items *out);

/* Called with the i-th debtor of ctos_spill_passes and its items (valid during the call). */
typedef void ctos_spill_fn(void *arg, size_t i, const struct ctos_spill_items *items);

/*
 * Read back the items of debtors ids[0..n) (each < ndebtors, each once),
 * lines[i] the count put for ids[i], and call fn for each in order, in
 * passes over the file of at most budget items (a debtor with more is read
 * alone): memory follows budget, not the file.  AR_EIO with errno set,
 * AR_ENOMEM; fn is not called after an error.
 */
ar_err ctos_spill_passes(struct ctos_spill *s, const uint32_t *ids, const size_t *lines,
    size_t n, size_t ndebtors, size_t budget, ctos_spill_fn *fn, void *arg);

/* Free the doc_nos of every gather so far. */
void ctos_spill_forget(struct ctos_spill *s);

/* Free it's array (not the doc_nos: ctos_spill_forget) and empty it. */
void ctos_spill_items_free(struct ctos_spill_items *it);

#endif
