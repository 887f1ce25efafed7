/*
 * aging_xlsx.h - the aging workbook that ar-age --xlsx writes:
 *
 *   Summary          header block, totals per currency by bucket, the
 *                    share of each bucket, counts, a stacked column chart
 *   Aging            the per-customer aging, totals per currency as SUMIF
 *                    formulas
 *   Large Past Due   the rows left by aging_report_large_past_due, with
 *                    the customer's master data, oldest overdue invoice
 *                    and, with a journal, its collection facts
 *   Detail, Detail (2), ...   every item, when asked for
 *
 * The workbook is in constant-memory mode: each sheet's rows go out in
 * order as they are written, and libxlsxwriter keeps one temporary file
 * per sheet, so the sheets can be filled in any order between them.
 * Detail is written while the items stream by (one row in memory at a
 * time); the other three once the aging is done, at the end.  So memory
 * follows the customers, never the items.
 */
#ifndef AGING_XLSX_H
#define AGING_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "aging_report.h"
#include "csvio.h"
#include "items.h"
#include "journal.h"
#include "xlsx.h"

/* What the Summary's header block says and which sheets there are. */
struct aging_xlsx_info {
	const char *company;            /* [company] name, "" for none */
	const char *const *sources;     /* item files; "-" or NULL entries are standard input */
	size_t nsources;
	const char *customers_path;     /* NULL: no master, no master columns */
	const char *journal_path;       /* NULL: no journal columns */
	const char *lpd_rule;           /* the large-past-due rule in words */
	bool detail;                    /* a Detail sheet */
};

/* Rows per Detail sheet: Excel's limit less the header. */
#define AGING_XLSX_DETAIL_ROWS (XLSX_MAX_ROWS - 1)

struct aging_xlsx;

/*
 * Create the workbook (written beside path, renamed on close) and its
 * sheets in display order.  The caller owns *out: aging_xlsx_close() or
 * aging_xlsx_abort().  AR_ECREATE (errno set), AR_ENOMEM, AR_EIO.
 */
ar_err aging_xlsx_open(struct aging_xlsx **out, const char *path,
    const struct aging_xlsx_info *info);

/*
 * Detail: the input's column names once, then one row per item as it is
 * aged (the input's fields, typed by cols: amount as money in the item's
 * currency, doc_date and due_date as dates; then days_overdue and
 * bucket).  After AGING_XLSX_DETAIL_ROWS rows the next goes to a new
 * sheet "Detail (2)" with the same header, and so on.
 */
ar_err aging_xlsx_detail_header(struct aging_xlsx *x, const char *const *names, size_t n);
ar_err aging_xlsx_detail_row(struct aging_xlsx *x, const struct aging_report *rep,
    const struct csvio_record *rec, const struct item_columns *cols,
    const struct item *it, struct aging_position pos);

/*
 * Summary and Aging, from a report sorted by key (aging_report_sort).
 * AR_ERANGE when a total does not fit in 64 bits or an amount is too
 * large for an Excel number (aging_xlsx_error says which).
 */
ar_err aging_xlsx_write_aging(struct aging_xlsx *x, const struct aging_report *rep);

/*
 * Large Past Due, from a report cut by aging_report_large_past_due; j may
 * be NULL (no journal columns).
 */
ar_err aging_xlsx_write_lpd(struct aging_xlsx *x, const struct aging_report *rep,
    struct journal *j);

/* Finish every sheet, write and rename.  The book is freed either way. */
ar_err aging_xlsx_close(struct aging_xlsx *x);
void aging_xlsx_abort(struct aging_xlsx *x);

/* Words for the last failure, or "". */
const char *aging_xlsx_error(const struct aging_xlsx *x);

#endif
