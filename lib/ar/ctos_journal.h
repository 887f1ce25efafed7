/*
 * ctos_journal.h - what the collections journal says for the credit-bureau
 * listing (issue 16): the notice of intended listing each debtor was sent,
 * the disputes open on its items, and the payments recorded.
 *
 *   notice   a letter row at level [ctos] notice_level (when it is not 0),
 *            or a ctos_notice row; its date and ref
 *   payment  a promise_kept row: the day the debtor paid as promised
 *   judgment a legal_stage row of a case (ar-legal: doc_no the case, channel
 *            its type, level its stage) at or past its type's judgment
 *            (legal_judgment_level) and not an end: the earliest such day
 *   dispute  as journal.h reads it: a dispute row on the document (or the
 *            whole account, empty doc_no) that no dispute_resolved follows
 *
 * Rows dated after the as-of date are not yet known and are ignored, as
 * every reader of the journal does.
 */
#ifndef CTOS_JOURNAL_H
#define CTOS_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "ar/ctos.h"
#include "ar/items.h"
#include "core/csvio.h"
#include "core/date.h"
#include "core/errors.h"

struct ctos_journal_facts {
	civil_day notice_date;       /* the latest notice on or before as-of - notice_days; DATE_NONE */
	const char *notice_ref;      /* its ref ("" when none) */
	civil_day notice_latest;     /* the latest notice on or before as-of; DATE_NONE */
	civil_day paid_date;         /* the latest promise_kept; DATE_NONE */
	civil_day judgment_date;     /* the first legal_stage at or past its type's judgment; DATE_NONE */
};

struct ctos_journal;

/* NULL when out of memory; free with ctos_journal_free. */
struct ctos_journal *ctos_journal_new(const struct ctos_policy *p, civil_day as_of,
    currency_id default_currency);
void ctos_journal_free(struct ctos_journal *j);

/*
 * Read a journal stream: a missing date, customer or action column (line
 * 1), a bad row (journal.h) or the reader's own error stops the read with
 * *e.  AR_ENOMEM.
 */
ar_err ctos_journal_load(struct ctos_journal *j, struct csvio_reader *r,
    const struct item_format *fmt, struct ar_error *e);

/* A customer's facts, NULL when the journal names none of them.  Valid until ctos_journal_free. */
const struct ctos_journal_facts *ctos_journal_find(const struct ctos_journal *j,
    const char *customer, size_t len);

/* Whether the customer's doc_no (or its whole account) is under an open dispute. */
bool ctos_journal_disputed(struct ctos_journal *j, const char *customer, size_t len,
    const char *doc_no, size_t dlen);

#endif
