/*
 * remit_sheet.h - ar-remit's tables (issue 19): the direct-credit review,
 * as CSV (through a row sink) and as the workbook the team works from
 * (sheet "Direct credits", and "Notes"), and the list of credits for the
 * banking function.
 *
 * The review, one row per credit of the unmatched listing, in its order:
 *   payment_id,value_date,currency,amount,payer,reference,reason,
 *   customer,name,found_by,
 *   candidate_1,candidate_1_amount,candidate_1_difference, ... (N times),
 *   days,done,requested
 * reference the credit's reference, else its narrative; customer the
 * probable customer ("" for none), found_by how (remit.h);
 * candidate_K the doc_nos of the K-th best set joined with " + ", its open
 * amount and the credit's amount less it; N is [remit] candidates; days
 * from the value date to the as-of date; done one of "requested", "to
 * request" (no --out-dir), "already requested on DATE", "escalated", "to
 * escalate" (no --bank-list), "no customer", "no e-mail address";
 * requested the day of the first request, "" when never asked.
 *
 * The bank list, one row per credit escalated, columns fixed:
 *   payment_id,value_date,currency,amount,payer,bank_ref,reference,days,requested
 */
#ifndef REMIT_SHEET_H
#define REMIT_SHEET_H

#include <stddef.h>

#include "ar/customers.h"
#include "ar/remit.h"
#include "core/date.h"
#include "core/errors.h"
#include "report/row_sink.h"

struct remit_review {
	const struct remit *book;
	const struct customer_table *customers;
	const struct remit_case *cases;
	size_t n;
	const struct remit_policy *policy;      /* candidates: the candidate columns */
	civil_day as_of;
};

/* What was done about c, in the review's words, into buf. */
void remit_done_text(const struct remit_case *c, char *buf, size_t cap);

/* The header and rows of the review. */
void remit_review_write(struct row_sink *s, const struct remit_review *v);

/* The workbook: "Direct credits" (the review, filtered, panes frozen) and "Notes". */
ar_err remit_review_xlsx(const char *path, const struct remit_review *v, struct ar_error *e);

extern const char *const remit_bank_columns[];
#define REMIT_BANK_NCOLUMNS 9

/* The header and the escalated credits of the bank list. */
void remit_bank_list_write(struct row_sink *s, const struct remit_review *v);

#endif
