/*
 * recon_report.h - ar-recon's tables (issue 19): recon.csv and the
 * workbook, both through a row sink (row_sink.h) so that they cannot
 * drift apart.
 *
 * recon.csv:
 *   class,doc_no,their_ref,date,currency,ours,theirs,difference,note
 * a row per document of ours and per line of theirs left alone (recon.h),
 * ordered by currency code, class (matched, amount_differs,
 * missing_theirs, missing_ours, payment_in_transit, credit_note_pending),
 * date, doc_no and their line; ours or theirs empty where that side is
 * absent; then per currency, in code order, a row of class BALANCE: date
 * the as-of date, ours our balance, theirs theirs, difference the sum of
 * the differences (which is ours - theirs, checked), note saying so.
 *
 * recon.xlsx: the sheet Reconciliation (recon.csv's rows), the sheet
 * Summary (per currency and class: rows, ours, theirs, difference; then
 * the BALANCE line) and the sheet Notes (customer, their ledger, profile,
 * as-of date, the proof).
 */
#ifndef RECON_REPORT_H
#define RECON_REPORT_H

#include "ar/recon.h"
#include "core/date.h"
#include "core/errors.h"
#include "report/row_sink.h"

extern const char *const recon_columns[];
extern const unsigned recon_ncolumns;

/* What the workbook and the letter say of the run. */
struct recon_meta {
	const char *customer, *name, *address;   /* name, address: "" when unknown */
	const char *theirs_path, *profile;
	civil_day as_of;
};

/* The header and rows of recon.csv. */
void recon_write(struct row_sink *s, const struct recon *r, civil_day as_of);

/* The workbook at path, whole or not at all. */
ar_err recon_xlsx(const char *path, const struct recon *r, const struct recon_meta *m,
    struct ar_error *e);

#endif
