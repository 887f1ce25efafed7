/*
 * dunning_sends.h - the sends of a dunning run gathered with their items,
 * for the documents (dunning_docs.h): the decisions are made on a first
 * pass over the items (ar/dunning.h keeps sums, not items); a second pass
 * hands each item to dunning_sends_add_item, which keeps those of the
 * sends only.  Memory follows the letters written, not the ledger.
 */
#ifndef DUNNING_SENDS_H
#define DUNNING_SENDS_H

#include <stddef.h>
#include <stdint.h>

#include "ar/dunning.h"
#include "core/errors.h"
#include "report/dunning_docs.h"

struct dunning_sends;

ar_err dunning_sends_new(struct dunning_sends **out);
void dunning_sends_free(struct dunning_sends *s);

/* Register decision x (a send) of customer id (which must outlive s) in language lang. */
ar_err dunning_sends_add(struct dunning_sends *s, const struct dunning_decision *x,
    const char *id, const struct customer *c, enum report_lang lang);

/*
 * One item of the second pass: kept when its customer and currency is a
 * send and dunning_item_line puts it in the letter.  AR_ECONFIG (a
 * customer's interest_rate), AR_ENOMEM.
 */
ar_err dunning_sends_add_item(struct dunning_sends *s, struct dunning *d, uint32_t customer,
    currency_id cur, const char *doc_no, size_t len, civil_day doc_date, civil_day due,
    int64_t amount, bool disputed);

/*
 * Sort each send's lines (by due date, then doc_no) and check them: their
 * amounts sum to the decision's overdue_amount and their interest to its
 * interest.  AR_EINVARIANT with *e naming the send otherwise.
 */
ar_err dunning_sends_finish(struct dunning_sends *s, struct ar_error *e);

size_t dunning_sends_count(const struct dunning_sends *s);

/* Send i (0 .. count - 1), in the order added; its x.channels may be changed. */
struct dunning_doc *dunning_sends_get(struct dunning_sends *s, size_t i);

#endif
