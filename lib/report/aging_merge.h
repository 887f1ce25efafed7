/*
 * aging_merge.h - one aging added into another, by sums and maxima: the
 * aging of a thread's range of a file into the run's (ar-age --jobs), the
 * rows of partial streams into one report (ar-age --merge).
 *
 * A row's figures merge exactly: bucket sums, total, past_due, disputed
 * and items add, oldest_days is the larger, and the doc_no of the oldest
 * overdue debit is the one with the most days, the lowest doc_no among
 * equals (as aging_report_add keeps it), so the order of merging changes
 * nothing but one thing: a customer not in the master is named by the first
 * name merged, so callers merge in the order of the items.
 */
#ifndef AGING_MERGE_H
#define AGING_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "report/aging_report.h"

/*
 * Add from (its currency, sums, items, oldest_days) into rep's row of key
 * (a customer id, or a collector, company or "" by rep->group_by).  name:
 * the customer's name where the master has none (ignored otherwise, or
 * when empty); oldest_doc: the doc_no of from's oldest overdue debit, or
 * NULL.  AR_ERANGE when a sum would overflow (the row may be half added:
 * the caller stops), AR_ENOMEM.
 */
ar_err aging_merge_row(struct aging_report *rep, const char *key, size_t key_len,
    const char *name, size_t name_len, const struct aging_row *from, const char *oldest_doc);

/* The same into rep's company or collector sums (track_sides). */
enum aging_side_kind { AGING_SIDE_COMPANY, AGING_SIDE_COLLECTOR };
ar_err aging_merge_side(struct aging_report *rep, enum aging_side_kind kind,
    const char *key, size_t key_len, const struct aging_row *from);

/*
 * All of from into rep: its rows (with the names from's customers carry),
 * its company and collector sums, and its counts (rows, from_terms, ...,
 * skipped amounts).  The two share policy and group_by.  On AR_ERANGE
 * *currency and *key say whose sum overflowed; AR_ENOMEM.
 */
ar_err aging_merge_report(struct aging_report *rep, const struct aging_report *from,
    currency_id *currency, const char **key);

#endif
