/*
 * aging_xlsx.h - the aging workbook that ar-age --xlsx writes:
 *
 *   Summary          header block, totals per currency by bucket, the
 *                    share of each bucket, counts, with rates the group
 *                    total in the reporting currency, subtotals by
 *                    company code, collector and status, a Notes block
 *                    on how the input was read, one chart per currency
 *   Aging            the per-customer aging: share of its currency, disputed,
 *                    over credit limit, with rates the total in the
 *                    reporting currency; TOTAL rows per currency that
 *                    follow the filter (SUBTOTAL 109)
 *   Large Past Due   the rows left by aging_report_large_past_due, with
 *                    the customer's master data, oldest overdue invoice
 *                    and, with a journal, its collection facts
 *   Movement         with a previous aging: this run against it
 *   Detail, Detail (2), ...   every item, when asked for
 *
 * Every sheet prints landscape on A4, one page wide, its header row on
 * each page, the company, title and as-of date above and "page N of M"
 * below; the Summary on one page.  Sheet names and captions are in
 * info.lang (report_lang.h); the values are the streams'.
 *
 * The workbook is in constant-memory mode: each sheet's rows go out in
 * order as they are written, and libxlsxwriter keeps one temporary file
 * per sheet, so the sheets can be filled in any order between them.
 * Detail is written while the items stream by (one row in memory at a
 * time); the others once the aging is done, at the end.  So memory
 * follows the customers, never the items.
 */
#ifndef AGING_XLSX_H
#define AGING_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "report/aging_report.h"
#include "core/csvio.h"
#include "ar/items.h"
#include "ar/journal.h"
#include "core/xlsx.h"
#include "core/fxrate.h"
#include "report/aging_movement.h"
#include "report/report_lang.h"

/* What the Summary's header block says and which sheets there are. */
struct aging_xlsx_info {
	const char *company;            /* [company] name, "" for none */
	civil_day as_of;                /* on every printed page */
	const char *const *sources;     /* item files; "-" or NULL entries are standard input */
	size_t nsources;
	const char *customers_path;     /* NULL: no master, no master columns */
	const char *journal_path;       /* NULL: no journal columns */
	/* The large-past-due rule, in words on the Summary (with the policy's past_due_days). */
	const char *lpd_min_amount;     /* NULL: any amount past due */
	const char *const *lpd_min_by_currency;  /* [CURRENCY_MAX] or NULL: .CODE minimums */
	bool lpd_in_reporting;          /* lpd_min_amount is in rates->reporting */
	long lpd_top;                   /* the N largest per currency; 0: all */
	bool detail;                    /* a Detail sheet */
	enum report_lang lang;
	const struct fx_rates *rates;   /* NULL: no reporting currency */
	const char *rates_source;       /* where the rates came from: a file, "ar.ini" */
	currency_id limit_currency;     /* the currency of the master's credit limits */
	const char *previous_path;      /* NULL: no Movement sheet */
};

/* Rows per Detail sheet: Excel's limit less the header. */
#define AGING_XLSX_DETAIL_ROWS (XLSX_MAX_ROWS - 1)

struct aging_xlsx;

/*
 * Create the workbook (written beside path, renamed on close) and its
 * sheets in display order.  The caller owns *out: aging_xlsx_close() or
 * aging_xlsx_abort().  AR_ECREATE (errno set), AR_ENOMEM, AR_EIO, with
 * *err saying why.
 */
ar_err aging_xlsx_open(struct aging_xlsx **out, const char *path,
    const struct aging_xlsx_info *info, struct ar_error *err);

/*
 * Detail: the input's column names once, then one row per item as it is
 * aged (the input's fields, typed by cols: amount as money in the item's
 * currency, doc_date and due_date as dates; then days_overdue and
 * bucket).  After AGING_XLSX_DETAIL_ROWS rows the next goes to a new
 * sheet "Detail (2)" with the same header, and so on.
 */
ar_err aging_xlsx_detail_header(struct aging_xlsx *x, const char *const *names, size_t n);
ar_err aging_xlsx_detail_row(struct aging_xlsx *x, const struct aging_buckets *buckets,
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

/* Movement, from this run against the previous aging (info.previous_path). */
ar_err aging_xlsx_write_movement(struct aging_xlsx *x, const struct aging_report *rep,
    const struct aging_movement *m);

/*
 * Finish every sheet, write and rename.  The book is freed either way; on
 * failure *err says why.
 */
ar_err aging_xlsx_close(struct aging_xlsx *x, struct ar_error *err);
void aging_xlsx_abort(struct aging_xlsx *x);

/* The last failure of a sheet call on a book still open. */
const struct ar_error *aging_xlsx_error(const struct aging_xlsx *x);

/* Whether a sheet call on x has failed (then every later one is pointless). */
bool aging_xlsx_failed(const struct aging_xlsx *x);

#endif
